"""``mx.rnn`` cells: the symbolic (pre-Gluon) recurrent cells that build unrolled graphs from ``mx.sym``.

MXNet contract (1.9.1, ``python/mxnet/rnn/rnn_cell.py``):
- a cell owns ``RNNParams`` (shared Variables named ``<prefix><name>``, e.g. ``lstm_i2h_weight``) and is called
  once per time step as ``cell(inputs, states) -> (output, new_states)``; step ``t`` names its nodes
  ``<prefix>t<t>_...`` (``lstm_t0_i2h``, ``lstm_t0_out``, ``lstm_t0_state``);
- ``state_info`` gives each state's shape (``(0, num_hidden)``, batch unknown) and ``__layout__``;
  ``begin_state(func=sym.zeros, **kwargs)`` makes ``<prefix>begin_state_<k>`` states by calling ``func``;
- ``unroll(length, inputs, begin_state=None, layout='NTC', merge_outputs=None)`` resets the counters, splits a
  single input Symbol along ``T`` (squeezing it) or takes a list, steps ``length`` times and returns the
  outputs as a list, or merged along ``T`` with ``merge_outputs=True``;
- LSTM gates are sliced in the order i, f, c, o (``i2h_bias`` initialised by ``LSTMBias(forget_bias)``), GRU
  in the order r, z, o; ``SequentialRNNCell`` stacks cells, concatenating their states.
``FusedRNNCell`` and the convolutional / zoneout cells raise NotImplementedError.
"""
from .. import symbol
from .. import initializer as init
from ..base import string_types, unsupported

__all__ = ["RNNParams", "BaseRNNCell", "RNNCell", "LSTMCell", "GRUCell", "SequentialRNNCell", "DropoutCell",
           "ModifierCell", "ResidualCell", "BidirectionalCell", "FusedRNNCell", "ZoneoutCell",
           "ConvRNNCell", "ConvLSTMCell", "ConvGRUCell"]


class RNNParams(object):
    """Container of a cell's Variables, created on first ``get``."""

    def __init__(self, prefix=""):
        self._prefix = prefix
        self._params = {}

    def get(self, name, **kwargs):
        """The Variable ``prefix + name`` (created with ``kwargs`` the first time)."""
        name = self._prefix + name
        if name not in self._params:
            self._params[name] = symbol.Variable(name, **kwargs)
        return self._params[name]


def _normalize_sequence(length, inputs, layout, merge, in_layout=None):
    """Inputs as a list of per-step Symbols (``merge=False``), one Symbol merged along T (``True``), or as
    given (``None``); returns ``(inputs, T axis)``."""
    assert inputs is not None, "unroll(inputs=None) has been deprecated. Please create input variables outside unroll."
    axis = layout.find("T")
    in_axis = in_layout.find("T") if in_layout is not None else axis
    if isinstance(inputs, symbol.Symbol):
        if merge is False:
            assert len(inputs.list_outputs()) == 1, \
                "unroll doesn't allow grouped symbol as input. Please convert to list with list(inputs) first " \
                "or let unroll handle splitting."
            inputs = list(symbol.split(inputs, axis=in_axis, num_outputs=length, squeeze_axis=1))
    else:
        assert length is None or len(inputs) == length
        if merge is True:
            inputs = symbol.Concat(*[symbol.expand_dims(i, axis=axis) for i in inputs], dim=axis)
            in_axis = axis
    if isinstance(inputs, symbol.Symbol) and axis != in_axis:
        inputs = symbol.swapaxes(inputs, dim0=axis, dim1=in_axis)
    return inputs, axis


class BaseRNNCell(object):
    """Abstract cell: parameters, step counters, ``begin_state`` and ``unroll``."""

    def __init__(self, prefix="", params=None):
        if params is None:
            params = RNNParams(prefix)
            self._own_params = True
        else:
            self._own_params = False
        self._prefix = prefix
        self._params = params
        self._modified = False
        self.reset()

    def reset(self):
        """Reset the step and begin-state counters (before building a new graph)."""
        self._init_counter = -1
        self._counter = -1
        for cell in getattr(self, "_cells", ()):
            cell.reset()

    def __call__(self, inputs, states):
        raise NotImplementedError()

    @property
    def params(self):
        self._own_params = False
        return self._params

    @property
    def state_info(self):
        raise NotImplementedError()

    @property
    def state_shape(self):
        return [ele["shape"] for ele in self.state_info]

    @property
    def _gate_names(self):
        return ()

    def begin_state(self, func=symbol.zeros, **kwargs):
        """Initial states, one ``func(name='<prefix>begin_state_<k>', **state_info, **kwargs)`` each."""
        assert not self._modified, \
            "After applying modifier cells (e.g. DropoutCell) the base cell cannot be called directly. " \
            "Call the modifier cell instead."
        states = []
        for info in self.state_info:
            self._init_counter += 1
            if info is not None:
                kwargs.update(info)
            states.append(func(name="%sbegin_state_%d" % (self._prefix, self._init_counter), **kwargs))
        return states

    def unpack_weights(self, args):
        """Split each fused ``i2h``/``h2h`` weight and bias in ``args`` into per-gate arrays."""
        args = args.copy()
        if not self._gate_names:
            return args
        h = self._num_hidden
        for group_name in ("i2h", "h2h"):
            weight = args.pop("%s%s_weight" % (self._prefix, group_name))
            bias = args.pop("%s%s_bias" % (self._prefix, group_name))
            for j, gate in enumerate(self._gate_names):
                wname = "%s%s%s_weight" % (self._prefix, group_name, gate)
                args[wname] = weight[j * h:(j + 1) * h].copy()
                bname = "%s%s%s_bias" % (self._prefix, group_name, gate)
                args[bname] = bias[j * h:(j + 1) * h].copy()
        return args

    def pack_weights(self, args):
        """Inverse of ``unpack_weights``."""
        from .. import ndarray
        args = args.copy()
        if not self._gate_names:
            return args
        for group_name in ("i2h", "h2h"):
            weight, bias = [], []
            for gate in self._gate_names:
                weight.append(args.pop("%s%s%s_weight" % (self._prefix, group_name, gate)))
                bias.append(args.pop("%s%s%s_bias" % (self._prefix, group_name, gate)))
            args["%s%s_weight" % (self._prefix, group_name)] = ndarray.concatenate(weight)
            args["%s%s_bias" % (self._prefix, group_name)] = ndarray.concatenate(bias)
        return args

    def unroll(self, length, inputs, begin_state=None, layout="NTC", merge_outputs=None):
        """Step ``length`` times; returns ``(outputs, states)`` (see the module docstring)."""
        self.reset()
        inputs, _ = _normalize_sequence(length, inputs, layout, False)
        if begin_state is None:
            begin_state = self.begin_state()
        states = begin_state
        outputs = []
        for i in range(length):
            output, states = self(inputs[i], states)
            outputs.append(output)
        outputs, _ = _normalize_sequence(length, outputs, layout, merge_outputs)
        return outputs, states

    def _get_activation(self, inputs, activation, **kwargs):
        if isinstance(activation, string_types):
            return symbol.Activation(inputs, act_type=activation, **kwargs)
        return activation(inputs, **kwargs)

    def _fc_pair(self, inputs, state, width, name, sep=""):
        """The step's ``i2h`` and ``h2h`` FullyConnected nodes (``width`` = gates x num_hidden)."""
        i2h = symbol.FullyConnected(data=inputs, weight=self._iW, bias=self._iB, num_hidden=width,
                                    name="%s%si2h" % (name, sep))
        h2h = symbol.FullyConnected(data=state, weight=self._hW, bias=self._hB, num_hidden=width,
                                    name="%s%sh2h" % (name, sep))
        return i2h, h2h

    def _init_fc_params(self, i2h_bias_init=None):
        self._iW = self.params.get("i2h_weight")
        self._hW = self.params.get("h2h_weight")
        self._iB = self.params.get("i2h_bias") if i2h_bias_init is None else \
            self.params.get("i2h_bias", init=i2h_bias_init)
        self._hB = self.params.get("h2h_bias")

    def _step_name(self):
        self._counter += 1
        return "%st%d_" % (self._prefix, self._counter)


def _hidden_state_info(num_hidden, count):
    return [{"shape": (0, num_hidden), "__layout__": "NC"} for _ in range(count)]


class RNNCell(BaseRNNCell):
    """Elman cell: ``out = activation(i2h(x) + h2h(h))``."""

    def __init__(self, num_hidden, activation="tanh", prefix="rnn_", params=None):
        super(RNNCell, self).__init__(prefix=prefix, params=params)
        self._num_hidden = num_hidden
        self._activation = activation
        self._init_fc_params()

    @property
    def state_info(self):
        return _hidden_state_info(self._num_hidden, 1)

    @property
    def _gate_names(self):
        return ("",)

    def __call__(self, inputs, states):
        name = self._step_name()
        i2h, h2h = self._fc_pair(inputs, states[0], self._num_hidden, name)
        output = self._get_activation(i2h + h2h, self._activation, name="%sout" % name)
        return output, [output]


class LSTMCell(BaseRNNCell):
    """Long short-term memory cell (gates i, f, c, o); states ``[h, c]``."""

    def __init__(self, num_hidden, prefix="lstm_", params=None, forget_bias=1.0):
        super(LSTMCell, self).__init__(prefix=prefix, params=params)
        self._num_hidden = num_hidden
        self._init_fc_params(init.LSTMBias(forget_bias=forget_bias))

    @property
    def state_info(self):
        return _hidden_state_info(self._num_hidden, 2)

    @property
    def _gate_names(self):
        return ("_i", "_f", "_c", "_o")

    def __call__(self, inputs, states):
        name = self._step_name()
        i2h, h2h = self._fc_pair(inputs, states[0], self._num_hidden * 4, name)
        gates = symbol.SliceChannel(i2h + h2h, num_outputs=4, name="%sslice" % name)
        in_gate = symbol.Activation(gates[0], act_type="sigmoid", name="%si" % name)
        forget_gate = symbol.Activation(gates[1], act_type="sigmoid", name="%sf" % name)
        in_transform = symbol.Activation(gates[2], act_type="tanh", name="%sc" % name)
        out_gate = symbol.Activation(gates[3], act_type="sigmoid", name="%so" % name)
        next_c = symbol.elemwise_add(forget_gate * states[1], in_gate * in_transform, name="%sstate" % name)
        next_h = symbol.elemwise_mul(out_gate, symbol.Activation(next_c, act_type="tanh"), name="%sout" % name)
        return next_h, [next_h, next_c]


class GRUCell(BaseRNNCell):
    """Gated recurrent unit (gates r, z, o)."""

    def __init__(self, num_hidden, prefix="gru_", params=None):
        super(GRUCell, self).__init__(prefix=prefix, params=params)
        self._num_hidden = num_hidden
        self._init_fc_params()

    @property
    def state_info(self):
        return _hidden_state_info(self._num_hidden, 1)

    @property
    def _gate_names(self):
        return ("_r", "_z", "_o")

    def __call__(self, inputs, states):
        name = self._step_name()
        prev_h = states[0]
        i2h, h2h = self._fc_pair(inputs, prev_h, self._num_hidden * 3, name, sep="_")
        i2h_r, i2h_z, i2h = symbol.SliceChannel(i2h, num_outputs=3, name="%s_i2h_slice" % name)
        h2h_r, h2h_z, h2h = symbol.SliceChannel(h2h, num_outputs=3, name="%s_h2h_slice" % name)
        reset_gate = symbol.Activation(i2h_r + h2h_r, act_type="sigmoid", name="%s_r_act" % name)
        update_gate = symbol.Activation(i2h_z + h2h_z, act_type="sigmoid", name="%s_z_act" % name)
        next_h_tmp = symbol.Activation(i2h + reset_gate * h2h, act_type="tanh", name="%s_h_act" % name)
        next_h = symbol.elemwise_add((1. - update_gate) * next_h_tmp, update_gate * prev_h, name="%sout" % name)
        return next_h, [next_h]


def _cells_state_info(cells):
    return sum([c.state_info for c in cells], [])


def _split_states(cells, states):
    """``states`` cut into one list per cell, by each cell's state count."""
    out, p = [], 0
    for cell in cells:
        n = len(cell.state_info)
        out.append(states[p:p + n])
        p += n
    return out


class _CellGroup(BaseRNNCell):
    """A cell made of ``self._cells``: their states concatenated, weights (un)packed by each cell."""

    @property
    def state_info(self):
        return _cells_state_info(self._cells)

    def begin_state(self, **kwargs):
        assert not self._modified, \
            "After applying modifier cells (e.g. ZoneoutCell) the base cell cannot be called directly. " \
            "Call the modifier cell instead."
        return sum([c.begin_state(**kwargs) for c in self._cells], [])

    def unpack_weights(self, args):
        for cell in self._cells:
            args = cell.unpack_weights(args)
        return args

    def pack_weights(self, args):
        for cell in self._cells:
            args = cell.pack_weights(args)
        return args


class SequentialRNNCell(_CellGroup):
    """A stack of cells; its states are the cells' states concatenated."""

    def __init__(self, params=None):
        super(SequentialRNNCell, self).__init__(prefix="", params=params)
        self._override_cell_params = params is not None
        self._cells = []

    def add(self, cell):
        """Append ``cell`` to the stack."""
        self._cells.append(cell)
        if self._override_cell_params:
            assert cell._own_params, \
                "Either specify params for SequentialRNNCell or child cells, not both."
            cell.params._params.update(self.params._params)
        self.params._params.update(cell.params._params)


    def __call__(self, inputs, states):
        self._counter += 1
        next_states = []
        for cell, state in zip(self._cells, _split_states(self._cells, states)):
            assert not isinstance(cell, BidirectionalCell)
            inputs, state = cell(inputs, state)
            next_states.append(state)
        return inputs, sum(next_states, [])

    def unroll(self, length, inputs, begin_state=None, layout="NTC", merge_outputs=None):
        self.reset()
        if begin_state is None:
            begin_state = self.begin_state()
        last = len(self._cells) - 1
        next_states = []
        for i, (cell, states) in enumerate(zip(self._cells, _split_states(self._cells, begin_state))):
            inputs, states = cell.unroll(length, inputs=inputs, begin_state=states, layout=layout,
                                         merge_outputs=None if i < last else merge_outputs)
            next_states.extend(states)
        return inputs, next_states


class DropoutCell(BaseRNNCell):
    """Applies Dropout to its input; no state."""

    def __init__(self, dropout, prefix="dropout_", params=None):
        super(DropoutCell, self).__init__(prefix, params)
        assert isinstance(dropout, (int, float)), "dropout probability must be a number"
        self.dropout = dropout

    @property
    def state_info(self):
        return []

    def __call__(self, inputs, states):
        if self.dropout > 0:
            inputs = symbol.Dropout(data=inputs, p=self.dropout)
        return inputs, states

    def unroll(self, length, inputs, begin_state=None, layout="NTC", merge_outputs=None):
        self.reset()
        inputs, _ = _normalize_sequence(length, inputs, layout, merge_outputs)
        if isinstance(inputs, symbol.Symbol):
            return self(inputs, [])
        return super(DropoutCell, self).unroll(length, inputs, begin_state=begin_state, layout=layout,
                                               merge_outputs=merge_outputs)


class ModifierCell(BaseRNNCell):
    """Wraps a base cell and modifies its behaviour; the base cell may not be used directly afterwards."""

    def __init__(self, base_cell):
        super(ModifierCell, self).__init__()
        base_cell._modified = True
        self.base_cell = base_cell

    @property
    def params(self):
        self._own_params = False
        return self.base_cell.params

    @property
    def state_info(self):
        return self.base_cell.state_info

    def begin_state(self, init_sym=symbol.zeros, **kwargs):
        assert not self._modified, \
            "After applying modifier cells (e.g. DropoutCell) the base cell cannot be called directly. " \
            "Call the modifier cell instead."
        self.base_cell._modified = False
        begin = self.base_cell.begin_state(func=init_sym, **kwargs)
        self.base_cell._modified = True
        return begin

    def unpack_weights(self, args):
        return self.base_cell.unpack_weights(args)

    def pack_weights(self, args):
        return self.base_cell.pack_weights(args)

    def __call__(self, inputs, states):
        raise NotImplementedError


class ResidualCell(ModifierCell):
    """Adds the input to the base cell's output (``out = base(x) + x``)."""

    def __call__(self, inputs, states):
        output, states = self.base_cell(inputs, states)
        output = symbol.elemwise_add(output, inputs, name="%s_plus_residual" % output.name)
        return output, states

    def unroll(self, length, inputs, begin_state=None, layout="NTC", merge_outputs=None):
        self.reset()
        self.base_cell._modified = False
        outputs, states = self.base_cell.unroll(length, inputs=inputs, begin_state=begin_state, layout=layout,
                                                merge_outputs=merge_outputs)
        self.base_cell._modified = True
        merge_outputs = isinstance(outputs, symbol.Symbol) if merge_outputs is None else merge_outputs
        inputs, _ = _normalize_sequence(length, inputs, layout, merge_outputs)
        if merge_outputs:
            outputs = symbol.elemwise_add(outputs, inputs, name="%s_plus_residual" % outputs.name)
        else:
            outputs = [symbol.elemwise_add(o, i, name="%s_plus_residual" % o.name) for o, i in zip(outputs, inputs)]
        return outputs, states


class BidirectionalCell(_CellGroup):
    """Runs ``l_cell`` forward and ``r_cell`` backward in time and concatenates their outputs per step."""

    def __init__(self, l_cell, r_cell, params=None, output_prefix="bi_"):
        super(BidirectionalCell, self).__init__("", params=params)
        self._output_prefix = output_prefix
        self._override_cell_params = params is not None
        if self._override_cell_params:
            assert l_cell._own_params and r_cell._own_params, \
                "Either specify params for BidirectionalCell or child cells, not both."
            l_cell.params._params.update(self.params._params)
            r_cell.params._params.update(self.params._params)
        self.params._params.update(l_cell.params._params)
        self.params._params.update(r_cell.params._params)
        self._cells = [l_cell, r_cell]

    def __call__(self, inputs, states):
        raise NotImplementedError("Bidirectional cannot be stepped. Please use unroll")

    def unroll(self, length, inputs, begin_state=None, layout="NTC", merge_outputs=None):
        self.reset()
        inputs, axis = _normalize_sequence(length, inputs, layout, False)
        if begin_state is None:
            begin_state = self.begin_state()
        l_cell, r_cell = self._cells
        l_states, r_states = _split_states(self._cells, begin_state)
        l_outputs, l_states = l_cell.unroll(length, inputs=inputs, begin_state=l_states, layout=layout,
                                            merge_outputs=merge_outputs)
        r_outputs, r_states = r_cell.unroll(length, inputs=list(reversed(inputs)), begin_state=r_states,
                                            layout=layout, merge_outputs=merge_outputs)
        if merge_outputs is None:
            merge_outputs = isinstance(l_outputs, symbol.Symbol) and isinstance(r_outputs, symbol.Symbol)
            l_outputs, _ = _normalize_sequence(None, l_outputs, layout, merge_outputs)
            r_outputs, _ = _normalize_sequence(None, r_outputs, layout, merge_outputs)
        if merge_outputs:
            r_outputs = symbol.reverse(r_outputs, axis=axis)
            outputs = symbol.Concat(l_outputs, r_outputs, dim=2, name="%sout" % self._output_prefix)
        else:
            outputs = [symbol.Concat(l_o, r_o, dim=1, name="%st%d" % (self._output_prefix, i))
                       for i, (l_o, r_o) in enumerate(zip(l_outputs, reversed(r_outputs)))]
        return outputs, [l_states, r_states]


def _unsupported_cell(name, why):
    class Cell(BaseRNNCell):
        def __init__(self, *args, **kwargs):
            raise unsupported("mx.rnn." + name, why)
    Cell.__name__ = Cell.__qualname__ = name
    return Cell


FusedRNNCell = _unsupported_cell("FusedRNNCell", "use mx.rnn.LSTMCell/GRUCell stacks or gluon.rnn layers")
ZoneoutCell = _unsupported_cell("ZoneoutCell", "zoneout cells")
ConvRNNCell = _unsupported_cell("ConvRNNCell", "convolutional RNN cells")
ConvLSTMCell = _unsupported_cell("ConvLSTMCell", "convolutional RNN cells")
ConvGRUCell = _unsupported_cell("ConvGRUCell", "convolutional RNN cells")
