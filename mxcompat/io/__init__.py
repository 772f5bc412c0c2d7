"""``mx.io``: data iterators."""
from .io import DataDesc, DataBatch, DataIter, NDArrayIter, ResizeIter, PrefetchingIter
from .file_iters import CSVIter, MNISTIter, LibSVMIter, ImageDetRecordIter
from .image_record import ImageRecordIter, ImageRecordUInt8Iter, ImageRecordInt8Iter
from . import io  # noqa: F401
