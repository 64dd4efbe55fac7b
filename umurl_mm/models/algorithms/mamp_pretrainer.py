from typing import Dict, List, Optional, Tuple

import torch
from mmaction.registry import MODELS

from ..losses.mamp_loss import regression_target
from ..utils import full_precision
from ..utils.motion_masking import motion_aware_masking, motion_prior
from .base_pretrainer import BasePretrainer


@MODELS.register_module()
class MAMPPretrainer(BasePretrainer):
    """MAMP masked motion prediction (and feature extraction).

    Mao et al., *Masked Motion Predictors are Strong 3D Action
    Representation Learners*, ICCV 2023, https://arxiv.org/abs/2308.07092.

    Each training sample is one view ``(B, 1, M, T, V, C)`` (MAMP's crop,
    resize and rotation in the data pipeline); persons are folded into the
    batch. Per row, a motion prior over the tokens
    (:func:`motion_prior`) drives Gumbel-top-k masking of ``mask_ratio``
    of them (:func:`motion_aware_masking`; ``tau=None`` masks uniformly,
    MAE's baseline); the :class:`MAMPEncoder` sees the kept tokens, the
    :class:`MAMPDecoder` predicts every token's patch and
    :class:`MAMPLoss` compares the masked ones with the normalised motion
    (:func:`regression_target`). Absent persons (zeros) are rows like any
    other, as in the official code.

    In ``predict`` mode it attaches each sample's feature (the encoder's
    tokens of the whole clip, averaged over persons, segments and joints,
    the linear probe's feature) as ``feature``; in ``tensor`` mode it
    returns the ``(B, D)`` features.

    Args:
        backbone (dict): The :class:`MAMPEncoder` config.
        decoder (dict, optional): :class:`MAMPDecoder` settings beyond the
            encoder's grid (``depth``, ``embed_dims``, ...); ``None``
            builds none (feature extraction only).
        loss (dict): Defaults to :class:`MAMPLoss`.
        mask_ratio (float): Fraction of tokens masked. Defaults to 0.9.
        tau (float, optional): Motion-prior temperature (0.80 NTU-60 and
            PKU-MMD, 0.75 NTU-120); ``None`` masks uniformly.
            Defaults to 0.8.
        target (str): ``motion`` (MAMP) or ``joint`` (MAE). Defaults to
            ``motion``.
        normalize_target (bool): Normalise each target patch. Defaults to
            True.
        data_preprocessor (dict, optional): Defaults to MMAction2's
            ``ActionDataPreprocessor``.
        init_cfg (dict, optional): Initialisation config.
    """
    #: groups a test-time checkpoint may lack (features need no decoder)
    optional_checkpoint_groups = ('decoder', )
    #: views per training sample (made in the data pipeline)
    num_views = 1

    def __init__(self,
                 backbone: Dict,
                 decoder: Optional[Dict] = dict(depth=3),
                 loss: Dict = dict(type='MAMPLoss'),
                 mask_ratio: float = 0.9,
                 tau: Optional[float] = 0.8,
                 target: str = 'motion',
                 normalize_target: bool = True,
                 data_preprocessor: Optional[Dict] = None,
                 init_cfg: Optional[Dict] = None) -> None:
        super().__init__(data_preprocessor, init_cfg)
        if not 0 < mask_ratio < 1:
            raise ValueError(f'mask_ratio must be in (0, 1), got '
                             f'{mask_ratio}')
        if target not in ('motion', 'joint'):
            raise ValueError(f"target must be 'motion' or 'joint', got "
                             f'{target!r}')
        self.backbone = MODELS.build(backbone)
        enc = self.backbone
        if decoder is not None:
            _, _, V, C = enc.input_shape
            decoder = dict(type='MAMPDecoder', num_segments=enc.num_segments,
                           num_joints=V, in_dims=enc.out_channels,
                           out_dims=enc.segment_len * C, **decoder)
            self.decoder = MODELS.build(decoder)
        else:
            self.decoder = None
        self.loss_module = MODELS.build(loss)
        self.mask_ratio = mask_ratio
        self.tau = tau if tau is not None and tau > 0 else None
        self.target = target
        self.normalize_target = normalize_target

    def forward_train(
        self,
        x: torch.Tensor,
        noise: Optional[torch.Tensor] = None
    ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Predictions, targets and mask of folded clips.

        Args:
            x (torch.Tensor): ``(NM, T, V, C)`` joints.
            noise (torch.Tensor, optional): ``(NM, L)`` uniform numbers for
                the masking; drawn with ``torch.rand`` on ``x``'s device
                if not given (the forward's only random draw).

        Returns:
            tuple[torch.Tensor]: ``pred`` and ``target`` ``(NM, L, s C)``,
            ``mask`` ``(NM, L)`` (1 where masked).
        """
        enc = self.backbone
        tokens = enc.embed(x)
        NM, L, D = tokens.shape
        if noise is None:
            noise = torch.rand(NM, L, device=x.device)
        x = full_precision(x)  # the prior and target in >= float32
        log_prior = None if self.tau is None else motion_prior(
            x, enc.segment_len, self.tau)
        ids_keep, ids_restore, mask = motion_aware_masking(
            log_prior, self.mask_ratio, noise.to(x.dtype))
        kept = torch.gather(tokens, 1, ids_keep[..., None].expand(-1, -1, D))
        pred = self.decoder(enc.encode(kept), ids_restore)
        target = regression_target(x, enc.segment_len, self.target,
                                   self.normalize_target)
        return pred, target, mask

    def loss(self, inputs: torch.Tensor,
             data_samples: Optional[List] = None) -> Dict[str, torch.Tensor]:
        """Pre-training loss of a batch of one-view samples.

        Args:
            inputs (torch.Tensor): ``(B, 1, M, T, V, C)``.
            data_samples (list, optional): Unused.

        Returns:
            dict[str, torch.Tensor]: ``loss``.
        """
        if self.decoder is None:
            raise RuntimeError('this MAMPPretrainer was built without a '
                               'decoder (decoder=None): it can only extract '
                               'features')
        if inputs.ndim != 6 or inputs.shape[1] != self.num_views:
            raise ValueError(
                'MAMP pre-training expects one view per sample, inputs (B, '
                f'1, M, T, V, C), got {tuple(inputs.shape)}')
        self.backbone.check_input(inputs[:, 0])
        return self.loss_module(*self.forward_train(inputs.flatten(0, 2)))
