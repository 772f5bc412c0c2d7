"""Run tools/golden/symbol_snippets.py (or symbol_conformance.py) under real MXNet 1.9.1 and write
tests/golden/symbol/snippets.json (or conformance.json).

Usage: ~/.venvs/mxref/bin/python tools/golden/gen_symbol_snippets.py [snippets|conformance]
Each snippet starts with a fresh NameManager (so automatic names start at 0, as in a new process); the
stored code includes that line, so tests replay it unchanged through tests/snippets.py.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import importlib  # noqa: E402

from gen_snippets import run  # noqa: E402

PRELUDE = "mx.name.NameManager._current.value = mx.name.NameManager()\n"


def main(kind="snippets"):
    snippets = importlib.import_module("symbol_" + kind).SNIPPETS
    out = {sid: run(PRELUDE + code.lstrip("\n")) for sid, code in snippets}
    path = os.path.join(HERE, "..", "..", "tests", "golden", "symbol", kind + ".json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
    errors = {k: v["error"] for k, v in out.items() if v["error"]}
    print("wrote", len(out), "snippets to", path, "; snippets raising:", errors)


if __name__ == "__main__":
    main(*sys.argv[1:])
