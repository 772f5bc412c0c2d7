"""The executor monitor against MXNet 1.9.1 (``tests/golden/symbol/monitor.json``, written by
``tools/golden/gen_monitor.py``): forward outputs, then each backward operator's outputs, in MXNet's order, names
and values (a statistic of mean |x| per row)."""
import json
import os
from functools import reduce

import numpy as np

import mxcompat as mx

with open(os.path.join(os.path.dirname(__file__), "..", "golden", "symbol", "monitor.json")) as _f:
    GOLDEN = json.load(_f)
# rows of MXNet's build that mxcompat does not report: BatchNorm's training-only hidden outputs, and MKLDNN max
# pooling's workspace output with the zero gradient node MXNet makes for it
NOT_REPORTED = {"bn_mean", "bn_var", "pool_workspace", "zeros_without_dtype_output"}


def mean_abs(x):
    return mx.nd.sum(mx.nd.abs(x)) / reduce(lambda a, b: a * b, x.shape)


def check_rows(got, want):
    want = [row for row in want if row[0] not in NOT_REPORTED]
    assert [name for name, _ in got] == [row[0] for row in want]
    for (name, value), (_, expected, written) in zip(got, want):
        # a gradient MXNet never writes (label, grad_req='null') holds garbage there and zeros here
        np.testing.assert_allclose(value, expected if written else 0.0, rtol=2e-5, atol=1e-6, err_msg=name)  # conv bias grad before BN: ~0


def _module_net():
    x = mx.sym.Variable("data")
    x = mx.sym.FullyConnected(name="fc_0", data=x, num_hidden=2)
    x = mx.sym.Activation(name="act_0", data=x, act_type="sigmoid")
    x = mx.sym.FullyConnected(name="fc_1", data=x, num_hidden=2)
    x = mx.sym.Activation(name="act_1", data=x, act_type="sigmoid")
    return mx.sym.LinearRegressionOutput(data=x, name="softmax", grad_scale=2)


def _run_module(sort):
    data = mx.io.NDArrayIter(mx.nd.array([[0.05, .10]]), mx.nd.array([[.01, 0.99]]), batch_size=1)
    mon = mx.mon.Monitor(1, stat_func=mean_abs, pattern=".*", sort=sort)
    mod = mx.mod.Module(_module_net(), context=[mx.cpu()])
    mod.bind(data.provide_data, label_shapes=data.provide_label, for_training=True)
    mod.install_monitor(mon)
    mod.init_params(arg_params={"fc_0_weight": mx.nd.array([[.15, .20], [.25, .30]]),
                                "fc_0_bias": mx.nd.array([.35, .35]),
                                "fc_1_weight": mx.nd.array([[.40, .45], [.50, .55]]),
                                "fc_1_bias": mx.nd.array([.60, .60])})
    mon.tic()
    mod.forward_backward(next(iter(data)))
    return [(name, float(text.strip())) for _, name, text in mon.toc()]


def test_module_monitor_reports_backward_outputs():
    check_rows(_run_module(sort=False), GOLDEN["module"])


def test_module_monitor_sorted():
    """MXNet's test_module.py::test_monitor: 21 rows, counted by prefix."""
    rows = _run_module(sort=True)
    assert [name for name, _ in rows] == sorted(name for name, _ in rows)
    keys = ["act_0", "act_1", "data", "fc_0", "fc_1", "softmax"]
    counts = [sum(1 for name, _ in rows if next(k for k in keys if name.startswith(k)) == key) for key in keys]
    assert len(rows) == 21 and counts == [2, 2, 1, 6, 6, 4]


def test_executor_monitor_branch_and_merge():
    """A relu output used by two poolings (its gradient summed by ``sum_grad``), elemwise_add (no backward node),
    BatchNorm, a gradient-free input (data) and a label."""
    d = mx.sym.var("data")
    r = mx.sym.Activation(mx.sym.BatchNorm(mx.sym.Convolution(d, kernel=(3, 3), num_filter=4, pad=(1, 1),
                                                              name="conv"), name="bn"), act_type="relu", name="relu")
    p = mx.sym.Pooling(r, kernel=(2, 2), stride=(2, 2), pool_type="max", name="pool")
    q = mx.sym.Pooling(r, kernel=(2, 2), stride=(2, 2), pool_type="avg", name="pool2")
    f = mx.sym.FullyConnected(mx.sym.flatten(mx.sym.elemwise_add(p, q, name="add"), name="flat"), num_hidden=3,
                              name="fc")
    sym = mx.sym.SoftmaxOutput(f, name="softmax")
    null = {"data", "softmax_label"}
    exe = sym.simple_bind(mx.cpu(), data=(2, 1, 4, 4),
                          grad_req={n: "null" if n in null else "write" for n in sym.list_arguments()})
    for name, value in GOLDEN["branch_inputs"].items():
        exe.arg_dict[name][:] = np.array(value, dtype=np.float32)
    rows = []
    exe.set_monitor_callback(lambda n, a: rows.append((n, float(mean_abs(a).asscalar()))), False)
    exe.forward(is_train=True)
    exe.backward()
    check_rows(rows, GOLDEN["branch"])
