"""``mx.rnn``: symbolic recurrent cells (see rnn_cell.py)."""
from .rnn_cell import (RNNParams, BaseRNNCell, RNNCell, LSTMCell, GRUCell, SequentialRNNCell, DropoutCell,
                       ModifierCell, ResidualCell, BidirectionalCell, FusedRNNCell, ZoneoutCell, ConvRNNCell,
                       ConvLSTMCell, ConvGRUCell)
from . import rnn_cell  # noqa: F401
