from typing import Optional, Sequence, Tuple, Union

import torch
import torch.nn as nn
from mmaction.registry import MODELS

from ...datasets.layout import (NTU_LAYOUT, SkeletonLayout, bone_parents,
                                get_layout)
from ..utils import (MODALITIES, check_modalities, full_precision,
                     sinusoidal_position_code,
                     to_modality)
from ..utils.tokens import embedding, encoder_layers, skeleton_tokens
from .skeleton_encoder import SkeletonEncoder


@MODELS.register_module()
class UmURL(SkeletonEncoder):
    """UmURL's unified multi-modal skeleton encoder.

    Joint, bone and motion are computed from the input joints on the
    device. Each chosen modality gets its own temporal (one token per
    frame, ``M*V*C`` wide) and spatial (one token per joint ``m*V + v``,
    ``T*C`` wide) embedding; several modalities are averaged and passed
    through a bias-free fusion layer (early fusion). A shared
    modality-agnostic encoder (one Transformer layer per stream, position
    code on the temporal stream) is max-pooled per stream, and the two
    streams are concatenated into a ``2 * hidden_dim`` representation.

    The output has MMAction2's GCN layout ``(N, 1, 2 * hidden_dim, 1, 1)``,
    so ``RecognizerGCN`` + ``GCNHead(in_channels=2 * hidden_dim)`` work on
    top of it without glue.

    Args:
        modalities (Sequence[str]): Default input modalities, any non-empty
            subset of ``('joint', 'bone', 'motion')``. Defaults to all. The
            weights of the others are kept (checkpoints have one layout)
            but frozen.
        num_frames (int): Frames T per sample. Defaults to 64.
        num_person (int): Persons M. Defaults to 2.
        in_channels (int): Channels C per joint: the layout's coordinates,
            plus one for a 2D layout fed with its keypoint scores.
            Defaults to 3.
        hidden_dim (int): Width H. Defaults to 1024.
        num_layers (int): Transformer layers per stream. Defaults to 1.
        num_heads (int): Attention heads. Defaults to 1.
        max_len (int): Length of the position code. Defaults to 200.
        layout (str | dict | SkeletonLayout): Skeleton layout
            (:func:`get_layout`): the joints V and the bones (a dict layout
            for joints or bones of your own). Defaults to NTU RGB+D.
        frozen (bool): Keep the encoder in eval mode with no gradients
            (linear evaluation). Defaults to False.
        init_cfg (dict, optional): ``dict(type='UmURLPretrained',
            checkpoint=PATH)`` loads the encoder strictly from a plugin or
            official UmURL checkpoint (:class:`UmURLPretrainedInit`).
    """

    def __init__(self,
                 modalities: Sequence[str] = MODALITIES,
                 num_frames: int = 64,
                 num_person: int = 2,
                 in_channels: int = 3,
                 hidden_dim: int = 1024,
                 num_layers: int = 1,
                 num_heads: int = 1,
                 max_len: int = 200,
                 layout: Union[str, dict, SkeletonLayout] = NTU_LAYOUT,
                 frozen: bool = False,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if num_frames > max_len:
            raise ValueError(f'num_frames={num_frames} exceeds the position '
                             f'code length max_len={max_len}')
        self.modalities = check_modalities(modalities)
        self.layout = get_layout(layout)
        num_joints = self.layout.num_joints
        if not self.layout.num_coords <= in_channels <= (
                self.layout.num_coords + 1):
            raise ValueError(
                f'in_channels={in_channels} does not fit the '
                f'{self.layout.name!r} layout ({self.layout.num_coords} '
                'coordinates, plus 1 with keypoint scores)')
        self.input_shape = (num_person, num_frames, num_joints, in_channels)
        self.hidden_dim = hidden_dim
        self.frozen = frozen
        #: inputs are this encoder's own outputs, passed through (set by
        #: FrozenFeatureCacheHook while it feeds cached features)
        self.precomputed = False
        self.register_buffer(
            'parents',
            torch.tensor(bone_parents(self.layout.bone_pairs, num_joints)),
            persistent=False)
        temporal_in = num_person * num_joints * in_channels
        spatial_in = num_frames * in_channels
        self.embeddings = nn.ModuleDict({
            m: nn.ModuleDict({
                'temporal': embedding(temporal_in, hidden_dim),
                'spatial': embedding(spatial_in, hidden_dim)
            })
            for m in MODALITIES
        })
        self.fusion = nn.ModuleDict({
            'temporal': nn.Linear(hidden_dim, hidden_dim, bias=False),
            'spatial': nn.Linear(hidden_dim, hidden_dim, bias=False)
        })
        self.register_buffer('pos_embed',
                             sinusoidal_position_code(max_len, hidden_dim))
        self.temporal_encoder = encoder_layers(hidden_dim, num_layers,
                                               num_heads)
        self.spatial_encoder = encoder_layers(hidden_dim, num_layers,
                                              num_heads)
        # Every modality's embeddings and the fusion layer exist whatever
        # the subset, so that official and full-modality checkpoints load
        # strictly into any subset; those the subset does not use are
        # frozen, so DDP (find_unused_parameters=False) sees only
        # parameters that get gradients.
        for module in self.unused_modules():
            module.requires_grad_(False)
        if frozen:
            self.requires_grad_(False)

    def unused_modules(self) -> Tuple[nn.Module, ...]:
        """The embeddings of the modalities outside ``modalities`` and,
        with a single modality, the fusion layer: never run in training."""
        unused = [self.embeddings[m] for m in MODALITIES
                  if m not in self.modalities]
        if len(self.modalities) == 1:
            unused.append(self.fusion)
        return tuple(unused)

    def embed(self, x: torch.Tensor,
              modalities: Sequence[str]) -> Tuple[torch.Tensor, torch.Tensor]:
        """Embed (and fuse) the chosen modalities into token sequences.

        Args:
            x (torch.Tensor): ``(N, M, T, V, C)`` joints.
            modalities (Sequence[str]): Non-empty modality subset.

        Returns:
            tuple[torch.Tensor]: Temporal tokens ``(N, T, H)`` and spatial
            tokens ``(N, M*V, H)``.
        """
        self.check_input(x)
        modalities = check_modalities(modalities)
        tokens = [self.embed_modality(x, name) for name in modalities]
        return self.fuse([t for t, _ in tokens], [s for _, s in tokens])

    def embed_modality(self, x: torch.Tensor,
                       name: str) -> Tuple[torch.Tensor, torch.Tensor]:
        """One modality's temporal and spatial token embeddings.

        Args:
            x (torch.Tensor): ``(N, M, T, V, C)`` joints.
            name (str): The modality.

        Returns:
            tuple[torch.Tensor]: ``(N, T, H)`` and ``(N, M*V, H)``.
        """
        t_tok, s_tok = skeleton_tokens(to_modality(x, name, self.parents))
        return (self.embeddings[name]['temporal'](t_tok),
                self.embeddings[name]['spatial'](s_tok))

    def fuse(self, temporal: Sequence[torch.Tensor],
             spatial: Sequence[torch.Tensor]
             ) -> Tuple[torch.Tensor, torch.Tensor]:
        """Early fusion of the modalities' embeddings: one modality's as
        they are, several averaged and mapped by the fusion layer."""
        if len(temporal) == 1:
            return temporal[0], spatial[0]
        return (self.fusion['temporal'](sum(temporal) / len(temporal)),
                self.fusion['spatial'](sum(spatial) / len(spatial)))

    def encode(self, temporal: torch.Tensor,
               spatial: torch.Tensor) -> torch.Tensor:
        """Run the modality-agnostic encoder and pool.

        Args:
            temporal (torch.Tensor): ``(N, T, H)`` tokens.
            spatial (torch.Tensor): ``(N, M*V, H)`` tokens.

        Returns:
            torch.Tensor: ``(N, 2H)`` representation [temporal, spatial].
        """
        temporal = temporal + self.pos_embed[:, :temporal.shape[1]]
        # max-pooled in at least float32 (a no-op without autocast): in bf16,
        # inductor's backward of amax gives non-finite gradients
        temporal = full_precision(self.temporal_encoder(temporal)).amax(1)
        spatial = full_precision(self.spatial_encoder(spatial)).amax(1)
        return torch.cat([temporal, spatial], dim=1)

    def forward(self,
                x: torch.Tensor,
                modalities: Optional[Sequence] = None) -> torch.Tensor:
        """Encode joints into the ``2H`` representation.

        Two forms:

        - ``x`` ``(N, M, T, V, C)`` and a modality subset (default: the
          configured one): returns ``(N, 1, 2H, 1, 1)``, MMAction2's GCN
          layout;
        - views ``x`` ``(B, K, M, T, V, C)`` and ``K`` modality subsets, one
          per view (pre-training, see :func:`view_modalities`): every view
          is embedded with its subset and all share one encoder pass;
          returns ``(B, K, 2H)``.

        Args:
            x (torch.Tensor): Joints, or views of joints.
            modalities (Sequence, optional): A modality subset, or one per
                view.

        Returns:
            torch.Tensor: The representations.
        """
        if self.precomputed:
            return x
        if x.ndim == 6:
            return self._forward_views(x, modalities)
        if modalities is None:
            modalities = self.modalities
        feat = self.encode(*self.embed(x, modalities))
        return feat[:, None, :, None, None]

    def _forward_views(self, x: torch.Tensor,
                       view_sets: Sequence[Sequence[str]]) -> torch.Tensor:
        B, K = x.shape[:2]
        if view_sets is None or len(view_sets) != K or any(
                isinstance(s, str) for s in view_sets):
            raise ValueError(f'{K} views need {K} modality subsets, one per '
                             f'view, got {view_sets!r}')
        self.check_input(x[:, 0])
        view_sets = [check_modalities(s) for s in view_sets]
        # each modality embeds all the views that use it in one pass
        embedded = [dict() for _ in range(K)]
        for name in MODALITIES:
            users = [k for k, s in enumerate(view_sets) if name in s]
            if not users:
                continue
            rows = x[:, users].transpose(0, 1).flatten(0, 1)  # view-major
            t_emb, s_emb = self.embed_modality(rows, name)
            for k, t, s in zip(users, t_emb.split(B), s_emb.split(B)):
                embedded[k][name] = (t, s)
        tokens = [self.fuse(*zip(*(embedded[k][m] for m in view_sets[k])))
                  for k in range(K)]
        temporal, spatial = (torch.cat(t) for t in zip(*tokens))
        feats = self.encode(temporal, spatial)  # (K * B, 2H), view-major
        return feats.view(K, B, -1).transpose(0, 1)
