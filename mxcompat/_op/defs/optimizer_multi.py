"""Aggregated optimizer operators: ``multi_*`` / ``preloaded_multi_*`` SGD, multi AdamW / LAMB, LARS helpers,
``multi_sum_sq``, ``(multi_)all_finite`` and ``reset_arrays``.

MXNet contract (1.9.1): the variadic update ops take their arrays interleaved per weight (``w0, g0, [mom0],
[w32_0], w1, g1, ...``) and ``num_weights`` says how many weights there are; ``lrs`` / ``wds`` are tuples
(or, for ``preloaded_*``, two trailing float32 arrays). The outputs are the ``num_weights`` new weights; the
states are updated in place. Formulas are those of the single-tensor ops in ``optimizer_ops.py``. Deliberate
difference: MXNet 1.9.1 fails these ops without ``out=`` (its imperative shape inference cannot size the
outputs); here they also work without it. SGD variants batch their arithmetic with ``torch._foreach_*``.
"""
import torch

from ..registry import register_op
from ..params import Bool, Float, FloatTuple, Int, Shape
from ...base import MXNetError
from .optimizer_ops import stateful, aliases, check_update_inputs, lamb_direction, lamb_ratio_step, adamw_step, \
    rescale_value


def _groups(op_name, data, num_weights, stride, extra=0):
    """Split the interleaved inputs into ``stride`` lists (weights, grads, ...) and the ``extra`` trailing ones."""
    want = num_weights * stride + extra
    if len(data) != want:
        raise MXNetError("Error in operator {}: Check failed: num_inputs == infered_num_inputs ({} vs. {}): "
                         "Operator {} expects {} inputs, but got {} instead.".format(
                             op_name, len(data), want, op_name, want, len(data)))
    body = data[:num_weights * stride]
    lists = [list(body[k::stride]) for k in range(stride)]
    return lists, list(data[num_weights * stride:])


def _check_rates(op_name, name, count, num_weights):
    if count != num_weights:
        raise MXNetError("Error in operator {}: Number of {} is inconsistent with num_weights parameter passed. "
                         "Expected number of {}: {}, and got {}".format(op_name, name, name, num_weights,
                                                                        count))


def _single(outs):
    return outs[0] if len(outs) == 1 else tuple(outs)


def _to_weight(new, weight, master):
    """Multi-precision: store the float32 result in the master copy and hand back the weight's dtype."""
    if master is None:
        return new
    master.copy_(new)
    return master.to(weight.dtype)


def _adam_like(lists, mp):
    """Per weight of an Adam-style op: (index, weight, grad, mean, var, float32 master or None, the tensor the
    update is computed on)."""
    for i, arrays in enumerate(zip(*lists)):
        weight, grad, mean, var = arrays[:4]
        master = arrays[4] if mp else None
        yield i, weight, grad, mean, var, master, weight if master is None else master


def _register_multi(name, fn, count, mp, doc):
    fn.__name__ = name.lstrip("_")
    fn.__doc__ = "MXNet's ``{}`` (``mx.nd.contrib`` wraps it): {}".format(name, doc)
    return register_op(name, inputs="*data", params=_MULTI_PARAMS[name.replace("_mp", "")],
                       num_outputs=lambda p: p[count], mutate=("mean", "var") + (("weight32",) if mp else ()))(fn)


def _check_each(op_name, lists, master):
    for tensors in zip(*lists):
        check_update_inputs(op_name, tensors, master=master)


# ---- SGD family -------------------------------------------------------------------------------------------
def _add_scaled_(targets, sources, coefs):
    """``targets[i] += coefs[i] * sources[i]`` in place, skipping zero coefficients; float coefficients take
    one fused ``alpha`` pass per distinct value (usually one or two: weights and wd-exempt biases), no
    temporaries."""
    if all(type(c) is float for c in coefs):  # noqa: E721
        by_coef = {}
        for t, x, c in zip(targets, sources, coefs):
            if c != 0:
                by_coef.setdefault(c, ([], []))
                by_coef[c][0].append(t)
                by_coef[c][1].append(x)
        for c, (ts, xs) in by_coef.items():
            torch._foreach_add_(ts, xs, alpha=c)
        return
    pairs = [(t, x, c) for t, x, c in zip(targets, sources, coefs) if isinstance(c, torch.Tensor) or c != 0]
    if pairs:
        targets, sources, coefs = zip(*pairs)
        torch._foreach_add_(list(targets), torch._foreach_mul(list(sources), list(coefs)))


def _multi_sgd(weights, grads, moms, lrs, wds, momentum, rescale_grad, clip_gradient, inplace):
    """New weights for per-weight ``lrs``/``wds`` (floats, or 0-d tensors for the preloaded ops); momentum
    buffers ``moms`` (or None) are updated in place, and so are the weights when ``inplace``.
    ``mom = momentum*mom - lr*wd*w - lr*rescale*g; w += mom`` (``w = (1 - lr*wd)*w - lr*rescale*g`` without
    momentum), with ``clip(rescale*g)`` in place of ``rescale*g`` when clipping."""
    if grads[0].dtype != weights[0].dtype:
        grads = [x.to(w.dtype) for x, w in zip(grads, weights)]
    if clip_gradient >= 0:  # -lr * clip(rescale * g): clip before scaling by the rate
        grads = torch._foreach_mul(grads, rescale_grad)
        torch._foreach_clamp_min_(grads, -clip_gradient)
        torch._foreach_clamp_max_(grads, clip_gradient)
        grad_coefs = [-lr for lr in lrs]
    else:
        grad_coefs = [-lr * rescale_grad for lr in lrs]
    if moms is None:
        new = weights if inplace else [w.clone() for w in weights]
        if any(isinstance(wd, torch.Tensor) or wd != 0 for wd in wds):
            torch._foreach_mul_(new, [1.0 - lr * wd for lr, wd in zip(lrs, wds)])
        _add_scaled_(new, grads, grad_coefs)
        return new
    torch._foreach_mul_(moms, momentum)
    _add_scaled_(moms, weights, [-lr * wd for lr, wd in zip(lrs, wds)])
    _add_scaled_(moms, grads, grad_coefs)
    if inplace:
        torch._foreach_add_(weights, moms)
        return weights
    return torch._foreach_add(weights, moms)


def _sgd_op(name, stride, mom, mp, preloaded):
    # MXNet's order: [lrs, wds,] [momentum,] rescale_grad, clip_gradient, num_weights
    params = dict(momentum=Float(0.0)) if mom else {}
    if not preloaded:
        params = dict(lrs=FloatTuple(), wds=FloatTuple(), **params)
    params.update(rescale_grad=Float(1.0), clip_gradient=Float(-1.0), num_weights=Int(1))

    @stateful
    def fn(*data, rescale_grad, clip_gradient, num_weights, lrs=None, wds=None, momentum=0.0, out=None):
        lists, tail = _groups(name, data, num_weights, stride, 2 if preloaded else 0)
        weights, grads = lists[0], lists[1]
        moms = lists[2] if mom else None
        masters = lists[-1] if mp else None
        _check_each(name, lists, master=(stride - 2) if mp else 0)
        if preloaded:
            lr_arr, wd_arr = tail
            for label, arr in (("learning rates", lr_arr), ("weight decays", wd_arr)):
                _check_rates(name, label, arr.numel(), num_weights)
            lrs, wds = list(lr_arr.reshape(-1).unbind(0)), list(wd_arr.reshape(-1).unbind(0))
        else:
            _check_rates(name, "learning rates", len(lrs), num_weights)
            _check_rates(name, "weight decays", len(wds), num_weights)
        if mp:
            _multi_sgd(masters, grads, moms, lrs, wds, momentum, rescale_grad, clip_gradient, True)
            return _single([m.to(w.dtype) for m, w in zip(masters, weights)])
        outs = out if isinstance(out, (list, tuple)) else [out]
        inplace = out is not None and len(outs) == num_weights and \
            all(o is w or aliases(o, w) for o, w in zip(outs, weights))
        return _single(list(_multi_sgd(weights, grads, moms, lrs, wds, momentum, rescale_grad, clip_gradient,
                                       inplace)))

    fn.__name__ = name
    fn.__doc__ = "MXNet's ``{}``: aggregated SGD over ``num_weights`` weights.".format(name)
    register_op(name, inputs="*data", params=params, num_outputs=lambda p: p["num_weights"], out_arg=True,
                mutate=(("mom",) if mom else ()) + (("weight32",) if mp else ()))(fn)


for _pre in (False, True):
    _prefix = "preloaded_" if _pre else ""
    _sgd_op(_prefix + "multi_sgd_update", 2, mom=False, mp=False, preloaded=_pre)
    _sgd_op(_prefix + "multi_sgd_mom_update", 3, mom=True, mp=False, preloaded=_pre)
    _sgd_op(_prefix + "multi_mp_sgd_update", 3, mom=False, mp=True, preloaded=_pre)
    _sgd_op(_prefix + "multi_mp_sgd_mom_update", 4, mom=True, mp=True, preloaded=_pre)


# ---- AdamW / LAMB (per-weight loop over the single-tensor kernels) ------------------------------------------
_MULTI_PARAMS = {
    "_multi_adamw_update": dict(lrs=FloatTuple(), beta1=Float(0.9), beta2=Float(0.999), epsilon=Float(1e-8),
                                wds=FloatTuple(), etas=FloatTuple(), clip_gradient=Float(-1.0), num_weights=Int(1)),
    "_multi_lamb_update": dict(learning_rates=FloatTuple(), beta1=Float(0.9), beta2=Float(0.999),
                               epsilon=Float(1e-6), wds=FloatTuple(), rescale_grad=Float(1.0),
                               lower_bound=Float(-1.0), upper_bound=Float(-1.0), clip_gradient=Float(-1.0),
                               bias_correction=Bool(True), step_count=Shape(), num_tensors=Int(1)),
}


def _adamw_multi_op(name, stride):
    mp = stride == 5

    @stateful
    def fn(*data, lrs, beta1, beta2, epsilon, wds, etas, clip_gradient, num_weights):
        lists, tail = _groups(name, data, num_weights, stride, 1)
        for label, vals in (("learning rates", lrs), ("weight decays", wds), ("etas", etas)):
            _check_rates(name, label, len(vals), num_weights)
        _check_each(name, lists, master=3 if mp else 0)
        scale, finite = rescale_value(tail[0])
        outs = []
        for i, weight, grad, mean, var, master, base in _adam_like(lists, mp):
            if not finite:
                outs.append(weight.clone())
                continue
            new = adamw_step(base, grad, mean, var, scale.to(base.dtype), lrs[i], beta1, beta2, epsilon, wds[i],
                             etas[i], clip_gradient)
            outs.append(_to_weight(new, weight, master))
        return _single(outs)

    _register_multi(name, fn, "num_weights", mp, "AdamW over ``num_weights`` weights; the last input is the "
                                                 "``rescale_grad`` array.")


_adamw_multi_op("_multi_adamw_update", 4)
_adamw_multi_op("_multi_mp_adamw_update", 5)


def _lamb_multi_op(name, stride):
    mp = stride == 5

    @stateful
    def fn(*data, learning_rates, beta1, beta2, epsilon, wds, rescale_grad, lower_bound, upper_bound,
           clip_gradient, bias_correction, step_count, num_tensors):
        lists, _ = _groups(name, data, num_tensors, stride)
        for label, vals in (("learning rates", learning_rates), ("weight decays", wds), ("step counts", step_count)):
            _check_rates(name, label, len(vals), num_tensors)
        outs = []
        for i, weight, grad, mean, var, master, base in _adam_like(lists, mp):
            g = lamb_direction(base, grad, mean, var, beta1, beta2, epsilon, step_count[i], bias_correction,
                               wds[i], rescale_grad, clip_gradient)
            # MXNet takes the weight norm from the (float16) weight even in the multi-precision variant.
            r1 = weight.float().norm().reshape(1)
            r2 = g.float().norm().reshape(1)
            new = lamb_ratio_step(base, g, r1, r2, learning_rates[i], lower_bound, upper_bound)
            outs.append(_to_weight(new, weight, master))
        return _single(outs)

    _register_multi(name, fn, "num_tensors", mp, "both LAMB phases over ``num_tensors`` weights, trust ratio "
                                                 "from each weight's and direction's 2-norms.")


_lamb_multi_op("_multi_lamb_update", 4)
_lamb_multi_op("_multi_mp_lamb_update", 5)


# ---- LARS helpers -----------------------------------------------------------------------------------------
@register_op("multi_sum_sq", inputs="*data", params=dict(num_arrays=Int()))
def multi_sum_sq(*data, num_arrays):
    """The sum of squares of each array, as one float32 array of shape ``(num_arrays,)``."""
    if len(data) != num_arrays:
        raise MXNetError("Error in operator multi_sum_sq: Operator multi_sum_sq expects {} inputs, but got {} "
                         "instead.".format(num_arrays, len(data)))
    dtype = data[0].dtype
    for i, x in enumerate(data):
        if x.dtype != dtype:
            raise MXNetError("Error in operator multi_sum_sq: This layer requires uniform type. Expected '{}' v.s. "
                             "given '{}' at 'array_{}'".format(str(dtype)[6:], str(x.dtype)[6:], i))
    # MXNet squares in the input dtype and accumulates in float32.
    squares = torch._foreach_mul(list(data), list(data))
    return torch.stack([sq.sum(dtype=torch.float32) for sq in squares])


@register_op("multi_lars", inputs=("lrs", "weights_sum_sq", "grads_sum_sq", "wds"),
             params=dict(eta=Float(), eps=Float(), rescale_grad=Float(1.0)))
def multi_lars(lrs, weights_sum_sq, grads_sum_sq, wds, eta, eps, rescale_grad):
    """Layer-wise rates: ``lr * eta * |w| / (|g| * rescale + wd * |w| + eps)`` where both norms are > 0,
    else ``lr``. float32 only, as in MXNet."""
    for t in (lrs, weights_sum_sq, grads_sum_sq, wds):
        if t.dtype != torch.float32:
            raise MXNetError("Error in operator multi_lars: MultiLARS only support float")
    w_norm = weights_sum_sq.sqrt()
    g_norm = grads_sum_sq.sqrt()
    scaled = lrs * eta * w_norm / (g_norm * rescale_grad + wds * w_norm + eps)
    return torch.where((w_norm > 0) & (g_norm > 0), scaled, lrs)


# ---- finiteness checks, reset -----------------------------------------------------------------------------
def _finite_flag(data, init_output, out, op_name):
    """float32 ``[1.]`` when every element is finite, else ``[0.]``. With ``init_output=False`` MXNet only
    ever writes 0, so a finite result keeps what ``out`` held (a fresh array: 1, where MXNet leaves garbage)."""
    for x in data:
        if not x.is_floating_point():
            raise MXNetError("Error in operator {}: This operation only support floating point types".format(
                op_name))
    finite = torch.stack([torch.isfinite(x).all() for x in data]).all().reshape(1)
    flag = finite.to(torch.float32)
    if not init_output and out is not None:
        prev = out[0] if isinstance(out, (list, tuple)) else out
        flag = torch.where(finite, prev.reshape(1).to(torch.float32), flag)
    return flag


@register_op("all_finite", params=dict(init_output=Bool(True)), out_arg=True)
def all_finite(data, init_output, out=None):
    return _finite_flag((data,), init_output, out, "all_finite")


@register_op("multi_all_finite", inputs="*data", params=dict(num_arrays=Int(1), init_output=Bool(True)),
             out_arg=True)
def multi_all_finite(*data, num_arrays, init_output, out=None):
    if len(data) != num_arrays:
        raise MXNetError("Error in operator multi_all_finite: Operator multi_all_finite expects {} inputs, but got "
                         "{} instead.".format(num_arrays, len(data)))
    return _finite_flag(data, init_output, out, "multi_all_finite")


@register_op("reset_arrays", inputs="*data", params=dict(num_arrays=Int()), num_outputs=0, mutate=("data",))
@stateful
def reset_arrays(*data, num_arrays):
    """Set every input to zero in place; no outputs (``mx.gluon.Parameter.zero_grad`` uses it)."""
    if len(data) != num_arrays:
        raise MXNetError("Error in operator reset_arrays: Operator reset_arrays expects {} inputs, but got {} "
                         "instead.".format(num_arrays, len(data)))
    for x in data:
        if not x.is_floating_point():
            raise MXNetError("Error in operator reset_arrays: This operation only support floating point types, "
                             "not {}".format(str(x.dtype)[6:]))
    torch._foreach_zero_(list(data))
    return ()
