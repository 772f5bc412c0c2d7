"""Op-database cases: ``mx.nd.image`` (to_tensor, normalize, crop, flips, resize, adjust_lighting, and the random
colour augmenters made deterministic with min_factor == max_factor or alpha_std=0).

uint8 ``resize`` is not here: OpenCV's fixed-point kernel can differ by 1 from mxcompat's float interpolation;
tests/test_op_image.py checks it with that tolerance.
"""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _cases import add_case  # noqa: E402  pylint: disable=wrong-import-position

CASES = []


def _case(*args, **kwargs):
    add_case(CASES, *args, **kwargs)


IMG = ("randint", (4, 5, 3), 0, 256, "uint8")
IMGF = ("uniform", (4, 5, 3), 0, 255, "float32")
GRAY = ("randint", (4, 5, 1), 0, 256, "uint8")
CHW = ("uniform", (3, 4, 5), 0, 1, "float32")
NCHW = ("uniform", (2, 3, 4, 5), 0, 1, "float32")

# ---- to_tensor ------------------------------------------------------------------------------------------------------
_case("to_tensor/uint8", "image.to_tensor", [IMG])
_case("to_tensor/uint8_batch", "image.to_tensor", [("randint", (2, 4, 5, 3), 0, 256, "uint8")])
_case("to_tensor/gray", "image.to_tensor", [GRAY])
_case("to_tensor/float32", "image.to_tensor", [IMGF])
_case("to_tensor/float64", "image.to_tensor", [("uniform", (3, 2, 3), 0, 255, "float64")])
_case("to_tensor/float16", "image.to_tensor", [("uniform", (3, 2, 3), 0, 255, "float16")])
_case("to_tensor/int8", "image.to_tensor", [("randint", (3, 2, 3), -128, 128, "int8")])
_case("to_tensor/int32", "image.to_tensor", [("randint", (3, 2, 3), 0, 1000, "int32")])
_case("to_tensor/error_2d", "image.to_tensor", [("randint", (4, 15), 0, 256, "uint8")], error=True)
_case("to_tensor/error_5d", "image.to_tensor", [("randint", (1, 1, 4, 5, 3), 0, 256, "uint8")], error=True)

# ---- normalize -------------------------------------------------------------------------------------------------------
MS = dict(mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225))
_case("normalize/chw", "image.normalize", [CHW], MS, grad=[0])
_case("normalize/nchw", "image.normalize", [NCHW], MS, grad=[0])
_case("normalize/scalar", "image.normalize", [CHW], dict(mean=0.5, std=0.25), grad=[0])
_case("normalize/mixed", "image.normalize", [NCHW], dict(mean=(0.1, 0.2, 0.3), std=2), grad=[0])
_case("normalize/one_channel", "image.normalize", [("uniform", (1, 4, 5), 0, 1, "float32")], dict(mean=0.3,
                                                                                                    std=(0.2,)))
_case("normalize/strings", "image.normalize", [CHW], dict(mean="(0.1, 0.2, 0.3)", std="[0.5, 0.6, 0.7]"))
_case("normalize/float64", "image.normalize", [("uniform", (3, 2, 2), 0, 1, "float64")], MS, grad=[0])
_case("normalize/float16", "image.normalize", [("uniform", (3, 2, 2), 0, 1, "float16")], MS)
_case("normalize/uint8", "image.normalize", [("randint", (3, 2, 4), 0, 8, "uint8")], dict(mean=(1, 2, 3), std=2))
_case("normalize/int32", "image.normalize", [("randint", (3, 2, 4), -8, 8, "int32")], dict(mean=(1.5, 2, 3),
                                                                                            std=(2, 0.5, 3)))
_case("normalize/error_default_mean", "image.normalize", [CHW], error=True)
_case("normalize/error_four_channels", "image.normalize", [("uniform", (4, 2, 2), 0, 1, "float32")], dict(mean=0.1),
      error=True)
_case("normalize/error_mean_len", "image.normalize", [CHW], dict(mean=(0.1, 0.2)), error=True)
_case("normalize/error_std_len", "image.normalize", [("uniform", (1, 2, 2), 0, 1, "float32")],
      dict(mean=0.1, std=(0.1, 0.2, 0.3)), error=True)
_case("normalize/error_2d", "image.normalize", [("uniform", (2, 2), 0, 1, "float32")], dict(mean=0.1), error=True)

# ---- crop ------------------------------------------------------------------------------------------------------------
_case("crop/hwc", "image.crop", [IMGF], dict(x=1, y=1, width=2, height=2), grad=[0])
_case("crop/nhwc", "image.crop", [("uniform", (2, 4, 5, 3), 0, 1, "float32")], dict(x=0, y=2, width=5, height=2),
      grad=[0])
_case("crop/uint8_positional", "image.crop", [IMG], args=[2, 1, 3, 3])
_case("crop/full", "image.crop", [IMG], dict(x=0, y=0, width=5, height=4))
_case("crop/error_width", "image.crop", [IMG], dict(x=4, y=1, width=2, height=2), error=True)
_case("crop/error_height", "image.crop", [IMG], dict(x=1, y=3, width=2, height=2), error=True)
_case("crop/error_zero", "image.crop", [IMG], dict(x=1, y=1, width=0, height=2), error=True)
_case("crop/error_2d", "image.crop", [("randint", (20, 3), 0, 256, "uint8")], dict(x=1, y=1, width=2, height=2),
      error=True)
_case("crop/error_missing", "image.crop", [IMG], dict(x=1, y=1, width=2), error=True)

# ---- flips -----------------------------------------------------------------------------------------------------------
# MXNet's flip only swaps pairs, so an odd-sized flipped axis leaves its middle line unwritten: use even sizes
# (the odd case is a listed deviation).
for op in ("flip_left_right", "flip_top_bottom"):
    _case(op + "/uint8", "image." + op, [("randint", (4, 6, 3), 0, 256, "uint8")])
    _case(op + "/float_grad_is_copied", "image." + op, [("uniform", (4, 6, 3), 0, 255, "float32")], grad=[0])
    _case(op + "/gray", "image." + op, [("randint", (4, 6, 1), 0, 256, "uint8")])
    _case(op + "/odd_size", "image." + op, [("randint", (5, 5, 3), 0, 256, "uint8")])
    _case(op + "/error_4d", "image." + op, [("randint", (2, 2, 5, 3), 0, 256, "uint8")], error=True)
    _case(op + "/error_4_channels", "image." + op, [("randint", (2, 5, 4), 0, 256, "uint8")], error=True)

# ---- resize (float) --------------------------------------------------------------------------------------------------
RIMG = ("uniform", (6, 9, 3), 0, 255, "float32")
for name, kw in [("down", dict(size=(5, 4))), ("up", dict(size=(13, 11))), ("mixed", dict(size=(12, 3))),
                 ("square", dict(size=4)), ("keep_ratio_wide", dict(size=4, keep_ratio=True)),
                 ("keep_ratio_ignored_for_pairs", dict(size=(4, 5), keep_ratio=True)),
                 ("same", dict(size=(9, 6))), ("positional", {}), ("nearest_down", dict(size=(4, 4), interp=0)),
                 ("nearest_up", dict(size=(14, 10), interp=0)), ("bicubic_up", dict(size=(14, 10), interp=2)),
                 ("bicubic_down", dict(size=(5, 4), interp=2)), ("area_integer", dict(size=(3, 2), interp=3)),
                 ("string_size", dict(size="(7, 5)"))]:
    args = [(5, 4)] if name == "positional" else []
    # bicubic sums with negative weights: allow float32 rounding relative to the 0..255 data range
    tol = dict(atol=1e-3) if kw.get("interp") == 2 else {}
    _case("resize/" + name, "image.resize", [RIMG], kw, args=args, **tol)
_case("resize/keep_ratio_tall", "image.resize", [("uniform", (9, 6, 3), 0, 255, "float32")], dict(size=4,
                                                                                                   keep_ratio=True))
_case("resize/batch", "image.resize", [("uniform", (2, 6, 9, 3), 0, 1, "float32")], dict(size=(5, 4)))
_case("resize/five_channels", "image.resize", [("uniform", (6, 9, 5), 0, 1, "float32")], dict(size=(5, 4)))
_case("resize/float64", "image.resize", [("uniform", (6, 9, 3), 0, 255, "float64")], dict(size=(5, 4)))
_case("resize/grad_same_size", "image.resize", [RIMG], dict(size=(9, 6)), grad=[0])
_case("resize/error_float16", "image.resize", [("uniform", (6, 9, 3), 0, 1, "float16")], dict(size=(5, 4)),
      error=True)
_case("resize/error_int32", "image.resize", [("randint", (6, 9, 3), 0, 9, "int32")], dict(size=(5, 4)), error=True)
_case("resize/error_size_3", "image.resize", [RIMG], dict(size=(4, 5, 6)), error=True)
_case("resize/error_size_empty", "image.resize", [RIMG], error=True)
_case("resize/error_size_zero", "image.resize", [RIMG], dict(size=0), error=True)
_case("resize/error_2d", "image.resize", [("uniform", (6, 9), 0, 1, "float32")], dict(size=3), error=True)

# ---- lighting and the deterministic random augmenters ----------------------------------------------------------------
ALPHA = dict(alpha=(0.1, 0.2, 0.3))
_case("adjust_lighting/float32", "image.adjust_lighting", [IMGF], ALPHA, grad=[0])
_case("adjust_lighting/uint8_saturates", "image.adjust_lighting", [IMG], dict(alpha=(-1.0, 2.0, 3.0)))
_case("adjust_lighting/float64", "image.adjust_lighting", [("uniform", (3, 2, 3), 0, 255, "float64")], ALPHA)
_case("adjust_lighting/string", "image.adjust_lighting", [IMGF], dict(alpha="(0.5, -0.2, 0.1)"))
_case("adjust_lighting/error_4d", "image.adjust_lighting", [("uniform", (1, 4, 5, 3), 0, 1, "float32")], ALPHA,
      error=True)
_case("adjust_lighting/error_2_channels", "image.adjust_lighting", [("uniform", (4, 5, 2), 0, 1, "float32")], ALPHA,
      error=True)
_case("random_lighting/zero_std", "image.random_lighting", [IMGF], dict(alpha_std=0.0), grad=[0])
for op, factors in (("random_brightness", (0.5, 1.7)), ("random_contrast", (0.3, 1.6)),
                    ("random_saturation", (0.2, 1.8)), ("random_hue", (-0.3, 0.15, 0.45))):
    for f in factors:
        kw = dict(min_factor=f, max_factor=f)
        tag = ("%g" % f).replace("-", "m").replace(".", "p")
        if f < 0:
            _case("{}/error_negative_{}".format(op, tag), "image." + op, [IMG], kw, error=True)
            continue
        _case("{}/uint8_{}".format(op, tag), "image." + op, [IMG], kw)
        _case("{}/float32_{}".format(op, tag), "image." + op, [IMGF], kw, grad=[0])
    _case(op + "/gray", "image." + op, [GRAY if op in ("random_brightness", "random_contrast", "random_saturation")
                                      else IMG], dict(min_factor=0.5, max_factor=0.5))
    _case(op + "/error_4d", "image." + op, [("randint", (1, 4, 5, 3), 0, 256, "uint8")],
          dict(min_factor=0.5, max_factor=0.5), error=True)
_case("random_hue/gray_levels", "image.random_hue",
      [("array", [[[0, 0, 0], [255, 255, 255], [7, 7, 7]], [[255, 0, 0], [0, 255, 0], [0, 0, 255]]], "uint8")],
      dict(min_factor=0.25, max_factor=0.25))
_case("random_brightness/int32", "image.random_brightness", [("randint", (2, 2, 3), 0, 300, "int32")],
      dict(min_factor=1.5, max_factor=1.5))
_case("random_brightness/float64", "image.random_brightness", [("uniform", (2, 2, 3), 0, 300, "float64")],
      dict(min_factor=1.3, max_factor=1.3))
_case("random_color_jitter/error_4d", "image.random_color_jitter", [("randint", (1, 4, 5, 3), 0, 256, "uint8")],
      dict(brightness=0.1, contrast=0.1, saturation=0.1, hue=0.1), error=True)
_case("random_color_jitter/error_missing", "image.random_color_jitter", [IMG], dict(brightness=0.1), error=True)
