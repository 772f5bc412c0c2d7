"""Run tools/golden/kvstore_scenarios.py under real MXNet 1.9.1 -> tests/golden/kvstore.json, and MXNet's
``.states`` files -> tests/golden/kvstore/.

    ~/.venvs/mxref/bin/python tools/golden/gen_kvstore.py
"""
import json
import os
import sys

import mxnet as mx

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "..", "tests", "golden")
sys.path.insert(0, HERE)
import kvstore_scenarios  # noqa: E402


def main():
    states_dir = os.path.join(GOLDEN, "kvstore")
    os.makedirs(states_dir, exist_ok=True)
    out = {fn.__name__: fn(mx, states_dir) for fn in kvstore_scenarios.SCENARIOS}
    with open(os.path.join(GOLDEN, "kvstore.json"), "w") as fout:
        json.dump(out, fout, indent=0, sort_keys=True)


if __name__ == "__main__":
    main()
