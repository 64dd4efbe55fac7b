import torch
from mmaction.registry import MODELS

from ..utils.tokens import encoder_layers
from .dste import DSTE


@MODELS.register_module()
class STTR(DSTE):
    """USDRL's baseline encoder: :class:`DSTE` with each stream a
    ``num_layers``-layer post-norm Transformer encoder (one head, width and
    feed-forward ``hidden_dim``, ReLU, no dropout) in place of the DST
    layers, the position codes added once before it. Same tokens,
    embeddings, pooling, projectors, losses and protocols; ``drop_path``
    is not used.
    """

    def build_streams(self, num_frames: int, num_joints: int,
                      num_layers: int, drop_path: float) -> None:
        """Two Transformer encoders."""
        self.temporal_layers = encoder_layers(self.hidden_dim, num_layers, 1)
        self.spatial_layers = encoder_layers(self.hidden_dim, num_layers, 1)

    def encode_streams(self, temporal: torch.Tensor,
                       spatial: torch.Tensor):
        """Position codes once, then the encoders."""
        pos = self.pos_embed[:, :temporal.shape[1]]
        return (self.temporal_layers(temporal + pos),
                self.spatial_layers(spatial + self.spatial_pos))
