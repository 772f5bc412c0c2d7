"""``mx.kvstore.KVStoreServer``: the server node of a distributed store.

MXNet contract (1.9.1): ``KVStoreServer(kvstore)`` wraps a 'dist' store; ``run()`` serves pushes and pulls
until the cluster stops, passing commands to its controller (command 0 carries a pickled optimizer for
``set_optimizer``). Importing ``mxnet`` on a ps-lite server node runs a server and exits.

Distributed stores need a cluster, which mxcompat does not provide: ``run()`` raises NotImplementedError.
"""
import logging
import pickle

from ..base import unsupported

__all__ = ["KVStoreServer"]


class KVStoreServer(object):
    """The key-value store server."""

    def __init__(self, kvstore):
        self.kvstore = kvstore
        self.handle = kvstore.handle
        self.init_logginig = False   # sic: MXNet's attribute name

    def _controller(self):
        """The server's command handler: command 0 sets the optimizer it carries."""
        def server_controller(cmd_id, cmd_body, _):
            if not self.init_logginig:
                head = '%(asctime)-15s Server[' + str(self.kvstore.rank) + '] %(message)s'
                logging.basicConfig(level=logging.DEBUG, format=head)
                self.init_logginig = True
            if cmd_id == 0:
                self.kvstore.set_optimizer(pickle.loads(cmd_body))
            else:
                print("server %d, unknown command (%d, %s)" % (self.kvstore.rank, cmd_id, cmd_body))
        return server_controller

    def run(self):
        """Serve a distributed store (needs a cluster: NotImplementedError)."""
        raise unsupported("mx.kvstore.KVStoreServer.run", "distributed kvstores need a cluster")
