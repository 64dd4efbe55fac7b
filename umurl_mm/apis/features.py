from typing import List, Optional, Sequence, Union

import mmengine
import numpy as np
import torch
from mmaction.registry import MODELS
from mmengine.config import Config

from ..checkpoint import load_encoder
from ..datasets.skeleton import check_keypoint
from ..datasets.transforms import TemporalCropResize


def init_encoder(config: Union[str, Config],
                 checkpoint: Optional[str] = None,
                 device: str = 'cpu',
                 cfg_options: Optional[dict] = None) -> torch.nn.Module:
    """Build the UmURL encoder of a config and load its weights strictly.

    Args:
        config (str | Config): Any config of this project (pre-training,
            linear, kNN, fine-tuning); its ``model.backbone`` is used.
        checkpoint (str, optional): Plugin or official checkpoint; without
            it the encoder keeps random weights.
        device (str): Device. Defaults to ``'cpu'``.
        cfg_options (dict, optional): Config overrides, as ``--cfg-options``.

    Returns:
        nn.Module: The :class:`UmURL` encoder in eval mode.
    """
    cfg = Config.fromfile(config) if isinstance(config, str) else config
    if cfg_options:
        cfg.merge_from_dict(cfg_options)
    import umurl_mm  # noqa: F401  (register components)
    backbone_cfg = dict(cfg.model.backbone)
    backbone_cfg.pop('init_cfg', None)
    encoder = MODELS.build(backbone_cfg)
    if checkpoint is not None:
        load_encoder(encoder, checkpoint)
    return encoder.to(device).eval()


@torch.no_grad()
def extract_features(encoder: torch.nn.Module,
                     keypoints: Sequence[np.ndarray],
                     total_frames: Optional[Sequence[int]] = None,
                     modalities: Optional[Sequence[str]] = None,
                     batch_size: int = 256,
                     progress: bool = False) -> np.ndarray:
    """2H-d features of skeleton sequences (the evaluation input protocol).

    Each ``(M, T, V, 3)`` sequence (UmURL-normalised, as written by the
    data tools) is resampled to the encoder's frame count over its valid
    frames, padded with zero persons to the encoder's M, and encoded.

    Args:
        encoder (nn.Module): A :class:`UmURL` encoder.
        keypoints (Sequence[np.ndarray]): The sequences.
        total_frames (Sequence[int], optional): Valid frame counts;
            defaults to each sequence's length.
        modalities (Sequence[str], optional): Defaults to the encoder's.
        batch_size (int): Sequences per forward pass. Defaults to 256.
        progress (bool): Show a progress bar. Defaults to False.

    Returns:
        np.ndarray: ``(N, 2H)`` float32 features.
    """
    persons, frames = encoder.input_shape[:2]
    resize = TemporalCropResize(clip_len=frames, test_mode=True)
    device = next(encoder.parameters()).device
    batches = range(0, len(keypoints), batch_size)
    bar = mmengine.ProgressBar(len(batches)) if progress else None
    out: List[np.ndarray] = []
    for start in batches:
        clips = []
        for i in range(start, min(start + batch_size, len(keypoints))):
            kp = keypoints[i]
            check_keypoint(kp, f'sequence {i}')
            if kp.shape[0] > persons:
                raise ValueError(f'sequence {i}: {kp.shape[0]} persons, the '
                                 f'encoder takes {persons}')
            num = kp.shape[1] if total_frames is None else total_frames[i]
            clip = resize(dict(keypoint=kp, total_frames=num))['keypoint']
            pad = np.zeros((persons - kp.shape[0], ) + clip.shape[1:],
                           np.float32)
            clips.append(np.concatenate([clip, pad]))
        x = torch.from_numpy(np.stack(clips)).to(device)
        out.append(encoder(x, modalities).flatten(1).float().cpu().numpy())
        if bar:
            bar.update()
    return np.concatenate(out) if out else np.zeros(
        (0, encoder.out_channels), np.float32)
