from typing import Dict

import torch
import torch.nn as nn
from mmaction.registry import MODELS

from ..utils import full_precision
from ..utils.motion_masking import patchify


def regression_target(x: torch.Tensor,
                      segment_len: int,
                      kind: str = 'motion',
                      normalize: bool = True) -> torch.Tensor:
    """MAMP's regression target: per-frame motion ``m[t] = x[t + 1] -
    x[t]`` (``m[T - 1] = 0``; ``kind='joint'``: the coordinates themselves,
    the MAE baseline), one patch per token, each patch normalised to zero
    mean and unit (unbiased) variance (+1e-6) over its values.

    Args:
        x (torch.Tensor): ``(N, T, V, C)`` joints of the view.
        segment_len (int): Frames per token.
        kind (str): ``motion`` or ``joint``. Defaults to ``motion``.
        normalize (bool): Normalise each patch. Defaults to True.

    Returns:
        torch.Tensor: ``(N, L, s * C)``.
    """
    if kind == 'motion':
        x = torch.cat([x[:, 1:] - x[:, :-1], torch.zeros_like(x[:, :1])], 1)
    elif kind != 'joint':
        raise ValueError(f"target kind must be 'motion' or 'joint', got "
                         f'{kind!r}')
    target = patchify(x, segment_len)
    if normalize:
        mean = target.mean(-1, keepdim=True)
        var = target.var(-1, keepdim=True, unbiased=True)
        target = (target - mean) / (var + 1e-6).sqrt()
    return target


@MODELS.register_module()
class MAMPLoss(nn.Module):
    """Mean squared error of the masked tokens' predictions.

    ``e_l = mean (pred_l - target_l)^2`` over a token's values; the loss is
    ``sum_l e_l mask_l / sum_l mask_l`` over all rows of the batch (every
    row masks the same number of tokens, so this is also the mean of the
    rows' means). Computed in at least float32.
    """

    def forward(self, pred: torch.Tensor, target: torch.Tensor,
                mask: torch.Tensor) -> Dict[str, torch.Tensor]:
        """The loss.

        Args:
            pred (torch.Tensor): ``(N, L, P)`` predictions.
            target (torch.Tensor): ``(N, L, P)`` targets.
            mask (torch.Tensor): ``(N, L)``, 1 where masked.

        Returns:
            dict[str, torch.Tensor]: ``loss``.
        """
        err = (full_precision(pred) - full_precision(target)).pow(2).mean(-1)
        mask = full_precision(mask)
        return dict(loss=(err * mask).sum() / mask.sum())
