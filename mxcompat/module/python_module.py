"""``mx.mod.PythonModule`` / ``PythonLossModule``: modules written in Python, without parameters.

MXNet contract (1.9.1):
- ``PythonModule(data_names, label_names, output_names)`` implements the parameter and optimizer calls as
  no-ops; ``bind`` checks the names of the given shapes (in order; only ``grad_req='write'``) and asks the
  subclass for ``_compute_output_shapes()``; ``update_metric`` feeds the module's outputs to the metric
  (nothing when bound without labels; RuntimeError for pre-sliced labels). Subclasses implement
  ``forward``, ``backward``, ``get_outputs``, ``get_input_grads`` and ``_compute_output_shapes``;
- ``PythonLossModule(name='pyloss', data_names=('data',), label_names=('softmax_label',), grad_func=None)``
  passes its single input through as the output ``<name>_output``; ``backward`` (no ``out_grads``) sets the
  input gradient to ``grad_func(scores, labels)`` (converted to an NDArray when it is not one).
"""
import logging
from operator import attrgetter

from .. import ndarray as nd
from ..initializer import Uniform
from .base_module import BaseModule

__all__ = ["PythonModule", "PythonLossModule"]


class PythonModule(BaseModule):
    """Base for parameter-free modules implemented in Python; see the module docstring."""

    def __init__(self, data_names, label_names, output_names, logger=logging):
        super(PythonModule, self).__init__(logger=logger)
        self._data_names = list(data_names) if isinstance(data_names, tuple) else data_names
        self._label_names = list(label_names) if isinstance(label_names, tuple) else label_names
        self._output_names = output_names
        self._data_shapes = None
        self._label_shapes = None
        self._output_shapes = None

    data_names = property(attrgetter("_data_names"))
    output_names = property(attrgetter("_output_names"))
    data_shapes = property(attrgetter("_data_shapes"))
    label_shapes = property(attrgetter("_label_shapes"))
    output_shapes = property(attrgetter("_output_shapes"))

    def get_params(self):
        return {}, {}

    def init_params(self, initializer=Uniform(0.01), arg_params=None, aux_params=None, allow_missing=False,
                    force_init=False, allow_extra=False):
        """No parameters: nothing to do."""

    def update(self):
        """No parameters: nothing to do."""

    def update_metric(self, eval_metric, labels, pre_sliced=False):
        if self._label_shapes is None:
            return
        if pre_sliced:
            raise RuntimeError("PythonModule does not support presliced labels")
        eval_metric.update(labels, self.get_outputs())

    def bind(self, data_shapes, label_shapes=None, for_training=True, inputs_need_grad=False, force_rebind=False,
             shared_module=None, grad_req="write"):
        if self.binded and not force_rebind:
            self.logger.warning("Already bound, ignoring bind()")
            return
        assert grad_req == "write", "Python module only support write gradient"
        self.for_training = for_training
        self.inputs_need_grad = inputs_need_grad
        assert len(data_shapes) == len(self._data_names)
        assert [x[0] for x in data_shapes] == self._data_names
        self._data_shapes = data_shapes
        self._label_shapes = label_shapes
        if label_shapes is not None:
            assert self._label_names is not None
            assert len(self._label_names) == len(label_shapes)
            assert [x[0] for x in label_shapes] == self._label_names
        self._output_shapes = self._compute_output_shapes()

    def _compute_output_shapes(self):
        """``[(name, shape)]`` of the outputs, from ``self._data_shapes`` / ``self._label_shapes``."""
        raise NotImplementedError()

    def init_optimizer(self, kvstore="local", optimizer="sgd", optimizer_params=(("learning_rate", 0.01),),
                       force_init=False):
        """No parameters: nothing to do."""


class PythonLossModule(PythonModule):
    """A loss written in Python: output = input, input gradient = ``grad_func(scores, labels)``."""

    def __init__(self, name="pyloss", data_names=("data",), label_names=("softmax_label",), logger=logging,
                 grad_func=None):
        super(PythonLossModule, self).__init__(data_names, label_names, [name + "_output"], logger=logger)
        self._name = name
        assert len(data_names) == 1
        assert len(label_names) == 1
        self._scores = None
        self._labels = None
        self._scores_grad = None
        if grad_func is not None:
            assert callable(grad_func)
        self._grad_func = grad_func

    def _compute_output_shapes(self):
        return [(self._name + "_output", self._data_shapes[0][1])]

    def forward(self, data_batch, is_train=None):
        """Keep the scores (and, when training, the labels) of the batch."""
        self._scores = data_batch.data[0]
        if is_train is None:
            is_train = self.for_training
        if is_train:
            self._labels = data_batch.label[0]

    def get_outputs(self, merge_multi_context=True):
        assert merge_multi_context is True
        return [self._scores]

    def backward(self, out_grads=None):
        assert out_grads is None, "For a loss module, out_grads should be None"
        assert self.for_training
        self._backward_impl()

    def _backward_impl(self):
        """Compute the input gradient with ``grad_func``; subclasses without one override this."""
        if self._grad_func is None:
            raise NotImplementedError()
        grad = self._grad_func(self._scores, self._labels)
        if not isinstance(grad, nd.NDArray):
            grad = nd.array(grad)
        self._scores_grad = grad

    def get_input_grads(self, merge_multi_context=True):
        assert merge_multi_context is True
        return [self._scores_grad]

    def install_monitor(self, mon):
        raise NotImplementedError()
