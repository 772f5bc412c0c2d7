"""Run the gluon.rnn / model_zoo / data.vision scenarios under real MXNet 1.9.1 ->
tests/golden/gluon/<name>.json, plus the files MXNet writes there (parameters saved by MXNet).

    ~/.venvs/mxref/bin/python tools/golden/gen_gluon_extra.py [rnn|model_zoo|vision ...]
"""
import importlib
import json
import os
import sys

import mxnet as mx

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "..", "tests", "golden", "gluon")
sys.path.insert(0, HERE)
MODULES = {"rnn": "gluon_rnn_scenarios", "model_zoo": "gluon_zoo_scenarios", "vision": "gluon_vision_scenarios"}


def main(names):
    os.makedirs(GOLDEN, exist_ok=True)
    for name in names or sorted(MODULES):
        module = importlib.import_module(MODULES[name])
        out = {fn.__name__: fn(mx, GOLDEN, None) for fn in module.SCENARIOS}
        with open(os.path.join(GOLDEN, name + ".json"), "w") as fout:
            json.dump(out, fout, indent=0, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
