"""Sparse NDArrays (mx.nd.sparse) against tests/golden/sparse.json, written by real MXNet 1.9.1
(tools/golden/gen_sparse.py)."""
import json
import os

import numpy as np
import pytest

import mxcompat as mx

GOLD = json.load(open(os.path.join(os.path.dirname(__file__), "..", "golden", "sparse.json")))
W = [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
G = ([[1.0, -2.0]], [1])


def check(arr, gold):
    assert arr.stype == gold["stype"]
    np.testing.assert_allclose(arr.asnumpy(), gold["dense"], rtol=1e-6)
    if gold["stype"] != "default":
        assert arr.indices.asnumpy().tolist() == gold["indices"]
        np.testing.assert_allclose(arr.data.asnumpy(), np.array(gold["data"]).reshape(arr.data.shape), rtol=1e-6)
        assert arr.indices.dtype == np.int64
    if gold["stype"] == "csr":
        assert arr.indptr.asnumpy().tolist() == gold["indptr"]


def sparse_cases():
    d = mx.nd.array(GOLD["dense"])
    csr, rsp = d.tostype("csr"), d.tostype("row_sparse")
    return {
        "csr": lambda: csr, "rsp": lambda: rsp,
        "csr_rows_1_3": lambda: csr[1:3], "csr_row_2": lambda: csr[2],
        "retain": lambda: mx.nd.sparse.retain(rsp, mx.nd.array([3, 1], dtype="int64")),
        "dot": lambda: mx.nd.dot(csr, mx.nd.ones((3, 2))),
        "dot_t": lambda: mx.nd.dot(csr, mx.nd.ones((4, 2)), transpose_a=True),
        "sqrt_rsp": lambda: mx.nd.sqrt(rsp), "square_csr": lambda: mx.nd.square(csr),
        "exp_rsp": lambda: mx.nd.exp(rsp), "mul_scalar_csr": lambda: csr * 2,
        "add_rsp": lambda: rsp + mx.nd.sparse.row_sparse_array(([[1, 1, 1]], [1]), shape=(4, 3)),
        "add_n_rsp": lambda: mx.nd.add_n(rsp, rsp, rsp),
        "zeros_like_rsp": lambda: mx.nd.zeros_like(rsp),
        "from_tuple_rsp": lambda: mx.nd.sparse.row_sparse_array(([[1, 2], [3, 4]], [0, 2]), shape=(4, 2)),
        "from_tuple_csr": lambda: mx.nd.sparse.csr_matrix(([1, 2, 3], [0, 2, 1], [0, 2, 2, 3]), shape=(3, 3)),
        "zeros_csr": lambda: mx.nd.sparse.zeros("csr", (2, 3)),
    }


@pytest.mark.parametrize("name", sorted(sparse_cases()))
def test_sparse_results_match_mxnet(name):
    check(sparse_cases()[name](), GOLD[name])


@pytest.mark.parametrize("lazy", [True, False])
@pytest.mark.parametrize("wst", ["default", "row_sparse"])
def test_lazy_updates_match_mxnet(lazy, wst):
    gold = GOLD["updates"]
    key = "%s_%s" % ("lazy" if lazy else "std", wst)
    common = dict(lr=0.1, wd=0.5, rescale_grad=0.5)
    g = mx.nd.sparse.row_sparse_array(G, shape=(3, 2))
    w = mx.nd.array(W).tostype(wst)
    mx.nd.sgd_update(w, g, lazy_update=lazy, out=w, **common)
    np.testing.assert_allclose(w.asnumpy(), gold["sgd_" + key], rtol=1e-6)
    assert w.stype == wst
    w, m = mx.nd.array(W).tostype(wst), mx.nd.ones((3, 2)).tostype(wst)
    mx.nd.sgd_mom_update(w, g, m, momentum=0.9, lazy_update=lazy, out=w, **common)
    np.testing.assert_allclose([w.asnumpy(), m.asnumpy()], gold["mom_" + key], rtol=1e-6)
    w, mean, var = mx.nd.array(W), mx.nd.ones((3, 2)), mx.nd.ones((3, 2))
    mx.nd.adam_update(w, g, mean, var, lazy_update=lazy, out=w, **common)
    np.testing.assert_allclose([w.asnumpy(), mean.asnumpy(), var.asnumpy()], gold["adam_" + key], rtol=1e-6)
    w, z, n = mx.nd.array(W).tostype(wst), mx.nd.ones((3, 2)), mx.nd.ones((3, 2))
    mx.nd.ftrl_update(w, g, z, n, out=w, **common)
    np.testing.assert_allclose([w.asnumpy(), z.asnumpy(), n.asnumpy()], gold["ftrl_" + wst], rtol=1e-6)


def test_group_adagrad_is_lazy():
    w, h = mx.nd.array(W), mx.nd.ones((3, 1))
    mx.nd.contrib.group_adagrad_update(w, mx.nd.sparse.row_sparse_array(G, shape=(3, 2)), h, lr=0.1, out=w)
    np.testing.assert_allclose([w.asnumpy().ravel(), np.repeat(h.asnumpy().ravel(), 2)],
                               [np.ravel(GOLD["updates"]["group_adagrad"][0]),
                                np.repeat(np.ravel(GOLD["updates"]["group_adagrad"][1]), 2)], rtol=1e-6)


def test_conversions_and_copies():
    scipy_sparse = pytest.importorskip("scipy.sparse")
    m = scipy_sparse.random(5, 7, density=0.4, format="csr", dtype=np.float32, random_state=0)
    csr = mx.nd.sparse.csr_matrix(m)
    assert isinstance(csr, mx.nd.sparse.CSRNDArray) and csr.dtype == np.float32
    np.testing.assert_array_equal(csr.asnumpy(), m.toarray())
    assert (csr.asscipy() != m).nnz == 0
    assert isinstance(mx.nd.array(m), mx.nd.sparse.CSRNDArray)
    copy = csr.copyto(mx.cpu())
    assert copy.stype == "csr" and copy.indptr.asnumpy().tolist() == csr.indptr.asnumpy().tolist()
    dense = csr.tostype("default")
    assert type(dense) is mx.nd.NDArray and mx.nd.cast_storage(dense, "csr").stype == "csr"
    rsp = mx.nd.zeros((4, 2), stype="row_sparse")
    assert rsp.indices.shape == (0,) and repr(rsp) == "\n<RowSparseNDArray 4x2 @cpu(0)>"
    with pytest.raises(Exception, match=r"only supports \[:\]"):
        rsp[1:2]


def test_ndarrayiter_csr_batches():
    csr = mx.nd.array(GOLD["dense"]).tostype("csr")
    with pytest.raises(NotImplementedError):
        mx.io.NDArrayIter(csr, batch_size=2)
    batches = [b.data[0] for b in mx.io.NDArrayIter(csr, batch_size=2, last_batch_handle="discard")]
    assert [b.stype for b in batches] == ["csr", "csr"]
    np.testing.assert_array_equal(np.vstack([b.asnumpy() for b in batches]), GOLD["dense"])
