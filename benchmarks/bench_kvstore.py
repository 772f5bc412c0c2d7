"""``mx.kv`` 'local' store: pushpull of per-device gradients (summed, optionally updated by SGD on the store,
copied back to every device) -- mxcompat vs real MXNet 1.9.1 vs the same work written in plain PyTorch.

Workloads: 8 keys, 2 "devices" (CPU contexts), values of 64x1024 floats ("large") or of 16 floats ("small":
per-call overhead); ``pushpull`` of all keys at once, with no optimizer (sum and copy out) and with SGD
(momentum 0.9, wd 1e-4) running on the store. Figures: median microseconds per ``pushpull`` call over
``--rounds`` rounds that alternate the backends, each a best-of-5 mean over ``--reps`` calls; one thread each.

Usage: python benchmarks/bench_kvstore.py [--reps 200] [--rounds 3]
"""
import argparse
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _harness import mxnet_python, print_table, run_worker  # noqa: E402

WORKER = r'''
import json, sys, time
import numpy as np
backend, reps = sys.argv[1], int(sys.argv[2])
KEYS = 8
SHAPES = {"large": (64, 1024), "small": (16,)}


def bench(fn):
    fn()
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(reps):
            fn()
        best = min(best, (time.perf_counter() - t0) / reps)
    return best * 1e6


def run_mx(mx):
    out = {}
    for size, shape in SHAPES.items():
        for with_opt in (False, True):
            kv = mx.kv.create("local")
            keys = list(range(KEYS))
            kv.init(keys, [mx.nd.zeros(shape) for _ in keys])
            if with_opt:
                kv.set_optimizer(mx.optimizer.SGD(learning_rate=0.01, momentum=0.9, wd=1e-4))
            grads = [[mx.nd.ones(shape, ctx=mx.cpu(d)) for d in range(2)] for _ in keys]
            weights = [[mx.nd.zeros(shape, ctx=mx.cpu(d)) for d in range(2)] for _ in keys]

            def step():
                kv.pushpull(keys, grads, out=weights)
                weights[-1][-1].wait_to_read()
            out["%s %s" % (size, "sgd" if with_opt else "sum")] = bench(step)
    return out


def run_torch():
    import torch
    torch.set_num_threads(1)
    out = {}
    for size, shape in SHAPES.items():
        for with_opt in (False, True):
            master = [torch.zeros(shape) for _ in range(KEYS)]
            bufs = [torch.empty(shape) for _ in range(KEYS)]
            moms = [torch.zeros(shape) for _ in range(KEYS)]
            grads = [[torch.ones(shape) for _ in range(2)] for _ in range(KEYS)]
            weights = [[torch.zeros(shape) for _ in range(2)] for _ in range(KEYS)]

            @torch.no_grad()
            def step():
                for k in range(KEYS):
                    buf = bufs[k]
                    buf.copy_(grads[k][0]).add_(grads[k][1])
                    if with_opt:
                        moms[k].mul_(0.9).add_(buf.add(master[k], alpha=1e-4), alpha=-0.01)
                        master[k].add_(moms[k])
                    else:
                        master[k] = buf
                    for w in weights[k]:
                        w.copy_(master[k])
            out["%s %s" % (size, "sgd" if with_opt else "sum")] = bench(step)
    return out


if backend == "torch":
    res = run_torch()
elif backend == "mxcompat":
    import torch
    torch.set_num_threads(1)
    res = run_mx(__import__("mxcompat"))
else:
    res = run_mx(__import__("mxnet"))
print(json.dumps(res))
'''


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    backends = {"mxcompat": sys.executable, "torch": sys.executable}
    ref = mxnet_python()
    if ref:
        backends["mxnet"] = ref
    runs = {name: [] for name in backends}
    for _ in range(args.rounds):
        for name, python in backends.items():
            runs[name].append(run_worker(python, WORKER, name, args.reps))
    results = {name: {key: statistics.median(r[key] for r in rs) for key in rs[0]} for name, rs in runs.items()}
    print_table(results, "pushpull (us/call)", fmt="{:.1f}")


if __name__ == "__main__":
    main()
