"""Golden cases for FullyConnected, Convolution (and Convolution_v1), Deconvolution and UpSampling.

Convolutions sum many products, so float32 cases compare with rtol 1e-4. Deconvolution with a target_shape
that needs an adj is left out: MXNet's CPU (MKLDNN) build fails on it ("could not create a descriptor"),
tests/test_op_nn.py checks target_shape against the equivalent pad/adj instead.
"""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _cases import case as _case, normal as _n  # noqa: E402  pylint: disable=wrong-import-position

F32, F64 = "float32", "float64"
TOL = dict(rtol=1e-4, atol=1e-5)


def _fc():
    return [
        _case("FullyConnected/basic", "FullyConnected", [_n(4, 5), _n(3, 5), _n(3)], dict(num_hidden=3),
              grad=(0, 1, 2)),
        _case("FullyConnected/flatten_4d", "FullyConnected", [_n(2, 3, 2, 2), _n(4, 12), _n(4)], dict(num_hidden=4),
              grad=(0, 1, 2)),
        _case("FullyConnected/flatten_false", "FullyConnected", [_n(2, 3, 5), _n(4, 5), _n(4)],
              dict(num_hidden=4, flatten=False), grad=(0, 1, 2)),
        _case("FullyConnected/no_bias", "FullyConnected", [_n(4, 5), _n(3, 5)], dict(num_hidden=3, no_bias=True),
              grad=(0, 1)),
        _case("FullyConnected/string_params", "FullyConnected", [_n(4, 5), _n(3, 5)],
              dict(num_hidden="3", no_bias="True", flatten="False")),
        _case("FullyConnected/float64", "FullyConnected", [_n(4, 6, dtype=F64), _n(2, 6, dtype=F64),
                                                           _n(2, dtype=F64)], dict(num_hidden=2), grad=(0, 1, 2)),
        _case("FullyConnected/positional_params", "FullyConnected", [_n(4, 5), _n(3, 5), _n(3)], {}, args=[3]),
        _case("FullyConnected/err_weight_shape", "FullyConnected", [_n(4, 5), _n(3, 4), _n(3)], dict(num_hidden=3),
              error=True),
        _case("FullyConnected/err_num_hidden", "FullyConnected", [_n(4, 5), _n(3, 5), _n(3)], dict(num_hidden=2),
              error=True),
        _case("FullyConnected/err_missing_bias", "FullyConnected", [_n(4, 5), _n(3, 5)], dict(num_hidden=3),
              error=True),
        _case("FullyConnected/err_missing_num_hidden", "FullyConnected", [_n(4, 5), _n(3, 5), _n(3)], {},
              error=True),
    ]


def _conv():
    c = "Convolution"
    return [
        _case("Convolution/2d", c, [_n(2, 3, 6, 6), _n(4, 3, 3, 3), _n(4)], dict(kernel=(3, 3), num_filter=4),
              grad=(0, 1, 2), **TOL),
        _case("Convolution/2d_stride_pad_dilate", c, [_n(2, 3, 9, 8), _n(4, 3, 3, 3), _n(4)],
              dict(kernel=(3, 3), num_filter=4, stride=(2, 1), pad=(1, 2), dilate=(2, 1)), grad=(0, 1, 2), **TOL),
        _case("Convolution/2d_groups", c, [_n(2, 4, 7, 7), _n(6, 2, 3, 3), _n(6)],
              dict(kernel=(3, 3), num_filter=6, num_group=2, pad=(1, 1)), grad=(0, 1, 2), **TOL),
        _case("Convolution/2d_depthwise", c, [_n(2, 4, 6, 6), _n(4, 1, 3, 3)],
              dict(kernel=(3, 3), num_filter=4, num_group=4, no_bias=True, stride=(2, 2)), grad=(0, 1), **TOL),
        _case("Convolution/2d_rect_kernel", c, [_n(1, 2, 7, 8), _n(3, 2, 2, 3), _n(3)],
              dict(kernel=(2, 3), num_filter=3, stride=(1, 2), pad=(0, 1)), grad=(0, 1, 2), **TOL),
        _case("Convolution/2d_string_params", c, [_n(2, 3, 6, 6), _n(4, 3, 3, 3)],
              dict(kernel="(3, 3)", num_filter="4", pad="(1, 1)", stride="[2,2]", no_bias="True",
                   workspace="512", cudnn_tune="off", cudnn_off="True", layout="NCHW"), **TOL),
        _case("Convolution/1d", c, [_n(2, 3, 9), _n(4, 3, 3), _n(4)],
              dict(kernel=(3,), num_filter=4, stride=(2,), pad=(1,)), grad=(0, 1, 2), **TOL),
        _case("Convolution/1d_int_kernel_dilate", c, [_n(2, 4, 11), _n(6, 2, 3), _n(6)],
              dict(kernel=3, num_filter=6, num_group=2, dilate=2, pad=1), grad=(0, 1, 2), **TOL),
        _case("Convolution/3d", c, [_n(1, 2, 5, 5, 5), _n(3, 2, 3, 3, 3), _n(3)],
              dict(kernel=(3, 3, 3), num_filter=3, pad=(1, 1, 1)), grad=(0, 1, 2), **TOL),
        _case("Convolution/3d_stride", c, [_n(2, 2, 6, 5, 4), _n(2, 2, 2, 2, 2)],
              dict(kernel=(2, 2, 2), num_filter=2, stride=(2, 2, 2), no_bias=True), grad=(0, 1), **TOL),
        _case("Convolution/float64", c, [_n(2, 3, 5, 5, dtype=F64), _n(2, 3, 3, 3, dtype=F64), _n(2, dtype=F64)],
              dict(kernel=(3, 3), num_filter=2, pad=(1, 1)), grad=(0, 1, 2)),
        _case("Convolution/err_weight_shape", c, [_n(2, 4, 7), _n(6, 2, 4), _n(6)],
              dict(kernel=(3,), num_filter=6, num_group=2), error=True),
        _case("Convolution/err_num_filter", c, [_n(2, 4, 7), _n(6, 2, 3), _n(6)],
              dict(kernel=(3,), num_filter=5, num_group=2), error=True),
        _case("Convolution/err_data_rank", c, [_n(2, 4, 7), _n(6, 2, 3, 3), _n(6)],
              dict(kernel=(3, 3), num_filter=6, num_group=2), error=True),
        _case("Convolution/err_missing_bias", c, [_n(2, 4, 7), _n(6, 4, 3)], dict(kernel=(3,), num_filter=6),
              error=True),
        _case("Convolution/err_kernel_too_big", c, [_n(2, 4, 7), _n(6, 4, 9), _n(6)],
              dict(kernel=(9,), num_filter=6), error=True),
        _case("Convolution/err_int_data", c, [("randint", (2, 4, 7), 0, 5, "int32"), ("randint", (6, 4, 3), 0, 5,
                                                                                        "int32"),
                                              ("randint", (6,), 0, 5, "int32")], dict(kernel=(3,), num_filter=6),
              error=True),
        _case("Convolution/err_layout", c, [_n(2, 4, 7), _n(6, 4, 3), _n(6)],
              dict(kernel=(3,), num_filter=6, layout="NWC"), error=True),
        _case("Convolution_v1/2d", "Convolution_v1", [_n(2, 3, 6, 6), _n(4, 3, 3, 3), _n(4)],
              dict(kernel=(3, 3), num_filter=4, pad=(1, 1), stride=(2, 2)), grad=(0, 1, 2), **TOL),
        _case("Convolution_v1/2d_groups_no_bias", "Convolution_v1", [_n(2, 4, 6, 6), _n(4, 2, 3, 3)],
              dict(kernel=(3, 3), num_filter=4, num_group=2, no_bias=True), grad=(0, 1), **TOL),
    ]


def _deconv():
    d = "Deconvolution"
    return [
        _case("Deconvolution/2d", d, [_n(2, 4, 5, 5), _n(4, 3, 3, 3)], dict(kernel=(3, 3), num_filter=3),
              grad=(0, 1), **TOL),
        _case("Deconvolution/2d_stride_pad_adj", d, [_n(2, 4, 5, 5), _n(4, 3, 3, 3)],
              dict(kernel=(3, 3), num_filter=3, stride=(2, 2), pad=(1, 1), adj=(1, 1)), grad=(0, 1), **TOL),
        _case("Deconvolution/2d_bias", d, [_n(2, 4, 5, 5), _n(4, 3, 3, 3), _n(3)],
              dict(kernel=(3, 3), num_filter=3, no_bias=False, stride=(2, 1)), grad=(0, 1, 2), **TOL),
        _case("Deconvolution/2d_groups", d, [_n(2, 4, 5, 5), _n(4, 1, 3, 3)],
              dict(kernel=(3, 3), num_filter=2, num_group=2), grad=(0, 1), **TOL),
        _case("Deconvolution/2d_dilate", d, [_n(1, 2, 4, 4), _n(2, 2, 3, 3)],
              dict(kernel=(3, 3), num_filter=2, dilate=(2, 2), stride=(2, 2)), grad=(0, 1), **TOL),
        _case("Deconvolution/2d_target_shape_exact", d, [_n(2, 4, 5, 5), _n(4, 3, 3, 3)],
              dict(kernel=(3, 3), num_filter=3, stride=(2, 2), target_shape=(11, 11)), grad=(0, 1), **TOL),
        _case("Deconvolution/1d", d, [_n(2, 3, 6), _n(3, 2, 4), _n(2)],
              dict(kernel=(4,), num_filter=2, stride=(2,), pad=(1,), no_bias=False), grad=(0, 1, 2), **TOL),
        _case("Deconvolution/3d", d, [_n(1, 2, 3, 3, 3), _n(2, 2, 2, 2, 2)],
              dict(kernel=(2, 2, 2), num_filter=2, stride=(2, 2, 2)), grad=(0, 1), **TOL),
        _case("Deconvolution/float64", d, [_n(2, 3, 4, 4, dtype=F64), _n(3, 2, 3, 3, dtype=F64)],
              dict(kernel=(3, 3), num_filter=2, stride=(2, 2), pad=(1, 1)), grad=(0, 1)),
        _case("Deconvolution/err_adj_ge_stride", d, [_n(2, 4, 5, 5), _n(4, 3, 3, 3)],
              dict(kernel=(3, 3), num_filter=3, stride=(2, 2), adj=(2, 2)), error=True),
        _case("Deconvolution/err_target_too_big", d, [_n(2, 4, 5, 5), _n(4, 3, 3, 3)],
              dict(kernel=(3, 3), num_filter=3, stride=(2, 2), target_shape=(12, 12)), error=True),
        _case("Deconvolution/err_weight_shape", d, [_n(2, 4, 5, 5), _n(3, 4, 3, 3)],
              dict(kernel=(3, 3), num_filter=3), error=True),
        _case("Deconvolution/err_bias_with_no_bias", d, [_n(2, 4, 5, 5), _n(4, 3, 3, 3), _n(3)],
              dict(kernel=(3, 3), num_filter=3), error=True),
    ]


def _upsampling():
    u = "UpSampling"
    return [
        _case("UpSampling/nearest", u, [_n(2, 3, 3, 4)], dict(scale=2, sample_type="nearest"), grad=(0,)),
        _case("UpSampling/nearest_scale3", u, [_n(1, 2, 2, 3)], dict(scale=3, sample_type="nearest"), grad=(0,)),
        _case("UpSampling/nearest_concat", u, [_n(1, 2, 2, 2), _n(1, 3, 1, 1), _n(1, 1, 4, 4)],
              dict(scale=2, sample_type="nearest", num_args=3), grad=(0, 1, 2)),
        _case("UpSampling/nearest_sum", u, [_n(1, 2, 2, 2), _n(1, 2, 1, 1)],
              dict(scale=2, sample_type="nearest", multi_input_mode="sum"), grad=(0, 1)),
        _case("UpSampling/bilinear", u, [_n(1, 2, 3, 3), ("uniform", (2, 1, 4, 4), 0, 1, F32)],
              dict(scale=2, sample_type="bilinear", num_filter=2), grad=(0, 1), **TOL),
        _case("UpSampling/bilinear_scale3", u, [_n(1, 2, 2, 2), ("uniform", (2, 1, 5, 5), 0, 1, F32)],
              dict(scale=3, sample_type="bilinear", num_filter=2, num_args=2), grad=(0, 1), **TOL),
        _case("UpSampling/err_not_divisible", u, [_n(1, 2, 2, 2), _n(1, 3, 3, 3)],
              dict(scale=2, sample_type="nearest"), error=True),
        _case("UpSampling/err_rank", u, [_n(1, 2, 3)], dict(scale=2, sample_type="nearest"), error=True),
        _case("UpSampling/err_bilinear_one_input", u, [_n(1, 2, 3, 3)],
              dict(scale=2, sample_type="bilinear", num_filter=2), error=True),
        _case("UpSampling/err_bilinear_weight_shape", u, [_n(1, 2, 3, 3), _n(2, 1, 3, 3)],
              dict(scale=2, sample_type="bilinear", num_filter=2), error=True),
    ]


CASES = _fc() + _conv() + _deconv() + _upsampling()
