from typing import Dict, List, Optional, Sequence, Union

import numpy as np
import torch
from mmaction.registry import MODELS
from mmcv.transforms import Compose
from mmengine.config import Config
from mmengine.registry import init_default_scope

from ..checkpoint import load_encoder
from ..datasets.converters import track_progress
from ..datasets.skeleton import check_keypoint
from ..skeleton_settings import apply_skeleton


def init_encoder(config: Union[str, Config],
                 checkpoint: Optional[str] = None,
                 device: str = 'cpu',
                 cfg_options: Optional[dict] = None) -> torch.nn.Module:
    """Build the UmURL encoder of a config and load its weights strictly.

    Args:
        config (str | Config): Any config of this project (pre-training,
            linear, kNN, fine-tuning); its ``model.backbone`` is used, and
            its ``eval_pipeline`` defines the input of
            :func:`extract_features`.
        checkpoint (str, optional): Plugin or official checkpoint; without
            it the encoder keeps random weights.
        device (str): Device. Defaults to ``'cpu'``.
        cfg_options (dict, optional): Config overrides, as ``--cfg-options``.

    Returns:
        nn.Module: The :class:`UmURL` encoder in eval mode, with the config
        as ``encoder.cfg``.
    """
    cfg = Config.fromfile(config) if isinstance(config, str) else config
    if cfg_options:
        cfg.merge_from_dict(cfg_options)
    apply_skeleton(cfg)
    import umurl_mm  # noqa: F401  (register components)
    init_default_scope(cfg.get('default_scope', 'mmaction'))
    backbone_cfg = dict(cfg.model.backbone)
    backbone_cfg.pop('init_cfg', None)
    encoder = MODELS.build(backbone_cfg)
    if checkpoint is not None:
        load_encoder(encoder, checkpoint)
    encoder.cfg = cfg
    return encoder.to(device).eval()


def dataset_args(encoder: torch.nn.Module) -> Dict:
    """What the encoder expects of stored data: its ``layout`` and whether
    samples carry keypoint scores (a 2D layout fed a score channel)."""
    layout = encoder.layout
    return dict(
        layout=layout,
        with_score=encoder.input_shape[3] == layout.num_coords + 1)


def load_split(ann_file: str,
               split: Optional[str] = None,
               encoder: Optional[torch.nn.Module] = None) -> List[Dict]:
    """The validated annotations of one split of a PoseDataset ``.pkl``.

    Args:
        ann_file (str): The file.
        split (str, optional): Split name; ``None`` for all samples.
        encoder (nn.Module, optional): Check the samples against this
            encoder's layout (default: NTU RGB+D 3D).

    Returns:
        list[dict]: The samples' annotations.
    """
    from ..datasets import UmURLPoseDataset
    extra = dataset_args(encoder) if encoder is not None else {}
    dataset = UmURLPoseDataset(ann_file, pipeline=[], split=split, **extra)
    return [dataset.get_data_info(i) for i in range(len(dataset))]


@torch.no_grad()
def extract_features(encoder: torch.nn.Module,
                     samples: Sequence[Union[np.ndarray, Dict]],
                     total_frames: Optional[Sequence[int]] = None,
                     modalities: Optional[Sequence[str]] = None,
                     batch_size: int = 256,
                     progress: bool = False,
                     dense: bool = False):
    """2H-d features of skeleton sequences, as evaluation computes them.

    Each sample goes through the config's ``eval_pipeline`` (``Compose`` of
    the transforms the evaluation datasets run: for 2D configs the 2D
    normalisation, then the valid frames resampled to the encoder's frame
    count, persons padded with zeros) and is encoded; several clips are
    averaged.

    Args:
        encoder (nn.Module): A :class:`UmURL` encoder from
            :func:`init_encoder`.
        samples (Sequence[np.ndarray | dict]): ``(M, T, V, C)`` sequences
            (UmURL-normalised 3D, as written by the data tools), or
            annotation dicts of any layout the encoder takes (``keypoint``
            and, for 2D, ``keypoint_score`` / ``img_shape``; e.g. from
            :func:`load_split` or :func:`load_pose_file`).
        total_frames (Sequence[int], optional): Valid frame counts;
            defaults to each annotation's ``total_frames``, else the
            sequence's length.
        modalities (Sequence[str], optional): Defaults to the encoder's.
        batch_size (int): Sequences per forward pass. Defaults to 256.
        progress (bool): Show the progress (a bar on a terminal, a line
            per 10 % otherwise). Defaults to False.
        dense (bool): Return the dense features instead: per frame ``(N,
            T, H)`` and per person-joint ``(N, M*V, H)`` (encoders with a
            ``dense`` method, e.g. USDRL's :class:`DSTE`). Defaults to
            False.

    Returns:
        np.ndarray | tuple[np.ndarray]: ``(N, 2H)`` float32 features, or
        with ``dense`` the two dense arrays.
    """
    if dense and not hasattr(encoder, 'dense'):
        raise ValueError(f'{type(encoder).__name__} has no dense features '
                         '(USDRL encoders have)')
    cfg = getattr(encoder, 'cfg', None)
    if cfg is None or 'eval_pipeline' not in cfg:
        raise ValueError('the encoder has no config with an eval_pipeline: '
                         'build it with umurl_mm.apis.init_encoder')
    pipeline = Compose(cfg.eval_pipeline)
    device = next(encoder.parameters()).device
    batches = range(0, len(samples), batch_size)
    if progress:
        batches = track_progress(batches)
    out: List = []
    for start in batches:
        clips = []
        for i in range(start, min(start + batch_size, len(samples))):
            info = _sample_info(encoder, samples[i], i, total_frames)
            clips.append(pipeline(info)['inputs'])
        x = torch.stack(clips).to(device)  # (B, num_clips, M, T, V, C)
        clips_shape = x.shape[:2]
        if dense:
            parts = encoder.dense(x.flatten(0, 1).float())
            out.append([p.view(*x.shape[:2], *p.shape[1:]).mean(1).cpu()
                        .numpy() for p in parts])
            continue
        feat = encoder.pooled(x.flatten(0, 1).float(), modalities)
        out.append(feat.view(*clips_shape, -1).mean(1).cpu().numpy())
    if dense:
        return tuple(np.concatenate(p) for p in zip(*out))
    return np.concatenate(out) if out else np.zeros(
        (0, encoder.out_channels), np.float32)


def _sample_info(encoder: torch.nn.Module, sample: Union[np.ndarray, Dict],
                 index: int, total_frames: Optional[Sequence[int]]) -> Dict:
    """Check one sample against the encoder's layout; the pipeline input."""
    info = dict(sample) if isinstance(sample, dict) else dict(
        keypoint=sample)
    info.setdefault('frame_dir', f'sequence {index}')
    where = f"sequence {index} ('{info['frame_dir']}')"
    layout = encoder.layout
    kp = info.get('keypoint')
    check_keypoint(kp, where, num_coords=layout.num_coords,
                   num_joints=layout.num_joints, layout=layout.name)
    persons = encoder.input_shape[0]
    if layout.num_coords == 3 and kp.shape[0] > persons:
        raise ValueError(f'{where}: {kp.shape[0]} persons, the encoder '
                         f'takes {persons}')
    if total_frames is not None:
        info['total_frames'] = total_frames[index]
    info.setdefault('total_frames', kp.shape[1])
    return info
