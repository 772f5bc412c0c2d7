"""mx.image against real MXNet 1.9.1 outputs (tests/golden/recordio/expected.npz) and known maths."""
import glob
import json
import os
import random

import numpy as np
import pytest

pytest.importorskip("cv2")

import mxcompat as mx  # noqa: E402
from mxcompat.base import MXNetError  # noqa: E402

GOLDEN = os.path.join(os.path.dirname(__file__), "..", "golden", "recordio")
EXP = np.load(os.path.join(GOLDEN, "expected.npz"))
IMGS = [open(f, "rb").read() for f in sorted(glob.glob(os.path.join(GOLDEN, "img_*")))]


@pytest.mark.parametrize("i", range(len(IMGS)))
def test_imdecode_pixels_equal_mxnet(i):
    raw = IMGS[i]
    out = mx.image.imdecode(raw)
    assert out.dtype == np.uint8
    np.testing.assert_array_equal(out.asnumpy(), EXP["decode_%d" % i])
    np.testing.assert_array_equal(mx.image.imdecode(raw, flag=0).asnumpy(), EXP["decode_gray_%d" % i])
    np.testing.assert_array_equal(mx.image.imdecode(raw, to_rgb=False).asnumpy(), EXP["decode_bgr_%d" % i])


def test_imdecode_inputs_and_errors(tmp_path):
    raw = IMGS[0]
    want = EXP["decode_0"]
    for buf in (bytearray(raw), np.frombuffer(raw, np.uint8), mx.nd.array(np.frombuffer(raw, np.uint8).copy(), dtype="uint8")):
        np.testing.assert_array_equal(mx.image.imdecode(buf).asnumpy(), want)
    with pytest.raises(ValueError, match="buf must be of type bytes"):
        mx.image.imdecode("not bytes")
    with pytest.raises(MXNetError, match="Invalid image file"):
        mx.image.imdecode(b"garbage")
    path = str(tmp_path / "a.jpg")
    open(path, "wb").write(raw)
    np.testing.assert_array_equal(mx.image.imread(path).asnumpy(), want)
    assert mx.image.imread(path, flag=0).shape == want.shape[:2] + (1,)
    with pytest.raises(MXNetError, match="couldn't open file"):
        mx.image.imread(str(tmp_path / "missing.jpg"))


@pytest.mark.parametrize("interp", range(5))
def test_imresize_matches_mxnet(interp):
    src = mx.image.imdecode(IMGS[0])
    # OpenCV 4's fixed-point bicubic kernel differs from MXNet's bundled OpenCV 3 by at most 1
    tol = 1 if interp == 2 else 0
    for name, (w, h) in (("up", (41, 37)), ("down", (9, 13))):
        out = mx.image.imresize(src, w, h, interp=interp)
        assert out.shape == (h, w, 3)
        assert np.abs(out.asnumpy().astype(int) - EXP["resize_%s_%d" % (name, interp)]).max() <= tol
    np.testing.assert_allclose(mx.image.imresize(src.astype("float32") / 3, 17, 11).asnumpy(), EXP["resize_float"],
                               rtol=1e-5, atol=1e-4)
    with pytest.raises(MXNetError, match="greater equal to 1"):
        mx.image.imresize(src, 0, 3)


def test_border_resize_short_rotate_match_mxnet():
    src = mx.image.imdecode(IMGS[0])
    np.testing.assert_array_equal(mx.image.copyMakeBorder(src, 1, 2, 3, 4, type=0, values=(1, 2, 3)).asnumpy(),
                                  EXP["border"])
    np.testing.assert_array_equal(mx.image.copyMakeBorder(src, 2, 0, 0, 3, type=2).asnumpy(), EXP["border_reflect"])
    short = mx.image.resize_short(src, 10)
    assert short.shape == EXP["resize_short"].shape
    assert np.abs(short.asnumpy().astype(int) - EXP["resize_short"]).max() <= 1
    x = mx.nd.array(np.arange(2 * 5 * 4).reshape(2, 5, 4))
    np.testing.assert_allclose(mx.image.imrotate(x, 90).asnumpy(), EXP["rotate_90"], atol=1e-5)
    np.testing.assert_allclose(mx.image.imrotate(x, 30, zoom_in=True).asnumpy(), EXP["rotate_zoom_in"], atol=1e-4)
    got = mx.image.imrotate(mx.nd.stack(x, x * 2), mx.nd.array([30, -45]), zoom_out=True)
    np.testing.assert_allclose(got.asnumpy(), EXP["rotate_zoom_out"], atol=1e-4)
    with pytest.raises(ValueError):
        mx.image.imrotate(x, 30, zoom_in=True, zoom_out=True)


def test_crops_and_scale_down():
    assert mx.image.scale_down((640, 480), (720, 120)) == (640, 106)
    assert mx.image.scale_down((360, 1000), (480, 500)) == (360, 375)
    img = mx.nd.array(np.arange(6 * 8 * 3).reshape(6, 8, 3), dtype="uint8")
    np.testing.assert_array_equal(mx.image.fixed_crop(img, 2, 1, 3, 4).asnumpy(), img.asnumpy()[1:5, 2:5])
    out, rect = mx.image.center_crop(img, (4, 2))
    assert rect == (2, 2, 4, 2)
    np.testing.assert_array_equal(out.asnumpy(), img.asnumpy()[2:4, 2:6])
    random.seed(3)
    for _ in range(10):
        out, (x0, y0, w, h) = mx.image.random_crop(img, (5, 3))
        np.testing.assert_array_equal(out.asnumpy(), img.asnumpy()[y0:y0 + 3, x0:x0 + 5])
    out, (x0, y0, w, h) = mx.image.random_size_crop(img, (4, 4), 0.3, (0.75, 1.33))
    assert out.shape == (4, 4, 3) and x0 + w <= 8 and y0 + h <= 6
    f = img.astype("float32")
    want = (f.asnumpy() - [1, 2, 3]) / [2, 4, 8]
    np.testing.assert_allclose(mx.image.color_normalize(f, mx.nd.array([1, 2, 3]), mx.nd.array([2, 4, 8])).asnumpy(),
                               want, rtol=1e-6)


def test_augmenters():
    img = mx.nd.array(np.random.RandomState(0).randint(0, 255, (10, 12, 3)), dtype="float32")
    base = img.asnumpy()
    random.seed(5)
    alpha = 1.0 + random.Random(5).uniform(-0.3, 0.3)
    np.testing.assert_allclose(mx.image.BrightnessJitterAug(0.3)(img.copy()).asnumpy(), base * alpha, rtol=1e-5)
    np.testing.assert_array_equal(mx.image.HorizontalFlipAug(1)(img).asnumpy(), base[:, ::-1])
    np.testing.assert_allclose(mx.image.RandomGrayAug(1)(img).asnumpy()[..., 0],
                               base @ np.array([0.21, 0.72, 0.07]), rtol=1e-5)
    hue = mx.image.HueJitterAug(1e-9)  # a zero rotation leaves MXNet's (rounded) YIQ round trip
    np.testing.assert_allclose(hue(img).asnumpy(), base @ (hue.ityiq @ hue.tyiq).T, rtol=1e-4)
    sat = mx.image.SaturationJitterAug(0)(img.copy())  # alpha 1: unchanged
    np.testing.assert_allclose(sat.asnumpy(), base, rtol=1e-6)
    assert mx.image.CastAug("float16")(img).dtype == np.float16
    assert mx.image.ForceResizeAug((5, 7))(img.astype("uint8")).shape == (7, 5, 3)
    assert mx.image.ResizeAug(5)(img.astype("uint8")).shape == (5, 6, 3)
    assert json.loads(mx.image.ResizeAug(5, 1).dumps()) == ["resizeaug", {"size": 5, "interp": 1}]
    assert json.loads(mx.image.CastAug().dumps()) == ["castaug", {"type": "float32"}]
    augs = mx.image.CreateAugmenter((3, 8, 8), resize=10, rand_crop=True, rand_mirror=True, mean=True, std=True,
                                    brightness=0.1, hue=0.1, pca_noise=0.1, rand_gray=0.1)
    assert [type(a).__name__ for a in augs] == ["ResizeAug", "RandomCropAug", "HorizontalFlipAug", "CastAug",
                                                "ColorJitterAug", "HueJitterAug", "LightingAug", "RandomGrayAug",
                                                "ColorNormalizeAug"]
    out = img.astype("uint8")
    for aug in augs:
        out = aug(out)
    assert out.shape == (8, 8, 3) and out.dtype == np.float32


def _write_list(tmp_path):
    lst = tmp_path / "data.lst"
    names = sorted(glob.glob(os.path.join(GOLDEN, "img_*")))
    lst.write_text("".join("%d\t%d\t%s\n" % (i, i % 5, os.path.basename(f)) for i, f in enumerate(names)))
    return str(lst)


@pytest.mark.parametrize("source", ["rec", "idx", "lst"])
def test_image_iter_center_crop_pixels(source, tmp_path):
    kw = dict(rec=dict(path_imgrec=os.path.join(GOLDEN, "images.rec")),
              idx=dict(path_imgrec=os.path.join(GOLDEN, "images.rec"), path_imgidx=os.path.join(GOLDEN, "images.idx")),
              lst=dict(path_imglist=_write_list(tmp_path), path_root=GOLDEN))[source]
    it = mx.image.ImageIter(batch_size=6, data_shape=(3, 12, 12), **kw)
    assert it.provide_data == [("data", (6, 3, 12, 12))] and it.provide_label == [("softmax_label", (6,))]
    batches = list(it)
    assert [b.pad for b in batches] == [0, 0, 0, 4]
    for k, b in enumerate(batches):
        for j in range(6):
            i = (6 * k + j) % 20
            dec = EXP["decode_%d" % i]
            h, w = dec.shape[:2]
            y0, x0 = (h - 12) // 2, (w - 12) // 2
            np.testing.assert_array_equal(b.data[0][j].asnumpy(), dec[y0:y0 + 12, x0:x0 + 12].transpose(2, 0, 1))
            assert b.label[0][j].asscalar() == i % 5
    it.reset()
    assert len(list(it)) == 4


def test_image_iter_last_batch_modes():
    rec = os.path.join(GOLDEN, "images.rec")
    it = mx.image.ImageIter(6, (3, 8, 8), path_imgrec=rec, last_batch_handle="discard")
    assert len(list(it)) == 3
    it = mx.image.ImageIter(6, (3, 8, 8), path_imgrec=rec, path_imgidx=os.path.join(GOLDEN, "images.idx"),
                            last_batch_handle="roll_over", shuffle=True)
    assert len(list(it)) == 3
    it.reset()
    # the two rolled-over samples complete the first batch of the next epoch; MXNet reports its pad as 4
    assert [b.pad for b in it] == [4, 0, 0]
    ml = mx.image.ImageIter(4, (3, 8, 8), label_width=3, path_imgrec=os.path.join(GOLDEN, "multilabel.rec"))
    b = ml.next()
    assert b.label[0].shape == (4, 3)
    np.testing.assert_array_equal(b.label[0].asnumpy()[2], [2, 1, -2])


def test_opencv_failures_raise_mxnet_error():
    # MXNet reports OpenCV's own errors as MXNetError (here: an interpolation code OpenCV does not know)
    img = mx.nd.ones((4, 4, 3), dtype="uint8")
    with pytest.raises(mx.base.MXNetError, match="Unknown interpolation method"):
        mx.image.imresize(img, 2, 2, interp=17)
