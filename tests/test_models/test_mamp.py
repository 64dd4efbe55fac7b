"""MAMP against its specification: parameter counts, the official key
layout, and the encoder, masking, target and loss against the independent
reference (tests/reference_mamp.py) in float64."""
import argparse

import numpy as np
import pytest
import torch
from mmaction.registry import MODELS

from tests import reference_mamp as ref
from tests.utils import run_tool
from umurl_mm.checkpoint import (convert_mamp_official_state_dict,
                                 load_encoder, load_model_checkpoint)
from umurl_mm.models import MAMPEncoder, MAMPPretrainer


def count(module):
    return sum(p.numel() for p in module.parameters())


def pretrainer(dec_depth=3, **backbone):
    return MAMPPretrainer(
        backbone=dict(type='MAMPEncoder', **backbone),
        decoder=dict(depth=dec_depth))


def test_full_size_parameter_counts():
    """Spec: encoder 6,336,000; pre-training 8,789,004 (8+3) and
    10,368,524 (8+5); fine-tuning 19,572,284 for 60 classes; linear head
    257 C."""
    assert count(MAMPEncoder()) == 6_336_000
    assert count(pretrainer(3)) == 8_789_004
    assert count(pretrainer(5)) == 10_368_524
    finetune = MODELS.build(
        dict(type='RecognizerGCN',
             backbone=dict(type='MAMPEncoder', drop_path=0.3),
             cls_head=dict(type='MAMPFinetuneHead', num_classes=60,
                           in_channels=6400),
             data_preprocessor=dict(type='ActionDataPreprocessor')))
    assert count(finetune) == 19_572_284
    linear = MODELS.build(
        dict(type='MAMPLinearHead', num_classes=60, in_channels=256))
    assert count(linear) == 257 * 60


@pytest.mark.parametrize('dec_depth,keys', [(3, 147), (5, 171)])
def test_official_keys_map_onto_the_model(dec_depth, keys):
    official = ref.official_keys(8, dec_depth)
    assert len(official) == keys
    renamed = convert_mamp_official_state_dict(
        {k: torch.zeros(1) for k in official})
    assert set(renamed) == set(pretrainer(dec_depth).state_dict())


def official_state(model, seed=0):
    """Random weights in the official layout (shapes from the model)."""
    g = torch.Generator().manual_seed(seed)
    own = model.state_dict()
    depth = len(model.backbone.blocks)
    dec_depth = len(model.decoder.blocks)
    state = {}
    for key in ref.official_keys(depth, dec_depth):
        name, = convert_mamp_official_state_dict({key: 0})
        shape = own[name].shape
        value = torch.randn(shape, generator=g, dtype=torch.float64) * 0.1
        if 'norm' in key and key.endswith('weight'):
            value += 1
        state[key] = value
    return state


def save_official(path, state):
    """As the official code saves: ``{'model', 'optimizer', 'epoch',
    'scaler', 'args'}``, ``args`` an ``argparse.Namespace``."""
    torch.save(dict(model=state, optimizer={}, epoch=399, scaler={},
                    args=argparse.Namespace(lr=1e-3, mask_ratio=0.9,
                                            model='transformer')), path)


@pytest.fixture(scope='module')
def loaded(tmp_path_factory):
    """A full-size pre-training model loaded from an official file."""
    model = pretrainer(3).double()
    state = official_state(model)
    path = str(tmp_path_factory.mktemp('mamp') / 'checkpoint-399.pth')
    save_official(path, state)
    load_model_checkpoint(model, path)
    return model.eval(), state, path


def clips(N=2, M=2, T=120, V=25, seed=1):
    """``(N, C, T, V, M)`` official-layout clips with smooth motion; the
    second person of the second clip absent (zeros)."""
    g = torch.Generator().manual_seed(seed)
    t = torch.linspace(0, 1, T, dtype=torch.float64).view(1, 1, T, 1, 1)
    base = torch.randn(N, 3, 1, V, M, generator=g, dtype=torch.float64)
    vel = torch.randn(N, 3, 1, V, M, generator=g, dtype=torch.float64)
    x = base + vel * torch.sin(3 * t * (1 + torch.arange(V)[:, None]))
    x[1, ..., 1] = 0
    return x


def ours(x):
    """Official ``(N, C, T, V, M)`` -> the plugin's ``(N, M, T, V, C)``."""
    return x.permute(0, 4, 2, 3, 1).contiguous()


def test_encoder_tokens_equal_the_reference(loaded):
    model, state, _ = loaded
    x = clips()
    expected = ref.encoder_tokens(state, x)  # (NM, 750, 256)
    got = model.backbone(ours(x))  # (N, M, D, 30, 25)
    got = got.permute(0, 1, 3, 4, 2).reshape(expected.shape)
    torch.testing.assert_close(got, expected, rtol=1e-10, atol=1e-10)
    feat = model(ours(x)[:, None])  # predict feature: mean over M, T, V
    torch.testing.assert_close(
        feat, expected.view(2, 2 * 750, 256).mean(1), rtol=1e-10,
        atol=1e-10)
    torch.testing.assert_close(model.backbone.pooled(ours(x), ['joint']),
                               feat, rtol=0, atol=0)
    with pytest.raises(ValueError, match=r"joints only, .*\['bone'\]"):
        model.backbone.pooled(ours(x), ['bone'])


def test_mask_for_a_given_noise_equals_the_reference(loaded):
    """74 kept of 750 (int(750 * 0.1) in floating point), Gumbel-top-k over
    the motion prior; the absent person masked uniformly."""
    model, _, _ = loaded
    xf = ref.fold(clips())
    noise = torch.rand(len(xf), 750, generator=torch.Generator().manual_seed(
        2), dtype=torch.float64)
    from umurl_mm.models.utils.motion_masking import (motion_aware_masking,
                                                      motion_prior)
    keep, restore, mask = motion_aware_masking(
        motion_prior(xf, 4, 0.8), 0.9, noise)
    r_keep, r_restore, r_mask = ref.masking(xf.numpy(), noise.numpy(), 0.8)
    assert keep.shape == (4, 74) and int(mask.sum(1)[0]) == 676
    np.testing.assert_array_equal(keep.numpy(), r_keep)
    np.testing.assert_array_equal(restore.numpy(), r_restore)
    np.testing.assert_array_equal(mask.numpy(), r_mask)


def test_masking_prefers_moving_tokens():
    """Tokens of the one moving joint are masked more often than those of
    a still joint (logits in [0, 1 / tau]: odds up to e^1.25 = 3.5); with
    no prior both at the overall 676 / 750."""
    x = torch.zeros(1, 120, 25, 3, dtype=torch.float64)
    x[0, :, 3, 0] = torch.linspace(0, 10, 120, dtype=torch.float64)**2
    from umurl_mm.models.utils.motion_masking import (motion_aware_masking,
                                                      motion_prior)
    g = torch.Generator().manual_seed(0)
    noise = torch.rand(400, 750, generator=g, dtype=torch.float64)
    prior = motion_prior(x, 4, 0.8).expand(400, -1)
    for log_prior, low, high in ((prior, 0.95, 0.91), (None, 0.88, 0.92)):
        _, _, mask = motion_aware_masking(log_prior, 0.9, noise)
        m = mask.view(400, 30, 25).mean((0, 1))
        moving, still = m[3].item(), m[4].item()
        assert moving > low and still < high, (moving, still)
    assert abs(moving - still) < 0.03  # uniform


def test_target_and_loss_equal_the_reference_in_float64(loaded):
    model, state, _ = loaded
    x = clips()
    xf = ref.fold(x)
    noise = torch.rand(len(xf), 750, generator=torch.Generator().manual_seed(
        3), dtype=torch.float64)
    pred, target, mask = model.forward_train(xf, noise)
    r_loss, r_mask, r_pred = ref.forward_loss(state, x, noise, 0.8)
    np.testing.assert_array_equal(mask.numpy(), r_mask)
    torch.testing.assert_close(target, torch.from_numpy(ref.target(
        xf.numpy())), rtol=1e-10, atol=1e-10)
    torch.testing.assert_close(pred, r_pred, rtol=1e-9, atol=1e-10)
    loss = model.loss_module(pred, target, mask)['loss']
    assert loss.dtype == torch.float64
    torch.testing.assert_close(loss, r_loss, rtol=1e-10, atol=0)


def test_official_checkpoint_through_the_encoder_loaders(loaded, tmp_path):
    """``UmURLPretrained`` (prefix ``backbone.``), the conversion tool,
    and a linear-probe / fine-tune checkpoint into ``RecognizerGCN``."""
    model, state, path = loaded
    dst = str(tmp_path / 'converted.pth')
    proc = run_tool('tools/convert_official_ckpt.py', path, dst)
    assert proc.returncode == 0, proc.stderr[-2000:]
    converted = torch.load(dst, weights_only=True)
    converted = converted.get('state_dict', converted)
    assert set(converted) == set(model.state_dict())
    enc = MAMPEncoder().double()
    load_encoder(enc, path)
    for k, v in enc.state_dict().items():
        torch.testing.assert_close(v, state[k], rtol=0, atol=0)
    enc2 = MODELS.build(dict(type='MAMPEncoder', init_cfg=dict(
        type='UmURLPretrained', checkpoint=path)))
    enc2.init_weights()
    torch.testing.assert_close(enc2.blocks[3].attn.qkv.weight,
                               state['blocks.3.attn.qkv.weight'].float())
    encoder_keys = {k: v for k, v in state.items()
                    if not k.startswith(('decoder', 'mask_token'))}
    heads = {
        'MAMPLinearHead': {
            'head.fc.0.running_mean': torch.zeros(256),
            'head.fc.0.running_var': torch.ones(256),
            'head.fc.0.num_batches_tracked': torch.tensor(5),
            'head.fc.1.weight': torch.randn(60, 256),
            'head.fc.1.bias': torch.randn(60)},
        'MAMPFinetuneHead': {
            'head.fc1.weight': torch.randn(2048, 6400),
            'head.fc1.bias': torch.randn(2048),
            'head.bn.weight': torch.randn(2048),
            'head.bn.bias': torch.randn(2048),
            'head.bn.running_mean': torch.zeros(2048),
            'head.bn.running_var': torch.ones(2048),
            'head.bn.num_batches_tracked': torch.tensor(5),
            'head.fc2.weight': torch.randn(60, 2048),
            'head.fc2.bias': torch.randn(60)}}
    for head, keys in heads.items():
        file = str(tmp_path / f'{head}.pth')
        save_official(file, {**encoder_keys, **keys})
        recognizer = MODELS.build(dict(
            type='RecognizerGCN', backbone=dict(type='MAMPEncoder'),
            cls_head=dict(type=head, num_classes=60,
                          in_channels=256 if 'Linear' in head else 6400),
            data_preprocessor=dict(type='ActionDataPreprocessor')))
        load_model_checkpoint(recognizer, file)
        fc = 'fc' if 'Linear' in head else 'fc2'
        torch.testing.assert_close(
            getattr(recognizer.cls_head, fc).weight,
            keys['head.fc.1.weight' if 'Linear' in head else
                 'head.fc2.weight'])


def test_training_step_runs_and_every_weight_learns():
    model = MAMPPretrainer(
        backbone=dict(type='MAMPEncoder', num_frames=16, num_person=1,
                      embed_dims=32, depth=2, num_heads=2),
        decoder=dict(embed_dims=16, depth=1, num_heads=2))
    x = torch.randn(3, 1, 1, 16, 25, 3).cumsum(3)
    loss = model(x, mode='loss')['loss']
    loss.backward()
    no_grad = [n for n, p in model.named_parameters()
               if p.grad is None or not p.grad.abs().sum() > 0]
    assert not no_grad
    with pytest.raises(ValueError, match='one view per sample'):
        model(x[:, [0, 0]], mode='loss')
    with pytest.raises(ValueError, match='expects joints'):
        model(x[..., :20, :], mode='loss')
