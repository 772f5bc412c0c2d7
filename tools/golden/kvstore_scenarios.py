"""KVStore scenarios run under real MXNet 1.9.1 (``gen_kvstore.py`` -> tests/golden/kvstore.json) and under
mxcompat (tests/kvstore/test_kvstore_golden.py), which compares the records.

Each scenario is ``fn(mx, states_dir) -> record`` (JSON-able: numbers, strings, nested lists). An expected
error is recorded as ``["!error", type, message]`` (the last line of the message, without the ``MXNetError:``
prefix). ``states_dir`` is where the ``.states`` scenarios write their files (the generator copies MXNet's to
tests/golden/kvstore/) and where ``load_*`` scenarios read MXNet's files from.
"""
import os

import numpy as np

SHAPE = (2, 3)


def attempt(mx, fn):
    """``fn()``'s result, or ``["!error", type, message]`` for what it raises."""
    try:
        return fn()
    except Exception as err:  # pylint: disable=broad-except
        kind = "MXNetError" if isinstance(err, mx.base.MXNetError) else type(err).__name__
        lines = [ln for ln in str(err).strip().splitlines() if ln.strip()]
        msg = lines[-1] if lines else ""
        return ["!error", kind, msg[len("MXNetError: "):] if msg.startswith("MXNetError: ") else msg]


def val(arr):
    return arr.asnumpy().astype(np.float64).tolist()


def _arange(mx, scale=1.0, shape=SHAPE, ctx=None):
    return mx.nd.array(np.arange(np.prod(shape)).reshape(shape) * scale, ctx=ctx)


def create_types(mx, _):
    rec = {}
    for name in ['local', 'device', 'local_update_cpu', 'local_allreduce_cpu', 'local_allreduce_device', 'LOCAL',
                 'Device', 'foo']:
        kv = mx.kv.create(name)
        rec[name] = [kv.type, kv.rank, kv.num_workers, kv.is_capable('optimizer'), kv.is_capable('OPTIMIZER'),
                     type(kv).__name__, isinstance(kv, mx.kv.KVStoreBase)]
    kv = mx.kv.create()
    rec["default"] = kv.type
    rec["int_name"] = attempt(mx, lambda: mx.kv.create(3))
    rec["bad_capability"] = attempt(mx, lambda: kv.is_capable('sparse'))
    rec["optimizer_const"] = mx.kv.KVStoreBase.OPTIMIZER
    rec["no_updater"] = kv._updater is None
    rec["barrier"] = [kv._barrier(), kv._send_command_to_servers(0, '')]
    return rec


def init_pull(mx, _):
    kv = mx.kv.create('local')
    kv.init(3, _arange(mx))
    kv.init([5, 7], [_arange(mx, 2.0), _arange(mx, 3.0)])
    kv.init(9, mx.nd.array(np.arange(6).reshape(SHAPE), dtype='int32'))
    a, b, c = mx.nd.zeros(SHAPE), mx.nd.zeros(SHAPE, dtype='float64'), [mx.nd.zeros(SHAPE) for _ in range(2)]
    kv.pull(3, out=a)
    kv.pull(5, out=b)
    kv.pull(7, out=c)
    d = [mx.nd.zeros(SHAPE), mx.nd.zeros(SHAPE)]
    kv.pull([3, 9], out=d)
    e = [[mx.nd.zeros(SHAPE)] * 2, [mx.nd.zeros(SHAPE)]]
    kv.pull([5, 7], out=e)
    ks = mx.kv.create('device')
    ks.init('w', _arange(mx, -1.0))
    ks.init(['x', 'y'], [mx.nd.ones(SHAPE), mx.nd.ones(SHAPE) * 2])
    f = mx.nd.zeros(SHAPE)
    ks.pull('w', out=f)
    g = [mx.nd.zeros(SHAPE), mx.nd.zeros(SHAPE)]
    ks.pull(['x', 'y'], out=g)
    return [val(a), val(b), str(b.dtype), [val(x) for x in c], [val(x) for x in d], val(e[0][0]), val(e[1][0]),
            val(f), [val(x) for x in g]]


def push_sum(mx, _):
    rec = []
    for kind in ['local', 'device', 'local_allreduce_device']:
        kv = mx.kv.create(kind)
        kv.init(3, mx.nd.zeros(SHAPE))
        kv.init([4, 5], [mx.nd.zeros(SHAPE)] * 2)
        devs = [mx.Context('cpu', i) for i in range(4)]
        kv.push(3, [_arange(mx, i + 1.0, ctx=d) for i, d in enumerate(devs)])
        outs = [mx.nd.zeros(SHAPE, ctx=d) for d in devs]
        kv.pull(3, out=outs)
        kv.push([4, 5], [[mx.nd.ones(SHAPE, ctx=d) for d in devs], [mx.nd.ones(SHAPE) * 2] * 3])
        o45 = [[mx.nd.zeros(SHAPE)] * 2, [mx.nd.zeros(SHAPE)]]
        kv.pull([4, 5], out=o45)
        kv.push(3, mx.nd.ones(SHAPE))
        kv.push(3, mx.nd.ones(SHAPE) * 7)        # no updater: a push replaces the value
        last = mx.nd.zeros(SHAPE)
        kv.pull(3, out=last)
        kv.push(5, [mx.nd.ones(SHAPE), mx.nd.ones(SHAPE, dtype='float64') * 0.5])
        mixed = mx.nd.zeros(SHAPE)
        kv.pull(5, out=mixed)
        kv.push(5, [])                           # nothing pushed
        kv.pull(5, out=mixed)
        rec.append([[val(o) for o in outs], val(o45[0][0]), val(o45[1][0]), val(last), val(mixed)])
    return rec


def push_aliases(mx, _):
    """Without an updater the store keeps the pushed array itself (single value), as MXNet does."""
    kv = mx.kv.create('local')
    kv.init(0, mx.nd.zeros(SHAPE))
    g = mx.nd.ones(SHAPE) * 2
    kv.push(0, g)
    g[:] = 9
    out = mx.nd.zeros(SHAPE)
    kv.pull(0, out=out)
    init_src = mx.nd.ones(SHAPE)
    kv.init(1, init_src)
    init_src[:] = 5
    out1 = mx.nd.zeros(SHAPE)
    kv.pull(1, out=out1)
    return [val(out), val(out1)]


def pushpull_broadcast(mx, _):
    kv = mx.kv.create('local')
    kv.init(3, mx.nd.zeros(SHAPE))
    a = mx.nd.zeros(SHAPE)
    kv.pushpull(3, [mx.nd.ones(SHAPE)] * 3, out=a)
    c = [_arange(mx, i) for i in range(3)]
    kv.pushpull(3, c)
    single = _arange(mx, 4.0)
    kv.pushpull(3, single)
    b1, b2 = mx.nd.zeros(SHAPE), mx.nd.zeros(SHAPE)
    kv.broadcast(30, _arange(mx, 0.5), out=b1)
    kv.broadcast(31, _arange(mx, 0.25), out=[b2, a])
    l1, l2 = mx.nd.zeros(SHAPE), mx.nd.zeros(SHAPE)
    kv.broadcast([32, 33], [mx.nd.ones(SHAPE) * 4, mx.nd.ones(SHAPE) * 5], out=[l1, l2])
    again = attempt(mx, lambda: kv.broadcast(30, mx.nd.ones(SHAPE), out=b1))
    ks = mx.kv.create('device')
    s = mx.nd.zeros(SHAPE)
    ks.broadcast('p', _arange(mx, 3.0), out=s)
    ks.pushpull('p', [mx.nd.ones(SHAPE), mx.nd.ones(SHAPE)], out=[s, b1])
    return [val(a), [val(x) for x in c], val(single), val(b1), val(b2), val(l1), val(l2), again, val(s)]


def errors(mx, _):
    rec = {}
    kv = mx.kv.create('local')
    z = mx.nd.zeros(SHAPE)
    rec["pull_uninit"] = attempt(mx, lambda: kv.pull(101, out=z))
    rec["push_uninit"] = attempt(mx, lambda: kv.push(102, mx.nd.ones(SHAPE)))
    rec["pushpull_uninit"] = attempt(mx, lambda: kv.pushpull(103, mx.nd.ones(SHAPE)))
    kv.init(3, mx.nd.ones(SHAPE))
    rec["dup_init"] = attempt(mx, lambda: kv.init(3, mx.nd.ones(SHAPE)))
    rec["dup_in_list"] = attempt(mx, lambda: kv.init(15, [mx.nd.ones(SHAPE), mx.nd.ones(SHAPE)]))
    rec["str_on_int"] = attempt(mx, lambda: kv.init('3', mx.nd.ones(SHAPE)))
    rec["str_pull_on_int"] = attempt(mx, lambda: kv.pull('3', out=z))
    rec["push_list_shape"] = attempt(mx, lambda: kv.push(3, [mx.nd.ones(SHAPE), mx.nd.ones((4,))]))
    rec["pull_shape"] = attempt(mx, lambda: kv.pull(3, out=mx.nd.zeros((3, 2))))
    rec["pull_no_out"] = attempt(mx, lambda: kv.pull(3))
    rec["float_key"] = attempt(mx, lambda: kv.init(3.5, mx.nd.ones(SHAPE)))
    rec["mixed_keys"] = attempt(mx, lambda: kv.init([10, '11'], [mx.nd.ones(SHAPE)] * 2))
    rec["len_mismatch"] = attempt(mx, lambda: kv.init([12, 13], [mx.nd.ones(SHAPE)]))
    rec["numpy_value"] = attempt(mx, lambda: kv.init(14, np.ones(SHAPE)))
    rec["scalar_value"] = attempt(mx, lambda: kv.push(3, 1.0))
    rec["broadcast_shape"] = attempt(mx, lambda: kv.broadcast(32, mx.nd.ones(SHAPE), out=mx.nd.zeros((4,))))
    rec["rsp_pull_dense"] = attempt(mx, lambda: kv.row_sparse_pull(3, out=mx.nd.zeros(SHAPE),
                                                                   row_ids=mx.nd.array([0])))
    rec["rsp_no_row_ids"] = attempt(mx, lambda: kv.row_sparse_pull(3, out=mx.nd.zeros(SHAPE)))
    rec["save_no_opt"] = attempt(mx, lambda: kv.save_optimizer_states('unused.states'))
    rec["load_no_opt"] = attempt(mx, lambda: kv.load_optimizer_states('unused.states'))
    ks = mx.kv.create('local')
    ks.init('s3', mx.nd.ones(SHAPE))
    rec["dup_init_str"] = attempt(mx, lambda: ks.init('s3', mx.nd.ones(SHAPE)))
    rec["pull_uninit_str"] = attempt(mx, lambda: ks.pull('zz', out=z))
    rec["push_uninit_str"] = attempt(mx, lambda: ks.push('zz', mx.nd.ones(SHAPE)))
    rec["int_on_str"] = attempt(mx, lambda: ks.init(3, mx.nd.ones(SHAPE)))
    return rec


def updater(mx, _):
    rec = []
    for kind, keys in [('local', [3, 4]), ('device', ['w', 'v'])]:
        kv = mx.kv.create(kind)
        kv.init(keys, [_arange(mx), mx.nd.ones(SHAPE)])
        seen = []

        def upd(key, recv, stored):
            seen.append([repr(key), type(key).__name__, type(recv).__name__])
            stored += recv * 2

        kv._set_updater(upd)
        same = kv._updater is upd
        kv.push(keys[0], mx.nd.ones(SHAPE))
        kv.push(keys, [[mx.nd.ones(SHAPE)] * 3, [mx.nd.ones(SHAPE) * 0.5]])
        out = [mx.nd.zeros(SHAPE), mx.nd.zeros(SHAPE)]
        kv.pull(keys, out=out)
        pp = mx.nd.zeros(SHAPE)
        kv.pushpull(keys[1], mx.nd.ones(SHAPE), out=pp)
        rec.append([same, seen, [val(o) for o in out], val(pp)])
    return rec


def _grads(mx, step):
    return [mx.nd.array(np.sin(np.arange(6).reshape(SHAPE) + step + dev) * (dev + 1)) for dev in range(2)]


def set_optimizer(mx, states_dir):
    rec = {}
    for kind in ['local', 'device']:
        kv = mx.kv.create(kind)
        kv.init([0, 1], [_arange(mx, 0.1), mx.nd.ones(SHAPE)])
        kv.set_optimizer(mx.optimizer.SGD(learning_rate=0.1, momentum=0.9, wd=0.01, rescale_grad=0.5))
        for step in range(3):
            kv.push([0, 1], [_grads(mx, step), _grads(mx, -step)])
        out = [mx.nd.zeros(SHAPE), mx.nd.zeros(SHAPE)]
        kv.pull([0, 1], out=out)
        after_init = mx.nd.zeros(SHAPE)
        kv.init(2, mx.nd.ones(SHAPE) * 3)
        kv.pushpull(2, mx.nd.ones(SHAPE), out=after_init)
        kv.set_optimizer(mx.optimizer.SGD(learning_rate=1.0))   # a fresh updater, no momentum state
        kv.push(0, mx.nd.ones(SHAPE))
        reset = mx.nd.zeros(SHAPE)
        kv.pull(0, out=reset)
        rec[kind] = [type(kv._updater).__name__, [val(o) for o in out], val(after_init), val(reset),
                     sorted(kv._updater.states.keys())]
    ka = mx.kv.create('local')
    ka.init(['w', 'b'], [_arange(mx, 0.1), mx.nd.zeros((3,))])
    ka.set_optimizer(mx.optimizer.Adam(learning_rate=0.01))
    for step in range(2):
        ka.push(['w', 'b'], [_grads(mx, step), [mx.nd.ones((3,)) * step] * 2])
    wa, ba = mx.nd.zeros(SHAPE), mx.nd.zeros((3,))
    ka.pull(['w', 'b'], out=[wa, ba])
    rec["adam_str"] = [val(wa), val(ba), sorted(ka._updater.states.keys())]
    return rec


def _momentum_store(mx):
    kv = mx.kv.create('local')
    kv.init(['fc_weight', 'fc_bias'], [_arange(mx, 0.1), mx.nd.ones((3,))])
    kv.set_optimizer(mx.optimizer.SGD(learning_rate=0.1, momentum=0.9, lr_scheduler=mx.lr_scheduler.FactorScheduler(
        step=2, factor=0.5)))
    return kv


def _third_push(mx, kv):
    kv.push(['fc_weight', 'fc_bias'], [_grads(mx, 2), [mx.nd.ones((3,)) * 0.3]])
    w, b = mx.nd.zeros(SHAPE), mx.nd.zeros((3,))
    kv.pull(['fc_weight', 'fc_bias'], out=[w, b])
    return [val(w), val(b)]


def save_states(mx, states_dir):
    """Two pushes, save states (with and without the optimizer), then a third push."""
    kv = _momentum_store(mx)
    for step in range(2):
        kv.push(['fc_weight', 'fc_bias'], [_grads(mx, step), [mx.nd.ones((3,)) * step] * 2])
    w, b = mx.nd.zeros(SHAPE), mx.nd.zeros((3,))
    kv.pull(['fc_weight', 'fc_bias'], out=[w, b])
    kv.save_optimizer_states(os.path.join(states_dir, "sgd_momentum.states"))
    kv.save_optimizer_states(os.path.join(states_dir, "sgd_momentum_opt.states"), dump_optimizer=True)
    states = kv._updater.states
    return [val(w), val(b), {k: val(v) for k, v in sorted(states.items())}, _third_push(mx, kv)]


def load_states(mx, states_dir):
    """Load the saved states (MXNet's files, in the test) into a fresh store holding the 2-step weights."""
    rec = []
    for fname in ["sgd_momentum.states", "sgd_momentum_opt.states"]:
        w2, b2 = save_states_weights(mx)
        kv = mx.kv.create('local')
        kv.init(['fc_weight', 'fc_bias'], [w2, b2])
        kv.set_optimizer(mx.optimizer.SGD(learning_rate=0.1, momentum=0.9))
        kv.load_optimizer_states(os.path.join(states_dir, fname))
        opt = kv._updater.optimizer
        rec.append([_third_push(mx, kv), opt.lr, opt.num_update, type(opt.lr_scheduler).__name__])
    return rec


load_states.reads_golden_states = True


def save_states_weights(mx):
    kv = _momentum_store(mx)
    for step in range(2):
        kv.push(['fc_weight', 'fc_bias'], [_grads(mx, step), [mx.nd.ones((3,)) * step] * 2])
    w, b = mx.nd.zeros(SHAPE), mx.nd.zeros((3,))
    kv.pull(['fc_weight', 'fc_bias'], out=[w, b])
    return w, b


def compression(mx, _):
    rec = {}
    rec["local"] = attempt(mx, lambda: mx.kv.create('local').set_gradient_compression({'type': '2bit'}))
    rec["local_cpu"] = attempt(mx, lambda: mx.kv.create('local_allreduce_cpu').set_gradient_compression(
        {'type': '2bit'}))
    for name, params in [("1bit", {'type': '1bit'}), ("none", {'type': 'none'}), ("notype", {'threshold': 0.5}),
                         ("empty", {}), ("neg", {'type': '2bit', 'threshold': -1}),
                         ("zero", {'type': '2bit', 'threshold': 0}), ("bad", {'type': '2bit', 'threshold': 'abc'}),
                         ("upper", {'type': '2BIT'}), ("str", '2bit'), ("extra", {'type': '2bit', 'foo': 1})]:
        rec[name] = attempt(mx, lambda: mx.kv.create('device').set_gradient_compression(params))
    kv = mx.kv.create('device')
    kv.set_gradient_compression({'type': '2bit', 'threshold': 0.5})
    kv.init(0, mx.nd.zeros((4,)))
    o = mx.nd.zeros((4,))
    seq = []
    for _ in range(3):
        kv.push(0, [mx.nd.array([0.3, 0.8, -0.6, 2.0]), mx.nd.array([0.1, -0.2, -0.3, 0.5])])
        kv.pull(0, out=o)
        seq.append(val(o))
    for _ in range(3):
        kv.push(0, mx.nd.array([0.3, 0.8, -0.6, 2.0]))
        kv.pull(0, out=o)
        seq.append(val(o))
    kv.set_gradient_compression({'type': '2bit', 'threshold': '0.25'})
    kv.pushpull(0, [mx.nd.array([0.3, 0.8, -0.6, 2.0])] * 2, out=o)
    seq.append(val(o))
    ku = mx.kv.create('local_allreduce_device')
    ku.init(1, mx.nd.ones((2, 2)))
    ku.set_gradient_compression({'type': '2bit', 'threshold': 1})
    ku.set_optimizer(mx.optimizer.SGD(learning_rate=0.5))
    p = mx.nd.zeros((2, 2))
    ku.pushpull(1, [mx.nd.array([[1.5, -0.2], [0.9, -3.0]])] * 2, out=p)
    rec["seq"] = seq
    rec["optimizer"] = val(p)
    return rec


def teststore(mx, _):
    kv = mx.kv.create('TestStore')
    out = [mx.nd.zeros(SHAPE), mx.nd.zeros(SHAPE)]
    kv.broadcast(0, _arange(mx), out=out)
    first = [val(o) for o in out]
    kv.pushpull(0, [_arange(mx), mx.nd.ones(SHAPE)], out=out)
    vals = [_arange(mx), _arange(mx)]
    kv.pushpull(0, vals)
    return [type(kv).__name__, kv.type, kv.rank, kv.num_workers, kv.is_capable('optimizer'),
            attempt(mx, lambda: kv.is_capable('foo')), first, [val(o) for o in out], [val(v) for v in vals],
            attempt(mx, lambda: kv.set_optimizer(mx.optimizer.SGD())),
            sorted(k for k in mx.kv.KVStoreBase.kv_registry if k == 'teststore')]


def module_kvstore(mx, _):
    """``Module.init_optimizer`` with a KVStore instance (one context): the update runs on the store."""
    rec = []
    for store in ['instance', 'local', 'device_instance']:
        data = mx.sym.Variable('data')
        net = mx.sym.FullyConnected(data, num_hidden=3, name='fc')
        net = mx.sym.LinearRegressionOutput(net, name='out')
        mod = mx.mod.Module(net, data_names=['data'], label_names=['out_label'])
        mod.bind(data_shapes=[('data', (4, 5))], label_shapes=[('out_label', (4, 3))])
        mod.init_params(arg_params={'fc_weight': mx.nd.array(np.cos(np.arange(15)).reshape(3, 5)),
                                    'fc_bias': mx.nd.array([0.1, -0.2, 0.3])})
        kv = {'instance': mx.kv.create('local'), 'local': 'local',
              'device_instance': mx.kv.create('device')}[store]
        mod.init_optimizer(kvstore=kv, optimizer='sgd', optimizer_params={'learning_rate': 0.1, 'momentum': 0.9})
        batch = mx.io.DataBatch(data=[mx.nd.array(np.sin(np.arange(20)).reshape(4, 5))],
                                label=[mx.nd.array(np.arange(12).reshape(4, 3) * 0.1)])
        for _ in range(2):
            mod.forward_backward(batch)
            mod.update()
        arg, _aux = mod.get_params()
        kvs = mod._kvstore
        rec.append([mod._update_on_kvstore, None if kvs is None else kvs.type,
                    None if kvs is None else sorted(kvs._updater.states.keys()),
                    val(arg['fc_weight']), val(arg['fc_bias'])])
    return rec


SCENARIOS = [create_types, init_pull, push_sum, push_aliases, pushpull_broadcast, errors, updater, set_optimizer,
             save_states, load_states, compression, teststore, module_kvstore]
