"""Gluon against real MXNet 1.9.1: every scenario of tools/golden/gluon_scenarios.py runs here, imperatively and
hybridized, and its record is compared with tests/golden/gluon/scenarios.json (MXNet's run of the same code);
the files MXNet wrote there (save_parameters, ParameterDict.save, export, Trainer.save_states) are loaded."""
import json
import os
import sys
import warnings

import numpy as np
import pytest

import mxcompat as mx

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
GOLDEN = os.path.join(ROOT, "tests", "golden", "gluon")
sys.path.insert(0, os.path.join(ROOT, "tools", "golden"))
import gluon_scenarios  # noqa: E402
from golden_compare import same  # noqa: E402

with open(os.path.join(GOLDEN, "scenarios.json")) as _fin:
    EXPECTED = json.load(_fin)


@pytest.mark.parametrize("hybridize", [False, True], ids=["imperative", "hybridized"])
@pytest.mark.parametrize("scenario", gluon_scenarios.SCENARIOS, ids=lambda f: f.__name__)
def test_scenario(scenario, hybridize, tmp_path):
    if scenario in (gluon_scenarios.naming, gluon_scenarios.summary, gluon_scenarios.utils_data) and hybridize:
        pytest.skip("no hybridized variant")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = scenario(mx, str(tmp_path), hybridize)
    got = json.loads(json.dumps(got))
    same(got, EXPECTED[scenario.__name__], scenario.__name__)


def _mlp_input():
    return mx.nd.array(gluon_scenarios._rand(3, (2, 4)))


def test_load_parameters_written_by_mxnet():
    want = EXPECTED["files"]["output"]
    for fname in ("mlp_mx.params", "mlp_legacy_mx.params"):
        net = gluon_scenarios._mlp(mx)
        for p in net.collect_params().values():
            p.set_data(mx.nd.zeros(p.shape))
        net.load_parameters(os.path.join(GOLDEN, fname))
        np.testing.assert_allclose(net(_mlp_input()).asnumpy(), want, rtol=1e-5, atol=1e-6)


def test_symbolblock_imports_mxnet_export():
    net = mx.gluon.SymbolBlock.imports(os.path.join(GOLDEN, "mlp_mx-symbol.json"), ["data"],
                                       os.path.join(GOLDEN, "mlp_mx-0002.params"))
    np.testing.assert_allclose(net(_mlp_input()).asnumpy(), EXPECTED["files"]["output"], rtol=1e-5, atol=1e-6)
    assert sorted(net.collect_params().keys()) == sorted(k[4:] for k in EXPECTED["files"]["export_keys"])


def test_export_roundtrip_and_json_matches_mxnet(tmp_path):
    net = gluon_scenarios._mlp(mx)
    net.hybridize()
    net(_mlp_input())
    net.export(str(tmp_path / "m"), epoch=2)
    with open(tmp_path / "m-symbol.json") as f:
        ours = json.load(f)
    with open(os.path.join(GOLDEN, "mlp_mx-symbol.json")) as f:
        theirs = json.load(f)
    assert [(n["op"], n["name"], n.get("attrs")) for n in ours["nodes"]] == \
        [(n["op"], n["name"], n.get("attrs")) for n in theirs["nodes"]]
    back = mx.gluon.SymbolBlock.imports(str(tmp_path / "m-symbol.json"), "data", str(tmp_path / "m-0002.params"))
    np.testing.assert_allclose(back(_mlp_input()).asnumpy(), EXPECTED["files"]["output"], rtol=1e-5, atol=1e-6)


def test_trainer_load_states_written_by_mxnet():
    net = gluon_scenarios._mlp(mx)
    tr = mx.gluon.Trainer(net.collect_params(), "adam", {"learning_rate": 0.01})
    tr.load_states(os.path.join(GOLDEN, "trainer_adam.states"))
    assert tr.learning_rate == 0.01
    assert type(tr.optimizer).__name__ == "Adam"
    states = tr._updaters[0].states
    assert sorted(states) == list(range(4))
    assert tr.optimizer._index_update_count[0] == 3

