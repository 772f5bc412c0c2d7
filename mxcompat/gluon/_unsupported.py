"""Gluon sub-packages mxcompat does not provide yet: any attribute raises NotImplementedError naming it."""
import sys
import types

from ..base import unsupported

__all__ = ["missing_module"]


class _Missing(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith('__'):
            raise AttributeError(name)
        raise unsupported("%s.%s" % (self.__name__, name))


def missing_module(package, name):
    """A stand-in module ``package.name`` (registered in sys.modules) whose attributes raise NotImplementedError."""
    mod = _Missing("mx." + package.split(".", 1)[1] + "." + name)
    sys.modules.setdefault(package + "." + name, mod)
    return mod
