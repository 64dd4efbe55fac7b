from typing import Optional, Sequence, Tuple, Union

import torch
import torch.nn as nn
from mmaction.registry import MODELS

from ...datasets.layout import (NTU_LAYOUT, SkeletonLayout, bone_parents,
                                get_layout)
from ..layers import DSTLayer
from ..utils import (check_modalities, full_precision,
                     sinusoidal_position_code, to_modality)
from ..utils.tokens import embedding, skeleton_tokens
from .skeleton_encoder import SkeletonEncoder


def trunc_normal_init(module: nn.Module) -> None:
    """USDRL's initialisation: every ``nn.Linear`` weight trunc-normal
    (std 0.02, bounds +-2, in effect N(0, 0.02^2)), biases 0; LayerNorms 1
    and 0. Attention input projections (not ``nn.Linear``) keep PyTorch's
    Xavier-uniform; convolutions and BatchNorm their defaults."""
    for m in module.modules():
        if isinstance(m, nn.Linear):
            nn.init.trunc_normal_(m.weight, std=0.02, a=-2.0, b=2.0)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.LayerNorm):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)


@MODELS.register_module()
class DSTE(SkeletonEncoder):
    """USDRL's Dense Spatio-Temporal Encoder, for one modality.

    Weng et al., *USDRL: Unified Skeleton-Based Dense Representation
    Learning with Multi-Grained Feature Decorrelation*, AAAI 2025,
    https://arxiv.org/abs/2412.09220.

    The modality (joint, bone or motion: UmURL's definitions) is computed
    from the input joints on the device. UmURL's temporal (one per frame)
    and spatial (one per person-joint) tokens are embedded (Linear ->
    LayerNorm -> ReLU -> Linear per stream), and each stream runs
    ``num_layers`` :class:`DSTLayer` s; the temporal stream adds the fixed
    sinusoidal position code before every layer, the spatial stream a
    learnable position embedding (trunc-normal, std 0.02), the same
    tensor before every layer. No final norm. The dense features are the
    two streams' outputs (:meth:`dense`); the global representation is
    ``[max_t y_t ; max_s y_s]`` (``2 * hidden_dim``), returned in
    MMAction2's GCN layout ``(N, 1, 2H, 1, 1)`` so that ``RecognizerGCN`` +
    ``GCNHead`` work on top of it.

    Args:
        modality (str): ``joint``, ``bone`` or ``motion``. Defaults to
            ``joint``.
        num_frames (int): Frames T per sample. Defaults to 64.
        num_person (int): Persons M. Defaults to 2.
        in_channels (int): Channels C per joint. Defaults to 3.
        hidden_dim (int): Width H. Defaults to 1024.
        num_layers (int): DST layers per stream. Defaults to 2.
        drop_path (float): Stochastic depth of the DST layers. Defaults to
            0.1.
        max_len (int): Length of the position code. Defaults to 200.
        layout (str | dict | SkeletonLayout): Skeleton layout (joints and
            bones). Defaults to NTU RGB+D.
        frozen (bool): Keep the encoder in eval mode with no gradients
            (linear evaluation). Defaults to False.
        init_cfg (dict, optional): E.g. ``dict(type='UmURLPretrained',
            checkpoint=PATH)`` for a plugin or official USDRL checkpoint.
    """

    def __init__(self,
                 modality: str = 'joint',
                 num_frames: int = 64,
                 num_person: int = 2,
                 in_channels: int = 3,
                 hidden_dim: int = 1024,
                 num_layers: int = 2,
                 drop_path: float = 0.1,
                 max_len: int = 200,
                 layout: Union[str, dict, SkeletonLayout] = NTU_LAYOUT,
                 frozen: bool = False,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if num_frames > max_len:
            raise ValueError(f'num_frames={num_frames} exceeds the position '
                             f'code length max_len={max_len}')
        self.modalities = check_modalities((modality, ))
        if len(self.modalities) != 1:
            raise ValueError(f'{type(self).__name__} encodes one modality, '
                             f'got {modality!r}')
        self.layout = get_layout(layout)
        V = self.layout.num_joints
        self.input_shape = (num_person, num_frames, V, in_channels)
        self.hidden_dim = hidden_dim
        self.frozen = frozen
        #: inputs are this encoder's own outputs, passed through (set by
        #: FrozenFeatureCacheHook while it feeds cached features)
        self.precomputed = False
        self.register_buffer(
            'parents', torch.tensor(bone_parents(self.layout.bone_pairs, V)),
            persistent=False)
        self.embed = nn.ModuleDict({
            'temporal': embedding(num_person * V * in_channels, hidden_dim),
            'spatial': embedding(num_frames * in_channels, hidden_dim)
        })
        self.register_buffer('pos_embed',
                             sinusoidal_position_code(max_len, hidden_dim))
        self.spatial_pos = nn.Parameter(
            torch.zeros(1, num_person * V, hidden_dim))
        self.build_streams(num_frames, num_person * V, num_layers,
                           drop_path)
        trunc_normal_init(self)
        nn.init.trunc_normal_(self.spatial_pos, std=0.02)
        if frozen:
            self.requires_grad_(False)

    def build_streams(self, num_frames: int, num_joints: int,
                      num_layers: int, drop_path: float) -> None:
        """The temporal and spatial layers (DST layers here)."""
        H = self.hidden_dim
        self.temporal_layers = nn.ModuleList(
            DSTLayer(H, num_frames, drop_path) for _ in range(num_layers))
        self.spatial_layers = nn.ModuleList(
            DSTLayer(H, num_joints, drop_path) for _ in range(num_layers))

    @property
    def modality(self) -> str:
        """The one modality this encoder takes."""
        return self.modalities[0]

    def encode_streams(self, temporal: torch.Tensor,
                       spatial: torch.Tensor
                       ) -> Tuple[torch.Tensor, torch.Tensor]:
        """Position codes before every layer, then the layers."""
        pos = self.pos_embed[:, :temporal.shape[1]]
        for layer in self.temporal_layers:
            temporal = layer(temporal + pos)
        for layer in self.spatial_layers:
            spatial = layer(spatial + self.spatial_pos)
        return temporal, spatial

    def dense(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        """Dense features of ``(N, M, T, V, C)`` joints.

        Returns:
            tuple[torch.Tensor]: Per frame ``(N, T, H)`` and per
            person-joint ``(N, M*V, H)``.
        """
        self.check_input(x)
        t_tok, s_tok = skeleton_tokens(
            to_modality(x, self.modality, self.parents))
        return self.encode_streams(self.embed['temporal'](t_tok),
                                   self.embed['spatial'](s_tok))

    def forward(self,
                x: torch.Tensor,
                modalities: Optional[Sequence] = None) -> torch.Tensor:
        """Encode joints into the ``2H`` representation.

        Args:
            x (torch.Tensor): ``(N, M, T, V, C)`` joints, returning ``(N, 1,
                2H, 1, 1)``; or views ``(B, K, M, T, V, C)``, returning
                ``(B, K, 2H)``.
            modalities (Sequence, optional): Only this encoder's modality
                (for the API shared with :class:`UmURL`).

        Returns:
            torch.Tensor: The representations.
        """
        if self.precomputed:
            return x
        self._check_modalities(modalities)
        if x.ndim == 6:
            B, K = x.shape[:2]
            return self._pool(*self.dense(x.flatten(0, 1))).view(B, K, -1)
        return self._pool(*self.dense(x))[:, None, :, None, None]

    @staticmethod
    def _pool(temporal: torch.Tensor, spatial: torch.Tensor) -> torch.Tensor:
        # max-pooled in at least float32 (a no-op without autocast)
        return torch.cat([full_precision(temporal).amax(1),
                          full_precision(spatial).amax(1)], dim=1)

    def _check_modalities(self, modalities) -> None:
        if modalities is None:
            return
        sets = [modalities] if isinstance(modalities, str) or all(
            isinstance(m, str) for m in modalities) else modalities
        for subset in sets:
            if tuple(check_modalities(subset)) != self.modalities:
                raise ValueError(
                    f'{type(self).__name__} encodes {self.modality!r} only, '
                    f'got modalities {modalities!r}; train one model per '
                    'modality')
