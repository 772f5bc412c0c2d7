"""``mx.test_utils``: the helpers MXNet test suites use (``from mxnet.test_utils import *``).

MXNet contract, kept here: default tolerances by dtype (float16 1e-2/1e-1, float32 1e-4/1e-3, float64
1e-5/1e-20, integers exact) chosen from the less precise operand; ``assert_almost_equal`` passes when
``|a - b| <= atol + rtol * |b|`` everywhere and otherwise prints the largest violations and raises
AssertionError with "Error <e> exceeds tolerance rtol=..., atol=... (mismatch <p>%)" and the location of the
maximum error; ``almost_equal`` uses float64's tolerances when none are given; random data comes from
``numpy.random``. ``from mxcompat.test_utils import *`` also brings the modules and names MXNet's module
imports (``np``, ``npt``, ``rnd``, ``mx``, ``os``, ``sys``, ``ss`` -- scipy.stats, imported on first use --,
``Context``, ``array``, ``Symbol``, ``Features``, ...).

Deliberate differences: mismatch reports also work for broadcast operands (MXNet raises IndexError there) and
do not change numpy's global print options; ``download`` never uses the network (an existing file is returned,
anything else raises NotImplementedError naming the file to provide); ``check_numeric_gradient`` also accepts a
Python function of NDArrays (see ``_test_utils_grad.py``); ``chi_square_check`` computes Pearson's statistic itself,
so it also works with SciPy >= 1.9 (which rejects MXNet's expected counts). Helpers that need Symbol executors, sparse storage, Gluon
or data iterators raise NotImplementedError naming the API until those land.
"""
# pylint: disable=unused-import,invalid-name
import time
import gzip
import struct
import traceback
import numbers
import sys
import os
import platform
import errno
import logging
import bz2
import zipfile
import json
from contextlib import contextmanager
from collections import OrderedDict

import numpy as np
import numpy.testing as npt
import numpy.random as rnd
import torch as _torch

import mxcompat as mx
from .base import unsupported as _unsupported
from .context import Context, current_context, _ctx_stack
from .ndarray import array
from .ndarray.ndarray import NDArray as _NDArray
from .util import getenv, setenv, get_cuda_compute_capability, use_np  # noqa: F401  (MXNet exports use_np here)
from .runtime import Features
try:
    from .symbol import Symbol
except ImportError:  # the Symbol front-end is optional while it is being built
    pass


# ---- contexts, dtypes, tolerances ------------------------------------------------------------------------------------
def default_context():
    """The context tests run on: the current context."""
    return current_context()


def set_default_context(ctx):
    """Make ``ctx`` the current context of this thread (inside a ``with ctx:`` block, until the block ends)."""
    stack = _ctx_stack()
    if stack:
        stack[-1] = ctx
    else:
        stack.append(ctx)


def default_dtype():
    return np.float32


_INT_TYPES = (np.bool_, np.int8, np.uint8, np.int32, np.uint32, np.int64, np.uint64)


def default_rtols():
    """Relative tolerance per dtype."""
    tols = {np.dtype(np.float16): 1e-2, np.dtype(np.float32): 1e-4, np.dtype(np.float64): 1e-5}
    tols.update({np.dtype(t): 0 for t in _INT_TYPES})
    return tols


def default_atols():
    """Absolute tolerance per dtype."""
    tols = {np.dtype(np.float16): 1e-1, np.dtype(np.float32): 1e-3, np.dtype(np.float64): 1e-20}
    tols.update({np.dtype(t): 0 for t in _INT_TYPES})
    return tols


def default_numeric_eps():
    """Finite-difference step per dtype (powers of two: adding them to an input drops no bits)."""
    return {np.dtype(np.float16): 1.0 / 2 ** 6, np.dtype(np.float32): 1.0 / 2 ** 9,
            np.dtype(np.float64): 1.0 / 2 ** 14}


def effective_dtype(dat):
    """The dtype whose tolerances apply to ``dat``: float16 for float32 data on a GPU that computes float32
    matrix products in TF32 (compute capability >= 8.0 unless NVIDIA_TF32_OVERRIDE=0), else ``dat.dtype``."""
    dtype = np.dtype(dat.dtype)
    ctx = getattr(dat, "ctx", None)
    if dtype == np.float32 and ctx is not None and ctx.device_type == "gpu":
        try:
            if get_cuda_compute_capability(ctx) >= 80 and os.environ.get("NVIDIA_TF32_OVERRIDE") != "0":
                return np.dtype(np.float16)
        except Exception:  # pylint: disable=broad-except
            pass
    return dtype


def get_tolerance(dat, tol, default_tol):
    """``tol`` if it is a number, else its (or ``default_tol``'s) entry for the effective dtype of ``dat``."""
    if isinstance(tol, numbers.Number):
        return tol
    dtype = effective_dtype(dat)
    return (tol or {}).get(dtype, default_tol[dtype])


def get_tols(x, y, rtol, atol):
    """(rtol, atol) for comparing ``x`` and ``y``: the looser default of the two unless given."""
    x = np.array(x) if isinstance(x, numbers.Number) else x
    y = np.array(y) if isinstance(y, numbers.Number) else y
    return (max(get_tolerance(x, rtol, default_rtols()), get_tolerance(y, rtol, default_rtols())),
            max(get_tolerance(x, atol, default_atols()), get_tolerance(y, atol, default_atols())))


def get_atol(atol=None, dtype=np.dtype(np.float64)):
    return default_atols()[dtype] if atol is None else atol


def get_rtol(rtol=None, dtype=np.dtype(np.float64)):
    return default_rtols()[dtype] if rtol is None else rtol


def get_etol(etol=None):
    return 0 if etol is None else etol


# ---- random data ---------------------------------------------------------------------------------------------------
def random_arrays(*shapes):
    """Standard normal float32 numpy arrays, one per shape (the array itself when one shape is given)."""
    arrays = [np.array(np.random.randn(), dtype=default_dtype()) if len(s) == 0
              else np.random.randn(*s).astype(default_dtype()) for s in shapes]
    return arrays[0] if len(arrays) == 1 else arrays


def random_uniform_arrays(*shapes, **kwargs):
    """Uniform numpy arrays (``low``, ``high``, ``dtype`` keywords), always a list."""
    low = kwargs.pop("low", 0.0)
    high = kwargs.pop("high", 1.0)
    dtype = kwargs.pop("dtype", default_dtype())
    if kwargs:
        raise TypeError("Got unexpected argument/s : " + str(kwargs.keys()))
    return [np.random.uniform(low, high, size=s).astype(dtype) for s in shapes]


def random_sample(population, k):
    """``k`` elements of ``population`` in random order."""
    assert 0 <= k <= len(population)
    population_copy = population[:]
    np.random.shuffle(population_copy)
    return population_copy[0:k]


def rand_ndarray(shape, stype="default", density=None, dtype=None, modifier_func=None, shuffle_csr_indices=False,
                 distribution=None, ctx=None):
    """A standard normal NDArray (float32 unless ``dtype``) on ``ctx`` (default: the current context), or a
    random sparse array of storage type ``stype`` (see ``rand_sparse_ndarray``)."""
    if stype != "default":
        return rand_sparse_ndarray(shape, stype, density=density, modifier_func=modifier_func, dtype=dtype,
                                   shuffle_csr_indices=shuffle_csr_indices, distribution=distribution, ctx=ctx)[0]
    return mx.nd.array(random_arrays(shape), dtype=dtype, ctx=ctx if ctx else default_context())


def _needs(name, what):
    """``mx.test_utils.<name>``, not supported yet: it raises NotImplementedError saying it needs ``what``."""
    def fn(*args, **kwargs):
        raise _unsupported("mx.test_utils." + name, "it needs " + what)
    fn.__name__ = name
    fn.__doc__ = "Not supported yet: needs {}.".format(what)
    return fn


from ._test_utils_sparse import (rand_sparse_ndarray, create_sparse_array, create_sparse_array_zd,  # noqa: E402
                                 shuffle_csr_column_indices)


def rand_shape_2d(dim0=10, dim1=10, allow_zero_size=False):
    low = 0 if allow_zero_size else 1
    return rnd.randint(low, dim0 + 1), rnd.randint(low, dim1 + 1)


def rand_shape_3d(dim0=10, dim1=10, dim2=10, allow_zero_size=False):
    low = 0 if allow_zero_size else 1
    return rnd.randint(low, dim0 + 1), rnd.randint(low, dim1 + 1), rnd.randint(low, dim2 + 1)


def rand_shape_nd(num_dim, dim=10, allow_zero_size=False):
    low = 0 if allow_zero_size else 1
    return tuple(rnd.randint(low, dim + 1, size=num_dim))


def rand_coord_2d(x_low, x_high, y_low, y_high):
    return np.random.randint(x_low, x_high, dtype=np.int64), np.random.randint(y_low, y_high, dtype=np.int64)


def assign_each(the_input, function):
    """float64 array of ``function(x)`` for each element (a copy of the input when ``function`` is None)."""
    if function is None:
        return np.array(the_input)
    flat = [function(v) for v in np.asarray(the_input).ravel()]
    return np.array(flat, dtype=np.float64).reshape(np.shape(the_input))


def assign_each2(input1, input2, function):
    """float64 array of ``function(x, y)`` for each pair of elements."""
    if function is None:
        return np.array(input1)
    assert input1.shape == input2.shape
    flat = [function(x, y) for x, y in zip(np.asarray(input1).ravel(), np.asarray(input2).ravel())]
    return np.array(flat, dtype=np.float64).reshape(input1.shape)


def create_2d_tensor(rows, columns, dtype=np.int64):
    """``(rows, columns)`` NDArray whose row ``i`` holds ``i``."""
    return mx.nd.broadcast_to(mx.nd.arange(0, rows, dtype=dtype).reshape((rows, 1)), shape=(rows, columns))


def create_vector(size, dtype=np.int64):
    return mx.nd.arange(0, size, dtype=dtype)


def get_identity_mat(size):
    return mx.nd.eye(size)


def get_identity_mat_batch(size):
    ident = get_identity_mat(size).asnumpy()
    return mx.nd.array([ident, ident])


def new_matrix_with_real_eigvals_2d(n):
    """A well-conditioned ``n x n`` matrix with real eigenvalues in [-10, 10]."""
    while True:
        d = np.diag(np.random.uniform(-1.0, 1.0, n))
        v = np.random.uniform(-1.0, 1.0, n).reshape(n, 1)
        v = v / np.linalg.norm(v, axis=-2, keepdims=True)
        q = np.matmul(np.eye(n) - 2 * np.matmul(v, v.T), d)  # Householder reflection times a diagonal
        if np.linalg.cond(q, 2) < 3:
            break
    d = np.diag(np.random.uniform(-10.0, 10.0, n))
    return np.matmul(np.matmul(np.linalg.inv(q), d), q)


def new_matrix_with_real_eigvals_nd(shape):
    n = int(np.prod(shape[:-2])) if len(shape) > 2 else 1
    return np.array([new_matrix_with_real_eigvals_2d(shape[-1]) for _ in range(n)]).reshape(shape)


def new_orthonormal_matrix_2d(n):
    x = np.random.randn(n, n)
    return np.linalg.qr(np.matmul(x.T, x))[0]


def new_sym_matrix_with_real_eigvals_2d(n):
    q = new_orthonormal_matrix_2d(n)
    return np.matmul(np.matmul(q.T, np.diag(np.random.uniform(-10.0, 10.0, n))), q)


def new_sym_matrix_with_real_eigvals_nd(shape):
    n = int(np.prod(shape[:-2])) if len(shape) > 2 else 1
    return np.array([new_sym_matrix_with_real_eigvals_2d(shape[-1]) for _ in range(n)]).reshape(shape)


# ---- comparisons ---------------------------------------------------------------------------------------------------
def np_reduce(dat, axis, keepdims, numpy_reduce_func):
    """Reduce ``dat`` over ``axis`` (None, int or list) one axis at a time with ``numpy_reduce_func``."""
    axes = [axis] if isinstance(axis, int) else list(axis) if axis is not None else list(range(dat.ndim))
    ret = dat
    for i in sorted(axes, reverse=True):
        ret = numpy_reduce_func(ret, axis=i)
    if keepdims:
        ret = ret.reshape(tuple(1 if i in axes else s for i, s in enumerate(dat.shape)))
    return ret


def _violations(a, b, rtol, atol):
    """|a - b| / (atol + rtol * |b|) elementwise (equal values, infinities included, count as 0)."""
    with np.errstate(invalid="ignore", over="ignore"):
        absdiff = np.where(np.equal(a, b), 0, np.abs(a - b))
        return absdiff / (atol + rtol * np.abs(b) + 1e-20)


def _find_max_violation(a, b, rtol, atol):
    """(index, value) of the largest violation."""
    violation = _violations(a, b, rtol, atol)
    loc = np.argmax(violation)
    return np.unravel_index(loc, violation.shape), np.max(violation)


def same(a, b):
    """Whether two arrays have the same shape and elements."""
    return np.array_equal(a, b)


def checkShapes(a, b):
    if a.shape != b.shape:
        raise AssertionError(npt.build_err_msg([a, b], err_msg="a.shape = {} and b.shape = {} are not equal".format(
            str(a.shape), str(b.shape))))


def almost_equal(a, b, rtol=None, atol=None, equal_nan=False, use_broadcast=True):
    """``np.allclose`` with float64's default tolerances."""
    if not use_broadcast:
        checkShapes(a, b)
    return np.allclose(a, b, rtol=get_rtol(rtol), atol=get_atol(atol), equal_nan=equal_nan)


def almost_equal_ignore_nan(a, b, rtol=None, atol=None):
    """``almost_equal`` with positions that are NaN in either array ignored (MXNet <= 1.6 API)."""
    a, b = np.copy(a), np.copy(b)
    nan_mask = np.logical_or(np.isnan(a), np.isnan(b))
    a[nan_mask] = 0
    b[nan_mask] = 0
    return almost_equal(a, b, rtol, atol)


def locationError(a, b, index, names, maxError=False):
    """MXNet's description of one mismatching element."""
    shown = tuple(int(i) for i in index) if isinstance(index, tuple) else index  # (1, 2), not (np.int64(1), ...)
    return "Location of %serror: %s, %s=%.8f, %s=%.8f" % (
        "maximum " if maxError else "", str(shown), names[0], a[index], names[1], b[index])


def _same_device_allclose(a, b, rtol, atol, equal_nan):
    """Compare two NDArrays on their device (no host copy when they match)."""
    return bool(_torch.isclose(a.to_torch().detach(), b.to_torch().detach(), rtol=rtol, atol=atol,
                              equal_nan=equal_nan).all())


def assert_almost_equal(a, b, rtol=None, atol=None, names=("a", "b"), equal_nan=False, use_broadcast=True,
                        mismatches=(10, 10)):
    """Raise AssertionError, after printing the largest violations, unless ``a`` and ``b`` are almost equal.

    ``rtol``/``atol`` are numbers or dicts dtype -> tolerance (default: by dtype, see ``get_tols``);
    ``mismatches`` = (how many mismatches to print, how many to count; <= 0 counts all).
    """
    if not use_broadcast:
        checkShapes(a, b)
    rtol, atol = get_tols(a, b, rtol, atol)
    if (isinstance(a, _NDArray) and isinstance(b, _NDArray) and a.context == b.context and a.dtype == b.dtype
            and a.dtype != np.bool_):
        if _same_device_allclose(a, b, rtol, atol, equal_nan):
            return
        a, b = a.asnumpy(), b.asnumpy()
    else:
        a = a.asnumpy() if isinstance(a, _NDArray) else a
        b = b.asnumpy() if isinstance(b, _NDArray) else b
        if getattr(a, "dtype", None) == np.bool_ and getattr(b, "dtype", None) == np.bool_:
            np.testing.assert_equal(a, b)
            return
        if almost_equal(a, b, rtol, atol, equal_nan=equal_nan):
            return
    raise AssertionError(_mismatch_report(np.asarray(a), np.asarray(b), rtol, atol, names, equal_nan, mismatches))


def _mismatch_report(a, b, rtol, atol, names, equal_nan, mismatches):
    """Print the largest violations and return MXNet's assertion message."""
    ab, bb = np.broadcast_arrays(a, b)
    violation = _violations(ab, bb, rtol, atol)
    if violation.ndim == 0:
        err = "Error %f exceeds tolerance rtol=%e, atol=%e.\n" % (violation, rtol, atol)
    else:
        bad = ~np.isclose(ab, bb, rtol=rtol, atol=atol, equal_nan=equal_nan)
        # largest first; NaN violations (never close unless equal_nan) rank first, as np.argmax does
        order = np.argsort(-np.where(np.isnan(violation), np.inf, violation), axis=None, kind="stable")
        order = [i for i in order[:max(int(bad.sum()), 1)] if bad.flat[i]] or [int(order[0])]
        indices = [np.unravel_index(i, violation.shape) for i in order]
        print("\n*** Maximum errors for vector of size {}:  rtol={}, atol={}\n".format(ab.size, rtol, atol))
        for n, idx in enumerate(indices[:mismatches[0]], 1):
            print("%3d: Error %f  %s" % (n, violation[idx], locationError(ab, bb, idx, names)))
        count = len(indices)
        at_least = ""
        if 0 < mismatches[1] < count:
            count, at_least = mismatches[1] + 1, "at least "
        err = "Error %f exceeds tolerance rtol=%e, atol=%e (mismatch %s%f%%).\n%s" % (
            violation[indices[0]], rtol, atol, at_least, 100.0 * count / ab.size,
            locationError(ab, bb, indices[0], names, maxError=True))
    with np.printoptions(threshold=4, suppress=True):
        return npt.build_err_msg([a, b], err_msg=err)


def assert_allclose(a, b, rtol=1e-07, atol=0, equal_nan=True):
    assert_almost_equal(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)


def assert_almost_equal_with_err(a, b, rtol=None, atol=None, etol=None, names=("a", "b"), equal_nan=False,
                                 mismatches=(10, 10)):
    """Like ``assert_almost_equal``, but passes while the fraction of mismatching elements is at most ``etol``."""
    etol = get_etol(etol)
    if etol <= 0:
        assert_almost_equal(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)
        return
    rtol, atol = get_tols(a, b, rtol, atol)
    a = a.asnumpy() if isinstance(a, _NDArray) else np.asarray(a)
    b = b.asnumpy() if isinstance(b, _NDArray) else np.asarray(b)
    equals = np.isclose(a, b, rtol=rtol, atol=atol)
    if 1 - np.count_nonzero(equals) / equals.size > etol:
        raise AssertionError(_mismatch_report(a, b, rtol, atol, names, equal_nan, mismatches))


def assert_almost_equal_ignore_nan(a, b, rtol=None, atol=None, names=("a", "b")):
    """``assert_almost_equal`` with positions that are NaN in either array ignored."""
    a, b = np.copy(a), np.copy(b)
    nan_mask = np.logical_or(np.isnan(a), np.isnan(b))
    a[nan_mask] = 0
    b[nan_mask] = 0
    assert_almost_equal(a, b, rtol, atol, names)


def assert_exception(f, exception_type, *args, **kwargs):
    """Assert that ``f(*args, **kwargs)`` raises ``exception_type``."""
    try:
        f(*args, **kwargs)
        assert False
    except exception_type:
        return


def compare_ndarray_tuple(t1, t2, rtol=None, atol=None):
    """``assert_almost_equal`` over (nested tuples of) arrays; None on either side is skipped."""
    if t1 is None or t2 is None:
        return
    if isinstance(t1, tuple):
        for s1, s2 in zip(t1, t2):
            compare_ndarray_tuple(s1, s2, rtol, atol)
    else:
        assert_almost_equal(t1, t2, rtol=rtol, atol=atol)


def _compare_pair(shape, dtype, stype, ctx, density=None):
    """(dense copy, array of ``stype``) of one random array, as compare_optimizer draws them."""
    if stype == "default":
        arr = mx.random.uniform(shape=shape, ctx=ctx, dtype=dtype)
    elif stype in ("row_sparse", "csr"):
        arr = rand_ndarray(shape, stype, density=density, dtype=dtype)
    else:
        raise Exception("type not supported yet")
    return arr.copyto(ctx).tostype("default"), arr


def compare_optimizer(opt1, opt2, shape, dtype, w_stype="default", g_stype="default", rtol=1e-4, atol=1e-5,
                      compare_states=True, ntensors=1):
    """Update the same random weights with ``opt1`` and ``opt2`` and compare states and weights.

    A list of shapes compares ``opt1`` tensor by tensor with ``opt2`` updating ``ntensors`` at once.
    """
    ctx = default_context()
    if not isinstance(shape, list):
        assert ntensors == 1
        w1, w2 = _compare_pair(shape, dtype, w_stype, ctx, density=1)
        g1, g2 = _compare_pair(shape, dtype, g_stype, ctx)
        state1 = opt1.create_state_multi_precision(0, w1)
        state2 = opt2.create_state_multi_precision(0, w2)
        if compare_states:
            compare_ndarray_tuple(state1, state2)
        opt1.update_multi_precision(0, w1, g1, state1)
        opt2.update_multi_precision(0, w2, g2, state2)
        if compare_states:
            compare_ndarray_tuple(state1, state2, rtol=rtol, atol=atol)
        assert_almost_equal(w1, w2, rtol=rtol, atol=atol)
        return
    w1 = tuple(mx.random.uniform(shape=s, ctx=ctx, dtype=dtype) for s in shape)
    g1 = tuple(mx.random.uniform(shape=s, ctx=ctx, dtype=dtype) for s in shape)
    w2, g2 = tuple(w.copy() for w in w1), tuple(g.copy() for g in g1)
    state2 = [opt2.create_state_multi_precision(0, w2[i]) for i in range(ntensors)]
    opt2.update_multi_precision(list(range(ntensors)), w2, g2, state2)
    for i in range(ntensors):
        state1 = opt1.create_state_multi_precision(i, w1[i])
        opt1.update_multi_precision(i, w1[i], g1[i], state1)
        if compare_states:
            compare_ndarray_tuple(state1, state2[i], rtol, atol)
        compare_ndarray_tuple(w1[i], w2[i], rtol, atol)


def collapse_sum_like(a, shape):
    """Sum numpy ``a`` over the axes that ``shape`` (broadcastable to ``a``) does not have."""
    assert len(a.shape) >= len(shape)
    if np.prod(shape) == 0 or a.size == 0:
        return np.zeros(shape, dtype=a.dtype)
    lead = len(a.shape) - len(shape)
    axes = list(range(lead))
    for i, s in enumerate(shape):
        if s != a.shape[i + lead]:
            assert s == 1
            axes.append(i + lead)
    return np.sum(a, axis=tuple(axes)).reshape(shape)


def same_array(array1, array2):
    """Whether two NDArrays are the same memory (writing one changes the other identically)."""
    t1, t2 = array1.to_torch(), array2.to_torch()
    return (t1.device == t2.device and t1.untyped_storage().data_ptr() == t2.untyped_storage().data_ptr()
            and t1.storage_offset() == t2.storage_offset() and t1.shape == t2.shape
            and t1.stride() == t2.stride() and t1.dtype == t2.dtype)


def retry(n):
    """Decorator: rerun a stochastic test up to ``n`` times while it fails with AssertionError."""
    assert n > 0

    def decorate(f):
        def wrapper(*args, **kwargs):
            for i in range(n):
                try:
                    f(*args, **kwargs)
                    return
                except AssertionError:
                    if i == n - 1:
                        raise
                    mx.nd.waitall()
        return wrapper
    return decorate


# ---- checks of random generators ---------------------------------------------------------------------------------
def gen_buckets_probs_with_ppf(ppf, nbuckets):
    """``nbuckets`` equiprobable buckets ``(ppf(i/n), ppf((i+1)/n))`` and their probabilities."""
    assert nbuckets > 0
    probs = [1.0 / nbuckets for _ in range(nbuckets)]
    buckets = [(ppf(i / float(nbuckets)), ppf((i + 1) / float(nbuckets))) for i in range(nbuckets)]
    return buckets, probs


def mean_check(generator, mu, sigma, nsamples=1000000):
    """Whether the mean of ``generator(nsamples)`` lies within ``mu +- 3 sigma / sqrt(n)``."""
    sample_mean = np.array(generator(nsamples)).mean()
    bound = 3 * sigma / np.sqrt(nsamples)
    return (sample_mean > mu - bound) and (sample_mean < mu + bound)


def var_check(generator, sigma, nsamples=1000000):
    """Whether the sample variance lies within ``sigma^2 +- 3 sqrt(2 sigma^4 / (n - 1))``."""
    sample_var = np.array(generator(nsamples)).var(ddof=1)
    bound = 3 * np.sqrt(2 * sigma ** 4 / (nsamples - 1))
    return (sample_var > sigma ** 2 - bound) and (sample_var < sigma ** 2 + bound)


def chi_square_check(generator, buckets, probs, nsamples=1000000):
    """Chi-square test of ``generator(nsamples)`` against ``probs`` over ``buckets`` (ranges, or the values of a
    discrete distribution). Returns (p value, observed frequencies, expected frequencies)."""
    stats = __getattr__("ss")
    if not stats:
        raise ImportError("scipy is not available. Please check if the scipy python bindings are installed.")
    assert isinstance(buckets, list)
    samples = generator(nsamples)
    assert len(probs) == len(buckets)
    continuous = isinstance(buckets[0], (list, tuple))
    expected_freq = (nsamples * np.array(probs, dtype=np.float32)).astype(np.int32)
    obs_freq = np.zeros(shape=len(buckets), dtype=np.int64)
    if continuous:
        for i, (lo, hi) in enumerate(buckets):
            assert lo <= hi
            if i < len(buckets) - 1:
                assert hi <= buckets[i + 1][0]
        edges = np.array([e for bucket in buckets for e in bucket], dtype=np.float32)
        ids = np.searchsorted(edges, samples, side="right") // 2
        for i in range(len(buckets)):
            obs_freq[i] = (ids == i).sum()
    else:
        samples = np.array(samples)
        for i, value in enumerate(buckets):
            obs_freq[i] = (samples == value).sum()
    # Pearson's statistic and its p value with len(buckets) - 1 degrees of freedom, as scipy.stats.chisquare
    # computes them; computed here because SciPy >= 1.9 refuses expected counts whose total differs from the
    # observed total (MXNet's truncated int32 counts, samples outside the buckets), which the older SciPy MXNet
    # was tested with accepted.
    exp = expected_freq.astype(np.float64)
    statistic = float(((obs_freq - exp) ** 2 / exp).sum())
    p = float(stats.chi2.sf(statistic, len(buckets) - 1))
    return p, obs_freq, expected_freq


def verify_generator(generator, buckets, probs, nsamples=1000000, nrepeat=5, success_rate=0.2, alpha=0.05):
    """Repeat ``chi_square_check``; raise AssertionError unless at least ``success_rate`` of the p values exceed
    ``alpha``. Returns the p values."""
    results = [chi_square_check(generator, buckets, probs, nsamples) for _ in range(nrepeat)]
    cs_ret_l = [r[0] for r in results]
    if (np.array(cs_ret_l) > alpha).sum() < nrepeat * success_rate:
        raise AssertionError("Generator test fails, Chi-square p=%s, obs_freq=%s, expected_freq=%s.\nbuckets=%s, "
                             "probs=%s" % (str(cs_ret_l), str([r[1] for r in results]),
                                           str([r[2] for r in results]), str(buckets), str(probs)))
    return cs_ret_l


# ---- environment ---------------------------------------------------------------------------------------------------
@contextmanager
def environment(*args):
    """``with environment(name, value):`` or ``with environment({name: value, ...}):`` sets environment variables
    (None unsets) for the body and restores them afterwards, even on exceptions."""
    if len(args) == 1 and isinstance(args[0], dict):
        env_vars = args[0]
    else:
        assert len(args) == 2, "Expecting one dict arg or two args: env var name and value"
        env_vars = {args[0]: args[1]}
    snapshot = {name: os.environ.get(name) for name in env_vars}

    def apply(values):
        for name, value in values.items():
            setenv(name, value)

    apply(env_vars)
    try:
        yield
    finally:
        mx.nd.waitall()
        apply(snapshot)


@contextmanager
def discard_stderr():
    """Discard what the body writes to stderr: file descriptor 2 (C-level output) and ``sys.stderr``."""
    sys.stderr.flush()
    with open(os.devnull, "w") as bit_bucket:
        old_fd, old_stderr = os.dup(2), sys.stderr
        try:
            os.dup2(bit_bucket.fileno(), 2)
            sys.stderr = bit_bucket
            yield
        finally:
            sys.stderr = old_stderr
            os.dup2(old_fd, 2)
            os.close(old_fd)


def list_gpus():
    """``range(number of GPUs)``."""
    return range(mx.util.get_gpu_count())


def is_cd_run():
    return os.environ.get("CD_JOB", 0) == "1"


def is_aarch64_run():
    return platform.machine() == "aarch64"


def has_tvm_ops():
    """False: mxcompat has no TVM-generated operators."""
    return False


def is_op_runnable():
    """True: without TVM operators every operator runs on every context."""
    return True


def set_env_var(key, val, default_val=""):
    """Set environment variable ``key`` to ``val``; return its previous value (``default_val`` when unset)."""
    prev_val = os.environ.get(key, default_val)
    os.environ[key] = val
    return prev_val


def __getattr__(name):
    # scipy.stats takes seconds to import: load it when first used (``ss``, ``chi_square_check``)
    if name == "ss":
        try:
            import scipy.stats as stats  # pylint: disable=import-outside-toplevel
        except ImportError:
            stats = None
        globals()["ss"] = stats
        return stats
    raise AttributeError("module {!r} has no attribute {!r}".format(__name__, name))


# pylint: disable=wrong-import-position
from ._test_utils_data import (download, download_model, get_mnist, get_mnist_pkl, get_mnist_ubyte,  # noqa: E402
                               get_cifar10, get_mnist_iterator, get_zip_data, get_bz2_data, get_im2rec_path,
                               DummyIter)
from ._test_utils_grad import (numeric_grad, check_numeric_gradient, check_symbolic_forward,  # noqa: E402
                               check_symbolic_backward, check_consistency, check_speed, simple_forward,
                               check_gluon_hybridize_consistency, same_symbol_structure)

# MXNet's module has no __all__, so ``import *`` gives every public name, imported modules included; listing
# them lets ``ss`` be resolved lazily through __getattr__.
__all__ = sorted(n for n in list(globals()) if not n.startswith("_")) + ["ss"]
