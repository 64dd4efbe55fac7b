"""Batching of one clip per sample in the data workers. ``clip_collate``
is registered in mmengine's root ``FUNCTIONS`` registry, where the Runner
looks up ``collate_fn`` types."""
from typing import Dict, List, Sequence, Union

import torch
from mmengine.dataset import pseudo_collate
from mmengine.registry import FUNCTIONS


def one_clip_each(shapes: Sequence[tuple]) -> bool:
    """Whether the shapes are ``(1, M, T_i, V, C)`` with one ``M, V, C``."""
    return all(
        len(s) == 5 and s[0] == 1 and s[1:2] + s[3:] == shapes[0][1:2] +
        shapes[0][3:] for s in shapes)


def pad_clips(inputs: Union[torch.Tensor, List[torch.Tensor]]
              ) -> torch.Tensor:
    """One ``(1, M, T_i, V, C)`` clip per sample -> ``(B, M, T, V, C)``,
    zero-padded in time to the longest (one copy per clip).

    Args:
        inputs (torch.Tensor | list[torch.Tensor]): The clips, or a stacked
            ``(B, 1, M, T, V, C)`` batch.

    Returns:
        torch.Tensor: The padded batch.
    """
    shapes = [tuple(x.shape) for x in inputs]
    if not one_clip_each(shapes):
        raise ValueError('UmURLViewPreprocessor expects one clip per sample, '
                         f'(1, M, T, V, C) each, got {shapes[:4]}: put '
                         'FormatGCNInput + PackActionInputs (no MultiView) '
                         'in the pipeline')
    if isinstance(inputs, torch.Tensor):
        return inputs[:, 0]
    _, M, _, V, C = shapes[0]
    out = inputs[0].new_zeros(
        (len(inputs), M, max(s[2] for s in shapes), V, C))
    for i, x in enumerate(inputs):
        out[i, :, :x.shape[2]] = x[0]
    return out


@FUNCTIONS.register_module()
def clip_collate(data_batch: Sequence[Dict]) -> Dict:
    """``pseudo_collate``, with the samples' clips padded into one
    ``(B, 1, M, T, V, C)`` tensor (:func:`pad_clips`) where the data
    workers run, so the main process gets one tensor that the data loader
    can pin (``pin_memory=True``) and the model copies to the device
    asynchronously. Select it with ``collate_fn=dict(type='clip_collate')``
    in a training data loader whose pipeline packs one clip per sample
    (``UmURLViewPreprocessor``).

    Args:
        data_batch (Sequence[dict]): The packed samples.

    Returns:
        dict: ``inputs`` (one tensor) and ``data_samples`` (a list).
    """
    batch = pseudo_collate(data_batch)
    inputs = batch.get('inputs')
    if isinstance(inputs, list) and inputs and all(
            isinstance(x, torch.Tensor) for x in inputs) and one_clip_each(
                [tuple(x.shape) for x in inputs]):
        batch['inputs'] = pad_clips(inputs)[:, None]
    return batch
