"""``mx.io`` core: DataDesc, DataBatch, DataIter, NDArrayIter, ResizeIter, PrefetchingIter.

MXNet contract: an iterator yields DataBatch objects (``data``/``label`` lists of NDArrays, ``pad`` = number
of filler samples in the last batch, ``index``), exposes ``provide_data``/``provide_label`` as DataDesc lists,
and restarts with ``reset()``. NDArrayIter's ``last_batch_handle``: 'pad' fills the last batch from the start,
'discard' drops it, 'roll_over' carries the leftover samples into the first batch of the next epoch.
Each batch is copied once from the source tensors (a slice, or one gather when shuffled); see NDArrayIter.
"""
import threading
from collections import OrderedDict, namedtuple

import numpy as np
import torch

from ..base import numeric_types, unsupported
from ..context import cpu
from ..ndarray import NDArray, array as nd_array
from ..ndarray.sparse import CSRNDArray, csr_matrix

__all__ = ["DataDesc", "DataBatch", "DataIter", "NDArrayIter", "ResizeIter", "PrefetchingIter"]


class DataDesc(namedtuple("DataDesc", ["name", "shape"])):
    """Name, shape, dtype and layout of one input (``DataDesc[data,(4, 2),<class 'numpy.float32'>,NCHW]``)."""

    def __new__(cls, name, shape, dtype=np.float32, layout="NCHW"):
        ret = super().__new__(cls, name, shape)
        ret.dtype = dtype
        ret.layout = layout
        return ret

    def __repr__(self):
        return "DataDesc[%s,%s,%s,%s]" % (self.name, self.shape, self.dtype, self.layout)

    @staticmethod
    def get_batch_axis(layout):
        """The batch axis of ``layout`` (0 when layout is None)."""
        if layout is None:
            return 0
        return layout.find("N")

    @staticmethod
    def get_list(shapes, types):
        """DataDescs from ``[(name, shape)]`` and optional ``[(name, dtype)]``."""
        if types is not None:
            type_dict = dict(types)
            return [DataDesc(x[0], x[1], type_dict[x[0]]) for x in shapes]
        return [DataDesc(x[0], x[1]) for x in shapes]


class DataBatch:
    """One batch: ``data``, ``label``, ``pad``, ``index``, ``bucket_key``, ``provide_data/label``."""

    def __init__(self, data, label=None, pad=None, index=None, bucket_key=None, provide_data=None,
                 provide_label=None):
        if data is not None:
            assert isinstance(data, (list, tuple)), "Data must be list of NDArrays"
        if label is not None:
            assert isinstance(label, (list, tuple)), "Label must be list of NDArrays"
        self.data = data
        self.label = label
        self.pad = pad
        self.index = index
        self.bucket_key = bucket_key
        self.provide_data = provide_data
        self.provide_label = provide_label

    def __str__(self):
        data_shapes = [d.shape for d in self.data]
        label_shapes = [l.shape for l in self.label] if self.label else None
        return "{}: data shapes: {} label shapes: {}".format(self.__class__.__name__, data_shapes, label_shapes)


class DataIter:
    """Base iterator: ``next()`` builds a DataBatch from ``getdata``/``getlabel``/``getpad``/``getindex``."""

    def __init__(self, batch_size=0):
        self.batch_size = batch_size

    def __iter__(self):
        return self

    def reset(self):
        pass

    def next(self):
        if self.iter_next():
            return DataBatch(data=self.getdata(), label=self.getlabel(), pad=self.getpad(), index=self.getindex())
        raise StopIteration

    def __next__(self):
        return self.next()

    def iter_next(self):
        pass

    def getdata(self):
        pass

    def getlabel(self):
        pass

    def getindex(self):
        return None

    def getpad(self):
        pass


def _init_data(data, allow_empty, default_name):
    """Normalise the data/label argument to a name-sorted list of (name, NDArray)."""
    assert data is not None or allow_empty
    if data is None:
        data = []
    if isinstance(data, (np.ndarray, NDArray, torch.Tensor)) or _is_scipy_sparse(data):
        data = [data]
    if isinstance(data, list):
        if not allow_empty:
            assert data, "data must not be empty"
        if len(data) == 1:
            data = OrderedDict([(default_name, data[0])])
        else:
            data = OrderedDict([("_%d_%s" % (i, default_name), d) for i, d in enumerate(data)])
    if not isinstance(data, dict):
        raise TypeError("Input must be NDArray, numpy.ndarray, a list of them or dict with them as values")
    out = []
    for k, v in sorted(data.items(), key=lambda kv: kv[0]):
        if _is_scipy_sparse(v):
            v = csr_matrix(v)
        elif getattr(v, "stype", "default") == "row_sparse":
            raise unsupported("mx.io.NDArrayIter with row_sparse data", "only csr sparse data is supported")
        if not isinstance(v, NDArray):
            try:
                v = nd_array(v)
            except Exception:
                raise TypeError("Invalid type '{}' for {}, should be NDArray or numpy.ndarray".format(type(v), k))
        out.append((k, v))
    return out


def _wrapper(arr):
    """How a batch of ``arr``'s rows is wrapped: a CSRNDArray source gives CSRNDArray batches."""
    return CSRNDArray._from_dense if isinstance(arr, CSRNDArray) else NDArray._wrap


def _is_scipy_sparse(v):
    return type(v).__module__.startswith("scipy.sparse")


class NDArrayIter(DataIter):
    """Iterate over in-memory arrays (NDArray, numpy, list or dict of them) in batches.

    MXNet contract (1.9.1): arrays are sorted by name; ``shuffle`` reshuffles on every ``reset()`` (and at
    construction) with ``np.random.shuffle(self.idx)`` applied to the already shuffled data, so a given
    ``np.random.seed`` yields MXNet's batches; ``last_batch_handle`` is 'pad' (the last batch is filled from
    the start of the epoch, ``pad`` = filler count), 'roll_over' (its samples open the next epoch, that batch's
    ``pad`` = their count) or anything else, 'discard' included (dropped); ``iter_next()`` alone reports a short last batch, which
    ``next()`` turns into StopIteration. Batches are cut along the ``N`` axis of ``layout``; ``index`` is None.
    Each batch is its own array (as MXNet's ``slice_axis``): one copy per batch, none per epoch. The
    shuffled ``data`` / ``label`` lists are built only when those attributes are read.
    """

    def __init__(self, data, label=None, batch_size=1, shuffle=False, last_batch_handle="pad", data_name="data",
                 label_name="softmax_label", layout="NCHW"):
        super().__init__(batch_size)
        self._data_src = _init_data(data, allow_empty=False, default_name=data_name)
        self._label_src = _init_data(label, allow_empty=True, default_name=label_name)
        self.layout = layout
        self._axis = layout.find("N")
        self.num_data = self._data_src[0][1].shape[0]     # MXNet counts along axis 0 whatever the layout
        if any(isinstance(v, CSRNDArray) for _, v in self._data_src + self._label_src) and \
                last_batch_handle != "discard":
            raise NotImplementedError("`NDArrayIter` only supports ``CSRNDArray`` with `last_batch_handle` set to "
                                      "`discard`.")
        self._data_t = [(v._data, v._ctx, _wrapper(v)) for _, v in self._data_src]
        self._label_t = [(v._data, v._ctx, _wrapper(v)) for _, v in self._label_src]
        self.num_source = len(self._data_t) + len(self._label_t)
        self.idx = np.arange(self.num_data)
        self.shuffle = shuffle
        self.last_batch_handle = last_batch_handle
        self._order = None       # source index of each epoch position (None: identity)
        self._carry = None       # roll_over: source indices that open the next epoch
        self._sel = None         # this batch: (start, length) of a contiguous run, or a LongTensor of indices
        self._shuffled = None    # the lazily built ``data``/``label`` lists of this epoch
        self.cursor = -self.batch_size
        self.reset()

    # ---- MXNet's attributes ------------------------------------------------------------------------------
    def _descs(self, arrays):
        ax, bs = self._axis, self.batch_size
        return [DataDesc(k, tuple(v.shape[:ax]) + (bs,) + tuple(v.shape[ax + 1:]), v.dtype, layout=self.layout)
                for k, v in arrays]

    @property
    def provide_data(self):
        return self._descs(self._data_src)

    @property
    def provide_label(self):
        return self._descs(self._label_src)

    def _epoch_arrays(self):
        if self._order is None:
            return self._data_src, self._label_src
        if self._shuffled is None:
            self._shuffled = tuple([(k, _wrapper(v)(v._data.index_select(self._axis, self._order), v._ctx))
                                    for k, v in src] for src in (self._data_src, self._label_src))
        return self._shuffled

    @property
    def data(self):
        return self._epoch_arrays()[0]

    @property
    def label(self):
        return self._epoch_arrays()[1]

    @property
    def data_list(self):
        data, label = self._epoch_arrays()
        return [v for _, v in data] + [v for _, v in label]

    # ---- epochs ------------------------------------------------------------------------------------------
    def _shuffle_data(self):
        np.random.shuffle(self.idx)
        step = torch.from_numpy(self.idx.copy())
        self._order = step if self._order is None else self._order[step]
        self._shuffled = None

    def _positions(self, start, end):
        """Source indices of epoch positions [start, end), wrapping around the data."""
        pos = torch.arange(start, end) % self.num_data
        return pos if self._order is None else self._order[pos]

    def hard_reset(self):
        """Start over, dropping any rolled-over samples."""
        if self.shuffle:
            self._shuffle_data()
        self.cursor = -self.batch_size
        self._carry = None

    def reset(self):
        """Rewind; with 'roll_over' the unused tail of this epoch opens the next epoch's first batch."""
        n, bs = self.num_data, self.batch_size
        rolled = self.last_batch_handle == "roll_over" and n - bs < self.cursor < n
        if rolled:
            self._carry = self._positions(self.cursor, n)
        if self.shuffle:
            self._shuffle_data()
        self.cursor = self.cursor - n - bs if rolled else -bs

    def iter_next(self):
        self.cursor += self.batch_size
        c, bs, n = self.cursor, self.batch_size, self.num_data
        if c >= n:
            return False
        if c < 0:                                   # roll_over: carried samples + the first of this epoch
            self._sel = torch.cat([self._carry, self._positions(0, c + bs)])
        elif c + bs <= n or self.last_batch_handle != "pad":
            end = min(c + bs, n)
            self._sel = (c, end - c) if self._order is None else self._order[c:end]
        else:
            self._sel = self._positions(c, c + bs)
        return True

    def _batchify(self, sources):
        sel, ax = self._sel, self._axis
        if sel.__class__ is tuple:
            return [wrap(t.narrow(ax, sel[0], sel[1]).clone(), ctx) for t, ctx, wrap in sources]
        return [wrap(t.index_select(ax, sel), ctx) for t, ctx, wrap in sources]

    def getdata(self):
        return self._batchify(self._data_t)

    def getlabel(self):
        return self._batchify(self._label_t)

    def getpad(self):
        c, bs = self.cursor, self.batch_size
        if self.last_batch_handle == "pad" and c + bs > self.num_data:
            return c + bs - self.num_data
        if self.last_batch_handle == "roll_over" and -bs < c < 0:
            return -c
        return 0

    def next(self):
        if not self.iter_next():
            raise StopIteration
        sel = self._sel
        length = sel[1] if sel.__class__ is tuple else sel.shape[0]
        if length != self.batch_size:                # a short last batch ('discard' / 'roll_over')
            raise StopIteration
        if self.cursor < 0:
            self._carry = None
        return DataBatch(self.getdata(), self.getlabel(), self.getpad(), None)


class _CurrentBatchIter(DataIter):
    """An iterator whose ``get*`` accessors read ``self.current_batch`` (ResizeIter, PrefetchingIter)."""

    current_batch = None

    def getdata(self):
        return self.current_batch.data

    def getlabel(self):
        return self.current_batch.label

    def getindex(self):
        return self.current_batch.index

    def getpad(self):
        return self.current_batch.pad


class ResizeIter(_CurrentBatchIter):
    """Make ``data_iter`` yield exactly ``size`` batches per epoch (restarting it as needed)."""

    def __init__(self, data_iter, size, reset_internal=True):
        super().__init__()
        self.data_iter = data_iter
        self.size = size
        self.reset_internal = reset_internal
        self.cur = 0
        self.current_batch = None
        self.provide_data = data_iter.provide_data
        self.provide_label = data_iter.provide_label
        self.batch_size = data_iter.batch_size
        if hasattr(data_iter, "default_bucket_key"):
            self.default_bucket_key = data_iter.default_bucket_key

    def reset(self):
        self.cur = 0
        if self.reset_internal:
            self.data_iter.reset()

    def iter_next(self):
        if self.cur == self.size:
            return False
        try:
            self.current_batch = self.data_iter.next()
        except StopIteration:
            self.data_iter.reset()
            self.current_batch = self.data_iter.next()
        self.cur += 1
        return True


class PrefetchingIter(_CurrentBatchIter):
    """Prefetch batches of one or more iterators on background threads (one batch ahead each)."""

    def __init__(self, iters, rename_data=None, rename_label=None):
        super().__init__()
        if not isinstance(iters, list):
            iters = [iters]
        self.n_iter = len(iters)
        assert self.n_iter > 0
        self.iters = iters
        self.rename_data = rename_data
        self.rename_label = rename_label
        self.batch_size = self.provide_data[0][1][0]
        self.data_ready = [threading.Event() for _ in range(self.n_iter)]
        self.data_taken = [threading.Event() for _ in range(self.n_iter)]
        for e in self.data_taken:
            e.set()
        self.started = True
        self.current_batch = [None] * self.n_iter
        self.next_batch = [None] * self.n_iter

        def prefetch(i):
            while True:
                self.data_taken[i].wait()
                if not self.started:
                    break
                try:
                    self.next_batch[i] = self.iters[i].next()
                except StopIteration:
                    self.next_batch[i] = None
                self.data_taken[i].clear()
                self.data_ready[i].set()
        self.prefetch_threads = [threading.Thread(target=prefetch, args=[i], daemon=True)
                                 for i in range(self.n_iter)]
        for t in self.prefetch_threads:
            t.start()

    def __del__(self):
        self.started = False
        for e in getattr(self, "data_taken", []):
            e.set()

    @staticmethod
    def _rename(descs_per_iter, renames):
        if renames is None:
            return sum(descs_per_iter, [])
        out = []
        for rename, descs in zip(renames, descs_per_iter):
            for x in descs:
                name = rename.get(x.name, x.name) if isinstance(x, DataDesc) else rename.get(x[0], x[0])
                out.append(DataDesc(name, x.shape, x.dtype) if isinstance(x, DataDesc) else DataDesc(name, x[1]))
        return out

    @property
    def provide_data(self):
        return self._rename([i.provide_data for i in self.iters], self.rename_data)

    @property
    def provide_label(self):
        return self._rename([i.provide_label for i in self.iters], self.rename_label)

    def reset(self):
        for e in self.data_ready:
            e.wait()
        for i in self.iters:
            i.reset()
        for e in self.data_ready:
            e.clear()
        for e in self.data_taken:
            e.set()

    def iter_next(self):
        for e in self.data_ready:
            e.wait()
        if self.next_batch[0] is None:
            for i in self.next_batch:
                assert i is None, "Number of entry mismatches between iterators"
            return False
        for batch in self.next_batch:
            assert batch.pad == self.next_batch[0].pad, "Number of entry mismatches between iterators"
        self.current_batch = DataBatch(sum([b.data for b in self.next_batch], []),
                                       sum([b.label for b in self.next_batch], []),
                                       self.next_batch[0].pad, self.next_batch[0].index,
                                       provide_data=self.provide_data, provide_label=self.provide_label)
        for e in self.data_ready:
            e.clear()
        for e in self.data_taken:
            e.set()
        return True

    def next(self):
        if self.iter_next():
            return self.current_batch
        raise StopIteration


del numeric_types, cpu
