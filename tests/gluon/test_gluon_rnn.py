"""gluon.rnn against real MXNet 1.9.1: the scenarios of tools/golden/gluon_rnn_scenarios.py (fused layers with
fixed parameters, forward, states and gradients; cells unrolled with layouts, merge_outputs and valid_length;
parameters saved by MXNet) run here, imperatively and hybridized, and match tests/golden/gluon/rnn.json."""
import warnings

import pytest

import mxcompat as mx
from _golden_compare import GOLDEN, expected, same, fresh_names  # noqa: F401 (autouse fixture)
import gluon_rnn_scenarios as scenarios

EXPECTED = expected("rnn")


@pytest.mark.parametrize("hybridize", [False, True], ids=["imperative", "hybridized"])
@pytest.mark.parametrize("scenario", scenarios.SCENARIOS, ids=lambda f: f.__name__)
def test_scenario(scenario, hybridize):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = scenario(mx, GOLDEN, hybridize)
    same(got, EXPECTED[scenario.__name__], scenario.__name__)


def test_deferred_input_size_and_state_errors():
    layer = mx.gluon.rnn.GRU(5, 2, layout='NTC')
    layer.initialize()
    y = layer(mx.nd.ones((3, 4, 6)))
    assert y.shape == (3, 4, 5) and layer.l0_i2h_weight.shape == (15, 6)
    with pytest.raises(ValueError, match="Invalid recurrent state shape"):
        layer(mx.nd.ones((3, 4, 6)), mx.nd.zeros((2, 4, 5)))
    assert repr(layer) == "GRU(6 -> 5, NTC, num_layers=2)"


def test_modified_cell_cannot_be_called_directly():
    base = mx.gluon.rnn.RNNCell(3, input_size=2)
    mx.gluon.rnn.ZoneoutCell(base, 0.1)
    with pytest.raises(AssertionError):
        base.begin_state(2)
    with pytest.raises(NotImplementedError):
        mx.gluon.rnn.BidirectionalCell(mx.gluon.rnn.RNNCell(2), mx.gluon.rnn.RNNCell(2))(mx.nd.ones((1, 2)), [])


def test_unfuse_matches_fused_layer():
    layer = mx.gluon.rnn.LSTM(4, 2, bidirectional=True, input_size=3)
    layer.initialize(mx.init.Uniform(0.5))
    x = mx.nd.random.uniform(shape=(5, 2, 3))
    stack = layer._unfuse()
    ref, _ = stack.unroll(5, x, layout='TNC', merge_outputs=True)
    mx.test_utils.assert_almost_equal(layer(x).asnumpy(), ref.asnumpy(), rtol=1e-4, atol=1e-5)
