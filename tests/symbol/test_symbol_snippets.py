"""Legacy Symbol / Executor / viz snippets print exactly what real MXNet 1.9.1 printed
(golden: tests/golden/symbol/snippets.json and conformance.json from tools/golden/gen_symbol_snippets.py)."""
import difflib
import json
import os
import warnings

import numpy as np
import pytest

import mxcompat as mx
import snippets

CASES = {}
# snippets.json: printed forms; conformance.json: partial shape inference, integer-argument gradients, backward
# without head gradients, common subexpression elimination (tools/golden/symbol_conformance.py)
for _name in ("snippets.json", "conformance.json"):
    with open(os.path.join(snippets.GOLDEN_DIR, "symbol", _name)) as _f:
        CASES.update(json.load(_f))


# snippets that need another part of mxcompat: skipped until it exists
REQUIRES = {"var_init_object": "init"}


@pytest.fixture(scope="module", autouse=True)
def mxnet_alias():
    """Seed scripts say ``from mxnet import sym``; resolve it to mxcompat while these tests run."""
    mx.enable_mxnet_alias()
    yield
    mx.disable_mxnet_alias()


@pytest.mark.parametrize("sid", sorted(CASES))
def test_snippet_prints_as_mxnet(sid):
    if sid in REQUIRES and not hasattr(mx, REQUIRES[sid]):
        pytest.skip("needs mx.%s" % REQUIRES[sid])
    case = CASES[sid]
    printoptions = np.get_printoptions()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            stdout, error = snippets.run(case["code"])
    finally:
        np.set_printoptions(**printoptions)
    assert error == case["error"], "{}: raised {} where MXNet raised {}\n{}".format(sid, error, case["error"], stdout)
    if stdout != case["stdout"]:
        diff = "\n".join(difflib.unified_diff(case["stdout"].splitlines(), stdout.splitlines(), "mxnet", "mxcompat",
                                              lineterm="", n=1))
        pytest.fail("{} prints differently:\n{}".format(sid, diff[:4000]))
