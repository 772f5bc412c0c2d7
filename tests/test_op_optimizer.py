"""Optimizer update operators: multi-step goldens from real MXNet 1.9.1 (weights *and* in-place states after
every step), plus targeted checks of ``out=`` semantics, mutation flags and the finiteness helpers.

Goldens: ``tests/golden/optimizer_steps.{json,npz}``, written by ``tools/golden/gen_optimizer_ops.py`` from
``STEP_CASES`` in ``tools/golden/opcases/optimizer_ops.py``.
"""
import json
import os

import numpy as np
import pytest

import mxcompat as mx
from mxcompat.base import MXNetError
from mxcompat._op import OPS

from test_opdb import assert_array_matches, decode_value, _resolve  # the op database's checks and decoding

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "golden", "optimizer_steps")


def _cases():
    with open(GOLDEN + ".json") as f:
        return json.load(f)["cases"]


_ARRAYS = {}


def _arrays():
    if not _ARRAYS:
        with np.load(GOLDEN + ".npz") as npz:
            _ARRAYS.update({k: npz[k] for k in npz.files})
    return _ARRAYS


def _run(fn, case, nds, step, out):
    kwargs = decode_value(case["kwargs"])
    kwargs.update({p: vals[step] for p, vals in decode_value(case["step_kwargs"]).items()})
    if out is not None:
        kwargs["out"] = out
    res = fn(*nds, **kwargs)
    return (list(res) if isinstance(res, (list, tuple)) else [res]), isinstance(res, (list, tuple))


def _compare(case, prefix, want, rets, is_list, nds, what):
    arrays = _arrays()
    assert is_list == want["is_list"] and len(rets) == want["n"], what
    for j, r in enumerate(rets):
        assert_array_matches(case, "{} output {}".format(what, j), r.asnumpy(), arrays["{}.ret{}".format(prefix, j)])
    for i, x in enumerate(nds):
        assert_array_matches(case, "{} input {} after the update".format(what, i), x.asnumpy(),
               arrays["{}.after{}".format(prefix, i)])


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["id"])
def test_steps_match_mxnet(case):
    """Several steps with ``out=`` as the case says, then (where MXNet recorded it) the first step without."""
    arrays = _arrays()
    key = case["key"]
    n_in = sum(1 for k in arrays if k.startswith(key + ".init"))
    init = [arrays["{}.init{}".format(key, i)] for i in range(n_in)]
    nds = [mx.nd.array(v, dtype=v.dtype) for v in init]
    fn = _resolve(case["op"])
    out_sel = case["out"]
    for step in range(case["steps"]):
        for i in case["fresh"]:
            v = arrays["{}.s{}.fresh{}".format(key, step, i)]
            nds[i] = mx.nd.array(v, dtype=v.dtype)
        out = None if out_sel is None else (
            [nds[i] for i in out_sel] if isinstance(out_sel, list) else nds[out_sel])
        rets, is_list = _run(fn, case, nds, step, out)
        _compare(case, "{}.s{}".format(key, step), case["returns"][step], rets, is_list, nds,
                 "step {}".format(step))
    if "noout" in case:
        nds = [mx.nd.array(v, dtype=v.dtype) for v in init]
        for i in case["fresh"]:
            v = arrays["{}.s0.fresh{}".format(key, i)]
            nds[i] = mx.nd.array(v, dtype=v.dtype)
        out = None
        if "multi_" in case["op"]:  # MXNet cannot run these without out=: fresh arrays, aliasing nothing
            fresh = [mx.nd.zeros(nds[i].shape, dtype=nds[i].dtype) for i in np.atleast_1d(out_sel)]
            out = fresh if isinstance(out_sel, list) else fresh[0]
        rets, is_list = _run(fn, case, nds, 0, out)
        _compare(case, key + ".noout", case["noout"], rets, is_list, nds, "without out=, step 0")


# ---- out= and in-place semantics ------------------------------------------------------------------------------
def test_update_without_out_leaves_weight_but_updates_state():
    w = mx.nd.array([1.0, 2.0, 3.0])
    g = mx.nd.array([0.5, -1.0, 2.0])
    mom = mx.nd.zeros(3)
    new = mx.nd.sgd_mom_update(w, g, mom, lr=0.1, momentum=0.9, wd=0.01)
    np.testing.assert_allclose(w.asnumpy(), [1, 2, 3])
    np.testing.assert_allclose(mom.asnumpy(), [-0.051, 0.098, -0.203], rtol=1e-6)
    np.testing.assert_allclose(new.asnumpy(), [0.949, 2.098, 2.797], rtol=1e-6)


def test_out_is_weight_updates_in_place_and_returns_it():
    w = mx.nd.array([1.0, 2.0, 3.0])
    before = w._data
    res = mx.nd.sgd_update(w, mx.nd.array([1.0, 1.0, 1.0]), lr=0.5, out=w)
    assert res is w and w._data is before
    np.testing.assert_allclose(w.asnumpy(), [0.5, 1.5, 2.5])


def test_out_writes_through_a_view():
    w = mx.nd.array([[1.0, 2.0], [3.0, 4.0]])
    row = w[1]
    mx.nd.sgd_update(row, mx.nd.array([1.0, 1.0]), lr=1.0, out=row)
    np.testing.assert_allclose(w.asnumpy(), [[1, 2], [2, 3]])


def test_mp_update_keeps_float32_master():
    w = mx.nd.array([1.0, 2.0], dtype="float16")
    w32 = mx.nd.array([1.0001, 2.0001])
    mx.nd.mp_sgd_update(w, mx.nd.array([1.0, 1.0], dtype="float16"), w32, lr=1e-4, out=w)
    assert w.dtype == np.float16 and w32.dtype == np.float32
    np.testing.assert_allclose(w32.asnumpy(), [1.0, 2.0], rtol=1e-7)


def test_multi_update_out_list_and_momentum_in_place():
    ws = [mx.nd.ones((2,)), mx.nd.ones((3,))]
    gs = [mx.nd.ones((2,)), mx.nd.ones((3,)) * 2]
    ms = [mx.nd.zeros((2,)), mx.nd.zeros((3,))]
    args = [a for trio in zip(ws, gs, ms) for a in trio]
    mx.nd.multi_sgd_mom_update(*args, lrs=(0.1, 0.2), wds=(0.0, 0.0), momentum=0.5, num_weights=2, out=ws)
    np.testing.assert_allclose(ws[0].asnumpy(), [0.9, 0.9], rtol=1e-6)
    np.testing.assert_allclose(ws[1].asnumpy(), [0.6] * 3, rtol=1e-6)
    np.testing.assert_allclose(ms[1].asnumpy(), [-0.4] * 3, rtol=1e-6)


@pytest.mark.parametrize("op", ["multi_sgd_update", "multi_sgd_mom_update"])
def test_multi_update_per_weight_rates(op):
    # distinct, repeated and zero rates/decays (weights and wd-exempt biases) grouped into fused passes
    rng = np.random.RandomState(0)
    lrs, wds = (0.1, 0.2, 0.1, 0.0), (1e-2, 0.0, 1e-2, 0.5)
    w0 = [rng.randn(3).astype(np.float32) for _ in lrs]
    g0 = [rng.randn(3).astype(np.float32) for _ in lrs]
    m0 = [rng.randn(3).astype(np.float32) for _ in lrs]
    ws, ms = [mx.nd.array(w) for w in w0], [mx.nd.array(m) for m in m0]
    mom = op == "multi_sgd_mom_update"
    args = [a for trio in zip(ws, [mx.nd.array(g) for g in g0], ms) for a in (trio if mom else trio[:2])]
    kwargs = dict(momentum=0.9) if mom else {}
    getattr(mx.nd, op)(*args, lrs=lrs, wds=wds, rescale_grad=0.5, num_weights=4, out=ws, **kwargs)
    for w, m, wa, ma, lr, wd, g in zip(w0, m0, ws, ms, lrs, wds, g0):
        step = -lr * (0.5 * g + wd * w)
        if mom:
            step = 0.9 * m + step
            np.testing.assert_allclose(ma.asnumpy(), step, rtol=1e-6, atol=1e-7)
        np.testing.assert_allclose(wa.asnumpy(), w + step, rtol=1e-6, atol=1e-7)


def test_update_inside_record_builds_no_graph():
    w = mx.nd.array([1.0, 2.0])
    w.attach_grad()
    mom = mx.nd.zeros(2)
    with mx.autograd.record():
        new = mx.nd.sgd_mom_update(w, mx.nd.array([1.0, 1.0]), mom, lr=0.1, momentum=0.9)
    assert not new._data.requires_grad and not mom._data.requires_grad
    np.testing.assert_allclose(new.asnumpy(), [0.9, 1.9], rtol=1e-6)


@pytest.mark.parametrize("name,mutated", [
    ("sgd_mom_update", ("mom",)), ("mp_sgd_mom_update", ("mom", "weight32")), ("adam_update", ("mean", "var")),
    ("rmspropalex_update", ("n", "g", "delta")), ("ftml_update", ("d", "v", "z")), ("sgd_update", ()),
    ("_mp_adamw_update", ("mean", "var", "weight32")), ("reset_arrays", ("data",)),
])
def test_mutated_inputs_are_registered(name, mutated):
    assert OPS[name].mutate == mutated


def test_multi_update_checks_counts():
    w = mx.nd.ones((2,))
    with pytest.raises(MXNetError, match="expects 4 inputs"):
        mx.nd.multi_sgd_update(w, w, w, lrs=(0.1, 0.1), wds=(0, 0), num_weights=2)
    with pytest.raises(MXNetError, match="learning rates"):
        mx.nd.multi_sgd_update(w, w, lrs=(0.1, 0.1), wds=(0,), num_weights=1, out=w)
    with pytest.raises(MXNetError, match="learning rates"):
        mx.nd.preloaded_multi_sgd_update(w, w, mx.nd.array([0.1, 0.2]), mx.nd.array([0.0]), num_weights=1, out=w)


# ---- finiteness with init_output=False keeps what out holds ---------------------------------------------------
def test_multi_all_finite_init_output_false_keeps_out():
    out = mx.nd.array([5.0])
    mx.nd.multi_all_finite(mx.nd.ones(3), mx.nd.ones(2), num_arrays=2, init_output=False, out=out)
    assert out.asscalar() == 5.0
    mx.nd.multi_all_finite(mx.nd.array([1.0, float("nan")]), num_arrays=1, init_output=False, out=out)
    assert out.asscalar() == 0.0
    mx.nd.multi_all_finite(mx.nd.ones(3), num_arrays=1, init_output=True, out=out)
    assert out.asscalar() == 1.0


def test_loss_scaler_style_overflow_check():
    """contrib.amp's LossScaler: start from ones, AND every chunk in with init_output=False."""
    flag = mx.nd.ones((1,))
    grads = [mx.nd.ones(4), mx.nd.array([1.0, float("inf")]), mx.nd.ones(2)]
    for chunk in (grads[:2], grads[2:]):
        mx.nd.multi_all_finite(*chunk, num_arrays=len(chunk), init_output=False, out=flag)
    assert flag.asscalar() == 0.0


def test_reset_arrays_zeroes_in_place():
    a, b = mx.nd.ones((2, 2)), mx.nd.ones(3, dtype="float16")
    assert mx.nd.reset_arrays(a, b, num_arrays=2) == []
    assert a.asnumpy().sum() == 0 and b.asnumpy().sum() == 0


def test_lars_pipeline_matches_formula():
    """mx.optimizer.LARS: sum of squares, then multi_lars into a slice of the lrs array (out= a view)."""
    ws = [mx.nd.array([3.0, 4.0]), mx.nd.array([1.0])]
    gs = [mx.nd.array([0.6, 0.8]), mx.nd.array([0.0])]
    lrs = mx.nd.array([0.1, 0.2, 0.3])
    wds = mx.nd.array([0.01, 0.0, 0.0])
    wsq = mx.nd.multi_sum_sq(*ws, num_arrays=2)
    gsq = mx.nd.multi_sum_sq(*gs, num_arrays=2)
    mx.nd.multi_lars(lrs[:2], wsq, gsq, wds[:2], eta=0.5, eps=0.0, rescale_grad=1.0, out=lrs[:2])
    expect = 0.1 * 0.5 * 5.0 / (1.0 + 0.01 * 5.0)
    np.testing.assert_allclose(lrs.asnumpy(), [expect, 0.2, 0.3], rtol=1e-6)


# ---- mx.nd.contrib's Python wrappers (values recorded from MXNet 1.9.1) --------------------------------------
def test_contrib_adamw_update_scalar_rescale_and_grad_overwrite():
    w, g = mx.nd.array([1.0, 1.0]), mx.nd.array([2.0, -0.5])
    m, v = mx.nd.zeros(2), mx.nd.zeros(2)
    new = mx.nd.contrib.adamw_update(w, g, m, v, rescale_grad=0.5, lr=0.1, eta=1.0, clip_gradient=0.3)
    np.testing.assert_allclose(new.asnumpy(), [0.6837704, 1.3162295], rtol=1e-5)
    np.testing.assert_allclose(g.asnumpy(), [0.3, -0.25], rtol=1e-6)  # MXNet stores the clipped gradient
    np.testing.assert_allclose(m.asnumpy(), [0.03, -0.025], rtol=1e-5)
    np.testing.assert_allclose(w.asnumpy(), [1.0, 1.0])


def test_contrib_multi_mp_lamb_update_weight_norm_from_float16_weight():
    w, g = mx.nd.array([3.0, 4.0], dtype="float16"), mx.nd.array([1.0, -2.0], dtype="float16")
    m, v, w32 = mx.nd.zeros(2), mx.nd.zeros(2), mx.nd.array([6.0, 8.0])
    mx.nd.contrib.multi_mp_lamb_update([w], [g], [m], [v], [w32], out=[w], step_count=[1], lrs=[0.1], wds=[0.0])
    np.testing.assert_allclose(w32.asnumpy(), [5.6464467, 8.3535538], rtol=1e-6)
    assert w.dtype == np.float16
