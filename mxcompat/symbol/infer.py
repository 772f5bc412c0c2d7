"""Shape and type inference over a Symbol graph.

MXNet contract (legacy shape semantics): a shape is unknown (``None``, reported as ``()``) or has unknown
dimensions written as 0. Inference propagates forward and backward until nothing changes:
- an operator's output shapes come from running its torch function on ``meta`` tensors (no compute);
- the shapes of its parameters (FullyConnected's weight, BatchNorm's gamma and moving statistics, a loss
  head's label) come from the OpDef's ``param_shapes_rule`` given the known input shapes;
- elementwise operators (and the data/output pair of activations, normalisations and loss heads) force
  their inputs and output to one shape, in both directions;
- with partly known inputs the function runs twice with different stand-ins for the unknown dimensions;
  output dimensions that differ stay unknown, and an output dimension that follows an input dimension
  one-to-one fills that input dimension backwards (a convolution's batch and, when size-preserving,
  spatial sizes; a concat's batch size).
Inconsistent shapes raise MXNetError naming the node, as MXNet does. Types follow MXNet's rule for almost
every operator (inputs and outputs share one type), with the exceptions listed in ``_TYPE_RULES``.
"""
import numpy as np
import torch

from ..base import MXNetError
from ._graph import topo_order
from ._no_dynamo import no_dynamo_import

__all__ = ["infer_graph", "GraphInfo", "run_meta", "same_shape_inputs", "fixpoint"]

_Q1, _Q2 = 1009, 2027  # stand-ins for unknown dimensions: distinct primes, far enough apart that a rule
# dividing by a group count (Convolution num_group) still tells them apart
_FALLBACK_LIMIT = 1 << 20  # run an op on real zeros (when meta fails) only below this many elements

_BN_LIKE = ("BatchNorm", "BatchNorm_v1", "_contrib_SyncBatchNorm", "_contrib_BatchNormWithReLU")
# input indices that share the output's shape (beyond plain elementwise operators)
_SAME_SHAPE = {
    "Activation": (0,), "LeakyReLU": (0,), "Dropout": (0,), "softmax": (0,), "log_softmax": (0,),
    "softmin": (0,), "SoftmaxActivation": (0,), "SoftmaxOutput": (0,), "Softmax": (0,), "MakeLoss": (0,),
    "make_loss": (0,), "LinearRegressionOutput": (0,), "LogisticRegressionOutput": (0,),
    "MAERegressionOutput": (0,), "IdentityAttachKLSparseReg": (0,), "L2Normalization": (0,), "LRN": (0,),
    "InstanceNorm": (0,), "LayerNorm": (0,), "GroupNorm": (0,), "clip": (0,), "_identity_with_attr_like_rhs":
    (0, 1), "amp_cast": (0,), "relu": (0,), "sigmoid": (0,), "where": (1, 2),
}
# operators whose MXNet shape function gives nothing until this input's shape is fully known
_NEEDS_KNOWN = {"where": 0}
for _n in _BN_LIKE:
    _SAME_SHAPE[_n] = (0,)
_ELEMWISE_BINARY = {"elemwise_add", "elemwise_sub", "elemwise_mul", "elemwise_div", "_mod", "_power",
                    "_maximum", "_minimum", "_hypot", "_equal", "_not_equal", "_greater", "_greater_equal",
                    "_lesser", "_lesser_equal", "_logical_and", "_logical_or", "_logical_xor", "_grad_add"}


def _label_rule(kind):
    def rule(shapes, params):
        d = shapes.get("data")
        if d is None:
            return {}
        if kind == "same":
            return {"label": tuple(d)}
        if params.get("multi_output"):
            return {"label": (d[0],) + tuple(d[2:])}
        return {"label": tuple(d[:-1])}
    return rule


# used when an op's own rule gives no shape for these inputs
_FALLBACK_RULES = {
    "SoftmaxOutput": _label_rule("softmax"), "Softmax": _label_rule("softmax"),
    "SVMOutput": _label_rule("softmax"), "softmax_cross_entropy": _label_rule("softmax"),
    "LinearRegressionOutput": _label_rule("same"), "LogisticRegressionOutput": _label_rule("same"),
    "MAERegressionOutput": _label_rule("same"),
}


def same_shape_inputs(op):
    """Indices of the inputs that have the output's shape (empty when the op has no such rule)."""
    if op.name in _SAME_SHAPE:
        return _SAME_SHAPE[op.name]
    if op.creation:
        return ()
    if op.name in _ELEMWISE_BINARY or op.name.endswith("_scalar") or op.fn.__module__.endswith(".elemwise"):
        return None  # all inputs
    return ()


# ---- shape algebra -------------------------------------------------------------------------------------
def _known(s):
    return s is not None and all(d > 0 for d in s)


def _fmt_list(s):
    return "[" + ",".join(str(d) for d in s) + "]"


def _fmt_tuple(s):
    return "(" + ",".join(str(d) for d in s) + ")"


class _Conflict(Exception):
    pass


def _unify(a, b):
    if a is None:
        return b
    if b is None or a == b:
        return a
    if len(a) != len(b):
        raise _Conflict()
    out = []
    for x, y in zip(a, b):
        if x and y and x != y:
            raise _Conflict()
        out.append(x or y)
    return tuple(out)


def _subst(shape, q):
    return tuple(d if d > 0 else q for d in shape)


# ---- running an op on meta tensors ---------------------------------------------------------------------
class _CannotRun(Exception):
    pass


def run_meta(node, shapes, dtypes):
    """Output (shapes, dtypes) of ``node`` for inputs of ``shapes``/``dtypes`` (torch dtypes)."""
    op = node.op
    params = dict(node.params)
    if op.mode:
        params["is_train"] = False
    if op.creation:
        params["device"] = torch.device("meta")
    if getattr(op, "out_arg", False):
        params["out"] = None
    try:
        ins = [torch.empty(s, dtype=d, device="meta") for s, d in zip(shapes, dtypes)]
        with no_dynamo_import():  # torch's Python meta kernels would import torch._dynamo (seconds)
            res = op.fn(*ins, **params)
    except MXNetError:
        raise
    except Exception:  # pylint: disable=broad-except
        # some functions need data (``.item()``); run small cases for real instead
        if op.creation or sum(int(np.prod(s)) for s in shapes) > _FALLBACK_LIMIT:
            raise _CannotRun() from None
        try:
            with torch.no_grad():
                res = op.fn(*[torch.zeros(s, dtype=d) for s, d in zip(shapes, dtypes)], **params)
        except Exception:  # pylint: disable=broad-except
            raise _CannotRun() from None
    res = [res] if isinstance(res, torch.Tensor) else list(res)
    return [tuple(r.shape) for r in res], [r.dtype for r in res]


# ---- the graph walk ----------------------------------------------------------------------------------
class GraphInfo:
    """Shapes and dtypes of every entry of a graph after inference (keyed by ``(id(node), index)``)."""

    def __init__(self, nodes):
        self.nodes = nodes
        self.shape = {}
        self.dtype = {}

    def entry_shape(self, e):
        return self.shape.get((id(e[0]), e[1]))

    def entry_dtype(self, e):
        return self.dtype.get((id(e[0]), e[1]))


def _parse_shape_hint(text):
    try:
        v = eval(text, {"__builtins__": {}}, {"L": 0})  # pylint: disable=eval-used  # "(3, 4)" / "(3L, 4L)"
    except Exception:  # pylint: disable=broad-except
        return None
    if isinstance(v, int):
        v = (v,)
    # -1 is how a graph written under np_shape marks an unknown dimension; 0 is the legacy marker
    return tuple(max(int(d), 0) for d in v) if isinstance(v, (tuple, list)) else None


def infer_graph(heads, known_shapes=None, known_dtypes=None):
    """Run type then shape inference; ``known_*`` map variable names to shapes / torch dtypes."""
    from .infer_type import infer_types
    nodes = topo_order(heads)
    info = GraphInfo(nodes)
    infer_types(info, known_dtypes or {})
    _infer_shapes(info, known_shapes or {})
    return info


def _unify_at(table, key, value, node):
    """Unify the shape stored at ``key`` with ``value``; a conflict is MXNet's error naming ``node``."""
    old = table.get(key)
    try:
        new = _unify(old, value)
    except _Conflict:
        raise MXNetError("Error in operator {}: Shape inconsistent, Provided = {}, inferred shape={}".format(
            node.name, _fmt_list(old), _fmt_tuple(value))) from None
    if new != old:
        table[key] = new
        return True
    return False


def _set(table, node, idx, value):
    return _unify_at(table, (id(node), idx), value, node)


def seed_variables(nodes, table, known, hint_key, parse_hint, convert):
    """Variables take the given value, else their ``__shape__`` / ``__dtype__`` hint attribute."""
    for n in nodes:
        if n.op is None:
            value = known.get(n.name)
            if value is None and hint_key in n.attrs:
                value = parse_hint(n.attrs[hint_key])
            if value is not None:
                table[(id(n), 0)] = convert(value)


def fixpoint(info, known, table, hint_key, parse_hint, convert, forward, backward):
    """Seed the variables, then sweep the operators forward and backward until nothing changes."""
    seed_variables(info.nodes, table, known, hint_key, parse_hint, convert)
    ops = [n for n in info.nodes if n.op is not None]
    for _ in range(len(ops) + 2):
        changed = False
        for n in ops:
            changed |= forward(info, n)
        for n in reversed(ops):
            changed |= backward(info, n)
        if not changed:
            break


def _infer_shapes(info, known):
    fixpoint(info, known, info.shape, "__shape__", _parse_shape_hint, lambda s: tuple(int(d) for d in s),
             _forward_shape, _backward_shape)


def _entry_unify(info, node, i, value):
    """Unify input ``i`` of ``node`` with ``value``; MXNet's error names the consuming node."""
    return _unify_at(info.shape, (id(node.inputs[i][0]), node.inputs[i][1]), value, node)


def _input_names(node):
    op = node.op
    if op.variadic and op.input_filter is None:
        return ["arg%d" % i for i in range(len(node.inputs))]
    return list(op.input_names(node.params) + op.aux_names(node.params))[:len(node.inputs)]


def _apply_param_rules(info, node, in_shapes):
    changed = False
    names = _input_names(node)
    if all(_known(s) for s in in_shapes) or (in_shapes and in_shapes[0] is None):
        return False  # MXNet's shape functions give nothing until the data shape is known
    rules = [r for r in (node.op.param_shapes_rule, _FALLBACK_RULES.get(node.op.name)) if r is not None]
    for rule in rules:
        results = []
        for q in (_Q1, _Q2):
            given = {nm: _subst(s, q) for nm, s in zip(names, in_shapes) if s is not None}
            try:
                results.append(rule(given, node.params) or {})
            except Exception:  # pylint: disable=broad-except  # the rule needs shapes not known yet
                results.append({})
        for nm, s1 in results[0].items():
            s2 = results[1].get(nm)
            if nm not in names or s1 is None or s2 is None or len(s1) != len(s2):
                continue
            s = tuple(int(a) if a == b else 0 for a, b in zip(s1, s2))
            changed |= _entry_unify(info, node, names.index(nm), s)
    return changed


def _same_group(node):
    idx = same_shape_inputs(node.op)
    if idx is None:
        return list(range(len(node.inputs)))
    return [i for i in idx if i < len(node.inputs)]


def _gated(info, node):
    i = _NEEDS_KNOWN.get(node.op.name)
    return i is not None and i < len(node.inputs) and not _known(info.entry_shape(node.inputs[i]))


def _forward_shape(info, node):
    if _gated(info, node):
        return False
    in_shapes = [info.entry_shape(e) for e in node.inputs]
    changed = _apply_param_rules(info, node, in_shapes)
    group = _same_group(node)
    if group:
        merged = info.shape.get((id(node), 0))
        for i in group:
            try:
                merged = _unify(merged, info.entry_shape(node.inputs[i]))
            except _Conflict:
                first = next(j for j in group if info.entry_shape(node.inputs[j]) is not None)
                raise MXNetError("Error in operator {}: Incompatible attr in node {} at {}-th input: expected {}, "
                                 "got {}".format(node.name, node.name, i, _fmt_list(info.entry_shape(
                                     node.inputs[first])), _fmt_list(info.entry_shape(node.inputs[i])))) from None
        if merged is not None:
            for i in group:
                changed |= _entry_unify(info, node, i, merged)
            changed |= _set(info.shape, node, 0, merged)
    in_shapes = [info.entry_shape(e) for e in node.inputs]
    if any(s is None for s in in_shapes):
        return changed
    dtypes = [info.entry_dtype(e) or torch.float32 for e in node.inputs]
    out_dtypes = None
    if all(_known(s) for s in in_shapes):
        try:
            outs, out_dtypes = run_meta(node, in_shapes, dtypes)
        except _CannotRun:
            return changed
        except MXNetError as err:
            msg = str(err)
            raise MXNetError(msg if msg.startswith("Error in operator") else
                             "Error in operator {}: {}".format(node.name, msg)) from None
    elif node.op.name in _PARTIAL_RULES:
        outs, fill = _PARTIAL_RULES[node.op.name](in_shapes, node.params)
        if fill is not None:
            changed |= _entry_unify(info, node, 0, fill)
    else:
        outs = _probe(node, in_shapes, dtypes)
        if outs is None:
            return changed
    for i, s in enumerate(outs):
        changed |= _set(info.shape, node, i, s)
    if out_dtypes is not None:
        for i, d in enumerate(out_dtypes):
            info.dtype[(id(node), i)] = d  # the function's own output type is authoritative
    return changed


def _probe(node, in_shapes, dtypes, perturb=None):
    """Outputs with unknown dims: dims that differ between two stand-in values are reported as 0."""
    try:
        a, _ = run_meta(node, [_subst(s, _Q1) for s in in_shapes], dtypes)
        b, _ = run_meta(node, [_subst(s, _Q2) for s in in_shapes], dtypes)
    except (_CannotRun, MXNetError):
        return None
    if [len(s) for s in a] != [len(s) for s in b]:
        return None
    return [tuple(x if x == y else 0 for x, y in zip(sa, sb)) for sa, sb in zip(a, b)]


def _backward_shape(info, node):
    if _gated(info, node):
        return False
    changed = False
    group = _same_group(node)
    out0 = info.shape.get((id(node), 0))
    if group and out0 is not None:
        for i in group:
            changed |= _entry_unify(info, node, i, out0)
    in_shapes = [info.entry_shape(e) for e in node.inputs]
    if any(s is None for s in in_shapes) or all(_known(s) for s in in_shapes):
        return changed
    outs = [info.shape.get((id(node), i)) for i in range(node.num_outputs())]
    if not any(o is not None and any(d > 0 for d in o) for o in outs):
        return changed
    if node.op.name in _PARTIAL_RULES:
        fill = _reverse_reshape(in_shapes[0], outs[0])
        return changed | (fill is not None and _entry_unify(info, node, 0, fill))
    for i, j, value in _dim_links(node, in_shapes, outs):
        s = list(info.entry_shape(node.inputs[i]))
        if s[j] == 0:
            s[j] = value
            changed |= _entry_unify(info, node, i, tuple(s))
    return changed


def _dim_links(node, in_shapes, outs):
    """(input, dim, value) for unknown input dims that map one-to-one onto a known output dim."""
    dtypes = [torch.float32] * len(in_shapes)
    base = [_subst(s, _Q1) for s in in_shapes]
    try:
        ref, _ = run_meta(node, base, dtypes)
    except (_CannotRun, MXNetError):
        return []
    found = []
    unknown = [(i, j) for i, s in enumerate(in_shapes) for j, d in enumerate(s) if d == 0]
    groups = [[u] for u in unknown] + [[u for u in unknown if u[1] == j] for j in sorted({u[1] for u in unknown})]
    done = set()
    for group in groups:
        if all(u in done for u in group):
            continue
        trial = [list(s) for s in base]
        for i, j in group:
            trial[i][j] = _Q2
        try:
            got, _ = run_meta(node, [tuple(t) for t in trial], dtypes)
        except (_CannotRun, MXNetError):
            continue
        for k, (r, g) in enumerate(zip(ref, got)):
            if k >= len(outs) or outs[k] is None or len(r) != len(g) or len(outs[k]) != len(r):
                continue
            for m, (x, y) in enumerate(zip(r, g)):
                if x == _Q1 and y == _Q2 and outs[k][m] > 0:
                    for u in group:
                        found.append((u[0], u[1], outs[k][m]))
                        done.add(u)
    return found


# ---- Reshape on partly known shapes (MXNet's InferReshapeShape / ReverseReshapeInferShape) ---------------
def _reshape_codes(src, target, reverse):
    """The output of MXNet's reshape codes for an input with unknown (0) dims; unknown output dims are 0."""
    src, target = list(src), list(target)
    if reverse:
        src, target = src[::-1], target[::-1]
    out, si, i = [], 0, 0
    while i < len(target):
        t = target[i]
        if t == 0:
            out.append(src[si]); si += 1
        elif t == -1:  # unknown while the input is partly unknown
            out.append(0); si += 1
        elif t == -2:
            out.extend(src[si:]); si = len(src)
        elif t == -3:
            d1, d2 = src[si], src[si + 1]; si += 2
            out.append(d1 * d2)
        elif t == -4:
            d0, d1, d2 = src[si], target[i + 1], target[i + 2]; si += 1; i += 2
            if d1 == -1:
                d1 = d0 // d2 if d0 else 0
            if d2 == -1:
                d2 = d0 // d1 if d0 else 0
            out.extend([d1, d2])
        else:
            out.append(t); si += 1
        i += 1
    return tuple(out[::-1] if reverse else out)


def _reverse_reshape(in_shape, out_shape):
    """MXNet fills the one unknown input dim of a Reshape from a fully known output: size // known part."""
    if in_shape is None or not _known(out_shape) or _known(in_shape):
        return None
    unknown = [j for j, d in enumerate(in_shape) if d == 0]
    if len(unknown) != 1:
        return None
    known_part = int(np.prod([d for d in in_shape if d > 0]))
    filled = list(in_shape)
    filled[unknown[0]] = int(np.prod(out_shape)) // known_part
    return tuple(filled)


def _reshape_partial(in_shapes, params):
    """(output shapes, input shape filled backwards or None) of Reshape for a partly known input."""
    src = in_shapes[0]
    if params.get("shape"):
        try:
            out = _reshape_codes(src, params["shape"], params.get("reverse", False))
        except IndexError:
            return [None], None
    else:
        out = list(params.get("target_shape") or ())
        if not out:
            return [None], None
        if params.get("keep_highest"):
            out[0] = src[0]
        out = tuple(0 if (d == 0 and j >= int(bool(params.get("keep_highest")))) else d for j, d in enumerate(out))
    return [out], _reverse_reshape(src, out)


_PARTIAL_RULES = {"Reshape": _reshape_partial}
