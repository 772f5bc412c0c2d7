"""``mx.io.NDArrayIter`` throughput: mxcompat vs real MXNet 1.9.1 vs plain-PyTorch slicing.

Workload: 100,000 x 100 float32 samples with float32 labels, batch 256, ``last_batch_handle='pad'``, one epoch
after another (``reset()`` between epochs), sequential and ``shuffle=True``. Each batch's data and label are
waited for (``wait_to_read()``: MXNet's engine is asynchronous). The plain-torch loop slices ``X[i:i+256]``
sequentially and gathers ``X[perm[i:i+256]]`` with one permutation per epoch when shuffled.

Usage: python benchmarks/bench_io.py [--epochs 5] [--rounds 3]
MXREF_PY names a python with MXNet 1.9.1 (default ~/.venvs/mxref/bin/python when it exists). Each backend runs
in its own process with one thread (``OMP_NUM_THREADS=1``, ``torch.set_num_threads(1)``); rounds alternate the
backends. Figures are batches per second, the median epoch over all rounds; ratios are mxcompat / other
(>1: mxcompat faster).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

WORKER = r'''
import json, sys, time
import numpy as np
backend, mode, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3])
N, D, BATCH = 100000, 100, 256
rng = np.random.RandomState(0)
X = rng.uniform(0, 1, size=(N, D)).astype(np.float32)
Y = rng.randint(0, 10, size=N).astype(np.float32)
shuffle = mode == "shuffled"
times = []
if backend == "torch":
    import torch
    torch.set_num_threads(1)
    tx, ty = torch.from_numpy(X), torch.from_numpy(Y)
    nb = 0
    for ep in range(epochs + 1):
        t0 = time.perf_counter()
        perm = torch.randperm(N) if shuffle else None
        nb = 0
        for i in range(0, N, BATCH):
            if shuffle:
                p = perm[i:i + BATCH]
                bx, by = tx.index_select(0, p), ty.index_select(0, p)
            else:
                bx, by = tx[i:i + BATCH], ty[i:i + BATCH]
            nb += 1
        times.append(time.perf_counter() - t0)
else:
    if backend == "mxcompat":
        import torch
        torch.set_num_threads(1)
        import mxcompat as mx
    else:
        import mxnet as mx
    it = mx.io.NDArrayIter(X, Y, BATCH, shuffle=shuffle, last_batch_handle="pad")
    for ep in range(epochs + 1):
        t0 = time.perf_counter()
        nb = 0
        for b in it:
            b.data[0].wait_to_read()
            b.label[0].wait_to_read()
            nb += 1
        it.reset()
        times.append(time.perf_counter() - t0)
print(json.dumps({"batches": nb, "times": times[1:]}))
'''


def run(py, backend, mode, epochs):
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    out = subprocess.run([py, "-c", WORKER, backend, mode, str(epochs)], env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError("%s %s failed:\n%s" % (backend, mode, out.stderr[-2000:]))
    res = json.loads(out.stdout.strip().splitlines()[-1])
    return [res["batches"] / t for t in res["times"]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    ref = os.environ.get("MXREF_PY", os.path.expanduser("~/.venvs/mxref/bin/python"))
    backends = [("mxcompat", sys.executable), ("torch", sys.executable)]
    if os.path.exists(ref):
        backends.append(("mxnet", ref))
    for mode in ("sequential", "shuffled"):
        rates = {b: [] for b, _ in backends}
        for _ in range(args.rounds):
            for name, py in backends:
                rates[name] += run(py, name, mode, args.epochs)
        med = {b: statistics.median(v) for b, v in rates.items()}
        line = "%-10s " % mode + "  ".join("%s %9.0f batches/s" % (b, med[b]) for b in med)
        ratios = "  ".join("mxcompat/%s %.2f" % (b, med["mxcompat"] / med[b]) for b in med if b != "mxcompat")
        print(line + "  |  " + ratios)


if __name__ == "__main__":
    main()
