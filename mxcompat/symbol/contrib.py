"""``mx.sym.contrib``: the ``_contrib_*`` operators and the Python functions of ``mxnet.symbol.contrib``.

MXNet contract: ``rand_zipfian`` composes a graph of uniform sampling and elementwise operators (outputs:
int64 samples, float64 expected counts of the true classes and of the samples); ``adamw_update`` and
``mp_adamw_update`` wrap ``_adamw_update`` / ``_mp_adamw_update``, turning a numeric ``rescale_grad`` into a
``full`` symbol. The contrib operators mxcompat does not implement (quantization, deformable convolution,
DGL graph ops, ...) exist, as in ``mx.nd.contrib``, and raise NotImplementedError when called.

Deliberate difference: the symbolic control-flow operators ``foreach``, ``while_loop`` and ``cond`` (MXNet's
``_foreach``/``_while_loop``/``_cond`` subgraph operators) are not supported; they raise NotImplementedError
pointing to migration_guide.md. Their imperative forms in ``mx.nd.contrib`` (and Gluon blocks calling ``F``
imperatively) work.
"""
import math

from ..attribute import AttrScope  # noqa: F401  (re-exported by MXNet's module)
from ..base import check_call, SymbolHandle, unsupported  # noqa: F401
from ..ndarray.contrib_flow import _UNSUPPORTED
from .._op import OPS
from .symbol import Symbol
from .random import uniform
from .register import populate as _populate, function as _function
from . import creation as _creation

_populate(globals(), "_contrib_")


def rand_zipfian(true_classes, num_sampled, range_max):
    """Draw ``num_sampled`` classes from the approximately log-uniform (Zipfian) distribution over
    [0, range_max); returns (samples, expected count of ``true_classes``, expected count of the samples)."""
    assert isinstance(true_classes, Symbol), "unexpected type %s" % type(true_classes)
    log_range = math.log(range_max + 1)
    rand = uniform(0, log_range, shape=(num_sampled,), dtype="float64")
    sampled_classes = (rand.exp() - 1).astype("int64") % range_max
    true_classes = true_classes.astype("float64")
    expected_count_true = ((true_classes + 2.0) / (true_classes + 1.0)).log() / log_range * num_sampled
    sampled_fp64 = sampled_classes.astype("float64")
    expected_count_sampled = ((sampled_fp64 + 2.0) / (sampled_fp64 + 1.0)).log() / log_range * num_sampled
    return sampled_classes, expected_count_true, expected_count_sampled


def _rescale(rescale_grad):
    return rescale_grad if isinstance(rescale_grad, Symbol) else _creation.full(shape=(1,), val=rescale_grad)


def adamw_update(weight, grad, mean, var, rescale_grad, lr, eta, beta1=0.9, beta2=0.999, epsilon=1e-8, wd=0,
                 clip_gradient=-1, out=None, name=None, **kwargs):
    """AdamW step (``_adamw_update``); ``rescale_grad`` may be a number or a Symbol."""
    return _function("_adamw_update")(weight=weight, grad=grad, mean=mean, var=var,
                                      rescale_grad=_rescale(rescale_grad), lr=lr, eta=eta, beta1=beta1,
                                      beta2=beta2, epsilon=epsilon, wd=wd, clip_gradient=clip_gradient, out=out,
                                      name=name, **kwargs)


def mp_adamw_update(weight, grad, mean, var, weight32, rescale_grad, lr, eta, beta1=0.9, beta2=0.999,
                    epsilon=1e-8, wd=0, clip_gradient=-1, out=None, name=None, **kwargs):
    """Mixed-precision AdamW step (``_mp_adamw_update``)."""
    return _function("_mp_adamw_update")(weight=weight, grad=grad, mean=mean, var=var, weight32=weight32,
                                         rescale_grad=_rescale(rescale_grad), lr=lr, eta=eta, beta1=beta1,
                                         beta2=beta2, epsilon=epsilon, wd=wd, clip_gradient=clip_gradient,
                                         out=out, name=name, **kwargs)


def foreach(body, data, init_states, name="foreach"):
    """Not supported: symbolic ``foreach`` (raises NotImplementedError; ``mx.nd.contrib.foreach`` works)."""
    raise unsupported("mx.sym.contrib.foreach", "symbolic control flow; use mx.nd.contrib.foreach")


def while_loop(cond, func, loop_vars, max_iterations=None, name="while_loop"):  # pylint: disable=redefined-outer-name
    """Not supported: symbolic ``while_loop`` (raises NotImplementedError; ``mx.nd.contrib.while_loop`` works)."""
    raise unsupported("mx.sym.contrib.while_loop", "symbolic control flow; use mx.nd.contrib.while_loop")


def cond(pred, then_func, else_func, name="cond"):
    """Not supported: symbolic ``cond`` (raises NotImplementedError; ``mx.nd.contrib.cond`` works)."""
    raise unsupported("mx.sym.contrib.cond", "symbolic control flow; use mx.nd.contrib.cond")


def _placeholder(name):
    def function(*args, **kwargs):
        raise unsupported("mx.sym.contrib." + name)
    function.__name__ = function.__qualname__ = name
    function.__doc__ = "Not supported by mxcompat: raises NotImplementedError (see migration_guide.md)."
    return function


# the contrib operators mx.nd.contrib also only names (an implementation added later takes precedence)
for _name in _UNSUPPORTED:
    if "_contrib_" + _name not in OPS:
        globals().setdefault(_name, _placeholder(_name))
del _name
