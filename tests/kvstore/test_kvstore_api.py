"""mx.kv parts with no MXNet run to compare against: the unsupported stores, registration, Module wiring."""
import warnings

import numpy as np
import pytest

import mxcompat as mx


@pytest.mark.parametrize("name", ["dist_sync", "dist_async", "dist_device_sync", "dist_sync_device", "dist",
                                  "horovod", "byteps", "Dist_Sync"])
def test_distributed_stores_are_unsupported(name):
    with pytest.raises(NotImplementedError, match=r"mx\.kv\.create\('%s'\).*migration_guide\.md" % name.lower()):
        mx.kv.create(name)


def test_namespaces():
    assert mx.kv is mx.kvstore
    assert mx.kv.KVStore is mx.kvstore.kvstore.KVStore
    assert issubclass(mx.kv.KVStore, mx.kv.KVStoreBase)
    assert sorted(mx.kv.__all__) == ["KVStore", "KVStoreBase", "KVStoreServer", "create"]


def test_row_sparse_pull_needs_row_sparse_out():
    kv = mx.kv.create()
    kv.init(0, mx.nd.zeros((2, 2)))
    with pytest.raises(mx.base.MXNetError, match="Expected row_sparse storage type"):
        kv.row_sparse_pull(0, out=mx.nd.zeros((2, 2)), row_ids=mx.nd.array([0]))


def test_row_sparse_pull_copies_requested_rows():
    kv = mx.kv.create()
    kv.init("w", mx.nd.array([[1, 2], [3, 4], [5, 6]]).tostype("row_sparse"))
    out = mx.nd.sparse.zeros("row_sparse", (3, 2))
    kv.row_sparse_pull("w", out=out, row_ids=mx.nd.array([2, 0, 2], dtype="int64"))
    assert out.stype == "row_sparse"
    assert out.indices.asnumpy().tolist() == [0, 2]
    assert out.asnumpy().tolist() == [[1, 2], [0, 0], [5, 6]]
    # pushed row_sparse gradients sum to a row_sparse array: a lazy SGD updates only their rows
    kv.set_optimizer(mx.optimizer.SGD(learning_rate=1.0, wd=0.5))
    grad = mx.nd.sparse.row_sparse_array(([[1, 1]], [1]), shape=(3, 2))
    kv.push("w", [grad, grad])
    full = mx.nd.sparse.zeros("row_sparse", (3, 2))
    kv.row_sparse_pull("w", out=full, row_ids=mx.nd.array([0, 1, 2], dtype="int64"))
    assert full.asnumpy().tolist() == [[1, 2], [3 * 0.5 - 2, 4 * 0.5 - 2], [5, 6]]


def test_server_run_is_unsupported():
    server = mx.kv.KVStoreServer(mx.kv.create('local'))
    with pytest.raises(NotImplementedError, match="KVStoreServer.run"):
        server.run()
    opt = mx.optimizer.SGD(learning_rate=0.3)
    import pickle
    server._controller()(0, pickle.dumps(opt), None)
    assert server.kvstore._updater.optimizer.lr == 0.3


def test_register_and_override_warning():
    @mx.kv.KVStoreBase.register
    class MyStore(mx.kv.KVStoreBase):  # pylint: disable=abstract-method
        pass

    try:
        assert type(mx.kv.create('MyStore')) is MyStore
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            mx.kv.KVStoreBase.register(type("MyStore", (mx.kv.KVStoreBase,), {}))
        assert "is overriding existing kvstore" in str(caught[0].message)
    finally:
        del mx.kv.KVStoreBase.kv_registry["mystore"]


def test_device_store_reduces_on_the_first_values_device_and_updates_there():
    kv = mx.kv.create('device')
    kv.init(0, mx.nd.zeros((3,)))
    kv.set_optimizer(mx.optimizer.SGD(learning_rate=1.0))
    grads = [mx.nd.ones((3,), ctx=mx.cpu(1)), mx.nd.ones((3,), ctx=mx.cpu(2))]
    kv.push(0, grads)
    assert kv._merge_buf[0].context == mx.cpu(1)
    out = mx.nd.zeros((3,))
    kv.pull(0, out=out)
    np.testing.assert_array_equal(out.asnumpy(), [-2, -2, -2])


def test_module_with_compression_on_local_store_raises_mxnets_exception():
    net = mx.sym.LinearRegressionOutput(mx.sym.FullyConnected(mx.sym.Variable('data'), num_hidden=2, name='fc'),
                                        name='out')
    mod = mx.mod.Module(net, context=[mx.cpu(0), mx.cpu(1)], label_names=['out_label'],
                        compression_params={'type': '2bit'})
    mod.bind(data_shapes=[('data', (4, 3))], label_shapes=[('out_label', (4, 2))])
    mod.init_params()
    with pytest.raises(Exception, match="Gradient compression is not supported for this type of kvstore"):
        mod.init_optimizer(kvstore='local')
    mod.init_optimizer(kvstore='device', force_init=True)
    assert mod._kvstore.type == 'device' and mod._kvstore._threshold == 0.5
