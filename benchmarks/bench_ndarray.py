"""NDArray dispatch overhead and large-array throughput: mxcompat vs plain torch vs real MXNet.

Usage: OMP_NUM_THREADS=1 python benchmarks/bench_ndarray.py [--repeat 5]
Real MXNet is included from $MXREF_PY (default ~/.venvs/mxref/bin/python when it exists). Each backend runs in
its own process with one thread; the table gives the median over repeats in microseconds per op and the ratios.
"""
import argparse
import sys

from _harness import mxnet_python, print_table, run_worker

WORKER = r'''
import json, sys, time, os
backend, n, repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
import numpy as np
if backend == "torch":
    import torch
    torch.set_num_threads(1)
    small = lambda shape: torch.ones(shape)
    add = lambda a, b: a + b
    mul2 = lambda a: a * 2
    dot = lambda a, b: torch.mm(a, b)
    sync = lambda x: None
    relu = torch.relu
    sum_ = lambda a: a.sum()
else:
    if backend == "mxcompat":
        import mxcompat as mx
        import torch
        torch.set_num_threads(1)
    else:
        import mxnet as mx
    nd = mx.nd
    small = lambda shape: nd.ones(shape)
    add = lambda a, b: a + b
    mul2 = lambda a: a * 2
    dot = nd.dot
    sync = lambda x: x.wait_to_read()
    relu = nd.relu
    sum_ = lambda a: a.sum()

def bench(fn, iters):
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(iters):
            r = fn()
        sync(r)
        out.append((time.perf_counter() - t) / iters * 1e6)
    out.sort()
    return out[len(out) // 2]

a10, b10 = small((10,)), small((10,))
m4 = small((4, 4))
big_a, big_b = small((1000, 1000)), small((1000, 1000))
res = {
    "c = a + b (10 elems)": bench(lambda: add(a10, b10), n),
    "c = a * 2 (10 elems)": bench(lambda: mul2(a10), n),
    "nd.dot 4x4": bench(lambda: dot(m4, m4), n),
    "nd.relu (10 elems)": bench(lambda: relu(a10), n),
    "a.sum() (10 elems)": bench(lambda: sum_(a10), n),
    "c = a + b (1000x1000)": bench(lambda: add(big_a, big_b), 50),
    "nd.dot 1000x1000": bench(lambda: dot(big_a, big_b), 5),
}
print(json.dumps(res))
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iters", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    results = {b: run_worker(sys.executable, WORKER, b, args.iters, args.repeat) for b in ("torch", "mxcompat")}
    if mxnet_python():
        results["mxnet"] = run_worker(mxnet_python(), WORKER, "mxnet", args.iters, args.repeat)
    print_table(results, "workload (us/op, median)", "{:.2f}")


if __name__ == "__main__":
    main()
