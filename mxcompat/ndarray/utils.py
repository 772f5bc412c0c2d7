"""Creation functions and file I/O of ``mx.nd``: ``array``, ``zeros``, ``ones``, ``full``, ``empty``,
``arange``, ``eye``, ``linspace``, ``concatenate``, ``save``/``load``/``load_frombuffer``, ``waitall``,
torch/DLPack interop.

MXNet contract: ``array`` gives float32 for any list or numpy source unless ``dtype=`` is passed; an NDArray
(or torch.Tensor) source keeps its own dtype.
"""
import os
import tempfile

import numpy as np
import torch

from ..base import MXNetError, torch_dtype, dtype_name, numeric_types, unsupported
from ..context import Context, current_context, from_torch_device
from ..util import is_np_shape
from .ndarray import NDArray
from . import _params_format


def _ctx(ctx):
    return current_context() if ctx is None else ctx


def array(source_array, ctx=None, dtype=None):
    """Create an NDArray from any array-like (float32 unless ``dtype``; an NDArray source keeps its dtype)."""
    ctx = _ctx(ctx)
    if getattr(source_array, "stype", "default") != "default" or type(source_array).__module__.startswith(
            "scipy.sparse"):
        from .sparse import array as _sparse_array
        return _sparse_array(source_array, ctx=ctx, dtype=dtype)
    if isinstance(source_array, NDArray):
        tdt = torch_dtype(dtype) if dtype is not None else source_array._data.dtype
        t = source_array._data.detach().to(device=ctx.torch_device, dtype=tdt, copy=True)
        return NDArray._wrap(t, ctx)
    if isinstance(source_array, torch.Tensor):
        tdt = torch_dtype(dtype) if dtype is not None else source_array.dtype
        return NDArray._wrap(source_array.detach().to(device=ctx.torch_device, dtype=tdt, copy=True), ctx)
    tdt = torch_dtype(dtype) if dtype is not None else torch.float32
    if isinstance(source_array, np.ndarray):
        src = source_array
    else:
        try:
            src = np.array(source_array)
        except Exception:
            raise TypeError("source_array must be array like object")
        if src.dtype == object:
            raise TypeError("source_array must be array like object")
    src = np.require(src, requirements="C")
    t = torch.from_numpy(src) if src.dtype != np.bool_ or tdt is torch.bool else \
        torch.from_numpy(src.astype(np.uint8))
    return NDArray._wrap(t.to(device=ctx.torch_device, dtype=tdt, copy=True), ctx)


def _shape(shape):
    return (shape,) if isinstance(shape, (int, np.integer)) else tuple(shape)


def _legacy_shape(op_name, shape, ctx, dtype):
    """MXNet 1.x (without np_shape) cannot infer a 0-d or zero-size shape for ``_zeros``/``_ones``."""
    from ..util import is_np_shape
    if (not shape or 0 in shape) and not is_np_shape():
        raise MXNetError("Operator {} inferring shapes failed.\ninput shapes:\noutput shapes:\n{}\n"
                         "operator attributes:\ndtype : {}\nctx : {}\nshape : {}\n".format(
                             op_name, "None" if not shape else "[" + ",".join(str(d or -1) for d in shape) + "]",
                             dtype, ctx, shape))
    return shape


def empty(shape, ctx=None, dtype=None, stype=None):
    """An uninitialised array in MXNet; zeros here (0-d and zero-size shapes are allowed, as in MXNet)."""
    if stype not in (None, "default"):
        from .sparse import empty as _sparse_empty
        return _sparse_empty(stype, shape, ctx, dtype)
    return _filled(torch.zeros, shape, ctx, dtype, None)


def _filled(fill, shape, ctx, dtype, out):
    """A new array (or ``out``, written in place, as MXNet's ``out=``) of ``shape`` filled by ``fill``."""
    ctx = _ctx(ctx)
    tdt = torch_dtype(dtype) if dtype is not None else torch.float32
    res = fill(_shape(shape), dtype=tdt, device=ctx.torch_device)
    if out is not None:
        out._set_data(res.to(out._data.dtype))
        return out
    return NDArray._wrap(res, ctx)


def zeros(shape, ctx=None, dtype=None, stype=None, **kwargs):
    if stype not in (None, "default"):
        from .sparse import zeros as _sparse_zeros
        return _sparse_zeros(stype, shape, ctx, dtype, **kwargs)
    _legacy_shape("_zeros", _shape(shape), _ctx(ctx), dtype_name(torch_dtype(dtype or "float32")))
    return _filled(torch.zeros, shape, ctx, dtype, kwargs.get("out"))


def ones(shape, ctx=None, dtype=None, **kwargs):
    _legacy_shape("_ones", _shape(shape), _ctx(ctx), dtype_name(torch_dtype(dtype or "float32")))
    return _filled(torch.ones, shape, ctx, dtype, kwargs.get("out"))


def full(shape, val, ctx=None, dtype=np.float32, out=None):
    ctx = _ctx(ctx)
    tdt = torch_dtype(dtype)
    res = torch.full(_shape(shape), val if tdt.is_floating_point else int(val), dtype=tdt, device=ctx.torch_device)
    if out is not None:
        out._set_data(res)
        return out
    return NDArray._wrap(res, ctx)


def arange(start, stop=None, step=1.0, repeat=1, infer_range=None, ctx=None, dtype=np.float32):
    from .register import invoke
    from .._op import OPS
    return invoke(OPS["_arange"], [], dict(start=start, stop=stop, step=step, repeat=repeat,
                                            infer_range=bool(infer_range), ctx=_ctx(ctx), dtype=dtype))


def eye(N, M=0, k=0, ctx=None, dtype=None, **kwargs):
    from .register import invoke
    from .._op import OPS
    return invoke(OPS["_eye"], [], dict(N=N, M=M, k=k, ctx=_ctx(ctx), dtype=dtype or "float32"))


def linspace(start, stop, num, endpoint=True, ctx=None, dtype=np.float32):
    from .register import invoke
    from .._op import OPS
    return invoke(OPS["_linspace"], [], dict(start=start, stop=stop, num=num, endpoint=endpoint,
                                              ctx=_ctx(ctx), dtype=dtype))


def concatenate(arrays, axis=0, always_copy=True):
    """Concatenate NDArrays along ``axis`` (MXNet's Python helper)."""
    if not arrays:
        raise ValueError("arrays must not be empty")
    if len(arrays) == 1 and not always_copy:
        return arrays[0]
    return NDArray._wrap(torch.cat([a._data for a in arrays], dim=axis), arrays[0]._ctx)


def moveaxis(tensor, source, destination):
    """Move axes ``source`` to positions ``destination`` (ints or sequences, negatives allowed); ValueError on
    an axis out of range or on sequences of different lengths, as MXNet."""
    src, dst = _axis_tuple(source, tensor.ndim, "Source"), _axis_tuple(destination, tensor.ndim, "Destination")
    if len(src) != len(dst):
        raise ValueError("`source` and `destination` arguments must have the same number of elements")
    return NDArray._wrap(torch.movedim(tensor._data, src, dst).contiguous(), tensor._ctx)


def _axis_tuple(axes, ndim, what):
    axes = (axes,) if isinstance(axes, (int, np.integer)) else tuple(axes)
    for a in axes:
        if not -ndim <= a < ndim:
            raise ValueError("{} should verify 0 <= {} < tensor.ndim ({}), got {}".format(what, what.lower(), ndim, a))
    out = tuple(int(a) % ndim for a in axes)
    if len(set(out)) != len(out):
        raise ValueError("repeated axis in `{}` argument".format(what.lower()))
    return out


def waitall():
    """Wait for all pending computation (synchronises CUDA when present)."""
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        torch.cuda.synchronize()


def from_numpy(ndarray, zero_copy=True):
    """An NDArray sharing memory with a C-contiguous numpy array (when ``zero_copy``)."""
    if zero_copy:
        if not ndarray.flags["C_CONTIGUOUS"]:
            raise ValueError("Only c-contiguous arrays are supported for zero-copy")
        res = NDArray._wrap(torch.from_numpy(ndarray), current_context())
        # MXNet makes the numpy array read-only: the NDArray owns the memory from now on
        ndarray.flags.writeable = False
        return res
    return array(ndarray, dtype=ndarray.dtype)


def from_torch(tensor):
    """An NDArray sharing memory with a ``torch.Tensor`` (mxcompat extension for migration)."""
    return NDArray._wrap(tensor, from_torch_device(tensor.device))


def from_dlpack(dlpack):
    t = torch.utils.dlpack.from_dlpack(dlpack)
    return NDArray._wrap(t, from_torch_device(t.device))


def to_dlpack_for_read(data):
    return data.to_dlpack_for_read()


def to_dlpack_for_write(data):
    return data.to_dlpack_for_write()


# ---- files -------------------------------------------------------------------------------------------------
def save(fname, data):
    """Save an NDArray, a list of NDArrays or a dict str -> NDArray in MXNet's binary format.

    As in MXNet, records written under ``mx.np_shape(True)`` can only be loaded under it, and the others only
    outside it (MXNetError otherwise).

    The file is written to a temporary name and renamed, so a failed save leaves an old file intact.
    """
    if isinstance(data, NDArray):
        data = [data]
    if isinstance(data, dict):
        names = list(data.keys())
        arrays = list(data.values())
        if not all(isinstance(k, str) for k in names):
            raise TypeError("save only accepts dict str->NDArray or list of NDArray")
    elif isinstance(data, (list, tuple)):
        names, arrays = None, list(data)
    else:
        raise ValueError("data needs to either be a NDArray, dict of str, NDArray pairs or a list of NDarrays.")
    if not all(isinstance(a, NDArray) for a in arrays):
        raise TypeError("save only accepts dict str->NDArray or list of NDArray")
    buf = _params_format.encode([a._data.detach() for a in arrays], names, np_shape=is_np_shape())
    fname = os.fspath(fname)
    folder = os.path.dirname(os.path.abspath(fname))
    fd, tmp = tempfile.mkstemp(prefix=".mxcompat-save-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(buf)
        os.replace(tmp, fname)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def load(fname):
    """Load what ``save`` (or real MXNet) wrote: a list of NDArrays, or a dict when the file has names."""
    fname = os.fspath(fname)
    if not os.path.isfile(fname):
        raise MXNetError("Check failed: fi: Cannot open file {}: No such file or directory".format(fname))
    with open(fname, "rb") as f:
        buf = f.read()
    return _from_decoded(_params_format.decode(buf, np_shape=is_np_shape()))


def load_frombuffer(buf):
    """Like ``load``, from bytes in memory."""
    if not isinstance(buf, (bytes, bytearray, memoryview)):
        raise TypeError("buf must be bytes-like")
    return _from_decoded(_params_format.decode(bytes(buf), np_shape=is_np_shape()))


def _from_decoded(decoded):
    tensors, names = decoded
    ctx = current_context()
    arrays = [NDArray._wrap(t, ctx) if ctx.device_typeid != 2 else NDArray._wrap(t.to(ctx.torch_device), ctx)
              for t in tensors]
    if names:
        return dict(zip(names, arrays))
    return arrays


del numeric_types, Context


def split_v2(ary, indices_or_sections, axis=0, squeeze_axis=False):
    """numpy-style split: ``indices_or_sections`` is a section count or a tuple of split indices."""
    from .register import invoke
    from .._op import OPS
    axis_len = ary.shape[axis]
    if isinstance(indices_or_sections, int):
        if axis_len % indices_or_sections:
            raise ValueError("array split does not result in an equal division")
        kwargs = dict(indices=(), sections=indices_or_sections)
    elif isinstance(indices_or_sections, tuple):
        kwargs = dict(indices=(0,) + tuple(indices_or_sections), sections=0)
    else:
        raise ValueError("indices_or_sections must either int or tuple of ints")
    kwargs.update(axis=axis, squeeze_axis=squeeze_axis)
    return invoke(OPS["_split_v2"], [ary], kwargs)


def onehot_encode(indices, out):
    """Deprecated MXNet helper: write the one-hot encoding of ``indices`` into ``out`` (use ``one_hot``)."""
    idx = indices._data.long()
    res = torch.zeros(out.shape, dtype=out._data.dtype, device=out._data.device)
    res.scatter_(1, idx.reshape(-1, 1), 1)
    out._set_data(res)
    return out


def cast_storage(data, stype, out=None):
    """Convert ``data`` to storage type 'default', 'row_sparse' or 'csr' (a new array; see nd.sparse)."""
    from .sparse import cast_storage as _cast
    return _cast(data, stype, out=out)


def imdecode(str_img, clip_rect=(0, 0, 0, 0), out=None, index=0, channels=3, mean=None):
    """Deprecated ``mx.nd.imdecode``: not supported (MXNet 1.9.1's own fails on plain JPEG bytes); use
    ``mx.image.imdecode``, which decodes to an HWC uint8 NDArray exactly as MXNet's does."""
    raise unsupported("mx.nd.imdecode", "deprecated; use mx.image.imdecode")
