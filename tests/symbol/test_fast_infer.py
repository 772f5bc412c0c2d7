"""The inference fast path of executors (``symbol/fast_infer.py``, ``symbol/_infer_plan.py``).

Every check compares the fast path with the plain lowered graph of the same symbol (``exe._fast = False``) over
several forwards with fresh data, after asserting that the fast path really ran (its own first-forward check
would otherwise hide a wrong rewrite by falling back)."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

import mxcompat as mx
from mxcompat.symbol import fast_infer, lower as lower_mod
from mxcompat.symbol._infer_plan import max_pool_into, poolable

pytestmark = pytest.mark.skipif(not fast_infer.enabled(), reason="torch built without oneDNN")


def _bn(x, name, **kw):
    return mx.sym.BatchNorm(x, eps=1e-5, name=name, **kw)


def small_resnet(bn_kw=None, conv_kw=None, stem_kw=None):
    """conv-bn-relu, padded max pooling, a projection and an identity residual unit, global pooling, FC."""
    bn_kw, conv_kw = bn_kw or {}, conv_kw or {}
    stem_kw = dict(dict(stride=(2, 2), pad=(1, 1)), **(stem_kw or conv_kw))
    data = mx.sym.var("data")
    x = mx.sym.Convolution(data, num_filter=8, kernel=(3, 3), name="c0", **stem_kw)
    x = mx.sym.Activation(_bn(x, "bn0", **bn_kw), act_type="relu")
    x = mx.sym.Pooling(x, kernel=(3, 3), stride=(2, 2), pad=(1, 1), pool_type="max")
    for k, (filters, stride) in enumerate(((16, (2, 2)), (16, (1, 1)))):
        y = mx.sym.Activation(_bn(mx.sym.Convolution(x, num_filter=filters, kernel=(3, 3), stride=stride,
                                                     pad=(1, 1), name="u%d_c1" % k, **conv_kw),
                                  "u%d_bn1" % k, **bn_kw), act_type="relu")
        y = _bn(mx.sym.Convolution(y, num_filter=filters, kernel=(3, 3), pad=(1, 1), name="u%d_c2" % k, **conv_kw),
                "u%d_bn2" % k, **bn_kw)
        sc = x if stride == (1, 1) else _bn(mx.sym.Convolution(x, num_filter=filters, kernel=(1, 1), stride=stride,
                                                               name="u%d_sc" % k, **conv_kw), "u%d_scbn" % k)
        x = mx.sym.relu(y + sc)
    x = mx.sym.Pooling(x, global_pool=True, kernel=(1, 1), pool_type="avg")
    return mx.sym.FullyConnected(mx.sym.Flatten(x), num_hidden=5, name="fc")


def _fill(exe, seed=0):
    rng = np.random.RandomState(seed)
    for name, arr in list(exe.arg_dict.items()) + list(exe.aux_dict.items()):
        if name.endswith(("gamma", "moving_var")):
            arr[:] = rng.uniform(0.5, 1.5, arr.shape)
        elif name.endswith(("beta", "bias", "moving_mean")):
            arr[:] = rng.uniform(-0.2, 0.2, arr.shape)
        elif name != "data":
            arr[:] = rng.standard_normal(arr.shape) * np.sqrt(2.0 / np.prod(arr.shape[1:]))


def _pair(sym, shape, **bind):
    """A fast executor and a plain one sharing its parameters."""
    fast = sym.simple_bind(mx.cpu(), grad_req="null", data=shape, **bind)
    _fill(fast)
    plain = sym.simple_bind(mx.cpu(), grad_req="null", data=shape, **bind)
    plain.copy_params_from(fast.arg_dict, fast.aux_dict)
    plain._fast = False
    return fast, plain


def _same(fast, plain, forwards=3, seed=1):
    rng = np.random.RandomState(seed)
    for _ in range(forwards):
        x = rng.uniform(-1, 1, fast.arg_dict["data"].shape).astype(np.float32)
        got = [o.asnumpy() for o in fast.forward(is_train=False, data=x)]
        want = [o.asnumpy() for o in plain.forward(is_train=False, data=x)]
        assert isinstance(fast._fast, fast_infer.FastInference) and fast._fast.verified
        for g, w in zip(got, want):
            np.testing.assert_allclose(g, w, rtol=1e-4, atol=1e-4 * max(1.0, np.abs(w).max()))
    return fast._fast


def _targets(fast):
    return {getattr(n.target, "__name__", str(n.target)) for n in fast.module.graph.nodes if n.op == "call_function"}


def test_small_resnet_matches_plain_graph_and_plans_memory():
    fast, plain = _pair(small_resnet(), (2, 3, 33, 33))
    fi = _same(fast, plain)
    names = _targets(fi)
    assert {"conv_into", "conv_add_inplace", "max_pool_into"} <= names
    assert not names & {"batch_norm", "Activation"}
    assert fi._buffer_specs  # the convolutions and max pooling write into planned buffers


@pytest.mark.parametrize("bn_kw,conv_kw,stem_kw", [
    (dict(fix_gamma=True), {}, None),
    (dict(fix_gamma=False, use_global_stats=True), {}, None),
    (dict(fix_gamma=False), dict(no_bias=True), None),
    (dict(fix_gamma=False), dict(num_group=2), None),
    (dict(fix_gamma=False), {}, dict(dilate=(2, 2), pad=(2, 2), stride=(1, 1))),
])
def test_variants_match_plain_graph(bn_kw, conv_kw, stem_kw):
    fast, plain = _pair(small_resnet(bn_kw, conv_kw, stem_kw), (3, 4, 35, 29))
    _same(fast, plain)


def test_unpadded_pooling_and_residual_onto_the_data():
    data = mx.sym.var("data")
    c = mx.sym.Convolution(data, num_filter=4, kernel=(3, 3), pad=(1, 1), name="c")
    y = mx.sym.relu(c + data)  # the summand is the bound input: no in-place write into it
    e = mx.sym.Convolution(y, num_filter=4, kernel=(1, 1), name="e")
    y = mx.sym.Convolution(e, num_filter=4, kernel=(3, 3), pad=(1, 1), name="f") + e  # summand = conv input
    y = mx.sym.Pooling(y, kernel=(2, 2), stride=(2, 2), pool_type="max")
    z = mx.sym.Convolution(y, num_filter=4, kernel=(3, 3), pad=(1, 1), name="d")
    out = mx.sym.Group([z, c])  # c is also a graph output: never a planned buffer
    fast, plain = _pair(out, (2, 4, 10, 12))
    before = fast.arg_dict["data"].asnumpy()
    _same(fast, plain)
    fast.arg_dict["data"][:] = before
    fast.forward()
    np.testing.assert_array_equal(fast.arg_dict["data"].asnumpy(), before)


@pytest.mark.parametrize("shape,kernel,stride,pad", [
    ((2, 3, 9, 11), (3, 3), (2, 2), (1, 1)), ((1, 5, 8, 8), (2, 2), (2, 2), (0, 0)),
    ((2, 2, 7, 6), (3, 2), (1, 2), (1, 0)), ((1, 4, 5, 5), (5, 5), (1, 1), (2, 2)),
    ((1, 1, 4, 6), (1, 3), (3, 1), (0, 1)),
])
def test_separable_max_pooling_equals_torch(shape, kernel, stride, pad):
    x = torch.randn(shape)
    x[0, 0, 1, 1] = float("nan")
    want = F.max_pool2d(x, kernel, stride, pad)
    kw = dict(kernel=kernel, stride=stride, pad=pad, pool_type="max", global_pool=False,
              pooling_convention="valid", layout=None)
    assert poolable(kw, shape)
    buf = torch.empty(want.shape, memory_format=torch.channels_last)
    tmp = torch.empty(shape[:3] + want.shape[3:], memory_format=torch.channels_last)
    torch.testing.assert_close(max_pool_into(buf, tmp, x, kernel, stride, pad), want, equal_nan=True, rtol=0, atol=0)
    assert not poolable(dict(kw, pooling_convention="full"), shape)
    assert not poolable(dict(kw, pad=(kernel[0], 0)), shape)


def test_repeated_forwards_build_once(monkeypatch):
    lowerings, builds = [], []
    orig_lower, orig_init = lower_mod.build_graph, fast_infer.FastInference.__init__
    monkeypatch.setattr(lower_mod, "build_graph", lambda *a, **k: lowerings.append(1) or orig_lower(*a, **k))
    monkeypatch.setattr(fast_infer.FastInference, "__init__",
                        lambda self, *a: builds.append(1) or orig_init(self, *a))
    fast, _ = _pair(small_resnet(dict(fix_gamma=False)), (2, 3, 20, 20))
    for _ in range(4):
        fast.forward(is_train=False)
    first = fast._fast
    for _ in range(3):
        fast.forward(is_train=False)
    assert len(lowerings) <= 1 and len(builds) == 1 and fast._fast is first
    derived = fast._fast._derived
    fast.forward(is_train=False)
    assert fast._fast._derived is derived  # unchanged parameters: nothing re-folded or re-packed


def test_parameter_updates_are_seen():
    sym = small_resnet(dict(fix_gamma=False))
    fast, plain = _pair(sym, (2, 3, 20, 20))
    _same(fast, plain, forwards=1)
    fast.arg_dict["u0_c1_weight"][:] = fast.arg_dict["u0_c1_weight"] * -0.5   # a folded convolution weight
    fast.aux_dict["u1_bn2_moving_mean"][:] = 0.3                               # a folded BatchNorm statistic
    fast.arg_dict["bn0_beta"][:] = 1.0
    plain.copy_params_from(fast.arg_dict, fast.aux_dict)
    _same(fast, plain, forwards=1)
    rng = np.random.RandomState(5)
    new_args = {k: mx.nd.array(rng.uniform(0.5, 1.0, v.shape)) for k, v in fast.arg_dict.items()
                if k.endswith("gamma")}
    new_aux = {k: mx.nd.array(rng.uniform(0.5, 2.0, v.shape)) for k, v in fast.aux_dict.items()}
    for exe in (fast, plain):
        exe.copy_params_from(new_args, new_aux)
    _same(fast, plain, forwards=1)


def test_module_set_params_is_seen():
    sym = small_resnet(dict(fix_gamma=False))
    mod = mx.mod.Module(sym, data_names=["data"], label_names=None)
    mod.bind(data_shapes=[("data", (2, 3, 20, 20))], for_training=False)
    mod.init_params(mx.init.Xavier())
    batch = mx.io.DataBatch([mx.nd.array(np.random.RandomState(0).uniform(-1, 1, (2, 3, 20, 20)))])
    mod.forward(batch, is_train=False)
    first = mod.get_outputs()[0].asnumpy()
    args, auxs = mod.get_params()
    args = {k: v * 0.5 if k.endswith("weight") else v for k, v in args.items()}
    mod.set_params(args, auxs)
    mod.forward(batch, is_train=False)
    got = mod.get_outputs()[0].asnumpy()
    plain = sym.bind(mx.cpu(), args=dict(args, data=batch.data[0]), aux_states=auxs, grad_req="null")
    plain._fast = False
    want = plain.forward()[0].asnumpy()
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)
    assert np.abs(got - first).max() > 1e-3


def test_not_taken_when_unsafe():
    sym = small_resnet(dict(fix_gamma=False))
    exe = sym.simple_bind(mx.cpu(), grad_req="write", data=(2, 3, 20, 20))
    _fill(exe)
    exe.forward(is_train=True)
    assert exe._fast is None  # training forwards never take it
    seen = []
    mon = sym.simple_bind(mx.cpu(), grad_req="null", data=(2, 3, 20, 20))
    _fill(mon)
    mon.set_monitor_callback(lambda name, arr: seen.append(name))
    mon.forward(is_train=False)
    assert mon._fast is None and seen  # a monitor sees every operator of the plain graph


def test_disabled_by_environment(monkeypatch):
    monkeypatch.setenv("MXCOMPAT_FAST_INFERENCE", "0")
    exe = small_resnet().simple_bind(mx.cpu(), grad_req="null", data=(1, 3, 20, 20))
    exe.forward()
    assert exe._fast is False


_FAILING_OP = r'''
import sys
import mxcompat as mx


class Boom(mx.operator.CustomOp):
    def forward(self, is_train, req, in_data, out_data, aux):
        raise ValueError("boom in forward")


@mx.operator.register("fast_infer_boom")
class BoomProp(mx.operator.CustomOpProp):
    def list_arguments(self):
        return ["data"]

    def infer_shape(self, in_shape):
        return in_shape, in_shape, []

    def create_operator(self, ctx, shapes, dtypes):
        return Boom()


net = mx.sym.Custom(mx.sym.Convolution(mx.sym.var("data"), num_filter=4, kernel=(3, 3), name="c"),
                    op_type="fast_infer_boom")
exe = net.simple_bind(mx.cpu(), grad_req="null", data=(1, 3, 8, 8))
try:
    exe.forward(is_train=False)
except mx.base.MXNetError as e:
    print("MESSAGE", repr(str(e)))
print("IMPORTED", "torch._dynamo" in sys.modules or "torch._inductor" in sys.modules)
'''


def test_operator_error_in_first_inference_forward_is_the_operators_own():
    """The fast path's first forward runs the plain graph through an fx Interpreter; an operator's error must
    come out unchanged (no fx node dump appended) and must not drag in torch._dynamo / torch._inductor."""
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-c", _FAILING_OP], capture_output=True, text=True, timeout=120).stdout
    assert "MESSAGE 'Error in CustomOp.forward: ValueError: boom in forward'" in out, out
    assert "IMPORTED False" in out, out
