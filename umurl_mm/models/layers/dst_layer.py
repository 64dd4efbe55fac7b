"""USDRL's Dense Spatio-Temporal layer (DST): convolutional attention and
dense shift attention over one token sequence, sharing one attention."""
import torch
import torch.nn as nn
from mmcv.cnn.bricks import DropPath

from .mlp import Mlp


class _AttentionBlock(nn.Module):
    """LayerNorms, MLP and DropPath around a (shared) attention."""

    def __init__(self, attn: nn.MultiheadAttention, dim: int,
                 drop_path: float) -> None:
        super().__init__()
        self.attn = attn
        self.norm1 = nn.LayerNorm(dim)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = Mlp(dim)
        self.drop_path = DropPath(drop_path)

    def attend(self, x: torch.Tensor) -> torch.Tensor:
        """``DropPath(Attn(LN1(x)))``, query = key = value."""
        h = self.norm1(x)
        return self.drop_path(self.attn(h, h, h, need_weights=False)[0])


class ConvAttention(_AttentionBlock):
    """CA: ``u = x + ReLU(Conv1d_k1(x))``; ``a = x + DP(Attn(LN1(u)))``
    (the residual is ``x``); ``CA(x) = DP(MLP(LN2(a)))`` (no residual
    around the MLP), as the official code computes it."""

    def __init__(self, attn: nn.MultiheadAttention, dim: int,
                 drop_path: float) -> None:
        super().__init__(attn, dim, drop_path)
        self.conv1 = nn.Conv1d(dim, dim, kernel_size=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        u = x + torch.relu(self.conv1(x.transpose(1, 2))).transpose(1, 2)
        a = x + self.attend(u)
        return self.drop_path(self.mlp(self.norm2(a)))


class DenseShiftAttention(_AttentionBlock):
    """DSA: ``h = x + W2 ReLU(W1 x)`` along the token axis (per channel),
    with every ``gap``-th token (0, gap, 2 gap, ...) reset to ``x``; then
    ``DSA(x) = (blk(h) + blk(x)) / 2`` with ``blk(z) = z' + DP(MLP(LN2(z')))``,
    ``z' = z + DP(Attn(LN1(z)))``, the same weights in both calls."""

    def __init__(self, attn: nn.MultiheadAttention, dim: int,
                 num_tokens: int, drop_path: float, gap: int = 4) -> None:
        super().__init__(attn, dim, drop_path)
        self.wt1 = nn.Linear(num_tokens, num_tokens)
        self.wt2 = nn.Linear(num_tokens, num_tokens)
        self.gap = gap

    def block(self, z: torch.Tensor) -> torch.Tensor:
        z = z + self.attend(z)
        return z + self.drop_path(self.mlp(self.norm2(z)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shift = self.wt2(torch.relu(self.wt1(x.transpose(1, 2))))
        h = x + shift.transpose(1, 2)
        keep = torch.zeros(x.shape[1], dtype=torch.bool, device=x.device)
        keep[::self.gap] = True
        h = torch.where(keep[:, None], x, h)
        return 0.5 * (self.block(h) + self.block(x))


class DSTLayer(nn.Module):
    """``alpha * CA(x) + (1 - alpha) * DSA(x)``; CA and DSA share one
    single-head attention (its weights appear under both in the state
    dict, as in the official checkpoints) and have their own LayerNorms,
    MLPs and DropPath.

    Args:
        dim (int): Width H.
        num_tokens (int): Tokens L of the sequence (DSA's token mixing).
        drop_path (float): Stochastic depth rate. Defaults to 0.1.
        alpha (float): Weight of CA. Defaults to 0.5.
        gap (int): DSA's gap. Defaults to 4.
    """

    def __init__(self,
                 dim: int,
                 num_tokens: int,
                 drop_path: float = 0.1,
                 alpha: float = 0.5,
                 gap: int = 4) -> None:
        super().__init__()
        attn = nn.MultiheadAttention(dim, 1, dropout=0.0, batch_first=True)
        self.CA = ConvAttention(attn, dim, drop_path)
        self.DSA = DenseShiftAttention(attn, dim, num_tokens, drop_path, gap)
        self.alpha = alpha

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``(B, L, H)`` -> ``(B, L, H)``."""
        return self.alpha * self.CA(x) + (1 - self.alpha) * self.DSA(x)
