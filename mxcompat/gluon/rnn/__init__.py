"""``mx.gluon.rnn``: recurrent cells (rnn_cell.py) and fused recurrent layers (rnn_layer.py)."""
from .rnn_cell import *  # noqa: F401,F403
from .rnn_layer import *  # noqa: F401,F403
