"""Write tests/golden/symbol/api_names.json: the public names of MXNet 1.9.1's mx.symbol namespaces.

Run under real MXNet 1.9.1: ``~/.venvs/mxref/bin/python tools/golden/gen_symbol_api_names.py``. A name is
public when it does not start with ``_`` and is not a module; ``tests/symbol/test_symbol_api.py`` checks each
exists in mxcompat.
"""
import json
import os
import types

import mxnet as mx

MODULES = {"symbol": mx.symbol, "symbol.contrib": mx.symbol.contrib, "symbol.linalg": mx.symbol.linalg,
           "symbol.random": mx.symbol.random, "symbol.image": mx.symbol.image}
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "golden", "symbol", "api_names.json")


def main():
    names = {key: sorted(n for n in dir(mod) if not n.startswith("_")
                         and not isinstance(getattr(mod, n), types.ModuleType))
             for key, mod in MODULES.items()}
    with open(OUT, "w") as f:
        json.dump({"mxnet_version": mx.__version__, "modules": names}, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
