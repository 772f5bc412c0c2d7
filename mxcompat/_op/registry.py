"""The operator registry: every MXNet operator is defined here once, as an ``OpDef``.

``nd``, ``sym`` and Gluon's ``F`` are generated from ``OPS``. An OpDef holds the operator's MXNet name and
aliases, its inputs in MXNet's order (learnable arguments, then auxiliary states), its typed parameters, the
torch function that computes it, how many outputs it has, and a rule giving parameter shapes from data shapes.

The torch function is called as ``fn(*input_tensors, **params)`` with every declared parameter present
(parsed, defaults filled). Creation ops (no tensor inputs) also get ``device=torch.device``; ops whose result
depends on training mode (Dropout, BatchNorm) also get ``is_train=bool``. ``inputs`` lists every input
name the op can take, in MXNet's order; ``input_filter(params)`` returns the ones present for given params
(FullyConnected without ``bias`` when ``no_bias``); ``inputs='*data'`` is a variadic op (concat, add_n) whose
count is the parameter named by ``key_var_num_args``. It returns a tensor or a tuple of
tensors (the visible outputs). ``view=True`` marks a function that may return a view of an input; the
imperative front-end then copies the result, since MXNet operators return fresh arrays. Ops whose MXNet gradient differs from the mathematical one implement it
inside ``fn`` with a ``torch.autograd.Function``.
``mutate`` names the inputs ``fn`` updates in place (MXNet's FMutateInputs: optimizer states such as ``mom``).
``out_arg=True`` also passes ``out=`` (the tensor, or list of tensors, of the caller's ``out=``; else None) to
``fn``, for ops whose result keeps out's prior content (``multi_all_finite(init_output=False)``).
``extra_params=True`` accepts keyword parameters the op does not declare and passes them to ``fn`` as strings
(``str(value)``), next to the declared ones in the same dict: MXNet's ``Custom`` hands them to the user's Prop.
Where the inputs and auxiliary states depend on the parameters (``Custom``: the Prop lists them),
``input_filter`` (also for a variadic op) and ``aux_filter(params)`` return their names; ``aux_names(params)``
answers for every op.
``listed_args`` gives the names ``mx.operator.get_operator_arguments`` lists, in MXNet's order, for the few ops
whose MXNet listing is not inputs, aux states, then params (``_random_pdf_normal``: sample, mu, is_log, sigma;
a legacy op such as ``BatchNorm_v1`` leaves its aux states out). ``mx.nd`` binds positional arguments by
inputs + aux then params all the same, as MXNet's generated functions do.
"""
from .params import Field, REQUIRED, ParamError, parse_error
from ..base import MXNetError

__all__ = ["OpDef", "OPS", "register_op", "alias", "get_op"]

OPS = {}

_CACHE_LIMIT = 512


class OpDef:
    """One MXNet operator. See the module docstring for the calling convention of ``fn``."""

    sparse_fn = None  # set by mxcompat/ndarray/sparse_kernels.py for operators with MXNet sparse kernels

    def __init__(self, name, fn, inputs=("data",), aux=(), params=None, num_outputs=1, output_names=None,
                 param_shapes=None, mode=False, creation=False, key_var_num_args=None, view=False, input_filter=None,
                 doc=None, mutate=(), out_arg=False, extra_params=False, aux_filter=None, listed_args=None):
        self.name = name
        self.extra_params = extra_params
        self.aux_filter = aux_filter
        self.mutate = tuple(mutate)
        self.out_arg = out_arg
        self.view = view
        self.input_filter = input_filter
        self.fn = fn
        self._inputs = inputs
        self.variadic = isinstance(inputs, str) and inputs.startswith("*")
        self.aux = tuple(aux)
        self.params = dict(params or {})
        for pname, field in self.params.items():
            if not isinstance(field, Field):
                raise TypeError("{}: parameter {} must be a Field".format(name, pname))
        self._num_outputs = num_outputs
        self._output_names = output_names
        self.param_shapes_rule = param_shapes
        self.mode = mode
        self.creation = creation
        self.key_var_num_args = key_var_num_args
        self.aliases = []
        self.doc = doc if doc is not None else (fn.__doc__ or "")
        self._cache = {}
        self._defaults = {k: f.default for k, f in self.params.items() if not f.required}
        self._required = tuple(k for k, f in self.params.items() if f.required)
        self.param_order = tuple(self.params)
        self.listed_args = None if listed_args is None else tuple(listed_args)
        if self.listed_args is not None:
            known = set(self.all_input_names) | set(self.params) | {inputs[1:] if self.variadic else None}
            unknown = [a for a in self.listed_args if a not in known]
            if unknown:
                raise TypeError("{}: listed_args names unknown arguments {}".format(name, unknown))
        # Front-end fast path: ops needing no per-call extras, and their parsed defaults (None if required).
        self.special = bool(creation or mode or out_arg or key_var_num_args)
        self.default_params = None if self._required else dict(self._defaults)

    def __repr__(self):
        return "<OpDef {}>".format(self.name)

    def __call__(self, *args, **kwargs):
        return self.fn(*args, **kwargs)

    # ---- structure --------------------------------------------------------------------------------------
    def input_names(self, params, num_args=None):
        """Argument names in MXNet's order (aux states excluded) for these parsed params."""
        if self.variadic and self.input_filter is None:
            n = num_args if num_args is not None else params.get(self.key_var_num_args, 0)
            return tuple("arg%d" % i for i in range(n))
        if self.input_filter is not None:
            return tuple(self.input_filter(params))
        return tuple(self._inputs)

    def aux_names(self, params):
        """Auxiliary-state names for these parsed params."""
        return tuple(self.aux_filter(params)) if self.aux_filter is not None else self.aux

    @property
    def all_input_names(self):
        """Every input name the op can take (optional ones included), then the aux state names."""
        return (() if self.variadic else tuple(self._inputs)) + self.aux

    def num_outputs(self, params):
        n = self._num_outputs
        return n(params) if callable(n) else n

    def output_names(self, params):
        names = self._output_names
        if callable(names):
            return tuple(names(params))
        if names is not None:
            return tuple(names)
        n = self.num_outputs(params)
        return ("output",) if n == 1 else tuple("output%d" % i for i in range(n))

    def param_shapes(self, rule):
        """Decorator: set the rule ``rule(in_shapes: dict, params) -> {input_name: shape}``."""
        self.param_shapes_rule = rule
        return rule

    # ---- parameters -------------------------------------------------------------------------------------
    def parse(self, kwargs):
        """Parse user/JSON parameter values into a full dict of canonical values (cached by call signature)."""
        try:
            # Value types are part of the key: True == 1 and 1 == 1.0 must not share a parse.
            key = (tuple(kwargs.items()), tuple(map(type, kwargs.values())))
            hit = self._cache.get(key)
            if hit is not None:
                return hit
        except TypeError:
            key = None
        out = dict(self._defaults)
        fields = self.params
        for pname, value in kwargs.items():
            field = fields.get(pname)
            if field is None:
                if self.extra_params:
                    out[pname] = str(value)
                    continue
                if not fields:  # MXNet ignores keyword arguments given to an operator without parameters
                    continue
                raise MXNetError("Cannot find argument '{}' of operator {}, Possible Arguments:\n{}".format(
                    pname, self.name, self.describe_params()))
            try:
                out[pname] = field.parse(value)
            except ParamError as err:
                raise parse_error(self.name, pname, err) from None
        for pname in self._required:
            if pname not in out:
                raise MXNetError("Required parameter {} of {} is not presented, in operator {}".format(
                    pname, fields[pname].type_name, self.name))
        if key is not None and len(self._cache) < _CACHE_LIMIT:
            self._cache[key] = out
        return out

    def describe_params(self):
        return "\n".join("{} : {}".format(k, f.describe()) for k, f in self.params.items())

    def params_to_strs(self, params, only_set=None):
        """MXNet's string form of parameters (for JSON); ``only_set`` limits to the names the user gave."""
        names = only_set if only_set is not None else params.keys()
        return {k: self.params[k].to_str(params[k]) if k in self.params else params[k] for k in names
                if k in self.params or self.extra_params}


def register_op(name, inputs=("data",), aux=(), params=None, num_outputs=1, output_names=None, aliases=(),
                mode=False, creation=False, key_var_num_args=None, param_shapes=None, view=False, input_filter=None,
                mutate=(), out_arg=False, extra_params=False, aux_filter=None, listed_args=None):
    """Decorator registering ``fn`` as MXNet operator ``name`` (and its aliases); returns the OpDef."""
    def deco(fn):
        op = OpDef(name, fn, inputs=inputs, aux=aux, params=params, num_outputs=num_outputs,
                   output_names=output_names, param_shapes=param_shapes, mode=mode, creation=creation,
                   key_var_num_args=key_var_num_args, view=view, input_filter=input_filter, mutate=mutate,
                   out_arg=out_arg, extra_params=extra_params, aux_filter=aux_filter, listed_args=listed_args)
        _add(name, op)
        for a in aliases:
            alias(name, a)
        return op
    return deco


def _add(name, op):
    if name in OPS:
        raise ValueError("operator {} is registered twice".format(name))
    OPS[name] = op


def alias(name, *aliases):
    """Register more names for operator ``name`` (``broadcast_add`` / ``broadcast_plus``)."""
    op = OPS[name]
    for a in aliases:
        _add(a, op)
        op.aliases.append(a)
    return op


def get_op(name):
    op = OPS.get(name)
    if op is None:
        raise MXNetError("Cannot find operator {}".format(name))
    return op


REQUIRED = REQUIRED
