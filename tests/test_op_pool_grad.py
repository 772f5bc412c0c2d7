"""Max pooling's gradient routing (``_op/defs/nn_pool.py``) under autograd — channels-first and channels-last
input (the layout of ``symbol/train_layout.py``'s training graphs), overlapping and gapped windows, padding and
the ``full`` convention — against ``F.max_pool2d``'s gradient, on inputs full of ties (where routing shows).
torch's kernel routes to each window's first maximum, as MXNet 1.9.1 does (checked against MXNet in
``tests/symbol/test_train_layout.py``).
"""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

import mxcompat as mx
from mxcompat._op.defs import nn_pool

CASES = [  # kernel, stride, pad, convention
    ((2, 2), (2, 2), (0, 0), "valid"),
    ((3, 3), (2, 2), (0, 0), "valid"),
    ((3, 2), (1, 3), (0, 0), "valid"),
    ((2, 2), (3, 3), (0, 0), "valid"),
    ((3, 3), (2, 2), (1, 1), "valid"),
    ((3, 3), (2, 2), (0, 0), "full"),
    ((2, 2), (2, 2), (1, 1), "valid"),
    ((2, 3), (2, 2), (0, 0), "full"),
]


def _reference(x, kernel, stride, pad, convention):
    return F.max_pool2d(x, kernel, stride, pad, ceil_mode=convention == "full")


@pytest.mark.parametrize("channels_last", [False, True])
@pytest.mark.parametrize("kernel,stride,pad,convention", CASES)
def test_max_pool_gradient_matches_torch(kernel, stride, pad, convention, channels_last):
    rng = np.random.RandomState(0)
    data = torch.tensor(rng.randint(0, 3, size=(2, 3, 9, 11)), dtype=torch.float32)  # many ties
    if channels_last:
        data = data.contiguous(memory_format=torch.channels_last)
    head = torch.tensor(rng.uniform(-1, 1, size=(2, 3, 9, 11)), dtype=torch.float32)
    x_ref, x = data.clone().requires_grad_(), data.clone().requires_grad_()
    want = _reference(x_ref, kernel, stride, pad, convention)
    got = nn_pool.pool(x, kernel, "max", False, convention, stride, pad, None, None, None)
    assert got.shape == want.shape
    assert torch.equal(got, want)
    g = head[..., :want.shape[2], :want.shape[3]].contiguous()
    want_grad, = torch.autograd.grad(want, x_ref, g)
    got_grad, = torch.autograd.grad(got, x, g)
    assert torch.equal(got_grad, want_grad)


def _max2x2(x):
    return nn_pool.pool(x, (2, 2), "max", False, "valid", (2, 2), (0, 0), None, None, None)


@pytest.mark.parametrize("channels_last", [False, True])
def test_routes_to_the_first_maximum(channels_last):
    x = torch.tensor([[[[1., 3., 3., 0.], [3., 2., 1., 1.], [5., 5., 0., 0.], [5., 5., 0., 0.]]]],
                     requires_grad=True)
    out = _max2x2(x.contiguous(memory_format=torch.channels_last) if channels_last else x)
    out.backward(torch.tensor([[[[10., 20.], [30., 40.]]]]))
    want = [[0, 10, 20, 0], [0, 0, 0, 0], [30, 0, 40, 0], [0, 0, 0, 0]]
    assert x.grad[0, 0].tolist() == want


def test_nan_wins_as_in_torch():
    data = torch.tensor([[[[1., float("nan"), 2., float("nan")], [0., 1., 7., 3.]]]])
    x_ref, x = data.clone().requires_grad_(), data.clone().requires_grad_()
    want = F.max_pool2d(x_ref, (2, 2), (2, 2))
    got = _max2x2(x)
    assert torch.equal(torch.isnan(got), torch.isnan(want))
    g = torch.tensor([[[[1., 2.]]]])
    assert torch.equal(torch.autograd.grad(got, x, g)[0], torch.autograd.grad(want, x_ref, g)[0])


def test_nd_pooling_under_autograd_second_order():
    x = mx.nd.array(np.random.RandomState(1).uniform(-1, 1, (1, 2, 6, 6)))
    x.attach_grad()
    with mx.autograd.record():
        y = mx.nd.Pooling(x, kernel=(2, 2), stride=(2, 2), pool_type="max")
        (y * y).sum().backward()
    ref = torch.tensor(x.asnumpy(), requires_grad=True)
    out = F.max_pool2d(ref, 2, 2)
    (out * out).sum().backward()
    np.testing.assert_allclose(x.grad.asnumpy(), ref.grad.numpy(), rtol=1e-6)
