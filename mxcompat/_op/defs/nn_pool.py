"""Pooling (max/avg/sum/lp, 1-D to 3-D) and the legacy Pooling_v1.

MXNet contract:
- ``stride`` defaults to 1 and ``pad`` to 0 per spatial dim; ``pad`` must be smaller than ``kernel``;
  ``global_pool`` ignores kernel/stride/pad and pools each whole feature map to size 1.
- ``pooling_convention``: ``valid`` gives ``floor((in + 2*pad - k)/s) + 1`` outputs, ``full`` gives
  ``ceil(...) + 1``: windows running past the padded input are clipped; a window that starts past the data
  (possible with ``full``) yields the dtype's lowest value for ``max`` and 0 otherwise. ``same`` exists for
  1-D input only (``ceil(in/s)`` outputs, see ``_same_pool``); 2-D/3-D input raises, as in MXNet.
- ``stride``/``pad`` longer than the kernel are accepted (the first entries are used); shorter ones raise.
- ``avg`` divides by the window clipped to the padded input (``count_include_pad``, default True) or by the
  number of data elements in it; ``sum`` adds the window; ``lp`` computes ``(sum x^p)^(1/p)`` with the real
  root (``p_value`` required), so ``p=1`` is the plain sum.
- ``layout`` NWC/NHWC/NDHWC takes channels on the last axis.
- Only floating-point data.

torch's pooling kernels do the work; MXNet's extra ``full``-convention windows are appended as constants and
paddings larger than torch allows (``pad > kernel/2``) go through an explicitly padded input.
"""
import torch
import torch.nn.functional as F

from ..registry import register_op
from ..params import Shape, Bool, Enum, IntOrNone, BoolOrNone
from ._nn_common import ONES, ZEROS, op_error, require_float, channel_last, to_channel_first, to_channel_last

_MAX = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}
_AVG = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}
_ADAPTIVE_MAX = {1: F.adaptive_max_pool1d, 2: F.adaptive_max_pool2d, 3: F.adaptive_max_pool3d}


def _sum_pool(x, kernel, stride, pad, ceil):
    """Window sums (avg pooling with divisor 1; avg_pool1d has no divisor override, so 1-D goes through 2-D)."""
    nd = x.dim() - 2
    if nd == 1:
        return F.avg_pool2d(x.unsqueeze(-2), (1,) + kernel, (1,) + stride, (0,) + pad, ceil, True,
                            1).squeeze(-2)
    if nd == 3 and x.dtype is torch.float16 and x.device.type == "cpu":
        # torch has no CPU avg_pool3d for float16
        return F.avg_pool3d(x.float(), kernel, stride, pad, ceil, True, 1).half()
    return F.avg_pool3d(x, kernel, stride, pad, ceil, True, 1) if nd == 3 else \
        F.avg_pool2d(x, kernel, stride, pad, ceil, True, 1)


def _avg_pool(x, kernel, stride, pad, ceil, include_pad):
    nd = x.dim() - 2
    if nd == 3 and x.dtype is torch.float16 and x.device.type == "cpu":
        return F.avg_pool3d(x.float(), kernel, stride, pad, ceil, include_pad).half()
    return _AVG[nd](x, kernel, stride, pad, ceil, include_pad)


def _lp_root(s, p):
    if p == 1:
        return s
    if p == 2:
        return s.sqrt()
    return s.sign() * s.abs().pow(1.0 / p)


def _global_pool(x, pool_type, p_value):
    dims = tuple(range(2, x.dim()))
    if pool_type == "max":
        return _ADAPTIVE_MAX[len(dims)](x, 1)
    if pool_type == "avg":
        return x.mean(dims, keepdim=True)
    if pool_type == "sum":
        return x.sum(dims, keepdim=True)
    return _lp_root(x.pow(p_value).sum(dims, keepdim=True), p_value)


def _out_len(n, k, s, p, full):
    span = n + 2 * p - k
    return (-(-span // s) if full else span // s) + 1


def _fill(pool_type, dtype):
    return torch.finfo(dtype).min if pool_type == "max" else 0.0


def _axis_pass(dst, src, axis, k, s, p):
    """``dst[o] = max_i src[o*s - p + i]`` along ``axis`` (``i < k``, out-of-range rows skipped)."""
    n, o = src.shape[axis], dst.shape[axis]

    def take(t, start, stop, step):
        idx = [slice(None)] * t.dim()
        idx[axis] = slice(start, stop, step)
        return t[tuple(idx)]

    ranges = []
    for i in range(k):
        lo = max(0, -(-(p - i) // s))  # first output whose row o*s - p + i is >= 0
        hi = min(o, (n - 1 + p - i) // s + 1)  # one past the last whose row is <= n - 1
        if hi > lo:
            first = lo * s - p + i
            ranges.append((lo, hi, take(src, first, first + (hi - lo - 1) * s + 1, s)))
    # offset p reads rows o*s, all inside the input (p <= (k - 1) / 2 under the valid convention); a second
    # offset covering every output joins it in the first pass
    full = [r for r in ranges if r[0] == 0 and r[1] == o]
    if len(full) > 1:
        torch.maximum(full[0][2], full[1][2], out=dst)
        done = 2
    else:
        dst.copy_(full[0][2])
        done = 1
    for lo, hi, view in full[done:] + [r for r in ranges if not (r[0] == 0 and r[1] == o)]:
        part = take(dst, lo, hi, 1)
        torch.maximum(part, view, out=part)
    return dst


def max_pool2d_into(buf, tmp, x, kernel, stride, pad):
    """2-D max pooling of ``x`` (N, C, H, W) into ``buf``, separably: width into ``tmp``, then height.

    Each pass takes elementwise maxima of strided views; a padded window is clipped (torch's and MXNet's
    implicit ``-inf`` padding), so values equal ``F.max_pool2d``'s. The inference memory plan
    (``symbol/_infer_plan.py``) calls it with persistent buffers."""
    _axis_pass(tmp, x, 3, kernel[1], stride[1], pad[1])
    return _axis_pass(buf, tmp, 2, kernel[0], stride[0], pad[0])


def _max_pool2d_strided(x, kernel, stride):
    """Unpadded 2-D max pooling through ``max_pool2d_into`` (fresh output in ``x``'s memory format).

    Same values as ``F.max_pool2d``; several times faster on one CPU thread (torch's kernel is about 8x slower
    than MXNet's oneDNN pooling there). Only used when no gradient is needed: with one, torch's kernel runs
    (it routes each window's gradient to its first maximum, as MXNet does; on channels-last input, which the
    training graphs of ``symbol/train_layout.py`` give it, it is fast too). A strided argmax-plus-gather
    variant for recorded NCHW input measured no faster than torch's kernel, forward and backward together.
    """
    (kh, kw), (sh, sw) = kernel, stride
    n, c, h, w = x.shape
    oh, ow = (h - kh) // sh + 1, (w - kw) // sw + 1
    fmt = torch.channels_last if (x.is_contiguous(memory_format=torch.channels_last) and not x.is_contiguous()) \
        else torch.contiguous_format
    tmp = torch.empty((n, c, h, ow), dtype=x.dtype, device=x.device, memory_format=fmt)
    out = torch.empty((n, c, oh, ow), dtype=x.dtype, device=x.device, memory_format=fmt)
    return max_pool2d_into(out, tmp, x, kernel, stride, (0, 0))


def _pool_native(x, pool_type, kernel, stride, pad, full, include_pad, p_value):
    """torch's pooling with torch's padding (pad <= kernel/2)."""
    nd = x.dim() - 2
    if pool_type == "max":
        if (nd == 2 and not any(pad) and not full and kernel[0] * kernel[1] <= 9 and x.device.type == "cpu"
                and not (x.requires_grad and torch.is_grad_enabled()) and x.shape[2] >= kernel[0]
                and x.shape[3] >= kernel[1]):
            return _max_pool2d_strided(x, kernel, stride)
        return _MAX[nd](x, kernel, stride, pad, 1, full)
    if pool_type == "avg":
        return _avg_pool(x, kernel, stride, pad, full, include_pad)
    if pool_type == "sum":
        return _sum_pool(x, kernel, stride, pad, full)
    return _lp_root(_sum_pool(x.pow(p_value), kernel, stride, pad, full), p_value)


def _pool_padded(x, pool_type, kernel, stride, pad, out_lens, include_pad, p_value):
    """Pooling over an explicitly padded input, for paddings torch's kernels refuse."""
    spatial = x.shape[2:]
    right = [(o - 1) * s + k - n - p for o, s, k, n, p in zip(out_lens, stride, kernel, spatial, pad)]
    spec = []
    for p, r in zip(reversed(pad), reversed(right)):
        spec += [p, r]
    fill = _fill(pool_type, x.dtype)
    nd = len(kernel)
    if pool_type == "max":
        return _MAX[nd](F.pad(x, spec, value=fill), kernel, stride)
    if pool_type == "lp":
        return _lp_root(_sum_pool(F.pad(x.pow(p_value), spec), kernel, stride, ZEROS[nd], False), p_value)
    total = _sum_pool(F.pad(x, spec), kernel, stride, ZEROS[nd], False)
    if pool_type == "sum":
        return total
    # the divisor: the window's cells inside the padded input (or inside the data without count_include_pad)
    ones = x.new_ones((1, 1) + tuple(spatial))
    if include_pad:
        sym = []
        for p in reversed(pad):
            sym += [p, p]
        mask = F.pad(F.pad(ones, sym, value=1.0), [v for p, r in zip(reversed(pad), reversed(right))
                                                   for v in (0, r - p)])
    else:
        mask = F.pad(ones, spec)
    count = _sum_pool(mask, kernel, stride, ZEROS[nd], False)
    return total / count.clamp(min=1)


def _same_pool(x, name, kernel, pool_type, stride, pad, last):
    """``pooling_convention='same'``: 1-D only, ``ceil(n / stride)`` outputs; the padding all goes after the
    data; avg divides by the data elements in each window. MXNet reads ``pad[0..2]`` here, so ``pad`` needs three zero entries (fewer fail its index check)."""
    if x.dim() != 3:
        raise op_error(name, "Check failed: dshape.ndim() == 3U ({} vs. 3) : Input data should be 3D in (batch, "
                             "channel, x). Currently 'same' supports Max Pooling 1-D".format(x.dim()))
    if len(pad) < 3:
        raise op_error(name, "Check failed: i >= 0 && i < ndim(): index = {} must be in range [0, {})".format(
            len(pad), len(pad)))
    if any(pad[:3]):
        raise op_error(name, "Check failed: param.pad[0] == 0 && param.pad[1] == 0 && param.pad[2] == 0: Same "
                             "pooling convention disables the use of pad parameter.")
    if pool_type == "lp":
        raise op_error(name, "Check failed: param.p_value.has_value(): ")
    k, s, n = kernel[0], (stride or (1,))[0], x.shape[2]
    if k > n:
        raise op_error(name, "Check failed: param.kernel[0] <= dshape_ncw[2] + 2 * param.pad[0]: kernel size ({}) "
                             "exceeds input ({} padded to {})".format(k, n, n))
    out_len = -(-n // s)
    total = max((out_len - 1) * s + k - n, 0)
    fill = float("-inf") if pool_type == "max" else 0.0
    xp = F.pad(x, (0, total), value=fill)
    win = xp.unfold(2, k, s)[:, :, :out_len]
    if pool_type == "max":
        out = win.amax(-1)
    else:
        out = win.sum(-1)
        if pool_type == "avg":
            ones = F.pad(torch.ones(n, dtype=x.dtype, device=x.device), (0, total))
            out = out / ones.unfold(0, k, s)[:out_len].sum(-1)
    return to_channel_last(out) if last else out


def pool(data, kernel, pool_type, global_pool, pooling_convention, stride, pad, p_value, count_include_pad, layout,
         name="Pooling"):
    """Shared body of Pooling and Pooling_v1 (parsed parameters)."""
    ndim = data.dim()
    if not 3 <= ndim <= 5:
        raise op_error(name, "Input data should be 3D in (batch, channel, x), 4D in (batch, channel, y, x) or 5D "
                             "in (batch, channel, d, y, x), got shape {}".format(tuple(data.shape)))
    require_float(name, data)
    if pool_type == "lp" and p_value is None:
        raise op_error(name, "p_value is required for pool_type='lp'")
    last = channel_last(layout)
    if layout is not None and len(layout) != ndim:
        raise op_error(name, "layout {} does not match input shape {}".format(layout, tuple(data.shape)))
    x = to_channel_first(data) if last else data
    if global_pool:
        out = _global_pool(x, pool_type, p_value)
        return to_channel_last(out) if last else out
    nd = ndim - 2
    if len(kernel) != nd:
        raise op_error(name, "kernel {} must have {} dimension(s) for input shape {}".format(
            kernel, nd, tuple(data.shape)))
    if pooling_convention == "same":
        return _same_pool(x, name, kernel, pool_type, stride, pad, last)
    stride = stride or ONES[nd]
    pad = pad or ZEROS[nd]
    # MXNet reads the first nd entries: longer stride/pad tuples are accepted, shorter ones are not
    if len(stride) < nd or len(pad) < nd or min(stride[:nd]) < 1:
        raise op_error(name, "stride {} and pad {} must have {} positive/non-negative entries".format(
            stride, pad, nd))
    stride, pad = tuple(stride[:nd]), tuple(pad[:nd])
    full = pooling_convention == "full"
    spatial = x.shape[2:]
    for k, p, n in zip(kernel, pad, spatial):
        if p >= k:
            raise op_error(name, "pad {} must be smaller than kernel {}".format(pad, kernel))
        if k > n + 2 * p:
            raise op_error(name, "kernel size {} exceeds input {} padded by {}".format(kernel, tuple(spatial), pad))
    include_pad = True if count_include_pad is None else count_include_pad
    out_lens = [_out_len(n, k, s, p, full) for n, k, s, p in zip(spatial, kernel, stride, pad)]
    if all(2 * p <= k for p, k in zip(pad, kernel)):
        out = _pool_native(x, pool_type, kernel, stride, pad, full, include_pad, p_value)
        if full:
            # torch drops a last window that starts in the padding; MXNet keeps it (empty: constant)
            missing = [o - m for o, m in zip(out_lens, out.shape[2:])]
            if any(missing):
                spec = []
                for m in reversed(missing):
                    spec += [0, m]
                out = F.pad(out, spec, value=_fill(pool_type, out.dtype))
    else:
        out = _pool_padded(x, pool_type, kernel, stride, pad, out_lens, include_pad, p_value)
    return to_channel_last(out) if last else out


@register_op("Pooling",
             params=dict(kernel=Shape(()), pool_type=Enum(("avg", "lp", "max", "sum"), "max"),
                         global_pool=Bool(False), cudnn_off=Bool(False),
                         pooling_convention=Enum(("full", "same", "valid"), "valid"), stride=Shape(()),
                         pad=Shape(()), p_value=IntOrNone(None), count_include_pad=BoolOrNone(None),
                         layout=Enum(("NCDHW", "NCHW", "NCW", "NDHWC", "NHWC", "NWC"), None, none_ok=True)))
def pooling(data, *, kernel, pool_type, global_pool, cudnn_off, pooling_convention, stride, pad, p_value,
            count_include_pad, layout):
    """Max/average/sum/Lp pooling over the spatial axes."""
    return pool(data, kernel, pool_type, global_pool, pooling_convention, stride, pad, p_value, count_include_pad,
                layout)


@register_op("Pooling_v1",
             params=dict(kernel=Shape(()), pool_type=Enum(("avg", "max", "sum"), "max"), global_pool=Bool(False),
                         pooling_convention=Enum(("full", "valid"), "valid"), stride=Shape(()), pad=Shape(())))
def pooling_v1(data, *, kernel, pool_type, global_pool, pooling_convention, stride, pad):
    """The legacy pooling operator (1-D and 2-D); same maths as ``Pooling``."""
    if data.dim() == 5 and not global_pool:
        raise op_error("Pooling_v1", "3D kernel not implemented")
    if pool_type == "max" and pad and any(pad) and not global_pool and data.dim() == len(pad) + 2:
        # the legacy kernel pools a zero-padded input: padding takes part in the maximum
        spec = []
        for p in reversed(pad):
            spec += [p, p]
        data, pad = F.pad(data, spec), ()
    return pool(data, kernel, pool_type, global_pool, pooling_convention, stride, pad, None, None, None,
                name="Pooling_v1")
