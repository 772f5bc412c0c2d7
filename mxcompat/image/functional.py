"""``mx.image`` functions on HWC images: decode, resize, crop, normalise, rotate (MXNet 1.9.1 semantics).

Random choices use Python's ``random`` module exactly as MXNet's ``image.py`` does, so a seeded script draws
the same crops. Interpolation codes are OpenCV's: 0 nearest, 1 bilinear, 2 bicubic, 3 area, 4 Lanczos,
9 auto (cubic to enlarge, area to shrink, else bilinear), 10 random.
"""
import random
import warnings
from numbers import Number

import numpy as np
import torch

from ..base import numeric_types
from ..ndarray import NDArray, array as nd_array
from . import _cv

__all__ = ["imread", "imdecode", "imresize", "scale_down", "copyMakeBorder", "resize_short", "fixed_crop",
           "random_crop", "center_crop", "color_normalize", "random_size_crop", "imrotate", "random_rotate"]


def imread(filename, *args, **kwargs):
    """Read an image file to an HWC uint8 NDArray (``flag=1`` colour / 0 gray, ``to_rgb=True``)."""
    return _cv.imread(filename, *args, **kwargs)


def imdecode(buf, *args, **kwargs):
    """Decode an image from ``bytes``/``bytearray``/numpy/NDArray to an HWC uint8 NDArray.

    ``flag``: 1 colour (default), 0 grayscale (shape ``(h, w, 1)``); ``to_rgb`` (default True) turns OpenCV's
    BGR into RGB. Undecodable data raises MXNetError; a ``str`` raises ValueError, as in MXNet.
    """
    if isinstance(buf, NDArray):
        return _cv.imdecode_nd(buf, *args, **kwargs)
    if not isinstance(buf, (bytes, bytearray, np.ndarray)):
        raise ValueError("buf must be of type bytes, bytearray or numpy.ndarray,"
                         "if you would like to input type str, please convert to bytes")
    data = np.frombuffer(buf, dtype=np.uint8) if not isinstance(buf, np.ndarray) else buf.astype(np.uint8)
    return _cv.imdecode_nd(data, *args, **kwargs)


def imresize(src, w, h, *args, **kwargs):
    """Resize an HWC image to width ``w`` and height ``h`` with OpenCV (``interp`` default 1, bilinear)."""
    return _cv.imresize(src, w, h, *args, **kwargs)


def copyMakeBorder(src, top, bot, left, right, *args, **kwargs):
    """Pad an HWC image by OpenCV's ``copyMakeBorder`` (``type`` 0 constant; ``value`` or per-channel
    ``values``)."""
    return _cv.copy_make_border(src, top, bot, left, right, *args, **kwargs)


def scale_down(src_size, size):
    """Shrink ``size`` (w, h) to fit inside ``src_size`` (w, h), keeping its aspect ratio; ints."""
    w, h = size
    sw, sh = src_size
    if sh < h:
        w, h = float(w * sh) / h, sh
    if sw < w:
        w, h = sw, float(h * sw) / w
    return int(w), int(h)


def _get_interp_method(interp, sizes=()):
    """Resolve the auto (9) and random (10) interpolation codes; ``sizes`` is (old_h, old_w, new_h, new_w)."""
    if interp == 9:
        if sizes:
            assert len(sizes) == 4
            oh, ow, nh, nw = sizes
            if nh > oh and nw > ow:
                return 2
            if nh < oh and nw < ow:
                return 3
            return 1
        return 2
    if interp == 10:
        return random.randint(0, 4)
    if interp not in (0, 1, 2, 3, 4):
        raise ValueError("Unknown interp method %d" % interp)
    return interp


def resize_short(src, size, interp=2):
    """Resize so the shorter edge is ``size`` (the other edge scaled with integer division)."""
    h, w, _ = src.shape
    if h > w:
        new_h, new_w = size * h // w, size
    else:
        new_h, new_w = size, size * w // h
    return imresize(src, new_w, new_h, interp=_get_interp_method(interp, (h, w, new_h, new_w)))


def fixed_crop(src, x0, y0, w, h, size=None, interp=2):
    """Crop ``src[y0:y0+h, x0:x0+w]`` and resize it to ``size`` (w, h) when given and different."""
    if size is not None and (w, h) != size:
        sizes = (h, w, size[1], size[0])
        return _cv.crop(src, x0, y0, w, h, size, _get_interp_method(interp, sizes))
    return _cv.crop(src, x0, y0, w, h)


def random_crop(src, size, interp=2):
    """Crop a random window of ``size`` (w, h) (scaled down to fit); returns ``(out, (x0, y0, w, h))``."""
    h, w, _ = src.shape
    new_w, new_h = scale_down((w, h), size)
    x0 = random.randint(0, w - new_w)
    y0 = random.randint(0, h - new_h)
    return fixed_crop(src, x0, y0, new_w, new_h, size, interp), (x0, y0, new_w, new_h)


def center_crop(src, size, interp=2):
    """Crop the central window of ``size`` (w, h) (scaled down to fit); returns ``(out, (x0, y0, w, h))``."""
    h, w, _ = src.shape
    new_w, new_h = scale_down((w, h), size)
    x0 = int((w - new_w) / 2)
    y0 = int((h - new_h) / 2)
    return fixed_crop(src, x0, y0, new_w, new_h, size, interp), (x0, y0, new_w, new_h)


def color_normalize(src, mean, std=None):
    """``src -= mean; src /= std`` in place (either may be None); returns ``src``."""
    if mean is not None:
        src -= mean
    if std is not None:
        src /= std
    return src


def random_size_crop(src, size, area, ratio, interp=2, **kwargs):
    """Crop a random area fraction ``area`` and aspect ratio in ``ratio`` (log-uniform), resized to ``size``;
    after 10 failed draws falls back to ``center_crop``. Returns ``(out, (x0, y0, w, h))``."""
    h, w, _ = src.shape
    src_area = h * w
    if "min_area" in kwargs:
        warnings.warn("`min_area` is deprecated. Please use `area` instead.", DeprecationWarning)
        area = kwargs.pop("min_area")
    assert not kwargs, "unexpected keyword arguments for `random_size_crop`."
    if isinstance(area, numeric_types):
        area = (area, 1.0)
    for _ in range(10):
        target_area = random.uniform(area[0], area[1]) * src_area
        log_ratio = (np.log(ratio[0]), np.log(ratio[1]))
        new_ratio = np.exp(random.uniform(*log_ratio))
        new_w = int(round(np.sqrt(target_area * new_ratio)))
        new_h = int(round(np.sqrt(target_area / new_ratio)))
        if new_w <= w and new_h <= h:
            x0 = random.randint(0, w - new_w)
            y0 = random.randint(0, h - new_h)
            return fixed_crop(src, x0, y0, new_w, new_h, size, interp), (x0, y0, new_w, new_h)
    return center_crop(src, size, interp)


def imrotate(src, rotation_degrees, zoom_in=False, zoom_out=False):
    """Rotate float32 CHW image(s) (or NCHW with one angle each) about the centre, bilinear, zero fill.

    ``zoom_in`` scales so no padding shows, ``zoom_out`` so the whole image stays visible (not both).
    """
    if zoom_in and zoom_out:
        raise ValueError("`zoom_in` and `zoom_out` cannot be both True")
    if src.dtype is not np.float32:
        raise TypeError("Only `float32` images are supported by this function")
    x = src._data
    single = x.dim() == 3
    if single:
        if not isinstance(rotation_degrees, Number):
            raise TypeError("When a single image is passed the rotation angle is required to be a scalar.")
        x = x.unsqueeze(0)
    elif x.dim() != 4:
        raise ValueError("Only 3D and 4D are supported by this function")
    n, _, h, w = x.shape
    if isinstance(rotation_degrees, Number):
        angles = torch.full((n,), float(rotation_degrees), dtype=torch.float32, device=x.device)
    else:
        angles = rotation_degrees._data.to(device=x.device, dtype=torch.float32).reshape(-1)
    if angles.numel() != n:
        raise ValueError("The number of images must be equal to the number of rotation angles")
    rad = (np.pi * angles / 180).view(n, 1, 1)
    hs, ws = float(h - 1) / 2, float(w - 1) / 2
    ys = (torch.arange(h, dtype=torch.float32, device=x.device) - hs).view(1, h, 1)
    xs = (torch.arange(w, dtype=torch.float32, device=x.device) - ws).view(1, 1, w)
    cos, sin = torch.cos(rad), torch.sin(rad)
    gx = (xs * cos - ys * sin) / ws
    gy = (xs * sin + ys * cos) / hs
    if zoom_in or zoom_out:
        rho = float(np.sqrt(h * h + w * w))
        corner = float(np.arctan(h / w))
        arad = rad.abs()
        max_x = torch.maximum((rho * torch.cos(corner + arad)).abs(), (rho * torch.cos(corner - arad)).abs())
        max_y = torch.maximum((rho * torch.sin(corner + arad)).abs(), (rho * torch.sin(corner - arad)).abs())
        scale = (torch.maximum(max_x / w, max_y / h) if zoom_out
                 else torch.minimum(w / max_x, h / max_y))
        gx, gy = gx * scale, gy * scale
    grid = torch.stack([gx.expand(n, h, w), gy.expand(n, h, w)], dim=-1)
    out = torch.nn.functional.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=True)
    return NDArray._wrap(out[0] if single else out, src.context)


def random_rotate(src, angle_limits, zoom_in=False, zoom_out=False):
    """``imrotate`` by angle(s) drawn uniformly (numpy's generator) from ``angle_limits``."""
    if src.ndim == 3:
        angle = np.random.uniform(*angle_limits)
    else:
        angle = nd_array(np.random.uniform(*angle_limits, size=(src.shape[0],)))
    return imrotate(src, angle, zoom_in=zoom_in, zoom_out=zoom_out)
