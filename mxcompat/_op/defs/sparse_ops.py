"""Operators that exist only for sparse storage: ``_sparse_retain``, ``_sparse_adagrad_update`` and
``_contrib_group_adagrad_update``.

MXNet contract (1.9.1):
- ``retain(data, indices)``: the rows ``indices`` of a row_sparse ``data``, as a row_sparse array storing exactly
  those rows (rows ``data`` does not store are zero).
- ``adagrad_update`` (``_sparse_adagrad_update``): ``history += clip(rescale*g)**2``,
  ``w -= lr * (clip(rescale*g) / sqrt(history + epsilon) + wd * w)``, on the rows of a row_sparse gradient.
- ``group_adagrad_update``: AdaGrad with one history value per row: ``history += mean(clip(rescale*g)**2,
  axis=1)``, ``w -= lr * clip(rescale*g) / sqrt(history + epsilon)``.

The functions here compute on dense tensors; the ndarray front-end (``mxcompat/ndarray/sparse_kernels.py``)
applies the updates lazily, to the rows a row_sparse gradient stores, as MXNet's kernels do.
"""
import torch

from ..registry import register_op
from ..params import Float
from .optimizer_ops import stateful, scaled_grad


@register_op("_sparse_retain", inputs=("data", "indices"))
def sparse_retain(data, indices):
    idx = indices.long().reshape(-1)
    out = torch.zeros_like(data)
    out[idx] = data[idx]
    return out


_ADAGRAD = dict(lr=Float(), epsilon=Float(1e-7), wd=Float(0.0), rescale_grad=Float(1.0), clip_gradient=Float(-1.0))


@register_op("_sparse_adagrad_update", inputs=("weight", "grad", "history"), params=_ADAGRAD, mutate=("history",))
@stateful
def sparse_adagrad_update(weight, grad, history, lr, epsilon, wd, rescale_grad, clip_gradient):
    g = scaled_grad(grad, rescale_grad, clip_gradient)
    history.addcmul_(g, g)
    return weight - lr * (g / (history + epsilon).sqrt() + wd * weight)


@register_op("_contrib_group_adagrad_update", inputs=("weight", "grad", "history"), mutate=("history",),
             params=dict(lr=Float(), rescale_grad=Float(1.0), clip_gradient=Float(-1.0), epsilon=Float(1e-5)))
@stateful
def group_adagrad_update(weight, grad, history, lr, rescale_grad, clip_gradient, epsilon):
    g = scaled_grad(grad, rescale_grad, clip_gradient)
    history.add_((g * g).reshape(g.shape[0], -1).mean(1).reshape(history.shape))
    return weight - lr * g / (history + epsilon).sqrt().reshape((-1,) + (1,) * (g.dim() - 1))
