from typing import Dict, List, Sequence

import torch


def sample_label(sample: Dict) -> int:
    """Ground-truth class of a data sample dict, across MMAction2 versions.

    MMAction2 1.1 stores ``gt_labels.item``; 1.2 stores ``gt_label``.

    Args:
        sample (dict): A data sample converted with ``to_dict()``.

    Returns:
        int: The label.
    """
    return int(torch.as_tensor(_label(sample)).flatten()[0])


def batch_labels(samples: Sequence[Dict]) -> List[int]:
    """:func:`sample_label` of every sample, read back in one copy.

    Args:
        samples (Sequence[dict]): Data sample dicts.

    Returns:
        list[int]: The labels.
    """
    labels = [torch.as_tensor(_label(s)).flatten()[0] for s in samples]
    return torch.stack(labels).cpu().tolist() if labels else []


def _label(sample: Dict):
    if 'gt_label' in sample:
        value = sample['gt_label']
    elif 'gt_labels' in sample:
        value = sample['gt_labels']['item']
    else:
        raise KeyError('data sample has no ground-truth label '
                       f'(keys: {sorted(sample)})')
    return value


def sample_scores(sample: Dict) -> torch.Tensor:
    """Predicted class scores of a data sample dict, across versions."""
    if 'pred_score' in sample:
        return torch.as_tensor(sample['pred_score'])
    if 'pred_scores' in sample:
        return torch.as_tensor(sample['pred_scores']['item'])
    raise KeyError('data sample has no predicted scores '
                   f'(keys: {sorted(sample)})')
