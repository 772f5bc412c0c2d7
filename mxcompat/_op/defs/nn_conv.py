"""Dense and convolutional layers: FullyConnected, Convolution (and the legacy Convolution_v1), Deconvolution,
UpSampling.

MXNet contract:
- ``FullyConnected``: weight ``(num_hidden, in_units)``; ``flatten=True`` collapses every axis but the first,
  ``flatten=False`` applies the layer to the last axis.
- ``Convolution``: 1-D/2-D/3-D from ``len(kernel)``; weight ``(num_filter, C/num_group, *kernel)``; ``stride`` and
  ``dilate`` default to 1, ``pad`` to 0. ``layout`` NWC/NHWC/NDHWC puts channels last in data, output and weight
  (weight ``(num_filter, *kernel, C/num_group)``), as MXNet does on GPU; MXNet's CPU build rejects those layouts,
  mxcompat runs them.
- ``Deconvolution``: weight ``(C, num_filter/num_group, *kernel)``; output ``(in-1)*stride - 2*pad +
  dilate*(kernel-1) + 1 + adj``; a non-zero ``target_shape`` replaces ``pad``/``adj`` with
  ``total = stride*(in-1) + dilate*(kernel-1) + 1 - target``, ``adj = total % 2``, ``pad = (total+1)//2``.
  ``no_bias`` defaults to True.
- ``bias`` is an input only when ``no_bias`` is False; giving it anyway (or omitting it) is an error.
- ``workspace``, ``cudnn_tune`` and ``cudnn_off`` are accepted and have no effect (torch picks kernels itself).
"""
import math

import torch
import torch.nn.functional as F

from ..registry import register_op
from ..params import Shape, Bool, Int, Enum
from ._nn_common import (ONES, ZEROS, op_error, shape_mismatch, require_float, check_inputs, channel_last,
                         to_channel_first, to_channel_last)

_linear = F.linear
_CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
_DECONV = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}
_CUDNN_TUNE = Enum(("fastest", "limited_workspace", "off"), None, none_ok=True)
_CONV_LAYOUT = ("NCDHW", "NCHW", "NCW", "NDHWC", "NHWC")


def _bias_filter(params):
    return ("data", "weight") if params["no_bias"] else ("data", "weight", "bias")


# ---- FullyConnected -------------------------------------------------------------------------------------
@register_op("FullyConnected", inputs=("data", "weight", "bias"), input_filter=_bias_filter,
             params=dict(num_hidden=Int(), no_bias=Bool(False), flatten=Bool(True)))
def fully_connected(data, weight, bias=None, *, num_hidden, no_bias, flatten):
    """``out = data @ weight.T + bias`` over the flattened (or last) axis."""
    if flatten and data.dim() != 2:
        data = data.reshape(data.shape[0], -1) if data.dim() else data.reshape(1, 1)
    wshape = weight.shape
    if len(wshape) != 2 or wshape[0] != num_hidden or wshape[1] != data.shape[-1]:
        raise shape_mismatch("FullyConnected", "weight", wshape, (num_hidden, data.shape[-1]))
    if bias is not None:
        if no_bias or bias.shape != (num_hidden,):
            check_inputs("FullyConnected", bias, no_bias)
            raise shape_mismatch("FullyConnected", "bias", bias.shape, (num_hidden,))
    elif not no_bias:
        check_inputs("FullyConnected", bias, no_bias)
    if not data.is_floating_point():
        require_float("FullyConnected", data)
    try:
        return _linear(data, weight, bias)
    except RuntimeError as err:
        raise op_error("FullyConnected", str(err)) from None


@fully_connected.param_shapes
def _fc_shapes(in_shapes, params):
    n = params["num_hidden"]
    out = {} if params["no_bias"] else {"bias": (n,)}
    d = in_shapes.get("data")
    if d is not None:
        out["weight"] = (n, math.prod(d[1:]) if params["flatten"] else d[-1])
    return out


# ---- Convolution ------------------------------------------------------------------------------------------
_CONV_PARAMS = dict(kernel=Shape(), stride=Shape(()), dilate=Shape(()), pad=Shape(()), num_filter=Int(),
                    num_group=Int(1), workspace=Int(1024), no_bias=Bool(False), cudnn_tune=_CUDNN_TUNE,
                    cudnn_off=Bool(False), layout=Enum(_CONV_LAYOUT, None, none_ok=True))


_GEOMETRY = {}


def _geometry(op_name, kernel, stride, dilate, pad, layout):
    """(spatial dims, stride, dilate, pad, channels-last) with MXNet's defaults filled; checked once per
    parameter combination and cached, so a call costs one dict lookup."""
    key = (op_name, kernel, stride, dilate, pad, layout)
    geo = _GEOMETRY.get(key)
    if geo is not None:
        return geo
    nd = len(kernel)
    if nd not in _CONV:
        raise op_error(op_name, "kernel {} must have 1, 2 or 3 dimensions".format(kernel))
    if layout is not None and len(layout) != nd + 2:
        raise op_error(op_name, "layout {} does not match a {}-D kernel".format(layout, nd))
    stride = stride or ONES[nd]
    dilate = dilate or ONES[nd]
    pad = pad or ZEROS[nd]
    if len(stride) != nd or len(dilate) != nd or len(pad) != nd:
        raise op_error(op_name, "stride {}, dilate {} and pad {} must have {} dimension(s) like the kernel".format(
            stride, dilate, pad, nd))
    if min(stride) < 1 or min(dilate) < 1:
        raise op_error(op_name, "stride {} and dilate {} must be positive".format(stride, dilate))
    geo = (nd, stride, dilate, pad, channel_last(layout))
    if len(_GEOMETRY) < 1024:
        _GEOMETRY[key] = geo
    return geo


def _check_rank(op_name, data, nd, kernel):
    if data.dim() != nd + 2:
        raise op_error(op_name, "Input data should be {}D for a {}-D kernel {}, got shape {}".format(
            nd + 2, nd, kernel, tuple(data.shape)))


def _group_check(op_name, channels, num_filter, num_group):
    if num_group < 1 or channels % num_group or num_filter % num_group:
        raise op_error(op_name, "input channels {} and num_filter {} must be divisible by num_group {}".format(
            channels, num_filter, num_group))


def _check_weight_bias(op_name, weight, wshape, bias, no_bias, num_filter):
    """The weight must have ``wshape``; the bias is present unless ``no_bias`` and has ``(num_filter,)``."""
    if weight.shape != wshape:
        raise shape_mismatch(op_name, "weight", weight.shape, wshape)
    check_inputs(op_name, bias, no_bias)
    if bias is not None and bias.shape != (num_filter,):
        raise shape_mismatch(op_name, "bias", bias.shape, (num_filter,))


@register_op("Convolution", inputs=("data", "weight", "bias"), input_filter=_bias_filter, params=_CONV_PARAMS)
def convolution(data, weight, bias=None, *, kernel, stride, dilate, pad, num_filter, num_group, workspace, no_bias,
                cudnn_tune, cudnn_off, layout, _name="Convolution"):
    """N-D cross-correlation with MXNet's weight layout and parameter defaults."""
    nd, stride, dilate, pad, last = _geometry(_name, kernel, stride, dilate, pad, layout)
    if data.dim() != nd + 2:
        _check_rank(_name, data, nd, kernel)
    if last:
        data, weight = to_channel_first(data), to_channel_first(weight)
    channels = data.shape[1]
    _group_check(_name, channels, num_filter, num_group)
    _check_weight_bias(_name, weight, (num_filter, channels // num_group) + kernel, bias, no_bias, num_filter)
    if not data.is_floating_point():
        require_float(_name, data)
    try:
        out = _CONV[nd](data, weight, bias, stride, pad, dilate, num_group)
    except RuntimeError as err:
        raise op_error(_name, str(err)) from None
    return to_channel_last(out) if last else out


def _conv_shapes(in_shapes, params):
    n, g = params["num_filter"], params["num_group"]
    out = {} if params["no_bias"] else {"bias": (n,)}
    d = in_shapes.get("data")
    if d is not None:
        if channel_last(params["layout"]):
            out["weight"] = (n,) + params["kernel"] + (d[-1] // g,)
        else:
            out["weight"] = (n, d[1] // g) + params["kernel"]
    return out


convolution.param_shapes(_conv_shapes)


@register_op("Convolution_v1", inputs=("data", "weight", "bias"), input_filter=_bias_filter,
             params=dict(_CONV_PARAMS, layout=Enum(("NCDHW", "NCHW", "NDHWC", "NHWC"), None, none_ok=True)),
             param_shapes=_conv_shapes)
def convolution_v1(data, weight, bias=None, **params):
    """The legacy convolution (2-D and 3-D); same maths as ``Convolution``."""
    if len(params["kernel"]) == 1:
        raise op_error("Convolution_v1", "only 2-D and 3-D kernels are supported, got {}".format(params["kernel"]))
    return convolution.fn(data, weight, bias, _name="Convolution_v1", **params)


# ---- Deconvolution ----------------------------------------------------------------------------------------
def deconv_pads(in_sizes, kernel, stride, dilate, pad, adj, target_shape, op_name="Deconvolution"):
    """(pad, adj) of a transposed convolution; a non-zero ``target_shape`` overrides the given ones."""
    if not target_shape or not any(target_shape):
        return pad, adj
    if len(target_shape) != len(kernel):
        raise op_error(op_name, "target_shape {} must have {} dimension(s)".format(target_shape, len(kernel)))
    pads, adjs = [], []
    for n, k, s, d, t in zip(in_sizes, kernel, stride, dilate, target_shape):
        full = s * (n - 1) + d * (k - 1) + 1
        if full < t:
            raise op_error(op_name, "too big target shape: {} can give at most {}".format(target_shape, full))
        total = full - t
        adjs.append(total % 2)
        pads.append((total + 1) // 2)
    return tuple(pads), tuple(adjs)


@register_op("Deconvolution", inputs=("data", "weight", "bias"), input_filter=_bias_filter,
             params=dict(kernel=Shape(), stride=Shape(()), dilate=Shape(()), pad=Shape(()), adj=Shape(()),
                         target_shape=Shape(()), num_filter=Int(), num_group=Int(1), workspace=Int(512),
                         no_bias=Bool(True), cudnn_tune=_CUDNN_TUNE, cudnn_off=Bool(False),
                         layout=Enum(_CONV_LAYOUT, None, none_ok=True)))
def deconvolution(data, weight, bias=None, *, kernel, stride, dilate, pad, adj, target_shape, num_filter, num_group,
                  workspace, no_bias, cudnn_tune, cudnn_off, layout):
    """Transposed convolution (the gradient of Convolution with respect to its data)."""
    name = "Deconvolution"
    nd, stride, dilate, pad, last = _geometry(name, kernel, stride, dilate, pad, layout)
    _check_rank(name, data, nd, kernel)
    adj = adj or ZEROS[nd]
    if last:
        data, weight = to_channel_first(data), to_channel_first(weight)
    channels = data.shape[1]
    _group_check(name, channels, num_filter, num_group)
    _check_weight_bias(name, weight, (channels, num_filter // num_group) + kernel, bias, no_bias, num_filter)
    pad, adj = deconv_pads(data.shape[2:], kernel, stride, dilate, pad, adj, target_shape)
    for a, s, d in zip(adj, stride, dilate):
        if a >= max(s, d):
            raise op_error(name, "adj {} must be smaller than stride {}".format(adj, stride))
    require_float(name, data)
    try:
        out = _DECONV[nd](data, weight, bias, stride, pad, adj, num_group, dilate)
    except RuntimeError as err:
        raise op_error(name, str(err)) from None
    return to_channel_last(out) if last else out


@deconvolution.param_shapes
def _deconv_shapes(in_shapes, params):
    n, g = params["num_filter"], params["num_group"]
    out = {} if params["no_bias"] else {"bias": (n,)}
    d = in_shapes.get("data")
    if d is not None:
        if channel_last(params["layout"]):
            out["weight"] = (d[-1],) + params["kernel"] + (n // g,)
        else:
            out["weight"] = (d[1], n // g) + params["kernel"]
    return out


# ---- UpSampling -------------------------------------------------------------------------------------------
def _bilinear_geometry(scale):
    """Kernel and padding of MXNet's bilinear upsampling deconvolution."""
    return 2 * scale - scale % 2, int(math.ceil((scale - 1) / 2.0))


@register_op("UpSampling", inputs="*data", key_var_num_args="num_args",
             params=dict(scale=Int(), num_filter=Int(0), sample_type=Enum(("bilinear", "nearest")),
                         multi_input_mode=Enum(("concat", "sum"), "concat"), num_args=Int(), workspace=Int(512)))
def upsampling(*data, scale, num_filter, sample_type, multi_input_mode, num_args, workspace):
    """``nearest``: every input is repeated up to ``scale`` times the first input's size, then concatenated on
    the channel axis (or summed). ``bilinear``: two inputs, data and a ``(C, 1, k, k)`` weight with
    ``k = 2*scale - scale % 2``, applied as a per-channel deconvolution with stride ``scale``."""
    name = "UpSampling"
    if scale < 1:
        raise op_error(name, "scale must be positive, got {}".format(scale))
    for x in data:
        if x.dim() != 4:
            raise op_error(name, "Input data should be 4D in (batch, channel, y, x), got {}".format(tuple(x.shape)))
    if sample_type == "bilinear":
        if len(data) != 2:
            raise op_error(name, "bilinear upsampling expects 2 inputs (data, weight), but got {}".format(len(data)))
        x, weight = data
        k, p = _bilinear_geometry(scale)
        wshape = (x.shape[1], 1, k, k)
        if weight.shape != wshape:
            raise shape_mismatch(name, "weight", weight.shape, wshape)
        require_float(name, x)
        return F.conv_transpose2d(x, weight, None, scale, p, 0, x.shape[1])
    out_h, out_w = data[0].shape[2] * scale, data[0].shape[3] * scale
    outs = []
    for x in data:
        h, w = x.shape[2], x.shape[3]
        if out_h % h or out_w % w:
            raise op_error(name, "input size {}x{} does not divide the output size {}x{}".format(h, w, out_h, out_w))
        fh, fw = out_h // h, out_w // w
        if fh == 1 and fw == 1:
            outs.append(x)
        else:
            n, c = x.shape[:2]
            outs.append(x[:, :, :, None, :, None].expand(n, c, h, fh, w, fw).reshape(n, c, out_h, out_w))
    if len(outs) == 1:
        return outs[0] if outs[0] is not data[0] else data[0].clone()
    if multi_input_mode == "sum":
        if any(o.shape != outs[0].shape for o in outs):
            raise op_error(name, "multi_input_mode='sum' needs inputs with equal channels, got {}".format(
                [tuple(x.shape) for x in data]))
        res = outs[0]
        for o in outs[1:]:
            res = res + o
        return res
    return torch.cat(outs, dim=1)


@upsampling.param_shapes
def _upsampling_shapes(in_shapes, params):
    d = in_shapes.get("arg0", in_shapes.get("data"))
    if params["sample_type"] != "bilinear" or d is None:
        return {}
    k, _ = _bilinear_geometry(params["scale"])
    shape = (d[1], 1, k, k)
    return {"arg1": shape, "weight": shape}
