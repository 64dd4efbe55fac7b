import pytest
import torch

from umurl_mm.evaluation import late_fusion


def dump(scores, labels):
    return [
        dict(pred_scores=dict(item=torch.tensor(s)),
             gt_labels=dict(item=torch.tensor([y])))
        for s, y in zip(scores, labels)
    ]


def test_fusion_beats_streams_when_they_err_differently():
    labels = [0, 1, 2]
    a = dump([[.65, .35, 0], [.6, .4, 0], [0, .45, .55]], labels)  # 2/3
    b = dump([[.4, .6, 0], [0, .9, .1], [.55, 0, .45]], labels)  # 1/3
    out = late_fusion([a, b], names=['joint', 'bone'])
    assert out['joint'] == pytest.approx(2 / 3)
    assert out['bone'] == pytest.approx(1 / 3)
    assert out['fused'] == pytest.approx(1)


def test_mismatched_samples():
    a = dump([[1, 0]], [0])
    b = dump([[1, 0]], [1])
    with pytest.raises(ValueError, match='same samples'):
        late_fusion([a, b])
