from typing import Dict, List, Optional, Sequence

import numpy as np
import torch
import torch.nn.functional as F
from mmaction.registry import METRICS
from mmengine.evaluator import BaseMetric

from .labels import batch_labels


@METRICS.register_module()
class KNNRetrievalMetric(BaseMetric):
    """k-nearest-neighbour retrieval accuracy on frozen features.

    Every sample carries a ``feature`` (from :class:`UmURLPretrainer` in
    ``predict`` mode) and a ``subset``: ``'gallery'`` (the training split)
    or ``'query'`` (the test split), set by ``UmURLPoseDataset(subset=...)``
    and ``PackActionInputs(meta_keys=('subset', ...))``. Features are
    L2-normalised and compared by cosine similarity.

    Metrics: ``top1``, the accuracy of a vote among the ``k`` nearest
    gallery samples (with ``k=1`` the nearest neighbour's label), and
    ``recall@K`` for each ``K`` in ``recall_at``, the share of queries
    with at least one of the ``K`` nearest gallery samples of the right
    class. Values are fractions in [0, 1], like
    MMAction2's ``AccMetric``. Results from all ranks are collected first,
    so it works under multiple processes.

    Args:
        k (int): Neighbours that vote. Defaults to 1.
        weighting (str): ``'uniform'``: a majority vote, ties going to the
            smallest label, as the official script's scikit-learn
            ``KNeighborsClassifier``; ``'similarity'``: votes weighted by
            cosine similarity. Defaults to ``'uniform'``.
        recall_at (Sequence[int]): Ranks for ``recall@K``. Defaults to
            ``(1, 5)``.
        chunk_size (int): Queries compared at once. Defaults to 1024.
        collect_device (str): ``'cpu'`` or ``'gpu'``. Defaults to ``'cpu'``.
        prefix (str, optional): Metric name prefix. Defaults to ``'knn'``.
    """
    default_prefix = 'knn'

    def __init__(self,
                 k: int = 1,
                 weighting: str = 'uniform',
                 recall_at: Sequence[int] = (1, 5),
                 chunk_size: int = 1024,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        if k < 1 or any(r < 1 for r in recall_at):
            raise ValueError(f'k and recall_at must be >= 1, got k={k}, '
                             f'recall_at={recall_at}')
        if weighting not in ('uniform', 'similarity'):
            raise ValueError("weighting must be 'uniform' or 'similarity', "
                             f'got {weighting!r}')
        self.k = k
        self.weighting = weighting
        self.recall_at = tuple(recall_at)
        self.chunk_size = chunk_size

    def process(self, data_batch, data_samples: Sequence[Dict]) -> None:
        """Keep each sample's feature, label and subset (the batch's
        features and labels read back in one copy each)."""
        for sample in data_samples:
            subset = sample.get('subset')
            if subset not in ('gallery', 'query'):
                raise ValueError(
                    f"sample {sample.get('frame_dir', '?')!r}: 'subset' is "
                    f"{subset!r}, expected 'gallery' or 'query' (set "
                    "UmURLPoseDataset(subset=...) and PackActionInputs("
                    "meta_keys=('subset', ...)))")
            if 'feature' not in sample:
                raise ValueError('data samples carry no feature: use a '
                                 'model whose predict() sets `feature`, '
                                 'e.g. UmURLPretrainer')
        if not data_samples:
            return
        features = torch.stack([s['feature'] for s in data_samples])
        features = features.float().cpu().numpy()
        for sample, feature, label in zip(data_samples, features,
                                          batch_labels(data_samples)):
            self.results.append(
                dict(feature=feature, label=label, subset=sample['subset']))

    def compute_metrics(self, results: List[Dict]) -> Dict[str, float]:
        """Retrieve the neighbours of every query in the gallery."""
        parts = {}
        for name in ('gallery', 'query'):
            items = [r for r in results if r['subset'] == name]
            if not items:
                raise ValueError(f'kNN retrieval: the {name} set is empty')
            parts[name] = (
                F.normalize(
                    torch.from_numpy(np.stack([r['feature'] for r in items])),
                    dim=1),
                torch.tensor([r['label'] for r in items]))
        gallery, g_labels = parts['gallery']
        query, q_labels = parts['query']
        depth = min(max(self.k, *self.recall_at), len(gallery))
        sims, idx = [], []
        for chunk in query.split(self.chunk_size):
            s, i = (chunk @ gallery.T).topk(depth, dim=1)
            sims.append(s)
            idx.append(i)
        sims, neighbours = torch.cat(sims), g_labels[torch.cat(idx)]
        num_classes = int(max(g_labels.max(), q_labels.max())) + 1
        votes = torch.zeros(len(query), num_classes, dtype=sims.dtype)
        k = min(self.k, depth)
        weights = sims[:, :k] if self.weighting == 'similarity' else \
            torch.ones_like(sims[:, :k])
        votes.scatter_add_(1, neighbours[:, :k], weights)
        metrics = dict(
            top1=(votes.argmax(1) == q_labels).float().mean().item())
        hits = neighbours == q_labels[:, None]
        for r in self.recall_at:
            metrics[f'recall@{r}'] = hits[:, :r].any(1).float().mean().item()
        return metrics
