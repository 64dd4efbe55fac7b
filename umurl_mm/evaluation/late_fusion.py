from typing import Dict, List, Sequence

import torch
from mmaction.evaluation.functional import get_weighted_score, top_k_accuracy

from .labels import sample_label, sample_scores


def late_fusion(predictions: Sequence[List[Dict]],
                weights: Sequence[float] = None,
                names: Sequence[str] = None) -> Dict[str, float]:
    """Fuse the class scores of several classifiers (the "3s" ensemble).

    Each element of ``predictions`` is one classifier's dump of
    ``tools/test.py --dump`` (a list of data sample dicts, same samples in
    the same order). Scores (probabilities with MMAction2's default
    ``average_clips='prob'``) are summed with ``weights``.

    Args:
        predictions (Sequence[list[dict]]): Dumps of each classifier.
        weights (Sequence[float], optional): Defaults to all ones.
        names (Sequence[str], optional): Names for the per-stream results.

    Returns:
        dict: top-1 accuracy of each stream and of the fusion, as a
        fraction in [0, 1] (like MMAction2's ``AccMetric``).
    """
    if len(predictions) < 2:
        raise ValueError('late fusion needs at least two prediction sets')
    weights = list(weights or [1.0] * len(predictions))
    names = list(names or [f'stream{i}' for i in range(len(predictions))])
    if not len(weights) == len(names) == len(predictions):
        raise ValueError('one weight and one name per prediction set')
    labels = [torch.tensor([sample_label(s) for s in p]) for p in predictions]
    for name, lab in zip(names[1:], labels[1:]):
        if len(lab) != len(labels[0]) or not torch.equal(lab, labels[0]):
            raise ValueError(f'{name}: predictions are not of the same '
                             f'samples in the same order as {names[0]}')
    scores = [list(torch.stack([sample_scores(s) for s in p]).numpy())
              for p in predictions]
    # MMAction2's weighted sum and accuracy (tools/analysis_tools/
    # report_accuracy.py), on dumps of any MMAction2 version
    fused = get_weighted_score(scores, weights)
    truth = labels[0].numpy()
    return {
        name: float(top_k_accuracy(s, truth, (1, ))[0])
        for name, s in zip(names + ['fused'], scores + [fused])
    }
