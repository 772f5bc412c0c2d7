"""MXNet's sparse kernels, attached to the registry's operators as ``OpDef.sparse_fn``.

``register.invoke`` calls ``op.sparse_fn(op, inputs, kwargs, out)`` for the operators listed here; it returns
``NotImplemented`` when no input calls for a sparse kernel, and the dense path runs (for a sparse input, on
its dense values: MXNet's storage fallback, with a dense result).

MXNet contract (1.9.1) reproduced here:
- lazy optimizer updates: ``sgd_update`` / ``sgd_mom_update`` / ``adam_update`` with ``lazy_update=True``,
  ``ftrl_update`` with row_sparse weight and states, ``_sparse_adagrad_update``, ``group_adagrad_update``: with a
  row_sparse gradient only the rows it stores are updated (weight, states, weight decay); the rest is untouched;
- ``dot(csr, dense, transpose_a=True)`` is row_sparse; other ``dot`` results are dense;
- ``retain`` stores exactly the requested rows; ``cast_storage`` converts; ``zeros_like`` keeps the storage type;
- ``add_n`` / ``elemwise_add`` / ``elemwise_sub`` of arrays of one sparse type keep it (union of the structures);
- zero-preserving element-wise operators (``sqrt``, ``square``, ``abs``, ``sign``, ``relu``, ``*`` by a scalar,
  ...) keep the input's sparse type and structure.
"""
import torch

from .._op import OPS
from .ndarray import NDArray
from .sparse import BaseSparseNDArray, RowSparseNDArray, CSRNDArray, cast_storage as _cast_storage


def _params(op, kwargs, n_inputs=None):
    kwargs = dict(kwargs)
    if op.key_var_num_args and op.key_var_num_args not in kwargs:
        kwargs[op.key_var_num_args] = n_inputs
    return dict(op.parse(kwargs))


def _first_out(out):
    return out[0] if isinstance(out, (list, tuple)) else out


def _lazy(flag=None, rsp_weight=False):
    """A lazy row update: run the dense update on the gathered rows, scatter weight and states back.
    ``flag``: the parameter that turns it on; ``rsp_weight``: only when weight and states are row_sparse."""
    def kernel(op, inputs, kwargs, out):
        weight, grad = inputs[0], inputs[1]
        if type(grad) is not RowSparseNDArray or (
                rsp_weight and any(type(x) is not RowSparseNDArray for x in inputs[:1] + inputs[2:])):
            return NotImplemented
        params = _params(op, kwargs)
        if flag is not None and not params[flag]:
            return NotImplemented
        if op.out_arg:
            params["out"] = None
        idx = grad._aux[0]
        with torch.no_grad():
            rows = [x._data[idx] for x in inputs]
            new = op.fn(*rows, **params)
            for state, r in zip(inputs[2:], rows[2:]):
                state._data[idx] = r
                if isinstance(state, BaseSparseNDArray):
                    state._sync_aux()
            target = _first_out(out)
            if target is None:
                dense = weight._data.clone()
                dense[idx] = new.to(dense.dtype)
                if isinstance(weight, BaseSparseNDArray):
                    return type(weight)._make(dense, tuple(a.clone() for a in weight._aux), weight._ctx)
                return NDArray._wrap(dense, weight._ctx)
            if target is not weight:
                target._data.copy_(weight._data)
            target._data[idx] = new.to(target._data.dtype)
            if isinstance(target, BaseSparseNDArray) and target is not weight:
                target._sync_aux()
        return out
    return kernel


def _result(res, out):
    if out is not None:
        res.copyto(_first_out(out))
        return out
    return res


def _dot(op, inputs, kwargs, out):
    lhs, rhs = inputs[0], inputs[1]
    if type(lhs) is not CSRNDArray or isinstance(rhs, BaseSparseNDArray):
        return NotImplemented
    params = _params(op, kwargs)
    if not params["transpose_a"] or params.get("forward_stype") not in (None, "row_sparse"):
        return NotImplemented
    res = op.fn(lhs._data, rhs._data, **params)
    return _result(RowSparseNDArray._from_dense(res, lhs._ctx), out)


def _retain(op, inputs, kwargs, out):
    data, indices = inputs
    if type(data) is not RowSparseNDArray:
        return NotImplemented
    idx = indices._data.long().reshape(-1)
    res = RowSparseNDArray._make(op.fn(data._data, idx), (idx.clone(),), data._ctx)
    return _result(res, out)


def _cast(op, inputs, kwargs, out):
    return _cast_storage(inputs[0], _params(op, kwargs)["stype"], out=out)


def _zeros_like(op, inputs, kwargs, out):
    x = inputs[0]
    if not isinstance(x, BaseSparseNDArray):
        return NotImplemented
    return _result(type(x)._from_dense(torch.zeros_like(x._data), x._ctx), out)


def _union(op, inputs, kwargs, out):
    cls = type(inputs[0]) if inputs else None
    if cls not in (RowSparseNDArray, CSRNDArray) or any(type(x) is not cls for x in inputs):
        return NotImplemented
    res = op.fn(*[x._data for x in inputs], **_params(op, kwargs, len(inputs)))
    if cls is RowSparseNDArray:
        aux = (torch.unique(torch.cat([x._aux[0] for x in inputs])),)
        return _result(RowSparseNDArray._make(res, aux, inputs[0]._ctx), out)
    return _result(CSRNDArray._from_dense(res, inputs[0]._ctx), out)


def _same_structure(op, inputs, kwargs, out):
    x = inputs[0]
    if not isinstance(x, BaseSparseNDArray) or len(inputs) != 1:
        return NotImplemented
    res = op.fn(x._data, **_params(op, kwargs))
    return _result(type(x)._make(res, tuple(a.clone() for a in x._aux), x._ctx), out)


_ZERO_PRESERVING = ("abs", "sign", "sqrt", "square", "relu", "negative", "sin", "tan", "arcsin", "arctan", "sinh",
                    "tanh", "arcsinh", "arctanh", "expm1", "log1p", "ceil", "floor", "rint", "round", "fix",
                    "trunc", "degrees", "radians", "cbrt", "_mul_scalar", "_div_scalar", "_copy")

KERNELS = {
    "sgd_update": _lazy("lazy_update"),
    "sgd_mom_update": _lazy("lazy_update"),
    "adam_update": _lazy("lazy_update"),
    "ftrl_update": _lazy(rsp_weight=True),
    "_sparse_adagrad_update": _lazy(),
    "_contrib_group_adagrad_update": _lazy(),
    "dot": _dot,
    "_sparse_retain": _retain,
    "cast_storage": _cast,
    "zeros_like": _zeros_like,
    "add_n": _union,
    "elemwise_add": _union,
    "elemwise_sub": _union,
}
KERNELS.update((name, _same_structure) for name in _ZERO_PRESERVING)


def install():
    """Attach the kernels to their OpDefs (once, at import)."""
    for name, kernel in KERNELS.items():
        if name in OPS:
            OPS[name].sparse_fn = kernel


def _operator(method, scalar_op, array_op):
    """A Python operator of the sparse classes: ``* / scalar`` keeps the structure, ``+ -`` of two arrays of
    the same sparse type keeps the type (as MXNet); anything else is NDArray's (dense result)."""
    from ._namespace import function
    base = getattr(NDArray, method)

    def op(self, other):
        if scalar_op is not None and isinstance(other, (int, float)) and not isinstance(other, bool):
            return function(scalar_op)(self, scalar=other)
        if array_op is not None and type(other) is type(self) and other.shape == self.shape:
            return function(array_op)(self, other)
        return base(self, other)
    op.__name__ = method
    return op


def install_operators():
    for method, scalar_op, array_op in (("__mul__", "_mul_scalar", None), ("__rmul__", "_mul_scalar", None),
                                        ("__truediv__", "_div_scalar", None), ("__div__", "_div_scalar", None),
                                        ("__add__", None, "elemwise_add"), ("__sub__", None, "elemwise_sub")):
        setattr(BaseSparseNDArray, method, _operator(method, scalar_op, array_op))
