from typing import Dict, List, Optional

import torch
import torch.nn as nn
from mmaction.registry import MODELS

from ..backbones.dste import trunc_normal_init
from ..utils import gather_with_grad
from .umurl_pretrainer import UmURLPretrainer

#: the granularities, and the slice of the representation each projects
GRANULARITIES = ('temporal', 'spatial', 'instance')


@MODELS.register_module()
class USDRLPretrainer(UmURLPretrainer):
    """USDRL self-supervised pre-training (and feature extraction).

    Weng et al., *USDRL: Unified Skeleton-Based Dense Representation
    Learning with Multi-Grained Feature Decorrelation*, AAAI 2025,
    https://arxiv.org/abs/2412.09220.

    One model per modality (the backbone's, e.g. :class:`DSTE`): every
    training sample brings ``num_views`` independently augmented views of
    it, ``(B, K, M, T, V, C)``, made by ``UmURLViewPreprocessor`` (UmURL's
    augmentations). Each view's representation feeds three projectors:
    ``temporal`` on its temporal half (max over frames), ``spatial`` on
    its spatial half (max over person-joints) and ``instance`` on all of
    it; each projector runs on one view at a time, as in the official
    code. The embeddings are gathered over ranks with gradient and
    :class:`USDRLLoss` sees the global batch; the projectors' BatchNorm
    statistics are those of the view over the global batch
    (:class:`GlobalBatchNorm1d`). The official code runs DataParallel
    (BatchNorm over each GPU's chunk, the loss over the whole batch): one
    process here computes what it computes on one GPU. Linear layers start
    trunc-normal (std 0.02), as in the official code.

    Args:
        backbone (dict): The encoder config (:class:`DSTE`, :class:`STTR`).
        projector (dict, optional): One projector config per granularity
            (``temporal``, ``spatial``, ``instance``); ``None`` builds none
            (feature extraction only).
        loss (dict): Defaults to ``USDRLLoss``.
        num_views (int): Views per sample. Defaults to 4.
        data_preprocessor (dict, optional): Defaults to MMAction2's
            ``ActionDataPreprocessor``.
        init_cfg (dict, optional): Initialisation config.
    """

    views_hint = ('give MultiView num_views equal to the model\'s num_views '
                  '(the view preprocessor takes it from the model)')

    def __init__(self,
                 backbone: Dict,
                 projector: Optional[Dict] = None,
                 loss: Dict = dict(type='USDRLLoss'),
                 num_views: int = 4,
                 data_preprocessor: Optional[Dict] = None,
                 init_cfg: Optional[Dict] = None) -> None:
        if num_views < 2:
            raise ValueError(f'USDRL needs at least 2 views, got {num_views}')
        self._num_views = num_views
        super().__init__(backbone, projector, loss, None, data_preprocessor,
                         init_cfg)

    def build_heads(self, projector: Optional[Dict], loss: Dict) -> None:
        """The three granularities' projectors and the loss."""
        if projector is not None and set(projector) != set(GRANULARITIES):
            raise ValueError(f'USDRL needs one projector per granularity '
                             f'{GRANULARITIES}, got {sorted(projector)}')
        self.projectors = nn.ModuleDict({
            g: MODELS.build(projector[g])
            for g in GRANULARITIES
        } if projector is not None else {})
        trunc_normal_init(self.projectors)
        self.loss_module = MODELS.build(loss)

    @property
    def num_views(self) -> int:
        """Views per training sample, all of the backbone's modality."""
        return self._num_views

    def loss(self, inputs: torch.Tensor,
             data_samples: Optional[List] = None) -> Dict[str, torch.Tensor]:
        """Pre-training loss of a batch of multi-view samples.

        Args:
            inputs (torch.Tensor): ``(B, num_views, M, T, V, C)``.
            data_samples (list, optional): Unused.

        Returns:
            dict[str, torch.Tensor]: ``loss_sim``, ``loss_vc``, ``loss_bt``.
        """
        self.check_training_inputs(inputs)
        feats = self.backbone(inputs)  # (B, K, 2H)
        H = feats.shape[-1] // 2
        parts = dict(temporal=feats[..., :H], spatial=feats[..., H:],
                     instance=feats)
        z = {g: torch.stack([self.projectors[g](v)
                             for v in parts[g].unbind(1)], 1)
             for g in GRANULARITIES}
        # one gather of every embedding: the loss sees the global batch
        sizes = [z[g].shape[-1] for g in GRANULARITIES]
        gathered = gather_with_grad(torch.cat([z[g] for g in GRANULARITIES],
                                              -1))
        return self.loss_module({
            g: part.transpose(0, 1)
            for g, part in zip(GRANULARITIES, gathered.split(sizes, -1))
        })
