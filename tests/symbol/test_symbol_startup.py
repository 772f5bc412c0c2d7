"""Start-up cost of binding: shape inference runs torch's Python meta kernels without importing torch._dynamo
(seconds, once per process), and leaves torch as it found it for a later ``torch.compile``."""
import subprocess
import sys

_SCRIPT = r"""
import sys
import numpy as np
import mxcompat as mx

data = mx.sym.Variable("data")
x = mx.sym.FullyConnected(data, num_hidden=6, name="fc1")
x = mx.sym.Activation(x, act_type="relu")
x = mx.sym.round(mx.sym.sin(x) * 2) + mx.sym.broadcast_add(x, mx.sym.sum(x, axis=1, keepdims=True))
x = mx.sym.Pooling(mx.sym.reshape(x, shape=(0, 1, 2, 3)), kernel=(2, 2), pool_type="avg", global_pool=True)
x = mx.sym.BatchNorm(mx.sym.Concat(x, x, dim=1), name="bn")
x = mx.sym.SoftmaxOutput(mx.sym.FullyConnected(x, num_hidden=3, name="fc2"), name="softmax")
exe = x.simple_bind(mx.cpu(), data=(4, 5))
exe.forward(is_train=True, data=mx.nd.ones((4, 5)))
exe.backward()
assert exe.outputs[0].shape == (4, 3)
assert "torch._dynamo" not in sys.modules, "binding imported torch._dynamo"

import torch
assert "_dynamo" not in torch.__dict__
print("ok")
"""


def test_bind_does_not_import_dynamo():
    """FullyConnected, elementwise, broadcast, reduce, Pooling, BatchNorm, Concat: all Python meta kernels."""
    out = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok"


def test_stand_in_leaves_torch_as_it_was():
    """What torch caches through the stand-in is undone when the stand-in retires."""
    import torch
    from mxcompat.symbol._no_dynamo import _StandIn

    def kernel():
        return 1

    stand_in = _StandIn()
    sys.modules.setdefault("torch._dynamo", stand_in)
    try:
        assert stand_in.disable(kernel, True, wrapping=False) is kernel
        kernel.__dynamo_disable = kernel  # what torch._disable_dynamo caches
    finally:
        stand_in.retire()
    assert "__dynamo_disable" not in kernel.__dict__
    assert sys.modules.get("torch._dynamo") is not stand_in and torch.__dict__.get("_dynamo") is not stand_in
    assert "disable" not in stand_in.__dict__  # a kept reference now reaches the real module
