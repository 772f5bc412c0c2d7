"""``mx.gluon.contrib``: ``nn`` (Concurrent, HybridConcurrent, Identity, PixelShuffle*, SyncBatchNorm).
``rnn``, ``cnn``, ``data`` and ``estimator`` are not provided (NotImplementedError; see migration_guide.md)."""
from . import nn  # noqa: F401
from .._unsupported import missing_module

rnn = missing_module(__name__, "rnn")
cnn = missing_module(__name__, "cnn")
data = missing_module(__name__, "data")
estimator = missing_module(__name__, "estimator")
