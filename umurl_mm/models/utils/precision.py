"""The precision reductions and statistics are computed in."""
import torch


def full_precision(x: torch.Tensor) -> torch.Tensor:
    """``x`` in at least float32: half-precision tensors (autocast's bf16
    or fp16) are cast to float32, float32 and float64 are returned as they
    are (so a float64 model stays float64 end to end).

    Args:
        x (torch.Tensor): A floating-point tensor.

    Returns:
        torch.Tensor: ``x`` in ``promote_types(x.dtype, float32)``.
    """
    return x.to(torch.promote_types(x.dtype, torch.float32))
