"""ResNet-18 v1 built with ``mx.sym``, ``simple_bind(grad_req='null')`` + ``forward(is_train=False)``:
mxcompat vs the same network in eager PyTorch vs real MXNet 1.9.1.

Usage: python benchmarks/bench_symbol_resnet.py [--repeat 5] [--batches 32,1]
Set MXREF_PY=/path/to/python-with-mxnet-1.9.1 to include real MXNet (default ~/.venvs/mxref/bin/python when it
exists). Each backend runs in its own process with one thread (torch.set_num_threads(1), OMP_NUM_THREADS=1).
Batch 32 reports images/s, batch 1 the latency in ms; ratios are mxcompat / other (>1 means mxcompat is
faster). Timings are medians over ``--repeat`` timed loops inside each process and over ``--rounds`` rounds that
alternate the backends, so that load from other processes on a shared machine affects all of them alike; the
process CPU time (in parentheses) is less sensitive to that load than the wall time. The
mxcompat run also checks that repeated forwards never re-lower the graph
and that its logits match plain torch within 1e-4.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

WORKER = r'''
import json, os, sys, time
import numpy as np
backend, batches, repeat = sys.argv[1], [int(b) for b in sys.argv[2].split(",")], int(sys.argv[3])


def resnet18_symbol(mx, num_classes=1000):
    def bn(x, name):
        return mx.sym.BatchNorm(x, fix_gamma=False, eps=1e-5, name=name)

    def unit(x, filters, stride, project, name):
        c1 = mx.sym.Convolution(x, num_filter=filters, kernel=(3, 3), stride=stride, pad=(1, 1), no_bias=True,
                                name=name + "_conv1")
        a1 = mx.sym.Activation(bn(c1, name + "_bn1"), act_type="relu")
        c2 = mx.sym.Convolution(a1, num_filter=filters, kernel=(3, 3), pad=(1, 1), no_bias=True, name=name + "_conv2")
        b2 = bn(c2, name + "_bn2")
        sc = x
        if project:
            sc = bn(mx.sym.Convolution(x, num_filter=filters, kernel=(1, 1), stride=stride, no_bias=True,
                                       name=name + "_sc"), name + "_scbn")
        return mx.sym.Activation(b2 + sc, act_type="relu")

    data = mx.sym.Variable("data")
    x = mx.sym.Convolution(data, num_filter=64, kernel=(7, 7), stride=(2, 2), pad=(3, 3), no_bias=True, name="conv0")
    x = mx.sym.Activation(bn(x, "bn0"), act_type="relu")
    x = mx.sym.Pooling(x, kernel=(3, 3), stride=(2, 2), pad=(1, 1), pool_type="max")
    for s, filters in enumerate((64, 128, 256, 512)):
        for u in range(2):
            stride = (2, 2) if (s > 0 and u == 0) else (1, 1)
            x = unit(x, filters, stride, s > 0 and u == 0, "stage%d_unit%d" % (s + 1, u + 1))
    x = mx.sym.Pooling(x, global_pool=True, kernel=(7, 7), pool_type="avg")
    return mx.sym.FullyConnected(mx.sym.Flatten(x), num_hidden=num_classes, name="fc1")


def params_for(shapes):
    rng = np.random.RandomState(0)
    out = {}
    for name, shape in sorted(shapes.items()):
        if name.endswith("_gamma") or name.endswith("moving_var"):
            out[name] = rng.uniform(0.5, 1.5, shape).astype(np.float32)
        elif name.endswith("_beta") or name.endswith("_bias") or name.endswith("moving_mean"):
            out[name] = rng.uniform(-0.1, 0.1, shape).astype(np.float32)
        else:
            out[name] = (rng.standard_normal(shape) * np.sqrt(2.0 / np.prod(shape[1:]))).astype(np.float32)
    return out


def timed(run, repeat, iters):
    """Per-forward (wall, cpu) seconds of ``repeat`` loops of ``iters`` forwards (after one warm-up forward)."""
    out = []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        for _ in range(iters):
            run()
        out.append(((time.perf_counter() - t) / iters, (time.process_time() - c) / iters))
    return out


result = {}
if backend in ("mxcompat", "mxnet"):
    if backend == "mxcompat":
        import torch
        torch.set_num_threads(1)
        import mxcompat as mx
    else:
        import mxnet as mx
    net = resnet18_symbol(mx)
    for b in batches:
        exe = net.simple_bind(mx.cpu(), grad_req="null", data=(b, 3, 224, 224))
        shapes = {k: v.shape for k, v in list(exe.arg_dict.items()) + list(exe.aux_dict.items()) if k != "data"}
        p = params_for(shapes)
        for k, v in p.items():
            (exe.arg_dict.get(k) if k in exe.arg_dict else exe.aux_dict[k])[:] = v
        exe.arg_dict["data"][:] = np.random.RandomState(1).uniform(-1, 1, (b, 3, 224, 224)).astype(np.float32)
        def run():
            exe.forward(is_train=False)[0].wait_to_read()
        run()
        if backend == "mxcompat":
            from mxcompat.symbol import lower as _lower
            calls = []
            orig = _lower.build_graph
            _lower.build_graph = lambda *a, **k: calls.append(1) or orig(*a, **k)
        sec = timed(run, repeat, 3 if b > 1 else 20)
        if backend == "mxcompat":
            result["lowerings_%d" % b] = len(calls)
            _lower.build_graph = orig
        result[str(b)] = sec
        result["logits_%d" % b] = exe.outputs[0].asnumpy()[:2, :5].tolist()
else:
    import torch
    import torch.nn.functional as F
    torch.set_num_threads(1)

    def forward(p, x):
        def bn(x, n):
            return F.batch_norm(x, p[n + "_moving_mean"], p[n + "_moving_var"], p[n + "_gamma"], p[n + "_beta"],
                                False, 0.0, 1e-5)

        def unit(x, stride, project, name):
            y = F.relu(bn(F.conv2d(x, p[name + "_conv1_weight"], stride=stride, padding=1), name + "_bn1"))
            y = bn(F.conv2d(y, p[name + "_conv2_weight"], padding=1), name + "_bn2")
            sc = bn(F.conv2d(x, p[name + "_sc_weight"], stride=stride), name + "_scbn") if project else x
            return F.relu(y + sc)

        x = F.relu(bn(F.conv2d(x, p["conv0_weight"], stride=2, padding=3), "bn0"))
        x = F.max_pool2d(x, 3, 2, 1)
        for s in range(4):
            for u in range(2):
                x = unit(x, 2 if (s > 0 and u == 0) else 1, s > 0 and u == 0, "stage%d_unit%d" % (s + 1, u + 1))
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return F.linear(x, p["fc1_weight"], p["fc1_bias"])

    import mxcompat as mx
    net = resnet18_symbol(mx)
    arg_shapes, _, aux_shapes = net.infer_shape(data=(1, 3, 224, 224))
    shapes = dict(zip(net.list_arguments(), arg_shapes))
    shapes.update(zip(net.list_auxiliary_states(), aux_shapes))
    shapes.pop("data")
    p = {k: torch.from_numpy(v) for k, v in params_for(shapes).items()}
    for b in batches:
        x = torch.from_numpy(np.random.RandomState(1).uniform(-1, 1, (b, 3, 224, 224)).astype(np.float32))
        with torch.no_grad():
            out = forward(p, x)
            forward(p, x)
            result[str(b)] = timed(lambda: forward(p, x), repeat, 3 if b > 1 else 20)
        result["logits_%d" % b] = out[:2, :5].tolist()
print("RESULT " + json.dumps(result))
'''


def run_backend(backend, python, batches, repeat):
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", MXNET_ENGINE_TYPE="NaiveEngine",
               PYTHONPATH=os.path.join(HERE, "..") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([python, "-c", WORKER, backend, batches, str(repeat)], capture_output=True, text=True,
                          env=env, cwd="/tmp")
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    sys.stderr.write("%s failed:\n%s\n" % (backend, proc.stderr[-3000:]))
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--batches", default="32,1")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    mxref = os.environ.get("MXREF_PY", os.path.expanduser("~/.venvs/mxref/bin/python"))
    backends = [("mxcompat", sys.executable), ("torch", sys.executable)]
    if os.path.exists(mxref):
        backends.append(("mxnet", mxref))
    results = {}
    for _ in range(args.rounds):
        for name, python in backends:
            res = run_backend(name, python, args.batches, args.repeat)
            if res is None:
                continue
            best = results.setdefault(name, dict(res, **{b: [] for b in args.batches.split(",")}))
            for b in args.batches.split(","):
                best[b] += res[b]
    for res in results.values():
        for b in args.batches.split(","):
            res[b] = (statistics.median(t[0] for t in res[b]), statistics.median(t[1] for t in res[b]))
    mine = results.get("mxcompat")
    print("ResNet-18 v1 inference (simple_bind grad_req='null', forward(is_train=False)), 1 thread; "
          "medians of %d rounds x %d loops, wall (cpu)" % (args.rounds, args.repeat))
    print("%-6s %22s %22s %22s %14s %14s" % ("batch", "mxcompat", "torch eager", "mxnet", "vs torch", "vs mxnet"))
    for b in args.batches.split(","):
        def fmt(r):
            if r is None:
                return "n/a"
            if int(b) > 1:
                return "%.1f (%.1f) img/s" % (int(b) / r[b][0], int(b) / r[b][1])
            return "%.1f (%.1f) ms" % (r[b][0] * 1e3, r[b][1] * 1e3)

        def ratio(other):
            if not other or not mine:
                return "n/a"
            return "%.2fx (%.2fx)" % (other[b][0] / mine[b][0], other[b][1] / mine[b][1])
        print("%-6s %22s %22s %22s %14s %14s" % (b, fmt(mine), fmt(results.get("torch")),
                                                fmt(results.get("mxnet")), ratio(results.get("torch")),
                                                ratio(results.get("mxnet"))))
        if mine and results.get("torch"):
            import numpy as np
            diff = np.abs(np.array(mine["logits_" + b]) - np.array(results["torch"]["logits_" + b])).max()
            print("       lowerings during timed forwards: %d; max |mxcompat - torch| logits: %.2g"
                  % (mine["lowerings_" + b], diff))


if __name__ == "__main__":
    main()
