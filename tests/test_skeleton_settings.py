"""The skeleton said once: a config's ``skeleton`` reaches every component
that takes it, and the tools apply it."""
import glob
import json

import pytest
from mmengine.config import Config

from tests.utils import REPO
from umurl_mm.datasets.layout import get_layout
from umurl_mm.skeleton_settings import TAKES, apply_skeleton

ALL_CONFIGS = sorted(
    p for p in glob.glob(f'{REPO}/configs/**/*.py', recursive=True)
    if '/_base_/' not in p)
# the leaves that say their skeleton (the preparation alone aside)
SKELETON_CONFIGS = [
    p for p, text in ((p, open(p).read()) for p in ALL_CONFIGS)
    if 'skeleton = dict(' in text and 'skeleton = dict(preprocess=' not in text
]


def components(node):
    """Every dict of the config that has a registered type."""
    if isinstance(node, dict):
        if isinstance(node.get('type'), str):
            yield node
        for value in node.values():
            yield from components(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from components(value)


def test_the_real_data_configs_say_the_skeleton_once():
    names = {p.rsplit('/', 1)[1] for p in SKELETON_CONFIGS}
    sets = ('utd-mhad', 'msr-action3d', 'nw-ucla')
    real = {n for n in names if any(s in n for s in sets)}
    # 3 sets x (pre-training, linear, kNN) x 3 methods; the
    # rest are MAMP's synthetic trio, which sets only its clip length
    assert len(real) == 27
    assert {n for n in names - real if 'synthetic' in n} == names - real
    for path in SKELETON_CONFIGS:
        text = open(path).read()
        words = ('layout=', 'num_person=', 'clip_len=') if any(
            s in path for s in sets) else ('clip_len=', )
        for word in words:
            assert text.count(word) == 1, (path, word)


@pytest.mark.parametrize('path', SKELETON_CONFIGS,
                         ids=lambda p: p.rsplit('/', 1)[1])
def test_every_component_follows_the_skeleton(path):
    cfg = apply_skeleton(Config.fromfile(path))
    skeleton = cfg.skeleton
    seen = set()
    for node in components(cfg.to_dict()):
        for setting, arg in TAKES.get(node['type'], {}).items():
            if setting in skeleton:
                assert node[arg] == skeleton[setting], (node['type'], arg)
                seen.add((node['type'], setting))
    encoders = ('UmURL', 'DSTE', 'MAMPEncoder')
    assert {(e, 'clip_len') for e in encoders} & seen
    if 'layout' in skeleton:
        assert {(e, 'layout') for e in encoders} & seen
        assert ('UmURLPoseDataset', 'num_person') in seen
        assert ('FormatGCNInput', 'num_person') in seen
    assert any(s == 'clip_len' and t not in encoders for t, s in seen)


def test_a_config_without_skeleton_is_unchanged():
    cfg = dict(model=dict(type='UmURL', layout='nturgb+d'),
               train_dataloader=dict(dataset=dict(type='UmURLPoseDataset')))
    assert apply_skeleton(Config(cfg)).to_dict() == cfg


def expected_preparation(path):
    """UmURL's and USDRL's data is UmURL-normalised; MAMP's translated, as
    MAMP prepares NTU-60, NTU-120 or PKU-MMD (transfer targets included)."""
    name = path.rsplit('/', 1)[1]
    if '/mamp/' not in path:
        return 'umurl'
    if 'pku' in name:
        return 'mamp-pku'
    return 'mamp-ntu120' if 'ntu120' in name else 'mamp'


def test_every_dataset_checks_its_methods_preparation():
    """The method's bases name the preparation its data must have had;
    MAMP's NTU-120 and PKU-MMD leaves name their own."""
    for path in ALL_CONFIGS:
        cfg = apply_skeleton(Config.fromfile(path))
        for node in components(cfg.to_dict()):
            if node['type'] == 'UmURLPoseDataset':
                assert node['preprocess'] == expected_preparation(path), (
                    path, node.get('ann_file'))


def test_bad_settings_and_layout_files(tmp_path):
    with pytest.raises(ValueError, match=r"unknown settings \['persons'\]"):
        apply_skeleton(Config(dict(skeleton=dict(persons=1))))
    with pytest.raises(ValueError, match="unknown skeleton layout 'kinect'"):
        apply_skeleton(Config(dict(skeleton=dict(layout='kinect'))))
    with pytest.raises(ValueError, match="preprocess must be one of .*"
                       "'umurl'.*, got 'mamp2'"):
        apply_skeleton(Config(dict(skeleton=dict(preprocess='mamp2'))))
    spec = dict(joints=4, bone_pairs=[[1, 1], [2, 1], [3, 1], [4, 3]],
                center=[0], shoulders=[1, 2], num_coords=3)
    (tmp_path / 'mocap.json').write_text(json.dumps(spec))
    layout = get_layout(str(tmp_path / 'mocap.json'))
    assert (layout.name, layout.num_joints) == ('mocap', 4)
    cfg = apply_skeleton(Config(dict(
        skeleton=dict(layout=str(tmp_path / 'mocap.json')),
        model=dict(type='UmURL'))))
    assert cfg.model.layout == str(tmp_path / 'mocap.json')
    (tmp_path / 'bad.json').write_text('{"joints": 4}')
    with pytest.raises(ValueError, match='layout file .*bad.json: .*missing'):
        get_layout(str(tmp_path / 'bad.json'))
