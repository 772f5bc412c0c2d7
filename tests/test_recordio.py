"""mx.recordio against files written by real MXNet 1.9.1 (tools/golden/gen_recordio.py), both directions."""
import glob
import os
import pickle

import numpy as np
import pytest

import mxcompat as mx
from mxcompat.base import MXNetError

GOLDEN = os.path.join(os.path.dirname(__file__), "golden", "recordio")


def _golden(name):
    return os.path.join(GOLDEN, name)


def _payloads():
    z = np.load(_golden("payloads.npz"))
    raw, out, pos = z["data"].tobytes(), [], 0
    for n in z["lengths"]:
        out.append(raw[pos:pos + n])
        pos += n
    return out


def _images():
    return [open(f, "rb").read() for f in sorted(glob.glob(_golden("img_*")))]


def _bytes(path):
    with open(path, "rb") as f:
        return f.read()


def test_read_mxnet_written_records_including_multipart():
    r = mx.recordio.MXRecordIO(_golden("plain.rec"), "r")
    got = []
    while True:
        rec = r.read()
        if rec is None:
            break
        got.append(rec)
    assert got == _payloads()
    assert r.read() is None
    r.reset()
    assert r.read() == _payloads()[0]
    r.close()


def test_written_bytes_equal_mxnet(tmp_path):
    path = str(tmp_path / "out.rec")
    w = mx.recordio.MXRecordIO(path, "w")
    for rec in _payloads():
        w.write(rec)
    w.close()
    assert _bytes(path) == _bytes(_golden("plain.rec"))


def test_indexed_read_matches_mxnet_pack():
    r = mx.recordio.MXIndexedRecordIO(_golden("images.idx"), _golden("images.rec"), "r")
    imgs = _images()
    assert r.keys == list(range(len(imgs)))
    for i in (7, 0, 19, 3):
        header, payload = mx.recordio.unpack(r.read_idx(i))
        assert header == (0, float(i % 5), 100 + i, 0)
        assert payload == imgs[i]
    with pytest.raises(KeyError):
        r.read_idx(99)
    with pytest.raises(AssertionError):
        r.write(b"x")


def test_indexed_write_bytes_equal_mxnet(tmp_path):
    rec, idx = str(tmp_path / "a.rec"), str(tmp_path / "a.idx")
    w = mx.recordio.MXIndexedRecordIO(idx, rec, "w")
    for i, img in enumerate(_images()):
        w.write_idx(i, mx.recordio.pack(mx.recordio.IRHeader(0, float(i % 5), 100 + i, 0), img))
    assert w.tell() == len(_bytes(_golden("images.rec")))
    w.close()
    assert _bytes(rec) == _bytes(_golden("images.rec"))
    assert _bytes(idx) == _bytes(_golden("images.idx"))
    m = str(tmp_path / "m.rec")
    w = mx.recordio.MXRecordIO(m, "w")
    for i, img in enumerate(_images()):
        w.write(mx.recordio.pack(mx.recordio.IRHeader(0, [i, i / 2.0, -i], i, 0), img))
    w.close()
    assert _bytes(m) == _bytes(_golden("multilabel.rec"))


def test_pack_unpack_header_forms():
    # bytes of MXNet 1.9.1's pack((7, 3.0, 1, 2), b'ab'): a scalar label forces flag 0
    assert mx.recordio.pack((7, 3.0, 1, 2), b"ab") == (b"\x00\x00\x00\x00\x00\x00@@\x01" + b"\x00" * 7
                                                        + b"\x02" + b"\x00" * 7 + b"ab")
    header, s = mx.recordio.unpack(mx.recordio.pack(mx.recordio.IRHeader(0, [1, 2.5], 3, 4), b"xyz"))
    assert s == b"xyz" and header.flag == 2 and (header.id, header.id2) == (3, 4)
    assert header.label.dtype == np.float32 and header.label.tolist() == [1.0, 2.5]
    assert type(header).__name__ == "HEADER" and header._fields == ("flag", "label", "id", "id2")


def test_corrupt_and_missing_files_raise(tmp_path):
    data = _bytes(_golden("images.rec"))
    trunc, bad = str(tmp_path / "t.rec"), str(tmp_path / "b.rec")
    open(trunc, "wb").write(data[:-50])
    open(bad, "wb").write(b"abcdefgh" + data)
    for path, msg in ((trunc, "upper_align"), (bad, "Invalid RecordIO File")):
        r = mx.recordio.MXRecordIO(path, "r")
        with pytest.raises(MXNetError, match=msg):
            while r.read() is not None:
                pass
    open(trunc, "wb").write(data[:6])
    with pytest.raises(MXNetError):
        mx.recordio.MXRecordIO(trunc, "r").read()
    with pytest.raises(MXNetError, match="No such file"):
        mx.recordio.MXRecordIO(str(tmp_path / "missing.rec"), "r")
    with pytest.raises(ValueError, match="Invalid flag"):
        mx.recordio.MXRecordIO(str(tmp_path / "x.rec"), "x")


def test_pickle_reopens_and_pid_guard():
    r = mx.recordio.MXRecordIO(_golden("plain.rec"), "r")
    r.read()
    r2 = pickle.loads(pickle.dumps(r))
    assert r2.is_open and r2.read() == _payloads()[0]
    r.close()
    assert not pickle.loads(pickle.dumps(r)).is_open
    r2.pid = -1
    with pytest.raises(RuntimeError, match="multiple processes"):
        r2.read()
    ir = mx.recordio.MXIndexedRecordIO(_golden("images.idx"), _golden("images.rec"), "r")
    ir.pid = -1  # seek may reset in a new process
    assert mx.recordio.unpack(ir.read_idx(2))[0].id == 102


def test_pack_img_roundtrip(tmp_path):
    pytest.importorskip("cv2")
    img = (np.arange(8 * 9 * 3) % 251).astype(np.uint8).reshape(8, 9, 3)
    s = mx.recordio.pack_img(mx.recordio.IRHeader(0, 1.0, 5, 0), img, quality=3, img_fmt=".png")
    header, out = mx.recordio.unpack_img(s)
    assert header.id == 5 and (out == img).all()
    s = mx.recordio.pack_img((0, 2.0, 6, 0), img, quality=95)
    header, jpg = mx.recordio.unpack(s)
    assert jpg[:2] == b"\xff\xd8"
    _, out = mx.recordio.unpack_img(s)
    assert (out[:, :, ::-1] == mx.image.imdecode(jpg).asnumpy()).all()
