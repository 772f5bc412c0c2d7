"""The static memory plan of the inference fast path (``fast_infer.py``), as MXNet's executor plans its memory.

MXNet allocates every intermediate array of a bound executor once, sharing memory between arrays whose
lifetimes do not overlap, and its oneDNN convolutions write into those arrays (a residual ``conv + sum`` writes
into the summand's own memory). Allocating the large activations afresh on every forward instead costs page
faults on a CPU (for ResNet-18 at batch 32, about 15% of the time). This pass gives the fused convolutions and
2-D max pooling of a rewritten graph persistent channels-last buffers:

- a convolution writes into its buffer (zeroed, then oneDNN's in-place ``sum`` post-op adds the convolution);
- a convolution + residual add writes into the summand's buffer when the summand is a planned buffer that
  nothing reads afterwards, otherwise into its own buffer holding a copy of the summand;
- a convolution whose input is not channels-last contiguous (the data, say) converts it into a scratch buffer;
- unpadded-window max pooling (``valid`` convention, ``pad <= (kernel - 1) / 2``) takes the maximum of strided
  views, separably (width, then height), into its buffer; a padded window is clipped, which is what torch's
  ``max_pool2d`` does with its implicit ``-inf`` padding.

Only nodes whose every consumer is a planned-kind operator (they read their inputs and never return a view of
them) and that are not graph outputs get a buffer, so no buffer escapes a forward and a buffer is reused once
its last reader has run. Values are the same as the unplanned kernels' (sums with zero, copies and maxima).
"""
import torch

from .._op.defs.nn_pool import max_pool2d_into

__all__ = ["plan_memory", "allocate"]

_INPLACE = getattr(getattr(getattr(torch.ops, "mkldnn", None), "_convolution_pointwise_", None), "binary", None)


def _cl(x, scratch):
    if scratch is None or x.is_contiguous(memory_format=torch.channels_last):
        return x
    return scratch.copy_(x)


def conv_into(buf, scratch, x, w, b, padding, stride, dilation, groups, unary):
    """``unary(conv(x))`` written into ``buf``."""
    buf.zero_()
    return _INPLACE(buf, _cl(x, scratch), w, b, padding, stride, dilation, groups, "add", None,
                    None if unary == "none" else unary, [], "")


def conv_add_into(buf, scratch, x, other, w, b, padding, stride, dilation, groups, unary):
    """``unary(conv(x) + other)`` written into ``buf`` (which may be ``other`` itself)."""
    if buf is not other:
        buf.copy_(other)
    return _INPLACE(buf, _cl(x, scratch), w, b, padding, stride, dilation, groups, "add", None,
                    None if unary == "none" else unary, [], "")


def conv_add_inplace(scratch, x, other, w, b, padding, stride, dilation, groups, unary):
    return conv_add_into(other, scratch, x, other, w, b, padding, stride, dilation, groups, unary)


def max_pool_into(buf, tmp, x, kernel, stride, pad):
    """2-D max pooling of ``x`` into ``buf`` (``tmp``: the width-pooled intermediate); the operator's kernel."""
    return max_pool2d_into(buf, tmp, x, kernel, stride, pad)


def poolable(kw, in_shape):
    """Whether a Pooling node's parameters suit ``max_pool_into``."""
    kernel, stride, pad = kw.get("kernel") or (), kw.get("stride") or (1, 1), kw.get("pad") or (0, 0)
    return (kw.get("pool_type") == "max" and not kw.get("global_pool") and len(kernel) == 2 and
            kw.get("pooling_convention") == "valid" and kw.get("layout") in (None, "NCHW") and
            len(in_shape) == 4 and len(stride) >= 2 and len(pad) >= 2 and
            all(2 * p <= k - 1 and k <= n + 2 * p for k, p, n in zip(kernel, pad[:2], in_shape[2:])))


def _pool_out(kw, in_shape):
    kernel, stride, pad = kw["kernel"], tuple((kw.get("stride") or (1, 1))[:2]), tuple((kw.get("pad") or (0, 0))[:2])
    spatial = [(n + 2 * p - k) // s + 1 for n, k, s, p in zip(in_shape[2:], kernel, stride, pad)]
    return tuple(in_shape[:2]) + tuple(spatial), (tuple(kernel), stride, pad)


class _Slots:
    """Greedy buffer sharing: a buffer is reused once the last reader of its current value has run."""

    def __init__(self):
        self.specs = []  # (shape, dtype) per buffer
        self.end = {}  # buffer -> last position reading it
        self.free = {}  # (shape, dtype) -> [buffer]

    def release_before(self, pos):
        for slot, end in list(self.end.items()):
            if end < pos:
                del self.end[slot]
                self.free.setdefault(self.specs[slot], []).append(slot)

    def take(self, shape, dtype, end):
        key = (tuple(shape), dtype)
        pool = self.free.get(key)
        slot = pool.pop() if pool else None
        if slot is None:
            slot = len(self.specs)
            self.specs.append(key)
        self.end[slot] = end
        return slot


def plan_memory(graph, meta, conv, conv_add, pool_fn, new_input):
    """Rewrite ``graph``'s fused convolutions and max pooling onto planned buffers; returns the buffer specs.

    ``conv`` / ``conv_add`` are the fused convolution targets, ``pool_fn`` the Pooling operator's function,
    ``meta`` maps a node to its output (shape, dtype) and ``new_input(name)`` adds a graph input. The buffers
    are passed as extra inputs, in the order of the returned ``[(shape, dtype)]``.
    """
    if _INPLACE is None:
        return []
    nodes = list(graph.nodes)
    pos = {n: i for i, n in enumerate(nodes)}
    outputs = set()
    for n in nodes:
        if n.op == "output":
            outputs.update(n.all_input_nodes)
    readers = {conv, conv_add, pool_fn}

    def kind(n):
        if n.op != "call_function" or meta.get(n) is None:
            return None
        if n.target is conv or n.target is conv_add:
            return "conv"
        if n.target is pool_fn and meta.get(n.args[0]) is not None and poolable(n.kwargs, meta[n.args[0]][0]):
            return "pool"
        return None

    def plannable(n):
        return n not in outputs and n.users and all(u.op == "call_function" and u.target in readers
                                                    for u in n.users)

    slots, owner = _Slots(), {}  # owner: node -> buffer holding its value
    rewrites = []
    for i, n in enumerate(nodes):
        k = kind(n)
        if k is None or not plannable(n):
            continue
        slots.release_before(i)
        last = max(pos[u] for u in n.users)
        shape, dtype = meta[n]
        if k == "pool":
            out_shape, geometry = _pool_out(n.kwargs, meta[n.args[0]][0])
            if out_shape != tuple(shape):
                continue
            in_shape = meta[n.args[0]][0]
            tmp = slots.take(tuple(in_shape[:3]) + (out_shape[3],), dtype, i)
            owner[n] = slots.take(shape, dtype, last)
            rewrites.append((n, "pool", owner[n], tmp, geometry))
            continue
        data = n.args[0]
        scratch = None
        if data not in owner and meta.get(data) is not None and len(meta[data][0]) == 4:
            scratch = slots.take(meta[data][0], meta[data][1], i)
        if n.target is conv:
            owner[n] = slots.take(shape, dtype, last)
            rewrites.append((n, "conv", owner[n], scratch, None))
            continue
        other = n.args[1]
        if other in owner and other is not data and all(pos[u] < i for u in other.users if u is not n):
            owner[n] = owner[other]
            slots.end[owner[n]] = last
            rewrites.append((n, "inplace", None, scratch, None))
        else:
            owner[n] = slots.take(shape, dtype, last)
            rewrites.append((n, "add", owner[n], scratch, None))
    if not rewrites:
        return []
    inputs = [new_input("_buffer%d" % s) for s in range(len(slots.specs))]

    def ref(slot):
        return None if slot is None else inputs[slot]

    for n, how, slot, extra, geometry in rewrites:
        if how == "pool":
            n.target, n.args, n.kwargs = max_pool_into, (ref(slot), ref(extra), n.args[0]) + geometry, {}
        elif how == "conv":
            n.target, n.args = conv_into, (ref(slot), ref(extra)) + n.args
        elif how == "inplace":
            n.target, n.args = conv_add_inplace, (ref(extra),) + n.args
        else:
            n.target, n.args = conv_add_into, (ref(slot), ref(extra)) + n.args
    return list(slots.specs)


def allocate(specs, device):
    """The planned buffers (channels-last for 4-D)."""
    out = []
    for shape, dtype in specs:
        fmt = torch.channels_last if len(shape) == 4 else torch.contiguous_format
        out.append(torch.empty(shape, dtype=dtype, device=device, memory_format=fmt))
    return out
