"""Run repository scripts as a user would — each in a process of its own,
with its exit code, stdout and stderr — without paying for the imports
each time.

``python tools/X.py`` spends ~5 s importing torch, mmengine, MMAction2
and this package before it does anything. A :class:`ToolServer` is a
Python process that imports them once and then forks a child per script
run: the child resets its arguments, working directory, environment and
``sys.path`` to what a fresh ``python SCRIPT ARGS...`` would have, runs the
script as ``__main__`` and exits with the script's exit code (a signal
that kills it is reported as ``-signal``, as :mod:`subprocess` does). The
server itself runs no tensor work, so no thread pool exists when it forks;
every run starts from the same freshly imported state, whatever the runs
before it did.

Protocol (over the server's stdin/stdout, one JSON line each way): the
request holds ``argv``, ``cwd``, ``env``, ``path`` (``sys.path`` entries to
put first) and the two files for the child's stdout and stderr; the reply
holds ``returncode``.
"""
import atexit
import json
import os
import subprocess
import sys
import tempfile
import threading
import traceback

#: imported once by the server, before it forks
PRELOAD = ('torch', 'torch.distributed', 'mmengine.runner', 'mmaction.models',
           'mmaction.datasets', 'mmaction.evaluation', 'umurl_mm')


class ToolServer:
    """A warm interpreter that runs scripts in forked children."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, '-m', 'tests.tool_server'],
            cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.lock = threading.Lock()
        atexit.register(self.close)

    def run(self, argv, cwd: str, env: dict, path=()) -> tuple:
        """Run ``python *argv`` in ``cwd``; returns ``(returncode, stdout,
        stderr)``."""
        with tempfile.TemporaryDirectory() as tmp, self.lock:
            out, err = os.path.join(tmp, 'out'), os.path.join(tmp, 'err')
            request = dict(argv=list(argv), cwd=cwd, env=env,
                           path=list(path), stdout=out, stderr=err)
            self.proc.stdin.write(json.dumps(request) + '\n')
            self.proc.stdin.flush()
            reply = self.proc.stdout.readline()
            if not reply:
                raise RuntimeError('the tool server died')
            code = json.loads(reply)['returncode']
            return code, _read(out), _read(err)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait()


def _read(path: str) -> str:
    with open(path, errors='replace') as f:
        return f.read()


def _child(request: dict) -> None:
    """In the forked child: become ``python ARGV...`` and never return."""
    code = 1
    try:
        fd_in = os.open(os.devnull, os.O_RDONLY)
        fd_out = os.open(request['stdout'], os.O_WRONLY | os.O_CREAT, 0o644)
        fd_err = os.open(request['stderr'], os.O_WRONLY | os.O_CREAT, 0o644)
        for fd, target in ((fd_in, 0), (fd_out, 1), (fd_err, 2)):
            os.dup2(fd, target)
            os.close(fd)
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        os.chdir(request['cwd'])
        os.environ.clear()
        os.environ.update(request['env'])
        script = request['argv'][0]
        sys.argv = list(request['argv'])
        sys.path[:0] = [os.path.dirname(os.path.abspath(script)),
                        *request['path']]
        import runpy
        code = 0
        runpy.run_path(script, run_name='__main__')
    except SystemExit as e:
        if e.code is None:
            code = 0
        elif isinstance(e.code, int):
            code = e.code
        else:
            print(e.code, file=sys.stderr)
            code = 1
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        try:
            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def serve() -> None:
    """The server's loop: one forked child per request line."""
    import importlib
    import warnings
    with warnings.catch_warnings():  # the children print their own
        warnings.simplefilter('ignore')
        for name in PRELOAD:
            importlib.import_module(name)
    channel = sys.stdout
    sys.stdout = sys.stderr  # nothing else may write to the channel
    for line in sys.stdin:
        request = json.loads(line)
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _child(request)
        _, status = os.waitpid(pid, 0)
        channel.write(json.dumps(
            dict(returncode=os.waitstatus_to_exitcode(status))) + '\n')
        channel.flush()


if __name__ == '__main__':
    serve()
