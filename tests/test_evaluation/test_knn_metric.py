import os

import numpy as np
import pytest
import torch
import torch.distributed as dist
import torch.multiprocessing as mp

from tests.utils import free_port
from umurl_mm.evaluation import KNNRetrievalMetric


def make_samples(seed=0, n_gallery=40, n_query=15, dim=8, classes=4):
    rng = np.random.default_rng(seed)
    centers = rng.normal(size=(classes, dim))
    out = []
    for subset, n in (('gallery', n_gallery), ('query', n_query)):
        for i in range(n):
            label = int(rng.integers(classes))
            feat = centers[label] + rng.normal(0, 1.0, dim)
            # MMAction2 1.1 layout (gt_labels.item); 1.2 uses gt_label
            out.append(
                dict(
                    feature=torch.tensor(feat * rng.uniform(0.5, 3)),
                    gt_labels=dict(item=torch.tensor([label])),
                    subset=subset))
    return out


def brute_force(samples, k):
    g = [s for s in samples if s['subset'] == 'gallery']
    q = [s for s in samples if s['subset'] == 'query']
    correct, recall5 = 0, 0
    for s in q:
        f = s['feature'].numpy()
        sims = [
            np.dot(f, x['feature'].numpy()) / np.linalg.norm(f) /
            np.linalg.norm(x['feature'].numpy()) for x in g
        ]
        order = np.argsort(sims)[::-1]
        labels = [int(g[i]['gt_labels']['item']) for i in order]
        votes = {}
        for i in order[:k]:
            lab = int(g[i]['gt_labels']['item'])
            votes[lab] = votes.get(lab, 0) + sims[i]
        truth = int(s['gt_labels']['item'])
        correct += max(votes, key=votes.get) == truth
        recall5 += truth in labels[:5]
    return correct / len(q), recall5 / len(q)


@pytest.mark.parametrize('k', [1, 5])
def test_similarity_weighting_matches_brute_force(k):
    samples = make_samples()
    metric = KNNRetrievalMetric(k=k, weighting='similarity',
                                recall_at=(1, 5), chunk_size=4)
    metric.process(None, samples)
    out = metric.compute_metrics(metric.results)
    top1, recall5 = brute_force(samples, k)
    assert out['top1'] == pytest.approx(top1)
    assert out['recall@5'] == pytest.approx(recall5)
    if k == 1:
        assert out['recall@1'] == pytest.approx(top1)


@pytest.mark.parametrize('k', [1, 2, 4, 10])
def test_default_vote_is_the_official_uniform_one(k):
    """The official script: scikit-learn's KNeighborsClassifier (cosine
    metric, uniform weights, ties to the smallest label)."""
    from sklearn.neighbors import KNeighborsClassifier
    samples = make_samples(seed=0, n_query=60)
    metric = KNNRetrievalMetric(k=k, chunk_size=4)
    metric.process(None, samples)
    out = metric.compute_metrics(metric.results)

    def arrays(subset):
        part = [s for s in samples if s['subset'] == subset]
        return (np.stack([s['feature'].numpy() for s in part]),
                np.array([int(s['gt_labels']['item']) for s in part]))

    knn = KNeighborsClassifier(k, metric='cosine').fit(*arrays('gallery'))
    query, labels = arrays('query')
    assert out['top1'] == pytest.approx((knn.predict(query) == labels).mean())
    if k == 10:  # a case where uniform and weighted votes disagree
        weighted = KNNRetrievalMetric(k=k, weighting='similarity')
        weighted.process(None, samples)
        assert weighted.compute_metrics(weighted.results)['top1'] != \
            out['top1']


def test_new_label_field_and_errors():
    metric = KNNRetrievalMetric()
    sample = dict(feature=torch.ones(3), gt_label=torch.tensor([2]),
                  subset='query')
    metric.process(None, [sample])
    assert metric.results[0]['label'] == 2
    with pytest.raises(ValueError, match='gallery set is empty'):
        metric.compute_metrics(metric.results)
    with pytest.raises(ValueError, match="'subset' is None"):
        metric.process(None, [dict(feature=torch.ones(3),
                                   gt_label=torch.tensor([1]))])
    with pytest.raises(ValueError, match='k and recall_at'):
        KNNRetrievalMetric(k=0)


def worker(rank, world, port, out):
    os.environ.update(MASTER_ADDR='127.0.0.1', MASTER_PORT=str(port))
    dist.init_process_group('gloo', rank=rank, world_size=world)
    samples = make_samples()
    metric = KNNRetrievalMetric(k=3)
    # DefaultSampler gives rank r the samples r, r + world, ...
    metric.process(None, samples[rank::world])
    result = metric.evaluate(len(samples))
    torch.save(result, f'{out}/rank{rank}.pth')
    dist.destroy_process_group()


def test_two_processes_equal_one(tmp_path):
    mp.spawn(worker, args=(2, free_port(), str(tmp_path)), nprocs=2)
    metric = KNNRetrievalMetric(k=3)
    metric.process(None, make_samples())
    single = metric.evaluate(len(make_samples()))
    for rank in range(2):
        assert torch.load(tmp_path / f'rank{rank}.pth',
                          weights_only=False) == single
