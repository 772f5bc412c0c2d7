"""``cast_storage``: MXNet's conversion between storage types.

MXNet contract: ``stype`` is one of 'default', 'row_sparse', 'csr' (required); the values and the gradient pass
through unchanged. mxcompat stores every array densely: 'default' is a copy, and the sparse storage types raise
NotImplementedError (see migration_guide.md), as ``mx.nd.cast_storage`` does.
"""
from ..registry import register_op
from ..params import Enum
from ...base import unsupported


@register_op("cast_storage", params=dict(stype=Enum(("csr", "default", "row_sparse"))))
def cast_storage(data, stype):
    if stype != "default":
        raise unsupported("cast_storage(stype='{}') (sparse storage)".format(stype))
    return data.clone()
