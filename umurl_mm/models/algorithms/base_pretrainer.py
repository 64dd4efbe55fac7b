from typing import Dict, List, Optional, Sequence, Union

import torch
from mmaction.registry import MODELS
from mmengine.model import BaseModel


class BasePretrainer(BaseModel):
    """What the pre-training algorithms share: MMAction2's data
    preprocessor by default, and the three modes of ``forward``: ``loss``
    (:meth:`loss`), ``predict`` (each sample's :meth:`extract_feat` as its
    ``feature``, for retrieval metrics) and ``tensor`` (the features).

    Args:
        data_preprocessor (dict, optional): Defaults to MMAction2's
            ``ActionDataPreprocessor``.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 data_preprocessor: Optional[Dict] = None,
                 init_cfg: Optional[Dict] = None) -> None:
        if data_preprocessor is None:
            data_preprocessor = dict(type='ActionDataPreprocessor')
        if isinstance(data_preprocessor, dict):  # from MMAction2's registry
            data_preprocessor = MODELS.build(data_preprocessor)
        super().__init__(
            data_preprocessor=data_preprocessor, init_cfg=init_cfg)

    #: the modalities of the features (``None``: the encoder's)
    eval_modalities: Optional[Sequence[str]] = None

    def extract_feat(self,
                     inputs: torch.Tensor,
                     modalities: Optional[Sequence[str]] = None
                     ) -> torch.Tensor:
        """Representations of ``(B, num_clips, M, T, V, C)`` clips: the
        encoder's clip feature (``pooled``) averaged over clips.

        Args:
            inputs (torch.Tensor): Batched clips.
            modalities (Sequence[str], optional): Defaults to
                ``eval_modalities``.

        Returns:
            torch.Tensor: ``(B, D)`` features.
        """
        B, num_clips = inputs.shape[:2]
        feat = self.backbone.pooled(
            inputs.flatten(0, 1),
            self.eval_modalities if modalities is None else modalities)
        return feat.view(B, num_clips, -1).mean(1)

    def loss(self, inputs: torch.Tensor,
             data_samples: Optional[List] = None) -> Dict[str, torch.Tensor]:
        """The pre-training loss terms of a batch."""
        raise NotImplementedError

    def predict(self, inputs: torch.Tensor, data_samples: List) -> List:
        """Attach each sample's representation as ``feature``.

        Args:
            inputs (torch.Tensor): ``(B, num_clips, M, T, V, C)``.
            data_samples (list): The samples' data elements.

        Returns:
            list: ``data_samples`` with ``feature`` set.
        """
        feats = self.extract_feat(inputs)
        for sample, feat in zip(data_samples, feats):
            sample.set_field(feat.detach(), 'feature')
        return data_samples

    def forward(self,
                inputs: torch.Tensor,
                data_samples: Optional[List] = None,
                mode: str = 'tensor') -> Union[Dict, List, torch.Tensor]:
        """Dispatch on ``mode``: ``loss``, ``predict`` or ``tensor``."""
        if mode == 'loss':
            return self.loss(inputs, data_samples)
        if mode == 'predict':
            return self.predict(inputs, data_samples)
        if mode == 'tensor':
            return self.extract_feat(inputs)
        raise RuntimeError(f'invalid mode "{mode}"')
