"""gluon.model_zoo.vision against real MXNet 1.9.1 (tools/golden/gluon_zoo_scenarios.py): every model's parameter
names, declared shapes and save_parameters keys; logits of small models from seeded parameters, imperative and
hybridized; a parameter file saved by MXNet loads and gives MXNet's logits."""
import os
import warnings

import pytest

import mxcompat as mx
from _golden_compare import GOLDEN, expected, same, fresh_names  # noqa: F401 (autouse fixture)
import gluon_zoo_scenarios as scenarios

EXPECTED = expected("model_zoo")


@pytest.mark.parametrize("hybridize", [False, True], ids=["imperative", "hybridized"])
@pytest.mark.parametrize("scenario", scenarios.SCENARIOS, ids=lambda f: f.__name__)
def test_scenario(scenario, hybridize):
    if scenario is scenarios.structure and hybridize:
        pytest.skip("no hybridized variant")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = scenario(mx, GOLDEN, hybridize)
    same(got, EXPECTED[scenario.__name__], scenario.__name__, rtol=1e-3, atol=1e-4)


def test_get_model_errors_and_pretrained(tmp_path):
    with pytest.raises(ValueError, match="Model resnet0 is not supported"):
        mx.gluon.model_zoo.vision.get_model('ResNet0')
    with pytest.raises(RuntimeError, match="resnet18_v1-a0666292.params does not exist"):
        mx.gluon.model_zoo.vision.resnet18_v1(pretrained=True, root=str(tmp_path))
    # a file in the store under MXNet's name is used when its SHA-1 is the published one
    bad = tmp_path / "mobilenet0.25-9f83e440.params"
    bad.write_bytes(b"not the published file")
    with pytest.raises(RuntimeError, match="different SHA-1"):
        mx.gluon.model_zoo.vision.get_model('mobilenet0.25', pretrained=True, root=str(tmp_path))
    assert mx.gluon.model_zoo.model_store.short_hash('inceptionv3') == 'ed47ec45'
    mx.gluon.model_zoo.model_store.purge(str(tmp_path))
    assert not os.listdir(str(tmp_path))
