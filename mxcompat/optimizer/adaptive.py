"""Per-element adaptive optimizers of ``mx.optimizer``: Adam, Adamax, Nadam, AdaGrad, AdaDelta, RMSProp (plain
and centered), Ftrl, FTML, LAMB, and the ``Test`` optimizer.

MXNet contract (1.9.1):

* ``Adam`` folds the bias correction into the rate, ``lr * sqrt(1 - beta2**t) / (1 - beta1**t)`` with ``t``
  the index's own update count, and calls ``adam_update`` (``wd`` added to the rescaled gradient before
  clipping). ``RMSProp`` (``rmsprop_update`` / ``rmspropalex_update`` when ``centered``), ``Ftrl`` and ``FTML``
  and ``LAMB`` (``lamb_update_phase1/2``; ``multi_lamb_update`` when an Updater hands it a group) call the
  registry kernels with the keywords MXNet passes, so they share those kernels' numerics.
* ``AdaGrad``, ``AdaDelta``, ``Adamax``, ``Nadam`` and ``Test`` are written in MXNet as NDArray arithmetic; here
  the same expressions run as torch tensor ops in the same order. Their rules, where MXNet differs between
  them: AdaGrad and AdaDelta keep float32 states (so a float16 weight fails, as in MXNet); AdaDelta scales
  the caller's ``grad`` array in place and ignores the learning rate; Adamax and Nadam add ``wd * w`` before
  clipping; Nadam's ``m_schedule`` is one product shared by all weights; these four clip whenever
  ``clip_gradient`` is not None (the fused kernels only when it is truthy).
"""
import math
import os

import torch

from .. import ndarray as nd
from ..base import MXNetError
from ..ndarray import NDArray, zeros
from .optimizer import Optimizer, register, _ImplOptimizer

__all__ = ["Adam", "Adamax", "Nadam", "AdaGrad", "AdaDelta", "RMSProp", "Ftrl", "FTML", "LAMB", "Test"]


def _zeros_like(weight, same_dtype=True):
    """A zero state like ``weight``: its storage type (as MXNet's states), its dtype or float32."""
    return zeros(weight.shape, weight.context, dtype=weight.dtype if same_dtype else None, stype=weight.stype)


def _clip(opt, t):
    if opt.clip_gradient is not None:
        t = t.clamp_(-opt.clip_gradient, opt.clip_gradient)
    return t


def _check_float32_state(state, g, op_name):
    """MXNet's elementwise ops refuse mixed dtypes: a float32 state cannot absorb another dtype's gradient."""
    if state.dtype != g.dtype:
        raise MXNetError("Error in operator {}: Check failed: assign(&dattr, vec.at(i)): Incompatible attr in node "
                         "at 1-th input: expected {}, got {}".format(op_name, str(state.dtype)[6:],
                                                                      str(g.dtype)[6:]))


def _fused_kwargs(opt, clip_name='clip_gradient', **kwargs):
    kwargs['rescale_grad'] = opt.rescale_grad
    if opt.clip_gradient:
        kwargs[clip_name] = opt.clip_gradient
    return kwargs


@register
class Adam(Optimizer):
    """Adam with the bias correction folded into the learning rate."""

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8, lazy_update=True, **kwargs):
        super(Adam, self).__init__(learning_rate=learning_rate, **kwargs)
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.lazy_update = lazy_update

    def create_state(self, index, weight):
        return (_zeros_like(weight), _zeros_like(weight))  # mean, variance

    def update(self, index, weight, grad, state):
        lr, wd = self._begin_update(index, weight, grad)
        t = self._index_update_count[index]
        lr *= math.sqrt(1. - self.beta2 ** t) / (1. - self.beta1 ** t)
        mean, var = state
        nd.adam_update(weight, grad, mean, var, out=weight, lazy_update=self.lazy_update, lr=lr, wd=wd,
                       **_fused_kwargs(self, beta1=self.beta1, beta2=self.beta2, epsilon=self.epsilon))


@register
class AdaGrad(Optimizer):
    """AdaGrad: ``history += g**2``, ``w -= lr * (g / sqrt(history + eps) + wd * w)``."""

    def __init__(self, eps=1e-7, **kwargs):
        super(AdaGrad, self).__init__(**kwargs)
        self.float_stable_eps = eps

    def create_state(self, index, weight):
        return _zeros_like(weight, same_dtype=False)  # history, float32

    def update(self, index, weight, grad, state):
        lr, wd = self._begin_update(index, weight, grad)
        with torch.no_grad():
            g = _clip(self, grad._data * self.rescale_grad)
            history, w = state._data, weight._data
            _check_float32_state(history, g, 'elemwise_add')
            history.add_(g * g)
            div = g / (history + self.float_stable_eps).sqrt_()
            w.add_((div + w * wd) * -lr)


@register
class RMSProp(Optimizer):
    """RMSProp (Tieleman & Hinton) or, with ``centered``, Graves' variant; states are float32."""

    def __init__(self, learning_rate=0.001, gamma1=0.9, gamma2=0.9, epsilon=1e-8, centered=False,
                 clip_weights=None, **kwargs):
        super(RMSProp, self).__init__(learning_rate=learning_rate, **kwargs)
        self.gamma1 = gamma1
        self.gamma2 = gamma2
        self.centered = centered
        self.epsilon = epsilon
        self.clip_weights = clip_weights

    def create_state(self, index, weight):
        count = 3 if self.centered else 1  # n[, g, delta]
        return tuple(_zeros_like(weight, same_dtype=False) for _ in range(count))

    def update(self, index, weight, grad, state):
        lr, wd = self._begin_update(index, weight, grad)
        kwargs = _fused_kwargs(self, gamma1=self.gamma1, epsilon=self.epsilon)
        if self.centered:
            kwargs['gamma2'] = self.gamma2
        if self.clip_weights:
            kwargs['clip_weights'] = self.clip_weights
        if self.centered:
            n, g, delta = state
            nd.rmspropalex_update(weight, grad, n, g, delta, out=weight, lr=lr, wd=wd, **kwargs)
        else:
            (n,) = state
            nd.rmsprop_update(weight, grad, n, out=weight, lr=lr, wd=wd, **kwargs)


@register
class AdaDelta(Optimizer):
    """AdaDelta (no learning rate); scales the caller's ``grad`` in place by ``rescale_grad`` as MXNet does."""

    def __init__(self, rho=0.90, epsilon=1e-5, **kwargs):
        super(AdaDelta, self).__init__(**kwargs)
        self.rho = rho
        self.epsilon = epsilon

    def create_state(self, index, weight):
        return (_zeros_like(weight, same_dtype=False), _zeros_like(weight, same_dtype=False))  # acc g, acc delta

    def update(self, index, weight, grad, state):
        assert isinstance(weight, NDArray)
        assert isinstance(grad, NDArray)
        wd = self._get_wd(index)
        self._update_count(index)
        acc_g, acc_delta = state[0]._data, state[1]._data
        with torch.no_grad():
            g = grad._data
            g.mul_(self.rescale_grad)
            if self.clip_gradient is not None:
                g = g.clamp(-self.clip_gradient, self.clip_gradient)
            _check_float32_state(acc_g, g, 'elemwise_add')
            acc_g.mul_(self.rho).add_((1. - self.rho) * g * g)
            delta = (acc_delta + self.epsilon).sqrt_() / (acc_g + self.epsilon).sqrt_() * g
            acc_delta.mul_(self.rho).add_((1. - self.rho) * delta * delta)
            w = weight._data
            w.sub_(delta + wd * w)


@register
class Ftrl(Optimizer):
    """FTRL-proximal (``ftrl_update``); states ``z`` and ``n`` are float32. ``learning_rate`` defaults to 0.1
    and, as in MXNet, is set after the base class (so it does not overwrite a scheduler's ``base_lr``)."""

    def __init__(self, lamda1=0.01, learning_rate=0.1, beta=1, **kwargs):
        super(Ftrl, self).__init__(**kwargs)
        self.lamda1 = lamda1
        self.beta = beta
        self.lr = learning_rate

    def create_state(self, index, weight):
        return (_zeros_like(weight, same_dtype=False), _zeros_like(weight, same_dtype=False))  # z, n

    def update(self, index, weight, grad, state):
        lr, wd = self._begin_update(index, weight, grad)
        z, n = state
        nd.ftrl_update(weight, grad, z, n, out=weight, lr=lr, wd=wd,
                       **_fused_kwargs(self, lamda1=self.lamda1, beta=self.beta))


@register
class FTML(Optimizer):
    """Follow the moving leader (``ftml_update``; states ``d``, ``v``, ``z`` in the weight's dtype)."""

    def __init__(self, beta1=0.6, beta2=0.999, epsilon=1e-8, **kwargs):
        super(FTML, self).__init__(**kwargs)
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon

    def create_state(self, index, weight):
        return (_zeros_like(weight), _zeros_like(weight), _zeros_like(weight))  # d, v, z

    def update(self, index, weight, grad, state):
        lr, wd = self._begin_update(index, weight, grad)
        t = self._index_update_count[index]
        prev_d, prev_v, prev_z = state
        nd.ftml_update(weight, grad, prev_d, prev_v, prev_z, out=weight, lr=lr, wd=wd,
                       **_fused_kwargs(self, 'clip_grad', beta1=self.beta1, beta2=self.beta2,
                                       epsilon=self.epsilon, t=t))


@register
class Adamax(Optimizer):
    """AdaMax: ``m = b1*m + (1-b1)*g``, ``u = max(b2*u, |g|)``, ``w -= lr/(1-b1**t) * m / u``."""

    def __init__(self, learning_rate=0.002, beta1=0.9, beta2=0.999, **kwargs):
        super(Adamax, self).__init__(learning_rate=learning_rate, **kwargs)
        self.beta1 = beta1
        self.beta2 = beta2

    def create_state(self, index, weight):
        return (_zeros_like(weight), _zeros_like(weight))  # mean, infinity norm

    def update(self, index, weight, grad, state):
        lr, wd = self._begin_update(index, weight, grad)
        t = self._index_update_count[index]
        lr /= (1. - self.beta1 ** t)
        m, u = state[0]._data, state[1]._data
        with torch.no_grad():
            w = weight._data
            g = _clip(self, grad._data * self.rescale_grad + wd * w)
            m.mul_(self.beta1).add_((1. - self.beta1) * g)
            torch.maximum(self.beta2 * u, g.abs(), out=u)
            w.sub_(lr * m / u)


@register
class Nadam(Optimizer):
    """Nesterov Adam with Dozat's momentum schedule (``schedule_decay``)."""

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8, schedule_decay=0.004, **kwargs):
        super(Nadam, self).__init__(learning_rate=learning_rate, **kwargs)
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.schedule_decay = schedule_decay
        self.m_schedule = 1.

    def create_state(self, index, weight):
        return (_zeros_like(weight), _zeros_like(weight))  # mean, variance

    def update(self, index, weight, grad, state):
        lr, wd = self._begin_update(index, weight, grad)
        t = self._index_update_count[index]
        momentum_t = self.beta1 * (1. - 0.5 * pow(0.96, t * self.schedule_decay))
        momentum_t_1 = self.beta1 * (1. - 0.5 * pow(0.96, (t + 1) * self.schedule_decay))
        self.m_schedule = self.m_schedule * momentum_t
        m_schedule_next = self.m_schedule * momentum_t_1
        m, v = state[0]._data, state[1]._data
        with torch.no_grad():
            w = weight._data
            g = _clip(self, grad._data * self.rescale_grad + wd * w)
            m.mul_(self.beta1).add_((1. - self.beta1) * g)
            v.mul_(self.beta2).add_((1. - self.beta2) * g * g)
            grad_prime = g / (1. - self.m_schedule)
            m_prime = m / (1. - m_schedule_next)
            v_prime = v / (1. - pow(self.beta2, t))
            m_bar = (1. - momentum_t) * grad_prime + momentum_t_1 * m_prime
            w.sub_(lr * m_bar / (v_prime.sqrt() + self.epsilon))


@register
class LAMB(_ImplOptimizer):
    """LAMB (layer-wise adaptive moments): phase 1 gives the Adam direction, phase 2 scales the step by the
    trust ratio ``|w| / |direction|`` (optionally bounded)."""

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-6, lower_bound=None,
                 upper_bound=None, bias_correction=True, **kwargs):
        super(LAMB, self).__init__(learning_rate=learning_rate, **kwargs)
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.lower_bound = lower_bound
        self.upper_bound = upper_bound
        self.bias_correction = bias_correction
        self.aggregate_num = max(1, min(45, int(os.getenv('MXNET_OPTIMIZER_AGGREGATION_SIZE', "45"))))

    def create_state(self, index, weight):
        return (_zeros_like(weight), _zeros_like(weight))  # mean, variance

    def _bounds(self, kwargs):
        if self.lower_bound:
            kwargs['lower_bound'] = self.lower_bound
        if self.upper_bound:
            kwargs['upper_bound'] = self.upper_bound
        return kwargs

    def _update_impl(self, index, weight, grad, state, multi_precision=False):
        kwargs = {'beta1': self.beta1, 'beta2': self.beta2, 'epsilon': self.epsilon,
                  'bias_correction': self.bias_correction, 'rescale_grad': self.rescale_grad}
        if self.clip_gradient:
            kwargs['clip_gradient'] = self.clip_gradient
        if self.aggregate_num > 1 and isinstance(index, (tuple, list)):
            self._update_group(index, weight, grad, state, multi_precision, self._bounds(kwargs))
            return
        if isinstance(index, (tuple, list)):
            assert len(index) == self.aggregate_num
            index, weight, grad, state = index[0], weight[0], grad[0], state[0]
        lr, wd = self._begin_update(index, weight, grad)
        kwargs['t'] = self._index_update_count[index]
        if multi_precision:
            weight32 = state[0]
            mean, var = state[1]
            g = nd.mp_lamb_update_phase1(weight, grad, mean, var, weight32, wd=wd, **kwargs)
            nd.mp_lamb_update_phase2(weight, g, weight32.norm(), g.norm(), weight32, lr=lr, out=weight,
                                     **self._bounds({}))
        else:
            mean, var = state
            g = nd.lamb_update_phase1(weight, grad, mean, var, wd=wd, **kwargs)
            nd.lamb_update_phase2(weight, g, weight.norm(), g.norm(), lr=lr, out=weight, **self._bounds({}))

    def _update_group(self, index, weight, grad, state, multi_precision, kwargs):
        step_count, lrs, wds = [], [], []
        for i, w_i, g_i in zip(index, weight, grad):
            assert isinstance(w_i, NDArray)
            assert isinstance(g_i, NDArray)
            self._update_count(i)
            step_count.append(self._index_update_count[i])
            lrs.append(self._get_lr(i))
            wds.append(self._get_wd(i))
        for start in range(0, len(weight), self.aggregate_num):
            end = min(start + self.aggregate_num, len(weight))
            chunk = slice(start, end)
            rates = dict(out=weight[chunk], step_count=step_count[chunk], lrs=lrs[chunk], wds=wds[chunk])
            if multi_precision:  # states are (float32 master, (mean, var))
                means = [s[1][0] for s in state[chunk]]
                variances = [s[1][1] for s in state[chunk]]
                masters = [s[0] for s in state[chunk]]
                nd.contrib.multi_mp_lamb_update(weight[chunk], grad[chunk], means, variances, masters,
                                                **rates, **kwargs)
            else:
                means = [s[0] for s in state[chunk]]
                variances = [s[1] for s in state[chunk]]
                nd.contrib.multi_lamb_update(weight[chunk], grad[chunk], means, variances, **rates, **kwargs)



@register
class Test(Optimizer):
    """MXNet's test optimizer: ``w += rescale_grad * g`` and the state (float32) becomes a copy of ``w``."""

    def __init__(self, **kwargs):  # pylint: disable=useless-super-delegation
        super(Test, self).__init__(**kwargs)

    def create_state(self, index, weight):
        return _zeros_like(weight, same_dtype=False)

    def update(self, index, weight, grad, state):
        with torch.no_grad():
            weight._data.add_(grad._data * self.rescale_grad)
            state._data.copy_(weight._data)
