from typing import Dict, List, Optional, Sequence

import torch
import torch.nn as nn
from mmaction.registry import MODELS

from ..data_preprocessors import UmURLViewPreprocessor
from ..utils import check_modalities, gather_with_grad, view_modalities
from .base_pretrainer import BasePretrainer


@MODELS.register_module()
class UmURLPretrainer(BasePretrainer):
    """UmURL self-supervised pre-training (and feature extraction).

    Sun et al., *Unified Multi-modal Unsupervised Representation Learning
    for Skeleton-based Action Understanding*, ACM MM 2023,
    https://arxiv.org/abs/2311.03106.

    Training inputs hold ``len(modalities) + 1`` independently augmented
    views per sample, ``(B, num_views, M, T, V, C)``: view ``i`` feeds
    modality ``i`` alone, the last view feeds all modalities fused
    (:func:`view_modalities`; ``MultiView(modalities=...)`` makes the same
    number). The backbone encodes all views in one batched pass. Each rank
    projects its own samples (the projectors' BatchNorm statistics are
    all-reduced over ranks, :class:`GlobalBatchNorm1d`), and the embeddings
    are gathered with gradient, so the loss sees the global batch: the
    official SyncBN projectors plus gathered embeddings, on any backend.

    In ``predict`` mode it returns each sample's representation (the mean
    over clips) in the data sample field ``feature``, for retrieval
    metrics; in ``tensor`` mode the ``(B, 2H)`` representations.

    Args:
        backbone (dict): The :class:`UmURL` encoder config.
        projector (dict, optional): Config of one projector; one is built
            per modality. ``None`` builds none (feature extraction only).
        loss (dict): The loss config. Defaults to ``UmURLLoss``.
        eval_modalities (Sequence[str], optional): Modalities used for
            features in ``predict``/``tensor`` mode. ``None`` means the
            backbone's; an empty subset is an error.
        data_preprocessor (dict, optional): Defaults to MMAction2's
            ``ActionDataPreprocessor``.
        init_cfg (dict, optional): Initialisation config.
    """
    #: groups a test-time checkpoint may lack (features need no projector)
    optional_checkpoint_groups = ('projectors', )
    #: how to get the right number of views, for the input check's error
    views_hint = ('give MultiView the same modalities (its num_views derives '
                  'from them)')

    def __init__(self,
                 backbone: Dict,
                 projector: Optional[Dict] = None,
                 loss: Dict = dict(type='UmURLLoss'),
                 eval_modalities: Optional[Sequence[str]] = None,
                 data_preprocessor: Optional[Dict] = None,
                 init_cfg: Optional[Dict] = None) -> None:
        super().__init__(data_preprocessor, init_cfg)
        self.backbone = MODELS.build(backbone)
        self.modalities = self.backbone.modalities
        self.build_heads(projector, loss)
        pre = self.data_preprocessor
        if isinstance(pre, UmURLViewPreprocessor):
            # the views' count and coordinates follow the model
            if pre.num_views is None:
                pre.num_views = self.num_views
            if pre.view_cfg['num_coords'] is None:
                pre.view_cfg['num_coords'] = self.backbone.layout.num_coords
        self.eval_modalities = check_modalities(
            self.modalities if eval_modalities is None else eval_modalities)

    def build_heads(self, projector: Optional[Dict], loss: Dict) -> None:
        """One projector per modality (``None``: none) and the loss."""
        self.view_modalities = view_modalities(self.modalities)
        self.projectors = nn.ModuleDict({
            m: MODELS.build(projector)
            for m in self.modalities
        } if projector is not None else {})
        self.loss_module = MODELS.build(loss)

    @property
    def num_views(self) -> int:
        """Views per training sample: one per modality plus the fused one."""
        return len(self.view_modalities)

    def check_training_inputs(self, inputs: torch.Tensor) -> None:
        """Raise unless the model has projectors and ``inputs`` hold
        ``num_views`` views per sample."""
        if not self.projectors:
            raise RuntimeError(f'this {type(self).__name__} was built '
                               'without projectors (projector=None): it can '
                               'only extract features')
        if inputs.ndim != 6 or inputs.shape[1] != self.num_views:
            raise ValueError(
                f'pre-training expects inputs (B, {self.num_views}, M, T, V,'
                f' C) for modalities {self.modalities}, got '
                f'{tuple(inputs.shape)}; {self.views_hint}')

    def loss(self, inputs: torch.Tensor,
             data_samples: Optional[List] = None) -> Dict[str, torch.Tensor]:
        """Pre-training loss of a batch of multi-view samples.

        Args:
            inputs (torch.Tensor): ``(B, num_views, M, T, V, C)``.
            data_samples (list, optional): Unused.

        Returns:
            dict[str, torch.Tensor]: The loss terms.
        """
        self.check_training_inputs(inputs)
        feats = self.backbone(inputs, self.view_modalities).unbind(1)
        names = list(self.modalities)
        z = [self.projectors[m](f) for m, f in zip(names, feats)]
        z += [self.projectors[m](feats[-1]) for m in names]
        # projectors on the rank's own samples (BN statistics global), then
        # one gather of all embeddings: the loss sees the global batch
        z = gather_with_grad(torch.stack(z, 1)).unbind(1)
        return self.loss_module(dict(zip(names, z[:len(names)])),
                                dict(zip(names, z[len(names):])))
