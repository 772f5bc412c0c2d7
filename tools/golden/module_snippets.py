"""mx.rnn cells, group2ctx placement and mx.mon: printed output compared with real MXNet 1.9.1 (gen_snippets.py)."""

_STACK = ("stack = mx.rnn.SequentialRNNCell()\n"
          "for i in range(2):\n"
          "    stack.add(mx.rnn.LSTMCell(num_hidden=6, prefix='lstm_l%d_' % i))\n")


def _cell(make):
    """A cell unrolled under a fresh NameManager (so auto-names do not depend on earlier snippets)."""
    return ("with mx.name.NameManager():\n"
            "    cell = %s\n" % make +
            "    outs, states = cell.unroll(3, inputs=mx.sym.Variable('data'), merge_outputs=True)\n"
            "g = mx.sym.Group([outs] + states)\n"
            "print(g.list_arguments(), g.list_outputs(), cell.state_info)\n"
            "print(g.infer_shape(data=(2, 3, 5)))\n"
            "print(g.get_internals().list_outputs())")


SNIPPETS = [
    ("rnn_cell", _cell("mx.rnn.RNNCell(4, prefix='r_')")),
    ("rnn_cell_relu", _cell("mx.rnn.RNNCell(4, activation='relu', prefix='r_')")),
    ("lstm_cell", _cell("mx.rnn.LSTMCell(4, prefix='l_', forget_bias=2.0)")),
    ("gru_cell", _cell("mx.rnn.GRUCell(4, prefix='g_')")),
    ("stack_unroll_values", _STACK +
     "begin = stack.begin_state(func=mx.sym.Variable)\n"
     "print([b.name for b in begin], sorted(begin[0].list_attr().items()))\n"
     "outs, st = stack.unroll(4, begin_state=begin, inputs=mx.sym.Variable('data'))\n"
     "print(len(outs), [s.name for s in st], outs[-1].name)\n"
     "shapes = dict(data=(2, 4, 3), **{b.name: (2, 6) for b in begin})\n"
     "ex = mx.sym.Group(outs + st).simple_bind(mx.cpu(), **shapes)\n"
     "rng = np.random.RandomState(0)\n"
     "for k, v in sorted(ex.arg_dict.items()):\n"
     "    v[:] = rng.uniform(-0.5, 0.5, v.shape)\n"
     "print([np.round(x.asnumpy(), 4).tolist() for x in ex.forward()[-4:]])"),
    ("stack_zeros_begin_state", _STACK +
     "outs, st = stack.unroll(2, inputs=mx.sym.Variable('data'), layout='TNC', merge_outputs=True)\n"
     "print(outs.list_arguments(), outs.infer_shape(data=(2, 3, 5))[1:])"),
    ("lstm_bias_init", "cell = mx.rnn.LSTMCell(3, prefix='x_', forget_bias=1.5)\n"
                       "o, s = cell.unroll(1, inputs=[mx.sym.Variable('data')])\n"
                       "mod = mx.mod.Module(o[0], label_names=None)\n"
                       "mod.bind(data_shapes=[('data', (2, 4))]); mod.init_params()\n"
                       "print(mod.get_params()[0]['x_i2h_bias'].asnumpy().tolist())"),
    ("unpack_pack_weights", "cell = mx.rnn.GRUCell(2, prefix='x_')\n"
                            "args = {'x_i2h_weight': nd.arange(12).reshape((6, 2)), 'x_i2h_bias': nd.arange(6), "
                            "'x_h2h_weight': nd.arange(12).reshape((6, 2)), 'x_h2h_bias': nd.arange(6)}\n"
                            "u = cell.unpack_weights(args)\n"
                            "print(sorted(u), u['x_i2h_z_weight'].asnumpy().tolist())\n"
                            "p = cell.pack_weights(u); print(sorted(p), p['x_h2h_bias'].asnumpy().tolist())"),
    ("bidirectional", "b = mx.rnn.BidirectionalCell(mx.rnn.GRUCell(3, prefix='a_'), mx.rnn.GRUCell(3, prefix='b_'))\n"
                      "o, s = b.unroll(2, inputs=mx.sym.Variable('data'), merge_outputs=True)\n"
                      "print(o.list_outputs(), o.infer_shape(data=(2, 2, 5))[1], len(s))\n"
                      "o, s = b.unroll(2, inputs=mx.sym.Variable('data'))\n"
                      "print([x.name for x in o])"),
    ("residual_dropout", "r = mx.rnn.ResidualCell(mx.rnn.RNNCell(5, prefix='res_'))\n"
                         "o, s = r.unroll(2, inputs=mx.sym.Variable('data'))\n"
                         "print([x.name for x in o], o[0].infer_shape(data=(2, 2, 5))[1])\n"
                         "d = mx.rnn.DropoutCell(0.5)\n"
                         "o, s = d.unroll(2, inputs=mx.sym.Variable('data'), merge_outputs=True)\n"
                         "print(o.list_outputs(), s)"),
    ("module_state_names", _STACK +
     "begin = stack.begin_state(func=mx.sym.Variable)\n"
     "_, states = stack.unroll(3, begin_state=begin, inputs=mx.sym.Variable('data'))\n"
     "mod = mx.mod.Module(mx.sym.Group(states), label_names=None, state_names=[b.name for b in begin])\n"
     "mod.bind(data_shapes=[('data', (2, 3))], for_training=False)\n"
     "mod.init_params(initializer=mx.init.Constant(0.1))\n"
     "mod.set_states(value=1); mod.forward(mx.io.DataBatch([nd.ones((2, 3))]))\n"
     "print([np.round(x.asnumpy(), 4).tolist() for x in mod.get_outputs()])"),
    ("group2ctx_input_grads",
     "with mx.AttrScope(ctx_group='dev1'):\n"
     "    a = mx.sym.Variable('a') * 2\n"
     "with mx.AttrScope(ctx_group='dev2'):\n"
     "    c = a + mx.sym.Variable('b')\n"
     "mod = mx.mod.Module(c, data_names=['a', 'b'], label_names=None, group2ctxs={'dev1': mx.cpu(1), "
     "'dev2': mx.cpu(2)})\n"
     "mod.bind(data_shapes=[('a', (2, 3)), ('b', (2, 3))], inputs_need_grad=True); mod.init_params()\n"
     "mod.forward(mx.io.DataBatch([nd.ones((2, 3)), nd.ones((2, 3))]), is_train=True)\n"
     "mod.backward([nd.ones((2, 3))])\n"
     "print([(g.context, g.asnumpy().tolist()) for g in mod.get_input_grads()], mod.get_outputs()[0].asnumpy())"),
    ("mon_alias", "print(mx.mon.Monitor is mx.monitor.Monitor)"),
]
