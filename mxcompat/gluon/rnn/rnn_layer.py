"""``mx.gluon.rnn`` fused layers RNN, LSTM and GRU over the registry's ``RNN`` operator.

MXNet contract (1.9.1):
- parameters ``{l|r}{layer}_{i2h|h2h}_{weight|bias}`` (and ``_h2r_weight`` with an LSTM projection), shapes
  ``(G*H, in)``, ``(G*H, H or P)``, ``(G*H,)``; they are flattened and concatenated (all weights by layer and
  direction, then all biases) into the operator's single ``parameters`` vector, so files saved by MXNet load;
- ``layer(x)`` returns the output only; ``layer(x, states)`` returns ``(output, new_states)``; missing states
  are zeros from ``begin_state``; states are ``(L*D, N, H)`` (LSTM: ``[h, c]``);
- ``layout`` 'TNC' or 'NTC'; dropout between layers in training; ``use_sequence_length`` adds a third input;
- ``save_parameters`` keys follow MXNet's legacy unfused form (``_unfused.0.l_cell.i2h_weight``).
Deliberate difference: the input size of an RNN layer with ``input_size=0`` is inferred from the input when
the layer itself runs (imperatively or hybridized); a hybridized parent graph cannot infer it through the
concatenated parameter vector, so pass ``input_size`` there.
"""
import re

from ... import symbol, ndarray
from ..block import HybridBlock
from . import rnn_cell

__all__ = ['RNN', 'LSTM', 'GRU']

_GATES = {'rnn_relu': 1, 'rnn_tanh': 1, 'lstm': 4, 'gru': 3}


class _RNNLayer(HybridBlock):
    """Fused multi-layer recurrent layer."""

    def __init__(self, hidden_size, num_layers, layout, dropout, bidirectional, input_size,
                 i2h_weight_initializer, h2h_weight_initializer, i2h_bias_initializer, h2h_bias_initializer,
                 mode, projection_size, h2r_weight_initializer, lstm_state_clip_min, lstm_state_clip_max,
                 lstm_state_clip_nan, dtype, use_sequence_length=False, **kwargs):
        super(_RNNLayer, self).__init__(**kwargs)
        assert layout in ('TNC', 'NTC'), "Invalid layout %s; must be one of ['TNC' or 'NTC']" % layout
        self._hidden_size = hidden_size
        self._projection_size = projection_size if projection_size else None
        self._num_layers = num_layers
        self._mode = mode
        self._layout = layout
        self._dropout = dropout
        self._dir = 2 if bidirectional else 1
        self._input_size = input_size
        self._i2h_weight_initializer = i2h_weight_initializer
        self._h2h_weight_initializer = h2h_weight_initializer
        self._i2h_bias_initializer = i2h_bias_initializer
        self._h2h_bias_initializer = h2h_bias_initializer
        self._h2r_weight_initializer = h2r_weight_initializer
        self._lstm_state_clip_min = lstm_state_clip_min
        self._lstm_state_clip_max = lstm_state_clip_max
        self._lstm_state_clip_nan = lstm_state_clip_nan
        self._dtype = dtype
        self._use_sequence_length = use_sequence_length
        self.skip_states = None
        self._gates = _GATES[mode]
        ng, ni, nh, npj = self._gates, input_size, hidden_size, self._projection_size
        for i in range(num_layers):
            for d in ['l', 'r'][:self._dir]:
                self._register_param('%s%d_i2h_weight' % (d, i), (ng * nh, ni), i2h_weight_initializer, dtype)
                self._register_param('%s%d_h2h_weight' % (d, i), (ng * nh, npj or nh), h2h_weight_initializer,
                                     dtype)
                self._register_param('%s%d_i2h_bias' % (d, i), (ng * nh,), i2h_bias_initializer, dtype)
                self._register_param('%s%d_h2h_bias' % (d, i), (ng * nh,), h2h_bias_initializer, dtype)
                if npj:
                    self._register_param('%s%d_h2r_weight' % (d, i), (npj, nh), h2r_weight_initializer, dtype)
            ni = (npj or nh) * self._dir

    def _register_param(self, name, shape, init, dtype):
        p = self.params.get(name, shape=shape, init=init, allow_deferred_init=True, dtype=dtype)
        setattr(self, name, p)
        return p

    def __repr__(self):
        s = '{name}({mapping}, {layout}'
        if self._num_layers != 1:
            s += ', num_layers={num_layers}'
        if self._dropout != 0:
            s += ', dropout={dropout}'
        if self._dir == 2:
            s += ', bidirectional'
        s += ')'
        shape = self.l0_i2h_weight.shape
        mapping = '{0} -> {1}'.format(shape[1] if shape[1] else None, shape[0] // self._gates)
        return s.format(name=self.__class__.__name__, mapping=mapping, layout=self._layout,
                        num_layers=self._num_layers, dropout=self._dropout)

    def _collect_params_with_prefix(self, prefix=''):
        if prefix:
            prefix += '.'
        pattern = re.compile(r'(l|r)(\d)_(i2h|h2h|h2r)_(weight|bias)\Z')
        matches = {key: pattern.match(key) for key in self._reg_params}
        bidirectional = any(m.group(1) == 'r' for m in matches.values())

        def convert(m):
            d, layer, g, t = m.groups()
            if bidirectional:
                return '_unfused.{}.{}_cell.{}_{}'.format(layer, d, g, t)
            return '_unfused.{}.{}_{}'.format(layer, g, t)
        ret = {prefix + convert(matches[key]): val for key, val in self._reg_params.items()}
        for name, child in self._children.items():
            ret.update(child._collect_params_with_prefix(prefix + name))
        return ret

    def state_info(self, batch_size=0):
        raise NotImplementedError

    def _state_shape(self, batch_size, size):
        return {'shape': (self._num_layers * self._dir, batch_size, size), '__layout__': 'LNC',
                'dtype': self._dtype}

    def _unfuse(self):
        """The equivalent stack of cells (sharing this layer's parameters)."""
        assert not self._projection_size, "_unfuse does not support projection layer yet!"
        assert not self._lstm_state_clip_min and not self._lstm_state_clip_max, \
            "_unfuse does not support state clipping yet!"
        mode = self._mode

        def get_cell(**kwargs):
            if mode.startswith('rnn_'):
                return rnn_cell.RNNCell(self._hidden_size, activation=mode[4:], **kwargs)
            cls = rnn_cell.LSTMCell if mode == 'lstm' else rnn_cell.GRUCell
            return cls(self._hidden_size, **kwargs)
        stack = rnn_cell.HybridSequentialRNNCell(prefix=self.prefix, params=self.params)
        with stack.name_scope():
            ni = self._input_size
            for i in range(self._num_layers):
                kwargs = {'input_size': ni, 'i2h_weight_initializer': self._i2h_weight_initializer,
                          'h2h_weight_initializer': self._h2h_weight_initializer,
                          'i2h_bias_initializer': self._i2h_bias_initializer,
                          'h2h_bias_initializer': self._h2h_bias_initializer}
                if self._dir == 2:
                    stack.add(rnn_cell.BidirectionalCell(get_cell(prefix='l%d_' % i, **kwargs),
                                                         get_cell(prefix='r%d_' % i, **kwargs)))
                else:
                    stack.add(get_cell(prefix='l%d_' % i, **kwargs))
                if self._dropout > 0 and i != self._num_layers - 1:
                    stack.add(rnn_cell.DropoutCell(self._dropout))
                ni = self._hidden_size * self._dir
        return stack

    def cast(self, dtype):
        super(_RNNLayer, self).cast(dtype)
        self._dtype = dtype

    def begin_state(self, batch_size=0, func=ndarray.zeros, **kwargs):
        """Initial states, each ``func(name='<prefix>h0_<k>', shape=..., **kwargs)``."""
        states = []
        for i, info in enumerate(self.state_info(batch_size)):
            info = dict(info, **kwargs) if info is not None else kwargs
            states.append(func(name='%sh0_%d' % (self.prefix, i), **info))
        return states

    def infer_shape(self, inputs, *args):
        """Set the first layer's input size from ``inputs`` (other shapes are fixed at construction)."""
        in_size = inputs.shape[self._layout.find('C')]
        for d in ['l', 'r'][:self._dir]:
            p = getattr(self, '%s0_i2h_weight' % d)
            p.shape = (p.shape[0], in_size)

    def __call__(self, inputs, states=None, sequence_length=None, **kwargs):
        self.skip_states = states is None
        if states is None:
            if isinstance(inputs, ndarray.NDArray):
                batch_size = inputs.shape[self._layout.find('N')]
                states = self.begin_state(batch_size, ctx=inputs.context, dtype=inputs.dtype)
            else:
                states = self.begin_state(0, func=symbol.zeros)
        if isinstance(states, (ndarray.NDArray, symbol.Symbol)):
            states = [states]
        if self._use_sequence_length:
            return super(_RNNLayer, self).__call__(inputs, states, sequence_length, **kwargs)
        return super(_RNNLayer, self).__call__(inputs, states, **kwargs)

    def hybrid_forward(self, F, inputs, states, sequence_length=None, **kwargs):
        if F is ndarray:
            batch_size = inputs.shape[self._layout.find('N')]
            for state, info in zip(states, self.state_info(batch_size)):
                if state.shape != info['shape']:
                    raise ValueError("Invalid recurrent state shape. Expecting %s, got %s." % (
                        str(info['shape']), str(state.shape)))
        out = self._forward_kernel(F, inputs, states, sequence_length, **kwargs)
        return out[0] if self.skip_states else out

    def _flat_param_names(self):
        groups = ['i2h', 'h2h', 'h2r'] if self._projection_size else ['i2h', 'h2h']
        return ['%s%d_%s_%s' % (d, layer, g, t) for t in ['weight', 'bias'] for layer in range(self._num_layers)
                for d in ['l', 'r'][:self._dir] for g in groups if g != 'h2r' or t != 'bias']

    def _forward_kernel(self, F, inputs, states, sequence_length, **kwargs):
        if self._layout == 'NTC':
            inputs = F.swapaxes(inputs, 0, 1)
        params = F.concat(*[kwargs[n].reshape(-1) for n in self._flat_param_names()], dim=0)
        rnn_args = list(states) + ([sequence_length] if self._use_sequence_length else [])
        rnn = F.RNN(inputs, params, *rnn_args, use_sequence_length=self._use_sequence_length,
                    state_size=self._hidden_size, projection_size=self._projection_size,
                    num_layers=self._num_layers, bidirectional=self._dir == 2, p=self._dropout,
                    state_outputs=True, mode=self._mode, lstm_state_clip_min=self._lstm_state_clip_min,
                    lstm_state_clip_max=self._lstm_state_clip_max, lstm_state_clip_nan=self._lstm_state_clip_nan)
        outputs, states = (rnn[0], [rnn[1], rnn[2]]) if self._mode == 'lstm' else (rnn[0], [rnn[1]])
        if self._layout == 'NTC':
            outputs = F.swapaxes(outputs, 0, 1)
        return outputs, states


class RNN(_RNNLayer):
    """Multi-layer Elman RNN (``activation`` 'relu' or 'tanh'); state ``(L*D, N, H)``."""

    def __init__(self, hidden_size, num_layers=1, activation='relu', layout='TNC', dropout=0, bidirectional=False,
                 i2h_weight_initializer=None, h2h_weight_initializer=None, i2h_bias_initializer='zeros',
                 h2h_bias_initializer='zeros', input_size=0, dtype='float32', **kwargs):
        super(RNN, self).__init__(hidden_size, num_layers, layout, dropout, bidirectional, input_size,
                                  i2h_weight_initializer, h2h_weight_initializer, i2h_bias_initializer,
                                  h2h_bias_initializer, 'rnn_' + activation, None, None, None, None, False, dtype,
                                  **kwargs)

    def state_info(self, batch_size=0):
        return [self._state_shape(batch_size, self._hidden_size)]


class LSTM(_RNNLayer):
    """Multi-layer LSTM (optional projection and state clipping); states ``[h (L*D, N, P or H), c]``."""

    def __init__(self, hidden_size, num_layers=1, layout='TNC', dropout=0, bidirectional=False, input_size=0,
                 i2h_weight_initializer=None, h2h_weight_initializer=None, i2h_bias_initializer='zeros',
                 h2h_bias_initializer='zeros', projection_size=None, h2r_weight_initializer=None,
                 state_clip_min=None, state_clip_max=None, state_clip_nan=False, dtype='float32', **kwargs):
        super(LSTM, self).__init__(hidden_size, num_layers, layout, dropout, bidirectional, input_size,
                                   i2h_weight_initializer, h2h_weight_initializer, i2h_bias_initializer,
                                   h2h_bias_initializer, 'lstm', projection_size, h2r_weight_initializer,
                                   state_clip_min, state_clip_max, state_clip_nan, dtype, **kwargs)

    def state_info(self, batch_size=0):
        return [self._state_shape(batch_size, self._projection_size or self._hidden_size),
                self._state_shape(batch_size, self._hidden_size)]


class GRU(_RNNLayer):
    """Multi-layer GRU (reset gate applied after the h2h product); state ``(L*D, N, H)``."""

    def __init__(self, hidden_size, num_layers=1, layout='TNC', dropout=0, bidirectional=False, input_size=0,
                 i2h_weight_initializer=None, h2h_weight_initializer=None, i2h_bias_initializer='zeros',
                 h2h_bias_initializer='zeros', dtype='float32', **kwargs):
        super(GRU, self).__init__(hidden_size, num_layers, layout, dropout, bidirectional, input_size,
                                  i2h_weight_initializer, h2h_weight_initializer, i2h_bias_initializer,
                                  h2h_bias_initializer, 'gru', None, None, None, None, False, dtype, **kwargs)

    def state_info(self, batch_size=0):
        return [self._state_shape(batch_size, self._hidden_size)]
