"""``mx.gluon.nn`` convolution and pooling layers.

MXNet contract (1.9.1): ``Conv{1,2,3}D`` / ``Conv{1,2,3}DTranspose`` are HybridBlocks over ``F.Convolution`` /
``F.Deconvolution`` whose ``weight``/``bias`` shapes come from the operator's own shape rule with the unknown
input channels left 0 (deferred); name hint ``conv``. Pooling layers (hint ``pool``) call ``F.Pooling`` with
``pooling_convention='full'`` for ``ceil_mode=True``; the global ones pool the whole window. Scalars given for
sizes, strides, paddings are repeated per spatial dimension.
"""
from ..block import HybridBlock
from ... import symbol
from ...base import numeric_types
from .activations import Activation

__all__ = ['Conv1D', 'Conv2D', 'Conv3D', 'Conv1DTranspose', 'Conv2DTranspose', 'Conv3DTranspose',
           'MaxPool1D', 'MaxPool2D', 'MaxPool3D', 'AvgPool1D', 'AvgPool2D', 'AvgPool3D',
           'GlobalMaxPool1D', 'GlobalMaxPool2D', 'GlobalMaxPool3D', 'GlobalAvgPool1D', 'GlobalAvgPool2D',
           'GlobalAvgPool3D', 'ReflectionPad2D']

_LAYOUTS = {1: ('NCW', 'NWC'), 2: ('NCHW', 'NHWC'), 3: ('NCDHW', 'NDHWC')}


def _tuple(value, n, what):
    if isinstance(value, numeric_types):
        value = (value,) * n
    assert len(value) == n, "%s must be a number or a list of %d ints" % (what, n)
    return tuple(value)


def _infer_weight_shape(op_name, data_shape, kwargs):
    data = symbol.var('data', shape=data_shape)
    return getattr(symbol, op_name)(data, **kwargs).infer_shape_partial()[0]


class _Conv(HybridBlock):
    """Shared body of the convolution layers."""

    def __init__(self, channels, kernel_size, strides, padding, dilation, groups, layout, in_channels=0,
                 activation=None, use_bias=True, weight_initializer=None, bias_initializer='zeros',
                 op_name='Convolution', adj=None, prefix=None, params=None):
        super(_Conv, self).__init__(prefix=prefix, params=params)
        with self.name_scope():
            self._channels = channels
            self._in_channels = in_channels
            n = len(kernel_size)
            strides, padding, dilation = (_tuple(v, n, w) if isinstance(v, numeric_types) else v for v, w in
                                          ((strides, 'strides'), (padding, 'padding'), (dilation, 'dilation')))
            self._op_name = op_name
            self._kwargs = {'kernel': kernel_size, 'stride': strides, 'dilate': dilation, 'pad': padding,
                            'num_filter': channels, 'num_group': groups, 'no_bias': not use_bias, 'layout': layout}
            if adj is not None:
                self._kwargs['adj'] = adj
            dshape = [0] * (n + 2)
            dshape[layout.find('N')] = 1
            dshape[layout.find('C')] = in_channels
            wshapes = _infer_weight_shape(op_name, dshape, self._kwargs)
            self.weight = self.params.get('weight', shape=wshapes[1], init=weight_initializer,
                                          allow_deferred_init=True)
            if use_bias:
                self.bias = self.params.get('bias', shape=wshapes[2], init=bias_initializer,
                                            allow_deferred_init=True)
            else:
                self.bias = None
            self.act = Activation(activation, prefix=activation + '_') if activation is not None else None

    def hybrid_forward(self, F, x, weight, bias=None):
        op = getattr(F, self._op_name)
        if bias is None:
            act = op(x, weight, name='fwd', **self._kwargs)
        else:
            act = op(x, weight, bias, name='fwd', **self._kwargs)
        if self.act is not None:
            act = self.act(act)
        return act

    def _alias(self):
        return 'conv'

    def __repr__(self):
        s = '{name}({mapping}, kernel_size={kernel}, stride={stride}'
        n = len(self._kwargs['kernel'])
        if self._kwargs['pad'] != (0,) * n:
            s += ', padding={pad}'
        if self._kwargs['dilate'] != (1,) * n:
            s += ', dilation={dilate}'
        if hasattr(self, 'out_pad') and self.out_pad != (0,) * n:
            s += ', output_padding={out_pad}'.format(out_pad=self.out_pad)
        if self._kwargs['num_group'] != 1:
            s += ', groups={num_group}'
        if self.bias is None:
            s += ', bias=False'
        if self.act:
            s += ', {}'.format(self.act)
        s += ')'
        shape = self.weight.shape
        return s.format(name=self.__class__.__name__,
                        mapping='{0} -> {1}'.format(shape[1] if shape[1] else None, shape[0]), **self._kwargs)


def _conv_init(self, cls, ndim, channels, kernel_size, strides, padding, dilation, groups, layout, activation,
               use_bias, weight_initializer, bias_initializer, in_channels, kwargs, output_padding=None):
    allowed = _LAYOUTS[ndim][:1] if ndim == 1 else _LAYOUTS[ndim]
    assert layout in allowed, "Only supports %s layout for now" % " and ".join("'%s'" % a for a in allowed)
    kernel_size = _tuple(kernel_size, ndim, "kernel_size")
    if output_padding is None:
        op_name = kwargs.pop('op_name', 'Convolution')
        adj = None
    else:
        output_padding = _tuple(output_padding, ndim, "output_padding")
        op_name = kwargs.pop('op_name', 'Deconvolution')
        adj = output_padding
    super(cls, self).__init__(channels, kernel_size, strides, padding, dilation, groups, layout, in_channels,
                              activation, use_bias, weight_initializer, bias_initializer, op_name=op_name, adj=adj,
                              **kwargs)
    if output_padding is not None:
        self.outpad = output_padding


class Conv1D(_Conv):
    """1-D convolution (NCW)."""

    def __init__(self, channels, kernel_size, strides=1, padding=0, dilation=1, groups=1, layout='NCW',
                 activation=None, use_bias=True, weight_initializer=None, bias_initializer='zeros', in_channels=0,
                 **kwargs):
        _conv_init(self, Conv1D, 1, channels, kernel_size, strides, padding, dilation, groups, layout, activation,
                   use_bias, weight_initializer, bias_initializer, in_channels, kwargs)


class Conv2D(_Conv):
    """2-D convolution (NCHW or NHWC)."""

    def __init__(self, channels, kernel_size, strides=(1, 1), padding=(0, 0), dilation=(1, 1), groups=1,
                 layout='NCHW', activation=None, use_bias=True, weight_initializer=None, bias_initializer='zeros',
                 in_channels=0, **kwargs):
        _conv_init(self, Conv2D, 2, channels, kernel_size, strides, padding, dilation, groups, layout, activation,
                   use_bias, weight_initializer, bias_initializer, in_channels, kwargs)


class Conv3D(_Conv):
    """3-D convolution (NCDHW or NDHWC)."""

    def __init__(self, channels, kernel_size, strides=(1, 1, 1), padding=(0, 0, 0), dilation=(1, 1, 1), groups=1,
                 layout='NCDHW', activation=None, use_bias=True, weight_initializer=None, bias_initializer='zeros',
                 in_channels=0, **kwargs):
        _conv_init(self, Conv3D, 3, channels, kernel_size, strides, padding, dilation, groups, layout, activation,
                   use_bias, weight_initializer, bias_initializer, in_channels, kwargs)


class Conv1DTranspose(_Conv):
    """1-D transposed convolution (NCW)."""

    def __init__(self, channels, kernel_size, strides=1, padding=0, output_padding=0, dilation=1, groups=1,
                 layout='NCW', activation=None, use_bias=True, weight_initializer=None, bias_initializer='zeros',
                 in_channels=0, **kwargs):
        _conv_init(self, Conv1DTranspose, 1, channels, kernel_size, strides, padding, dilation, groups, layout,
                   activation, use_bias, weight_initializer, bias_initializer, in_channels, kwargs, output_padding)


class Conv2DTranspose(_Conv):
    """2-D transposed convolution (NCHW or NHWC)."""

    def __init__(self, channels, kernel_size, strides=(1, 1), padding=(0, 0), output_padding=(0, 0),
                 dilation=(1, 1), groups=1, layout='NCHW', activation=None, use_bias=True, weight_initializer=None,
                 bias_initializer='zeros', in_channels=0, **kwargs):
        _conv_init(self, Conv2DTranspose, 2, channels, kernel_size, strides, padding, dilation, groups, layout,
                   activation, use_bias, weight_initializer, bias_initializer, in_channels, kwargs, output_padding)


class Conv3DTranspose(_Conv):
    """3-D transposed convolution (NCDHW or NDHWC)."""

    def __init__(self, channels, kernel_size, strides=(1, 1, 1), padding=(0, 0, 0), output_padding=(0, 0, 0),
                 dilation=(1, 1, 1), groups=1, layout='NCDHW', activation=None, use_bias=True,
                 weight_initializer=None, bias_initializer='zeros', in_channels=0, **kwargs):
        _conv_init(self, Conv3DTranspose, 3, channels, kernel_size, strides, padding, dilation, groups, layout,
                   activation, use_bias, weight_initializer, bias_initializer, in_channels, kwargs, output_padding)


class _Pooling(HybridBlock):
    """Shared body of the pooling layers."""

    def __init__(self, pool_size, strides, padding, ceil_mode, global_pool, pool_type, layout,
                 count_include_pad=None, **kwargs):
        super(_Pooling, self).__init__(**kwargs)
        if strides is None:
            strides = pool_size
        if isinstance(strides, numeric_types):
            strides = (strides,) * len(pool_size)
        if isinstance(padding, numeric_types):
            padding = (padding,) * len(pool_size)
        self._kwargs = {'kernel': pool_size, 'stride': strides, 'pad': padding, 'global_pool': global_pool,
                        'pool_type': pool_type, 'layout': layout,
                        'pooling_convention': 'full' if ceil_mode else 'valid'}
        if count_include_pad is not None:
            self._kwargs['count_include_pad'] = count_include_pad

    def _alias(self):
        return 'pool'

    def hybrid_forward(self, F, x):
        return F.Pooling(x, name='fwd', **self._kwargs)

    def __repr__(self):
        s = '{name}(size={kernel}, stride={stride}, padding={pad}, ceil_mode={ceil_mode}'
        s += ', global_pool={global_pool}, pool_type={pool_type}, layout={layout})'
        return s.format(name=self.__class__.__name__, ceil_mode=self._kwargs['pooling_convention'] == 'full',
                        **self._kwargs)


def _pool_init(self, cls, ndim, pool_type, pool_size, strides, padding, ceil_mode, layout, kwargs,
               count_include_pad=None):
    assert layout in _LAYOUTS[ndim], "Only %s layouts are valid for %dD Pooling" % (
        " and ".join(_LAYOUTS[ndim]), ndim)
    pool_size = _tuple(pool_size, ndim, "pool_size")
    super(cls, self).__init__(pool_size, strides, padding, ceil_mode, False, pool_type, layout, count_include_pad,
                              **kwargs)


def _global_init(self, cls, ndim, pool_type, layout, kwargs):
    assert layout in _LAYOUTS[ndim], "Only %s layouts are valid for %dD Pooling" % (
        " and ".join(_LAYOUTS[ndim]), ndim)
    super(cls, self).__init__((1,) * ndim, None, 0, True, True, pool_type, layout, **kwargs)


class MaxPool1D(_Pooling):
    def __init__(self, pool_size=2, strides=None, padding=0, layout='NCW', ceil_mode=False, **kwargs):
        _pool_init(self, MaxPool1D, 1, 'max', pool_size, strides, padding, ceil_mode, layout, kwargs)


class MaxPool2D(_Pooling):
    def __init__(self, pool_size=(2, 2), strides=None, padding=0, layout='NCHW', ceil_mode=False, **kwargs):
        _pool_init(self, MaxPool2D, 2, 'max', pool_size, strides, padding, ceil_mode, layout, kwargs)


class MaxPool3D(_Pooling):
    def __init__(self, pool_size=(2, 2, 2), strides=None, padding=0, ceil_mode=False, layout='NCDHW', **kwargs):
        _pool_init(self, MaxPool3D, 3, 'max', pool_size, strides, padding, ceil_mode, layout, kwargs)


class AvgPool1D(_Pooling):
    def __init__(self, pool_size=2, strides=None, padding=0, layout='NCW', ceil_mode=False, count_include_pad=True,
                 **kwargs):
        _pool_init(self, AvgPool1D, 1, 'avg', pool_size, strides, padding, ceil_mode, layout, kwargs,
                   count_include_pad)


class AvgPool2D(_Pooling):
    def __init__(self, pool_size=(2, 2), strides=None, padding=0, ceil_mode=False, layout='NCHW',
                 count_include_pad=True, **kwargs):
        _pool_init(self, AvgPool2D, 2, 'avg', pool_size, strides, padding, ceil_mode, layout, kwargs,
                   count_include_pad)


class AvgPool3D(_Pooling):
    def __init__(self, pool_size=(2, 2, 2), strides=None, padding=0, ceil_mode=False, layout='NCDHW',
                 count_include_pad=True, **kwargs):
        _pool_init(self, AvgPool3D, 3, 'avg', pool_size, strides, padding, ceil_mode, layout, kwargs,
                   count_include_pad)


class GlobalMaxPool1D(_Pooling):
    def __init__(self, layout='NCW', **kwargs):
        _global_init(self, GlobalMaxPool1D, 1, 'max', layout, kwargs)


class GlobalMaxPool2D(_Pooling):
    def __init__(self, layout='NCHW', **kwargs):
        _global_init(self, GlobalMaxPool2D, 2, 'max', layout, kwargs)


class GlobalMaxPool3D(_Pooling):
    def __init__(self, layout='NCDHW', **kwargs):
        _global_init(self, GlobalMaxPool3D, 3, 'max', layout, kwargs)


class GlobalAvgPool1D(_Pooling):
    def __init__(self, layout='NCW', **kwargs):
        _global_init(self, GlobalAvgPool1D, 1, 'avg', layout, kwargs)


class GlobalAvgPool2D(_Pooling):
    def __init__(self, layout='NCHW', **kwargs):
        _global_init(self, GlobalAvgPool2D, 2, 'avg', layout, kwargs)


class GlobalAvgPool3D(_Pooling):
    def __init__(self, layout='NCDHW', **kwargs):
        _global_init(self, GlobalAvgPool3D, 3, 'avg', layout, kwargs)


class ReflectionPad2D(HybridBlock):
    """Reflection padding of the two spatial axes of NCHW input."""

    def __init__(self, padding=0, **kwargs):
        super(ReflectionPad2D, self).__init__(**kwargs)
        if isinstance(padding, numeric_types):
            padding = (0, 0, 0, 0, padding, padding, padding, padding)
        assert len(padding) == 8
        self._padding = padding

    def hybrid_forward(self, F, x):
        return F.pad(x, mode='reflect', pad_width=self._padding)
