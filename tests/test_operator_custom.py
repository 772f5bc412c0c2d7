"""mx.operator: CustomOp / CustomOpProp / register with mx.nd.Custom and mx.sym.Custom, and introspection.

The scenarios in custom_op_cases.py run here under mxcompat and are compared with what real MXNet 1.9.1
returned for them (tests/golden/custom_op.json, from tools/golden/gen_custom_op.py); the other tests check
known maths and the API's contract directly.
"""
import json
import os
import re

import numpy as np
import pytest

import mxcompat as mx
from mxcompat.base import MXNetError

import custom_op_cases as cases

with open(os.path.join(os.path.dirname(__file__), "golden", "custom_op.json")) as _f:
    GOLDEN = json.load(_f)

# cases expected to fail, with the reason (none at present)
PENDING_SYMBOL = {}


def _is_nd(v):
    return isinstance(v, list) and len(v) == 4 and v[0] == "nd" and isinstance(v[1], str)


def assert_same(ours, ref, where="result"):
    """Compare scenario results: arrays by dtype, shape and value (float32 tolerance), the rest exactly."""
    if _is_nd(ref):
        assert _is_nd(ours), "{}: expected an NDArray, got {!r}".format(where, ours)
        assert ours[1:3] == ref[1:3], "{}: dtype/shape {} vs MXNet {}".format(where, ours[1:3], ref[1:3])
        np.testing.assert_allclose(np.array(ours[3], dtype=np.float64), np.array(ref[3], dtype=np.float64),
                                   rtol=1e-5, atol=1e-6, err_msg=where)
    elif isinstance(ref, dict):
        assert isinstance(ours, dict) and sorted(ours) == sorted(ref), "{}: keys {} vs {}".format(
            where, sorted(ours) if isinstance(ours, dict) else ours, sorted(ref))
        for k in ref:
            assert_same(ours[k], ref[k], "{}[{!r}]".format(where, k))
    elif isinstance(ref, list):
        assert isinstance(ours, (list, tuple)) and len(ours) == len(ref), "{}: {!r} vs MXNet {!r}".format(
            where, ours, ref)
        for i, (o, r) in enumerate(zip(ours, ref)):
            assert_same(o, r, "{}[{}]".format(where, i))
    elif isinstance(ref, float):
        assert ours == pytest.approx(ref, rel=1e-5, abs=1e-6), where
    else:
        assert ours == ref, "{}: {!r} vs MXNet {!r}".format(where, ours, ref)


def _without_creates(log):
    """MXNet may create an operator more often, and asynchronously; compare the rest of the log in order."""
    rest = [e for e in log if not (isinstance(e, list) and e and e[0] == "create")]
    creates = {json.dumps(e) for e in log if isinstance(e, list) and e and e[0] == "create"}
    return rest, creates


def _params():
    for c in cases.CASES:
        if c.__name__ in ("errors", "introspection"):
            continue
        reason = PENDING_SYMBOL.get(c.__name__)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(c, id=c.__name__, marks=marks)


@pytest.mark.parametrize("case", list(_params()))
def test_case_matches_mxnet(case):
    ours, ref = case(mx, np), GOLDEN[case.__name__]
    if "log" in ref:
        assert_same(_without_creates(ours.pop("log"))[0], _without_creates(ref["log"])[0], "log")
        assert _without_creates(case(mx, np)["log"])[1] == _without_creates(ref["log"])[1]
        ref = {k: v for k, v in ref.items() if k != "log"}
    assert_same(ours, ref)


@pytest.mark.parametrize("key", sorted(GOLDEN["errors"]))
def test_errors_match_mxnet(key):
    ours, ref = cases.errors(mx, np)[key], GOLDEN["errors"][key]
    assert ours is not None and ours[0] == ref[0]
    assert ours[1] in ref[1], (ours, ref)


def _mxnet_type_as_registry(text):
    """MXNet's type string with the distinctions the registry's fields do not keep folded away:
    double -> float (default printed as a float32), long / int (non-negative) -> int (default quoted)."""
    m = re.match(r"^(double|long \(non-negative\)|int \(non-negative\)|long)(.*?)(default=(.*))?$", text)
    if not m:
        return text
    head, mid, default = m.group(1), m.group(2), m.group(4)
    if head == "double":
        if default in (None, "None"):
            return "float" + mid + ("default=None" if default else "")
        return "float" + mid + "default=" + "%.9g" % np.float32(float(default))
    return "int" + mid + ("default='%s'" % default if default else "")


@pytest.mark.parametrize("op", sorted(GOLDEN["introspection"]["args"]))
def test_get_operator_arguments_matches_mxnet(op):
    narg, names, types = GOLDEN["introspection"]["args"][op]
    got = mx.operator.get_operator_arguments(op)
    assert isinstance(got, mx.operator.OperatorArguments)
    assert (got.narg, got.names) == (narg, names)
    assert got.types == [_mxnet_type_as_registry(t) for t in types]


def test_registered_operator_list():
    ref = GOLDEN["introspection"]
    names = mx.operator.get_all_registered_operators()
    assert list(mx.operator.OperatorArguments._fields) == ref["fields"]
    assert (names == sorted(names)) == ref["sorted"]
    assert [n in names for n in ("Custom", "FullyConnected", "broadcast_plus", "reshape", "Reshape")] == ref["has"]
    assert len(names) == len(set(names)) > 300


# ---- known maths and the API contract ---------------------------------------------------------------------
def _softmax(x):
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def test_softmax_loss_gradient_is_softmax_minus_onehot():
    res = cases.softmax_loss(mx, np)
    x = np.random.RandomState(0).randn(4, 5).astype(np.float32)
    onehot = np.eye(5, dtype=np.float32)[[0, 3, 1, 4]]
    np.testing.assert_allclose(res["y"][3], _softmax(x), rtol=1e-5)
    np.testing.assert_allclose(res["grad"][3], _softmax(x) - onehot, rtol=1e-5, atol=1e-6)


def test_custom_inside_a_larger_graph_follows_the_chain_rule():
    cases.backward_deps(mx, np)  # registers case_sigmoid: y = sigmoid(x), backward from out_data only
    x = mx.nd.array([[0.5, -1.0, 2.0]])
    x.attach_grad()
    with mx.autograd.record():
        z = mx.nd.sum(mx.nd.Custom(x * 3, op_type="case_sigmoid") ** 2)
    z.backward()
    s = 1 / (1 + np.exp(-3 * x.asnumpy()))
    np.testing.assert_allclose(z.asnumpy(), [np.sum(s ** 2)], rtol=1e-5)
    np.testing.assert_allclose(x.grad.asnumpy(), 2 * s * s * (1 - s) * 3, rtol=1e-5)


def test_forward_outside_record_builds_no_graph_and_is_not_training():
    log = []
    cases._aux_op(mx, log)  # pylint: disable=protected-access
    x = mx.nd.ones((2, 3))
    x.attach_grad()
    y = mx.nd.Custom(x, mx.nd.zeros((1,)), mx.nd.zeros((3,)), op_type="case_running")
    assert log[-1] == ["forward", 0, False, False]
    assert not y.to_torch().requires_grad
    np.testing.assert_allclose(y.asnumpy(), 2 * np.ones((2, 3)))


def test_assign_follows_req():
    op = mx.operator.CustomOp()
    dst = mx.nd.array([1.0, 2.0])
    src = mx.nd.array([10.0, 20.0])
    op.assign(dst, "null", src)
    np.testing.assert_array_equal(dst.asnumpy(), [1, 2])
    op.assign(dst, "add", src)
    np.testing.assert_array_equal(dst.asnumpy(), [11, 22])
    op.assign(dst, "write", src)
    np.testing.assert_array_equal(dst.asnumpy(), [10, 20])
    op.assign(dst, "inplace", mx.nd.array([3.0, 4.0]))
    np.testing.assert_array_equal(dst.asnumpy(), [3, 4])


def test_prop_defaults():
    prop = mx.operator.CustomOpProp()
    assert prop.list_arguments() == ["data"] and prop.list_outputs() == ["output"]
    assert prop.list_auxiliary_states() == []
    assert prop.infer_shape([[2, 3]]) == ([[2, 3]], ([2, 3],), ())
    assert prop.infer_type([np.float32]) == ([np.float32], [np.float32], [])
    assert prop.infer_storage_type(["default"]) == (["default"], ["default"], [])
    with pytest.raises(NotImplementedError, match="sparse"):
        prop.infer_storage_type(["csr"])
    assert prop.declare_backward_dependency([0], [1], [2]) == [0, 1, 2]
    assert mx.operator.CustomOpProp(need_top_grad=False).declare_backward_dependency([0], [1], [2]) == [1, 2]
    assert isinstance(prop.create_operator(mx.cpu(), [[2, 3]], [0]), mx.operator.CustomOp)


def test_default_custom_op_prop_is_registered():
    # MXNet registers the base Prop as 'custom_op'; its CustomOp computes nothing (outputs stay unset).
    y = mx.nd.Custom(mx.nd.ones((2, 2)), op_type="custom_op")
    assert y.shape == (2, 2)


def test_user_errors_become_mxnet_errors():
    class Broken(mx.operator.CustomOp):
        def forward(self, is_train, req, in_data, out_data, aux):
            raise KeyError("boom")

    @mx.operator.register("test_broken")
    class BrokenProp(mx.operator.CustomOpProp):  # pylint: disable=unused-variable
        def create_operator(self, ctx, in_shapes, in_dtypes):
            return Broken()

    with pytest.raises(MXNetError, match=r"CustomOp.forward.*KeyError.*boom"):
        mx.nd.Custom(mx.nd.ones((2,)), op_type="test_broken")
    with pytest.raises(MXNetError, match="test_broken.__init__"):
        mx.nd.Custom(mx.nd.ones((2,)), op_type="test_broken", unexpected=1)


def test_undeclared_blob_is_unreadable():
    from mxcompat._op.defs._custom_absent import AbsentArray
    arr = AbsentArray(mx.cpu())
    assert arr.shape == ()
    with pytest.raises(MXNetError, match="Shape is unknown"):
        arr.asnumpy()
    with pytest.raises(MXNetError, match="Shape is unknown"):
        mx.nd.exp(arr)


@pytest.mark.parametrize("cls", ["PythonOp", "NumpyOp", "NDArrayOp"])
def test_old_python_op_interfaces_are_unsupported(cls):
    with pytest.raises(NotImplementedError, match="mx.operator." + cls):
        getattr(mx.operator, cls)()


def test_symbol_json_keeps_op_type_and_string_kwargs():
    cases.kwargs_as_strings(mx, np)
    s = mx.sym.Custom(mx.sym.Variable("data"), op_type="case_kwargs", scale=2.5, flag=True, name="k")
    node = [n for n in json.loads(s.tojson())["nodes"] if n["op"] == "Custom"][0]
    assert node["name"] == "k" and node["attrs"] == {"op_type": "case_kwargs", "scale": "2.5", "flag": "True"}
    assert s.list_outputs() == ["k_output"]
    back = mx.sym.load_json(s.tojson())
    exe = back.bind(mx.cpu(), {"data": mx.nd.array([1.0, -2.0])})
    np.testing.assert_allclose(exe.forward()[0].asnumpy(), [2.5, -5.0])
