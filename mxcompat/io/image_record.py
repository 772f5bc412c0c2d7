"""``mx.io.ImageRecordIter`` / ``ImageRecordUInt8Iter`` / ``ImageRecordInt8Iter``: MXNet's C++ RecordIO image
iterator (``src/io/iter_image_recordio_2.cc``) in Python on OpenCV.

Per record: unpack the ``IRHeader``, decode (gray for ``data_shape[0] == 1``, colour for 3, unchanged for 4),
augment with ``aug_default`` (see ``image_rec_aug``), swap BGR to RGB, mirror (``mirror`` or ``rand_mirror``),
and for float output compute ``(pixel - mean_c) * (scale / std_c)`` in float32 as MXNet does (int8 output:
``saturate(pixel - round(mean_c))``; uint8: raw pixels). Batches are NCHW; labels ``(batch,)`` for
``label_width == 1`` else ``(batch, label_width)``; labels come from ``path_imglist`` (by record id), a
multi-value header label (its count must equal ``label_width``), or the scalar header label.

Epochs follow MXNet: records are read in file order (``shuffle`` permutes them each epoch; the permutation is
numpy's, seeded by ``seed``, not dmlc's). With ``round_batch`` (default) a last short batch is completed from
the start, ``pad`` counts the filler, and the next epoch continues after those records. With
``round_batch=False`` MXNet 1.9.1 reports ``pad=0`` and leaves the unfilled rows unspecified; mxcompat also
reports 0 and keeps the previous batch's rows there. ``getindex()`` is all zeros, as MXNet's.
``num_parts``/``part_index`` split the records into contiguous equal parts (dmlc's indexed split).
``preprocess_threads`` decodes with that many threads (OpenCV releases the GIL); random augmentation draws
one seed per record from the iterator's generator, so results do not depend on the thread count.
"""
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import torch

from .. import recordio
from .._op.params import Bool, Enum, Float, Int, ParamError, Shape, Str, FloatOrNone, IntOrNone
from ..base import MXNetError
from ..context import cpu
from ..image._cv import cv2_module
from ..ndarray import NDArray
from .image_rec_aug import DefaultAug
from .io import DataBatch, DataDesc, DataIter

_PARAMS = dict(
    path_imglist=Str(""), path_imgrec=Str(""), path_imgidx=Str(""), aug_seq=Str("aug_default"),
    label_width=Int(1), data_shape=Shape(), preprocess_threads=Int(4), verbose=Bool(True), num_parts=Int(1),
    part_index=Int(0), device_id=Int(0), shuffle_chunk_size=Int(0), shuffle_chunk_seed=Int(0),
    seed_aug=IntOrNone(None), shuffle=Bool(False), seed=Int(0), batch_size=Int(), round_batch=Bool(True),
    prefetch_buffer=Int(4), ctx=Enum(("cpu", "gpu"), "gpu"),
    dtype=Enum(("bfloat16", "float16", "float32", "float64", "int32", "int64", "int8", "uint8"), None, True),
    resize=Int(-1), rand_crop=Bool(False), random_resized_crop=Bool(False), max_rotate_angle=Int(0),
    max_aspect_ratio=Float(0.0), min_aspect_ratio=FloatOrNone(None), max_shear_ratio=Float(0.0),
    max_crop_size=Int(-1), min_crop_size=Int(-1), max_random_scale=Float(1.0), min_random_scale=Float(1.0),
    max_random_area=Float(1.0), min_random_area=Float(1.0), max_img_size=Float(1e10), min_img_size=Float(0.0),
    brightness=Float(0.0), contrast=Float(0.0), saturation=Float(0.0), pca_noise=Float(0.0), random_h=Int(0),
    random_s=Int(0), random_l=Int(0), rotate=Int(-1), fill_value=Int(255), inter_method=Int(1), pad=Int(0),
    mirror=Bool(False), rand_mirror=Bool(False), mean_img=Str(""), mean_r=Float(0.0), mean_g=Float(0.0),
    mean_b=Float(0.0), mean_a=Float(0.0), std_r=Float(1.0), std_g=Float(1.0), std_b=Float(1.0), std_a=Float(1.0),
    scale=Float(1.0), max_random_contrast=Float(0.0), max_random_illumination=Float(0.0),
    data_name=Str("data"), label_name=Str("softmax_label"))
_OUT_DTYPES = {None: np.float32, "float32": np.float32, "uint8": np.uint8, "int8": np.int8}


def _parse(name, kwargs):
    unknown = sorted(set(kwargs) - set(_PARAMS))
    if unknown:
        raise MXNetError("{}: Cannot find argument '{}'".format(name, unknown[0]))
    p = {}
    for key, field in _PARAMS.items():
        if key not in kwargs:
            if field.required:
                raise MXNetError("{}: Required parameter {} of {} is not presented".format(
                    name, key, field.type_name))
            p[key] = field.default
            continue
        try:
            p[key] = field.parse(kwargs[key])
        except ParamError as err:
            raise MXNetError("{}: invalid value for parameter {}: {}".format(name, key, err)) from None
    if len(p["data_shape"]) != 3 or p["data_shape"][0] not in (1, 3, 4) or min(p["data_shape"]) < 1:
        raise MXNetError("{}: Invalid output shape {}".format(name, p["data_shape"]))
    if p["batch_size"] < 1:
        raise MXNetError("{}: batch_size must be positive".format(name))
    if not p["path_imgrec"]:
        raise MXNetError("ImageRecordIter2: must specify image_rec")
    if p["mean_img"]:
        raise NotImplementedError("mx.io.ImageRecordIter(mean_img=...) is not supported by mxcompat yet; "
                                  "use mean_r/mean_g/mean_b; see migration_guide.md")
    return p


def _scan_offsets(path):
    """Byte offsets of every record of a .rec file (reads only the part headers)."""
    offsets = []
    with open(path, "rb") as f:
        pos = 0
        start = True
        while True:
            head = f.read(8)
            if not head:
                break
            if len(head) != 8 or int.from_bytes(head[:4], "little") != 0xced7230a:
                raise MXNetError("Check failed: header[0] == RecordIOWriter::kMagic: Invalid RecordIO File")
            lrec = int.from_bytes(head[4:], "little")
            if start:
                offsets.append(pos)
            cflag = lrec >> 29
            start = cflag in (0, 3)
            pos = f.seek(((lrec & ((1 << 29) - 1)) + 3) & ~3, 1)
    return offsets


def _read_imglist(path, width):
    labels = {}
    with open(path) as f:
        for line in f:
            fields = line.strip().split("\t")
            if len(fields) < width + 1:
                continue
            labels[int(float(fields[0]))] = np.asarray(fields[1:1 + width], dtype=np.float32)
    return labels


class _ImageRecordIterImpl(DataIter):
    """See the module docstring."""

    _name = "ImageRecordIter"
    _dtype = None

    def __init__(self, **kwargs):
        p = _parse(self._name, kwargs)
        dtype = self._dtype or p["dtype"]
        if dtype not in _OUT_DTYPES:
            raise MXNetError("{}: unknown dtype {} for ImageRecordIter2".format(self._name, dtype))
        if p["aug_seq"] != "aug_default":
            raise NotImplementedError("mx.io.ImageRecordIter(aug_seq={!r}) is not supported by mxcompat; see "
                                      "migration_guide.md".format(p["aug_seq"]))
        super().__init__(p["batch_size"])
        self._p = p
        self._out_dtype = _OUT_DTYPES[dtype]
        self._aug = DefaultAug(p)
        self._rec = recordio.MXRecordIO(p["path_imgrec"], "r")
        if p["path_imgidx"]:
            with open(p["path_imgidx"]) as f:
                offsets = sorted(int(line.split("\t")[1]) for line in f if line.strip())
        else:
            offsets = _scan_offsets(p["path_imgrec"])
        n = len(offsets)
        step = (n + p["num_parts"] - 1) // p["num_parts"]
        self._offsets = np.asarray(offsets[min(n, step * p["part_index"]):min(n, step * (p["part_index"] + 1))],
                                   dtype=np.int64)
        self._labels = _read_imglist(p["path_imglist"], p["label_width"]) if p["path_imglist"] else None
        self._rng = np.random.RandomState(p["seed"] + 111)
        self._pool = ThreadPoolExecutor(p["preprocess_threads"]) if p["preprocess_threads"] > 1 else None
        c, h, w = p["data_shape"]
        lshape = (self.batch_size,) if p["label_width"] == 1 else (self.batch_size, p["label_width"])
        self.provide_data = [DataDesc(p["data_name"], (self.batch_size, c, h, w), self._out_dtype)]
        self.provide_label = [DataDesc(p["label_name"], lshape, np.float32)]
        mean = np.array([p["mean_r"], p["mean_g"], p["mean_b"], p["mean_a"]][:c] if c > 1 else [p["mean_r"]],
                        np.float32)
        std = np.array([p["std_r"], p["std_g"], p["std_b"], p["std_a"]][:c] if c > 1 else [p["std_r"]],
                       np.float32)
        self._mean, self._std = mean.reshape(c, 1, 1), std.reshape(c, 1, 1)
        self._data = np.zeros((self.batch_size, c, h, w), self._out_dtype)
        self._label = np.zeros((self.batch_size, p["label_width"]), np.float32)
        self._order = None
        self._pos = 0
        self._wrapped = False
        self._done = False
        self._batch = None
        self.reset()

    # ---- epochs -----------------------------------------------------------------------------------------
    def _new_order(self):
        n = len(self._offsets)
        self._order = self._rng.permutation(n) if self._p["shuffle"] else np.arange(n)
        self._pos = 0

    def reset(self):
        if self._wrapped:
            self._wrapped = False
        else:
            self._new_order()
        self._done = False

    def _take(self, count):
        picked = self._order[self._pos:self._pos + count]
        self._pos += len(picked)
        return picked

    def iter_next(self):
        if self._done:
            return False
        picked = self._take(self.batch_size)
        pad = self.batch_size - len(picked)
        if len(picked) == 0:
            self._done = True
            return False
        if pad:
            self._done = True
            if self._p["round_batch"]:
                if len(self._offsets) < pad:
                    raise MXNetError("number of input images must be bigger than the batch size")
                self._new_order()
                picked = np.concatenate([picked, self._take(pad)])
                self._wrapped = True
        self._fill(picked)
        self._pad = pad if self._p["round_batch"] else 0
        return True

    def next(self):
        if not self.iter_next():
            raise StopIteration
        return DataBatch(data=[self.getdata()], label=[self.getlabel()], pad=self.getpad(), index=self.getindex())

    # ---- per record -------------------------------------------------------------------------------------
    def _fill(self, picked):
        raws = []
        for k in picked:
            self._rec.handle.seek(int(self._offsets[k]))
            raws.append(self._rec.read())
        seeds = self._rng.randint(0, 2 ** 31 - 1, size=len(raws))
        jobs = [(i, raw, seed) for i, (raw, seed) in enumerate(zip(raws, seeds))]
        if self._pool is not None and len(jobs) > 1:
            list(self._pool.map(self._process, jobs))
        else:
            for job in jobs:
                self._process(job)

    def _process(self, job):
        i, raw, seed = job
        p = self._p
        rng = np.random.RandomState(seed)
        header, payload = recordio.unpack(raw)
        c = p["data_shape"][0]
        img = cv2_module().imdecode(np.frombuffer(payload, np.uint8), {1: 0, 3: 1, 4: -1}[c])
        if img is None:
            raise MXNetError("Check failed: !res.empty(): Decoding failed. Invalid image file.")
        if c == 4 and (img.ndim != 3 or img.shape[2] != 4):
            raise MXNetError("Invalid image with index {}. Expected 4 channels, got {}".format(
                header.id, 1 if img.ndim == 2 else img.shape[2]))
        self._label[i] = self._label_of(header)
        img = self._aug(img, rng)
        img = img.reshape(img.shape[0], img.shape[1], -1)
        chw = img.transpose(2, 0, 1)
        if c >= 3:
            chw = chw[[2, 1, 0, 3][:c]]
        mirror = (p["rand_mirror"] and rng.uniform() < 0.5) or p["mirror"]
        if mirror:
            chw = chw[:, :, ::-1]
        self._data[i] = self._normalize(chw, rng)

    def _label_of(self, header):
        width = self._p["label_width"]
        if self._labels is not None:
            if header.id not in self._labels:
                raise MXNetError("fail to find imagelabel for id {}".format(header.id))
            return self._labels[header.id]
        if header.flag > 0:
            if header.flag != width:
                raise MXNetError("rec file provide {}-dimensional label but label_width is set to {}".format(
                    header.flag, width))
            return header.label
        if width != 1:
            raise MXNetError("label_width must be 1 unless an imglist is provided or the rec file is packed "
                             "with multi dimensional label")
        return header.label

    def _normalize(self, chw, rng):
        p = self._p
        if self._out_dtype is np.uint8:
            return chw
        if self._out_dtype is np.int8:
            return np.clip(chw.astype(np.int16) - np.round(self._mean).astype(np.int16), -128, 127)
        contrast = np.float32((rng.uniform() * p["max_random_contrast"] * 2 - p["max_random_contrast"] + 1)
                              * p["scale"])
        illum = np.float32((rng.uniform() * p["max_random_illumination"] * 2 - p["max_random_illumination"])
                           * p["scale"])
        mult = contrast / self._std
        out = (chw.astype(np.float32) - self._mean) * mult
        if illum != 0:
            out += illum / self._std
        return out

    # ---- MXDataIter accessors -----------------------------------------------------------------------------
    def getdata(self):
        return NDArray._wrap(torch.from_numpy(self._data.copy()), cpu())

    def getlabel(self):
        label = self._label[:, 0] if self._p["label_width"] == 1 else self._label
        return NDArray._wrap(torch.from_numpy(label.copy()), cpu())

    def getpad(self):
        return self._pad

    def getindex(self):
        return np.zeros(self.batch_size, np.uint64)


def _iter_class(name, dtype):
    cls = type(name, (_ImageRecordIterImpl,), {"_name": name, "_dtype": dtype})
    cls.__doc__ = "MXNet's ``mx.io.{}`` (see ``mxcompat.io.image_record``).".format(name)
    return cls


ImageRecordIter = _iter_class("ImageRecordIter", None)
ImageRecordUInt8Iter = _iter_class("ImageRecordUInt8Iter", "uint8")
ImageRecordInt8Iter = _iter_class("ImageRecordInt8Iter", "int8")
