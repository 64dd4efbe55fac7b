from typing import Dict, Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmaction.registry import MODELS

from ..utils.precision import full_precision


def off_diagonal_sq_sum(zc: torch.Tensor) -> torch.Tensor:
    """``sum(offdiag(cov)^2)`` of centred ``(..., B, D)`` data, exactly and
    cheaply.

    With ``cov = zc^T zc / (B - 1)``: ``||cov||_F^2 = ||zc zc^T||_F^2 /
    (B - 1)^2`` (``A^T A`` and ``A A^T`` have the same Frobenius norm) and
    ``diag(cov)`` is the variance, so the sum is ``||G||_F^2 / (B - 1)^2 -
    sum(var^2)`` with the smaller Gram matrix ``G``: ``(B, B)`` when the
    batch is smaller than the width, ``(D, D)`` otherwise. That is
    ``O(B^2 D)`` instead of ``O(B D^2)`` for the usual ``B < D``.

    Args:
        zc (torch.Tensor): ``(..., B, D)`` centred embeddings.

    Returns:
        torch.Tensor: The sum, ``(...)``.
    """
    batch, dim = zc.shape[-2:]
    gram = zc @ zc.mT if batch < dim else zc.mT @ zc
    var = zc.pow(2).sum(-2) / (batch - 1)
    return gram.pow(2).sum((-2, -1)) / (batch - 1)**2 - var.pow(2).sum(-1)


def variance_covariance(z: torch.Tensor,
                        std_weight: float = 5.0,
                        eps: float = 1e-4) -> torch.Tensor:
    """Variance-covariance regulariser of ``(..., B, D)`` embeddings.

    ``std_weight * mean(relu(1 - sqrt(var + eps))) + sum(offdiag(cov)^2)/D``
    with the unbiased variance and ``cov = zc^T zc / (B - 1)``; the second
    term through :func:`off_diagonal_sq_sum`. Leading dimensions are
    independent embeddings, computed in one batched pass.

    Args:
        z (torch.Tensor): ``(..., B, D)`` embeddings, ``B >= 2``.
        std_weight (float): Weight of the variance term. Defaults to 5.
        eps (float): Added to the variance. Defaults to 1e-4.

    Returns:
        torch.Tensor: The loss of each embedding, ``(...)``.
    """
    batch, dim = z.shape[-2:]
    if batch < 2:
        raise ValueError('the variance-covariance loss needs a (global) '
                         f'batch of at least 2 samples, got {batch}')
    std = torch.sqrt(z.var(dim=-2) + eps)
    std_loss = F.relu(1 - std).mean(-1)
    zc = z - z.mean(dim=-2, keepdim=True)
    return std_weight * std_loss + off_diagonal_sq_sum(zc) / dim


@MODELS.register_module()
class UmURLLoss(nn.Module):
    """UmURL's pre-training loss.

    With uni-modal embeddings ``z[m]`` and the fused representation's
    embeddings ``zu[m]`` through the same projector ``m``:

    - ``loss_intra = w_intra * sum_m MSE(z[m], zu[m])``
    - ``loss_inter = w_inter * sum_m MSE(z[m], c)``, ``c = mean_m z[m]``
      (not detached)
    - ``loss_vc = w_vc * sum over all six embeddings of VC(z)``

    All terms are computed in float32 (float64 for a float64 model), with
    autocast disabled inside (a Gram matrix in bf16/fp16 would lose
    precision, and in fp16 overflow).

    Args:
        intra_weight (float): Defaults to 5.
        inter_weight (float): Defaults to 5.
        vc_weight (float): Defaults to 1.
        std_weight (float): Weight of the variance part of VC. Defaults
            to 5.
        eps (float): Variance epsilon. Defaults to 1e-4.
    """

    def __init__(self,
                 intra_weight: float = 5.0,
                 inter_weight: float = 5.0,
                 vc_weight: float = 1.0,
                 std_weight: float = 5.0,
                 eps: float = 1e-4) -> None:
        super().__init__()
        self.intra_weight = intra_weight
        self.inter_weight = inter_weight
        self.vc_weight = vc_weight
        self.std_weight = std_weight
        self.eps = eps

    def forward(self, uni: Dict[str, torch.Tensor],
                fused: Dict[str, torch.Tensor]) -> Dict[str, torch.Tensor]:
        """Compute the three loss terms.

        Args:
            uni (dict[str, torch.Tensor]): ``(B, D)`` embedding of each
                uni-modal view, keyed by modality.
            fused (dict[str, torch.Tensor]): ``(B, D)`` embedding of the
                fused view through each modality's projector.

        Returns:
            dict[str, torch.Tensor]: ``loss_intra``, ``loss_inter``,
            ``loss_vc``.
        """
        names: Sequence[str] = list(uni)
        with torch.autocast(uni[names[0]].device.type, enabled=False):
            return self._terms(names, uni, fused)

    def _terms(self, names: Sequence[str], uni: Dict[str, torch.Tensor],
               fused: Dict[str, torch.Tensor]) -> Dict[str, torch.Tensor]:
        # (modality, B, D) stacks: each term in one batched pass
        z = full_precision(torch.stack([uni[m] for m in names]))
        zu = full_precision(torch.stack([fused[m] for m in names]))
        center = z.mean(0)
        intra = (z - zu).pow(2).mean((1, 2)).sum()
        inter = (z - center).pow(2).mean((1, 2)).sum()
        vc = variance_covariance(torch.cat([z, zu]), self.std_weight,
                                 self.eps).sum()
        return dict(
            loss_intra=self.intra_weight * intra,
            loss_inter=self.inter_weight * inter,
            loss_vc=self.vc_weight * vc)
