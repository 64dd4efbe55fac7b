"""The pre-norm transformer block of MAMP's encoder and decoder (the
ViT/MAE block), with MAMP's parameter names."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from mmcv.cnn.bricks import DropPath

from .mlp import Mlp


class Attention(nn.Module):
    """Multi-head self-attention: one ``qkv`` projection, scaled dot
    products (scale ``head_dim ** -0.5``), the output projection ``proj``.

    Args:
        dim (int): Token width.
        num_heads (int): Heads; ``dim`` must be divisible by it.
    """

    def __init__(self, dim: int, num_heads: int) -> None:
        super().__init__()
        if dim % num_heads:
            raise ValueError(f'dim={dim} is not divisible by '
                             f'num_heads={num_heads}')
        self.num_heads = num_heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Attend over the tokens of ``(N, L, dim)``."""
        N, L, D = x.shape
        q, k, v = self.qkv(x).view(N, L, 3, self.num_heads,
                                   D // self.num_heads).permute(2, 0, 3, 1,
                                                                4)
        out = F.scaled_dot_product_attention(q, k, v)  # scale head_dim^-0.5
        return self.proj(out.transpose(1, 2).reshape(N, L, D))


class ViTBlock(nn.Module):
    """``x += DP(Attn(LN1 x)); x += DP(MLP(LN2 x))``; LayerNorm eps 1e-5.

    Args:
        dim (int): Token width.
        num_heads (int): Attention heads.
        mlp_ratio (int): MLP expansion. Defaults to 4.
        drop_path (float): Per-sample stochastic depth. Defaults to 0.
    """

    def __init__(self,
                 dim: int,
                 num_heads: int,
                 mlp_ratio: int = 4,
                 drop_path: float = 0.) -> None:
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn = Attention(dim, num_heads)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = Mlp(dim, mlp_ratio)
        self.drop_path = DropPath(drop_path)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """The block on ``(N, L, dim)`` tokens."""
        x = x + self.drop_path(self.attn(self.norm1(x)))
        return x + self.drop_path(self.mlp(self.norm2(x)))


def build_blocks(depth: int, dim: int, num_heads: int, mlp_ratio: int,
                 drop_path: float = 0.) -> nn.ModuleList:
    """``depth`` blocks, stochastic depth ``linspace(0, drop_path,
    depth)``."""
    rates = torch.linspace(0, drop_path, depth).tolist()
    return nn.ModuleList(
        ViTBlock(dim, num_heads, mlp_ratio, r) for r in rates)


def xavier_init(module: nn.Module) -> None:
    """MAMP's initialisation: every ``nn.Linear`` Xavier-uniform (``qkv``
    as one matrix), biases 0; LayerNorms 1 and 0; others their defaults."""
    for m in module.modules():
        if isinstance(m, nn.Linear):
            nn.init.xavier_uniform_(m.weight)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.LayerNorm):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)
