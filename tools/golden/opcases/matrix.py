"""Op-database cases: shape and layout operators (reshape codes, Flatten, transpose, expand_dims, squeeze,
swapaxes, moveaxis, broadcast_to/axis/like, reshape_like), joining and splitting (concat, stack, split,
split_v2), slicing (slice, slice_axis, slice_like), tile/repeat/flip, clip, dot/batch_dot, add_n,
shape_array/size_array. (diag, depth_to_space and space_to_depth are in the layout family.)"""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from _cases import add_case  # noqa: E402  pylint: disable=wrong-import-position

CASES = []


def _case(*args, **kwargs):
    add_case(CASES, *args, **kwargs)


def _n(*shape, dtype="float32"):
    return ("normal", shape, dtype)


# ---- reshape --------------------------------------------------------------------------------------------------
_RESHAPE = {  # name -> (input shape, kwargs)
    "plain": ((2, 3, 4), {"shape": (4, 6)}), "minus1": ((2, 3, 4), {"shape": (-1, 4)}),
    "zero_keep": ((2, 3, 4), {"shape": (0, -1)}), "zero_keep_two": ((2, 3, 4), {"shape": (0, 0, 2, 2)}),
    "minus2": ((2, 3, 4), {"shape": (-2,)}), "minus2_after": ((2, 3, 4, 5), {"shape": (0, 0, -2)}),
    "minus2_mid": ((2, 3, 4), {"shape": (0, -2)}), "minus3": ((2, 3, 4), {"shape": (-3, 4)}),
    "minus3_tail": ((2, 3, 4, 5), {"shape": (0, 0, -3)}), "minus3_twice": ((2, 3, 4, 5), {"shape": (-3, -3)}),
    "minus4": ((6, 4), {"shape": (-4, 2, 3, 4)}), "minus4_infer_first": ((6, 4), {"shape": (-4, -1, 3, 0)}),
    "minus4_infer_second": ((6, 4), {"shape": (-4, 2, -1, 0)}), "minus4_mid": ((2, 12, 5), {"shape": (0, -4, 3, 4, 0)}),
    "minus4_then_minus2": ((6, 4, 5), {"shape": (-4, 3, 2, -2)}),
    "mixed": ((2, 3, 4, 5), {"shape": (-3, -1, 5)}),
    "string": ((2, 3, 4), {"shape": "(0, -1)"}), "list": ((2, 3, 4), {"shape": [3, 8]}),
    "to_1d": ((2, 3, 4), {"shape": (-1,)}), "add_unit_dims": ((2, 3), {"shape": (1, 2, 1, 3)}),
    "reverse_zero": ((10, 5, 4), {"shape": (-1, 0), "reverse": True}),
    "reverse_plain": ((2, 3, 4), {"shape": (0, -1), "reverse": True}),
    "reverse_minus3": ((2, 3, 4, 5), {"shape": (-1, -3), "reverse": True}),
    "reverse_minus2": ((2, 3, 4, 5), {"shape": (-2, 0), "reverse": True}),
    "target_shape": ((2, 3, 4), {"target_shape": (4, 0)}),
    "target_shape_keep_highest": ((2, 3, 4), {"target_shape": (3, 0), "keep_highest": True}),
}
for name, (shape, kw) in _RESHAPE.items():
    _case("Reshape/" + name, "Reshape", [_n(*shape)], kw, grad=[0])
_case("reshape/alias", "reshape", [_n(2, 6)], {"shape": (3, 4)})
_case("reshape/positional_shape", "reshape", [_n(2, 6)], args=[(3, 4)])
_case("reshape/int32", "reshape", [("randint", (2, 6), 0, 9, "int32")], {"shape": (-1, 3)})
_case("reshape/float16", "reshape", [_n(2, 6, dtype="float16")], {"shape": (-3,)})
# MXNet 1.9.1 skips the size check in the next two and returns uninitialised memory (opdb_deviations.txt)
_case("Reshape/size_mismatch", "Reshape", [_n(2, 3)], {"shape": (4, 2)})
_case("Reshape/two_minus1", "Reshape", [_n(2, 3)], {"shape": (-1, -1)}, error=True)
_case("Reshape/infer_not_divisible", "Reshape", [_n(2, 3)], {"shape": (-1, 4)})
_case("Reshape/minus4_bad_split", "Reshape", [_n(6, 4)], {"shape": (-4, 4, 2, 0)}, error=True)
_case("Reshape/reverse_minus4", "Reshape", [_n(4, 6)], {"shape": (0, -4, 2, -1), "reverse": True}, error=True)
_case("Reshape/zero_beyond_ndim", "Reshape", [_n(6)], {"shape": (0, 0)}, error=True)
_case("Reshape/minus3_at_end", "Reshape", [_n(2, 3)], {"shape": (0, -3)}, error=True)

# ---- Flatten, transpose, expand_dims, squeeze, swapaxes, moveaxis ------------------------------------------------
for shape in ((2, 3), (2, 3, 4), (2, 1, 3, 2), (5,)):
    _case("Flatten/" + "x".join(map(str, shape)), "Flatten", [_n(*shape)], grad=[0])
_case("flatten/alias_int32", "flatten", [("randint", (2, 3, 2), 0, 9, "int32")])
_TRANSPOSE = {"default_2d": ((2, 3), {}), "default_3d": ((2, 3, 4), {}), "axes": ((2, 3, 4), {"axes": (1, 0, 2)}),
              "axes_string": ((2, 3, 4), {"axes": "(2, 0, 1)"}), "1d": ((5,), {}),
              "4d": ((2, 3, 1, 4), {"axes": (3, 1, 0, 2)})}
for name, (shape, kw) in _TRANSPOSE.items():
    _case("transpose/" + name, "transpose", [_n(*shape)], kw, grad=[0])
_case("transpose/negative_axes", "transpose", [_n(2, 3, 4)], {"axes": (-1, 0, 1)}, error=True)
_case("transpose/wrong_len", "transpose", [_n(2, 3, 4)], {"axes": (1, 0)}, error=True)
_case("transpose/int64", "transpose", [("randint", (2, 3), 0, 9, "int64")])
for ax in (0, 1, 2, -1, -3):
    _case("expand_dims/axis{}".format(ax), "expand_dims", [_n(2, 3)], {"axis": ax}, grad=[0])
_case("expand_dims/out_of_range", "expand_dims", [_n(2, 3)], {"axis": 3}, error=True)
_case("expand_dims/too_negative", "expand_dims", [_n(2, 3)], {"axis": -4}, error=True)
_case("expand_dims/missing_axis", "expand_dims", [_n(2, 3)], error=True)
_SQUEEZE = {"none": ((2, 1, 3, 1), {}), "axis": ((2, 1, 3, 1), {"axis": 1}), "axes": ((2, 1, 3, 1), {"axis": (1, 3)}),
            "neg_axis": ((2, 1, 3, 1), {"axis": -1}), "all_ones": ((1, 1), {}), "all_ones_3d": ((1, 1, 1), {}),
            "one_elem_axis": ((1, 1), {"axis": 0}), "nothing": ((2, 3), {}), "1d_one": ((1,), {})}
for name, (shape, kw) in _SQUEEZE.items():
    _case("squeeze/" + name, "squeeze", [_n(*shape)], kw, grad=[0])
_case("squeeze/not_one", "squeeze", [_n(2, 1, 3)], {"axis": 0}, error=True)
_case("squeeze/all_ones_all_axes", "squeeze", [_n(1, 1)], {"axis": (0, 1)})
for d1, d2 in ((0, 1), (0, 2), (2, 1), (1, 1)):
    _case("SwapAxis/{}_{}".format(d1, d2), "SwapAxis", [_n(2, 3, 4)], {"dim1": d1, "dim2": d2}, grad=[0])
_case("swapaxes/alias_default", "swapaxes", [_n(2, 3)])
_case("swapaxes/out_of_range", "swapaxes", [_n(2, 3)], {"dim1": 0, "dim2": 2}, error=True)
_case("moveaxis/int", "moveaxis", [_n(2, 3, 4)], args=[0, 2])
_case("moveaxis/negative", "moveaxis", [_n(2, 3, 4)], args=[-1, 0])
_case("moveaxis/lists", "moveaxis", [_n(2, 3, 4)], args=[[0, 1], [-1, -2]])
_case("moveaxis/grad", "moveaxis", [_n(2, 3, 4)], args=[1, 2], grad=[0])
_case("moveaxis/out_of_range", "moveaxis", [_n(2, 3, 4)], args=[3, 0], error=True)
_case("moveaxis/length_mismatch", "moveaxis", [_n(2, 3, 4)], args=[[0, 1], [2]], error=True)

# ---- broadcast_to / broadcast_axis / broadcast_like / reshape_like -------------------------------------------------
_case("broadcast_to/basic", "broadcast_to", [_n(1, 3)], {"shape": (4, 3)}, grad=[0])
_case("broadcast_to/zero_keeps", "broadcast_to", [_n(2, 1, 1)], {"shape": (0, 3, 4)}, grad=[0])
_case("broadcast_to/string", "broadcast_to", [_n(1, 3)], {"shape": "(2, 3)"})
_case("broadcast_to/int32", "broadcast_to", [("randint", (3, 1), 0, 9, "int32")], {"shape": (3, 5)})
_case("broadcast_to/not_one", "broadcast_to", [_n(2, 3)], {"shape": (4, 3)}, error=True)
_case("broadcast_to/rank_mismatch", "broadcast_to", [_n(1, 3)], {"shape": (2, 2, 3)}, error=True)
_case("broadcast_axis/one", "broadcast_axis", [_n(2, 1, 3)], {"axis": 1, "size": 4}, grad=[0])
_case("broadcast_axis/two", "broadcast_axis", [_n(1, 2, 1)], {"axis": (0, 2), "size": (3, 4)}, grad=[0])
_case("broadcast_axis/negative", "broadcast_axis", [_n(2, 1)], {"axis": -1, "size": 3}, error=True)
_case("broadcast_axes/alias", "broadcast_axes", [_n(1, 3)], {"axis": 0, "size": 2})
_case("broadcast_axis/not_one", "broadcast_axis", [_n(2, 3)], {"axis": 1, "size": 4}, error=True)
_case("broadcast_like/basic", "broadcast_like", [_n(1, 3), _n(4, 3)], grad=[0])
_case("broadcast_like/axes", "broadcast_like", [_n(1, 3), _n(2, 5)], {"lhs_axes": (0,), "rhs_axes": (1,)}, grad=[0])
_case("broadcast_like/axes_neg", "broadcast_like", [_n(2, 1), _n(4, 3)], {"lhs_axes": (-1,), "rhs_axes": (-1,)})
_case("broadcast_like/incompatible", "broadcast_like", [_n(2, 3), _n(4, 3)], error=True)
_RL = {"plain": ((2, 3), (3, 2), {}), "begin_end": ((30, 12), (4, 2, 2, 3), {"lhs_begin": -1, "rhs_begin": 1}),
       "middle": ((2, 3, 4), (6, 4), {"lhs_begin": 0, "lhs_end": 2, "rhs_begin": 0, "rhs_end": 1}),
       "lhs_end_neg": ((2, 3, 4), (6, 1), {"lhs_end": -1, "rhs_end": 1}),
       "rhs_only": ((2, 3, 4), (4, 6), {"lhs_begin": 1, "rhs_begin": 1})}
for name, (ls, rs, kw) in _RL.items():
    case_err = name == "rhs_only"
    _case("reshape_like/" + name, "reshape_like", [_n(*ls), _n(*rs)], kw, grad=[] if case_err else [0],
          error=case_err)
_case("reshape_like/size_mismatch", "reshape_like", [_n(2, 3), _n(4, 2)], error=True)

# ---- concat / stack / split / split_v2 ------------------------------------------------------------------------
_case("Concat/dim1", "Concat", [_n(2, 3), _n(2, 2), _n(2, 1)], grad=[0, 1, 2])
_case("concat/dim0", "concat", [_n(2, 3), _n(1, 3)], {"dim": 0}, grad=[0, 1])
_case("concat/dim_neg1", "concat", [_n(2, 3, 1), _n(2, 3, 2)], {"dim": -1}, grad=[0, 1])
_case("concat/num_args", "concat", [_n(2, 3), _n(2, 3)], {"num_args": 2, "dim": 1})
_case("concat/single", "concat", [_n(2, 3)], {"dim": 0}, grad=[0])
_case("concat/int32", "concat", [("randint", (2, 2), 0, 9, "int32"), ("randint", (2, 1), 0, 9, "int32")])
_case("concat/shape_mismatch", "concat", [_n(2, 3), _n(3, 2)], {"dim": 1}, error=True)
_case("concat/dtype_mismatch", "concat", [_n(2, 3), _n(2, 3, dtype="float64")], error=True)
_case("concat/dim_out_of_range", "concat", [_n(2, 3), _n(2, 3)], {"dim": 2}, error=True)
_case("concat/num_args_wrong", "concat", [_n(2, 3), _n(2, 3)], {"num_args": 3}, error=True)
for ax in (0, 1, 2, -1):
    _case("stack/axis{}".format(ax), "stack", [_n(2, 3), _n(2, 3), _n(2, 3)], {"axis": ax}, grad=[0, 1, 2])
_case("stack/int64", "stack", [("randint", (3,), 0, 9, "int64"), ("randint", (3,), 0, 9, "int64")])
# MXNet 1.9.1 skips the size check here and returns uninitialised memory (see opdb_deviations.txt)
_case("stack/shape_mismatch", "stack", [_n(2, 3), _n(3, 2)])
_case("stack/axis_out_of_range", "stack", [_n(2, 3), _n(2, 3)], {"axis": 3}, error=True)
_case("stack/dtype_mismatch", "stack", [_n(2, 3), _n(2, 3, dtype="float16")], error=True)
_SPLIT = {"axis1": ((2, 6), {"num_outputs": 3}), "axis0": ((4, 3), {"num_outputs": 2, "axis": 0}),
          "axis_neg": ((2, 3, 4), {"num_outputs": 2, "axis": -1}),
          "squeeze": ((2, 3), {"num_outputs": 3, "axis": 1, "squeeze_axis": True}),
          "one_output": ((2, 4), {"num_outputs": 1}),
          "one_output_squeeze": ((2, 1), {"num_outputs": 1, "squeeze_axis": True})}
for name, (shape, kw) in _SPLIT.items():
    _case("SliceChannel/" + name, "SliceChannel", [_n(*shape)], kw, grad=[0])
_case("split/alias", "split", [_n(4, 4)], {"num_outputs": 4, "axis": 0})
_case("split/not_divisible", "split", [_n(2, 5)], {"num_outputs": 2}, error=True)
_case("split/squeeze_not_one", "split", [_n(2, 4)], {"num_outputs": 2, "squeeze_axis": True}, error=True)
_case("split_v2/sections", "split_v2", [_n(6, 2)], args=[3], grad=[0])
_case("split_v2/indices", "split_v2", [_n(2, 7)], args=[(2, 5)], kwargs={"axis": 1}, grad=[0])
_case("split_v2/indices_past_end", "split_v2", [_n(5, 2)], args=[(2, 9)], error=True)
_case("split_v2/squeeze", "split_v2", [_n(2, 3)], args=[3], kwargs={"axis": 1, "squeeze_axis": True})
_case("split_v2/one_section", "split_v2", [_n(2, 3)], args=[1])
_case("split_v2/negative_axis", "split_v2", [_n(2, 3, 4)], args=[2], kwargs={"axis": -1})
_case("split_v2/not_divisible", "split_v2", [_n(5, 2)], args=[2], error=True)
_case("split_v2/bad_indices_type", "split_v2", [_n(5, 2)], args=[[1, 2]], error=True)
_case("_split_v2/internal_sections", "_internal._split_v2", [_n(4, 3)], {"sections": 2, "axis": 0}, error=True)
_case("_split_v2/internal_indices", "_internal._split_v2", [_n(4, 3)], {"indices": (0, 1, 3), "axis": 0})

# ---- slice / slice_axis / slice_like ----------------------------------------------------------------------------
_SLICE = {  # name -> (shape, begin, end, step)
    "basic": ((4, 5), (1, 0), (3, 4), None), "partial_dims": ((4, 5, 2), (1,), (3,), None),
    "none": ((4, 5), (None, 1), (None, None), None), "negative_idx": ((4, 5), (-3, -4), (-1, -1), None),
    "step": ((6, 5), (0, 0), (6, 5), (2, 2)), "neg_step": ((6, 5), (5, 4), (0, 0), (-2, -1)),
    "neg_step_none": ((6, 5), (None, None), (None, None), (-1, -2)),
    "neg_step_none_begin": ((6, 5), (None, 3), (1, None), (-2, -1)), "step_none": ((6, 5), (1, 0), (5, 5), (None, 3)),
    "clip_end": ((4, 5), (1, 0), (10, 20), None), "empty_step_list": ((4, 5), (0, 1), (2, 3), ()),
    "3d": ((3, 4, 5), (0, 1, 1), (3, 4, 5), (1, 2, 3)),
}
for name, (shape, b, e, s) in _SLICE.items():
    kw = {"begin": b, "end": e}
    if s is not None:
        kw["step"] = s
    _case("slice/" + name, "slice", [_n(*shape)], kw, grad=[0])
_case("slice/string", "slice", [_n(4, 5)], {"begin": "(1, None)", "end": "(None, 3)", "step": "(1, -1)"})
_case("crop/alias", "crop", [_n(4, 5)], {"begin": (1, 1), "end": (3, 3)})
_case("slice/int32", "slice", [("randint", (4, 5), 0, 9, "int32")], {"begin": (0, 1), "end": (2, 4)})
_case("slice/zero_step", "slice", [_n(4, 5)], {"begin": (0,), "end": (2,), "step": (0,)}, error=True)
_case("slice/too_many_dims", "slice", [_n(4, 5)], {"begin": (0, 0, 0), "end": (1, 1, 1)}, error=True)
_case("slice/len_mismatch", "slice", [_n(4, 5)], {"begin": (0, 0), "end": (1,)}, error=True)
_case("slice/empty_result", "slice", [_n(4, 5)], {"begin": (3,), "end": (1,)}, grad=[0], error=True)
_SLICE_AXIS = {"basic": (1, 1, 4), "neg_begin": (1, -3, None), "neg_end": (0, 0, -1), "none_end": (0, 2, None),
               "neg_axis": (-1, 1, 3), "full": (0, 0, 4)}
for name, (ax, b, e) in _SLICE_AXIS.items():
    _case("slice_axis/" + name, "slice_axis", [_n(4, 5)], {"axis": ax, "begin": b, "end": e}, grad=[0])
_case("slice_axis/end_clipped", "slice_axis", [_n(4, 5)], {"axis": 1, "begin": 0, "end": 9}, error=True)
_case("slice_axis/begin_ge_end", "slice_axis", [_n(4, 5)], {"axis": 1, "begin": 3, "end": 2}, error=True)
_case("slice_axis/axis_out_of_range", "slice_axis", [_n(4, 5)], {"axis": 2, "begin": 0, "end": 1}, error=True)
_case("slice_like/all", "slice_like", [_n(4, 5), _n(2, 3)], grad=[0])
_case("slice_like/axes", "slice_like", [_n(4, 5, 6), _n(2, 3, 4)], {"axes": (0, 2)}, grad=[0])
_case("slice_like/neg_axes", "slice_like", [_n(4, 5, 6), _n(2, 3, 4)], {"axes": (-1,)})
_case("slice_like/fewer_dims", "slice_like", [_n(4, 5, 6), _n(2, 3)], {"axes": (0, 1)})
_case("slice_like/rank_mismatch_no_axes", "slice_like", [_n(4, 5, 6), _n(2, 3)], error=True)
_case("slice_like/too_large", "slice_like", [_n(2, 3), _n(4, 3)], error=True)

# ---- tile / repeat / flip / clip --------------------------------------------------------------------------------
_TILE = {"same_len": ((2, 3), (2, 2)), "fewer_reps": ((2, 3, 4), (2,)), "fewer_reps2": ((2, 3, 4), (2, 3)),
         "more_reps": ((2, 3), (2, 1, 2)), "ones": ((2, 3), (1, 1)), "1d": ((3,), (4,))}
for name, (shape, reps) in _TILE.items():
    _case("tile/" + name, "tile", [_n(*shape)], {"reps": reps}, grad=[0])
_case("tile/int32", "tile", [("randint", (2, 2), 0, 9, "int32")], {"reps": "(2, 1)"})
_case("tile/zero_rep", "tile", [_n(2, 3)], {"reps": (0, 1)}, error=True)
for name, kw in {"none": {"repeats": 2}, "axis0": {"repeats": 3, "axis": 0}, "axis1": {"repeats": 2, "axis": 1},
                 "neg_axis": {"repeats": 2, "axis": -1}}.items():
    _case("repeat/" + name, "repeat", [_n(2, 3)], kw, grad=[0])
_case("repeat/int32", "repeat", [("randint", (2, 3), 0, 9, "int32")], {"repeats": 2, "axis": 1})
_case("repeat/axis_out_of_range", "repeat", [_n(2, 3)], {"repeats": 2, "axis": 2}, error=True)
for name, ax in {"axis0": 0, "axis1": 1, "axes": (0, 2)}.items():
    _case("reverse/" + name, "reverse", [_n(2, 3, 4)], {"axis": ax}, grad=[0])
_case("reverse/neg", "reverse", [_n(2, 3, 4)], {"axis": -1}, error=True)
_case("flip/alias_int32", "flip", [("randint", (3, 4), 0, 9, "int32")], {"axis": 1})
_case("reverse/out_of_range", "reverse", [_n(2, 3)], {"axis": 2}, error=True)
_case("clip/basic", "clip", [("uniform", (3, 4), -2, 2, "float32")], {"a_min": -0.5, "a_max": 0.7}, grad=[0])
_case("clip/boundary_grad", "clip", [("array", [-1.0, -0.5, 0.0, 0.5, 1.0], "float32")], {"a_min": -0.5, "a_max": 0.5},
      grad=[0])
_case("clip/float64", "clip", [("uniform", (3, 4), -2, 2, "float64")], {"a_min": -1, "a_max": 1})
_case("clip/float16", "clip", [("uniform", (3, 4), -2, 2, "float16")], {"a_min": -1, "a_max": 1})
_case("clip/int32", "clip", [("randint", (3, 4), -10, 10, "int32")], {"a_min": -3, "a_max": 5})
_case("clip/int32_float_bounds", "clip", [("randint", (3, 4), -10, 10, "int32")], {"a_min": -3.5, "a_max": 5.7})
_case("clip/uint8", "clip", [("randint", (3, 4), 0, 200, "uint8")], {"a_min": 10, "a_max": 100})
_case("clip/min_gt_max", "clip", [("uniform", (3, 4), -2, 2, "float32")], {"a_min": 1, "a_max": -1})
_case("clip/nan", "clip", [("array", [float("nan"), 2.0, -2.0], "float32")], {"a_min": -1, "a_max": 1})
_case("clip/strings", "clip", [("uniform", (3, 4), -2, 2, "float32")], {"a_min": "-1", "a_max": "1.5"})
_case("clip/missing_a_max", "clip", [("uniform", (3, 4), -2, 2, "float32")], {"a_min": -1}, error=True)

# ---- dot / batch_dot -----------------------------------------------------------------------------------------
_DOT = {  # name -> (lhs shape, rhs shape, kwargs)
    "2d": ((3, 4), (4, 5), {}), "ta": ((4, 3), (4, 5), {"transpose_a": True}),
    "tb": ((3, 4), (5, 4), {"transpose_b": True}), "ta_tb": ((4, 3), (5, 4), {"transpose_a": True, "transpose_b": True}),
    "1d_1d": ((4,), (4,), {}), "1d_2d": ((4,), (4, 3), {}), "2d_1d": ((3, 4), (4,), {}),
    "3d_2d": ((2, 3, 4), (4, 5), {}), "2d_3d": ((3, 4), (4, 2, 5), {}), "3d_3d": ((2, 3, 4), (4, 2, 2), {}),
    "3d_ta": ((4, 3, 2), (4, 5), {"transpose_a": True}), "3d_tb": ((2, 3, 4), (5, 4), {"transpose_b": True}),
"2d_1d_ta": ((4, 3), (4,), {"transpose_a": True}),
    "strings": ((4, 3), (4, 5), {"transpose_a": "True", "transpose_b": "False"}),
}
for name, (ls, rs, kw) in _DOT.items():
    _case("dot/" + name, "dot", [_n(*ls), _n(*rs)], kw, grad=[0, 1], rtol=1e-4, atol=1e-5)
_case("dot/float64", "dot", [_n(3, 4, dtype="float64"), _n(4, 2, dtype="float64")], grad=[0, 1])
# MXNet's CPU dot supports float32/float64 only (float16 on GPU)
_case("dot/float16", "dot", [_n(3, 4, dtype="float16"), _n(4, 2, dtype="float16")], error=True)
_case("dot/int32", "dot", [("randint", (3, 4), -5, 5, "int32"), ("randint", (4, 2), -5, 5, "int32")], error=True)
_case("dot/1d_1d_ta", "dot", [_n(4), _n(4)], {"transpose_a": True}, error=True)
_case("dot/shape_mismatch", "dot", [_n(3, 4), _n(3, 4)], error=True)
_case("dot/dtype_mismatch", "dot", [_n(3, 4), _n(4, 2, dtype="float64")], error=True)
_case("dot/1d_mismatch", "dot", [_n(3), _n(4)], error=True)
_BDOT = {"basic": ((2, 3, 4), (2, 4, 5), {}), "ta": ((2, 4, 3), (2, 4, 5), {"transpose_a": True}),
         "tb": ((2, 3, 4), (2, 5, 4), {"transpose_b": True}),
         "ta_tb": ((2, 4, 3), (2, 5, 4), {"transpose_a": True, "transpose_b": True}),
         "batch1": ((1, 3, 4), (1, 4, 2), {})}
for name, (ls, rs, kw) in _BDOT.items():
    _case("batch_dot/" + name, "batch_dot", [_n(*ls), _n(*rs)], kw, grad=[0, 1], rtol=1e-4, atol=1e-5)
_case("batch_dot/float64", "batch_dot", [_n(2, 3, 4, dtype="float64"), _n(2, 4, 2, dtype="float64")])
_case("batch_dot/4d", "batch_dot", [_n(2, 2, 3, 4), _n(2, 2, 4, 5)])
_case("batch_dot/2d", "batch_dot", [_n(3, 4), _n(4, 5)], error=True)
_case("batch_dot/batch_mismatch", "batch_dot", [_n(2, 3, 4), _n(3, 4, 5)], error=True)
_case("batch_dot/inner_mismatch", "batch_dot", [_n(2, 3, 4), _n(2, 3, 5)], error=True)

# ---- add_n, shape_array, size_array ------------------------------------------------------------------------------
for k in (1, 2, 3, 5):
    _case("add_n/{}".format(k), "add_n", [_n(2, 3) for _ in range(k)], grad=list(range(k)))
_case("ElementWiseSum/alias", "ElementWiseSum", [_n(2, 3), _n(2, 3)])
_case("add_n/int32", "add_n", [("randint", (2, 3), 0, 9, "int32")] * 3)
_case("add_n/float16", "add_n", [_n(4, dtype="float16")] * 3)
_case("add_n/shape_mismatch", "add_n", [_n(2, 3), _n(3, 2)], error=True)
_case("add_n/dtype_mismatch", "add_n", [_n(2, 3), _n(2, 3, dtype="float64")], error=True)
for shape in ((2, 3), (4,), (2, 1, 3, 1)):
    _case("shape_array/" + "x".join(map(str, shape)), "shape_array", [_n(*shape)])
    _case("size_array/" + "x".join(map(str, shape)), "size_array", [_n(*shape)])
_case("shape_array/int32", "shape_array", [("randint", (3, 2), 0, 9, "int32")])

# ---- slice assignment (NDArray __setitem__ and symbol graphs) ------------------------------------------------------
_ASSIGN = {"basic": ((4, 5), (1, 0), (3, 4), None, (2, 4)), "partial": ((4, 5, 2), (1,), (3,), None, (2, 5, 2)),
           "step": ((6, 5), (0, 1), (6, 5), (2, 2), (3, 2)), "neg_step": ((6, 5), (5, None), (0, None), (-2, -1), (3, 5)),
           "none": ((4, 5), (None, 2), (None, None), None, (4, 3))}
for name, (shape, b, e, st, vshape) in _ASSIGN.items():
    kw = {"begin": b, "end": e}
    if st is not None:
        kw["step"] = st
    # MXNet registers no gradient for the assignment ops (backward raises), so no gradient cases
    _case("_slice_assign/" + name, "_internal._slice_assign", [_n(*shape), _n(*vshape)], kw)
    _case("_slice_assign_scalar/" + name, "_internal._slice_assign_scalar", [_n(*shape)], dict(kw, scalar=2.5))
_case("_crop_assign/alias", "_internal._crop_assign", [_n(4, 5), _n(2, 2)], {"begin": (0, 0), "end": (2, 2)})
_case("_crop_assign_scalar/alias", "_internal._crop_assign_scalar", [_n(4, 5)], {"begin": (1,), "end": (2,)})
_case("_slice_assign_scalar/int32", "_internal._slice_assign_scalar", [("randint", (3, 4), 0, 9, "int32")],
      {"begin": (0, 1), "end": (2, 3), "scalar": 7})
_case("_slice_assign/shape_mismatch", "_internal._slice_assign", [_n(4, 5), _n(3, 3)],
      {"begin": (0, 0), "end": (2, 2)}, error=True)
