"""``mx.util``: environment helpers and the numpy-shape switches MXNet user code imports.

mxcompat implements MXNet's legacy (non-numpy) array semantics; ``set_np_shape(True)`` / ``use_np_shape``
record the flag (code that only queries it keeps working) but mxcompat's NDArray keeps legacy semantics.
"""
import functools
import os
import threading

from .base import unsupported, c_str, py_str, check_call  # noqa: F401  (MXNet's util re-exports them)

_state = threading.local()


def getenv(name):
    """The value of environment variable ``name`` or None (MXNet reads its own environment copy)."""
    return os.environ.get(name)


def setenv(name, value):
    """Set (or with None, unset) environment variable ``name``."""
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = str(value)


def is_np_shape():
    return getattr(_state, "np_shape", False)


def is_np_array():
    return getattr(_state, "np_array", False)


def set_np_shape(active):
    prev = is_np_shape()
    _state.np_shape = bool(active)
    return prev


def set_np_array(active):
    if active:
        raise unsupported("mx.util.set_np_array(True) (the mx.np interface)")
    prev = is_np_array()
    _state.np_array = False
    return prev


def set_np(shape=True, array=True, dtype=False):
    if array:
        raise unsupported("mx.npx.set_np (the mx.np interface)")
    set_np_shape(shape)


def reset_np():
    set_np_shape(False)


class _NumpyShapeScope:
    def __init__(self, is_np_shape):  # pylint: disable=redefined-outer-name
        self._enter = is_np_shape
        self._prev = None

    def __enter__(self):
        if self._enter is not None:
            self._prev = set_np_shape(self._enter)

    def __exit__(self, ptype, value, trace):
        if self._enter is not None and self._prev != self._enter:
            set_np_shape(self._prev)


def np_shape(active=True):
    """Scope that turns the numpy-shape flag on or off."""
    return _NumpyShapeScope(active)


def use_np_shape(func):
    """Decorator running ``func`` (or every method of a class) with the numpy-shape flag on."""
    if isinstance(func, type):
        for name, method in list(vars(func).items()):
            if callable(method) and not name.startswith("__"):
                setattr(func, name, use_np_shape(method))
        return func

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with np_shape(True):
            return func(*args, **kwargs)
    return wrapper


def get_gpu_count():
    import torch
    return torch.cuda.device_count() if torch.cuda.is_available() else 0


def get_gpu_memory(gpu_dev_id):
    import torch
    return torch.cuda.mem_get_info(gpu_dev_id)


def get_cuda_compute_capability(ctx):
    import torch
    if ctx.device_type != "gpu":
        raise ValueError("Expecting a gpu context to get cuda compute capability, while received ctx {}".format(ctx))
    major, minor = torch.cuda.get_device_capability(ctx.device_id)
    return major * 10 + minor


def makedirs(d):
    os.makedirs(os.path.expanduser(d), exist_ok=True)


def use_np(func):
    """MXNet's decorator running ``func`` (or a Block class) under numpy semantics (``mx.np``). mxcompat has no
    ``mx.np``: the decorated object can be defined and imported, but calling it raises NotImplementedError."""
    @functools.wraps(func)
    def refuse(*args, **kwargs):
        raise unsupported("mx.util.use_np (the mx.np interface)")
    return refuse


use_np_array = use_np


def np_array(active=True):
    """MXNet's ``with np_array():`` scope (``mx.np`` arrays); raises NotImplementedError when ``active``."""
    if active:
        raise unsupported("mx.util.np_array (the mx.np interface)")
    return _NullScope()


class _NullScope(object):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def set_module(module):
    """MXNet's decorator that sets ``__module__`` of a function or class (for documentation)."""
    def decorate(func):
        if module is not None:
            func.__module__ = module
        return func
    return decorate
