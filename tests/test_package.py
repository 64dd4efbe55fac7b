"""Importing the package is quiet: the one harmless mmcv-lite warning is
filtered where it starts."""
import subprocess
import sys

from tests.utils import REPO, run_tool


def test_import_and_tool_start_print_no_third_party_warning(tmp_path):
    proc = subprocess.run([sys.executable, '-c', 'import umurl_mm'],
                          cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stderr == '', proc.stderr
    proc = run_tool('tools/analysis/raw_knn.py', '--help', fresh=True)
    assert proc.returncode == 0
    assert 'MultiScaleDeformableAttention' not in proc.stderr
