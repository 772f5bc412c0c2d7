"""Loss-head operators: SoftmaxOutput, the regression outputs, SVMOutput, MakeLoss / make_loss,
softmax_cross_entropy and IdentityAttachKLSparseReg.

MXNet contract: a loss head's forward is a plain transform of ``data`` (softmax, identity, sigmoid) and its
backward is *not* the derivative of that transform. It returns the gradient of an implied loss, usually
ignoring the incoming head gradient, scaled by ``grad_scale`` and a normalisation; the label gets a zero
gradient. Each backward is reproduced with a ``torch.autograd.Function`` (``_LossHead``), including MXNet 1.9.1's
quirks, which are documented where they are implemented:

- SoftmaxOutput ``out_grad=True`` multiplies by the *output* (MXNet 1.9.1 feeds the output where the head
  gradient should be), not by the head gradient;
- SoftmaxOutput ``multi_output`` divides by the spatial size unless ``normalization='valid'`` and ignores
  ``smooth_alpha``; labels are truncated to integers, out-of-range labels subtract nothing;
- the regression outputs divide by the number of outputs per sample (``label.size / label.shape[0]``).
"""
import torch

from ..registry import register_op
from ..params import Float, Bool, Enum
from ...base import MXNetError
from ._common import check_same_dtype


class _LossHead(torch.autograd.Function):
    """``out = forward(data)`` whose data gradient is ``rule(data, label, out, head)``; label gets zeros."""

    @staticmethod
    def forward(ctx, data, label, forward, rule):  # pylint: disable=arguments-differ
        out = forward(data)
        ctx.rule = rule
        ctx.save_for_backward(data, label, out)
        return out

    @staticmethod
    def backward(ctx, head):  # pylint: disable=arguments-differ
        data, label, out = ctx.saved_tensors
        grad = ctx.rule(data, label, out, head) if ctx.needs_input_grad[0] else None
        lgrad = torch.zeros_like(label) if ctx.needs_input_grad[1] else None
        return grad, lgrad, None, None


def _apply(data, label, forward, rule):
    if label is None:
        label = data.new_zeros(())  # placeholder so one Function serves label-less heads too
    return _LossHead.apply(data, label, forward, rule)


def _shape_error(op_name, given, expected):
    return MXNetError("Error in operator {}: Shape inconsistent, Provided = {}, inferred shape={}".format(
        op_name, list(given), list(expected)))


def _onehot(index, num_classes, dtype, dim):
    """One-hot along ``dim`` of ``index`` (integers); out-of-range indices give an all-zero vector."""
    valid = (index >= 0) & (index < num_classes)
    idx = index.clamp(0, num_classes - 1).unsqueeze(dim)
    return torch.zeros(index.shape[:dim] + (num_classes,) + index.shape[dim:], dtype=dtype,
                       device=index.device).scatter_(dim, idx, valid.unsqueeze(dim).to(dtype))


def _hits(index, num_classes):
    """``index == class`` for each class along a new last axis of ``index`` (shape (..., 1)): a boolean
    one-hot in which an out-of-range index matches nothing."""
    return index == torch.arange(num_classes, device=index.device)


# ---- SoftmaxOutput -------------------------------------------------------------------------------------
_NORM = Enum(("batch", "null", "valid"), "null")


def _check_softmax_label(data, label, multi_output):
    if tuple(label.shape) == tuple(data.shape):
        return
    if multi_output:
        n, k = data.shape[0], data.shape[1]
        rest = tuple(data.shape[2:])
        flat = (n, data.numel() // max(n * k, 1))
        if tuple(label.shape) not in (flat, (n,) + rest, (n, 1) + rest):
            raise MXNetError("Error in operator SoftmaxOutput: Expecting {} or {}. But got {}".format(
                list(flat), [n] + list(rest), list(label.shape)))
    elif tuple(label.shape) != tuple(data.shape[:-1]):
        raise _shape_error("SoftmaxOutput", label.shape, data.shape[:-1])


def _softmax_forward(multi_output, preserve_shape):
    def forward(data):
        n = data.shape[0]
        if data.dim() == 2 and not multi_output:  # the usual (batch, classes): no views needed
            return torch.softmax(data, dim=1)
        if multi_output:
            return torch.softmax(data.reshape(n, data.shape[1], -1), dim=1).reshape(data.shape)
        if preserve_shape:
            return torch.softmax(data, dim=-1)
        return torch.softmax(data.reshape(n, -1), dim=1).reshape(data.shape)
    return forward


def _valid_count(label, ignore_label):
    """Labels (truncated to int, as MXNet casts them) that differ from ``ignore_label``; at least 1."""
    return (label.to(torch.int64) != int(ignore_label)).sum().clamp(min=1).to(label.dtype)


def _softmax_rule(grad_scale, ignore_label, multi_output, use_ignore, preserve_shape, normalization, out_grad,
                  smooth_alpha):
    def rule(data, label, out, head):  # pylint: disable=unused-argument
        if label.shape == out.shape:  # probability labels
            grad = (out - label) * grad_scale
            return grad * out if out_grad else grad
        n = out.shape[0]
        if multi_output:
            out3 = out.reshape(n, out.shape[1], -1)
            spatial = out3.shape[2]
            lab = label.reshape(n, spatial).to(torch.int64)
            grad = out3 - _onehot(lab, out3.shape[1], out.dtype, 1)
            if use_ignore:
                grad = grad * (lab != int(ignore_label)).unsqueeze(1).to(out.dtype)
            if normalization == "valid":
                grad = grad * (grad_scale / _valid_count(label, ignore_label))
            else:
                grad = grad * (grad_scale / spatial / (n if normalization == "batch" else 1))
            if out_grad:
                grad = grad * out3
            return grad.reshape(out.shape)
        if out.dim() == 2:  # (batch, classes) as it is: skip the no-op views (they cost per call)
            out2 = out
        else:
            out2 = out.reshape(-1, out.shape[-1] if preserve_shape else out.numel() // max(n, 1))
        classes = out2.shape[1]
        flat_label = label if label.dim() == 1 else label.reshape(-1)
        # MXNet reads one label per row of the 2-D view; without preserve_shape that is the first n labels.
        lab = flat_label if flat_label.shape[0] == out2.shape[0] else flat_label[:out2.shape[0]]
        lab = lab.to(torch.int64).unsqueeze(1)
        hit = _hits(lab, classes)
        if smooth_alpha:  # MXNet's SmoothSoftmaxGrad: p - 1 + alpha at the label, p - alpha/(k-1) elsewhere
            grad = torch.where(hit, (out2 - 1.0) + smooth_alpha, out2 - smooth_alpha / (classes - 1))
        else:
            grad = out2 - hit.to(out.dtype)
        # grad is a fresh tensor: scale it in place
        if use_ignore:
            grad.mul_(lab != int(ignore_label))
        if normalization == "batch":
            grad.mul_(grad_scale / flat_label.numel())
        elif normalization == "valid":
            grad.mul_(grad_scale / _valid_count(flat_label, ignore_label))
        elif grad_scale != 1.0:
            grad.mul_(grad_scale)
        if out_grad:
            grad.mul_(out2)
        return grad if out2 is out else grad.reshape(out.shape)
    return rule


@register_op("SoftmaxOutput", inputs=("data", "label"), aliases=("Softmax",),
             params=dict(grad_scale=Float(1.0), ignore_label=Float(-1.0), multi_output=Bool(False),
                         use_ignore=Bool(False), preserve_shape=Bool(False), normalization=_NORM,
                         out_grad=Bool(False), smooth_alpha=Float(0.0)))
def softmax_output(data, label, *, grad_scale, ignore_label, multi_output, use_ignore, preserve_shape,
                   normalization, out_grad, smooth_alpha):
    """Softmax forward (over axis 1 with ``multi_output``, the last axis with ``preserve_shape``, else over
    the flattened trailing axes); backward ``(p - onehot(label)) * grad_scale / norm`` regardless of the head
    gradient. A label of the data's shape is used as probabilities."""
    check_same_dtype("SoftmaxOutput", data, label)
    _check_softmax_label(data, label, multi_output)
    return _apply(data, label, _softmax_forward(multi_output, preserve_shape),
                  _softmax_rule(grad_scale, ignore_label, multi_output, use_ignore, preserve_shape, normalization,
                                out_grad, smooth_alpha))


# ---- regression outputs --------------------------------------------------------------------------------
def _regression(name, forward, grad_of_diff, doc):
    def rule_for(grad_scale):
        def rule(data, label, out, head):  # pylint: disable=unused-argument
            num_output = label.numel() // label.shape[0] if label.dim() else 1
            return grad_of_diff(out - label.reshape(out.shape)) * (grad_scale / num_output)
        return rule

    def op(data, label, *, grad_scale):
        check_same_dtype(name, data, label)
        if label.dim() == 0 or label.shape[0] != data.shape[0] or label.numel() != data.numel():
            raise MXNetError("Error in operator {}: Shape inconsistent, Provided={}, inferred shape={}".format(
                name, list(label.shape), list(data.shape)))
        return _apply(data, label, forward, rule_for(grad_scale))
    op.__name__ = name
    op.__doc__ = doc
    register_op(name, inputs=("data", "label"), params=dict(grad_scale=Float(1.0)))(op)


def _mae_sign(diff):
    # MXNet's minus_sign: +1 where out > label, else -1 (ties give -1)
    return torch.where(diff > 0, 1.0, -1.0).to(diff.dtype)


_regression("LinearRegressionOutput", torch.clone, lambda d: d,
            "Identity forward; backward ``(out - label) * grad_scale / num_output`` (outputs per sample).")
_regression("LogisticRegressionOutput", torch.sigmoid, lambda d: d,
            "Sigmoid forward; backward ``(sigmoid(x) - label) * grad_scale / num_output``.")
_regression("MAERegressionOutput", torch.clone, _mae_sign,
            "Identity forward; backward ``sign(out - label) * grad_scale / num_output``.")


# ---- SVMOutput -----------------------------------------------------------------------------------------
def _svm_rule(margin, coef, use_linear):
    def rule(data, label, out, head):  # pylint: disable=unused-argument
        out2 = out.reshape(-1, out.shape[-1])
        lab = label.reshape(-1).to(torch.int64)
        is_label = _onehot(lab, out2.shape[1], torch.bool, 1)
        signed = torch.where(is_label, out2, -out2)  # the score that must exceed the margin
        active = (margin > signed).to(out.dtype)
        if use_linear:
            grad = active * coef
        else:
            grad = active * 2.0 * (margin - signed) * coef
        return torch.where(is_label, -grad, grad).reshape(out.shape)
    return rule


@register_op("SVMOutput", inputs=("data", "label"),
             params=dict(margin=Float(1.0), regularization_coefficient=Float(1.0), use_linear=Bool(False)))
def svm_output(data, label, *, margin, regularization_coefficient, use_linear):
    """Identity forward; backward of the (L2, or L1 with ``use_linear``) one-vs-all hinge loss with labels
    along the last axis."""
    check_same_dtype("SVMOutput", data, label)
    if tuple(label.shape) != tuple(data.shape[:-1]):
        raise _shape_error("SVMOutput", label.shape, data.shape[:-1])
    return _apply(data, label, torch.clone, _svm_rule(margin, regularization_coefficient, use_linear))


# ---- MakeLoss / make_loss ------------------------------------------------------------------------------
def _make_loss_rule(grad_scale, valid_thresh, normalization):
    def rule(data, label, out, head):  # pylint: disable=unused-argument
        if normalization == "batch":  # rows of the 2-D view: every axis but the last
            scale = grad_scale / (data.numel() // data.shape[-1] if data.dim() else 1)
        elif normalization == "valid":
            scale = grad_scale / (data > valid_thresh).sum().clamp(min=1).to(data.dtype)
        else:
            scale = grad_scale
        return torch.ones_like(data) * scale
    return rule


@register_op("MakeLoss", params=dict(grad_scale=Float(1.0), valid_thresh=Float(0.0), normalization=_NORM))
def make_loss_op(data, *, grad_scale, valid_thresh, normalization):
    """Identity forward; backward ``grad_scale / norm`` everywhere (the head gradient is ignored); ``valid``
    counts the elements above ``valid_thresh``."""
    return _apply(data, None, torch.clone, _make_loss_rule(grad_scale, valid_thresh, normalization))


@register_op("make_loss")
def make_loss(data):
    """Identity forward whose gradient is ones, whatever the head gradient."""
    return _apply(data, None, torch.clone, _make_loss_rule(1.0, 0.0, "null"))


# ---- softmax_cross_entropy -----------------------------------------------------------------------------
class _SoftmaxCE(torch.autograd.Function):
    @staticmethod
    def forward(ctx, data, label):  # pylint: disable=arguments-differ
        logp = torch.log_softmax(data, dim=1)
        onehot = _onehot(label.to(torch.int64), data.shape[1], data.dtype, 1)
        ctx.save_for_backward(logp, onehot)
        return -(logp * onehot).sum().reshape(1)

    @staticmethod
    def backward(ctx, head):  # pylint: disable=arguments-differ
        if ctx.needs_input_grad[1]:
            raise MXNetError("SoftmaxCrossEntropy: Cannot take gradient wrt label")
        logp, onehot = ctx.saved_tensors
        return (logp.exp() - onehot) * head, None


@register_op("softmax_cross_entropy", inputs=("data", "label"))
def softmax_cross_entropy(data, label):
    """Sum over the batch of ``-log(softmax(data)[label])``, shape (1,); data (batch, classes)."""
    check_same_dtype("softmax_cross_entropy", data, label)
    if data.dim() != 2 or label.dim() != 1 or label.shape[0] != data.shape[0]:
        raise MXNetError("Error in operator softmax_cross_entropy: data must be 2-D (batch, classes) and label "
                         "1-D of the batch size, got data {} and label {}".format(list(data.shape),
                                                                                   list(label.shape)))
    return _SoftmaxCE.apply(data, label)


# ---- IdentityAttachKLSparseReg -------------------------------------------------------------------------
def _kl_rule(target, penalty, momentum, moving_avg):
    def rule(data, label, out, head):  # pylint: disable=unused-argument
        if data.dim() != 2:
            raise MXNetError("Error in operator IdentityAttachKLSparseReg: backward supports 2-D data "
                             "(batch, units), got {}".format(list(data.shape)))
        # MXNet updates the running mean activation in backward, then penalises its KL divergence from
        # the target; the penalty is added to the head gradient.
        with torch.no_grad():
            moving_avg.mul_(momentum).add_(data.mean(dim=0), alpha=1.0 - momentum)
        avg = moving_avg.to(data.dtype)
        return head + penalty * (-target / avg + (1.0 - target) / (1.0 - avg))
    return rule


@register_op("IdentityAttachKLSparseReg", aux=("moving_avg",),
             params=dict(sparseness_target=Float(0.1), penalty=Float(0.001), momentum=Float(0.9)),
             # a legacy MXNet op: its argument list leaves the aux state out
             listed_args=("data", "sparseness_target", "penalty", "momentum"))
def identity_attach_kl_sparse_reg(data, moving_avg, *, sparseness_target, penalty, momentum):
    """Identity forward; backward adds a KL sparseness penalty on the running mean activation (aux
    ``moving_avg``, shape (units,), updated in place during backward)."""
    return _apply(data, None, torch.clone, _kl_rule(sparseness_target, penalty, momentum, moving_avg))


@identity_attach_kl_sparse_reg.param_shapes
def _(in_shapes, params):  # pylint: disable=unused-argument
    return {"moving_avg": (in_shapes["data"][1],)}
