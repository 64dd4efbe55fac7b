from .layer_decay import LayerDecayOptimWrapperConstructor, layer_id

__all__ = ['LayerDecayOptimWrapperConstructor', 'layer_id']
