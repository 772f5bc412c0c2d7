"""``mx.nd.sparse``: MXNet 1.9.1's sparse NDArrays, ``RowSparseNDArray`` and ``CSRNDArray``.

MXNet contract: a row_sparse array stores the rows listed in ``indices`` (int64, ascending) as ``data``
(``(len(indices),) + shape[1:]``); a csr matrix stores ``data``, column ``indices`` and row pointers ``indptr``
(int64). Operators with sparse kernels (optimizer updates with ``lazy_update``, ``dot``, ``retain``,
``cast_storage``, ``add_n``/``elemwise_add``, zero-preserving element-wise ops) keep or produce sparse storage;
every other operator runs on a dense copy ("storage fallback") and returns a dense NDArray.

Deliberate difference: the values are held in a *dense* torch tensor (``_data``, so every dense operator works
through fallback without a conversion) next to the sparse structure (``_aux``: row indices, or indptr and
column indices); ``.data`` gathers the stored values. Memory is therefore that of the dense array. Writing a
dense result into a sparse ``out=`` recomputes the structure from the non-zeros, as MXNet's cast does.
"""
import numpy as np
import torch

from ..base import MXNetError, torch_dtype
from ..context import Context, current_context
from .ndarray import NDArray

__all__ = ["BaseSparseNDArray", "CSRNDArray", "RowSparseNDArray", "csr_matrix", "row_sparse_array", "zeros",
           "empty", "array", "cast_storage", "retain"]

_I64 = torch.int64


class BaseSparseNDArray(NDArray):
    """Shared by the two sparse storage types (see the module docstring)."""

    __slots__ = ("_aux",)
    _stype = None

    @classmethod
    def _make(cls, dense, aux, ctx):
        arr = cls._wrap(dense, ctx)
        arr._aux = aux
        return arr

    @classmethod
    def _from_dense(cls, dense, ctx):
        return cls._make(dense, cls._aux_from_dense(dense), ctx)

    @property
    def stype(self):
        return self._stype

    def __repr__(self):
        return "\n<%s %s @%s>" % (self.__class__.__name__, "x".join("%d" % x for x in self.shape), self._ctx)

    def __iadd__(self, other):
        raise NotImplementedError("Not supported: __iadd__ for " + self._stype)

    def _new(self, tensor):
        return NDArray._wrap(tensor, self._ctx)

    def _set_data(self, tensor):
        NDArray._set_data(self, tensor)
        self._aux = self._aux_from_dense(self._data)

    def _sync_aux(self):
        self._aux = self._aux_from_dense(self._data)

    def _aux_nd(self, i):
        return NDArray._wrap(self._aux[i].clone(), self._ctx)

    def copyto(self, other):
        """Copy to a Context (same storage type) or into an array: a sparse target of the same type takes the
        structure too; a dense target receives the dense values."""
        if isinstance(other, Context):
            return type(self)._make(self._data.detach().to(other.torch_device, copy=True),
                                    tuple(a.to(other.torch_device, copy=True) for a in self._aux), other)
        if isinstance(other, NDArray):
            if other is self:
                return other
            if other.shape != self.shape:
                raise MXNetError("copyto: shape mismatch, source {} vs target {}".format(self.shape, other.shape))
            with torch.no_grad():
                other._data.copy_(self._data)
            if isinstance(other, BaseSparseNDArray):
                other._aux = (tuple(a.to(other._data.device, copy=True) for a in self._aux)
                              if type(other) is type(self) else other._aux_from_dense(other._data))
            return other
        raise TypeError("copyto does not support type " + str(type(other)))

    def astype(self, dtype, copy=True):
        tdt = torch_dtype(dtype)
        if not copy and tdt == self._data.dtype:
            return self
        return type(self)._make(self._data.to(tdt, copy=True), tuple(a.clone() for a in self._aux), self._ctx)

    def tostype(self, stype):
        return cast_storage(self, stype)

    def todense(self):
        return self.tostype("default")

    def check_format(self, full_check=True):
        """MXNet validates the structure; here it is always consistent by construction."""
        return None

    @property
    def data(self):
        return NDArray._wrap(self._values(), self._ctx)

    @property
    def indices(self):
        return self._aux_nd(-1)

    def attach_grad(self, grad_req="write", stype=None):
        from ..base import unsupported
        raise unsupported("attach_grad on a {} array (sparse autograd)".format(self._stype))

    def __reduce__(self):
        from ..base import unsupported
        raise unsupported("pickling a {} array".format(self._stype))


class RowSparseNDArray(BaseSparseNDArray):
    """Rows ``indices`` of a ``shape`` array stored as ``data`` (MXNet's ``row_sparse`` storage)."""

    __slots__ = ()
    _stype = "row_sparse"

    @staticmethod
    def _aux_from_dense(dense):
        if dense.dim() == 0 or dense.shape[0] == 0:
            return (torch.zeros(0, dtype=_I64, device=dense.device),)
        return ((dense.detach().reshape(dense.shape[0], -1) != 0).any(1).nonzero().reshape(-1),)

    def _values(self):
        return self._data.detach()[self._aux[0]]

    def __getitem__(self, key):
        if isinstance(key, slice) and key.start is None and key.stop is None and key.step is None:
            return self
        raise Exception("RowSparseNDArray only supports [:] for __getitem__")

    def __setitem__(self, key, value):
        if not (isinstance(key, slice) and key.start is None and key.stop is None and key.step is None):
            raise ValueError("Assignment with slice for RowSparseNDArray is not implemented yet.")
        if isinstance(value, NDArray):
            if value is not self:
                value.copyto(self)
        elif isinstance(value, (int, float, np.generic)):
            raise ValueError("Assigning numeric types to RowSparseNDArray is not implemented yet.")
        else:
            self._set_data(torch.as_tensor(np.asarray(value), dtype=self._data.dtype, device=self._data.device)
                           .expand(self._data.shape))

    def retain(self, *args, **kwargs):
        return retain(self, *args, **kwargs)


class CSRNDArray(BaseSparseNDArray):
    """A 2-D matrix in compressed sparse row form (MXNet's ``csr`` storage)."""

    __slots__ = ()
    _stype = "csr"

    @staticmethod
    def _aux_from_dense(dense):
        nz = dense.detach() != 0
        indptr = torch.zeros(dense.shape[0] + 1, dtype=_I64, device=dense.device)
        torch.cumsum(nz.sum(1), 0, out=indptr[1:])
        return indptr, nz.nonzero()[:, 1].contiguous()

    def _rows(self):
        indptr = self._aux[0]
        return torch.repeat_interleave(torch.arange(len(indptr) - 1, device=indptr.device), indptr.diff())

    def _values(self):
        return self._data.detach()[self._rows(), self._aux[1]]

    @property
    def indptr(self):
        return self._aux_nd(0)

    def __getitem__(self, key):
        """Rows by an integer or a step-1 slice (a CSRNDArray, as MXNet)."""
        n = self.shape[0]
        if isinstance(key, (int, np.integer)):
            k = int(key) + (n if key < 0 else 0)
            if not 0 <= k < n:
                raise IndexError("index %d is out of bounds for axis 0 with size %d" % (key, n))
            key = slice(k, k + 1)
        if not isinstance(key, slice):
            raise ValueError("Undefined behaviour for {}".format(key))
        if key.step not in (None, 1):
            raise ValueError("CSRNDArray only supports continuous slicing on axis 0")
        start, stop, _ = key.indices(n)
        stop = max(start, stop)
        indptr, indices = self._aux
        lo, hi = int(indptr[start]), int(indptr[stop])
        return CSRNDArray._make(self._data[start:stop].clone(), (indptr[start:stop + 1] - lo, indices[lo:hi].clone()),
                                self._ctx)

    def __setitem__(self, key, value):
        if not (isinstance(key, slice) and key.start is None and key.stop is None and key.step is None):
            raise ValueError("Assignment with slice for CSRNDArray is not implemented yet.")
        if not isinstance(value, NDArray):
            raise ValueError("Assigning numeric types to CSRNDArray is not implemented yet.")
        if value is not self:
            value.copyto(self)

    def asscipy(self):
        """A ``scipy.sparse.csr_matrix`` with the same structure."""
        import scipy.sparse as spsp
        return spsp.csr_matrix((self.data.asnumpy(), self._aux[1].cpu().numpy(), self._aux[0].cpu().numpy()),
                               shape=self.shape)


_CLASSES = {"row_sparse": RowSparseNDArray, "csr": CSRNDArray}


def _ctx(ctx):
    return current_context() if ctx is None else ctx


def _tensor(x, dtype=None, device=None):
    if isinstance(x, NDArray):
        t = x._data.detach()
    elif isinstance(x, torch.Tensor):
        t = x.detach()
    else:
        t = torch.as_tensor(np.asarray(x))
    return t.to(device=device, dtype=dtype if dtype is not None else t.dtype, copy=True)


def _default_dtype(src, dtype):
    if dtype is not None:
        return torch_dtype(dtype)
    if isinstance(src, NDArray):
        return src._data.dtype
    if isinstance(src, np.ndarray):
        return torch_dtype(src.dtype)
    return torch.float32


def _is_scipy_sparse(x):
    return type(x).__module__.startswith("scipy.sparse")


def _is_shape(arg):
    return isinstance(arg, tuple) and all(isinstance(d, (int, np.integer)) for d in arg)


def cast_storage(data, stype, out=None):
    """``mx.nd.cast_storage``: convert between 'default', 'row_sparse' and 'csr' (always a new array)."""
    if stype not in ("default", "row_sparse", "csr"):
        raise MXNetError("Invalid Input: '{}', valid values are: {{'csr', 'default', 'row_sparse'}}".format(stype))
    dense = data._data.detach().clone()
    if stype == "default":
        res = NDArray._wrap(dense, data._ctx)
    elif stype == data.stype:
        res = data.copy()
    else:
        if stype == "csr" and dense.dim() != 2:
            raise MXNetError("Check failed: in_shape.ndim() == 2: cast_storage to csr needs a 2-D array")
        res = _CLASSES[stype]._from_dense(dense, data._ctx)
    if out is not None:
        res.copyto(out)
        return out
    return res


def zeros(stype, shape, ctx=None, dtype=None, **kwargs):
    """An all-zero array of storage type ``stype`` (no stored rows / non-zeros)."""
    if stype == "default":
        from .utils import zeros as _dense_zeros
        return _dense_zeros(shape, ctx=ctx, dtype=dtype, **kwargs)
    if stype not in _CLASSES:
        raise ValueError("unknown storage type " + str(stype))
    ctx = _ctx(ctx)
    shape = (shape,) if isinstance(shape, (int, np.integer)) else tuple(shape)
    dense = torch.zeros(shape, dtype=torch_dtype(dtype or "float32"), device=ctx.torch_device)
    res = _CLASSES[stype]._from_dense(dense, ctx)
    out = kwargs.get("out")
    if out is not None:
        res.copyto(out)
        return out
    return res


def empty(stype, shape, ctx=None, dtype=None):
    """MXNet's uninitialised sparse array: an empty structure, i.e. zeros."""
    return zeros(stype, shape, ctx, dtype)


def row_sparse_array(arg1, shape=None, ctx=None, dtype=None):
    """A RowSparseNDArray from ``(data, indices)``, a shape tuple (empty), a dense array or another
    RowSparseNDArray."""
    ctx = _ctx(ctx)
    if isinstance(arg1, tuple) and len(arg1) == 2 and not _is_shape(arg1):
        data, indices = arg1
        tdt = _default_dtype(data, dtype)
        vals = _tensor(data, tdt, ctx.torch_device)
        idx = _tensor(indices, _I64, ctx.torch_device).reshape(-1)
        if shape is None:
            if idx.numel() == 0:
                raise ValueError("invalid shape")
            shape = (int(idx.max()) + 1,) + tuple(vals.shape[1:])
        shape = tuple(shape)
        if vals.dim() == 1 and len(shape) > 1 or vals.shape[0] != idx.numel():
            vals = vals.reshape((idx.numel(),) + shape[1:])
        dense = torch.zeros(shape, dtype=tdt, device=ctx.torch_device)
        dense[idx] = vals
        return RowSparseNDArray._make(dense, (idx,), ctx)
    if _is_shape(arg1):
        return zeros("row_sparse", arg1, ctx, dtype)
    if isinstance(arg1, RowSparseNDArray):
        res = arg1.copyto(ctx)
        return res if dtype is None else res.astype(dtype)
    if isinstance(arg1, BaseSparseNDArray):
        raise ValueError("Unexpected input type: CSRNDArray")
    dense = _tensor(arg1, _default_dtype(arg1, dtype), ctx.torch_device)
    return RowSparseNDArray._from_dense(dense, ctx)


def csr_matrix(arg1, shape=None, ctx=None, dtype=None):
    """A CSRNDArray from ``(data, indices, indptr)``, ``(data, (row, col))``, a shape tuple (empty), a
    scipy.sparse matrix, a dense 2-D array or another CSRNDArray."""
    ctx = _ctx(ctx)
    dev = ctx.torch_device
    if _is_shape(arg1):
        if len(arg1) != 2:
            raise ValueError("Only two-dimensional csr matrix is supported")
        return zeros("csr", arg1, ctx, dtype)
    if isinstance(arg1, tuple) and len(arg1) == 2:  # COO (data, (row, col)), via scipy as MXNet does
        import scipy.sparse as spsp
        arg1 = spsp.coo_matrix(arg1, shape=shape).tocsr()
    if _is_scipy_sparse(arg1):
        m = arg1.tocsr()
        m.sort_indices()
        arg1 = (m.data, m.indices, m.indptr)
        shape = shape or m.shape
        if dtype is None:
            dtype = m.dtype
    if isinstance(arg1, tuple) and len(arg1) == 3:
        data, indices, indptr = arg1
        tdt = _default_dtype(data, dtype)
        vals = _tensor(data, tdt, dev).reshape(-1)
        col = _tensor(indices, _I64, dev).reshape(-1)
        ptr = _tensor(indptr, _I64, dev).reshape(-1)
        if shape is None:
            shape = (ptr.numel() - 1, int(col.max()) + 1 if col.numel() else 0)
        dense = torch.zeros(tuple(shape), dtype=tdt, device=dev)
        rows = torch.repeat_interleave(torch.arange(ptr.numel() - 1, device=dev), ptr.diff())
        dense.index_put_((rows, col), vals, accumulate=False)
        return CSRNDArray._make(dense, (ptr, col), ctx)
    if isinstance(arg1, CSRNDArray):
        res = arg1.copyto(ctx)
        return res if dtype is None else res.astype(dtype)
    if isinstance(arg1, BaseSparseNDArray):
        raise ValueError("Unexpected input type: RowSparseNDArray")
    dense = _tensor(arg1, _default_dtype(arg1, dtype), dev)
    if dense.dim() != 2:
        raise ValueError("Only two-dimensional csr matrix is supported")
    return CSRNDArray._from_dense(dense, ctx)


def array(source_array, ctx=None, dtype=None):
    """A sparse array from a sparse NDArray or a scipy.sparse matrix (csr)."""
    if isinstance(source_array, RowSparseNDArray):
        return row_sparse_array(source_array, ctx=ctx, dtype=dtype)
    if isinstance(source_array, CSRNDArray) or _is_scipy_sparse(source_array):
        return csr_matrix(source_array, ctx=ctx, dtype=dtype)
    raise ValueError("Unexpected source_array type: ", type(source_array))


def retain(data, indices, out=None):
    """``mx.nd.sparse.retain``: the rows ``indices`` of a row_sparse array (rows it does not store are
    zero); the result stores exactly ``indices``."""
    from ._namespace import function
    return function("_sparse_retain")(data, indices, out=out)


def __getattr__(name):
    # MXNet's nd.sparse also exposes the operators (nd.sparse.dot, nd.sparse.adagrad_update, ...).
    from .._op import OPS
    from ._namespace import function
    for cand in ("_sparse_" + name, name):
        if cand in OPS:
            return function(cand)
    if name in ("add", "subtract", "multiply", "divide"):
        from .. import ndarray as nd
        return getattr(nd, name)
    raise AttributeError("module 'mxnet.ndarray.sparse' has no attribute '%s'" % name)
