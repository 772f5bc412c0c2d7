"""``mx.gluon.block``: Block, HybridBlock and SymbolBlock.

MXNet contract (1.9.1):
- naming: a Block created outside any parent scope takes its prefix from the global NameManager
  (``dense0_``); inside ``parent.name_scope()`` it is ``parent.prefix + hint + per-parent count``
  (``hybridsequential0_dense1_``), and its ParameterDict prefix follows, so parameters are
  ``<prefix><name>``. ``params=`` shares another block's parameters (looked up by the new block's names).
- attributes that are Blocks or Parameters are registered (children in assignment order); ``collect_params``
  gathers this block's and its children's parameters (regex ``select`` matched from the start of the name).
- ``save_parameters`` keys are structural (``0.weight``, ``dense.bias``); ``load_parameters`` also accepts the
  legacy prefixed names of ``save_params`` / ``ParameterDict.save``.
- HybridBlock: ``hybrid_forward(F, x, *args, **params)`` with ``F`` = ``mx.nd`` (imperative) or ``mx.sym``;
  after ``hybridize()`` the first call builds the Symbol graph once (inputs ``data`` or ``data0, data1...``)
  and later calls run it lowered (``_cached.GraphRunner``); deferred shapes are inferred from the graph.
  ``export`` writes ``path-symbol.json`` and ``path-%04d.params`` (``arg:``/``aux:`` keys) that MXNet and
  ``SymbolBlock.imports`` load.
Deliberate differences: ``optimize_for`` / backends and ``register_op_hook`` raise NotImplementedError; the
hybridize flags (static_alloc, static_shape, inline_limit, bulk sizes) tune MXNet's memory planner and are
accepted and ignored.
"""
import copy
import re
import threading
import warnings
from collections import OrderedDict, defaultdict

from ..base import MXNetError, mx_real_t, unsupported  # noqa: F401
from .. import symbol, ndarray, initializer, name as _name
from ..symbol.symbol import Symbol
from ..ndarray.ndarray import NDArray
from .parameter import Parameter, ParameterDict, DeferredInitializationError
from .utils import _indent, _brief_print_list, HookHandle
from ._structure import flatten as _flatten, regroup as _regroup, gather_type_ctx_info, common_prefix
from ._cached import GraphRunner

__all__ = ["Block", "HybridBlock", "SymbolBlock"]


class _BlockScope(object):
    """Scope collecting child Blocks (their prefixes and parameter dicts)."""
    _current = threading.local()

    def __init__(self, block):
        self._block = block
        self._counter = {}
        self._old_scope = None
        self._name_scope = None

    @staticmethod
    def create(prefix, params, hint):
        """``(prefix, ParameterDict)`` for a new Block."""
        current = getattr(_BlockScope._current, "value", None)
        if current is None:
            if prefix is None:
                prefix = _name.current().get(None, hint) + '_'
            if params is None:
                params = ParameterDict(prefix)
            else:
                params = ParameterDict(params.prefix, params)
            return prefix, params
        if prefix is None:
            count = current._counter.get(hint, 0)
            prefix = '%s%d_' % (hint, count)
            current._counter[hint] = count + 1
        if params is None:
            parent = current._block.params
            params = ParameterDict(parent.prefix + prefix, parent._shared)
        else:
            params = ParameterDict(params.prefix, params)
        return current._block.prefix + prefix, params

    def __enter__(self):
        if self._block._empty_prefix:
            return self
        self._old_scope = getattr(_BlockScope._current, "value", None)
        _BlockScope._current.value = self
        self._name_scope = _name.Prefix(self._block.prefix)
        self._name_scope.__enter__()
        return self

    def __exit__(self, ptype, value, trace):
        if self._block._empty_prefix:
            return
        self._name_scope.__exit__(ptype, value, trace)
        self._name_scope = None
        _BlockScope._current.value = self._old_scope


class Block(object):
    """Base class of all layers and models; override ``forward``."""

    def __init__(self, prefix=None, params=None):
        self._empty_prefix = prefix == ''
        self._prefix, self._params = _BlockScope.create(prefix, params, self._alias())
        self._name = self._prefix[:-1] if self._prefix.endswith('_') else self._prefix
        self._scope = _BlockScope(self)
        self._children = OrderedDict()
        self._reg_params = {}
        self._forward_hooks = OrderedDict()
        self._forward_pre_hooks = OrderedDict()

    def __repr__(self):
        modstr = '\n'.join(['  ({key}): {block}'.format(key=key, block=_indent(block.__repr__(), 2))
                            for key, block in self.__dict__.items() if isinstance(block, Block)])
        return '{name}(\n{modstr}\n)'.format(name=self.__class__.__name__, modstr=modstr)

    def __setattr__(self, name, value):
        if hasattr(self, name):
            existing = getattr(self, name)
            if isinstance(existing, (Parameter, Block)) and not isinstance(value, type(existing)):
                raise TypeError('Changing attribute type for {name} from {type1} to {type2}is not allowed.'.format(
                    name=name, type1=type(existing), type2=type(value)))
        if isinstance(value, Block):
            self.register_child(value, name)
        elif isinstance(value, Parameter):
            assert name not in self._reg_params, \
                "Overriding Parameter attribute %s is not allowed. If you want to share parameters between " \
                "blocks, please set 'params' at Block construction instead."
            self._reg_params[name] = value
        super(Block, self).__setattr__(name, value)

    def _check_container_with_block(self):
        children = set(self._children.values())

        def unregistered(data):
            if isinstance(data, (list, tuple)):
                return any(unregistered(e) for e in data)
            if isinstance(data, dict):
                return any(unregistered(v) for v in data.values())
            return isinstance(data, Block) and data not in children
        for k, v in self.__dict__.items():
            if isinstance(v, (list, tuple, dict)) and not (k.startswith('__') or k == '_children'):
                if unregistered(v):
                    warnings.warn('"{name}" is an unregistered container with Blocks. Note that Blocks inside the '
                                  'list, tuple or dict will not be registered automatically. Make sure to register '
                                  'them using register_child() or switching to nn.Sequential/nn.HybridSequential '
                                  'instead. '.format(name=self.__class__.__name__ + "." + k), stacklevel=3)

    def _alias(self):
        return self.__class__.__name__.lower()

    @property
    def prefix(self):
        """Prefix of this Block."""
        return self._prefix

    @property
    def name(self):
        """Name of this Block, without the trailing '_'."""
        return self._name

    def name_scope(self):
        """The scope (``with``) in which child Blocks and symbols get this block's prefix."""
        return self._scope

    @property
    def params(self):
        """This block's own ParameterDict (children's parameters excluded)."""
        return self._params

    def collect_params(self, select=None):
        """A ParameterDict of this block's and its children's parameters, optionally filtered by regex."""
        self._check_container_with_block()
        ret = ParameterDict(self._params.prefix)
        if not select:
            ret.update(self.params)
        else:
            pattern = re.compile(select)
            ret.update({name: value for name, value in self.params.items() if pattern.match(name)})
        for cld in self._children.values():
            ret.update(cld.collect_params(select=select))
        return ret

    def _collect_params_with_prefix(self, prefix=''):
        if prefix:
            prefix += '.'
        ret = {prefix + key: val for key, val in self._reg_params.items()}
        for name, child in self._children.items():
            ret.update(child._collect_params_with_prefix(prefix + name))
        return ret

    def save_parameters(self, filename, deduplicate=False):
        """Save parameters under structural names in MXNet's ``.params`` format."""
        params = self._collect_params_with_prefix()
        if deduplicate:
            reverse = {v: k for k, v in params.items()}
            params = {v: k for k, v in reverse.items()}
        ndarray.save(filename, {key: val._reduce() for key, val in params.items()})

    def save_params(self, filename):
        """[Deprecated] ``collect_params().save(filename, strip_prefix=self.prefix)``."""
        warnings.warn("save_params is deprecated. Please use save_parameters. Note that if you want load from "
                      "SymbolBlock later, please use export instead. For details, see "
                      "https://mxnet.apache.org/tutorials/gluon/save_load_params.html")
        try:
            self.collect_params().save(filename, strip_prefix=self.prefix)
        except ValueError as e:
            raise ValueError('%s\nsave_params is deprecated. Using save_parameters may resolve this error.' % e)

    def load_parameters(self, filename, ctx=None, allow_missing=False, ignore_extra=False, cast_dtype=False,
                        dtype_source='current'):
        """Load what ``save_parameters`` (or ``save_params``) wrote, here or in MXNet."""
        loaded = ndarray.load(filename)
        params = self._collect_params_with_prefix()
        if not loaded and not params:
            return
        if not any('.' in i for i in loaded.keys()):
            del loaded
            self.collect_params().load(filename, ctx, allow_missing, ignore_extra, self.prefix,
                                       cast_dtype=cast_dtype, dtype_source=dtype_source)
            return
        if not allow_missing:
            params_inv = defaultdict(list)
            for k, v in params.items():
                params_inv[v].append(k)
            for name, param in params.items():
                assert any(p in loaded for p in params_inv[param]), \
                    "Parameter '%s' is missing in file '%s', which contains parameters: %s. Set " \
                    "allow_missing=True to ignore missing parameters." % (
                        name, filename, _brief_print_list(loaded.keys()))
        for name in loaded:
            if not ignore_extra and name not in params:
                raise ValueError("Parameter '%s' loaded from file '%s' is not present in ParameterDict, which "
                                 "contains parameters %s. Set ignore_extra=True to ignore. " % (
                                     name, filename, _brief_print_list(self._params.keys())))
            if name in params:
                params[name]._load_init(loaded[name], ctx, cast_dtype=cast_dtype, dtype_source=dtype_source)

    def load_params(self, filename, ctx=None, allow_missing=False, ignore_extra=False):
        """[Deprecated] ``load_parameters``."""
        warnings.warn("load_params is deprecated. Please use load_parameters.")
        self.load_parameters(filename, ctx, allow_missing, ignore_extra)

    def register_child(self, block, name=None):
        """Register ``block`` as a child (named by position when ``name`` is None)."""
        if name is None:
            name = str(len(self._children))
        self._children[name] = block

    def register_forward_pre_hook(self, hook):
        """Call ``hook(block, input)`` before each forward; returns a HookHandle."""
        handle = HookHandle()
        handle.attach(self._forward_pre_hooks, hook)
        return handle

    def register_forward_hook(self, hook):
        """Call ``hook(block, input, output)`` after each forward; returns a HookHandle."""
        handle = HookHandle()
        handle.attach(self._forward_hooks, hook)
        return handle

    def apply(self, fn):
        """Apply ``fn`` to every descendant, then to this block; returns self."""
        for cld in self._children.values():
            cld.apply(fn)
        fn(self)
        return self

    def initialize(self, init=initializer.Uniform(), ctx=None, verbose=False, force_reinit=False):
        """Initialise this block's and its children's parameters."""
        self.collect_params().initialize(init, ctx, verbose, force_reinit)

    def hybridize(self, active=True, **kwargs):
        """Hybridize every HybridBlock below this one (no effect on plain Blocks)."""
        for cld in self._children.values():
            cld.hybridize(active, **kwargs)

    def save(self, prefix):
        raise unsupported("Block.save (the MXNet 2.0 export of a Block tree)", "use export or save_parameters")

    def load(self, prefix):
        raise unsupported("Block.load (the MXNet 2.0 export of a Block tree)", "use load_parameters")

    def cast(self, dtype):
        """Cast parameters (of this block and its children) to ``dtype``."""
        for child in self._children.values():
            child.cast(dtype)
        for _, param in self.params.items():
            param.cast(dtype)

    def __call__(self, *args):
        for hook in self._forward_pre_hooks.values():
            hook(self, args)
        out = self.forward(*args)
        for hook in self._forward_hooks.values():
            hook(self, args, out)
        return out

    def forward(self, *args):
        """Override to implement the computation on NDArrays."""
        raise NotImplementedError

    def register_op_hook(self, callback, monitor_all=False):
        raise unsupported("Block.register_op_hook")

    def summary(self, *inputs):
        """Print MXNet's per-layer table of output shapes and parameter counts (block must not be hybridized)."""
        from ._summary import summary
        summary(self, inputs)


class HybridBlock(Block):
    """A Block whose ``hybrid_forward(F, x, ...)`` works with ``F`` = mx.nd and ``F`` = mx.sym."""

    def __init__(self, prefix=None, params=None):
        super(HybridBlock, self).__init__(prefix=prefix, params=params)
        self._cached_graph = ()
        self._cached_op = None
        self._out_format = None
        self._in_format = None
        self._active = False
        self._flags = []

    def __setattr__(self, name, value):
        super(HybridBlock, self).__setattr__(name, value)
        if isinstance(value, HybridBlock):
            self._clear_cached_op()

    def _get_graph(self, *args):
        if not self._cached_graph:
            flat_args, self._in_format = _flatten(args, "input")
            real = sum(a is not None for a in flat_args)
            if real == 0:
                raise ValueError('All args are None and we do not support such a case. Received args={}'.format(
                    args))
            flat_inputs, sym_inputs, cnt = [], [], 0
            for arg in flat_args:
                if arg is None:
                    flat_inputs.append(None)
                    continue
                var = symbol.var('data{}'.format(cnt) if real > 1 else 'data')
                cnt += 1
                flat_inputs.append(var)
                sym_inputs.append(var)
            grouped = _regroup(flat_inputs, self._in_format)
            params = {i: j.var() for i, j in self._reg_params.items()}
            with self.name_scope():
                out = self.hybrid_forward(symbol, *grouped, **params)
            out, self._out_format = _flatten(out, "output")
            self._cached_graph = sym_inputs, symbol.Group(out)
        return self._cached_graph

    def _build_cache(self, *args):
        data, out = self._get_graph(*args)
        data_names = {d.name: i for i, d in enumerate(data)}
        input_names = out.list_inputs()
        expected = set(input_names)
        params = self.collect_params()
        for name in expected:
            assert name in params or name in data_names, "Unknown input to HybridBlock: %s" % name
        unused_data = [i for name, i in data_names.items() if name not in expected]
        if unused_data:
            warnings.warn("The %s input to HybridBlock is not used by any computation. Is this intended?"
                          % ', '.join('%d-th' % i for i in unused_data), stacklevel=4)
        unused = [n for n in params.keys() if n not in expected]
        if unused:
            warnings.warn("Parameter %s is not used by any computation. Is this intended?" % ', '.join(unused),
                          stacklevel=4)
        flat, _ = _flatten(args, "input")
        try:
            for name in input_names:
                if name in params:
                    params[name].data()
        except DeferredInitializationError:
            self._deferred_infer_shape(*flat)
            for name in input_names:
                if name in params:
                    params[name]._finish_deferred_init()
        self._cached_op_args = [(True, data_names[n]) if n in data_names else (False, params[n])
                                for n in input_names]
        self._cached_op = GraphRunner(out, [d.name for d in data], {n: params[n] for n in input_names
                                                                     if n in params})

    def _deferred_infer_shape(self, *args):
        try:
            self.infer_shape(*args)
        except Exception as e:  # MXNet reports any inference failure as ValueError
            raise ValueError("Deferred initialization failed because shape cannot be inferred. {}".format(e))

    def _call_cached_op(self, *args):
        if self._cached_op is None:
            self._build_cache(*args)
        flat, fmt = _flatten(args, "input")
        if fmt != self._in_format:
            n_in, n = len(self._in_format), len(fmt)
            if n_in > n:
                valid = all(self._in_format[i] == -1 for i in range(n, n_in)) and fmt == self._in_format[:n]
            elif n_in < n:
                valid = all(fmt[i] == -1 for i in range(n_in, n)) and fmt[:n_in] == self._in_format
            else:
                valid = False
            if not valid:
                raise ValueError("The argument structure of HybridBlock does not match the cached version. Stored "
                                 "format = {}, input format = {}".format(fmt, self._in_format))
        real = [a for a in flat if a is not None]
        out = self._cached_op(real, real[0].context)
        return _regroup(out, self._out_format)

    def _clear_cached_op(self):
        self._cached_graph = ()
        self._cached_op = None

    def register_child(self, block, name=None):
        if not isinstance(block, HybridBlock):
            raise ValueError("Children of HybridBlock must also be HybridBlock, but %s has type %s. If you are "
                             "using Sequential, please try HybridSequential instead." % (str(block), str(type(block))))
        super(HybridBlock, self).register_child(block, name)
        self._clear_cached_op()

    def hybridize(self, active=True, backend=None, clear=True, static_alloc=False, static_shape=False,
                  inline_limit=2, forward_bulk_size=None, backward_bulk_size=None, **kwargs):
        """Turn the cached-graph forward on (or off) for this block and its children."""
        if backend is not None:
            raise unsupported("HybridBlock.hybridize(backend=...) (subgraph backends)")
        self._active = active
        self._flags = [("static_alloc", static_alloc), ("static_shape", static_shape),
                       ("inline_limit", inline_limit)]
        if clear:
            self._clear_cached_op()
        if active and self._forward_hooks or self._forward_pre_hooks:
            warnings.warn('"{block}" is being hybridized while still having forward hook/pre-hook. If "{block}" is a '
                          'child of HybridBlock, the hooks will not take effect.'.format(block=self))
        super(HybridBlock, self).hybridize(active, static_alloc=static_alloc, static_shape=static_shape,
                                           inline_limit=inline_limit, forward_bulk_size=forward_bulk_size,
                                           backward_bulk_size=backward_bulk_size)

    def optimize_for(self, x, *args, backend=None, **kwargs):
        raise unsupported("HybridBlock.optimize_for (subgraph backends)")

    def cast(self, dtype):
        self._clear_cached_op()
        super(HybridBlock, self).cast(dtype)

    def _infer_attrs(self, infer_fn, attr, *args):
        inputs, out = self._get_graph(*args)
        args, _ = _flatten(args, "input")
        args = [a for a in args if a is not None]
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            arg_attrs, _, aux_attrs = getattr(out, infer_fn)(
                **{i.name: getattr(j, attr) for i, j in zip(inputs, args)})
            if arg_attrs is None:
                raise ValueError(w[0].message if w else "cannot infer {}".format(attr))
        sdict = dict(zip(out.list_arguments(), arg_attrs))
        sdict.update(zip(out.list_auxiliary_states(), aux_attrs))
        for p in self.collect_params().values():
            if p.name in sdict:
                setattr(p, attr, sdict[p.name])

    def infer_shape(self, *args):
        """Infer the shapes of Parameters from the inputs."""
        self._infer_attrs('infer_shape', 'shape', *args)

    def infer_type(self, *args):
        """Infer the dtypes of Parameters from the inputs."""
        self._infer_attrs('infer_type', 'dtype', *args)

    def export(self, path, epoch=0, remove_amp_cast=True):
        """Write ``path-symbol.json`` and ``path-%04d.params`` (``arg:``/``aux:`` names) of the cached graph."""
        if not self._cached_graph:
            raise RuntimeError("Please first call block.hybridize() and then run forward with this block at least "
                               "once before calling export.")
        sym = self._cached_graph[1]
        sym.save('%s-symbol.json' % path, remove_amp_cast=remove_amp_cast)
        arg_names = set(sym.list_arguments())
        aux_names = set(sym.list_auxiliary_states())
        arg_dict = {}
        for is_arg, param in self._cached_op_args:
            if is_arg:
                continue
            if param.name in arg_names:
                arg_dict['arg:%s' % param.name] = param._reduce()
            elif param.name in aux_names:
                arg_dict['aux:%s' % param.name] = param._reduce()
            else:
                warnings.warn('Parameter "{name}" is not found in the graph. '.format(name=param.name), stacklevel=3)
        ndarray.save('%s-%04d.params' % (path, epoch), arg_dict)

    def forward(self, x, *args):
        """Run ``hybrid_forward`` with mx.nd (or the cached graph when hybridized) or build it with mx.sym."""
        has_symbol, has_ndarray, ctx_set, first_ctx = gather_type_ctx_info([x] + list(args))
        if has_symbol and has_ndarray:
            raise ValueError('In HybridBlock, we do not support mixed NDArrays and Symbols types for the input. '
                             'Please check the type of the args.\n')
        if not has_symbol and not has_ndarray:
            raise ValueError('In HybridBlock, there must be one NDArray or one Symbol in the input. Please check '
                             'the type of the args.\n')
        if has_ndarray:
            ctx = first_ctx
            if self._active:
                if len(ctx_set) > 1:
                    raise ValueError('Find multiple contexts in the input, After hybridized, the HybridBlock only '
                                     'supports one input context. You can print the ele.ctx in the input arguments '
                                     'to inspect their contexts. Find all contexts = {}'.format(ctx_set))
                with ctx:
                    return self._call_cached_op(x, *args)
            with ctx:
                try:
                    params = {k: v.data(ctx) for k, v in self._reg_params.items()}
                except DeferredInitializationError:
                    self._deferred_infer_shape(x, *args)
                    for v in self.params.values():
                        v._finish_deferred_init()
                    params = {k: v.data(ctx) for k, v in self._reg_params.items()}
                return self.hybrid_forward(ndarray, x, *args, **params)
        params = {i: j.var() for i, j in self._reg_params.items()}
        with self.name_scope():
            return self.hybrid_forward(symbol, x, *args, **params)

    def hybrid_forward(self, F, x, *args, **kwargs):
        """Override: the computation, written once for ``F`` = mx.nd and ``F`` = mx.sym."""
        raise NotImplementedError


class SymbolBlock(HybridBlock):
    """A HybridBlock wrapping a Symbol graph (``outputs``) with the given ``inputs`` variables."""

    @staticmethod
    def imports(symbol_file, input_names, param_file=None, ctx=None, allow_missing=False, ignore_extra=False):
        """Load a model written by ``HybridBlock.export`` (here or in MXNet)."""
        sym = symbol.load(symbol_file)
        if isinstance(input_names, str):
            input_names = [input_names]
        if param_file is None:
            inputs = [symbol.var(i, dtype=mx_real_t) for i in input_names]
        else:
            inputs = [symbol.var(i) for i in input_names]
        ret = SymbolBlock(sym, inputs)
        if param_file is not None:
            ret.collect_params().load(param_file, ctx, allow_missing, ignore_extra, cast_dtype=True,
                                      dtype_source='saved')
        return ret

    def __repr__(self):
        modstr = '{block} : {numinputs} -> {numoutputs}'.format(
            block=self._cached_graph[1], numinputs=len(self._cached_graph[0]),
            numoutputs=len(self._cached_graph[1].list_outputs()))
        return '{name}(\n{modstr}\n)'.format(name=self.__class__.__name__, modstr=modstr)

    def __init__(self, outputs, inputs, params=None):
        super(SymbolBlock, self).__init__(prefix=None, params=None)
        self._prefix = ''
        self._params = ParameterDict('', params)
        if isinstance(inputs, Symbol) and len(inputs.list_outputs()) == 1:
            inputs = [inputs]
        if isinstance(outputs, (list, tuple)) and len(outputs) == 1:
            outputs = outputs[0]
        syms, self._in_format = _flatten(inputs, "input")
        out, self._out_format = _flatten(outputs, "output")
        input_names = set()
        for i in syms:
            assert len(i.get_internals().list_outputs()) == 1, \
                "Input symbols must be variable, but %s is an output of operators" % str(i)
            input_names.add(i.name)
        out = symbol.Group(out) if len(out) > 1 else out[0]
        arg_params = out.list_arguments()
        aux_params = out.list_auxiliary_states()
        arg_types, aux_types = _infer_param_types(syms, out, arg_params, aux_params)
        for i, arg in enumerate(arg_params):
            if arg not in input_names:
                self.params.get(arg, allow_deferred_init=True, dtype=arg_types[i])
        for i, aux in enumerate(aux_params):
            if aux not in input_names:
                self.params.get(aux, grad_req='null', allow_deferred_init=True, dtype=aux_types[i])
        self._cached_graph = syms, out
        len_prefix = len(common_prefix(list(self._params.keys())))
        self._reg_params = {key[len_prefix:]: val for key, val in self._params.items()}

    def forward(self, x, *args):
        if isinstance(x, NDArray):
            with x.context:
                return self._call_cached_op(x, *args)
        assert isinstance(x, Symbol), \
            "HybridBlock requires the first argument to forward be either Symbol or NDArray, but got %s" % type(x)
        flat, in_fmt = _flatten([x] + list(args), "input")
        assert in_fmt == self._in_format, "Invalid input format"
        ret = copy.copy(self._cached_graph[1])
        ret._compose(**{k.name: v for k, v in zip(self._cached_graph[0], flat)})
        return _regroup(list(ret), self._out_format)

    def _clear_cached_op(self):
        tmp = self._cached_graph
        super(SymbolBlock, self)._clear_cached_op()
        self._cached_graph = tmp

    def hybrid_forward(self, F, x, *args, **kwargs):
        raise NotImplementedError

    def reset_ctx(self, ctx):
        for p in self.collect_params().values():
            p.reset_ctx(ctx)


def _infer_param_types(in_params, out_params, arg_params, aux_params, default_dtype=mx_real_t):
    """dtypes of the graph's arguments and aux states from the input variables' dtypes (default float32)."""
    arg_types = aux_types = None
    known = {}
    for p in in_params:
        t = p.infer_type()[0]
        if not t or t[0] is None:
            known = None
            break
        known[p.name] = t[0]
    if known is not None:
        try:
            arg_types, _, aux_types = out_params.infer_type(**known)
        except MXNetError:
            arg_types = aux_types = None
    if arg_types is None or len(arg_types) != len(arg_params) or any(t is None for t in arg_types):
        arg_types = [default_dtype] * len(arg_params)
    if aux_types is None or len(aux_types) != len(aux_params) or any(t is None for t in aux_types):
        aux_types = [default_dtype] * len(aux_params)
    return arg_types, aux_types
