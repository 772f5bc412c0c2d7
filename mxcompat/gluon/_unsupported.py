"""Gluon sub-packages mxcompat does not provide yet: any attribute raises NotImplementedError naming it."""
import sys
import types

from ..base import unsupported

__all__ = ["rnn", "contrib", "model_zoo"]


class _Missing(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith('__'):
            raise AttributeError(name)
        raise unsupported("%s.%s" % (self.__name__, name))


rnn = _Missing("mx.gluon.rnn")
contrib = _Missing("mx.gluon.contrib")
model_zoo = _Missing("mx.gluon.model_zoo")

for _name, _mod in (("rnn", rnn), ("contrib", contrib), ("model_zoo", model_zoo)):
    sys.modules.setdefault(__package__ + "." + _name, _mod)
