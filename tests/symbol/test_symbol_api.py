"""The ``mx.sym`` namespaces hold every public name MXNet 1.9.1's do (``tests/golden/symbol/api_names.json``,
written by ``tools/golden/gen_symbol_api_names.py``), and the Python-level functions of ``mx.sym.contrib``,
``cast_storage`` and ``_internal._square_sum`` behave as MXNet's."""
import json
import math
import os

import numpy as np
import pytest

import mxcompat as mx

GOLDEN = os.path.join(os.path.dirname(__file__), "..", "golden", "symbol", "api_names.json")
with open(GOLDEN) as _f:
    NAMES = json.load(_f)["modules"]
_MODULES = {"symbol": mx.sym, "symbol.contrib": mx.sym.contrib, "symbol.linalg": mx.sym.linalg,
            "symbol.random": mx.sym.random, "symbol.image": mx.sym.image}


@pytest.mark.parametrize("module", sorted(NAMES))
def test_every_mxnet_name_exists(module):
    missing = [n for n in NAMES[module] if not hasattr(_MODULES[module], n)]
    assert not missing, "mx.%s lacks %s" % (module, missing)


def test_contrib_matches_nd_contrib():
    """Every operator of mx.nd.contrib is in mx.sym.contrib (the same OpDef); every placeholder raises in both."""
    for name in dir(mx.nd.contrib):
        nd_fn = getattr(mx.nd.contrib, name)
        op = getattr(nd_fn, "op", None)
        if op is not None:
            assert getattr(getattr(mx.sym.contrib, name), "op", None) is op, name
        elif callable(nd_fn) and "Not supported" in (nd_fn.__doc__ or ""):
            with pytest.raises(NotImplementedError, match="mx.sym.contrib.%s .*migration_guide.md" % name):
                getattr(mx.sym.contrib, name)(mx.sym.var("x"))


@pytest.mark.parametrize("call", [
    lambda: mx.sym.contrib.foreach(lambda d, s: (d, s), mx.sym.var("d"), [mx.sym.var("s")]),
    lambda: mx.sym.contrib.while_loop(lambda i: i < 3, lambda i: (i, [i + 1]), [mx.sym.var("i")], 5),
    lambda: mx.sym.contrib.cond(mx.sym.var("p"), lambda: mx.sym.var("a"), lambda: mx.sym.var("b")),
])
def test_symbolic_control_flow_is_unsupported(call):
    with pytest.raises(NotImplementedError, match="mx.sym.contrib.(foreach|while_loop|cond) .*migration_guide"):
        call()


def test_rand_zipfian():
    """MXNet's graph (uniform -> exp -> int64 % range_max; expected counts log((c+2)/(c+1))/log(range_max+1)*n)."""
    with mx.name.NameManager():
        outs = mx.sym.Group(list(mx.sym.contrib.rand_zipfian(mx.sym.var("t"), 5, 10)))
    assert outs.list_outputs() == ["_modscalar0_output", "_mulscalar0_output", "_mulscalar1_output"]
    nodes = [n["op"] for n in json.loads(outs.tojson())["nodes"]]
    assert nodes[:6] == ["_random_uniform", "exp", "_minus_scalar", "Cast", "_mod_scalar", "null"]
    assert outs.infer_shape(t=(3,))[1] == [(5,), (3,), (5,)]
    assert outs.infer_type(t=np.float32)[1] == [np.int64, np.float64, np.float64]
    classes = np.array([1, 3, 9])
    sampled, count_true, count_sampled = [o.asnumpy() for o in outs.eval(t=mx.nd.array(classes))]
    assert sampled.dtype == np.int64 and sampled.min() >= 0 and sampled.max() < 10
    expect = lambda c: np.log((c + 2.0) / (c + 1.0)) / math.log(11) * 5  # noqa: E731
    np.testing.assert_allclose(count_true, expect(classes))
    np.testing.assert_allclose(count_sampled, expect(sampled.astype(np.float64)))


def test_adamw_update_matches_nd():
    shapes = {"w": (3,), "g": (3,), "m": (3,), "v": (3,)}
    vals = {k: mx.nd.array(np.arange(3) + i + 1) for i, k in enumerate(shapes)}
    sym = mx.sym.contrib.adamw_update(*[mx.sym.var(k) for k in shapes], rescale_grad=0.5, lr=0.1, eta=1.0)
    assert sym.list_arguments() == ["w", "g", "m", "v"]
    got = sym.eval(**{k: v.copy() for k, v in vals.items()})[0].asnumpy()
    want = mx.nd.contrib.adamw_update(*[v.copy() for v in vals.values()], rescale_grad=0.5, lr=0.1, eta=1.0)
    np.testing.assert_allclose(got, want.asnumpy(), rtol=1e-6)


def test_square_sum():
    """Sum of squares with sum's axis rules (MXNet 1.9.1 shapes; values as MXNet gives for row_sparse input)."""
    data = np.array([[0, 0], [1, 2], [0, 0], [3, 4], [0, 0]], dtype=np.float32)
    x = mx.sym.var("d")
    for kwargs, shape, value in [({"axis": 1}, (5,), [0, 5, 0, 25, 0]), ({"axis": 0}, (2,), [10, 20]),
                                 ({"axis": 1, "keepdims": True}, (5, 1), [[0], [5], [0], [25], [0]]),
                                 ({"axis": 0, "exclude": True}, (5,), [0, 5, 0, 25, 0]), ({}, (1,), [30])]:
        sym = mx.sym._internal._square_sum(x, **kwargs)
        assert sym.infer_shape(d=data.shape)[1] == [shape]
        exe = sym.simple_bind(mx.cpu(), d=data.shape)
        out = exe.forward(is_train=True, d=mx.nd.array(data))[0]
        np.testing.assert_allclose(out.asnumpy(), value)
        exe.backward(mx.nd.ones(shape))
        np.testing.assert_allclose(exe.grad_dict["d"].asnumpy(), 2 * data)
    np.testing.assert_allclose(mx.nd._internal._square_sum(mx.nd.array(data), axis=1).asnumpy(), [0, 5, 0, 25, 0])


def test_cast_storage():
    with mx.name.NameManager():
        sym = mx.sym.cast_storage(mx.sym.var("x"), stype="default")
    node = json.loads(sym.tojson())["nodes"][1]
    assert (node["op"], node["name"], node["attrs"]) == ("cast_storage", "cast_storage0", {"stype": "default"})
    np.testing.assert_array_equal(sym.eval(x=mx.nd.ones((2, 2)))[0].asnumpy(), np.ones((2, 2)))
    with pytest.raises(NotImplementedError, match="cast_storage.*csr.*migration_guide"):
        mx.sym.cast_storage(mx.sym.var("x"), stype="csr")
    with pytest.raises(mx.base.MXNetError, match="Required parameter stype"):
        mx.sym.cast_storage(mx.sym.var("x"))
