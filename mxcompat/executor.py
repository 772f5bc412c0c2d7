"""``mx.executor``: a bound Symbol (``Symbol.bind`` / ``simple_bind``) run forward and backward.

MXNet contract (1.9.1):
- ``arg_arrays`` / ``grad_arrays`` / ``aux_arrays`` are the bound NDArrays in ``list_arguments()`` /
  ``list_auxiliary_states()`` order; ``forward`` reads them at call time (so ``exe.arg_dict['x'][:] = v``
  takes effect) and writes the results into the persistent ``outputs`` arrays;
- ``forward(is_train=True)`` runs operators in training mode (Dropout active, BatchNorm on batch statistics
  and updating its moving statistics in ``aux_arrays``); ``backward(out_grads)`` writes each argument's
  gradient into its ``grad_arrays`` entry per ``grad_req`` ('write' overwrites, 'add' accumulates, 'null'
  skips). Loss heads (SoftmaxOutput, the regression outputs, MakeLoss, BlockGrad) need no head gradient;
  other outputs do (MXNetError otherwise). ``backward`` may be called repeatedly after one forward, and
  without a preceding training forward (the graph is then run once more to record it);
- ``reshape`` returns an executor for new input shapes that shares memory with this one: unchanged arrays
  are the same NDArrays, smaller ones are views of the original buffers, larger ones need
  ``allow_up_sizing=True``.

Execution lowers the graph once per ``is_train`` to a torch.fx GraphModule (``symbol/lower.py``); repeated
forwards reuse it. Gradients come from torch autograd on detached aliases of the argument tensors, so the
bound arrays are never turned into autograd leaves. Deliberate differences: ``group2ctx`` places nothing
(every operator runs on ``ctx``); the monitor callback receives ``(name, NDArray)`` instead of a C handle;
``debug_str`` lists the forward graph and an estimate of the memory MXNet would allocate.
"""
import copy
import os

import numpy as np
import torch

from .base import MXNetError
from .ndarray.ndarray import NDArray
from . import autograd as _ag
from .symbol.lower import lower, creation_shape_overrides
from .symbol.fast_infer import FastInference, enabled as _fast_enabled
from .symbol.train_layout import channels_last as _channels_last
from .symbol import infer as _infer
from .symbol._graph import topo_order
from .symbol.cse import eliminate_common_expr
from .symbol._monitor import MonitorInterpreter

__all__ = ["Executor"]

# operators whose gradient ignores the head gradient (MXNet allocates no head-gradient array for them)
LOSS_OPS = frozenset(("SoftmaxOutput", "Softmax", "LinearRegressionOutput", "LogisticRegressionOutput",
                      "MAERegressionOutput", "SVMOutput", "MakeLoss", "make_loss", "BlockGrad", "stop_gradient"))
_NO_GRAD_OPS = frozenset(("BlockGrad", "stop_gradient", "shape_array", "size_array", "argmax", "argmin",
                          "argmax_channel", "zeros_like", "ones_like"))
# operators MXNet registers no gradient for: binding a gradient through them is an error
_NON_DIFFERENTIABLE = frozenset(("batch_take", "argmax_channel"))
# operators whose MXNet gradient is a zero node that reads no output gradient
_ZERO_GRAD_OPS = _NO_GRAD_OPS | frozenset(("round", "rint", "floor", "ceil", "trunc", "fix", "logical_not") + tuple(
    p + n + s for n in ("equal", "not_equal", "greater", "greater_equal", "lesser", "lesser_equal", "logical_and",
                        "logical_or", "logical_xor") for p, s in (("_", ""), ("_", "_scalar"), ("broadcast_", ""))))


def _is_loss_head(node):
    """A loss head needs no head gradient: a loss operator, or a Custom whose Prop has need_top_grad=False."""
    if node.op is None:
        return False
    if node.op.name == "Custom":
        from ._op.defs.custom import head_grad_needed  # pylint: disable=import-outside-toplevel
        return not head_grad_needed(node.params)
    return node.op.name in LOSS_OPS


def _zeros(shape, dtype, ctx):
    return NDArray._wrap(torch.zeros(shape, dtype=dtype, device=ctx.torch_device), ctx)


class Executor:
    """The result of ``Symbol.bind`` / ``simple_bind``; see the module docstring."""

    def __init__(self, symbol, ctx, arg_arrays, grad_arrays, grad_reqs, aux_arrays, grad_req="write",
                 group2ctx=None, info=None):
        self._symbol = symbol
        self._ctx = ctx
        self._grad_req = grad_req
        self._group2ctx = group2ctx
        self.arg_arrays = arg_arrays
        self.grad_arrays = grad_arrays
        self.aux_arrays = aux_arrays
        self._reqs = grad_reqs
        self._arg_names = symbol.list_arguments()
        self._aux_names = symbol.list_auxiliary_states()
        self._out_names = symbol.list_outputs()
        self._arg_dict = self._grad_dict = self._aux_dict = self._output_dict = None
        self._lowered = {}
        self._resolved = {}  # (is_train, plain) -> (the lowered graph it came from, the graph to run)
        self._record = None  # (leaf indices, leaf tensors, output tensors) of the last training forward
        self._fast = None  # FastInference once built, False when the fast path does not apply
        self._last_train = False
        self._monitor_callback = None
        self._monitor_all = False
        self._monitor_run = None  # the MonitorInterpreter of the last monitored run (reports backward)
        self.outputs = []
        self._loss_heads = [_is_loss_head(h[0]) for h in symbol._outputs]
        self._fixed_gammas = _fixed_gamma_args(symbol, self._arg_names)
        self._cse = os.environ.get("MXNET_ELIMINATE_COMMON_EXPR", "1") != "0"  # read at bind, as MXNet does
        self._allocate_outputs(info)
        self._int_connected = None  # whether any integer argument's gradient depends on the heads
        self._check_differentiable()

    @property
    def handle(self):
        return self

    # ---- setup ---------------------------------------------------------------------------------------
    def _allocate_outputs(self, info=None):
        """Allocate ``outputs`` from shape/type inference (``info`` when the caller already ran it)."""
        if info is None:
            shapes = {n: tuple(a.shape) for n, a in zip(self._arg_names, self.arg_arrays)}
            shapes.update({n: tuple(a.shape) for n, a in zip(self._aux_names, self.aux_arrays)})
            dtypes = {n: a._data.dtype for n, a in zip(self._arg_names + self._aux_names,
                                                       self.arg_arrays + self.aux_arrays)}
            info = _infer.infer_graph(self._symbol._outputs, shapes, dtypes)
        self._info = info
        outs = []
        for h in self._symbol._outputs:
            s, d = info.entry_shape(h), info.entry_dtype(h)
            if s is None or any(x == 0 for x in s):
                self.outputs = []
                return
            outs.append(_zeros(s, d or torch.float32, self._ctx))
        self.outputs = outs

    def _module(self, is_train, plain=False):
        """The lowered graph; for training on the CPU its channels-last rewrite unless ``plain``."""
        lowered = self._lowered.get(is_train)
        resolved = self._resolved.get((is_train, plain))
        if resolved is not None and resolved[0] is lowered:  # per-call fast path; stale after ``_lowered`` changes
            return resolved[1]
        got = self._resolve_module(is_train, plain, lowered)
        self._resolved[(is_train, plain)] = (self._lowered.get(is_train), got)
        return got

    def _resolve_module(self, is_train, plain, lowered):
        if lowered is None:
            lowered = self._lowered[is_train] = lower(self._symbol, is_train, self._ctx.torch_device,
                                                      creation_shape_overrides(self._info))
        if is_train and not plain and self._ctx.torch_device.type == "cpu":
            return _channels_last(lowered)
        return lowered

    # ---- dicts -----------------------------------------------------------------------------------------
    @staticmethod
    def _get_dict(names, ndarrays):
        seen = set()
        for nm in names:
            if nm in seen:
                raise ValueError("Duplicate names detected, %s" % str(names))
            seen.add(nm)
        return dict(zip(names, ndarrays if ndarrays is not None else [None] * len(names)))

    arg_dict = property(lambda self: self._cached_dict("_arg_dict", self._arg_names, self.arg_arrays),
                        doc="Argument name -> bound argument array.")
    grad_dict = property(lambda self: self._cached_dict("_grad_dict", self._arg_names, self.grad_arrays),
                         doc="Argument name -> gradient array (None where no gradient is bound).")
    aux_dict = property(lambda self: self._cached_dict("_aux_dict", self._aux_names, self.aux_arrays),
                        doc="Auxiliary state name -> array.")
    output_dict = property(lambda self: self._cached_dict("_output_dict", self._out_names, self.outputs),
                           doc="Output name -> output array.")

    def _cached_dict(self, slot, names, arrays):
        d = getattr(self, slot)
        if d is None:
            d = Executor._get_dict(names, arrays)
            setattr(self, slot, d)
        return d

    # ---- running ---------------------------------------------------------------------------------------
    def _grad_leaves(self):
        if self.grad_arrays is None:
            return []
        return [i for i, (r, g) in enumerate(zip(self._reqs, self.grad_arrays))
                if r != "null" and g is not None and self.arg_arrays[i]._data.is_floating_point()]

    def _check_differentiable(self):
        """MXNet's bind fails when a wanted gradient must pass an operator that has no gradient; it also
        tells whether any integer argument's gradient can depend on the heads at all."""
        if self.grad_arrays is None:
            return
        wanted = {n for n, r in zip(self._arg_names, self._reqs) if r != "null"}
        for n in _reached_nodes(self._symbol):
            if n.op is not None and n.op.name in _NON_DIFFERENTIABLE and \
                    _grad_reached(_Heads([(n, 0, 0)]), frozenset()) & wanted:
                raise MXNetError("Operator {} is non-differentiable because it didn't register FGradient "
                                 "attribute.".format(n.op.name))
        ints = {self._arg_names[i] for i in self._int_grad_args()}
        if not ints & _grad_reached(self._symbol):
            self._int_connected = False

    def _int_grad_args(self):
        if self.grad_arrays is None:
            return []
        return [i for i, (r, g) in enumerate(zip(self._reqs, self.grad_arrays))
                if r != "null" and g is not None and not self.arg_arrays[i]._data.is_floating_point()]

    def _int_run(self, leaves):
        """A training run with the integer arguments ``leaves`` fed as float64 leaves, so that the gradient
        MXNet computes for them in their own integer type can be taken (then cast back). Returns (leaf
        tensors, results)."""
        tensors = [a._data for a in self.arg_arrays] + [a._data for a in self.aux_arrays]
        leaf_t = []
        for i in leaves:
            tensors[i] = tensors[i].detach().to(torch.float64).requires_grad_(True)
            leaf_t.append(tensors[i])
        prev = _ag.set_training(self._last_train)
        try:
            with torch.enable_grad():
                results = self._module(self._last_train, plain=True).module(*tensors)
        finally:
            _ag.set_training(prev)
        return leaf_t, results

    def _head_needed(self, i, connected):
        """MXNet asks for output ``i``'s head gradient only when an argument's gradient depends on it."""
        if not connected:
            return False
        wanted = {n for n, r in zip(self._arg_names, self._reqs) if r != "null"}
        return bool(_grad_reached(_Heads([self._symbol._outputs[i]]), _ZERO_GRAD_OPS) & wanted)

    def forward(self, is_train=False, **kwargs):
        """Run the graph; ``kwargs`` arrays are first copied into the bound arguments. Returns ``outputs``."""
        if kwargs:
            arg_dict = self.arg_dict
            for name, array in kwargs.items():
                if not isinstance(array, (NDArray, np.ndarray)):
                    raise ValueError("only accept keyword argument of NDArrays and numpy.ndarray")
                if name not in arg_dict:
                    raise TypeError("Unknown argument %s" % name)
                if arg_dict[name].shape != array.shape:
                    raise ValueError("Shape not match! Argument %s, need: %s, received: %s"
                                     % (name, str(arg_dict[name].shape), str(array.shape)))
                arg_dict[name][:] = array
        is_train = bool(is_train)
        self._last_train = is_train
        self._record = None
        if self._fixed_gammas:
            # MXNet's graph executor writes ones into BatchNorm's gamma when fix_gamma (nd.BatchNorm does not).
            with torch.no_grad():
                for i in self._fixed_gammas:
                    self.arg_arrays[i]._data.fill_(1)
        leaves = self._grad_leaves() if is_train else []
        results = self._run(is_train, leaves)
        self._store_outputs(results)
        return self.outputs

    def _run(self, is_train, leaves):
        lowered = self._module(is_train, plain=self._monitor_callback is not None)
        tensors = [a._data for a in self.arg_arrays] + [a._data for a in self.aux_arrays]
        if self._monitor_callback is not None:
            runner = self._monitor_run = MonitorInterpreter(
                lowered, self._monitor_callback, self._monitor_all, self._ctx,
                {n.name: (len(n.op.input_names(n.params)) if not n.op.variadic else len(n.inputs), n.op.name)
                 for n in topo_order(self._symbol._outputs) if n.op is not None})
        else:
            runner = lowered.module
        prev = _ag.set_training(is_train)
        try:
            if not leaves:
                with torch.no_grad():
                    if not is_train and runner is lowered.module and self._fast is not False:
                        return self._run_fast(lowered, tensors)
                    return runner(*tensors)
            leaf_t = []
            for i in leaves:
                t = tensors[i].detach().requires_grad_(True)
                tensors[i] = t
                leaf_t.append(t)
            with torch.enable_grad():
                results = runner(*tensors)
        finally:
            _ag.set_training(prev)
        self._record = (leaves, leaf_t, results)
        return results

    def _run_fast(self, lowered, tensors):
        """Inference through the folded, channels-last graph (see ``symbol/fast_infer.py``)."""
        fast = self._fast
        if fast is None:
            if not _fast_enabled():
                self._fast = False
                return lowered.module(*tensors)
            fast = FastInference(lowered, tensors)
            if not fast.useful:
                self._fast = False
                return fast.reference
            self._fast = fast
        results = fast(tensors)
        if not fast.verified:
            if not FastInference.matches(results, fast.reference):
                self._fast = False
                return fast.reference
            fast.verified = True
            fast.reference = None
        return results

    def _store_outputs(self, results):
        if len(self.outputs) != len(results):
            self.outputs = [NDArray._wrap(r.detach(), self._ctx) for r in results]
            self._output_dict = None
            return
        with torch.no_grad():
            for buf, r in zip(self.outputs, results):
                if buf._data.shape == r.shape and buf._data.dtype == r.dtype:
                    buf._data.copy_(r)
                else:
                    buf._data = r.detach()

    def backward(self, out_grads=None, is_train=True):
        """Write argument gradients into ``grad_arrays`` (see the module docstring)."""
        if out_grads is None:
            out_grads = []
        elif isinstance(out_grads, NDArray):
            out_grads = [out_grads]
        elif isinstance(out_grads, dict):
            out_grads = [out_grads[k] for k in self._out_names]
        for obj in out_grads:
            if not isinstance(obj, NDArray):
                raise TypeError("inputs must be NDArray")
        leaves = self._grad_leaves()
        int_leaves = self._int_grad_args() if self._int_connected is not False else []
        if not leaves and not int_leaves:
            self._zero_int_grads()
            return
        if self._record is None and leaves:
            self._store_outputs(self._run(self._last_train, leaves))
        _, leaf_t, results = self._record if leaves else (None, [], [None] * len(self._out_names))
        int_t, int_results = [], [None] * len(results)
        if int_leaves:
            try:
                int_t, int_results = self._int_run(int_leaves)
            except (MXNetError, RuntimeError):  # an op that takes them only as indices: zero gradient
                self._int_connected, int_leaves = False, []
                self._zero_int_grads()
        outs, grads, int_outs, int_grads = [], [], [], []
        for i, (r, ri) in enumerate(zip(results, int_results)):
            if i < len(out_grads) and out_grads[i] is not None:
                g = out_grads[i]._data
            elif self._loss_heads[i]:
                g = None
            elif not self._head_needed(i, (r is not None and r.requires_grad) or
                                       (ri is not None and ri.requires_grad)):
                continue  # the gradient does not depend on this output: MXNet needs no head gradient
            else:
                raise MXNetError("Check failed: i < head_grads.size() && !head_grads[i].is_none(): Because the "
                                 "last operator is not Loss function, head_gradient is required when calling "
                                 "backward. If you are attempting to minimize the output as an objective, please "
                                 "modify your network and pass it through the make_loss symbol.")
            if ri is not None and ri.requires_grad:
                int_outs.append(ri)
                int_grads.append(torch.ones_like(ri) if g is None else g.to(ri.device, ri.dtype).reshape(ri.shape))
            if r is None or not r.requires_grad:
                continue
            outs.append(r)
            grads.append(torch.ones_like(r) if g is None else g.to(r.device, r.dtype).reshape(r.shape))
        if int_leaves:
            self._write_int_grads(int_leaves, int_t, int_outs, int_grads)
        if not leaves:
            return
        if outs:
            # ops read the mode at backward time (BatchNorm's formula and moving-statistics update)
            prev = _ag.set_training(is_train)
            try:
                got = torch.autograd.grad(outs, leaf_t, grads, retain_graph=True, allow_unused=True)
            finally:
                _ag.set_training(prev)
            if self._monitor_callback is not None and self._monitor_run is not None:
                self._monitor_run.report_backward()
        else:
            got = [None] * len(leaf_t)
        with torch.no_grad():
            for i, g in zip(self._record[0], got):
                buf = self.grad_arrays[i]._data
                if self._reqs[i] == "add":
                    if g is not None:
                        buf.add_(g.to(buf.dtype))
                elif g is None:
                    buf.zero_()
                else:
                    buf.copy_(g)

    def _write_int_grads(self, int_leaves, int_t, outs, grads):
        got = (torch.autograd.grad(outs, int_t, grads, allow_unused=True) if outs else [None] * len(int_t))
        if all(g is None for g in got):
            self._int_connected = False  # structural: no later backward can reach them either
        with torch.no_grad():
            for i, g in zip(int_leaves, got):
                buf = self.grad_arrays[i]._data
                if g is None:
                    if self._reqs[i] != "add":
                        buf.zero_()
                elif self._reqs[i] == "add":
                    buf.add_(g.to(buf.dtype))
                else:
                    buf.copy_(g.to(buf.dtype))

    def _zero_int_grads(self):
        """Integer arguments no gradient reaches get MXNet's zero gradient ('write') or keep theirs ('add')."""
        with torch.no_grad():
            for i in self._int_grad_args():
                if self._reqs[i] != "add":
                    self.grad_arrays[i]._data.zero_()

    # ---- parameters, reshape, monitor ---------------------------------------------------------------------
    def copy_params_from(self, arg_params, aux_params=None, allow_extra_params=False):
        """Copy ``arg_params`` / ``aux_params`` (dicts of NDArray) into the bound arrays (cast to their dtype)."""
        for params, targets, missing in ((arg_params, self.arg_dict, 'Find name "%s" that is not in the arguments'),
                                         (aux_params or {}, self.aux_dict,
                                          "Find name %s that is not in the auxiliary states")):
            for name, array in params.items():
                if name in targets:
                    array.astype(targets[name].dtype).copyto(targets[name])
                elif not allow_extra_params:
                    raise ValueError(missing % name)

    def reshape(self, partial_shaping=False, allow_up_sizing=False, **kwargs):
        """An executor for new argument shapes sharing this one's memory (see the module docstring)."""
        given = {k: tuple(v) for k, v in kwargs.items() if isinstance(v, tuple)}
        info = _infer.infer_graph(self._symbol._outputs, given,
                                  {n: a._data.dtype for n, a in zip(self._arg_names, self.arg_arrays)})

        def new_shape(name, node_key, old):
            s = info.shape.get(node_key)
            if s is None or any(d == 0 for d in s):
                if name in given:
                    return given[name]
                return old
            if name not in given and s != old and not partial_shaping:
                raise MXNetError("Shape of unspecifie arg: %s changed. This can cause the new executor to not "
                                 "share parameters with the old one. Please check for error in network. If this "
                                 "is intended, set partial_shaping=True to suppress this warning." % name)
            return s

        var_nodes = {n.name: n for n in topo_order(self._symbol._outputs) if n.op is None}

        def remap(name, arr, shape):
            if arr is None:
                return None
            if tuple(arr.shape) == tuple(shape):
                return arr
            n = int(np.prod(shape))
            if n > arr.size:
                if not allow_up_sizing:
                    raise MXNetError("New shape of arg: %s larger than original. First making a big executor and "
                                     "then down sizing it is more efficient than the reverse. If you really want "
                                     "to up size, set allow_up_sizing=True to enable allocation of new arrays."
                                     % name)
                return _zeros(shape, arr._data.dtype, self._ctx)
            return NDArray._wrap(arr._data.reshape(-1)[:n].view(shape), self._ctx)

        args, grads, auxs = [], [], []
        for i, (name, arr) in enumerate(zip(self._arg_names, self.arg_arrays)):
            shape = new_shape(name, (id(var_nodes[name]), 0), tuple(arr.shape))
            args.append(remap(name, arr, shape))
            grads.append(remap(name, self.grad_arrays[i], shape) if self.grad_arrays is not None else None)
        for name, arr in zip(self._aux_names, self.aux_arrays):
            auxs.append(remap(name, arr, new_shape(name, (id(var_nodes[name]), 0), tuple(arr.shape))))
        exe = Executor(self._symbol, self._ctx, args, grads if self.grad_arrays is not None else None,
                       self._reqs, auxs, self._grad_req, self._group2ctx)
        if not creation_shape_overrides(self._info):  # else its creation ops take the new inferred shapes
            exe._lowered = self._lowered
        if len(exe.outputs) == len(self.outputs):
            exe.outputs = [remap(name, old, tuple(new.shape)) if old.size >= new.size else new
                           for name, old, new in zip(self._out_names, self.outputs, exe.outputs)]
        exe._monitor_callback, exe._monitor_all = self._monitor_callback, self._monitor_all
        return exe

    def set_monitor_callback(self, callback, monitor_all=False):
        """Call ``callback(name, NDArray)`` on every operator output (and input, with ``monitor_all``)."""
        self._monitor_callback = callback
        self._monitor_all = monitor_all

    def debug_str(self):
        """The graph (as ``Symbol.debug_str``) and the memory MXNet would allocate for this binding."""
        return self._symbol.debug_str() + "Total %d MB allocated\nTotal %d TempSpace resource requested\n" % (
            _memory_mb(self), 0)

    def get_optimized_symbol(self):
        """The bound graph after MXNet's bind-time rewrite: common subexpressions merged (``symbol/cse.py``)
        unless ``MXNET_ELIMINATE_COMMON_EXPR=0`` was set at bind; otherwise a copy of the bound symbol."""
        if self._cse:
            return type(self._symbol)(eliminate_common_expr(self._symbol._outputs))
        return copy.copy(self._symbol)


def _memory_mb(exe):
    """MXNet-style estimate: forward buffers (reused when no gradient flows) plus gradient buffers."""
    info = exe._info
    sizes = {}
    for n in info.nodes:
        if n.op is None:
            continue
        for i in range(n.num_outputs()):
            s, d = info.shape.get((id(n), i)), info.dtype.get((id(n), i))
            if s is not None and all(x > 0 for x in s):
                sizes[(id(n), i)] = int(np.prod(s)) * torch.empty((), dtype=d or torch.float32).element_size()
    heads = {(id(h[0]), h[1]) for h in exe._symbol._outputs}
    head_bytes = sum(v for k, v in sizes.items() if k in heads)
    rest = [v for k, v in sizes.items() if k not in heads]
    if _gradient_flows(exe):
        total = head_bytes + 2 * sum(rest)
    else:
        total = head_bytes + (max(rest) if rest else 0)
    return total >> 20


def _reached_nodes(symbol):
    """Operator nodes a gradient from the heads passes (not through BlockGrad-like operators)."""
    stack, seen, out = [h[0] for h in symbol._outputs], set(), []
    while stack:
        n = stack.pop()
        if id(n) in seen or n.op is None:
            continue
        seen.add(id(n))
        out.append(n)
        if n.op.name in _NON_DIFFERENTIABLE or n.op.name not in _NO_GRAD_OPS:
            stack.extend(e[0] for e in n.inputs)
    return out


class _Heads:
    def __init__(self, outputs):
        self._outputs = outputs


def _grad_reached(symbol, stop=None):
    """Names of the variables a gradient from the heads reaches (not through BlockGrad-like operators, nor
    through ``stop``)."""
    stop = _NO_GRAD_OPS if stop is None else stop
    stack, seen, found = [h[0] for h in symbol._outputs], set(), set()
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if n.op is None:
            found.add(n.name)
        elif n.op.name not in stop:
            stack.extend(e[0] for e in n.inputs)
    return found


def _gradient_flows(exe):
    wanted = {name for name, r in zip(exe._arg_names, exe._reqs) if r != "null"}
    if not wanted or exe.grad_arrays is None:
        return False
    return bool(_grad_reached(exe._symbol) & wanted)


def _fixed_gamma_args(symbol, arg_names):
    """Positions of the arguments bound as gamma of a BatchNorm with ``fix_gamma=True``."""
    from .symbol._graph import topo_order
    index = {name: i for i, name in enumerate(arg_names)}
    out = []
    for node in topo_order(symbol._outputs):
        if node.op is None or node.op.name not in ("BatchNorm", "BatchNorm_v1") or len(node.inputs) < 2:
            continue
        if not node.params.get("fix_gamma", False):
            continue
        gamma = node.inputs[1][0]
        if gamma.op is None and gamma.name in index:
            out.append(index[gamma.name])
    return out
