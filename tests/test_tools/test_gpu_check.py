"""tools/gpu_check.py in its CPU mode (--quick): every row that can run on
a CPU runs and passes, and the table says which need a GPU."""
import re

import pytest
import torch

from tests.utils import run_tool


@pytest.mark.skipif(torch.cuda.is_available(),
                    reason='a CUDA device is present: nothing to refuse')
def test_without_a_gpu_it_asks_for_quick_mode(tmp_path):
    proc = run_tool('tools/gpu_check.py', '--work-dir', str(tmp_path))
    assert proc.returncode == 1
    assert 'no CUDA device' in proc.stderr and '--quick' in proc.stderr


@pytest.mark.slow  # the second tier: 14 fresh interpreters
def test_gpu_check_quick_mode_passes(tmp_path):
    proc = run_tool('tools/gpu_check.py', '--quick', '--work-dir',
                    str(tmp_path))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    table = proc.stdout[proc.stdout.index('check '):]
    rows = {m.group(1).strip(): m.group(2) for m in re.finditer(
        r'^(.+?)\s{2,}(ok|FAIL|n/a|est)\s', table, re.M)}
    assert [n for n, r in rows.items() if r == 'n/a'] == [
        'step bf16', 'step fp16', 'step bf16, compiled']
    assert not [n for n, r in rows.items() if r == 'FAIL']
    for name in ('pretrain fp16, device views',
                 'pretrain bf16, per-sample views', 'pretrain bf16, compile',
                 'pretrain bf16, joint only', 'pretrain bf16, 2D COCO-17',
                 'linear evaluation, test', 'kNN', 'step fp32 (TF32)',
                 'step fp32 (TF32), compiled', 'end to end, fp32'):
        assert rows[name] == 'ok', name
    assert re.search(r'projected NTU-60 x-sub, 1 device\s+est\s+0s\s+\d+ '
                     r'min at \d+ samples/s', table)
