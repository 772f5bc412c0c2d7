"""``mx.gluon.data.DataLoader``: mini-batches from a Dataset.

MXNet contract (1.9.1): batches come from a BatchSampler (built from ``batch_size``, ``shuffle``/``sampler`` and
``last_batch`` = keep / discard / rollover, or given as ``batch_sampler``; ValueError on conflicting
arguments); ``batchify_fn`` (default: stack NDArrays with ``nd.stack``, recurse into tuples, turn anything else
into ``nd.array(np.asarray(data), dtype=data.dtype)``) merges the samples. Deliberate difference:
``num_workers > 0`` loads batches on a thread pool in this process (MXNet forks worker processes, or uses
threads with ``thread_pool=True``); the batches and their order are the same.
"""
from multiprocessing.pool import ThreadPool

import numpy as np

from ... import ndarray as nd
from ... import context
from . import sampler as _sampler

__all__ = ['DataLoader', 'default_batchify_fn', 'default_mp_batchify_fn']


def default_batchify_fn(data):
    """Collate samples into a batch."""
    if isinstance(data[0], nd.NDArray):
        return nd.stack(*data)
    if isinstance(data[0], tuple):
        return [default_batchify_fn(i) for i in zip(*data)]
    data = np.asarray(data)
    return nd.array(data, dtype=data.dtype)


default_mp_batchify_fn = default_batchify_fn


def _as_in_context(data, ctx):
    if isinstance(data, nd.NDArray):
        return data.as_in_context(ctx)
    if isinstance(data, (list, tuple)):
        return [_as_in_context(d, ctx) for d in data]
    return data


class DataLoader(object):
    """Iterates over mini-batches of ``dataset``."""

    def __init__(self, dataset, batch_size=None, shuffle=False, sampler=None, last_batch=None, batch_sampler=None,
                 batchify_fn=None, num_workers=0, pin_memory=False, pin_device_id=0, prefetch=None,
                 thread_pool=False, timeout=120, auto_reload=False):
        self._dataset = dataset
        self._pin_memory = pin_memory
        self._pin_device_id = pin_device_id
        self._thread_pool = thread_pool
        self._timeout = timeout
        if batch_sampler is None:
            if batch_size is None:
                raise ValueError("batch_size must be specified unless batch_sampler is specified")
            if sampler is None:
                sampler = _sampler.RandomSampler(len(dataset)) if shuffle else _sampler.SequentialSampler(len(dataset))
            elif shuffle:
                raise ValueError("shuffle must not be specified if sampler is specified")
            batch_sampler = _sampler.BatchSampler(sampler, batch_size, last_batch if last_batch else 'keep')
        elif batch_size is not None or shuffle or sampler is not None or last_batch is not None:
            raise ValueError("batch_size, shuffle, sampler and last_batch must not be specified if batch_sampler is "
                             "specified.")
        self._batch_sampler = batch_sampler
        self._num_workers = num_workers if num_workers >= 0 else 0
        self._prefetch = max(0, int(prefetch) if prefetch is not None else 2 * self._num_workers)
        self._batchify_fn = batchify_fn if batchify_fn is not None else default_batchify_fn

    def _load(self, batch):
        ret = self._batchify_fn([self._dataset[idx] for idx in batch])
        if self._pin_memory:
            ret = _as_in_context(ret, context.cpu_pinned(self._pin_device_id))
        return ret

    def __iter__(self):
        if self._num_workers == 0:
            return (self._load(batch) for batch in self._batch_sampler)
        return self._threaded_iter()

    def _threaded_iter(self):
        pool = ThreadPool(self._num_workers)
        try:
            pending = []
            batches = iter(self._batch_sampler)
            for batch in batches:
                pending.append(pool.apply_async(self._load, (batch,)))
                if len(pending) > max(self._prefetch, 1):
                    yield pending.pop(0).get(self._timeout)
            while pending:
                yield pending.pop(0).get(self._timeout)
        finally:
            pool.terminate()

    def __len__(self):
        return len(self._batch_sampler)
