from .layer_decay import LayerDecayOptimWrapperConstructor, layer_id
from .plain_groups import PlainGroupsOptimWrapperConstructor

__all__ = [
    'LayerDecayOptimWrapperConstructor', 'PlainGroupsOptimWrapperConstructor',
    'layer_id'
]
