"""Shape and layout operators: reshape (MXNet's special codes), transpose, expand/squeeze, broadcast_*,
concat/stack/split, tile/repeat/flip, clip, dot/batch_dot, add_n (the slice family is in ``slicing.py``)."""
import math

import torch

from ..registry import register_op
from ..params import Shape, ShapeOrNone, Bool, Int, IntOrNone, Float, FloatOrNone, Enum, Str
from ...base import MXNetError
from ._common import norm_axis, norm_axes, check_same_dtype


# ---- reshape -------------------------------------------------------------------------------------------
def infer_reshape(src, target, reverse=False, op_name="Reshape"):
    """MXNet's reshape codes: 0 keep, -1 infer, -2 keep the rest, -3 merge two, -4 split one into two.

    Deliberate difference: MXNet 1.9.1's imperative Reshape skips the final size check (a wrong target returns
    uninitialised memory); here it raises MXNetError.
    """
    try:
        return _infer_reshape(src, target, reverse, op_name)
    except IndexError:
        raise MXNetError("Error in operator {}: shape {} does not fit the input shape {} (reverse={})".format(
            op_name, tuple(target), tuple(src), reverse)) from None


def _infer_reshape(src, target, reverse, op_name):
    src = list(src)
    target = list(target)
    if reverse:
        src, target = src[::-1], target[::-1]
    out, si, inf, i = [], 0, -1, 0
    while i < len(target):
        t = target[i]
        if t == 0:
            out.append(src[si]); si += 1
        elif t == -1:
            if inf >= 0:
                raise MXNetError("{}: One and only one dim can be inferred".format(op_name))
            inf = len(out); out.append(1); si += 1
        elif t == -2:
            out.extend(src[si:]); si = len(src)
        elif t == -3:
            if si + 1 >= len(src):
                raise MXNetError("{}: -3 needs two source dimensions, shape {}".format(op_name, tuple(src)))
            out.append(src[si] * src[si + 1]); si += 2
        elif t == -4:
            if i + 2 >= len(target):
                raise MXNetError("{}: -4 needs two following dimensions".format(op_name))
            d0 = src[si]; si += 1
            d1, d2 = target[i + 1], target[i + 2]
            if reverse:
                d1, d2 = d2, d1
            if d1 == -1 and d2 == -1:
                raise MXNetError("{}: Split dims cannot both be -1".format(op_name))
            if d1 == -1:
                d1 = d0 // d2
            if d2 == -1:
                d2 = d0 // d1
            if d1 * d2 != d0:
                raise MXNetError("{}: Split dims {}, {} do not divide original dim {}".format(op_name, d1, d2, d0))
            if reverse:
                out.extend([d2, d1])
            else:
                out.extend([d1, d2])
            i += 2
        elif t > 0:
            out.append(t); si += 1
        else:
            raise MXNetError("{}: invalid shape code {}".format(op_name, t))
        i += 1
    total = math.prod(src)
    if inf >= 0:
        rest = math.prod(d for j, d in enumerate(out) if j != inf)
        if rest == 0 or total % rest:
            raise MXNetError("{}: cannot reshape array of shape {} into shape {}".format(
                op_name, tuple(src[::-1] if reverse else src), tuple(target[::-1] if reverse else target)))
        out[inf] = total // rest
    if reverse:
        out = out[::-1]
    if math.prod(out) != total:
        raise MXNetError("{}: Check failed: target shape size is different from the current shape: cannot reshape "
                         "array of shape {} into shape {}".format(op_name, tuple(src[::-1] if reverse else src),
                                                                   tuple(target[::-1] if reverse else target)))
    return tuple(out)


@register_op("Reshape", aliases=("reshape",), view=True,
             params=dict(shape=Shape(()), reverse=Bool(False), target_shape=Shape(()), keep_highest=Bool(False)))
def reshape(data, shape, reverse, target_shape, keep_highest):
    if not shape and target_shape:
        tgt = list(target_shape)
        if keep_highest:  # the first target dim is ignored and the input's kept
            tgt[0] = data.shape[0]
        known = math.prod(d for d in tgt if d != 0)
        tgt = [d if d != 0 else data.numel() // known for d in tgt]
        return data.reshape(tgt)
    return data.reshape(infer_reshape(data.shape, shape, reverse))


@register_op("Flatten", aliases=("flatten",), view=True)
def flatten(data):
    """Collapse every axis but the first: (d0, d1*...*dk)."""
    if data.dim() == 0:
        return data.reshape(1, 1)
    return data.reshape(data.shape[0], -1)


@register_op("transpose", params=dict(axes=Shape(())))
def transpose(data, axes):
    if not axes:
        axes = tuple(range(data.dim() - 1, -1, -1))
    if len(axes) != data.dim() or sorted(axes) != list(range(data.dim())):
        raise MXNetError("Error in operator transpose: axes {} must be a permutation of 0..{} (MXNet accepts no "
                         "negative axes here)".format(axes, data.dim() - 1))
    return data.permute(*axes).contiguous()


@register_op("expand_dims", params=dict(axis=Int()), view=True)
def expand_dims(data, axis):
    nd = data.dim() + 1
    if axis < -nd or axis >= nd:
        raise MXNetError("expand_dims: axis {} is out of range for the result's {} dimensions".format(axis, nd))
    return data.unsqueeze(axis if axis >= 0 else axis + nd)


@register_op("squeeze", params=dict(axis=ShapeOrNone(None)), view=True)
def squeeze(data, axis):
    if axis is None:
        out = data.squeeze()
        return out.reshape(1) if out.dim() == 0 and data.dim() > 0 else out
    axes = norm_axes(axis, data.dim(), "squeeze")
    for a in axes:
        if data.shape[a] != 1:
            raise MXNetError("squeeze: cannot select an axis to squeeze out which has size={} not equal to "
                             "one".format(data.shape[a]))
    shape = [s for i, s in enumerate(data.shape) if i not in axes]
    return data.reshape(shape if shape else [1])


@register_op("SwapAxis", aliases=("swapaxes",), params=dict(dim1=Int(0), dim2=Int(0)))
def swapaxes(data, dim1, dim2):
    nd = data.dim()
    for name, d in (("dim1", dim1), ("dim2", dim2)):
        if not -nd <= d < nd:
            raise MXNetError("Error in operator SwapAxis: {} {} is out of range for an array of {} "
                             "dimension(s)".format(name, d, nd))
    return data.transpose(dim1, dim2).contiguous()


# ---- broadcasting ----------------------------------------------------------------------------------------
@register_op("broadcast_to", params=dict(shape=Shape(())))
def broadcast_to(data, shape):
    if len(shape) != data.dim():
        raise MXNetError("broadcast_to: the target shape {} must have as many dimensions as the input {}".format(
            shape, tuple(data.shape)))
    tgt = [s if t == 0 else t for s, t in zip(data.shape, shape)]
    for s, t in zip(data.shape, tgt):
        if s != t and s != 1:
            raise MXNetError("Error in operator broadcast_to: operand could not be broadcast together from "
                             "{} to {}".format(tuple(data.shape), tuple(shape)))
    return data.expand(tgt).contiguous()


@register_op("broadcast_axis", aliases=("broadcast_axes",), params=dict(axis=Shape(()), size=Shape(())))
def broadcast_axis(data, axis, size):
    if len(axis) != len(size):
        raise MXNetError("broadcast_axis: axis {} and size {} must have the same length".format(axis, size))
    tgt = list(data.shape)
    for a, s in zip(axis, size):
        if not 0 <= a < data.dim():
            raise MXNetError("Error in operator broadcast_axis: axis {} must be in [0, {}) (MXNet accepts no "
                             "negative axes here)".format(a, data.dim()))
        if tgt[a] != 1:
            raise MXNetError("broadcast_axis: axis {} must have size 1 to broadcast, got {}".format(a, tgt[a]))
        tgt[a] = s
    return data.expand(tgt).contiguous()


@register_op("broadcast_like", inputs=("lhs", "rhs"), params=dict(lhs_axes=ShapeOrNone(None),
                                                                  rhs_axes=ShapeOrNone(None)))
def broadcast_like(lhs, rhs, lhs_axes, rhs_axes):
    """MXNet broadcasts to ``rhs``'s whole shape unless both axis tuples are given; then each ``lhs_axes[i]`` (size
    1) takes the size of ``rhs_axes[i]``. The checks and their messages are MXNet's."""
    ls, rs = tuple(lhs.shape), tuple(rhs.shape)
    if lhs_axes is None or rhs_axes is None:
        if len(ls) != len(rs):
            raise MXNetError("broadcast_like: Operand of shape {} cannot be broadcasted to {}".format(
                _bracket(ls), _bracket(rs)))
        for a, b in zip(ls, rs):
            if a != b and a != 1:
                raise MXNetError("broadcast_like: Array cannot be broadcasted from {} to {}".format(
                    _bracket(ls), _bracket(rs)))
        return lhs.expand(rs).contiguous()
    if len(lhs_axes) == 0:
        raise MXNetError("broadcast_like: Empty axes tuple is not allowed")
    if len(lhs_axes) != len(rhs_axes):
        raise MXNetError("broadcast_like: Input_axis and other_axis size does not match")
    tgt = list(ls)
    for la, ra in zip(lhs_axes, rhs_axes):
        src = la + len(ls) if la < 0 else la
        dst = ra + len(rs) if ra < 0 else ra
        if not 0 <= src < len(ls):
            raise MXNetError("broadcast_like: Invalid dimension specified in lhs_axes: {}".format(la))
        if not 0 <= dst < len(rs):
            raise MXNetError("broadcast_like: Invalid dimension specified in rhs_axes: {}".format(ra))
        if ls[src] != 1 and ls[src] != rs[dst]:
            raise MXNetError("broadcast_like: Input axis {} at dimension {} cannot be broadcasted to {}".format(
                la, src, rs[dst]))
        tgt[src] = rs[dst]
    return lhs.expand(tgt).contiguous()


def _bracket(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


def _range_bounds(begin, end, ndim):
    """reshape_like's [begin, end) axis range: None means the start/end, negatives count from the end."""
    b = 0 if begin is None else (begin + ndim if begin < 0 else begin)
    e = ndim if end is None else (end + ndim if end < 0 else end)
    return b, e


@register_op("reshape_like", inputs=("lhs", "rhs"), view=True,
             params=dict(lhs_begin=IntOrNone(None), lhs_end=IntOrNone(None), rhs_begin=IntOrNone(None),
                         rhs_end=IntOrNone(None)))
def reshape_like(lhs, rhs, lhs_begin, lhs_end, rhs_begin, rhs_end):
    ls, rs = list(lhs.shape), list(rhs.shape)
    lb, le = _range_bounds(lhs_begin, lhs_end, len(ls))
    rb, re_ = _range_bounds(rhs_begin, rhs_end, len(rs))
    shape = ls[:lb] + rs[rb:re_] + ls[le:]
    if math.prod(shape) != lhs.numel():
        raise MXNetError("reshape_like: cannot reshape lhs {} to {}".format(tuple(ls), tuple(shape)))
    return lhs.reshape(shape)


# ---- joining and splitting ------------------------------------------------------------------------------
def _check_num_args(op_name, data, num_args):
    if num_args != len(data):
        raise MXNetError("Error in operator {}: num_args={} but {} inputs were given".format(
            op_name, num_args, len(data)))


@register_op("Concat", inputs="*data", key_var_num_args="num_args", aliases=("concat",),
             params=dict(num_args=Int(), dim=Int(1)))
def concat(*data, num_args, dim):
    _check_num_args("Concat", data, num_args)
    check_same_dtype("Concat", *data)
    try:
        return torch.cat(data, dim=dim)
    except (RuntimeError, IndexError):
        raise MXNetError("Error in operator concat: incompatible input shapes {} along dim {}".format(
            [tuple(d.shape) for d in data], dim)) from None


@register_op("stack", inputs="*data", key_var_num_args="num_args", params=dict(axis=Int(0), num_args=Int()))
def stack(*data, axis, num_args):
    _check_num_args("stack", data, num_args)
    check_same_dtype("stack", *data)
    try:
        return torch.stack(data, dim=axis)
    except (RuntimeError, IndexError):
        raise MXNetError("Error in operator stack: all inputs must have the same shape, got {}".format(
            [tuple(d.shape) for d in data])) from None


def _split_n(params):
    return params["num_outputs"]


@register_op("SliceChannel", aliases=("split",), num_outputs=_split_n,
             params=dict(num_outputs=Int(), axis=Int(1), squeeze_axis=Bool(False)))
def split(data, num_outputs, axis, squeeze_axis):
    ax = norm_axis(axis, data.dim(), "SliceChannel")
    if data.shape[ax] % num_outputs:
        raise MXNetError("SliceChannel: num_outputs ({}) must evenly divide axis {} of shape {}".format(
            num_outputs, axis, tuple(data.shape)))
    parts = torch.chunk(data, num_outputs, dim=ax)
    if squeeze_axis:
        if data.shape[ax] != num_outputs:
            raise MXNetError("SliceChannel: squeeze_axis needs axis length equal to num_outputs")
        parts = [p.squeeze(ax) for p in parts]
    parts = tuple(p.contiguous() for p in parts)
    return parts if num_outputs > 1 else parts[0]


@register_op("_split_v2", params=dict(indices=Shape(), axis=Int(1), squeeze_axis=Bool(False),
                                      sections=Int(0)),
             num_outputs=lambda p: p["sections"] if p["sections"] > 0 else len(p["indices"]))
def split_v2(data, indices, axis, squeeze_axis, sections):
    ax = norm_axis(axis, data.dim(), "split_v2")
    if sections > 0:
        if data.shape[ax] % sections:
            raise MXNetError("split_v2: {} sections do not evenly divide axis of length {}".format(
                sections, data.shape[ax]))
        parts = torch.chunk(data, sections, dim=ax)
    else:
        bounds = list(indices) + [data.shape[ax]]
        for b0, b1 in zip(bounds, bounds[1:]):
            if not 0 <= b0 <= b1 <= data.shape[ax]:
                raise MXNetError("Error in operator split_v2: split indices {} must be increasing and within the "
                                 "axis length {}".format(tuple(indices), data.shape[ax]))
        parts = [data.narrow(ax, bounds[i], bounds[i + 1] - bounds[i]) for i in range(len(indices))]
    if squeeze_axis:
        parts = [p.squeeze(ax) for p in parts]
    parts = tuple(p.contiguous() for p in parts)
    return parts if len(parts) > 1 else parts[0]


# ---- tiling and flipping ------------------------------------------------------------------------------
@register_op("tile", params=dict(reps=Shape()))
def tile(data, reps):
    """numpy.tile: fewer reps than dims repeat the trailing axes; more reps add leading axes."""
    if any(r <= 0 for r in reps):
        raise MXNetError("Error in operator tile: reps {} must be positive".format(reps))
    reps = (1,) * (data.dim() - len(reps)) + tuple(reps)
    return data.repeat(*reps) if reps else data.clone()


@register_op("repeat", params=dict(repeats=Int(), axis=IntOrNone(None)))
def repeat(data, repeats, axis):
    if axis is None:
        return torch.repeat_interleave(data.reshape(-1), repeats)
    return torch.repeat_interleave(data, repeats, dim=norm_axis(axis, data.dim(), "repeat"))


@register_op("reverse", aliases=("flip",), params=dict(axis=Shape()))
def flip(data, axis):
    for a in axis:
        if not 0 <= a < data.dim():
            raise MXNetError("Error in operator reverse: axis {} must be in [0, {}) (MXNet accepts no negative "
                             "axes here)".format(a, data.dim()))
    return torch.flip(data, dims=list(axis))


@register_op("clip", params=dict(a_min=Float(), a_max=Float()))
def clip(data, a_min, a_max):
    """``a_max`` where x > a_max, else ``a_min`` where x < a_min, else x (also when a_min > a_max, as MXNet)."""
    if not data.is_floating_point():
        a_min, a_max = int(a_min), int(a_max)
    if a_min <= a_max:
        return torch.clamp(data, a_min, a_max)
    low = torch.where(data < a_min, torch.tensor(a_min, dtype=data.dtype, device=data.device), data)
    return torch.where(data > a_max, torch.tensor(a_max, dtype=data.dtype, device=data.device), low)


# ---- products --------------------------------------------------------------------------------------------
_DOT_PARAMS = dict(transpose_a=Bool(False), transpose_b=Bool(False),
                   forward_stype=Enum(("csr", "default", "row_sparse"), None, none_ok=True))


@register_op("dot", inputs=("lhs", "rhs"), params=_DOT_PARAMS)
def dot(lhs, rhs, transpose_a, transpose_b, forward_stype):
    """MXNet's dot: contract the last axis of lhs with the first axis of rhs.

    ``transpose_a`` views an N-d lhs as the matrix ``(d0, d1*...*dn)`` and transposes it (the result starts with
    ``d1..dn``); ``transpose_b`` views rhs as ``(d0*...*dn-1, dn)``. Vectors cannot be transposed. Deliberate
    difference: MXNet's CPU kernel only takes float32/float64; other dtypes are computed here.
    """
    if lhs.dtype != rhs.dtype:
        check_same_dtype("dot", lhs, rhs)
    if lhs.dim() == 2 and rhs.dim() == 2 and not (transpose_a or transpose_b) and lhs.shape[1] == rhs.shape[0]:
        return torch.mm(lhs, rhs)   # the common case, without reshapes
    if (transpose_a and lhs.dim() == 1) or (transpose_b and rhs.dim() == 1):
        raise MXNetError("Error in operator dot: Cannot transpose vectors")
    if transpose_a:
        a, lead = lhs.reshape(lhs.shape[0], -1).t(), lhs.shape[1:]
    else:
        a, lead = lhs.reshape(-1, lhs.shape[-1]), lhs.shape[:-1]
    if transpose_b:
        b, tail = rhs.reshape(-1, rhs.shape[-1]).t(), rhs.shape[:-1]
    else:
        b, tail = rhs.reshape(rhs.shape[0], -1), rhs.shape[1:]
    if a.shape[1] != b.shape[0]:
        raise MXNetError("Error in operator dot: Incompatible shapes for dot: lhs {} rhs {} (transpose_a={}, "
                         "transpose_b={})".format(tuple(lhs.shape), tuple(rhs.shape), transpose_a, transpose_b))
    shape = tuple(lead) + tuple(tail)
    return torch.mm(a, b).reshape(shape if shape else (1,))


@register_op("batch_dot", inputs=("lhs", "rhs"), params=_DOT_PARAMS)
def batch_dot(lhs, rhs, transpose_a, transpose_b, forward_stype):
    """Matrix products over the leading (batch) axes: ``(B.., n, k) x (B.., k, m) -> (B.., n, m)``."""
    check_same_dtype("batch_dot", lhs, rhs)
    if lhs.dim() < 3 or rhs.dim() < 3:
        raise MXNetError("Error in operator batch_dot: inputs must be at least 3-D, got {} and {}".format(
            tuple(lhs.shape), tuple(rhs.shape)))
    a = lhs.transpose(-1, -2) if transpose_a else lhs
    b = rhs.transpose(-1, -2) if transpose_b else rhs
    if a.shape[-1] != b.shape[-2] or a.shape[:-2] != b.shape[:-2]:
        raise MXNetError("Error in operator batch_dot: shapes {} and {} are incompatible (transpose_a={}, "
                         "transpose_b={})".format(tuple(lhs.shape), tuple(rhs.shape), transpose_a, transpose_b))
    return torch.matmul(a, b)


@register_op("add_n", inputs="*args", key_var_num_args="num_args", aliases=("ElementWiseSum",),
             params=dict(num_args=Int()))
def add_n(*args, num_args):
    _check_num_args("add_n", args, num_args)
    check_same_dtype("add_n", *args)
    for i, a in enumerate(args[1:], 1):
        if a.shape != args[0].shape:
            raise MXNetError("Error in operator add_n: Incompatible attr at {}-th input: expected {}, got {}".format(
                i, tuple(args[0].shape), tuple(a.shape)))
    out = args[0].clone() if len(args) == 1 else args[0] + args[1]
    for a in args[2:]:
        out = out + a
    return out


@register_op("shape_array")
def shape_array(data):
    return torch.tensor(data.shape, dtype=torch.int64, device=data.device)


@register_op("size_array")
def size_array(data):
    return torch.tensor([data.numel()], dtype=torch.int64, device=data.device)


del FloatOrNone, Str
