"""File-backed iterators MXNet implements in C++: ``CSVIter``, ``MNISTIter``; ``LibSVMIter`` and
``ImageDetRecordIter`` are not supported yet (the RecordIO image iterators live in ``image_record``).

MXNet contract (1.9.1, ``MXDataIter``): ``getdata()`` / ``getlabel()`` return one NDArray (not a list),
``getindex()`` a uint64 numpy array, and ``next()`` wraps them as ``DataBatch([data], [label], pad, index)``.
- ``CSVIter(round_batch=True)`` fills the last batch from the start (``pad`` = samples wrapped) and the next
  epoch starts after the wrapped samples; with ``round_batch=False`` the filler rows keep the previous
  batch's rows at those positions (zeros in a first batch). ``dtype`` is 'float32' (default), 'int32' or
  'int64' for data and label alike.
- ``MNISTIter`` reads idx-ubyte files (plain or gzip), scales pixels by 1/256 as MXNet does, shuffles once at
  load with ``seed`` (numpy's generator, so the order differs from MXNet's), drops a last partial batch and
  reports an all-zero index.
Both read the whole file once into tensors; a batch that does not wrap is a slice of them.
"""
import gzip
import os
import struct

import numpy as np
import torch

from ..base import MXNetError, unsupported
from ..ndarray import NDArray, array as nd_array
from .io import DataBatch, DataDesc, DataIter


class _FileIter(DataIter):
    """MXDataIter semantics over in-memory ``data``/``label`` arrays (see the module docstring)."""

    def __init__(self, data, label, batch_size, round_batch, drop_last, data_name, label_name):
        super().__init__(batch_size)
        self._data = nd_array(data, dtype=data.dtype)
        self._label = nd_array(label, dtype=label.dtype)
        self._num = data.shape[0]
        self._round_batch = round_batch
        self._drop_last = drop_last
        self._start = 0
        self._prev = None
        self.provide_data = [DataDesc(data_name, (batch_size,) + data.shape[1:], self._data.dtype)]
        self.provide_label = [DataDesc(label_name, (batch_size,) + label.shape[1:], self._label.dtype)]
        self.reset()

    def reset(self):
        if self._round_batch and self._prev is not None and self._pad:
            self._start = (self._cursor + self.batch_size) % self._num
        else:
            self._start = 0
        self._cursor = self._start - self.batch_size
        self._pad = 0
        self._prev = None

    def iter_next(self):
        cursor = self._cursor + self.batch_size
        if cursor >= self._num or (self._drop_last and cursor + self.batch_size > self._num):
            return False
        self._cursor = cursor
        self._pad = max(0, cursor + self.batch_size - self._num)
        if self._pad == 0:
            self._index = None
        elif self._round_batch:
            self._index = np.arange(cursor, cursor + self.batch_size) % self._num
        else:
            fill = self._prev[self.batch_size - self._pad:] if self._prev is not None else np.zeros(
                self._pad, np.int64)
            self._index = np.concatenate([np.arange(cursor, self._num), fill])
        self._prev = self._positions()
        return True

    def _positions(self):
        if self._index is not None:
            return self._index
        return np.arange(self._cursor, self._cursor + self.batch_size)

    def _take(self, arr):
        if self._index is None:
            return arr[self._cursor:self._cursor + self.batch_size]
        return NDArray._wrap(arr._data.index_select(0, torch.as_tensor(self._index)), arr.context)

    def getdata(self):
        return self._take(self._data)

    def getlabel(self):
        return self._take(self._label)

    def getpad(self):
        return self._pad

    def getindex(self):
        return self._positions().astype(np.uint64)

    def next(self):
        if not self.iter_next():
            raise StopIteration
        return DataBatch(data=[self.getdata()], label=[self.getlabel()], pad=self.getpad(), index=self.getindex())


_CSV_DTYPES = {None: np.float32, "float32": np.float32, "int32": np.int32, "int64": np.int64}


def _read_csv(path, shape, dtype):
    if not os.path.isfile(path):
        raise MXNetError("CSVIter: cannot open file {}".format(path))
    rows = np.loadtxt(path, delimiter=",", dtype=dtype, ndmin=2)
    width = int(np.prod(shape))
    if rows.shape[1] != width:
        raise MXNetError("CSVIter: each row of {} must have {} values for shape {}, got {}".format(
            path, width, tuple(shape), rows.shape[1]))
    return rows.reshape((rows.shape[0],) + tuple(shape))


class CSVIter(_FileIter):
    """Batches from a CSV file of flattened samples (and an optional label CSV); labels default to 0."""

    def __init__(self, data_csv, data_shape, label_csv=None, label_shape=(1,), batch_size=1, round_batch=True,
                 prefetch_buffer=4, ctx="cpu", dtype=None, data_name="data", label_name="softmax_label", **kwargs):
        if dtype not in _CSV_DTYPES:
            raise MXNetError("CSVIter: dtype must be one of 'float32', 'int32', 'int64', got {!r}".format(dtype))
        np_dtype = _CSV_DTYPES[dtype]
        data = _read_csv(data_csv, data_shape, np_dtype)
        if label_csv is not None:
            label = _read_csv(label_csv, label_shape, np_dtype)
        else:
            label = np.zeros((data.shape[0],) + tuple(label_shape), dtype=np_dtype)
        if tuple(label_shape) == (1,):
            label = label.reshape(-1)
        super().__init__(data, label, batch_size, bool(round_batch), False, data_name, label_name)


def _open(path):
    if not os.path.isfile(path):
        raise MXNetError("MNISTIter: cannot open file {}".format(path))
    with open(path, "rb") as f:
        head = f.read(2)
    return gzip.open(path, "rb") if head == b"\x1f\x8b" else open(path, "rb")


def _read_idx(path, want_magic):
    with _open(path) as f:
        buf = f.read()
    if len(buf) < 8:
        raise MXNetError("MNISTIter: {} is truncated".format(path))
    magic, count = struct.unpack(">ii", buf[:8])
    if magic != want_magic:
        raise MXNetError("MNISTIter: {} has magic {} where an idx file of type {} was expected".format(
            path, magic, want_magic))
    if want_magic == 2051:
        rows, cols = struct.unpack(">ii", buf[8:16])
        need = 16 + count * rows * cols
        if len(buf) < need:
            raise MXNetError("MNISTIter: {} is truncated ({} of {} bytes)".format(path, len(buf), need))
        return np.frombuffer(buf, dtype=np.uint8, count=count * rows * cols, offset=16).reshape(count, rows, cols)
    if len(buf) < 8 + count:
        raise MXNetError("MNISTIter: {} is truncated".format(path))
    return np.frombuffer(buf, dtype=np.uint8, count=count, offset=8)


class MNISTIter(_FileIter):
    """MNIST from the standard idx-ubyte files (plain or gzip): pixels / 256, (N,1,28,28) or flat."""

    def __init__(self, image="./train-images-idx3-ubyte", label="./train-labels-idx1-ubyte", batch_size=128,
                 shuffle=True, flat=False, seed=0, silent=False, num_parts=1, part_index=0, prefetch_buffer=4,
                 ctx="cpu", dtype=None, input_shape=None, data_name="data", label_name="softmax_label", **kwargs):
        images = _read_idx(image, 2051).astype(np.float32) * (1.0 / 256)
        labels = _read_idx(label, 2049).astype(np.float32)
        if images.shape[0] != labels.shape[0]:
            raise MXNetError("MNISTIter: {} images but {} labels".format(images.shape[0], labels.shape[0]))
        if num_parts > 1:
            step = images.shape[0] // num_parts
            images = images[part_index * step:(part_index + 1) * step]
            labels = labels[part_index * step:(part_index + 1) * step]
        images = images.reshape(images.shape[0], -1) if flat else images[:, None, :, :]
        if shuffle:
            order = np.random.RandomState(seed).permutation(images.shape[0])
            images, labels = images[order], labels[order]
        super().__init__(images, labels, batch_size, False, True, data_name, label_name)
        if not silent:
            import logging
            logging.info("MNISTIter: load %d images, shuffle=%d, shape=%s", images.shape[0], int(shuffle),
                         str((batch_size,) + images.shape[1:]))

    def getindex(self):
        return np.zeros(self.batch_size, np.uint64)


def _unsupported_iter(name, why):
    def make(*args, **kwargs):
        raise unsupported("mx.io." + name, why)
    make.__name__ = name
    return make


LibSVMIter = _unsupported_iter("LibSVMIter", "it yields sparse CSR batches")
ImageDetRecordIter = _unsupported_iter("ImageDetRecordIter", "object-detection RecordIO pipelines")
