"""``mx.gluon.data.vision`` datasets: MNIST, FashionMNIST, CIFAR10, CIFAR100, ImageRecordDataset,
ImageFolderDataset.

MXNet contract (1.9.1): ``dataset[i]`` is ``(data, label)`` (or ``transform(data, label)``); MNIST data are
uint8 NDArrays (N, 28, 28, 1) read from ``root/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz`` with int32
numpy labels; CIFAR data are uint8 (N, 32, 32, 3) read from ``root/data_batch_{1..5}.bin`` / ``test_batch.bin``
(CIFAR-100: ``train.bin`` / ``test.bin``, coarse label unless ``fine_label``); default roots are
``$MXNET_HOME/datasets/<name>``. ``ImageFolderDataset`` labels each sub-folder of ``root`` in sorted order
(``synsets``) and decodes .jpg/.jpeg/.png with ``mx.image.imread``; ``ImageRecordDataset`` decodes the
records of an indexed RecordIO file.
Deliberate difference: nothing is downloaded. A missing file raises FileNotFoundError naming it (a CIFAR
archive ``cifar-10-binary.tar.gz`` / ``cifar-100-binary.tar.gz`` already in root is extracted, as MXNet does
after downloading); files present are used without checking MXNet's SHA-1.
"""
import gzip
import os
import struct
import tarfile
import warnings

import numpy as np

from .. import dataset
from .... import nd, image, recordio, base

__all__ = ['MNIST', 'FashionMNIST', 'CIFAR10', 'CIFAR100', 'ImageRecordDataset', 'ImageFolderDataset']


def _need(root, name, what):
    path = os.path.join(root, name)
    if not os.path.exists(path):
        raise FileNotFoundError(
            "%s: file %s not found. mxcompat does not download datasets: place MXNet's %s file there (or pass "
            "root=). See migration_guide.md." % (what, path, name))
    return path


class _LocalDataset(dataset.Dataset):
    """Data and labels loaded once from files in ``root``."""

    def __init__(self, root, transform):
        super(_LocalDataset, self).__init__()
        self._transform = transform
        self._root = os.path.expanduser(root)
        self._data = None
        self._label = None
        self._get_data()

    def __getitem__(self, idx):
        if self._transform is not None:
            return self._transform(self._data[idx], self._label[idx])
        return self._data[idx], self._label[idx]

    def __len__(self):
        return len(self._label)

    def _get_data(self):
        raise NotImplementedError


class MNIST(_LocalDataset):
    """MNIST handwritten digits: 60,000 training and 10,000 test images of 28x28x1."""
    _what = 'MNIST'

    def __init__(self, root=os.path.join(base.data_dir(), 'datasets', 'mnist'), train=True, transform=None):
        self._train = train
        super(MNIST, self).__init__(root, transform)

    def _get_data(self):
        split = 'train' if self._train else 't10k'
        label_file = _need(self._root, '%s-labels-idx1-ubyte.gz' % split, self._what)
        data_file = _need(self._root, '%s-images-idx3-ubyte.gz' % split, self._what)
        with gzip.open(label_file, 'rb') as fin:
            struct.unpack(">II", fin.read(8))
            label = np.frombuffer(fin.read(), dtype=np.uint8).astype(np.int32)
        with gzip.open(data_file, 'rb') as fin:
            struct.unpack(">IIII", fin.read(16))
            data = np.frombuffer(fin.read(), dtype=np.uint8).reshape(len(label), 28, 28, 1)
        self._data = nd.array(data, dtype=data.dtype)
        self._label = label


class FashionMNIST(MNIST):
    """Fashion-MNIST: the MNIST file layout with clothing images."""
    _what = 'FashionMNIST'

    def __init__(self, root=os.path.join(base.data_dir(), 'datasets', 'fashion-mnist'), train=True,
                 transform=None):
        super(FashionMNIST, self).__init__(root, train, transform)


class CIFAR10(_LocalDataset):
    """CIFAR-10: 50,000 training and 10,000 test images of 32x32x3 in 10 classes."""
    _what = 'CIFAR10'
    _archive = 'cifar-10-binary.tar.gz'
    _train_files = ['data_batch_%d.bin' % i for i in range(1, 6)]
    _test_files = ['test_batch.bin']
    _label_bytes = 1

    def __init__(self, root=os.path.join(base.data_dir(), 'datasets', 'cifar10'), train=True, transform=None):
        self._train = train
        super(CIFAR10, self).__init__(root, transform)

    def _label_column(self):
        return 0

    def _read_batch(self, filename):
        with open(filename, 'rb') as fin:
            data = np.frombuffer(fin.read(), dtype=np.uint8).reshape(-1, 3072 + self._label_bytes)
        return (data[:, self._label_bytes:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1),
                data[:, self._label_column()].astype(np.int32))

    def _get_data(self):
        names = self._train_files if self._train else self._test_files
        if any(not os.path.exists(os.path.join(self._root, n)) for n in names):
            archive = os.path.join(self._root, self._archive)
            if os.path.exists(archive):
                with tarfile.open(archive) as tar:
                    tar.extractall(self._root)
        data, label = zip(*(self._read_batch(_need(self._root, n, self._what)) for n in names))
        data, label = np.concatenate(data), np.concatenate(label)
        self._data = nd.array(data, dtype=data.dtype)
        self._label = label


class CIFAR100(CIFAR10):
    """CIFAR-100: coarse (20) labels, or fine (100) labels with ``fine_label=True``."""
    _what = 'CIFAR100'
    _archive = 'cifar-100-binary.tar.gz'
    _train_files = ['train.bin']
    _test_files = ['test.bin']
    _label_bytes = 2

    def __init__(self, root=os.path.join(base.data_dir(), 'datasets', 'cifar100'), fine_label=False, train=True,
                 transform=None):
        self._fine_label = fine_label
        super(CIFAR100, self).__init__(root, train, transform)

    def _label_column(self):
        return 0 + self._fine_label


class ImageRecordDataset(dataset.RecordFileDataset):
    """Images (decoded with ``mx.image.imdecode(img, flag)``) and header labels of an indexed .rec file."""

    def __init__(self, filename, flag=1, transform=None):
        super(ImageRecordDataset, self).__init__(filename)
        self._flag = flag
        self._transform = transform

    def __getitem__(self, idx):
        header, img = recordio.unpack(super(ImageRecordDataset, self).__getitem__(idx))
        img = image.imdecode(img, self._flag)
        if self._transform is not None:
            return self._transform(img, header.label)
        return img, header.label


class ImageFolderDataset(dataset.Dataset):
    """Images in ``root/<class folder>/<file>``; labels index ``synsets`` (sorted folder names)."""

    def __init__(self, root, flag=1, transform=None):
        self._root = os.path.expanduser(root)
        self._flag = flag
        self._transform = transform
        self._exts = ['.jpg', '.jpeg', '.png']
        self._list_images(self._root)

    def _list_images(self, root):
        self.synsets = []
        self.items = []
        for folder in sorted(os.listdir(root)):
            path = os.path.join(root, folder)
            if not os.path.isdir(path):
                warnings.warn('Ignoring %s, which is not a directory.' % path, stacklevel=3)
                continue
            label = len(self.synsets)
            self.synsets.append(folder)
            for filename in sorted(os.listdir(path)):
                filename = os.path.join(path, filename)
                ext = os.path.splitext(filename)[1]
                if ext.lower() not in self._exts:
                    warnings.warn('Ignoring %s of type %s. Only support %s' % (filename, ext, ', '.join(self._exts)))
                    continue
                self.items.append((filename, label))

    def __getitem__(self, idx):
        img = image.imread(self.items[idx][0], self._flag)
        label = self.items[idx][1]
        if self._transform is not None:
            return self._transform(img, label)
        return img, label

    def __len__(self):
        return len(self.items)
