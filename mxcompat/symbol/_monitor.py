"""The executor's monitored run: MXNet's ``set_monitor_callback`` reports, node by node.

MXNet contract (GraphExecutor::RunOps, 1.9.1), for ``callback(name, array)``:
- forward, after each operator: its outputs, named as ``list_outputs`` names them (``fc_output``,
  ``split_output0``);
- with ``monitor_all``, before each operator: for each input, the variable's own name when the input is a
  variable, then ``<node>_input<i>``;
- backward, after each backward operator: the gradients it computed for its forward node's inputs (aux states
  excluded), named ``<node>_backward_output`` (one input) or ``<node>_backward_output<i>``. Backward nodes run in
  reverse forward order and exist only for operators a gradient passes through, and not for operators whose
  gradient MXNet passes on unchanged (``elemwise_add``, ``add_n``); a gradient that several consumers send to
  one entry is first summed by a ``sum_grad`` node, reported as ``sum_grad_output``.

Deliberate differences: an input MXNet names after the operator's own input list (``fc_data``) is reported as
``<node>_input<i>``; with ``monitor_all`` the backward operators' inputs are not reported; the gradient of an
input that needs none (a label, an argument with ``grad_req='null'``) is reported as zeros (MXNet reports
whatever its unused buffer holds); training-only hidden outputs (BatchNorm's ``bn_mean``/``bn_var``) are not
reported; the backward order is reverse forward order where MXNet's is a depth-first order of the gradient
graph (the same for chains and the usual branch-and-merge blocks), and ``sum_grad`` of a variable used by
several operators comes last.
"""
import torch

from ..ndarray.ndarray import NDArray


# operators whose MXNet gradient is CloneGradient: no backward node, the output gradient passes through
_PASS_THROUGH = frozenset(("elemwise_add", "add_n", "_contrib_round_ste", "_contrib_sign_ste"))


class _Tap(torch.autograd.Function):
    """Identity whose backward hands the gradient of one (consumer, input) edge to ``sink``."""

    @staticmethod
    def forward(ctx, x, sink, key):  # pylint: disable=arguments-differ
        ctx.sink, ctx.key = sink, key
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad):  # pylint: disable=arguments-differ
        ctx.sink[ctx.key] = grad
        return grad, None, None


class MonitorInterpreter(torch.fx.Interpreter):
    """Runs the lowered graph node by node, reporting as the module docstring says.

    ``ops`` maps an MXNet node name to (its number of non-aux inputs, its operator's name); call
    ``report_backward()`` after the gradients of a training run were computed."""

    def __init__(self, lowered, callback, monitor_all, ctx, ops):
        super().__init__(lowered.module)
        self.extra_traceback = False  # keep the operator's own message; don't import torch._dynamo / _inductor
        self._names = lowered.node_names
        self._cb = callback
        self._all = monitor_all
        self._ctx = ctx
        self._ops = ops
        self._grads = {}  # (node name, input index) -> gradient of that edge
        self._ran = []  # (node name, op name, input tensors, input sources) of the tapped operators, in order
        self._producer = {}  # fx node name -> MXNet node name of the operator that computed it

    def __call__(self, *args):
        return tuple(self.run(*args))

    def _report(self, name, value):
        if isinstance(value, torch.Tensor):
            self._cb(name, NDArray._wrap(value.detach(), self._ctx))

    def run_node(self, n):
        info = self._names.get(n.name)
        if info is None or info[1] is None:  # getitem, output, placeholders (reported at their consumers)
            return super().run_node(n)
        mx_name, out_names = info
        with self._set_current_node(n):
            args, kwargs = self.fetch_args_kwargs_from_env(n)
            if self._all:
                for k, (src, value) in enumerate(zip(n.args, args)):
                    src_info = self._names.get(getattr(src, "name", None))
                    if src_info is not None and src_info[1] is None:
                        self._report(src_info[0], value)
                    self._report("%s_input%d" % (mx_name, k), value)
            if torch.is_grad_enabled():
                args = self._tap(n, mx_name, args)
            result = getattr(self, n.op)(n.target, args, kwargs)
        self._producer[n.name] = mx_name
        for user in n.users:  # the getitem nodes of a multi-output operator
            self._producer[user.name] = mx_name
        outs = [result] if len(out_names) == 1 else list(result)
        for nm, v in zip(out_names, outs):
            self._report("%s_%s" % (mx_name, nm), v)
        return result

    def _tap(self, n, mx_name, args):
        count = self._ops[mx_name][0]
        if not any(isinstance(a, torch.Tensor) and a.requires_grad for a in args[:count]):
            return args
        self._ran.append((mx_name, self._ops[mx_name][1], args[:count], [getattr(a, "name", None) for a in n.args[:count]]))
        return tuple(_Tap.apply(a, self._grads, (mx_name, k))
                     if k < count and isinstance(a, torch.Tensor) and a.requires_grad else a
                     for k, a in enumerate(args))

    def report_backward(self):
        """Report each backward operator's outputs (after ``torch.autograd.grad`` ran over this run's graph)."""
        grads, self._grads = self._grads, {}
        flowing = {}  # input source -> gradients reaching it from its consumers, in reverse forward order
        for mx_name, _, inputs, sources in reversed(self._ran):
            got = [grads.get((mx_name, k)) for k in range(len(inputs))]
            if all(g is None for g in got):
                continue  # no gradient passed this operator: MXNet has no backward node for it
            for src, g in zip(sources, got):
                if g is not None:
                    flowing.setdefault(src, []).append(g)
        done = set()
        for mx_name, op_name, inputs, sources in reversed(self._ran):
            got = [grads.get((mx_name, k)) for k in range(len(inputs))]
            if all(g is None for g in got):
                continue
            # MXNet sums a gradient from several consumers in a ``sum_grad`` node, run just before the backward
            # node of the operator that produced the entry
            for out_src in (s for s, p in self._producer.items() if p == mx_name):
                if len(flowing.get(out_src, ())) > 1 and out_src not in done:
                    done.add(out_src)
                    self._report("sum_grad_output", sum(flowing[out_src]))
            if op_name in _PASS_THROUGH:
                continue  # MXNet's CloneGradient: the gradient passes through without a backward node
            for k, (x, g) in enumerate(zip(inputs, got)):
                if g is None and isinstance(x, torch.Tensor):
                    g = torch.zeros_like(x)
                suffix = "" if len(inputs) == 1 else str(k)
                self._report("%s_backward_output%s" % (mx_name, suffix), g)
        for src, gs in flowing.items():  # variables used by several operators
            if len(gs) > 1 and src not in done and src not in self._producer:
                self._report("sum_grad_output", sum(gs))
