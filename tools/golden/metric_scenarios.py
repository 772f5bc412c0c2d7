"""Metric scenarios replayed under real MXNet (gen_metric.py) and mxcompat (tests/test_metric.py).

A scenario: (id, metric name or list, kwargs, steps). A step is ('update', [labels], [preds]) with each array
given as (nested list, dtype), or ('reset_local',) / ('reset',). A step that raises is recorded as its error's
type and message.
"""
import numpy as np

_rng = np.random.RandomState(7)


def _probs(n, k):
    p = _rng.uniform(0.01, 1, size=(n, k))
    return ((p / p.sum(axis=1, keepdims=True)).astype(np.float32).tolist(), "float32")


def _labels(n, k):
    return (_rng.randint(0, k, size=n).astype(np.float32).tolist(), "float32")


def _reg(shape):
    return (_rng.normal(size=shape).astype(np.float32).tolist(), "float32")


def _cls_steps(k, n=6):
    return [("update", [_labels(n, k)], [_probs(n, k)]), ("update", [_labels(n, k), _labels(4, k)],
                                                           [_probs(n, k), _probs(4, k)]),
            ("reset_local",), ("update", [_labels(n, k)], [_probs(n, k)])]


def _reg_steps():
    return [("update", [_reg((5,))], [_reg((5,))]), ("update", [_reg((3, 1))], [_reg((3, 1))]),
            ("reset_local",), ("update", [_reg((4, 2))], [_reg((4, 2))])]


SCENARIOS = [
    ("acc", "acc", {}, _cls_steps(3)),
    ("acc_axis0", "accuracy", {"axis": 0}, [("update", [_labels(3, 4)], [(_probs(4, 3)[0], "float32")])]),
    ("acc_labels_as_pred", "acc", {}, [("update", [_labels(5, 3)], [_labels(5, 3)])]),
    ("top_k", "top_k_accuracy", {"top_k": 2}, _cls_steps(4)),
    ("top_k3", "top_k_acc", {"top_k": 3}, _cls_steps(5)),
    ("f1_macro", "f1", {}, _cls_steps(2)),
    ("f1_micro", "f1", {"average": "micro"}, _cls_steps(2)),
    ("mcc_macro", "mcc", {}, _cls_steps(2)),
    ("mcc_micro", "mcc", {"average": "micro"}, _cls_steps(2)),
    ("perplexity", "perplexity", {"ignore_label": None}, _cls_steps(4)),
    ("perplexity_ignore", "perplexity", {"ignore_label": 1}, _cls_steps(3)),
    ("mae", "mae", {}, _reg_steps()),
    ("mse", "mse", {}, _reg_steps()),
    ("rmse", "rmse", {}, _reg_steps()),
    ("ce", "ce", {}, _cls_steps(3)),
    ("nll", "nll_loss", {}, _cls_steps(3)),
    ("pearsonr", "pearsonr", {}, _reg_steps()),
    ("pearsonr_micro", "pearsonr", {"average": "micro"}, _reg_steps()),
    ("pcc", "pcc", {}, _cls_steps(3)),
    ("loss", "loss", {}, [("update", [], [_reg((4,))]), ("update", [], [_reg((2, 3))])]),
    ("composite", ["acc", "ce", "mse"], {}, _cls_steps(3)),
    ("named_acc", "acc", {"name": "myacc"}, _cls_steps(2)),
    ("f1_multiclass_error", "f1", {}, [("update", [_labels(4, 2)], [_probs(4, 2)]),
                                       ("update", [([0.0, 1.0, 2.0], "float32")], [_probs(3, 3)])]),
    ("mcc_multiclass_error", "mcc", {"average": "micro"},
     [("update", [([0.0, 2.0], "float32")], [_probs(2, 3)]),
      ("update", [([0.0, 1.0, 2.0], "float32")], [_probs(3, 3)])]),
    ("acc_shape_error", "acc", {}, [("update", [_labels(2, 2)], [_probs(3, 2)])]),
]
