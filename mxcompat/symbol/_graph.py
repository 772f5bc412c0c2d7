"""The Symbol graph: nodes, entries and the traversals every Symbol method is built on.

A graph is a DAG of ``Node`` objects. A variable is a node without an operator. An entry ``(node, index,
version)`` names one output of a node; ``version`` counts how many operators have mutated a variable
(auxiliary states such as BatchNorm's moving statistics), exactly as MXNet (nnvm) records it in JSON.
A node keeps its attributes as MXNet does, as a dict of strings: the operator parameters the user set
(``num_hidden='10'``) and hidden ``__key__`` attributes (``__lr_mult__``, ``__shape__``, ``__init__``);
the parsed parameters are derived from it on demand.

Traversal order is nnvm's: a post-order depth-first walk from the heads, inputs in order. It fixes the
order of ``list_arguments``, ``get_internals`` and the JSON node list.
"""
from ..base import MXNetError

__all__ = ["Node", "HIDDEN_KEYS", "is_hidden", "topo_order", "mutable_vars", "entry_name"]

# Attribute keys MXNet stores as ``__key__`` when given as plain keyword arguments.
HIDDEN_KEYS = ("ctx_group", "lr_mult", "wd_mult", "force_mirroring", "mirror_stage", "profiler_scope")


def is_hidden(key):
    return len(key) > 4 and key.startswith("__") and key.endswith("__")


class Node:
    """One operator application or variable. ``inputs`` is a list of entries ``(node, index, version)``."""

    __slots__ = ("op", "op_name", "name", "attrs", "inputs", "version", "_params", "__weakref__")

    def __init__(self, op, name, attrs=None, inputs=None, op_name=None):
        self.op = op
        self.op_name = op_name or (op.name if op is not None else None)  # the name it was created under
        self.name = name
        self.attrs = attrs if attrs is not None else {}
        self.inputs = inputs if inputs is not None else []
        self.version = 0  # for variables: how many operators mutate it (MXNet's VariableParam.version)
        self._params = None

    @property
    def is_variable(self):
        return self.op is None

    @property
    def params(self):
        """The operator's parsed parameters (MXNet parses the string attributes the same way)."""
        p = self._params
        if p is None:
            raw = {k: v for k, v in self.attrs.items() if not is_hidden(k)}
            p = self._params = self.op.parse(raw)
        return p

    def set_attr(self, key, value):
        self.attrs[key] = value
        self._params = None

    def num_outputs(self):
        """Number of visible outputs."""
        return 1 if self.op is None else self.op.num_outputs(self.params)

    def output_names(self):
        return ("",) if self.op is None else self.op.output_names(self.params)

    def arg_count(self):
        """How many of the inputs are arguments (the rest are auxiliary states)."""
        if self.op is None:
            return 0
        return len(self.inputs) - len(self.op.aux_names(self.params))

    def aux_positions(self):
        return range(self.arg_count(), len(self.inputs)) if self.op is not None else range(0)

    def copy_shallow(self):
        n = Node(self.op, self.name, dict(self.attrs), list(self.inputs), self.op_name)
        n.version = self.version
        return n

    def __repr__(self):
        return "<Node {} {}>".format(self.op.name if self.op else "null", self.name)


def topo_order(heads):
    """Nodes reachable from ``heads`` (entries) in nnvm's post-order DFS."""
    order = []
    visited = set()
    for head in heads:
        node = head[0]
        if id(node) in visited:
            continue
        visited.add(id(node))
        stack = [(node, 0)]
        while stack:
            cur, i = stack[-1]
            if i == len(cur.inputs):
                order.append(cur)
                stack.pop()
                continue
            stack[-1] = (cur, i + 1)
            child = cur.inputs[i][0]
            if id(child) not in visited:
                visited.add(id(child))
                stack.append((child, 0))
    return order


def mutable_vars(nodes):
    """ids of the variables some operator mutates (MXNet's auxiliary states)."""
    out = set()
    for n in nodes:
        if n.op is not None:
            for i in n.aux_positions():
                out.add(id(n.inputs[i][0]))
    return out


def entry_name(entry):
    """MXNet's output name of an entry: a variable's name, else ``<node>_<output name>`` (the bare output name
    for an unnamed node)."""
    node, index = entry[0], entry[1]
    if node.op is None:
        return node.name
    if not node.name:
        return node.output_names()[index]
    return "%s_%s" % (node.name, node.output_names()[index])


def update_versions(node):
    """MXNet's UpdateNodeVersion: inputs read a variable's current version; mutated inputs bump it."""
    inputs = node.inputs
    for i, (src, idx, _) in enumerate(inputs):
        if src.op is None:
            inputs[i] = (src, idx, src.version)
    for i in node.aux_positions():
        src, idx, _ = inputs[i]
        if src.op is not None:
            raise MXNetError("Mutation target can only be Variable: input {} of {} ({}) is the output of {}".format(
                i, node.name, node.op.name, src.name))
        src.version += 1
        inputs[i] = (src, idx, src.version)


def deep_copy(heads):
    """Copy every node reachable from ``heads``; returns the new heads (MXNet's Symbol::Copy)."""
    mapping = {}
    for n in topo_order(heads):
        c = n.copy_shallow()
        c.inputs = [(mapping[id(s)], i, v) for (s, i, v) in n.inputs]
        mapping[id(n)] = c
    return [(mapping[id(h[0])],) + tuple(h[1:]) for h in heads]
