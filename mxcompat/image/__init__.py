"""``mx.image``: image decoding, resizing, cropping, augmentation and ``ImageIter`` (MXNet 1.9.1).

Decoding and resizing use OpenCV (``opencv-python-headless``, the ``image`` extra), imported on first use.
"""
from .functional import *  # noqa: F401,F403
from .augment import *  # noqa: F401,F403
from .image_iter import ImageIter  # noqa: F401
from .detection import *  # noqa: F401,F403
from . import image, detection  # noqa: F401
