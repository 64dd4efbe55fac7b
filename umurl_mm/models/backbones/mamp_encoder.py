from typing import Optional, Sequence, Union

import torch
import torch.nn as nn
from mmaction.registry import MODELS

from ...datasets.layout import NTU_LAYOUT, SkeletonLayout, get_layout
from ..layers import build_blocks, xavier_init
from .skeleton_encoder import SkeletonEncoder


class JointsEmbed(nn.Module):
    """Segment embedding: ``Conv2d(C -> D, kernel = stride = (s, 1))`` over
    ``(N, C, T, V)``, one token per ``s`` frames of one joint."""

    def __init__(self, in_channels: int, dim: int, segment_len: int) -> None:
        super().__init__()
        self.proj = nn.Conv2d(in_channels, dim, (segment_len, 1),
                              (segment_len, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``(N, T, V, C)`` -> ``(N, T / s, V, D)``."""
        return self.proj(x.permute(0, 3, 1, 2)).permute(0, 2, 3, 1)


@MODELS.register_module()
class MAMPEncoder(SkeletonEncoder):
    """MAMP's skeleton transformer encoder.

    Mao et al., *Masked Motion Predictors are Strong 3D Action
    Representation Learners*, ICCV 2023, https://arxiv.org/abs/2308.07092.

    Persons are folded into the batch (row ``n * M + m``; they never attend
    to each other). Each joint's frames are cut into segments of
    ``segment_len`` frames, one token each (:class:`JointsEmbed`), plus a
    learned joint embedding ``pos_embed`` ``(1, 1, V, D)`` and segment
    embedding ``temp_embed`` ``(1, T / s, 1, D)``; the ``T / s * V`` tokens,
    time-major (``l = V t + v``), run through ``depth`` pre-norm blocks and
    the final LayerNorm ``norm``. At full size (NTU: 120 frames, 25 joints,
    D = 256, 8 blocks) it has 6,336,000 parameters and the official
    checkpoints' key names under ``backbone.``.

    Its output is MMAction2's GCN layout ``(N, M, D, T / s, V)``, so
    ``GCNHead``, :class:`MAMPLinearHead` and :class:`MAMPFinetuneHead`
    compose with it under ``RecognizerGCN``.

    Args:
        num_frames (int): Frames T per clip; a multiple of ``segment_len``.
            Defaults to 120.
        num_person (int): Persons M. Defaults to 2.
        in_channels (int): Channels C per joint. Defaults to 3.
        layout (str | dict | SkeletonLayout): Skeleton layout (its joint
            count V). Defaults to NTU RGB+D.
        embed_dims (int): Token width D. Defaults to 256.
        depth (int): Blocks. Defaults to 8.
        num_heads (int): Attention heads. Defaults to 8.
        mlp_ratio (int): MLP expansion. Defaults to 4.
        segment_len (int): Frames per token. Defaults to 4.
        drop_path (float): Largest stochastic depth (linear over the
            blocks): 0 for pre-training and linear probing, 0.3 for
            fine-tuning. Defaults to 0.
        frozen (bool): Keep the encoder in eval mode with no gradients
            (linear probing). Defaults to False.
        init_cfg (dict, optional): E.g. ``dict(type='UmURLPretrained',
            checkpoint=PATH)`` for a plugin or official MAMP checkpoint.
    """

    def __init__(self,
                 num_frames: int = 120,
                 num_person: int = 2,
                 in_channels: int = 3,
                 layout: Union[str, dict, SkeletonLayout] = NTU_LAYOUT,
                 embed_dims: int = 256,
                 depth: int = 8,
                 num_heads: int = 8,
                 mlp_ratio: int = 4,
                 segment_len: int = 4,
                 drop_path: float = 0.,
                 frozen: bool = False,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if num_frames % segment_len:
            raise ValueError(f'num_frames={num_frames} is not a multiple of '
                             f'segment_len={segment_len}')
        self.layout = get_layout(layout)
        V = self.layout.num_joints
        self.input_shape = (num_person, num_frames, V, in_channels)
        self.hidden_dim = embed_dims
        self.segment_len = segment_len
        self.num_segments = num_frames // segment_len
        self.frozen = frozen
        self.modalities = ('joint', )
        self.joints_embed = JointsEmbed(in_channels, embed_dims, segment_len)
        self.temp_embed = nn.Parameter(
            torch.zeros(1, self.num_segments, 1, embed_dims))
        self.pos_embed = nn.Parameter(torch.zeros(1, 1, V, embed_dims))
        self.blocks = build_blocks(depth, embed_dims, num_heads, mlp_ratio,
                                   drop_path)
        self.norm = nn.LayerNorm(embed_dims)
        xavier_init(self.blocks)
        for p in (self.temp_embed, self.pos_embed):
            nn.init.trunc_normal_(p, std=0.02)
        if frozen:
            self.requires_grad_(False)

    @property
    def out_channels(self) -> int:
        """Width of the tokens and of the pooled feature, D."""
        return self.hidden_dim

    @property
    def num_tokens(self) -> int:
        """Tokens per person, ``T / s * V``."""
        return self.num_segments * self.layout.num_joints

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        """Tokens of folded clips: ``(NM, T, V, C)`` -> ``(NM, L, D)``,
        joint and segment embeddings added."""
        tokens = self.joints_embed(x) + self.pos_embed + self.temp_embed
        return tokens.flatten(1, 2)

    def encode(self, tokens: torch.Tensor) -> torch.Tensor:
        """The blocks and the final norm on ``(NM, L', D)`` tokens."""
        for block in self.blocks:
            tokens = block(tokens)
        return self.norm(tokens)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Encode ``(N, M, T, V, C)`` joints, all tokens, no masking.

        Returns:
            torch.Tensor: ``(N, M, D, T / s, V)`` token features.
        """
        self.check_input(x)
        N, M, _, V, _ = x.shape
        tokens = self.encode(self.embed(x.flatten(0, 1)))
        return tokens.view(N, M, self.num_segments, V, -1).permute(
            0, 1, 4, 2, 3)

    def pooled(self,
               x: torch.Tensor,
               modalities: Optional[Sequence[str]] = None) -> torch.Tensor:
        """The clip feature of ``(N, M, T, V, C)`` joints: the tokens
        averaged over persons, segments and joints, ``(N, D)`` (the linear
        probe's and kNN's feature). MAMP reads joints only: ``modalities``
        may be ``None`` or ``['joint']``."""
        if modalities is not None and list(modalities) != ['joint']:
            raise ValueError(f'MAMPEncoder reads joints only, got '
                             f'modalities={list(modalities)}')
        return self(x).mean((1, 3, 4))
