"""mmengine's ``compile`` option through tools/train.py: the compiled
``train_step`` keeps the view preprocessor's host-side draws out of the
graph and trains as the eager one does (under bf16 AMP too: the GPU check's
CPU mode, tests/test_tools/test_gpu_check.py)."""
import glob
import json

import torch

from tests.utils import run_tool, tiny_options

CONFIG = 'configs/umurl/umurl_1xb64-40e_synthetic-xsub-keypoint-3d.py'


def losses(work):
    path = glob.glob(f'{work}/*/vis_data/scalars.json')[0]
    return [json.loads(line)['loss'] for line in open(path)
            if '"loss"' in line]


def test_compile_trains_like_eager(tmp_path, tiny_pkl):
    runs = {}
    # aot_eager: Dynamo and AOTAutograd trace forward and backward as
    # inductor's would, without generating kernels (cheap on a CPU)
    for name, opt in (('eager', []), ('compiled',
                                      ['compile.backend=aot_eager'])):
        work = str(tmp_path / name)
        proc = run_tool('tools/train.py', CONFIG, '--work-dir', work,
                        *tiny_options(tiny_pkl, 1),
                        'default_hooks.logger.interval=1', *opt)
        assert proc.returncode == 0, proc.stderr[-3000:]
        runs[name] = work
    log = open(glob.glob(f"{runs['compiled']}/*/*.log")[0]).read()
    assert 'Model has been "compiled"' in log
    eager, compiled = losses(runs['eager']), losses(runs['compiled'])
    assert len(eager) == len(compiled) == 4
    # float rounding of another op order
    torch.testing.assert_close(compiled, eager, rtol=1e-4, atol=0)
