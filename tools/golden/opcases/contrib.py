"""Op-database cases: ``mx.nd.contrib`` detection operators (box_nms, box_iou, bipartite_matching, box_encode,
box_decode, MultiBoxPrior/Target/Detection) and the small contrib ops (div_sqrt_dim, quadratic,
gradientmultiplier, allclose, round_ste, sign_ste).

Box inputs are built here with a seeded numpy generator (as ``array`` specs) so that they are well formed
(xmin < xmax) and reproducible; random scores give no ties, dedicated cases cover ties.
"""
import numpy as np
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _cases import add_case  # noqa: E402  pylint: disable=wrong-import-position

CASES = []
_RNG = np.random.RandomState(20240611)
NAN = float("nan")
INF = float("inf")


def _case(*args, **kwargs):
    add_case(CASES, *args, **kwargs)


def _arr(values, dtype="float32"):
    return ("array", np.asarray(values).tolist(), dtype)


def _corners(shape, low=0.0, high=1.0, min_size=0.05, max_size=0.5):
    """Well-formed corner boxes of ``shape + (4,)``."""
    xy = _RNG.uniform(low, high, shape + (2,))
    wh = _RNG.uniform(min_size, max_size, shape + (2,))
    return np.concatenate((xy, xy + wh), -1)


def _dets(shape, num_cls=3, clustered=True):
    """Detection rows [id, score, xmin, ymin, xmax, ymax] with overlapping clusters of boxes."""
    boxes = _corners(shape)
    if clustered:
        # jitter copies of a few anchors so that NMS has work to do
        base = _corners(shape[:-1] + (3,))
        pick = _RNG.randint(0, 3, shape)
        jitter = _RNG.uniform(-0.05, 0.05, shape + (4,))
        boxes = np.take_along_axis(base, pick[..., None].repeat(4, -1), -2) + jitter
        boxes[..., 2:] = np.maximum(boxes[..., 2:], boxes[..., :2] + 0.01)
    ids = _RNG.randint(0, num_cls, shape + (1,)).astype(np.float64)
    scores = _RNG.uniform(0, 1, shape + (1,))
    return np.concatenate((ids, scores, boxes), -1)


# ---- box_nms -------------------------------------------------------------------------------------------------------
DOC = [[0, 0.5, 0.1, 0.1, 0.2, 0.2], [1, 0.4, 0.1, 0.1, 0.2, 0.2], [0, 0.3, 0.1, 0.1, 0.14, 0.14],
       [2, 0.6, 0.5, 0.5, 0.7, 0.8]]
_NMS_DOC = {
    "doc_force": dict(overlap_thresh=0.1, coord_start=2, score_index=1, id_index=0, force_suppress=True),
    "doc_per_class": dict(overlap_thresh=0.1, id_index=0),
    "doc_background": dict(overlap_thresh=0.1, id_index=0, background_id=0),
    "doc_background_no_id": dict(overlap_thresh=0.1, background_id=0),
    "doc_valid_thresh": dict(overlap_thresh=0.1, valid_thresh=0.45),
    "doc_valid_thresh_equal": dict(valid_thresh=0.5),
    "doc_topk0": dict(overlap_thresh=0.1, topk=0),
    "doc_topk1": dict(overlap_thresh=0.1, topk=1),
    "doc_topk2": dict(overlap_thresh=0.1, topk=2),
    "doc_topk_big": dict(overlap_thresh=0.1, topk=100),
    "doc_out_center": dict(overlap_thresh=0.1, out_format="center"),
    "doc_in_center": dict(overlap_thresh=0.1, in_format="center"),
    "doc_center_center": dict(overlap_thresh=0.1, in_format="center", out_format="center"),
    "doc_all_filtered": dict(valid_thresh=0.9),
    "doc_strings": dict(overlap_thresh="0.1", topk="3", force_suppress="True", id_index="0"),
    "doc_thresh0": dict(overlap_thresh=0.0),
    "doc_thresh1": dict(overlap_thresh=1.0),
}
for name, kw in _NMS_DOC.items():
    _case("box_nms/" + name, "contrib.box_nms", [_arr(DOC)], kw, grad=[0])
_case("box_non_maximum_suppression/alias", "contrib.box_non_maximum_suppression", [_arr(DOC)],
      dict(overlap_thresh=0.1), grad=[0])
NEG = [list(r) for r in DOC]
NEG[0][2] = -0.05
_case("box_nms/negative_xmin_stays_corner", "contrib.box_nms", [_arr(NEG)], dict(overlap_thresh=0.1,
                                                                                   out_format="center"), grad=[0])
TIES = [[0, 0.5, 0, 0, 1, 1], [1, 0.5, 0, 0, 1, 1], [2, 0.5, 0, 0, 1, 1], [3, 0.7, 0, 0, 1, 1],
        [4, 0.5, 0, 0, 1, 1], [5, 0.5, 2, 2, 3, 3]]
_case("box_nms/ties_keep_input_order", "contrib.box_nms", [_arr(TIES)], dict(force_suppress=True, id_index=0),
      grad=[0])
_case("box_nms/ties_per_class", "contrib.box_nms", [_arr(TIES)], dict(id_index=0), grad=[0])
ZERO_AREA = [[0, 0.9, 1, 1, 1, 1], [0, 0.8, 1, 1, 1, 1], [0, 0.7, 0, 0, 2, 2], [0, 0.6, 0, 0, 2, 2]]
_case("box_nms/zero_area", "contrib.box_nms", [_arr(ZERO_AREA)])
_case("box_nms/zero_area_negative_thresh", "contrib.box_nms", [_arr(ZERO_AREA)], dict(overlap_thresh=-0.1))
NANS = [list(r) for r in TIES]
NANS[3][1] = NAN
_case("box_nms/nan_score_filtered", "contrib.box_nms", [_arr(NANS)])
FRACTIONAL_IDS = [[0.2, 0.9, 0, 0, 1, 1], [0.7, 0.8, 0, 0, 1, 1], [1.2, 0.7, 0, 0, 1, 1]]
_case("box_nms/class_ids_truncate", "contrib.box_nms", [_arr(FRACTIONAL_IDS)], dict(id_index=0))
for name, shape, kw in [
        ("batch_random", (2, 3, 20), dict(overlap_thresh=0.3, id_index=0, topk=5, valid_thresh=0.2)),
        ("batch_force", (4, 25), dict(overlap_thresh=0.4, id_index=0, force_suppress=True)),
        ("batch_no_id", (3, 30), dict(overlap_thresh=0.5)),
        ("batch_topk", (2, 40), dict(overlap_thresh=0.2, topk=10, id_index=0, background_id=1)),
        ("batch_low_thresh", (2, 30), dict(overlap_thresh=0.05, valid_thresh=0.1)),
        ("batch_center", (2, 20), dict(overlap_thresh=0.3, in_format="center", out_format="corner")),
        ("single_box", (1, 1), dict()),
        ("two_dims", (15,), dict(overlap_thresh=0.3, id_index=0))]:
    _case("box_nms/" + name, "contrib.box_nms", [_arr(_dets(shape))], kw, grad=[0])
WIDE = np.concatenate((_RNG.uniform(0, 1, (12, 1)), _corners((12,)), _RNG.randint(0, 2, (12, 1)),
                       _RNG.uniform(0, 1, (12, 2))), -1)
_case("box_nms/custom_layout", "contrib.box_nms", [_arr(WIDE)],
      dict(score_index=0, coord_start=1, id_index=5, overlap_thresh=0.2), grad=[0])
_case("box_nms/float64", "contrib.box_nms", [_arr(_dets((2, 12)), "float64")], dict(overlap_thresh=0.3, id_index=0),
      grad=[0])
_case("box_nms/float16", "contrib.box_nms", [_arr(_dets((10,)), "float16")], dict(overlap_thresh=0.3))
for name, kw in [("score_in_coords", dict(score_index=3)), ("coords_out_of_range", dict(coord_start=3)),
                 ("id_is_score", dict(id_index=1)), ("id_out_of_range", dict(id_index=9)),
                 ("score_out_of_range", dict(score_index=7)), ("bad_format", dict(in_format="xyxy")),
                 ("unknown_param", dict(overlap=0.5))]:
    _case("box_nms/error_" + name, "contrib.box_nms", [_arr(TIES)], kw, error=True)
_case("box_nms/error_1d", "contrib.box_nms", [("uniform", (6,), 0, 1, "float32")], error=True)
_case("box_nms/error_width4", "contrib.box_nms", [("uniform", (5, 4), 0, 1, "float32")], error=True)
_case("box_nms/error_width5_with_id", "contrib.box_nms", [("uniform", (5, 5), 0, 1, "float32")], dict(id_index=0),
      error=True)
_case("box_nms/error_int", "contrib.box_nms", [("randint", (3, 6), 0, 5, "int32")], error=True)

# ---- box_iou -------------------------------------------------------------------------------------------------------
X_IOU = [[0.5, 0.5, 1.0, 1.0], [0.0, 0.0, 0.5, 0.5], [0.3, 0.3, 0.2, 0.2], [0, 0, 0, 0]]
Y_IOU = [[0.25, 0.25, 0.75, 0.75], [0.3, 0.3, 0.2, 0.2], [0, 0, 0, 0]]
_case("box_iou/doc_corner", "contrib.box_iou", [_arr(X_IOU), _arr(Y_IOU)], grad=[0, 1])
_case("box_iou/doc_center", "contrib.box_iou", [_arr(X_IOU), _arr(Y_IOU)], dict(format="center"), grad=[0, 1])
_case("box_iou/random_nd", "contrib.box_iou", [_arr(_corners((2, 3))), _arr(_corners((4, 1, 2)))], grad=[0])
_case("box_iou/random_center", "contrib.box_iou", [_arr(_corners((5,))), _arr(_corners((6,)))], dict(format="center"))
_case("box_iou/float64", "contrib.box_iou", [_arr(_corners((4,)), "float64"), _arr(_corners((3,)), "float64")])
_case("box_iou/float16", "contrib.box_iou", [_arr(_corners((4,)), "float16"), _arr(_corners((3,)), "float16")])
_case("box_iou/error_last_dim", "contrib.box_iou", [("uniform", (4, 3), 0, 1, "float32"), _arr(Y_IOU)], error=True)
_case("box_iou/error_1d", "contrib.box_iou", [("uniform", (4,), 0, 1, "float32"), _arr(Y_IOU)], error=True)
_case("box_iou/error_int", "contrib.box_iou", [("randint", (2, 4), 0, 3, "int32"), ("randint", (2, 4), 0, 3, "int32")],
      error=True)

# ---- bipartite_matching ---------------------------------------------------------------------------------------------
S_DOC = [[0.5, 0.6], [0.1, 0.2], [0.3, 0.4]]
_case("bipartite_matching/doc", "contrib.bipartite_matching", [_arr(S_DOC)], dict(threshold=1e-12), grad=[0])
_case("bipartite_matching/threshold", "contrib.bipartite_matching", [_arr(S_DOC)], dict(threshold=0.35))
_case("bipartite_matching/ascend", "contrib.bipartite_matching", [_arr(S_DOC)], dict(threshold=0.35, is_ascend=True))
for k in (-1, 0, 1, 2, 3, 10):
    _case("bipartite_matching/topk%d" % k, "contrib.bipartite_matching", [("uniform", (2, 6, 5), 0, 1, "float32")],
          dict(threshold=0.1, topk=k), seed=7)
_case("bipartite_matching/ties", "contrib.bipartite_matching", [_arr([[1, 1, 1], [1, 1, 1]])], dict(threshold=0.1))
_case("bipartite_matching/ties_ascend", "contrib.bipartite_matching", [_arr([[1, 1, 1], [1, 1, 1]])],
      dict(threshold=1.5, is_ascend=True))
_case("bipartite_matching/int_ties", "contrib.bipartite_matching", [("randint", (3, 7, 6), 0, 4, "float32")],
      dict(threshold=0.5))
_case("bipartite_matching/int_ties_ascend_topk", "contrib.bipartite_matching",
      [("randint", (3, 6, 7), 0, 4, "float32")], dict(threshold=2.5, is_ascend=True, topk=2))
_case("bipartite_matching/batch_4d", "contrib.bipartite_matching", [("uniform", (2, 2, 5, 4), 0, 1, "float32")],
      dict(threshold=0.3))
_case("bipartite_matching/wide", "contrib.bipartite_matching", [("uniform", (3, 20), 0, 1, "float32")],
      dict(threshold=0.2))
_case("bipartite_matching/float64", "contrib.bipartite_matching", [("uniform", (4, 5), 0, 1, "float64")],
      dict(threshold=0.3))
_case("bipartite_matching/error_no_threshold", "contrib.bipartite_matching", [_arr(S_DOC)], error=True)
_case("bipartite_matching/error_1d", "contrib.bipartite_matching", [("uniform", (5,), 0, 1, "float32")],
      dict(threshold=0.1), error=True)

# ---- box_encode / box_decode -----------------------------------------------------------------------------------------
B, N, M = 2, 6, 3
ENC_IN = [_arr(_RNG.randint(-1, 2, (B, N))), _arr(_RNG.randint(0, M, (B, N))), _arr(_corners((B, N))),
          _arr(_corners((B, M))), _arr([0.0, 0.1, 0.0, 0.2]), _arr([0.1, 0.1, 0.2, 0.2])]
_case("box_encode/basic", "contrib.box_encode", ENC_IN, grad=[2, 3])
_case("box_encode/float64", "contrib.box_encode", [(s[0], s[1], "float64") for s in ENC_IN])
_case("box_encode/error_samples_3d", "contrib.box_encode",
      [_arr(np.zeros((B, N, 1)))] + ENC_IN[1:], error=True)
_case("box_encode/error_anchors_2d", "contrib.box_encode", ENC_IN[:2] + [_arr(_corners((N,)))] + ENC_IN[3:],
      error=True)
DEC = ("normal", (2, 5, 4), "float32")
_case("box_decode/center", "contrib.box_decode", [DEC, _arr(np.concatenate((_RNG.uniform(0.2, 0.8, (1, 5, 2)),
                                                                             _RNG.uniform(0.1, 0.3, (1, 5, 2))), -1))],
      grad=[0, 1])
_case("box_decode/corner_clip_stds", "contrib.box_decode", [DEC, _arr(_corners((1, 5)))],
      dict(std0=0.1, std1=0.2, std2=0.3, std3=0.4, clip=0.5, format="corner"))
_case("box_decode/anchors_flat_batch", "contrib.box_decode", [DEC, _arr(_corners((1, 1, 5)))], dict(format="corner"))
_case("box_decode/float64", "contrib.box_decode", [("normal", (2, 5, 4), "float64"), _arr(_corners((1, 5)), "float64")],
      dict(format="corner", clip=1.0))
_case("box_decode/error_data_2d", "contrib.box_decode", [("normal", (5, 4), "float32"), _arr(_corners((1, 5)))],
      error=True)
_case("box_decode/error_anchors_2d", "contrib.box_decode", [DEC, _arr(_corners((5,)))], error=True)

# ---- MultiBoxPrior ---------------------------------------------------------------------------------------------------
FEAT = ("uniform", (2, 3, 3, 4), 0, 1, "float32")
for name, kw in [("default", {}), ("sizes_ratios", dict(sizes=(0.5, 0.25), ratios=(1, 2, 0.5))),
                 ("clip", dict(sizes=(0.75,), ratios=(1, 2), clip=True)),
                 ("steps_offsets", dict(sizes=(0.5,), steps=(0.1, 0.2), offsets=(0.2, 0.3))),
                 ("strings", dict(sizes="(0.5,0.3)", ratios="[1,2]", clip="1")),
                 ("scalar_size", dict(sizes=0.4)), ("first_ratio_ignored", dict(ratios=(0.3, 3)))]:
    _case("MultiBoxPrior/" + name, "contrib.MultiBoxPrior", [FEAT], kw, grad=[0])
_case("MultiBoxPrior/large_grid", "contrib.MultiBoxPrior", [("uniform", (1, 1, 19, 19), 0, 1, "float32")],
      dict(sizes=(0.2, 0.272), ratios=(1, 2, 0.5)))
_case("MultiBoxPrior/error_float64", "contrib.MultiBoxPrior", [("uniform", (1, 1, 2, 2), 0, 1, "float64")], error=True)
_case("MultiBoxPrior/error_3d", "contrib.MultiBoxPrior", [("uniform", (1, 2, 2), 0, 1, "float32")], error=True)
_case("MultiBoxPrior/error_steps", "contrib.MultiBoxPrior", [FEAT], dict(steps=(1,)), error=True)
_case("MultiBoxPrior/error_empty_sizes", "contrib.MultiBoxPrior", [FEAT], dict(sizes=()), error=True)

# ---- MultiBoxTarget --------------------------------------------------------------------------------------------------


def _prior(h, w, sizes, ratios):
    out = []
    for r in range(h):
        cy = (r + 0.5) / h
        for c in range(w):
            cx = (c + 0.5) / w
            for s in sizes:
                out.append([cx - s * h / w / 2, cy - s / 2, cx + s * h / w / 2, cy + s / 2])
            for q in ratios[1:]:
                q = np.sqrt(q)
                out.append([cx - sizes[0] * h / w * q / 2, cy - sizes[0] / q / 2, cx + sizes[0] * h / w * q / 2,
                            cy + sizes[0] / q / 2])
    return np.array(out, dtype=np.float32)[None]


ANCHORS = _prior(4, 4, (0.3, 0.5), (1, 2))
NA = ANCHORS.shape[1]
LABEL = [[[0, 0.1, 0.1, 0.4, 0.5], [1, 0.5, 0.5, 0.9, 0.8], [-1, -1, -1, -1, -1]],
         [[2, 0.2, 0.0, 0.6, 0.5], [-1, -1, -1, -1, -1], [-1, -1, -1, -1, -1]],
         [[-1, -1, -1, -1, -1], [-1, -1, -1, -1, -1], [-1, -1, -1, -1, -1]]]
CLS = ("normal", (3, 4, NA), "float32")
for name, kw in [("default", {}), ("mining", dict(negative_mining_ratio=3)),
                 ("mining_min_samples", dict(negative_mining_ratio=2, minimum_negative_samples=10)),
                 ("mining_low_thresh", dict(negative_mining_ratio=3, negative_mining_thresh=0.01)),
                 ("no_overlap_stage", dict(overlap_threshold=0)), ("high_overlap", dict(overlap_threshold=0.9)),
                 ("ignore_label_variances", dict(ignore_label=-2, variances=(0.1, 0.2, 0.3, 0.4))),
                 ("strings", dict(overlap_threshold="0.4", variances="(0.1, 0.1, 0.2, 0.2)"))]:
    _case("MultiBoxTarget/" + name, "contrib.MultiBoxTarget", [_arr(ANCHORS), _arr(LABEL), CLS], kw, grad=[2])
MANY = np.full((2, 6, 6), -1.0)
for b in range(2):
    n = 5 - 2 * b
    MANY[b, :n, 0] = _RNG.randint(0, 4, n)
    MANY[b, :n, 1:5] = _corners((n,), 0, 0.7, 0.1, 0.4)
    MANY[b, :n, 5] = _RNG.randint(0, 2, n)
ANCHORS2 = _prior(6, 5, (0.2, 0.4), (1, 2, 0.5))
_case("MultiBoxTarget/many_gts_extra_column", "contrib.MultiBoxTarget",
      [_arr(ANCHORS2), _arr(MANY), ("normal", (2, 5, ANCHORS2.shape[1]), "float32")],
      dict(negative_mining_ratio=2, overlap_threshold=0.4))
_case("MultiBoxTarget/error_too_few_negatives", "contrib.MultiBoxTarget", [_arr(ANCHORS), _arr(LABEL), CLS],
      dict(negative_mining_ratio=100), error=True)
BAD_PAD = [[list(r) for r in LABEL[0]]]
BAD_PAD[0][2][3] = 0.5
_case("MultiBoxTarget/error_bad_padding", "contrib.MultiBoxTarget",
      [_arr(ANCHORS), _arr(BAD_PAD), ("normal", (1, 4, NA), "float32")], error=True)
_case("MultiBoxTarget/error_float64", "contrib.MultiBoxTarget",
      [_arr(ANCHORS, "float64"), _arr(LABEL, "float64"), ("normal", (3, 4, NA), "float64")], error=True)
_case("MultiBoxTarget/error_anchor_2d", "contrib.MultiBoxTarget", [_arr(ANCHORS[0]), _arr(LABEL), CLS], error=True)
_case("MultiBoxTarget/error_anchor_count", "contrib.MultiBoxTarget",
      [_arr(ANCHORS), _arr(LABEL), ("normal", (3, 4, 5), "float32")], error=True)
_case("MultiBoxTarget/error_label_width", "contrib.MultiBoxTarget",
      [_arr(ANCHORS), _arr(np.asarray(LABEL)[:, :, :4]), CLS], error=True)

# ---- MultiBoxDetection -----------------------------------------------------------------------------------------------


def _softmax(x, axis):
    e = np.exp(x - x.max(axis, keepdims=True))
    return e / e.sum(axis, keepdims=True)


A3 = _prior(3, 3, (0.4, 0.6), (1, 2))
PROB = _softmax(_RNG.normal(0, 2, (2, 4, A3.shape[1])), 1)
LOC = _RNG.normal(0, 0.5, (2, A3.shape[1] * 4))
for name, kw in [("default", {}), ("nms01", dict(nms_threshold=0.1)), ("topk", dict(nms_threshold=0.3, nms_topk=4)),
                 ("no_nms", dict(nms_threshold=0)), ("nms_above_one", dict(nms_threshold=1.5)),
                 ("threshold", dict(threshold=0.4, nms_threshold=0.2)), ("force", dict(force_suppress=True,
                                                                                    nms_threshold=0.2)),
                 ("no_clip_variances", dict(clip=False, variances=(0.2, 0.2, 0.1, 0.1))),
                 ("background_id", dict(background_id=1, nms_threshold=0.2))]:
    _case("MultiBoxDetection/" + name, "contrib.MultiBoxDetection", [_arr(PROB), _arr(LOC), _arr(A3)], kw, grad=[0, 1])
_case("MultiBoxDetection/all_background", "contrib.MultiBoxDetection",
      [_arr(np.stack((np.ones((2, 5)), np.zeros((2, 5))), 1)), ("normal", (2, 20), "float32"),
       _arr(_prior(1, 5, (0.3,), (1,)))])
_case("MultiBoxDetection/error_float64", "contrib.MultiBoxDetection",
      [_arr(PROB, "float64"), _arr(LOC, "float64"), _arr(A3, "float64")], dict(nms_threshold=0.3), error=True)

# ---- small ops -------------------------------------------------------------------------------------------------------
X23 = ("uniform", (2, 3), -2, 2, "float32")
_case("div_sqrt_dim/float32", "contrib.div_sqrt_dim", [("uniform", (2, 3, 5), -2, 2, "float32")], grad=[0])
_case("div_sqrt_dim/float64", "contrib.div_sqrt_dim", [("uniform", (4, 7), -2, 2, "float64")], grad=[0])
_case("div_sqrt_dim/float16", "contrib.div_sqrt_dim", [("uniform", (4, 7), -2, 2, "float16")])
_case("div_sqrt_dim/int32", "contrib.div_sqrt_dim", [_arr([[1, 2, 3, 9], [-5, 7, 8, -9]], "int32")])
_case("div_sqrt_dim/int32_dim2", "contrib.div_sqrt_dim", [_arr([[1, 2], [3, 4]], "int32")])
_case("quadratic/abc", "contrib.quadratic", [X23], dict(a=1, b=2, c=3), grad=[0])
_case("quadratic/default", "contrib.quadratic", [X23], grad=[0])
_case("quadratic/strings", "contrib.quadratic", [X23], dict(a="0.5", b="-1.5", c="2"), grad=[0])
_case("quadratic/float64", "contrib.quadratic", [("uniform", (3, 3), -2, 2, "float64")], dict(a=0.3, b=-2),
      grad=[0])
_case("quadratic/float16", "contrib.quadratic", [("uniform", (3, 3), -2, 2, "float16")], dict(a=0.1, b=0.5, c=1))
_case("quadratic/int32", "contrib.quadratic", [_arr([[1, 2], [3, -4]], "int32")], dict(a=1.5, b=2, c=3))
_case("quadratic/error_param", "contrib.quadratic", [X23], dict(d=1), error=True)
_case("gradientmultiplier/scale", "contrib.gradientmultiplier", [X23], dict(scalar=2.5), grad=[0])
_case("gradientmultiplier/negative_float", "contrib.gradientmultiplier", [X23], dict(scalar=-0.5, is_int=False),
      grad=[0])
_case("gradientmultiplier/default", "contrib.gradientmultiplier", [X23], grad=[0])
_case("backward_gradientmultiplier/scale", "contrib.backward_gradientmultiplier", [X23], dict(scalar=2.5))
_case("round_ste/values", "contrib.round_ste", [_arr([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.7, -1.9])], grad=[0])
_case("round_ste/random", "contrib.round_ste", [("uniform", (3, 4), -5, 5, "float32")], grad=[0])
_case("round_ste/int32", "contrib.round_ste", [_arr([1, -2, 3], "int32")])
_case("sign_ste/values", "contrib.sign_ste", [_arr([-2.5, 0.0, 0.5, -0.1])], grad=[0])
_case("sign_ste/int32", "contrib.sign_ste", [_arr([-1, 2, 0], "int32")])
A = np.array([1e10, 1e-7, 3.0], dtype=np.float32)
for name, a, b, kw in [("close", A, A * (1 + 1e-6), {}), ("far", A, A + 1, {}),
                       ("doc_false", [1e10, 1e-7], [1.00001e10, 1e-8], {}),
                       ("doc_true", [1e10, 1e-8], [1.00001e10, 1e-9], {}),
                       ("nan_equal", [NAN, 1.0], [NAN, 1.0], {}),
                       ("nan_not_equal", [NAN, 1.0], [NAN, 1.0], dict(equal_nan=False)),
                       ("nan_one_side", [NAN, 1.0], [2.0, 1.0], {}),
                       ("opposite_infinities", [1.0, INF], [1.0, -INF], {}),
                       ("infinities", [INF, -INF], [INF, -INF], {}),
                       ("rtol_atol", [1.0, 2.0], [1.1, 2.2], dict(rtol=0.1, atol=0.01)),
                       ("rtol_edge", [1.0, 2.0], [1.1, 2.2], dict(rtol=0.05))]:
    _case("allclose/" + name, "contrib.allclose", [_arr(a), _arr(b)], kw)
_case("allclose/float64", "contrib.allclose", [_arr([1.0, 2.0], "float64"), _arr([1.0, 2.0 + 1e-9], "float64")])
_case("allclose/int32", "contrib.allclose", [_arr([1, 2], "int32"), _arr([1, 2], "int32")])
_case("allclose/int32_different", "contrib.allclose", [_arr([1, 2], "int32"), _arr([1, 3], "int32")])
_case("allclose/2d", "contrib.allclose", [("uniform", (3, 4), 0, 1, "float32"), ("uniform", (3, 4), 0, 1, "float32")])
_case("allclose/error_shape", "contrib.allclose", [_arr([1.0, 2.0]), _arr([1.0, 2.0, 3.0])], error=True)
_case("allclose/error_dtype", "contrib.allclose", [_arr([1, 2], "int32"), _arr([1.0, 2.0])], error=True)

# ---- interleaved multi-head attention matmuls ------------------------------------------------------------------------
QKV = ("normal", (5, 2, 3 * 3 * 4), "float32")           # seq 5, batch 2, 3 heads of size 4
_case("interleaved_matmul_selfatt_qk/basic", "contrib.interleaved_matmul_selfatt_qk", [QKV], dict(heads=3), grad=[0],
      rtol=1e-4)
_case("interleaved_matmul_selfatt_valatt/basic", "contrib.interleaved_matmul_selfatt_valatt",
      [QKV, ("uniform", (6, 5, 5), 0, 1, "float32")], dict(heads=3), grad=[0, 1], rtol=1e-4)
_case("interleaved_matmul_encdec_qk/basic", "contrib.interleaved_matmul_encdec_qk",
      [("normal", (4, 2, 3 * 4), "float32"), ("normal", (5, 2, 3 * 2 * 4), "float32")], dict(heads=3), grad=[0, 1],
      rtol=1e-4)
_case("interleaved_matmul_encdec_valatt/basic", "contrib.interleaved_matmul_encdec_valatt",
      [("normal", (5, 2, 3 * 2 * 4), "float32"), ("uniform", (6, 4, 5), 0, 1, "float32")], dict(heads=3),
      grad=[0, 1], rtol=1e-4)
_case("interleaved_matmul_selfatt_qk/one_head", "contrib.interleaved_matmul_selfatt_qk",
      [("normal", (3, 1, 6), "float32")], dict(heads=1), rtol=1e-4)
