import torch
from mmaction.models.heads import GCNHead
from mmaction.registry import MODELS


@MODELS.register_module()
class FP32GCNHead(GCNHead):
    """MMAction2's ``GCNHead`` with float32 class scores under autocast.

    Under bf16 autocast the classifier's scores are bfloat16, and
    MMAction2's ``BaseHead.loss_by_feat`` computes the training accuracy in
    NumPy, which has no bfloat16 (``TypeError: Got unsupported ScalarType
    BFloat16``). The scores are cast to float32 (a no-op without autocast);
    the arguments and the state dict are ``GCNHead``'s.
    """

    def forward(self, x: torch.Tensor, **kwargs) -> torch.Tensor:
        """Class scores of ``(N, M, C, T, V)`` features, in float32."""
        return super().forward(x, **kwargs).float()
