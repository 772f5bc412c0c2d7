"""``mx.mod.SequentialModule``: modules chained so each one's outputs are the next one's data.

MXNet contract (1.9.1):
- ``add(module, take_labels=False, auto_wiring=False)`` appends a module (any other keyword is an
  AssertionError) and returns ``self``; adding resets the bound / initialised state;
- ``bind`` binds the modules in order, feeding each one the previous one's ``output_shapes``; only modules
  added with ``take_labels`` receive the labels; every module after the first is bound with
  ``inputs_need_grad`` when training (so gradients can flow back through the chain); ``auto_wiring``
  renames the incoming shapes to the module's own ``data_names``;
- ``forward`` passes outputs on as the next module's ``data`` (and ``provide_data``); ``backward`` runs in
  reverse, each module's input gradients becoming the previous module's ``out_grads``;
- parameters of all modules are collected into one dict pair; a name used by two modules is an error.
"""
import copy
import logging
from operator import attrgetter

from ..initializer import Uniform
from .base_module import BaseModule, bound_property

__all__ = ["SequentialModule"]


class SequentialModule(BaseModule):
    """A chain of modules; see the module docstring."""

    META_TAKE_LABELS = "take_labels"
    META_AUTO_WIRING = "auto_wiring"

    def __init__(self, logger=logging):
        super(SequentialModule, self).__init__(logger=logger)
        self._modules = []
        self._metas = []
        self._label_shapes = None
        self._data_shapes = None
        self._meta_keys = {getattr(SequentialModule, x) for x in dir(SequentialModule) if x.startswith("META_")}

    def add(self, module, **kwargs):
        """Append ``module`` with its meta options (``take_labels``, ``auto_wiring``); returns ``self``."""
        self._modules.append(module)
        for key in kwargs:
            assert key in self._meta_keys, 'Unknown meta "%s", a typo?' % key
        self._metas.append(kwargs)
        # a new module invalidates everything done so far
        self.binded = False
        self.params_initialized = False
        self.optimizer_initialized = False
        return self

    def _takes_labels(self, i):
        return bool(self._metas[i].get(SequentialModule.META_TAKE_LABELS, False))

    # ---- properties ------------------------------------------------------------------------------------
    data_names = property(lambda self: self._modules[0].data_names if self._modules else [])
    output_names = property(lambda self: self._modules[-1].output_names if self._modules else [])
    data_shapes = bound_property(lambda self: self._modules[0].data_shapes)
    label_shapes = bound_property(attrgetter("_label_shapes"))
    output_shapes = bound_property(lambda self: self._modules[-1].output_shapes)

    # ---- parameters ------------------------------------------------------------------------------------
    def get_params(self):
        assert self.binded and self.params_initialized
        arg_params, aux_params = {}, {}
        for module in self._modules:
            arg, aux = module.get_params()
            arg_params.update(arg)
            aux_params.update(aux)
        return arg_params, aux_params

    def init_params(self, initializer=Uniform(0.01), arg_params=None, aux_params=None, allow_missing=False,
                    force_init=False, allow_extra=False):
        """Initialise every module; AssertionError when two modules use the same parameter name."""
        if self.params_initialized and not force_init:
            return
        assert self.binded, "call bind before initializing the parameters"
        for module in self._modules:
            module.init_params(initializer=initializer, arg_params=arg_params, aux_params=aux_params,
                               allow_missing=allow_missing, force_init=force_init, allow_extra=allow_extra)
        owners_arg, owners_aux = {}, {}
        for i, module in enumerate(self._modules):
            arg, aux = module.get_params()
            for owners, names in ((owners_arg, arg.keys()), (owners_aux, aux.keys())):
                for name in names:
                    assert name not in owners, (
                        'Duplicated parameter names: name "%s" in layer %d (%s) is already used in layer %d (%s).'
                        % (name, i, type(self._modules[i]), owners[name], type(self._modules[owners[name]])))
                    owners[name] = i
        self.params_initialized = True

    # ---- binding ---------------------------------------------------------------------------------------
    def bind(self, data_shapes, label_shapes=None, for_training=True, inputs_need_grad=False, force_rebind=False,
             shared_module=None, grad_req="write"):
        """Bind the chain (see the module docstring)."""
        if self.binded and not force_rebind:
            self.logger.warning("Already bound, ignoring bind()")
            return
        if inputs_need_grad:
            assert for_training is True
        assert shared_module is None, "Shared module is not supported"
        assert len(self._modules) > 0, "Attempting to bind an empty SequentialModule"
        self.binded = True
        self._label_shapes = label_shapes
        shapes = data_shapes
        any_labels = False
        for i, module in enumerate(self._modules):
            labels = None
            if self._takes_labels(i):
                labels = label_shapes
                any_labels = True
            need_grad = bool(inputs_need_grad or (for_training and i > 0))
            if self._metas[i].get(SequentialModule.META_AUTO_WIRING, False):
                names = module.data_names
                assert len(names) == len(shapes)
                shapes = [(name, shape) for name, (_, shape) in zip(names, shapes)]
            module.bind(data_shapes=shapes, label_shapes=labels, for_training=for_training,
                        inputs_need_grad=need_grad, force_rebind=force_rebind, shared_module=None,
                        grad_req=grad_req)
            shapes = module.output_shapes
        if not any_labels:
            self._label_shapes = None

    def init_optimizer(self, kvstore="local", optimizer="sgd", optimizer_params=(("learning_rate", 0.01),),
                       force_init=False):
        """Install the optimizer on every module."""
        if self._optimizer_already_set(force_init):
            return
        for module in self._modules:
            module.init_optimizer(kvstore=kvstore, optimizer=optimizer, optimizer_params=optimizer_params,
                                  force_init=force_init)
        self.optimizer_initialized = True

    # ---- computation -----------------------------------------------------------------------------------
    def forward(self, data_batch, is_train=None):
        assert self.binded and self.params_initialized
        batch = copy.copy(data_batch)
        last = len(self._modules) - 1
        for i, module in enumerate(self._modules):
            module.forward(batch, is_train=is_train)
            if i == last:
                break
            batch.data = module.get_outputs()
            if hasattr(batch, "provide_data"):
                names = [x[0] for x in module.output_shapes]
                assert len(names) == len(batch.data)
                batch.provide_data = [(name, x.shape) for name, x in zip(names, batch.data)]

    def backward(self, out_grads=None):
        assert self.binded and self.params_initialized
        for i in range(len(self._modules) - 1, -1, -1):
            module = self._modules[i]
            module.backward(out_grads=out_grads)
            if i == 0:
                break
            out_grads = module.get_input_grads()

    def update(self):
        assert self.binded and self.params_initialized and self.optimizer_initialized
        for module in self._modules:
            module.update()

    def get_outputs(self, merge_multi_context=True):
        assert self.binded and self.params_initialized
        return self._modules[-1].get_outputs(merge_multi_context=merge_multi_context)

    def get_input_grads(self, merge_multi_context=True):
        assert self.binded and self.params_initialized and self.inputs_need_grad
        return self._modules[0].get_input_grads(merge_multi_context=merge_multi_context)

    def update_metric(self, eval_metric, labels, pre_sliced=False):
        """Update the metric from every module that takes labels."""
        assert self.binded and self.params_initialized
        for i, module in enumerate(self._modules):
            if self._takes_labels(i):
                module.update_metric(eval_metric, labels, pre_sliced)

    def install_monitor(self, mon):
        assert self.binded
        for module in self._modules:
            module.install_monitor(mon)
