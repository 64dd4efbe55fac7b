from typing import Dict

import torch


def sample_label(sample: Dict) -> int:
    """Ground-truth class of a data sample dict, across MMAction2 versions.

    MMAction2 1.1 stores ``gt_labels.item``; 1.2 stores ``gt_label``.

    Args:
        sample (dict): A data sample converted with ``to_dict()``.

    Returns:
        int: The label.
    """
    if 'gt_label' in sample:
        value = sample['gt_label']
    elif 'gt_labels' in sample:
        value = sample['gt_labels']['item']
    else:
        raise KeyError('data sample has no ground-truth label '
                       f'(keys: {sorted(sample)})')
    return int(torch.as_tensor(value).flatten()[0])


def sample_scores(sample: Dict) -> torch.Tensor:
    """Predicted class scores of a data sample dict, across versions."""
    if 'pred_score' in sample:
        return torch.as_tensor(sample['pred_score'])
    if 'pred_scores' in sample:
        return torch.as_tensor(sample['pred_scores']['item'])
    raise KeyError('data sample has no predicted scores '
                   f'(keys: {sorted(sample)})')
