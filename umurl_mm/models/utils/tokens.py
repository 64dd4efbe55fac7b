"""The skeleton token layout and embeddings shared by UmURL's and USDRL's
encoders."""
from typing import Tuple

import torch
import torch.nn as nn


def skeleton_tokens(x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
    """Temporal and spatial tokens of ``(N, M, T, V, C)`` skeletons.

    Token ``t`` flattens ``(M, V, C)`` of frame ``t``; token ``m*V + v``
    flattens the ``(T, C)`` trajectory of joint ``v`` of person ``m``.

    Args:
        x (torch.Tensor): ``(N, M, T, V, C)``.

    Returns:
        tuple[torch.Tensor]: ``(N, T, M*V*C)`` and ``(N, M*V, T*C)``.
    """
    N, M, T, V, C = x.shape
    return (x.permute(0, 2, 1, 3, 4).reshape(N, T, M * V * C),
            x.permute(0, 1, 3, 2, 4).reshape(N, M * V, T * C))


def embedding(in_dim: int, hidden: int) -> nn.Sequential:
    """Linear -> LayerNorm -> ReLU -> Linear."""
    return nn.Sequential(
        nn.Linear(in_dim, hidden), nn.LayerNorm(hidden), nn.ReLU(inplace=True),
        nn.Linear(hidden, hidden))


def encoder_layers(hidden: int, num_layers: int,
                   num_heads: int) -> nn.TransformerEncoder:
    """Post-norm Transformer encoder, feed-forward width = hidden."""
    layer = nn.TransformerEncoderLayer(
        hidden, num_heads, dim_feedforward=hidden, dropout=0.0,
        activation='relu', batch_first=True, norm_first=False)
    return nn.TransformerEncoder(
        layer, num_layers, enable_nested_tensor=False)
