from .fp32_gcn_head import FP32GCNHead
from .mamp_finetune_head import MAMPFinetuneHead
from .mamp_linear_head import MAMPLinearHead

__all__ = ['FP32GCNHead', 'MAMPFinetuneHead', 'MAMPLinearHead']
