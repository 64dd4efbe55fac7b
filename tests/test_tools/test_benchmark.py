"""tools/benchmark_pretrain.py runs every section on a tiny model (what it
prints is measured, so nothing about speed is asserted here)."""
from tests.utils import TINY_PRETRAIN, run_tool

CONFIG = 'configs/umurl/umurl_1xb64-40e_synthetic-xsub-keypoint-3d.py'


def test_benchmark_sections_run():
    proc = run_tool('tools/benchmark_pretrain.py', CONFIG, '--batch', '4',
                    '--iters', '1', '--warmup', '0', '--samples', '8',
                    '--data', '--e2e', '--world-sizes', '1', '2',
                    '--project', '--cfg-options', *TINY_PRETRAIN,
                    'train_dataloader.num_workers=0',
                    'train_dataloader.persistent_workers=False')
    assert proc.returncode == 0, proc.stderr[-3000:]
    for line in ('step, batch 4 x 4 views', 'TFLOP/s achieved',
                 'projected NTU-60 x-sub', '2 ranks: projectors + loss',
                 'ours, device-side views', 'waiting for data',
                 'the views made on the device in the step'):
        assert line in proc.stdout, line
