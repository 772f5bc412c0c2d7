"""Symbol creation routines: ``var``/``Variable``, ``Group``, ``load``/``load_json``, ``zeros``/``ones``/
``full``/``arange``/``linspace``/``eye``, and the scalar-or-symbol helpers ``pow``/``maximum``/``minimum``/
``hypot``, ``histogram``, ``split_v2``, ``cast_storage``.

MXNet contract: ``var`` stores its hints as hidden string attributes (``__shape__='(3, 4)'``,
``__dtype__`` as MXNet's integer type flag, ``__lr_mult__``, ``__wd_mult__``, ``__init__`` as the
initializer's ``dumps()``, ``__storage_type__``); extra keyword attributes must be ``__dunder__``. The
creation routines default ``dtype`` to float32 and name their node ``_zeros0``-style from ``_internal``.
"""
import numbers

import numpy as np

from ..base import MXNetError, string_types, integer_types, unsupported, TORCH_TO_DTYPE_FLAG, torch_dtype
from .. import attribute as _attribute
from ._graph import Node
from .symbol import Symbol
from .register import function

__all__ = ["var", "Variable", "Group", "load", "load_json", "zeros", "ones", "full", "arange", "linspace",
           "eye", "pow", "power", "maximum", "minimum", "hypot", "histogram", "split_v2",
           "cast_storage"]

_STORAGE_TYPE_ID = {"undefined": -1, "default": 0, "row_sparse": 1, "csr": 2}
_Number = numbers.Number


def var(name, attr=None, shape=None, lr_mult=None, wd_mult=None, dtype=None, init=None, stype=None, **kwargs):
    """A variable (an input of the graph) named ``name``; see the module docstring for the hints."""
    if not isinstance(name, string_types):
        raise TypeError("Expect a string for variable `name`")
    attr = _attribute.current().get(attr)
    attr = {} if attr is None else dict(attr)
    if shape is not None:
        attr["__shape__"] = str(shape)
    if lr_mult is not None:
        attr["__lr_mult__"] = str(lr_mult)
    if wd_mult is not None:
        attr["__wd_mult__"] = str(wd_mult)
    if dtype is not None:
        attr["__dtype__"] = str(TORCH_TO_DTYPE_FLAG[torch_dtype(
            "bfloat16" if isinstance(dtype, str) and dtype == "bfloat16" else np.dtype(dtype).type)])
    if init is not None:
        attr["__init__"] = init if isinstance(init, string_types) else init.dumps()
    if stype is not None:
        attr["__storage_type__"] = str(_STORAGE_TYPE_ID[stype])
    for k, v in kwargs.items():
        if k.startswith("__") and k.endswith("__"):
            attr[k] = str(v)
        else:
            raise ValueError("Attribute name=%s is not supported. Additional attributes must start and end with "
                             "double underscores, e.g, __yourattr__" % k)
    ret = Symbol([(Node(None, name), 0, 0)])
    ret._set_attr(**attr)
    return ret


Variable = var


def Group(symbols, create_fn=Symbol):  # pylint: disable=invalid-name
    """A symbol whose outputs are the outputs of ``symbols``, in order."""
    if not symbols or any(not isinstance(s, Symbol) for s in symbols):
        raise TypeError("Expected a list of symbols as input")
    outs = []
    for s in symbols:
        outs.extend(s._outputs)
    return create_fn(outs)


def load(fname):
    """Load a symbol from a JSON file written by ``Symbol.save`` (any MXNet 1.x version)."""
    if not isinstance(fname, string_types):
        raise TypeError("fname need to be string")
    try:
        with open(fname) as f:
            text = f.read()
    except OSError as err:
        raise MXNetError("cannot open {}: {}".format(fname, err)) from None
    return load_json(text)


def load_json(json_str):
    """Load a symbol from a JSON string (any MXNet 1.x format)."""
    from .json_io import load_json_heads
    if not isinstance(json_str, string_types):
        raise TypeError("fname required to be string")
    return Symbol(load_json_heads(json_str))


def _internal(name):
    return function(name)


def zeros(shape, dtype=None, **kwargs):
    return _internal("_zeros")(shape=shape, dtype=np.float32 if dtype is None else dtype, **kwargs)


def ones(shape, dtype=None, **kwargs):
    return _internal("_ones")(shape=shape, dtype=np.float32 if dtype is None else dtype, **kwargs)


def full(shape, val, dtype=None, **kwargs):
    return _internal("_full")(shape=shape, dtype=np.float32 if dtype is None else dtype, value=float(val),
                              **kwargs)


def arange(start, stop=None, step=1.0, repeat=1, infer_range=False, name=None, dtype=None):
    return _internal("_arange")(start=start, stop=stop, step=step, repeat=repeat, infer_range=infer_range,
                                name=name, dtype=np.float32 if dtype is None else dtype)


def linspace(start, stop, num, endpoint=True, name=None, dtype=None):
    return _internal("_linspace")(start=start, stop=stop, num=num, endpoint=endpoint, name=name,
                                  dtype=np.float32 if dtype is None else dtype)


def eye(N, M=0, k=0, dtype=None, **kwargs):  # pylint: disable=invalid-name
    return _internal("_eye")(N=N, M=M, k=k, dtype=np.float32 if dtype is None else dtype, **kwargs)


def _scalar_or_symbol(sym_op, scalar_op, rscalar_op, py_fn):
    def f(left, right):
        if isinstance(left, Symbol) and isinstance(right, Symbol):
            return _internal(sym_op)(left, right)
        if isinstance(left, Symbol) and isinstance(right, _Number):
            return _internal(scalar_op)(left, scalar=right)
        if isinstance(left, _Number) and isinstance(right, Symbol):
            return _internal(rscalar_op)(right, scalar=left)
        if isinstance(left, _Number) and isinstance(right, _Number):
            return py_fn(left, right)
        raise TypeError("types (%s, %s) not supported" % (str(type(left)), str(type(right))))
    return f


pow = _scalar_or_symbol("_Power", "_PowerScalar", "_RPowerScalar", lambda a, b: a ** b)  # pylint: disable=W0622
maximum = _scalar_or_symbol("_Maximum", "_MaximumScalar", "_MaximumScalar", lambda a, b: a if a > b else b)
minimum = _scalar_or_symbol("_Minimum", "_MinimumScalar", "_MinimumScalar", lambda a, b: a if a < b else b)
hypot = _scalar_or_symbol("_Hypot", "_HypotScalar", "_HypotScalar", np.hypot)


def power(base, exp):
    return pow(base, exp)


def histogram(a, bins=10, range=None, **kwargs):  # pylint: disable=redefined-builtin
    if isinstance(bins, Symbol):
        return _internal("_histogram")(data=a, bins=bins, **kwargs)
    if isinstance(bins, integer_types):
        if range is None:
            raise ValueError("null range is not supported in symbol mode")
        return _internal("_histogram")(data=a, bin_cnt=bins, range=range, **kwargs)
    raise ValueError("bins argument should be either an integer or an NDArray")


def split_v2(ary, indices_or_sections, axis=0, squeeze_axis=False):
    """Split along ``axis`` into ``sections`` equal parts or at ``indices`` (``_split_v2``)."""
    indices, sections = [], 0
    if isinstance(indices_or_sections, int):
        sections = indices_or_sections
    elif isinstance(indices_or_sections, tuple):
        indices = [0] + list(indices_or_sections)
    else:
        raise ValueError("indices_or_sections must either int or tuple of ints")
    return _internal("_split_v2")(ary, indices=indices, axis=axis, squeeze_axis=squeeze_axis, sections=sections)


def cast_storage(data=None, stype=None, name=None, attr=None, out=None, **kwargs):
    """``cast_storage``: only ``stype='default'`` composes (storage is always dense here); a sparse ``stype``
    raises NotImplementedError at composition, as ``mx.nd.cast_storage`` does when called."""
    if stype not in (None, "default"):
        raise unsupported("mx.sym.cast_storage(stype='{}') (sparse storage)".format(stype))
    if stype is not None:
        kwargs["stype"] = stype
    return function("cast_storage")(data, name=name, attr=attr, out=out, **kwargs)

