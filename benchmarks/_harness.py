"""Shared plumbing for the benchmarks: run a worker script in its own one-thread process and print a ratio
table. Workers print one JSON object (workload -> figure) as their last line."""
import json
import os
import subprocess


def mxnet_python():
    """The python that has real MXNet 1.9.1: $MXREF_PY, else ~/.venvs/mxref/bin/python when it exists."""
    ref = os.environ.get("MXREF_PY") or os.path.expanduser("~/.venvs/mxref/bin/python")
    return ref if os.path.exists(ref) else None


def run_worker(python, worker, *args):
    """Run ``worker`` (source text) with ``args`` under ``python``, one OpenMP/MKL thread; return its JSON."""
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    out = subprocess.run([python, "-c", worker] + [str(a) for a in args], capture_output=True, text=True, env=env)
    if out.returncode:
        raise SystemExit("{} {} failed:\n{}".format(python, " ".join(map(str, args)), out.stderr[-2000:]))
    return json.loads(out.stdout.strip().splitlines()[-1])


def print_table(results, title, fmt="{:.3f}", width=12):
    """``results``: backend -> {workload: time}. Prints times and the ratios mxcompat/torch and mxcompat/mxnet
    (>1: mxcompat slower), one row per workload of the first backend."""
    cols = list(results)
    ratios = [c for c in ("torch", "mxnet") if c in results]
    name_w = max([len(title)] + [len(k) for k in next(iter(results.values()))]) + 2
    print(title.ljust(name_w) + "".join(c.rjust(width) for c in cols)
          + "".join(("mxc/" + c).rjust(width) for c in ratios))
    for key in next(iter(results.values())):
        row = key.ljust(name_w) + "".join(fmt.format(results[c][key]).rjust(width) for c in cols)
        row += "".join("{:.2f}".format(results["mxcompat"][key] / results[c][key]).rjust(width) for c in ratios)
        print(row)
