"""NDArray behaviour not covered by the printed snippets: interop, pickling, files, members."""
import json
import os
import pickle

import numpy as np
import pytest
import torch

import mxcompat as mx
from mxcompat import nd

API = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "mxnet-1.9.1-api.json")


def test_numpy_interop():
    a = nd.array([[1, 2], [3, 4]])
    assert np.array(a).tolist() == [[1., 2.], [3., 4.]]
    assert np.asarray(a, dtype=np.float64).dtype == np.float64
    assert a.asnumpy().dtype == np.float32


def test_torch_zero_copy_both_ways():
    t = torch.arange(4, dtype=torch.float32)
    a = nd.from_torch(t)
    a[1] = 10
    assert t[1].item() == 10
    assert a.to_torch() is t
    b = nd.from_numpy(np.zeros(3, dtype=np.float32))
    assert b.dtype == np.float32


def test_dlpack_round_trip():
    a = nd.array([1, 2, 3])
    b = nd.from_dlpack(a.to_dlpack_for_read())
    assert b.asnumpy().tolist() == [1., 2., 3.]
    c = torch.from_dlpack(a)
    assert c.tolist() == [1., 2., 3.]


def test_pickle_round_trip():
    a = nd.array([[1, 2]], dtype="int32")
    b = pickle.loads(pickle.dumps(a))
    assert b.dtype == np.int32 and b.asnumpy().tolist() == [[1, 2]] and b.context == mx.cpu()


def test_failed_save_keeps_old_file(tmp_path, monkeypatch):
    f = tmp_path / "x.params"
    nd.save(str(f), [nd.array([1, 2])])
    before = f.read_bytes()
    from mxcompat.ndarray import _params_format

    def boom(*a, **k):
        raise RuntimeError("disk full")
    monkeypatch.setattr(_params_format, "encode", boom)
    with pytest.raises(RuntimeError):
        nd.save(str(f), [nd.array([3, 4, 5])])
    assert f.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["x.params"]


def test_truncated_file_raises_mxnet_error(tmp_path):
    f = tmp_path / "x.params"
    nd.save(str(f), {"a": nd.ones((3, 3))})
    data = f.read_bytes()
    f.write_bytes(data[:len(data) // 2])
    with pytest.raises(mx.MXNetError):
        nd.load(str(f))
    with pytest.raises(mx.MXNetError):
        nd.load_frombuffer(b"\x00" * 7)


def test_load_golden_written_by_mxnet():
    golden = os.path.join(os.path.dirname(__file__), "..", "golden", "params")
    d = nd.load(os.path.join(golden, "dict_model.params"))
    assert isinstance(d, dict) and all(isinstance(v, nd.NDArray) for v in d.values())


@pytest.mark.skipif(not os.path.exists(API), reason="api list not available")
def test_every_ndarray_member_exists():
    with open(API) as f:
        members = json.load(f)["modules"]["ndarray"]["NDArray"]["members"]
    missing = [m for m in members if not hasattr(nd.NDArray, m)]
    assert missing == []


def test_sparse_storage_is_supported_but_sparse_autograd_raises():
    assert nd.zeros((2, 2), stype="row_sparse").stype == "row_sparse"
    assert nd.ones((2, 2)).tostype("csr").stype == "csr"
    with pytest.raises(NotImplementedError, match="migration_guide.md"):
        nd.ones(2).attach_grad(stype="row_sparse")


def test_legacy_shape_rules_of_zeros_and_ones():
    # MXNet 1.9.1 without np_shape: _zeros/_ones cannot infer 0-d or zero-size shapes; full/empty can.
    for make in (lambda: nd.zeros(()), lambda: nd.zeros((2, 0)), lambda: nd.ones(()), lambda: nd.zeros(0)):
        with pytest.raises(mx.MXNetError, match="inferring shapes failed"):
            make()
    assert nd.full((0,), 1).shape == (0,) and nd.empty(()).shape == ()
    with mx.util.np_shape(True):
        assert nd.zeros(()).shape == () and nd.zeros((2, 0)).shape == (2, 0)
