"""Time RecordIO image pipelines: one epoch of ``mx.io.ImageRecordIter`` and ``mx.image.ImageIter`` over a .rec
of 256 JPEGs (96x128, resize 72, centre crop 64, batch 32, one decoding thread), and a sequential
``MXRecordIO.read`` pass, under mxcompat and real MXNet; median seconds of 5 runs each, interleaved.

Usage: ``python3 benchmarks/bench_image_record_iter.py`` (needs opencv-python-headless to write the .rec).
"""
import os
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _harness import mxnet_python, print_table, run_worker  # noqa: E402

WORKER = r'''
import json, sys, time
rec = sys.argv[1]
if sys.argv[2] == "mxcompat":
    import mxcompat as mx
else:
    import mxnet as mx
def rec_iter():
    it = mx.io.ImageRecordIter(path_imgrec=rec, data_shape=(3, 64, 64), batch_size=32, resize=72,
                               preprocess_threads=1, mean_r=123.0, std_r=58.0)
    for b in it:
        b.data[0].asnumpy()
def image_iter():
    it = mx.image.ImageIter(32, (3, 64, 64), path_imgrec=rec, resize=72)
    for b in it:
        b.data[0].asnumpy()
def raw_read():
    r = mx.recordio.MXRecordIO(rec, "r")
    while r.read() is not None:
        pass
out = {}
for name, fn in (("ImageRecordIter epoch", rec_iter), ("ImageIter epoch", image_iter), ("MXRecordIO.read", raw_read)):
    fn()
    t = []
    for _ in range(int(sys.argv[3])):
        s = time.perf_counter(); fn(); t.append(time.perf_counter() - s)
    out[name] = sorted(t)[len(t) // 2]
print(json.dumps(out))
'''


def make_rec(path):
    import cv2
    import mxcompat as mx
    rng = np.random.RandomState(0)
    w = mx.recordio.MXRecordIO(path, "w")
    for i in range(256):
        img = cv2.GaussianBlur((rng.rand(96, 128, 3) * 255).astype(np.uint8), (5, 5), 2)
        w.write(mx.recordio.pack_img(mx.recordio.IRHeader(0, float(i % 10), i, 0), img, quality=90))
    w.close()


def main():
    rec = os.path.join(tempfile.mkdtemp(), "bench.rec")
    make_rec(rec)
    ref = mxnet_python()
    runs = {"mxcompat": [], "mxnet": []}
    for _ in range(2):  # interleave the backends
        runs["mxcompat"].append(run_worker(sys.executable, WORKER, rec, "mxcompat", 3))
        if ref:
            runs["mxnet"].append(run_worker(ref, WORKER, rec, "mxnet", 3))
    results = {k: {w: sorted(r[w] for r in v)[len(v) // 2] for w in v[0]} for k, v in runs.items() if v}
    print_table(results, "RecordIO pipeline (s)")


if __name__ == "__main__":
    main()
