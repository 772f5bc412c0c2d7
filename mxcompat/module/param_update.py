"""How ``Module.update`` applies gradients: MXNet's kvstore rules, run in-process.

MXNet contract (1.9.1, ``model._create_kvstore`` / ``_update_params`` / ``_update_params_on_kvstore``):
- ``kvstore=None``, or a kvstore *name* other than ``dist_*`` with a single device: no kvstore. Every device
  updates its own copy from its own gradient through one Updater, parameter ``i`` on device ``k`` having
  index ``i * num_device + k`` (so each device keeps its own optimizer state);
- a name with several devices makes ``mx.kv.create(name)``; a KVStore instance is used as given (also with a
  single device). Gradients are summed in the store. By default the optimizer then runs once, on the store's
  master copy, keyed by the parameter's *name*, and the result is copied to every device ("update on
  kvstore"). With ``MXNET_UPDATE_ON_KVSTORE=0``, a store not capable of 'optimizer', or a store created from
  the name 'local' holding a parameter of more than 16M elements, the summed gradient is copied back to every
  device and each device updates as in the no-kvstore case;
- ``dist_*`` stores need a cluster: ``mx.kv.create`` raises NotImplementedError.

The store's master copy is taken at ``init_optimizer`` time: a ``set_params`` after that changes what the
next forward sees but not what the next update starts from (as in MXNet).
"""
import os

import numpy as np

from .. import kvstore as kvs

__all__ = ["create_kvstore", "initialize_kvstore", "update_params", "update_params_on_kvstore"]

_BIG_PARAM = 1024 * 1024 * 16


def create_kvstore(kvstore, num_device, arg_params):
    """``(store or None, update_on_kvstore)`` for Module's ``kvstore`` argument (see the module docstring)."""
    update_on_kvstore = bool(int(os.getenv("MXNET_UPDATE_ON_KVSTORE", "1")))
    if kvstore is None:
        store = None
    elif isinstance(kvstore, kvs.KVStoreBase):
        store = kvstore
    elif isinstance(kvstore, str):
        if num_device == 1 and "dist" not in kvstore:
            store = None          # one device in one process needs no store
        else:
            store = kvs.create(kvstore)
            if kvstore == "local" and arg_params:
                if max(int(np.prod(p.shape)) for p in arg_params.values()) > _BIG_PARAM:
                    update_on_kvstore = False
    else:
        raise TypeError("kvstore must be KVStore, str or None")
    if store is None:
        update_on_kvstore = False
    else:
        update_on_kvstore &= bool(store.is_capable(kvs.KVStoreBase.OPTIMIZER))
    return store, update_on_kvstore


def initialize_kvstore(kvstore, param_arrays, arg_params, param_names, update_on_kvstore):
    """Put each parameter in the store (and, when updating there, copy it to every device)."""
    for name, on_devices in zip(param_names, param_arrays):
        if update_on_kvstore:
            kvstore.broadcast(name, arg_params[name], out=on_devices)
        else:
            kvstore.init(name, arg_params[name])


def update_params_on_kvstore(param_arrays, grad_arrays, kvstore, param_names):
    """Sum each parameter's gradients in the store, update there, copy the result to the devices."""
    for index, (weights, grads) in enumerate(zip(param_arrays, grad_arrays)):
        if grads[0] is None:
            continue
        kvstore.pushpull(param_names[index], grads, out=weights, priority=-index)


def update_params(param_arrays, grad_arrays, updater, num_device, kvstore=None, param_names=None):
    """Per-device updates with indices ``i * num_device + k`` (gradients first summed through ``kvstore``)."""
    per_device = [([], [], []) for _ in range(num_device)]
    for i, (weights, grads) in enumerate(zip(param_arrays, grad_arrays)):
        if grads[0] is None:
            continue
        if kvstore:
            kvstore.pushpull(param_names[i], grads, priority=-i)
        for k in range(num_device):
            indices, g_list, w_list = per_device[k]
            indices.append(i * num_device + k)
            g_list.append(grads[k])
            w_list.append(weights[k])
    for indices, g_list, w_list in per_device:
        if indices:
            updater(indices, g_list, w_list)
