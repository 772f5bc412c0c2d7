"""``mx.contrib``: MXNet's experimental namespaces.

``mx.contrib.autograd`` (the pre-1.0 autograd API), and ``mx.contrib.ndarray`` / ``mx.contrib.symbol`` (also
``nd`` / ``sym``), which are ``mx.nd.contrib`` / ``mx.sym.contrib``. MXNet's other contrib packages (onnx,
quantization, amp, tensorboard, text) are placeholders whose every use raises NotImplementedError.
"""
from . import amp, onnx, quantization, tensorboard, text  # noqa: F401  (placeholders)
from . import autograd
from . import ndarray
from . import ndarray as nd
from . import symbol
from . import symbol as sym

__all__ = ["autograd", "ndarray", "nd", "symbol", "sym"]
