import pytest
import torch
from mmaction.registry import MODELS


def build(mods=('joint', 'bone', 'motion')):
    return MODELS.build(
        dict(
            type='UmURLPretrainer',
            backbone=dict(
                type='UmURL', hidden_dim=16, num_frames=16, modalities=mods),
            projector=dict(
                type='UmURLProjector',
                in_channels=32,
                hidden_channels=32,
                out_channels=24)))


def test_loss_terms_and_gradients():
    model = build()
    inputs = torch.randn(4, 4, 2, 16, 25, 3)
    losses = model(inputs, mode='loss')
    assert set(losses) == {'loss_intra', 'loss_inter', 'loss_vc'}
    sum(losses.values()).backward()
    for name, p in model.named_parameters():
        assert p.grad is not None, name


def test_views_follow_modalities():
    model = build(('joint', 'motion'))
    assert model.num_views == 3 and set(model.projectors) == {
        'joint', 'motion'
    }
    model(torch.randn(4, 3, 2, 16, 25, 3), mode='loss')
    with pytest.raises(ValueError, match='num_views'):
        model(torch.randn(4, 4, 2, 16, 25, 3), mode='loss')


def test_features_modes():
    model = build().eval()
    x = torch.randn(3, 1, 2, 16, 25, 3)
    feats = model(x, mode='tensor')
    assert feats.shape == (3, 32)
    torch.testing.assert_close(feats, model.backbone(x[:, 0]).flatten(1))
    from mmaction.structures import ActionDataSample
    samples = model(x, [ActionDataSample() for _ in range(3)],
                    mode='predict')
    torch.testing.assert_close(samples[1].feature, feats[1])


def test_mixed_precision_forward():
    """Under autocast (what AmpOptimWrapper wraps the step in on a GPU) the
    losses stay float32, finite and close to full precision."""
    torch.manual_seed(0)
    model = build()
    inputs = torch.randn(8, 4, 2, 16, 25, 3)
    full = model(inputs, mode='loss')
    with torch.autocast('cpu', dtype=torch.bfloat16):
        mixed = model(inputs, mode='loss')
    for name, value in mixed.items():
        assert value.dtype == torch.float32, name
        assert torch.isfinite(value), name
        torch.testing.assert_close(value, full[name], rtol=0.05, atol=0.05)
    sum(mixed.values()).backward()
    assert all(torch.isfinite(p.grad).all() for p in model.parameters()
               if p.grad is not None)


def test_empty_eval_modalities_is_an_error():
    cfg = dict(type='UmURLPretrainer',
               backbone=dict(type='UmURL', hidden_dim=16, num_frames=16),
               eval_modalities=[])
    with pytest.raises(ValueError, match='modality subset is empty'):
        MODELS.build(cfg)
    model = MODELS.build(dict(cfg, eval_modalities=None))
    with pytest.raises(ValueError, match='modality subset is empty'):
        model.extract_feat(torch.zeros(1, 1, 2, 16, 25, 3), modalities=[])
