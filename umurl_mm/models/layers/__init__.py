from .dst_layer import DSTLayer
from .vit_block import ViTBlock, build_blocks, xavier_init

__all__ = ['DSTLayer', 'ViTBlock', 'build_blocks', 'xavier_init']
