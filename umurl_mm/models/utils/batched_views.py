"""UmURL's view augmentations for a whole batch on the model's device.

The same distributions as the per-sample transforms (``TemporalCropResize``
then ``RandomChoice`` of ``JointCorruption`` / ``RandomShear``), split into
drawing the random parameters (:func:`draw_view_params`) and applying them
(:func:`make_views`), with no Python loop over samples, views, frames or
joints. Every random number is a hash of (sample seed, view, draw index)
(:func:`hashed_uniform`), so a sample's views do not depend on the batch it
is in, the rank or the data workers.
"""
from typing import Dict, Optional

import torch

_M32 = 0xFFFFFFFF


def _hash32(x: torch.Tensor) -> torch.Tensor:
    """An integer mixer on 32-bit values held in int64 (every product stays
    below 2**63: the constants are below 2**31)."""
    x = x & _M32
    x = x ^ (x >> 16)
    x = (x * 0x7FEB352D) & _M32
    x = x ^ (x >> 15)
    x = (x * 0x2C1B3C6D) & _M32
    return x ^ (x >> 16)


def hashed_uniform(seeds: torch.Tensor, count: int) -> torch.Tensor:
    """``count`` uniform numbers in ``[0, 1)`` per seed, ``(B, count)``
    float64 with 32 random bits each: a pure function of (seed, index)."""
    index = torch.arange(count, device=seeds.device, dtype=torch.int64)
    key = _hash32(_hash32(seeds.to(torch.int64)[:, None]) + 0x61C88647)
    x = _hash32(_hash32(key ^ (index * 0x27D4EB2F & _M32)) + index)
    return x.to(torch.float64) / 2.0**32


def draw_view_params(frames: torch.Tensor,
                     num_views: int,
                     num_joints: int,
                     num_coords: int,
                     seeds: torch.Tensor,
                     clip_len: int = 64,
                     min_ratio: float = 0.1,
                     max_ratio: float = 1.0,
                     corrupt_prob: float = 0.5,
                     corrupt_joints: int = 15,
                     zero_prob: float = 0.5,
                     shear: float = 1.0,
                     coords: Optional[int] = None) -> Dict[str, torch.Tensor]:
    """Draw every random parameter of ``num_views`` views of each sample.

    Per view: ``ratio ~ U[min_ratio, max_ratio]``, crop length ``L =
    min(max(floor(F * ratio), clip_len), F)``, start uniform in ``[0, F -
    L]``; with ``corrupt_prob`` joint corruption (``corrupt_joints`` joints
    without replacement, zeroed with ``zero_prob``, else mixed by a ``C x C``
    matrix ``U(-1, 1)``), otherwise shear (off-diagonal ``U(-shear,
    shear)``).

    Args:
        frames (torch.Tensor): ``(B,)`` valid frame counts F.
        num_views (int): Views K per sample.
        num_joints (int): Joints V.
        num_coords (int): Coordinates C.
        seeds (torch.Tensor): ``(B,)`` per-sample seeds (e.g. the
            ``aug_seed`` of :class:`SeededSampler`), on ``frames.device``.
        clip_len (int): Output frames. Defaults to 64.
        min_ratio (float): Defaults to 0.1.
        max_ratio (float): Defaults to 1.0.
        corrupt_prob (float): Probability of corruption (else shear).
            Defaults to 0.5.
        corrupt_joints (int): Joints corrupted. Defaults to 15.
        zero_prob (float): Probability of zeroing (else mixing). Defaults
            to 0.5.
        shear (float): Bound of the shear entries. Defaults to 1.
        coords (int, optional): Leading channels that are coordinates (the
            mixing and shear act on them; a keypoint-score channel after
            them is kept, or zeroed with its joint). Defaults to all C.

    Returns:
        dict[str, torch.Tensor]: ``ratio``, ``start``, ``length`` (B, K);
        ``corrupt``, ``zero`` (B, K) bool; ``joints`` (B, K, V) bool;
        ``mix``, ``shear`` (B, K, C, C).
    """
    if corrupt_joints > num_joints:
        raise ValueError(f'cannot corrupt {corrupt_joints} of {num_joints} '
                         'joints')
    dev, B, K, V, C = frames.device, len(frames), num_views, num_joints, \
        num_coords
    A = C if coords is None else coords
    if not 1 <= A <= C:
        raise ValueError(f'coords={coords} but the clips have {C} channels')
    # per view: ratio, start, corrupt, zero, V joint keys, A*A mix, A*A shear
    sizes = (1, 1, 1, 1, V, A * A, A * A)
    u = hashed_uniform(seeds, K * sum(sizes)).view(B, K, sum(sizes))
    ratio_u, start_u, corrupt_u, zero_u, keys, mix_u, shear_u = u.split(
        sizes, dim=-1)
    F = frames.to(torch.float64)[:, None]
    ratio = min_ratio + (max_ratio - min_ratio) * ratio_u[..., 0]
    length = torch.minimum(
        torch.clamp(torch.floor(F * ratio), min=clip_len), F)
    start = torch.floor(start_u[..., 0] * (F - length + 1))
    start = torch.minimum(start, F - length)
    # a uniform random subset of joints: those with the smallest keys
    joints = keys.argsort(-1).argsort(-1) < corrupt_joints
    off = 1 - torch.eye(A, device=dev)
    mix = (mix_u.view(B, K, A, A) * 2 - 1).float()
    shear = (torch.eye(A, device=dev) +
             (shear_u.view(B, K, A, A) * 2 - 1) * shear * off).float()
    return dict(
        ratio=ratio,
        start=start.long(),
        length=length.long(),
        corrupt=corrupt_u[..., 0] < corrupt_prob,
        joints=joints,
        zero=zero_u[..., 0] < zero_prob,
        mix=_pad_identity(mix, C),
        shear=_pad_identity(shear, C))


def _pad_identity(mat: torch.Tensor, channels: int) -> torch.Tensor:
    """Embed ``(..., A, A)`` matrices in the top-left corner of
    ``(..., C, C)`` identities (channels past A pass through)."""
    A = mat.shape[-1]
    if A == channels:
        return mat
    out = torch.eye(channels, device=mat.device,
                    dtype=mat.dtype).expand(*mat.shape[:-2], channels,
                                            channels).clone()
    out[..., :A, :A] = mat
    return out


def crop_resize(x: torch.Tensor, start: torch.Tensor, length: torch.Tensor,
                clip_len: int) -> torch.Tensor:
    """Crop ``[start, start + length)`` of each view and resample it
    linearly to ``clip_len`` frames (``align_corners=False``).

    Args:
        x (torch.Tensor): ``(B, M, T, V, C)`` clips.
        start (torch.Tensor): ``(B, K)`` crop starts.
        length (torch.Tensor): ``(B, K)`` crop lengths.
        clip_len (int): Output frames.

    Returns:
        torch.Tensor: ``(B, K, M, clip_len, V, C)``, contiguous.
    """
    B, M, T, V, C = x.shape
    K = start.shape[1]
    size = length.to(torch.float64)[..., None]
    pos = (torch.arange(clip_len, device=x.device, dtype=torch.float64) +
           0.5) * (size / clip_len) - 0.5
    pos = pos.clamp(min=0)
    lo = torch.minimum(pos.long(), size.long() - 1)
    hi = torch.minimum(lo + 1, size.long() - 1)
    w = (pos - lo).to(x.dtype)  # (B, K, clip_len)
    # rows of (sample, person, frame): whole frames are copied straight
    # into the output layout
    rows = x.reshape(B * M * T, V * C)
    first = (torch.arange(B, device=x.device)[:, None, None, None] * M +
             torch.arange(M, device=x.device)[None, None, :, None]) * T

    def take(offset):
        index = first + (start[..., None] + offset)[:, :, None]
        return rows.index_select(0, index.reshape(-1)).view(
            B, K, M, clip_len, V * C)

    out = torch.lerp(take(lo), take(hi), w[:, :, None, :, None])
    return out.view(B, K, M, clip_len, V, C)


def make_views(x: torch.Tensor, params: Dict[str, torch.Tensor],
               clip_len: int = 64) -> torch.Tensor:
    """Apply drawn parameters: crop-resize, then corruption or shear.

    Args:
        x (torch.Tensor): ``(B, M, T, V, C)`` clips (zero-padded in time).
        params (dict): From :func:`draw_view_params`.
        clip_len (int): Output frames. Defaults to 64.

    Returns:
        torch.Tensor: ``(B, K, M, clip_len, V, C)`` views.
    """
    views = crop_resize(x, params['start'], params['length'], clip_len)
    # one C x C matrix per view: corruption mixes row vectors (x @ mix),
    # shear maps points (x @ shear^T); zeroing is a zero matrix
    corrupt = params['corrupt'][:, :, None, None]
    zero = params['zero'][:, :, None, None]
    mat = torch.where(corrupt,
                      torch.where(zero, torch.zeros_like(params['mix']),
                                  params['mix']),
                      params['shear'].transpose(-1, -2)).to(views.dtype)
    # x @ mat: one (M*T*V, C) @ (C, C) product per view
    B, K = mat.shape[:2]
    mapped = torch.bmm(views.reshape(B * K, -1, views.shape[-1]),
                       mat.reshape(B * K, *mat.shape[2:])).view(views.shape)
    # corruption touches only the chosen joints, shear every joint (a 0/1
    # blend: one fused pass)
    touched = params['joints'] | ~params['corrupt'][..., None]
    return torch.lerp(views, mapped,
                      touched.to(views.dtype)[:, :, None, None, :, None])
