"""``mx.gluon.contrib.nn``: contributed layers (basic_layers.py)."""
from .basic_layers import *  # noqa: F401,F403
