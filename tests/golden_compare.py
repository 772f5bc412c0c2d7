"""Compare a JSON-able record against a golden one written by real MXNet: dicts key by key, lists item by item,
floats within ``rtol``/``atol`` (numeric lists at once), ``["!error", type, message]`` records by type and
message prefix (mxcompat may append a hint), everything else exactly."""
import json

import numpy as np


def same(got, want, where, rtol=1e-4, atol=1e-5):
    """Assert ``got`` (normalised through JSON: tuples become lists) matches ``want``."""
    _same(json.loads(json.dumps(got)), want, where, rtol, atol)


def _same(got, want, where, rtol, atol):
    if isinstance(want, list) and want and want[0] == "!error":
        assert isinstance(got, list) and got[:2] == want[:2], (where, got, want)
        assert got[2].startswith(want[2]), (where, got[2], want[2])
    elif isinstance(want, dict):
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
