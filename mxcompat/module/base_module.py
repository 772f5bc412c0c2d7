"""``mx.module.BaseModule``: the module interface and the high-level loops built on it (fit, score, predict).

MXNet contract (1.9.1). A module goes through the states *bound* (``bind``: shapes known, memory allocated),
*params initialized* (``init_params`` / ``set_params``) and *optimizer initialized* (``init_optimizer``).
Subclasses provide the intermediate API (``bind``, ``init_params``, ``get_params``, ``init_optimizer``,
``forward``, ``backward``, ``update``, ``update_metric``, ``get_outputs``, ``get_input_grads``, the shape and
name properties); this class builds on them:

- ``fit`` binds for training, installs the monitor, initialises parameters and the optimizer, then per
  epoch resets the metric, runs forward/backward/update/update_metric on every batch (pre-fetching the next
  batch and calling ``prepare`` on it before the batch-end callbacks), logs ``Epoch[%d] Train-%s=%f`` with
  the metric's *global* values and ``Epoch[%d] Time cost=%.3f``, syncs parameters (``get_params`` then
  ``set_params``), calls the epoch-end callbacks with ``(epoch, symbol, arg_params, aux_params)``, scores
  ``eval_data`` with ``validation_metric`` (default: the training metric's spec) logging
  ``Epoch[%d] Validation-%s=%f``, and resets the training iterator. Every line goes through ``self.logger``
  (the ``logging`` module by default, i.e. the root logger);
- ``score`` runs inference over an iterator into a metric and returns ``get_name_value()``;
- ``predict`` / ``iter_predict`` run inference and strip each batch's ``pad`` rows; ``predict`` merges the
  batches by concatenation (and unwraps a single output unless ``always_output_list``), or returns the raw
  per-batch lists with ``merge_batches=False``; given an NDArray or numpy array it runs one forward on it.
- ``save_params`` / ``load_params`` write and read the ``arg:``/``aux:`` dict of ``mx.model``.
"""
import logging
import time
import warnings

import numpy as np

from .. import metric
from .. import ndarray
from ..base import _as_list
from ..context import cpu
from ..initializer import Uniform
from ..io import DataDesc, DataBatch, DataIter
from ..model import BatchEndParam, split_params

__all__ = ["BaseModule"]


def bound_property(getter):
    """A read-only property that first asserts the module is bound, as MXNet's shape properties do."""
    def get(self):
        assert self.binded
        return getter(self)
    return property(get)


def _check_input_names(symbol, names, typename, throw):
    """Check that each of ``names`` is an argument of ``symbol`` (ValueError or a warning otherwise)."""
    args = symbol.list_arguments()
    for name in names:
        if name in args:
            continue
        candidates = [a for a in args if not a.endswith(("_weight", "_bias", "_gamma", "_beta"))]
        msg = ("\033[91mYou created Module with Module(..., %s_names=%s) but input with name '%s' is not found "
               "in symbol.list_arguments(). Did you mean one of:\n\t%s\033[0m"
               % (typename, str(names), name, "\n\t".join(candidates)))
        if throw:
            raise ValueError(msg)
        warnings.warn(msg)


def _checked_name_lists(symbol, data_names, label_names, state_names, fixed_param_names):
    """The four name arguments of Module/BucketingModule as lists (None: empty), checked against ``symbol``:
    unknown data, state or fixed-parameter names raise ValueError, unknown label names only warn."""
    lists = [list(names) if names is not None else [] for names in
             (data_names, label_names, state_names, fixed_param_names)]
    for names, kind, throw in zip(lists, ("data", "label", "state", "fixed_param"), (True, False, True, True)):
        _check_input_names(symbol, names, kind, throw)
    return lists


def _check_names_match(data_names, data_shapes, name, throw):
    """Check that the described inputs are exactly ``data_names`` (in any order)."""
    actual = [x[0] for x in data_shapes]
    if sorted(data_names) != sorted(actual):
        msg = "Data provided by %s_shapes don't match names specified by %s_names (%s vs. %s)" % (
            name, name, str(data_shapes), str(data_names))
        if throw:
            raise ValueError(msg)
        warnings.warn(msg)


def _parse_data_desc(data_names, label_names, data_shapes, label_shapes):
    """DataDesc lists from ``(name, shape)`` pairs or DataDescs, checked against the expected names."""
    data_shapes = [x if isinstance(x, DataDesc) else DataDesc(*x) for x in data_shapes]
    _check_names_match(data_names, data_shapes, "data", True)
    if label_shapes is not None:
        label_shapes = [x if isinstance(x, DataDesc) else DataDesc(*x) for x in label_shapes]
        _check_names_match(label_names, label_shapes, "label", False)
    else:
        _check_names_match(label_names, [], "label", False)
    return data_shapes, label_shapes


def _call_each(callbacks, *args):
    for callback in _as_list(callbacks):
        callback(*args)


class BaseModule(object):
    """The module interface; see the module docstring for the states and the loops built on them."""

    def __init__(self, logger=logging):
        self.logger = logger
        self.binded = False
        self.for_training = False
        self.inputs_need_grad = False
        self.params_initialized = False
        self.optimizer_initialized = False
        self._symbol = None
        self._total_exec_bytes = 0

    # ---- high-level API --------------------------------------------------------------------------------
    def forward_backward(self, data_batch):
        """``forward(data_batch, is_train=True)`` then ``backward()``."""
        self.forward(data_batch, is_train=True)
        self.backward()

    def _update_metric_with(self, eval_metric, batch):
        if isinstance(batch, list):
            self.update_metric(eval_metric, [b.label for b in batch], pre_sliced=True)
        else:
            self.update_metric(eval_metric, batch.label)

    def score(self, eval_data, eval_metric, num_batch=None, batch_end_callback=None, score_end_callback=None,
              reset=True, epoch=0, sparse_row_id_fn=None):
        """Run inference over ``eval_data`` (``num_batch`` batches at most) and return the metric's
        ``get_name_value()``; callbacks receive ``BatchEndParam(epoch, nbatch, eval_metric, locals)``."""
        assert self.binded and self.params_initialized
        if reset:
            eval_data.reset()
        if not isinstance(eval_metric, metric.EvalMetric):
            eval_metric = metric.create(eval_metric)
        eval_metric.reset()
        done = 0
        for nbatch, eval_batch in enumerate(eval_data):
            if num_batch is not None and nbatch == num_batch:
                break
            self.prepare(eval_batch, sparse_row_id_fn=sparse_row_id_fn)
            self.forward(eval_batch, is_train=False)
            self._update_metric_with(eval_metric, eval_batch)
            if batch_end_callback is not None:
                _call_each(batch_end_callback, BatchEndParam(epoch, nbatch, eval_metric, locals()))
            done += 1
        if score_end_callback:
            _call_each(score_end_callback, BatchEndParam(epoch, done, eval_metric, locals()))
        return eval_metric.get_name_value()

    def _inference_batches(self, eval_data, num_batch, reset, sparse_row_id_fn):
        """Yield ``(outputs without the pad rows, nbatch, batch)`` for each inference batch."""
        if reset:
            eval_data.reset()
        for nbatch, eval_batch in enumerate(eval_data):
            if num_batch is not None and nbatch == num_batch:
                break
            self.prepare(eval_batch, sparse_row_id_fn=sparse_row_id_fn)
            self.forward(eval_batch, is_train=False)
            pad = eval_batch.pad or 0
            yield [out[0:out.shape[0] - pad] for out in self.get_outputs()], nbatch, eval_batch

    def iter_predict(self, eval_data, num_batch=None, reset=True, sparse_row_id_fn=None):
        """Iterate ``(outputs, nbatch, batch)`` over ``eval_data``, pad rows removed (a generator: nothing
        runs before the first item is asked for)."""
        assert self.binded and self.params_initialized
        yield from self._inference_batches(eval_data, num_batch, reset, sparse_row_id_fn)

    def predict(self, eval_data, num_batch=None, merge_batches=True, reset=True, always_output_list=False,
                sparse_row_id_fn=None):
        """Run inference and collect the outputs (see the module docstring for the shapes returned)."""
        assert self.binded and self.params_initialized
        if isinstance(eval_data, (ndarray.NDArray, np.ndarray)):
            if isinstance(eval_data, np.ndarray):
                eval_data = ndarray.array(eval_data)
            self.forward(DataBatch([eval_data]))
            return self.get_outputs()[0]
        if not isinstance(eval_data, DataIter):
            raise ValueError("eval_data must be of type NDArray or DataIter")
        collected = [[out.copy() for out in outputs]
                     for outputs, _, _ in self._inference_batches(eval_data, num_batch, reset, sparse_row_id_fn)]
        if not collected or not merge_batches:
            return collected
        num_outputs = len(collected[0])
        for outputs in collected:
            assert len(outputs) == num_outputs, ("Cannot merge batches, as num of outputs is not the same in "
                                                 "mini-batches. Maybe bucketing is used?")
        merged = [ndarray.concatenate([outputs[i] for outputs in collected]) for i in range(num_outputs)]
        if num_outputs == 1 and not always_output_list:
            return merged[0]
        return merged

    def fit(self, train_data, eval_data=None, eval_metric="acc", epoch_end_callback=None,
            batch_end_callback=None, kvstore="local", optimizer="sgd",
            optimizer_params=(("learning_rate", 0.01),), eval_end_callback=None, eval_batch_end_callback=None,
            initializer=Uniform(0.01), arg_params=None, aux_params=None, allow_missing=False, force_rebind=False,
            force_init=False, begin_epoch=0, num_epoch=None, validation_metric=None, monitor=None,
            sparse_row_id_fn=None):
        """Train on ``train_data`` for epochs ``begin_epoch .. num_epoch-1`` (see the module docstring)."""
        assert num_epoch is not None, "please specify number of epochs"
        self.bind(data_shapes=train_data.provide_data, label_shapes=train_data.provide_label, for_training=True,
                  force_rebind=force_rebind)
        if monitor is not None:
            self.install_monitor(monitor)
        self.init_params(initializer=initializer, arg_params=arg_params, aux_params=aux_params,
                         allow_missing=allow_missing, force_init=force_init)
        self.init_optimizer(kvstore=kvstore, optimizer=optimizer, optimizer_params=optimizer_params)
        if validation_metric is None:
            validation_metric = eval_metric
        if not isinstance(eval_metric, metric.EvalMetric):
            eval_metric = metric.create(eval_metric)

        for epoch in range(begin_epoch, num_epoch):
            tic = time.time()
            eval_metric.reset()
            nbatch = 0
            data_iter = iter(train_data)
            end_of_batch = False
            next_data_batch = next(data_iter)
            while not end_of_batch:
                data_batch = next_data_batch
                if monitor is not None:
                    monitor.tic()
                self.forward_backward(data_batch)
                self.update()
                self._update_metric_with(eval_metric, data_batch)
                try:
                    # fetch and prepare the next batch before the callbacks run, as MXNet does
                    next_data_batch = next(data_iter)
                    self.prepare(next_data_batch, sparse_row_id_fn=sparse_row_id_fn)
                except StopIteration:
                    end_of_batch = True
                if monitor is not None:
                    monitor.toc_print()
                if end_of_batch:
                    # read before the last callbacks, which may reset the metric
                    eval_name_vals = eval_metric.get_global_name_value()
                if batch_end_callback is not None:
                    # callbacks read ``locals`` (self, data_batch, epoch, ...): keep this loop inside fit
                    batch_end_params = BatchEndParam(epoch=epoch, nbatch=nbatch, eval_metric=eval_metric,
                                                     locals=locals())
                    _call_each(batch_end_callback, batch_end_params)
                nbatch += 1
            for name, val in eval_name_vals:
                self.logger.info("Epoch[%d] Train-%s=%f", epoch, name, val)
            toc = time.time()
            self.logger.info("Epoch[%d] Time cost=%.3f", epoch, toc - tic)

            # sync the devices' parameters into the host copies the callbacks see
            arg_params, aux_params = self.get_params()
            self.set_params(arg_params, aux_params)
            if epoch_end_callback is not None:
                _call_each(epoch_end_callback, epoch, self.symbol, arg_params, aux_params)
            if eval_data is not None:
                res = self.score(eval_data, validation_metric, score_end_callback=eval_end_callback,
                                 batch_end_callback=eval_batch_end_callback, epoch=epoch)
                for name, val in res:
                    self.logger.info("Epoch[%d] Validation-%s=%f", epoch, name, val)
            train_data.reset()

    # ---- names, shapes and state (subclasses) ----------------------------------------------------------
    def _abstract(self):
        raise NotImplementedError()

    data_names = output_names = data_shapes = label_shapes = output_shapes = property(_abstract)

    @property
    def symbol(self):
        """The symbol of this module (for BucketingModule, the current bucket's)."""
        return self._symbol

    # ---- parameters ------------------------------------------------------------------------------------
    def get_params(self):
        raise NotImplementedError()

    def init_params(self, initializer=Uniform(0.01), arg_params=None, aux_params=None, allow_missing=False,
                    force_init=False, allow_extra=False):
        raise NotImplementedError()

    def set_params(self, arg_params, aux_params, allow_missing=False, force_init=True, allow_extra=False):
        """Assign parameter values: ``init_params`` with no initializer (missing names are an error unless
        ``allow_missing``)."""
        self.init_params(initializer=None, arg_params=arg_params, aux_params=aux_params,
                         allow_missing=allow_missing, force_init=force_init, allow_extra=allow_extra)

    def save_params(self, fname):
        """Write the parameters to ``fname`` as an ``arg:``/``aux:`` dict (MXNet's ``.params`` format)."""
        arg_params, aux_params = self.get_params()
        host = cpu()
        save_dict = {"arg:%s" % k: v.as_in_context(host) for k, v in arg_params.items()}
        save_dict.update({"aux:%s" % k: v.as_in_context(host) for k, v in aux_params.items()})
        ndarray.save(fname, save_dict)

    def load_params(self, fname):
        """Read parameters written by ``save_params`` (or MXNet) and ``set_params`` them; ValueError for a key
        that is neither ``arg:`` nor ``aux:``."""
        save_dict = ndarray.load(fname)
        for key in save_dict:
            if key.split(":", 1)[0] not in ("arg", "aux"):
                raise ValueError("Invalid param file " + fname)
        arg_params, aux_params = split_params(save_dict)
        self.set_params(arg_params, aux_params)

    def get_states(self, merge_multi_context=True):
        """States of stateful modules (none here): ``[]``."""
        assert self.binded and self.params_initialized
        assert not merge_multi_context
        return []

    def set_states(self, states=None, value=None):
        assert self.binded and self.params_initialized
        assert not states and not value

    def install_monitor(self, mon):
        raise NotImplementedError()

    def _optimizer_already_set(self, force_init, dots="."):
        """For ``init_optimizer``: True, after MXNet's warning, when an optimizer is installed and
        ``force_init`` is off."""
        assert self.binded and self.params_initialized
        if self.optimizer_initialized and not force_init:
            self.logger.warning("optimizer already initialized, ignoring" + dots)
            return True
        return False

    # ---- computation (subclasses) ----------------------------------------------------------------------
    def prepare(self, data_batch, sparse_row_id_fn=None):
        """Prepare for the next batch (switch bucket, pull sparse rows); here only the sparse warning."""
        if sparse_row_id_fn is not None:
            warnings.warn(UserWarning("sparse_row_id_fn is not invoked for BaseModule."))

    def forward(self, data_batch, is_train=None):
        raise NotImplementedError()

    def backward(self, out_grads=None):
        raise NotImplementedError()

    def get_outputs(self, merge_multi_context=True):
        raise NotImplementedError()

    def get_input_grads(self, merge_multi_context=True):
        raise NotImplementedError()

    def update(self):
        raise NotImplementedError()

    def update_metric(self, eval_metric, labels, pre_sliced=False):
        raise NotImplementedError()

    def bind(self, data_shapes, label_shapes=None, for_training=True, inputs_need_grad=False, force_rebind=False,
             shared_module=None, grad_req="write"):
        raise NotImplementedError()

    def init_optimizer(self, kvstore="local", optimizer="sgd", optimizer_params=(("learning_rate", 0.01),),
                       force_init=False):
        raise NotImplementedError()
