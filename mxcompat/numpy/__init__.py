"""Placeholder for MXNet's NumPy-compatible array API (`mx.np`): not provided by mxcompat
yet; every use raises NotImplementedError pointing to migration_guide.md (``mxcompat/_placeholder.py``)."""
from .._placeholder import module_getattr

__getattr__ = module_getattr("mx.np")
