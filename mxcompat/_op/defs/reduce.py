"""Reductions with MXNet's ``axis``/``keepdims``/``exclude`` rules and arg-reductions.

MXNet contract: a reduction to a scalar returns shape ``(1,)`` (not a 0-d array) unless ``keepdims``;
``axis=()`` also reduces every axis; integer inputs keep their dtype (``mean`` truncates toward zero).
``max``/``min`` send the gradient to every element equal to the result (ties each get all of it); ``prod``
differentiates as ``out / x`` (nan at a zero input, as MXNet). ``argmax``/``argmin`` return indices in the input
dtype (float32 for float32), flattened when ``axis`` is None, with a zero gradient; ``argmax_channel`` is
``argmax(axis=1)``. ``norm`` supports ord 1 and 2. ``moments`` needs explicit axes. ``cumsum`` takes only
non-negative axes (MXNet 1.9.1 rejects -1) and casts to ``dtype`` before accumulating. ``_square_sum`` is
``sum(square(x))``: MXNet runs it only on row_sparse input (dense input fails its storage-type check); storage
is always dense here, so it runs on any input with the same values.
"""
import torch

from ..registry import register_op
from ..params import ShapeOrNone, Bool, IntOrNone, Int, Dtype
from ...base import torch_dtype, MXNetError
from ._common import norm_axes, norm_axis, is_int, zero_grad

_RED_PARAMS = dict(axis=ShapeOrNone(None), keepdims=Bool(False), exclude=Bool(False))
_OUT_DTYPES = ("float16", "float32", "float64", "int32", "int64", "int8")
_ALL_AXES = [tuple(range(n)) for n in range(33)]


def _reduce(data, axis, keepdims, exclude, fn, op_name):
    ndim = data.dim()
    axes = tuple(range(ndim)) if axis == () else norm_axes(axis, ndim, op_name, exclude)
    if ndim == 0:
        return fn(data.reshape(1), (0,)).reshape(1)
    if not axes:
        return data.clone()
    res = fn(data, axes)
    if keepdims:
        shape = [1 if i in axes else s for i, s in enumerate(data.shape)]
        res = res.reshape(shape)
    elif res.dim() == 0:
        res = res.reshape(1)
    return res


def _keep(dtype_fn):
    def wrapped(t, axes):
        res = dtype_fn(t, axes)
        return res.to(t.dtype) if res.dtype != t.dtype else res
    return wrapped


def _count(t, axes):
    n = 1
    for a in axes:
        n *= t.shape[a]
    return n


def _sum(t, axes):
    return torch.sum(t, dim=axes)


def _mean(t, axes):
    if is_int(t):
        return torch.div(torch.sum(t, dim=axes), _count(t, axes), rounding_mode="trunc")
    return torch.mean(t, dim=axes)


def _prod_values(t, axes):
    for a in sorted(axes, reverse=True):
        t = torch.prod(t, dim=a)
    return t


class _Prod(torch.autograd.Function):
    """Product over ``axes`` with MXNet's gradient ``g * out / x``."""

    @staticmethod
    def forward(ctx, t, axes):  # pylint: disable=arguments-differ
        out = _prod_values(t, axes)
        ctx.axes = axes
        ctx.save_for_backward(t, out)
        return out

    @staticmethod
    def backward(ctx, g):  # pylint: disable=arguments-differ
        t, out = ctx.saved_tensors
        keep = [1 if i in ctx.axes else s for i, s in enumerate(t.shape)]
        return g.reshape(keep) * out.reshape(keep) / t, None


def _prod(t, axes):
    if t.requires_grad:
        return _Prod.apply(t, tuple(axes))
    return _prod_values(t, axes)


def _nansum(t, axes):
    return torch.nansum(t, dim=axes) if t.is_floating_point() else torch.sum(t, dim=axes)


def _nanprod(t, axes):
    if t.is_floating_point():
        t = torch.where(torch.isnan(t), torch.ones_like(t), t)
    return _prod_values(t, axes)


class _Extreme(torch.autograd.Function):
    """amax/amin whose gradient goes in full to every element equal to the result (MXNet's tie rule)."""

    @staticmethod
    def forward(ctx, t, axes, largest):  # pylint: disable=arguments-differ
        out = torch.amax(t, dim=axes) if largest else torch.amin(t, dim=axes)
        ctx.axes = axes
        ctx.save_for_backward(t, out)
        return out

    @staticmethod
    def backward(ctx, g):  # pylint: disable=arguments-differ
        t, out = ctx.saved_tensors
        keep = [1 if i in ctx.axes else s for i, s in enumerate(t.shape)]
        return g.reshape(keep) * (t == out.reshape(keep)).to(g.dtype), None, None


def _max(t, axes):
    return _Extreme.apply(t, tuple(axes), True) if t.requires_grad else torch.amax(t, dim=axes)


def _min(t, axes):
    return _Extreme.apply(t, tuple(axes), False) if t.requires_grad else torch.amin(t, dim=axes)


def _square_sum(t, axes):
    return torch.sum(t * t, dim=axes)


def _make(op_name, fn):
    fn = _keep(fn)

    def op(data, axis=None, keepdims=False, exclude=False):
        ndim = data.dim()
        if axis is None and not exclude and ndim:
            # Whole-array reduction (the common case): no axis normalisation.
            res = fn(data, _ALL_AXES[ndim])
            return res.reshape((1,) * ndim if keepdims else (1,))
        return _reduce(data, axis, keepdims, exclude, fn, op_name)
    op.__name__ = op_name
    op.__doc__ = "MXNet's ``{}`` reduction.".format(op_name)
    return op


for _name, _fn, _aliases in (("sum", _sum, ("sum_axis",)), ("mean", _mean, ()), ("prod", _prod, ()),
                             ("nansum", _nansum, ()), ("nanprod", _nanprod, ()), ("max", _max, ("max_axis",)),
                             ("min", _min, ("min_axis",)), ("_square_sum", _square_sum, ())):
    register_op(_name, params=_RED_PARAMS, aliases=_aliases)(_make(_name, _fn))


@register_op("norm", params=dict(ord=Int(2), axis=ShapeOrNone(None), out_dtype=Dtype(None, none_ok=True,
                                                                                    choices=_OUT_DTYPES),
                                 keepdims=Bool(False)))
def norm(data, ord, axis, out_dtype, keepdims):  # pylint: disable=redefined-builtin
    """L1 or L2 norm over ``axis`` (all elements when None; result shape (1,) then).

    Deliberate difference: MXNet 1.9.1's CPU kernel fails when ``out_dtype`` differs from the input dtype;
    here the result is cast. Integer L2 norms are exact (MXNet's scaled integer accumulation is not).
    """
    if ord not in (1, 2):
        raise MXNetError("Error in operator norm: Check failed: param.ord == 1 || param.ord == 2: norm only "
                         "supports ord=1 and ord=2, got ord={}".format(ord))

    def fn(t, axes):
        tt = t.double() if is_int(t) else t
        if ord == 1:
            r = torch.sum(torch.abs(tt), dim=axes)
        else:
            r = torch.sqrt(torch.sum(tt * tt, dim=axes))  # not vector_norm: MXNet's gradient at 0 is nan
        return r.to(t.dtype)
    res = _reduce(data, axis, keepdims, False, fn, "norm")
    return res if out_dtype is None else res.to(torch_dtype(out_dtype))


def _argreduce(data, axis, keepdims, torch_fn, op_name):
    if axis is None:
        res = torch_fn(data.reshape(-1), dim=0)
        res = res.reshape([1] * data.dim()) if keepdims else res.reshape(1)
    else:
        ax = norm_axis(axis, data.dim(), op_name)
        res = torch_fn(data, dim=ax, keepdim=keepdims)
        if res.dim() == 0:
            res = res.reshape(1)
    return res.to(data.dtype)


def _arg(op_name, torch_fn):
    def op(data, axis=None, keepdims=False):
        return zero_grad(lambda t: _argreduce(t, axis, keepdims, torch_fn, op_name), data)
    op.__name__ = op_name
    return op


register_op("argmax", params=dict(axis=IntOrNone(None), keepdims=Bool(False)))(_arg("argmax", torch.argmax))
register_op("argmin", params=dict(axis=IntOrNone(None), keepdims=Bool(False)))(_arg("argmin", torch.argmin))


@register_op("argmax_channel")
def argmax_channel(data):
    """Index of the maximum along axis 1, in the input dtype."""
    if data.dim() < 2:
        raise MXNetError("Error in operator argmax_channel: Check failed: axis < ndim && axis >= -ndim: axis 1 "
                         "exceeds the input dimension of {}".format(data.dim()))
    return zero_grad(lambda t: _argreduce(t, 1, False, torch.argmax, "argmax_channel"), data)


@register_op("moments", params=dict(axes=ShapeOrNone(None), keepdims=Bool(False)), num_outputs=2,
             output_names=("mean", "var"))
def moments(data, axes, keepdims):
    """Mean and (biased) variance over ``axes``; integer inputs use truncating integer division."""
    if not axes:
        raise MXNetError("Error in operator moments: Empty axes is not supported, if you would like to do global "
                         "moments, please pass all axes to axes argument")
    dims = norm_axes(axes, data.dim(), "moments")
    if is_int(data):
        n = _count(data, dims)
        mean = torch.div(torch.sum(data, dim=dims, keepdim=True), n, rounding_mode="trunc")
        var = torch.div(torch.sum((data - mean) ** 2, dim=dims, keepdim=keepdims), n, rounding_mode="trunc")
        mean, var = mean.to(data.dtype), var.to(data.dtype)
    else:
        mean = torch.mean(data, dim=dims, keepdim=True)
        var = torch.mean((data - mean) ** 2, dim=dims, keepdim=keepdims)
    if not keepdims:
        mean = mean.reshape(var.shape)
    if var.dim() == 0:
        mean, var = mean.reshape(1), var.reshape(1)
    return mean, var


@register_op("cumsum", inputs=("a",), params=dict(axis=IntOrNone(None), dtype=Dtype(None, none_ok=True,
                                                                                          choices=_OUT_DTYPES)))
def cumsum(a, axis, dtype):
    """Cumulative sum (flattened when ``axis`` is None); the input is cast to ``dtype`` first."""
    if axis is not None and not 0 <= axis < a.dim():
        raise MXNetError("Error in operator cumsum: axis {} out of range for an array of {} dimension(s) "
                         "(MXNet accepts 0 <= axis < ndim)".format(axis, a.dim()))
    t = a.reshape(-1) if axis is None else a
    if dtype is not None:
        t = t.to(torch_dtype(dtype))
    return torch.cumsum(t, dim=0 if axis is None else axis, dtype=t.dtype)
