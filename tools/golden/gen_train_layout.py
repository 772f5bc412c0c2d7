"""Record one training forward + backward of a small conv net under real MXNet 1.9.1.

Usage: ~/.venvs/mxref/bin/python tools/golden/gen_train_layout.py
Writes tests/golden/train_layout.npz: the arguments, the outputs and every argument's gradient (the data's
included) of ``net()`` after ``forward(is_train=True)`` + ``backward()``. The data is piecewise constant, so
convolution outputs and the max-pooling windows over them hold exact ties: the data gradient shows where each
pooling window routed its gradient. tests/symbol/test_train_layout.py replays it (the channels-last training
path of ``symbol/train_layout.py``).
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "golden", "train_layout.npz")
SHAPE = (4, 1, 16, 16)


def net(sym):
    """conv (1 channel in) -> tanh -> max pool 2/2 -> conv (pad) -> relu -> max pool 3/2 'full' (overlapping,
    ceil) -> [conv 1x1 -> sigmoid -> avg pool] + [conv 1x1 -> relu -> x*x (a non-layout-keeping consumer)] ->
    flatten -> FC -> softmax; the second conv's output is also a (BlockGrad) head."""
    data = sym.Variable("data")
    h = sym.Convolution(data, kernel=(3, 3), num_filter=4, name="conv1")
    h = sym.Pooling(sym.Activation(h, act_type="tanh"), pool_type="max", kernel=(2, 2), stride=(2, 2))
    c2 = sym.Convolution(h, kernel=(3, 3), pad=(1, 1), num_filter=6, name="conv2")
    h = sym.Pooling(sym.Activation(c2, act_type="relu"), pool_type="max", kernel=(3, 3), stride=(2, 2),
                    pooling_convention="full")
    a = sym.Activation(sym.Convolution(h, kernel=(1, 1), num_filter=5, name="conv3"), act_type="sigmoid")
    a = sym.Pooling(a, pool_type="avg", kernel=(2, 2), stride=(1, 1))
    b = sym.relu(sym.Convolution(h, kernel=(1, 1), num_filter=5, no_bias=True, name="conv4"))
    b = sym.Pooling(b * b, pool_type="max", kernel=(2, 2), stride=(1, 1))
    h = sym.Flatten(a + b)
    out = sym.SoftmaxOutput(sym.FullyConnected(h, num_hidden=3, name="fc"), name="softmax")
    return sym.Group([out, sym.BlockGrad(c2)])


def inputs(arg_shapes):
    rng = np.random.RandomState(7)
    blocks = rng.randint(-3, 4, size=(SHAPE[0], 1, 4, 4)).astype(np.float32) / 3
    args = {"data": np.kron(blocks, np.ones((1, 1, 4, 4), np.float32)),
            "softmax_label": rng.randint(0, 3, size=SHAPE[0]).astype(np.float32)}
    for name, shape in arg_shapes.items():
        if name not in args:
            args[name] = rng.uniform(-0.5, 0.5, size=shape).astype(np.float32)
    return args


def main():
    import mxnet as mx
    sym = net(mx.sym)
    arg_shapes, _, _ = sym.infer_shape(data=SHAPE)
    shapes = dict(zip(sym.list_arguments(), arg_shapes))
    args = inputs(shapes)
    exe = sym.simple_bind(mx.cpu(), grad_req="write", data=SHAPE)
    for name, value in args.items():
        exe.arg_dict[name][:] = value
    exe.forward(is_train=True)
    exe.backward()
    record = {"arg|" + k: v for k, v in args.items()}
    record.update({"out|%d" % i: o.asnumpy() for i, o in enumerate(exe.outputs)})
    record.update({"grad|" + k: g.asnumpy() for k, g in exe.grad_dict.items() if k != "softmax_label"})
    np.savez(OUT, **record)


if __name__ == "__main__":
    main()
