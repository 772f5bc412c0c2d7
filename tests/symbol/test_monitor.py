"""The executor monitor against MXNet 1.9.1 (``tests/golden/symbol/monitor.json``, written by
``tools/golden/gen_monitor.py``): forward outputs, then each backward operator's outputs, in MXNet's order, names
and values (a statistic of mean |x| per row)."""
import json
import os
import sys

import numpy as np

import mxcompat as mx

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools", "golden"))
import monitor_scenarios as scenarios  # noqa: E402

with open(os.path.join(os.path.dirname(__file__), "..", "golden", "symbol", "monitor.json")) as _f:
    GOLDEN = json.load(_f)
# rows of MXNet's build that mxcompat does not report: BatchNorm's training-only hidden outputs, and MKLDNN max
# pooling's workspace output with the zero gradient node MXNet makes for it
NOT_REPORTED = {"bn_mean", "bn_var", "pool_workspace", "zeros_without_dtype_output"}


def check_rows(got, want):
    want = [row for row in want if row[0] not in NOT_REPORTED]
    assert [name for name, _ in got] == [row[0] for row in want]
    for (name, value), (_, expected, written) in zip(got, want):
        # a gradient MXNet never writes (label, grad_req='null') holds garbage there and zeros here
        np.testing.assert_allclose(value, expected if written else 0.0, rtol=2e-5, atol=1e-6, err_msg=name)  # conv bias grad before BN: ~0


def _run_module(sort):
    return scenarios.module_rows(mx, scenarios.module_net(mx), sort=sort)


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
    """``monitor_scenarios.branch_net`` bound directly, monitored through ``set_monitor_callback``."""
    sym = scenarios.branch_net(mx)
    exe = scenarios.bind_branch(mx, sym)
    for name, value in GOLDEN["branch_inputs"].items():
        exe.arg_dict[name][:] = np.array(value, dtype=np.float32)
    rows = []
    exe.set_monitor_callback(lambda n, a: rows.append((n, float(scenarios.mean_abs(mx, a).asscalar()))), False)
    exe.forward(is_train=True)
    exe.backward()
    check_rows(rows, GOLDEN["branch"])
