from .fp32_gcn_head import FP32GCNHead

__all__ = ['FP32GCNHead']
