"""ONNX export of the UmURL encoder (any modality subset), with a dynamic
batch axis."""
import warnings
from typing import Optional, Sequence

import numpy as np
import torch
import torch.nn as nn

from ..fileio import atomic_write


class EncoderForExport(nn.Module):
    """The encoder with its modality subset fixed: ``(N, M, T, V, C)``
    prepared joints (the config's ``eval_pipeline`` output) to ``(N, 2H)``
    features.

    Args:
        encoder (nn.Module): A :class:`UmURL` encoder.
        modalities (Sequence[str], optional): Defaults to the encoder's.
    """

    def __init__(self,
                 encoder: nn.Module,
                 modalities: Optional[Sequence[str]] = None) -> None:
        super().__init__()
        self.encoder = encoder
        self.modalities = tuple(modalities or encoder.modalities)

    def forward(self, keypoint: torch.Tensor) -> torch.Tensor:
        """Encode; returns ``(N, 2H)``."""
        return self.encoder.pooled(keypoint, self.modalities)


def export_onnx(encoder: nn.Module,
                path: str,
                modalities: Optional[Sequence[str]] = None,
                opset: int = 17) -> str:
    """Export the encoder to ``path`` (input ``keypoint`` ``(N, M, T, V,
    C)``, output ``feature`` ``(N, 2H)``, N dynamic).

    Uses PyTorch's TorchScript-based exporter (``dynamo=False``), which
    needs only the ``onnx`` package.

    Args:
        encoder (nn.Module): A :class:`UmURL` encoder.
        path (str): Output ``.onnx`` file.
        modalities (Sequence[str], optional): Defaults to the encoder's.
        opset (int): ONNX opset. Defaults to 17.

    Returns:
        str: ``path``.
    """
    model = EncoderForExport(encoder, modalities).eval()
    example = torch.zeros(2, *encoder.input_shape,
                          device=next(encoder.parameters()).device)
    with warnings.catch_warnings(), torch.no_grad():
        # the input shape check is a constant of the traced graph
        warnings.simplefilter('ignore', torch.jit.TracerWarning)
        warnings.simplefilter('ignore', DeprecationWarning)
        with atomic_write(path) as f:
            torch.onnx.export(
                model, (example, ), f, dynamo=False, opset_version=opset,
                input_names=['keypoint'], output_names=['feature'],
                dynamic_axes={'keypoint': {0: 'batch'},
                              'feature': {0: 'batch'}})
    return path


def onnx_max_error(path: str, encoder: nn.Module, keypoint: torch.Tensor,
                   modalities: Optional[Sequence[str]] = None) -> float:
    """Run the exported file in onnxruntime and return the largest
    absolute difference to PyTorch on ``keypoint``."""
    import onnxruntime as ort
    session = ort.InferenceSession(path, providers=['CPUExecutionProvider'])
    got = session.run(None, {'keypoint': keypoint.cpu().numpy()})[0]
    with torch.no_grad():
        ref = EncoderForExport(encoder, modalities).eval()(keypoint)
    return float(np.abs(got - ref.cpu().numpy()).max())
