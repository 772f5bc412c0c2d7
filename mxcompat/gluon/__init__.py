"""``mx.gluon``: MXNet 1.9.1's imperative/hybrid neural-network interface on mxcompat.

``F`` in ``hybrid_forward`` is ``mx.nd`` or ``mx.sym``; both are generated from one operator registry, so a
HybridBlock runs imperatively and, after ``hybridize()``, as one lowered graph. See migration_guide.md for
what is not supported (parts of contrib, sparse parameters, subgraph backends).
"""
from .parameter import *  # noqa: F401,F403
from .block import *  # noqa: F401,F403
from . import nn  # noqa: F401
from . import loss  # noqa: F401
from .trainer import *  # noqa: F401,F403
from . import utils  # noqa: F401
from . import data  # noqa: F401
from . import rnn  # noqa: F401
from . import contrib  # noqa: F401
from . import model_zoo  # noqa: F401
