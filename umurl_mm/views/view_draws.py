"""The random parameters of UmURL's pre-training views, for a whole batch.

Drawn on the host in NumPy (a few dozen operations on ``(B, K, ...)``
arrays: cheaper there than as as many tiny device kernels) and handed to the
device as tensors; :func:`..batched_views.make_views` applies them there.
Every random number is a hash of (sample seed, view, draw index)
(:func:`hashed_uniform`), so a sample's views do not depend on the batch it
is in, the rank or the data workers.
"""
from typing import Dict, Optional, Tuple, Union

import numpy as np
import torch

_M32 = 0xFFFFFFFF

Array = Union[np.ndarray, torch.Tensor]


def _hash32(x: np.ndarray) -> np.ndarray:
    """An integer mixer on 32-bit values held in int64 (every product stays
    below 2**63: the constants are below 2**31)."""
    x = x & _M32
    x ^= x >> 16
    x *= 0x7FEB352D
    x &= _M32
    x ^= x >> 15
    x *= 0x2C1B3C6D
    x &= _M32
    x ^= x >> 16
    return x


def hashed_uniform(seeds: Array, count: int) -> np.ndarray:
    """``count`` uniform numbers in ``[0, 1)`` per seed, ``(B, count)``
    float64 with 32 random bits each: a pure function of (seed, index)."""
    index = np.arange(count, dtype=np.int64)
    key = _hash32(_hash32(np.asarray(seeds, np.int64)[:, None]) + 0x61C88647)
    x = _hash32(_hash32(key ^ (index * 0x27D4EB2F & _M32)) + index)
    return x / 2.0**32


def view_settings(clip_len: int = 64,
                  min_ratio: float = 0.1,
                  max_ratio: float = 1.0,
                  corrupt_prob: float = 0.5,
                  corrupt_joints: Optional[int] = None,
                  zero_prob: float = 0.5,
                  shear: float = 1.0,
                  num_coords: Optional[int] = None) -> Dict:
    """The settings of UmURL's pre-training views, checked, as keyword
    arguments of :func:`draw_view_params` (the defaults are the official
    recipe's). Both placements of the views (``UmURLViewPreprocessor`` on
    the device, ``MultiView`` in the data workers) take them.

    Args:
        clip_len (int): Frames of a view. Defaults to 64.
        min_ratio (float): Lower bound of the crop ratio. Defaults to 0.1.
        max_ratio (float): Upper bound of the crop ratio. Defaults to 1.
        corrupt_prob (float): Probability of joint corruption (else
            shear). Defaults to 0.5.
        corrupt_joints (int, optional): Joints corrupted. Defaults to the
            official fraction of the layout's joints, 15 of 25
            (:func:`default_corrupt_joints`).
        zero_prob (float): Probability of zeroing the corrupted joints
            (else mixing). Defaults to 0.5.
        shear (float): Bound of the shear entries. Defaults to 1.
        num_coords (int, optional): Leading channels that are coordinates
            (2 for 2D keypoints with a score channel). Defaults to all.

    Returns:
        dict: The settings.
    """
    if not 0 < min_ratio <= max_ratio <= 1:
        raise ValueError('need 0 < min_ratio <= max_ratio <= 1, got '
                         f'{min_ratio}, {max_ratio}')
    return dict(clip_len=clip_len, min_ratio=min_ratio, max_ratio=max_ratio,
                corrupt_prob=corrupt_prob, corrupt_joints=corrupt_joints,
                zero_prob=zero_prob, shear=shear, num_coords=num_coords)


def default_corrupt_joints(num_joints: int) -> int:
    """The official recipe's share of corrupted joints, 15 of NTU's 25,
    for ``num_joints`` joints, rounded to the nearest (12 of 20, 10 of
    17)."""
    return (15 * num_joints + 12) // 25


def crop_window(frames: np.ndarray, ratio: np.ndarray, start_u: np.ndarray,
                clip_len: int) -> Tuple[np.ndarray, np.ndarray]:
    """The temporal crop of a view: length ``L = min(max(floor(F * ratio),
    clip_len), F)`` and start ``min(floor(u * (F - L + 1)), F - L)``, i.e.
    uniform in ``[0, F - L]`` for ``u ~ U[0, 1)``.

    Args:
        frames (np.ndarray): Valid frame counts F (broadcast with the
            draws).
        ratio (np.ndarray): Crop ratios.
        start_u (np.ndarray): Uniform numbers in ``[0, 1)``.
        clip_len (int): Frames of a view.

    Returns:
        tuple[np.ndarray]: ``start`` and ``length``, int64.
    """
    F = np.asarray(frames, np.float64)
    length = np.minimum(np.maximum(np.floor(F * ratio), clip_len), F)
    start = np.minimum(np.floor(start_u * (F - length + 1)), F - length)
    return start.astype(np.int64), length.astype(np.int64)


def draw_view_params(frames: Array,
                     num_views: int,
                     num_joints: int,
                     in_channels: int,
                     seeds: Array,
                     device: Union[str, torch.device, None] = None,
                     **views) -> Dict[str, torch.Tensor]:
    """Draw every random parameter of ``num_views`` views of each sample.

    Per view: ``ratio ~ U[min_ratio, max_ratio]``, crop length ``L =
    min(max(floor(F * ratio), clip_len), F)``, start uniform in ``[0, F -
    L]``; with ``corrupt_prob`` joint corruption (``corrupt_joints`` joints
    without replacement, zeroed with ``zero_prob``, else mixed by a ``C x C``
    matrix ``U(-1, 1)``), otherwise shear (off-diagonal ``U(-shear,
    shear)``).

    Args:
        frames (np.ndarray | torch.Tensor): ``(B,)`` valid frame counts F.
        num_views (int): Views K per sample.
        num_joints (int): Joints V.
        in_channels (int): Channels C of the clips.
        seeds (np.ndarray | torch.Tensor): ``(B,)`` per-sample seeds (e.g.
            the ``aug_seed`` of :class:`SeededSampler`).
        device (str | torch.device, optional): Where the returned tensors
            go. Defaults to ``frames``' device (a tensor), else the CPU.
        **views: The view settings (:func:`view_settings`). The mixing and
            shear act on the first ``num_coords`` channels; a keypoint-score
            channel after them is kept, or zeroed with its joint.

    Returns:
        dict[str, torch.Tensor]: ``ratio``, ``start``, ``length`` (B, K);
        ``corrupt``, ``zero`` (B, K) bool; ``joints`` (B, K, V) bool;
        ``mix``, ``shear`` (B, K, C, C).
    """
    cfg = view_settings(**views)
    if cfg['corrupt_joints'] is None:
        cfg['corrupt_joints'] = default_corrupt_joints(num_joints)
    if cfg['corrupt_joints'] > num_joints:
        raise ValueError(f"cannot corrupt {cfg['corrupt_joints']} of "
                         f'{num_joints} joints')
    if device is None:
        device = getattr(frames, 'device', 'cpu')
    if isinstance(frames, torch.Tensor):
        frames = frames.cpu().numpy()
    if isinstance(seeds, torch.Tensor):
        seeds = seeds.cpu().numpy()
    B, K, V, C = len(frames), num_views, num_joints, in_channels
    A = C if cfg['num_coords'] is None else cfg['num_coords']
    if not 1 <= A <= C:
        raise ValueError(f"num_coords={cfg['num_coords']} but the clips have "
                         f'{C} channels')
    # per view: ratio, start, corrupt, zero, V joint keys, A*A mix, A*A shear
    sizes = (1, 1, 1, 1, V, A * A, A * A)
    u = hashed_uniform(seeds, K * sum(sizes)).reshape(B, K, sum(sizes))
    ratio_u, start_u, corrupt_u, zero_u, keys, mix_u, shear_u = np.split(
        u, np.cumsum(sizes)[:-1], axis=-1)
    low, high = cfg['min_ratio'], cfg['max_ratio']
    ratio = low + (high - low) * ratio_u[..., 0]
    start, length = crop_window(
        np.asarray(frames)[:, None], ratio, start_u[..., 0], cfg['clip_len'])
    # a uniform random subset of joints: those with the smallest keys
    joints = keys.argsort(-1, kind='stable').argsort(-1) < \
        cfg['corrupt_joints']
    off = 1 - np.eye(A)
    mix = mix_u.reshape(B, K, A, A) * 2 - 1
    shear = np.eye(A) + (shear_u.reshape(B, K, A, A) * 2 - 1) * \
        cfg['shear'] * off
    params = dict(
        ratio=ratio,
        start=start,
        length=length,
        corrupt=corrupt_u[..., 0] < cfg['corrupt_prob'],
        joints=joints,
        zero=zero_u[..., 0] < cfg['zero_prob'],
        mix=_pad_identity(mix.astype(np.float32), C),
        shear=_pad_identity(shear.astype(np.float32), C))
    return _to_device(params, device)


def _to_device(params: Dict[str, np.ndarray],
               device: Union[str, torch.device]) -> Dict[str, torch.Tensor]:
    """The parameters as tensors on ``device``. To an accelerator in one
    asynchronous copy: packed in one float64 buffer (exact for every
    field: integers below 2**53, booleans, float32), pinned, copied and
    split there (MPS, without float64, gets one copy per field)."""
    device = torch.device(device)
    host = {k: torch.from_numpy(v) for k, v in params.items()}
    if device.type in ('cpu', 'meta', 'mps'):
        return {k: v.to(device) for k, v in host.items()}
    flat = torch.from_numpy(np.concatenate(
        [v.reshape(len(v), -1) for v in params.values()], 1,
        dtype=np.float64))
    return split_packed(flat.pin_memory().to(device, non_blocking=True),
                        host)


def split_packed(buf: torch.Tensor,
                 like: Dict[str, torch.Tensor]) -> Dict[str, torch.Tensor]:
    """Split a ``(B, sum of widths)`` buffer into tensors of the shapes and
    dtypes of ``like`` (packed in its order), on the buffer's device."""
    out, start = {}, 0
    for key, value in like.items():
        width = value[0].numel()
        out[key] = buf[:, start:start + width].reshape(value.shape).to(
            value.dtype)
        start += width
    return out


def _pad_identity(mat: np.ndarray, channels: int) -> np.ndarray:
    """Embed ``(..., A, A)`` matrices in the top-left corner of
    ``(..., C, C)`` identities (channels past A pass through)."""
    A = mat.shape[-1]
    if A == channels:
        return mat
    out = np.zeros(mat.shape[:-2] + (channels, channels), mat.dtype)
    out[..., range(channels), range(channels)] = 1
    out[..., :A, :A] = mat
    return out
