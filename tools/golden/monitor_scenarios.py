"""The monitor scenarios, shared by the generator (``gen_monitor.py``, under real MXNet) and the test
(``tests/symbol/test_monitor.py``, under mxcompat): each function takes the ``mx`` module to run."""
from functools import reduce

MODULE_PARAMS = {"fc_0_weight": [[.15, .20], [.25, .30]], "fc_0_bias": [.35, .35],
                 "fc_1_weight": [[.40, .45], [.50, .55]], "fc_1_bias": [.60, .60]}
BRANCH_NULL = {"data", "softmax_label"}   # arguments bound with grad_req='null'


def mean_abs(mx, x):
    return mx.nd.sum(mx.nd.abs(x)) / reduce(lambda a, b: a * b, x.shape)


def module_net(mx):
    """MXNet's test_module.py::test_monitor network."""
    x = mx.sym.Variable("data")
    x = mx.sym.FullyConnected(name="fc_0", data=x, num_hidden=2)
    x = mx.sym.Activation(name="act_0", data=x, act_type="sigmoid")
    x = mx.sym.FullyConnected(name="fc_1", data=x, num_hidden=2)
    x = mx.sym.Activation(name="act_1", data=x, act_type="sigmoid")
    return mx.sym.LinearRegressionOutput(data=x, name="softmax", grad_scale=2)


def module_rows(mx, sym, sort=False):
    """``[(name, mean |x|)]`` a ``mx.mon.Monitor`` reports over one forward_backward of ``sym`` in a Module."""
    data = mx.io.NDArrayIter(mx.nd.array([[0.05, .10]]), mx.nd.array([[.01, 0.99]]), batch_size=1)
    mon = mx.mon.Monitor(1, stat_func=lambda x: mean_abs(mx, x), pattern=".*", sort=sort)
    mod = mx.mod.Module(sym, context=[mx.cpu()])
    mod.bind(data.provide_data, label_shapes=data.provide_label, for_training=True)
    mod.install_monitor(mon)
    mod.init_params(arg_params={k: mx.nd.array(v) for k, v in MODULE_PARAMS.items()})
    mon.tic()
    mod.forward_backward(next(iter(data)))
    return [(name, float(text.strip())) for _, name, text in mon.toc()]


def branch_net(mx):
    """A relu output used by two poolings (its gradient summed by ``sum_grad``), elemwise_add (no backward
    node), BatchNorm, a gradient-free input (data) and a label."""
    d = mx.sym.var("data")
    r = mx.sym.Activation(mx.sym.BatchNorm(mx.sym.Convolution(d, kernel=(3, 3), num_filter=4, pad=(1, 1),
                                                              name="conv"), name="bn"), act_type="relu", name="relu")
    p = mx.sym.Pooling(r, kernel=(2, 2), stride=(2, 2), pool_type="max", name="pool")
    q = mx.sym.Pooling(r, kernel=(2, 2), stride=(2, 2), pool_type="avg", name="pool2")
    f = mx.sym.FullyConnected(mx.sym.flatten(mx.sym.elemwise_add(p, q, name="add"), name="flat"), num_hidden=3,
                              name="fc")
    return mx.sym.SoftmaxOutput(f, name="softmax")


def bind_branch(mx, sym):
    return sym.simple_bind(mx.cpu(), data=(2, 1, 4, 4),
                           grad_req={n: "null" if n in BRANCH_NULL else "write" for n in sym.list_arguments()})
