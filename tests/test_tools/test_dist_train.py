"""tools/dist_train.sh, as documented, on a machine without a GPU: two
gloo processes of batch 4 train exactly like one process of batch 8, with
every modality or a subset (mmengine's DDP wrapper, which expects every
trainable parameter to get a gradient).

The two runs train in float64 (``Float64UmURLPretrainer``: the same model,
views and loss, cast). In float32 the comparison measured the CPU's
kernels, not the code: 2 x 4 and 1 x 8 sum in other orders (per-rank
matrix products, the gathered loss, the reduced gradients), a difference of
~1e-7 relative that four SGD steps amplify to 2e-5 relative on an AMD CPU
and, with MKL's AVX2 kernels on an Intel CPU, to 3e-3 on the spatial
embedding's biases — while the losses still agreed to 1e-5. In float64 the
same two runs agree to ~1e-14 relative with the default,
``MKL_ENABLE_INSTRUCTIONS=AVX2`` and ``ATEN_CPU_CAPABILITY=default``
kernels alike: the distributed path computes exactly what one process computes,
and the float32 difference was rounding, amplified. A real mismatch (a
sample on the wrong rank, other views, a gradient averaged over the wrong
count) does not shrink with the precision and fails the 1e-9 bound here.
"""
import glob
import json
import os
import subprocess
import sys

import pytest
import torch

from tests.utils import (REPO, assert_close_to_scale, free_port, run_tool,
                         tiny_options)

pytestmark = pytest.mark.slow  # the second tier: torchrun starts each rank

CONFIGS = {
    'device views':
    'configs/umurl/umurl_1xb64-40e_synthetic-xsub-keypoint-3d.py',
    'per-sample views': 'configs/umurl/umurl-persampleviews_1xb64-40e_'
    'synthetic-xsub-keypoint-3d.py'
}
CASES = [('device views', None), ('per-sample views', None),
         ('device views', 'joint'), ('device views', 'joint,bone')]


def options(ann_file, batch, modalities=None):
    subset = [] if modalities is None else \
        [f'model.backbone.modalities=[{modalities}]']
    return tiny_options(ann_file, 1, batch=batch) + subset + [
        'default_hooks.logger.interval=1',
        # SGD: Adam would turn float noise on zero-gradient parameters into
        # lr-sized steps
        'optim_wrapper.optimizer.type=SGD', 'optim_wrapper.optimizer.lr=0.01'
    ]


def losses(work):
    path = glob.glob(f'{work}/*/vis_data/scalars.json')[0]
    return [json.loads(line)['loss'] for line in open(path)
            if '"loss"' in line]


def dist_train(config, work, *args, **env_vars):
    env = dict(os.environ, **env_vars, PORT=str(free_port()),
               PATH=os.path.dirname(sys.executable) + os.pathsep +
               os.environ['PATH'])
    return subprocess.run(
        ['bash', 'tools/dist_train.sh', config, '2', '--work-dir', work,
         *args], cwd=REPO, env=env, capture_output=True, text=True)


@pytest.mark.parametrize('views,modalities', CASES)
def test_dist_train_sh_on_cpu_equals_one_process(tmp_path, tiny_pkl, views,
                                                 modalities):
    config = tmp_path / 'float64.py'
    config.write_text(
        f"_base_ = '{REPO}/{CONFIGS[views]}'\n"
        "custom_imports = dict(imports=['umurl_mm', 'tests.utils'])\n"
        "model = dict(type='Float64UmURLPretrainer')\n")
    config = str(config)
    two, one = str(tmp_path / 'two'), str(tmp_path / 'one')
    proc = dist_train(config, two, *options(tiny_pkl, 4, modalities),
                      PYTHONPATH=REPO)
    assert proc.returncode == 0, proc.stderr[-3000:]
    proc = run_tool('tools/train.py', config, '--work-dir', one,
                    *options(tiny_pkl, 8, modalities), pythonpath=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    dist_losses, single = losses(two), losses(one)
    assert len(dist_losses) == len(single) == 4
    torch.testing.assert_close(dist_losses, single, rtol=1e-12, atol=0)
    a = torch.load(f'{two}/epoch_1.pth', weights_only=False)['state_dict']
    b = torch.load(f'{one}/epoch_1.pth', weights_only=False)['state_dict']
    assert b['backbone.embeddings.joint.spatial.0.weight'].dtype == \
        torch.float64
    for key in b:  # sums in another order: float64 rounding, relative
        # to each tensor's scale (the biases whose gradient is zero in
        # exact arithmetic hold ~1e-18 of noise: the atol)
        assert_close_to_scale(a[key].double(), b[key].double(), rtol=1e-9,
                              atol=1e-12, name=key)


def test_ranks_resume_from_one_decision(tmp_path, tiny_pkl):
    """The main process picks the checkpoint (moving an unreadable one
    aside) once the process group exists; every rank takes its answer."""
    work = str(tmp_path / 'two')
    config = CONFIGS['device views']
    proc = dist_train(config, work, *tiny_options(tiny_pkl, 2, batch=4))
    assert proc.returncode == 0, proc.stderr[-3000:]
    raw = open(f'{work}/epoch_2.pth', 'rb').read()
    open(f'{work}/epoch_2.pth', 'wb').write(raw[:len(raw) // 3])
    proc = dist_train(config, work, '--resume',
                      *tiny_options(tiny_pkl, 3, batch=4))
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout + proc.stderr
    assert out.count(f'resuming from {work}/epoch_1.pth') == 2
    assert out.count('resuming from') == 2
    assert out.count('epoch_2.pth: unreadable checkpoint') == 1
    assert open(f'{work}/epoch_2.pth.corrupt', 'rb').read() == \
        raw[:len(raw) // 3]
    assert 'resumed epoch: 1' in out
    torch.load(f'{work}/epoch_3.pth', weights_only=False)


def test_torchrun_restart_resumes_and_ends_like_an_uninterrupted_run(
        tmp_path, tiny_pkl):
    """MAX_RESTARTS=1: rank 1 is SIGKILLed in epoch 3; torchrun restarts
    both workers, which resume from epoch 2 by themselves (no --resume on
    their command line) and end with the weights of an uninterrupted
    2-process run."""
    config = tmp_path / 'killed.py'
    config.write_text(
        f"_base_ = '{REPO}/{CONFIGS['device views']}'\n"
        "custom_imports = dict(imports=['umurl_mm', 'tests.utils'])\n"
        "custom_hooks = [dict(type='EpochSeedHook'), "
        "dict(type='FiniteGuardHook'), dict(type='CheckpointGuardHook'), "
        "dict(type='SigkillRankHook', rank=1, epoch=3, iteration=2)]\n")
    straight, restarted = str(tmp_path / 'straight'), str(tmp_path / 'r')
    opts = tiny_options(tiny_pkl, 4, batch=4)
    proc = dist_train(CONFIGS['device views'], straight, *opts)
    assert proc.returncode == 0, proc.stderr[-3000:]
    proc = dist_train(str(config), restarted, *opts, MAX_RESTARTS='1',
                      PYTHONPATH=REPO)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout + proc.stderr
    assert out.count(f'resuming from {restarted}/epoch_2.pth') == 2
    assert 'resumed epoch: 2' in out
    a = torch.load(f'{restarted}/epoch_4.pth', weights_only=True)
    b = torch.load(f'{straight}/epoch_4.pth', weights_only=True)
    for key in b['state_dict']:
        assert torch.equal(a['state_dict'][key], b['state_dict'][key]), key
