"""Gluon training step (forward, SoftmaxCrossEntropyLoss, backward, Trainer.step) per batch: mxcompat
imperative and hybridized vs real MXNet 1.9.1 (hybridized) vs a plain PyTorch loop doing the same work.

Workload: MLP 784-256-128-10, batch 64, SGD momentum 0.9. One thread per process (OMP_NUM_THREADS=1,
torch.set_num_threads(1)); rounds alternate the backends; the table shows median milliseconds per step and the
ratios other / mxcompat-hybridized (>1: mxcompat faster).

Usage: python benchmarks/bench_gluon.py [--rounds 3] [--steps 200]   (MXREF_PY: a python with MXNet 1.9.1)
"""
import argparse
import os
import statistics
import subprocess
import sys

WORKER = r'''
import sys, time
import numpy as np
backend, steps = sys.argv[1], int(sys.argv[2])
rng = np.random.RandomState(0)
X = rng.rand(64, 784).astype("float32"); Y = rng.randint(0, 10, 64).astype("float32")
if backend == "torch":
    import torch
    torch.set_num_threads(1)
    net = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128),
                              torch.nn.ReLU(), torch.nn.Linear(128, 10))
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    x, y = torch.from_numpy(X), torch.from_numpy(Y).long()
    def step():
        opt.zero_grad(); loss = torch.nn.functional.cross_entropy(net(x), y, reduction="none")
        loss.backward(gradient=torch.ones_like(loss)); [p.grad.div_(64) for p in net.parameters()]; opt.step()
else:
    if backend.startswith("mxcompat"):
        import torch; torch.set_num_threads(1)
        import mxcompat as mx
    else:
        import mxnet as mx
    from_gluon = mx.gluon
    net = from_gluon.nn.HybridSequential()
    net.add(from_gluon.nn.Dense(256, activation="relu"), from_gluon.nn.Dense(128, activation="relu"),
            from_gluon.nn.Dense(10))
    net.initialize(mx.init.Xavier())
    if not backend.endswith("imperative"):
        net.hybridize()
    loss_fn = from_gluon.loss.SoftmaxCrossEntropyLoss()
    tr = from_gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": 0.01, "momentum": 0.9})
    x, y = mx.nd.array(X), mx.nd.array(Y)
    def step():
        with mx.autograd.record():
            loss = loss_fn(net(x), y)
        loss.backward(); tr.step(64); loss.wait_to_read()
for _ in range(20):
    step()
t = time.perf_counter()
for _ in range(steps):
    step()
print((time.perf_counter() - t) / steps * 1000)
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--steps", type=int, default=200)
    args = ap.parse_args()
    mxref = os.environ.get("MXREF_PY", os.path.expanduser("~/.venvs/mxref/bin/python"))
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    backends = [("mxcompat-hybridized", sys.executable), ("mxcompat-imperative", sys.executable),
                ("torch", sys.executable)]
    if os.path.exists(mxref):
        backends.append(("mxnet", mxref))
    times = {b: [] for b, _ in backends}
    for _ in range(args.rounds):
        for name, py in backends:
            out = subprocess.run([py, "-c", WORKER, name, str(args.steps)], env=env, capture_output=True, text=True)
            if out.returncode:
                raise SystemExit(out.stderr)
            times[name].append(float(out.stdout.strip().splitlines()[-1]))
    base = statistics.median(times["mxcompat-hybridized"])
    print("%-22s %10s %12s" % ("backend", "ms/step", "ratio"))
    for name, _ in backends:
        med = statistics.median(times[name])
        print("%-22s %10.3f %12.2f" % (name, med, med / base))


if __name__ == "__main__":
    main()
