from .checkpoints import (ResumeError, find_resume_checkpoint,
                          numbered_checkpoints, read_checkpoint)
from .hooks import *  # noqa: F401,F403
from .optimizers import *  # noqa: F401,F403
from .schedulers import *  # noqa: F401,F403

__all__ = [
    'ResumeError', 'find_resume_checkpoint', 'numbered_checkpoints',
    'read_checkpoint'
]
