"""``mx.gluon.ParameterDict``: an ordered name -> Parameter dictionary with a prefix and a shared dict.

MXNet contract (1.9.1): ``get(name, **kwargs)`` prepends the dict's prefix, returns the existing parameter
(from this dict, else from ``shared``) after checking that the given attributes agree (a 0 in a stored shape
is filled from the requested one), or creates it. ``save`` writes MXNet's ``.params`` format with
``strip_prefix`` removed from each name; ``load`` / ``load_dict`` accept ``arg:``/``aux:`` keys, prepend
``restore_prefix`` and report missing or extra names as AssertionError, as MXNet does.
"""
from collections import OrderedDict

import numpy as np
import torch

from .. import ndarray, initializer
from .parameter import Parameter, Constant
from .utils import _indent, _brief_print_list

__all__ = ["ParameterDict"]

_NAMING = "https://mxnet.io/api/python/docs/tutorials/packages/gluon/blocks/naming.html"


class ParameterDict(object):
    """A dictionary managing a set of parameters."""

    def __init__(self, prefix='', shared=None):
        self._prefix = prefix
        self._params = OrderedDict()
        self._shared = shared

    def __repr__(self):
        name = self._prefix + ' ' if self._prefix else ''
        return '{name}(\n{content}\n)'.format(
            name=name, content='\n'.join([_indent('  {0}'.format(v), 2) for v in self.values()]))

    def __getitem__(self, key):
        return self._params[key]

    def __iter__(self):
        return iter(self._params)

    def __len__(self):
        return len(self._params)

    def __contains__(self, key):
        return key in self._params

    def items(self):
        return self._params.items()

    def keys(self):
        return self._params.keys()

    def values(self):
        return self._params.values()

    @property
    def prefix(self):
        """The prefix prepended to names created by ``get``."""
        return self._prefix

    def _get_impl(self, name):
        if name in self._params:
            return self._params[name]
        if self._shared is not None and name in self._shared._params:
            self._params[name] = self._shared._params[name]
            return self._shared._params[name]
        return None

    def get(self, name, **kwargs):
        """The parameter ``prefix + name``: retrieved (checking ``kwargs`` agree) or created with ``kwargs``."""
        name = self.prefix + name
        param = self._get_impl(name)
        if param is None:
            param = Parameter(name, **kwargs)
            self._params[name] = param
            return param
        for k, v in kwargs.items():
            if hasattr(param, k) and getattr(param, k) is not None:
                existing = getattr(param, k)
                if k == 'shape' and len(v) == len(existing):
                    merged = _merge_shapes(v, existing)
                    if merged is not None:
                        param._shape = merged
                        continue
                elif k == 'dtype' and np.dtype(v) == np.dtype(existing):
                    continue
                assert v is None or v == existing, \
                    "Cannot retrieve Parameter '%s' because desired attribute does not match with stored for " \
                    "attribute '%s': desired '%s' vs stored '%s'." % (name, k, str(v), str(getattr(param, k)))
            else:
                setattr(param, k, v)
        return param

    def get_constant(self, name, value=None):
        """The Constant ``prefix + name``, created from ``value`` when absent (KeyError without one)."""
        name = self.prefix + name
        param = self._get_impl(name)
        if param is None:
            if value is None:
                raise KeyError("No constant named '{}'. Please specify value if you want to create a new "
                               "constant.".format(name))
            param = Constant(name, value)
            self._params[name] = param
        elif value is not None:
            assert isinstance(param, Constant), \
                "Parameter '{}' already exists but it is not a constant.".format(name)
            if isinstance(value, ndarray.NDArray):
                value = value.asnumpy()
            assert param.shape == value.shape and (param.value.asnumpy() == value).all(), \
                "Constant '{}' already exists but it's value doesn't match new value".format(name)
        return param

    def update(self, other):
        """Copy all parameters of ``other`` in (AssertionError on a different parameter under the same name)."""
        for k, v in other.items():
            if k in self._params:
                assert self._params[k] is v, \
                    "Cannot update self with other because they have different Parameters with the same name " \
                    "'%s'" % k
        for k, v in other.items():
            self._params[k] = v

    def initialize(self, init=initializer.Uniform(), ctx=None, verbose=False, force_reinit=False):
        """Initialise every parameter, ``init`` being the default for those without their own."""
        if verbose:
            init.set_verbosity(verbose=verbose)
        for v in self.values():
            v.initialize(None, ctx, init, force_reinit=force_reinit)

    def zero_grad(self):
        """Set every gradient buffer to 0."""
        with torch.no_grad():
            for p in self.values():
                if p.grad_req == 'null' or p._grad is None:
                    continue
                for g in p._grad:
                    g._data.zero_()

    def reset_ctx(self, ctx):
        for p in self.values():
            p.reset_ctx(ctx)

    def list_ctx(self):
        """The contexts any parameter is initialised on."""
        s = set()
        for p in self.values():
            s.update(p.list_ctx())
        return list(s)

    def setattr(self, name, value):
        """Set attribute ``name`` of every parameter (``setattr('grad_req', 'null')``)."""
        for p in self.values():
            setattr(p, name, value)

    def save(self, filename, strip_prefix=''):
        """Save in MXNet's ``.params`` format, removing ``strip_prefix`` from the names."""
        arg_dict = {}
        for param in self.values():
            weight = param._reduce()
            if not param.name.startswith(strip_prefix):
                raise ValueError(
                    "Prefix '%s' is to be striped before saving, but Parameter's name '%s' does not start with "
                    "'%s'. this may be due to your Block shares parameters from other Blocks or you forgot to use "
                    "'with name_scope()' when creating child blocks. For more info on naming, please see %s" % (
                        strip_prefix, param.name, strip_prefix, _NAMING))
            arg_dict[param.name[len(strip_prefix):]] = weight
        ndarray.save(filename, arg_dict)

    def load(self, filename, ctx=None, allow_missing=False, ignore_extra=False, restore_prefix='',
             cast_dtype=False, dtype_source="current"):
        """Load a ``.params`` file (MXNet's or ours), prepending ``restore_prefix`` to the stored names."""
        if restore_prefix:
            for name in self.keys():
                assert name.startswith(restore_prefix), \
                    "restore_prefix is '%s' but Parameters name '%s' does not start with '%s'. For more info on " \
                    "naming, please see %s" % (restore_prefix, name, restore_prefix, _NAMING)
        self.load_dict(ndarray.load(filename), ctx, allow_missing, ignore_extra, restore_prefix, filename,
                       cast_dtype, dtype_source)

    def load_dict(self, param_dict, ctx=None, allow_missing=False, ignore_extra=False, restore_prefix='',
                  filename=None, cast_dtype=False, dtype_source="current"):
        """Load from a dict name -> NDArray (``arg:``/``aux:`` prefixes dropped)."""
        lprefix = len(restore_prefix)
        loaded = [(k[4:] if k.startswith('arg:') or k.startswith('aux:') else k, v)
                  for k, v in param_dict.items()] if isinstance(param_dict, dict) else param_dict
        arg_dict = {restore_prefix + k: v for k, v in loaded}
        error_str = "file: %s" % filename if filename else "param_dict"
        if not allow_missing:
            for name in self.keys():
                assert name in arg_dict, \
                    "Parameter '%s' is missing in %s, which contains parameters: %s. Please make sure source and " \
                    "target networks have the same prefix.For more info on naming, please see %s" % (
                        name[lprefix:], error_str, _brief_print_list(arg_dict.keys()), _NAMING)
        for name in arg_dict:
            if name not in self._params:
                assert ignore_extra, \
                    "Parameter '%s' loaded from %s is not present in ParameterDict, choices are: %s. Set " \
                    "ignore_extra to True to ignore. Please make sure source and target networks have the same " \
                    "prefix.For more info on naming, please see %s" % (
                        name[lprefix:], error_str, _brief_print_list(self._params.keys()), _NAMING)
                continue
            self[name]._load_init(arg_dict[name], ctx, cast_dtype=cast_dtype, dtype_source=dtype_source)


def _merge_shapes(wanted, existing):
    """``existing`` with its unknown (0/-1) dimensions filled from ``wanted``; None when they conflict."""
    out = []
    for d1, d2 in zip(wanted, existing):
        if d1 != d2 and d1 > 0 and d2 > 0:
            return None
        out.append(d2 if d1 in (0, -1) else d1)
    return tuple(out)
