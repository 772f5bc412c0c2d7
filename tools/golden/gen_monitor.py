"""Write tests/golden/symbol/monitor.json: what MXNet 1.9.1's executor monitor reports, forward and backward.

Run under real MXNet 1.9.1: ``~/.venvs/mxref/bin/python tools/golden/gen_monitor.py``. Two scenarios: MXNet's
``test_module.py::test_monitor`` network (a Module with ``mx.mon.Monitor``, statistic mean(|x|)) and a
branch-and-merge convolution block bound directly (``set_monitor_callback``). Each row is ``[name, statistic,
written]``; ``written`` is False for a backward output MXNet never writes (the gradient of a label or of an
argument with ``grad_req='null'``: its value is whatever the buffer held).
"""
import ctypes
import json
import os
import re
import sys

import numpy as np
import mxnet as mx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from monitor_scenarios import BRANCH_NULL, bind_branch, branch_net, mean_abs, module_net, module_rows  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "golden", "symbol", "monitor.json")


def written(sym, name, null_args):
    m = re.match(r"(.*)_backward_output(\d*)$", name)
    if not m:
        return True
    nodes = json.loads(sym.tojson())["nodes"]
    node = next(n for n in nodes if n["name"] == m.group(1))
    src = nodes[node["inputs"][int(m.group(2) or 0)][0]]
    return not (src["op"] == "null" and src["name"] in null_args)


def run_module():
    sym = module_net(mx)
    return [[name, value, written(sym, name, {"data", "softmax_label"})] for name, value in module_rows(mx, sym)]


def run_branch():
    sym = branch_net(mx)
    exe = bind_branch(mx, sym)
    rng = np.random.RandomState(0)
    for name in sym.list_arguments():
        exe.arg_dict[name][:] = rng.uniform(-1, 1, exe.arg_dict[name].shape)
    exe.arg_dict["softmax_label"][:] = np.array([0, 2])
    rows = []

    def callback(name, handle):  # MXNet hands the callback a C handle (mx.mon.Monitor wraps it the same way)
        array = mx.nd.NDArray(ctypes.cast(handle, mx.base.NDArrayHandle), writable=False)
        rows.append([mx.base.py_str(name), float(mean_abs(mx, array).asscalar())])
    exe.set_monitor_callback(callback, False)
    exe.forward(is_train=True)
    exe.backward()
    inputs = {name: exe.arg_dict[name].asnumpy().tolist() for name in sym.list_arguments()}
    return [[n, v, written(sym, n, BRANCH_NULL)] for n, v in rows], inputs


def main():
    branch, inputs = run_branch()
    with open(OUT, "w") as f:
        json.dump({"module": run_module(), "branch": branch, "branch_inputs": inputs}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
