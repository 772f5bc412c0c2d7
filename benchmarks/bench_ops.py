"""NN operator workloads through mx.nd: mxcompat vs plain torch vs real MXNet ($MXREF_PY or ~/.venvs/mxref).

Usage: OMP_NUM_THREADS=1 python benchmarks/bench_ops.py [--repeat 5] [--quick]
Each backend runs in its own process with one thread; the table gives medians in milliseconds per call and
the ratios mxcompat/torch and mxcompat/mxnet.
"""
import argparse
import sys

from _harness import mxnet_python, print_table, run_worker

WORKER = r'''
import json, sys, time
backend, repeat, quick = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
import numpy as np
N = 8 if quick else 32
if backend == "torch":
    import torch
    import torch.nn.functional as F
    torch.set_num_threads(1)
    T = lambda shape: torch.rand(*shape)
    x, w, b = T((N, 64, 56, 56)), T((64, 64, 3, 3)), T((64,))
    g, bt, mm, mv = T((64,)), T((64,)), T((64,)), T((64,)) + 1
    fx, fw, fb = T((128, 784)), T((256, 784)), T((256,))
    rx, rp = T((35, N, 128)), None
    lstm = torch.nn.LSTM(128, 256)
    h0 = (T((1, N, 256)), T((1, N, 256)))
    wt, gr, mom = T((1000, 1000)), T((1000, 1000)), torch.zeros(1000, 1000)
    def sgd():
        mom.mul_(0.9).add_(gr + 1e-4 * wt, alpha=-0.1)
        wt.add_(mom)
        return wt
    work = {
        "Convolution 64->64 3x3": lambda: F.conv2d(x, w, b, padding=1),
        "BatchNorm (inference)": lambda: F.batch_norm(x, mm, mv, g, bt, False, 0.1, 1e-3),
        "Pooling max 2x2": lambda: F.max_pool2d(x, 2, 2),
        "FullyConnected 784->256": lambda: F.linear(fx, fw, fb),
        "RNN lstm 35x128->256": lambda: lstm(rx, h0)[0],
        "sgd_mom_update 1M": sgd,
    }
    sync = lambda r: None
else:
    if backend == "mxcompat":
        import mxcompat as mx
        import torch
        torch.set_num_threads(1)
    else:
        import mxnet as mx
    nd = mx.nd
    T = lambda shape: nd.random.uniform(shape=shape)
    x, w, b = T((N, 64, 56, 56)), T((64, 64, 3, 3)), T((64,))
    g, bt, mm, mv = T((64,)), T((64,)), T((64,)), T((64,)) + 1
    fx, fw, fb = T((128, 784)), T((256, 784)), T((256,))
    rx = T((35, N, 128))
    nparam = 4 * 256 * (128 + 256) + 2 * 4 * 256
    rp = T((nparam,))
    h, c = T((1, N, 256)), T((1, N, 256))
    wt, gr, mom = T((1000, 1000)), T((1000, 1000)), nd.zeros((1000, 1000))
    work = {
        "Convolution 64->64 3x3": lambda: nd.Convolution(x, w, b, kernel=(3, 3), pad=(1, 1), num_filter=64),
        "BatchNorm (inference)": lambda: nd.BatchNorm(x, g, bt, mm, mv, fix_gamma=False),
        "Pooling max 2x2": lambda: nd.Pooling(x, kernel=(2, 2), stride=(2, 2), pool_type="max"),
        "FullyConnected 784->256": lambda: nd.FullyConnected(fx, fw, fb, num_hidden=256),
        "RNN lstm 35x128->256": lambda: nd.RNN(rx, rp, h, c, state_size=256, num_layers=1, mode="lstm"),
        "sgd_mom_update 1M": lambda: nd.sgd_mom_update(wt, gr, mom, lr=0.1, momentum=0.9, wd=1e-4, out=wt),
    }
    sync = lambda r: (r[0] if isinstance(r, (list, tuple)) else r).wait_to_read()

def bench(fn):
    iters = 3 if quick else 10
    fn(); fn()
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(iters):
            r = fn()
        sync(r)
        out.append((time.perf_counter() - t) / iters * 1e3)
    out.sort()
    return out[len(out) // 2]

print(json.dumps({k: bench(f) for k, f in work.items()}))
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="smaller batches, fewer iterations")
    args = ap.parse_args()
    quick = "1" if args.quick else "0"
    results = {b: run_worker(sys.executable, WORKER, b, args.repeat, quick) for b in ("torch", "mxcompat")}
    if mxnet_python():
        results["mxnet"] = run_worker(mxnet_python(), WORKER, "mxnet", args.repeat, quick)
    print_table(results, "workload (ms/call, median)", "{:.3f}")


if __name__ == "__main__":
    main()
