"""Packages mxcompat does not provide import, and every use raises NotImplementedError pointing to the guide."""
import importlib

import pytest

import mxcompat as mx


@pytest.mark.parametrize("module, api, attr", [
    ("mxcompat.numpy", "mx.np", "array"), ("mxcompat.numpy_extension", "mx.npx", "set_np"),
    ("mxcompat.contrib.onnx", "mx.contrib.onnx", "import_model"), ("mxcompat.contrib.amp", "mx.contrib.amp", "init"),
    ("mxcompat.contrib.quantization", "mx.contrib.quantization", "quantize_model"),
    ("mxcompat.contrib.tensorboard", "mx.contrib.tensorboard", "LogMetricsCallback"),
    ("mxcompat.contrib.text", "mx.contrib.text", "vocab"),
])
def test_placeholder_module_raises_on_use(module, api, attr):
    mod = importlib.import_module(module)
    with pytest.raises(NotImplementedError, match=r"{}\.{} is not supported.*migration_guide.md".format(
            api.replace(".", r"\."), attr)):
        getattr(mod, attr)
    assert not hasattr(mod, "__wrapped__")  # introspection still sees AttributeError


def test_namespace_aliases():
    assert mx.np is importlib.import_module("mxcompat.numpy")
    assert mx.npx is importlib.import_module("mxcompat.numpy_extension")
    assert mx.contrib.onnx is importlib.import_module("mxcompat.contrib.onnx")
