"""Golden cases for BatchNorm (inference, training, fix_gamma, use_global_stats, output_mean_var, axis),
BatchNorm_v1, InstanceNorm, LayerNorm, GroupNorm, L2Normalization and LRN, forward and backward.

BatchNorm inputs are data, gamma, beta, moving_mean, moving_var; moving_var is drawn positive. The moving-stat
updates are not outputs, tests/test_op_nn.py checks them, and BatchNorm_v1 too: MXNet's ``nd.BatchNorm_v1``
cannot take its moving statistics (its signature lists data, gamma, beta only), so only Symbol runs it.
MXNet's CPU InstanceNorm and LRN reject float64, mxcompat runs them."""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _cases import case as _case, normal as _n, uniform as _u  # noqa: E402  pylint: disable=wrong-import-position

F32, F64, F16 = "float32", "float64", "float16"
TOL = dict(rtol=1e-4, atol=1e-5)


def _bn_inputs(shape, c, dtype=F32, pdtype=None):
    pdtype = pdtype or dtype
    return [_n(*shape, dtype=dtype), _u(0.5, 1.5, c, dtype=pdtype), _n(c, dtype=pdtype),
            _n(c, dtype=pdtype), _u(0.5, 2.0, c, dtype=pdtype)]


def _batchnorm():
    b, x = "BatchNorm", _bn_inputs((4, 3, 3, 3), 3)
    return [
        _case("BatchNorm/infer_default", b, x, {}, grad=(0, 1, 2), **TOL),
        _case("BatchNorm/infer_gamma", b, x, dict(fix_gamma=False), grad=(0, 1, 2), **TOL),
        _case("BatchNorm/infer_output_mean_var", b, x, dict(fix_gamma=False, output_mean_var=True), **TOL),
        _case("BatchNorm/train", b, x, dict(fix_gamma=False), grad=(0, 1, 2), train=True, **TOL),
        _case("BatchNorm/train_fix_gamma", b, x, {}, grad=(0, 1, 2), train=True, **TOL),
        _case("BatchNorm/train_output_mean_var", b, x, dict(fix_gamma=False, output_mean_var=True), grad=(0, 1, 2),
              train=True, **TOL),
        _case("BatchNorm/train_forward_only", b, x, dict(fix_gamma=False, eps=1e-5), train=True, **TOL),
        _case("BatchNorm/train_use_global_stats", b, x, dict(fix_gamma=False, use_global_stats=True,
                                                             output_mean_var=True), grad=(0, 1, 2), train=True,
              **TOL),
        _case("BatchNorm/train_axis_last", b, _bn_inputs((4, 5, 3), 3), dict(fix_gamma=False, axis=-1),
              grad=(0, 1, 2), train=True, **TOL),
        _case("BatchNorm/train_axis2", b, _bn_inputs((2, 3, 4, 2), 4), dict(fix_gamma=False, axis=2),
              grad=(0, 1, 2), train=True, **TOL),
        _case("BatchNorm/train_2d", b, _bn_inputs((8, 4), 4), dict(fix_gamma=False, momentum=0.5), grad=(0, 1, 2),
              train=True, **TOL),
        _case("BatchNorm/train_3d_spatial", b, _bn_inputs((2, 2, 3, 2, 2), 2), dict(fix_gamma=False),
              grad=(0, 1, 2), train=True, **TOL),
        _case("BatchNorm/train_float64", b, _bn_inputs((4, 3, 2, 2), 3, F64), dict(fix_gamma=False),
              grad=(0, 1, 2), train=True),
        _case("BatchNorm/infer_float64", b, _bn_inputs((4, 3, 2, 2), 3, F64), dict(fix_gamma=False, eps=1e-5),
              grad=(0, 1, 2)),
        _case("BatchNorm/float16_data", b, _bn_inputs((4, 3, 2, 2), 3, F16, F32), dict(fix_gamma=False)),
        _case("BatchNorm/string_params", b, x, dict(eps="1e-4", momentum="0.8", fix_gamma="False",
                                                    use_global_stats="False", axis="1", cudnn_off="True"),
              train=True, **TOL),
        _case("BatchNorm/err_axis", b, _bn_inputs((4, 3), 3), dict(axis=2), error=True),
        _case("BatchNorm/err_1d", b, _bn_inputs((3,), 3), {}, error=True),
    ] + _sync_batchnorm()


def _sync_batchnorm():
    # one device: SyncBatchNorm is BatchNorm on axis 1; its mean/var outputs are the batch mean and variance in
    # training and zeros in inference (MXNet leaves them uninitialised there: not compared). MXNet keeps per-key
    # state: a key is reused only with one channel count. MXNet's data gradient with output_mean_var in training
    # is ~0 whatever the head gradients (its backward drops them), and its inference-mode gradients are garbage, so
    # those cases check the forward only.
    s, x = "contrib.SyncBatchNorm", _bn_inputs((4, 3, 3, 3), 3)
    return [
        _case("SyncBatchNorm/infer", s, x, dict(key="k", fix_gamma=False), **TOL),
        _case("SyncBatchNorm/infer_output_mean_var", s, x, dict(key="k", fix_gamma=False, output_mean_var=True),
              outputs=[0], **TOL),
        _case("SyncBatchNorm/train", s, x, dict(key="k", fix_gamma=False), grad=(0, 1, 2), train=True, **TOL),
        _case("SyncBatchNorm/train_output_mean_var", s, _bn_inputs((6, 2, 5), 2),
              dict(key="k2", fix_gamma=False, output_mean_var=True, eps=1e-5), train=True, **TOL),
        _case("SyncBatchNorm/train_fix_gamma_2d", s, _bn_inputs((8, 4), 4), dict(key="k4"), grad=(0, 1, 2),
              train=True, **TOL),
        _case("SyncBatchNorm/train_global_stats", s, x, dict(key="k", use_global_stats=True, fix_gamma=False,
                                                             output_mean_var=True), grad=(0, 1, 2), train=True,
              outputs=[0], **TOL),
        _case("SyncBatchNorm/err_axis_param", s, x, dict(key="k", axis=1), error=True),
    ]


def _other_norms():
    cases = [
        _case("InstanceNorm/4d", "InstanceNorm", [_n(2, 3, 4, 4), _u(0.5, 1.5, 3), _n(3)], {}, grad=(0, 1, 2),
              **TOL),
        _case("InstanceNorm/3d_eps", "InstanceNorm", [_n(2, 3, 5), _u(0.5, 1.5, 3), _n(3)], dict(eps=1e-5),
              grad=(0, 1, 2), **TOL),
        _case("InstanceNorm/err_2d", "InstanceNorm", [_n(2, 3), _n(3), _n(3)], {}, error=True),
        _case("LayerNorm/last_axis", "LayerNorm", [_n(2, 4, 5), _u(0.5, 1.5, 5), _n(5)], {}, grad=(0, 1, 2),
              **TOL),
        _case("LayerNorm/axis1", "LayerNorm", [_n(2, 4, 3), _u(0.5, 1.5, 4), _n(4)], dict(axis=1), grad=(0, 1, 2),
              **TOL),
        _case("LayerNorm/output_mean_var", "LayerNorm", [_n(3, 6), _u(0.5, 1.5, 6), _n(6)],
              dict(output_mean_var=True, eps=1e-3), grad=(0, 1, 2), **TOL),
        _case("LayerNorm/output_mean_var_axis", "LayerNorm", [_n(2, 3, 4), _u(0.5, 1.5, 3), _n(3)],
              dict(output_mean_var=True, axis=-2), grad=(0, 1, 2), **TOL),
        _case("LayerNorm/float64", "LayerNorm", [_n(3, 5, dtype=F64), _u(0.5, 1.5, 5, dtype=F64),
                                                 _n(5, dtype=F64)], {}, grad=(0, 1, 2)),
        _case("LayerNorm/float16", "LayerNorm", [_n(3, 8, dtype=F16), _u(0.5, 1.5, 8, dtype=F16),
                                                 _n(8, dtype=F16)], {}),
        _case("LayerNorm/err_gamma_shape", "LayerNorm", [_n(2, 4, 3), _n(4), _n(4)], {}, error=True),
        _case("GroupNorm/groups2", "GroupNorm", [_n(2, 4, 3, 3), _u(0.5, 1.5, 2), _n(2)], dict(num_groups=2),
              grad=(0, 1, 2), **TOL),
        _case("GroupNorm/default_one_group", "GroupNorm", [_n(2, 3, 4), _u(0.5, 1.5, 1), _n(1)], {},
              grad=(0, 1, 2), **TOL),
        _case("GroupNorm/output_mean_var", "GroupNorm", [_n(2, 6, 2, 2), _u(0.5, 1.5, 3), _n(3)],
              dict(num_groups=3, output_mean_var=True, eps=1e-3), grad=(0, 1, 2), **TOL),
        _case("GroupNorm/float64", "GroupNorm", [_n(2, 4, 5, dtype=F64), _u(0.5, 1.5, 4, dtype=F64),
                                                 _n(4, dtype=F64)], dict(num_groups=4), grad=(0, 1, 2)),
        _case("GroupNorm/err_not_divisible", "GroupNorm", [_n(2, 6, 2, 2), _n(4), _n(4)], dict(num_groups=4),
              error=True),
        _case("GroupNorm/err_gamma_per_channel", "GroupNorm", [_n(2, 6, 2, 2), _n(6), _n(6)], dict(num_groups=3),
              error=True),
        _case("GroupNorm/err_2d", "GroupNorm", [_n(2, 6), _n(3), _n(3)], dict(num_groups=3), error=True),
    ]
    for mode in ("instance", "channel", "spatial"):
        cases.append(_case("L2Normalization/" + mode, "L2Normalization", [_n(2, 3, 2, 2)], dict(mode=mode),
                           grad=(0,), **TOL))
    cases += [
        _case("L2Normalization/default_2d", "L2Normalization", [_n(3, 4)], {}, grad=(0,), **TOL),
        _case("L2Normalization/spatial_3d_eps", "L2Normalization", [_n(2, 3, 4)], dict(mode="spatial", eps=0.5),
              grad=(0,), **TOL),
        _case("L2Normalization/instance_1d", "L2Normalization", [_n(4)], {}, **TOL),
        _case("L2Normalization/zeros", "L2Normalization", [("array", [[0, 0, 0], [1, 2, 2]], F32)], dict(eps=1e-3),
              grad=(0,), **TOL),
        _case("L2Normalization/float64", "L2Normalization", [_n(2, 3, 4, dtype=F64)], dict(mode="channel"),
              grad=(0,)),
        _case("L2Normalization/err_channel_2d", "L2Normalization", [_n(3, 4)], dict(mode="channel"), error=True),
    ]
    for ns, kw in ((3, {}), (5, dict(alpha=0.9, beta=0.7, knorm=1.5)), (4, dict(alpha=0.5, beta=0.5, knorm=1)),
                   (1, dict(alpha=0.5)), (2, dict(alpha=0.3))):
        kw = dict(kw, nsize=ns)
        cases.append(_case("LRN/nsize{}".format(ns), "LRN", [_n(2, 6, 2, 3)], kw, grad=(0,), **TOL))
    cases += [
        _case("LRN/2d", "LRN", [_n(2, 6)], dict(nsize=3, alpha=0.5), grad=(0,), **TOL),
        _case("LRN/err_3d", "LRN", [_n(2, 6, 2)], dict(nsize=3), error=True),
        _case("LRN/err_no_nsize", "LRN", [_n(2, 6, 2, 2)], {}, error=True),
    ]
    return cases


CASES = _batchnorm() + _other_norms()
