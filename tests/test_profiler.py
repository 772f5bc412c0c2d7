"""mx.profiler: MXNet 1.9.1's API, errors and output formats over timing of the nd operator dispatch."""
import json

import pytest

import mxcompat as mx
from mxcompat.ndarray import register


@pytest.fixture(autouse=True)
def fresh_profiler(tmp_path):
    mx.profiler.set_config(aggregate_stats=True, filename=str(tmp_path / "profile.json"))
    mx.profiler.dumps(reset=True)
    yield
    mx.profiler.set_state("stop")
    mx.profiler.resume()
    mx.profiler.set_config(aggregate_stats=False, filename="profile.json")


def test_records_operator_calls_and_dumps_a_chrome_trace(tmp_path):
    a = mx.nd.ones((8, 8))
    mx.nd.dot(a, a)                      # not recorded: the profiler is stopped
    mx.profiler.set_state("run")
    b = mx.nd.dot(a, a)
    mx.nd.relu(b)
    mx.nd.dot(b, a)
    mx.profiler.set_state("stop")
    mx.nd.relu(a)                        # not recorded either
    stats = json.loads(mx.profiler.dumps(format="json"))
    ops = stats["Time"]["operator"]
    assert {k: v["Count"] for k, v in ops.items()} == {"dot": 2, "relu": 1}
    assert ops["dot"]["Min"] <= ops["dot"]["Avg"] <= ops["dot"]["Max"]
    table = mx.profiler.dumps(sort_by="count")
    assert "Profile Statistics:" in table and "operator\n=================" in table
    assert table.index("dot ") < table.index("relu ")
    mx.profiler.dump()
    trace = json.loads((tmp_path / "profile.json").read_text())
    assert trace["displayTimeUnit"] == "ms"
    events = [e for e in trace["traceEvents"] if e["ph"] in "BE"]
    assert [(e["name"], e["ph"]) for e in events] == [("dot", "B"), ("dot", "E"), ("relu", "B"), ("relu", "E"),
                                                     ("dot", "B"), ("dot", "E")]
    assert all(e["ts"] <= f["ts"] for e, f in zip(events, events[1:]))


def test_stopped_or_paused_profiler_leaves_dispatch_untouched():
    plain = register.invoke
    mx.profiler.set_state("run")
    assert register.invoke is not plain
    mx.profiler.pause()
    assert register.invoke is plain
    mx.profiler.resume()
    assert register.invoke is not plain
    mx.profiler.set_state("stop")
    assert register.invoke is plain


def test_dumps_is_empty_without_aggregate_stats_and_reset_clears():
    mx.profiler.set_state("run")
    mx.nd.relu(mx.nd.ones((2,)))
    mx.profiler.set_state("stop")
    assert "relu" in mx.profiler.dumps(reset=True)
    assert "relu" not in mx.profiler.dumps()
    mx.profiler.set_config(aggregate_stats=False)
    assert mx.profiler.dumps() == ""


def test_errors_are_mxnets():
    with pytest.raises(mx.base.MXNetError, match="Cannot find argument 'foo'"):
        mx.profiler.set_config(foo=1)
    with pytest.raises(KeyError):
        mx.profiler.set_state("bad")
    with pytest.raises(AssertionError, match="Invalid value provided for format: xml. Support: 'table', 'json'"):
        mx.profiler.dumps(format="xml")
    with pytest.raises(AssertionError, match="Invalid value provided for sort_by: x."):
        mx.profiler.dumps(sort_by="x")
    with pytest.raises(AssertionError, match="Invalid value provided for ascending: 3. Support: False, True"):
        mx.profiler.dumps(ascending=3)


def test_domain_objects(tmp_path):
    dom = mx.profiler.Domain("d")
    task = dom.new_task("t")
    counter = dom.new_counter("c", 5)
    mx.profiler.set_state("run")
    task.start()
    task.stop()
    counter += 3
    counter.increment(2)
    counter.decrement()
    dom.new_marker("m").mark()
    mx.profiler.set_state("stop")
    assert (str(task), str(dom), str(counter), counter.value) == ("t", "d", "c", 9)
    mx.profiler.dump()
    trace = json.loads((tmp_path / "profile.json").read_text())["traceEvents"]
    assert [e["args"]["c"] for e in trace if e["ph"] == "C"] == [8, 10, 9]
    assert [e["ph"] for e in trace if e["name"] == "t"] == ["b", "e"]
    assert any(e["ph"] == "i" and e["name"] == "m" for e in trace)
