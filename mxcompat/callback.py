"""``mx.callback``: batch-end and epoch-end callbacks for ``Module.fit`` with MXNet's exact log lines.

Batch-end callbacks receive a ``BatchEndParam`` (``epoch``, ``nbatch``, ``eval_metric``, ``locals``);
epoch-end callbacks receive ``(epoch, symbol, arg_params, aux_params)``.
"""
import logging
import math
import time

__all__ = ["module_checkpoint", "do_checkpoint", "log_train_metric", "Speedometer", "ProgressBar",
           "LogValidationMetricsCallback"]


def _every(period):
    period = int(max(1, period))
    return lambda iter_no: (iter_no + 1) % period == 0


def module_checkpoint(mod, prefix, period=1, save_optimizer_states=False):
    """Epoch-end callback: ``mod.save_checkpoint(prefix, epoch + 1)`` every ``period`` epochs."""
    due = _every(period)

    def _callback(iter_no, sym=None, arg=None, aux=None):
        if due(iter_no):
            mod.save_checkpoint(prefix, iter_no + 1, save_optimizer_states)
    return _callback


def do_checkpoint(prefix, period=1):
    """Epoch-end callback writing ``prefix-symbol.json`` and ``prefix-%04d.params`` every ``period`` epochs."""
    due = _every(period)

    def _callback(iter_no, sym, arg, aux):
        if due(iter_no):
            from .model import save_checkpoint
            save_checkpoint(prefix, iter_no + 1, sym, arg, aux)
    return _callback


def log_train_metric(period, auto_reset=False):
    """Batch-end callback logging ``Iter[e] Batch[n] Train-name=value`` every ``period`` batches."""
    def _callback(param):
        if param.nbatch % period or param.eval_metric is None:
            return
        for name, value in param.eval_metric.get_name_value():
            logging.info("Iter[%d] Batch[%d] Train-%s=%f", param.epoch, param.nbatch, name, value)
        if auto_reset:
            param.eval_metric.reset_local()
    return _callback


class Speedometer:
    """Log samples/sec (and the training metric) every ``frequent`` batches.

    With ``auto_reset`` the metric's local statistics restart after each log line, so each line reports
    the batches since the previous one (``Batch [50-100]``); otherwise it reports the epoch so far.
    """

    def __init__(self, batch_size, frequent=50, auto_reset=True):
        self.batch_size = batch_size
        self.frequent = frequent
        self.init = False
        self.tic = 0
        self.last_count = 0
        self.auto_reset = auto_reset

    def _speed(self):
        elapsed = time.time() - self.tic
        return self.frequent * self.batch_size / elapsed if elapsed > 0 else float("inf")

    def __call__(self, param):
        count = param.nbatch
        if count < self.last_count:      # a new epoch started
            self.init = False
        self.last_count = count
        if not self.init:
            self.init = True
            self.tic = time.time()
            return
        if count % self.frequent:
            return
        speed = self._speed()
        metric = param.eval_metric
        if metric is None:
            logging.info("Iter[%d] Batch [%d]\tSpeed: %.2f samples/sec", param.epoch, count, speed)
        else:
            pairs = metric.get_name_value()
            fields = [v for pair in pairs for v in pair]
            if self.auto_reset:
                metric.reset_local()
                logging.info("Epoch[%d] Batch [%d-%d]\tSpeed: %.2f samples/sec" + "\t%s=%f" * len(pairs),
                             param.epoch, count - self.frequent, count, speed, *fields)
            else:
                logging.info("Epoch[%d] Batch [0-%d]\tSpeed: %.2f samples/sec" + "\t%s=%f" * len(pairs),
                             param.epoch, count, speed, *fields)
        self.tic = time.time()


class ProgressBar:
    """Log a text progress bar of the batches done in the epoch (``total`` batches, ``length`` chars)."""

    def __init__(self, total, length=80):
        self.bar_len = length
        self.total = total

    def __call__(self, param):
        done = param.nbatch / float(self.total)
        filled = int(round(self.bar_len * done))
        bar = "=" * filled + "-" * (self.bar_len - filled)
        logging.info("[%s] %s%s\r", bar, math.ceil(100.0 * done), "%")


class LogValidationMetricsCallback:
    """Eval-end callback logging ``Epoch[e] Validation-name=value``."""

    def __call__(self, param):
        if not param.eval_metric:
            return
        for name, value in param.eval_metric.get_name_value():
            logging.info("Epoch[%d] Validation-%s=%f", param.epoch, name, value)


def __getattr__(name):
    # MXNet's callback module re-exports model.save_checkpoint; model imports this module, so resolve it lazily
    if name == "save_checkpoint":
        from .model import save_checkpoint
        return save_checkpoint
    raise AttributeError("module {!r} has no attribute {!r}".format(__name__, name))
