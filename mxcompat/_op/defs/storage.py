"""``cast_storage``: MXNet's conversion between storage types.

MXNet contract: ``stype`` is one of 'default', 'row_sparse', 'csr' (required); the values and the gradient pass
through unchanged. ``mx.nd.cast_storage`` runs the sparse kernel in ``mxcompat/ndarray/sparse_kernels.py``;
this dense function serves Symbol graphs, which run densely: 'default' is a copy, sparse types raise
NotImplementedError (see migration_guide.md).
"""
from ..registry import register_op
from ..params import Enum
from ...base import unsupported


@register_op("cast_storage", params=dict(stype=Enum(("csr", "default", "row_sparse"))))
def cast_storage(data, stype):
    if stype != "default":
        raise unsupported("cast_storage(stype='{}') (sparse storage)".format(stype))
    return data.clone()
