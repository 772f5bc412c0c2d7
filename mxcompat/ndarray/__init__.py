"""``mx.nd`` / ``mx.ndarray``: NDArray and the imperative operator functions generated from the registry."""
import builtins as _builtins

from .ndarray import NDArray
from .cached_op import CachedOp
from . import _arith
from .._op import OPS as _OPS
from . import op, _internal, contrib, linalg, image, sparse  # noqa: F401
from .op import *  # noqa: F401,F403
from . import random  # noqa: F401
from ._namespace import populate as _populate, function as _function
from .utils import (array, empty, zeros, ones, full, arange, eye, linspace, concatenate, moveaxis, waitall,
                    save, load, load_frombuffer, from_numpy, from_dlpack, from_torch, to_dlpack_for_read,
                    to_dlpack_for_write, split_v2, onehot_encode, cast_storage, imdecode)
from .. import _fluent

_populate(globals(), "")
for _name in list(_OPS):
    # MXNet also exposes each linalg op as nd.linalg_<op>, except syevd (only nd.linalg.syevd).
    if _name.startswith("_linalg_") and _name != "_linalg_syevd":
        globals().setdefault(_name[1:], _function(_name))
_arith.install()
from . import sparse_kernels as _sparse_kernels  # noqa: E402
_sparse_kernels.install()
_sparse_kernels.install_operators()
_fluent.install(NDArray, _function)


def _ufunc(key, py_fn):
    def f(lhs, rhs):
        return _arith.ufunc(key, lhs, rhs, py_fn)
    f.__name__ = key
    return f


add = _ufunc("add", lambda a, b: a + b)
subtract = _ufunc("sub", lambda a, b: a - b)
multiply = _ufunc("mul", lambda a, b: a * b)
divide = _ufunc("div", lambda a, b: a / b)
true_divide = divide
modulo = _ufunc("mod", lambda a, b: a % b)
power = _ufunc("pow", lambda a, b: a ** b)
maximum = _ufunc("maximum", _builtins.max)
minimum = _ufunc("minimum", _builtins.min)
equal = _ufunc("eq", lambda a, b: float(a == b))
not_equal = _ufunc("ne", lambda a, b: float(a != b))
greater = _ufunc("gt", lambda a, b: float(a > b))
greater_equal = _ufunc("ge", lambda a, b: float(a >= b))
lesser = _ufunc("lt", lambda a, b: float(a < b))
lesser_equal = _ufunc("le", lambda a, b: float(a <= b))
logical_and = _ufunc("logical_and", lambda a, b: float(bool(a) and bool(b)))
logical_or = _ufunc("logical_or", lambda a, b: float(bool(a) or bool(b)))
logical_xor = _ufunc("logical_xor", lambda a, b: float(bool(a) != bool(b)))


def histogram(a, bins=10, range=None):  # pylint: disable=redefined-builtin
    """``(counts, edges)`` of ``a`` flattened: ``bins`` an NDArray of edges, or an int with ``range`` (int64 counts,
    edges in a's dtype); an int without ``range`` gives float32 arrays, as MXNet's numpy fallback does."""
    if isinstance(bins, NDArray):
        return _function("_histogram")(a, bins)
    if hasattr(type(bins), "__index__"):  # MXNet's integer_types: int and numpy integers
        bins = int(bins)
        if range is None:
            from .._op.defs.ordering import histogram_auto_range
            counts, edges = histogram_auto_range(a._data, bins)
            return NDArray._wrap(counts, a._ctx), NDArray._wrap(edges, a._ctx)
        return _function("_histogram")(a, bin_cnt=bins, range=range)
    raise ValueError("bins argument should be either an integer or an NDArray")
