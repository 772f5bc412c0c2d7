"""Run tools/golden/gluon_scenarios.py under real MXNet 1.9.1 -> tests/golden/gluon/scenarios.json, plus the
files MXNet writes (save_parameters, ParameterDict.save, export, Trainer.save_states) -> tests/golden/gluon/.

    ~/.venvs/mxref/bin/python tools/golden/gen_gluon.py
"""
import json
import os
import sys

import mxnet as mx

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "..", "tests", "golden", "gluon")
sys.path.insert(0, HERE)
import gluon_scenarios  # noqa: E402


def main():
    os.makedirs(GOLDEN, exist_ok=True)
    out = {fn.__name__: fn(mx, GOLDEN, None) for fn in gluon_scenarios.SCENARIOS}
    with open(os.path.join(GOLDEN, "scenarios.json"), "w") as fout:
        json.dump(out, fout, indent=0, sort_keys=True)


if __name__ == "__main__":
    main()
