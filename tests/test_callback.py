"""mx.callback log lines, in MXNet 1.9.1's exact formats."""
import logging
from collections import namedtuple

import mxcompat as mx

Param = namedtuple("BatchEndParam", ["epoch", "nbatch", "eval_metric", "locals"])


def _metric():
    m = mx.metric.Accuracy()
    m.update([mx.nd.array([1, 0])], [mx.nd.array([[0.2, 0.8], [0.4, 0.6]])])
    return m


def test_speedometer_lines(caplog):
    caplog.set_level(logging.INFO)
    sp = mx.callback.Speedometer(batch_size=10, frequent=2)
    m = _metric()
    for n in range(5):
        sp(Param(3, n, m, None))
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2
    assert lines[0].startswith("Epoch[3] Batch [0-2]\tSpeed: ") and lines[0].endswith(" samples/sec\taccuracy=0.500000")
    # auto_reset cleared the local statistics after the first line
    assert lines[1].endswith("\taccuracy=nan")
    caplog.clear()
    sp = mx.callback.Speedometer(batch_size=10, frequent=2, auto_reset=False)
    for n in range(3):
        sp(Param(0, n, _metric(), None))
    assert caplog.records[0].getMessage().startswith("Epoch[0] Batch [0-2]\tSpeed:")
    caplog.clear()
    sp = mx.callback.Speedometer(batch_size=1, frequent=1)
    sp(Param(1, 0, None, None))
    sp(Param(1, 1, None, None))
    assert caplog.records[0].getMessage().startswith("Iter[1] Batch [1]\tSpeed: ")


def test_log_train_metric_and_validation(caplog):
    caplog.set_level(logging.INFO)
    mx.callback.log_train_metric(2)(Param(1, 4, _metric(), None))
    mx.callback.LogValidationMetricsCallback()(Param(2, 0, _metric(), None))
    assert [r.getMessage() for r in caplog.records] == ["Iter[1] Batch[4] Train-accuracy=0.500000",
                                                       "Epoch[2] Validation-accuracy=0.500000"]


def test_progress_bar(caplog):
    caplog.set_level(logging.INFO)
    mx.callback.ProgressBar(total=4, length=8)(Param(0, 1, None, None))
    assert caplog.records[0].getMessage() == "[==------] 25%\r"


def test_module_checkpoint_period():
    calls = []

    class FakeMod:
        def save_checkpoint(self, prefix, epoch, save_states):
            calls.append((prefix, epoch, save_states))
    cb = mx.callback.module_checkpoint(FakeMod(), "p", period=2, save_optimizer_states=True)
    for e in range(4):
        cb(e)
    assert calls == [("p", 2, True), ("p", 4, True)]


def test_callback_reexports_save_checkpoint():
    assert mx.callback.save_checkpoint is mx.model.save_checkpoint
