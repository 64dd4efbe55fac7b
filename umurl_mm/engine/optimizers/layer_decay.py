import re
from typing import List

import torch.nn as nn
from mmaction.registry import OPTIM_WRAPPER_CONSTRUCTORS
from mmengine.logging import print_log

from .plain_groups import PlainGroupsOptimWrapperConstructor

#: parameters of layer 0: the token embeddings
_EMBEDDINGS = ('backbone.joints_embed.', 'backbone.temp_embed',
               'backbone.pos_embed')


def layer_id(name: str, num_layers: int) -> int:
    """The layer of a parameter for layer-wise learning-rate decay: 0 for
    the embeddings, ``k + 1`` for ``backbone.blocks.k``, ``num_layers + 1``
    for the rest (the final norm and the head)."""
    if name.startswith(_EMBEDDINGS):
        return 0
    found = re.match(r'backbone\.blocks\.(\d+)\.', name)
    return int(found[1]) + 1 if found else num_layers + 1


@OPTIM_WRAPPER_CONSTRUCTORS.register_module()
class LayerDecayOptimWrapperConstructor(PlainGroupsOptimWrapperConstructor):
    """Layer-wise learning-rate decay for a transformer backbone with
    ``blocks`` (MAMP's fine-tuning, after BEiT/MAE).

    A parameter of layer ``i`` (:func:`layer_id`, ``n`` blocks) gets the
    learning rate ``lr * decay_rate ** (n + 1 - i)``; one-dimensional
    parameters (biases, norms) get no weight decay, every other one the
    optimizer's (the embeddings included, as in the official code). Frozen
    parameters are left out. Set with::

        optim_wrapper = dict(
            optimizer=dict(type='AdamW', lr=3e-4, weight_decay=0.05),
            constructor='LayerDecayOptimWrapperConstructor',
            paramwise_cfg=dict(decay_rate=0.8))
    """

    def add_params(self, params: List, module: nn.Module, **kwargs) -> None:
        """One parameter group per (layer, weight decay or not)."""
        rate = self.paramwise_cfg.get('decay_rate', 1.0)
        num_layers = len(module.backbone.blocks)
        groups = {}
        for name, param in module.named_parameters():
            if not param.requires_grad:
                continue
            i = layer_id(name, num_layers)
            decay = param.ndim > 1
            key = (i, decay)
            if key not in groups:
                groups[key] = dict(
                    params=[],
                    lr=self.base_lr * rate**(num_layers + 1 - i),
                    weight_decay=self.base_wd if decay else 0.)
            groups[key]['params'].append(param)
        params.extend(groups[key] for key in sorted(groups))
        print_log(
            f'{type(self).__name__}: {len(groups)} groups over '
            f'{num_layers + 2} layers, decay rate {rate}', logger='current')
