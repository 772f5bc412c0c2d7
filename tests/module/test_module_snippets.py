"""mx.rnn cells, group2ctx placement and mx.mon print what real MXNet 1.9.1 printed."""
import pytest

import snippets

CASES = snippets.load("module_snippets")


@pytest.mark.parametrize("sid", sorted(CASES))
def test_module_snippet_matches_mxnet(sid):
    snippets.check(CASES[sid], sid)
