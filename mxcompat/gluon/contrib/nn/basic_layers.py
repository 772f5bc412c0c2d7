"""``mx.gluon.contrib.nn`` layers.

MXNet contract (1.9.1): ``Concurrent`` / ``HybridConcurrent`` run every child on the same input and
concatenate the outputs on ``axis``; ``Identity`` returns its input; ``PixelShuffle{1,2,3}D`` move channel
groups into space (``(N, C*f, W) -> (N, C, W*f)``, channel index ``c*f + i``); ``SyncBatchNorm`` is BatchNorm
over ``_contrib_SyncBatchNorm`` (on one process it is plain batch normalisation).
Deliberate difference: ``SparseEmbedding`` needs row_sparse storage and raises NotImplementedError.
"""
import warnings

from .... import nd, context
from ....base import unsupported
from ...block import HybridBlock
from ...nn import Sequential, HybridSequential, BatchNorm

__all__ = ['Concurrent', 'HybridConcurrent', 'Identity', 'SparseEmbedding', 'SyncBatchNorm', 'PixelShuffle1D',
           'PixelShuffle2D', 'PixelShuffle3D']


class Concurrent(Sequential):
    """Run children on one input; concatenate outputs along ``axis``."""

    def __init__(self, axis=-1, prefix=None, params=None):
        super(Concurrent, self).__init__(prefix=prefix, params=params)
        self.axis = axis

    def forward(self, x):
        return nd.concat(*[block(x) for block in self._children.values()], dim=self.axis)


class HybridConcurrent(HybridSequential):
    """Hybrid Concurrent."""

    def __init__(self, axis=-1, prefix=None, params=None):
        super(HybridConcurrent, self).__init__(prefix=prefix, params=params)
        self.axis = axis

    def hybrid_forward(self, F, x):
        return F.concat(*[block(x) for block in self._children.values()], dim=self.axis)


class Identity(HybridBlock):
    """Returns its input."""

    def __init__(self, prefix=None, params=None):
        super(Identity, self).__init__(prefix=prefix, params=params)

    def hybrid_forward(self, F, x):
        return x


class SparseEmbedding(object):
    """Not supported: row_sparse gradients (see migration_guide.md)."""

    def __init__(self, *args, **kwargs):
        raise unsupported("mx.gluon.contrib.nn.SparseEmbedding", "sparse storage")


class SyncBatchNorm(BatchNorm):
    """Cross-device BatchNorm (axis 1); parameters as BatchNorm's."""

    def __init__(self, in_channels=0, num_devices=None, momentum=0.9, epsilon=1e-5, center=True, scale=True,
                 use_global_stats=False, beta_initializer='zeros', gamma_initializer='ones',
                 running_mean_initializer='zeros', running_variance_initializer='ones', **kwargs):
        super(SyncBatchNorm, self).__init__(
            axis=1, momentum=momentum, epsilon=epsilon, center=center, scale=scale,
            use_global_stats=use_global_stats, beta_initializer=beta_initializer,
            gamma_initializer=gamma_initializer, running_mean_initializer=running_mean_initializer,
            running_variance_initializer=running_variance_initializer, in_channels=in_channels, **kwargs)
        if num_devices is None:
            warnings.warn("Caution using SyncBatchNorm: if not using all the GPUs, please mannually set "
                          "num_devices", UserWarning)
            num_devices = max(context.num_gpus(), 1)
        self._kwargs = {'eps': epsilon, 'momentum': momentum, 'fix_gamma': not scale,
                        'use_global_stats': use_global_stats, 'ndev': num_devices, 'key': self.prefix}

    def hybrid_forward(self, F, x, gamma, beta, running_mean, running_var):
        return F.contrib.SyncBatchNorm(x, gamma, beta, running_mean, running_var, name='fwd', **self._kwargs)


def _factors(factor, n):
    try:
        return (int(factor),) * n
    except TypeError:
        factors = tuple(int(f) for f in factor)
        assert len(factors) == n, "wrong length {}".format(len(factors))
        return factors


class _PixelShuffle(HybridBlock):
    _ndim = 1

    def __init__(self, factor):
        super(_PixelShuffle, self).__init__()
        self._factors = _factors(factor, self._ndim)

    def hybrid_forward(self, F, x):
        fs, n = self._factors, self._ndim
        # (N, C*prod(f), S1..Sn) -> (N, C, f1..fn, S1..Sn) -> (N, C, S1, f1, .., Sn, fn) -> (N, C, S1*f1, ..)
        x = F.reshape(x, (0, -4, -1, int(_prod(fs))) + (0,) * n)
        x = F.reshape(x, (0, 0, -4) + fs + (0,) * n) if n > 1 else x
        axes = (0, 1) + sum(((2 + n + i, 2 + i) for i in range(n)), ())
        x = F.transpose(x, axes)
        return F.reshape(x, (0, 0) + (-3,) * n)

    def __repr__(self):
        return "{}({})".format(self.__class__.__name__, self._factors[0] if self._ndim == 1 else self._factors)


def _prod(values):
    out = 1
    for v in values:
        out *= v
    return out


class PixelShuffle1D(_PixelShuffle):
    """``(N, f*C, W) -> (N, C, W*f)``."""
    _ndim = 1


class PixelShuffle2D(_PixelShuffle):
    """``(N, f1*f2*C, H, W) -> (N, C, H*f1, W*f2)``."""
    _ndim = 2


class PixelShuffle3D(_PixelShuffle):
    """``(N, f1*f2*f3*C, D, H, W) -> (N, C, D*f1, H*f2, W*f3)``."""
    _ndim = 3
