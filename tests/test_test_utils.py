"""mx.test_utils against what MXNet 1.9.1's module returns, prints and raises.

Goldens (tests/golden/test_utils.json) come from ``tools/golden/gen_test_utils.py`` under real MXNet; the rest
checks behaviour MXNet documents (context managers, decorators, gradient checks, offline downloads).
"""
import json
import os
import sys

import numpy as np
import pytest

import mxcompat as mx
from mxcompat import test_utils as tu

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "test_utils.json")) as _f:
    G = json.load(_f)["golden"]

# Names MXNet's star import gives that mxcompat does not, each with its reason.
MISSING_OK = {
    "Symbol": "exported once mxcompat.symbol imports",
    "np_symbol": "the mx.np interface is not supported",
    "use_np": "the mx.np interface is not supported",
    "requests": "mxcompat never downloads",
}


def _nd_or_np(spec):
    if spec[0] == "nd:":
        return mx.nd.array(np.array(spec[1], dtype=spec[2]), dtype=spec[2])
    return np.array(spec[0], dtype=spec[1])


# ---- namespace -------------------------------------------------------------------------------------------------------
def test_star_import_gives_mxnets_names():
    ns = {}
    exec("from mxcompat.test_utils import *", ns)  # pylint: disable=exec-used
    ours = {k for k in ns if not k.startswith("__")}
    missing = set(G["star_import"]) - ours - set(MISSING_OK)
    assert not missing, "names MXNet's star import gives: {}".format(sorted(missing))
    assert ns["np"] is np and ns["mx"] is mx and ns["rnd"] is np.random
    assert ns["ss"] is None or hasattr(ns["ss"], "chisquare")
    assert "torch" not in ours


# ---- tolerances ------------------------------------------------------------------------------------------------------
def test_tolerance_tables():
    assert {k.name: v for k, v in tu.default_rtols().items()} == G["default_rtols"]
    assert {k.name: v for k, v in tu.default_atols().items()} == G["default_atols"]
    assert {k.name: v for k, v in tu.default_numeric_eps().items()} == G["default_numeric_eps"]
    assert tu.default_dtype() is np.float32


def test_get_tols():
    for key, want in G["get_tols"].items():
        if key == "number|number":
            got = tu.get_tols(1.0, 2, None, None)
        elif key == "nd_float16|float32":
            got = tu.get_tols(mx.nd.zeros(1, dtype="float16"), np.zeros(1, np.float32), None, None)
        elif key == "explicit_dict":
            got = tu.get_tols(np.zeros(1, np.float32), np.zeros(1, np.float32), {np.dtype(np.float32): 0.5},
                              {np.dtype(np.float64): 0.5})
        else:
            x, y = key.split("|")
            got = tu.get_tols(np.zeros(1, dtype=x), np.zeros(1, dtype=y), None, None)
        assert list(got) == want, key
    assert [tu.get_rtol(), tu.get_atol(), tu.get_rtol(None, np.dtype(np.float16)),
            tu.get_atol(None, np.dtype(np.float32)), tu.get_rtol(0.5), tu.get_etol(), tu.get_etol(3)] == \
        G["get_rtol_atol"]
    assert tu.effective_dtype(mx.nd.zeros(1)) == np.float32
    assert tu.effective_dtype(np.zeros(1, np.float16)) == np.float16


# ---- comparisons -----------------------------------------------------------------------------------------------------
def test_almost_equal():
    a = np.array([1.0, 2.0, 3.0])
    assert [tu.almost_equal(a, a + 1e-6), tu.almost_equal(a, a + 1e-4), tu.almost_equal(a, a + 0.1, 0.1),
            tu.almost_equal(a, a + 0.1, 0, 0.11)] == G["almost_equal"]
    assert tu.almost_equal(mx.nd.array(a), a)
    with pytest.raises(AssertionError, match="are not equal"):
        tu.almost_equal(a, a[:1], use_broadcast=False)


@pytest.mark.parametrize("case", sorted(G["assertions"]))
def test_assert_almost_equal_report(case, capsys):
    want = G["assertions"][case]
    a, b = _nd_or_np(want["a"]), _nd_or_np(want["b"])
    if want["raised"] is None:
        tu.assert_almost_equal(a, b, **want["kwargs"])
        assert capsys.readouterr().out == ""
        return
    with pytest.raises(AssertionError) as info:
        tu.assert_almost_equal(a, b, **want["kwargs"])
    lines = str(info.value).split("\n")
    assert lines[:len(want["message_head"])] == want["message_head"]
    assert lines[len(want["message_head"])].startswith(" ACTUAL")
    assert capsys.readouterr().out == want["printed"]


def test_assert_almost_equal_variants():
    a = np.array([1.0, np.nan, 3.0], dtype=np.float32)
    tu.assert_almost_equal_ignore_nan(a, np.array([1.0, 5.0, 3.0]))
    assert tu.almost_equal_ignore_nan(a, np.array([np.nan, 5.0, 3.0]))
    with pytest.raises(AssertionError):
        tu.assert_almost_equal_ignore_nan(a, np.array([1.0, 5.0, 4.0]))
    tu.assert_allclose(np.array([1.0, np.nan]), np.array([1.0, np.nan]))
    with pytest.raises(AssertionError):
        tu.assert_allclose(np.array([1.0]), np.array([1.0 + 1e-6]))
    x = np.arange(10, dtype=np.float32)
    y = x.copy()
    y[3] += 1
    tu.assert_almost_equal_with_err(x, y, etol=0.2)
    with pytest.raises(AssertionError, match="mismatch"):
        tu.assert_almost_equal_with_err(x, y, etol=0.05)
    tu.assert_almost_equal(np.array([True, False]), np.array([True, False]))
    with pytest.raises(AssertionError):
        tu.assert_almost_equal(np.array([True, False]), np.array([True, True]))
    # broadcast operands are compared and reported (MXNet raises IndexError while reporting)
    tu.assert_almost_equal(np.ones((2, 3)), np.ones((1, 3)))
    with pytest.raises(AssertionError, match="Location of maximum error"):
        tu.assert_almost_equal(np.ones((2, 3)), np.full((1, 3), 2.0))


def test_assert_almost_equal_on_device_arrays():
    a = mx.nd.array([1.0, 2.0])
    tu.assert_almost_equal(a, a + 1e-5)
    with pytest.raises(AssertionError, match="Location of maximum error: \\(1,\\)"):
        tu.assert_almost_equal(a, mx.nd.array([1.0, 2.5]))
    tu.assert_almost_equal(a, np.array([1.0, 2.0]))
    tu.assert_almost_equal(mx.nd.array([1, 2], dtype="int32"), mx.nd.array([1, 2], dtype="int32"))


def test_location_error_same_np_reduce_collapse():
    assert [tu.locationError(np.array([[1.5, 2.0]]), np.array([[1.25, 3.0]]), (0, 1), ("p", "q")),
            tu.locationError(np.array([1.5]), np.array([1.0]), (0,), ("a", "b"), maxError=True)] == G["location_error"]
    x = np.arange(24.).reshape(2, 3, 4)
    got = [tu.np_reduce(x, ax, kd, np.sum).tolist() for ax, kd in ((1, False), ((0, 2), True), (None, False),
                                                                     ([2], True))]
    assert got == G["np_reduce"]
    assert [tu.collapse_sum_like(x, s).tolist() for s in ((3, 4), (1, 4), (3, 1), (2, 1, 4))] == \
        G["collapse_sum_like"]
    assert tu.same(np.array([1, 2]), mx.nd.array([1, 2]))
    assert not tu.same(np.array([1, 2]), np.array([1, 3]))
    with pytest.raises(AssertionError, match="a.shape = \\(2,\\) and b.shape = \\(3,\\)"):
        tu.checkShapes(np.zeros(2), np.zeros(3))


def test_same_array():
    a = mx.nd.zeros((3, 2))
    assert tu.same_array(a, a)
    assert tu.same_array(a, a.reshape((3, 2)))
    assert not tu.same_array(a, a.copy())
    assert not tu.same_array(a, a[1:])


# ---- random data -----------------------------------------------------------------------------------------------------
def _seeded(fn, seed=11):
    np.random.seed(seed)
    return fn()


def _tolist(x):
    """JSON's view of a helper's result (tuples become lists, numpy values Python numbers)."""
    return json.loads(json.dumps(x, default=lambda v: v.tolist()))


def test_random_helpers_follow_numpy_rng():
    assert [_tolist(_seeded(tu.rand_shape_2d)), _tolist(_seeded(lambda: tu.rand_shape_3d(4, 5, 6))),
            _tolist(_seeded(lambda: tu.rand_shape_nd(5, 7))),
            _tolist(_seeded(lambda: tu.rand_shape_nd(6, 3, allow_zero_size=True)))] == G["rand_shape"]
    np.testing.assert_allclose(_tolist(_seeded(lambda: tu.random_arrays((2, 3), ())))[0], G["random_arrays"][0])
    assert _seeded(lambda: tu.random_arrays((2, 3), ()))[1].dtype == np.float32
    np.testing.assert_allclose(_tolist(_seeded(lambda: tu.random_uniform_arrays((2, 2), low=-1, high=2))),
                               G["random_uniform_arrays"])
    assert _seeded(lambda: tu.random_sample(list(range(10)), 4)) == G["random_sample"]
    assert _tolist(_seeded(lambda: tu.rand_coord_2d(0, 10, 5, 50))) == G["rand_coord_2d"]
    np.testing.assert_allclose(_seeded(lambda: tu.rand_ndarray((2, 3)).asnumpy()), G["rand_ndarray"])
    for name, call in (("new_matrix_with_real_eigvals_2d", lambda: tu.new_matrix_with_real_eigvals_2d(3)),
                       ("new_sym_matrix_with_real_eigvals_nd",
                        lambda: tu.new_sym_matrix_with_real_eigvals_nd((2, 3, 3))),
                       ("new_orthonormal_matrix_2d", lambda: tu.new_orthonormal_matrix_2d(3))):
        np.testing.assert_allclose(_seeded(call), G[name], rtol=1e-10, atol=1e-12, err_msg=name)
    with pytest.raises(TypeError, match="unexpected"):
        tu.random_uniform_arrays((2,), foo=1)


def test_rand_ndarray_dtype_ctx_and_sparse():
    x = tu.rand_ndarray((3, 4), dtype="float64", ctx=mx.cpu())
    assert x.shape == (3, 4) and x.dtype == np.float64 and x.context == mx.cpu()
    assert tu.rand_ndarray((2,)).dtype == np.float32
    np.random.seed(1)
    csr = tu.rand_ndarray((30, 40), stype="csr", density=0.25)
    assert csr.stype == "csr" and csr.shape == (30, 40) and csr.dtype == np.float32
    assert 0.15 < csr.indices.shape[0] / 1200.0 < 0.35   # scipy.sparse.rand draws exactly density * size
    rsp, (vals, idx) = tu.rand_sparse_ndarray((6, 3), "row_sparse", density=1)
    assert rsp.indices.asnumpy().tolist() == list(range(6)) and np.allclose(rsp.data.asnumpy(), vals)
    rows = tu.create_sparse_array_zd((5, 2), "row_sparse", 0.5, rsp_indices=[3, 1], data_init=7)
    assert rows.indices.asnumpy().tolist() == [1, 3] and (rows.data.asnumpy() == 7).all()
    power = tu.rand_ndarray((5, 8), stype="csr", density=0.5, distribution="powerlaw").indptr.asnumpy()
    assert np.diff(power).tolist() == [2, 4, 8, 5, 1]   # real MXNet's row counts for this shape and density


def test_numpy_helpers():
    assert _tolist(tu.gen_buckets_probs_with_ppf(lambda p: 2 * p - 1, 4)) == G["gen_buckets_probs_with_ppf"]
    assert [bool(_seeded(lambda: tu.mean_check(lambda n: np.random.normal(1, 2, size=n), 1, 2, 10000))),
            bool(_seeded(lambda: tu.mean_check(lambda n: np.random.normal(1.2, 2, size=n), 1, 2, 10000))),
            bool(_seeded(lambda: tu.var_check(lambda n: np.random.normal(0, 2, size=n), 2, 10000))),
            bool(_seeded(lambda: tu.var_check(lambda n: np.random.normal(0, 2.2, size=n), 2, 10000)))] == \
        G["mean_var_check"]
    assert [tu.assign_each(np.array([[1, 2], [3, 4]], dtype=np.int32), lambda v: v * 1.5).tolist(),
            tu.assign_each2(np.array([1., 2.]), np.array([3., 4.]), lambda x, y: x - y).tolist()] == G["assign_each"]
    t = tu.create_2d_tensor(3, 2)
    assert t.asnumpy().tolist() == G["create_2d_tensor"] and t.dtype.__name__ == G["create_2d_tensor_dtype"]
    assert [list(tu.get_identity_mat_batch(2).shape), tu.get_identity_mat(3).dtype.__name__] == G["identity_batch"]
    assert tu.create_vector(4).asnumpy().tolist() == [0, 1, 2, 3]


def test_generator_checks_with_mx_random():
    mx.random.seed(3)
    gen = lambda n: mx.nd.random.normal(0, 1, shape=(n,)).asnumpy()  # noqa: E731
    assert tu.mean_check(gen, 0, 1, nsamples=20000)
    assert tu.var_check(gen, 1, nsamples=20000)
    if tu.ss is None:
        pytest.skip("scipy is not installed")
    buckets, probs = tu.gen_buckets_probs_with_ppf(lambda x: tu.ss.norm.ppf(x, 0, 1), 5)
    assert len(tu.verify_generator(gen, buckets, probs, nsamples=20000, nrepeat=3)) == 3
    p, obs, exp = tu.chi_square_check(lambda n: mx.nd.random.randint(0, 4, shape=(n,)).asnumpy(),
                                      [0, 1, 2, 3], [0.25] * 4, nsamples=8000)
    assert p > 1e-4 and obs.sum() == 8000 and list(exp) == [2000] * 4
    with pytest.raises(AssertionError, match="Generator test fails"):
        tu.verify_generator(lambda n: np.random.normal(0.5, 1, size=n), buckets, probs, nsamples=20000, nrepeat=2)


# ---- contexts, environment, decorators -------------------------------------------------------------------------------
def test_default_context():
    assert tu.default_context() == mx.current_context()
    with mx.cpu(0):
        tu.set_default_context(mx.cpu(1))
        assert mx.current_context() == mx.cpu(1) and tu.default_context() == mx.cpu(1)
    assert mx.current_context() == mx.cpu(0)


def test_environment():
    os.environ.pop("MXCOMPAT_TU_A", None)
    os.environ["MXCOMPAT_TU_B"] = "b"
    with tu.environment("MXCOMPAT_TU_A", "1"):
        assert os.environ["MXCOMPAT_TU_A"] == "1"
    assert "MXCOMPAT_TU_A" not in os.environ
    with pytest.raises(KeyError):
        with tu.environment({"MXCOMPAT_TU_A": "2", "MXCOMPAT_TU_B": None}):
            assert os.environ["MXCOMPAT_TU_A"] == "2" and "MXCOMPAT_TU_B" not in os.environ
            raise KeyError("restored even on errors")
    assert "MXCOMPAT_TU_A" not in os.environ and os.environ["MXCOMPAT_TU_B"] == "b"
    with pytest.raises(AssertionError, match="Expecting one dict arg"):
        with tu.environment("A", "B", "C"):
            pass
    os.environ.pop("MXCOMPAT_TU_B")


def test_discard_stderr(capfd):
    with tu.discard_stderr():
        os.write(2, b"hidden\n")
        print("hidden too", file=sys.stderr)
    os.write(2, b"shown\n")
    assert capfd.readouterr().err == "shown\n"


def test_retry_and_assert_exception():
    calls = []

    @tu.retry(3)
    def flaky():
        calls.append(1)
        assert len(calls) >= 2

    flaky()
    assert len(calls) == 2

    @tu.retry(2)
    def always():
        raise AssertionError("still failing")

    with pytest.raises(AssertionError, match="still failing"):
        always()
    tu.assert_exception(lambda: 1 / 0, ZeroDivisionError)
    with pytest.raises(AssertionError):
        tu.assert_exception(lambda: None, ZeroDivisionError)


def test_misc_flags(monkeypatch):
    assert list(tu.list_gpus()) == list(range(mx.num_gpus()))
    monkeypatch.setenv("CD_JOB", "1")
    assert tu.is_cd_run()
    monkeypatch.setenv("CD_JOB", "0")
    assert not tu.is_cd_run()
    assert tu.is_op_runnable() and not tu.has_tvm_ops()
    assert tu.is_aarch64_run() == (os.uname().machine == "aarch64")


# ---- downloads (offline) ---------------------------------------------------------------------------------------------
def test_download_uses_existing_files_only(tmp_path):
    target = tmp_path / "sub" / "file.bin"
    with pytest.raises(NotImplementedError, match="file.bin"):
        tu.download("http://example.com/a/file.bin", dirname=str(tmp_path / "sub"))
    assert (tmp_path / "sub").is_dir()  # the directory is created, as MXNet does
    target.write_bytes(b"x")
    assert tu.download("http://example.com/a/file.bin", dirname=str(tmp_path / "sub")) == str(target)
    with pytest.raises(NotImplementedError):
        tu.download("http://example.com/a/file.bin", dirname=str(tmp_path / "sub"), overwrite=True)
    assert tu.download_model("no-such-model", dst_dir=str(tmp_path)) == (None, 0)


def test_get_mnist_from_local_files(tmp_path, monkeypatch):
    import gzip
    import struct
    monkeypatch.chdir(tmp_path)
    for prefix, n in (("train", 3), ("t10k", 2)):
        with gzip.open("{}-labels-idx1-ubyte.gz".format(prefix), "wb") as f:
            f.write(struct.pack(">II", 2049, n) + bytes(range(n)))
        with gzip.open("{}-images-idx3-ubyte.gz".format(prefix), "wb") as f:
            f.write(struct.pack(">IIII", 2051, n, 28, 28) + bytes([255] * (n * 784)))
    data = tu.get_mnist()
    assert data["train_data"].shape == (3, 1, 28, 28) and data["train_data"].dtype == np.float32
    assert data["train_data"].max() == 1.0 and data["test_label"].tolist() == [0, 1]


# ---- gradient checks -------------------------------------------------------------------------------------------------
def test_check_numeric_gradient_functions():
    np.random.seed(0)
    x = np.random.uniform(0.5, 1.5, size=(3, 4))
    y = np.random.uniform(0.5, 1.5, size=(3, 4))
    tu.check_numeric_gradient(lambda a, b: a * mx.nd.exp(b), [x, y], rtol=1e-2, atol=1e-3)
    tu.check_numeric_gradient(lambda data: mx.nd.sum(data * data, axis=1), {"data": x}, rtol=1e-2, atol=1e-3)
    tu.check_numeric_gradient(lambda a, b: a * b, [x, y], grad_nodes={"a": "add", "b": "null"},
                              rtol=1e-2, atol=1e-3, dtype=np.float64)


class _WrongGrad(mx.autograd.Function):
    def forward(self, x):
        return x * x

    def backward(self, dy):
        return dy  # the true gradient is 2 * x * dy


def test_check_numeric_gradient_catches_wrong_gradients():
    x = np.random.uniform(1.0, 2.0, size=(4,))
    with pytest.raises(AssertionError, match="NUMERICAL_x"):
        tu.check_numeric_gradient(lambda x: _WrongGrad()(x), [x], rtol=1e-2, atol=1e-3)


def test_numeric_grad_values():
    from mxcompat._test_utils_grad import _FunctionExecutor  # pylint: disable=import-outside-toplevel
    ex = _FunctionExecutor(
        lambda a: a * a, ["a"], False, {"a": mx.nd.array([1.0, 2.0, 3.0], dtype="float64")}, 1, {}, {})
    g = tu.numeric_grad(ex, {"a": np.array([1.0, 2.0, 3.0])}, eps=1e-4, dtype=np.float64)
    np.testing.assert_allclose(g["a"], [2.0, 4.0, 6.0], rtol=1e-6)


def test_gluon_checks_are_named_unsupported():
    with pytest.raises(NotImplementedError, match="mx.test_utils.check_gluon_hybridize_consistency"):
        tu.check_gluon_hybridize_consistency(None, None, None)


def test_check_speed_times_an_executor():
    import mxcompat as mx
    net = mx.sym.FullyConnected(mx.sym.var("data"), num_hidden=4, name="fc")
    for typ in ("whole", "forward"):
        t = tu.check_speed(net, N=3, typ=typ, data=(2, 3))
        assert 0 < t < 5
    with pytest.raises(ValueError):
        tu.check_speed(net, N=1, typ="bad", data=(2, 3))


def test_compare_optimizer_with_duck_typed_optimizers():
    class Sgd:
        def __init__(self, lr):
            self.lr = lr

        def create_state_multi_precision(self, index, weight):
            return None

        def update_multi_precision(self, index, weight, grad, state):
            weight[:] = weight - self.lr * grad

    tu.compare_optimizer(Sgd(0.1), Sgd(0.1), (3, 4), np.float32)
    with pytest.raises(AssertionError):
        tu.compare_optimizer(Sgd(0.1), Sgd(0.2), (3, 4), np.float32)
    tu.compare_ndarray_tuple((mx.nd.ones(2), None), (np.ones(2), mx.nd.zeros(2)))



def test_dummy_iter_repeats_the_first_batch():
    class Source:
        provide_data, provide_label, batch_size = [("data", (4, 2))], [("label", (4,))], 4

        def __init__(self):
            self.n = 0

        def __next__(self):
            self.n += 1
            return self.n

    it = tu.DummyIter(Source())
    assert [next(it), it.next(), next(iter(it))] == [1, 1, 1]
    assert it.batch_size == 4 and it.provide_data == [("data", (4, 2))]
    if hasattr(mx, "io"):
        assert isinstance(it, mx.io.DataIter)
