"""The fluent methods shared by NDArray and Symbol: ``x.sum(axis=1)`` is ``nd.sum(x, axis=1)``.

One table, installed on both classes by their front-ends. Methods with signatures of their own
(``reshape``, ``expand_dims``, ``flatten``, ...) are written on the classes.
"""

# method name -> operator name
FLUENT = {name: name for name in (
    "abs", "arccos", "arccosh", "arcsin", "arcsinh", "arctan", "arctanh", "argmax", "argmax_channel", "argmin",
    "argsort", "broadcast_axes", "cbrt", "ceil", "clip", "cos", "cosh", "degrees", "depth_to_space", "exp",
    "expm1", "fix", "flip", "floor", "log", "log10", "log1p", "log2", "log_softmax", "max", "mean", "min",
    "nanprod", "nansum", "norm", "one_hot", "ones_like", "pad", "pick", "prod", "radians", "rcbrt",
    "reciprocal", "relu", "repeat", "reshape_like", "rint", "round", "rsqrt", "shape_array", "sigmoid", "sign",
    "sin", "sinh", "size_array", "slice", "slice_axis", "slice_like", "softmax", "softmin", "sort",
    "space_to_depth", "split", "sqrt", "square", "squeeze", "sum", "swapaxes", "take", "tan", "tanh", "tile",
    "topk", "transpose", "trunc", "zeros_like")}


def install(cls, resolve):
    """Attach every FLUENT method to ``cls``: the front-end function ``resolve(op_name)`` itself, so that
    ``x.sum()`` costs no more than ``nd.sum(x)`` (the array or symbol is the first positional input)."""
    for method, op_name in FLUENT.items():
        if method not in cls.__dict__:
            setattr(cls, method, resolve(op_name))
