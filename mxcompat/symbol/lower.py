"""Lowering a Symbol graph to a ``torch.fx.GraphModule``.

The fx graph is built directly from the DAG, with no Python tracing: one placeholder per argument and
auxiliary state (in ``list_arguments()`` then ``list_auxiliary_states()`` order), one ``call_function``
per operator node on the registry's torch function with the parsed parameters as keyword arguments
(``is_train`` for mode-dependent operators, ``device`` for creation operators), ``operator.getitem`` for
multi-output nodes, and the heads as the graph output. The function of an operator that updates
auxiliary states (BatchNorm in training) mutates the aux tensors in place, exactly as ``nd`` does.

Lowered modules are cached on the graph's output nodes by ``(is_train, device)``: the graph is
shape-agnostic, so repeated forwards (and executors reshaped to new input sizes) never re-lower. The one
exception is a creation operator whose ``shape`` has unknown (0) dimensions (``sym.zeros((0, H))`` as an RNN
cell's begin state): as in MXNet, it creates the shape that inference gave it at bind, passed here as
``shape_overrides`` (node id -> shape) and part of the cache key.
"""
import operator
import re
import weakref

import torch
import torch.fx

from ._graph import topo_order, mutable_vars

__all__ = ["lower", "LoweredGraph"]

_CACHE = weakref.WeakKeyDictionary()  # head node -> {key: LoweredGraph}


def _ident(name, used):
    """A Python identifier for an MXNet name (fx requires valid, unique node names)."""
    base = re.sub(r"\W", "_", name) or "v"
    if base[0].isdigit():
        base = "_" + base
    cand, k = base, 1
    while cand in used:
        cand = "%s_%d" % (base, k)
        k += 1
    used.add(cand)
    return cand


class LoweredGraph:
    """A GraphModule plus the names of its inputs and outputs in MXNet's order."""

    def __init__(self, module, arg_names, aux_names, out_names, node_names):
        self.module = module
        self.arg_names = arg_names
        self.aux_names = aux_names
        self.out_names = out_names
        self.node_names = node_names  # fx node name -> (mxnet node name, output names or None)

    def __call__(self, *tensors):
        return self.module(*tensors)


def build_graph(heads, is_train, device, shape_overrides=None):
    """The fx Graph for ``heads`` and the bookkeeping ``LoweredGraph`` needs."""
    nodes = topo_order(heads)
    aux_ids = mutable_vars(nodes)
    graph = torch.fx.Graph()
    used = set()
    env = {}
    node_names = {}
    args = [n for n in nodes if n.op is None and id(n) not in aux_ids]
    auxs = [n for n in nodes if n.op is None and id(n) in aux_ids]
    for n in args + auxs:
        ph = graph.placeholder(_ident(n.name, used))
        env[(id(n), 0)] = ph
        node_names[ph.name] = (n.name, None)
    for n in nodes:
        if n.op is None:
            continue
        op = n.op
        kwargs = dict(n.params)
        if op.mode:
            kwargs["is_train"] = is_train
        if op.creation:
            kwargs["device"] = device
            if shape_overrides and id(n) in shape_overrides:
                kwargs["shape"] = shape_overrides[id(n)]
        if getattr(op, "out_arg", False):
            kwargs["out"] = None
        call = graph.create_node("call_function", op.fn, tuple(env[(id(e[0]), e[1])] for e in n.inputs), kwargs,
                                 name=_ident(n.name, used))
        names = n.output_names()
        node_names[call.name] = (n.name, names)
        if len(names) == 1:
            env[(id(n), 0)] = call
        else:
            for i in range(len(names)):
                item = graph.call_function(operator.getitem, (call, i))
                env[(id(n), i)] = item
    outs = [env[(id(h[0]), h[1])] for h in heads]
    graph.output(tuple(outs))
    return graph, [n.name for n in args], [n.name for n in auxs], node_names


def lower(symbol, is_train, device=None, shape_overrides=None):
    """The cached LoweredGraph of ``symbol`` for ``is_train`` on ``device``."""
    heads = symbol._outputs
    key = (tuple((id(h[0]), h[1]) for h in heads), bool(is_train), str(device),
           tuple(sorted(shape_overrides.items())) if shape_overrides else ())
    anchor = heads[0][0]
    per_node = _CACHE.setdefault(anchor, {})
    hit = per_node.get(key)
    if hit is not None and hit[0] == _signature(heads):
        return hit[1]
    graph, arg_names, aux_names, node_names = build_graph(heads, bool(is_train), device, shape_overrides)
    module = torch.fx.GraphModule(torch.nn.Module(), graph)
    lowered = LoweredGraph(module, arg_names, aux_names, symbol.list_outputs(), node_names)
    per_node[key] = (_signature(heads), lowered)
    return lowered


def creation_shape_overrides(info):
    """Node id -> inferred shape for creation operators whose ``shape`` parameter has unknown (0) dims."""
    out = {}
    for n in info.nodes:
        if n.op is not None and n.op.creation:
            given = n.params.get("shape")
            if given and any(d == 0 for d in given):
                s = info.shape.get((id(n), 0))
                if s is not None and all(d > 0 for d in s):
                    out[id(n)] = tuple(s)
    return out


def _signature(heads):
    """Identity of the graph's structure and attributes (nodes are mutable: _compose, _set_attr)."""
    return tuple((id(n), n.name, tuple(sorted(n.attrs.items())), tuple((id(e[0]), e[1]) for e in n.inputs))
                 for n in topo_order(heads))
