"""Generate the imperative ``mx.nd.<op>`` functions from the operator registry.

One dispatch path for every operator: split the call into input arrays and parameters, parse the parameters
(cached per call signature by the OpDef), call the torch function on tensors, wrap the results. Outside
``autograd.record()`` an op whose inputs require grad runs under ``torch.no_grad`` so no graph is built.
"""
import torch

from ..context import Context, current_context
from .. import autograd as _ag
from ..base import MXNetError
from .ndarray import NDArray, INPLACE_RECORDED

__all__ = ["make_function", "invoke"]

_STATE = _ag.STATE
_no_grad = torch.no_grad


def _parse_ctx(ctx):
    if ctx is None or ctx == "":
        return current_context()
    if isinstance(ctx, Context):
        return ctx
    text = str(ctx)
    name, _, rest = text.partition("(")
    return Context(name, int(rest.rstrip(")") or 0))


def _untracked(tensors):
    """True when an op must run under no_grad: not recording, yet some input requires grad."""
    if _STATE.recording:
        return False
    for t in tensors:
        if t.requires_grad:
            return True
    return False


def _check_recorded_inplace(inputs, out):
    """MXNet refuses ``op(x, y, out=x)`` while recording when the result is recorded and ``x`` is not in the
    graph yet (an ``out`` already in the graph is refused by ``NDArray._set_data``)."""
    if not any(x._data.requires_grad for x in inputs):
        return
    for o in (out if isinstance(out, (list, tuple)) else [out]):
        if not o._data.requires_grad and any(o is x for x in inputs):
            raise MXNetError(INPLACE_RECORDED)


def invoke(op, inputs, kwargs, out=None):
    """Run ``op`` on NDArray ``inputs`` with raw parameter ``kwargs``; returns NDArray(s)."""
    if op.sparse_fn is not None:  # sparse kernels (ndarray/sparse_kernels.py); NotImplemented: dense path
        res = op.sparse_fn(op, inputs, kwargs, out)
        if res is not NotImplemented:
            return res
    if out is not None and _STATE.recording:
        _check_recorded_inplace(inputs, out)
    tensors = [x._data for x in inputs]
    if not op.special:
        # Hot path: plain tensor op, parameters parsed once per call signature by the OpDef.
        params = op.parse(kwargs) if kwargs or op.default_params is None else op.default_params
        ctx = inputs[0]._ctx if inputs else current_context()
    else:
        ctx = None
        if op.creation:
            ctx = _parse_ctx(kwargs.pop("ctx", None))
        elif op.key_var_num_args and op.key_var_num_args not in kwargs:
            kwargs[op.key_var_num_args] = len(inputs)
        params = dict(op.parse(kwargs))
        if op.mode:
            params["is_train"] = _STATE.training
        if op.creation:
            params["device"] = ctx.torch_device
        else:
            ctx = inputs[0]._ctx if inputs else current_context()
        if op.out_arg:
            params["out"] = None if out is None else (
                [o._data for o in out] if isinstance(out, (list, tuple)) else out._data)
    if _untracked(tensors):
        with _no_grad():
            res = op.fn(*tensors, **params)
    else:
        res = op.fn(*tensors, **params)
    if out is None and not op.view and type(res) is torch.Tensor:
        return NDArray._wrap(res, ctx)
    return _wrap_result(op, res, ctx, out)


def _wrap_result(op, res, ctx, out):
    if isinstance(res, torch.Tensor):
        if op.view:
            res = res.clone()
        if out is not None:
            if isinstance(out, (list, tuple)):
                out = out[0]
            if res is not out._data or _STATE.recording:
                out._set_data(res)
            return out
        return NDArray._wrap(res, ctx)
    if op.view:
        res = [r.clone() for r in res]
    if out is not None:
        outs = out if isinstance(out, (list, tuple)) else [out]
        recording = _STATE.recording
        for o, r in zip(outs, res):
            if r is not o._data or recording:  # an op that updated ``out`` in place has nothing to copy
                o._set_data(r)
        return out
    return [NDArray._wrap(r, ctx) for r in res]


_NOT_NDARRAY = "Argument {} must have NDArray type, but got {}"


def make_function(op, name):
    """The ``mx.nd`` function for ``op``: positional inputs, then positional params in MXNet's order."""
    variadic = op.variadic
    input_names = op.all_input_names
    in_names = set(input_names)
    n_inputs = len(input_names)
    param_order = op.param_order

    def function(*args, out=None, name=None, **kwargs):  # pylint: disable=redefined-outer-name
        if variadic:
            inputs = list(args)
            for x in inputs:
                if not isinstance(x, NDArray):
                    raise AssertionError("Positional arguments must have NDArray type, but got {}".format(x))
        else:
            nargs = len(args)
            # As MXNet binds them: the first len(inputs) positions are arrays (None: absent), the rest params.
            n = nargs if nargs < n_inputs else n_inputs
            for i in range(n):
                x = args[i]
                if x is not None and not isinstance(x, NDArray):
                    raise AssertionError(_NOT_NDARRAY.format(input_names[i], x))
            inputs = list(args[:n])
            if n < nargs:
                for pname, value in zip(param_order, args[n:]):
                    if pname in kwargs:
                        raise TypeError("{}() got multiple values for argument '{}'".format(op.name, pname))
                    kwargs[pname] = value
            if in_names and not in_names.isdisjoint(kwargs):
                inputs = _collect_inputs(op, inputs, kwargs)
            else:
                for x in inputs:
                    if x is None:
                        inputs = [y for y in inputs if y is not None]
                        break
        return invoke(op, inputs, kwargs, out)

    function.__name__ = name
    function.__qualname__ = name
    function.__doc__ = op.doc
    return function


def _collect_inputs(op, positional, kwargs):
    names = op.all_input_names
    given = {}
    for i, x in enumerate(positional):
        if x is not None:
            given[names[i]] = x
    for n in names:
        if n in kwargs:
            v = kwargs.pop(n)
            if v is None:
                continue
            if not isinstance(v, NDArray):
                raise AssertionError(_NOT_NDARRAY.format(n, v))
            given[n] = v
    return [given[n] for n in names if n in given]
