"""Executors: numbers against a ResNet exported by real MXNet 1.9.1, lowering cache, the inference fast path,
memory sharing, gradients, and leaving MXNet with ``to_torch_module``."""
import os

import numpy as np
import pytest
import torch

import mxcompat as mx
from mxcompat.symbol import lower as lower_mod

GOLDEN = os.path.join(os.path.dirname(__file__), "..", "golden", "symbol")


def load_resnet():
    sym = mx.sym.load(os.path.join(GOLDEN, "resnet_small-symbol.json"))
    params = mx.nd.load(os.path.join(GOLDEN, "resnet_small-0000.params"))
    arg = {k[4:]: v for k, v in params.items() if k.startswith("arg:")}
    aux = {k[4:]: v for k, v in params.items() if k.startswith("aux:")}
    io = np.load(os.path.join(GOLDEN, "resnet_small_io.npz"))
    return sym, arg, aux, io


@pytest.mark.parametrize("fast", ["1", "0"])
def test_resnet_exported_by_mxnet(monkeypatch, fast):
    """Inference and one training step match real MXNet (outputs, gradients, BatchNorm moving statistics)."""
    monkeypatch.setenv("MXCOMPAT_FAST_INFERENCE", fast)
    sym, arg, aux, io = load_resnet()
    exe = sym.simple_bind(mx.cpu(), data=io["data"].shape)
    exe.copy_params_from(arg, aux)
    exe.arg_dict["data"][:] = io["data"]
    exe.arg_dict["softmax_label"][:] = io["label"]
    np.testing.assert_allclose(exe.forward(is_train=False)[0].asnumpy(), io["infer_softmax"], rtol=1e-4, atol=1e-6)
    logits = sym.get_internals()["fc1_output"]
    lexe = logits.bind(mx.cpu(), args={k: v for k, v in exe.arg_dict.items() if k in logits.list_arguments()},
                       aux_states=exe.aux_dict, grad_req="null")
    np.testing.assert_allclose(lexe.forward()[0].asnumpy(), io["infer_logits"], rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(exe.forward(is_train=True)[0].asnumpy(), io["train_softmax"], rtol=1e-4, atol=1e-6)
    exe.backward()
    for key in io.files:
        if key.startswith("grad:"):
            np.testing.assert_allclose(exe.grad_dict[key[5:]].asnumpy(), io[key], rtol=1e-4, atol=1e-5, err_msg=key)
        elif key.startswith("aux:"):
            np.testing.assert_allclose(exe.aux_dict[key[4:]].asnumpy(), io[key], rtol=1e-5, atol=1e-6, err_msg=key)


def test_repeated_forwards_never_relower(monkeypatch):
    sym, arg, aux, io = load_resnet()
    calls = []
    orig = lower_mod.build_graph
    monkeypatch.setattr(lower_mod, "build_graph", lambda *a, **k: calls.append(1) or orig(*a, **k))
    exe = sym.simple_bind(mx.cpu(), grad_req="null", data=(2, 3, 16, 16))
    exe.copy_params_from(arg, aux)
    for _ in range(3):
        exe.forward(is_train=False)
        exe.forward(is_train=True)
    small = exe.reshape(partial_shaping=True, data=(1, 3, 16, 16))
    small.forward()
    assert len(calls) <= 2  # one graph per is_train, shared by the reshaped executor


def test_fast_path_tracks_parameter_changes():
    sym, arg, aux, io = load_resnet()
    exe = sym.simple_bind(mx.cpu(), grad_req="null", data=io["data"].shape)
    exe.copy_params_from(arg, aux)
    exe.arg_dict["data"][:] = io["data"]
    first = exe.forward()[0].asnumpy()
    assert exe._fast and exe._fast.verified
    exe.arg_dict["conv0_weight"][:] = exe.arg_dict["conv0_weight"] * 0.5
    exe.aux_dict["bn0_moving_var"][:] = 2.0
    fast = exe.forward()[0].asnumpy()
    plain = sym.simple_bind(mx.cpu(), grad_req="null", data=io["data"].shape)
    plain._fast = False
    plain.copy_params_from({k: v for k, v in exe.arg_dict.items()}, exe.aux_dict)
    np.testing.assert_allclose(fast, plain.forward()[0].asnumpy(), rtol=1e-4, atol=1e-6)
    assert np.abs(fast - first).max() > 1e-3


def test_fast_path_falls_back_on_mismatch(monkeypatch):
    from mxcompat.symbol import fast_infer
    monkeypatch.setattr(fast_infer.FastInference, "matches", staticmethod(lambda a, b: False))
    sym, arg, aux, io = load_resnet()
    exe = sym.simple_bind(mx.cpu(), grad_req="null", data=io["data"].shape)
    exe.copy_params_from(arg, aux)
    exe.arg_dict["data"][:] = io["data"]
    np.testing.assert_allclose(exe.forward()[0].asnumpy(), io["infer_softmax"], rtol=1e-4, atol=1e-6)
    assert exe._fast is False


def test_outputs_are_persistent_buffers_and_reshape_shares_memory():
    x = mx.sym.var("x")
    y = x * 2
    exe = y.simple_bind(mx.cpu(), x=(4, 3), grad_req="null")
    held = exe.outputs[0]
    exe.forward(x=mx.nd.ones((4, 3)))
    assert held.asnumpy().sum() == 24
    small = exe.reshape(x=(2, 3))
    small.forward(x=mx.nd.ones((2, 3)) * 5)
    assert held.asnumpy()[:2].tolist() == [[10.0] * 3] * 2


def test_grad_req_list_dict_and_missing_head_gradient():
    a, b = mx.sym.var("a"), mx.sym.var("b")
    out = a * b
    ga, gb = mx.nd.zeros(2), mx.nd.zeros(2)
    exe = out.bind(mx.cpu(), args=[mx.nd.array([1, 2]), mx.nd.array([3, 4])], args_grad=[ga, gb],
                   grad_req=["write", "null"])
    exe.forward(is_train=True)
    exe.backward(mx.nd.ones(2))
    assert ga.asnumpy().tolist() == [3, 4] and gb.asnumpy().tolist() == [0, 0]
    with pytest.raises(mx.MXNetError, match="head_gradient is required"):
        exe.backward()
    exe2 = out.bind(mx.cpu(), args={"a": mx.nd.ones(2), "b": mx.nd.ones(2)})
    assert exe2.grad_dict == {"a": None, "b": None}
    exe2.backward(mx.nd.ones(2))  # nothing to write: no gradient arrays were bound


def test_shared_exec_and_shared_buffer():
    net = mx.sym.FullyConnected(mx.sym.var("data"), num_hidden=3, name="fc")
    big = net.simple_bind(mx.cpu(), data=(4, 5))
    buf = {}
    exe = net.simple_bind(mx.cpu(), data=(2, 5), shared_arg_names=["fc_weight", "fc_bias"], shared_exec=big,
                          shared_buffer=buf)
    assert exe.arg_dict["fc_weight"] is big.arg_dict["fc_weight"]
    assert exe.grad_dict["fc_weight"] is big.grad_dict["fc_weight"]
    assert "data" in buf and buf["data"].shape == (2, 5)
    again = net.simple_bind(mx.cpu(), data=(1, 5), shared_buffer=buf)
    again.arg_dict["data"][:] = 7
    assert buf["data"].asnumpy()[0].tolist() == [7.0] * 5


def test_monitor_and_debug_str():
    x = mx.sym.var("x")
    y = mx.sym.FullyConnected(mx.sym.relu(x, name="r"), num_hidden=2, name="fc")
    exe = y.simple_bind(mx.cpu(), x=(2, 3))
    seen = []
    exe.set_monitor_callback(lambda name, arr: seen.append((name, arr.shape)))
    exe.forward()
    assert seen == [("r_output", (2, 3)), ("fc_output", (2, 2))]
    assert "Total" in exe.debug_str() and "MB allocated" in exe.debug_str()


def test_memory_estimate_orders_like_mxnet():
    data = mx.sym.Variable("data")
    for _ in range(4):
        data = data * data
    mb = lambda s, **kw: int(s.simple_bind(mx.cpu(), data=(10, 3, 128, 128), **kw).debug_str().split(
        "Total ")[1].split(" MB")[0])
    big = mb(data)
    small1 = mb(data, grad_req="null")
    small2 = mb(mx.sym.stop_gradient(data))
    assert big > small2 and small1 == small2


def test_to_torch_module_runs_without_executors():
    sym, arg, aux, io = load_resnet()
    logits = sym.get_internals()["fc1_output"]
    module = mx.sym.to_torch_module(logits, arg, aux)
    assert module.input_names == ["data"] and isinstance(module, torch.nn.Module)
    assert "conv0_weight" in dict(module.named_parameters())
    assert "bn0_moving_mean" in dict(module.named_buffers())
    out = module(torch.from_numpy(io["data"]))
    np.testing.assert_allclose(out.detach().numpy(), io["infer_logits"], rtol=1e-4, atol=1e-4)
    out.sum().backward()
    assert module.conv0_weight.grad is not None
    train = mx.sym.to_torch_module(logits, arg, aux, is_train=True)
    before = train.bn0_moving_mean.clone()
    train(torch.from_numpy(io["data"])).sum().backward()
    assert not torch.equal(before, train.bn0_moving_mean)  # MXNet updates moving statistics in backward


def test_symbol_test_utils():
    from mxcompat.symbol import _test_utils as tu
    a, b = mx.sym.var("a"), mx.sym.var("b")
    out = mx.sym.FullyConnected(a, num_hidden=2, no_bias=True, name="fc") * 2 + b
    loc = {"a": np.random.rand(3, 4), "b": np.random.rand(3, 2), "fc_weight": np.random.rand(2, 4)}
    expect = (loc["a"] @ loc["fc_weight"].T) * 2 + loc["b"]
    tu.check_symbolic_forward(out, loc, [expect], rtol=1e-5, atol=1e-5)
    head = np.ones((3, 2))
    tu.check_symbolic_backward(out, loc, [head], {"b": head, "a": 2 * head @ loc["fc_weight"]}, rtol=1e-5, atol=1e-5)
    tu.check_symbolic_backward(out, loc, [head], {"b": head}, grad_req="add", rtol=1e-5, atol=1e-5)
    tu.check_numeric_gradient_symbol(mx.sym.tanh(a) * b, {"a": np.random.rand(2, 3), "b": np.random.rand(2, 3)},
                                     numeric_eps=1e-3, rtol=1e-2, atol=1e-3)
    np.testing.assert_allclose(tu.simple_forward(a * 3, a=np.ones(2)), [3, 3])
    with pytest.raises(AssertionError):
        tu.check_symbolic_forward(out, loc, [expect + 1])
    with pytest.raises(ValueError):
        tu.check_symbolic_forward(out, {"a": loc["a"]}, [expect])
    tu.check_consistency(mx.sym.sin(a), [{"ctx": mx.cpu(), "a": (2, 3)},
                                         {"ctx": mx.cpu(), "a": (2, 3), "type_dict": {"a": np.float64}}])


def test_creation_op_with_unknown_dims_takes_the_inferred_shape():
    # MXNet: sym.zeros((0, H)) (an RNN cell's begin state) is created with the shape inference gave it.
    x = mx.sym.var("x")
    s = mx.sym.elemwise_add(x, mx.sym.zeros((0, 5))) + mx.sym.ones((0, 0))
    out = s.eval(x=mx.nd.full((3, 5), 2.0))[0]
    np.testing.assert_array_equal(out.asnumpy(), np.full((3, 5), 3.0, np.float32))
    exe = s.simple_bind(mx.cpu(), x=(3, 5))
    small = exe.reshape(x=(2, 5))
    small.arg_dict["x"][:] = 1
    np.testing.assert_array_equal(small.forward()[0].asnumpy(), np.full((2, 5), 2.0, np.float32))
    exe.arg_dict["x"][:] = 4
    assert exe.forward()[0].shape == (3, 5)
