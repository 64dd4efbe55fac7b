import torch
import torch.nn as nn
from mmaction.models.heads.base import BaseHead
from mmaction.registry import MODELS


@MODELS.register_module()
class MAMPLinearHead(BaseHead):
    """MAMP's linear probe: the token features averaged over persons,
    segments and joints, BatchNorm without affine parameters (eps 1e-6),
    then ``fc``; class scores in float32.

    ``fc`` starts trunc-normal (std 0.01), bias 0. The official
    ``head.fc.0`` / ``head.fc.1`` keys are ``cls_head.bn`` /
    ``cls_head.fc`` here.

    Args:
        num_classes (int): Classes.
        in_channels (int): Token width D.
        **kwargs: ``BaseHead``'s (``loss_cls``, ``topk``, ...;
            ``average_clips`` defaults to ``'prob'``, as ``GCNHead``'s).
    """

    def __init__(self, num_classes: int, in_channels: int, **kwargs) -> None:
        kwargs.setdefault('average_clips', 'prob')  # as GCNHead
        super().__init__(num_classes, in_channels, **kwargs)
        self.bn = nn.BatchNorm1d(in_channels, affine=False, eps=1e-6)
        self.fc = nn.Linear(in_channels, num_classes)

    def init_weights(self) -> None:
        """``fc`` trunc-normal (std 0.01), bias 0."""
        nn.init.trunc_normal_(self.fc.weight, std=0.01)
        nn.init.zeros_(self.fc.bias)

    def forward(self, x: torch.Tensor, **kwargs) -> torch.Tensor:
        """Class scores of ``(N, M, D, T, V)`` token features."""
        return self.fc(self.bn(x.mean((1, 3, 4)))).float()
