"""Op-database cases: elementwise unary operators (math, rounding, domain edges, integer inputs), Cast,
BlockGrad, zeros_like/ones_like, hard_sigmoid, identity (amp_cast/amp_multicast: misc family)."""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _cases import add_case  # noqa: E402  pylint: disable=wrong-import-position

S = (3, 4)
INF = float("inf")
NAN = float("nan")

# op -> (low, high) of a range inside the op's domain (and away from its poles) for value and gradient cases.
DOMAIN = {
    "abs": (-3, 3), "sign": (-3, 3), "negative": (-3, 3), "exp": (-3, 3), "expm1": (-2, 2), "log": (0.1, 5),
    "log10": (0.1, 5), "log2": (0.1, 5), "log1p": (-0.9, 3), "sqrt": (0.1, 5), "rsqrt": (0.1, 5),
    "square": (-3, 3), "cbrt": (-5, 5), "rcbrt": (0.2, 5), "reciprocal": (0.5, 3), "sin": (-3, 3),
    "cos": (-3, 3), "tan": (-1.2, 1.2), "arcsin": (-0.95, 0.95), "arccos": (-0.95, 0.95), "arctan": (-5, 5),
    "sinh": (-3, 3), "cosh": (-3, 3), "tanh": (-3, 3), "arcsinh": (-5, 5), "arccosh": (1.1, 5),
    "arctanh": (-0.95, 0.95), "degrees": (-5, 5), "radians": (-200, 200), "erf": (-2, 2), "erfinv": (-0.95, 0.95),
    "gamma": (0.2, 5), "gammaln": (0.2, 6), "relu": (-2, 2), "sigmoid": (-5, 5), "softsign": (-3, 3),
    "logical_not": (-2, 2), "floor": (-5, 5), "ceil": (-5, 5), "trunc": (-5, 5), "fix": (-5, 5),
    "rint": (-5, 5), "round": (-5, 5), "identity": (-3, 3), "_internal._copy": (-3, 3),
}
NOT_DIFFERENTIABLE = {"sign", "logical_not", "floor", "ceil", "trunc", "fix", "rint", "round"}

# Values at and beyond the edges of each op's domain: poles, zeros of both signs, infinities and nan.
EDGES = {
    "log": [0.0, -0.0, -1.0, INF, -INF, NAN, 1e-30], "log10": [0.0, -1.0, INF, NAN, 1e-30],
    "log2": [0.0, -1.0, INF, NAN], "log1p": [-1.0, -2.0, 0.0, -0.0, INF, 1e-8],
    "sqrt": [0.0, -0.0, -1.0, INF, NAN], "rsqrt": [0.0, -0.0, -1.0, INF], "cbrt": [0.0, -0.0, -8.0, INF, -INF, NAN],
    "rcbrt": [0.0, -0.0, -8.0, 8.0, INF, -INF], "reciprocal": [0.0, -0.0, INF, -INF, NAN, 1e-30],
    "exp": [100.0, -100.0, INF, -INF, NAN], "expm1": [100.0, -100.0, INF, -INF, 1e-10],
    "arcsin": [1.0, -1.0, 1.5, -1.5], "arccos": [1.0, -1.0, 1.5], "arccosh": [1.0, 0.5, INF],
    "arctanh": [1.0, -1.0, 1.5, 0.0], "erfinv": [1.0, -1.0, 1.5, 0.0], "tan": [1.5707964, -1.5707964],
    "gamma": [0.0, -0.0, -1.0, -2.0, -0.5, -1.5, -2.5, 0.5, 1.0, 10.0, 36.0, INF, -INF],
    "gammaln": [0.0, -1.0, -0.5, -1.5, -2.5, 1.0, 2.0, INF],
    "sign": [0.0, -0.0, INF, -INF, NAN], "abs": [-0.0, -INF, NAN], "relu": [-0.0, -INF, INF, NAN],
    "sigmoid": [-100.0, 100.0, INF, -INF], "softsign": [INF, -INF, 0.0], "tanh": [INF, -INF, 30.0],
    "logical_not": [0.0, -0.0, NAN, INF, 0.5],
    "round": [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.49999997, -0.49999997, 4.5, 1e8 + 0.5, INF, NAN],
    "rint": [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.49999997, 4.5, -4.5, INF, NAN],
    "fix": [-2.5, -1.7, -0.5, 0.5, 1.7, 2.5, INF, NAN], "trunc": [-2.5, -1.7, -0.0, 0.5, 1.7, INF, NAN],
    "floor": [-2.5, -1.0, -0.5, -0.0, 0.5, 2.5, INF, NAN], "ceil": [-2.5, -1.0, -0.5, 0.5, 2.5, INF, NAN],
}
# Integer inputs: MXNet computes in floating point and casts the result back to the integer type.
INT_OPS = ["abs", "sign", "negative", "exp", "sqrt", "square", "cbrt", "sin", "cos", "tanh", "erf", "sigmoid",
           "relu", "softsign", "logical_not", "floor", "ceil", "trunc", "fix", "rint", "round", "degrees",
           "radians", "log1p", "reciprocal", "gammaln", "arctan", "identity"]

CASES = []


def _case(*args, **kwargs):
    add_case(CASES, *args, **kwargs)


for _op, (_lo, _hi) in DOMAIN.items():
    _grad = [] if _op in NOT_DIFFERENTIABLE else [0]
    _case(_op + "/float32", _op, [("uniform", S, _lo, _hi, "float32")], grad=_grad)
    _case(_op + "/float64", _op, [("uniform", S, _lo, _hi, "float64")], grad=_grad)
    _case(_op + "/float16", _op, [("uniform", (5,), _lo, _hi, "float16")])
    _case(_op + "/3d", _op, [("uniform", (2, 3, 2), _lo, _hi, "float32")])
_case("rcbrt/negative", "rcbrt", [("uniform", S, -5, -0.2, "float32")], grad=[0])
_case("reciprocal/negative", "reciprocal", [("uniform", S, -3, -0.5, "float32")], grad=[0])
_case("gamma/negative", "gamma", [("uniform", S, -2.9, -2.1, "float32")], grad=[0])
_case("gamma/negative_odd", "gamma", [("uniform", S, -0.9, -0.1, "float32")], grad=[0])
_case("gammaln/negative", "gammaln", [("uniform", S, -2.9, -2.1, "float32")], grad=[0])
_case("gamma/large", "gamma", [("uniform", S, 5, 30, "float32")], rtol=1e-4)
_case("relu/nan_grad", "relu", [("array", [NAN, -1.0, 0.0, 2.0], "float32")], grad=[0])
_case("relu/grad_at_mixed", "relu", [("array", [[-1.0, 0.0, 1.0], [2.0, -0.0, -3.0]], "float32")], grad=[0])
_case("abs/grad_at_zero", "abs", [("array", [-1.0, 0.0, 1.0, -0.0], "float32")], grad=[0])
_case("sqrt/grad_at_zero", "sqrt", [("array", [0.0, 1.0, 4.0], "float32")], grad=[0])
_case("cbrt/grad_at_zero", "cbrt", [("array", [0.0, -8.0, 8.0], "float32")], grad=[0])
_case("scalar_0d_like/one_elem", "exp", [("array", [0.5], "float32")], grad=[0])
# MXNet 1.x legacy shapes treat a 0 dim as unknown, so zero-size arrays fail (opdb_deviations.txt)
_case("exp/empty", "exp", [("uniform", (0, 3), 0, 1, "float32")], error=True)

for _op, _vals in EDGES.items():
    _case(_op + "/edges", _op, [("array", _vals, "float32")])
for _op in ("round", "rint", "fix", "floor", "ceil", "trunc", "gamma", "sign"):
    _case(_op + "/edges_f64", _op, [("array", EDGES[_op], "float64")])
_case("round/edges_f16", "round", [("array", [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5], "float16")])
_case("rint/edges_f16", "rint", [("array", [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5], "float16")])

for _dt in ("int32", "int64", "uint8"):
    for _op in INT_OPS:
        _case("{}/{}".format(_op, _dt), _op, [("randint", (2, 5), 0, 10, _dt)])
for _op in ("abs", "sign", "negative", "square", "relu", "round", "floor", "sigmoid", "exp", "cbrt", "sin"):
    _case("{}/int32_negative".format(_op), _op, [("randint", (2, 5), -10, 0, "int32")])
_case("sqrt/int32_large", "sqrt", [("array", [10 ** 6, 10 ** 8, 99, 2147395600], "int32")])
_case("square/int8", "square", [("randint", (6,), -10, 10, "int8")])

# ---- parameterised unary ops -------------------------------------------------------------------------------
_case("hard_sigmoid/default", "hard_sigmoid", [("uniform", S, -4, 4, "float32")], grad=[0])
_case("hard_sigmoid/alpha_beta", "hard_sigmoid", [("uniform", S, -2, 2, "float32")],
      {"alpha": 0.3, "beta": 0.2}, grad=[0])
_case("hard_sigmoid/strings", "hard_sigmoid", [("uniform", S, -2, 2, "float64")], {"alpha": "0.5", "beta": "0.1"})
_case("hard_sigmoid/float16", "hard_sigmoid", [("uniform", S, -4, 4, "float16")])
_case("BlockGrad/grad", "BlockGrad", [("normal", S, "float32")], grad=[0])
_case("stop_gradient/grad", "stop_gradient", [("normal", S, "float32")], grad=[0])
_case("BlockGrad/int32", "BlockGrad", [("randint", S, -5, 5, "int32")])
for _op in ("zeros_like", "ones_like"):
    for _dt in ("float32", "float16", "int32", "uint8", "int64", "float64"):
        _case("{}/{}".format(_op, _dt), _op, [("randint", S, 0, 9, _dt)])
    _case(_op + "/grad", _op, [("normal", S, "float32")], grad=[0])

_CAST_VALUES = [-300.7, -2.5, -1.5, -0.5, 0.0, 0.4, 1.5, 2.7, 255.0, 256.4, 70000.2]
for _src in ("float32", "float64"):
    for _dst in ("float16", "float32", "float64", "int32", "int64", "int8"):
        _case("Cast/{}_to_{}".format(_src, _dst), "Cast", [("array", _CAST_VALUES, _src)], {"dtype": _dst})
_case("Cast/float32_to_uint8", "Cast", [("array", [0.0, 0.4, 1.5, 2.7, 200.9, 255.0], "float32")],
      {"dtype": "uint8"})
_case("Cast/int32_to_float32", "Cast", [("randint", S, -1000, 1000, "int32")], {"dtype": "float32"})
_case("Cast/int32_to_uint8", "Cast", [("array", [0, 1, 255, 256, 300, -1], "int32")], {"dtype": "uint8"})
_case("Cast/uint8_to_int32", "Cast", [("randint", S, 0, 256, "uint8")], {"dtype": "int32"})
_case("Cast/int64_to_int32", "Cast", [("randint", S, -1000, 1000, "int64")], {"dtype": "int32"})
_case("Cast/float16_to_float32", "Cast", [("normal", S, "float16")], {"dtype": "float32"})
_case("cast/alias_numpy_type", "cast", [("normal", S, "float32")], {"dtype": __import__("numpy").float64})
_case("Cast/grad_f32_to_f64", "Cast", [("normal", S, "float32")], {"dtype": "float64"}, grad=[0])
_case("Cast/grad_f32_to_f16", "Cast", [("normal", S, "float32")], {"dtype": "float16"}, grad=[0])
_case("Cast/bad_dtype", "Cast", [("normal", S, "float32")], {"dtype": "complex64"}, error=True)
_case("Cast/missing_dtype", "Cast", [("normal", S, "float32")], error=True)
_case("identity/int32_negative", "identity", [("randint", S, -5, 5, "int32")])
_case("_copy/internal", "_internal._copy", [("normal", S, "float64")], grad=[0])
# Operators without parameters ignore unknown keyword arguments; operators with parameters reject them.
_case("unknown_param/exp", "exp", [("normal", S, "float32")], {"foo": 1})
_case("unknown_param/hard_sigmoid", "hard_sigmoid", [("normal", S, "float32")], {"foo": 1}, error=True)
_case("_identity_with_attr_like_rhs/grad", "_internal._identity_with_attr_like_rhs",
      [("normal", S, "float32"), ("normal", S, "float32")], grad=[0, 1])
