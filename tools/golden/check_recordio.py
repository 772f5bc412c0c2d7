"""Check with real MXNet 1.9.1 that RecordIO files written by mxcompat load and iterate as MXNet's own.

    python3 tools/golden/check_recordio.py write DIR                      # mxcompat writes DIR/*.rec, *.idx
    ~/.venvs/mxref/bin/python tools/golden/check_recordio.py check DIR    # real MXNet reads them

``write`` (under mxcompat) packs the golden images of tests/golden/recordio into ``DIR/written.rec`` +
``written.idx`` (scalar labels) and ``DIR/multi.rec`` (3-value labels), and the payloads of ``payloads.npz``
into ``DIR/plain.rec``. ``check`` (under MXNet) reads every record back by index and sequentially, compares
headers and payloads, and runs ``mx.io.ImageRecordIter`` over ``written.rec``; it prints one line per check and
exits with the number of failures.
"""
import glob
import os
import sys

import numpy as np

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "golden", "recordio")


def _payloads():
    z = np.load(os.path.join(GOLDEN, "payloads.npz"))
    raw, out, pos = z["data"].tobytes(), [], 0
    for n in z["lengths"]:
        out.append(raw[pos:pos + n])
        pos += n
    return out


def _images():
    return [open(f, "rb").read() for f in sorted(glob.glob(os.path.join(GOLDEN, "img_*")))]


def write(out):
    import mxcompat as mx
    os.makedirs(out, exist_ok=True)
    w = mx.recordio.MXIndexedRecordIO(os.path.join(out, "written.idx"), os.path.join(out, "written.rec"), "w")
    for i, img in enumerate(_images()):
        w.write_idx(i, mx.recordio.pack(mx.recordio.IRHeader(0, float(i % 5), 100 + i, 0), img))
    w.close()
    w = mx.recordio.MXRecordIO(os.path.join(out, "multi.rec"), "w")
    for i, img in enumerate(_images()):
        w.write(mx.recordio.pack(mx.recordio.IRHeader(0, [i, i / 2.0, -i], i, 0), img))
    w.close()
    w = mx.recordio.MXRecordIO(os.path.join(out, "plain.rec"), "w")
    for p in _payloads():
        w.write(p)
    w.close()


def check(out):
    import mxnet as mx
    failures = 0

    def report(name, ok):
        nonlocal failures
        failures += not ok
        print("%-40s %s" % (name, "ok" if ok else "FAIL"))

    imgs = _images()
    r = mx.recordio.MXIndexedRecordIO(os.path.join(out, "written.idx"), os.path.join(out, "written.rec"), "r")
    ok = r.keys == list(range(len(imgs)))
    for i in reversed(r.keys):
        header, payload = mx.recordio.unpack(r.read_idx(i))
        ok &= payload == imgs[i] and header.label == i % 5 and header.id == 100 + i
    report("indexed read_idx", ok)
    r = mx.recordio.MXRecordIO(os.path.join(out, "multi.rec"), "r")
    ok = True
    for i, img in enumerate(imgs):
        header, payload = mx.recordio.unpack(r.read())
        ok &= payload == img and header.label.tolist() == [i, i / 2.0, -i]
    report("multi-label sequential read", ok and r.read() is None)
    r = mx.recordio.MXRecordIO(os.path.join(out, "plain.rec"), "r")
    report("multi-part payloads", [r.read() for _ in _payloads()] == _payloads() and r.read() is None)
    it = mx.io.ImageRecordIter(path_imgrec=os.path.join(out, "written.rec"), data_shape=(3, 12, 12), batch_size=5)
    labels = np.concatenate([b.label[0].asnumpy() for b in it])
    report("ImageRecordIter labels", labels.tolist() == [i % 5 for i in range(len(imgs))])
    return failures


if __name__ == "__main__":
    mode, folder = sys.argv[1], sys.argv[2]
    sys.exit(write(folder) if mode == "write" else check(folder))
