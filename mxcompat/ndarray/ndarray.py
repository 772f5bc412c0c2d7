"""``mx.nd.NDArray``: a handle on a ``torch.Tensor`` plus a Context.

MXNet semantics that differ from torch, kept deliberately (see DESIGN.md):
- binary operators broadcast like ``broadcast_*`` and require equal dtypes (MXNetError otherwise); a Python
  scalar is first cast to the array's dtype (``int32 array * 2.5`` multiplies by 2), integer division
  truncates toward zero, ``%`` follows the sign of the divisor;
- comparisons return 0/1 in the input dtype;
- basic indexing on the first axis (``x[1]``, ``x[1:3]``) returns a view that writes through; any other
  indexing returns a copy; an index that selects a single element returns shape ``(1,)``;
- full reductions return shape ``(1,)``; ``.T`` and ``astype`` copy;
- printing: ``'\\n' + str(asnumpy()) + '\\n<NDArray 2x3 @cpu(0)>'``.
"""
import ctypes

import torch

from ..base import MXNetError, numpy_dtype, torch_dtype, unsupported
from ..context import Context, current_context, from_torch_device
from .. import autograd as _ag

__all__ = ["NDArray"]

# MXNet's ndarray module keeps the builtin ``slice`` under this name (its own ``slice`` is the operator).
py_slice = slice

_STATE = _ag.STATE

# MXNet's refusals of in-place writes while recording (imperative.cc)
INPLACE_RECORDED = ("Check failed: AGInfo::IsNone(*output): Inplace operations (+=, -=, x[:]=, etc) are not "
                    "supported when recording with autograd.")
ASSIGN_TO_GRAPH = ("Check failed: AGInfo::IsNone(*output): Assigning to NDArrays that are already in a "
                   "computational graph will cause undefined behavior when evaluating gradients. Please call "
                   "backward first to clear the graph or do this out side of a record section. Also note that "
                   "you cannot use inplace operations like +=, *=, relu(x, out=x), y[idx]=x, etc inside a "
                   "record section.")
_no_grad = torch.no_grad


class NDArray:
    """An n-dimensional array on a device (MXNet's ``mx.nd.NDArray``)."""

    __slots__ = ("_data", "_ctx", "_grad", "_grad_req", "_fresh_grad", "__weakref__")
    __array_priority__ = 1000.0

    def __init__(self, data=None, ctx=None, writable=True):
        if data is None:
            # MXNet's NDArray(handle=None): an empty shell, filled by __setstate__ when unpickling.
            data = torch.zeros(0)
        if isinstance(data, NDArray):
            data, ctx = data._data, ctx or data._ctx
        if not isinstance(data, torch.Tensor):
            raise TypeError("NDArray wraps a torch.Tensor; use mx.nd.array() to create one from data")
        self._data = data
        self._ctx = ctx if ctx is not None else from_torch_device(data.device)
        self._grad = None
        self._grad_req = "null"
        self._fresh_grad = False

    @classmethod
    def _wrap(cls, tensor, ctx):
        arr = object.__new__(cls)
        arr._data = tensor
        arr._ctx = ctx
        arr._grad = None
        arr._grad_req = "null"
        arr._fresh_grad = False
        return arr

    # ---- properties -------------------------------------------------------------------------------------
    @property
    def shape(self):
        return tuple(self._data.shape)

    @property
    def size(self):
        return self._data.numel()

    @property
    def ndim(self):
        return self._data.dim()

    @property
    def dtype(self):
        return numpy_dtype(self._data.dtype)

    @property
    def context(self):
        return self._ctx

    ctx = context

    @property
    def stype(self):
        return "default"

    @property
    def writable(self):
        return True

    @property
    def handle(self):
        """The address of the data (MXNet exposes its C handle here)."""
        return ctypes.c_void_p(self._data.data_ptr())

    @property
    def grad(self):
        return self._grad

    @property
    def T(self):
        if self.ndim < 2:
            return self.copy()
        return self._new(self._data.permute(*range(self.ndim - 1, -1, -1)).contiguous())

    def _new(self, tensor):
        return NDArray._wrap(tensor, self._ctx)

    # ---- conversion ------------------------------------------------------------------------------------
    def asnumpy(self):
        """A numpy copy of the array."""
        t = self._data.detach()
        if t.dtype is torch.bfloat16:
            t = t.float()
        return t.cpu().numpy().copy() if t.device.type == "cpu" else t.cpu().numpy()

    def __array__(self, dtype=None, copy=None):
        a = self.asnumpy()
        return a if dtype is None else a.astype(dtype)

    def asscalar(self):
        if self.size != 1:
            raise ValueError("The current array is not a scalar")
        return self.asnumpy().reshape(())[()] if self.ndim else self.asnumpy()[()]

    def astype(self, dtype, copy=True):
        tdt = torch_dtype(dtype)
        if not copy and tdt == self._data.dtype:
            return self
        return self._new(_run1(lambda t: t.to(tdt), self._data))

    def copy(self):
        return self.copyto(self._ctx)

    def copyto(self, other):
        """Copy into an NDArray (same shape; returns it) or onto a Context (returns a new array)."""
        if isinstance(other, NDArray):
            if other is self:
                return other
            if other.shape != self.shape:
                raise MXNetError("copyto: shape mismatch, source {} vs target {}".format(self.shape, other.shape))
            with _no_grad():
                other._data.copy_(self._data)
            return other
        if isinstance(other, Context):
            return NDArray._wrap(_run1(lambda t: t.to(other.torch_device, copy=True), self._data), other)
        raise TypeError("copyto does not support type " + str(type(other)))

    def as_in_context(self, context):
        """The array on ``context``: ``self`` when it is already there, else a copy."""
        if self._ctx == context:
            return self
        return self.copyto(context)

    def as_nd_ndarray(self):
        return self

    def as_np_ndarray(self):
        raise unsupported("NDArray.as_np_ndarray (the mx.np interface)")

    def tostype(self, stype):
        """A copy with storage type ``stype`` ('default', 'row_sparse' or 'csr'; see nd.sparse)."""
        if stype == "default":
            return self.copy()
        from .sparse import cast_storage
        return cast_storage(self, stype)

    def to_torch(self):
        """The underlying ``torch.Tensor`` (zero copy). mxcompat extension for migrating to PyTorch."""
        return self._data

    def to_dlpack_for_read(self):
        return torch.utils.dlpack.to_dlpack(self._data.detach())

    def to_dlpack_for_write(self):
        return torch.utils.dlpack.to_dlpack(self._data.detach())

    def wait_to_read(self):
        if self._data.is_cuda:
            torch.cuda.current_stream(self._data.device).synchronize()

    def wait_to_write(self):
        self.wait_to_read()

    # ---- autograd -------------------------------------------------------------------------------------
    def attach_grad(self, grad_req="write", stype=None):
        """Allocate a gradient buffer (zeros) and make this array a variable for autograd."""
        if stype not in (None, "default"):
            raise unsupported("attach_grad(stype='{}') (sparse gradients)".format(stype))
        _ag.attach(self, grad_req)

    def detach(self):
        return self._new(self._data.detach())

    def backward(self, out_grad=None, retain_graph=False, train_mode=True):
        _ag.backward([self], None if out_grad is None else [out_grad], retain_graph, train_mode)

    # ---- python protocol ------------------------------------------------------------------------------
    def __repr__(self):
        shape_info = "x".join("%d" % x for x in self.shape)
        return "\n%s\n<%s %s @%s>" % (str(self.asnumpy()), self.__class__.__name__, shape_info, self._ctx)

    def __len__(self):
        if self.ndim == 0:
            raise TypeError("len() of a 0-d NDArray")
        return self._data.shape[0]

    def __iter__(self):
        if self.ndim == 0:
            raise TypeError("iteration over a 0-d NDArray")
        return (self[i] for i in range(self._data.shape[0]))

    def __bool__(self):
        n = self.size
        if n == 0:
            return False
        if n == 1:
            return bool(self._data.reshape(()).item())
        raise ValueError("The truth value of an NDArray with multiple elements is ambiguous.")

    __nonzero__ = __bool__

    def __hash__(self):
        return id(self) // 16

    def __reduce__(self):
        # MXNet's pickle form: NDArray(None) + {'handle': one record of the .params format}, so pickles
        # (and optimizer .states files) move between MXNet and mxcompat.
        return (NDArray, (None,), {"handle": bytearray(_to_record(self._data.detach())), "ctx": self._ctx})

    def __setstate__(self, state):
        raw = state.get("handle")
        if raw is None:
            raise MXNetError("cannot unpickle an NDArray without data")
        self._data = _from_record(raw)
        ctx = state.get("ctx")
        self._ctx = ctx if isinstance(ctx, Context) else current_context()
        if self._ctx.device_typeid == 2:
            self._data = self._data.to(self._ctx.torch_device)
        self._grad = None
        self._grad_req = "null"
        self._fresh_grad = False

    def __dlpack__(self, stream=None):
        return self._data.detach().__dlpack__()

    def __dlpack_device__(self):
        return self._data.__dlpack_device__()

    # ---- indexing -------------------------------------------------------------------------------------
    def __getitem__(self, key):
        from .indexing import getitem
        return getitem(self, key)

    def __setitem__(self, key, value):
        from .indexing import setitem
        setitem(self, key, value)

    @staticmethod
    def _basic_indexing_slice_is_contiguous(slc_key, shape):
        """Whether basic indexing with ``slc_key`` (one ``slice`` per axis) selects a C-contiguous block,
        i.e. whether MXNet returns a view that writes through rather than a copy."""
        from .indexing import slices_are_contiguous
        return slices_are_contiguous(slc_key, shape)

    def _set_data(self, tensor):
        """Write ``tensor`` into this array in place (the ``out=`` path).

        While recording, as MXNet: an array that is already in the graph cannot be written (MXNetError); a fresh
        one receiving a recorded result joins the graph."""
        if _STATE.recording:
            if self._data.requires_grad:
                raise MXNetError(ASSIGN_TO_GRAPH)
            if tensor.requires_grad:
                self._data = tensor
                return
        with _no_grad():
            if tuple(tensor.shape) != tuple(self._data.shape):
                raise MXNetError("Check failed: out shape {} does not match the result shape {}".format(
                    tuple(self._data.shape), tuple(tensor.shape)))
            self._data.copy_(tensor)

    # ---- shape methods with MXNet's special signatures ------------------------------------------------
    def reshape(self, *shape, **kwargs):
        """Reshape with MXNet's codes (0 copy, -1 infer, -2 copy rest, -3 merge two, -4 split).

        As in MXNet, the result shares memory with this array.
        """
        from .._op import OPS
        if len(shape) == 1 and isinstance(shape[0], (list, tuple)):
            shape = shape[0]
        elif not shape:
            shape = kwargs.pop("shape", ())
        if "shape" in kwargs:
            raise TypeError("reshape() got multiple values for argument 'shape'")
        op = OPS["Reshape"]
        kwargs["shape"] = tuple(shape)
        params = op.parse(kwargs)
        try:
            return self._new(_run1(lambda t: op.fn(t, **params), self._data))
        except MXNetError as err:
            # MXNet's NDArray.reshape reports a target smaller than the array as ValueError, a larger one as
            # MXNetError (as the operator does)
            if "cannot reshape array of shape" not in str(err):
                raise
            target = 1
            for d in shape:
                target *= d
            if all(d > 0 for d in shape) and target > self.size:
                raise MXNetError("NDArray.Reshape: Check failed: shape_.Size() >= shape.Size() ({} vs. {}) : target "
                                 "shape size is larger than the current shape".format(self.size, target)) from None
            raise ValueError("Cannot reshape array of size {} into shape {}".format(self.size, tuple(shape))) from None

    def broadcast_to(self, shape):
        """Broadcast to ``shape`` (any sequence of ints, numpy arrays included); ValueError, as MXNet, when the
        shapes are incompatible under numpy's rules (leading axes are added as size 1)."""
        from .. import ndarray as nd
        shape = tuple(int(n) for n in shape)
        cur = (1,) * (len(shape) - self.ndim) + self.shape
        if len(shape) < self.ndim or any(c != 1 and c != n for c, n in zip(cur, shape)):
            raise ValueError("operands could not be broadcast together with remapped shapes[original->remapped]: "
                             "{} and requested shape {}".format(self.shape, shape))
        src = self if cur == self.shape else self.reshape(cur)
        return nd.broadcast_to(src, shape=shape)

    def broadcast_like(self, other):
        from .. import ndarray as nd
        return nd.broadcast_like(self, other)

    # ``inplace=True`` (MXNet): the result is a reshaped view sharing memory with this array.
    def expand_dims(self, axis, inplace=False):
        from .. import ndarray as nd
        res = nd.expand_dims(self, axis=axis)
        return self.reshape(res.shape) if inplace else res

    def flatten(self, inplace=False):
        from .. import ndarray as nd
        if inplace:
            return self.reshape(self.shape[0] if self.ndim else 1, -1)
        return nd.flatten(self)

    def squeeze(self, axis=None, inplace=False):
        from .. import ndarray as nd
        res = nd.squeeze(self, axis=axis)
        return self.reshape(res.shape) if inplace else res

    def diag(self, k=0, **kwargs):
        from .. import ndarray as nd
        return nd.diag(self, k=k, **kwargs)

    def split_v2(self, *args, **kwargs):
        from .. import ndarray as nd
        return nd.split_v2(self, *args, **kwargs)

    def slice_assign(self, rhs, begin, end, step):
        from .indexing import slice_key
        self[slice_key(self.shape, begin, end, step)] = rhs
        return self

    def slice_assign_scalar(self, value, begin, end, step):
        return self.slice_assign(float(value), begin, end, step)


def _to_record(tensor):
    """One array as MXNet's single-array record (``MXNDArraySaveRawBytes``)."""
    from . import _params_format
    buf = _params_format.encode([tensor])
    return buf[24:-8]   # drop the list header (magic, reserved, count) and the empty name count


def _from_record(raw):
    from . import _params_format
    header = _params_format.LIST_MAGIC.to_bytes(8, "little") + bytes(8) + (1).to_bytes(8, "little")
    tensors, _ = _params_format.decode(header + bytes(raw) + bytes(8))
    return tensors[0]


def _run1(fn, t):
    """Run a one-tensor function with MXNet's recording rule (no graph outside ``record()``)."""
    if t.requires_grad and not _STATE.recording:
        with _no_grad():
            return fn(t)
    return fn(t)
