"""Op-database cases: reductions (sum/mean/prod/nansum/nanprod/max/min with axis, keepdims, exclude, axis=()),
integer dtypes, norm (ord, axis, out_dtype), argmax/argmin/argmax_channel, moments, cumsum."""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _cases import add_case  # noqa: E402  pylint: disable=wrong-import-position

NAN = float("nan")
INF = float("inf")
CASES = []
REDUCE = ["sum", "mean", "prod", "nansum", "nanprod", "max", "min"]


def _case(*args, **kwargs):
    add_case(CASES, *args, **kwargs)


X3 = ("uniform", (2, 3, 4), 0.5, 1.5, "float32")
_AXES = {"all": {}, "axis0": {"axis": 0}, "axis1": {"axis": 1}, "axis_neg1": {"axis": -1},
         "axes_02": {"axis": (0, 2)}, "axes_list": {"axis": [1, 2]}, "keepdims": {"axis": 1, "keepdims": True},
         "keepdims_all": {"keepdims": True}, "exclude": {"axis": 1, "exclude": True},
         "exclude_keepdims": {"axis": (0, 2), "exclude": True, "keepdims": True}, "empty_axis": {"axis": ()},
         "string_axis": {"axis": "(0, 1)"}, "string_keepdims": {"axis": "2", "keepdims": "True"},
         "all_axes": {"axis": (0, 1, 2)}, "exclude_all": {"axis": (0, 1, 2), "exclude": True}}
for op in REDUCE:
    for name, kw in _AXES.items():
        _case("{}/{}".format(op, name), op, [X3], kw, grad=[0], rtol=1e-4)
    _case(op + "/float64", op, [("uniform", (3, 4), 0.5, 1.5, "float64")], {"axis": 0}, grad=[0])
    _case(op + "/float16", op, [("uniform", (3, 4), 0.5, 1.5, "float16")], {"axis": 1})
    _case(op + "/1d", op, [("uniform", (5,), 0.5, 1.5, "float32")], grad=[0], rtol=1e-4)
    _case(op + "/axis_out_of_range", op, [X3], {"axis": 3}, error=True)
    _case(op + "/axis_too_negative", op, [X3], {"axis": -4}, error=True)
    for dt in ("int32", "int64", "uint8", "int8"):
        _case("{}/{}".format(op, dt), op, [("randint", (3, 4), 1, 5, dt)], {"axis": 1})
        _case("{}/{}_all".format(op, dt), op, [("randint", (3, 4), 1, 4, dt)])
    _case(op + "/int32_negative", op, [("randint", (3, 5), -9, 9, "int32")], {"axis": 1})
    _case(op + "/nan", op, [("array", [[1.0, NAN, 2.0], [3.0, 4.0, 5.0]], "float32")], {"axis": 1})
    _case(op + "/inf", op, [("array", [[1.0, INF, 2.0], [-INF, 4.0, 5.0]], "float32")], {"axis": 0})
for alias in ("sum_axis", "max_axis", "min_axis"):
    _case(alias + "/axis1", alias, [X3], {"axis": 1}, grad=[0])
_case("mean/int32_truncates", "mean", [("array", [[1, 2], [2, 2], [-1, -2]], "int32")], {"axis": 1})
_case("sum/float16_large", "sum", [("uniform", (64,), 0, 100, "float16")], rtol=2e-3)
_case("max/grad_ties", "max", [("array", [[1.0, 3.0, 3.0], [2.0, 2.0, 0.0]], "float32")], {"axis": 1}, grad=[0])
_case("min/grad_ties", "min", [("array", [[1.0, 1.0, 3.0], [2.0, 2.0, 2.0]], "float32")], {"axis": 1}, grad=[0])
_case("prod/grad_with_zero", "prod", [("array", [[1.0, 0.0, 3.0], [2.0, 2.0, 0.5]], "float32")], {"axis": 1},
      grad=[0])
_case("nansum/grad_nan", "nansum", [("array", [[1.0, NAN, 3.0], [NAN, NAN, 0.5]], "float32")], {"axis": 1},
      grad=[0])
_case("nanprod/grad_nan", "nanprod", [("array", [[1.0, NAN, 3.0], [2.0, 4.0, 0.5]], "float32")], {"axis": 1},
      grad=[0])
_case("nansum/all_nan", "nansum", [("array", [[NAN, NAN], [1.0, NAN]], "float32")], {"axis": 1})
_case("sum/unknown_param", "sum", [X3], {"axes": 1}, error=True)
_case("sum/positional_axis", "sum", [X3], args=[1])
_case("sum/0d_like_1elem", "sum", [("array", [2.5], "float32")], grad=[0])

# ---- norm ----------------------------------------------------------------------------------------------------------
_NORM = {"default": {}, "ord1": {"ord": 1}, "axis1": {"axis": 1}, "ord1_axis0": {"ord": 1, "axis": 0},
         "axis_neg1_keepdims": {"axis": -1, "keepdims": True}, "axes_2d": {"axis": (1, 2)},
         "axes_2d_ord1": {"ord": 1, "axis": (0, 2)}, "keepdims_all": {"keepdims": True},
         "out_dtype_f32": {"axis": 1, "out_dtype": "float32"}, "three_axes": {"axis": (0, 1, 2)}}
for name, kw in _NORM.items():
    _case("norm/" + name, "norm", [("uniform", (2, 3, 4), -2, 2, "float32")], kw, grad=[0], rtol=1e-4)
_case("norm/float64", "norm", [("normal", (3, 4), "float64")], {"axis": 1}, grad=[0])
_case("norm/float16", "norm", [("normal", (3, 4), "float16")], {"axis": 1})
_case("norm/int32", "norm", [("randint", (3, 4), -5, 5, "int32")], {"axis": 1})
_case("norm/int32_ord1", "norm", [("randint", (3, 4), -5, 5, "int32")], {"ord": 1})
_case("norm/int64_all", "norm", [("randint", (3, 4), -5, 5, "int64")])
_case("norm/grad_at_zero", "norm", [("array", [[0.0, 0.0], [3.0, 4.0]], "float32")], {"axis": 1}, grad=[0])
_case("norm/ord1_grad_at_zero", "norm", [("array", [[0.0, -1.0], [3.0, 0.0]], "float32")], {"ord": 1, "axis": 1},
      grad=[0])
_case("norm/ord3", "norm", [("normal", (3, 4), "float32")], {"ord": 3}, error=True)
# MXNet 1.9.1's CPU kernel fails whenever out_dtype differs from the input dtype.
for dt in ("float64", "float16", "int32"):
    _case("norm/out_dtype_" + dt, "norm", [("normal", (3, 4), "float32")], {"axis": 1, "out_dtype": dt}, error=True)

# ---- argmax / argmin / argmax_channel --------------------------------------------------------------------------------
_ARG = {"axis1": {"axis": 1}, "axis0": {"axis": 0}, "axis_neg1": {"axis": -1}, "none": {},
        "keepdims": {"axis": 1, "keepdims": True}, "none_keepdims": {"keepdims": True},
        "string_axis": {"axis": "2"}}
for op in ("argmax", "argmin"):
    for name, kw in _ARG.items():
        _case("{}/{}".format(op, name), op, [("normal", (2, 3, 4), "float32")], kw)
    for dt in ("float64", "float16", "int32", "int64", "uint8"):
        _case("{}/{}".format(op, dt), op, [("randint", (3, 5), 0, 50, dt)], {"axis": 1})
    _case(op + "/ties_first", op, [("array", [[1.0, 3.0, 3.0, 0.0], [2.0, 2.0, 2.0, 2.0]], "float32")], {"axis": 1})
    _case(op + "/nan", op, [("array", [[1.0, NAN, 3.0], [2.0, 0.0, NAN]], "float32")], {"axis": 1})
    _case(op + "/axis_out_of_range", op, [("normal", (2, 3), "float32")], {"axis": 2}, error=True)
    _case(op + "/1d", op, [("normal", (7,), "float32")], {"axis": 0})
    _case(op + "/grad", op, [("normal", (2, 3), "float32")], {"axis": 1}, grad=[0])
_case("argmax_channel/2d", "argmax_channel", [("normal", (4, 5), "float32")])
_case("argmax_channel/3d", "argmax_channel", [("normal", (2, 3, 4), "float32")])
_case("argmax_channel/int32", "argmax_channel", [("randint", (3, 6), 0, 100, "int32")])
_case("argmax_channel/1d", "argmax_channel", [("normal", (5,), "float32")], error=True)

# ---- moments ----------------------------------------------------------------------------------------------------------
_MOM = {"axes0": {"axes": (0,)}, "axes_12": {"axes": (1, 2)}, "all_axes": {"axes": (0, 1, 2)}, "keepdims": {"axes": (1,), "keepdims": True},
        "neg_axis": {"axes": (-1,)}, "string_axes": {"axes": "(0, 2)"}}
for name, kw in _MOM.items():
    _case("moments/" + name, "moments", [("normal", (2, 3, 4), "float32")], kw, grad=[0], rtol=1e-4, atol=1e-5)
_case("moments/float64", "moments", [("normal", (3, 4), "float64")], {"axes": (1,)}, grad=[0])
_case("moments/float16", "moments", [("normal", (3, 4), "float16")], {"axes": (1,)})
_case("moments/no_axes", "moments", [("normal", (2, 3), "float32")], error=True)
_case("moments/int32", "moments", [("randint", (3, 4), 0, 9, "int32")], {"axes": (1,)})

# ---- cumsum --------------------------------------------------------------------------------------------------------------
_CUM = {"none": {}, "axis0": {"axis": 0}, "axis1": {"axis": 1}, "dtype_f64": {"axis": 1, "dtype": "float64"}}
for name, kw in _CUM.items():
    _case("cumsum/" + name, "cumsum", [("normal", (2, 3, 4), "float32")], kw, grad=[0])
for dt in ("int32", "int64", "int8", "uint8", "float16", "float64"):
    _case("cumsum/" + dt, "cumsum", [("randint", (3, 4), 0, 20, dt)], {"axis": 1})
_case("cumsum/int8_none", "cumsum", [("randint", (3, 4), 0, 20, "int8")])
_case("cumsum/int32_to_float32", "cumsum", [("randint", (3, 4), 0, 20, "int32")], {"dtype": "float32"})
_case("cumsum/axis_neg1", "cumsum", [("normal", (2, 3, 4), "float32")], {"axis": -1}, error=True)
_case("cumsum/dtype_int32_values", "cumsum", [("normal", (2, 3), "float32")], {"axis": 0, "dtype": "int32"})
_case("cumsum/axis_out_of_range", "cumsum", [("normal", (2, 3), "float32")], {"axis": 2}, error=True)
