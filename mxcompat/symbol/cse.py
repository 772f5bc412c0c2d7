"""Common subexpression elimination, as MXNet's executor runs it at bind time (``MXNET_ELIMINATE_COMMON_EXPR``,
on by default) and ``Executor.get_optimized_symbol`` shows.

MXNet contract (``eliminate_common_expr.cc``): two operator nodes merge when they apply the same operator,
with the same attribute dict, to the same input entries; variables never merge, nor do operators that
mutate inputs (auxiliary states), keep state, or draw random numbers (MXNet: any resource request unless
the op is marked deterministic). The first node in graph order survives. An entry that then stands for two
or more graph outputs is isolated by a ``_copy`` node for each repeat, so outputs stay distinct arrays.
Deliberate difference: MXNet also refuses operators that merely ask for temporary workspace; mxcompat has
no such flag and merges them.
"""
from ._graph import Node, topo_order

__all__ = ["eliminate_common_expr"]


def _mergeable(node):
    op = node.op
    if op is None or op.mode or op.creation or op.mutate or node.aux_positions():
        return False
    module = op.fn.__module__
    return not (module.endswith(".random") or module.endswith(".random_unique") or module.endswith(".custom"))


def eliminate_common_expr(heads):
    """New heads (entries) of a copy of the graph under ``heads`` with common subexpressions merged."""
    from .._op.registry import get_op
    new, table = {}, {}
    for n in topo_order(heads):
        inputs = [(new[id(s)], i, v) for (s, i, v) in n.inputs]
        key = None
        if _mergeable(n):
            key = (id(n.op), tuple(sorted(n.attrs.items())), tuple((id(s), i, v) for (s, i, v) in inputs))
            hit = table.get(key)
            if hit is not None:
                new[id(n)] = hit
                continue
        c = n.copy_shallow()
        c.inputs = inputs
        new[id(n)] = c
        if key is not None:
            table[key] = c
    out, seen = [], set()
    for h in heads:
        e = (new[id(h[0])],) + tuple(h[1:])
        k = (id(e[0]), e[1])
        if k in seen:
            e = (Node(get_op("_copy"), "%s_copy%d" % (e[0].name, len(out)), {}, [e]), 0, 0)
        seen.add(k)
        out.append(e)
    return out
