"""Replay tools/golden/metric_scenarios.py under real MXNet 1.9.1 -> tests/golden/metric.json."""
import json
import os
import sys

import numpy as np
import mxnet as mx

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from metric_scenarios import SCENARIOS  # noqa: E402


def _arr(spec):
    return mx.nd.array(np.array(spec[0], dtype=spec[1]), dtype=spec[1])


def _plain(x):
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    if isinstance(x, (np.floating, np.integer)):
        return x.item()
    return x


def main():
    out = {}
    for sid, name, kwargs, steps in SCENARIOS:
        metric = mx.metric.create(name, **kwargs)
        record = {"config": _plain(metric.get_config()) if not callable(name) else None, "steps": []}
        for step in steps:
            try:
                if step[0] == "update":
                    metric.update([_arr(a) for a in step[1]], [_arr(a) for a in step[2]])
                else:
                    getattr(metric, step[0])()
            except Exception as err:  # pylint: disable=broad-except
                record["steps"].append({"error": [type(err).__name__, str(err)]})
                continue
            record["steps"].append({"get": _plain(list(metric.get())), "get_global": _plain(list(metric.get_global())),
                                    "str": str(metric), "num_inst": _plain(getattr(metric, "num_inst", None))})
        out[sid] = record
    with open(os.path.join(HERE, "..", "..", "tests", "golden", "metric.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True, allow_nan=True)
    print("wrote", len(out))


if __name__ == "__main__":
    main()
