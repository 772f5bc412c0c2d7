"""Snippets pinning Symbol / Executor behaviour found while measuring MXNet's own unittests: shape inference
on partly known graphs (Reshape filling input dims backwards, ``where``'s known-condition rule, ``np_shape``'s
-1/None markers), integer-argument gradients, backward without head gradients, common subexpression
elimination and ``_gen_atomic_symbol``.

``gen_symbol_snippets.py conformance`` runs them under real MXNet 1.9.1 and records stdout (or the exception type) in
``tests/golden/symbol/conformance.json``; ``tests/symbol/test_symbol_snippets.py`` replays them.
"""

SNIPPETS = [
    ("reshape_infer_backward", """
def show(sym):
    print(sym.infer_shape_partial())
c12 = mx.sym.var('c', shape=(12,))
show(mx.sym.reshape(mx.sym.var('a', shape=(0, 6)), shape=(-1,)) + c12)
show(mx.sym.reshape(mx.sym.var('a', shape=(0, 3, 4)), shape=(-1, 12)) + mx.sym.var('c', shape=(5, 12)))
show(mx.sym.reshape(mx.sym.var('a'), shape=(-1, 12)) + mx.sym.var('c', shape=(5, 12)))
show(mx.sym.reshape(mx.sym.var('a', shape=(0, 0)), shape=(-1,)) + c12)
show(mx.sym.reshape(mx.sym.var('a', shape=(2, 0, 4)), shape=(0, -1)) + mx.sym.var('c', shape=(2, 12)))
show(mx.sym.reshape(mx.sym.var('a', shape=(2, 0, 4)), shape=(0, -1)))
show(mx.sym.reshape(mx.sym.var('a', shape=(0, 6)), shape=(-1, 3)))
show(mx.sym.reshape(mx.sym.var('a', shape=(0, 6)), shape=(4, 3)))
show(mx.sym.Reshape(mx.sym.var('a', shape=(0, 6)), shape=(-1, 3), reverse=True) + mx.sym.var('c', shape=(4, 3)))
show(mx.sym.reshape(mx.sym.var('a', shape=(3, 0, 2)), shape=(-3, -2)) + mx.sym.var('c', shape=(12, 2)))
show(mx.sym.reshape(mx.sym.var('a', shape=(0, 6)), shape=(-1, 3)) + mx.sym.var('c', shape=(0, 3)))
print(mx.sym.reshape(mx.sym.var('a', shape=(0, 6)), shape=(-1, 3)).infer_shape(a=(4, 6)))
"""),
    ("where_needs_known_condition", """
x, y, cond = mx.sym.var('x'), mx.sym.var('y'), mx.sym.var('cond')
w = mx.sym.where(cond, x, y)
print(w.infer_shape_partial(cond=(0, 2), x=(0, 2), y=(0, 2)))
print(w.infer_shape_partial(cond=(3, 2), x=(0, 2), y=(0, 2)))
print(w.infer_shape_partial(cond=(3, 2), x=(3, 0)))
print(w.infer_shape(cond=(3, 2), x=(3, 2)))
"""),
    ("np_shape_markers", """
x, y = mx.sym.var('x'), mx.sym.var('y')
with mx.np_shape(True):
    print(mx.sym.sin(x).infer_shape_partial())
    print(mx.sym.dot(x, y).infer_shape_partial(x=(-1, 3, 4), y=(4, 5)))
    print(mx.sym.transpose(x, axes=(0, 2, 1)).infer_shape_partial(x=(-1, 3, 4)))
    print(mx.sym.batch_dot(x, y).infer_shape_partial(x=(-1, 3, 4), y=(-1, -1, 5)))
    net = mx.sym.FullyConnected(mx.sym.var('data'), mx.sym.var('w', shape=(4, -1)), num_hidden=4, name='fc')
    print(net.infer_shape(data=(2, 3)))
    print(net.tojson())
print(mx.sym.dot(x, y).infer_shape_partial(x=(0, 3, 4), y=(4, 5)))
print(net.tojson())
"""),
    ("integer_argument_gradients", """
x, i = mx.sym.var('x'), mx.sym.var('i')
e = (x * 2).simple_bind(mx.cpu(), x=(3,), type_dict={'x': np.int32})
e.arg_dict['x'][:] = np.array([1, 2, 3])
e.forward(is_train=True)
e.backward(mx.nd.ones((3,), dtype=np.int32))
print(e.outputs[0], e.grad_dict['x'])
e = (mx.sym.cast(x, dtype='float32') * 3).simple_bind(mx.cpu(), x=(3,), type_dict={'x': np.int32})
e.forward(is_train=True)
e.backward(mx.nd.ones((3,)))
print(e.grad_dict['x'])
for req in ('write', 'add'):
    e = (mx.sym.one_hot(i, depth=3) * x).bind(
        mx.cpu(), {'i': mx.nd.array([0, 2], dtype='int32'), 'x': mx.nd.ones((2, 3))},
        args_grad={'i': mx.nd.ones((2,), dtype='int32') * 7, 'x': mx.nd.zeros((2, 3))}, grad_req=req)
    e.forward(is_train=True)
    e.backward(mx.nd.ones((2, 3)))
    e.backward(mx.nd.ones((2, 3)))
    print(req, e.grad_dict['i'], e.grad_dict['x'])
"""),
    ("backward_without_head_gradient", """
x = mx.sym.var('x')
cases = [('blockgrad', mx.sym.BlockGrad(x * 2)), ('argmax', mx.sym.argmax(x, axis=0)),
         ('shape_array', mx.sym.shape_array(x)), ('like', mx.sym.zeros_like(x) + mx.sym.ones_like(x)),
         ('round', mx.sym.round(x) * 2), ('compare', x > 1), ('sign', mx.sym.sign(x)),
         ('group_blockgrads', mx.sym.Group([mx.sym.BlockGrad(x * 2), mx.sym.stop_gradient(x)])),
         ('plain', x * 2), ('group_loss_plain', mx.sym.Group([mx.sym.make_loss(x * 2), x * 3]))]
for name, sym in cases:
    e = sym.simple_bind(mx.cpu(), x=(2, 2))
    e.arg_dict['x'][:] = 1
    e.grad_dict['x'][:] = 5
    e.forward(is_train=True)
    try:
        e.backward()
        print(name, e.grad_dict['x'].asnumpy().tolist())
    except mx.MXNetError:
        print(name, 'MXNetError')
e = (x * 2).simple_bind(mx.cpu(), x=(2,), grad_req='null')
e.forward(is_train=True)
e.backward()
print('null', e.outputs[0])
"""),
    ("non_differentiable_bind", """
x, i = mx.sym.var('x'), mx.sym.var('i')
for sym in (mx.sym.batch_take(x, i), mx.sym.argmax_channel(x), mx.sym.stop_gradient(mx.sym.batch_take(x, i))):
    for req in ('write', 'null'):
        try:
            e = sym.simple_bind(mx.cpu(), x=(3, 2), i=(3,), type_dict={'x': np.float32, 'i': np.int32}, grad_req=req)
            feed = {'x': mx.nd.ones((3, 2)), 'i': mx.nd.array([1, 0, 1], dtype='int32')}
            e.forward(is_train=True, **{k: v for k, v in feed.items() if k in sym.list_arguments()})
            e.backward()
            print(req, e.outputs[0], e.grad_dict.get('i'))
        except RuntimeError as err:
            print(req, type(err).__name__)
"""),
    ("common_subexpression_elimination", """
import os
a, b, c = mx.sym.var('a'), mx.sym.var('b'), mx.sym.var('c')
d = a + 1
cases = [(a + 1) + (a + 2), (a + b) + (a + b), ((a + b) + c) + ((a + b) + c), mx.sym.Group([a * d, a * d]),
         mx.sym.Group([a * d + b, a * d + b]), mx.sym.Dropout(a) + mx.sym.Dropout(a)]
for sym in cases:
    shapes = {n: (2, 3) for n in sym.list_inputs()}
    counts = []
    for flag in ('0', '1'):
        os.environ['MXNET_ELIMINATE_COMMON_EXPR'] = flag
        try:
            exe = sym.simple_bind(mx.cpu(), **shapes)
        finally:
            del os.environ['MXNET_ELIMINATE_COMMON_EXPR']
        opt = exe.get_optimized_symbol()
        counts.append(len(opt.get_internals()))
        exe.forward(is_train=True, **{n: mx.nd.ones((2, 3)) for n in shapes})
        print(len(exe.outputs), [o.asnumpy().sum() for o in exe.outputs] if flag == '1' and 'dropout' not in
              sym.tojson() else '')
    print(counts, opt.list_arguments(), len(opt.list_outputs()))
"""),
    ("gen_atomic_symbol", """
s = mx.sym.RNN(mx.sym.var('data'), mx.sym.var('param'), mx.sym.var('h0'), mx.sym.var('h1'), state_size=10,
               num_layers=2, bidirectional=True, state_outputs=True, mode='lstm', name='rnn')
atom = s._gen_atomic_symbol()
print(atom.name, atom.list_outputs(), atom.attr('state_size'))
fc = mx.sym.FullyConnected(mx.sym.var('x'), num_hidden=3, name='fc')
print(fc._gen_atomic_symbol().list_attr())
"""),
]
