"""``mx.kv`` / ``mx.kvstore``: MXNet 1.9.1's key-value store for a single process ('local', 'device' and their
aliases, stores registered with ``KVStoreBase.register``); distributed stores raise NotImplementedError."""
from .kvstore import KVStore
from .base import create, KVStoreBase
from .kvstore_server import KVStoreServer

__all__ = ["KVStore", "create", "KVStoreBase", "KVStoreServer"]
