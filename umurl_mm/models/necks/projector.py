import torch.nn as nn
from mmaction.registry import MODELS

from .global_batch_norm import GlobalBatchNorm1d


@MODELS.register_module()
class UmURLProjector(nn.Sequential):
    """UmURL's projector: (Linear -> BN -> ReLU) x 2 -> Linear.

    Sub-module indices 0..6 match the official checkpoints. The BNs take
    their training statistics over the global batch of all ranks
    (:class:`GlobalBatchNorm1d`, the official SyncBatchNorm's computation,
    on any backend).

    Args:
        in_channels (int): Input width. Defaults to 2048.
        hidden_channels (int): Hidden width. Defaults to 2048.
        out_channels (int): Embedding width. Defaults to 4096.
    """

    def __init__(self,
                 in_channels: int = 2048,
                 hidden_channels: int = 2048,
                 out_channels: int = 4096) -> None:
        super().__init__(
            nn.Linear(in_channels, hidden_channels),
            GlobalBatchNorm1d(hidden_channels), nn.ReLU(inplace=True),
            nn.Linear(hidden_channels, hidden_channels),
            GlobalBatchNorm1d(hidden_channels), nn.ReLU(inplace=True),
            nn.Linear(hidden_channels, out_channels))
