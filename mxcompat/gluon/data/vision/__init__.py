"""``mx.gluon.data.vision``: vision datasets (datasets.py, read from local files) and image transforms."""
from .datasets import *  # noqa: F401,F403
from . import transforms  # noqa: F401
