"""tools/train.py as a user runs it: resume, faults and bad inputs."""
import glob
import os
import signal

import mmengine
import numpy as np
import pytest
import torch

from tests.utils import REPO, run_tool, tiny_options

CONFIG = 'configs/umurl/umurl_1xb64-40e_synthetic-xsub-keypoint-3d.py'


def train(work_dir, ann_file, epochs, *options, resume=False, config=CONFIG,
          workers=0):
    """tools/train.py on tiny data; ``options`` go to --cfg-options."""
    flags = ['--resume'] if resume else []
    return run_tool('tools/train.py', config, '--work-dir', work_dir, *flags,
                    *tiny_options(ann_file, epochs, workers), *options,
                    pythonpath=config != CONFIG)


def ok(proc):
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout + proc.stderr


def tensors(path):
    """Every tensor of a checkpoint (weights and optimiser state)."""
    ckpt = torch.load(path, weights_only=False)
    out = {f'state_dict.{k}': v for k, v in ckpt['state_dict'].items()}
    for pid, state in ckpt['optimizer']['state'].items():
        out.update({f'optimizer.{pid}.{k}': v for k, v in state.items()
                    if torch.is_tensor(v)})
    return out


def max_diff(a, b):
    a, b = tensors(a), tensors(b)
    assert a.keys() == b.keys()
    return max((a[k].double() - b[k].double()).abs().max().item()
               for k in a)


def files(work):
    return {os.path.basename(p): open(p, 'rb').read()
            for p in glob.glob(f'{work}/*.pth')}


@pytest.fixture(scope='module')
def straight(tiny_pkl, tmp_path_factory):
    """An uninterrupted 4-epoch run with 2 persistent workers."""
    work = str(tmp_path_factory.mktemp('straight'))
    ok(train(work, tiny_pkl, 4, workers=2))
    return work


def test_train_then_resume(tmp_path, tiny_pkl, straight):
    work = str(tmp_path / 'work')
    out = ok(train(work, tiny_pkl, 2))
    log = open(glob.glob(f'{work}/*/*.log')[0]).read()
    for term in ('loss_intra', 'loss_inter', 'loss_vc'):
        assert term in log
    out = ok(train(work, tiny_pkl, 4, resume=True))
    assert 'resumed epoch: 2' in out
    # two epochs, then --resume to four: the same as four straight
    assert max_diff(f'{work}/epoch_4.pth', f'{straight}/epoch_4.pth') == 0


def test_results_do_not_depend_on_workers(tmp_path, tiny_pkl, straight):
    work = str(tmp_path / 'work')
    ok(train(work, tiny_pkl, 2, workers=0))
    assert max_diff(f'{work}/epoch_2.pth', f'{straight}/epoch_2.pth') == 0


def test_sigkill_mid_epoch_then_resume_is_exact(tmp_path, tiny_pkl,
                                                straight):
    config = tmp_path / 'killed.py'
    config.write_text(
        f"_base_ = '{REPO}/{CONFIG}'\n"
        "custom_imports = dict(imports=['umurl_mm', 'tests.utils'])\n"
        "custom_hooks = [dict(type='EpochSeedHook'), "
        "dict(type='FiniteGuardHook'), dict(type='CheckpointGuardHook'), "
        "dict(type='SigkillHook', epoch=3, iteration=2)]\n"
        'default_hooks = dict(logger=dict(interval=1))\n')
    work = str(tmp_path / 'work')
    killed = train(work, tiny_pkl, 4, config=str(config), workers=2)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    log = open(glob.glob(f'{work}/*/*.log')[0]).read()
    assert 'Epoch(train) [3][1/4]' in log and '[3][2/4]' not in log
    assert sorted(files(work)) == ['epoch_1.pth', 'epoch_2.pth']
    out = ok(train(work, tiny_pkl, 4, resume=True, workers=2))
    assert 'resumed epoch: 2' in out
    assert max_diff(f'{work}/epoch_4.pth', f'{straight}/epoch_4.pth') == 0


def test_lost_marker_resumes_newest_and_overwrites_nothing(tmp_path,
                                                           tiny_pkl):
    work = str(tmp_path / 'work')
    ok(train(work, tiny_pkl, 2))
    os.remove(f'{work}/last_checkpoint')
    before = files(work)
    out = ok(train(work, tiny_pkl, 3, resume=True))
    assert f'resuming from {work}/epoch_2.pth' in out
    assert 'resumed epoch: 2' in out
    after = files(work)
    assert all(after[k] == v for k, v in before.items())
    assert 'epoch_3.pth' in after


def test_fresh_run_never_overwrites_checkpoints(tmp_path, tiny_pkl):
    work = str(tmp_path / 'work')
    ok(train(work, tiny_pkl, 2))
    before = files(work)
    proc = train(work, tiny_pkl, 2)
    assert proc.returncode != 0
    assert "already holds checkpoints of another run ['epoch_1.pth', " \
        "'epoch_2.pth']" in proc.stderr
    assert files(work) == before


def test_corrupt_newest_falls_back(tmp_path, tiny_pkl):
    work = str(tmp_path / 'work')
    ok(train(work, tiny_pkl, 2))
    raw = open(f'{work}/epoch_2.pth', 'rb').read()
    open(f'{work}/epoch_2.pth', 'wb').write(raw[:len(raw) // 3])
    out = ok(train(work, tiny_pkl, 2, resume=True))
    assert 'epoch_2.pth: unreadable checkpoint' in out
    assert 'resumed epoch: 1' in out
    assert open(f'{work}/epoch_2.pth.corrupt', 'rb').read() == \
        raw[:len(raw) // 3]
    torch.load(f'{work}/epoch_2.pth', weights_only=False)  # rewritten


@pytest.mark.parametrize('where', ['empty', 'typo'])
def test_nothing_to_resume_is_an_error(tmp_path, tiny_pkl, where):
    work = tmp_path / 'work'
    work.mkdir()
    target = str(work if where == 'empty' else tmp_path / 'wrok')
    proc = train(target, tiny_pkl, 1, resume=True)
    assert proc.returncode != 0
    assert 'nothing to resume' in proc.stderr or \
        'no readable checkpoint' in proc.stderr
    assert not glob.glob(f'{tmp_path}/**/*.pth', recursive=True)


def test_non_finite_training_stops_before_saving(tmp_path, tiny_pkl):
    work = str(tmp_path / 'work')
    ok(train(work, tiny_pkl, 1,
             'default_hooks.checkpoint.max_keep_ckpts=1'))
    data = mmengine.load(tiny_pkl)
    victim = data['split']['xsub_train'][0]
    anno = next(a for a in data['annotations'] if a['frame_dir'] == victim)
    anno['keypoint'] = np.full_like(anno['keypoint'], 1e30)
    bad = str(tmp_path / 'bad.pkl')
    mmengine.dump(data, bad)
    # rejected at load time by default, naming file, sample and field
    proc = train(work, bad, 2, resume=True)
    assert proc.returncode != 0
    assert f"bad.pkl: sample 0 ('{victim}'), field 'keypoint': " \
        'implausible coordinate 1e+30' in proc.stderr
    # let it through: training stops at the first non-finite loss
    proc = train(work, bad, 2, 'default_hooks.checkpoint.max_keep_ckpts=1',
                 'train_dataloader.dataset.max_abs=None', resume=True)
    assert proc.returncode != 0
    assert 'NonFiniteTrainingError: non-finite loss' in proc.stderr
    assert 'at epoch 2' in proc.stderr and victim in proc.stderr
    assert sorted(files(work)) == ['epoch_1.pth']  # the good one is kept
    state = torch.load(f'{work}/epoch_1.pth', weights_only=False)
    assert all(torch.isfinite(v).all() for v in state['state_dict'].values()
               if v.is_floating_point())


def test_resume_with_another_model_lists_the_mismatch(tmp_path, tiny_pkl):
    work = str(tmp_path / 'work')
    ok(train(work, tiny_pkl, 1))
    proc = train(work, tiny_pkl, 2, 'model.backbone.hidden_dim=8',
                 resume=True)
    assert proc.returncode != 0
    assert 'does not match UmURLPretrainer' in proc.stderr
    assert 'shape mismatches' in proc.stderr and 'adam' not in proc.stderr
    ckpt = torch.load(f'{work}/epoch_1.pth', weights_only=False)
    del ckpt['state_dict']['backbone.fusion.spatial.weight']
    torch.save(ckpt, str(tmp_path / 'partial.pth'))
    proc = train(str(tmp_path / 'other'), tiny_pkl, 1,
                 f'load_from={tmp_path}/partial.pth')
    assert proc.returncode != 0
    assert "missing keys: ['backbone.fusion.spatial.weight']" in proc.stderr


def test_unknown_option_key_is_an_error(tmp_path, tiny_pkl):
    proc = train(str(tmp_path / 'w'), tiny_pkl, 1, 'trian_cfg.max_epochs=3')
    assert proc.returncode != 0
    assert "no top-level key 'trian_cfg'" in proc.stderr
    assert "did you mean ['train_cfg'" in proc.stderr


def test_per_sample_views_resume_exactly_whatever_the_workers(tmp_path,
                                                              tiny_pkl):
    """Views made per sample in the workers (the alternative to the
    default device-side views) are seeded from the samples' seeds too: 4
    epochs with 2 workers equal 2 epochs with none, then --resume to 4."""
    config = ('configs/umurl/umurl-persampleviews_1xb64-40e_synthetic-'
              'xsub-keypoint-3d.py')
    straight, split = str(tmp_path / 'straight'), str(tmp_path / 'split')
    ok(train(straight, tiny_pkl, 4, config=config, workers=2))
    ok(train(split, tiny_pkl, 2, config=config))
    out = ok(train(split, tiny_pkl, 4, config=config, resume=True))
    assert 'resumed epoch: 2' in out
    assert max_diff(f'{split}/epoch_4.pth', f'{straight}/epoch_4.pth') == 0


def test_kill_while_saving_leaves_no_partial_checkpoint(tmp_path, tiny_pkl,
                                                        straight):
    """Checkpoints are written to a temporary file, fsynced, then renamed:
    killed between the two, the run leaves the previous checkpoints intact
    and nothing under the final name; --resume then continues exactly."""
    config = tmp_path / 'killed.py'
    config.write_text(
        f"_base_ = '{REPO}/{CONFIG}'\n"
        "custom_imports = dict(imports=['umurl_mm', 'tests.kill_in_save'])\n")
    work = str(tmp_path / 'work')
    killed = train(work, tiny_pkl, 4, config=str(config))
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    assert sorted(files(work)) == ['epoch_1.pth']
    partial = glob.glob(f'{work}/.epoch_2.pth.*.tmp')
    assert len(partial) == 1 and os.path.getsize(partial[0]) > 0
    torch.load(f'{work}/epoch_1.pth', weights_only=True)  # intact
    out = ok(train(work, tiny_pkl, 4, resume=True))
    assert 'resumed epoch: 1' in out
    assert max_diff(f'{work}/epoch_4.pth', f'{straight}/epoch_4.pth') == 0
