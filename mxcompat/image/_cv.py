"""OpenCV-backed image primitives: MXNet's ``_cvimdecode``, ``_cvimread``, ``_cvimresize``, ``_cvcopyMakeBorder``.

MXNet links OpenCV into libmxnet; mxcompat calls ``opencv-python-headless`` (the ``image`` extra:
``pip install mxcompat[image]``), imported on first use so ``import mxcompat`` stays fast. JPEG/PNG decoding
through it gives the same pixels as MXNet 1.9.1 (both use libjpeg-turbo's default IDCT).

Arrays cross to numpy here because OpenCV works on numpy; the results are wrapped without a copy.
"""
import numpy as np
import torch

from ..base import MXNetError
from ..context import cpu

_CV2 = None


class _OpenCV(object):
    """``cv2`` whose functions raise MXNetError (as MXNet reports OpenCV's failures) instead of ``cv2.error``."""

    def __init__(self, cv2):
        self._cv2 = cv2
        self._calls = {}

    def __getattr__(self, name):
        fn = self._calls.get(name)
        if fn is None:
            target, error = getattr(self._cv2, name), self._cv2.error
            if not callable(target):
                return target

            def fn(*args, **kwargs):
                try:
                    return target(*args, **kwargs)
                except error as err:
                    raise MXNetError(str(err).strip()) from None
            self._calls[name] = fn
        return fn


def cv2_module():
    """Return the (wrapped) ``cv2`` module, or raise ImportError saying how to install it."""
    global _CV2
    if _CV2 is None:
        try:
            import cv2
        except ImportError:
            raise ImportError("mxcompat's image and RecordIO image functions need OpenCV: "
                              "pip install 'mxcompat[image]' (opencv-python-headless)") from None
        _CV2 = _OpenCV(cv2)
    return _CV2


def to_numpy(src):
    """HWC numpy view/copy of an NDArray or numpy image."""
    if isinstance(src, np.ndarray):
        return src
    t = src._data.detach()
    return t.cpu().numpy() if t.dtype is not torch.bfloat16 else t.float().cpu().numpy()


def wrap(arr, ctx=None):
    """An NDArray over the numpy image ``arr`` (kept HWC: a 2-D result gets its channel axis back)."""
    from ..ndarray import NDArray
    if arr.ndim == 2:
        arr = arr[:, :, None]
    return NDArray._wrap(torch.from_numpy(np.ascontiguousarray(arr)), ctx or cpu())


def decode(buf, flag=1, to_rgb=True):
    """Decode encoded bytes (numpy uint8) to an HWC uint8 numpy array, as MXNet's ``_cvimdecode``."""
    flag, to_rgb = int(flag), _bool(to_rgb)
    if flag < 0:
        raise MXNetError("value {} for Parameter flag should be greater equal to 0".format(flag))
    img = cv2_module().imdecode(buf, flag) if buf.size else None
    if img is None:
        raise MXNetError("Check failed: !res.empty(): Decoding failed. Invalid image file.")
    if img.ndim == 2:
        img = img[:, :, None]
    elif to_rgb and flag != 0:
        img = cv2_module().cvtColor(img, 4)  # COLOR_BGR2RGB (COLOR_BGRA2RGBA is 5: MXNet keeps 3 channels)
    return img


def _bool(v):
    if isinstance(v, str):
        return v.strip().lower() in ("1", "true")
    return bool(v)


def imdecode_nd(buf, flag=1, to_rgb=True, out=None, **kwargs):
    """``mx.nd._internal._cvimdecode``: ``buf`` is a uint8 NDArray of encoded bytes."""
    _no_extra("_cvimdecode", kwargs)
    data = to_numpy(buf)
    if data.dtype != np.uint8:
        raise MXNetError("Check failed: inputs[0].dtype() == mshadow::kUint8: Input needs to be uint8 buffer")
    return _out(wrap(decode(data.reshape(-1), flag, to_rgb)), out)


def imread(filename, flag=1, to_rgb=True, out=None, **kwargs):
    """``mx.nd._internal._cvimread``: read and decode an image file."""
    _no_extra("_cvimread", kwargs)
    try:
        with open(filename, "rb") as f:
            raw = f.read()
    except OSError as err:
        raise MXNetError("Imread: Check failed: file.is_open(): '{}' couldn't open file: {}".format(
            filename, err.strerror)) from None
    return _out(wrap(decode(np.frombuffer(raw, np.uint8), flag, to_rgb)), out)


def imresize(src, w, h, interp=1, out=None, **kwargs):
    """``_cvimresize``: ``cv2.resize`` of an HWC image to width ``w`` and height ``h``."""
    _no_extra("_cvimresize", kwargs)
    w, h, interp = int(w), int(h), int(interp)
    for name, v in (("w", w), ("h", h)):
        if v < 1:
            raise MXNetError("value {} for Parameter {} should be greater equal to 1".format(v, name))
    img = _check_hwc(src, "_cvimresize")
    res = cv2_module().resize(img, (w, h), interpolation=interp)
    return _out(wrap(res, _ctx(src)), out)


def copy_make_border(src, top, bot, left, right, type=0, value=0.0, values=(), out=None, **kwargs):
    """``_cvcopyMakeBorder``: pad an HWC image; ``values`` (one per channel) overrides ``value``."""
    _no_extra("_cvcopyMakeBorder", kwargs)
    img = _check_hwc(src, "_cvcopyMakeBorder")
    fill = tuple(float(v) for v in values) if len(values) else (float(value),) * 4
    res = cv2_module().copyMakeBorder(img, int(top), int(bot), int(left), int(right), int(type), value=fill)
    return _out(wrap(res, _ctx(src)), out)


def crop(src, x0, y0, w, h, size=None, interp=1):
    """``src[y0:y0+h, x0:x0+w]`` as a new NDArray, resized to ``size`` (w, h) when given (one copy)."""
    img = to_numpy(src)[y0:y0 + h, x0:x0 + w]
    if size is not None:
        img = cv2_module().resize(np.ascontiguousarray(img), tuple(size), interpolation=interp)
    return wrap(img if img.flags.c_contiguous and size is not None else np.ascontiguousarray(img), _ctx(src))


def _check_hwc(src, op):
    img = to_numpy(src)
    if img.ndim != 3:
        raise MXNetError("{}: the image must be 3-D (height, width, channels), got shape {}".format(op, img.shape))
    if img.dtype == np.float16:
        raise MXNetError("{}: imresize doesn't support fp16".format(op))
    return img


def _ctx(src):
    return getattr(src, "context", None)


def _out(res, out):
    if out is None:
        return res
    out[:] = res
    return out


def _no_extra(op, kwargs):
    kwargs.pop("name", None)
    if kwargs:
        raise MXNetError("{}: unknown parameter(s) {}".format(op, ", ".join(sorted(kwargs))))
