"""``mx.gluon.parameter``: Parameter, Constant and DeferredInitializationError.

MXNet contract (1.9.1): a Parameter holds one copy of its array per Context (and a gradient buffer per copy
unless ``grad_req='null'``); a 0 in ``shape`` is an unknown dimension, filled in by deferred initialisation on
the first forward pass. ``initialize`` routes through the initializer as MXNet does: the array is created on
cpu, filled by ``initializer.create(default_init)(InitDesc(name, {'__init__': init}), arr)`` and copied to
every context. Accessing an uninitialised parameter raises RuntimeError, or DeferredInitializationError
(an MXNetError) while initialisation is deferred. ``var()`` is the Symbol variable ``F`` sees in hybridized
graphs (name, shape, dtype, lr_mult, wd_mult, init as attributes). Sparse storage types raise
NotImplementedError.

``ParameterDict`` lives in ``parameter_dict.py`` and is re-exported here, as MXNet's module exposes it.
"""
import warnings

import numpy as np
import torch

from ..base import MXNetError, mx_real_t, unsupported
from .. import symbol, ndarray, initializer, context, autograd
from ..context import Context, cpu  # noqa: F401  (MXNet's module exposes them)
from ..util import is_np_shape
from .utils import shape_is_known

__all__ = ["DeferredInitializationError", "Parameter", "Constant", "ParameterDict", "tensor_types"]

tensor_types = (symbol.Symbol, ndarray.NDArray)


class DeferredInitializationError(MXNetError):
    """Error for unfinished deferred initialization."""


_NOT_INIT = ("Parameter '%s' has not been initialized. Note that you should initialize parameters and create "
             "Trainer with Block.collect_params() instead of Block.params because the later does not include "
             "Parameters of nested child Blocks")
_DEFERRED = ("Parameter '%s' has not been initialized yet because initialization was deferred. Actual "
             "initialization happens during the first forward pass. Please pass one batch of data through the "
             "network before accessing Parameters. You can also avoid deferred initialization by specifying "
             "in_units, num_features, etc., for network layers.")


class Parameter(object):
    """A container of one weight (and its gradient) on one or more contexts."""

    def __init__(self, name, grad_req='write', shape=None, dtype=mx_real_t, lr_mult=1.0, wd_mult=1.0,
                 init=None, allow_deferred_init=False, differentiable=True, stype='default',
                 grad_stype='default'):
        self._var = None
        self._data = None
        self._grad = None
        self._ctx_list = None
        self._trainer = None
        self._deferred_init = ()
        self._differentiable = differentiable
        self._allow_deferred_init = allow_deferred_init
        self._grad_req = None
        if isinstance(shape, int):
            shape = (shape,)
        self._shape = shape
        self.name = name
        self._dtype = dtype
        self.lr_mult = lr_mult
        self.wd_mult = wd_mult
        self.grad_req = grad_req
        self.init = init
        for what, st in (("grad_stype", grad_stype), ("stype", stype)):
            assert st in ("default", "row_sparse", "csr"), \
                "%s for Parameter '%s' must be one of 'default', 'row_sparse', or 'csr', but got '%s'" % (
                    what, name, st)
            if st != "default":
                raise unsupported("Parameter(%s='%s') (sparse storage)" % (what, st))
        self._grad_stype = grad_stype
        self._stype = stype

    def __repr__(self):
        return 'Parameter {name} (shape={shape}, dtype={dtype})'.format(
            name=self.name, shape=self.shape, dtype=self.dtype)

    # ---- attributes -----------------------------------------------------------------------------------
    @property
    def grad_req(self):
        return self._grad_req

    @grad_req.setter
    def grad_req(self, req):
        assert req in ['write', 'add', 'null'], \
            "grad_req must be one of 'write', 'add', or 'null', but got '%s'" % req
        if not self._differentiable:
            req = 'null'
        if self._grad_req == req:
            return
        self._grad_req = req
        if req == 'null' and self._grad is not None:
            self._grad = None
            for arr in self._data:
                arr._data = arr._data.detach()
                arr._grad, arr._grad_req = None, "null"
        elif self._data is not None:
            self._init_grad()

    @property
    def dtype(self):
        """The type of the parameter; setting it casts the data."""
        return self._dtype

    @dtype.setter
    def dtype(self, dtype):
        self.cast(dtype)

    @property
    def shape(self):
        """The shape (0 = unknown dimension; -1 under ``np_shape``)."""
        if self._shape is None:
            return None
        if is_np_shape():
            return tuple(i if i != 0 else -1 for i in self._shape)
        return self._shape

    @shape.setter
    def shape(self, new_shape):
        if self._shape is None:
            self._shape = new_shape
            return
        assert len(self._shape) == len(new_shape) and \
            all(j in (-1, 0, i) for i, j in zip(new_shape, self._shape)), \
            "Expected shape %s is incompatible with given shape %s." % (str(new_shape), str(self._shape))
        self._shape = tuple(new_shape)

    @property
    def stype(self):
        return self._stype

    def _set_trainer(self, trainer):
        self._trainer = trainer

    # ---- access ---------------------------------------------------------------------------------------
    def _check_and_get(self, arr_list, ctx):
        if arr_list is not None:
            if ctx is list:
                return arr_list
            if ctx is None:
                if len(arr_list) == 1:
                    return arr_list[0]
                ctx = context.current_context()
            for c, arr in zip(self._ctx_list, arr_list):
                if c == ctx:
                    return arr
            raise RuntimeError("Parameter '%s' was not initialized on context %s. It was only initialized on %s."
                               % (self.name, str(ctx), str(self._ctx_list)))
        if self._deferred_init:
            raise DeferredInitializationError(_DEFERRED % self.name)
        raise RuntimeError(_NOT_INIT % self.name)

    def data(self, ctx=None):
        """This parameter's array on ``ctx`` (the only copy when ``ctx`` is None and there is one)."""
        return self._check_and_get(self._data, ctx)

    def list_data(self):
        """The arrays on every context, in initialisation order."""
        return self._check_and_get(self._data, list)

    def grad(self, ctx=None):
        """The gradient buffer on ``ctx`` (RuntimeError when ``grad_req='null'``)."""
        if self._data is not None and self._grad is None:
            raise RuntimeError("Cannot get gradient array for Parameter '%s' because grad_req='null'" % self.name)
        return self._check_and_get(self._grad, ctx)

    def list_grad(self):
        """The gradient buffers on every context."""
        if self._data is not None and self._grad is None:
            raise RuntimeError("Cannot get gradient array for Parameter '%s' because grad_req='null'" % self.name)
        return self._check_and_get(self._grad, list)

    def list_ctx(self):
        """The contexts this parameter lives (or will live) on."""
        if self._data is None:
            if self._deferred_init:
                return self._deferred_init[1]
            raise RuntimeError("Parameter '%s' has not been initialized" % self.name)
        return self._ctx_list

    def row_sparse_data(self, row_id):
        raise unsupported("Parameter.row_sparse_data (sparse storage)")

    def list_row_sparse_data(self, row_id):
        raise unsupported("Parameter.list_row_sparse_data (sparse storage)")

    # ---- initialisation -------------------------------------------------------------------------------
    def initialize(self, init=None, ctx=None, default_init=initializer.Uniform(), force_reinit=False):
        """Create the data (and gradient) arrays on ``ctx``; deferred while the shape is unknown."""
        if self._data is not None and not force_reinit:
            warnings.warn("Parameter '%s' is already initialized, ignoring. Set force_reinit=True to "
                          "re-initialize." % self.name, stacklevel=2)
            return
        self._data = self._grad = None
        if ctx is None:
            ctx = [context.current_context()]
        if isinstance(ctx, Context):
            ctx = [ctx]
        if init is None:
            init = default_init if self.init is None else self.init
        if not shape_is_known(self.shape):
            if self._allow_deferred_init:
                self._deferred_init = (init, ctx, default_init, None)
                return
            raise ValueError("Cannot initialize Parameter '%s' because it has invalid shape: %s." % (
                self.name, str(self.shape)))
        self._deferred_init = (init, ctx, default_init, None)
        self._finish_deferred_init()

    def _finish_deferred_init(self):
        if not self._deferred_init:
            return
        init, ctx, default_init, data = self._deferred_init
        self._deferred_init = ()
        assert shape_is_known(self.shape), \
            "Cannot initialize Parameter '%s' because it has invalid shape: %s. Please specify in_units, " \
            "in_channels, etc for `Block`s." % (self.name, str(self.shape))
        with autograd.pause():
            if data is None:
                data = ndarray.zeros(shape=self.shape, dtype=self.dtype, ctx=context.cpu())
                initializer.create(default_init)(initializer.InitDesc(self.name, {'__init__': init}), data)
            self._init_impl(data, ctx)

    def _init_impl(self, data, ctx_list):
        self._ctx_list = list(ctx_list)
        self._data = [data.copyto(c) for c in self._ctx_list]
        self._init_grad()

    def _init_grad(self):
        if self.grad_req == 'null':
            self._grad = None
            return
        self._grad = [ndarray.zeros(shape=a.shape, dtype=a.dtype, ctx=a.context) for a in self._data]
        autograd.mark_variables(self._data, self._grad, self.grad_req)

    def _load_init(self, data, ctx, cast_dtype=False, dtype_source='current'):
        """(Re)initialise from a loaded array, checking shape and dtype as MXNet does."""
        if cast_dtype:
            assert dtype_source in ['current', 'saved']
        if self.shape:
            unknown = -1 if is_np_shape() else 0
            for self_dim, data_dim in zip(self.shape, data.shape):
                assert self_dim in (unknown, data_dim), \
                    "Failed loading Parameter '%s' from saved params: shape incompatible expected %s vs saved %s" % (
                        self.name, str(self.shape), str(data.shape))
            self.shape = tuple(i if i != unknown else j for i, j in zip(self.shape, data.shape))
        if self.dtype:
            if cast_dtype and np.dtype(self.dtype).type != data.dtype:
                if dtype_source == 'current':
                    data = data.astype(self.dtype, copy=False)
                elif dtype_source == 'saved':
                    self.dtype = data.dtype
            else:
                assert np.dtype(self.dtype).type == data.dtype, \
                    "Failed loading Parameter '%s' from saved params: dtype incompatible expected %s vs saved %s. " \
                    "Set cast_dtype=True to cast the dtype of saved params." % (
                        self.name, str(self.dtype), str(data.dtype))
        if isinstance(ctx, Context):
            ctx = [ctx]
        if self._data is None:
            if self._deferred_init:
                assert ctx is None or set(ctx) == set(self._deferred_init[1]), \
                    "Failed to load Parameter '%s' on %s because it was previous initialized on %s." % (
                        self.name, str(ctx), str(self.list_ctx()))
                ctx = self._deferred_init[1]
            elif ctx is None:
                ctx = [cpu()]
            self._init_impl(data, ctx)
        else:
            assert ctx is None or set(ctx) == set(self.list_ctx()), \
                "Failed to load Parameter '%s' on %s because it was previous initialized on %s." % (
                    self.name, str(ctx), str(self.list_ctx()))
            self.set_data(data)
        self._deferred_init = ()

    def _reduce(self):
        """The value on cpu (the mean of the copies when there are several)."""
        arrs = self.list_data()
        if len(arrs) == 1:
            return arrs[0].copyto(context.cpu())
        return ndarray.add_n(*(a.copyto(context.cpu()) for a in arrs)) / len(arrs)

    def reset_ctx(self, ctx):
        """Move the parameter to other contexts (kept in deferred state when not initialised yet)."""
        if ctx is None:
            ctx = [context.current_context()]
        if isinstance(ctx, Context):
            ctx = [ctx]
        if self._data:
            data = self._reduce()
            with autograd.pause():
                self._init_impl(data, ctx)
        elif self._deferred_init:
            init, _, default_init, data = self._deferred_init
            self._deferred_init = (init, ctx, default_init, data)
        else:
            raise ValueError("Cannot reset context for Parameter '%s' because it has not been initialized."
                             % self.name)

    def set_data(self, data):
        """Write ``data`` into every copy (or keep it for a deferred initialisation)."""
        self.shape = data.shape
        if self._data is None:
            assert self._deferred_init, "Parameter '%s' has not been initialized" % self.name
            self._deferred_init = self._deferred_init[:3] + (data,)
            return
        trainer = self._trainer
        if trainer is not None and trainer._kv_initialized and trainer._update_on_kvstore:
            if self not in trainer._params_to_init:
                trainer._reset_kvstore()
        for arr in self._data:
            arr[:] = data

    def zero_grad(self):
        """Set the gradient buffers to 0 (no effect when there are none)."""
        if self._grad is None:
            return
        with torch.no_grad():
            for g in self._grad:
                g._data.zero_()

    def var(self):
        """The Symbol variable for this parameter (cached)."""
        if self._var is None:
            self._var = symbol.var(self.name, shape=self.shape, dtype=self.dtype, lr_mult=self.lr_mult,
                                   wd_mult=self.wd_mult, init=self.init, stype=self._stype)
        return self._var

    def cast(self, dtype):
        """Cast data and gradient to ``dtype``."""
        self._dtype = dtype
        if self._data is None:
            return
        with autograd.pause():
            self._data = [a.astype(dtype) for a in self._data]
            if self._grad is None:
                return
            self._grad = [g.astype(dtype) for g in self._grad]
            autograd.mark_variables(self._data, self._grad, self.grad_req)


class Constant(Parameter):
    """A parameter that autograd and Trainer ignore (``grad_req`` is always 'null'); ``set_data`` still works."""

    def __init__(self, name, value):
        if not isinstance(value, ndarray.NDArray):
            value = ndarray.array(value)
        self.value = value

        class Init(initializer.Initializer):
            def _init_weight(self, _, arr):
                value.copyto(arr)
        init_name = 'Constant_{}_{}'.format(name, id(self))
        initializer.alias(init_name)(Init)
        super(Constant, self).__init__(name, grad_req='null', shape=value.shape, dtype=value.dtype,
                                       init=init_name)

    def __repr__(self):
        return 'Constant {name} (shape={shape}, dtype={dtype})'.format(
            name=self.name, shape=self.shape, dtype=self.dtype)

    @property
    def grad_req(self):
        return 'null'

    @grad_req.setter
    def grad_req(self, req):
        if req != 'null':
            warnings.warn('Constant parameter "{}" does not support grad_req other than "null", and new value "{}" '
                          'is ignored.'.format(self.name, req))


from .parameter_dict import ParameterDict  # noqa: E402  (it builds on Parameter and Constant)
