"""gluon.data.vision against real MXNet 1.9.1 (tools/golden/gluon_vision_scenarios.py): transforms on seeded
uint8 images, imperative and hybridized, and the datasets reading MXNet's file formats; plus the properties of
the random transforms (their draws come from a different generator than MXNet's) and the missing-file errors."""
import warnings

import numpy as np
import pytest

import mxcompat as mx
from _golden_compare import GOLDEN, expected, same, fresh_names  # noqa: F401 (autouse fixture)
import gluon_vision_scenarios as scenarios

EXPECTED = expected("vision")
T = mx.gluon.data.vision.transforms


@pytest.mark.parametrize("hybridize", [False, True], ids=["imperative", "hybridized"])
@pytest.mark.parametrize("scenario", scenarios.SCENARIOS, ids=lambda f: f.__name__)
def test_scenario(scenario, hybridize):
    if scenario is scenarios.datasets and hybridize:
        pytest.skip("no hybridized variant")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = scenario(mx, GOLDEN, hybridize)
    want = dict(EXPECTED[scenario.__name__])
    if scenario is scenarios.transforms:
        # the registry's uint8 resize may differ from OpenCV's fixed-point rounding by one level at a pixel:
        # after ToTensor and Normalize(std=0.2) that is 1 / 255 / 0.2 = 0.0196
        # (uint8 outputs of a resize may likewise differ by one level)
        same(got.pop("compose"), want.pop("compose"), "compose", rtol=0, atol=0.02)
        for name in [n for n, rec in want.items() if rec.get("dtype") == "uint8"]:
            same(got.pop(name), want.pop(name), name, rtol=0, atol=1)
    same(got, want, scenario.__name__, rtol=1e-4, atol=1e-3)


def _img(seed=0):
    return mx.nd.array(np.random.RandomState(seed).randint(0, 256, (6, 8, 3)), dtype='uint8')


def test_random_flips_give_the_image_or_its_mirror():
    x = _img()
    seen = set()
    for _ in range(30):
        y = T.RandomFlipLeftRight()(x).asnumpy()
        seen.add('same' if (y == x.asnumpy()).all() else 'flip' if (y == x.asnumpy()[:, ::-1]).all() else 'bad')
        z = T.RandomFlipTopBottom()(x).asnumpy()
        assert (z == x.asnumpy()).all() or (z == x.asnumpy()[::-1]).all()
    assert seen == {'same', 'flip'}


def test_random_color_transforms_stay_in_their_factor_range():
    x = mx.nd.array(np.random.RandomState(1).uniform(0, 255, (6, 8, 3)), dtype='float32')
    y = T.RandomBrightness(0.3)(x).asnumpy()
    ratio = y / np.maximum(x.asnumpy(), 1e-3)
    assert np.allclose(ratio, ratio.flat[0], rtol=1e-3) and 0.7 - 1e-4 <= ratio.flat[0] <= 1.3 + 1e-4
    for t in (T.RandomContrast(0.5), T.RandomSaturation(0.5), T.RandomHue(0.2), T.RandomLighting(0.1),
              T.RandomColorJitter(0.2, 0.2, 0.2, 0.1)):
        out = t(x)
        assert out.shape == x.shape and out.dtype == np.float32
    assert (T.RandomBrightness(0)(x).asnumpy() == x.asnumpy()).all()


def test_missing_dataset_files_name_the_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="train-labels-idx1-ubyte.gz"):
        mx.gluon.data.vision.MNIST(root=str(tmp_path))
    with pytest.raises(FileNotFoundError, match="test_batch.bin"):
        mx.gluon.data.vision.CIFAR10(root=str(tmp_path), train=False)


def test_image_folder_dataset(tmp_path):
    cv2 = pytest.importorskip("cv2")
    for cls, color in (("cat", 10), ("dog", 200)):
        (tmp_path / cls).mkdir()
        cv2.imwrite(str(tmp_path / cls / "a.png"), np.full((4, 5, 3), color, np.uint8))
    (tmp_path / "dog" / "notes.txt").write_text("x")
    with pytest.warns(UserWarning, match="Ignoring"):
        ds = mx.gluon.data.vision.ImageFolderDataset(str(tmp_path))
    assert ds.synsets == ["cat", "dog"] and len(ds) == 2
    img, label = ds[1]
    assert label == 1 and img.shape == (4, 5, 3) and int(img.asnumpy()[0, 0, 0]) == 200


def test_record_datasets_read_mxnet_written_rec():
    # tests/golden/recordio/images.rec was written by real MXNet; shapes, labels and pixel sums are MXNet's
    import os
    from mxcompat.gluon.data import RecordFileDataset
    from mxcompat.gluon.data.vision import ImageRecordDataset
    rec = os.path.join(os.path.dirname(__file__), "..", "golden", "recordio", "images.rec")
    raw = RecordFileDataset(rec)
    assert (len(raw), len(raw[0]), type(raw[0])) == (20, 965, bytes)
    data = ImageRecordDataset(rec)
    for i, shape, label, total in ((0, (33, 22, 3), 0.0, 269851), (1, (31, 26, 3), 1.0, 305892),
                                   (5, (21, 20, 3), 0.0, 156769)):
        img, lab = data[i]
        assert (img.shape, img.dtype, lab, int(img.asnumpy().sum())) == (shape, np.uint8, label, total)
    img, lab = ImageRecordDataset(rec, flag=0)[2]
    assert (img.shape, int(img.asnumpy().sum()), lab) == ((28, 27, 1), 96670, 2.0)
