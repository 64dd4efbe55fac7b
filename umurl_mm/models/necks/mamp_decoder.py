import torch
import torch.nn as nn
from mmaction.registry import MODELS

from ..layers import build_blocks, xavier_init


@MODELS.register_module()
class MAMPDecoder(nn.Module):
    """MAMP's decoder: the visible tokens' encodings back on the full grid.

    ``embed`` (Linear D -> D') of the encoder's kept tokens, ``mask_token``
    in every masked place, the tokens put back in their order, the
    decoder's own joint and segment embeddings added to all of them,
    ``depth`` blocks, ``norm`` and ``pred`` (Linear D' -> s * C). The
    official checkpoints' ``mask_token`` and ``decoder_*`` keys are
    ``decoder.*`` here.

    Args:
        num_segments (int): Segments per clip, T / s (30).
        num_joints (int): Joints V (25).
        in_dims (int): Encoder width D. Defaults to 256.
        embed_dims (int): Decoder width D'. Defaults to 256.
        depth (int): Blocks: 3 (NTU-60) or 5 (NTU-120, PKU-MMD).
            Defaults to 3.
        num_heads (int): Attention heads. Defaults to 8.
        mlp_ratio (int): MLP expansion. Defaults to 4.
        out_dims (int): Values per target patch, s * C. Defaults to 12.
    """

    def __init__(self,
                 num_segments: int,
                 num_joints: int,
                 in_dims: int = 256,
                 embed_dims: int = 256,
                 depth: int = 3,
                 num_heads: int = 8,
                 mlp_ratio: int = 4,
                 out_dims: int = 12) -> None:
        super().__init__()
        self.embed = nn.Linear(in_dims, embed_dims)
        self.mask_token = nn.Parameter(torch.zeros(1, 1, embed_dims))
        self.temp_embed = nn.Parameter(
            torch.zeros(1, num_segments, 1, embed_dims))
        self.pos_embed = nn.Parameter(torch.zeros(1, 1, num_joints,
                                                  embed_dims))
        self.blocks = build_blocks(depth, embed_dims, num_heads, mlp_ratio)
        self.norm = nn.LayerNorm(embed_dims)
        self.pred = nn.Linear(embed_dims, out_dims)
        xavier_init(self)
        for p in (self.mask_token, self.temp_embed, self.pos_embed):
            nn.init.trunc_normal_(p, std=0.02)

    def forward(self, latent: torch.Tensor,
                ids_restore: torch.Tensor) -> torch.Tensor:
        """Predict every token's patch.

        Args:
            latent (torch.Tensor): ``(N, K, D)`` encodings of the kept
                tokens, in key order.
            ids_restore (torch.Tensor): ``(N, L)`` from the masking.

        Returns:
            torch.Tensor: ``(N, L, out_dims)``.
        """
        x = self.embed(latent)
        N, K, D = x.shape
        L = ids_restore.shape[1]
        x = torch.cat([x, self.mask_token.expand(N, L - K, D)], 1)
        x = torch.gather(x, 1, ids_restore[..., None].expand(N, L, D))
        x = x + (self.temp_embed + self.pos_embed).flatten(1, 2)
        for block in self.blocks:
            x = block(x)
        return self.pred(self.norm(x))
