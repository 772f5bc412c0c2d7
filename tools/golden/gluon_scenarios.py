"""Gluon scenarios run under real MXNet 1.9.1 (tools/golden/gen_gluon.py writes tests/golden/gluon/) and under
mxcompat (tests/gluon/test_gluon_golden.py compares). Each scenario takes ``(mx, files_dir, hybridize)`` and
returns JSON-able data; parameter values are set from numpy seeds, so nothing depends on MXNet's RNG.
"""
import contextlib
import io
import os

import numpy as np

# (name, constructor source with `nn` in scope, input shape, input kind)
LAYERS = [
    ("dense", "nn.Dense(3, activation='tanh')", (2, 4), "float"),
    ("dense_noflat", "nn.Dense(3, flatten=False, use_bias=False)", (2, 2, 4), "float"),
    ("conv1d", "nn.Conv1D(2, 3, padding=1)", (2, 3, 5), "float"),
    ("conv2d", "nn.Conv2D(3, (3, 2), strides=(2, 1), padding=(1, 0), activation='relu')", (2, 2, 5, 4), "float"),
    ("conv2d_group", "nn.Conv2D(4, 3, groups=2, dilation=1, use_bias=False)", (1, 4, 5, 5), "float"),
    ("conv3d", "nn.Conv3D(2, 2)", (1, 2, 3, 3, 3), "float"),
    ("conv2dT", "nn.Conv2DTranspose(2, 3, strides=2, output_padding=1)", (1, 3, 3, 3), "float"),
    ("maxpool2d", "nn.MaxPool2D(3, 2, 1)", (1, 2, 5, 5), "float"),
    ("maxpool1d_ceil", "nn.MaxPool1D(2, ceil_mode=True)", (1, 2, 5), "float"),
    ("avgpool2d", "nn.AvgPool2D(2, count_include_pad=False, padding=1)", (1, 2, 4, 4), "float"),
    ("avgpool3d", "nn.AvgPool3D()", (1, 1, 4, 4, 4), "float"),
    ("gavg2d", "nn.GlobalAvgPool2D()", (2, 3, 4, 4), "float"),
    ("gmax1d", "nn.GlobalMaxPool1D()", (2, 3, 4), "float"),
    ("flatten", "nn.Flatten()", (2, 3, 2), "float"),
    ("batchnorm", "nn.BatchNorm()", (3, 2, 2, 2), "float"),
    ("batchnorm_axis", "nn.BatchNorm(axis=-1, center=False, momentum=0.5)", (4, 3), "float"),
    ("layernorm", "nn.LayerNorm()", (2, 5), "float"),
    ("instancenorm", "nn.InstanceNorm(scale=True)", (2, 3, 4), "float"),
    ("groupnorm", "nn.GroupNorm(num_groups=2)", (2, 4, 3), "float"),
    ("embedding", "nn.Embedding(6, 3)", (2, 3), "index6"),
    ("leaky", "nn.LeakyReLU(0.1)", (2, 5), "float"),
    ("prelu", "nn.PReLU()", (2, 5), "float"),
    ("elu", "nn.ELU(0.7)", (2, 5), "float"),
    ("selu", "nn.SELU()", (2, 5), "float"),
    ("gelu", "nn.GELU()", (2, 5), "float"),
    ("swish", "nn.Swish(1.5)", (2, 5), "float"),
    ("activation", "nn.Activation('softrelu')", (2, 5), "float"),
    ("dropout_eval", "nn.Dropout(0.5)", (2, 5), "float"),
    ("hybridlambda", "nn.HybridLambda(lambda F, x: F.relu(x) * 2)", (2, 5), "float"),
]

# (name, constructor source with `loss` in scope, [input shapes], label kind, with sample_weight)
LOSSES = [
    ("l2", "loss.L2Loss()", [(3, 4), (3, 4)], "float", True),
    ("l2_w", "loss.L2Loss(weight=0.5, batch_axis=1)", [(3, 4), (3, 4)], "float", False),
    ("l1", "loss.L1Loss(weight=2.0)", [(3, 4), (3, 4)], "float", True),
    ("sce", "loss.SoftmaxCrossEntropyLoss()", [(3, 4), (3,)], "class4", True),
    ("sce_axis", "loss.SoftmaxCrossEntropyLoss(axis=1)", [(2, 3, 4), (2, 4)], "class3", False),
    ("sce_dense", "loss.SoftmaxCrossEntropyLoss(sparse_label=False, from_logits=True)", [(3, 4), (3, 4)],
     "prob", False),
    ("bce", "loss.SigmoidBinaryCrossEntropyLoss()", [(3, 4), (3, 4)], "binary", True),
    ("bce_sig", "loss.SigmoidBinaryCrossEntropyLoss(from_sigmoid=True)", [(3, 4), (3, 4)], "binary", False),
    ("kl", "loss.KLDivLoss(from_logits=False)", [(3, 4), (3, 4)], "prob", False),
    ("huber", "loss.HuberLoss(rho=0.5)", [(3, 4), (3, 4)], "float", True),
    ("hinge", "loss.HingeLoss(margin=0.5)", [(3, 4), (3, 4)], "sign", False),
    ("sqhinge", "loss.SquaredHingeLoss()", [(3, 4), (3, 4)], "sign", False),
    ("logistic", "loss.LogisticLoss()", [(3, 4), (3, 4)], "sign", False),
    ("logistic_bin", "loss.LogisticLoss(label_format='binary')", [(3, 4), (3, 4)], "binary", False),
    ("triplet", "loss.TripletLoss(margin=0.3)", [(3, 4), (3, 4), (3, 4)], "float", False),
    ("poisson", "loss.PoissonNLLLoss()", [(3, 4), (3, 4)], "count", False),
    ("poisson_full", "loss.PoissonNLLLoss(from_logits=False, compute_full=True)", [(3, 4), (3, 4)], "count", False),
    ("cosine", "loss.CosineEmbeddingLoss(margin=0.1)", [(3, 4), (3, 4), (3,)], "sign", False),
    ("ctc", "loss.CTCLoss()", [(2, 6, 4), (2, 3)], "ctc", False),
]


def _rand(seed, shape, kind="float"):
    rs = np.random.RandomState(seed)
    if kind == "float":
        return rs.uniform(-1, 1, shape).astype(np.float32)
    if kind.startswith("index"):
        return rs.randint(0, int(kind[5:]), shape).astype(np.float32)
    if kind.startswith("class"):
        return rs.randint(0, int(kind[5:]), shape).astype(np.float32)
    if kind == "prob":
        a = rs.uniform(0.1, 1, shape).astype(np.float32)
        return a / a.sum(axis=-1, keepdims=True)
    if kind == "binary":
        return rs.randint(0, 2, shape).astype(np.float32)
    if kind == "sign":
        return (rs.randint(0, 2, shape) * 2 - 1).astype(np.float32)
    if kind == "count":
        return rs.randint(1, 4, shape).astype(np.float32)
    if kind == "ctc":
        return rs.randint(0, 3, shape).astype(np.float32)
    raise ValueError(kind)


def _set_params(net, seed):
    for i, (name, p) in enumerate(sorted(net.collect_params().items())):
        value = _rand(seed + i, p.shape)
        if name.endswith("running_var"):
            value = np.abs(value) + 0.5
        p.set_data(value)


def _tolist(a):
    return np.asarray(a.asnumpy(), dtype=np.float64).round(6).tolist()


def layers(mx, files_dir, hybridize):
    """Every layer of LAYERS: param names/shapes after deferred init, repr, predict and train outputs, grads."""
    scope = {"nn": mx.gluon.nn}
    out = {}
    for k, (name, src, shape, kind) in enumerate(LAYERS):
        with mx.name.NameManager():
            net = eval(src, scope)
        rec = {"repr_before": repr(net)}
        net.initialize()
        if hybridize:
            net.hybridize()
        x = mx.nd.array(_rand(100 + k, shape, kind))
        net(x)
        _set_params(net, 200 + 10 * k)
        rec["params"] = [[n, list(p.shape), p.grad_req] for n, p in net.collect_params().items()]
        rec["repr"] = repr(net)
        rec["predict"] = _tolist(net(x))
        if kind == "float":
            x.attach_grad()
        # dropout is random in training mode: record it in predict mode
        with mx.autograd.record(train_mode=not name.startswith("dropout")):
            y = net(x)
            head = (y * mx.nd.array(_rand(300 + k, y.shape))).sum()
        head.backward()
        rec["train"] = _tolist(y)
        if kind == "float":
            rec["grad_x"] = _tolist(x.grad)
        rec["grads"] = {n: _tolist(p.grad()) for n, p in net.collect_params().items() if p.grad_req != "null"}
        rec["after"] = {n: _tolist(p.data()) for n, p in net.collect_params().items() if p.grad_req == "null"}
        out[name] = rec
    return out


def losses(mx, files_dir, hybridize):
    """Every loss of LOSSES: per-sample values and the gradient w.r.t. the prediction."""
    scope = {"loss": mx.gluon.loss}
    out = {}
    for k, (name, src, shapes, label_kind, with_sw) in enumerate(LOSSES):
        fn = eval(src, scope)
        if hybridize:
            fn.hybridize()
        kinds = ["float"] + [label_kind] * (len(shapes) - 1)
        if name in ("poisson", "poisson_full"):
            kinds[0] = "count" if name == "poisson_full" else "float"
        args = [mx.nd.array(_rand(400 + 7 * k + i, s, kd)) for i, (s, kd) in enumerate(zip(shapes, kinds))]
        if name == "triplet":
            args = [mx.nd.array(_rand(400 + 7 * k + i, s)) for i, s in enumerate(shapes)]
        if name == "cosine":
            args[1] = mx.nd.array(_rand(401 + 7 * k, shapes[1]))
        if with_sw:
            args.append(mx.nd.array(_rand(450 + k, (shapes[0][0], 1), "count")))
        if name == "poisson_full":
            # MXNet's compute_full multiplies in place, which it refuses while recording: value only
            out[name] = {"repr": repr(fn), "value": _tolist(fn(*args))}
            continue
        args[0].attach_grad()
        with mx.autograd.record():
            value = fn(*args)
        value.backward()
        out[name] = {"repr": repr(fn), "value": _tolist(value), "grad": _tolist(args[0].grad)}
    return out


def _mlp(mx):
    nn = mx.gluon.nn
    net = nn.HybridSequential(prefix="mlp_")
    with net.name_scope():
        net.add(nn.Dense(5, activation="relu", in_units=4), nn.Dense(3, in_units=5))
    net.initialize()
    _set_params(net, 7)
    return net


def trainer(mx, files_dir, hybridize):
    """Trainer.step with several optimizers, lr/wd multipliers, stale gradients, states saved to files."""
    out = {}
    x = mx.nd.array(_rand(1, (6, 4)))
    label = mx.nd.array(_rand(2, (6,), "class3"))
    loss_fn = mx.gluon.loss.SoftmaxCrossEntropyLoss()
    configs = [("sgd", {"learning_rate": 0.1}), ("sgd", {"learning_rate": 0.1, "momentum": 0.9, "wd": 0.01}),
               ("adam", {"learning_rate": 0.01}), ("rmsprop", {"learning_rate": 0.01}),
               ("nag", {"learning_rate": 0.05, "momentum": 0.8, "clip_gradient": 0.1})]
    for name, cfg in configs:
        net = _mlp(mx)
        if hybridize:
            net.hybridize()
        net[0].weight.lr_mult = 0.5
        net[1].bias.wd_mult = 0.0
        tr = mx.gluon.Trainer(net.collect_params(), name, cfg)
        losses = []
        for _ in range(3):
            with mx.autograd.record():
                lv = loss_fn(net(x), label)
            lv.backward()
            tr.step(x.shape[0])
            losses.append(_tolist(lv))
        key = "%s_%s" % (name, "_".join("%s%s" % kv for kv in sorted(cfg.items())))
        out[key] = {"losses": losses, "params": {n: _tolist(p.data()) for n, p in net.collect_params().items()},
                    "lr": tr.learning_rate}
        if name == "adam":
            tr.save_states(os.path.join(files_dir, "trainer_adam.states"))
            tr.set_learning_rate(0.02)
            out[key]["lr_after_set"] = tr.learning_rate
    # stale gradient: a parameter not used in the forward pass
    net = _mlp(mx)
    tr = mx.gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": 0.1})
    with mx.autograd.record():
        lv = net[0](x).sum()
    lv.backward()
    try:
        tr.step(1)
        out["stale"] = "no error"
    except UserWarning as err:
        out["stale"] = ["UserWarning", str(err)[:60]]
    tr.step(1, ignore_stale_grad=True)
    out["stale_params"] = {n: _tolist(p.data()) for n, p in net.collect_params().items()}
    return out


def files(mx, files_dir, hybridize):
    """save_parameters / save_params / export written by this run, and their keys."""
    net = _mlp(mx)
    net.hybridize()
    x = mx.nd.array(_rand(3, (2, 4)))
    y = net(x)
    tag = "mx" if hybridize is None else ("h" if hybridize else "i")
    net.save_parameters(os.path.join(files_dir, "mlp_%s.params" % tag))
    net.collect_params().save(os.path.join(files_dir, "mlp_legacy_%s.params" % tag), strip_prefix="mlp_")
    net.export(os.path.join(files_dir, "mlp_%s" % tag), epoch=2)
    return {"output": _tolist(y),
            "keys": sorted(mx.nd.load(os.path.join(files_dir, "mlp_%s.params" % tag)).keys()),
            "legacy_keys": sorted(mx.nd.load(os.path.join(files_dir, "mlp_legacy_%s.params" % tag)).keys()),
            "export_keys": sorted(mx.nd.load(os.path.join(files_dir, "mlp_%s-0002.params" % tag)).keys())}


def naming(mx, files_dir, hybridize):
    """Prefixes, parameter names, ParameterDict / Block reprs, collect_params(select), sharing, errors."""
    nn = mx.gluon.nn
    gluon = mx.gluon
    out = {}
    with mx.name.NameManager():
        a = nn.Dense(2)
        b = nn.Dense(2)
        seq = nn.HybridSequential()
        with seq.name_scope():
            seq.add(nn.Dense(3), nn.Conv2D(2, 3), nn.BatchNorm(), nn.Dense(1, prefix="out_"))
        shared = nn.Dense(2, params=a.params)
        out["names"] = [a.name, b.prefix, seq.prefix, shared.prefix] + list(seq.collect_params().keys())
        out["shared_keys"] = list(shared.params.keys())
        out["select"] = list(seq.collect_params(".*weight|.*gamma").keys())
        out["repr_params"] = repr(seq.collect_params())
        out["repr_seq"] = repr(seq)
        out["repr_slice"] = repr(seq[1:3])
        out["len"] = len(seq)

        class Net(gluon.Block):
            def __init__(self, **kwargs):
                super(Net, self).__init__(**kwargs)
                with self.name_scope():
                    self.dense = nn.Dense(2)
                    self.w = self.params.get("w", shape=(2, 0), allow_deferred_init=True)
                    self.c = self.params.get_constant("c", [[1.0, 2.0]])

            def forward(self, x):
                return self.dense(x) + self.c.data()
        net = Net()
        out["custom"] = [net.prefix, list(net.collect_params().keys()), repr(net), repr(net.c), net.c.grad_req]
        errors = []
        p = gluon.Parameter("lonely", shape=(2, 0))
        for fn in (p.data, lambda: p.initialize(), p.list_ctx):
            try:
                fn()
                errors.append("ok")
            except Exception as err:  # pylint: disable=broad-except
                errors.append([type(err).__name__, str(err)[:80]])
        q = gluon.Parameter("later", shape=(2, 0), allow_deferred_init=True)
        q.initialize()
        try:
            q.data()
        except Exception as err:  # pylint: disable=broad-except
            errors.append([type(err).__name__, isinstance(err, mx.base.MXNetError), str(err)[:80]])
        q.shape = (2, 3)
        errors.append(list(q.shape))
        out["errors"] = errors
        pd = gluon.ParameterDict("pd_")
        w1 = pd.get("w", shape=(3, 0))
        w2 = pd.get("w", shape=(3, 5))
        out["pd_get"] = [w1 is w2, list(w1.shape), repr(pd)]
        try:
            pd.get("w", shape=(4, 5))
        except AssertionError as err:
            out["pd_mismatch"] = str(err)
    return out


def summary(mx, files_dir, hybridize):
    """Block.summary's printed table."""
    nn = mx.gluon.nn
    with mx.name.NameManager():
        net = nn.HybridSequential()
        with net.name_scope():
            net.add(nn.Conv2D(2, 3, in_channels=1), nn.BatchNorm(in_channels=2), nn.Flatten(), nn.Dense(3))
        net.initialize()
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            net.summary(mx.nd.ones((2, 1, 4, 4)))
    return buf.getvalue()


def utils_data(mx, files_dir, hybridize):
    """split_data, clip_global_norm, ArrayDataset/DataLoader batching (keep/discard/rollover), transforms."""
    gluon = mx.gluon
    out = {}
    data = mx.nd.arange(14).reshape((7, 2))
    out["split"] = [_tolist(s) for s in gluon.utils.split_data(data, 3, even_split=False)]
    out["split_axis1"] = [_tolist(s) for s in gluon.utils.split_data(mx.nd.arange(12).reshape((2, 6)), 3, 1)]
    try:
        gluon.utils.split_data(data, 3)
    except ValueError as err:
        out["split_err"] = str(err)
    arrs = [mx.nd.array(_rand(5, (3, 2))), mx.nd.array(_rand(6, (4,)))]
    out["clip_norm"] = float(gluon.utils.clip_global_norm(arrs, 1.0))
    out["clipped"] = [_tolist(a) for a in arrs]
    ds = gluon.data.ArrayDataset(mx.nd.arange(10).reshape((5, 2)), np.arange(5) * 10)
    out["item"] = [_tolist(ds[1][0]), int(ds[1][1])]
    for mode in ("keep", "discard", "rollover"):
        loader = gluon.data.DataLoader(ds, batch_size=2, last_batch=mode)
        epochs = []
        for _ in range(2):
            epochs.append([[_tolist(b[0]), _tolist(b[1])] for b in loader])
        out["loader_" + mode] = [len(loader), epochs]
    tds = ds.transform_first(lambda x: x * 2).take(3)
    out["transform_first"] = [_tolist(tds[i][0]) for i in range(len(tds))]
    out["shard"] = [list(range(len(gluon.data.SimpleDataset(list(range(10))).shard(3, i)))) for i in range(3)]
    out["filter"] = list(gluon.data.SimpleDataset(list(range(10))).filter(lambda v: v % 3 == 0))
    bs = gluon.data.BatchSampler(gluon.data.SequentialSampler(5, 2), 2, "keep")
    out["batch_sampler"] = [list(b) for b in bs]
    return out


SCENARIOS = [layers, losses, trainer, files, naming, summary, utils_data]
