"""``mx.gluon.model_zoo``: the vision model definitions (``vision``) and the local pretrained-model store."""
from . import model_store  # noqa: F401
from . import vision  # noqa: F401
