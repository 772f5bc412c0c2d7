"""gluon.rnn and model_zoo inference: median milliseconds per forward, mxcompat (hybridized) vs real MXNet 1.9.1
(hybridized) vs plain PyTorch doing the same work, one thread each.

Workloads: ``lstm``: rnn.LSTM(200, 2 layers) on (T=35, N=32, C=200), TNC; ``lstm_train``: the same with
autograd forward+backward; ``resnet18``: model_zoo resnet18_v1 (classes=10) on (8, 3, 64, 64), inference.

Usage: python benchmarks/bench_gluon_rnn_zoo.py [--rounds 3] [--steps 20]   (MXREF_PY: MXNet 1.9.1's python)
"""
import argparse
import statistics
import sys

from _harness import mxnet_python, run_worker, print_table

WORKER = r'''
import sys, time, json
import numpy as np
backend, steps = sys.argv[1], int(sys.argv[2])
rng = np.random.RandomState(0)
X = rng.rand(35, 32, 200).astype("float32"); IMG = rng.rand(8, 3, 64, 64).astype("float32")
res = {}
def timeit(fn):
    for _ in range(3):
        fn()
    t = time.perf_counter()
    for _ in range(steps):
        fn()
    return (time.perf_counter() - t) / steps * 1000
if backend == "torch":
    import torch
    torch.set_num_threads(1)
    lstm = torch.nn.LSTM(200, 200, 2)
    x = torch.from_numpy(X)
    with torch.no_grad():
        res["lstm"] = timeit(lambda: lstm(x))
    def train():
        xx = x.clone().requires_grad_(); out, _ = lstm(xx); out.sum().backward()
    res["lstm_train"] = timeit(train)
    res["resnet18"] = float("nan")  # no torchvision here
else:
    if backend == "mxcompat":
        import torch; torch.set_num_threads(1)
        import mxcompat as mx
    else:
        import mxnet as mx
    lstm = mx.gluon.rnn.LSTM(200, 2, input_size=200)
    lstm.initialize(); lstm.hybridize()
    x = mx.nd.array(X)
    res["lstm"] = timeit(lambda: lstm(x).wait_to_read())
    x.attach_grad()
    def train():
        with mx.autograd.record():
            out = lstm(x)
        out.backward(); x.grad.wait_to_read()
    res["lstm_train"] = timeit(train)
    net = mx.gluon.model_zoo.vision.resnet18_v1(classes=10)
    net.initialize(); net.hybridize()
    img = mx.nd.array(IMG)
    res["resnet18"] = timeit(lambda: net(img).wait_to_read())
print(json.dumps(res))
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--steps", type=int, default=20)
    args = ap.parse_args()
    backends = [("mxcompat", sys.executable), ("torch", sys.executable)]
    ref = mxnet_python()
    if ref:
        backends.append(("mxnet", ref))
    runs = {b: [] for b, _ in backends}
    for _ in range(args.rounds):
        for name, py in backends:
            runs[name].append(run_worker(py, WORKER, name, args.steps))
    results = {b: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for b, rs in runs.items()}
    print_table(results, "ms per forward")


if __name__ == "__main__":
    main()
