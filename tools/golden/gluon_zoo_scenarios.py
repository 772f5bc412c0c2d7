"""gluon.model_zoo.vision scenarios run under real MXNet 1.9.1 (tools/golden/gen_gluon_extra.py writes
tests/golden/gluon/model_zoo.json and mobilenet0_25.params) and under mxcompat
(tests/gluon/test_gluon_model_zoo.py compares): every model's parameter names, declared shapes and structural
save keys; a few small models' full shapes and logits from seeded parameters; a file saved by MXNet."""
import os

import numpy as np

ALL = ['resnet%d_v%d' % (n, v) for v in (1, 2) for n in (18, 34, 50, 101, 152)] + \
      ['vgg%d%s' % (n, bn) for n in (11, 13, 16, 19) for bn in ('', '_bn')] + \
      ['alexnet', 'densenet121', 'densenet161', 'densenet169', 'densenet201', 'squeezenet1.0', 'squeezenet1.1',
       'inceptionv3', 'mobilenet1.0', 'mobilenet0.75', 'mobilenet0.5', 'mobilenet0.25', 'mobilenetv2_1.0',
       'mobilenetv2_0.75', 'mobilenetv2_0.5', 'mobilenetv2_0.25']
# (name, input shape) run forward with seeded parameters
FORWARD = [('resnet18_v1', (2, 3, 32, 32)), ('resnet18_v2', (1, 3, 32, 32)), ('mobilenet0.25', (2, 3, 32, 32)),
           ('mobilenetv2_0.25', (1, 3, 32, 32)), ('squeezenet1.1', (1, 3, 224, 224))]


def _set_params(mx, net, seed):
    for i, (name, p) in enumerate(sorted(net.collect_params().items())):
        rng = np.random.RandomState(seed + i)
        if name.endswith(('running_var', 'gamma')):
            value = rng.uniform(0.5, 1.5, p.shape)
        else:
            value = rng.uniform(-1, 1, p.shape) / np.sqrt(max(1, int(np.prod(p.shape[1:]))))
        p.set_data(mx.nd.array(value.astype(np.float32)))


def _tolist(a):
    return np.round(a.asnumpy().astype(np.float64), 5).tolist()


def structure(mx, files_dir, hybridize):
    vision = mx.gluon.model_zoo.vision
    out = {}
    for name in ALL:
        with mx.name.NameManager():
            net = vision.get_model(name, classes=7)
        out[name] = {"params": [[k, list(p.shape or ())] for k, p in net.collect_params().items()],
                     "keys": sorted(net._collect_params_with_prefix().keys()), "prefix": net.prefix}
    return out


def forward(mx, files_dir, hybridize):
    vision = mx.gluon.model_zoo.vision
    out = {}
    for k, (name, shape) in enumerate(FORWARD):
        net = vision.get_model(name, classes=5, prefix='net_')
        net.initialize()
        if hybridize:
            net.hybridize()
        x = mx.nd.array(np.random.RandomState(k).uniform(-1, 1, shape).astype(np.float32))
        net(x)
        _set_params(mx, net, 1000 * k)
        y = net(x)
        out[name] = {"y": _tolist(y), "shapes": sorted((n, list(p.shape)) for n, p in net.collect_params().items())}
    return out


def files(mx, files_dir, hybridize):
    """mobilenet0.25 parameters saved by MXNet load with load_parameters and give MXNet's logits."""
    path = os.path.join(files_dir, "mobilenet0_25.params")
    x = mx.nd.array(np.random.RandomState(3).uniform(-1, 1, (1, 3, 32, 32)).astype(np.float32))
    net = mx.gluon.model_zoo.vision.mobilenet0_25(classes=4)
    if hybridize is None:
        net.initialize()
        net(x)
        _set_params(mx, net, 4242)
        net.save_parameters(path)
    else:
        net.load_parameters(path)
        if hybridize:
            net.hybridize()
    return {"y": _tolist(net(x))}


SCENARIOS = [structure, forward, files]
