"""``mx.sym.Symbol``: a symbolic graph, built by composing operators, inspected, saved and bound.

MXNet contract (1.9.1): a Symbol is a list of output entries of a shared DAG. Nothing is computed when a
Symbol is composed; ``bind``/``simple_bind`` give an Executor. Attributes are strings; ``_set_attr`` and
``_compose`` mutate the nodes in place (other Symbols sharing them see the change), ``__call__``/``copy``
work on a deep copy. Names, the order of ``list_arguments``/``get_internals`` and the JSON written follow
MXNet exactly (see ``_graph`` and ``json_io``).

Deliberate differences: ``handle`` is the Symbol itself (there is no C handle); ``gradient``,
``optimize_for`` with a backend and ``get_backend_symbol`` raise NotImplementedError.
"""
import numbers

from ..base import MXNetError, NotImplementedForSymbol, string_types, unsupported
from . import _graph
from ._graph import HIDDEN_KEYS, is_hidden, topo_order, mutable_vars, entry_name

__all__ = ["Symbol"]

_Number = numbers.Number


class Symbol:
    """Symbolic graph of MXNet operators (``mx.sym.Symbol``)."""

    __slots__ = ("_outputs", "__weakref__")
    __array_priority__ = 1000.0

    def __init__(self, outputs):
        self._outputs = list(outputs)

    @property
    def handle(self):
        return self

    # ---- structure ---------------------------------------------------------------------------------------
    def _nodes(self):
        return topo_order(self._outputs)

    def _single_node(self):
        node = self._outputs[0][0]
        for e in self._outputs:
            if e[0] is not node:
                return None
        return node

    @property
    def name(self):
        """The node's name; None for a group of different nodes."""
        node = self._single_node()
        return None if node is None else node.name

    def __repr__(self):
        name = self.name
        if name is None:
            return "<%s group [%s]>" % (type(self).__name__, ", ".join(s.name for s in self))
        return "<%s %s>" % (type(self).__name__, name)

    def __len__(self):
        return len(self._outputs)

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def __getitem__(self, index):
        count = len(self)
        if isinstance(index, slice):
            from .creation import Group
            start, stop, step = index.start or 0, count if index.stop is None else index.stop, index.step or 1
            return Group([self[i] for i in range(start, stop, step)])
        if isinstance(index, string_types):
            idx = None
            for i, name in enumerate(self.list_outputs()):
                if name == index:
                    if idx is not None:
                        raise ValueError('There are multiple outputs with name "%s"' % index)
                    idx = i
            if idx is None:
                raise ValueError('Cannot find output that matches name "%s"' % index)
            index = idx
        if not isinstance(index, int):
            raise TypeError("Symbol only support integer index to fetch i-th output")
        if index >= count:
            raise IndexError
        if index < 0:
            raise MXNetError("Symbol only accept nonnegative index")
        return Symbol([self._outputs[index]])

    def list_arguments(self):
        """Names of the arguments (inputs that are not auxiliary states), in graph order."""
        nodes = self._nodes()
        aux = mutable_vars(nodes)
        return [n.name for n in nodes if n.op is None and id(n) not in aux]

    def list_auxiliary_states(self):
        """Names of the auxiliary states (variables an operator updates, e.g. BatchNorm's moving_mean)."""
        nodes = self._nodes()
        aux = mutable_vars(nodes)
        return [n.name for n in nodes if n.op is None and id(n) in aux]

    def list_inputs(self):
        """Names of all variables (arguments and auxiliary states), in graph order."""
        return [n.name for n in self._nodes() if n.op is None]

    def list_outputs(self):
        """Output names: ``<node>_output`` (``<node>_<name>`` for multi-output ops), variables by name."""
        return [entry_name(e) for e in self._outputs]

    def get_internals(self):
        """A group of every node output in graph order (variables included)."""
        outs = []
        for n in self._nodes():
            if n.op is None:
                outs.append((n, 0, 0))
            else:
                outs.extend((n, i, 0) for i in range(n.num_outputs()))
        return Symbol(outs)

    def get_children(self):
        """A group of the inputs of the output nodes; None for a variable."""
        outs, seen = [], set()
        for node, _, _ in self._outputs:
            if id(node) in seen:
                continue
            seen.add(id(node))
            outs.extend(node.inputs)
        return Symbol(outs) if outs else None

    # ---- attributes --------------------------------------------------------------------------------------
    def attr(self, key):
        """The attribute ``key`` of this (single-node) symbol as a string, or None."""
        node = self._single_node()
        if node is None:
            return None
        if key == "name":
            return node.name
        if key in node.attrs:
            return node.attrs[key]
        if key in HIDDEN_KEYS:
            return node.attrs.get("__%s__" % key)
        return None

    def list_attr(self, recursive=False):
        """The attributes of this symbol's node (hidden ``__lr_mult__`` also listed as ``lr_mult``)."""
        if recursive:
            raise DeprecationWarning("Symbol.list_attr with recursive=True has been deprecated. "
                                     "Please use attr_dict instead.")
        # as nnvm does, a group reports its first output's node
        return _with_plain_keys(self._outputs[0][0].attrs)

    def attr_dict(self):
        """``{node name: attributes}`` for every node in the graph that has attributes."""
        out = {}
        for n in self._nodes():
            if n.attrs:
                out[n.name] = _with_plain_keys(n.attrs)
        return out

    def _set_attr(self, **kwargs):
        """Set string attributes on this symbol's node (``name`` renames the node)."""
        node = self._single_node()
        if node is None:
            raise MXNetError("Symbol.SetAttrs only works for non-grouped symbol")
        for value in kwargs.values():
            if not isinstance(value, string_types):
                raise ValueError("Set Attr only accepts string values")
        saved = dict(node.attrs)
        for key, value in kwargs.items():
            if key == "name":
                node.name = value
                continue
            node.set_attr("__%s__" % key if key in HIDDEN_KEYS else key, value)
        if node.op is not None:
            try:
                node.params  # pylint: disable=pointless-statement  # re-validate, as MXNet re-parses
            except MXNetError:
                node.attrs = saved  # keep the node usable (MXNet would leave it unparseable)
                node._params = None
                raise

    # ---- composition -------------------------------------------------------------------------------------
    def __call__(self, *args, **kwargs):
        """Compose a copy of this symbol: ``net(data=other)`` replaces variable ``data`` by ``other``."""
        s = self.__copy__()
        s._compose(*args, **kwargs)
        return s

    def _compose(self, *args, **kwargs):
        """Replace variables by the given symbols, in place (MXNet's general composition, kwargs only)."""
        name = kwargs.pop("name", None)
        if args and kwargs:
            raise TypeError("compose only accept input Symbols either as positional or keyword arguments, "
                            "not both")
        for arg in list(args) + list(kwargs.values()):
            if not isinstance(arg, Symbol):
                raise TypeError("Compose expect `Symbol` as arguments")
        for key, val in kwargs.items():
            if len(val._outputs) != 1:
                raise MXNetError("Keyword Argument {} is a tuple, single value is required".format(key))
        if name:
            self._outputs[0][0].name = name
        if args:
            raise MXNetError("General composition only support kwargs for now")
        if not kwargs:
            return
        nodes = self._nodes()
        head = self._single_node()
        candidates = ["data"] if head is not None and head.op is None else [n.name for n in nodes if n.op is None]
        for key in kwargs:
            if key not in candidates:
                raise MXNetError(keyword_mismatch("Symbol.Compose", key, candidates))
        replace = {}
        for n in nodes:
            if n.op is None and n.name in kwargs:
                replace[id(n)] = kwargs[n.name]._outputs[0]
        if len(replace) != len(kwargs):
            return  # MXNet leaves the graph unchanged when several variables share a keyword's name
        for n in nodes:
            changed = False
            for i, e in enumerate(n.inputs):
                if id(e[0]) in replace:
                    n.inputs[i] = replace[id(e[0])]
                    changed = True
            if changed:
                _graph.update_versions(n)

    def __copy__(self):
        return Symbol(_graph.deep_copy(self._outputs))

    def __deepcopy__(self, _memo):
        return self.__copy__()

    def copy(self):
        """NDArray-only in MXNet 1.9.1 (raises NotImplementedForSymbol); use ``copy.copy(sym)``."""
        raise NotImplementedForSymbol(self.copy, None)

    def __getstate__(self):
        return {"handle": self.tojson()}

    def __setstate__(self, state):
        from .json_io import load_json_heads
        self._outputs = load_json_heads(state["handle"]) if state.get("handle") is not None else []

    def __reduce__(self):
        return (Symbol, ([],), self.__getstate__())

    def __bool__(self):
        raise NotImplementedForSymbol(self.__bool__, "bool")

    __nonzero__ = __bool__

    # ---- serialisation -----------------------------------------------------------------------------------
    def tojson(self, remove_amp_cast=True):
        """MXNet 1.9.1's JSON for this graph (byte-identical to what MXNet writes)."""
        from .json_io import to_json
        return to_json(self._outputs, remove_amp_cast=remove_amp_cast)

    def save(self, fname, remove_amp_cast=True):
        """Write ``tojson()`` to ``fname``."""
        if not isinstance(fname, string_types):
            raise TypeError("fname need to be string")
        with open(fname, "w") as f:
            f.write(self.tojson(remove_amp_cast))

    def debug_str(self):
        """MXNet's textual dump: outputs, then each variable and operator with inputs and attributes."""
        from .json_io import debug_str
        return debug_str(self._outputs)

    # ---- inference -----------------------------------------------------------------------------------------
    def infer_shape(self, *args, **kwargs):
        """(arg_shapes, out_shapes, aux_shapes) from known argument shapes; (None,)*3 when incomplete."""
        from .infer_api import infer_shape_api
        return infer_shape_api(self, False, args, kwargs)

    def infer_shape_partial(self, *args, **kwargs):
        """As infer_shape, with unknown shapes reported as ``()`` / 0 dims instead of failing."""
        from .infer_api import infer_shape_api
        return infer_shape_api(self, True, args, kwargs)

    def infer_type(self, *args, **kwargs):
        """(arg_types, out_types, aux_types) as numpy types from known argument types."""
        from .infer_api import infer_type_api
        return infer_type_api(self, False, args, kwargs)

    def infer_type_partial(self, *args, **kwargs):
        from .infer_api import infer_type_api
        return infer_type_api(self, True, args, kwargs)

    # ---- execution -----------------------------------------------------------------------------------------
    def bind(self, ctx, args, args_grad=None, grad_req="write", aux_states=None, group2ctx=None,
             shared_exec=None):
        """Bind the given argument arrays (list in ``list_arguments`` order, or dict) into an Executor."""
        from .binding import bind
        return bind(self, ctx, args, args_grad, grad_req, aux_states, group2ctx, shared_exec)

    def simple_bind(self, ctx, grad_req="write", type_dict=None, stype_dict=None, group2ctx=None,
                    shared_arg_names=None, shared_exec=None, shared_buffer=None, **kwargs):
        """Infer shapes/types from ``kwargs`` shapes, allocate every array and bind."""
        from .binding import simple_bind
        return simple_bind(self, ctx, grad_req, type_dict, stype_dict, group2ctx, shared_arg_names,
                           shared_exec, shared_buffer, kwargs)

    def eval(self, ctx=None, **kwargs):
        """Bind ``kwargs`` arrays and run forward; returns the list of outputs."""
        from ..context import current_context
        if ctx is None:
            ctx = current_context()
        return self.bind(ctx, kwargs).forward()

    def gradient(self, wrt):
        raise unsupported("Symbol.gradient", "use bind(...).backward() to compute gradients")

    def optimize_for(self, backend, args=None, aux=None, ctx=None, shape_dict=None, type_dict=None,
                     stype_dict=None, skip_infer=False, **kwargs):
        raise unsupported("Symbol.optimize_for(backend=%r)" % (backend,))

    def get_backend_symbol(self, backend):
        raise unsupported("Symbol.get_backend_symbol(%r)" % (backend,))

    def _gen_atomic_symbol(self):
        """A new, uncomposed and unnamed symbol (no inputs) for the operator and attributes of this symbol's
        node (MXNet's ``Symbol::CreateFunctor``)."""
        node = self._single_node()
        if node is None:
            raise MXNetError("Generating atomic symbol from other symbol is not supported!")
        if node.op is None:
            raise MXNetError("Cannot generate atomic symbol from variable")
        atom = _graph.Node(node.op, "", dict(node.attrs), [], node.op_name)
        return Symbol([(atom, i, 0) for i in range(atom.num_outputs())])

    # ---- NDArray-only methods --------------------------------------------------------------------------------
    def _nd_only(name):  # pylint: disable=no-self-argument
        def method(self, *args, **kwargs):
            raise NotImplementedForSymbol(method, None)
        method.__name__ = name
        return method

    wait_to_read = _nd_only("wait_to_read")
    asnumpy = _nd_only("asnumpy")
    asscalar = _nd_only("asscalar")
    as_in_context = _nd_only("as_in_context")
    detach = _nd_only("detach")
    backward = _nd_only("backward")
    del _nd_only

    def as_np_ndarray(self):
        raise unsupported("Symbol.as_np_ndarray (the mx.np interface)")

    def as_nd_ndarray(self):
        return self

    # ---- fluent methods with their own signatures ----------------------------------------------------------
    def reshape(self, *args, **kwargs):
        return _op("reshape")(self, *args, **kwargs)

    def astype(self, *args, **kwargs):
        return _op("cast")(self, *args, **kwargs)

    def broadcast_to(self, *args, **kwargs):
        return _op("broadcast_to")(self, *args, **kwargs)

    def broadcast_like(self, *args, **kwargs):
        return _op("broadcast_like")(self, *args, **kwargs)

    def expand_dims(self, axis, inplace=False, **kwargs):
        return _op("expand_dims")(self, axis=axis, **kwargs)

    def flatten(self, inplace=False, **kwargs):
        return _op("flatten")(self, **kwargs)

    def squeeze(self, axis=None, inplace=False, **kwargs):
        return _op("squeeze")(self, axis=axis, **kwargs)

    def diag(self, k=0, **kwargs):
        return _op("diag")(self, k=k, **kwargs)

    def split_v2(self, *args, **kwargs):
        from .creation import split_v2
        return split_v2(self, *args, **kwargs)


def _with_plain_keys(attrs):
    out = {}
    for k, v in attrs.items():
        out[k] = v
        if is_hidden(k) and k[2:-2] in HIDDEN_KEYS:
            out[k[2:-2]] = v
    return out


def keyword_mismatch(source, key, candidates):
    """MXNet's message for a keyword that names no input."""
    return "{}Keyword argument name {} not found.\nCandidate arguments:\n{}".format(
        source, key, "".join("\t[%d]%s\n" % (i, c) for i, c in enumerate(candidates)))


def _op(name):
    from .register import function
    return function(name)
