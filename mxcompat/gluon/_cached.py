"""The hybridized forward of a HybridBlock: its Symbol graph, lowered once per (mode, device), run on tensors.

MXNet hands the graph to ``CachedOp``; here the graph is lowered by ``symbol.lower`` to a torch.fx module whose
placeholders are the graph's arguments then auxiliary states. ``GraphRunner`` maps each placeholder, once, to a
data input (by position) or a Parameter, so a forward is: gather tensors, call the module, wrap outputs.
Under ``autograd.record()`` torch records through the module, so gradients reach the Parameters' buffers;
outside it the module runs under ``no_grad``. Auxiliary states (BatchNorm's running statistics) are updated in
place by the operator functions, as in the imperative path.
"""
from contextlib import nullcontext

import torch

from .. import autograd as _ag
from ..ndarray.ndarray import NDArray
from ..symbol.lower import lower

__all__ = ["GraphRunner"]


class GraphRunner:
    """Runs ``out`` (a Symbol) given the data inputs, reading Parameters for the other inputs."""

    def __init__(self, out, data_names, params):
        self.out = out
        self._data_index = {name: i for i, name in enumerate(data_names)}
        self._params = params
        self._plans = {}

    def _plan(self, is_train, device):
        key = (is_train, str(device))
        plan = self._plans.get(key)
        if plan is None:
            lowered = lower(self.out, is_train, device)
            sources = []
            for name in lowered.arg_names + lowered.aux_names:
                if name in self._data_index:
                    sources.append((True, self._data_index[name]))
                else:
                    sources.append((False, self._params[name]))
            plan = self._plans[key] = (lowered, sources)
        return plan

    def __call__(self, args, ctx):
        lowered, sources = self._plan(_ag.is_training(), ctx.torch_device)
        tensors = [args[src]._data if is_arg else src.data(ctx)._data for is_arg, src in sources]
        with nullcontext() if _ag.is_recording() else torch.no_grad():
            results = lowered(*tensors)
        return [NDArray._wrap(t, ctx) for t in results]
