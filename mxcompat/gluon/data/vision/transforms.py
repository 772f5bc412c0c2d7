"""``mx.gluon.data.vision.transforms``: image transforms on HWC NDArrays (uint8 or float), as Blocks.

MXNet contract (1.9.1): hybrid transforms call the registry's image operators (``F.image.to_tensor``,
``normalize``, ``resize``, ``random_flip_*``, ``random_brightness`` / ``contrast`` / ``saturation`` / ``hue``
with factors drawn from ``[max(0, 1 - v), 1 + v]``, ``random_color_jitter``, ``random_lighting``, ``crop``);
``Compose`` groups consecutive HybridBlocks into one hybridized HybridSequential. ``CenterCrop`` and
``RandomResizedCrop`` are ``mx.image.center_crop`` / ``random_size_crop`` (a seeded Python ``random`` gives
MXNet's boxes); ``Rotate`` / ``RandomRotation`` are ``mx.image.imrotate`` / ``random_rotate`` on float32 tensors.
"""
import random

import numpy as np

from ...block import Block, HybridBlock
from ...nn import Sequential, HybridSequential
from .... import image
from ....base import numeric_types

__all__ = ['Compose', 'Cast', 'ToTensor', 'Normalize', 'Rotate', 'RandomRotation', 'RandomResizedCrop',
           'CropResize', 'CenterCrop', 'Resize', 'RandomFlipLeftRight', 'RandomFlipTopBottom', 'RandomBrightness',
           'RandomContrast', 'RandomSaturation', 'RandomHue', 'RandomColorJitter', 'RandomLighting', 'RandomApply',
           'Block', 'HybridBlock', 'Sequential', 'HybridSequential', 'numeric_types']


class Compose(Sequential):
    """Apply ``transforms`` in order; runs of HybridBlocks become one hybridized HybridSequential."""

    def __init__(self, transforms):
        super(Compose, self).__init__()
        hybrid = []
        for t in list(transforms) + [None]:
            if isinstance(t, HybridBlock):
                hybrid.append(t)
                continue
            if len(hybrid) == 1:
                self.add(hybrid[0])
            elif len(hybrid) > 1:
                block = HybridSequential()
                for h in hybrid:
                    block.add(h)
                block.hybridize()
                self.add(block)
            hybrid = []
            if t is not None:
                self.add(t)


class Cast(HybridBlock):
    """Cast to ``dtype``."""

    def __init__(self, dtype='float32'):
        super(Cast, self).__init__()
        self._dtype = dtype

    def hybrid_forward(self, F, x):
        return F.cast(x, self._dtype)


class _ImageOp(HybridBlock):
    """A transform that is one ``F.image.<op>(x, *args)`` call."""
    _op = None

    def __init__(self, *args):
        super(_ImageOp, self).__init__()
        self._args = args

    def hybrid_forward(self, F, x):
        return getattr(F.image, self._op)(x, *self._args)


class ToTensor(_ImageOp):
    """HWC uint8 [0, 255] -> CHW float32 [0, 1) (NHWC -> NCHW for a batch)."""
    _op = 'to_tensor'

    def __init__(self):
        super(ToTensor, self).__init__()


class Normalize(_ImageOp):
    """``(x - mean) / std`` per channel of a CHW (or NCHW) float tensor."""
    _op = 'normalize'

    def __init__(self, mean=0.0, std=1.0):
        super(Normalize, self).__init__(mean, std)
        self._mean, self._std = mean, std


class Resize(_ImageOp):
    """Resize to ``size`` (int or (w, h)); ``keep_ratio`` scales the short side to an int size."""
    _op = 'resize'

    def __init__(self, size, keep_ratio=False, interpolation=1):
        super(Resize, self).__init__(size, keep_ratio, interpolation)
        self._keep, self._size, self._interpolation = keep_ratio, size, interpolation


class RandomFlipLeftRight(_ImageOp):
    """Flip horizontally with probability 0.5."""
    _op = 'random_flip_left_right'

    def __init__(self):
        super(RandomFlipLeftRight, self).__init__()


class RandomFlipTopBottom(_ImageOp):
    """Flip vertically with probability 0.5."""
    _op = 'random_flip_top_bottom'

    def __init__(self):
        super(RandomFlipTopBottom, self).__init__()


class _RandomFactor(_ImageOp):
    def __init__(self, value):
        super(_RandomFactor, self).__init__(max(0, 1 - value), 1 + value)


class RandomBrightness(_RandomFactor):
    """Scale brightness by a factor from ``[max(0, 1-b), 1+b]``."""
    _op = 'random_brightness'


class RandomContrast(_RandomFactor):
    """Blend with the mean gray level by a factor from ``[max(0, 1-c), 1+c]``."""
    _op = 'random_contrast'


class RandomSaturation(_RandomFactor):
    """Blend with the grayscale image by a factor from ``[max(0, 1-s), 1+s]``."""
    _op = 'random_saturation'


class RandomHue(_RandomFactor):
    """Rotate hue by a factor from ``[max(0, 1-h), 1+h]``."""
    _op = 'random_hue'


class RandomColorJitter(_ImageOp):
    """Brightness, contrast, saturation and hue jitter in random order."""
    _op = 'random_color_jitter'

    def __init__(self, brightness=0, contrast=0, saturation=0, hue=0):
        super(RandomColorJitter, self).__init__(brightness, contrast, saturation, hue)


class RandomLighting(_ImageOp):
    """AlexNet-style PCA lighting noise with standard deviation ``alpha``."""
    _op = 'random_lighting'

    def __init__(self, alpha):
        super(RandomLighting, self).__init__(alpha)
        self._alpha = alpha


class CropResize(HybridBlock):
    """Crop the box ``(x, y, width, height)``; resize to ``size`` when given."""

    def __init__(self, x, y, width, height, size=None, interpolation=None):
        super(CropResize, self).__init__()
        self._x, self._y, self._width, self._height = x, y, width, height
        self._size, self._interpolation = size, interpolation

    def hybrid_forward(self, F, x):
        out = F.image.crop(x, self._x, self._y, self._width, self._height)
        if self._size:
            out = F.image.resize(out, self._size, False, self._interpolation)
        return out


class CenterCrop(Block):
    """Crop the centre to ``size``'s aspect ratio and resize to ``size`` (int or (w, h))."""

    def __init__(self, size, interpolation=1):
        super(CenterCrop, self).__init__()
        if isinstance(size, numeric_types):
            size = (size, size)
        self._args = (size, interpolation)

    def forward(self, x):
        return image.center_crop(x, *self._args)[0]


class RandomResizedCrop(Block):
    """Crop a random box (relative area in ``scale``, aspect in ``ratio``) and resize it to ``size``."""

    def __init__(self, size, scale=(0.08, 1.0), ratio=(3.0 / 4.0, 4.0 / 3.0), interpolation=1):
        super(RandomResizedCrop, self).__init__()
        if isinstance(size, numeric_types):
            size = (size, size)
        self._args = (size, scale, ratio, interpolation)

    def forward(self, x):
        return image.random_size_crop(x, *self._args)[0]


def _require_float32(x):
    if x.dtype is not np.float32:
        raise TypeError("This transformation only supports float32. Consider calling it after ToTensor")


class Rotate(Block):
    """Rotate a float32 CHW (or NCHW) tensor by ``rotation_degrees`` (``mx.image.imrotate``)."""

    def __init__(self, rotation_degrees, zoom_in=False, zoom_out=False):
        super(Rotate, self).__init__()
        self._args = (rotation_degrees, zoom_in, zoom_out)

    def forward(self, x):
        _require_float32(x)
        return image.imrotate(x, *self._args)


class RandomRotation(Block):
    """With probability ``rotate_with_proba``, rotate by an angle drawn from ``angle_limits``."""

    def __init__(self, angle_limits, zoom_in=False, zoom_out=False, rotate_with_proba=1.0):
        super(RandomRotation, self).__init__()
        lower, upper = angle_limits
        if lower >= upper:
            raise ValueError("`angle_limits` must be an ordered tuple")
        if rotate_with_proba < 0 or rotate_with_proba > 1:
            raise ValueError("Probability of rotating the image should be between 0 and 1")
        self._args = (angle_limits, zoom_in, zoom_out)
        self._rotate_with_proba = rotate_with_proba

    def forward(self, x):
        if np.random.random() > self._rotate_with_proba:
            return x
        _require_float32(x)
        return image.random_rotate(x, *self._args)


class RandomApply(Sequential):
    """Apply ``transforms`` with probability ``p`` (Python's ``random``)."""

    def __init__(self, transforms, p=0.5):
        super(RandomApply, self).__init__()
        self.transforms = transforms
        self.p = p

    def forward(self, x):
        if self.p < random.random():
            return x
        return self.transforms(x)
