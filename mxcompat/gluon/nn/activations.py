"""``mx.gluon.nn`` activation layers: Activation, LeakyReLU, PReLU, ELU, SELU, GELU, Swish.

MXNet contract (1.9.1): each is a HybridBlock over ``F.Activation`` / ``F.LeakyReLU`` (``act_type`` leaky, prelu,
elu, selu, gelu) or ``x * F.sigmoid(beta * x)``; ``Activation``'s name hint is its act_type (``relu0_``);
PReLU owns ``alpha`` of shape ``(in_channels,)`` initialised to 0.25.
"""
from ... import initializer
from ..block import HybridBlock

__all__ = ['Activation', 'LeakyReLU', 'PReLU', 'ELU', 'SELU', 'Swish', 'GELU']


class Activation(HybridBlock):
    """``F.Activation(x, act_type=activation)``."""

    def __init__(self, activation, **kwargs):
        self._act_type = activation
        super(Activation, self).__init__(**kwargs)

    def _alias(self):
        return self._act_type

    def hybrid_forward(self, F, x):
        return F.Activation(x, act_type=self._act_type, name='fwd')

    def __repr__(self):
        return '{name}({act})'.format(name=self.__class__.__name__, act=self._act_type)


class LeakyReLU(HybridBlock):
    """``max(x, alpha * x)``."""

    def __init__(self, alpha, **kwargs):
        assert alpha >= 0, "Slope coefficient for LeakyReLU must be no less than 0."
        super(LeakyReLU, self).__init__(**kwargs)
        self._alpha = alpha

    def hybrid_forward(self, F, x):
        return F.LeakyReLU(x, act_type='leaky', slope=self._alpha, name='fwd')

    def __repr__(self):
        return '{name}({alpha})'.format(name=self.__class__.__name__, alpha=self._alpha)


class PReLU(HybridBlock):
    """Leaky ReLU with a learned slope ``alpha`` per channel."""

    def __init__(self, alpha_initializer=initializer.Constant(0.25), in_channels=1, **kwargs):
        super(PReLU, self).__init__(**kwargs)
        with self.name_scope():
            self.alpha = self.params.get('alpha', shape=(in_channels,), init=alpha_initializer)

    def hybrid_forward(self, F, x, alpha):
        return F.LeakyReLU(x, gamma=alpha, act_type='prelu', name='fwd')


class _LeakyVariant(HybridBlock):
    """A parameter-free ``F.LeakyReLU`` act_type."""
    _act = None

    def hybrid_forward(self, F, x):
        return F.LeakyReLU(x, act_type=self._act, name='fwd')


class ELU(HybridBlock):
    """``x`` for x > 0, ``alpha * (exp(x) - 1)`` otherwise."""

    def __init__(self, alpha=1.0, **kwargs):
        super(ELU, self).__init__(**kwargs)
        self._alpha = alpha

    def hybrid_forward(self, F, x):
        return F.LeakyReLU(x, act_type='elu', slope=self._alpha)


class SELU(_LeakyVariant):
    """Scaled ELU."""
    _act = 'selu'


class GELU(_LeakyVariant):
    """Gaussian error linear unit (erf form)."""
    _act = 'gelu'


class Swish(HybridBlock):
    """``x * sigmoid(beta * x)``."""

    def __init__(self, beta=1.0, **kwargs):
        super(Swish, self).__init__(**kwargs)
        self._beta = beta

    def hybrid_forward(self, F, x):
        return x * F.sigmoid(self._beta * x, name='fwd')
