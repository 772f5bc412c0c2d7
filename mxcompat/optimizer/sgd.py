"""The SGD family of ``mx.optimizer``: SGD (and its old name ccSGD), NAG, Signum, LARS, LBSGD, DCASGD, SGLD.

MXNet contract (1.9.1), where each optimizer puts ``rescale_grad``, clipping and weight decay:

* ``SGD``: ``mom = momentum*mom - lr*(clip(rescale*g) + wd*w)``, ``w += mom`` (plain ``w -= ...`` without
  momentum). MXNet runs every dense update through the aggregated ``multi_sgd_*`` kernels, one weight or a
  group of up to ``aggregate_num`` (``MXNET_OPTIMIZER_AGGREGATION_SIZE``, default 4); so does this module.
  With ``multi_precision`` a float16 weight's state is ``(momentum, float32 master)``.
* ``NAG``: ``nag_mom_update`` (``mom = momentum*mom + g + wd*w``, ``w -= lr*(g + momentum*mom)``).
* ``Signum``: ``signum_update`` / ``signsgd_update`` with MXNet's optional ``wd_lh`` (decoupled decay).
* ``LARS``: SGD whose per-layer rate is ``lr * eta * |w| / (|g|*rescale + wd*|w| + eps)`` (``multi_lars``)
  except for ``*gamma``/``*beta``/``*bias`` parameters; with ``momentum_correction`` the momentum is scaled by
  ``cur_lr / last_lr``. Weight decay only applies to ``*_weight`` names.
* ``LBSGD``: accumulates ``batch_scale`` gradients, then SGD with a warmup multiplier (``linear``, ``power2``,
  ``sqrt``) or a LARS-like ratio (``lars``); the learning rate is read before the update count is bumped.
* ``DCASGD``: delay-compensated SGD; as in MXNet, ``momentum != 0`` fails (MXNet tests the momentum NDArray's
  truth value: ValueError for more than one element, AssertionError for one).
* ``SGLD``: ``w -= lr/2 * (clip(rescale*g) + wd*w)`` plus ``N(0, sqrt(lr))`` noise drawn from torch's
  generator (so values differ from MXNet's, the distribution does not).

Sparse (row_sparse / csr) weights or gradients are updated one at a time by ``sgd_update`` /
``sgd_mom_update`` with ``lazy_update`` (only the rows a row_sparse gradient stores), as MXNet does; the
momentum of a lazy SGD has the weight's storage type.
"""
import logging
import math
import os

import numpy
import torch

from .. import ndarray as nd
from ..ndarray import NDArray, zeros, array
from .optimizer import Optimizer, register, _flatten_list, _warn_fp16, _ImplOptimizer

__all__ = ["SGD", "ccSGD", "NAG", "Signum", "LARS", "LBSGD", "DCASGD", "SGLD"]


def _aggregation_size(default):
    return int(os.getenv('MXNET_OPTIMIZER_AGGREGATION_SIZE', str(default)))


def _common_kwargs(opt, momentum=None):
    """The op keywords MXNet passes: ``rescale_grad`` always, ``momentum`` when positive, ``clip_gradient``
    when truthy (0 and None both mean no clipping for the fused kernels)."""
    kwargs = {'rescale_grad': opt.rescale_grad}
    momentum = opt.momentum if momentum is None else momentum
    if opt.momentum > 0:
        kwargs['momentum'] = momentum
    if opt.clip_gradient:
        kwargs['clip_gradient'] = opt.clip_gradient
    return kwargs


def _momentum_state(opt, weight):
    if opt.momentum != 0.0:  # SGD's lazy momentum has the weight's storage type, as in MXNet
        stype = weight.stype if getattr(opt, 'lazy_update', False) else 'default'
        return zeros(weight.shape, weight.context, dtype=weight.dtype, stype=stype)
    return None


def _one_weight_step(mom_op, mp_mom_op, weight, grad, state, multi_precision, **kwargs):
    """An SGD-style step of one weight, in place: ``mom_op`` with a momentum state, ``sgd_update`` without;
    their ``mp_`` variants when the state is ``(momentum or None, float32 master)``."""
    if not multi_precision:
        if state is not None:
            mom_op(weight, grad, state, out=weight, **kwargs)
        else:
            nd.sgd_update(weight, grad, out=weight, **kwargs)
    elif state[0] is not None:
        mp_mom_op(weight, grad, state[0], state[1], out=weight, **kwargs)
    else:
        nd.mp_sgd_update(weight, grad, state[1], out=weight, **kwargs)


class _MomentumSGD(_ImplOptimizer):
    """Shared by SGD, NAG and LARS: a momentum buffer when ``momentum != 0``; under ``multi_precision`` a
    float16 weight's state is ``(momentum, float32 master)``."""

    _warning_name = 'SGD'  # the optimizer MXNet's float16 warning names

    def create_state_multi_precision(self, index, weight):
        return self._mp_state(index, weight, self._warning_name)

    def create_state(self, index, weight):
        return _momentum_state(self, weight)


@register
class SGD(_MomentumSGD):
    """Stochastic gradient descent with optional momentum and weight decay (see the module docstring)."""

    def __init__(self, momentum=0.0, lazy_update=True, **kwargs):
        super(SGD, self).__init__(**kwargs)
        self.momentum = momentum
        self.lazy_update = lazy_update
        self.aggregate_num = _aggregation_size(4)

    def _update_impl(self, indices, weights, grads, states, multi_precision=False):
        indices, weights, grads, states, lrs, wds = self._begin_group_update(indices, weights, grads, states)
        # tuples, not MXNet's lists: hashable, so the op's parameter parse is cached while the rates repeat
        lrs, wds = tuple(lrs), tuple(wds)
        kwargs = _common_kwargs(self)
        if any(w.stype != 'default' or g.stype != 'default' for w, g in zip(weights, grads)):
            # MXNet steps sparse arrays one at a time, with lazy_update (row_sparse kernels)
            for w, g, s, lr, wd in zip(weights, grads, states, lrs, wds):
                _one_weight_step(nd.sgd_mom_update, nd.mp_sgd_mom_update, w, g, s, multi_precision,
                                 lazy_update=self.lazy_update, lr=lr, wd=wd, **kwargs)
            return
        count = len(weights)
        with_mom = self.momentum > 0
        if not multi_precision:
            if with_mom:
                nd.multi_sgd_mom_update(*_flatten_list(zip(weights, grads, states)), out=weights,
                                        num_weights=count, lrs=lrs, wds=wds, **kwargs)
            else:
                nd.multi_sgd_update(*_flatten_list(zip(weights, grads)), out=weights, num_weights=count,
                                    lrs=lrs, wds=wds, **kwargs)
        elif with_mom:  # states are (momentum, float32 master)
            nd.multi_mp_sgd_mom_update(*_flatten_list(zip(weights, grads, *zip(*states))), out=weights,
                                       num_weights=count, lrs=lrs, wds=wds, **kwargs)
        else:
            nd.multi_mp_sgd_update(*_flatten_list(zip(weights, grads, [s[1] for s in states])), out=weights,
                                   num_weights=count, lrs=lrs, wds=wds, **kwargs)


@register  # pylint: disable=invalid-name
class ccSGD(SGD):
    """MXNet's deprecated name for ``SGD``."""

    def __init__(self, *args, **kwargs):  # pylint: disable=useless-super-delegation
        super(ccSGD, self).__init__(*args, **kwargs)


@register
class NAG(_MomentumSGD):
    """Nesterov accelerated gradient (``nag_mom_update``; plain ``sgd_update`` without momentum)."""

    _warning_name = 'NAG'

    def __init__(self, momentum=0.0, **kwargs):
        super(NAG, self).__init__(**kwargs)
        self.momentum = momentum

    def _update_impl(self, index, weight, grad, state, multi_precision=False):
        lr, wd = self._begin_update(index, weight, grad)
        _one_weight_step(nd.nag_mom_update, nd.mp_nag_mom_update, weight, grad, state, multi_precision,
                         lr=lr, wd=wd, **_common_kwargs(self))


@register
class Signum(Optimizer):
    """signSGD (no momentum) / Signum: steps by the sign of the (momentum-averaged) gradient."""

    def __init__(self, learning_rate=0.01, momentum=0.9, wd_lh=0.0, **kwargs):
        super(Signum, self).__init__(learning_rate=learning_rate, **kwargs)
        self.momentum = momentum
        self.wd_lh = wd_lh

    def create_state(self, index, weight):
        return _momentum_state(self, weight)

    def update(self, index, weight, grad, state):
        lr, wd = self._begin_update(index, weight, grad)
        kwargs = _common_kwargs(self)
        if self.wd_lh:
            kwargs['wd_lh'] = self.wd_lh
        if state is not None:
            nd.signum_update(weight, grad, state, out=weight, lr=lr, wd=wd, **kwargs)
        else:
            nd.signsgd_update(weight, grad, out=weight, lr=lr, wd=wd, **kwargs)


def _lars_exempt(name):
    return name.endswith('gamma') or name.endswith('beta') or name.endswith('bias')


@register
class LARS(_MomentumSGD):
    """Layer-wise adaptive rate scaling on top of SGD (``multi_sum_sq``, ``multi_lars``, then the
    ``preloaded_multi_sgd_*`` kernels, ``aggregate_num`` weights at a time)."""

    def __init__(self, momentum=0.0, lazy_update=True, eta=0.001, eps=0, momentum_correction=True, **kwargs):
        super(LARS, self).__init__(**kwargs)
        self.momentum = momentum
        self.momentum_correction = momentum_correction
        self.lazy_update = lazy_update
        self.aggregate_num = _aggregation_size(4)
        self.eta = eta
        self.eps = eps
        self.skip = 0
        self.last_lr = None
        self.cur_lr = None

    def _get_lrs(self, indices):
        """As the base class, also remembering the previous and current base rates for the momentum
        correction."""
        if self.cur_lr is not None:
            self.last_lr = self.cur_lr
        lr = self._base_lr()
        if self.cur_lr is None:
            self.last_lr = lr
        self.cur_lr = lr
        return self._scaled(lr, indices, self.lr_mult, 'lr_mult')

    def _wd_exempt(self, name):
        return not name.endswith('_weight')

    def _update_impl(self, indices, weights, grads, states, multi_precision=False):
        indices, weights, grads, states, lrs, wds = self._begin_group_update(indices, weights, grads, states)
        momentum = self.momentum
        if self.momentum_correction and self.last_lr != 0:
            momentum = self.momentum * (self.cur_lr / self.last_lr)
        kwargs = _common_kwargs(self, momentum)

        # Scaled layers first, exempt ones (gamma/beta/bias) after; rates travel as float32 arrays.
        names = [self.idx2name.get(i, str(i)) for i in indices]
        order = [i for i, n in enumerate(names) if not _lars_exempt(n)]
        n_lars = len(order)
        order += [i for i, n in enumerate(names) if _lars_exempt(n)]
        ctx = weights[0].context
        new_lrs = array([lrs[i] for i in order], ctx=ctx, dtype='float32')
        new_wds = array([wds[i] for i in order], ctx=ctx, dtype='float32')
        weights = [weights[i] for i in order]
        grads = [grads[i] for i in order]
        states = [states[i] for i in order]
        if n_lars > 0:
            w_sum_sq = nd.multi_sum_sq(*weights[:n_lars], num_arrays=n_lars)
            g_sum_sq = nd.multi_sum_sq(*grads[:n_lars], num_arrays=n_lars)
            nd.multi_lars(new_lrs[:n_lars], w_sum_sq, g_sum_sq, new_wds[:n_lars], eta=self.eta, eps=self.eps,
                          rescale_grad=self.rescale_grad, out=new_lrs[:n_lars])
        step = max(1, self.aggregate_num)
        with_mom = self.momentum > 0
        for start in range(0, len(weights), step):
            end = min(start + step, len(weights))
            ws, gs, ss = weights[start:end], grads[start:end], states[start:end]
            rates = [new_lrs[start:end], new_wds[start:end]]
            if not multi_precision:
                if with_mom:
                    nd.preloaded_multi_sgd_mom_update(*(_flatten_list(zip(ws, gs, ss)) + rates), out=ws,
                                                      num_weights=len(ws), **kwargs)
                else:
                    nd.preloaded_multi_sgd_update(*(_flatten_list(zip(ws, gs)) + rates), out=ws,
                                                  num_weights=len(ws), **kwargs)
            elif with_mom:
                nd.preloaded_multi_mp_sgd_mom_update(*(_flatten_list(zip(ws, gs, *zip(*ss))) + rates), out=ws,
                                                     num_weights=len(ws), **kwargs)
            else:
                nd.preloaded_multi_mp_sgd_update(*(_flatten_list(zip(ws, gs, [s[1] for s in ss])) + rates),
                                                 out=ws, num_weights=len(ws), **kwargs)


@register
class LBSGD(Optimizer):
    """Large-batch SGD: gradient accumulation over ``batch_scale`` calls plus a warmup rate multiplier."""

    def __init__(self, momentum=0.0, multi_precision=False, warmup_strategy='linear', warmup_epochs=5,
                 batch_scale=1, updates_per_epoch=32, begin_epoch=0, num_epochs=60, **kwargs):
        super(LBSGD, self).__init__(**kwargs)
        logging.info('Running Large-Batch SGD Algorithm')
        logging.info('(Batch_scale=%f, warmup_epochs=%d, warmup_strategy=%s, updates_per_epoch=%d)',
                     batch_scale, warmup_epochs, warmup_strategy, updates_per_epoch)
        self.momentum = momentum
        self.multi_precision = multi_precision
        self.warmup_strategy = warmup_strategy
        self.warmup_epochs = warmup_epochs
        self.batch_scale = batch_scale
        self.updates_per_epoch = updates_per_epoch
        self.init_updates = begin_epoch * updates_per_epoch
        self.num_epochs = num_epochs
        self.lbmult = 1
        self.cumgrads = {}
        self.adaptive = False
        self.admult = 1

    def create_state(self, index, weight):
        if self.multi_precision and weight.dtype == numpy.float16:
            master = array(weight, ctx=weight.context, dtype=numpy.float32)
            mom = zeros(weight.shape, weight.context, dtype=numpy.float32) if self.momentum != 0.0 else None
            return (mom, master)
        if weight.dtype == numpy.float16:
            _warn_fp16('SGD ')
        return _momentum_state(self, weight)

    def _get_lbmult(self, nup):
        """The warmup multiplier after ``nup`` accumulated updates (``batch_scale`` once warm)."""
        nwup = self.warmup_epochs * self.updates_per_epoch
        maxmult = float(self.batch_scale)
        if nup >= nwup:
            return maxmult
        if nwup <= 1:
            return 1.0
        strategy = self.warmup_strategy
        if strategy == 'linear':
            return 1.0 + (maxmult - 1) * nup / nwup
        if strategy == 'power2':
            return 1.0 + (maxmult - 1) * (nup * nup) / (nwup * nwup)
        if strategy == 'sqrt':
            return 1.0 + (maxmult - 1) * math.sqrt(float(nup) / nwup)
        return 1.0

    def _l2norm(self, v):
        """The *squared* 2-norm (MXNet's name for it)."""
        t = v._data
        return float((t * t).sum())

    def _get_lars(self, weight, g, wd):
        """``sqrt(|w|^2 / (|g|^2 + wd*|w|^2 + 1e-18))`` clipped to [0.01, 100]."""
        weight2 = self._l2norm(weight)
        grad2 = self._l2norm(g)
        lars = math.sqrt(weight2 / (grad2 + wd * weight2 + 1e-18))
        return min(max(lars, 0.01), 100)

    def _reset_cum_gradient(self, index):
        self.cumgrads[index]['cum_grad'] = 0

    def _get_cum_gradient(self, index):
        return self.cumgrads.get(index, {})

    def _put_cum_gradient(self, index, cgrad):
        self.cumgrads[index] = cgrad

    def _cumulate_gradient(self, grad, index):
        """Add ``grad`` to the index's running sum; the count starts at ``begin_epoch*updates_per_epoch+1``."""
        cgrad = self._get_cum_gradient(index)
        if cgrad and cgrad['num_cums'] > 0:
            cum_grad, num_cums = cgrad['cum_grad'] + grad, cgrad['num_cums'] + 1
        else:
            cum_grad, num_cums = grad, self.init_updates + 1
        cgrad = {'cum_grad': cum_grad, 'num_cums': num_cums}
        self._put_cum_gradient(index, cgrad)
        return cgrad

    def update(self, index, weight, grad, state):
        assert isinstance(weight, NDArray)
        assert isinstance(grad, NDArray)
        lr, wd = self._get_lr(index), self._get_wd(index)  # read before counting, as MXNet does
        self._update_count(index)
        cgrad = self._cumulate_gradient(grad, index)
        if cgrad['num_cums'] % self.batch_scale != 0:
            nd.sgd_update(weight, grad, out=weight, lr=0.0, wd=wd)  # MXNet's no-op step
            return
        grad = cgrad['cum_grad'] / self.batch_scale
        if self.warmup_strategy == 'lars':
            lr *= self._get_lars(weight, grad, wd)
        else:
            lr *= self._get_lbmult(cgrad['num_cums'])
        _one_weight_step(nd.sgd_mom_update, nd.mp_sgd_mom_update, weight, grad, state,
                         isinstance(state, (list, tuple)), lr=lr, wd=wd, **_common_kwargs(self))
        self._reset_cum_gradient(index)


def _scaled_clipped(opt, grad):
    """``clip(rescale_grad * grad)`` as a new tensor (clipping whenever ``clip_gradient`` is not None)."""
    g = grad._data * opt.rescale_grad
    if opt.clip_gradient is not None:
        g = g.clamp_(-opt.clip_gradient, opt.clip_gradient)
    return g


@register
class DCASGD(Optimizer):
    """Delay-compensated asynchronous SGD; the state is ``(momentum or None, previous weight)``."""

    def __init__(self, momentum=0.0, lamda=0.04, **kwargs):
        super(DCASGD, self).__init__(**kwargs)
        self.momentum = momentum
        self.weight_previous = {}
        self.lamda = lamda

    def create_state(self, index, weight):
        mom = zeros(weight.shape, weight.context, dtype=weight.dtype) if self.momentum != 0.0 else None
        return (mom, weight.copy())

    def update(self, index, weight, grad, state):
        lr, wd = self._begin_update(index, weight, grad)
        mom, previous = state
        with torch.no_grad():
            g = _scaled_clipped(self, grad)
            w, prev = weight._data, previous._data
            step = (g + wd * w + self.lamda * g * g * (w - prev)) * -lr
            # MXNet branches on the momentum NDArray's truth value; keep its errors (see module docstring).
            if mom:
                mom._data.mul_(self.momentum).add_(step)
                step = mom._data
            else:
                assert self.momentum == 0.0
            prev.copy_(w)
            w.add_(step)


@register
class SGLD(Optimizer):
    """Stochastic gradient Langevin dynamics (no state)."""

    def __init__(self, **kwargs):  # pylint: disable=useless-super-delegation
        super(SGLD, self).__init__(**kwargs)

    def create_state(self, index, weight):
        return None

    def update(self, index, weight, grad, state):
        lr, wd = self._begin_update(index, weight, grad)
        with torch.no_grad():
            g = _scaled_clipped(self, grad)
            w = weight._data
            w.add_((g + wd * w) * (-lr / 2))
        noise = nd.random.normal(0, math.sqrt(lr), shape=weight.shape, dtype=weight.dtype, ctx=weight.context)
        with torch.no_grad():
            w.add_(noise._data)
