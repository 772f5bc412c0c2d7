"""``Symbol.infer_shape`` / ``infer_type`` (and their ``_partial`` forms) as MXNet's Python wrappers behave.

MXNet contract: known shapes/types are given by keyword (any argument or auxiliary state name; an unknown
name is MXNetError listing the candidates) or positionally in ``list_arguments()`` order (mxcompat extension:
MXNet 1.9.1 fails on positional shapes); results are lists in ``list_arguments()`` / ``list_outputs()`` /
``list_auxiliary_states()`` order; an incomplete result is ``(None, None, None)`` plus a warning naming the
undecided arguments (the partial forms return ``()`` / None for them instead); on MXNetError the arguments
are printed, then the error is raised.
"""
import warnings

import numpy as np
import torch

from ..base import MXNetError, torch_dtype, numpy_dtype
from ..util import is_np_shape
from ._graph import topo_order, mutable_vars
from .symbol import keyword_mismatch
from .infer import infer_graph, GraphInfo
from .infer_type import infer_types

__all__ = ["infer_shape_api", "infer_type_api", "type_arg"]


def _collect_known(sym, args, kwargs, convert, what):
    if args and kwargs:
        raise ValueError("Can only specify known argument {} either by positional or kwargs way.".format(what))
    known = {}
    if args:
        names = sym.list_arguments()
        for i, v in enumerate(args):
            if v is None:
                continue
            if i >= len(names):
                raise MXNetError("infer_{}: {} positional arguments given, the symbol has {} arguments".format(
                    what[:-1], len(args), len(names)))
            known[names[i]] = convert(v, i)
    else:
        inputs = sym.list_inputs()
        for k, v in kwargs.items():
            if k not in inputs:
                raise MXNetError(keyword_mismatch("InferShape" if what == "shapes" else "InferType", k, inputs))
            cv = convert(v, k)
            if cv is not None:
                known[k] = cv
    return known


def _shape_arg(v, where):
    if not isinstance(v, tuple):
        if isinstance(where, int):
            raise TypeError("Arguments need to be shapes (tuple), but argument %d is %s." % (where, type(v)))
        raise TypeError("Arguments need to be shapes (tuple), but '%s' is %s." % (where, type(v)))
    return tuple(int(d) for d in v)


def type_arg(v, _where=None):
    return torch_dtype(np.dtype(v).type) if not (isinstance(v, str) and v == "bfloat16") else torch.bfloat16


def _split_results(sym, info, table, convert):
    nodes = info.nodes
    aux = mutable_vars(nodes)
    args = [convert(table.get((id(n), 0))) for n in nodes if n.op is None and id(n) not in aux]
    auxs = [convert(table.get((id(n), 0))) for n in nodes if n.op is None and id(n) in aux]
    outs = [convert(table.get((id(e[0]), e[1]))) for e in sym._outputs]
    return args, outs, auxs


def _np_out(s):
    return None if s is None else tuple(-1 if d == 0 else d for d in s)


def infer_shape_impl(sym, partial, args, kwargs):
    """Under ``np_shape`` an unknown dimension is -1 and an unknown shape None (legacy: 0 and ``()``).
    Deliberate difference: inference keeps 0 as its own unknown marker, so under ``np_shape`` a zero-size
    dimension is not told apart from an unknown one."""
    known = _collect_known(sym, args, kwargs, _shape_arg, "shapes")
    np_mode = is_np_shape()
    if np_mode:
        known = {k: tuple(0 if d == -1 else d for d in s) for k, s in known.items()}
    info = infer_graph(sym._outputs, known_shapes=known)
    res = _split_results(sym, info, info.shape, lambda s: s)
    if partial or all(s and all(d > 0 for d in s) for group in res for s in group):
        convert = _np_out if np_mode else (lambda s: () if s is None else tuple(s))
        return tuple([convert(s) for s in group] for group in res)
    return None, None, None


def _api(impl, what, unknown, message, sym, partial, args, kwargs):
    """MXNet's python wrapper: warn naming the undecided arguments; print the arguments on an error."""
    try:
        res = impl(sym, partial, args, kwargs)
        if res[1] is None:
            unknowns = []
            for name, value in zip(sym.list_arguments(), impl(sym, True, args, kwargs)[0]):
                if unknown(value):
                    if len(unknowns) >= 10:
                        unknowns.append("...")
                        break
                    unknowns.append("%s: %s" % (name, str(value)))
            warnings.warn(message + "Consider providing them as input:\n\t" + "\n\t".join(unknowns), stacklevel=4)
        return res
    except MXNetError:
        print("%s error. Arguments:" % what)
        for i, arg in enumerate(args):
            print("  #%d: %s" % (i, arg))
        for k, v in kwargs.items():
            print("  %s: %s" % (k, v))
        raise


def infer_shape_api(sym, partial, args, kwargs):
    return _api(infer_shape_impl, "infer_shape", lambda s: s is None or -1 in s if is_np_shape() else not s or 0 in s,
                "Cannot decide shape for the following arguments (0s in shape means unknown dimensions). ",
                sym, partial, args, kwargs)


def infer_type_impl(sym, partial, args, kwargs):
    known = _collect_known(sym, args, kwargs, type_arg, "types")
    nodes = topo_order(sym._outputs)
    info = GraphInfo(nodes)
    infer_types(info, known)
    res = _split_results(sym, info, info.dtype, lambda d: None if d is None else numpy_dtype(d))
    if partial or all(d is not None for group in res for d in group):
        return res
    return None, None, None


def infer_type_api(sym, partial, args, kwargs):
    return _api(infer_type_impl, "infer_type", lambda d: not d,
                "Cannot decide type for the following arguments. ", sym, partial, args, kwargs)
