"""Shared by the gluon golden tests: load tests/golden/gluon/<name>.json and compare records (floats loosely)."""
import json
import os
import sys

import pytest

import mxcompat as mx
from golden_compare import same  # noqa: F401  (re-exported for the gluon tests)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
GOLDEN = os.path.join(ROOT, "tests", "golden", "gluon")
sys.path.insert(0, os.path.join(ROOT, "tools", "golden"))


def expected(name):
    with open(os.path.join(GOLDEN, name + ".json")) as fin:
        return json.load(fin)


@pytest.fixture(autouse=True)
def fresh_names():
    """Run each test under its own NameManager, so the automatic names (``dropout0``) that later test files
    expect are not consumed here."""
    with mx.name.NameManager():
        yield
