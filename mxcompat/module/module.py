"""``mx.mod.Module``: a Symbol bound on one or more contexts, trained through the BaseModule loops.

MXNet contract (1.9.1):
- ``Module(symbol, data_names=('data',), label_names=('softmax_label',), context=cpu(), work_load_list,
  fixed_param_names, state_names, group2ctxs, compression_params)``: data, state and fixed-parameter names
  must be arguments of the symbol (ValueError), a missing label name only warns; every other argument is a
  parameter; fixed parameters get no gradient and are not updated;
- the module keeps host copies of the parameters (``_arg_params`` / ``_aux_params``, CPU arrays);
  ``get_params`` refreshes them from the devices when an update made them stale and returns those dicts;
- ``init_params`` walks parameters in sorted name order, copying from ``arg_params``/``aux_params`` when
  given (RuntimeError ``'<name> is not presented'`` for a missing one unless ``allow_missing``) or calling
  ``initializer(InitDesc(name, symbol attributes), array)``; a second call without ``force_init`` warns and
  does nothing;
- ``init_optimizer`` creates the optimizer from a name with ``rescale_grad = 1/batch_size`` (unless given)
  and ``param_idx2name`` built as MXNet builds it (see ``param_update.py`` for indices and kvstores), with
  ``sym`` set so ``__lr_mult__`` / ``__wd_mult__`` attributes apply; an Optimizer instance is used as is
  (a warning when its ``rescale_grad`` differs, ``idx2name`` filled in when empty);
- ``forward`` re-shapes the executors when the batch's shapes differ from the bound ones (taking the new
  descriptors from ``provide_data`` / ``provide_label`` when present);
- checkpoints: ``save_checkpoint`` writes ``prefix-symbol.json``, ``prefix-%04d.params`` (and
  ``prefix-%04d.states`` with ``save_optimizer_states``) logging ``Saved checkpoint to "..."``;
  ``Module.load`` builds a module from them, its parameters applied at bind and the states at
  ``init_optimizer``.
"""
import logging
import warnings
from operator import attrgetter

from .. import context as ctx
from .. import ndarray as nd
from .. import optimizer as opt
from ..initializer import Uniform, InitDesc
from ..io import DataDesc
from ..model import load_checkpoint
from .base_module import BaseModule, _checked_name_lists, _parse_data_desc, bound_property
from .executor_group import DataParallelExecutorGroup
from .param_update import create_kvstore, initialize_kvstore, update_params, update_params_on_kvstore

__all__ = ["Module"]


class Module(BaseModule):
    """A module computing a Symbol; see the module docstring."""

    def __init__(self, symbol, data_names=("data",), label_names=("softmax_label",), logger=logging,
                 context=ctx.cpu(), work_load_list=None, fixed_param_names=None, state_names=None,
                 group2ctxs=None, compression_params=None):
        super(Module, self).__init__(logger=logger)
        if isinstance(context, ctx.Context):
            context = [context]
        self._context = context
        if work_load_list is None:
            work_load_list = [1] * len(self._context)
        assert len(work_load_list) == len(self._context)
        self._work_load_list = work_load_list
        self._group2ctxs = group2ctxs
        self._symbol = symbol

        data_names, label_names, state_names, fixed_param_names = _checked_name_lists(
            symbol, data_names, label_names, state_names, fixed_param_names)
        inputs = set(data_names + label_names + state_names)
        self._param_names = [name for name in symbol.list_arguments() if name not in inputs]
        self._fixed_param_names = fixed_param_names
        self._aux_names = symbol.list_auxiliary_states()
        self._data_names = data_names
        self._label_names = label_names
        self._state_names = state_names
        self._output_names = symbol.list_outputs()

        self._arg_params = None
        self._aux_params = None
        self._params_dirty = False
        self._compression_params = compression_params
        self._optimizer = None
        self._kvstore = None
        self._update_on_kvstore = None
        self._updater = None
        self._preload_opt_states = None
        self._grad_req = None
        self._exec_group = None
        self._data_shapes = None
        self._label_shapes = None

    # ---- checkpoints -----------------------------------------------------------------------------------
    @staticmethod
    def load(prefix, epoch, load_optimizer_states=False, **kwargs):
        """A Module on the checkpoint ``prefix``/``epoch``; ``kwargs`` go to the constructor. Bind it before
        use; with ``load_optimizer_states`` the ``.states`` file is read by ``init_optimizer``."""
        sym, args, auxs = load_checkpoint(prefix, epoch)
        mod = Module(symbol=sym, **kwargs)
        mod._arg_params = args
        mod._aux_params = auxs
        mod.params_initialized = True
        if load_optimizer_states:
            mod._preload_opt_states = "%s-%04d.states" % (prefix, epoch)
        return mod

    def save_checkpoint(self, prefix, epoch, save_optimizer_states=False, remove_amp_cast=True):
        """Write ``prefix-symbol.json``, ``prefix-%04d.params`` and optionally ``prefix-%04d.states``."""
        self._symbol.save("%s-symbol.json" % prefix, remove_amp_cast=remove_amp_cast)
        param_name = "%s-%04d.params" % (prefix, epoch)
        self.save_params(param_name)
        logging.info('Saved checkpoint to "%s"', param_name)
        if save_optimizer_states:
            state_name = "%s-%04d.states" % (prefix, epoch)
            self.save_optimizer_states(state_name)
            logging.info('Saved optimizer state to "%s"', state_name)

    # ---- properties ------------------------------------------------------------------------------------
    def _reset_bind(self):
        self.binded = False
        self._exec_group = None
        self._data_shapes = None
        self._label_shapes = None

    data_names = property(attrgetter("_data_names"))
    label_names = property(attrgetter("_label_names"))
    output_names = property(attrgetter("_output_names"))
    data_shapes = bound_property(attrgetter("_data_shapes"))
    label_shapes = bound_property(attrgetter("_label_shapes"))
    output_shapes = bound_property(lambda self: self._exec_group.get_output_shapes())

    # ---- parameters ------------------------------------------------------------------------------------
    def get_params(self):
        """``(arg_params, aux_params)``: the module's host copies, refreshed from the devices if stale."""
        assert self.params_initialized
        if self._params_dirty:
            self._sync_params_from_devices()
        return self._arg_params, self._aux_params

    def init_params(self, initializer=Uniform(0.01), arg_params=None, aux_params=None, allow_missing=False,
                    force_init=False, allow_extra=False):
        """Initialise parameters and aux states (see the module docstring), then copy them to the devices."""
        if self.params_initialized and not force_init:
            warnings.warn("Parameters already initialized and force_init=False. init_params call ignored.",
                          stacklevel=2)
            return
        assert self.binded, "call bind before initializing the parameters"

        def fill(desc, arr, given):
            if given is None:
                initializer(desc, arr)
            elif desc in given:
                if given[desc] is not arr:
                    given[desc].copyto(arr)
            else:
                if not allow_missing:
                    raise RuntimeError("%s is not presented" % desc)
                if initializer is not None:
                    initializer(desc, arr)

        attrs = self._symbol.attr_dict()
        for params, given in ((self._arg_params, arg_params), (self._aux_params, aux_params)):
            for name, arr in sorted(params.items()):
                fill(InitDesc(name, attrs.get(name, None)), arr, given)
        self.params_initialized = True
        self._params_dirty = False
        self._exec_group.set_params(self._arg_params, self._aux_params, allow_extra=allow_extra)

    def set_params(self, arg_params, aux_params, allow_missing=False, force_init=True, allow_extra=False):
        """Assign parameters; with ``allow_missing`` the given ones go straight to the devices."""
        if not allow_missing:
            self.init_params(initializer=None, arg_params=arg_params, aux_params=aux_params,
                             allow_missing=allow_missing, force_init=force_init, allow_extra=allow_extra)
            return
        if self.params_initialized and not force_init:
            warnings.warn("Parameters already initialized and force_init=False. set_params call ignored.",
                          stacklevel=2)
            return
        self._exec_group.set_params(arg_params, aux_params, allow_extra=allow_extra)
        self._params_dirty = True
        self.params_initialized = True

    def _sync_params_from_devices(self):
        self._exec_group.get_params(self._arg_params, self._aux_params)
        self._params_dirty = False

    # ---- binding ---------------------------------------------------------------------------------------
    def bind(self, data_shapes, label_shapes=None, for_training=True, inputs_need_grad=False, force_rebind=False,
             shared_module=None, grad_req="write"):
        """Allocate executors for ``data_shapes`` / ``label_shapes`` (``[(name, shape)]`` or DataDescs);
        with ``shared_module`` parameters and memory are shared with that (bound, initialised) Module."""
        if force_rebind:
            self._reset_bind()
        if self.binded:
            self.logger.warning("Already bound, ignoring bind()")
            return
        self.for_training = for_training
        self.inputs_need_grad = inputs_need_grad
        self._grad_req = grad_req
        if not for_training:
            assert not inputs_need_grad
        self._data_shapes, self._label_shapes = _parse_data_desc(self.data_names, self.label_names, data_shapes,
                                                                 label_shapes)
        shared_group = None
        if shared_module is not None:
            assert (isinstance(shared_module, Module) and shared_module.binded
                    and shared_module.params_initialized)
            shared_group = shared_module._exec_group
            assert len(shared_group.execs) >= len(self._context)
        self._exec_group = DataParallelExecutorGroup(
            self._symbol, self._context, self._work_load_list, self._data_shapes, self._label_shapes,
            self._param_names, for_training, inputs_need_grad, shared_group, logger=self.logger,
            fixed_param_names=self._fixed_param_names, grad_req=grad_req, group2ctxs=self._group2ctxs,
            state_names=self._state_names)
        self._total_exec_bytes = self._exec_group._total_exec_bytes
        if shared_module is not None:
            self.params_initialized = True
            self._arg_params = shared_module._arg_params
            self._aux_params = shared_module._aux_params
        elif self.params_initialized:
            # parameters came first (Module.load, or a re-bind): put them on the new executors
            self._exec_group.set_params(self._arg_params, self._aux_params)
        else:
            assert self._arg_params is None and self._aux_params is None
            self._arg_params = {name: nd.zeros(block[0].shape, dtype=block[0].dtype)
                                for name, block in zip(self._param_names, self._exec_group.param_arrays)}
            self._aux_params = {name: nd.zeros(block[0].shape, dtype=block[0].dtype)
                                for name, block in zip(self._aux_names, self._exec_group.aux_arrays)}
        if shared_module is not None and shared_module.optimizer_initialized:
            self.borrow_optimizer(shared_module)
        self.binded = True

    def reshape(self, data_shapes, label_shapes=None):
        """Re-shape the bound executors for new input shapes (memory shared with the first binding)."""
        assert self.binded
        self._data_shapes, self._label_shapes = _parse_data_desc(self.data_names, self.label_names, data_shapes,
                                                                 label_shapes)
        self._exec_group.reshape(self._data_shapes, self._label_shapes)

    # ---- optimizer -------------------------------------------------------------------------------------
    def init_optimizer(self, kvstore="local", optimizer="sgd", optimizer_params=(("learning_rate", 0.01),),
                       force_init=False):
        """Install the optimizer (see the module docstring); a second call needs ``force_init``."""
        if self._optimizer_already_set(force_init, "..."):
            return
        if self._params_dirty:
            self._sync_params_from_devices()

        num_device = len(self._context)
        kvstore, update_on_kvstore = create_kvstore(kvstore, num_device, self._arg_params)
        batch_size = self._exec_group.batch_size
        if kvstore and "dist" in kvstore.type and "_sync" in kvstore.type:
            batch_size *= kvstore.num_workers
        rescale_grad = 1.0 / batch_size

        param_names = self._exec_group.param_names
        if update_on_kvstore:
            idx2name = dict(enumerate(param_names))
        else:
            idx2name = {i * num_device + k: name for k in range(num_device) for i, name in enumerate(param_names)}
        if isinstance(optimizer, str):
            optimizer_params = dict(optimizer_params)
            optimizer_params.setdefault("rescale_grad", rescale_grad)
            optimizer = opt.create(optimizer, sym=self.symbol, param_idx2name=idx2name, **optimizer_params)
        else:
            assert isinstance(optimizer, opt.Optimizer)
            if optimizer.rescale_grad != rescale_grad:
                warnings.warn("Optimizer created manually outside Module but rescale_grad is not normalized to "
                              "1.0/batch_size/num_workers (%s vs. %s). Is this intended?"
                              % (optimizer.rescale_grad, rescale_grad), stacklevel=2)
            if not optimizer.idx2name:
                optimizer.idx2name = idx2name.copy()

        self._optimizer = optimizer
        self._kvstore = kvstore
        self._update_on_kvstore = update_on_kvstore
        self._updater = None
        if kvstore:
            if self._compression_params:
                kvstore.set_gradient_compression(self._compression_params)
            if update_on_kvstore:
                kvstore.set_optimizer(self._optimizer)
            initialize_kvstore(kvstore, self._exec_group.param_arrays, self._arg_params, self._param_names,
                               update_on_kvstore)
        if not update_on_kvstore:
            self._updater = opt.get_updater(optimizer)
        self.optimizer_initialized = True
        if self._preload_opt_states is not None:
            self.load_optimizer_states(self._preload_opt_states)
            self._preload_opt_states = None

    def borrow_optimizer(self, shared_module):
        """Use ``shared_module``'s optimizer, store and updater (BucketingModule shares them this way)."""
        assert shared_module.optimizer_initialized
        self._optimizer = shared_module._optimizer
        self._kvstore = shared_module._kvstore
        self._update_on_kvstore = shared_module._update_on_kvstore
        self._updater = shared_module._updater
        self.optimizer_initialized = True

    def save_optimizer_states(self, fname):
        """Write the optimizer states (MXNet's pickle format) to ``fname``."""
        assert self.optimizer_initialized
        if self._update_on_kvstore:
            self._kvstore.save_optimizer_states(fname)
        else:
            with open(fname, "wb") as fout:
                fout.write(self._updater.get_states())

    def load_optimizer_states(self, fname):
        """Read optimizer states written by ``save_optimizer_states`` (here or by MXNet)."""
        assert self.optimizer_initialized
        if self._update_on_kvstore:
            self._kvstore.load_optimizer_states(fname)
        else:
            with open(fname, "rb") as fin:
                self._updater.set_states(fin.read())

    # ---- computation -----------------------------------------------------------------------------------
    def _batch_shapes(self, data_batch):
        if not isinstance(data_batch, list):
            return tuple(d.shape for d in data_batch.data)
        shapes = []
        for i in range(len(data_batch[0].data)):
            shape = data_batch[0].data[i].shape
            for batch in data_batch:
                assert shape == batch.data[i].shape, "All data batches in a list need to have the same shape"
            shapes.append((len(data_batch) * shape[0],) + shape[1:])
        return tuple(shapes)

    def forward(self, data_batch, is_train=None):
        """Run forward on ``data_batch`` (``is_train`` None: as bound), re-shaping for new input shapes."""
        assert self.binded and self.params_initialized
        new_shapes = self._batch_shapes(data_batch)
        if tuple(d.shape for d in self._data_shapes) != new_shapes:
            if getattr(data_batch, "provide_data", None):
                data_descs = data_batch.provide_data
            else:
                data_descs = [DataDesc(d.name, shape, d.dtype, d.layout)
                              for d, shape in zip(self._data_shapes, new_shapes)]
            if getattr(data_batch, "provide_label", None):
                label_descs = data_batch.provide_label
            elif getattr(data_batch, "label", None):
                label_descs = [DataDesc(d.name, lab.shape, d.dtype, d.layout)
                               for d, lab in zip(self._label_shapes, data_batch.label)]
            else:
                label_descs = None
            self.reshape(data_descs, label_descs)
        self._exec_group.forward(data_batch, is_train)

    def backward(self, out_grads=None):
        """Backward from the last forward; ``out_grads`` are needed for outputs that are not losses."""
        assert self.binded and self.params_initialized
        self._exec_group.backward(out_grads=out_grads)

    def update(self):
        """Apply the optimizer to the gradients of the last backward (see ``param_update.py``)."""
        assert self.binded and self.params_initialized and self.optimizer_initialized
        self._params_dirty = True
        group = self._exec_group
        if self._update_on_kvstore:
            update_params_on_kvstore(group.param_arrays, group.grad_arrays, self._kvstore, group.param_names)
        else:
            update_params(group.param_arrays, group.grad_arrays, updater=self._updater,
                          num_device=len(self._context), kvstore=self._kvstore, param_names=group.param_names)

    def get_outputs(self, merge_multi_context=True):
        assert self.binded and self.params_initialized
        return self._exec_group.get_outputs(merge_multi_context=merge_multi_context)

    def get_input_grads(self, merge_multi_context=True):
        assert self.binded and self.params_initialized and self.inputs_need_grad
        return self._exec_group.get_input_grads(merge_multi_context=merge_multi_context)

    def get_states(self, merge_multi_context=True):
        assert self.binded and self.params_initialized
        return self._exec_group.get_states(merge_multi_context=merge_multi_context)

    def set_states(self, states=None, value=None):
        assert self.binded and self.params_initialized
        self._exec_group.set_states(states, value)

    def update_metric(self, eval_metric, labels, pre_sliced=False):
        """Update ``eval_metric`` with the last outputs and ``labels``."""
        self._exec_group.update_metric(eval_metric, labels, pre_sliced)

    def install_monitor(self, mon):
        assert self.binded
        self._exec_group.install_monitor(mon)

    def prepare(self, data_batch, sparse_row_id_fn=None):
        """Nothing to prepare for dense parameters; ``sparse_row_id_fn`` only draws MXNet's warnings."""
        assert self.binded
        if sparse_row_id_fn is None:
            return
        if not self._kvstore or not self._update_on_kvstore:
            warnings.warn(UserWarning("Parameters are not updated in the KVStore. "
                                      "No need to call sparse_row_id_fn."))
            return
        row_ids = sparse_row_id_fn(data_batch)
        assert isinstance(row_ids, dict), "Expected dict output from sparse_row_id_fn"
        for name in row_ids:
            warnings.warn(UserWarning("%s.stype is not 'row_sparse'. No need to perform row_sparse_pull." % name))
