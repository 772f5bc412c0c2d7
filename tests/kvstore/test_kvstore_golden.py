"""KVStore behaviour against real MXNet 1.9.1: every scenario of tools/golden/kvstore_scenarios.py is run here
and its record compared with tests/golden/kvstore.json (MXNet's run of the same code), including loading the
``.states`` files MXNet wrote (tests/golden/kvstore/)."""
import json
import os
import sys

import numpy as np
import pytest

import mxcompat as mx

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
GOLDEN = os.path.join(ROOT, "tests", "golden")
sys.path.insert(0, os.path.join(ROOT, "tools", "golden"))
import kvstore_scenarios  # noqa: E402
from golden_compare import same  # noqa: E402

with open(os.path.join(GOLDEN, "kvstore.json")) as _fin:
    EXPECTED = json.load(_fin)


@pytest.mark.parametrize("scenario", kvstore_scenarios.SCENARIOS, ids=lambda fn: fn.__name__)
def test_scenario(scenario, tmp_path):
    reads = getattr(scenario, "reads_golden_states", False)
    record = scenario(mx, os.path.join(GOLDEN, "kvstore") if reads else str(tmp_path))
    same(record, EXPECTED[scenario.__name__], scenario.__name__, rtol=1e-5, atol=1e-6)


def test_states_files_match_mxnets(tmp_path):
    """The ``.states`` files mxcompat writes hold what MXNet's hold for the same run, in a pickle of the same
    layout (MXNet records its store's states as on ``cpu_pinned``; mxcompat's records say ``cpu``)."""
    kvstore_scenarios.save_states(mx, str(tmp_path))
    for name in ("sgd_momentum.states", "sgd_momentum_opt.states"):
        with open(os.path.join(GOLDEN, "kvstore", name), "rb") as fin:
            want = fin.read()
        with open(os.path.join(str(tmp_path), name), "rb") as fin:
            got = fin.read()
        assert len(got) == len(want)
        got_states, want_states = mx.optimizer.state_pickle.loads(got), mx.optimizer.state_pickle.loads(want)
        if isinstance(want_states, tuple):
            assert type(got_states[1]) is type(want_states[1])
            assert got_states[1].num_update == want_states[1].num_update == 2
            got_states, want_states = got_states[0], want_states[0]
        assert sorted(got_states) == sorted(want_states) == ["fc_bias", "fc_weight"]
        for key in want_states:
            np.testing.assert_allclose(got_states[key].asnumpy(), want_states[key].asnumpy(), rtol=1e-6)
