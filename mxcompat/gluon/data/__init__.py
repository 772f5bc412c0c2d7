"""``mx.gluon.data``: datasets, samplers and the DataLoader. ``vision`` datasets need downloads and are not
supported (NotImplementedError)."""
from .dataset import *  # noqa: F401,F403
from .sampler import *  # noqa: F401,F403
from .dataloader import *  # noqa: F401,F403
from . import vision  # noqa: F401
