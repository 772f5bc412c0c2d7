"""Channels-last training graphs on the CPU, as MXNet's oneDNN build runs its convolutions.

MXNet 1.9.1's CPU build hands 2-D convolutions (and the pooling and activations between them) to oneDNN in a
blocked layout, forward and backward. torch's oneDNN convolution and max pooling are likewise several times
faster on channels-last (NHWC-strided) tensors than on NCHW ones on one CPU thread, so ``channels_last``
rewrites a lowered training graph on the CPU:
- the data input of every 2-D ``Convolution`` with channels-first layout is made channels-last;
- operators that accept any memory layout and keep it (``_KEEPS``) pass channels-last tensors on;
- every other consumer, and every graph output, gets a contiguous (NCHW) tensor.
A float32 convolution whose only consumer is a relu/sigmoid/tanh activation runs as one oneDNN convolution
with the activation fused in (``_ConvAct``; torch's own tanh is about three times slower than oneDNN's), its
gradient being the activation's (from the output) followed by torch's convolution backward.
Only the memory order of intermediate tensors changes: shapes and values are the same (up to the summation
order inside oneDNN's kernels), and so is every gradient written to the bound arrays. The rewrite is done once
per lowered graph and cached. ``MXCOMPAT_CHANNELS_LAST_TRAIN=0`` disables it; an executor with a monitor
installed runs the plain graph (whose every node output the monitor sees).
"""
import copy
import operator
import os
import weakref

import torch
import torch.fx

from .._op import OPS
from .lower import LoweredGraph
from .._op.defs.nn_conv import _geometry

__all__ = ["channels_last"]

_CACHE = weakref.WeakKeyDictionary()  # LoweredGraph -> rewritten LoweredGraph
_CL = torch.channels_last
# operators whose torch functions take channels-last input correctly and give channels-last output
# (BatchNorm's torch kernels, forward and backward, have channels-last versions; ``getitem`` picks one output
# of a multi-output node)
_KEEPS = ("Convolution", "Activation", "Pooling", "relu", "sigmoid", "tanh", "elemwise_add", "broadcast_add",
          "BatchNorm")


def _to_channels_last(x):
    """``x`` with channels-last strides (also for one channel, where ``contiguous`` would keep NCHW strides)."""
    if not isinstance(x, torch.Tensor) or x.dim() != 4 or x.device.type != "cpu" or \
            (x.stride(1) == 1 and x.is_contiguous(memory_format=_CL)):
        return x
    if x.shape[1] != 1:
        return x.contiguous(memory_format=_CL)
    return torch.empty(x.shape, dtype=x.dtype, device=x.device, memory_format=_CL).copy_(x)


def _to_contiguous(x):
    return x.contiguous() if isinstance(x, torch.Tensor) else x


_POINTWISE = getattr(getattr(torch.ops, "mkldnn", None), "_convolution_pointwise", None)
_ACT_BACKWARD = {"relu": lambda g, y: torch.ops.aten.threshold_backward(g, y, 0),
                 "sigmoid": torch.ops.aten.sigmoid_backward, "tanh": torch.ops.aten.tanh_backward}


class _ConvAct(torch.autograd.Function):
    """``act(conv2d(x, w, b))`` in one oneDNN call; backward through the activation's output."""

    @staticmethod
    def forward(ctx, x, w, b, stride, pad, dilate, groups, act):  # pylint: disable=arguments-differ
        y = _POINTWISE(x, w, b, pad, stride, dilate, groups, act, [], "")
        ctx.save_for_backward(x, w, y)
        ctx.geometry = (stride, pad, dilate, groups, b is not None, act)
        return y

    @staticmethod
    def backward(ctx, grad):  # pylint: disable=arguments-differ
        x, w, y = ctx.saved_tensors
        stride, pad, dilate, groups, has_bias, act = ctx.geometry
        need = ctx.needs_input_grad
        g = _ACT_BACKWARD[act](grad, y)
        gx, gw, gb = torch.ops.aten.convolution_backward(
            g, x, w, [w.shape[0]] if has_bias else None, stride, pad, dilate, False, [0, 0], groups,
            [need[0], need[1], has_bias and need[2]])
        return gx, gw, gb, None, None, None, None, None


def _conv_act(data, weight, bias=None, *, act, act_op, act_kwargs, **conv):
    """The fused convolution + activation where it applies; the two registry functions otherwise (same
    checks and errors as the unfused graph)."""
    kernel = conv["kernel"]
    nd, stride, dilate, pad, _ = _geometry("Convolution", kernel, conv["stride"], conv["dilate"], conv["pad"],
                                           conv["layout"])
    groups = conv["num_group"]
    if data.dtype is torch.float32 and data.dim() == 4 and weight.dtype is torch.float32 and \
            data.device.type == "cpu" and weight.shape == (conv["num_filter"], data.shape[1] // groups) + kernel \
            and data.shape[1] % groups == 0 and (bias is None) == conv["no_bias"] and \
            (bias is None or (bias.shape == (conv["num_filter"],) and bias.dtype is torch.float32)):
        return _ConvAct.apply(data, weight, bias, list(stride), list(pad), list(dilate), groups, act)
    out = OPS["Convolution"].fn(data, weight, bias, **conv) if bias is not None else \
        OPS["Convolution"].fn(data, weight, **conv)
    return OPS[act_op].fn(out, **act_kwargs)


def _op_name(fn):
    return next(name for name in ("Activation",) + tuple(_ACT_BACKWARD) if OPS[name].fn is fn)


def _fusable_activation(node):
    """The oneDNN name of ``node``'s activation when it is one the fused kernel can apply, else None."""
    if node.op != "call_function":
        return None
    if node.target is OPS["Activation"].fn:
        act = node.kwargs.get("act_type")
    else:
        act = next((name for name in _ACT_BACKWARD if name in OPS and node.target is OPS[name].fn), None)
    return act if act in _ACT_BACKWARD and len(node.args) == 1 else None


def _enabled():
    return torch.backends.mkldnn.is_available() and \
        os.environ.get("MXCOMPAT_CHANNELS_LAST_TRAIN", "1") not in ("0", "false", "False")


def _is_2d_conv(node, conv_fn):
    kw = node.kwargs
    return node.target is conv_fn and len(kw.get("kernel", ())) == 2 and kw.get("layout") in (None, "NCHW")


def _rewrite(graph):
    """Insert the layout conversions into ``graph``; False when it has no convolution to convert."""
    conv_fn = OPS["Convolution"].fn
    keeps = {OPS[name].fn for name in _KEEPS if name in OPS} | {operator.getitem}
    convs = [n for n in graph.nodes if n.op == "call_function" and _is_2d_conv(n, conv_fn)]
    if not convs:
        return False
    fuse = _POINTWISE is not None
    converted = {}  # data node -> its conversion (convolutions reading one input share it)
    for conv in convs:
        data = conv.args[0]
        cl = converted.get(data)
        if cl is None:
            with graph.inserting_before(conv):  # the first convolution reading it (graph order)
                cl = converted[data] = graph.call_function(_to_channels_last, (data,))
        conv.replace_input_with(data, cl)
        users = list(conv.users)
        act = _fusable_activation(users[0]) if fuse and len(users) == 1 else None
        if act is not None:
            with graph.inserting_before(users[0]):
                fused = graph.call_function(_conv_act, conv.args, dict(
                    conv.kwargs, act=act, act_op=_op_name(users[0].target), act_kwargs=dict(users[0].kwargs)))
            users[0].replace_all_uses_with(fused)
            graph.erase_node(users[0])
            graph.erase_node(conv)
    # which nodes may yield a channels-last tensor: convolutions, and keepers fed by one
    maybe_cl = set()
    for node in graph.nodes:
        if node.op != "call_function":
            continue
        if node.target is _conv_act or node.target is conv_fn:
            if node.target is _conv_act or _is_2d_conv(node, conv_fn):
                maybe_cl.add(node)
            continue
        if node.target is _to_channels_last or node.target is _to_contiguous:
            continue
        fed = [a for a in node.all_input_nodes if a in maybe_cl]
        if not fed:
            continue
        if node.target in keeps and node.kwargs.get("layout") in (None, "NCHW"):
            maybe_cl.add(node)
            continue
        for src in fed:
            with graph.inserting_before(node):
                plain = graph.call_function(_to_contiguous, (src,))
            node.replace_input_with(src, plain)
    output = next(n for n in graph.nodes if n.op == "output")
    for src in [a for a in output.all_input_nodes if a in maybe_cl]:
        with graph.inserting_before(output):
            plain = graph.call_function(_to_contiguous, (src,))
        output.replace_input_with(src, plain)
    graph.lint()
    return True


def channels_last(lowered):
    """The channels-last rewrite of a lowered training graph (``lowered`` itself when nothing applies)."""
    hit = _CACHE.get(lowered)
    if hit is not None:
        return hit
    result = lowered
    if _enabled():
        graph = copy.deepcopy(lowered.module.graph)
        if _rewrite(graph):
            result = LoweredGraph(torch.fx.GraphModule(torch.nn.Module(), graph), lowered.arg_names,
                                  lowered.aux_names, lowered.out_names, lowered.node_names)
    _CACHE[lowered] = result
    return result
