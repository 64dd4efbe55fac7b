"""Test-only: SIGKILL the process in the middle of saving ``epoch_2.pth``,
after its bytes are written and before they are renamed into place (what
a crash or a lost node does at the worst moment). Imported through a
config's ``custom_imports``."""
import os
import signal

_fsync = os.fsync


def _fsync_or_die(fd):
    if '.epoch_2.pth.' in os.readlink(f'/proc/self/fd/{fd}'):
        os.kill(os.getpid(), signal.SIGKILL)
    return _fsync(fd)


os.fsync = _fsync_or_die
