"""Shared foundations: ``mx.base``.

MXNet contract: ``MXNetError`` is the error every backend failure raises (a ``RuntimeError``);
``numeric_types``/``integer_types``/``string_types`` are the tuples user code checks against;
``mx_real_t`` is ``numpy.float32``. Also holds the numpy <-> torch dtype tables every layer uses.
"""
import ctypes
import os
import numbers

import numpy as np
import torch

__all__ = ["MXNetError", "NotImplementedForSymbol", "MXCallbackList", "string_types", "numeric_types",
           "integer_types", "mx_real_t", "mx_uint", "mx_int", "mx_float", "py_str", "c_str", "data_dir",
           "unsupported"]


class MXNetError(RuntimeError):
    """Error raised by operators and the runtime, as MXNet's C++ backend raises it."""


class NotImplementedForSymbol(MXNetError):
    """Raised when a function exists for NDArray but not for Symbol."""

    def __init__(self, function, alias, *args):
        super().__init__()
        self.function = function.__name__ if callable(function) else str(function)
        self.alias = alias
        self.args = [str(type(a)) for a in args]

    def __str__(self):
        msg = "Function {}".format(self.function)
        if self.alias:
            msg += " (namely operator \"{}\")".format(self.alias)
        if self.args:
            msg += " with arguments ({})".format(", ".join(self.args))
        msg += " is not implemented for Symbol and only available in NDArray."
        return msg


class MXCallbackList(list):
    """Placeholder type MXNet exposes for ctypes callback lists (kept for ``isinstance`` checks)."""


string_types = (str,)
numeric_types = (float, int, np.generic)
integer_types = (int, np.integer)
mx_real_t = np.float32
mx_uint = np.uint32
mx_int = np.int32
mx_float = np.float32
_NP_TYPES = None


def unsupported(api, detail=""):
    """Return the NotImplementedError that names an MXNet API mxcompat does not support yet."""
    msg = "{} is not supported by mxcompat yet".format(api)
    if detail:
        msg += " ({})".format(detail)
    return NotImplementedError(msg + "; see migration_guide.md for what is supported and how to migrate.")


def py_str(x):
    """Decode bytes from the backend into a Python str."""
    return x.decode("utf-8") if isinstance(x, bytes) else str(x)


def c_str(string):
    """MXNet's helper to encode a str for C calls; here it returns the UTF-8 bytes."""
    return string.encode("utf-8")


def c_str_array(strings):
    return [c_str(s) for s in strings]


def data_dir_default():
    return os.path.join(os.path.expanduser("~"), ".mxnet")


def data_dir():
    """The directory for datasets and models: ``$MXNET_HOME`` or ``~/.mxnet``."""
    return os.getenv("MXNET_HOME", data_dir_default())


def _as_list(obj):
    """Wrap a non-list/tuple in a list; lists and tuples pass through as MXNet's helper does."""
    if isinstance(obj, (list, tuple)):
        return obj
    return [obj]


# C-API names MXNet's modules re-export; mxcompat has no C library, so a handle is only a type and
# ``check_call`` only checks a return code.
SymbolHandle = ctypes.c_void_p
NDArrayHandle = ctypes.c_void_p


def check_call(ret):
    """MXNet's C-API return-code check: raise MXNetError when ``ret`` is not 0."""
    if ret != 0:
        raise MXNetError("C API call failed with return code {}".format(ret))


def _is_number(x):
    return isinstance(x, numbers.Number) and not isinstance(x, bool) or isinstance(x, (bool, np.generic))


# ---- dtypes ---------------------------------------------------------------------------------------------

_NP_TO_TORCH = {
    np.dtype(np.float32): torch.float32, np.dtype(np.float64): torch.float64,
    np.dtype(np.float16): torch.float16, np.dtype(np.uint8): torch.uint8,
    np.dtype(np.int8): torch.int8, np.dtype(np.int32): torch.int32,
    np.dtype(np.int64): torch.int64, np.dtype(np.bool_): torch.bool,
    np.dtype(np.int16): torch.int16,
}
_TORCH_TO_NP = {v: k.type for k, v in _NP_TO_TORCH.items()}
_TORCH_TO_NP[torch.bfloat16] = np.float32  # numpy has no bfloat16; MXNet exposes it via a custom type
_NAME_ALIASES = {"bfloat16": torch.bfloat16, "float": torch.float32, "double": torch.float64,
                 "half": torch.float16}


def torch_dtype(dtype):
    """Map anything MXNet accepts as a dtype (str, numpy type, numpy dtype, torch dtype) to a torch dtype."""
    if isinstance(dtype, torch.dtype):
        return dtype
    try:
        return _NP_TO_TORCH[np.dtype(dtype)]
    except (TypeError, KeyError):
        pass
    if isinstance(dtype, str) and dtype in _NAME_ALIASES:
        return _NAME_ALIASES[dtype]
    raise TypeError("data type '{}' not understood or not supported by MXNet".format(dtype))


def numpy_dtype(tdtype):
    """The numpy type object MXNet reports as ``.dtype`` for a torch dtype (e.g. ``numpy.float32``)."""
    return _TORCH_TO_NP[tdtype]


def dtype_name(tdtype):
    """MXNet's string name of a dtype ('float32', 'int64', 'bool', 'bfloat16')."""
    if tdtype is torch.bfloat16:
        return "bfloat16"
    return np.dtype(_TORCH_TO_NP[tdtype]).name


# MXNet's integer type flags (mshadow TypeFlag), used by file formats and Cast's dtype enum.
DTYPE_FLAG_TO_TORCH = {0: torch.float32, 1: torch.float64, 2: torch.float16, 3: torch.uint8, 4: torch.int32,
                       5: torch.int8, 6: torch.int64, 7: torch.bool, 8: torch.int16, 12: torch.bfloat16}
TORCH_TO_DTYPE_FLAG = {v: k for k, v in DTYPE_FLAG_TO_TORCH.items()}
