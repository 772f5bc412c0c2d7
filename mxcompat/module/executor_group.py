"""``mx.module.executor_group.DataParallelExecutorGroup``: one executor per context, each on a slice of the batch.

MXNet contract (1.9.1):
- the batch axis of every input is found from its DataDesc layout (``'N'``; -1 means "not batched", the
  whole array goes to every device); the batch is cut into consecutive slices sized by ``workload``
  (``_split_input_slice``: rounded shares, remainder on the last device, ValueError when a slice is empty);
- ``grad_req`` may be a str (parameters get it, fixed parameters 'null', data inputs only with
  ``inputs_need_grad``, labels and states 'null'), a list in ``list_arguments()`` order, or a dict that
  overrides those defaults; an executor group bound not for training uses 'null' everywhere;
- ``param_arrays`` / ``grad_arrays`` / ``aux_arrays`` are lists (one per parameter, in argument order) of
  per-device lists; ``data_arrays`` / ``label_arrays`` pair each device's slice with its input array;
- outputs are merged by concatenating along each output's batch axis (``__layout__`` attribute, default 0);
  ``get_params`` averages the devices' copies into the given CPU arrays;
- ``reshape`` re-binds from the first executors with ``allow_up_sizing`` (memory is shared with them).

Executors share parameter memory with ``shared_group`` (BucketingModule) through ``simple_bind``'s
``shared_exec`` / ``shared_arg_names`` / ``shared_buffer``. ``group2ctxs`` is accepted and handed to the
executor, which places every operator on its context (see ``executor.py``).
"""
import logging
from collections import OrderedDict

import torch

from .. import context as ctx
from .. import ndarray as nd
from ..io import DataDesc
from ..ndarray.ndarray import NDArray

__all__ = ["DataParallelExecutorGroup"]


def _split_input_slice(batch_size, work_load_list):
    """Consecutive slices of ``range(batch_size)`` sized in proportion to ``work_load_list``."""
    total = sum(work_load_list)
    sizes = [round(w * batch_size / total) for w in work_load_list]
    short = batch_size - sum(sizes)
    if short > 0:
        sizes[-1] += short
    slices, end = [], 0
    for size in sizes:
        begin = int(min(end, batch_size))
        end = int(min(begin + size, batch_size))
        if begin >= end:
            raise ValueError("Too many slices. Some splits are empty.")
        slices.append(slice(begin, end))
    return slices


def _copy_into(src, dst):
    """``src.copyto(dst)`` for NDArray (casting dtype, as MXNet's copy does) or numpy sources; callers hold
    ``torch.no_grad()`` (a batch is never part of a recorded graph)."""
    if isinstance(src, NDArray):
        src = src._data
    else:
        src = torch.as_tensor(src)
    if src.shape != dst._data.shape:
        raise ValueError("copyto: shape mismatch, source {} vs target {}".format(tuple(src.shape), dst.shape))
    dst._data.copy_(src)


@torch.no_grad()
def _load_general(sources, targets, major_axis):
    """Copy each source array (or per-device list of arrays) into its per-device targets.

    ``targets[i]`` is an NDArray, a list of NDArrays (pre-sliced sources), or a list of ``(slice, NDArray)``.
    """
    for src, dsts, axis in zip(sources, targets, major_axis):
        if isinstance(dsts, NDArray):
            _copy_into(src, dsts)
        elif isinstance(src, (list, tuple)):
            for s, d in zip(src, dsts):
                _copy_into(s, d)
        else:
            data = src._data if isinstance(src, NDArray) else torch.as_tensor(src)
            for islice, dst in dsts:
                if axis >= 0 and (islice.start != 0 or data.shape[axis] != islice.stop):
                    _copy_into(data.narrow(axis, islice.start, islice.stop - islice.start), dst)
                else:
                    _copy_into(data, dst)


def _per_input(batch, field, targets):
    """The sources for ``_load_general``: the batch's arrays, or for a list of pre-sliced batches the
    per-device lists of arrays (with targets reduced to per-device arrays)."""
    if isinstance(batch, list):
        sources = [[getattr(b, field)[i] for b in batch] for i in range(len(targets))]
        return sources, [[dst for _, dst in per_dev] for per_dev in targets]
    return getattr(batch, field), targets


def _merge_multi_context(outputs, major_axis):
    """One array per output: the devices' arrays concatenated along the batch axis (-1: the first)."""
    merged = []
    for arrays, axis in zip(outputs, major_axis):
        if axis >= 0 and len(arrays) > 1:
            first = arrays[0].context
            merged.append(nd.concat(*[a.as_in_context(first) for a in arrays], dim=axis))
        else:
            merged.append(arrays[0])
    return merged


def _prepare_group2ctxs(group2ctxs, ctx_len):
    """Per-device ``group2ctx`` dicts from a list of them, or a dict of group -> context(s)."""
    if group2ctxs is None:
        return [None] * ctx_len
    if isinstance(group2ctxs, list):
        assert len(group2ctxs) == ctx_len, "length of group2ctxs should be %d" % ctx_len
        return group2ctxs
    if isinstance(group2ctxs, dict):
        out = [{} for _ in range(ctx_len)]
        for group, where in group2ctxs.items():
            if isinstance(where, ctx.Context):
                where = [where] * ctx_len
            elif len(where) == 1:
                where = list(where) * ctx_len
            assert len(where) == ctx_len, "length of group2ctxs[%s] should be %d or 1" % (group, ctx_len)
            for i in range(ctx_len):
                out[i][group] = where[i]
        return out
    raise AssertionError("group2ctxs should be list of dict of str to context, or dict of str to context or "
                         "list of context")


class DataParallelExecutorGroup(object):
    """Executors for ``symbol`` on each of ``contexts``; see the module docstring."""

    def __init__(self, symbol, contexts, workload, data_shapes, label_shapes, param_names, for_training,
                 inputs_need_grad, shared_group=None, logger=logging, fixed_param_names=None, grad_req="write",
                 state_names=None, group2ctxs=None):
        self.param_names = param_names
        self.arg_names = symbol.list_arguments()
        self.aux_names = symbol.list_auxiliary_states()
        self.symbol = symbol
        self.contexts = contexts
        self.workload = workload
        self.group2ctxs = _prepare_group2ctxs(group2ctxs, len(contexts))
        self.for_training = for_training
        self.inputs_need_grad = inputs_need_grad
        self.logger = logger
        self._total_exec_bytes = 0
        self.fixed_param_names = fixed_param_names if fixed_param_names is not None else []
        self.state_names = state_names if state_names is not None else []
        data_shapes = [x if isinstance(x, DataDesc) else DataDesc(*x) for x in data_shapes]
        if label_shapes is not None:
            label_shapes = [x if isinstance(x, DataDesc) else DataDesc(*x) for x in label_shapes]
        self.grad_req = self._grad_req_dict(grad_req if for_training else "null", [x.name for x in data_shapes])
        self.shared_data_arrays = (shared_group.shared_data_arrays if shared_group is not None
                                   else [{} for _ in contexts])
        self.batch_size = None
        self.slices = None
        self.execs = []
        self._default_execs = None
        self.data_arrays = self.label_arrays = self.param_arrays = self.state_arrays = None
        self.grad_arrays = self.aux_arrays = self.input_grad_arrays = None
        self.data_shapes = self.label_shapes = self.data_names = self.label_names = None
        self.data_layouts = self.label_layouts = None
        self.output_names = symbol.list_outputs()
        self.num_outputs = len(self.output_names)
        self.output_layouts = [DataDesc.get_batch_axis(symbol[i].attr("__layout__"))
                               for i in range(self.num_outputs)]
        self.bind_exec(data_shapes, label_shapes, shared_group)

    def _grad_req_dict(self, grad_req, data_names):
        def default(name, req):
            if name in self.param_names:
                return "null" if name in self.fixed_param_names else req
            if name in data_names:
                return req if self.inputs_need_grad else "null"
            return "null"

        if isinstance(grad_req, str):
            return {k: default(k, grad_req) for k in self.arg_names}
        if isinstance(grad_req, (list, tuple)):
            assert len(grad_req) == len(self.arg_names)
            return dict(zip(self.arg_names, grad_req))
        if isinstance(grad_req, dict):
            reqs = {k: default(k, "write") for k in self.arg_names}
            reqs.update(grad_req)
            return reqs
        raise ValueError("grad_req must be one of str, list, tuple, or dict.")

    # ---- binding ---------------------------------------------------------------------------------------
    def decide_slices(self, data_shapes):
        """The batch axis of each input; sets ``batch_size`` and ``slices`` from the first batched one."""
        assert len(data_shapes) > 0
        major_axis = [DataDesc.get_batch_axis(x.layout) for x in data_shapes]
        for (name, shape), axis in zip(data_shapes, major_axis):
            if axis == -1:
                continue
            size = shape[axis]
            if self.batch_size is None:
                self.batch_size = size
                self.slices = _split_input_slice(size, self.workload)
            else:
                assert size == self.batch_size, ("all data must have the same batch size: batch_size = %d, "
                                                 "but %s has shape %s" % (self.batch_size, name, shape))
        return major_axis

    def _collect_arrays(self):
        execs = self.execs
        slices = self.slices or [slice(i, i + 1) for i in range(len(execs))]
        self.data_arrays = [[(slices[i], e.arg_dict[name]) for i, e in enumerate(execs)]
                            for name, _ in self.data_shapes]
        self.state_arrays = [[e.arg_dict[name] for e in execs] for name in self.state_names]
        self.label_arrays = None
        if self.label_shapes is not None:
            self.label_arrays = [[(self.slices[i], e.arg_dict[name]) for i, e in enumerate(execs)]
                                 for name, _ in self.label_shapes]
        param_idx = [i for i, name in enumerate(self.arg_names) if name in self.param_names]
        self.param_arrays = [[e.arg_arrays[i] for e in execs] for i in param_idx]
        self.grad_arrays = ([[e.grad_arrays[i] for e in execs] for i in param_idx]
                            if self.for_training else None)
        self.input_grad_arrays = None
        if self.inputs_need_grad:
            self.input_grad_arrays = [[e.grad_arrays[self.arg_names.index(name)] for e in execs]
                                      for name, _ in self.data_shapes if name in self.arg_names]
        self.aux_arrays = [[e.aux_arrays[i] for e in execs] for i in range(len(self.aux_names))]

    def bind_exec(self, data_shapes, label_shapes, shared_group=None, reshape=False):
        """Bind (or, with ``reshape``, re-shape) one executor per context."""
        assert reshape or not self.execs
        self.batch_size = None
        self.data_layouts = self.decide_slices(data_shapes)
        if label_shapes is not None:
            self.label_layouts = self.decide_slices(label_shapes)
        for i in range(len(self.contexts)):
            shapes_i = self._sliced_shape(data_shapes, i, self.data_layouts)
            labels_i = self._sliced_shape(label_shapes, i, self.label_layouts) if label_shapes is not None else []
            if reshape:
                self.execs[i] = self._default_execs[i].reshape(allow_up_sizing=True, **dict(shapes_i + labels_i))
            else:
                self.execs.append(self._bind_ith_exec(i, shapes_i, labels_i, shared_group))
        self.data_shapes = data_shapes
        self.label_shapes = label_shapes
        self.data_names = [d.name for d in data_shapes]
        if label_shapes is not None:
            self.label_names = [d.name for d in label_shapes]
        self._collect_arrays()

    def reshape(self, data_shapes, label_shapes):
        """Re-shape the executors for new input shapes (a no-op when they are unchanged)."""
        if data_shapes == self.data_shapes and label_shapes == self.label_shapes:
            return
        if self._default_execs is None:
            self._default_execs = list(self.execs)
        self.bind_exec(data_shapes, label_shapes, reshape=True)

    def _bind_ith_exec(self, i, data_shapes, label_shapes, shared_group):
        shared_exec = None if shared_group is None else shared_group.execs[i]
        input_shapes = dict(data_shapes)
        input_types = {x.name: x.dtype for x in data_shapes}
        attrs = self.symbol.attr_dict()
        for name in self.symbol.list_inputs():
            # a ``__dtype__`` attribute on a data variable overrides the DataDesc's dtype (as MXNet does)
            flag = attrs.get(name, {}).get("__dtype__")
            if name in input_types and flag not in (None, "-1"):
                input_types[name] = _dtype_from_flag(int(flag))
        if label_shapes is not None:
            input_shapes.update(dict(label_shapes))
            input_types.update({x.name: x.dtype for x in label_shapes})
        exe = self.symbol.simple_bind(ctx=self.contexts[i], grad_req=self.grad_req, type_dict=input_types,
                                      shared_arg_names=self.param_names, shared_exec=shared_exec,
                                      group2ctx=self.group2ctxs[i], shared_buffer=self.shared_data_arrays[i],
                                      **input_shapes)
        self._total_exec_bytes += _exec_megabytes(exe)
        return exe

    def _sliced_shape(self, shapes, i, major_axis):
        out = []
        for desc, axis in zip(shapes, major_axis):
            shape = list(desc.shape)
            if axis >= 0:
                shape[axis] = self.slices[i].stop - self.slices[i].start
            out.append(DataDesc(desc.name, tuple(shape), desc.dtype, desc.layout))
        return out

    # ---- parameters ------------------------------------------------------------------------------------
    def set_params(self, arg_params, aux_params, allow_extra=False):
        """Copy ``arg_params`` / ``aux_params`` into every executor."""
        for exe in self.execs:
            exe.copy_params_from(arg_params, aux_params, allow_extra_params=allow_extra)

    def get_params(self, arg_params, aux_params):
        """Write the devices' average of each parameter and aux state into ``arg_params`` / ``aux_params``."""
        for names, blocks, dests in ((self.param_names, self.param_arrays, arg_params),
                                     (self.aux_names, self.aux_arrays, aux_params)):
            for name, block in zip(names, blocks):
                dst = dests[name]._data
                with torch.no_grad():
                    if len(block) == 1:
                        dst.copy_(block[0]._data)
                    else:
                        total = block[0]._data.to(dst.device)
                        for w in block[1:]:
                            total = total + w._data.to(dst.device)
                        dst.copy_(total / len(block))

    def get_states(self, merge_multi_context=True):
        assert not merge_multi_context, "merge_multi_context=True is not supported for get_states yet."
        return self.state_arrays

    def set_states(self, states=None, value=None):
        """Set the state arrays from per-state lists of per-device arrays, or all to one scalar ``value``."""
        if states is not None:
            assert value is None, "Only one of states & value can be specified."
            _load_general(states, self.state_arrays, (0,) * len(states))
            return
        assert value is not None, "At least one of states & value must be specified."
        for per_dev in self.state_arrays:
            for dst in per_dev:
                dst[:] = value

    # ---- running ---------------------------------------------------------------------------------------
    def forward(self, data_batch, is_train=None):
        """Load the batch (split across devices) and run every executor forward."""
        _load_general(*_per_input(data_batch, "data", self.data_arrays), self.data_layouts)
        if is_train is None:
            is_train = self.for_training
        first = data_batch[0] if isinstance(data_batch, list) else data_batch
        if self.label_arrays is not None and first is not None and first.label:
            _load_general(*_per_input(data_batch, "label", self.label_arrays), self.label_layouts)
        for exe in self.execs:
            exe.forward(is_train=is_train)

    def backward(self, out_grads=None):
        """Run every executor backward, each with its slice of ``out_grads``."""
        assert self.for_training, "re-bind with for_training=True to run backward"
        out_grads = out_grads or []
        for i, (exe, islice) in enumerate(zip(self.execs, self.slices)):
            mine = []
            for grad, axis in zip(out_grads, self.output_layouts):
                if axis >= 0:
                    part = nd.slice_axis(grad, axis=axis, begin=islice.start, end=islice.stop)
                    mine.append(part.as_in_context(self.contexts[i]))
                else:
                    mine.append(grad.copyto(self.contexts[i]))
            exe.backward(out_grads=mine)

    def get_output_shapes(self):
        """``[(name, shape)]`` of the merged outputs."""
        shapes = []
        for name, out, axis in zip(self.output_names, self.execs[0].outputs, self.output_layouts):
            shape = list(out.shape)
            if axis >= 0:
                shape[axis] = self.batch_size
            shapes.append((name, tuple(shape)))
        return shapes

    def get_outputs(self, merge_multi_context=True, begin=0, end=None):
        """Outputs ``begin:end``, merged across devices or as per-output lists of per-device arrays."""
        end = self.num_outputs if end is None else end
        outputs = [[exe.outputs[i] for exe in self.execs] for i in range(begin, end)]
        return _merge_multi_context(outputs, self.output_layouts) if merge_multi_context else outputs

    def get_input_grads(self, merge_multi_context=True):
        """Gradients of the data inputs (bound with ``inputs_need_grad``)."""
        assert self.inputs_need_grad
        if merge_multi_context:
            return _merge_multi_context(self.input_grad_arrays, self.data_layouts)
        return self.input_grad_arrays

    def update_metric(self, eval_metric, labels, pre_sliced):
        """Feed each device's outputs and its slice of ``labels`` to ``eval_metric.update_dict``."""
        for k, (exe, islice) in enumerate(zip(self.execs, self.slices)):
            if pre_sliced:
                mine = labels[k]
            else:
                mine = []
                for label, axis in zip(labels, self.label_layouts):
                    if axis >= 0 and islice.start == 0 and islice.stop == label.shape[axis]:
                        mine.append(label)  # the whole batch (one device): the slice would be all of it
                    elif axis == 0:
                        mine.append(label[islice])
                    elif axis > 0:
                        mine.append(nd.slice_axis(label, axis=axis, begin=islice.start, end=islice.stop))
                    else:
                        mine.append(label)
            eval_metric.update_dict(OrderedDict(zip(self.label_names, mine)),
                                    OrderedDict(zip(self.output_names, exe.outputs)))

    def install_monitor(self, mon):
        for exe in self.execs:
            mon.install(exe)


def _dtype_from_flag(flag):
    from ..base import DTYPE_FLAG_TO_TORCH, numpy_dtype
    return numpy_dtype(DTYPE_FLAG_TO_TORCH[flag])


def _exec_megabytes(exe):
    """The executor's memory estimate, read from its ``debug_str`` as MXNet does (0 if absent)."""
    try:
        return int(exe.debug_str().split("\n")[-3].split()[1])
    except (IndexError, ValueError, AttributeError):
        return 0
