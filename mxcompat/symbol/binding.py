"""``Symbol.bind`` and ``Symbol.simple_bind``: argument checking, shape/type inference and allocation.

MXNet contract: ``bind`` takes arrays as a list in ``list_arguments()`` order or a dict (a missing argument or
auxiliary state is ValueError, a non-NDArray TypeError, ``ctx`` must be a Context); ``args_grad`` may leave
arguments out (no gradient), ``grad_req`` is a string, a list or a dict (names left out get 'null').
``simple_bind`` infers every shape from the keyword shapes (and types from ``type_dict``, float32 otherwise),
allocates zero-filled arrays, gradient arrays where ``grad_req`` is not 'null' and the auxiliary states;
with ``shared_exec`` it reuses the arrays of ``shared_arg_names`` that have the same shape and type, and with
``shared_buffer`` (a dict) it reuses, or adds, arrays for the other arguments (views when the buffer is larger).
An inference failure is RuntimeError("simple_bind error. Arguments: ..."), as in MXNet.
"""
import numpy as np
import torch

from ..base import MXNetError, string_types, unsupported
from ..context import Context
from ..ndarray.ndarray import NDArray
from ..executor import Executor, _zeros
from . import infer as _infer
from .infer_api import type_arg

__all__ = ["bind", "simple_bind"]

_GRAD_REQS = ("null", "write", "add")


def _ndarray_inputs(key, args, names, allow_missing):
    if isinstance(args, (list, tuple)):
        if len(args) != len(names):
            raise ValueError("Length of %s does not match the number of arguments" % key)
        for a in args:
            if a is None and allow_missing:
                continue
            if not isinstance(a, NDArray):
                raise TypeError("Only accept list of NDArrays or dict of str to NDArray")
        return list(args)
    if isinstance(args, dict):
        out = []
        for name in names:
            if name in args:
                if not isinstance(args[name], NDArray):
                    raise TypeError("Only accept list of NDArrays or dict of str to NDArray")
                out.append(args[name])
            elif allow_missing:
                out.append(None)
            else:
                raise ValueError("key `%s` is missing in `%s`" % (name, key))
        return out
    raise TypeError("Only accept list of NDArrays or dict of str to NDArray")


def _grad_req_list(grad_req, names, default_missing):
    if isinstance(grad_req, string_types):
        if grad_req not in _GRAD_REQS:
            raise ValueError("grad_req must be in %s" % str({"null": 0, "write": 1, "add": 3}))
        return [grad_req] * len(names)
    if isinstance(grad_req, (list, tuple)):
        reqs = list(grad_req)
        if len(reqs) != len(names):
            raise MXNetError("grad_req list has {} entries, the symbol has {} arguments".format(len(reqs), len(names)))
    elif isinstance(grad_req, dict):
        reqs = [grad_req.get(n, default_missing) for n in names]
    else:
        raise TypeError("grad_req must be a str, list or dict")
    for r in reqs:
        if r not in _GRAD_REQS:
            raise ValueError("grad_req must be in %s" % str({"null": 0, "write": 1, "add": 3}))
    return reqs


def bind(symbol, ctx, args, args_grad=None, grad_req="write", aux_states=None, group2ctx=None, shared_exec=None):
    """``Symbol.bind``: see the Executor contract in the module docstring."""
    if not isinstance(ctx, Context):
        raise TypeError("Context type error")
    arg_names = symbol.list_arguments()
    arg_arrays = _ndarray_inputs("args", args, arg_names, False)
    grad_arrays = None if args_grad is None else _ndarray_inputs("args_grad", args_grad, arg_names, True)
    aux_arrays = _ndarray_inputs("aux_states", aux_states if aux_states is not None else [],
                                 symbol.list_auxiliary_states(), False)
    reqs = _grad_req_list(grad_req, arg_names, "null")
    return Executor(symbol, ctx, arg_arrays, grad_arrays, reqs, aux_arrays, grad_req, group2ctx)


def _group_ctx(node, group2ctx, ctx):
    """The context of a ``ctx_group`` variable's arrays: its group's, where that is the same torch device as
    ``ctx`` (the arrays are then only labelled, as MXNet places them); otherwise ``ctx``."""
    where = group2ctx.get(node.attrs.get("__ctx_group__")) if group2ctx else None
    if where is None or where == ctx or where.torch_device != ctx.torch_device:
        return ctx
    return where


def simple_bind(symbol, ctx, grad_req="write", type_dict=None, stype_dict=None, group2ctx=None,
                shared_arg_names=None, shared_exec=None, shared_buffer=None, shapes=None):
    """``Symbol.simple_bind``: infer shapes and types, allocate (or share) every array, bind."""
    shapes = {k: tuple(v) for k, v in (shapes or {}).items() if isinstance(v, tuple)}
    if stype_dict:
        for k, v in stype_dict.items():
            if v not in ("default", None):
                raise unsupported("simple_bind(stype_dict={%r: %r})" % (k, v), "sparse storage")
    if shared_arg_names is not None and not isinstance(shared_arg_names, list):
        raise ValueError("shared_arg_names in simple_bind must be a list or None")
    if shared_buffer is not None and not isinstance(shared_buffer, dict):
        raise ValueError("shared_buffer in simple_bind must be dict or None")
    if isinstance(grad_req, list) and not grad_req:
        raise RuntimeError("grad_req in simple_bind cannot be an empty list")
    if isinstance(grad_req, dict) and not grad_req:
        raise RuntimeError("grad_req in simple_bind cannot be an empty dict")
    types = {k: type_arg(v, k) for k, v in (type_dict or {}).items()}
    arg_names, aux_names = symbol.list_arguments(), symbol.list_auxiliary_states()
    known = set(arg_names) | set(aux_names)
    shapes = {k: v for k, v in shapes.items() if k in known}  # MXNet ignores shapes of names not in the graph
    types = {k: v for k, v in types.items() if k in known}
    try:
        info = _infer.infer_graph(symbol._outputs, shapes, types)
        var = {n.name: n for n in info.nodes if n.op is None}
        missing = [n for n in arg_names + aux_names
                   if info.shape.get((id(var[n]), 0)) is None or 0 in info.shape[(id(var[n]), 0)]]
        if missing:
            raise MXNetError("Cannot infer the shapes of {}; provide them as keyword arguments".format(
                ", ".join("%s %s" % (n, info.shape.get((id(var[n]), 0), ())) for n in missing)))
    except MXNetError as err:
        msg = "simple_bind error. Arguments:\n" + "".join("%s: %s\n" % (k, v) for k, v in shapes.items())
        raise RuntimeError(msg + str(err)) from None
    reqs = _grad_req_list(grad_req, arg_names, "null")
    shared = set(shared_arg_names or ())
    old_args = shared_exec.arg_dict if shared_exec is not None else {}
    old_grads = shared_exec.grad_dict if shared_exec is not None else {}
    old_aux = shared_exec.aux_dict if shared_exec is not None else {}

    def spec(name):
        node = var[name]
        return info.shape[(id(node), 0)], info.dtype.get((id(node), 0)) or torch.float32

    def from_buffer(name, shape, dtype):
        if shared_buffer is None:
            return _zeros(shape, dtype, ctx)
        buf = shared_buffer.get(name)
        n = int(np.prod(shape))
        if buf is not None and buf._data.dtype == dtype and buf.size >= n:
            return NDArray._wrap(buf._data.reshape(-1)[:n].view(shape), ctx)
        arr = _zeros(shape, dtype, ctx)
        shared_buffer[name] = arr
        return arr

    args, grads, auxs = [], [], []
    for name, req in zip(arg_names, reqs):
        shape, dtype = spec(name)
        old = old_args.get(name)
        if name in shared and old is not None and old.shape == shape and old._data.dtype == dtype:
            args.append(old)
            og = old_grads.get(name)
            grads.append(og if req != "null" and og is not None else (
                _zeros(shape, dtype, ctx) if req != "null" else None))
            continue
        args.append(from_buffer(name, shape, dtype) if name not in shared else _zeros(shape, dtype, ctx))
        grads.append(_zeros(shape, dtype, ctx) if req != "null" else None)
        where = _group_ctx(var[name], group2ctx, ctx)
        if where is not ctx:
            for arr in (args[-1], grads[-1]):
                if arr is not None:
                    arr._ctx = where
    for name in aux_names:
        shape, dtype = spec(name)
        old = old_aux.get(name)
        auxs.append(old if old is not None and old.shape == shape and old._data.dtype == dtype
                    else _zeros(shape, dtype, ctx))
    try:
        exe = Executor(symbol, ctx, args, grads, reqs, auxs, grad_req, group2ctx, info=info)
    except MXNetError as err:  # MXNet wraps every failure of its simple_bind call the same way
        msg = "simple_bind error. Arguments:\n" + "".join("%s: %s\n" % (k, v) for k, v in shapes.items())
        raise RuntimeError(msg + str(err)) from None
    if shared_exec is not None:
        exe._lowered = shared_exec._lowered if shared_exec._symbol is symbol else exe._lowered
    return exe
