"""Run a snippet module (tools/golden/<name>.py with SNIPPETS = [(id, code)]) under real MXNet 1.9.1 and
record each snippet's printed output (or exception type) in tests/golden/<name>.json.

Usage: ~/.venvs/mxref/bin/python tools/golden/gen_snippets.py ndarray_snippets io_snippets ...
The code sees ``mx``, ``nd``, ``np`` and ``autograd``; tests replay it under mxcompat (tests/snippets.py).
"""
import importlib
import json
import os
import sys

import mxnet as mx

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests"))
import snippets  # noqa: E402  (the replay runner, shared so both sides execute snippets identically)


def run(code):
    stdout, error = snippets.run(code, mx)
    return {"code": code, "stdout": stdout, "error": error}


def main(names):
    for name in names:
        snippets = importlib.import_module(name).SNIPPETS
        out = {sid: run(code) for sid, code in snippets}
        path = os.path.join(HERE, "..", "..", "tests", "golden", name + ".json")
        with open(path, "w") as f:
            json.dump(out, f, indent=1, sort_keys=True)
        print("wrote", len(out), "snippets to", path)


if __name__ == "__main__":
    main(sys.argv[1:] or ["ndarray_snippets"])
