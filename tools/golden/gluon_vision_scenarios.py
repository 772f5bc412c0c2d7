"""gluon.data.vision scenarios run under real MXNet 1.9.1 (tools/golden/gen_gluon_extra.py writes
tests/golden/gluon/vision.json) and under mxcompat (tests/gluon/test_gluon_data_vision.py compares):
deterministic transforms on a seeded uint8 image, RandomResizedCrop under a seeded Python ``random``, and the
datasets reading MXNet's file formats (written here with seeded bytes into a temporary root)."""
import gzip
import os
import random
import struct
import tempfile

import numpy as np

# (name, transform source with `T` in scope)
TRANSFORMS = [
    ("to_tensor", "T.ToTensor()"),
    ("normalize", "T.Compose([T.ToTensor(), T.Normalize((0.4, 0.5, 0.6), (0.2, 0.25, 0.3))])"),
    ("cast", "T.Cast('float16')"),
    ("resize_int", "T.Resize(12)"),
    ("resize_keep", "T.Resize(10, keep_ratio=True)"),
    ("resize_wh_nearest", "T.Resize((9, 14), interpolation=0)"),
    ("center_crop", "T.CenterCrop(8)"),
    ("center_crop_big", "T.CenterCrop((40, 10))"),
    ("crop_resize", "T.CropResize(2, 3, 10, 8, size=(5, 4), interpolation=1)"),
    ("compose", "T.Compose([T.Resize(16), T.CenterCrop(12), T.ToTensor(), T.Normalize(0.5, 0.2)])"),
    ("random_resized_crop", "T.RandomResizedCrop(8)"),
    ("random_resized_crop2", "T.RandomResizedCrop((10, 6), scale=(0.5, 0.9), ratio=(0.5, 2.0), interpolation=0)"),
]


def _image(seed, shape=(18, 24, 3)):
    return np.random.RandomState(seed).randint(0, 256, shape).astype(np.uint8)


def _tolist(a):
    a = a.asnumpy() if hasattr(a, 'asnumpy') else np.asarray(a)
    return np.round(a.astype(np.float64), 4).tolist()


def transforms(mx, files_dir, hybridize):
    T = mx.gluon.data.vision.transforms
    out = {}
    for k, (name, src) in enumerate(TRANSFORMS):
        t = eval(src, {"T": T})
        if hybridize and isinstance(t, mx.gluon.HybridBlock):
            t.hybridize()
        random.seed(k)
        y = t(mx.nd.array(_image(k), dtype='uint8'))
        out[name] = {"y": _tolist(y), "shape": list(y.shape), "dtype": np.dtype(y.dtype).name}
    batch = T.ToTensor()(mx.nd.array(np.stack([_image(40), _image(41)]), dtype='uint8'))
    out["to_tensor_batch"] = {"shape": list(batch.shape), "y": _tolist(batch[1, :, :2, :2])}
    return out


def _write_idx(path, arr, label):
    with gzip.open(path, 'wb') as fout:
        if label:
            fout.write(struct.pack('>II', 2049, len(arr)))
        else:
            fout.write(struct.pack('>IIII', 2051, len(arr), 28, 28))
        fout.write(arr.tobytes())


def _summary(ds):
    d0, l0 = ds[0]
    d1, l1 = ds[len(ds) - 1]
    return {"len": len(ds), "shape": list(d0.shape), "dtype": np.dtype(d0.dtype).name,
            "label_type": type(l0).__name__ if not hasattr(l0, 'dtype') else np.dtype(l0.dtype).name,
            "labels": [int(l0), int(l1)], "first": _tolist(d0[:2, :3]), "last_sum": int(d1.asnumpy().sum())}


def datasets(mx, files_dir, hybridize):
    V = mx.gluon.data.vision
    if hybridize is None:  # real MXNet would re-download files whose SHA-1 is not the published one
        import importlib
        for name in ('mxnet.gluon.utils', 'mxnet.gluon.data.vision.datasets'):
            module = importlib.import_module(name)
            if hasattr(module, 'check_sha1'):
                module.check_sha1 = lambda *args: True
    out = {}
    rng = np.random.RandomState(0)
    with tempfile.TemporaryDirectory() as root:
        for split, n in (('train', 5), ('t10k', 3)):
            _write_idx(os.path.join(root, '%s-images-idx3-ubyte.gz' % split),
                       rng.randint(0, 256, (n, 28, 28)).astype(np.uint8), False)
            _write_idx(os.path.join(root, '%s-labels-idx1-ubyte.gz' % split),
                       rng.randint(0, 10, n).astype(np.uint8), True)
        out["mnist"] = _summary(V.MNIST(root=root))
        out["mnist_test"] = _summary(V.MNIST(root=root, train=False))
        out["fashion"] = _summary(V.FashionMNIST(root=root, train=False,
                                                 transform=lambda d, l: (d.astype('float32') / 255, l)))
        for i in range(1, 6):
            rec = np.concatenate([rng.randint(0, 10, (2, 1)), rng.randint(0, 256, (2, 3072))], 1).astype(np.uint8)
            rec.tofile(os.path.join(root, 'data_batch_%d.bin' % i))
        rec = np.concatenate([rng.randint(0, 10, (3, 1)), rng.randint(0, 256, (3, 3072))], 1).astype(np.uint8)
        rec.tofile(os.path.join(root, 'test_batch.bin'))
        out["cifar10"] = _summary(V.CIFAR10(root=root))
        out["cifar10_test"] = _summary(V.CIFAR10(root=root, train=False))
        rec = np.concatenate([rng.randint(0, 20, (4, 1)), rng.randint(0, 100, (4, 1)),
                              rng.randint(0, 256, (4, 3072))], 1).astype(np.uint8)
        rec.tofile(os.path.join(root, 'train.bin'))
        rec[:1].tofile(os.path.join(root, 'test.bin'))
        out["cifar100"] = _summary(V.CIFAR100(root=root))
        out["cifar100_fine"] = _summary(V.CIFAR100(root=root, fine_label=True))
    return out


SCENARIOS = [transforms, datasets]
