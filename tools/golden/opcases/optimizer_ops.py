"""Op-database cases: optimizer update operators.

``CASES`` (the shared one-call harness, ``tools/golden/gen_opdb.py``) covers what one call shows: the returned
weight of an update without ``out=``, the LARS / sum-of-squares / finiteness helpers, and MXNet's errors.

``STEP_CASES`` (``tools/golden/gen_optimizer_ops.py`` -> ``tests/golden/optimizer_steps.{json,npz}``, replayed
by ``tests/test_op_optimizer.py``) run several steps the way ``mx.optimizer`` does, with ``out=`` the weight,
and record every input after every step, so the in-place updates of the states (``mom``, ``mean``, ``var``,
``weight32`` ...) are checked too. A step case has the shared keys ``id``, ``op``, ``inputs``, ``kwargs``,
``rtol``, ``atol``, ``seed`` plus ``steps`` (count), ``fresh`` (indices of the inputs redrawn from their spec
before each step: the gradients), ``out`` (input indices passed as ``out=``; a single index passes the array
itself, a list passes a list; None: no ``out=``), ``step_kwargs`` ({param: [value per step]}) and ``noout``
(default True: also record the first step without ``out=``; False where MXNet's result is then undefined).
"""

S = (3, 4)
F32, F16 = "float32", "float16"


def _n(shape=S, dtype=F32):
    return ("normal", shape, dtype)


def _u(low, high, shape=S, dtype=F32):
    return ("uniform", shape, low, high, dtype)


def _a(values, dtype=F32):
    return ("array", values, dtype)


# ---- one-call cases ----------------------------------------------------------------------------------------
CASES = [
    dict(id="sgd_update/no_out", op="sgd_update", inputs=[_n(), _n()], kwargs=dict(lr=0.1, wd=0.01)),
    dict(id="sgd_update/clip_strings", op="sgd_update", inputs=[_n(), _n()],
         kwargs=dict(lr="0.5", rescale_grad="2", clip_gradient="0.3", lazy_update="False")),
    dict(id="sgd_mom_update/no_out", op="sgd_mom_update", inputs=[_n(), _n(), _n()],
         kwargs=dict(lr=0.1, momentum=0.9, wd=0.001)),
    dict(id="adam_update/no_out", op="adam_update", inputs=[_n(), _n(), _n(), _u(0, 1)], kwargs=dict(lr=0.01)),
    dict(id="signsgd_update/no_out", op="signsgd_update", inputs=[_n(), _n()], kwargs=dict(lr=0.1, wd=0.1)),
    dict(id="sgd_update/float64", op="sgd_update", inputs=[_n(S, "float64"), _n(S, "float64")],
         kwargs=dict(lr=0.1, wd=0.1)),
    # errors
    dict(id="sgd_update/err_shape", op="sgd_update", inputs=[_n((3,)), _n((4,))], kwargs=dict(lr=0.1), error=True),
    dict(id="sgd_update/err_dtype", op="sgd_update", inputs=[_n(), _n(S, F16)], kwargs=dict(lr=0.1), error=True),
    dict(id="sgd_update/err_int", op="sgd_update", inputs=[("randint", S, 0, 5, "int32")] * 2,
         kwargs=dict(lr=0.1), error=True),
    dict(id="sgd_update/err_no_lr", op="sgd_update", inputs=[_n(), _n()], kwargs={}, error=True),
    dict(id="sgd_mom_update/err_mom_shape", op="sgd_mom_update", inputs=[_n(), _n(), _n((4, 3))],
         kwargs=dict(lr=0.1), error=True),
    dict(id="mp_sgd_update/err_master_f16", op="mp_sgd_update", inputs=[_n(S, F16), _n(S, F16), _n(S, F16)],
         kwargs=dict(lr=0.1), error=True),
    dict(id="adam_update/err_unknown_param", op="adam_update", inputs=[_n(), _n(), _n(), _n()],
         kwargs=dict(lr=0.1, beta3=0.5), error=True),
    dict(id="ftml_update/err_no_t", op="ftml_update", inputs=[_n()] * 5, kwargs=dict(lr=0.1), error=True),
    # LARS helpers
    dict(id="multi_sum_sq/three", op="multi_sum_sq", inputs=[_n((3, 4)), _n((5,)), _n((2, 2, 2))],
         kwargs=dict(num_arrays=3), rtol=1e-4),
    dict(id="multi_sum_sq/one", op="multi_sum_sq", inputs=[_n((7,))], kwargs=dict(num_arrays=1), rtol=1e-4),
    dict(id="multi_sum_sq/float16", op="multi_sum_sq", inputs=[_n((6,), F16), _n((3, 2), F16)],
         kwargs=dict(num_arrays=2), rtol=1e-4),
    dict(id="multi_sum_sq/err_no_num_arrays", op="multi_sum_sq", inputs=[_n((3,))], kwargs={}, error=True),
    dict(id="multi_sum_sq/err_count", op="multi_sum_sq", inputs=[_n((3,))], kwargs=dict(num_arrays=2), error=True),
    dict(id="multi_sum_sq/err_mixed", op="multi_sum_sq", inputs=[_n((3,)), _n((3,), F16)],
         kwargs=dict(num_arrays=2), error=True),
    dict(id="multi_lars/basic", op="multi_lars",
         inputs=[_u(0.01, 0.5, (4,)), _a([4.0, 0.0, 2.5, 9.0]), _a([1.0, 3.0, 0.0, 0.25]), _u(0, 0.01, (4,))],
         kwargs=dict(eta=0.001, eps=1e-8, rescale_grad=0.5)),
    dict(id="multi_lars/default_rescale", op="multi_lars",
         inputs=[_u(0.01, 0.5, (3,)), _u(0.5, 4, (3,)), _u(0.5, 4, (3,)), _u(0, 0.01, (3,))],
         kwargs=dict(eta="0.01", eps="1e-6")),
    dict(id="multi_lars/err_float64", op="multi_lars", inputs=[_u(0, 1, (2,), "float64")] * 4,
         kwargs=dict(eta=0.1, eps=0.1), error=True),
    dict(id="multi_lars/err_no_eta", op="multi_lars", inputs=[_u(0, 1, (2,))] * 4, kwargs=dict(eps=0.1),
         error=True),
    # finiteness
    dict(id="all_finite/finite", op="all_finite", inputs=[_n()], kwargs={}),
    dict(id="all_finite/inf", op="all_finite", inputs=[_a([1.0, float("inf"), 2.0])], kwargs={}),
    dict(id="all_finite/nan", op="all_finite", inputs=[_a([[float("nan")], [2.0]])], kwargs={}),
    dict(id="all_finite/float16", op="all_finite", inputs=[_a([1.0, 70000.0], F16)], kwargs={}),
    dict(id="all_finite/err_int", op="all_finite", inputs=[("randint", S, 0, 5, "int32")], kwargs={},
         error=True),
    dict(id="multi_all_finite/finite", op="multi_all_finite", inputs=[_n(), _n((5,))], kwargs=dict(num_arrays=2)),
    dict(id="multi_all_finite/one_nan", op="multi_all_finite",
         inputs=[_n(), _a([1.0, float("nan")]), _n((2,))], kwargs=dict(num_arrays=3)),
    dict(id="multi_all_finite/float16_inf", op="multi_all_finite",
         inputs=[_n((3,), F16), _a([float("-inf")], F16)], kwargs=dict(num_arrays=2)),
    dict(id="multi_all_finite/err_count", op="multi_all_finite", inputs=[_n()], kwargs=dict(num_arrays=2),
         error=True),
]


# ---- multi-step cases with out= (state mutation checked after each step) ------------------------------------
def _step(cid, op, inputs, kwargs, fresh=(1,), out=0, steps=3, step_kwargs=None, **extra):
    case = dict(id=cid, op=op, inputs=inputs, kwargs=kwargs, fresh=list(fresh), out=out, steps=steps,
                step_kwargs=step_kwargs or {})
    case.update(extra)
    return case


_T3 = {"t": [1, 2, 3]}
_HALF = dict(rtol=1e-2, atol=1e-3)

STEP_CASES = [
    # SGD
    _step("sgd_update/plain", "sgd_update", [_n(), _n()], dict(lr=0.1)),
    _step("sgd_update/wd_rescale", "sgd_update", [_n(), _n()], dict(lr=0.05, wd=0.1, rescale_grad=0.5)),
    _step("sgd_update/clip", "sgd_update", [_n(), _n()], dict(lr=0.1, wd=0.01, rescale_grad=2.0, clip_gradient=0.5)),
    _step("sgd_update/lazy_false", "sgd_update", [_n(), _n()], dict(lr=0.1, lazy_update=False)),
    _step("sgd_update/float16", "sgd_update", [_n(S, F16), _n(S, F16)], dict(lr=0.1, wd=0.01), **_HALF),
    _step("sgd_update/no_out", "sgd_update", [_n(), _n()], dict(lr=0.1), out=None),
    _step("sgd_mom_update/momentum", "sgd_mom_update", [_n(), _n(), _n()], dict(lr=0.1, momentum=0.9)),
    _step("sgd_mom_update/wd_clip", "sgd_mom_update", [_n(), _n(), ("normal", S, F32)],
          dict(lr=0.1, momentum=0.8, wd=0.05, rescale_grad=3.0, clip_gradient=1.0)),
    _step("sgd_mom_update/no_out", "sgd_mom_update", [_n(), _n(), _n()], dict(lr=0.1, momentum=0.9), out=None),
    _step("sgd_mom_update/float16", "sgd_mom_update", [_n(S, F16), _n(S, F16), _n(S, F16)],
          dict(lr=0.1, momentum=0.9, wd=0.01), **_HALF),
    _step("mp_sgd_update/basic", "mp_sgd_update", [_n(S, F16), _n(S, F16), _n()],
          dict(lr=0.1, wd=0.01, rescale_grad=0.5), **_HALF),
    _step("mp_sgd_update/clip", "mp_sgd_update", [_n(S, F16), _n(S, F16), _n()],
          dict(lr=0.1, clip_gradient=0.2), **_HALF),
    _step("mp_sgd_mom_update/basic", "mp_sgd_mom_update", [_n(S, F16), _n(S, F16), _n(), _n()],
          dict(lr=0.1, momentum=0.9, wd=0.01, clip_gradient=1.5), **_HALF),
    _step("mp_sgd_mom_update/float32_weight", "mp_sgd_mom_update", [_n(), _n(), _n(), _n()],
          dict(lr=0.1, momentum=0.9)),
    # Nesterov
    _step("nag_mom_update/basic", "nag_mom_update", [_n(), _n(), _n()], dict(lr=0.1, momentum=0.9)),
    _step("nag_mom_update/wd_clip", "nag_mom_update", [_n(), _n(), _n()],
          dict(lr=0.1, momentum=0.7, wd=0.2, rescale_grad=2.0, clip_gradient=0.5)),
    _step("mp_nag_mom_update/basic", "mp_nag_mom_update", [_n(S, F16), _n(S, F16), _n(), _n()],
          dict(lr=0.1, momentum=0.9, wd=0.01), **_HALF),
    _step("mp_nag_mom_update/float32_weight_wd", "mp_nag_mom_update", [_n(), _n(), _n(), _n()],
          dict(lr=0.1, momentum=0.7, wd=0.2, rescale_grad=2.0, clip_gradient=0.5)),
    # Adam family
    _step("adam_update/basic", "adam_update", [_n(), _n(), _n(), _u(0, 1)], dict(lr=0.01)),
    _step("adam_update/wd_clip", "adam_update", [_n(), _n(), _n(), _u(0, 1)],
          dict(lr=0.01, beta1=0.8, beta2=0.99, epsilon=1e-6, wd=0.5, rescale_grad=2.0, clip_gradient=0.7,
               lazy_update=False)),
    _step("adam_update/zero_states", "adam_update", [_n(), _n(), _a([[0.0] * 4] * 3), _a([[0.0] * 4] * 3)],
          dict(lr=0.001)),
    _step("adamw_update/basic", "_internal._adamw_update", [_n(), _n(), _n(), _u(0, 1), _a([0.5])],
          dict(lr=0.01, eta=0.5, wd=0.1)),
    _step("adamw_update/clip", "_internal._adamw_update", [_n(), _n(), _n(), _u(0, 1), _a([2.0])],
          dict(lr=0.01, eta=1.0, wd=0.01, clip_gradient=0.3, beta1=0.5)),
    _step("adamw_update/inf_rescale_skips", "_internal._adamw_update",
          [_n(), _n(), _n(), _u(0, 1), _a([float("inf")])], dict(lr=0.01, eta=1.0, wd=0.1), noout=False),
    _step("adamw_update/zero_rescale_skips", "_internal._adamw_update",
          [_n(), _n(), _n(), _u(0, 1), _a([0.0])], dict(lr=0.01, eta=1.0, wd=0.1), noout=False),
    _step("adamw_update/nan_rescale_skips", "_internal._adamw_update",
          [_n(), _n(), _n(), _u(0, 1), _a([float("nan")])], dict(lr=0.01, eta=1.0, wd=0.1), noout=False),
    _step("mp_adamw_update/zero_rescale_skips", "_internal._mp_adamw_update",
          [_n(S, F16), _n(S, F16), _n(), _u(0, 1), _n(), _a([0.0])], dict(lr=0.01, eta=0.5, wd=0.1), noout=False,
          **_HALF),
    _step("mp_adamw_update/basic", "_internal._mp_adamw_update",
          [_n(S, F16), _n(S, F16), _n(), _u(0, 1), _n(), _a([1.0])], dict(lr=0.01, eta=0.5, wd=0.1), **_HALF),
    # RMSProp
    _step("rmsprop_update/basic", "rmsprop_update", [_n(), _n(), _u(0, 1)], dict(lr=0.01)),
    _step("rmsprop_update/wd_clip", "rmsprop_update", [_n(), _n(), _u(0, 1)],
          dict(lr=0.05, gamma1=0.9, epsilon=1e-4, wd=0.3, rescale_grad=2.0, clip_gradient=0.8, clip_weights=1.0)),
    _step("rmspropalex_update/basic", "rmspropalex_update", [_n(), _n(), _u(1, 2), _u(-0.1, 0.1), _n()],
          dict(lr=0.01), fresh=(1,)),
    _step("rmspropalex_update/wd_clip", "rmspropalex_update", [_n(), _n(), _u(1, 2), _u(-0.1, 0.1), _n()],
          dict(lr=0.02, gamma1=0.9, gamma2=0.8, epsilon=1e-3, wd=0.1, rescale_grad=0.5, clip_gradient=0.4,
               clip_weights=0.9)),
    # FTRL / FTML
    _step("ftrl_update/basic", "ftrl_update", [_n(), _n(), _n(), _u(0, 1)], dict(lr=0.1)),
    _step("ftrl_update/wd_clip", "ftrl_update", [_n(), _n(), _n(), _u(0, 1)],
          dict(lr=0.2, lamda1=0.5, beta=0.5, wd=0.1, rescale_grad=2.0, clip_gradient=0.6)),
    _step("ftml_update/basic", "ftml_update", [_n(), _n(), _u(0, 1), _u(0, 1), _n()], dict(lr=0.01),
          step_kwargs=_T3),
    _step("ftml_update/wd_clip", "ftml_update", [_n(), _n(), _u(0, 1), _u(0, 1), _n()],
          dict(lr=0.05, beta1=0.5, beta2=0.9, epsilon=1e-4, wd=0.2, rescale_grad=2.0, clip_grad=0.5),
          step_kwargs=_T3),
    # sign methods
    _step("signsgd_update/basic", "signsgd_update", [_n(), _n()], dict(lr=0.01, wd=0.1, rescale_grad=3.0)),
    _step("signum_update/basic", "signum_update", [_n(), _n(), _n()], dict(lr=0.01, momentum=0.9)),
    _step("signum_update/wd_clip", "signum_update", [_n(), _n(), _n()],
          dict(lr=0.01, momentum=0.5, wd=0.2, wd_lh=0.1, rescale_grad=2.0, clip_gradient=0.3)),
    # LAMB
    _step("lamb_update_phase1/basic", "lamb_update_phase1", [_n(), _n(), _n(), _u(0, 1)], dict(wd=0.01),
          step_kwargs=_T3, out=None),
    _step("lamb_update_phase1/no_bias_correction", "lamb_update_phase1", [_n(), _n(), _n(), _u(0, 1)],
          dict(wd=0.1, beta1=0.8, beta2=0.9, epsilon=1e-4, bias_correction=False, rescale_grad=2.0,
               clip_gradient=0.5, t=1), out=None),
    _step("lamb_update_phase2/basic", "lamb_update_phase2", [_n(), _n(), _u(1, 3, (1,)), _u(1, 3, (1,))],
          dict(lr=0.1), fresh=(1, 2, 3)),
    _step("lamb_update_phase2/bounds", "lamb_update_phase2", [_n(), _n(), _u(0, 5, (1,)), _u(1, 3, (1,))],
          dict(lr=0.1, lower_bound=1.0, upper_bound=2.5), fresh=(1, 2, 3), steps=4),
    _step("lamb_update_phase2/zero_norm", "lamb_update_phase2", [_n(), _n(), _a([0.0]), _a([2.0])],
          dict(lr=0.1), fresh=(1,)),
    _step("mp_lamb_update_phase1/basic", "mp_lamb_update_phase1",
          [_n(S, F16), _n(S, F16), _n(), _u(0, 1), _n()], dict(wd=0.01, clip_gradient=1.0), step_kwargs=_T3,
          out=None, **_HALF),
    _step("mp_lamb_update_phase2/basic", "mp_lamb_update_phase2",
          [_n(S, F16), _n(), _u(1, 3, (1,)), _u(1, 3, (1,)), _n()], dict(lr=0.1, upper_bound=2.0),
          fresh=(1, 2, 3), **_HALF),
    # aggregated SGD: inputs interleaved per weight, out= the weights
    _step("multi_sgd_update/two", "multi_sgd_update", [_n(), _n(), _n((5,)), _n((5,))],
          dict(lrs=(0.1, 0.2), wds=(0.0, 0.05), num_weights=2), fresh=(1, 3), out=[0, 2]),
    _step("multi_sgd_update/clip_strings", "multi_sgd_update", [_n(), _n(), _n((5,)), _n((5,)), _n((2,)), _n((2,))],
          dict(lrs="(0.1, 0.2, 0.3)", wds="[0.01, 0.0, 0.1]", num_weights="3", rescale_grad=2.0,
               clip_gradient=0.5), fresh=(1, 3, 5), out=[0, 2, 4]),
    _step("multi_sgd_update/one", "multi_sgd_update", [_n(), _n()], dict(lrs=0.1, wds=0.01), out=0),
    _step("multi_sgd_mom_update/two", "multi_sgd_mom_update", [_n(), _n(), _n(), _n((5,)), _n((5,)), _n((5,))],
          dict(lrs=(0.1, 0.2), wds=(0.01, 0.05), momentum=0.9, num_weights=2, clip_gradient=1.0),
          fresh=(1, 4), out=[0, 3]),
    _step("multi_mp_sgd_update/two", "multi_mp_sgd_update",
          [_n(S, F16), _n(S, F16), _n(), _n((5,), F16), _n((5,), F16), _n((5,))],
          dict(lrs=(0.1, 0.2), wds=(0.01, 0.05), num_weights=2), fresh=(1, 4), out=[0, 3], **_HALF),
    _step("multi_mp_sgd_mom_update/two", "multi_mp_sgd_mom_update",
          [_n(S, F16), _n(S, F16), _n(), _n(), _n((5,), F16), _n((5,), F16), _n((5,)), _n((5,))],
          dict(lrs=(0.1, 0.2), wds=(0.01, 0.05), momentum=0.8, rescale_grad=0.5, num_weights=2),
          fresh=(1, 5), out=[0, 4], **_HALF),
    _step("preloaded_multi_sgd_update/two", "preloaded_multi_sgd_update",
          [_n(), _n(), _n((5,)), _n((5,)), _a([0.1, 0.2]), _a([0.0, 0.05])], dict(num_weights=2),
          fresh=(1, 3), out=[0, 2]),
    _step("preloaded_multi_sgd_mom_update/two", "preloaded_multi_sgd_mom_update",
          [_n(), _n(), _n(), _n((5,)), _n((5,)), _n((5,)), _a([0.1, 0.2]), _a([0.01, 0.05])],
          dict(num_weights=2, momentum=0.9, clip_gradient=0.8), fresh=(1, 4), out=[0, 3]),
    _step("preloaded_multi_mp_sgd_update/two", "preloaded_multi_mp_sgd_update",
          [_n(S, F16), _n(S, F16), _n(), _n((5,), F16), _n((5,), F16), _n((5,)), _a([0.1, 0.2]), _a([0.0, 0.05])],
          dict(num_weights=2), fresh=(1, 4), out=[0, 3], **_HALF),
    _step("preloaded_multi_mp_sgd_mom_update/two", "preloaded_multi_mp_sgd_mom_update",
          [_n(S, F16), _n(S, F16), _n(), _n(), _n((5,), F16), _n((5,), F16), _n((5,)), _n((5,)),
           _a([0.1, 0.2]), _a([0.01, 0.05])],
          dict(num_weights=2, momentum=0.9), fresh=(1, 5), out=[0, 4], **_HALF),
    # aggregated AdamW / LAMB (mx.nd.contrib wraps these)
    _step("multi_adamw_update/two", "_internal._multi_adamw_update",
          [_n(), _n(), _n(), _u(0, 1), _n((5,)), _n((5,)), _n((5,)), _u(0, 1, (5,)), _a([0.5])],
          dict(lrs=(0.01, 0.02), wds=(0.1, 0.0), etas=(1.0, 0.5), num_weights=2, clip_gradient=0.5),
          fresh=(1, 5), out=[0, 4]),
    _step("multi_adamw_update/zero_rescale_skips", "_internal._multi_adamw_update",
          [_n(), _n(), _n(), _u(0, 1), _n((5,)), _n((5,)), _n((5,)), _u(0, 1, (5,)), _a([0.0])],
          dict(lrs=(0.01, 0.02), wds=(0.1, 0.0), etas=(1.0, 0.5), num_weights=2), fresh=(1, 5), out=[0, 4],
          noout=False),
    _step("multi_mp_adamw_update/zero_rescale_skips", "_internal._multi_mp_adamw_update",
          [_n(S, F16), _n(S, F16), _n(), _u(0, 1), _n(), _n((5,), F16), _n((5,), F16), _n((5,)), _u(0, 1, (5,)),
           _n((5,)), _a([0.0])],
          dict(lrs=(0.01, 0.02), wds=(0.1, 0.0), etas=(1.0, 0.5), num_weights=2), fresh=(1, 6), out=[0, 5],
          noout=False, **_HALF),
    _step("multi_mp_adamw_update/two", "_internal._multi_mp_adamw_update",
          [_n(S, F16), _n(S, F16), _n(), _u(0, 1), _n(), _n((5,), F16), _n((5,), F16), _n((5,)), _u(0, 1, (5,)),
           _n((5,)), _a([1.0])],
          dict(lrs=(0.01, 0.02), wds=(0.1, 0.0), etas=(1.0, 0.5), num_weights=2), fresh=(1, 6), out=[0, 5],
          **_HALF),
    _step("multi_lamb_update/two", "_internal._multi_lamb_update",
          [_n(), _n(), _n(), _u(0, 1), _n((5,)), _n((5,)), _n((5,)), _u(0, 1, (5,))],
          dict(learning_rates=(0.01, 0.02), wds=(0.1, 0.0), num_tensors=2, lower_bound=0.5, upper_bound=3.0),
          fresh=(1, 5), out=[0, 4], step_kwargs={"step_count": [(1, 1), (2, 2), (3, 3)]}),
    _step("multi_lamb_update/no_bias_clip", "_internal._multi_lamb_update",
          [_n(), _n(), _n(), _u(0, 1), _n((5,)), _n((5,)), _n((5,)), _u(0, 1, (5,))],
          dict(learning_rates=(0.01, 0.02), wds=(0.1, 0.0), num_tensors=2, bias_correction=False,
               rescale_grad=2.0, clip_gradient=0.5), fresh=(1, 5), out=[0, 4],
          step_kwargs={"step_count": [(1, 3), (2, 4), (3, 5)]}),
    _step("multi_mp_lamb_update/two", "_internal._multi_mp_lamb_update",
          [_n(S, F16), _n(S, F16), _n(), _u(0, 1), _n(), _n((5,), F16), _n((5,), F16), _n((5,)), _u(0, 1, (5,)),
           _n((5,))],
          dict(learning_rates=(0.01, 0.02), wds=(0.1, 0.0), num_tensors=2), fresh=(1, 6), out=[0, 5],
          step_kwargs={"step_count": [(1, 1), (2, 2), (3, 3)]}, **_HALF),
    # reset_arrays zeroes its inputs in place and returns nothing
    _step("reset_arrays/three", "reset_arrays", [_n(), _n((5,)), _n((2, 1, 2), "float64")],
          dict(num_arrays=3), fresh=(), out=None, steps=1),
]
