"""Replay golden snippets (tests/golden/<name>.json, written by tools/golden/gen_snippets.py under real
MXNet) under mxcompat and compare what they print. ``run`` is shared with that generator, which passes real
MXNet as ``mx_module`` (so this module must not import mxcompat at import time)."""
import contextlib
import io
import json
import os

import numpy as np

GOLDEN_DIR = os.path.join(os.path.dirname(__file__), "golden")


def load(name):
    with open(os.path.join(GOLDEN_DIR, name + ".json")) as f:
        return json.load(f)


def run(code, mx_module=None):
    """Run ``code`` with ``mx``, ``nd``, ``np`` and ``autograd`` in scope (``mx`` is mxcompat unless
    ``mx_module`` is given); returns (stdout, exception type name or None)."""
    if mx_module is None:
        import mxcompat as mx_module
    # a fresh NameManager, so automatic names (``dropout0``) start at 0 as in a new process, whatever ran before
    mx_module.name.NameManager._current.value = mx_module.name.NameManager()
    buf = io.StringIO()
    env = {"mx": mx_module, "nd": mx_module.nd, "np": np, "autograd": mx_module.autograd}
    error = None
    with contextlib.redirect_stdout(buf):
        try:
            exec(compile(code, "<snippet>", "exec"), env)
        except Exception as err:  # pylint: disable=broad-except
            error = type(err).__name__
    return buf.getvalue(), error


def check(case, sid=""):
    stdout, error = run(case["code"])
    assert error == case["error"], "{}: raised {} where MXNet raised {}".format(sid, error, case["error"])
    assert stdout == case["stdout"]
