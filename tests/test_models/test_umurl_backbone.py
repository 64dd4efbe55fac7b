import itertools

import pytest
import torch
import numpy as np
from mmaction.registry import MODELS, TRANSFORMS
from mmengine.dataset import pseudo_collate

from tests.reference_official import modality


def build(**kwargs):
    cfg = dict(type='UmURL', hidden_dim=32, num_frames=16)
    cfg.update(kwargs)
    return MODELS.build(cfg)


def test_full_size_parameter_count():
    n = sum(p.numel() for p in MODELS.build(dict(type='UmURL')).parameters())
    assert round(n / 1e6, 2) == 22.07


@pytest.mark.parametrize('mods', [
    c for r in (1, 2, 3)
    for c in itertools.combinations(('joint', 'bone', 'motion'), r)
])
def test_any_modality_subset(mods):
    model = build(modalities=mods).eval()
    x = torch.randn(2, 2, 16, 25, 3)
    out = model(x)
    assert out.shape == (2, 1, 64, 1, 1)
    # fusion is used exactly when more than one modality is chosen
    model.fusion['temporal'].weight.data.zero_()
    model.fusion['spatial'].weight.data.zero_()
    changed = not torch.allclose(model(x), out)
    assert changed == (len(mods) > 1)


def test_bone_and_motion_formulas():
    from umurl_mm.models.utils import to_modality
    x = torch.randn(2, 2, 8, 25, 3)
    parents = build().parents
    for name, short in (('bone', 'b'), ('motion', 'm')):
        torch.testing.assert_close(
            to_modality(x, name, parents), modality(x, short))


def test_variable_shapes():
    model = build(num_frames=30, num_person=1, hidden_dim=16)
    assert model(torch.randn(3, 1, 30, 25, 3)).shape == (3, 1, 32, 1, 1)


@pytest.mark.parametrize('kwargs,x,match', [
    ({}, torch.randn(2, 2, 20, 25, 3), r'\(N, 2, 16, 25, 3\)'),
    ({'modalities': ('joint', 'depth')}, None, 'unknown modality'),
    ({'modalities': ()}, None, 'empty'),
    ({'num_frames': 300}, None, 'max_len'),
])
def test_errors(kwargs, x, match):
    with pytest.raises(ValueError, match=match):
        build(**kwargs)(x)


def test_frozen_stays_eval_without_grads():
    model = build(frozen=True)
    model.train()
    assert not model.training
    assert not any(p.requires_grad for p in model.parameters())


def test_composes_with_recognizer_gcn_and_gcn_head():
    recognizer = MODELS.build(
        dict(
            type='RecognizerGCN',
            backbone=dict(type='UmURL', hidden_dim=32, num_frames=16),
            cls_head=dict(type='GCNHead', num_classes=5, in_channels=64)))
    pack = TRANSFORMS.build(dict(type='PackActionInputs'))
    data = [
        pack(dict(keypoint=np.random.randn(1, 2, 16, 25, 3), label=i))
        for i in range(3)
    ]
    batch = recognizer.data_preprocessor(pseudo_collate(data), True)
    losses = recognizer(**batch, mode='loss')
    assert losses['loss_cls'] > 0
    samples = recognizer(**batch, mode='predict')
    assert len(samples) == 3
