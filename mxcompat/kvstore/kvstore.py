"""``mx.kvstore.KVStore``: MXNet 1.9.1's single-process key-value store ('local', 'device' and their aliases).

MXNet contract (1.9.1, ``mxnet/kvstore/kvstore.py`` over ``src/kvstore/kvstore_local.h`` and ``comm.h``):
- keys are ints or strs, one kind per store (the first call fixes it; mixing raises MXNetError). ``init``
  copies each value into the store's master copy on the CPU; a key is initialised once (``broadcast`` is
  ``init`` followed by ``pull``, so it too refuses a known key);
- ``push`` sums the values given for a key (a list: one per device) into a per-key merge buffer shaped and
  typed like the key's initial value (on the CPU for 'local' stores, on the first value's device for 'device'
  stores); a single value is used as it is, without a copy. With an updater, ``updater(key, merged, stored)``
  then updates the master in place (a str key reaches a user's updater as bytes); without one, the master
  *becomes* the merged array (it aliases the pushed array or the buffer, as in MXNet);
- ``pull`` copies the master into every ``out`` (casting the dtype; the shapes must match); ``pushpull`` is
  ``push`` then ``pull`` into ``out`` (default: the pushed values);
- ``set_optimizer`` installs ``mx.optimizer.get_updater(optimizer)`` (``_set_updater`` takes any callable);
  ``save/load_optimizer_states`` read and write the updater's states in MXNet's pickle format;
- ``set_gradient_compression`` is for stores whose type contains 'device' (others raise ``Exception``): type
  '2bit' quantises every pushed value to {-threshold, 0, threshold}, keeping the rest as a residual per
  (key, value position) that is added to the next push.

- row_sparse values: a store initialised with a row_sparse array keeps one; pushed row_sparse values sum to a
  row_sparse array (the union of their rows), so an optimizer updates lazily; ``pull`` skips row_sparse outputs
  unless ``ignore_sparse=False``; ``row_sparse_pull`` copies the rows ``row_ids`` (deduplicated,
  sorted) of the stored value into each row_sparse ``out`` (a dense ``out`` is an MXNetError).
"""
import os

import torch

from ..base import MXNetError
from .. import ndarray as nd
from ..context import cpu_pinned
from ..ndarray.ndarray import NDArray
from .. import optimizer as opt
from .base import _key_value_pairs, _OneWorker, KVStoreBase

__all__ = ["KVStore"]

_STR_KEY, _INT_KEY = 0, 1   # MXNet's KeyType values, as its "Mixed key types" message prints them


class _StoreHandle(object):
    """What MXNet's ``KVStoreHandle`` points at here: the store's type and where it reduces."""

    __slots__ = ("type", "on_device")

    def __init__(self, kv_type):
        self.type = kv_type
        self.on_device = "device" in kv_type or "nccl" in kv_type


def _is_sparse(arr):
    return arr.stype != "default"


def _shape_str(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


def _check_copy(src, dst):
    if src.shape != dst.shape:
        raise MXNetError("Check failed: from.shape() == to.shape(): operands shape mismatch from.shape = %s "
                         "to.shape=%s" % (_shape_str(src.shape), _shape_str(dst.shape)))


class KVStore(_OneWorker, KVStoreBase):
    """A key-value store synchronising values over several devices of one process (see the module docstring)."""

    def __init__(self, handle):
        assert isinstance(handle, _StoreHandle)
        self.handle = handle
        self._updater = None
        self._updater_func = None
        self._str_updater_func = None
        self._is_p3 = (os.getenv('DMLC_PS_VAN_TYPE', '') == 'p3')
        self._local = {}        # key -> master NDArray
        self._like = {}         # key -> (shape, torch dtype) of the initial value: the merge buffer's form
        self._merge_buf = {}    # key -> NDArray the pushed values are summed into
        self._key_type = None
        self._threshold = None  # 2bit gradient compression threshold, when set
        self._residual = {}     # (key, position) -> torch.Tensor

    # ---- keys ---------------------------------------------------------------------------------------------
    def _grouped(self, keys, vals):
        """``{key: [NDArray, ...]}`` in first-appearance order (MXNet groups the flat pairs by key)."""
        pairs, use_str_keys = _key_value_pairs(keys, vals)
        if use_str_keys is not None:
            key_type = _STR_KEY if use_str_keys else _INT_KEY
            if self._key_type is None:
                self._key_type = key_type
            elif key_type != self._key_type:
                raise MXNetError("Check failed: key_type_ == key_type (%d vs. %d) : Mixed key types are not "
                                 "allowed" % (self._key_type, key_type))
        groups = {}
        for key, values in pairs:
            if values:
                groups.setdefault(key, []).extend(values)
        return groups

    def _master(self, key, pushing=False):
        local = self._local.get(key)
        if local is None:
            if isinstance(key, str):
                raise MXNetError("Check failed: str_key_dict_.find(str_key) != str_key_dict_.end(): key %s "
                                 "doesn't exist. Did you init?" % key)
            raise MXNetError("Check failed: !%sis_none(): key %d has not been inited"
                             % ("" if pushing else "local.", key))
        return local

    # ---- init / push / pull ---------------------------------------------------------------------------------
    def init(self, key, value):
        """Initialise one key or a list of keys with NDArray values (copied to the store)."""
        for k, values in self._grouped(key, value).items():
            for val in values:
                if k in self._local:
                    if isinstance(k, str):
                        raise MXNetError("Check failed: str_key_dict_.find(str_key) == str_key_dict_.end(): "
                                         "duplicate init of key %s" % k)
                    raise MXNetError("Check failed: local_.find(keys[i]) == local_.end(): duplicate init of key "
                                     "%d. Please double check if you called kv.init or kv.broadcast with this "
                                     "key multiple times" % k)
                ctx = cpu_pinned(0)
                self._local[k] = val.copyto(ctx) if _is_sparse(val) else NDArray._wrap(
                    val._data.detach().to(ctx.torch_device, copy=True), ctx)
                self._like[k] = (val.shape, val._data.dtype)

    def push(self, key, value, priority=0):
        """Push values (a list per key is summed); the updater, if any, applies the sum to the master."""
        groups = self._grouped(key, value)
        for k in groups:
            self._master(k, pushing=True)
        with torch.no_grad():
            for k, values in groups.items():
                self._push_one(k, values)

    def _push_one(self, key, values):
        merged = self._reduce(key, values)
        if self._updater is None:
            self._local[key] = merged
            return
        local = self._local[key]
        if merged._data.device.type != "cpu" and local._data.device.type == "cpu":
            local = self._local[key] = local.copyto(merged.context)
        self._updater(key.encode() if isinstance(key, str) else key, merged, local)

    def _reduce(self, key, values):
        if len(values) == 1 and self._threshold is None:
            return values[0]
        if self._threshold is None and all(v.stype == "row_sparse" for v in values):
            ctx = values[0].context if self.handle.on_device else cpu_pinned(0)
            return nd.add_n(*[v.copyto(ctx) for v in values])
        buf = self._buffer(key, values[0])
        total = buf._data
        for i, val in enumerate(values):
            _check_copy(val, buf)
            src = val._data if self._threshold is None else self._quantize(key, i, val._data)
            if i == 0:
                total.copy_(src)
            else:
                total.add_(src.to(device=total.device, dtype=total.dtype))
        return buf

    def _buffer(self, key, first):
        buf = self._merge_buf.get(key)
        if buf is None:
            shape, dtype = self._like[key]
            ctx = first.context if self.handle.on_device else cpu_pinned(0)
            buf = self._merge_buf[key] = NDArray._wrap(torch.empty(shape, dtype=dtype, device=ctx.torch_device),
                                                       ctx)
        return buf

    def _quantize(self, key, position, grad):
        """MXNet's 2bit quantisation of ``grad`` plus its residual (dequantised: each value is -t, 0 or t)."""
        residual = self._residual.get((key, position))
        if residual is None or residual.shape != grad.shape:
            residual = self._residual[(key, position)] = torch.zeros_like(grad)
        threshold = self._threshold
        acc = grad + residual
        quantized = torch.where(acc >= threshold, threshold, torch.where(acc <= -threshold, -threshold, 0.0))
        quantized = quantized.to(grad.dtype)
        residual.add_(grad - quantized)
        return quantized

    def pull(self, key, out=None, priority=0, ignore_sparse=True):
        """Copy the stored value of each key into its ``out`` array(s)."""
        assert out is not None
        groups = self._grouped(key, out)
        for k in groups:
            self._master(k)
        with torch.no_grad():
            for k, outs in groups.items():
                local = self._local[k]
                for dst in outs:
                    if ignore_sparse and _is_sparse(dst):
                        continue
                    if _is_sparse(dst) or _is_sparse(local):
                        _check_copy(local, dst)
                        local.copyto(dst)
                    elif dst is not local:
                        _check_copy(local, dst)
                        dst._data.copy_(local._data)

    def pushpull(self, key, value, out=None, priority=0):
        """``push(key, value)`` then ``pull(key, out)``, ``out`` defaulting to ``value``."""
        self.push(key, value, priority)
        self.pull(key, value if out is None else out, priority)

    def broadcast(self, key, value, out, priority=0):
        """``init(key, value)`` then ``pull(key, out)``: a key can be broadcast once."""
        self.init(key, value)
        self.pull(key, out, priority)

    def row_sparse_pull(self, key, out=None, priority=0, row_ids=None):
        """Copy the rows ``row_ids`` of each key's stored value into its row_sparse ``out`` array(s)."""
        assert out is not None
        assert row_ids is not None
        if isinstance(row_ids, NDArray):
            row_ids = [row_ids]
        assert isinstance(row_ids, list), "row_ids should be NDArray or list of NDArray"
        out_groups = self._grouped(key, out)
        single = len(row_ids) == 1 and isinstance(row_ids[0], NDArray)
        id_groups = None if single else self._grouped(key, row_ids)
        for k, outs in out_groups.items():
            local = self._master(k)
            ids = [row_ids[0]] * len(outs) if single else id_groups[k]
            if len(ids) == 1 and len(outs) > 1:
                ids = ids * len(outs)
            for dst, rid in zip(outs, ids):
                if dst.stype != "row_sparse":
                    raise MXNetError("Check failed: val_stype == kRowSparseStorage (0 vs. 1) : Expected "
                                     "row_sparse storage type for row_sparse_pull values, but detected storage "
                                     "type 0")
                _check_copy(local, dst)
                rows = torch.unique(rid._data.detach().long().reshape(-1).to(local._data.device))
                nd.sparse.retain(local.tostype("row_sparse") if not _is_sparse(local) else local,
                                 NDArray._wrap(rows, local.context)).copyto(dst)

    # ---- optimizer ---------------------------------------------------------------------------------------------
    def is_capable(self, capability):
        """``'optimizer'``: True (False for ps-lite's p3 van); other capabilities raise ValueError."""
        if capability.lower() == KVStoreBase.OPTIMIZER:
            return not self._is_p3
        raise ValueError('Unknown capability: {}'.format(capability))

    def set_optimizer(self, optimizer):
        """Run ``optimizer`` on the store: pushes update the stored weights (a fresh Updater: no states)."""
        self._set_updater(opt.get_updater(optimizer))

    def _set_updater(self, updater):
        """Use ``updater(key, merged, stored)`` on every push (None: pushes replace the stored value)."""
        self._updater = updater
        self._updater_func = self._str_updater_func = updater

    def save_optimizer_states(self, fname, dump_optimizer=False):
        """Write the updater's states (and the optimizer with ``dump_optimizer``) in MXNet's format."""
        assert self._updater is not None, "Cannot save states for distributed training"
        with open(fname, 'wb') as fout:
            fout.write(self._updater.get_states(dump_optimizer))

    def load_optimizer_states(self, fname):
        """Read states written by ``save_optimizer_states`` (here or by MXNet)."""
        assert self._updater is not None, "Cannot load states for distributed training"
        with open(fname, 'rb') as fin:
            self._updater.set_states(fin.read())

    def set_gradient_compression(self, compression_params):
        """Set 2bit gradient compression (``{'type': '2bit', 'threshold': 0.5}``) on a 'device' store."""
        if 'device' not in self.type and 'dist' not in self.type:
            raise Exception('Gradient compression is not supported for this type of kvstore')
        assert isinstance(compression_params, dict), \
            "unexpected type for param_dict: " + str(type(compression_params))
        threshold = 0.5
        if 'threshold' in compression_params:
            text = str(compression_params['threshold'])
            try:
                threshold = float(text)
            except ValueError:
                raise MXNetError("Invalid Parameter format for threshold expect float but value='%s'" % text) \
                    from None
        if 'type' not in compression_params:
            raise MXNetError("Required parameter type of string is not presented")
        kind = str(compression_params['type'])
        if kind != '2bit':
            raise MXNetError("Unknown type for gradient compression " + kind)
        if not threshold > 0:
            raise MXNetError("Check failed: params.threshold > 0 (%g vs. 0) : threshold must be greater than 0"
                             % threshold)
        self._threshold = threshold

    # ---- cluster ------------------------------------------------------------------------------------------------
    def _barrier(self):
        """A global barrier among workers: nothing to wait for in one process."""

    def _send_command_to_servers(self, head, body):
        """Send a command to the servers: a single-process store has none, so nothing happens (as in MXNet)."""

    @property
    def type(self):
        """The store's type, as given to ``create`` (lower-cased)."""
        return self.handle.type
