"""Optimizer update operators, one tensor at a time: ``sgd_update``, ``sgd_mom_update``, ``adam_update``, ...

MXNet contract (1.9.1): an update op returns the new weight and leaves ``weight`` itself alone unless the
caller passes ``out=weight`` (what ``mx.optimizer`` does); optimizer states (``mom``, ``mean``, ``var``,
``n``, ``z``, ``weight32`` ...) are *mutable inputs* and are always updated in place. Here the torch function
updates the state tensors in place under ``torch.no_grad`` and returns the new weight; the front-end's
``out=`` copies it into the weight. The formulas follow MXNet's kernels term for term: where ``rescale_grad``,
``clip_gradient`` (``< 0`` means off) and ``wd`` enter differs between optimizers, and the comments say how.
``lazy_update`` only matters for row-sparse gradients; on dense arrays it is the ordinary update, as in MXNet.
The ``mp_*`` variants keep a float32 master copy ``weight32`` (updated in place) for a float16 ``weight``;
the returned weight is ``weight32`` cast to the weight's dtype.

The aggregated variants (``multi_*``, ``preloaded_multi_*``, LARS/LAMB helpers, ``reset_arrays``) live in
``optimizer_multi.py``.
"""
import functools

import torch

from ..registry import register_op
from ..params import Bool, Float, Int
from ...base import MXNetError, dtype_name

_FLOATS = (torch.float16, torch.float32, torch.float64, torch.bfloat16)


# ---- shared pieces ----------------------------------------------------------------------------------------
def stateful(fn):
    """Run an update under ``no_grad``: states are overwritten in place and updates are not differentiated."""
    @functools.wraps(fn)
    def run(*args, **kwargs):
        with torch.no_grad():
            return fn(*args, **kwargs)
    return run


def check_update_inputs(op_name, tensors, master=0):
    """MXNet's checks: one shape for all, floating point, and the weight's dtype for every input except the
    last ``master`` ones (``mp_*``: float32 states and master weights)."""
    w = tensors[0]
    if w.dtype not in _FLOATS:
        raise MXNetError("Error in operator {}: This operation only support floating point types, not {}".format(
            op_name, dtype_name(w.dtype)))
    shape = w.shape
    n_same = len(tensors) - master
    for i, t in enumerate(tensors[1:], 1):
        if t.shape != shape:
            raise MXNetError("Error in operator {}: Incompatible attr in node at {}-th input: expected {}, got {}"
                             .format(op_name, i, tuple(shape), tuple(t.shape)))
        want = w.dtype if i < n_same else torch.float32
        if t.dtype != want:
            raise MXNetError("Error in operator {}: Incompatible attr in node at {}-th input: expected {}, got {}"
                             .format(op_name, i, dtype_name(want), dtype_name(t.dtype)))


def scaled_grad(grad, rescale_grad, clip_gradient, dtype=None):
    """``clip(rescale_grad * grad, clip_gradient)`` (no clipping when ``clip_gradient < 0``). May return
    ``grad`` itself: callers only read it."""
    if dtype is not None and grad.dtype != dtype:
        grad = grad.to(dtype)
    elif rescale_grad == 1.0 and clip_gradient < 0:
        return grad
    g = grad * rescale_grad
    if clip_gradient >= 0:
        g = g.clamp_(-clip_gradient, clip_gradient)
    return g


def aliases(out, tensor):
    """Whether the caller's ``out=`` is ``tensor``'s memory (the optimizer's ``out=weight``)."""
    out = out[0] if isinstance(out, (list, tuple)) else out
    return (out is not None and out.data_ptr() == tensor.data_ptr() and out.shape == tensor.shape
            and out.stride() == tensor.stride())


def grad_with_wd(grad, weight, rescale_grad, clip_gradient, wd):
    """``clip(rescale_grad * grad + wd * weight)``: Adam, RMSProp and FTML fold weight decay in before clipping."""
    g = torch.add(grad * rescale_grad, weight, alpha=wd) if wd else grad * rescale_grad
    if clip_gradient >= 0:
        g = g.clamp_(-clip_gradient, clip_gradient)
    return g


_SGD = dict(lr=Float(), wd=Float(0.0), rescale_grad=Float(1.0), clip_gradient=Float(-1.0))
_MOM = dict(lr=Float(), momentum=Float(0.0), wd=Float(0.0), rescale_grad=Float(1.0), clip_gradient=Float(-1.0))
_LAZY = dict(lazy_update=Bool(True))


# ---- SGD ----------------------------------------------------------------------------------------------------
def sgd_step(weight, grad, lr, wd, rescale_grad, clip_gradient, inplace=False):
    """``(1 - lr*wd) * w - lr * clip(rescale*g)``; ``inplace`` writes it into ``weight``."""
    g = scaled_grad(grad, rescale_grad, clip_gradient, weight.dtype)
    if inplace:
        return (weight.mul_(1.0 - lr * wd) if wd else weight).add_(g, alpha=-lr)
    return torch.add(weight * (1.0 - lr * wd) if wd else weight, g, alpha=-lr)


def sgd_mom_step(weight, grad, mom, lr, momentum, wd, rescale_grad, clip_gradient, inplace=False):
    """``mom = momentum*mom - lr*wd*w - lr*clip(rescale*g)`` in place; returns ``w + mom`` (written into
    ``weight`` when ``inplace``)."""
    g = scaled_grad(grad, rescale_grad, clip_gradient, mom.dtype)
    mom.mul_(momentum)
    if wd:
        mom.add_(weight, alpha=-lr * wd)
    mom.add_(g, alpha=-lr)
    return weight.add_(mom) if inplace else weight + mom


# The front-end copies an op's result into ``out=``; when ``out`` is the weight itself (mx.optimizer's call)
# the update is written there directly and that copy becomes a no-op.
@register_op("sgd_update", inputs=("weight", "grad"), params=dict(_SGD, **_LAZY), out_arg=True)
@stateful
def sgd_update(weight, grad, lr, wd, rescale_grad, clip_gradient, lazy_update, out=None):
    check_update_inputs("sgd_update", (weight, grad))
    return sgd_step(weight, grad, lr, wd, rescale_grad, clip_gradient, aliases(out, weight))


@register_op("sgd_mom_update", inputs=("weight", "grad", "mom"), params=dict(_MOM, **_LAZY), mutate=("mom",),
             out_arg=True)
@stateful
def sgd_mom_update(weight, grad, mom, lr, momentum, wd, rescale_grad, clip_gradient, lazy_update, out=None):
    check_update_inputs("sgd_mom_update", (weight, grad, mom))
    return sgd_mom_step(weight, grad, mom, lr, momentum, wd, rescale_grad, clip_gradient, aliases(out, weight))


@register_op("mp_sgd_update", inputs=("weight", "grad", "weight32"), params=dict(_SGD, **_LAZY),
             mutate=("weight32",))
@stateful
def mp_sgd_update(weight, grad, weight32, lr, wd, rescale_grad, clip_gradient, lazy_update):
    check_update_inputs("mp_sgd_update", (weight, grad, weight32), master=1)
    sgd_step(weight32, grad, lr, wd, rescale_grad, clip_gradient, inplace=True)
    return weight32.to(weight.dtype)


@register_op("mp_sgd_mom_update", inputs=("weight", "grad", "mom", "weight32"), params=dict(_MOM, **_LAZY),
             mutate=("mom", "weight32"))
@stateful
def mp_sgd_mom_update(weight, grad, mom, weight32, lr, momentum, wd, rescale_grad, clip_gradient, lazy_update):
    check_update_inputs("mp_sgd_mom_update", (weight, grad, mom, weight32), master=2)
    sgd_mom_step(weight32, grad, mom, lr, momentum, wd, rescale_grad, clip_gradient, inplace=True)
    return weight32.to(weight.dtype)


# ---- Nesterov ----------------------------------------------------------------------------------------------
def _nag_step(weight, grad, mom, lr, momentum, wd, rescale_grad, clip_gradient, decay_from_new):
    """MXNet: ``g = clip(rescale*grad) + wd*w`` (decay after clipping); ``w + momentum*m - lr*g`` with
    ``m = momentum*mom - lr*g``. Quirk kept: MXNet writes the weight before the state, so when the new weight
    lands on the old one (``out=weight``; always for the master weight of ``mp_nag_mom_update``) the state's
    decay term reads the *new* weight."""
    gc = scaled_grad(grad, rescale_grad, clip_gradient, mom.dtype)
    g = torch.add(gc, weight, alpha=wd) if wd else gc
    new_mom = torch.add(mom * momentum, g, alpha=-lr)
    new_w = torch.add(weight, new_mom, alpha=momentum).add_(g, alpha=-lr)
    if decay_from_new and wd:
        new_mom = torch.add(mom * momentum, torch.add(gc, new_w, alpha=wd), alpha=-lr)
    mom.copy_(new_mom)
    return new_w


@register_op("nag_mom_update", inputs=("weight", "grad", "mom"), params=_MOM, mutate=("mom",), out_arg=True)
@stateful
def nag_mom_update(weight, grad, mom, lr, momentum, wd, rescale_grad, clip_gradient, out=None):
    check_update_inputs("nag_mom_update", (weight, grad, mom))
    return _nag_step(weight, grad, mom, lr, momentum, wd, rescale_grad, clip_gradient, aliases(out, weight))


@register_op("mp_nag_mom_update", inputs=("weight", "grad", "mom", "weight32"), params=_MOM,
             mutate=("mom", "weight32"))
@stateful
def mp_nag_mom_update(weight, grad, mom, weight32, lr, momentum, wd, rescale_grad, clip_gradient):
    check_update_inputs("mp_nag_mom_update", (weight, grad, mom, weight32), master=2)
    weight32.copy_(_nag_step(weight32, grad, mom, lr, momentum, wd, rescale_grad, clip_gradient, True))
    return weight32.to(weight.dtype)


# ---- Adam / AdamW ------------------------------------------------------------------------------------------
def adam_moments(g, mean, var, beta1, beta2):
    """``mean = b1*mean + (1-b1)*g``, ``var = b2*var + (1-b2)*g^2``, in place."""
    mean.mul_(beta1).add_(g, alpha=1.0 - beta1)
    var.mul_(beta2).addcmul_(g, g, value=1.0 - beta2)


@register_op("adam_update", inputs=("weight", "grad", "mean", "var"), mutate=("mean", "var"),
             params=dict(lr=Float(), beta1=Float(0.9), beta2=Float(0.999), epsilon=Float(1e-8), wd=Float(0.0),
                         rescale_grad=Float(1.0), clip_gradient=Float(-1.0), lazy_update=Bool(True)))
@stateful
def adam_update(weight, grad, mean, var, lr, beta1, beta2, epsilon, wd, rescale_grad, clip_gradient, lazy_update):
    """No bias correction here: ``mx.optimizer.Adam`` folds it into ``lr``."""
    check_update_inputs("adam_update", (weight, grad, mean, var))
    g = grad_with_wd(grad, weight, rescale_grad, clip_gradient, wd)
    adam_moments(g, mean, var, beta1, beta2)
    return weight - lr * mean / (var.sqrt() + epsilon)


def adamw_step(weight, grad, mean, var, scale, lr, beta1, beta2, epsilon, wd, eta, clip_gradient,
               write_grad=False):
    """Decoupled weight decay: ``w - eta * (lr * mean / (sqrt(var) + eps) + wd * w)``. ``write_grad``: store
    the rescaled, clipped gradient back into ``grad`` (MXNet's single-tensor float32 kernel does)."""
    g = grad.to(mean.dtype) * scale
    if clip_gradient >= 0:
        g = g.clamp_(-clip_gradient, clip_gradient)
    if write_grad:
        grad.copy_(g)
    adam_moments(g, mean, var, beta1, beta2)
    step = lr * mean / (var.sqrt() + epsilon)
    if wd:
        step.add_(weight, alpha=wd)
    return weight - eta * step


def rescale_value(rescale_grad):
    """MXNet reads ``rescale_grad`` from a 1-element array and skips the whole update (weights, states and
    ``grad`` untouched) when it is inf, nan or zero, as the AdamW kernels do for a loss scaler's overflow."""
    scale = rescale_grad.reshape(-1)[:1].float()
    return scale, bool(torch.isfinite(scale).all() and (scale != 0).all())


_ADAMW = dict(lr=Float(), beta1=Float(0.9), beta2=Float(0.999), epsilon=Float(1e-8), wd=Float(0.0), eta=Float(),
              clip_gradient=Float(-1.0))


@register_op("_adamw_update", inputs=("weight", "grad", "mean", "var", "rescale_grad"), params=_ADAMW,
             mutate=("mean", "var"))
@stateful
def adamw_update(weight, grad, mean, var, rescale_grad, lr, beta1, beta2, epsilon, wd, eta, clip_gradient):
    """``mx.nd.contrib.adamw_update``'s kernel; ``rescale_grad`` is an array (not finite or 0: no update, where
    MXNet returns an uninitialised array unless ``out=weight``). As in MXNet, ``grad`` is overwritten with the
    rescaled, clipped gradient."""
    check_update_inputs("_adamw_update", (weight, grad, mean, var))
    scale, finite = rescale_value(rescale_grad)
    if not finite:
        return weight.clone()
    return adamw_step(weight, grad, mean, var, scale.to(weight.dtype), lr, beta1, beta2, epsilon, wd, eta,
                      clip_gradient, write_grad=True)


@register_op("_mp_adamw_update", inputs=("weight", "grad", "mean", "var", "weight32", "rescale_grad"),
             params=_ADAMW, mutate=("mean", "var", "weight32"))
@stateful
def mp_adamw_update(weight, grad, mean, var, weight32, rescale_grad, lr, beta1, beta2, epsilon, wd, eta,
                    clip_gradient):
    check_update_inputs("_mp_adamw_update", (weight, grad, mean, var, weight32), master=3)
    scale, finite = rescale_value(rescale_grad)
    if not finite:
        return weight.clone()
    weight32.copy_(adamw_step(weight32, grad, mean, var, scale, lr, beta1, beta2, epsilon, wd, eta,
                              clip_gradient))
    return weight32.to(weight.dtype)


# ---- RMSProp -----------------------------------------------------------------------------------------------
def _clip_weights(w, clip_weights):
    return w.clamp_(-clip_weights, clip_weights) if clip_weights >= 0 else w


_RMS = dict(lr=Float(), gamma1=Float(0.95), epsilon=Float(1e-8), wd=Float(0.0), rescale_grad=Float(1.0),
            clip_gradient=Float(-1.0), clip_weights=Float(-1.0))
# MXNet's order: rmspropalex_update's gamma2 follows gamma1 (positional calls bind by it)
_RMS_ALEX = dict(list(_RMS.items())[:2] + [("gamma2", Float(0.9))] + list(_RMS.items())[2:])


@register_op("rmsprop_update", inputs=("weight", "grad", "n"), params=_RMS, mutate=("n",))
@stateful
def rmsprop_update(weight, grad, n, lr, gamma1, epsilon, wd, rescale_grad, clip_gradient, clip_weights):
    """Tieleman & Hinton: ``n = (1-g1)*g^2 + g1*n``; ``w -= lr * g / sqrt(n + eps)``."""
    check_update_inputs("rmsprop_update", (weight, grad, n))
    g = grad_with_wd(grad, weight, rescale_grad, clip_gradient, wd)
    n.mul_(gamma1).addcmul_(g, g, value=1.0 - gamma1)
    return _clip_weights(weight - lr * g / (n + epsilon).sqrt_(), clip_weights)


@register_op("rmspropalex_update", inputs=("weight", "grad", "n", "g", "delta"), mutate=("n", "g", "delta"),
             params=_RMS_ALEX)
@stateful
def rmspropalex_update(weight, grad, n, g, delta, lr, gamma1, gamma2, epsilon, wd, rescale_grad, clip_gradient,
                       clip_weights):
    """Graves' variant: also tracks the mean gradient ``g`` and a momentum ``delta``."""
    check_update_inputs("rmspropalex_update", (weight, grad, n, g, delta))
    gr = grad_with_wd(grad, weight, rescale_grad, clip_gradient, wd)
    n.mul_(gamma1).addcmul_(gr, gr, value=1.0 - gamma1)
    g.mul_(gamma1).add_(gr, alpha=1.0 - gamma1)
    delta.mul_(gamma2).sub_(lr * gr / (n - g * g + epsilon).sqrt_())
    return _clip_weights(weight + delta, clip_weights)


# ---- FTRL / FTML -------------------------------------------------------------------------------------------
@register_op("ftrl_update", inputs=("weight", "grad", "z", "n"), mutate=("z", "n"),
             params=dict(lr=Float(), lamda1=Float(0.01), beta=Float(1.0), wd=Float(0.0), rescale_grad=Float(1.0),
                         clip_gradient=Float(-1.0)))
@stateful
def ftrl_update(weight, grad, z, n, lr, lamda1, beta, wd, rescale_grad, clip_gradient):
    """McMahan et al.'s FTRL-Proximal; ``wd`` enters as an L2 term of the closed-form weight."""
    check_update_inputs("ftrl_update", (weight, grad, z, n))
    g = scaled_grad(grad, rescale_grad, clip_gradient)
    n_new = n + g * g
    z.add_(g).sub_((n_new.sqrt() - n.sqrt()) * weight / lr)
    n.copy_(n_new)
    w = (torch.sign(z) * lamda1 - z) / ((beta + n.sqrt()) / lr + wd)
    return w * (z.abs() > lamda1).to(w.dtype)


@register_op("ftml_update", inputs=("weight", "grad", "d", "v", "z"), mutate=("d", "v", "z"),
             params=dict(lr=Float(), beta1=Float(0.6), beta2=Float(0.999), epsilon=Float(1e-8), t=Int(),
                         wd=Float(0.0), rescale_grad=Float(1.0), clip_grad=Float(-1.0)))
@stateful
def ftml_update(weight, grad, d, v, z, lr, beta1, beta2, epsilon, t, wd, rescale_grad, clip_grad):
    """Zheng & Kwok's FTML at step ``t`` (1-based); returns ``-z / d``."""
    check_update_inputs("ftml_update", (weight, grad, d, v, z))
    g = grad_with_wd(grad, weight, rescale_grad, clip_grad, wd)
    v.mul_(beta2).addcmul_(g, g, value=1.0 - beta2)
    d_t = (v / (1.0 - beta2 ** t)).sqrt_().add_(epsilon).mul_((1.0 - beta1 ** t) / lr)
    z.mul_(beta1).add_(g, alpha=1.0 - beta1).sub_((d_t - beta1 * d) * weight)
    d.copy_(d_t)
    return -z / d_t


# ---- sign methods ------------------------------------------------------------------------------------------
@register_op("signsgd_update", inputs=("weight", "grad"), params=_SGD)
@stateful
def signsgd_update(weight, grad, lr, wd, rescale_grad, clip_gradient):
    """``(1 - lr*wd) * w - lr * sign(grad)`` (rescaling and clipping cannot change a sign)."""
    check_update_inputs("signsgd_update", (weight, grad))
    return torch.add(weight * (1.0 - lr * wd), torch.sign(grad), alpha=-lr)


@register_op("signum_update", inputs=("weight", "grad", "mom"), params=dict(_MOM, wd_lh=Float(0.0)),
             mutate=("mom",))
@stateful
def signum_update(weight, grad, mom, lr, momentum, wd, rescale_grad, clip_gradient, wd_lh):
    """``mom = momentum*mom - (1-momentum)*(wd*w + clip(rescale*g))``; ``w = (1-lr*wd_lh)*w + lr*sign(mom)``."""
    check_update_inputs("signum_update", (weight, grad, mom))
    g = scaled_grad(grad, rescale_grad, clip_gradient)
    mom.mul_(momentum).add_(weight, alpha=-(1.0 - momentum) * wd).add_(g, alpha=-(1.0 - momentum))
    return torch.add(weight * (1.0 - lr * wd_lh), torch.sign(mom), alpha=lr)


# ---- LAMB (two phases; the Python optimizer computes the norms in between) ---------------------------------
_LAMB1 = dict(beta1=Float(0.9), beta2=Float(0.999), epsilon=Float(1e-6), t=Int(), bias_correction=Bool(True),
              wd=Float(), rescale_grad=Float(1.0), clip_gradient=Float(-1.0))
_LAMB2 = dict(lr=Float(), lower_bound=Float(-1.0), upper_bound=Float(-1.0))


def lamb_direction(weight, grad, mean, var, beta1, beta2, epsilon, t, bias_correction, wd, rescale_grad,
                   clip_gradient):
    """Adam's direction (bias-corrected unless told not to) plus ``wd * w``; updates mean/var in place."""
    g = scaled_grad(grad, rescale_grad, clip_gradient, mean.dtype)
    adam_moments(g, mean, var, beta1, beta2)
    if bias_correction:
        m_hat = mean / (1.0 - beta1 ** t)
        v_hat = var / (1.0 - beta2 ** t)
        out = m_hat.div_(v_hat.sqrt_().add_(epsilon))
    else:
        out = mean / (var.sqrt() + epsilon)
    return out.add_(weight, alpha=wd) if wd else out


def lamb_ratio_step(weight, g, r1, r2, lr, lower_bound, upper_bound):
    """``w - lr * (r1/r2) * g`` with ``r1`` clamped to the bounds; the ratio is 1 when either norm is 0."""
    r1 = r1.to(weight.dtype)
    r2 = r2.to(weight.dtype)
    if lower_bound >= 0:
        r1 = r1.clamp_min(lower_bound)
    if upper_bound >= 0:
        r1 = r1.clamp_max(upper_bound)
    ratio = torch.where((r1 == 0) | (r2 == 0), torch.ones_like(r1), r1 / r2)
    return weight - (lr * ratio) * g.to(weight.dtype)


@register_op("lamb_update_phase1", inputs=("weight", "grad", "mean", "var"), params=_LAMB1,
             mutate=("mean", "var"))
@stateful
def lamb_update_phase1(weight, grad, mean, var, beta1, beta2, epsilon, t, bias_correction, wd, rescale_grad,
                       clip_gradient):
    check_update_inputs("lamb_update_phase1", (weight, grad, mean, var))
    return lamb_direction(weight, grad, mean, var, beta1, beta2, epsilon, t, bias_correction, wd, rescale_grad,
                          clip_gradient)


@register_op("lamb_update_phase2", inputs=("weight", "g", "r1", "r2"), params=_LAMB2)
@stateful
def lamb_update_phase2(weight, g, r1, r2, lr, lower_bound, upper_bound):
    check_update_inputs("lamb_update_phase2", (weight, g))
    return lamb_ratio_step(weight, g, r1, r2, lr, lower_bound, upper_bound)


@register_op("mp_lamb_update_phase1", inputs=("weight", "grad", "mean", "var", "weight32"), params=_LAMB1,
             mutate=("mean", "var"))
@stateful
def mp_lamb_update_phase1(weight, grad, mean, var, weight32, beta1, beta2, epsilon, t, bias_correction, wd,
                          rescale_grad, clip_gradient):
    """Returns the float32 direction ``g`` (computed from the float32 master weight)."""
    check_update_inputs("mp_lamb_update_phase1", (weight, grad, mean, var, weight32), master=3)
    return lamb_direction(weight32, grad, mean, var, beta1, beta2, epsilon, t, bias_correction, wd, rescale_grad,
                          clip_gradient)


@register_op("mp_lamb_update_phase2", inputs=("weight", "g", "r1", "r2", "weight32"), params=_LAMB2)
@stateful
def mp_lamb_update_phase2(weight, g, r1, r2, weight32, lr, lower_bound, upper_bound):
    """The step is taken from ``weight32``, but, as in MXNet 1.9.1, ``weight32`` itself is left unchanged."""
    return lamb_ratio_step(weight32, g, r1, r2, lr, lower_bound, upper_bound).to(weight.dtype)

