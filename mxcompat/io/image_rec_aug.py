"""The ``aug_default`` augmenter of MXNet's C++ ``ImageRecordIter`` (``src/io/image_aug_default.cc``), on OpenCV.

Works on the decoded BGR ``uint8`` numpy image, in MXNet's order: resize the shorter edge to ``resize``;
affine warp (rotation / scale / aspect / shear / size limits) when any of those is set; pad by ``pad`` with
``fill_value``; crop (a random size in ``[min_crop_size, max_crop_size]`` resized to ``data_shape``, or a
``data_shape`` window), centred unless ``rand_crop``; HLS jitter (``random_h/s/l``).
Deliberate difference: random draws come from numpy's generator, not MXNet's per-thread mt19937, so random
augmentations are statistically, not bitwise, the same. Options that mxcompat does not implement yet raise
NotImplementedError when set to a non-default value.
"""
import math

import numpy as np

from ..base import MXNetError, unsupported
from ..image._cv import cv2_module

_NOT_YET = {"random_resized_crop": False, "brightness": 0.0, "contrast": 0.0, "saturation": 0.0,
            "pca_noise": 0.0, "max_random_area": 1.0, "min_random_area": 1.0, "min_aspect_ratio": None}


def _inter(method, old_w, old_h, new_w, new_h, rng):
    if method == 9:
        if new_w > old_w and new_h > old_h:
            return 2
        if new_w < old_w and new_h < old_h:
            return 3
        return 1
    if method == 10:
        return int(rng.randint(0, 5))
    return method


class DefaultAug:
    """One configured ``aug_default``; ``__call__(img, rng)`` returns the augmented BGR image."""

    def __init__(self, p):
        for name, default in _NOT_YET.items():
            if p[name] != default:
                raise unsupported("mx.io.ImageRecordIter({}=...)".format(name), "augmentation not implemented")
        if not (1 <= p["inter_method"] <= 4 or 9 <= p["inter_method"] <= 10) and (
                p["resize"] != -1 or self._affine_on(p)):
            raise MXNetError("invalid inter_method: valid value 0,1,2,3,9,10")
        self.p = p
        self.affine = self._affine_on(p)

    @staticmethod
    def _affine_on(p):
        return (p["max_rotate_angle"] > 0 or p["max_shear_ratio"] > 0 or p["rotate"] > 0
                or p["max_random_scale"] != 1.0 or p["min_random_scale"] != 1.0 or p["max_aspect_ratio"] != 0.0
                or p["max_img_size"] != 1e10 or p["min_img_size"] != 0.0)

    def __call__(self, img, rng):
        p, cv2 = self.p, cv2_module()
        if p["resize"] != -1:
            rows, cols = img.shape[:2]
            if rows > cols:
                new_h, new_w = p["resize"] * rows // cols, p["resize"]
            else:
                new_h, new_w = p["resize"], p["resize"] * cols // rows
            img = cv2.resize(img, (new_w, new_h), interpolation=_inter(p["inter_method"], cols, rows, new_w,
                                                                       new_h, rng))
        if self.affine:
            img = self._warp(img, rng)
        if p["pad"] > 0:
            fill = (p["fill_value"],) * 3
            img = cv2.copyMakeBorder(img, *(p["pad"],) * 4, cv2.BORDER_CONSTANT, value=fill)
        img = self._crop(img, rng)
        if p["random_h"] or p["random_s"] or p["random_l"]:
            img = self._hls(img, rng)
        return img

    def _warp(self, img, rng):
        p, cv2 = self.p, cv2_module()
        rows, cols = img.shape[:2]
        s = rng.uniform() * p["max_shear_ratio"] * 2 - p["max_shear_ratio"]
        angle = rng.randint(-p["max_rotate_angle"], p["max_rotate_angle"] + 1)
        if p["rotate"] > 0:
            angle = p["rotate"]
        a, b = math.cos(angle / 180.0 * math.pi), math.sin(angle / 180.0 * math.pi)
        scale = rng.uniform() * (p["max_random_scale"] - p["min_random_scale"]) + p["min_random_scale"]
        ratio = rng.uniform() * p["max_aspect_ratio"] * 2 - p["max_aspect_ratio"] + 1
        hs = 2 * scale / (1 + ratio)
        ws = ratio * hs
        new_w = max(p["min_img_size"], min(p["max_img_size"], scale * cols))
        new_h = max(p["min_img_size"], min(p["max_img_size"], scale * rows))
        m = np.array([[hs * a - s * b * ws, hs * b + s * a * ws, 0], [-b * ws, a * ws, 0]], np.float32)
        m[0, 2] = (new_w - (m[0, 0] * cols + m[0, 1] * rows)) / 2
        m[1, 2] = (new_h - (m[1, 0] * cols + m[1, 1] * rows)) / 2
        size = (int(new_w), int(new_h))
        return cv2.warpAffine(img, m, size, flags=_inter(p["inter_method"], cols, rows, size[0], size[1], rng),
                              borderMode=cv2.BORDER_CONSTANT, borderValue=(p["fill_value"],) * 3)

    def _crop(self, img, rng):
        p = self.p
        rows, cols = img.shape[:2]
        _, out_h, out_w = p["data_shape"]
        if p["max_crop_size"] != -1 or p["min_crop_size"] != -1:
            if not (cols >= p["max_crop_size"] and rows >= p["max_crop_size"]
                    and p["max_crop_size"] >= p["min_crop_size"]):
                raise MXNetError("input image size smaller than max_crop_size")
            size = int(rng.randint(p["min_crop_size"], p["max_crop_size"] + 1))
            y, x = self._corner(rows - size, cols - size, rng)
            method = _inter(p["inter_method"], size, size, out_w, out_h, rng)
            return cv2_module().resize(img[y:y + size, x:x + size], (out_w, out_h), interpolation=method)
        if rows < out_h or cols < out_w:
            raise MXNetError("input image size smaller than input shape")
        y, x = self._corner(rows - out_h, cols - out_w, rng)
        return img[y:y + out_h, x:x + out_w]

    def _corner(self, dy, dx, rng):
        if self.p["rand_crop"]:
            return int(rng.randint(0, dy + 1)), int(rng.randint(0, dx + 1))
        return dy // 2, dx // 2

    def _hls(self, img, rng):
        p, cv2 = self.p, cv2_module()
        hls = cv2.cvtColor(np.ascontiguousarray(img), cv2.COLOR_BGR2HLS).astype(np.int32)
        shift = [int(rng.uniform() * p[k] * 2 - p[k]) for k in ("random_h", "random_s", "random_l")]
        for ch, delta, limit in ((0, shift[0], 180), (1, shift[2], 255), (2, shift[1], 255)):
            hls[..., ch] = np.clip(hls[..., ch] + delta, 0, limit)
        return cv2.cvtColor(hls.astype(np.uint8), cv2.COLOR_HLS2BGR)
