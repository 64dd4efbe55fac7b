"""MAMP's segments, motion prior and motion-aware masking."""
from typing import Optional, Tuple

import torch


def patchify(x: torch.Tensor, segment_len: int) -> torch.Tensor:
    """Cut ``(N, T, V, C)`` into one patch per token: ``(N, L, s * C)``,
    ``l = V t + v``, each patch ordered (frame in segment, channel)."""
    N, T, V, C = x.shape
    return x.view(N, T // segment_len, segment_len, V, C).permute(
        0, 1, 3, 2, 4).reshape(N, T // segment_len * V, segment_len * C)


def motion_prior(x: torch.Tensor, segment_len: int,
                 tau: float) -> torch.Tensor:
    """The masking distribution of each row: a softmax over its tokens of
    their motion.

    ``d[t, v] = mean |P[t, v] - P[t - 1, v]|`` over the patch's values
    (``d[0] = d[1]``); ``pi = softmax_l(d / (tau * max_l d + 1e-10))``, so
    the logits lie in ``[0, 1 / tau]`` (uniform for a still or absent
    person).

    Args:
        x (torch.Tensor): ``(N, T, V, C)`` joints (the view's raw
            coordinates).
        segment_len (int): Frames per token.
        tau (float): Temperature (0.80 NTU-60 and PKU-MMD, 0.75 NTU-120).

    Returns:
        torch.Tensor: ``(N, L)`` log-probabilities ``log pi``.
    """
    N, T, V, C = x.shape
    P = patchify(x, segment_len).view(N, T // segment_len, V, -1)
    d = (P[:, 1:] - P[:, :-1]).abs().mean(-1)
    d = torch.cat([d[:, :1], d], 1).flatten(1)
    s = d / (tau * d.amax(1, keepdim=True) + 1e-10)
    return torch.log_softmax(s, 1)


def num_kept(num_tokens: int, mask_ratio: float) -> int:
    """Visible tokens, ``int(L * (1 - mask_ratio))`` in floating point as
    the official code computes it (74 of 750 at 0.9, not 75)."""
    return int(num_tokens * (1 - mask_ratio))


def motion_aware_masking(
        log_prior: Optional[torch.Tensor], mask_ratio: float,
        noise: torch.Tensor
) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Which tokens each row keeps: Gumbel-top-k over the prior.

    ``key = log pi - log(-log(U + 1e-10) + 1e-10)``; the ``num_kept``
    smallest keys are kept, the others masked, i.e. the masked set is drawn
    without replacement in proportion to ``pi`` (moving tokens are masked
    more). With ``log_prior=None`` the key is ``U`` itself (MAE's uniform
    random masking).

    Args:
        log_prior (torch.Tensor, optional): ``(N, L)`` from
            :func:`motion_prior`.
        mask_ratio (float): Fraction masked (0.9).
        noise (torch.Tensor): ``(N, L)`` uniform numbers in ``[0, 1)``.

    Returns:
        tuple[torch.Tensor]: ``ids_keep`` ``(N, num_kept)``, ``ids_restore``
        ``(N, L)`` (the inverse of the key order) and ``mask`` ``(N, L)``,
        1 where masked.
    """
    key = noise if log_prior is None else (
        log_prior - torch.log(-torch.log(noise + 1e-10) + 1e-10))
    N, L = key.shape
    keep = num_kept(L, mask_ratio)
    ids_shuffle = torch.argsort(key, 1)
    ids_restore = torch.argsort(ids_shuffle, 1)
    mask = torch.ones(N, L, device=key.device, dtype=key.dtype)
    mask[:, :keep] = 0
    return ids_shuffle[:, :keep], ids_restore, torch.gather(
        mask, 1, ids_restore)
