"""``mx.gluon.data.vision``: not supported yet (datasets download from the network; transforms pending)."""
from ...base import unsupported


def __getattr__(name):
    if name.startswith('__'):
        raise AttributeError(name)
    raise unsupported("mx.gluon.data.vision.%s" % name)
