"""Inception V3 (Szegedy et al. 2015) with MXNet 1.9.1's block tree (``A1_``..``E2_`` HybridConcurrent stages of
conv-BN(eps 1e-3)-ReLU branches); expects 299x299 inputs."""
import os

from ....context import cpu
from ...block import HybridBlock
from ... import nn
from ...contrib.nn import HybridConcurrent
from .... import base
from ..model_store import load_pretrained

__all__ = ['Inception3', 'inception_v3']

_SETTING_NAMES = ['channels', 'kernel_size', 'strides', 'padding']


def _make_basic_conv(**kwargs):
    out = nn.HybridSequential(prefix='')
    out.add(nn.Conv2D(use_bias=False, **kwargs), nn.BatchNorm(epsilon=0.001), nn.Activation('relu'))
    return out


def _make_branch(use_pool, *conv_settings):
    """Optional pooling then one basic conv per ``(channels, kernel, strides, padding)`` (None = default)."""
    out = nn.HybridSequential(prefix='')
    if use_pool == 'avg':
        out.add(nn.AvgPool2D(pool_size=3, strides=1, padding=1))
    elif use_pool == 'max':
        out.add(nn.MaxPool2D(pool_size=3, strides=2))
    for setting in conv_settings:
        out.add(_make_basic_conv(**{k: v for k, v in zip(_SETTING_NAMES, setting) if v is not None}))
    return out


def _concurrent(prefix, *branches):
    out = HybridConcurrent(axis=1, prefix=prefix)
    with out.name_scope():
        for branch in branches:
            out.add(branch() if callable(branch) else _make_branch(*branch))
    return out


def _make_A(pool_features, prefix):
    return _concurrent(prefix, (None, (64, 1, None, None)),
                       (None, (48, 1, None, None), (64, 5, None, 2)),
                       (None, (64, 1, None, None), (96, 3, None, 1), (96, 3, None, 1)),
                       ('avg', (pool_features, 1, None, None)))


def _make_B(prefix):
    return _concurrent(prefix, (None, (384, 3, 2, None)),
                       (None, (64, 1, None, None), (96, 3, None, 1), (96, 3, 2, None)),
                       ('max',))


def _make_C(c7, prefix):
    return _concurrent(prefix, (None, (192, 1, None, None)),
                       (None, (c7, 1, None, None), (c7, (1, 7), None, (0, 3)), (192, (7, 1), None, (3, 0))),
                       (None, (c7, 1, None, None), (c7, (7, 1), None, (3, 0)), (c7, (1, 7), None, (0, 3)),
                        (c7, (7, 1), None, (3, 0)), (192, (1, 7), None, (0, 3))),
                       ('avg', (192, 1, None, None)))


def _make_D(prefix):
    return _concurrent(prefix, (None, (192, 1, None, None), (320, 3, 2, None)),
                       (None, (192, 1, None, None), (192, (1, 7), None, (0, 3)), (192, (7, 1), None, (3, 0)),
                        (192, 3, 2, None)),
                       ('max',))


def _split_3x3(head):
    """A branch ``head`` followed by a HybridConcurrent of the 1x3 and 3x1 convolutions."""
    def build():
        seq = nn.HybridSequential(prefix='')
        seq.add(_make_branch(*head))
        split = HybridConcurrent(axis=1, prefix='')
        split.add(_make_branch(None, (384, (1, 3), None, (0, 1))), _make_branch(None, (384, (3, 1), None, (1, 0))))
        seq.add(split)
        return seq
    return build


def _make_E(prefix):
    return _concurrent(prefix, (None, (320, 1, None, None)),
                       _split_3x3((None, (384, 1, None, None))),
                       _split_3x3((None, (448, 1, None, None), (384, 3, None, 1))),
                       ('avg', (192, 1, None, None)))


def make_aux(classes):
    """The auxiliary classifier head (not part of Inception3's forward)."""
    out = nn.HybridSequential(prefix='')
    out.add(nn.AvgPool2D(pool_size=5, strides=3), _make_basic_conv(channels=128, kernel_size=1),
            _make_basic_conv(channels=768, kernel_size=5), nn.Flatten(), nn.Dense(classes))
    return out


class Inception3(HybridBlock):
    """Inception V3."""

    def __init__(self, classes=1000, **kwargs):
        super(Inception3, self).__init__(**kwargs)
        with self.name_scope():
            self.features = nn.HybridSequential(prefix='')
            f = self.features
            f.add(_make_basic_conv(channels=32, kernel_size=3, strides=2), _make_basic_conv(channels=32, kernel_size=3),
                  _make_basic_conv(channels=64, kernel_size=3, padding=1), nn.MaxPool2D(pool_size=3, strides=2),
                  _make_basic_conv(channels=80, kernel_size=1), _make_basic_conv(channels=192, kernel_size=3),
                  nn.MaxPool2D(pool_size=3, strides=2))
            f.add(_make_A(32, 'A1_'), _make_A(64, 'A2_'), _make_A(64, 'A3_'), _make_B('B_'))
            f.add(_make_C(128, 'C1_'), _make_C(160, 'C2_'), _make_C(160, 'C3_'), _make_C(192, 'C4_'))
            f.add(_make_D('D_'), _make_E('E1_'), _make_E('E2_'), nn.AvgPool2D(pool_size=8), nn.Dropout(0.5))
            self.output = nn.Dense(classes)

    def hybrid_forward(self, F, x):
        return self.output(self.features(x))


def inception_v3(pretrained=False, ctx=cpu(), root=os.path.join(base.data_dir(), 'models'), **kwargs):
    """Inception V3; ``pretrained`` loads ``root/inceptionv3-<hash>.params`` (never downloaded)."""
    net = Inception3(**kwargs)
    if pretrained:
        load_pretrained(net, 'inceptionv3', ctx, root)
    return net
