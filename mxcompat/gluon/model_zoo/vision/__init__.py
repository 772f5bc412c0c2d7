"""``mx.gluon.model_zoo.vision``: MXNet 1.9.1's vision models, block for block, so parameter names, structural
``save_parameters`` keys and outputs match files written by MXNet. ``get_model(name, **kwargs)`` builds one by
its model-store name (``'resnet18_v1'``, ``'mobilenet0.25'``, ``'squeezenet1.1'``, ``'inceptionv3'``);
``pretrained=True`` loads ``$MXNET_HOME/models/<name>-<hash>.params`` and never downloads (model_store.py)."""
from .alexnet import *  # noqa: F401,F403
from .densenet import *  # noqa: F401,F403
from .inception import *  # noqa: F401,F403
from .resnet import *  # noqa: F401,F403
from .squeezenet import *  # noqa: F401,F403
from .vgg import *  # noqa: F401,F403
from .mobilenet import *  # noqa: F401,F403
_MODELS = dict(
    [('resnet%d_v%d' % (n, v), 'resnet%d_v%d' % (n, v)) for v in (1, 2) for n in (18, 34, 50, 101, 152)]
    + [('vgg%d%s' % (n, bn), 'vgg%d%s' % (n, bn)) for n in (11, 13, 16, 19) for bn in ('', '_bn')]
    + [('alexnet', 'alexnet')] + [('densenet%d' % n, 'densenet%d' % n) for n in (121, 161, 169, 201)]
    + [('squeezenet1.0', 'squeezenet1_0'), ('squeezenet1.1', 'squeezenet1_1'), ('inceptionv3', 'inception_v3')]
    + [('mobilenet%s' % m, 'mobilenet%s' % m.replace('.', '_')) for m in ('1.0', '0.75', '0.5', '0.25')]
    + [('mobilenetv2_%s' % m, 'mobilenet_v2_%s' % m.replace('.', '_')) for m in ('1.0', '0.75', '0.5', '0.25')])
_MODELS = {name: globals()[func] for name, func in _MODELS.items()}


def get_model(name, **kwargs):
    """Build a model by name (case-insensitive); kwargs go to its constructor (``classes``, ``pretrained``,
    ``ctx``, ``root``, ...). An unknown name raises ValueError listing the available ones."""
    name = name.lower()
    if name not in _MODELS:
        raise ValueError('Model %s is not supported. Available options are\n\t%s' % (
            name, '\n\t'.join(sorted(_MODELS.keys()))))
    return _MODELS[name](**kwargs)
