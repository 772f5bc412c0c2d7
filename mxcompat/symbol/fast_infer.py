"""The inference fast path of an Executor: the oneDNN-style rewrites MXNet's CPU build applies.

Used for ``forward(is_train=False)`` when no gradient is recorded (``grad_req='null'`` executors, and
inference forwards of training executors) and no monitor is installed. It rewrites a copy of the lowered
fx graph, for float32 2-D convolutions in channels-first layout:
- a ``Convolution`` whose only consumer is an inference-mode ``BatchNorm`` (``axis=1``, no
  ``output_mean_var``) becomes one convolution with weight ``W * gamma / sqrt(var + eps)`` and bias
  ``(b - mean) * gamma / sqrt(var + eps) + beta`` (``gamma = 1`` under ``fix_gamma``);
- the convolution runs as torch's oneDNN ``_convolution_pointwise`` on channels-last data with its weight
  reordered once for the bound input size, with a following ReLU and/or residual ``elemwise_add`` fused in,
  as MXNet's oneDNN subgraph pass fuses conv+bn+relu and conv+sum.
- the fused convolutions and 2-D max pooling write into buffers allocated once per executor, shared between
  values whose lifetimes do not overlap (``_infer_plan.py``), as MXNet plans an executor's memory.
Later operators see the same values (only the memory order differs). The derived weights are cached and
rebuilt when a source array changes (tensor identity and version counter, so ``exe.arg_dict['w'][:] = ...``
and ``copy_params_from`` are seen). Building runs the plain graph once (recording shapes) and the first fast
forward is compared with it; on a mismatch beyond 1e-4 of the output's scale the executor keeps the plain
graph for good. ``MXCOMPAT_FAST_INFERENCE=0`` disables the path.
"""
import copy
import os

import torch
import torch.fx

from .._op import OPS
from ._infer_plan import plan_memory, allocate

__all__ = ["FastInference", "enabled"]

_POINTWISE = getattr(getattr(torch.ops, "mkldnn", None), "_convolution_pointwise", None)


def enabled():
    return _POINTWISE is not None and torch.backends.mkldnn.is_available() and \
        os.environ.get("MXCOMPAT_FAST_INFERENCE", "1") not in ("0", "false", "False")


def _fn(name):
    op = OPS.get(name)
    return op.fn if op is not None else None


def _to_cl(t):
    return t.contiguous(memory_format=torch.channels_last) if t.dim() == 4 else t


def _conv(x, w, b, padding, stride, dilation, groups, unary):
    return _POINTWISE(_to_cl(x), w, b, padding, stride, dilation, groups, unary, [], "")


def _conv_add(x, other, w, b, padding, stride, dilation, groups, unary):
    return _POINTWISE.binary(_to_cl(x), _to_cl(other), w, b, padding, stride, dilation, groups, "add", None,
                             None if unary == "none" else unary,
                             [], "")


class _Recorder(torch.fx.Interpreter):
    """Runs the plain graph, remembering each node's output (shape, dtype)."""

    def __init__(self, module):
        super().__init__(module)
        # torch's error decoration rewrites the operator's message and imports torch._dynamo / _inductor
        self.extra_traceback = False
        self.meta = {}

    def run_node(self, n):
        res = super().run_node(n)
        if isinstance(res, torch.Tensor):
            self.meta[n] = (tuple(res.shape), res.dtype)
        return res


class FastInference:
    """A rewritten copy of a lowered graph plus the cache of its derived parameters."""

    def __init__(self, lowered, tensors):
        recorder = _Recorder(lowered.module)
        self.reference = recorder.run(*tensors)
        self.useful = False
        if any(t.device.type != "cpu" for t in tensors):
            return  # oneDNN's CPU kernels only
        graph = copy.deepcopy(lowered.module.graph)
        meta = {new: recorder.meta.get(old) for old, new in zip(lowered.module.graph.nodes, graph.nodes)}
        placeholders = [n for n in graph.nodes if n.op == "placeholder"]
        self._index = {n: i for i, n in enumerate(placeholders)}
        self._last_ph = placeholders[-1] if placeholders else None
        self._graph = graph
        self._specs = []  # ("fold", w, b, gamma, beta, mean, var, eps, fix_gamma) / ("pack", src, shape, geometry)
        self._sources = set()
        conv_fn = _fn("Convolution")
        self._fold_batchnorms(graph, conv_fn, meta)
        self._fuse_convolutions(graph, conv_fn, meta)
        self._buffer_specs = plan_memory(graph, meta, _conv, _conv_add, _fn("Pooling"), self._new_input)
        self._buffers = None
        graph.lint()
        self.module = torch.fx.GraphModule(torch.nn.Module(), graph)
        self.useful = bool(self._specs or self._buffer_specs)
        self._sources = sorted(self._sources)
        self._signature = None
        self._derived = None
        self.verified = False

    # ---- graph rewriting -------------------------------------------------------------------------------
    def _new_input(self, name):
        with self._graph.inserting_after(self._last_ph):
            ph = self._graph.placeholder(name)
        self._last_ph = ph
        return ph

    def _is_param(self, node):
        return isinstance(node, torch.fx.Node) and node in self._index

    def _fold_batchnorms(self, graph, conv_fn, meta):
        bn_fns = {f for f in (_fn("BatchNorm"), _fn("BatchNorm_v1")) if f is not None}
        for node in list(graph.nodes):
            if node.op != "call_function" or node.target not in bn_fns or len(node.args) < 5:
                continue
            kw = node.kwargs
            if kw.get("output_mean_var") or kw.get("axis", 1) != 1 or (kw["is_train"] and not kw["use_global_stats"]):
                continue
            conv = node.args[0]
            if not isinstance(conv, torch.fx.Node) or conv.target is not conv_fn or len(conv.users) != 1 or \
                    conv.kwargs.get("layout") not in (None, "NCW", "NCHW", "NCDHW"):
                continue
            bias = conv.args[2] if len(conv.args) > 2 else None
            if not self._is_param(conv.args[1]) or (bias is not None and not self._is_param(bias)) or \
                    not all(self._is_param(a) for a in node.args[1:5]):
                continue
            k = len(self._specs)
            ids = [self._index[conv.args[1]], None if bias is None else self._index[bias]] + \
                [self._index[a] for a in node.args[1:5]]
            self._specs.append(("fold", *ids, kw["eps"], kw["fix_gamma"]))
            # under fix_gamma the executor rewrites gamma with ones each forward; the fold ignores it
            self._sources.update(i for j, i in enumerate(ids) if i is not None and not (j == 2 and kw["fix_gamma"]))
            fw, fb = self._new_input("_fold_w%d" % k), self._new_input("_fold_b%d" % k)
            with graph.inserting_before(node):
                fused = graph.call_function(conv_fn, (conv.args[0], fw, fb), dict(conv.kwargs, no_bias=False))
            fused.meta["fold"] = k
            meta[fused] = meta.get(node)
            node.replace_all_uses_with(fused)
            graph.erase_node(node)
            graph.erase_node(conv)

    def _fuse_convolutions(self, graph, conv_fn, meta):
        act_fn, relu_fn = _fn("Activation"), _fn("relu")
        add_fns = {f for f in (_fn("elemwise_add"), _fn("broadcast_add")) if f is not None}

        def is_relu(n):
            return n.op == "call_function" and (n.target is relu_fn or (
                n.target is act_fn and n.kwargs.get("act_type") == "relu"))

        for node in list(graph.nodes):
            if node.op != "call_function" or node.target is not conv_fn:
                continue
            kw = node.kwargs
            data, weight = node.args[0], node.args[1]
            bias = node.args[2] if len(node.args) > 2 else None
            in_meta = meta.get(data) if isinstance(data, torch.fx.Node) else None
            fold = node.meta.get("fold")
            if len(kw["kernel"]) != 2 or kw.get("layout") not in (None, "NCHW") or in_meta is None or \
                    in_meta[1] != torch.float32 or len(in_meta[0]) != 4:
                continue
            if fold is None and not self._is_param(weight):
                continue
            if bias is not None and fold is None and not self._is_param(bias):
                continue
            geometry = (list(kw["pad"] or (0, 0)), list(kw["stride"] or (1, 1)), list(kw["dilate"] or (1, 1)),
                        kw["num_group"])
            src = ("fold", fold) if fold is not None else ("arg", self._index[weight])
            if src[0] == "arg":
                self._sources.add(src[1])
            self._specs.append(("pack", src, in_meta[0], geometry))
            packed = self._new_input("_packed_w%d" % len(self._specs))
            end, other, unary = node, None, "none"
            users = list(node.users)
            if len(users) == 1 and users[0].target in add_fns and len(users[0].args) == 2:
                add = users[0]
                cand = add.args[1] if add.args[0] is node else add.args[0]
                if cand is not node and meta.get(add) is not None and meta.get(cand) is not None and \
                        meta[add][0] == meta[cand][0] == meta.get(node, (None,))[0]:
                    end, other = add, cand
            nxt = list(end.users)
            if len(nxt) == 1 and is_relu(nxt[0]):
                end, unary = nxt[0], "relu"
            elif other is None and len(users) == 1 and is_relu(users[0]):
                end, unary = users[0], "relu"
            with graph.inserting_before(end):
                if other is None:
                    new = graph.call_function(_conv, (data, packed, bias) + tuple(geometry) + (unary,))
                else:
                    new = graph.call_function(_conv_add, (data, other, packed, bias) + tuple(geometry) + (unary,))
            meta[new] = meta.get(end)
            end.replace_all_uses_with(new)
            doomed = [end]
            if end is not node:
                if users[0] is not end:
                    doomed.append(users[0])  # the residual add between the convolution and the ReLU
                doomed.append(node)
            for n in doomed:
                if not n.users:
                    graph.erase_node(n)

    # ---- derived parameters --------------------------------------------------------------------------
    def _prepare(self, tensors):
        sig = tuple((id(tensors[i]), tensors[i]._version) for i in self._sources)
        if sig == self._signature:
            return self._derived
        derived, folded = [], []
        with torch.no_grad():
            for spec in self._specs:
                if spec[0] == "fold":
                    _, w_idx, b_idx, g, b, m, v, eps, fix_gamma = spec
                    w = tensors[w_idx]
                    scale = (tensors[v].to(w.dtype) + eps).rsqrt()
                    if not fix_gamma:
                        scale = scale * tensors[g].to(w.dtype)
                    shift = tensors[b].to(w.dtype) - tensors[m].to(w.dtype) * scale
                    if b_idx is not None:
                        shift = shift + tensors[b_idx].to(w.dtype) * scale
                    pair = (w * scale.reshape((-1,) + (1,) * (w.dim() - 1)), shift)
                    folded.append(pair)
                    derived += list(pair)
                else:
                    _, src, in_shape, (pad, stride, dilate, groups) = spec
                    w = folded[src[1]][0] if src[0] == "fold" else tensors[src[1]]
                    derived.append(torch._C._nn.mkldnn_reorder_conv2d_weight(  # pylint: disable=protected-access
                        w.contiguous().to_mkldnn(), pad, stride, dilate, groups, list(in_shape)))
        self._signature, self._derived = sig, derived
        return derived

    def __call__(self, tensors):
        if self._buffers is None:
            self._buffers = allocate(self._buffer_specs, tensors[0].device if tensors else None)
        return self.module(*tensors, *self._prepare(tensors), *self._buffers)

    @staticmethod
    def matches(fast, ref):
        """Whether the fast outputs agree with the plain graph's within 1e-4 of each output's scale."""
        for a, b in zip(fast, ref):
            if a.shape != b.shape or a.dtype != b.dtype:
                return False
            if a.is_floating_point():
                scale = max(1.0, float(b.abs().max())) if b.numel() else 1.0
                if b.numel() and float((a - b).abs().max()) > 1e-4 * scale:
                    return False
            elif not torch.equal(a, b):
                return False
        return True
