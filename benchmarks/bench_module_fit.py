"""``Module.fit`` training throughput: mxcompat vs real MXNet 1.9.1 vs a hand-written plain-PyTorch loop.

Workloads (synthetic data, no downloads): an MLP 784-256-128-10 and a LeNet-style conv net (conv 20 5x5, max
pool, conv 50 5x5, max pool, FC 500, FC 10) on 1x28x28 inputs, batch 128, SGD with momentum 0.9 and weight
decay, ``eval_metric='acc'`` (so each batch's accuracy is read on the host, as MXNet's metric does). The torch
loop does the same work: forward, cross-entropy, backward, ``torch.optim.SGD`` step, accuracy via ``.item()``.

Usage: python benchmarks/bench_module_fit.py [--epochs 3] [--rounds 3] [--models mlp,lenet]
Set MXREF_PY to a python with MXNet 1.9.1 (default ~/.venvs/mxref/bin/python when it exists). Every backend runs
in its own process with one thread (``torch.set_num_threads(1)``, ``OMP_NUM_THREADS=1``). Two figures per backend:
samples per second of wall-clock time and per second of the process's CPU time (all its threads; steadier on a
busy shared machine), each from a process's best epoch (between consecutive epoch ends, so MXNet's per-epoch
parameter sync is included); the table shows the median over ``--rounds`` rounds that alternate the backends.
Ratios are mxcompat / other (>1: mxcompat faster).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

WORKER = r'''
import json, logging, sys, time
import numpy as np
backend, model, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3])
BATCH, N = 128, 128 * (40 if model == "mlp" else 12)
rng = np.random.RandomState(0)
shape = (N, 784) if model == "mlp" else (N, 1, 28, 28)
X = rng.uniform(0, 1, size=shape).astype(np.float32)
Y = rng.randint(0, 10, size=N).astype(np.float32)


def symbol(mx):
    data = mx.sym.Variable("data")
    if model == "mlp":
        h = mx.sym.Activation(mx.sym.FullyConnected(data, num_hidden=256, name="fc1"), act_type="relu")
        h = mx.sym.Activation(mx.sym.FullyConnected(h, num_hidden=128, name="fc2"), act_type="relu")
        return mx.sym.SoftmaxOutput(mx.sym.FullyConnected(h, num_hidden=10, name="fc3"), name="softmax")
    h = mx.sym.Convolution(data, kernel=(5, 5), num_filter=20, name="conv1")
    h = mx.sym.Pooling(mx.sym.Activation(h, act_type="tanh"), pool_type="max", kernel=(2, 2), stride=(2, 2))
    h = mx.sym.Convolution(h, kernel=(5, 5), num_filter=50, name="conv2")
    h = mx.sym.Pooling(mx.sym.Activation(h, act_type="tanh"), pool_type="max", kernel=(2, 2), stride=(2, 2))
    h = mx.sym.Activation(mx.sym.FullyConnected(mx.sym.Flatten(h), num_hidden=500, name="fc1"), act_type="tanh")
    return mx.sym.SoftmaxOutput(mx.sym.FullyConnected(h, num_hidden=10, name="fc2"), name="softmax")


def run_module(mx):
    marks = []
    it = mx.io.NDArrayIter(X, Y, BATCH)
    mod = mx.mod.Module(symbol(mx))
    mod.fit(it, num_epoch=epochs + 1, optimizer="sgd", eval_metric="acc", initializer=mx.init.Xavier(),
            optimizer_params={"learning_rate": 0.05, "momentum": 0.9, "wd": 1e-4},
            epoch_end_callback=lambda *args: marks.append((time.perf_counter(), time.process_time())))
    return best_epoch(marks)


def best_epoch(marks):
    """Best (wall, cpu) seconds between consecutive epoch ends (the first epoch is warm-up)."""
    wall = min(b[0] - a[0] for a, b in zip(marks, marks[1:]))
    cpu = min(b[1] - a[1] for a, b in zip(marks, marks[1:]))
    return wall, cpu


def run_torch():
    import torch
    import torch.nn as nn
    torch.set_num_threads(1)
    if model == "mlp":
        net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    else:
        net = nn.Sequential(nn.Conv2d(1, 20, 5), nn.Tanh(), nn.MaxPool2d(2, 2), nn.Conv2d(20, 50, 5), nn.Tanh(),
                            nn.MaxPool2d(2, 2), nn.Flatten(), nn.Linear(800, 500), nn.Tanh(), nn.Linear(500, 10))
    opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9, weight_decay=1e-4)
    x, y = torch.from_numpy(X), torch.from_numpy(Y).long()
    marks = [(time.perf_counter(), time.process_time())]
    for _ in range(epochs + 1):
        correct = 0
        for start in range(0, N, BATCH):
            xb, yb = x[start:start + BATCH], y[start:start + BATCH]
            out = net(xb)
            loss = nn.functional.cross_entropy(out, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            correct += (out.argmax(1) == yb).sum().item()
        marks.append((time.perf_counter(), time.process_time()))
    return best_epoch(marks[1:])


if backend == "torch":
    wall, cpu = run_torch()
elif backend == "mxnet":
    import mxnet as mx
    wall, cpu = run_module(mx)
else:
    import torch
    torch.set_num_threads(1)
    import mxcompat as mx
    wall, cpu = run_module(mx)
print(json.dumps({"wall": N / wall, "cpu": N / cpu}))
'''


def run_worker(python, backend, model, epochs):
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    env["PYTHONPATH"] = os.path.dirname(HERE) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run([python, "-c", WORKER, backend, model, str(epochs)], capture_output=True, text=True,
                          env=env)
    if proc.returncode != 0:
        raise RuntimeError("%s worker failed:\n%s" % (backend, proc.stderr[-3000:]))
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--models", default="mlp,lenet")
    args = parser.parse_args()
    ref = os.environ.get("MXREF_PY") or os.path.expanduser("~/.venvs/mxref/bin/python")
    backends = [("mxcompat", sys.executable), ("torch", sys.executable)]
    if os.path.exists(ref):
        backends.append(("mxnet", ref))
    print("%-6s %-5s %12s %12s %12s %10s %10s" % ("model", "clock", "mxcompat/s", "torch/s", "mxnet/s", "vs torch",
                                                   "vs mxnet"))
    for model in args.models.split(","):
        runs = {}
        for _ in range(args.rounds):
            for name, python in backends:
                got = run_worker(python, name, model, args.epochs)
                for clock in ("wall", "cpu"):
                    runs.setdefault((name, clock), []).append(got[clock])
        median = {key: statistics.median(values) for key, values in runs.items()}
        for clock in ("wall", "cpu"):
            ours, torch_s, mxnet = median["mxcompat", clock], median["torch", clock], median.get(("mxnet", clock))
            print("%-6s %-5s %12.0f %12.0f %12s %10.2f %10s" % (
                model, clock, ours, torch_s, "%.0f" % mxnet if mxnet else "n/a", ours / torch_s,
                "%.2f" % (ours / mxnet) if mxnet else "n/a"))


if __name__ == "__main__":
    main()
