"""Op-database cases: the deterministic densities ``random_pdf_*`` (values, log values, gradients w.r.t. the
sample and every parameter, parameters shared across trailing sample axes, float64/float16, shape and dtype
errors)."""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _cases import add_case  # noqa: E402  pylint: disable=wrong-import-position

CASES = []


def _case(*args, **kwargs):
    add_case(CASES, *args, **kwargs)


def _u(shape, low, high, dtype="float32"):
    return ("uniform", shape, low, high, dtype)


def _counts(shape, high=8, dtype="float32"):
    return ("randint", shape, 0, high, dtype)


# name -> (sample spec builder, parameter spec builders); each builder takes (shape, dtype)
PDFS = {
    "uniform": (lambda s, d: _u(s, -3, 3, d), [lambda s, d: _u(s, -6, -4, d), lambda s, d: _u(s, 4, 6, d)]),
    "normal": (lambda s, d: _u(s, -2, 2, d), [lambda s, d: _u(s, -1, 1, d), lambda s, d: _u(s, 0.5, 2, d)]),
    "gamma": (lambda s, d: _u(s, 0.2, 4, d), [lambda s, d: _u(s, 0.5, 3, d), lambda s, d: _u(s, 0.5, 2, d)]),
    "exponential": (lambda s, d: _u(s, 0.1, 3, d), [lambda s, d: _u(s, 0.5, 2, d)]),
    "poisson": (lambda s, d: _counts(s, 8, d), [lambda s, d: _u(s, 0.5, 5, d)]),
    "negative_binomial": (lambda s, d: _counts(s, 8, d),
                          [lambda s, d: _u(s, 1, 6, d), lambda s, d: _u(s, 0.2, 0.8, d)]),
    "generalized_negative_binomial": (lambda s, d: _counts(s, 8, d),
                                      [lambda s, d: _u(s, 0.5, 4, d), lambda s, d: _u(s, 0.2, 1.5, d)]),
}

for _name, (_sample, _params) in PDFS.items():
    _op = "random_pdf_" + _name
    _n = 1 + len(_params)
    for _is_log in (False, True):
        _tag = "log" if _is_log else "pdf"
        # one parameter set per sample
        _case("{}/{}_same_shape".format(_name, _tag), _op,
              [_sample((2, 3), "float32")] + [p((2, 3), "float32") for p in _params],
              {"is_log": _is_log}, grad=list(range(_n)))
        # parameters of shape (2,) shared by the 3x2 samples that follow each of them
        _case("{}/{}_shared".format(_name, _tag), _op,
              [_sample((2, 3, 2), "float32")] + [p((2,), "float32") for p in _params],
              {"is_log": _is_log}, grad=list(range(_n)))
    _case(_name + "/float64", _op, [_sample((3, 4), "float64")] + [p((3,), "float64") for p in _params],
          {"is_log": True}, grad=list(range(_n)))
    _case(_name + "/float16", _op, [_sample((2, 3), "float16")] + [p((2,), "float16") for p in _params],
          rtol=2e-2, atol=2e-3)
    _case(_name + "/internal_name", "_internal._random_pdf_" + _name,
          [_sample((4,), "float32")] + [p((4,), "float32") for p in _params])
    _case(_name + "/is_log_string", _op, [_sample((2, 2), "float32")] + [p((2,), "float32") for p in _params],
          {"is_log": "True"})
    # errors: parameter shape not a prefix of the sample shape, parameters of more dims than the sample,
    # integer samples, mixed dtypes
    _case(_name + "/bad_param_shape", _op, [_sample((2, 3), "float32")] + [p((3,), "float32") for p in _params],
          error=True)
    _case(_name + "/param_ndim_too_big", _op,
          [_sample((2,), "float32")] + [p((2, 3), "float32") for p in _params], error=True)
    _case(_name + "/int_sample", _op,
          [("randint", (2, 3), 1, 5, "int32")] + [("randint", (2,), 1, 3, "int32") for _ in _params], error=True)
    _case(_name + "/mixed_dtype", _op, [_sample((2, 3), "float64")] + [p((2,), "float32") for p in _params],
          error=True)

_op = "random_pdf_dirichlet"
_SIMPLEX = [[0.2, 0.3, 0.5], [0.1, 0.6, 0.3], [0.7, 0.1, 0.2], [0.25, 0.25, 0.5]]
for _is_log in (False, True):
    _tag = "log" if _is_log else "pdf"
    _case("dirichlet/{}_one_vector".format(_tag), _op,
          [("array", _SIMPLEX[0], "float32"), _u((3,), 0.5, 3)], {"is_log": _is_log}, grad=[0, 1])
    _case("dirichlet/{}_batch_shared_alpha".format(_tag), _op,
          [("array", _SIMPLEX, "float32"), _u((3,), 0.5, 3)], {"is_log": _is_log}, grad=[0, 1])
    _case("dirichlet/{}_alpha_per_row".format(_tag), _op,
          [("array", [_SIMPLEX[:2], _SIMPLEX[2:]], "float32"), _u((2, 3), 0.5, 3)], {"is_log": _is_log},
          grad=[0, 1])
_case("dirichlet/float64", _op, [("array", _SIMPLEX, "float64"), _u((3,), 0.5, 3, "float64")],
      {"is_log": True}, grad=[0, 1])
_case("dirichlet/bad_alpha_shape", _op, [("array", _SIMPLEX, "float32"), _u((4,), 0.5, 3)], error=True)
_case("dirichlet/int_sample", _op, [("randint", (2, 3), 1, 3, "int32"), ("randint", (3,), 1, 3, "int32")],
      error=True)
