import glob
import os

from tests.utils import TINY_PRETRAIN, run_tool

CONFIG = 'configs/umurl/umurl_1xb64-u64-40e_synthetic-xsub-keypoint-3d.py'


def tiny_options(ann_file, epochs):
    return [
        '--cfg-options', f'train_dataloader.dataset.ann_file={ann_file}',
        'train_dataloader.batch_size=8', 'train_dataloader.num_workers=0',
        'train_dataloader.persistent_workers=False', *TINY_PRETRAIN,
        f'train_cfg.max_epochs={epochs}', 'default_hooks.checkpoint.interval=1'
    ]


def train(work_dir, ann_file, epochs, *extra):
    return run_tool('tools/train.py', CONFIG, '--work-dir', work_dir, *extra,
                    *tiny_options(ann_file, epochs))


def test_train_then_resume(tmp_path, tiny_pkl):
    work = str(tmp_path / 'work')
    first = train(work, tiny_pkl, 1)
    assert first.returncode == 0, first.stderr[-3000:]
    assert os.path.exists(f'{work}/epoch_1.pth')
    log = open(glob.glob(f'{work}/*/*.log')[0]).read()
    for term in ('loss_intra', 'loss_inter', 'loss_vc'):
        assert term in log
    second = train(work, tiny_pkl, 2, '--resume')
    assert second.returncode == 0, second.stderr[-3000:]
    assert 'resumed epoch: 1' in second.stdout + second.stderr
    assert os.path.exists(f'{work}/epoch_2.pth')
