"""mx.metric against real MXNet 1.9.1 (tests/golden/metric.json from tools/golden/gen_metric.py)."""
import builtins
import json
import math
import os
import sys

import numpy as np
import pytest

import mxcompat as mx

HERE = os.path.dirname(__file__)
sys.path.insert(0, os.path.join(HERE, "..", "tools", "golden"))
from metric_scenarios import SCENARIOS  # noqa: E402

with open(os.path.join(HERE, "golden", "metric.json")) as _f:
    GOLDEN = json.load(_f)


def _arr(spec):
    return mx.nd.array(np.array(spec[0], dtype=spec[1]), dtype=spec[1])


def _close(a, b):
    if isinstance(a, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    if isinstance(a, float) or isinstance(b, float):
        if math.isnan(a) and math.isnan(b):
            return True
        return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)
    return a == b


@pytest.mark.parametrize("sid,name,kwargs,steps", SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_metric_matches_mxnet(sid, name, kwargs, steps):
    golden = GOLDEN[sid]
    metric = mx.metric.create(name, **kwargs)
    assert metric.get_config() == golden["config"]
    for step, want in zip(steps, golden["steps"]):
        if "error" in want:
            with pytest.raises(getattr(builtins, want["error"][0])) as err:
                metric.update([_arr(a) for a in step[1]], [_arr(a) for a in step[2]])
            assert str(err.value) == want["error"][1]
            continue
        if step[0] == "update":
            metric.update([_arr(a) for a in step[1]], [_arr(a) for a in step[2]])
        else:
            getattr(metric, step[0])()
        assert _close(list(metric.get()), want["get"]), (step[0], metric.get(), want["get"])
        assert _close(list(metric.get_global()), want["get_global"])
        assert _close(getattr(metric, "num_inst", None), want["num_inst"])
        if "nan" not in want["str"]:
            got = str(metric)
            assert got.split(":")[0] == want["str"].split(":")[0]


def test_custom_metric_and_np():
    def feval(label, pred):
        return float((label == pred.argmax(1)).mean())
    m = mx.metric.create(feval)
    m.update([mx.nd.array([1, 0])], [mx.nd.array([[0.2, 0.8], [0.3, 0.7]])])
    assert m.get() == ("feval", 0.5)
    lam = mx.metric.CustomMetric(lambda l, p: (3.0, 4))
    lam.update([mx.nd.array([1])], [mx.nd.array([1])])
    assert lam.get() == ("custom(<lambda>)", 0.75)
    assert mx.metric.np(feval, name="x").name == "x"
    with pytest.raises(NotImplementedError):
        lam.get_config()


def test_subclass_per_mxnet_docs():
    class Count(mx.metric.EvalMetric):
        def __init__(self):
            super().__init__("count")

        def update(self, labels, preds):
            self.sum_metric += len(labels)
            self.num_inst += 1
    m = Count()
    m.update([1, 2], [1, 2])
    m.update([1], [1])
    assert m.get() == ("count", 1.5) and m.get_name_value() == [("count", 1.5)]
    assert m.get_global() == m.get()


def test_create_errors_and_registry():
    with pytest.raises(AssertionError, match="is not registered"):
        mx.metric.create("no-such-metric")
    with pytest.raises(AssertionError, match="must be of string type"):
        mx.metric.create(3)
    with pytest.raises(AssertionError):
        mx.metric.TopKAccuracy(top_k=1)

    @mx.metric.register
    @mx.metric.alias("mycustom")
    class MyMetric(mx.metric.Accuracy):
        pass
    assert isinstance(mx.metric.create("mycustom"), MyMetric)
    acc = mx.metric.Accuracy()
    assert mx.metric.create(acc) is acc


def test_shape_mismatch_raises_value_error():
    with pytest.raises(ValueError):
        mx.metric.Accuracy().update([mx.nd.array([1])], [])


def _accuracy(pred, label, **kwargs):
    metric = mx.metric.Accuracy(**kwargs)
    metric.update([mx.nd.array(label)], [pred])
    return metric.get()[1], metric.num_inst


def test_accuracy_argmax_as_mxnet_reads_it():
    # values from MXNet 1.9.1: its argmax index is in the prediction's dtype, so float16 rounds 2999 to 3000
    p = np.zeros((2, 3000), np.float32)
    p[0, 2999] = p[1, 2001] = 1
    assert _accuracy(mx.nd.array(p, dtype="float16"), [2999, 2001]) == (0.5, 2)
    assert _accuracy(mx.nd.array(p), [2999, 2001]) == (1.0, 2)
    q = np.random.RandomState(0).rand(4, 3, 5).astype(np.float32)
    assert _accuracy(mx.nd.array(q), np.argmax(q, -1).astype(np.float32), axis=-1) == (1.0, 12)
    assert _accuracy(mx.nd.array(q), np.argmax(q, 1).astype(np.float32)) == (1.0, 20)
    assert _accuracy(mx.nd.array([1.7, 2.2, -0.5]), [1, 2, 0]) == (1.0, 3)  # same shape: truncated, no argmax
    with pytest.raises(mx.base.MXNetError):
        _accuracy(mx.nd.array(q), [1, 2], axis=3)
