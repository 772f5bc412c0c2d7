"""The sparse-array generators of ``mx.test_utils``: ``rand_sparse_ndarray``, ``create_sparse_array``,
``create_sparse_array_zd`` and ``shuffle_csr_column_indices``.

MXNet contract (1.9.1): a row_sparse array keeps each row with probability ``density`` (or exactly
``rsp_indices``), values uniform in [0, 1) (or ``data_init`` / ``modifier_func``); a uniform csr matrix comes
from ``scipy.sparse.rand``; a "powerlaw" csr matrix starts every row with one value and then fills row ``i``
with about ``2**i`` values until ``density`` is used up. Random draws use numpy's global generator, as MXNet's.
"""
import numpy as np
import numpy.random as rnd

from . import ndarray as nd


def shuffle_csr_column_indices(csr):
    """Shuffle a scipy csr matrix's column indices within each row, in place (rows stay valid but unsorted)."""
    for i in range(len(csr.indptr) - 1):
        lo, hi = csr.indptr[i], csr.indptr[i + 1]
        cols = np.array(csr.indices[lo:hi])
        np.random.shuffle(cols)
        csr.indices[lo:hi] = cols


def _check_csr_args(num_rows, num_cols, density, distribution):
    total = int(num_rows * num_cols * density)
    assert 0 <= density <= 1, "density must be between 0 and 1"
    if distribution == "powerlaw" and total < 2 * num_rows:
        raise ValueError("not supported for this density: %s for this shape (%s, %s). Please keep "
                         "density higher or change the shape" % (density, num_rows, num_cols))


def _uniform_csr(num_rows, num_cols, density, dtype, data_init=None, shuffle_csr_indices=False):
    import scipy.sparse as spsp
    _check_csr_args(num_rows, num_cols, density, "uniform")
    csr = spsp.rand(num_rows, num_cols, density, dtype=dtype, format="csr")
    if data_init is not None:
        csr.data.fill(data_init)
    if shuffle_csr_indices:
        shuffle_csr_column_indices(csr)
    return nd.sparse.csr_matrix((csr.data, csr.indices, csr.indptr), shape=(num_rows, num_cols), dtype=dtype)


def _powerlaw_csr(num_rows, num_cols, density, dtype):
    _check_csr_args(num_rows, num_cols, density, "powerlaw")
    left = int(num_rows * num_cols * density)
    out = np.zeros((num_rows, num_cols), dtype=dtype)

    def done():
        return nd.array(out).tostype("csr")
    for row in range(num_rows):  # one value at the start of every row first
        out[row][0] = 1 + rnd.uniform(0.001, 2)
        left -= 1
        if left <= 0:
            return done()
    width = 2
    for row in range(num_rows):
        limit = min(num_cols, width)
        if limit == num_cols and left > limit:  # a full row
            out[row] = 1 + rnd.uniform(0.001, 2)
            left -= limit - 1
            if left <= 0:
                return done()
            continue
        for col in range(1, limit):
            out[row][col] = 1 + rnd.uniform(0.001, 2)
            left -= 1
            if left <= 0:
                return done()
        width *= 2
    if left > 0:
        raise ValueError("not supported for this density: %s for this shape (%s,%s)" % (density, num_rows, num_cols))
    return done()


def rand_sparse_ndarray(shape, stype, density=None, dtype=None, distribution=None, data_init=None,
                        rsp_indices=None, modifier_func=None, shuffle_csr_indices=False, ctx=None):
    """A random sparse array and its parts: ``(arr, (values, indices))`` for row_sparse,
    ``(arr, (indptr, indices, data))`` for csr."""
    from .test_utils import default_context, default_dtype, assign_each
    ctx = ctx if ctx else default_context()
    density = rnd.rand() if density is None else density
    dtype = default_dtype() if dtype is None else dtype
    distribution = "uniform" if distribution is None else distribution
    if stype == "row_sparse":
        assert distribution == "uniform", "Distribution %s not supported for row_sparse" % distribution
        if rsp_indices is not None:
            indices = rsp_indices
            assert len(indices) <= shape[0]
        else:
            indices = np.argwhere(rnd.rand(shape[0]) < density).flatten()
        if indices.shape[0] == 0:
            return nd.zeros(shape, stype="row_sparse", dtype=dtype, ctx=ctx), (np.array([], dtype=dtype),
                                                                              np.array([]))
        val = rnd.rand(indices.shape[0], *shape[1:]).astype(dtype)
        if data_init is not None:
            val.fill(data_init)
        if modifier_func is not None:
            val = assign_each(val, modifier_func)
        arr = nd.sparse.row_sparse_array((val, indices), shape=shape, dtype=dtype, ctx=ctx)
        return arr, (val, indices)
    if stype == "csr":
        assert len(shape) == 2
        if distribution == "uniform":
            csr = _uniform_csr(shape[0], shape[1], density, dtype, data_init, shuffle_csr_indices)
        elif distribution == "powerlaw":
            csr = _powerlaw_csr(shape[0], shape[1], density, dtype)
        else:
            raise AssertionError("Distribution not supported: %s" % distribution)
        csr = csr.as_in_context(ctx)
        return csr, (csr.indptr, csr.indices, csr.data)
    raise AssertionError("unknown storage type")


def create_sparse_array(shape, stype, data_init=None, rsp_indices=None, dtype=None, modifier_func=None,
                        density=.5, shuffle_csr_indices=False):
    """A random sparse array (row_sparse indices sorted)."""
    if stype == "row_sparse":
        idx = None if rsp_indices is None else np.sort(np.asarray(rsp_indices))
        arr, _ = rand_sparse_ndarray(shape, stype, density=density, data_init=data_init, rsp_indices=idx,
                                     dtype=dtype, modifier_func=modifier_func)
        return arr
    if stype == "csr":
        arr, _ = rand_sparse_ndarray(shape, stype, density=density, data_init=data_init, dtype=dtype,
                                     modifier_func=modifier_func, shuffle_csr_indices=shuffle_csr_indices)
        return arr
    raise AssertionError("Unknown storage type: " + stype)


def create_sparse_array_zd(shape, stype, density, data_init=None, rsp_indices=None, dtype=None,
                           modifier_func=None, shuffle_csr_indices=False):
    """As ``create_sparse_array``; for row_sparse only ``rsp_indices`` decides the stored rows."""
    if stype == "row_sparse":
        density = 0.0
        if rsp_indices is not None:
            assert len(rsp_indices) <= shape[0]
    return create_sparse_array(shape, stype, data_init=data_init, rsp_indices=rsp_indices, dtype=dtype,
                               modifier_func=modifier_func, density=density,
                               shuffle_csr_indices=shuffle_csr_indices)
