import torch
import torch.nn as nn
from mmaction.models.heads.base import BaseHead
from mmaction.registry import MODELS


@MODELS.register_module()
class MAMPFinetuneHead(BaseHead):
    """MAMP's fine-tuning head.

    Dropout on the ``(N, M, D, T, V)`` token features, the mean over
    segments, each person's joints concatenated (joint-major, ``V * D``),
    the mean over persons, then ``fc1`` (``V * D -> hidden``) -> ``bn`` ->
    ReLU -> ``fc2``; class scores in float32. Linear layers start
    Xavier-uniform, biases 0. The official ``head.fc1`` / ``head.bn`` /
    ``head.fc2`` keys are ``cls_head.*`` here.

    Args:
        num_classes (int): Classes.
        in_channels (int): ``V * D`` (6400 for NTU's 25 joints, D = 256).
        hidden_channels (int): Width of ``fc1``. Defaults to 2048.
        dropout (float): Dropout on the tokens. Defaults to 0.3.
        **kwargs: ``BaseHead``'s (``loss_cls``, ``label_smooth_eps``, ...;
            ``average_clips`` defaults to ``'prob'``, as ``GCNHead``'s).
    """

    def __init__(self,
                 num_classes: int,
                 in_channels: int,
                 hidden_channels: int = 2048,
                 dropout: float = 0.3,
                 **kwargs) -> None:
        kwargs.setdefault('average_clips', 'prob')  # as GCNHead
        super().__init__(num_classes, in_channels, **kwargs)
        self.dropout = nn.Dropout(dropout)
        self.fc1 = nn.Linear(in_channels, hidden_channels)
        self.bn = nn.BatchNorm1d(hidden_channels)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(hidden_channels, num_classes)

    def init_weights(self) -> None:
        """Linear layers Xavier-uniform, biases 0."""
        for fc in (self.fc1, self.fc2):
            nn.init.xavier_uniform_(fc.weight)
            nn.init.zeros_(fc.bias)

    def forward(self, x: torch.Tensor, **kwargs) -> torch.Tensor:
        """Class scores of ``(N, M, D, T, V)`` token features."""
        x = self.dropout(x).mean(3)  # (N, M, D, V)
        if x.shape[2] * x.shape[3] != self.in_channels:
            raise ValueError(
                f'{type(self).__name__}: in_channels={self.in_channels} '
                f'but the tokens give V * D = {x.shape[3]} * {x.shape[2]}')
        x = x.transpose(2, 3).flatten(2).mean(1)
        return self.fc2(self.relu(self.bn(self.fc1(x)))).float()
