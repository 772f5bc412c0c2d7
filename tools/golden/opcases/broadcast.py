"""Op-database cases: binary operators (``broadcast_*``, ``elemwise_*``, ``_internal._mod`` & co), the scalar
variants (``_plus_scalar`` ... incl. reverse ops and ``is_int``), the ``nd.add``-style helpers, smooth_l1,
integer dtypes, nan/inf edges, dtype- and shape-mismatch errors."""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _cases import add_case  # noqa: E402  pylint: disable=wrong-import-position

INF = float("inf")
NAN = float("nan")
CASES = []

ARITH = ["add", "sub", "mul", "div", "mod", "power", "maximum", "minimum", "hypot"]
COMPARE = ["equal", "not_equal", "greater", "greater_equal", "lesser", "lesser_equal"]
LOGIC = ["logical_and", "logical_or", "logical_xor"]
ELEMWISE = {"add": "elemwise_add", "sub": "elemwise_sub", "mul": "elemwise_mul", "div": "elemwise_div",
            "mod": "_internal._mod", "power": "_internal._power", "maximum": "_internal._maximum",
            "minimum": "_internal._minimum", "hypot": "_internal._hypot", "equal": "_internal._equal",
            "not_equal": "_internal._not_equal", "greater": "_internal._greater",
            "greater_equal": "_internal._greater_equal", "lesser": "_internal._lesser",
            "lesser_equal": "_internal._lesser_equal", "logical_and": "_internal._logical_and",
            "logical_or": "_internal._logical_or", "logical_xor": "_internal._logical_xor"}
SCALAR = {k: "_internal._{}_scalar".format(k.replace("add", "plus").replace("sub", "minus")) for k in
          ARITH + COMPARE + LOGIC}
RSCALAR = {"sub": "_internal._rminus_scalar", "div": "_internal._rdiv_scalar", "mod": "_internal._rmod_scalar",
           "power": "_internal._rpower_scalar"}
# Positive operands keep power/mod/div well defined; each op gets a range that exercises it.
RANGE = {"power": (0.5, 2.0), "div": (0.5, 3.0), "mod": (0.5, 5.0), "hypot": (-3.0, 3.0)}


def _case(*args, **kwargs):
    add_case(CASES, *args, **kwargs)


def _u(shape, key, dtype="float32"):
    lo, hi = RANGE.get(key, (-3.0, 3.0))
    return ("uniform", shape, lo, hi, dtype)


# ---- broadcast_* and elemwise_* on floats, with gradients --------------------------------------------------
_SHAPES = {"same": ((3, 4), (3, 4)), "row": ((3, 4), (1, 4)), "col": ((3, 4), (3, 1)),
           "both": ((2, 1, 4), (1, 3, 1)), "scalar_like": ((2, 3), (1, 1)), "rank3": ((2, 3, 4), (2, 1, 4))}
for key in ARITH + COMPARE + LOGIC:
    bname = "broadcast_" + key
    grad = [0, 1] if key in ARITH else []
    for sname, (ls, rs) in _SHAPES.items():
        _case("{}/{}".format(bname, sname), bname, [_u(ls, key), _u(rs, key)], grad=grad)
    _case(bname + "/float64", bname, [_u((2, 3), key, "float64"), _u((1, 3), key, "float64")], grad=grad)
    _case(bname + "/float16", bname, [_u((2, 3), key, "float16"), _u((2, 1), key, "float16")])
    ename = ELEMWISE[key]
    _case("{}/same".format(ename), ename, [_u((3, 4), key), _u((3, 4), key)], grad=grad)
    _case("{}/float64".format(ename), ename, [_u((5,), key, "float64"), _u((5,), key, "float64")])
    _case("{}/shape_mismatch".format(ename), ename, [_u((3, 4), key), _u((1, 4), key)], error=True)
    _case("{}/dtype_mismatch".format(bname), bname, [_u((3, 4), key), _u((3, 4), key, "float64")], error=True)
    _case("{}/shape_mismatch".format(bname), bname, [_u((2, 3), key), _u((4, 3), key)], error=True)
    # comparisons of equal values: ties matter for equal/greater_equal and for maximum/minimum gradients
    _case("{}/ties".format(bname), bname, [("array", [[1.0, 2.0, 3.0], [0.0, -1.0, 5.0]], "float32"),
                                          ("array", [[1.0, 0.5, 3.0], [0.0, 2.0, 5.0]], "float32")], grad=grad)

for alias in ("broadcast_plus", "broadcast_minus"):
    _case(alias + "/row", alias, [_u((3, 4), "add"), _u((1, 4), "add")], grad=[0, 1])
_case("broadcast_add/rank_mismatch", "broadcast_add", [_u((3, 4), "add"), _u((4,), "add")], grad=[0, 1])
_case("broadcast_mul/3d_vs_1x1x1", "broadcast_mul", [_u((2, 3, 4), "mul"), _u((1, 1, 1), "mul")], grad=[0, 1])
for alias in ("_internal._plus", "_internal._minus", "_internal._mul", "_internal._div", "_internal._Plus"):
    _case(alias + "/same", alias, [_u((2, 3), "div"), _u((2, 3), "div")])

# ---- comparisons/logic have zero gradients ----------------------------------------------------------------------
for key in ("greater", "equal", "logical_and"):
    _case("broadcast_{}/zero_grad".format(key), "broadcast_" + key, [_u((2, 3), key), _u((1, 3), key)],
          grad=[0, 1])
    _case("{}_scalar/zero_grad".format(key), SCALAR[key], [_u((2, 3), key)], {"scalar": 0.5}, grad=[0])

# ---- integer dtypes ---------------------------------------------------------------------------------------------
_INT_L = [[7, -7, 5, -5, 0, 9], [3, 100, -100, 1, 2, -1]]
_INT_R = [[2, 2, -3, -3, 4, 9], [-2, 7, 7, 1, 5, -4]]
for dt in ("int32", "int64", "int8"):
    for key in ARITH + COMPARE + LOGIC:
        if key == "power":
            lhs, rhs = ("randint", (2, 6), -4, 5, dt), ("randint", (2, 6), 0, 4, dt)
        else:
            lhs, rhs = ("array", _INT_L, dt), ("array", _INT_R, dt)
        _case("broadcast_{}/{}".format(key, dt), "broadcast_" + key, [lhs, rhs])
for key in ARITH + COMPARE:
    _case("broadcast_{}/uint8".format(key), "broadcast_" + key,
          [("randint", (2, 6), 0, 16, "uint8"), ("randint", (1, 6), 1, 4, "uint8")])
_case("broadcast_add/uint8_overflow", "broadcast_add", [("array", [250, 255, 3], "uint8"),
                                                        ("array", [10, 1, 3], "uint8")])
_case("broadcast_sub/uint8_underflow", "broadcast_sub", [("array", [0, 5, 3], "uint8"),
                                                         ("array", [1, 10, 3], "uint8")])
_case("broadcast_add/int32_broadcast", "broadcast_add", [("randint", (3, 1), -9, 9, "int32"),
                                                         ("randint", (1, 4), -9, 9, "int32")])
_case("elemwise_div/int32", "elemwise_div", [("array", _INT_L, "int32"), ("array", _INT_R, "int32")])
_case("_mod/int64", "_internal._mod", [("array", _INT_L, "int64"), ("array", _INT_R, "int64")])
_case("broadcast_add/int_float_mismatch", "broadcast_add", [("randint", (2, 3), 0, 5, "int32"),
                                                            _u((2, 3), "add")], error=True)

# ---- float edges: nan/inf, zero divisors, negative bases -----------------------------------------------------------
_EL = [[1.0, -1.0, 0.0, NAN, INF, -INF, 2.0, -0.0, 5.5, -5.5]]
_ER = [[0.0, 0.0, 0.0, 1.0, 1.0, 2.0, NAN, 3.0, -2.0, 2.0]]
for key in ARITH + COMPARE + LOGIC:
    _case("broadcast_{}/edges".format(key), "broadcast_" + key, [("array", _EL, "float32"), ("array", _ER, "float32")])
_case("broadcast_power/negative_base", "broadcast_power", [("array", [-2.0, -2.0, -8.0, 0.0, 0.0], "float32"),
                                                           ("array", [2.0, 0.5, 3.0, 0.0, -1.0], "float32")])
_case("broadcast_mod/negative", "broadcast_mod", [("array", [5.5, -5.5, 5.5, -5.5, 4.0], "float32"),
                                                  ("array", [2.0, 2.0, -2.0, -2.0, 2.0], "float32")], grad=[0, 1])
_case("broadcast_mod/float64_negative", "broadcast_mod", [("array", [7.25, -7.25, 1e10, -3.0], "float64"),
                                                          ("array", [-2.0, 3.0, 3.0, 1.5], "float64")])
_case("broadcast_hypot/grad", "broadcast_hypot", [_u((2, 3), "hypot"), _u((1, 3), "hypot")], grad=[0, 1])
_case("broadcast_maximum/grad_ties", "broadcast_maximum", [("array", [1.0, 2.0, 2.0, -1.0], "float32"),
                                                           ("array", [1.0, 1.0, 3.0, -1.0], "float32")], grad=[0, 1])
_case("broadcast_minimum/grad_ties", "broadcast_minimum", [("array", [1.0, 2.0, 2.0, -1.0], "float32"),
                                                           ("array", [1.0, 1.0, 3.0, -1.0], "float32")], grad=[0, 1])
_case("broadcast_power/grad_zero_base", "broadcast_power", [("array", [0.0, 1.0, 2.0], "float32"),
                                                            ("array", [2.0, 3.0, 0.0], "float32")], grad=[0, 1])

# ---- scalar variants -------------------------------------------------------------------------------------------
for key, op in SCALAR.items():
    grad = [0] if key in ARITH else []
    _case("{}/float32".format(op), op, [_u((3, 4), key)], {"scalar": 1.5}, grad=grad)
    _case("{}/float64".format(op), op, [_u((2, 3), key, "float64")], {"scalar": -0.75 if key not in RANGE else 1.25})
    _case("{}/float16".format(op), op, [_u((2, 3), key, "float16")], {"scalar": 2.0})
    _case("{}/string_scalar".format(op), op, [_u((2, 3), key)], {"scalar": "2.5"})
    _case("{}/int32".format(op), op, [("array", _INT_L, "int32")], {"scalar": 3})
    _case("{}/int32_float_scalar".format(op), op, [("array", _INT_L, "int32")], {"scalar": 2.5})
    _case("{}/int32_not_is_int".format(op), op, [("array", _INT_L, "int32")], {"scalar": 2.5, "is_int": False})
    _case("{}/uint8".format(op), op, [("randint", (2, 5), 0, 20, "uint8")], {"scalar": 3})
    _case("{}/edges".format(op), op, [("array", _EL, "float32")], {"scalar": 0.0})
for key, op in RSCALAR.items():
    _case("{}/float32".format(op), op, [_u((3, 4), "div")], {"scalar": 1.5}, grad=[0])
    _case("{}/float64".format(op), op, [_u((2, 3), "div", "float64")], {"scalar": -2.5})
    _case("{}/float16".format(op), op, [_u((2, 3), "div", "float16")], {"scalar": 2.0})
    _case("{}/int32".format(op), op, [("array", [[1, 2, 3], [-3, 4, 7]], "int32")], {"scalar": 7})
    _case("{}/int32_float_scalar".format(op), op, [("array", [[1, 2, 3], [-3, 4, 7]], "int32")], {"scalar": 7.5})
    _case("{}/int32_not_is_int".format(op), op, [("array", [[1, 2, 3], [-3, 4, 7]], "int32")],
          {"scalar": 7.5, "is_int": False})
    _case("{}/edges".format(op), op, [("array", _EL, "float32")], {"scalar": 2.0})
_case("_rmod_scalar/negative", "_internal._rmod_scalar", [("array", [2.0, -2.0, 3.0, -3.0], "float32")],
      {"scalar": -7.0}, grad=[0])
_case("_rpower_scalar/negative_base", "_internal._rpower_scalar", [("array", [2.0, 0.5, 3.0], "float32")],
      {"scalar": -2.0})
_case("_power_scalar/negative_base", "_internal._power_scalar", [("array", [-2.0, -0.5, 0.0, 3.0], "float32")],
      {"scalar": 0.5})
_case("_power_scalar/int32_square", "_internal._power_scalar", [("array", [-3, 2, 5], "int32")], {"scalar": 2})
_case("_maximum_scalar/nan", "_internal._maximum_scalar", [("array", [NAN, 1.0, -1.0], "float32")], {"scalar": 0.0})
_case("_minimum_scalar/nan_scalar", "_internal._minimum_scalar", [("array", [1.0, -1.0], "float32")],
      {"scalar": NAN})
_case("_plus_scalar/unknown_param", "_internal._plus_scalar", [_u((2,), "add")], {"scalar": 1, "foo": 2}, error=True)
_case("_PlusScalar/alias", "_internal._PlusScalar", [_u((2,), "add")], {"scalar": 1})
_case("_mul_scalar/default_scalar", "_internal._mul_scalar", [_u((2, 3), "mul")], grad=[0])

# ---- smooth_l1 ----------------------------------------------------------------------------------------------------
_case("smooth_l1/default", "smooth_l1", [("uniform", (3, 4), -3, 3, "float32")], grad=[0])
_case("smooth_l1/sigma2", "smooth_l1", [("uniform", (3, 4), -1, 1, "float32")], {"scalar": 2.0}, grad=[0])
_case("smooth_l1/sigma_half", "smooth_l1", [("uniform", (3, 4), -6, 6, "float64")], {"scalar": 0.5}, grad=[0])
_case("smooth_l1/boundary", "smooth_l1", [("array", [-1.0, 1.0, 0.25, -0.25, 0.0, 0.2499], "float32")],
      {"scalar": 2.0}, grad=[0])
_case("smooth_l1/float16", "smooth_l1", [("uniform", (6,), -3, 3, "float16")])

# ---- python-level helpers: nd.add(x, y) with arrays or scalars -----------------------------------------------
_UFUNCS = {"add": "add", "subtract": "sub", "multiply": "mul", "divide": "div", "true_divide": "div",
           "modulo": "mod", "power": "power", "maximum": "maximum", "minimum": "minimum", "equal": "equal",
           "not_equal": "not_equal", "greater": "greater", "greater_equal": "greater_equal", "lesser": "lesser",
           "lesser_equal": "lesser_equal", "logical_and": "logical_and", "logical_or": "logical_or",
           "logical_xor": "logical_xor"}
for fn, key in _UFUNCS.items():
    _case("nd.{}/arrays".format(fn), fn, [_u((2, 3), key), _u((1, 3), key)])
    _case("nd.{}/scalar".format(fn), fn, [_u((2, 3), key)], args=[1.5])
    _case("nd.{}/int32_scalar".format(fn), fn, [("array", _INT_L, "int32")], args=[2])
_case("_grad_add/same", "_internal._grad_add", [_u((2, 3), "add"), _u((2, 3), "add")])
