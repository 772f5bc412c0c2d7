"""``Block.summary``: MXNet's table of layers, output shapes and parameter counts, printed to stdout."""
from collections import OrderedDict

from ..ndarray.ndarray import NDArray


def _shape_str(args):
    def shapes(a):
        if isinstance(a, (list, tuple)):
            return [shapes(e) for e in a]
        return a.shape if isinstance(a, NDArray) else a
    s = shapes(args)
    return (str(s)[1:-1] if isinstance(s, list) else str(s)).replace('L', '')


def summary(block, inputs):
    """Run ``block(*inputs)`` with hooks on every non-container block and print the table."""
    from .block import HybridBlock
    from .nn.basic_layers import Sequential, HybridSequential
    table = OrderedDict()
    seen = set()
    hooks = []

    def hook(blk, _, outputs):
        key = '%s-%i' % (blk.__class__.__name__, len(table))
        row = table[key] = OrderedDict(output_shape=_shape_str(outputs), trainable=0, shared=0)
        n = 0
        for p in blk.params.values():
            size = p.data().size
            n += size
            row['trainable'] += 0 if p.grad_req == 'null' else size
            if p in seen:
                row['shared'] += size
            else:
                seen.add(p)
        row['n_params'] = n

    def register(blk):
        assert not isinstance(blk, HybridBlock) or not blk._active, \
            '"{}" must not be hybridized to print summary.'.format(blk.name)
        if not isinstance(blk, (Sequential, HybridSequential)):
            hooks.append(blk.register_forward_hook(hook))

    table['Input'] = OrderedDict(output_shape=_shape_str(inputs), n_params=0, trainable=0, shared=0)
    try:
        block.apply(register)
        block(*inputs)
        fmt = '{:>20}  {:>42} {:>15}'
        print('-' * 80)
        print(fmt.format('Layer (type)', 'Output Shape', 'Param #'))
        print('=' * 80)
        total = trainable = shared = 0
        for layer, row in table.items():
            print(fmt.format(layer, str(row['output_shape']), row['n_params']))
            total += row['n_params']
            trainable += row['trainable']
            shared += row['shared']
        print('=' * 80)
        print('Parameters in forward computation graph, duplicate included')
        print('   Total params: ' + str(total))
        print('   Trainable params: ' + str(trainable))
        print('   Non-trainable params: ' + str(total - trainable))
        print('Shared params in forward computation graph: ' + str(shared))
        print('Unique parameters in model: ' + str(total - shared))
        print('-' * 80)
    finally:
        for h in hooks:
            h.detach()
