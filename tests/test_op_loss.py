"""Loss heads and CTC beyond the opdb goldens: gradients that ignore the head gradient, the KL sparseness
regulariser's aux update (values from MXNet 1.9.1's executor), and CTC's warp-ctc fallback against torch's
kernel on ordinary labels."""
import itertools

import numpy as np
import pytest
import torch

import mxcompat as mx
from mxcompat._op.defs.ctc import _ctc_warp
from mxcompat.base import MXNetError


def _grad(op, inputs, head, **kwargs):
    arrays = [mx.nd.array(x) for x in inputs]
    arrays[0].attach_grad()
    with mx.autograd.record():
        out = getattr(mx.nd, op)(*arrays, **kwargs)
    out.backward(None if head is None else mx.nd.array(head))
    return out.asnumpy(), arrays[0].grad.asnumpy()


@pytest.mark.parametrize("op,label,kwargs", [
    ("SoftmaxOutput", [1, 4, 0], {}),
    ("SoftmaxOutput", [1, 4, 0], dict(normalization="batch", grad_scale=3)),
    ("LinearRegressionOutput", np.arange(15).reshape(3, 5) / 7.0, {}),
    ("SVMOutput", [1, 4, 0], dict(margin=0.5)),
    ("MakeLoss", None, dict(normalization="valid", valid_thresh=0.2)),
])
def test_loss_heads_ignore_head_gradient(op, label, kwargs):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((3, 5))
    inputs = [x] if label is None else [x, np.asarray(label, dtype=np.float32)]
    _, ones = _grad(op, inputs, np.ones((3, 5)), **kwargs)
    _, random = _grad(op, inputs, rng.standard_normal((3, 5)) * 10, **kwargs)
    np.testing.assert_allclose(random, ones, rtol=1e-6)


def test_softmax_output_gradient_is_p_minus_onehot():
    x = np.random.default_rng(1).standard_normal((4, 6))
    out, grad = _grad("SoftmaxOutput", [x, np.array([0, 5, 2, 2], np.float32)], None, normalization="batch")
    want = out.copy()
    want[np.arange(4), [0, 5, 2, 2]] -= 1
    np.testing.assert_allclose(grad, want / 4, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(out, np.exp(x) / np.exp(x).sum(1, keepdims=True), rtol=1e-5)


def _softmax_output_reference(x, label, grad_scale, ignore_label, use_ignore, normalization, smooth_alpha,
                              out_grad):
    """MXNet 1.9.1's SoftmaxOutput gradient on (rows, classes), written from its kernels (SoftmaxGrad /
    SmoothSoftmaxGrad, then ignore, normalisation, and the out_grad quirk); checked against real MXNet over
    the grid of ``test_softmax_output_gradient_options``."""
    p = np.exp(x - x.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    n, k = p.shape
    lab = np.trunc(label).astype(np.int64)
    rows = np.arange(n)[(lab >= 0) & (lab < k)]
    g = p - (smooth_alpha / (k - 1) if smooth_alpha else 0.0)
    g[rows, lab[rows]] = p[rows, lab[rows]] - 1 + smooth_alpha
    if use_ignore:
        g[lab == int(ignore_label)] = 0
    if normalization == "batch":
        g *= grad_scale / n
    elif normalization == "valid":
        g *= grad_scale / max((lab != int(ignore_label)).sum(), 1)
    else:
        g *= grad_scale
    return g * p if out_grad else g


@pytest.mark.parametrize("preserve_shape", [False, True])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_softmax_output_gradient_options(preserve_shape, dtype):
    # labels in range, out of range on both sides, fractional (truncated) and equal to ignore_label (2)
    x = np.random.RandomState(0).randn(6, 5)
    label = np.array([1, 2, 7, -3, 2.7, 0])
    shape, lshape = ((2, 3, 5), (2, 3)) if preserve_shape else ((6, 5), (6,))
    for grad_scale, use_ignore, normalization, smooth_alpha, out_grad in itertools.product(
            (1.0, 2.5), (False, True), ("null", "batch", "valid"), (0.0, 0.1), (False, True)):
        data = mx.nd.array(x.reshape(shape), dtype=dtype)
        data.attach_grad()
        with mx.autograd.record():
            out = mx.nd.SoftmaxOutput(data, mx.nd.array(label.reshape(lshape), dtype=dtype), grad_scale=grad_scale,
                                      ignore_label=2, use_ignore=use_ignore, normalization=normalization,
                                      smooth_alpha=smooth_alpha, out_grad=out_grad, preserve_shape=preserve_shape)
        out.backward()
        want = _softmax_output_reference(x, label, grad_scale, 2, use_ignore, normalization, smooth_alpha, out_grad)
        assert data.grad.shape == shape and data.grad.dtype == np.dtype(dtype)
        np.testing.assert_allclose(data.grad.asnumpy().reshape(6, 5), want, rtol=1e-5, atol=1e-6,
                                   err_msg=str((grad_scale, use_ignore, normalization, smooth_alpha, out_grad)))


def test_kl_sparse_reg_updates_moving_avg_in_backward():
    rng = np.random.RandomState(0)
    sym = mx.sym.IdentityAttachKLSparseReg(mx.sym.Variable("data"), name="kl", penalty=0.5, momentum=0.8)
    ex = sym.simple_bind(mx.cpu(), data=(4, 3))
    ex.aux_dict["kl_moving_avg"][:] = np.array([0.5, 0.2, 0.3])
    data = rng.rand(4, 3)
    ex.arg_dict["data"][:] = data
    out = ex.forward(is_train=True)[0].asnumpy()
    np.testing.assert_allclose(out, data, rtol=1e-6)
    head = rng.randn(4, 3)
    ex.backward(mx.nd.array(head))
    # MXNet 1.9.1 gives these for the same inputs
    np.testing.assert_allclose(ex.aux_dict["kl_moving_avg"].asnumpy(), [0.49573627, 0.30111712, 0.37706077],
                               rtol=1e-5)
    np.testing.assert_allclose(ex.grad_dict["data"].asnumpy() - head,
                               np.tile([0.79153, 0.47783637, 0.58977727], (4, 1)), rtol=1e-4)


def test_kl_sparse_reg_nd_takes_moving_avg_as_aux_input():
    x, avg = mx.nd.array(np.full((2, 3), 0.5)), mx.nd.array([0.5, 0.5, 0.5])
    x.attach_grad()
    with mx.autograd.record():
        y = mx.nd.IdentityAttachKLSparseReg(x, avg, sparseness_target=0.5, penalty=1.0)
    y.backward()
    np.testing.assert_allclose(x.grad.asnumpy(), np.ones((2, 3)), rtol=1e-6)  # KL term is 0 at the target
    np.testing.assert_allclose(avg.asnumpy(), [0.5] * 3)


def _torch_ctc(log_probs, targets, in_len, tgt_len, blank):
    return torch.nn.functional.ctc_loss(log_probs, targets, in_len, tgt_len, blank=blank, reduction="none",
                                        zero_infinity=True)


@pytest.mark.parametrize("blank", [0, 5])
def test_ctc_warp_fallback_matches_torch_on_ordinary_labels(blank):
    """The stepped recursion used for labels holding the blank index agrees with torch's kernel (loss and
    gradient) wherever the two rules coincide, including lengths, empty labels and impossible alignments."""
    gen = torch.Generator().manual_seed(0)
    data = torch.randn(7, 5, 6, generator=gen, dtype=torch.float64)
    labels = torch.tensor([[1, 2, 2, 3], [4, 4, 4, 4], [3, 1, 0, 0], [2, 3, 1, 4], [1, 0, 0, 0]])
    if blank == 5:
        labels = labels.clamp(max=4)
    else:
        labels = torch.where(labels == 0, 1, labels)
    in_len = torch.tensor([7, 6, 5, 2, 0])  # sample 1 needs 7 frames (4 labels, 3 repeats)
    tgt_len = torch.tensor([4, 4, 2, 4, 0])
    results = []
    for fn in (_ctc_warp, _torch_ctc):
        x = data.clone().requires_grad_(True)
        loss = fn(torch.log_softmax(x, 2), labels, in_len, tgt_len, blank)
        (loss * torch.arange(1, 6)).sum().backward()
        results.append((loss.detach(), x.grad))
    torch.testing.assert_close(results[0][0], results[1][0])
    torch.testing.assert_close(results[0][1], results[1][1])
    assert results[0][0][1] == 0 and results[0][0][3] == 0  # impossible alignments give 0, as MXNet


def test_ctc_impossible_alignment_has_zero_gradient():
    x = mx.nd.array(np.random.default_rng(0).standard_normal((3, 2, 4)))
    x.attach_grad()
    with mx.autograd.record():
        loss = mx.nd.CTCLoss(x, mx.nd.array([[1, 1, 1], [2, 0, 0]]))
    loss.backward()
    assert loss.asnumpy()[0] == 0
    assert np.all(x.grad.asnumpy()[:, 0] == 0) and np.all(np.isfinite(x.grad.asnumpy()))
    assert np.abs(x.grad.asnumpy()[:, 1]).sum() > 0


def test_ctc_errors():
    x = mx.nd.ones((4, 2, 5))
    with pytest.raises(MXNetError, match="float32"):
        mx.nd.CTCLoss(x.astype("float64"), mx.nd.array([[1, 2], [3, 0]], dtype="float64"))
    with pytest.raises(MXNetError, match="exceed"):
        mx.nd.CTCLoss(x, mx.nd.ones((2, 5)))
