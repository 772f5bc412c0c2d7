"""``mx.image.image``: MXNet's module of image functions, augmenters and ``ImageIter`` (re-exported from the
mxcompat modules that implement them: ``functional``, ``augment``, ``image_iter``)."""
from .functional import *  # noqa: F401,F403
from .functional import _get_interp_method  # noqa: F401
from .augment import *  # noqa: F401,F403
from .image_iter import ImageIter  # noqa: F401
