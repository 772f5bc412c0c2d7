"""Placeholder modules for MXNet packages mxcompat does not provide yet (``mx.np``, ``mx.contrib.onnx``, ...).

``import mxnet.numpy`` (through the alias) and ``from mxnet.contrib import onnx`` succeed, so a legacy script
fails only where it really uses the package, and then with a ``NotImplementedError`` that names the MXNet API
and points to migration_guide.md (never an ImportError or a plausible-but-wrong stand-in). Dunder lookups stay
AttributeErrors so that introspection (``hasattr(m, '__wrapped__')``, pickling, doctest) keeps working.
"""
from .base import unsupported


def module_getattr(api):
    """A PEP 562 module ``__getattr__`` for the placeholder package ``api`` (e.g. ``'mx.np'``)."""
    def __getattr__(name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        raise unsupported("{}.{}".format(api, name), "the {} package is not provided".format(api))
    return __getattr__
