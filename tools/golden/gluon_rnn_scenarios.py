"""gluon.rnn scenarios run under real MXNet 1.9.1 (tools/golden/gen_gluon_extra.py writes
tests/golden/gluon/rnn.json and the .params files) and under mxcompat (tests/gluon/test_gluon_rnn.py compares).
Each takes ``(mx, files_dir, hybridize)`` and returns JSON-able data; parameters come from numpy seeds.
"""
import numpy as np

# (name, constructor source with `rnn` in scope, input shape, states given)
LAYERS = [
    ("lstm_bi2", "rnn.LSTM(4, 2, bidirectional=True, input_size=3, prefix='lstm_')", (5, 2, 3), False),
    ("lstm_states", "rnn.LSTM(4, 1, input_size=3, prefix='lstm_')", (5, 2, 3), True),
    ("gru_ntc", "rnn.GRU(4, 2, layout='NTC', input_size=3, prefix='gru_')", (2, 5, 3), True),
    ("rnn_relu_bi", "rnn.RNN(3, 1, bidirectional=True, input_size=3, prefix='rnn_')", (4, 2, 3), False),
    ("rnn_tanh2", "rnn.RNN(3, 2, activation='tanh', input_size=3, prefix='rnn_')", (4, 2, 3), True),
]

# (name, constructor source with `rnn` in scope, input shape NTC, unroll kwargs)
CELLS = [
    ("lstm", "rnn.LSTMCell(4, input_size=3, prefix='c_')", {"merge_outputs": True}),
    ("gru_list", "rnn.GRUCell(4, input_size=3, prefix='c_')", {"merge_outputs": False}),
    ("rnn_relu", "rnn.RNNCell(4, activation='relu', input_size=3, prefix='c_')", {"merge_outputs": True}),
    ("lstm_valid", "rnn.LSTMCell(4, input_size=3, prefix='c_')", {"merge_outputs": True, "valid": True}),
    ("bi", "rnn.BidirectionalCell(rnn.LSTMCell(3, input_size=3, prefix='l_'), "
           "rnn.GRUCell(3, input_size=3, prefix='r_'))", {"merge_outputs": True}),
    ("bi_valid", "rnn.BidirectionalCell(rnn.RNNCell(3, input_size=3, prefix='l_'), "
                 "rnn.RNNCell(3, input_size=3, prefix='r_'))", {"merge_outputs": True, "valid": True}),
    ("residual", "rnn.ResidualCell(rnn.GRUCell(3, input_size=3, prefix='c_'))", {"merge_outputs": True}),
    ("seq", "_seq(rnn, rnn.SequentialRNNCell)", {"merge_outputs": True}),
    ("hseq_valid", "_seq(rnn, rnn.HybridSequentialRNNCell)", {"merge_outputs": False, "valid": True}),
    ("zoneout_eval", "rnn.ZoneoutCell(rnn.LSTMCell(3, input_size=3, prefix='c_'), 0.5, 0.5)",
     {"merge_outputs": True}),
    ("dropout_eval", "rnn.DropoutCell(0.5)", {"merge_outputs": True}),
]


def _seq(rnn, cls):
    net = cls(prefix='s_')
    with net.name_scope():
        net.add(rnn.LSTMCell(4, input_size=3))
        net.add(rnn.DropoutCell(0.3))
        net.add(rnn.ResidualCell(rnn.GRUCell(4, input_size=4)))
    return net


def _rand(seed, shape, scale=0.5):
    return np.random.RandomState(seed).uniform(-scale, scale, shape).astype(np.float32)


def _set_params(mx, block, seed):
    for i, (name, p) in enumerate(sorted(block.collect_params().items())):
        p.set_data(mx.nd.array(_rand(seed + i, p.shape)))


def _tolist(a):
    return np.round(a.asnumpy().astype(np.float64), 6).tolist()


def _build(mx, src):
    rnn = mx.gluon.rnn
    return eval(src, {"rnn": rnn, "_seq": _seq, "mx": mx})


def layers(mx, files_dir, hybridize):
    out = {}
    for k, (name, src, shape, with_states) in enumerate(LAYERS):
        layer = _build(mx, src)
        layer.initialize()
        _set_params(mx, layer, 100 * k)
        if hybridize:
            layer.hybridize()
        x = mx.nd.array(_rand(7 + k, shape, 1.0))
        rec = {"params": sorted((n, list(p.shape)) for n, p in layer.collect_params().items()),
               "repr": repr(layer)}
        batch = shape[layer._layout.find('N')]
        if with_states:
            states = [mx.nd.array(_rand(50 + j, info['shape'])) for j, info in
                      enumerate(layer.state_info(batch))]
            x.attach_grad()
            with mx.autograd.record():
                y, new_states = layer(x, states)
                loss = (y * y).sum() + sum((s * s).sum() for s in new_states)
            loss.backward()
            rec["states"] = [_tolist(s) for s in new_states]
            rec["dx"] = _tolist(x.grad)
            rec["dw"] = _tolist(layer.collect_params()[layer.prefix + 'l0_h2h_weight'].grad())
        else:
            y = layer(x)
        rec["y"] = _tolist(y)
        rec["begin_state"] = [list(s.shape) for s in layer.begin_state(batch)]
        out[name] = rec
    return out


def cells(mx, files_dir, hybridize):
    out = {}
    for k, (name, src, kw) in enumerate(CELLS):
        cell = _build(mx, src)
        cell.initialize()
        _set_params(mx, cell, 300 + 10 * k)
        if hybridize:
            cell.hybridize()
        x = mx.nd.array(_rand(20 + k, (2, 4, 3), 1.0))
        valid = mx.nd.array([2, 4]) if kw.get("valid") else None
        y, states = cell.unroll(4, x, layout='NTC', merge_outputs=kw["merge_outputs"], valid_length=valid)
        rec = {"params": sorted((n, list(p.shape)) for n, p in cell.collect_params().items()),
               "state_info": [list(i['shape']) for i in cell.state_info(2)],
               "states": [_tolist(s) for s in states]}
        rec["y"] = _tolist(y) if isinstance(y, mx.nd.NDArray) else [_tolist(t) for t in y]
        out[name] = rec
    # one step, TNC unroll of a list, and begin_state naming
    cell = mx.gluon.rnn.LSTMCell(3, input_size=2, prefix='step_')
    cell.initialize()
    _set_params(mx, cell, 900)
    x = [mx.nd.array(_rand(91 + t, (2, 2), 1.0)) for t in range(3)]
    h, st = cell(x[0], cell.begin_state(2))
    out["step"] = {"h": _tolist(h), "c": _tolist(st[1])}
    y, st = cell.unroll(3, x, layout='TNC', merge_outputs=True)
    out["tnc_list"] = {"y": _tolist(y), "shape": list(y.shape)}
    names = []
    cell.begin_state(batch_size=2, func=lambda name, **kw: names.append(name) or mx.nd.zeros(**kw))
    out["begin_state_names"] = names
    return out


def files(mx, files_dir, hybridize):
    """An LSTM's parameters saved by MXNet (save_parameters) load here and give MXNet's output."""
    import os
    layer = mx.gluon.rnn.LSTM(3, 2, bidirectional=True, input_size=2, prefix='f_')
    x = mx.nd.array(_rand(5, (3, 1, 2), 1.0))
    path = os.path.join(files_dir, "lstm_bi.params")
    if hybridize is None:  # under MXNet: write the file
        layer.initialize()
        _set_params(mx, layer, 77)
        layer.save_parameters(path)
        layer.collect_params().save(os.path.join(files_dir, "lstm_bi_legacy.params"))
    else:
        layer.load_parameters(path)
        if hybridize:
            layer.hybridize()
    out = {"y": _tolist(layer(x)), "keys": sorted(mx.nd.load(path).keys())}
    fresh = mx.gluon.rnn.LSTM(3, 2, bidirectional=True, prefix='f_')
    fresh.collect_params().load(os.path.join(files_dir, "lstm_bi_legacy.params"))
    out["legacy_y"] = _tolist(fresh(x))
    return out


SCENARIOS = [layers, cells, files]
