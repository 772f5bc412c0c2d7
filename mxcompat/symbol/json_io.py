"""MXNet's symbol JSON, both directions, and ``debug_str``.

Writing produces what MXNet 1.9.1 writes, byte for byte: nnvm's node list in DFS order (``op``, ``name``,
``attrs`` sorted by key, ``inputs`` as ``[node, index, version]``), ``arg_nodes``, ``node_row_ptr`` (which
counts hidden outputs too, e.g. BatchNorm's saved mean and variance), ``heads`` and
``attrs.mxnet_version``, laid out as dmlc's JSON writer lays it out (2-space indent, ``", "`` separators,
arrays of more than ten numbers or entries on separate lines, maps of one entry inline).

Reading accepts every format MXNet 1.x wrote and applies MXNet's upgrades: pre-0.9 ``param``/``attr`` keys
and ``[node, index]`` entries, plain ``ctx_group``/``lr_mult``-style keys (moved to hidden ``__key__``
attributes; ``weight_lr_mult`` to the ``weight`` variable), auxiliary states missing before 0.9.0 (created),
initializer attributes added in 0.9.4, and ``argmax``/``argmin`` ``axis=-1`` before 0.9.5.
``backward_source_id`` is ignored. A malformed file or unknown operator raises MXNetError naming the node.
"""
import json

from ..base import MXNetError
from ..util import is_np_shape
from .._op import OPS
from ._graph import Node, HIDDEN_KEYS, topo_order
from ._op_names import ALIASES

__all__ = ["to_json", "load_json_heads", "debug_str", "json_op_name"]

MXNET_VERSION = 10901

_CTC = ("CTCLoss", "ctc_loss", "_contrib_CTCLoss", "_contrib_ctc_loss")


def json_op_name(node):
    """The operator name MXNet writes for ``node``: its creation name resolved through MXNet's aliases."""
    return ALIASES.get(node.op_name, node.op_name)


def _total_outputs(node):
    """All outputs of a node as MXNet counts them in ``node_row_ptr`` (visible + hidden)."""
    if node.op is None:
        return 1
    visible = node.num_outputs()
    name = node.op.name
    if name in ("BatchNorm", "BatchNorm_v1", "_contrib_SyncBatchNorm", "LayerNorm", "InstanceNorm", "GroupNorm"):
        return max(visible, 3)
    if name == "_contrib_BatchNormWithReLU":
        return max(visible, 4)
    if name in ("Dropout", "LRN") or name in _CTC:
        return max(visible, 2)
    if name == "Pooling":
        p = node.params
        # MXNet's oneDNN build keeps a workspace output for max pooling in channels-first layouts
        if p.get("pool_type") == "max" and p.get("layout") in (None, "NCW", "NCHW", "NCDHW"):
            return max(visible, 2)
    return visible


# ---- writing -------------------------------------------------------------------------------------------
class _Writer:
    """dmlc::JSONWriter's layout rules."""

    def __init__(self):
        self.out = []
        self.multi = []
        self.count = []

    def _sep(self):
        if not self.multi or self.multi[-1]:
            self.out.append("\n" + " " * (2 * len(self.multi)))

    def begin(self, ch, multi):
        self.out.append(ch)
        self.multi.append(multi)
        self.count.append(0)

    def end(self, ch):
        multi = self.multi.pop()
        n = self.count.pop()
        if multi and n:
            self._sep()
        self.out.append(ch)

    def key(self, k):
        if self.count[-1]:
            self.out.append(", ")
        self._sep()
        self.out.append('"%s": ' % k)
        self.count[-1] += 1

    def item(self):
        if self.count[-1]:
            self.out.append(", ")
        self.count[-1] += 1
        self._sep()

    def string(self, s):
        self.out.append('"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                        .replace("\r", "\\r").replace("\t", "\\t") + '"')

    def int_array(self, values):
        self.begin("[", len(values) > 10)
        for v in values:
            self.item()
            self.out.append(str(v))
        self.end("]")

    def entry_array(self, entries):
        self.begin("[", len(entries) > 10)
        for e in entries:
            self.item()
            self.int_array(e)
        self.end("]")

    def str_map(self, d):
        self.begin("{", len(d) > 1)
        for k in sorted(d):
            self.key(k)
            self.string(d[k])
        self.end("}")


def _remove_amp_cast(heads):
    """Bypass ``amp_cast`` / ``amp_multicast`` nodes (MXNet's ``tojson(remove_amp_cast=True)``)."""
    nodes = topo_order(heads)
    if not any(n.op is not None and n.op.name in ("amp_cast", "amp_multicast") for n in nodes):
        return heads
    mapping = {}

    def resolve(e):
        node, idx = e[0], e[1]
        if node.op is not None and node.op.name in ("amp_cast", "amp_multicast"):
            return resolve(node.inputs[idx])
        new = mapping[id(node)]
        return (new, idx) + tuple(e[2:])
    for n in nodes:
        c = n.copy_shallow()
        mapping[id(n)] = c
        c.inputs = [resolve(e) for e in n.inputs]
    return [resolve(h) for h in heads]


def to_json(heads, remove_amp_cast=True):
    """The JSON text MXNet 1.9.1 writes for the graph with outputs ``heads``."""
    if remove_amp_cast:
        heads = _remove_amp_cast(heads)
    nodes = topo_order(heads)
    index = {id(n): i for i, n in enumerate(nodes)}
    w = _Writer()
    w.begin("{", True)
    w.key("nodes")
    w.begin("[", True)
    row_ptr = [0]
    for n in nodes:
        w.item()
        w.begin("{", True)
        w.key("op")
        w.string("null" if n.op is None else json_op_name(n))
        w.key("name")
        w.string(n.name)
        if n.attrs:
            w.key("attrs")
            w.str_map(n.attrs)
        w.key("inputs")
        w.entry_array([[index[id(e[0])], e[1], e[2]] for e in n.inputs])
        w.end("}")
        row_ptr.append(row_ptr[-1] + _total_outputs(n))
    w.end("]")
    w.key("arg_nodes")
    w.int_array([i for i, n in enumerate(nodes) if n.op is None])
    w.key("node_row_ptr")
    w.int_array(row_ptr)
    w.key("heads")
    w.entry_array([[index[id(h[0])], h[1], h[2] if len(h) > 2 else 0] for h in heads])
    w.key("attrs")
    np_shape = is_np_shape()  # MXNet records the shape semantics the graph was written under
    w.begin("{", np_shape)
    if np_shape:
        w.key("is_np_shape")
        w.out.append('["int", 1]')
    w.key("mxnet_version")
    w.out.append('["int", %d]' % MXNET_VERSION)
    w.end("}")
    w.end("}")
    return "".join(w.out)


# ---- reading -------------------------------------------------------------------------------------------
def _entry(raw, nodes, where):
    if not isinstance(raw, list) or len(raw) not in (2, 3):
        raise MXNetError("JSON: bad node entry {!r} in {}".format(raw, where))
    nid, idx = int(raw[0]), int(raw[1])
    if nid < 0 or nid >= len(nodes) or nodes[nid] is None:
        raise MXNetError("JSON: {} refers to node {} which is not defined before it".format(where, nid))
    return (nodes[nid], idx, int(raw[2]) if len(raw) == 3 else 0)


def _version(graph_attrs):
    v = (graph_attrs or {}).get("mxnet_version")
    if isinstance(v, list) and len(v) == 2:
        return int(v[1])
    return 800  # files without a version are MXNet 0.8


def _fix_hidden_keys(node, nodes_inputs):
    """MXNet's UpgradeJSON_FixParsing: plain ``lr_mult``-style keys become hidden attributes."""
    moved = []
    for key in list(node.attrs):
        for hk in HIDDEN_KEYS:
            pos = key.rfind(hk)
            if pos == 0 or (pos != -1 and pos == len(key) - len(hk)):
                moved.append((key, node.attrs.pop(key), hk, pos))
                break
    for key, value, hk, pos in moved:
        if pos == 0 and len(key) == len(hk):
            node.attrs["__%s__" % hk] = value
            continue
        if pos > 1 and node.op is not None:
            arg = key[:pos - 1]
            names = node.op.input_names(node.params) + node.op.aux_names(node.params)
            if arg in names and names.index(arg) < len(nodes_inputs) and nodes_inputs[names.index(arg)][0].op is None:
                nodes_inputs[names.index(arg)][0].attrs["__%s__" % hk] = value
                continue
            if arg in names:
                continue
        node.attrs[key] = value


def _upgrade(nodes, version):
    from .register import VAR_INIT_ON_COMPOSE
    for n in nodes:
        if version < MXNET_VERSION:
            _fix_hidden_keys(n, n.inputs)
        if n.op is None:
            continue
        try:
            params = n.params
        except MXNetError as err:
            raise MXNetError("Failed loading Op {} of type {}: {}".format(n.name, n.op.name, err)) from None
        if version < 900 and not n.op.variadic:
            names = n.op.input_names(params) + n.op.aux_names(params)
            for arg in names[len(n.inputs):]:
                n.inputs.append((Node(None, "%s_%s" % (n.name, arg), dict(n.attrs)), 0, 0))
        if version < 904:
            for i, init in VAR_INIT_ON_COMPOSE.get(n.op.name, {}).items():
                if i < len(n.inputs) and n.inputs[i][0].op is None and "__init__" not in n.inputs[i][0].attrs:
                    n.inputs[i][0].attrs["__init__"] = init
        if version < 905 and n.op.name in ("argmax", "argmin") and n.attrs.get("axis") == "-1":
            del n.attrs["axis"]
            n._params = None


def load_json_heads(text):
    """Parse MXNet JSON (any 1.x version) into output entries of a new graph."""
    try:
        graph = json.loads(text)
    except ValueError as err:
        raise MXNetError("JSON: cannot parse symbol file: {}".format(err)) from None
    if not isinstance(graph, dict):
        raise MXNetError("JSON: a symbol file is a JSON object, got {}".format(type(graph).__name__))
    for field in ("nodes", "arg_nodes", "heads"):
        if field not in graph:
            raise MXNetError('JSONReader: Missing field "{}"'.format(field))
    nodes = []
    for i, raw in enumerate(graph["nodes"]):
        if not isinstance(raw, dict) or "op" not in raw or "name" not in raw:
            raise MXNetError("JSON: node {} needs 'op' and 'name': {!r}".format(i, raw))
        name, op_name = raw["name"], raw["op"]
        attrs = {}
        for key in ("param", "attr", "attrs"):
            block = raw.get(key) or {}
            if not isinstance(block, dict):
                raise MXNetError("JSON: '{}' of node {} must be an object".format(key, name))
            attrs.update({str(k): str(v) for k, v in block.items()})
        if op_name == "null":
            op = None
        else:
            op = OPS.get(op_name)
            if op is None:
                raise MXNetError("Failed loading Op {} of type {}: Operator {} is not registered".format(
                    name, op_name, op_name))
        node = Node(op, name, attrs, op_name=op_name if op is not None else None)
        node.inputs = [_entry(e, nodes, "inputs of node %s" % name) for e in raw.get("inputs", [])]
        for (src, _, ver) in node.inputs:
            if src.op is None:
                src.version = max(src.version, ver)
        nodes.append(node)
    heads = [_entry(h, nodes, "heads") for h in graph["heads"]]
    _upgrade(topo_order(heads), _version(graph.get("attrs")))
    return heads


# ---- debug_str -----------------------------------------------------------------------------------------
def debug_str(heads):
    """nnvm's Symbol::Print text."""
    lines = ["Symbol Outputs:"]
    for i, (node, idx) in enumerate((h[0], h[1]) for h in heads):
        lines.append("\toutput[%d]=%s(%d)" % (i, node.name, idx))
    for n in topo_order(heads):
        if n.op is None:
            lines.append("Variable:" + n.name)
            continue
        lines.append("--------------------")
        lines.append("Op:%s, Name=%s" % (json_op_name(n), n.name))
        lines.append("Inputs:")
        for i, (src, idx, ver) in enumerate(n.inputs):
            if src.op is None:
                lines.append("\targ[%d]=%s(%d) version=%d" % (i, src.name, idx, ver))
            else:
                lines.append("\targ[%d]=%s(%d)" % (i, src.name, idx))
        if n.attrs:
            lines.append("Attrs:")
            for k, v in sorted(n.attrs.items()):
                lines.append("\t%s=%s" % (k, v))
    return "\n".join(lines) + "\n"
