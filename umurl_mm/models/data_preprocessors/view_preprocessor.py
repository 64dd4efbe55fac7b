from typing import Dict, Optional

import numpy as np
import torch
from mmaction.registry import MODELS
from mmengine.dist import get_dist_info
from mmengine.model import BaseDataPreprocessor, stack_batch

from ...datasets.collate import pad_clips
from ...views import seeded_views, view_settings


@MODELS.register_module()
class UmURLViewPreprocessor(BaseDataPreprocessor):
    """Make UmURL's pre-training views on the model's device, batched.

    The data workers only load, format and pack one clip per sample
    (``FormatGCNInput`` + ``PackActionInputs`` with ``total_frames`` and
    ``aug_seed`` in ``meta_keys``). In training this preprocessor pads the
    clips in time to the longest and moves them to the device once, draws
    the views' parameters on the host (:mod:`umurl_mm.views.view_draws`, a
    few dozen NumPy operations for the whole batch) and applies them on the
    device (:mod:`umurl_mm.views.batched_views`): random temporal crop +
    linear resize, then joint corruption or shear — the distributions of
    the per-sample transforms. Every draw is a hash of the sample's
    ``aug_seed`` (set by :class:`SeededSampler`), so a sample's views
    depend on ``(run seed, epoch, index)`` only, not on its batch, rank or
    worker: a resumed run continues exactly and N processes train like one.
    In eval mode the clips are only stacked.

    Args:
        num_views (int, optional): Views per sample; ``UmURLPretrainer``
            sets it from its modalities.
        **views: The view settings (:func:`view_settings`: ``clip_len``,
            ``min_ratio``, ``max_ratio``, ``corrupt_prob``,
            ``corrupt_joints``, ``zero_prob``, ``shear``, ``num_coords``;
            ``UmURLPretrainer`` sets ``num_coords`` from its backbone's
            skeleton layout when it is not given).
    """

    def __init__(self, num_views: Optional[int] = None, **views) -> None:
        super().__init__(non_blocking=True)
        self.view_cfg = view_settings(**views)
        self.num_views = num_views

    @torch.compiler.disable
    def forward(self, data: Dict, training: bool = False) -> Dict:
        """Stack the clips; in training, replace them by their views.

        The views are made in float32 whatever the autocast state (mmengine
        runs the data preprocessor inside ``AmpOptimWrapper``'s autocast)
        and outside ``torch.compile``'s graphs (the draws are host-side
        NumPy; the clips' length varies from batch to batch).

        Args:
            data (dict): ``inputs`` (list of ``(1, M, T, V, C)``) and
                ``data_samples`` from the data loader.
            training (bool): Make views.

        Returns:
            dict: ``inputs`` ``(B, K, M, clip_len, V, C)`` in training,
            else ``(B, num_clips, M, T, V, C)``; ``data_samples``.
        """
        if not training:
            # the data samples stay on the host (their labels are read
            # there): only the clips go to the device
            inputs = data['inputs']
            if isinstance(inputs, (list, tuple)):
                inputs = stack_batch(list(inputs))
            return dict(inputs=self.cast_data(inputs),
                        data_samples=data.get('data_samples'))
        if self.num_views is None:
            raise ValueError('UmURLViewPreprocessor.num_views is not set '
                             '(UmURLPretrainer sets it)')
        # the views need only the samples' metainfo: the data samples stay
        # where they are, the clips go to the device
        samples = data.get('data_samples')
        clips = self.cast_data(pad_clips(data['inputs']))
        frames, seeds = self._meta(samples, clips.shape[2])
        views = seeded_views(clips, frames, seeds, self.num_views,
                             **self.view_cfg)
        return dict(inputs=views, data_samples=samples)

    @staticmethod
    def _meta(samples, length: int):
        """Valid frame counts (``total_frames``, else the padded length)
        and ``aug_seed`` of each sample (without one: drawn from torch's
        global RNG, which ``EpochSeedHook`` re-derives every epoch and
        rank), as NumPy arrays: host values, no device work."""
        if not samples:
            raise ValueError('UmURLViewPreprocessor needs data samples with '
                             "'total_frames' (PackActionInputs meta_keys)")
        frames = np.array([min(int(s.get('total_frames', length)), length)
                           for s in samples], np.int64)
        seeds = np.array([s.get('aug_seed', -1) for s in samples], np.int64)
        missing = seeds < 0
        if missing.any():
            # every rank draws all ranks' seeds and keeps its own row: the
            # ranks' views differ even where their global RNGs agree
            rank, world = get_dist_info()
            seeds[missing] = torch.randint(
                2**32, (world, int(missing.sum())))[rank].numpy()
        return frames, seeds
