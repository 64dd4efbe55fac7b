"""tools/setup_env.sh honours an absolute or relative VENV."""
import os
import shutil
import subprocess
import sys

import pytest

from tests.utils import REPO


def fake_venv(path):
    """A ready environment: a python and an up-to-date install stamp."""
    os.makedirs(path / 'bin')
    os.symlink(sys.executable, path / 'bin' / 'python')
    shutil.copy(os.path.join(REPO, 'requirements.txt'),
                path / '.umurl_mm_requirements')


@pytest.mark.parametrize('absolute', [True, False])
def test_venv_location(tmp_path, absolute):
    repo = tmp_path / 'repo'
    os.makedirs(repo / 'tools')
    shutil.copy(os.path.join(REPO, 'tools', 'setup_env.sh'), repo / 'tools')
    shutil.copy(os.path.join(REPO, 'requirements.txt'), repo)
    venv = tmp_path / 'elsewhere' / 'env' if absolute else repo / 'sub/env'
    fake_venv(venv)
    name = str(venv) if absolute else 'sub/env'
    out = subprocess.run(
        ['bash', '-c', 'source tools/setup_env.sh && command -v python'],
        cwd=repo, env=dict(os.environ, VENV=name), capture_output=True,
        text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f'{venv}/bin/python'
