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
from functools import reduce

import numpy as np
import mxnet as mx

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "golden", "symbol", "monitor.json")


def mean_abs(x):
    return mx.nd.sum(mx.nd.abs(x)) / reduce(lambda a, b: a * b, x.shape)


def module_net():
    x = mx.sym.Variable("data")
    x = mx.sym.FullyConnected(name="fc_0", data=x, num_hidden=2)
    x = mx.sym.Activation(name="act_0", data=x, act_type="sigmoid")
    x = mx.sym.FullyConnected(name="fc_1", data=x, num_hidden=2)
    x = mx.sym.Activation(name="act_1", data=x, act_type="sigmoid")
    return mx.sym.LinearRegressionOutput(data=x, name="softmax", grad_scale=2)


def branch_net():
    d = mx.sym.var("data")
    r = mx.sym.Activation(mx.sym.BatchNorm(mx.sym.Convolution(d, kernel=(3, 3), num_filter=4, pad=(1, 1),
                                                              name="conv"), name="bn"), act_type="relu", name="relu")
    p = mx.sym.Pooling(r, kernel=(2, 2), stride=(2, 2), pool_type="max", name="pool")
    q = mx.sym.Pooling(r, kernel=(2, 2), stride=(2, 2), pool_type="avg", name="pool2")
    f = mx.sym.FullyConnected(mx.sym.flatten(mx.sym.elemwise_add(p, q, name="add"), name="flat"), num_hidden=3,
                              name="fc")
    return mx.sym.SoftmaxOutput(f, name="softmax")


def written(sym, name, null_args):
    m = re.match(r"(.*)_backward_output(\d*)$", name)
    if not m:
        return True
    nodes = json.loads(sym.tojson())["nodes"]
    node = next(n for n in nodes if n["name"] == m.group(1))
    src = nodes[node["inputs"][int(m.group(2) or 0)][0]]
    return not (src["op"] == "null" and src["name"] in null_args)


def run_module():
    sym = module_net()
    data = mx.io.NDArrayIter(mx.nd.array([[0.05, .10]]), mx.nd.array([[.01, 0.99]]), batch_size=1)
    mon = mx.mon.Monitor(1, stat_func=mean_abs, pattern=".*", sort=False)
    mod = mx.mod.Module(sym, context=[mx.cpu()])
    mod.bind(data.provide_data, label_shapes=data.provide_label, for_training=True)
    mod.install_monitor(mon)
    mod.init_params(arg_params={"fc_0_weight": mx.nd.array([[.15, .20], [.25, .30]]),
                                "fc_0_bias": mx.nd.array([.35, .35]),
                                "fc_1_weight": mx.nd.array([[.40, .45], [.50, .55]]),
                                "fc_1_bias": mx.nd.array([.60, .60])})
    mon.tic()
    mod.forward_backward(next(iter(data)))
    return [[name, float(text.strip()), written(sym, name, {"data", "softmax_label"})]
            for _, name, text in mon.toc()]


def run_branch():
    sym = branch_net()
    null = {"data", "softmax_label"}
    exe = sym.simple_bind(mx.cpu(), data=(2, 1, 4, 4),
                          grad_req={n: "null" if n in null else "write" for n in sym.list_arguments()})
    rng = np.random.RandomState(0)
    for name in sym.list_arguments():
        exe.arg_dict[name][:] = rng.uniform(-1, 1, exe.arg_dict[name].shape)
    exe.arg_dict["softmax_label"][:] = np.array([0, 2])
    rows = []

    def callback(name, handle):  # MXNet hands the callback a C handle (mx.mon.Monitor wraps it the same way)
        array = mx.nd.NDArray(ctypes.cast(handle, mx.base.NDArrayHandle), writable=False)
        rows.append([mx.base.py_str(name), float(mean_abs(array).asscalar())])
    exe.set_monitor_callback(callback, False)
    exe.forward(is_train=True)
    exe.backward()
    inputs = {name: exe.arg_dict[name].asnumpy().tolist() for name in sym.list_arguments()}
    return [[n, v, written(sym, n, null)] for n, v in rows], inputs


def main():
    branch, inputs = run_branch()
    with open(OUT, "w") as f:
        json.dump({"module": run_module(), "branch": branch, "branch_inputs": inputs}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
