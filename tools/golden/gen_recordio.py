"""Write RecordIO / image golden files with real MXNet 1.9.1 into ``tests/golden/recordio/``.

- ``plain.rec``: ``MXRecordIO`` records of the payloads in ``payloads.npz`` (empty, odd lengths, payloads
  holding the magic number aligned and unaligned, so multi-part records are exercised);
- ``images.rec`` / ``images.idx``: ``MXIndexedRecordIO`` of ``pack(IRHeader(0, i % 5, 100 + i, 0), img)``
  for the images ``img_XX.*`` written by ``make_image_fixtures.py``;
- ``multilabel.rec``: the same images packed with a 3-value label ``[i, i / 2, -i]``;
- ``expected.npz``: ``mx.image.imdecode`` results, ``imresize`` for every interpolation code, ``imrotate``,
  ``ImageRecordIter`` / ``ImageRecordUInt8Iter`` batches (data, label, pad) over two epochs per config.

Usage: ``~/.venvs/mxref/bin/python tools/golden/gen_recordio.py``
"""
import glob
import json
import os

import numpy as np
import mxnet as mx

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "golden", "recordio")
MAGIC = b"\x0a\x23\xd7\xce"

# name: ImageRecordIter kwargs (data_shape (3, 12, 12), batch_size 6, one decoding thread)
ITER_CASES = {
    "center": {},
    "resize": dict(resize=14, inter_method=1),
    "resize_cubic": dict(resize=20, inter_method=2),
    "resize_auto": dict(resize=13, inter_method=9),
    "norm": dict(mean_r=123.68, mean_g=116.28, mean_b=103.53, std_r=58.395, std_g=57.12, std_b=57.375),
    "scale_mirror": dict(scale=1.0 / 255, mirror=True),
    "pad_crop": dict(pad=3, fill_value=7, max_crop_size=16, min_crop_size=16),
    "no_round": dict(round_batch=False),
    "multilabel": dict(path_imgrec="multilabel.rec", label_width=3),
    "gray": dict(data_shape=(1, 12, 12)),
    "uint8": dict(dtype="uint8"),
    "int8": dict(dtype="int8", mean_r=128, mean_g=100, mean_b=50.4),
}


def payloads():
    rng = np.random.RandomState(3)
    out = [b"", b"a", b"ab", b"abc", b"abcd", b"abcde", MAGIC, MAGIC + b"xyz", b"1234" + MAGIC,
           b"12" + MAGIC + b"34", b"1234" + MAGIC + b"5678" + MAGIC, MAGIC + MAGIC + MAGIC, b"123" + MAGIC + b"4567",
           rng.randint(0, 256, 10007).astype(np.uint8).tobytes()]
    big = bytearray(rng.randint(0, 256, 4096).astype(np.uint8).tobytes())
    for pos in (0, 100, 1024, 4092):
        big[pos:pos + 4] = MAGIC
    out.append(bytes(big))
    return out


def images():
    return [open(f, "rb").read() for f in sorted(glob.glob(os.path.join(HERE, "img_*")))]


def write_files():
    recs = payloads()
    w = mx.recordio.MXRecordIO(os.path.join(HERE, "plain.rec"), "w")
    for r in recs:
        w.write(r)
    w.close()
    np.savez(os.path.join(HERE, "payloads.npz"), data=np.frombuffer(b"".join(recs), np.uint8),
             lengths=np.array([len(r) for r in recs]))
    imgs = images()
    w = mx.recordio.MXIndexedRecordIO(os.path.join(HERE, "images.idx"), os.path.join(HERE, "images.rec"), "w")
    for i, img in enumerate(imgs):
        w.write_idx(i, mx.recordio.pack(mx.recordio.IRHeader(0, float(i % 5), 100 + i, 0), img))
    w.close()
    w = mx.recordio.MXRecordIO(os.path.join(HERE, "multilabel.rec"), "w")
    for i, img in enumerate(imgs):
        w.write(mx.recordio.pack(mx.recordio.IRHeader(0, [i, i / 2.0, -i], i, 0), img))
    w.close()


def run_iter(kwargs):
    args = dict(path_imgrec="images.rec", data_shape=(3, 12, 12), batch_size=6, preprocess_threads=1)
    args.update(kwargs)
    args["path_imgrec"] = os.path.join(HERE, args["path_imgrec"])
    dtype = args.pop("dtype", None)
    it = (mx.io.ImageRecordUInt8Iter if dtype == "uint8" else mx.io.ImageRecordInt8Iter if dtype == "int8"
          else mx.io.ImageRecordIter)(**args)
    data, label, pad = [], [], []
    for _ in range(2):
        for batch in it:
            data.append(batch.data[0].asnumpy())
            label.append(batch.label[0].asnumpy())
            pad.append(batch.pad)
        it.reset()
    return np.stack(data), np.stack(label), np.array(pad)


def main():
    write_files()
    out = {}
    for i, raw in enumerate(images()):
        out["decode_%d" % i] = mx.image.imdecode(raw).asnumpy()
        out["decode_gray_%d" % i] = mx.image.imdecode(raw, flag=0).asnumpy()
        out["decode_bgr_%d" % i] = mx.image.imdecode(raw, to_rgb=False).asnumpy()
    src = mx.image.imdecode(images()[0])
    for interp in range(5):
        out["resize_up_%d" % interp] = mx.image.imresize(src, 41, 37, interp=interp).asnumpy()
        out["resize_down_%d" % interp] = mx.image.imresize(src, 9, 13, interp=interp).asnumpy()
    out["resize_float"] = mx.image.imresize(src.astype("float32") / 3, 17, 11).asnumpy()
    out["resize_short"] = mx.image.resize_short(src, 10).asnumpy()
    out["border"] = mx.image.copyMakeBorder(src, 1, 2, 3, 4, type=0, values=(1, 2, 3)).asnumpy()
    out["border_reflect"] = mx.image.copyMakeBorder(src, 2, 0, 0, 3, type=2).asnumpy()
    x = mx.nd.array(np.arange(2 * 5 * 4).reshape(2, 5, 4))
    out["rotate_90"] = mx.image.imrotate(x, 90).asnumpy()
    out["rotate_zoom_in"] = mx.image.imrotate(x, 30, zoom_in=True).asnumpy()
    out["rotate_zoom_out"] = mx.image.imrotate(mx.nd.stack(x, x * 2), mx.nd.array([30, -45]), zoom_out=True).asnumpy()
    for name, kwargs in ITER_CASES.items():
        data, label, pad = run_iter(kwargs)
        out["iter_%s_data" % name], out["iter_%s_label" % name], out["iter_%s_pad" % name] = data, label, pad
    out["iter_cases"] = np.array(json.dumps(ITER_CASES))
    np.savez_compressed(os.path.join(HERE, "expected.npz"), **out)


if __name__ == "__main__":
    main()
