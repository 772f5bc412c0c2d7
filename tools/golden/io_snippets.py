"""mx.io snippets whose printed output is compared with real MXNet 1.9.1 (see gen_snippets.py)."""

_DATA = "d = np.arange(20).reshape(10, 2).astype('float32'); l = np.arange(10)\n"


def _epochs(mode, bs, epochs=3, shuffle=False):
    return (_DATA + "it = mx.io.NDArrayIter(d, l, batch_size=%d, last_batch_handle=%r)\n" % (bs, mode) +
            "print(it.provide_data, it.provide_label)\n"
            "for ep in range(%d):\n" % epochs +
            "    print(ep, [(b.data[0][:, 0].asnumpy().tolist(), b.label[0].asnumpy().tolist(), b.pad, b.index)"
            " for b in it])\n    it.reset()")


SNIPPETS = [
    ("pad_4", _epochs("pad", 4)),
    ("pad_3", _epochs("pad", 3)),
    ("discard_4", _epochs("discard", 4)),
    ("roll_over_4", _epochs("roll_over", 4, 4)),
    ("roll_over_3", _epochs("roll_over", 3, 5)),
    ("batch_bigger_than_data", _DATA + "it = mx.io.NDArrayIter(d, l, batch_size=25)\n"
                                       "print([(b.data[0].shape, b.pad) for b in it])"),
    ("dict_inputs", _DATA + "it = mx.io.NDArrayIter({'b': d, 'a': d[:, :1]}, {'y': l}, batch_size=3)\n"
                            "print(it.provide_data, it.provide_label); b = next(it); print(b, len(b.data))"),
    ("list_inputs", _DATA + "it = mx.io.NDArrayIter([d, d[:, :1]], batch_size=4); print(it.provide_data)"),
    ("no_label", _DATA + "it = mx.io.NDArrayIter(d, batch_size=3); print(it.provide_label, next(it).label)"),
    ("names", _DATA + "it = mx.io.NDArrayIter(d, l, batch_size=4, data_name='x', label_name='y')\n"
                      "print(it.provide_data, it.provide_label, it.iter_next(), it.getpad(), "
                      "it.getdata()[0].shape, it.getindex())"),
    ("dtypes", _DATA + "it = mx.io.NDArrayIter(d.astype('float64'), l.astype('int32'), batch_size=4)\n"
                       "b = next(it); print(b.data[0].dtype, b.label[0].dtype, it.provide_data)"),
    ("nd_source", _DATA + "it = mx.io.NDArrayIter(nd.array(d), nd.array(l), batch_size=4)\n"
                          "print(it.provide_data, [float(b.data[0].asnumpy().sum()) for b in it])"),
    ("stop_iteration", _DATA + "it = mx.io.NDArrayIter(d, l, batch_size=4); it.next(); it.next(); it.next()\n"
                               "try:\n    it.next()\nexcept StopIteration:\n    print('stop')"),
    ("shuffle_covers_all", _DATA + "it = mx.io.NDArrayIter(d, l, batch_size=5, shuffle=True)\n"
                                   "for _ in range(2):\n    seen = sorted(sum([b.label[0].asnumpy().tolist() "
                                   "for b in it], []))\n    print(seen); it.reset()\n"
                                   "b = next(it); print((b.data[0][:, 0] / 2 == b.label[0]).asnumpy().all())"),
    ("datadesc", "print(mx.io.DataDesc('x', (2, 3)), repr(mx.io.DataDesc('x', (2, 3), layout='TNC')), "
                 "mx.io.DataDesc.get_batch_axis('TNC'), mx.io.DataDesc.get_batch_axis(None), "
                 "mx.io.DataDesc.get_list([('a', (1, 2))], [('a', np.float32)]), mx.io.DataDesc('x', (2,)).name)"),
    ("databatch", "b = mx.io.DataBatch([nd.ones((2, 3))], [nd.ones(2)], pad=1); print(b, b.pad, b.index, "
                  "b.bucket_key, b.provide_data)\nprint(mx.io.DataBatch(data=[nd.ones(2)]))"),
    ("resize", _DATA + "r = mx.io.ResizeIter(mx.io.NDArrayIter(d, l, batch_size=4), 5)\n"
                       "print([x.data[0][:, 0].asnumpy().tolist() for x in r]); r.reset(); print(len(list(r)))"),
    ("csv", _DATA + "import tempfile, os\nt = tempfile.mkdtemp()\n"
                    "np.savetxt(os.path.join(t, 'd.csv'), d, delimiter=',')\n"
                    "np.savetxt(os.path.join(t, 'l.csv'), l, delimiter=',')\n"
                    "c = mx.io.CSVIter(data_csv=os.path.join(t, 'd.csv'), data_shape=(2,), "
                    "label_csv=os.path.join(t, 'l.csv'), batch_size=4)\n"
                    "print(c.provide_data, c.provide_label)\n"
                    "print([(b.data[0][:, 0].asnumpy().tolist(), b.label[0].asnumpy().tolist(), b.pad) for b in c])\n"
                    "c = mx.io.CSVIter(data_csv=os.path.join(t, 'd.csv'), data_shape=(2,), batch_size=4)\n"
                    "print(c.provide_label, [(b.data[0].shape, b.pad, b.label[0].asnumpy().tolist()) for b in c])"),
    ("prefetch", _DATA + "p = mx.io.PrefetchingIter(mx.io.NDArrayIter(d, l, batch_size=4))\n"
                         "print(p.provide_data, [x.data[0][:, 0].asnumpy().tolist() for x in p]); p.reset()\n"
                         "print(len(list(p)))\n"
                         "p = mx.io.PrefetchingIter([mx.io.NDArrayIter(d, l, batch_size=4), "
                         "mx.io.NDArrayIter(d, l, batch_size=4, data_name='e', label_name='f')], "
                         "rename_data=[{'data': 'x'}, {'e': 'z'}])\n"
                         "print(p.provide_data, p.provide_label, [len(b.data) for b in p])"),
]


def _shuffled(mode, bs, epochs=3):
    """Shuffled epochs reproduce MXNet's order for a given np.random.seed (it shuffles with numpy)."""
    return (_DATA + "np.random.seed(7)\n"
            "it = mx.io.NDArrayIter(d, l, batch_size=%d, shuffle=True, last_batch_handle=%r)\n" % (bs, mode) +
            "print(it.idx.tolist())\n"
            "for ep in range(%d):\n" % epochs +
            "    print(ep, [(b.data[0][:, 0].asnumpy().tolist(), b.label[0].asnumpy().tolist(), b.pad) for b in it])\n"
            "    it.reset()\n"
            "print(it.idx.tolist(), it.data[0][1][:, 0].asnumpy().tolist(), it.label[0][1].asnumpy().tolist())")


SNIPPETS += [
    ("shuffled_pad_4", _shuffled("pad", 4)),
    ("shuffled_discard_3", _shuffled("discard", 3)),
    ("shuffled_roll_over_4", _shuffled("roll_over", 4, 4)),
    ("shuffled_hard_reset", _DATA + "np.random.seed(3)\n"
                                    "it = mx.io.NDArrayIter(d, l, batch_size=4, shuffle=True, "
                                    "last_batch_handle='roll_over')\n"
                                    "print([b.label[0].asnumpy().tolist() for b in it]); it.hard_reset()\n"
                                    "print([(b.label[0].asnumpy().tolist(), b.pad) for b in it])"),
    ("pad_bigger_than_twice_data", _DATA + "it = mx.io.NDArrayIter(d[:3], l[:3], batch_size=8)\n"
                                           "print([(b.label[0].asnumpy().tolist(), b.pad) for b in it])"),
    ("iter_next_short_batch", _DATA + "it = mx.io.NDArrayIter(d, l, batch_size=4, last_batch_handle='discard')\n"
                                      "while it.iter_next():\n"
                                      "    print(it.getlabel()[0].asnumpy().tolist(), it.getpad(), it.cursor)"),
    ("batch_is_a_copy", _DATA + "src = nd.array(d); it = mx.io.NDArrayIter(src, batch_size=4)\n"
                                "b = next(it); b.data[0][:] = -1\n"
                                "print(src[:4].asnumpy().tolist(), it.data[0][1][:4, 0].asnumpy().tolist())"),
    ("layout_tnc", "x = np.arange(24).reshape(2, 6, 2).astype('float32')\n"
                   "it = mx.io.NDArrayIter(x, np.arange(12).reshape(2, 6), batch_size=4, layout='TNC')\n"
                   "print(it.provide_data, it.provide_label)\n"
                   "for b in it:\n    print(b.data[0].shape, b.data[0][:, :, 0].asnumpy().tolist(), b.label[0].asnumpy().tolist(), b.pad)"),
    ("attributes", _DATA + "it = mx.io.NDArrayIter([d, d], {'y': l}, batch_size=4)\n"
                           "print(it.num_data, it.num_source, it.cursor, it.layout, it.last_batch_handle, "
                           "it.shuffle, [k for k, _ in it.data], [k for k, _ in it.label], len(it.data_list))"),
    ("mismatched_lengths", _DATA + "mx.io.NDArrayIter(d, l[:5], batch_size=4)"),
    ("bad_last_batch_handle", _DATA + "mx.io.NDArrayIter(d, l, batch_size=4, last_batch_handle='wrap')"),
]


_CSV = ("import tempfile, os\nt = tempfile.mkdtemp(); p = os.path.join(t, 'd.csv')\n"
        "open(p, 'w').write(''.join(','.join([str(i)] * 4) + '\\n' for i in range(10)))\n")
_MNIST = ("import tempfile, os, struct\nt = tempfile.mkdtemp(); n = 250\n"
          "img, lab = os.path.join(t, 'i'), os.path.join(t, 'l')\n"
          "open(img, 'wb').write(struct.pack('>iiii', 2051, n, 28, 28) + "
          "(np.arange(n * 784) % 256).astype(np.uint8).tobytes())\n"
          "open(lab, 'wb').write(struct.pack('>ii', 2049, n) + (np.arange(n) % 256).astype(np.uint8).tobytes())\n")


def _csv_epochs(bs, round_batch):
    return (_CSV + "c = mx.io.CSVIter(data_csv=p, data_shape=(4,), batch_size=%d, round_batch=%r)\n" % (bs, round_batch)
            + "for ep in range(3):\n"
              "    print(ep, [(b.data[0][:, 0].asnumpy().tolist(), b.pad, b.index.tolist()) for b in c]); c.reset()")


SNIPPETS += [
    ("csv_round_batch_4", _csv_epochs(4, True)),
    ("csv_round_batch_3", _csv_epochs(3, True)),
    ("csv_round_batch_12", _csv_epochs(12, True)),
    ("csv_no_round_batch_3", _csv_epochs(3, False)),
    ("csv_dtypes", _CSV + "for dt in ['int32', 'int64', 'float32']:\n"
                          "    c = mx.io.CSVIter(data_csv=p, data_shape=(2, 2), label_csv=p, label_shape=(4,), "
                          "batch_size=4, dtype=dt)\n"
                          "    print(c.provide_data, c.provide_label, c.iter_next(), type(c.getdata()).__name__, "
                          "c.getdata().dtype, c.getlabel().dtype, c.getdata()[1].asnumpy().tolist(), c.getpad(), "
                          "c.getindex().dtype)"),
    ("mnist_flat", _MNIST + "it = mx.io.MNISTIter(image=img, label=lab, batch_size=100, shuffle=False, flat=True, "
                            "silent=True)\nprint(it.provide_data, it.provide_label)\n"
                            "for ep in range(2):\n"
                            "    print([(b.data[0].shape, b.label[0][:3].asnumpy().tolist(), b.pad, "
                            "b.index[:2].tolist(), float(b.data[0][1, :3].asnumpy().sum())) for b in it]); it.reset()\n"
                            "it.iter_next(); print(type(it.getdata()).__name__, it.getlabel().shape)"),
    ("mnist_image", _MNIST + "it = mx.io.MNISTIter(image=img, label=lab, batch_size=50, shuffle=False, silent=True)\n"
                             "print(it.provide_data, len(list(it)), next(iter(it)) is None)"),
]
