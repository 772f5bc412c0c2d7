"""``mx.profiler``: MXNet 1.9.1's profiler API over wall-clock timing of mxcompat's operator dispatch.

MXNet contract kept: ``set_config`` (MXNet's keys; an unknown key raises MXNetError listing them),
``set_state('run'|'stop')``, ``pause``/``resume``, ``dump`` (a Chrome trace JSON ``{"traceEvents": [...],
"displayTimeUnit": "ms"}`` with ``B``/``E`` operator events, ``b``/``e`` task/frame/event ranges and ``C``
counter samples, written to ``filename``), ``dumps`` (MXNet's aggregate table or JSON; ``''`` unless
``aggregate_stats=True``), and the ``Domain``/``Task``/``Frame``/``Event``/``Counter``/``Marker`` objects.

Deliberate differences: what is timed is each imperative ``mx.nd`` operator call made through the registry
(names as MXNet's: ``dot``, ``_plus_scalar``, ``_ones``), measured on the host (torch CPU kernels are
synchronous). MXNet's engine rows (``WaitForVar``, ``MXNET_C_API``, ``Device Storage``) have no counterpart
and are not reported; a bound Symbol executor's operators are not timed individually. For kernel-level
profiles use ``torch.profiler`` directly (see migration_guide.md). While the profiler is stopped, dispatch runs
with no profiling code at all.
"""
import json
import os
import threading
import time

from .base import MXNetError

__all__ = ["set_config", "profiler_set_config", "set_state", "profiler_set_state", "dump", "dump_profile",
           "dumps", "pause", "resume", "Domain", "Task", "Frame", "Event", "Counter", "Marker"]

_CONFIG_KEYS = ("profile_all", "profile_symbolic", "profile_imperative", "profile_memory", "profile_api",
                "filename", "continuous_dump", "dump_period", "aggregate_stats", "profile_process")
_CONFIG = {"filename": "profile.json", "aggregate_stats": False}
_EVENTS = []          # Chrome trace events, in recording order
_STATS = {}           # (category, name) -> [count, total_ms, min_ms, max_ms]
_STATE = {"running": False, "paused": False}
_LOCK = threading.Lock()
_PID, _TID = 0, threading.get_ident


def _now_us():
    return time.perf_counter_ns() // 1000


def _record(name, cat, begin_us, end_us):
    tid = _TID()
    _EVENTS.append({"name": name, "cat": cat, "ph": "B", "ts": begin_us, "pid": _PID, "tid": tid})
    _EVENTS.append({"name": name, "cat": cat, "ph": "E", "ts": end_us, "pid": _PID, "tid": tid})
    ms = (end_us - begin_us) / 1000.0
    with _LOCK:
        st = _STATS.get((cat, name))
        if st is None:
            _STATS[(cat, name)] = [1, ms, ms, ms]
        else:
            st[0] += 1
            st[1] += ms
            st[2] = min(st[2], ms)
            st[3] = max(st[3], ms)


# ---- the dispatch hook: installed only while running ---------------------------------------------------------
def _timed_invoke(plain):
    def invoke(op, inputs, kwargs, out=None):
        begin = _now_us()
        res = plain(op, inputs, kwargs, out)
        _record(op.name, "operator", begin, _now_us())
        return res
    invoke.plain = plain
    return invoke


def _collecting(on):
    from .ndarray import register
    current = register.invoke
    plain = getattr(current, "plain", current)
    register.invoke = _timed_invoke(plain) if on else plain


def _update_hook():
    _collecting(_STATE["running"] and not _STATE["paused"])


# ---- configuration and state ---------------------------------------------------------------------------------
def set_config(**kwargs):
    """Set profiler options (MXNet's keys: profile_all, profile_symbolic, profile_imperative, profile_memory,
    profile_api, filename, continuous_dump, dump_period, aggregate_stats, profile_process)."""
    for key in kwargs:
        if key not in _CONFIG_KEYS:
            raise MXNetError("Cannot find argument '{}', Possible Arguments:\n----------------\n{}".format(
                key, "\n".join(_CONFIG_KEYS)))
    _CONFIG.update(kwargs)


def profiler_set_config(mode="symbolic", filename="profile.json"):
    """Deprecated MXNet form of ``set_config``."""
    set_config(profile_symbolic=True, profile_imperative=mode == "all", filename=filename)


def set_state(state="stop", profile_process="worker"):
    """Start (``'run'``) or stop (``'stop'``) recording."""
    running = {"stop": False, "run": True}[state]  # KeyError for anything else, as MXNet
    _STATE["running"] = running
    _update_hook()


def profiler_set_state(state="stop"):
    """Deprecated MXNet form of ``set_state``."""
    set_state(state)


def pause(profile_process="worker"):
    """Stop recording until ``resume``."""
    _STATE["paused"] = True
    _update_hook()


def resume(profile_process="worker"):
    """Resume recording after ``pause``."""
    _STATE["paused"] = False
    _update_hook()


# ---- output ----------------------------------------------------------------------------------------------
def dump(finished=True, profile_process="worker"):
    """Write the trace recorded so far to the configured ``filename`` (Chrome tracing JSON)."""
    meta = [{"ph": "M", "args": {"name": "cpu/0"}, "pid": _PID, "name": "process_name"}]
    doc = {"traceEvents": meta + list(_EVENTS), "displayTimeUnit": "ms"}
    path = _CONFIG.get("filename") or "profile.json"
    tmp = path + ".tmp%d" % os.getpid()
    with open(tmp, "w") as f:
        json.dump(doc, f, indent=1)
    os.replace(tmp, path)
    if finished:
        del _EVENTS[:]


def dump_profile():
    """Deprecated MXNet form of ``dump``."""
    dump(True)


_SORT_KEYS = {"total": 1, "avg": None, "min": 2, "max": 3, "count": 0}


def dumps(reset=False, format="table", sort_by="total", ascending=False):  # pylint: disable=redefined-builtin
    """The aggregate statistics (``aggregate_stats=True``) as MXNet's table or JSON; ``reset`` clears them."""
    assert format in ("table", "json"), \
        "Invalid value provided for format: {}. Support: 'table', 'json'".format(format)
    assert sort_by in _SORT_KEYS, ("Invalid value provided for sort_by: {}.             Support: 'total', 'avg', "
                                   "'min', 'max', 'count'".format(sort_by))
    assert ascending in (False, True), \
        "Invalid value provided for ascending: {}. Support: False, True".format(ascending)
    if not _CONFIG.get("aggregate_stats"):
        return ""
    with _LOCK:
        stats = {k: list(v) for k, v in _STATS.items()}
        if reset:
            _STATS.clear()
    by_cat = {}
    for (cat, name), (count, total, lo, hi) in stats.items():
        by_cat.setdefault(cat, []).append((name, count, total, lo, hi, total / count))
    idx = _SORT_KEYS[sort_by]
    key = (lambda r: r[5]) if idx is None else (lambda r: r[idx + 1])
    for rows in by_cat.values():
        rows.sort(key=key, reverse=not ascending)
    return _json(by_cat) if format == "json" else _table(by_cat)


def _table(by_cat):
    lines = ["", "Profile Statistics:", "\tNote the difference in units for different entries."]
    head = "{:<30}{:>11}{:>17}{:>17}{:>17}{:>17}".format("Name", "Total Count", "Time (ms)", "Min Time (ms)",
                                                        "Max Time (ms)", "Avg Time (ms)")
    rule = "{:<30}{:>11}{:>17}{:>17}{:>17}{:>17}".format("----", "-----------", "---------", "-------------",
                                                        "-------------", "-------------")
    for cat, rows in by_cat.items():
        lines += [cat, "=================", head, rule]
        for name, count, total, lo, hi, avg in rows:
            lines.append("{:<30}{:>11}{:>17.4f}{:>17.4f}{:>17.4f}{:>17.4f}".format(name, count, total, lo, hi, avg))
        lines.append("")
    return "\n".join(lines) + "\n"


def _json(by_cat):
    doc = {"Time": {cat: {name: {"Count": count, "Total": round(total, 4), "Min": round(lo, 4),
                                 "Max": round(hi, 4), "Avg": round(avg, 4)}
                          for name, count, total, lo, hi, avg in rows} for cat, rows in by_cat.items()},
           "Unit": {"Time": "ms"}}
    return json.dumps(doc, indent=4)


# ---- user-defined objects -----------------------------------------------------------------------------------
class Domain(object):
    """A named group of tasks, frames, counters and markers."""

    def __init__(self, name):
        self.name = name

    def new_task(self, name):
        return Task(self, name)

    def new_frame(self, name):
        return Frame(self, name)

    def new_counter(self, name, value=None):
        return Counter(self, name, value)

    def new_marker(self, name):
        return Marker(self, name)

    def __str__(self):
        return self.name


class _Range(object):
    """A timed range: ``start()`` ... ``stop()`` records one ``b``/``e`` pair (and an aggregate row)."""
    _category = "range"

    def __init__(self, domain, name):
        self.domain = domain
        self.name = name
        self._begin = None

    def start(self):
        self._begin = _now_us()

    def stop(self):
        if self._begin is None or not _STATE["running"]:
            return
        end, cat = _now_us(), self._cat()
        tid = _TID()
        _EVENTS.append({"name": self.name, "cat": cat, "ph": "b", "ts": self._begin, "id": id(self),
                        "pid": _PID, "tid": tid})
        _EVENTS.append({"name": self.name, "cat": cat, "ph": "e", "ts": end, "id": id(self), "pid": _PID,
                        "tid": tid})
        with _LOCK:
            ms = (end - self._begin) / 1000.0
            st = _STATS.setdefault((cat, self.name), [0, 0.0, ms, ms])
            st[0] += 1
            st[1] += ms
            st[2], st[3] = min(st[2], ms), max(st[3], ms)
        self._begin = None

    def _cat(self):
        return str(self.domain) if self.domain is not None else self._category

    def __str__(self):
        return self.name


class Task(_Range):
    """A task of a domain."""


class Frame(_Range):
    """A frame of a domain."""


class Event(_Range):
    """A free-standing timed event (no domain)."""

    def __init__(self, name):
        super().__init__(None, name)


class Counter(object):
    """A named value recorded (``C`` trace events) each time it changes while the profiler runs."""

    def __init__(self, domain, name, value=None):
        self.domain = domain
        self.name = name
        self.value = 0
        if value is not None:
            self.set_value(value)

    def set_value(self, value):
        self.value = value
        if _STATE["running"]:
            _EVENTS.append({"name": self.name, "cat": str(self.domain), "ph": "C", "ts": _now_us(), "pid": _PID,
                            "args": {self.name: value}})

    def increment(self, delta=1):
        self.set_value(self.value + delta)

    def decrement(self, delta=1):
        self.set_value(self.value - delta)

    def __iadd__(self, delta):
        self.increment(delta)
        return self

    def __isub__(self, delta):
        self.decrement(delta)
        return self

    def __str__(self):
        return self.name


class Marker(object):
    """An instant event of a domain."""

    def __init__(self, domain, name):
        self.domain = domain
        self.name = name

    def mark(self, scope="process"):
        if _STATE["running"]:
            _EVENTS.append({"name": self.name, "cat": str(self.domain), "ph": "i", "ts": _now_us(), "pid": _PID,
                            "tid": _TID(), "s": scope[0]})
