"""The host work of a pre-training iteration, counted as a GPU's host
issues it (``tools/benchmark_pretrain.py --profile-host``), stays small."""
import re

from tests.utils import run_tool

SYNTHETIC = 'configs/umurl/umurl_1xb64-40e_synthetic-xsub-keypoint-3d.py'
SMALL = ['model.backbone.hidden_dim=32', 'model.projector.in_channels=64',
         'model.projector.hidden_channels=64',
         'model.projector.out_channels=128']
#: measured with the command below on the default hooks: 3420 aten ops and
#: no host read per iteration; a regression of more than 20 % fails
MAX_OPS = 4100
MAX_READS = 0


def test_host_work_per_iteration():
    proc = run_tool('tools/benchmark_pretrain.py', SYNTHETIC,
                    '--profile-host', '--batch', '8', '--cfg-options',
                    *SMALL)
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = dict(re.findall(r'^  (\S.*?)\s+([\d.]+\s+[\d.]+)$', proc.stdout,
                           re.M))
    ops, reads = map(float, rows['total'].split())
    assert ops <= MAX_OPS and reads <= MAX_READS, proc.stdout
    # every part of the iteration is accounted for, the model's included
    for part in ('forward + loss', 'backward', 'optimiser step',
                 'data preprocessor', 'hook FiniteGuardHook',
                 'hook BufferedRuntimeInfoHook'):
        assert part in rows, (part, proc.stdout)
    assert float(rows['backward'].split()[0]) > 100
    assert re.search(r'mean of (\d+) iterations after the first',
                     proc.stdout)
