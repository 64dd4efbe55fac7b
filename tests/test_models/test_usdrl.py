"""USDRL against an independent reference written from its specification:
the DSTE encoder read from an official-layout state dict, the loss in
float64, the parameter counts at full size."""
import pytest
import torch
from mmaction.registry import MODELS

from tests.reference_usdrl import (dste_features,
                                   make_official_dste_checkpoint,
                                   usdrl_loss)
from umurl_mm.checkpoint.usdrl_official import (
    convert_usdrl_official_state_dict, is_usdrl_official)
from umurl_mm.models.losses.usdrl_loss import barlow_twins


def pretrainer(hidden=32, backbone='DSTE', **kwargs):
    H = hidden

    def proj(i, o):
        return dict(type='UmURLProjector', in_channels=i,
                    hidden_channels=2 * H, out_channels=o)

    return MODELS.build(dict(
        type='USDRLPretrainer',
        backbone=dict(type=backbone, hidden_dim=H, **kwargs),
        projector=dict(temporal=proj(H, 2 * H), spatial=proj(H, 2 * H),
                       instance=proj(2 * H, 4 * H))))


def test_parameter_counts_at_full_size():
    """The specification's counts: DSTE 57,137,368, STTR 27,713,536, and
    94,931,160 with the three projectors."""
    def count(module):
        return sum(p.numel() for p in module.parameters())

    model = pretrainer(1024)
    assert count(model.backbone) == 57_137_368
    assert count(model) == 94_931_160
    assert count(MODELS.build(dict(type='STTR'))) == 27_713_536


@pytest.mark.parametrize('mod', ['joint', 'bone', 'motion'])
def test_official_checkpoint_gives_the_reference_features(mod):
    official = make_official_dste_checkpoint(hidden=32)
    assert is_usdrl_official(official)
    model = pretrainer(32, modality=mod).eval()
    state = convert_usdrl_official_state_dict(official)
    model.load_state_dict(state, strict=True)  # every key, every shape
    x = torch.randn(3, 2, 64, 25, 3)
    sd = {k[len('module.'):]: v for k, v in official.items()}
    with torch.no_grad():
        want, (t, s) = dste_features(sd, x, mod[0])
        got = model.backbone(x)[:, 0, :, 0, 0]
        dense_t, dense_s = model.backbone.dense(x)
    torch.testing.assert_close(got, want, rtol=1e-4, atol=1e-5)
    torch.testing.assert_close(dense_t, t, rtol=1e-4, atol=1e-5)
    torch.testing.assert_close(dense_s, s, rtol=1e-4, atol=1e-5)
    assert dense_t.shape == (3, 64, 32) and dense_s.shape == (3, 50, 32)


def test_official_keys_round_trip_to_the_plugin_layout():
    model = pretrainer(32)
    official = make_official_dste_checkpoint(hidden=32)
    state = convert_usdrl_official_state_dict(official)
    assert set(state) == set(model.state_dict())
    assert len(official) == 182  # the specification's count
    with pytest.raises(ValueError, match='not part of an official USDRL'):
        convert_usdrl_official_state_dict({'module.backbone.x': torch.ones(1)})


def test_loss_equals_the_float64_reference():
    torch.manual_seed(0)
    B = 16
    z = {g: torch.randn(4, B, d) * s + m for g, d, s, m in (
        ('temporal', 24, 1.0, 0.0), ('spatial', 24, 2.0, 1.0),
        ('instance', 40, 0.5, -1.0))}
    got = MODELS.build(dict(type='USDRLLoss'))(z)
    ref = usdrl_loss({g[0]: list(v) for g, v in z.items()})
    for key in ('loss_sim', 'loss_vc', 'loss_bt'):
        torch.testing.assert_close(got[key].double(), ref[key], rtol=1e-5,
                                   atol=1e-6, msg=key)


def test_barlow_twins_is_finite_on_a_constant_dimension():
    """The official standardisation divides by a zero std (NaN); with the
    floor a constant column standardises to 0, and every other column is
    as before."""
    a, b = torch.randn(8, 5).double(), torch.randn(8, 5).double()
    a[:, 2] = 3.0
    an = torch.nan_to_num((a - a.mean(0)) / a.std(0), nan=0.0)
    bn = (b - b.mean(0)) / b.std(0)
    c = an.T @ bn / 8
    want = ((torch.diag(c) - 1)**2).sum() + 0.005 * (
        (c**2).sum() - (torch.diag(c)**2).sum())
    torch.testing.assert_close(barlow_twins(a, b), want)


def test_pretrainer_trains_on_four_views_of_one_modality():
    from mmengine.optim import build_optim_wrapper
    pre = dict(type='UmURLViewPreprocessor', clip_len=64)
    model = MODELS.build(dict(
        type='USDRLPretrainer',
        backbone=dict(type='DSTE', hidden_dim=16, modality='bone'),
        projector={g: dict(type='UmURLProjector', in_channels=i,
                           hidden_channels=32, out_channels=o)
                   for g, i, o in (('temporal', 16, 32), ('spatial', 16, 32),
                                   ('instance', 32, 64))},
        data_preprocessor=pre))
    assert model.data_preprocessor.num_views == 4
    wrapper = build_optim_wrapper(model, dict(
        optimizer=dict(type='Adam', lr=1e-3)))
    from mmaction.structures import ActionDataSample
    clips = torch.randn(6, 1, 2, 80, 25, 3)
    samples = [ActionDataSample(metainfo=dict(total_frames=80, aug_seed=i))
               for i in range(6)]
    losses = model.train_step(dict(inputs=clips, data_samples=samples),
                              wrapper)
    assert set(losses) == {'loss', 'loss_sim', 'loss_vc', 'loss_bt'}
    assert all(torch.isfinite(v) for v in losses.values())
    with pytest.raises(ValueError, match="encodes 'bone' only"):
        model.backbone(torch.randn(1, 2, 64, 25, 3), ('joint', ))


def test_loss_is_float32_under_autocast():
    torch.manual_seed(0)
    z = {g: torch.randn(4, 16, 24)
         for g in ('temporal', 'spatial', 'instance')}
    loss = MODELS.build(dict(type='USDRLLoss'))
    plain = loss(z)
    for dtype in (torch.bfloat16, torch.float16):
        with torch.autocast('cpu', dtype=dtype):
            mixed = loss(z)
        for key, value in plain.items():
            assert mixed[key].dtype == torch.float32
            torch.testing.assert_close(mixed[key], value, rtol=1e-6,
                                       atol=0)


def test_official_checkpoint_file_initialises_the_encoder(tmp_path):
    """An official file (``{'epoch', 'state_dict', 'optimizer'}``, keys
    ``module.``-prefixed) read as the configs read it: the backbone's
    ``init_cfg`` loads its encoder strictly."""
    official = make_official_dste_checkpoint(hidden=32)
    path = str(tmp_path / 'checkpoint_0450.pth.tar')
    torch.save(dict(epoch=451, state_dict=official,
                    optimizer=dict(state={}, param_groups=[dict(lr=5e-4)])),
               path)
    backbone = MODELS.build(dict(
        type='DSTE', hidden_dim=32,
        init_cfg=dict(type='UmURLPretrained', checkpoint=path)))
    backbone.init_weights()
    state = convert_usdrl_official_state_dict(official)
    for key, value in backbone.state_dict().items():
        torch.testing.assert_close(value, state['backbone.' + key], rtol=0,
                                   atol=0, msg=key)


def test_official_sttr_keys_map_onto_the_plugin():
    """STTR's official layout (``backbone.{t,s}_tr.layers.*`` with PyTorch
    Transformer names) round-trips onto the plugin's STTR."""
    import re
    model = pretrainer(16, backbone='STTR')
    back = (
        (r'^backbone\.embed\.(temporal|spatial)\.',
         lambda m: f'backbone.ske_emb.{m[1][0]}_embedding.'),
        (r'^backbone\.pos_embed$', lambda m: 'backbone.tpe.pe'),
        (r'^backbone\.spatial_pos$', lambda m: 'backbone.spe'),
        (r'^backbone\.(temporal|spatial)_layers\.layers\.',
         lambda m: f'backbone.{m[1][0]}_tr.layers.'),
        (r'^projectors\.(temporal|spatial|instance)\.',
         lambda m: f'{m[1][0]}_proj.'))
    official = {}
    for key, value in model.state_dict().items():
        for pattern, repl in back:
            key = re.sub(pattern, repl, key)
        official['module.' + key] = value
    assert len(official) == 110  # the specification's count
    assert is_usdrl_official(official)
    state = convert_usdrl_official_state_dict(official)
    assert set(state) == set(model.state_dict())
    model.load_state_dict(state, strict=True)
