from typing import Optional, Sequence

import torch
from mmengine.model import BaseModule


class SkeletonEncoder(BaseModule):
    """What UmURL's and USDRL's encoders share: ``(N, M, T, V, C)`` joints
    in (``input_shape``, ``layout``), a ``2 * hidden_dim`` representation
    out, and ``frozen`` (always in eval mode, for linear evaluation).
    Subclasses set ``input_shape``, ``layout``, ``hidden_dim`` and
    ``frozen``."""

    @property
    def out_channels(self) -> int:
        """Width of the representation, ``2 * hidden_dim``."""
        return 2 * self.hidden_dim

    def pooled(self,
               x: torch.Tensor,
               modalities: Optional[Sequence[str]] = None) -> torch.Tensor:
        """The clip feature of ``(N, M, T, V, C)`` joints, ``(N,
        out_channels)``: what the linear probe and kNN retrieval use.

        Args:
            x (torch.Tensor): Joints ``(N, M, T, V, C)``.
            modalities (Sequence[str], optional): The input modalities;
                defaults to the encoder's.
        """
        return self(x, modalities).flatten(1)

    def train(self, mode: bool = True) -> 'SkeletonEncoder':
        """Set train mode; a frozen encoder always stays in eval mode."""
        return super().train(mode and not self.frozen)

    def check_input(self, x: torch.Tensor) -> None:
        """Raise a ``ValueError`` if ``x`` is not ``(N, M, T, V, C)``."""
        if x.ndim != 5 or tuple(x.shape[1:]) != self.input_shape:
            raise ValueError(
                f'{type(self).__name__} (layout {self.layout.name!r}) '
                'expects joints of shape (N, M, T, V, C) = (N, '
                f'{", ".join(map(str, self.input_shape))}), got '
                f'{tuple(x.shape)}')
