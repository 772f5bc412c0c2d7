"""``mx.sym.sparse``: the operators of MXNet's sparse symbol namespace (``sym.sparse.dot``, ...).

Deliberate difference: a Symbol graph runs on dense tensors; ``sym.var(stype=...)`` records MXNet's storage
attribute but the executor's arrays are dense, so ``sym.sparse.<op>`` is the dense ``sym.<op>`` (same values).
Sparse storage on NDArrays is in ``mx.nd.sparse``.
"""


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    from .. import symbol as _sym
    from .._op import OPS
    for cand in ("_sparse_" + name, name):
        if cand in OPS:
            return getattr(_sym, cand, None) or getattr(_sym._internal, cand)
    raise AttributeError("module 'mxnet.symbol.sparse' has no attribute '%s'" % name)
