"""``mx.image.ImageIter``: the Python image iterator over a .rec file or an image list (MXNet 1.9.1).

Sources: ``path_imgrec`` (+ ``path_imgidx`` for shuffling and partitions), ``path_imglist`` + ``path_root``
(lines ``index\\tlabel...\\trelative_path``), or ``imglist`` (``[[label(s)..., path], ...]``). Each sample is
decoded, passed through ``aug_list`` (default ``CreateAugmenter(data_shape, **kwargs)``) and transposed to CHW.
``last_batch_handle``: 'pad' (fill from the start, ``pad`` = filler count, then stop), 'discard', or 'roll_over'
(the short batch is kept and completed at the start of the next epoch). Shuffling uses ``random.shuffle``.
"""
import logging
import os
import random

import numpy as np

from .. import ndarray as nd
from .. import recordio
from ..base import numeric_types
from ..io.io import DataBatch, DataIter
from .augment import CreateAugmenter
from .functional import imdecode

__all__ = ["ImageIter"]


def _read_list(path, dtype):
    imglist, keys = {}, []
    with open(path) as fin:
        for line in iter(fin.readline, ""):
            fields = line.strip().split("\t")
            key = int(fields[0])
            imglist[key] = (nd.array(np.array(fields[1:-1], dtype=dtype), dtype=dtype), fields[-1])
            keys.append(key)
    return imglist, keys


def _from_list(items, dtype):
    imglist, keys = {}, []
    for index, img in enumerate(items, 1):
        if len(img) > 2:
            label = nd.array(img[:-1], dtype=dtype)
        elif isinstance(img[0], numeric_types):
            label = nd.array([img[0]], dtype=dtype)
        else:
            label = nd.array(img[0], dtype=dtype)
        imglist[str(index)] = (label, img[-1])
        keys.append(str(index))
    return imglist, keys


class ImageIter(DataIter):
    """Image iterator with augmentation; see the module docstring for sources and batching."""

    def __init__(self, batch_size, data_shape, label_width=1, path_imgrec=None, path_imglist=None, path_root=None,
                 path_imgidx=None, shuffle=False, part_index=0, num_parts=1, aug_list=None, imglist=None,
                 data_name="data", label_name="softmax_label", dtype="float32", last_batch_handle="pad",
                 **kwargs):
        super().__init__()
        assert path_imgrec or path_imglist or isinstance(imglist, list)
        assert dtype in ["int32", "float32", "int64", "float64"], dtype + " label not supported"
        name = self.__class__.__name__
        self.imgidx = None
        self.imgrec = None
        if path_imgrec:
            logging.info("%s: loading recordio %s...", name, path_imgrec)
            if path_imgidx:
                self.imgrec = recordio.MXIndexedRecordIO(path_imgidx, path_imgrec, "r")
                self.imgidx = list(self.imgrec.keys)
            else:
                self.imgrec = recordio.MXRecordIO(path_imgrec, "r")
        keys = None
        if path_imglist:
            logging.info("%s: loading image list %s...", name, path_imglist)
            self.imglist, keys = _read_list(path_imglist, dtype)
        elif isinstance(imglist, list):
            logging.info("%s: loading image list...", name)
            self.imglist, keys = _from_list(imglist, dtype)
        else:
            self.imglist = None
        self.path_root = path_root
        self.check_data_shape(data_shape)
        self.provide_data = [(data_name, (batch_size,) + data_shape)]
        self.provide_label = [(label_name, (batch_size, label_width) if label_width > 1 else (batch_size,))]
        self.batch_size = batch_size
        self.data_shape = data_shape
        self.label_width = label_width
        self.shuffle = shuffle
        if self.imgrec is None:
            self.seq = keys
        elif shuffle or num_parts > 1 or path_imgidx:
            assert self.imgidx is not None
            self.seq = self.imgidx
        else:
            self.seq = None
        if num_parts > 1:
            assert part_index < num_parts
            per = len(self.seq) // num_parts
            self.seq = self.seq[part_index * per:(part_index + 1) * per]
        self.auglist = CreateAugmenter(data_shape, **kwargs) if aug_list is None else aug_list
        self.cur = 0
        self._allow_read = True
        self.last_batch_handle = last_batch_handle
        self.num_image = len(self.seq) if self.seq is not None else None
        self._cache_data = self._cache_label = self._cache_idx = None
        self.reset()

    def reset(self):
        """Start a new epoch (reshuffling); with 'roll_over' a kept partial batch survives."""
        if self.seq is not None and self.shuffle:
            random.shuffle(self.seq)
        if self.last_batch_handle != "roll_over" or self._cache_data is None:
            if self.imgrec is not None:
                self.imgrec.reset()
            self.cur = 0
            self._allow_read = True

    def hard_reset(self):
        """Start a new epoch and drop any rolled-over samples."""
        if self.seq is not None and self.shuffle:
            random.shuffle(self.seq)
        if self.imgrec is not None:
            self.imgrec.reset()
        self.cur = 0
        self._allow_read = True
        self._cache_data = self._cache_label = self._cache_idx = None

    def next_sample(self):
        """``(label, encoded image bytes)`` of the next sample; StopIteration at the end."""
        if self._allow_read is False:
            raise StopIteration
        if self.seq is None:
            s = self.imgrec.read()
            if s is None:
                if self.last_batch_handle != "discard":
                    self.imgrec.reset()
                raise StopIteration
            header, img = recordio.unpack(s)
            return header.label, img
        if self.cur >= self.num_image:
            if self.last_batch_handle != "discard":
                self.cur = 0
            raise StopIteration
        idx = self.seq[self.cur]
        self.cur += 1
        if self.imgrec is not None:
            header, img = recordio.unpack(self.imgrec.read_idx(idx))
            return (header.label if self.imglist is None else self.imglist[idx][0]), img
        label, fname = self.imglist[idx]
        return label, self.read_image(fname)

    def _batchify(self, batch_data, batch_label, start=0):
        i = start
        try:
            while i < self.batch_size:
                label, s = self.next_sample()
                data = self.imdecode(s)
                try:
                    self.check_valid_image(data)
                except RuntimeError as e:
                    logging.debug("Invalid image, skipping:  %s", str(e))
                    continue
                data = self.augmentation_transform(data)
                assert i < self.batch_size, "Batch size must be multiples of augmenter output length"
                batch_data[i] = self.postprocess_data(data)
                batch_label[i] = label
                i += 1
        except StopIteration:
            if not i:
                raise
        return i

    def next(self):
        """The next ``DataBatch`` (data NCHW float32, label ``(batch,)`` or ``(batch, label_width)``)."""
        if self._cache_data is not None:
            batch_data, batch_label, i = self._cache_data, self._cache_label, self._cache_idx
        else:
            batch_data = nd.zeros((self.batch_size,) + tuple(self.data_shape))
            batch_label = nd.empty(self.provide_label[0][1])
            i = self._batchify(batch_data, batch_label)
        pad = self.batch_size - i
        if pad != 0:
            if self.last_batch_handle == "discard":
                raise StopIteration
            if self.last_batch_handle == "roll_over" and self._cache_data is None:
                self._cache_data, self._cache_label, self._cache_idx = batch_data, batch_label, i
                raise StopIteration
            self._batchify(batch_data, batch_label, i)
            if self.last_batch_handle == "pad":
                self._allow_read = False
            else:
                self._cache_data = self._cache_label = self._cache_idx = None
        return DataBatch([batch_data], [batch_label], pad=pad)

    def check_data_shape(self, data_shape):
        """``data_shape`` must be (3, h, w)."""
        if not len(data_shape) == 3:
            raise ValueError("data_shape should have length 3, with dimensions CxHxW")
        if not data_shape[0] == 3:
            raise ValueError("This iterator expects inputs to have 3 channels.")

    def check_valid_image(self, data):
        """RuntimeError for an empty decode result."""
        if len(data[0].shape) == 0:
            raise RuntimeError("Data shape is wrong")

    def imdecode(self, s):
        """Decode ``s``; a failure raises RuntimeError naming the broken sample."""
        try:
            return imdecode(s)
        except Exception as e:
            raise RuntimeError("{}, {}".format(self._locate(), e))

    def _locate(self):
        if self.seq is not None:
            idx = self.seq[(self.cur % self.num_image) - 1]
        else:
            idx = (self.cur % self.num_image) - 1 if self.num_image else self.cur - 1
        if self.imglist is not None:
            return "Broken image filename: {}".format(self.imglist[idx][1])
        return "Broken image index: {}".format(idx)

    def read_image(self, fname):
        """The raw bytes of ``path_root/fname``."""
        with open(os.path.join(self.path_root, fname), "rb") as fin:
            return fin.read()

    def augmentation_transform(self, data):
        """Apply every augmenter of ``auglist`` in order."""
        for aug in self.auglist:
            data = aug(data)
        return data

    def postprocess_data(self, datum):
        """HWC -> CHW (a strided view: writing it into the batch is the one copy)."""
        return nd.NDArray._wrap(datum._data.permute(2, 0, 1), datum.context)
