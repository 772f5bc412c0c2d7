"""``mx.recordio``: MXNet's RecordIO files, byte-compatible with dmlc-core's reader and writer.

File format (dmlc-core ``recordio``): each record is one or more parts, each part is
``uint32 magic 0xced7230a``, ``uint32 lrec = cflag << 29 | length``, ``length`` bytes, zero padding to a
multiple of 4. A payload that holds the magic number at a 4-byte aligned offset is split there (the magic
itself is dropped and re-inserted on read): the first part has cflag 1, middle parts 2, the last 3; a
one-part record has cflag 0. ``MXIndexedRecordIO`` adds a text ``.idx`` file of ``key\\tbyte_offset`` lines.

``pack``/``unpack`` write and read the image-record header ``IRHeader(flag, label, id, id2)`` as struct
``'IfQQ'``; a label array is stored as ``flag`` float32 values right after the header. ``pack_img`` and
``unpack_img`` encode/decode with OpenCV (``opencv-python-headless``, imported on first use) exactly as MXNet's
own ``recordio.py`` does.

Deliberate difference: ``MXRecordIO.uri`` is a ``str`` (MXNet keeps a ``ctypes.c_char_p``).
Errors: opening a missing file, a bad magic number and a truncated record raise ``MXNetError`` with dmlc-core's
messages; a bad ``flag`` raises ``ValueError``.
"""
import numbers
import os
import struct
from collections import namedtuple
from multiprocessing import current_process

import numpy as np

from .base import MXNetError

_MAGIC = 0xced7230a
_MAGIC_BYTES = struct.pack("<I", _MAGIC)
_LEN_MASK = (1 << 29) - 1


def _lrec(cflag, length):
    return struct.pack("<II", _MAGIC, (cflag << 29) | length)


def encode_record(buf):
    """Return ``buf`` framed as one dmlc-core record (split wherever it holds the magic number aligned)."""
    buf = bytes(buf)
    size = len(buf)
    if size >= 1 << 29:
        raise MXNetError("RecordIO only accept record less than 2^29 bytes")
    parts = []
    start = 0
    pos = buf.find(_MAGIC_BYTES)
    while 0 <= pos <= size - 4:
        if pos % 4 == 0:
            parts.append(_lrec(1 if start == 0 else 2, pos - start))
            parts.append(buf[start:pos])
            start = pos + 4
        pos = buf.find(_MAGIC_BYTES, pos + 1)
    parts.append(_lrec(3 if start else 0, size - start))
    parts.append(buf[start:])
    parts.append(b"\x00" * (-size % 4))
    return b"".join(parts)


def _read_record(f):
    """Read one record from file ``f`` at its current position; ``None`` at a clean end of file."""
    out = []
    while True:
        head = f.read(8)
        if not head:
            if out:
                raise MXNetError("Check failed: nread == sizeof(header): Invalid RecordIO File")
            return None
        if len(head) != 8:
            raise MXNetError("Check failed: nread == sizeof(header): Inavlid RecordIO File")
        magic, lrec = struct.unpack("<II", head)
        if magic != _MAGIC:
            raise MXNetError("Check failed: header[0] == RecordIOWriter::kMagic: Invalid RecordIO File")
        cflag, length = lrec >> 29, lrec & _LEN_MASK
        upper = (length + 3) & ~3
        data = f.read(upper)
        if len(data) != upper:
            raise MXNetError("Check failed: stream_->Read(BeginPtr(*out_rec) + size, upper_align) == "
                             "upper_align: Invalid RecordIO File upper_align={}".format(upper))
        out.append(data[:length])
        if cflag in (0, 3):
            return _MAGIC_BYTES.join(out)


def _open_file(path, mode):
    try:
        return open(path, mode)
    except OSError as err:
        raise MXNetError('LocalFileSystem: Check failed: allow_null: :Open "{}": {}'.format(
            path, err.strerror)) from None


class MXRecordIO:
    """Sequential RecordIO reader (``flag='r'``) or writer (``flag='w'``); opened on construction.

    ``read()`` returns the next record's bytes, or ``None`` at the end. Pickling closes the file and the
    unpickled object reopens it (at the start); using one handle from another process raises RuntimeError,
    as MXNet does.
    """

    def __init__(self, uri, flag):
        self.uri = os.fspath(uri)
        self.flag = flag
        self.handle = None
        self.pid = None
        self.is_open = False
        self.open()

    def open(self):
        """Open (or reopen) the file: truncated for writing, from its start for reading."""
        if self.flag == "w":
            self.handle = _open_file(self.uri, "wb")
            self.writable = True
        elif self.flag == "r":
            self.handle = _open_file(self.uri, "rb")
            self.writable = False
        else:
            raise ValueError("Invalid flag %s" % self.flag)
        self.pid = current_process().pid
        self.is_open = True

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown
            pass

    def __getstate__(self):
        is_open = self.is_open
        self.close()
        state = dict(self.__dict__)
        state["is_open"] = is_open
        del state["handle"]
        return state

    def __setstate__(self, state):
        self.__dict__ = state
        is_open = state["is_open"]
        self.is_open = False
        self.handle = None
        if is_open:
            self.open()

    def _check_pid(self, allow_reset=False):
        if self.pid != current_process().pid:
            if allow_reset:
                self.reset()
            else:
                raise RuntimeError("Forbidden operation in multiple processes")

    def close(self):
        """Close the file (flushing a writer); a no-op when closed."""
        if not self.is_open:
            return
        self.handle.close()
        self.handle = None
        self.is_open = False
        self.pid = None

    def reset(self):
        """Reopen: a reader starts again from the first record, a writer truncates the file."""
        self.close()
        self.open()

    def write(self, buf):
        """Append one record holding the bytes ``buf``."""
        assert self.writable
        self._check_pid(allow_reset=False)
        self.handle.write(encode_record(buf))

    def read(self):
        """Return the next record's bytes, or ``None`` after the last one."""
        assert not self.writable
        self._check_pid(allow_reset=False)
        return _read_record(self.handle)


class MXIndexedRecordIO(MXRecordIO):
    """RecordIO with random access through an index file of ``key\\tposition`` lines.

    ``keys`` lists the keys in file order and ``idx`` maps key -> byte offset; ``key_type`` converts the keys
    read from the index file (``int`` by default).
    """

    def __init__(self, idx_path, uri, flag, key_type=int):
        self.idx_path = idx_path
        self.idx = {}
        self.keys = []
        self.key_type = key_type
        self.fidx = None
        super().__init__(uri, flag)

    def open(self):
        super().open()
        self.idx = {}
        self.keys = []
        self.fidx = open(self.idx_path, self.flag)
        if not self.writable:
            for line in iter(self.fidx.readline, ""):
                fields = line.strip().split("\t")
                key = self.key_type(fields[0])
                self.idx[key] = int(fields[1])
                self.keys.append(key)

    def close(self):
        if not self.is_open:
            return
        super().close()
        self.fidx.close()

    def __getstate__(self):
        state = super().__getstate__()
        state["fidx"] = None
        return state

    def seek(self, idx):
        """Position the reader at the record with key ``idx`` (KeyError if absent)."""
        assert not self.writable
        self._check_pid(allow_reset=True)
        self.handle.seek(self.idx[idx])

    def tell(self):
        """The writer's current byte offset."""
        assert self.writable
        return self.handle.tell()

    def read_idx(self, idx):
        """Return the record with key ``idx``."""
        self.seek(idx)
        return self.read()

    def write_idx(self, idx, buf):
        """Append record ``buf`` under key ``idx`` and note its offset in the index file."""
        key = self.key_type(idx)
        pos = self.tell()
        self.write(buf)
        self.fidx.write("%s\t%d\n" % (str(key), pos))
        self.idx[key] = pos
        self.keys.append(key)


IRHeader = namedtuple("HEADER", ["flag", "label", "id", "id2"])
IRHeader.__doc__ = """Image record header: ``flag`` (number of float labels stored after the header, 0 for a
scalar ``label``), ``label`` (float or array), ``id`` and ``id2`` (uint64 ids)."""
_IR_FORMAT = "IfQQ"
_IR_SIZE = struct.calcsize(_IR_FORMAT)


def pack(header, s):
    """Pack an ``IRHeader`` (or 4-sequence) and the bytes ``s`` into one record payload.

    A numeric ``label`` is stored in the header with ``flag`` 0; any other label is stored as float32 values
    after the header with ``flag`` set to their count.
    """
    header = IRHeader(*header)
    if isinstance(header.label, numbers.Number):
        header = header._replace(flag=0)
    else:
        label = np.asarray(header.label, dtype=np.float32)
        header = header._replace(flag=label.size, label=0)
        s = label.tobytes() + s
    return struct.pack(_IR_FORMAT, *header) + s


def unpack(s):
    """Split a record payload into ``(IRHeader, bytes)``; a ``flag > 0`` label comes back as float32 array."""
    header = IRHeader(*struct.unpack(_IR_FORMAT, s[:_IR_SIZE]))
    s = s[_IR_SIZE:]
    if header.flag > 0:
        header = header._replace(label=np.frombuffer(s, np.float32, header.flag))
        s = s[header.flag * 4:]
    return header, s


def _cv2():
    from .image._cv import cv2_module
    return cv2_module()


def unpack_img(s, iscolor=-1):
    """``(IRHeader, image)``: the payload decoded by ``cv2.imdecode(buf, iscolor)`` (BGR numpy array)."""
    header, s = unpack(s)
    img = _cv2().imdecode(np.frombuffer(s, dtype=np.uint8), iscolor)
    return header, img


def pack_img(header, img, quality=95, img_fmt=".jpg"):
    """Encode the (BGR) numpy image ``img`` with OpenCV and ``pack`` it with ``header``.

    ``quality`` is the JPEG quality for '.jpg'/'.jpeg', the PNG compression level for '.png'.
    """
    cv2 = _cv2()
    params = None
    if img_fmt.upper() in (".JPG", ".JPEG"):
        params = [cv2.IMWRITE_JPEG_QUALITY, quality]
    elif img_fmt.upper() == ".PNG":
        params = [cv2.IMWRITE_PNG_COMPRESSION, quality]
    ret, buf = cv2.imencode(img_fmt, img, params)
    assert ret, "failed to encode image"
    return pack(header, buf.tobytes())
