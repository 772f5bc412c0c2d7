"""mxcompat: Apache MXNet 1.9.1's Python API on PyTorch.

``import mxcompat as mx`` gives the ``mx`` namespace; ``mxcompat.enable_mxnet_alias()`` makes
``import mxnet`` resolve here. ``mx.__version__`` is the MXNet API version implemented ("1.9.1"); mxcompat's
own version is in its package metadata (``importlib.metadata.version('mxcompat')``).
"""
__version__ = "1.9.1"

from ._alias import enable_mxnet_alias, disable_mxnet_alias
from . import base
from .base import MXNetError
from . import context
from .context import Context, cpu, gpu, cpu_pinned, current_context, num_gpus, gpu_memory_info
from . import autograd
from . import ndarray
from . import ndarray as nd
from . import random
from . import name
from . import attribute
from .attribute import AttrScope
from . import symbol
from . import symbol as sym
from . import executor
from . import visualization
from . import visualization as viz
from . import lr_scheduler
from . import util
# MXNet re-exports its shape-semantics switches at the top level (mx.np_shape, mx.use_np_shape, ...)
from .util import is_np_shape, is_np_array, set_np_shape, np_shape, use_np_shape, use_np, use_np_array, np_array
from . import runtime
from . import engine
from . import registry
from . import optimizer
from . import kvstore
from . import kvstore as kv
from . import initializer
from . import initializer as init
from . import metric
from . import io
from . import recordio
from . import image
from . import image as img
from . import callback
from . import model
from . import module
from . import module as mod
from . import monitor
from . import monitor as mon
from . import profiler
from . import numpy, numpy_extension  # placeholders: every use raises NotImplementedError
from . import numpy as np
from . import numpy_extension as npx
from . import rnn
from . import test_utils
from . import operator
from . import contrib
from . import gluon

__all__ = ["enable_mxnet_alias", "nd", "ndarray", "autograd", "context", "cpu", "gpu", "cpu_pinned", "Context",
           "MXNetError", "current_context", "num_gpus", "random", "lr_scheduler", "test_utils", "base", "util",
           "runtime", "engine"]
