from itertools import combinations
from typing import Dict

import torch
import torch.nn as nn
from mmaction.registry import MODELS

from ..utils.precision import full_precision
from .umurl_loss import variance_covariance

#: below this, a column's batch std counts as zero (a constant dimension)
STD_FLOOR = 1e-12


def barlow_twins(a: torch.Tensor, b: torch.Tensor,
                 off_weight: float = 0.005) -> torch.Tensor:
    """Barlow Twins' cross-correlation loss of two ``(..., B, D)``
    embeddings.

    Columns are standardised with the batch mean and the unbiased std, ``C
    = a^T b / B``; the loss is ``sum_k (C_kk - 1)^2 + off_weight *
    sum_{k != j} C_kj^2``. The official code divides by the std without an
    epsilon, so a constant dimension gives NaN; here the std is floored at
    :data:`STD_FLOOR`, which changes nothing for any column whose std is
    above it and makes a constant column's standardised values 0 (its
    ``C_kk`` is 0 and contributes 1) instead of NaN.

    Args:
        a (torch.Tensor): ``(..., B, D)``.
        b (torch.Tensor): ``(..., B, D)``.
        off_weight (float): Weight of the off-diagonal terms. Defaults to
            0.005.

    Returns:
        torch.Tensor: ``(...)``.
    """
    batch = a.shape[-2]

    def standardise(z):
        z = z - z.mean(-2, keepdim=True)
        return z / z.std(-2, keepdim=True).clamp(min=STD_FLOOR)

    c = standardise(a).mT @ standardise(b) / batch
    diag = torch.diagonal(c, dim1=-2, dim2=-1)
    on = (diag - 1).pow(2).sum(-1)
    off = c.pow(2).sum((-2, -1)) - diag.pow(2).sum(-1)
    return on + off_weight * off


@MODELS.register_module()
class USDRLLoss(nn.Module):
    """USDRL's multi-grained feature decorrelation loss.

    For each granularity ``g`` (``temporal``, ``spatial``, ``instance``)
    with the views' embeddings ``z^1..z^K`` (``(K, B, D)``; the official
    recipe has K = 4):

    - ``Sim_g = sum_{k<K} MSE(z^k, z^K) + sum_{k<K} MSE(z^k, c)``, ``c`` the
      mean of ``z^1..z^{K-1}`` (not detached): UmURL's intra + inter terms
      with the last view in the role of the fused one;
    - ``VC_g = sum_k vc(z^k)``, UmURL's variance-covariance term;
    - ``X_g = sum_{k<l} BT(z^k, z^l)``, Barlow Twins over the view pairs.

    Each ``Q`` in (Sim, VC, X) is ``Q_instance + 0.5 * (Q_temporal +
    Q_spatial)``; the terms are ``loss_sim = 5 Sim``, ``loss_vc = 1 VC``,
    ``loss_bt = 0.001 X``. Computed in float32 (float64 for a
    float64 model) with autocast disabled.

    Args:
        sim_weight (float): Defaults to 5.
        vc_weight (float): Defaults to 1.
        bt_weight (float): Defaults to 0.001.
        bt_off_weight (float): Barlow Twins' off-diagonal weight. Defaults
            to 0.005.
        granularity_weights (dict): Defaults to instance 1, temporal and
            spatial 0.5.
        std_weight (float): Weight of the variance part of VC. Defaults
            to 5.
        eps (float): VC's variance epsilon. Defaults to 1e-4.
    """

    def __init__(self,
                 sim_weight: float = 5.0,
                 vc_weight: float = 1.0,
                 bt_weight: float = 0.001,
                 bt_off_weight: float = 0.005,
                 granularity_weights: Dict[str, float] = dict(
                     temporal=0.5, spatial=0.5, instance=1.0),
                 std_weight: float = 5.0,
                 eps: float = 1e-4) -> None:
        super().__init__()
        self.sim_weight = sim_weight
        self.vc_weight = vc_weight
        self.bt_weight = bt_weight
        self.bt_off_weight = bt_off_weight
        self.granularity_weights = dict(granularity_weights)
        self.std_weight = std_weight
        self.eps = eps

    def forward(self, embeddings: Dict[str, torch.Tensor]
                ) -> Dict[str, torch.Tensor]:
        """Compute the three loss terms.

        Args:
            embeddings (dict[str, torch.Tensor]): ``(K, B, D)`` per
                granularity (``temporal``, ``spatial``, ``instance``).

        Returns:
            dict[str, torch.Tensor]: ``loss_sim``, ``loss_vc``,
            ``loss_bt``.
        """
        first = next(iter(embeddings.values()))
        with torch.autocast(first.device.type, enabled=False):
            totals = [0.0, 0.0, 0.0]
            for name, z in embeddings.items():
                weight = self.granularity_weights[name]
                for i, term in enumerate(self.terms(full_precision(z))):
                    totals[i] = totals[i] + weight * term
        sim, vc, bt = totals
        return dict(loss_sim=self.sim_weight * sim,
                    loss_vc=self.vc_weight * vc,
                    loss_bt=self.bt_weight * bt)

    def terms(self, z: torch.Tensor):
        """``Sim``, ``VC`` and ``X`` of one granularity's ``(K, B, D)``."""
        uni, last = z[:-1], z[-1]
        center = uni.mean(0)
        sim = (uni - last).pow(2).mean((1, 2)).sum() + \
            (uni - center).pow(2).mean((1, 2)).sum()
        vc = variance_covariance(z, self.std_weight, self.eps).sum()
        k, l_ = zip(*combinations(range(len(z)), 2))
        bt = barlow_twins(z[list(k)], z[list(l_)], self.bt_off_weight).sum()
        return sim, vc, bt
