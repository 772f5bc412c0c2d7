"""The channels-last training path (``symbol/train_layout.py``) against one training step of real MXNet.

Golden values: ``tools/golden/gen_train_layout.py`` (outputs and every gradient, the data's included, of a
small conv net whose pooling windows hold exact ties).
"""
import os
import sys

import numpy as np
import pytest
import torch

import mxcompat as mx
from mxcompat.symbol import train_layout

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools", "golden"))
import gen_train_layout as G  # noqa: E402

GOLDEN = dict(np.load(os.path.join(HERE, "..", "golden", "train_layout.npz")))


def _step(monkeypatch, enabled):
    monkeypatch.setenv("MXCOMPAT_CHANNELS_LAST_TRAIN", "1" if enabled else "0")
    sym = G.net(mx.sym)
    exe = sym.simple_bind(mx.cpu(), grad_req="write", data=G.SHAPE)
    for key, value in GOLDEN.items():
        if key.startswith("arg|"):
            exe.arg_dict[key[4:]][:] = value
    exe.forward(is_train=True)
    exe.backward()
    return exe


@pytest.mark.parametrize("enabled", [True, False])
def test_training_step_matches_mxnet(monkeypatch, enabled):
    exe = _step(monkeypatch, enabled)
    module = exe._module(True).module
    converted = [n for n in module.graph.nodes if n.target is train_layout._to_channels_last]
    assert len(converted) == (3 if enabled else 0)  # conv3 and conv4 share one
    fused = [n for n in module.graph.nodes if n.target is train_layout._conv_act]
    assert len(fused) == (3 if enabled else 0)  # conv2 has two consumers
    for i, out in enumerate(exe.outputs):
        np.testing.assert_allclose(out.asnumpy(), GOLDEN["out|%d" % i], rtol=1e-5, atol=1e-6)
    for key, want in GOLDEN.items():
        if key.startswith("grad|"):
            np.testing.assert_allclose(exe.grad_dict[key[5:]].asnumpy(), want, rtol=1e-4, atol=1e-6, err_msg=key)


def test_outputs_and_gradients_keep_plain_layout(monkeypatch):
    exe = _step(monkeypatch, True)
    for arr in exe.outputs + [g for g in exe.grad_arrays if g is not None]:
        assert arr._data.is_contiguous()


def test_conversions():
    one = torch.arange(2 * 1 * 3 * 4, dtype=torch.float32).reshape(2, 1, 3, 4)
    many = torch.arange(2 * 3 * 3 * 4, dtype=torch.float32).reshape(2, 3, 3, 4)
    for x in (one, many):
        y = train_layout._to_channels_last(x)
        assert y.stride(1) == 1 and y.is_contiguous(memory_format=torch.channels_last)
        assert torch.equal(y, x)
        assert train_layout._to_channels_last(y) is y
        z = train_layout._to_contiguous(y)
        assert z.is_contiguous() and torch.equal(z, x)
    flat = torch.ones(3, 4)
    assert train_layout._to_channels_last(flat) is flat


@pytest.mark.parametrize("act", ["relu", "sigmoid", "tanh"])
@pytest.mark.parametrize("geometry", [
    dict(kernel=(3, 3), stride=(), dilate=(), pad=(), num_group=1, no_bias=False),
    dict(kernel=(3, 2), stride=(2, 1), dilate=(1, 2), pad=(1, 0), num_group=2, no_bias=True),
])
def test_fused_convolution_activation(act, geometry):
    from mxcompat._op import OPS
    conv = dict(geometry, num_filter=4, workspace=1024, cudnn_tune=None, cudnn_off=False, layout=None)
    rng = np.random.RandomState(0)
    x = torch.tensor(rng.uniform(-1, 1, (2, 4, 7, 6)), dtype=torch.float32)
    w = torch.tensor(rng.uniform(-1, 1, (4, 4 // geometry["num_group"]) + geometry["kernel"]), dtype=torch.float32)
    b = None if geometry["no_bias"] else torch.tensor(rng.uniform(-1, 1, 4), dtype=torch.float32)
    inputs = [t for t in (x, w, b) if t is not None]
    head = torch.tensor(rng.uniform(-1, 1, 4 * 2 * 42), dtype=torch.float32)
    results = []
    for fused in (True, False):
        leaves = [t.clone().requires_grad_() for t in inputs]
        if fused:
            out = train_layout._conv_act(train_layout._to_channels_last(leaves[0]), *leaves[1:], act=act,
                                         act_op="Activation", act_kwargs=dict(act_type=act), **conv)
        else:
            out = OPS["Activation"].fn(OPS["Convolution"].fn(*leaves, **conv), act_type=act)
        grads = torch.autograd.grad(out, leaves, head[:out.numel()].reshape(out.shape))
        results.append([out] + list(grads))
    for got, want in zip(*results):
        np.testing.assert_allclose(got.detach().numpy(), want.detach().numpy(), rtol=1e-5, atol=1e-5)


def test_fused_convolution_falls_back_with_the_same_errors():
    conv = dict(kernel=(3, 3), stride=(), dilate=(), pad=(), num_group=1, no_bias=False, num_filter=4,
                workspace=1024, cudnn_tune=None, cudnn_off=False, layout=None)
    x, w, b = torch.ones(1, 2, 5, 5, dtype=torch.float64), torch.ones(4, 2, 3, 3, dtype=torch.float64), \
        torch.ones(4, dtype=torch.float64)
    got = train_layout._conv_act(x, w, b, act="tanh", act_op="tanh", act_kwargs={}, **conv)
    assert got.dtype == torch.float64 and torch.allclose(got, torch.tanh(torch.full((1, 4, 3, 3), 19.0,
                                                                                        dtype=torch.float64)))
    with pytest.raises(mx.base.MXNetError, match="weight"):
        train_layout._conv_act(x.float(), w[:, :1].float(), b.float(), act="tanh", act_op="tanh", act_kwargs={},
                               **conv)


def _bn_net():
    data = mx.sym.Variable("data")
    h = mx.sym.Convolution(data, kernel=(3, 3), pad=(1, 1), num_filter=4, name="c1")
    bn = mx.sym.BatchNorm(h, fix_gamma=False, output_mean_var=True, name="bn")
    h = mx.sym.Activation(bn[0], act_type="relu")
    h = mx.sym.Convolution(h, kernel=(3, 3), num_filter=3, no_bias=True, name="c2") + \
        mx.sym.Convolution(h, kernel=(3, 3), num_filter=3, no_bias=True, name="c3")
    h = mx.sym.BatchNorm(h, axis=-1, name="bn_last")
    head = mx.sym.FullyConnected(mx.sym.Flatten(h), num_hidden=2, name="fc")
    return mx.sym.Group([mx.sym.SoftmaxOutput(head, name="softmax"), mx.sym.BlockGrad(bn[1]),
                         mx.sym.BlockGrad(bn[0] * 2)])


def test_batchnorm_multi_output_and_channel_axes_agree_with_plain_layout(monkeypatch):
    rng = np.random.RandomState(3)
    results = []
    for enabled in (True, False):
        monkeypatch.setenv("MXCOMPAT_CHANNELS_LAST_TRAIN", "1" if enabled else "0")
        exe = _bn_net().simple_bind(mx.cpu(), grad_req="write", data=(3, 2, 6, 6))
        if not results:
            values = {k: rng.uniform(-1, 1, a.shape) for k, a in exe.arg_dict.items()}
            values["softmax_label"] = np.array([0, 1, 1])
        for k, v in values.items():
            exe.arg_dict[k][:] = v
        exe.forward(is_train=True)
        exe.backward()
        results.append([o.asnumpy() for o in exe.outputs] + [a.asnumpy() for a in exe.aux_arrays] +
                       [g.asnumpy() for g in exe.grad_arrays if g is not None])
        converted = [n for n in exe._module(True).module.graph.nodes if n.target is train_layout._to_channels_last]
        assert len(converted) == (2 if enabled else 0)  # c2 and c3 share one
    for got, want in zip(*results):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)
