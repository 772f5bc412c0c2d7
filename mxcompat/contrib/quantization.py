"""Placeholder for INT8 quantization (`mx.contrib.quantization`): not provided by mxcompat
yet; every use raises NotImplementedError pointing to migration_guide.md (``mxcompat/_placeholder.py``)."""
from .._placeholder import module_getattr

__getattr__ = module_getattr("mx.contrib.quantization")
