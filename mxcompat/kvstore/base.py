"""``mx.kvstore.KVStoreBase``, the store registry and ``create``.

MXNet contract (1.9.1, ``mxnet/kvstore/base.py``):
- ``KVStoreBase`` is the abstract interface (``broadcast``, ``pushpull``, ``set_optimizer``, ``is_capable``,
  ``save/load_optimizer_states``, ``type``, ``rank``, ``num_workers``); ``KVStoreBase.register`` adds a
  subclass to ``kv_registry`` under its lower-cased class name (warning when it replaces one), and
  ``create(name)`` builds a registered class by that name. ``TestStore`` ('teststore') is registered here;
- any other name makes the native store. MXNet's C++ ``KVStore::Create`` lower-cases the name, makes a
  distributed store for names containing 'dist', an NCCL store for names containing 'nccl', and otherwise a
  single-process store that reduces on the devices when the name contains 'device' ('device',
  'local_allreduce_device') and on the CPU otherwise ('local', 'local_update_cpu', 'local_allreduce_cpu', any
  other name). Its ``type`` is the lower-cased name.

Deliberate differences: distributed stores ('dist_sync', 'dist_async', 'dist_device_sync', ...) and the
'horovod' / 'byteps' stores need a cluster and raise NotImplementedError; 'nccl' is a device-reducing store
(torch moves the tensors; MXNet's CPU build refuses it).
"""
import warnings

from ..base import string_types, unsupported
from ..ndarray.ndarray import NDArray

__all__ = ["create", "KVStoreBase"]


def _key_value_pairs(keys, vals):
    """``([(key, [NDArray, ...]), ...], use_str_keys)``: MXNet's ``_ctype_key_value`` flattening, with its
    assertions; a list of keys pairs with a list of values, a key with an NDArray or a list of NDArrays."""
    if isinstance(keys, (tuple, list)):
        assert len(keys) == len(vals)
        pairs, use_str_keys = [], None
        for key, val in zip(keys, vals):
            sub, str_keys_i = _key_value_pairs(key, val)
            pairs += sub
            use_str_keys = str_keys_i if use_str_keys is None else use_str_keys
            assert use_str_keys == str_keys_i, "inconsistent types of keys detected."
        return pairs, use_str_keys
    assert isinstance(keys, (int,) + string_types), "unexpected type for keys: " + str(type(keys))
    use_str_keys = isinstance(keys, string_types)
    if isinstance(vals, NDArray):
        return [(keys, [vals])], use_str_keys
    for value in vals:
        assert isinstance(value, NDArray)
    return [(keys, list(vals))], use_str_keys


class KVStoreBase(object):
    """An abstract key-value store interface for data parallel training."""

    OPTIMIZER = 'optimizer'
    kv_registry = {}

    def broadcast(self, key, value, out, priority=0):
        """Broadcast ``value`` (from rank 0) to all ranks and store it in ``out`` (NDArray or list)."""
        raise NotImplementedError()

    def pushpull(self, key, value, out=None, priority=0):
        """Push ``value`` (summed when a list) and pull the result into ``out`` (default: ``value``)."""
        raise NotImplementedError()

    def set_optimizer(self, optimizer):
        """Register ``optimizer``: updates then run on the store."""
        raise NotImplementedError()

    def is_capable(self, capability):
        """Whether the store supports ``capability`` (e.g. ``KVStoreBase.OPTIMIZER``)."""
        raise NotImplementedError()

    def save_optimizer_states(self, fname, dump_optimizer=False):
        """Save the updater's states (and the optimizer with ``dump_optimizer``) to ``fname``."""
        raise NotImplementedError()

    def load_optimizer_states(self, fname):
        """Load the updater's states from ``fname``."""
        raise NotImplementedError()

    @property
    def type(self):
        """The type of this store (a str)."""
        raise NotImplementedError()

    @property
    def rank(self):
        """The rank of this worker, in ``[0, num_workers)``."""
        raise NotImplementedError()

    @property
    def num_workers(self):
        """The number of workers."""
        raise NotImplementedError()

    @staticmethod
    def register(klass):
        """Register a KVStore class, so that ``create(klass.__name__.lower())`` builds it."""
        assert isinstance(klass, type)
        name = klass.__name__.lower()
        if name in KVStoreBase.kv_registry:
            warnings.warn('WARNING: New kvstore %s.%s is overriding existing kvstore %s.%s'
                          % (klass.__module__, klass.__name__, KVStoreBase.kv_registry[name].__module__,
                             KVStoreBase.kv_registry[name].__name__))
        KVStoreBase.kv_registry[name] = klass
        return klass


class _OneWorker(object):
    """``rank`` 0 of ``num_workers`` 1: the stores of a single process."""

    @property
    def rank(self):
        """0: the only worker."""
        return 0

    @property
    def num_workers(self):
        """1: a single-process store."""
        return 1


@KVStoreBase.register
class TestStore(_OneWorker, KVStoreBase):
    """A key-value store for testing: ``broadcast`` copies, ``pushpull`` sums, no optimizer."""

    def broadcast(self, key, value, out, priority=0):
        for o in (out if isinstance(out, list) else [out]):
            o[:] = value

    def pushpull(self, key, value, out=None, priority=0):
        ctx = value[0].context
        if isinstance(value, NDArray):
            if out is not None:
                for o in (out if isinstance(out, list) else [out]):
                    o[:] = value
            return
        reduced = sum([val.as_in_context(ctx) for val in value])
        for o in (value if out is None else (out if isinstance(out, list) else [out])):
            o[:] = reduced

    @staticmethod
    def is_capable(capability):
        if capability.lower() == KVStoreBase.OPTIMIZER:
            return False
        raise ValueError('Unknown capability: {}'.format(capability))

    @property
    def type(self):
        return 'teststore'

    def set_optimizer(self, optimizer):
        raise NotImplementedError()

    def save_optimizer_states(self, fname, dump_optimizer=False):
        raise NotImplementedError()

    def load_optimizer_states(self, fname):
        raise NotImplementedError()


_DISTRIBUTED = ("horovod", "byteps")


def create(name='local'):
    """Create a KVStore: 'local' (reduce and update on the CPU), 'device' (reduce and update on the values'
    devices), their aliases, or a class registered with ``KVStoreBase.register`` (see the module docstring)."""
    if not isinstance(name, string_types):
        raise TypeError('name must be a string')
    name = name.lower()
    if name in KVStoreBase.kv_registry:
        return KVStoreBase.kv_registry[name]()
    if "dist" in name or name in _DISTRIBUTED:
        raise unsupported("mx.kv.create('%s')" % name,
                          "distributed kvstores need a cluster; use 'local' or 'device' in one process")
    from .kvstore import KVStore, _StoreHandle  # pylint: disable=import-outside-toplevel
    return KVStore(_StoreHandle(name))
