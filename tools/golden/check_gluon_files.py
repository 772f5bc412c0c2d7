"""Check that Gluon files written by mxcompat load in real MXNet 1.9.1 (the other direction is tested in
tests/gluon/test_gluon_golden.py).

    python3 tools/golden/check_gluon_files.py        # writes with mxcompat, then verifies under ~/.venvs/mxref

Writes save_parameters, ParameterDict.save, export and Trainer.save_states files of the scenario MLP and checks,
under MXNet, load_parameters / collect_params().load / SymbolBlock.imports / Trainer.load_states give the same
outputs and optimizer state.
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gluon_scenarios  # noqa: E402

MXREF = os.path.expanduser("~/.venvs/mxref/bin/python")


def write(mx, folder):
    net = gluon_scenarios._mlp(mx)
    net.hybridize()
    x = mx.nd.array(gluon_scenarios._rand(3, (2, 4)))
    tr = mx.gluon.Trainer(net.collect_params(), "adam", {"learning_rate": 0.01})
    for _ in range(2):
        with mx.autograd.record():
            loss = net(x).sum()
        loss.backward()
        tr.step(2)
    net.save_parameters(os.path.join(folder, "net.params"))
    net.collect_params().save(os.path.join(folder, "legacy.params"), strip_prefix="mlp_")
    net.export(os.path.join(folder, "net"), epoch=1)
    tr.save_states(os.path.join(folder, "trainer.states"))
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump(net(x).asnumpy().tolist(), f)


def verify(mx, folder):
    x = mx.nd.array(gluon_scenarios._rand(3, (2, 4)))
    with open(os.path.join(folder, "expected.json")) as f:
        want = np.array(json.load(f))
    for fname in ("net.params", "legacy.params"):
        net = gluon_scenarios._mlp(mx)
        net.load_parameters(os.path.join(folder, fname))
        np.testing.assert_allclose(net(x).asnumpy(), want, rtol=1e-5, atol=1e-6)
    sb = mx.gluon.SymbolBlock.imports(os.path.join(folder, "net-symbol.json"), ["data"],
                                      os.path.join(folder, "net-0001.params"))
    np.testing.assert_allclose(sb(x).asnumpy(), want, rtol=1e-5, atol=1e-6)
    tr = mx.gluon.Trainer(net.collect_params(), "adam", {"learning_rate": 0.5})
    tr.load_states(os.path.join(folder, "trainer.states"))
    assert tr.learning_rate == 0.01 and tr.optimizer._index_update_count[0] == 2
    print("MXNet loaded every file mxcompat wrote: OK")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        import mxnet
        verify(mxnet, sys.argv[1])
    else:
        import mxcompat
        with tempfile.TemporaryDirectory() as tmp:
            write(mxcompat, tmp)
            subprocess.check_call([MXREF, os.path.abspath(__file__), tmp])
