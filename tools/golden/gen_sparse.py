"""Write tests/golden/sparse.json with real MXNet 1.9.1: sparse structures, lazy updates, sparse op stypes.

Run: ~/.venvs/mxref/bin/python tools/golden/gen_sparse.py
"""
import json
import os

import mxnet as mx
import numpy as np

DENSE = [[0, 1, 0], [0, 0, 0], [2, 3, 0], [0, 0, 4]]
W = [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
G = ([[1.0, -2.0]], [1])


def parts(a):
    out = {"stype": a.stype, "dense": a.asnumpy().tolist()}
    if a.stype != "default":
        out["indices"] = a.indices.asnumpy().tolist()
        out["data"] = a.data.asnumpy().tolist()
    if a.stype == "csr":
        out["indptr"] = a.indptr.asnumpy().tolist()
    return out


def updates():
    res = {}
    common = dict(lr=0.1, wd=0.5, rescale_grad=0.5)
    for lazy in (True, False):
        for wst in ("default", "row_sparse"):
            key = "%s_%s" % ("lazy" if lazy else "std", wst)
            g = mx.nd.sparse.row_sparse_array(G, shape=(3, 2))
            w = mx.nd.array(W).tostype(wst)
            mx.nd.sgd_update(w, g, lazy_update=lazy, out=w, **common)
            res["sgd_" + key] = w.asnumpy().tolist()
            w, m = mx.nd.array(W).tostype(wst), mx.nd.ones((3, 2)).tostype(wst)
            mx.nd.sgd_mom_update(w, g, m, momentum=0.9, lazy_update=lazy, out=w, **common)
            res["mom_" + key] = [w.asnumpy().tolist(), m.asnumpy().tolist()]
            w, mean, var = mx.nd.array(W), mx.nd.ones((3, 2)), mx.nd.ones((3, 2))
            mx.nd.adam_update(w, g, mean, var, lazy_update=lazy, out=w, **common)
            res["adam_" + key] = [w.asnumpy().tolist(), mean.asnumpy().tolist(), var.asnumpy().tolist()]
            w, z, n = mx.nd.array(W).tostype(wst), mx.nd.ones((3, 2)), mx.nd.ones((3, 2))
            mx.nd.ftrl_update(w, g, z, n, out=w, **common)
            res["ftrl_" + wst] = [w.asnumpy().tolist(), z.asnumpy().tolist(), n.asnumpy().tolist()]
    w, h = mx.nd.array(W), mx.nd.ones((3, 1))
    mx.nd.contrib.group_adagrad_update(w, mx.nd.sparse.row_sparse_array(G, shape=(3, 2)), h, lr=0.1, out=w)
    res["group_adagrad"] = [w.asnumpy().tolist(), h.asnumpy().tolist()]
    return res


def main():
    d = mx.nd.array(DENSE)
    csr, rsp = d.tostype("csr"), d.tostype("row_sparse")
    ones = mx.nd.ones((3, 2))
    gold = {
        "dense": DENSE,
        "csr": parts(csr), "rsp": parts(rsp),
        "csr_rows_1_3": parts(csr[1:3]), "csr_row_2": parts(csr[2]),
        "retain": parts(mx.nd.sparse.retain(rsp, mx.nd.array([3, 1], dtype="int64"))),
        "dot": parts(mx.nd.dot(csr, ones)),
        "dot_t": parts(mx.nd.dot(csr, mx.nd.ones((4, 2)), transpose_a=True)),
        "sqrt_rsp": parts(mx.nd.sqrt(rsp)), "square_csr": parts(mx.nd.square(csr)),
        "exp_rsp": parts(mx.nd.exp(rsp)), "mul_scalar_csr": parts(csr * 2),
        "add_rsp": parts(rsp + mx.nd.sparse.row_sparse_array(([[1, 1, 1]], [1]), shape=(4, 3))),
        "add_n_rsp": parts(mx.nd.add_n(rsp, rsp, rsp)),
        "zeros_like_rsp": parts(mx.nd.zeros_like(rsp)),
        "from_tuple_rsp": parts(mx.nd.sparse.row_sparse_array(([[1, 2], [3, 4]], [0, 2]), shape=(4, 2))),
        "from_tuple_csr": parts(mx.nd.sparse.csr_matrix(([1, 2, 3], [0, 2, 1], [0, 2, 2, 3]), shape=(3, 3))),
        "zeros_csr": parts(mx.nd.sparse.zeros("csr", (2, 3))),
        "updates": updates(),
    }
    path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "golden", "sparse.json")
    with open(path, "w") as f:
        json.dump(gold, f, indent=0, sort_keys=True)


if __name__ == "__main__":
    np.random.seed(0)
    main()
