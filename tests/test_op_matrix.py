"""Checks of matrix operators (``mxcompat/_op/defs/matrix.py``) beyond the op database: argument refusals with
MXNet 1.9.1's messages, recorded from real MXNet."""
import re

import numpy as np
import pytest

import mxcompat as mx


# broadcast_like: MXNet 1.9.1's shapes and refusals (recorded from real MXNet).
_BROADCAST_LIKE = [
    ((1, 3), (2, 3), dict(lhs_axes=(0,)), (2, 3)),          # one axis tuple alone: whole-shape broadcast
    ((1, 3), (2, 3), dict(lhs_axes=(0,), rhs_axes=(1,)), (3, 3)),
    ((1, 3), (2, 3), dict(lhs_axes=(-2,), rhs_axes=(-2,)), (2, 3)),
    ((1, 3), (2, 3), dict(lhs_axes=(0, 0), rhs_axes=(0, 0)), (2, 3)),
    ((2, 3), (2, 3), {}, (2, 3)),
    ((1, 3), (2, 3), dict(lhs_axes=(0,), rhs_axes=()), "Input_axis and other_axis size does not match"),
    ((1, 3), (2, 3), dict(lhs_axes=(), rhs_axes=()), "Empty axes tuple is not allowed"),
    ((2, 3), (4, 3), dict(lhs_axes=(0,), rhs_axes=(0,)), "Input axis 0 at dimension 0 cannot be broadcasted to 4"),
    ((1, 3), (2, 3), dict(lhs_axes=(0,), rhs_axes=(7,)), "Invalid dimension specified in rhs_axes: 7"),
    ((1, 3), (2, 3), dict(lhs_axes=(5,), rhs_axes=(0,)), "Invalid dimension specified in lhs_axes: 5"),
    ((1, 3), (2, 3, 4), {}, "Operand of shape [1,3] cannot be broadcasted to [2,3,4]"),
    ((2, 3), (3, 3), {}, "Array cannot be broadcasted from [2,3] to [3,3]"),
]


@pytest.mark.parametrize("lshape, rshape, kwargs, expect", _BROADCAST_LIKE)
def test_broadcast_like_shapes_and_errors(lshape, rshape, kwargs, expect):
    lhs = mx.nd.array(np.arange(np.prod(lshape)).reshape(lshape))
    rhs = mx.nd.zeros(rshape)
    if isinstance(expect, str):
        with pytest.raises(mx.base.MXNetError, match=re.escape(expect)):
            mx.nd.broadcast_like(lhs, rhs, **kwargs)
        return
    out = mx.nd.broadcast_like(lhs, rhs, **kwargs)
    assert out.shape == expect
    np.testing.assert_array_equal(out.asnumpy(), np.broadcast_to(lhs.asnumpy(), expect))
