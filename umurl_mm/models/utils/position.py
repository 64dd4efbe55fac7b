import math

import torch


def sinusoidal_position_code(max_len: int, dim: int) -> torch.Tensor:
    """Fixed sinusoidal position code of shape ``(1, max_len, dim)``.

    Even channels ``2i`` hold ``sin(pos * 10000^(-2i/dim))`` and odd
    channels ``2i+1`` the cosine at the same frequency.

    Args:
        max_len (int): Number of positions.
        dim (int): Channels (even).

    Returns:
        torch.Tensor: The code.
    """
    if dim % 2:
        raise ValueError(f'position code needs an even width, got {dim}')
    pos = torch.arange(max_len, dtype=torch.float32)[:, None]
    freq = torch.exp(
        torch.arange(0, dim, 2, dtype=torch.float32) *
        (-math.log(10000.0) / dim))
    code = torch.zeros(max_len, dim)
    code[:, 0::2] = torch.sin(pos * freq)
    code[:, 1::2] = torch.cos(pos * freq)
    return code[None]
