import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

#: A tiny UmURL pre-training model (H=16, 2H=32 features).
TINY_PRETRAIN = [
    'model.backbone.hidden_dim=16', 'model.projector.in_channels=32',
    'model.projector.hidden_channels=32', 'model.projector.out_channels=24'
]


def run_tool(*args: str) -> subprocess.CompletedProcess:
    """Run a repository script as a user would: a fresh interpreter in the
    repository root, without the ``weights_only`` override this test
    session sets (the tools set what they need themselves)."""
    env = dict(os.environ)
    env.pop('TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD', None)
    return subprocess.run([sys.executable, *args], cwd=REPO, env=env,
                          capture_output=True, text=True)
