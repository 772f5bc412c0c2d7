"""``mx.sym`` / ``mx.symbol``: the Symbol graph API and the operator functions generated from the registry.

See ``symbol.py`` for the Symbol class, ``register.py`` for how ``mx.sym.<op>`` is generated, ``json_io.py``
for MXNet's JSON, ``infer.py`` for shape/type inference, ``lower.py`` for lowering to torch.fx and
``to_torch.py`` for leaving MXNet.
"""
from .._op import OPS as _OPS
from .symbol import Symbol
from . import register as _register
from . import _arith
from . import op, _internal, contrib, linalg, image, random, sparse  # noqa: F401
from .op import *  # noqa: F401,F403
from .creation import (var, Variable, Group, load, load_json, zeros, ones, full, arange, linspace, eye, pow,
                       power, maximum, minimum, hypot, histogram, split_v2, cast_storage)
from .to_torch import to_torch_module
from .. import _fluent

_register.populate(globals(), "")
for _name in list(_OPS):
    if _name.startswith("_linalg_"):
        globals().setdefault(_name[1:], _register.function(_name, _name[1:]))
_arith.install()
_fluent.install(Symbol, _register.function)
# creation routines and helpers defined above win over same-named registry ops
for _f in (zeros, ones, full, arange, linspace, eye, pow, power, maximum, minimum, hypot, split_v2, cast_storage):
    globals()[_f.__name__] = _f
del _f, _name
