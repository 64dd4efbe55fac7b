"""UmURL's view augmentations (a random temporal crop-resize, then joint
corruption or shear) for a whole batch, split into drawing the random
parameters on the host (:func:`.view_draws.draw_view_params`) and applying
them where the clips are (:func:`make_views`), with no Python loop over
samples, views, frames or joints. :func:`seeded_views` does both; the
model's data preprocessor (on the device) and ``MultiView`` (in the data
workers, one sample at a time) call it.
"""
from typing import Dict

import numpy as np
import torch

# draw_view_params is importable from here too
from .view_draws import draw_view_params, view_settings

__all__ = ['draw_view_params', 'crop_resize', 'make_views', 'seeded_views']


def seeded_views(clips: torch.Tensor, frames: np.ndarray, seeds: np.ndarray,
                 num_views: int, **views) -> torch.Tensor:
    """The views of ``(B, M, T, V, C)`` clips, every random draw a hash of
    the sample's seed, made in float32 with autocast disabled.

    Args:
        clips (torch.Tensor): The clips, zero-padded in time.
        frames (np.ndarray): ``(B,)`` valid frame counts.
        seeds (np.ndarray): ``(B,)`` per-sample seeds.
        num_views (int): Views per sample.
        **views: The view settings (:func:`view_settings`).

    Returns:
        torch.Tensor: ``(B, num_views, M, clip_len, V, C)``.
    """
    cfg = view_settings(**views)
    params = draw_view_params(frames, num_views, clips.shape[3],
                              clips.shape[4], seeds, device=clips.device,
                              **cfg)
    with torch.autocast(clips.device.type, enabled=False):
        return make_views(clips, params, cfg['clip_len'])


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
    size = length[..., None]
    pos = (torch.arange(clip_len, device=x.device, dtype=torch.float64) +
           0.5) * (size.to(torch.float64) / clip_len) - 0.5
    pos = pos.clamp_(min=0)
    lo = pos.long()  # pos < size - 1/2: lo <= size - 1 already
    w = (pos - lo).to(x.dtype)  # (B, K, clip_len)
    hi = torch.minimum(lo + 1, size - 1)
    # rows of (sample, person, frame): whole frames are copied straight
    # into the output layout; first row of each (sample, view, person)
    base = start[:, :, None, None] + (
        torch.arange(B, device=x.device)[:, None, None, None] * M +
        torch.arange(M, device=x.device)[:, None]) * T
    rows = x.reshape(B * M * T, V * C)
    shape = (B, K, M, clip_len, V * C)
    a = rows.index_select(0, (base + lo[:, :, None]).view(-1)).view(shape)
    b = rows.index_select(0, (base + hi[:, :, None]).view(-1)).view(shape)
    return a.lerp_(b, w[:, :, None, :, None]).view(B, K, M, clip_len, V, C)


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
    B, K, M, L, V, C = views.shape
    # one C x C matrix per view: corruption mixes row vectors (x @ mix),
    # shear maps points (x @ shear^T); zeroing is a zero matrix
    corrupt = params['corrupt'][:, :, None, None]
    mat = torch.where(
        corrupt,
        torch.where(params['zero'][:, :, None, None], 0., params['mix']),
        params['shear'].transpose(-1, -2)).to(views.dtype)
    # x @ mat: one (M*T*V, C) @ (C, C) product per view
    mapped = torch.bmm(views.view(B * K, M * L * V, C),
                       mat.view(B * K, C, C)).view(B, K, M * L, V * C)
    # corruption touches only the chosen joints, shear every joint: a 0/1
    # blend in one pass, its weight laid out along the (V * C) rows
    touched = params['joints'] | ~params['corrupt'][..., None]
    w = touched[..., None].expand(B, K, V, C).reshape(B, K, 1, V * C)
    return views.view(B, K, M * L, V * C).lerp_(mapped, w.to(
        views.dtype)).view(B, K, M, L, V, C)
