"""Shared by the gluon golden tests: load tests/golden/gluon/<name>.json and compare records (floats loosely)."""
import json
import os
import sys

import numpy as np
import pytest

import mxcompat as mx

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
GOLDEN = os.path.join(ROOT, "tests", "golden", "gluon")
sys.path.insert(0, os.path.join(ROOT, "tools", "golden"))


def expected(name):
    with open(os.path.join(GOLDEN, name + ".json")) as fin:
        return json.load(fin)


def same(got, want, where, rtol=1e-4, atol=1e-5):
    """Assert the JSON-able ``got`` equals ``want`` (floats within tolerance, tuples as lists)."""
    got = json.loads(json.dumps(got))
    _same(got, want, where, rtol, atol)


def _same(got, want, where, rtol, atol):
    if isinstance(want, dict):
        assert isinstance(got, dict) and sorted(got) == sorted(want), (where, sorted(got), sorted(want))
        for key in want:
            _same(got[key], want[key], "%s.%s" % (where, key), rtol, atol)
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), (where, got, want)
        if want and all(isinstance(w, (int, float)) and not isinstance(w, bool) for w in want) and \
                any(isinstance(w, float) for w in want):
            np.testing.assert_allclose(np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64),
                                       rtol=rtol, atol=atol, err_msg=where)
            return
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, "%s[%d]" % (where, i), rtol, atol)
    elif isinstance(want, float):
        assert isinstance(got, (int, float)) and not isinstance(got, bool), (where, got, want)
        np.testing.assert_allclose(got, want, rtol=rtol, atol=atol, err_msg=where)
    else:
        assert got == want, (where, got, want)


@pytest.fixture(autouse=True)
def fresh_names():
    """Run each test under its own NameManager, so the automatic names (``dropout0``) that later test files
    expect are not consumed here."""
    with mx.name.NameManager():
        yield
