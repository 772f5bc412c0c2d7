"""Run torch's Python meta kernels without importing ``torch._dynamo``.

Shape inference runs operators on ``meta`` tensors. Most of torch's meta kernels for elementwise, broadcast,
reduction and many layer operators (FullyConnected, Pooling, BatchNorm, Concat, ...) are Python references
wrapped in ``torch._disable_dynamo``, whose first call in a process imports ``torch._dynamo`` (1-5 s) only to
wrap the reference in ``torch._dynamo.disable``. That wrapper switches dynamo's frame hook off; while
``torch._dynamo`` has never been imported no frame can be under compilation, so calling the reference directly
is the same.

``no_dynamo_import()`` makes that so for the duration of one meta run: while ``torch._dynamo`` is not imported
it puts a stand-in in ``sys.modules`` whose ``disable`` returns the function unchanged. Afterwards it removes
the stand-in, its answer and every ``__dynamo_disable`` cache entry torch stored with it, so a later real
import (a user's ``torch.compile``) finds torch exactly as it was. Any other attribute of the stand-in - and,
after the context, every attribute, should someone have kept a reference - imports the real module and answers
from it. (torch's type promotion still imports sympy, ~0.3 s, once per process; so does the first
``torch.autograd.grad``, so training pays it anyway.)
"""
import contextlib
import importlib
import sys
import types

__all__ = ["no_dynamo_import"]

_NAME = "torch._dynamo"


class _StandIn(types.ModuleType):
    """``torch._dynamo`` as far as ``torch._disable_dynamo`` needs it, until retired."""

    def __init__(self):
        super().__init__(_NAME)
        self._wrapped = []
        self.__dict__["disable"] = self._disable

    def _disable(self, fn=None, recursive=True, wrapping=True):  # pylint: disable=unused-argument
        if fn is not None:
            self._wrapped.append(fn)
        return fn

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        self.retire()
        return getattr(importlib.import_module(_NAME), name)

    def retire(self):
        """Leave sys.modules, forget the answer and undo what torch cached with it."""
        self.__dict__.pop("disable", None)
        if sys.modules.get(_NAME) is self:
            del sys.modules[_NAME]
        torch = sys.modules["torch"]
        if torch.__dict__.get("_dynamo") is self:
            delattr(torch, "_dynamo")
        for fn in self._wrapped:
            getattr(fn, "__dict__", {}).pop("__dynamo_disable", None)
        self._wrapped.clear()


@contextlib.contextmanager
def no_dynamo_import():
    """Within this context torch's meta kernels do not import ``torch._dynamo``."""
    if _NAME in sys.modules:
        yield
        return
    stand_in = sys.modules[_NAME] = _StandIn()
    try:
        yield
    finally:
        stand_in.retire()
