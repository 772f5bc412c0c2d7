"""``mx.image.detection``: object-detection augmenters and ``ImageDetIter`` are not supported yet.

Each name exists so that imports of MXNet code succeed; constructing or calling one raises
NotImplementedError pointing to migration_guide.md.
"""
from ..base import unsupported

_NAMES = ("DetAugmenter", "DetBorrowAug", "DetRandomSelectAug", "DetHorizontalFlipAug", "DetRandomCropAug",
          "DetRandomPadAug", "CreateMultiRandCropAugmenter", "CreateDetAugmenter", "ImageDetIter")

__all__ = list(_NAMES)


def _unsupported(name):
    def make(*args, **kwargs):
        raise unsupported("mx.image." + name, "object-detection image pipelines")
    make.__name__ = make.__qualname__ = name
    return make


globals().update({name: _unsupported(name) for name in _NAMES})
