"""Golden cases for Activation, LeakyReLU, softmax/log_softmax/softmin, SoftmaxActivation, Dropout (the
deterministic settings: inactive, p=0, p=1) and Embedding."""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _cases import case as _case, normal as _n, uniform as _u  # noqa: E402  pylint: disable=wrong-import-position

F32, F64, F16 = "float32", "float64", "float16"


_X = _u(-4, 4, 3, 4, 5)


def _activation():
    cases = []
    for act in ("relu", "sigmoid", "tanh", "softrelu", "softsign"):
        cases.append(_case("Activation/" + act, "Activation", [_X], dict(act_type=act), grad=(0,)))
        cases.append(_case("Activation/{}_float64".format(act), "Activation", [_u(-4, 4, 2, 3, dtype=F64)],
                           dict(act_type=act), grad=(0,)))
    cases += [
        _case("Activation/softrelu_large", "Activation", [("array", [-30, -5, 0, 5, 19.5, 20.5, 30, 100], F32)],
              dict(act_type="softrelu"), grad=(0,), atol=1e-5),
        _case("Activation/relu_nan", "Activation", [("array", [float("nan"), -1.0, 0.0, 2.0], F32)],
              dict(act_type="relu"), grad=(0,)),
        _case("Activation/float16_sigmoid", "Activation", [_u(-4, 4, 2, 3, dtype=F16)], dict(act_type="sigmoid")),
        _case("Activation/positional", "Activation", [_X], {}, args=["tanh"]),
        _case("Activation/err_int", "Activation", [("randint", (2, 3), -3, 3, "int32")], dict(act_type="relu"),
              error=True),
        _case("Activation/err_act_type", "Activation", [_X], dict(act_type="gelu"), error=True),
    ]
    return cases


def _leaky():
    lr = "LeakyReLU"
    cases = [
        _case("LeakyReLU/default", lr, [_X], {}, grad=(0,)),
        _case("LeakyReLU/leaky_slope", lr, [_X], dict(act_type="leaky", slope=0.1), grad=(0,)),
        _case("LeakyReLU/elu", lr, [_X], dict(act_type="elu"), grad=(0,)),
        _case("LeakyReLU/elu_slope", lr, [_X], dict(act_type="elu", slope="0.7"), grad=(0,)),
        _case("LeakyReLU/selu", lr, [_X], dict(act_type="selu"), grad=(0,)),
        _case("LeakyReLU/gelu", lr, [_X], dict(act_type="gelu"), grad=(0,), atol=1e-5),
        _case("LeakyReLU/prelu_channel", lr, [_n(2, 3, 4), _u(0, 0.5, 3)], dict(act_type="prelu"), grad=(0, 1)),
        _case("LeakyReLU/prelu_scalar", lr, [_n(2, 3, 4), _u(0, 0.5, 1)], dict(act_type="prelu"), grad=(0, 1)),
        _case("LeakyReLU/prelu_4d", lr, [_n(2, 3, 2, 2), _u(0, 0.5, 3)], dict(act_type="prelu"), grad=(0, 1)),
        # rrelu: MXNet leaves the mask (2nd output) uninitialised outside training and its gradient reads it, so
        # only the forward output is comparable; MXNet's CPU rrelu crashes in training mode
        _case("LeakyReLU/rrelu_predict", lr, [_X], dict(act_type="rrelu"), outputs=[0]),
        _case("LeakyReLU/rrelu_bounds", lr, [_X], dict(act_type="rrelu", lower_bound=0.2, upper_bound=0.4),
              outputs=[0]),
        _case("LeakyReLU/float64_elu", lr, [_u(-3, 3, 2, 5, dtype=F64)], dict(act_type="elu"), grad=(0,)),
        _case("LeakyReLU/float16_gelu", lr, [_u(-3, 3, 2, 5, dtype=F16)], dict(act_type="gelu")),
        _case("LeakyReLU/err_prelu_gamma_shape", lr, [_n(2, 2, 3), _n(3)], dict(act_type="prelu"), error=True),
        _case("LeakyReLU/err_int", lr, [("randint", (2, 3), -3, 3, "int32")], {}, error=True),
    ]
    return cases


def _softmax():
    x = _n(2, 3, 4)
    length = ("array", [[1, 2, 4], [0, 3, 2]], "int32")
    return [
        _case("softmax/default", "softmax", [x], {}, grad=(0,)),
        _case("softmax/axis1_temperature", "softmax", [x], dict(axis=1, temperature=2.0), grad=(0,)),
        _case("softmax/axis0", "softmax", [x], dict(axis=0), grad=(0,)),
        _case("softmax/dtype_float64", "softmax", [x], dict(dtype="float64"), grad=(0,)),
        # MXNet's float16 softmax rounds through float16 in its own way (results on the float16 grid, not always
        # the nearest); mxcompat computes in float32, so the comparison allows float16 precision
        _case("softmax/float16_to_float32", "softmax", [_n(2, 5, dtype=F16)], dict(dtype="float32"), rtol=2e-3,
              atol=5e-4),
        _case("softmax/float64", "softmax", [_n(3, 4, dtype=F64)], dict(temperature=0.5), grad=(0,)),
        _case("softmax/use_length", "softmax", [x, length], dict(use_length=True), grad=(0,)),
        _case("softmax/use_length_int64_axis1", "softmax", [_n(2, 4, 3), ("array", [[1, 4, 2], [3, 0, 4]],
                                                                            "int64")],
              dict(use_length=True, axis=1), grad=(0,)),
        _case("softmax/string_params", "softmax", [x], dict(axis="-2", temperature="3")),
        _case("softmax/err_int", "softmax", [("randint", (2, 3), 0, 3, "int32")], {}, error=True),
        _case("softmax/err_length_float", "softmax", [x, ("array", [[1, 2, 4], [0, 3, 2]], F32)],
              dict(use_length=True), error=True),
        _case("softmax/err_length_shape", "softmax", [x, ("array", [[1, 2], [0, 3]], "int32")],
              dict(use_length=True, axis=1), error=True),
        _case("log_softmax/default", "log_softmax", [x], {}, grad=(0,)),
        _case("log_softmax/axis0_temperature", "log_softmax", [x], dict(axis=0, temperature=0.7), grad=(0,)),
        _case("log_softmax/float64", "log_softmax", [_n(3, 4, dtype=F64)], dict(axis=0), grad=(0,)),
        _case("log_softmax/err_use_length", "log_softmax", [x], dict(use_length=True), error=True),
        _case("softmin/default", "softmin", [x], {}, grad=(0,)),
        _case("softmin/temperature_axis", "softmin", [x], dict(temperature=0.5, axis=1), grad=(0,)),
        _case("SoftmaxActivation/instance", "SoftmaxActivation", [_n(2, 3, 2, 2)], {}, grad=(0,)),
        _case("SoftmaxActivation/instance_2d", "SoftmaxActivation", [_n(3, 5)], {}, grad=(0,)),
        _case("SoftmaxActivation/channel", "SoftmaxActivation", [_n(2, 3, 2, 2)], dict(mode="channel"),
              grad=(0,)),
        _case("SoftmaxActivation/err_channel_2d", "SoftmaxActivation", [_n(3, 5)], dict(mode="channel"),
              error=True),
    ]


def _dropout_embedding():
    d, x = "Dropout", _n(4, 5)
    w = _n(6, 3)
    return [
        _case("Dropout/predict_identity", d, [x], {}, grad=(0,)),
        _case("Dropout/predict_always_p0", d, [x], dict(mode="always", p=0.0), grad=(0,)),
        _case("Dropout/train_p0", d, [x], dict(p=0), grad=(0,), train=True),
        _case("Dropout/train_p1_nan", d, [x], dict(p=1.0), train=True),
        _case("Dropout/always_p1_axes", d, [_n(2, 3, 4)], dict(p=1.0, mode="always", axes=(0, 2))),
        _case("Dropout/err_p", d, [x], dict(p=1.5), error=True),
        _case("Dropout/err_int_train", d, [("randint", (2, 3), 0, 3, "int32")], {}, train=True, error=True),
        _case("Embedding/float_indices", "Embedding", [("array", [[0, 1.7], [5, 2.2]], F32), w],
              dict(input_dim=6, output_dim=3), grad=(1,)),
        _case("Embedding/out_of_range", "Embedding", [("array", [[-1, 6], [9, -3.5], [3.9, 0]], F32), w],
              dict(input_dim=6, output_dim=3), grad=(1,)),
        _case("Embedding/repeated_int32", "Embedding", [("array", [1, 1, 4, 1], "int32"), w],
              dict(input_dim=6, output_dim=3, dtype="float32"), grad=(1,)),
        _case("Embedding/float64_weight", "Embedding", [("randint", (2, 3), 0, 6, F32), _n(6, 3, dtype=F64)],
              dict(input_dim=6, output_dim=3, dtype="float64"), grad=(1,)),
        _case("Embedding/sparse_grad_flag", "Embedding", [("randint", (5,), 0, 6, F32), w],
              dict(input_dim=6, output_dim=3, sparse_grad=False)),
        _case("Embedding/err_weight_shape", "Embedding", [("randint", (5,), 0, 6, F32), w],
              dict(input_dim=5, output_dim=3), error=True),
        _case("Embedding/err_missing_dim", "Embedding", [("randint", (5,), 0, 6, F32), w],
              dict(input_dim=6), error=True),
    ]


CASES = _activation() + _leaky() + _softmax() + _dropout_embedding()
