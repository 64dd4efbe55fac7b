import pytest
import torch
from mmaction.registry import MODELS

from tests.reference_official import (make_official_checkpoint,
                                      official_features, official_projection)
from tests.utils import run_tool
from umurl_mm.checkpoint import convert_official_state_dict, load_encoder

HIDDEN, FRAMES, OUT = 32, 16, 48


def build_pretrainer(hidden=HIDDEN):
    return MODELS.build(
        dict(
            type='UmURLPretrainer',
            backbone=dict(type='UmURL', hidden_dim=hidden, num_frames=FRAMES),
            projector=dict(
                type='UmURLProjector',
                in_channels=2 * hidden,
                hidden_channels=2 * hidden,
                out_channels=OUT)))


@pytest.fixture
def official(tmp_path):
    ckpt = make_official_checkpoint(HIDDEN, FRAMES, out=OUT)
    path = str(tmp_path / 'checkpoint_0450.pth.tar')
    torch.save(ckpt, path)
    plain = {k[len('module.'):]: v for k, v in ckpt['state_dict'].items()}
    return path, plain


def test_converted_model_matches_official(official, tmp_path):
    path, sd = official
    dst = str(tmp_path / 'converted.pth')
    proc = run_tool('tools/convert_official_ckpt.py', path, dst)
    assert proc.returncode == 0, proc.stderr
    model = build_pretrainer().eval()
    model.load_state_dict(
        torch.load(dst, weights_only=False)['state_dict'], strict=True)
    x = torch.randn(3, 2, FRAMES, 25, 3)
    with torch.no_grad():
        for mods in (('j', ), ('b', ), ('m', ), ('j', 'b', 'm'), ('j', 'm')):
            names = [dict(j='joint', b='bone', m='motion')[m] for m in mods]
            ours = model.backbone(x, names).flatten(1)
            ref = official_features(sd, x, mods)
            torch.testing.assert_close(ours, ref, rtol=1e-4, atol=1e-4)
        h = official_features(sd, x)
        for m, name in (('j', 'joint'), ('b', 'bone'), ('m', 'motion')):
            torch.testing.assert_close(
                model.projectors[name](h), official_projection(sd, m, h),
                rtol=1e-4, atol=1e-4)


def test_backbone_init_cfg_reads_official_file(official):
    path, sd = official
    backbone = MODELS.build(
        dict(
            type='UmURL',
            hidden_dim=HIDDEN,
            num_frames=FRAMES,
            init_cfg=dict(type='UmURLPretrained', checkpoint=path)))
    backbone.init_weights()
    backbone.eval()
    x = torch.randn(2, 2, FRAMES, 25, 3)
    with torch.no_grad():
        torch.testing.assert_close(
            backbone(x).flatten(1), official_features(sd, x), rtol=1e-4,
            atol=1e-4)


def test_mismatched_checkpoint_names_file_and_keys(official):
    path, _ = official
    backbone = MODELS.build(
        dict(type='UmURL', hidden_dim=2 * HIDDEN, num_frames=FRAMES))
    with pytest.raises(ValueError, match='shape mismatches') as err:
        load_encoder(backbone, path)
    assert path in str(err.value)
    other = MODELS.build(dict(type='UmURL', hidden_dim=HIDDEN, num_frames=32))
    with pytest.raises(ValueError, match='embeddings.joint.spatial.0.weight'):
        load_encoder(other, path)


def test_checkpoint_of_another_model(tmp_path):
    path = str(tmp_path / 'resnet.pth')
    torch.save({'state_dict': {'backbone.conv1.weight': torch.zeros(1)}},
               path)
    backbone = MODELS.build(dict(type='UmURL', hidden_dim=8, num_frames=16))
    with pytest.raises(ValueError, match='missing keys'):
        load_encoder(backbone, path)
    torch.save({'state_dict': {'head.fc.weight': torch.zeros(1)}}, path)
    with pytest.raises(ValueError, match="no key starts with 'backbone.'"):
        load_encoder(backbone, path)
    with open(path, 'wb') as f:
        f.write(b'not a checkpoint')
    with pytest.raises(ValueError, match='unreadable checkpoint'):
        load_encoder(backbone, path)


def test_unknown_official_key():
    with pytest.raises(ValueError, match='module.backbone.extra'):
        convert_official_state_dict({
            'module.backbone.j_emb.t_embedding.0.bias': torch.zeros(1),
            'module.backbone.extra.weight': torch.zeros(1)
        }, 'ckpt.pth.tar')


def test_linear_eval_keys():
    out = convert_official_state_dict({
        'module.fc.weight': torch.zeros(60, 2048),
        'module.backbone.ma_encoder.pe.pe': torch.zeros(1)
    })
    assert set(out) == {'cls_head.fc.weight', 'backbone.pos_embed'}
