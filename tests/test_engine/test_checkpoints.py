import os

import pytest
import torch

from umurl_mm.engine import (ResumeError, find_resume_checkpoint,
                             numbered_checkpoints)


def save(path, epoch):
    torch.save(dict(meta=dict(epoch=epoch, seed=11),
                    state_dict=dict(w=torch.ones(2))), path)


@pytest.fixture
def work(tmp_path):
    for epoch in (1, 2, 10):
        save(tmp_path / f'epoch_{epoch}.pth', epoch)
    (tmp_path / 'best_acc.pth').write_bytes(b'x')
    return tmp_path


def test_numbered_newest_first(work):
    names = [os.path.basename(p) for p in numbered_checkpoints(str(work))]
    assert names == ['epoch_10.pth', 'epoch_2.pth', 'epoch_1.pth']


def test_no_marker_resumes_newest(work):
    path, meta = find_resume_checkpoint(str(work))
    assert path.endswith('epoch_10.pth') and meta == dict(epoch=10, seed=11)


def test_marker_wins(work):
    (work / 'last_checkpoint').write_text(str(work / 'epoch_2.pth'))
    assert find_resume_checkpoint(str(work))[0].endswith('epoch_2.pth')


def test_corrupt_newest_falls_back(work):
    raw = (work / 'epoch_10.pth').read_bytes()
    (work / 'epoch_10.pth').write_bytes(raw[:len(raw) // 2])
    (work / 'last_checkpoint').write_text(str(work / 'epoch_10.pth'))
    with pytest.warns(UserWarning, match='epoch_10.pth: unreadable'):
        path, _ = find_resume_checkpoint(str(work))
    assert path.endswith('epoch_2.pth')
    # the corrupt file is kept, out of the way of the resumed run
    assert not (work / 'epoch_10.pth').exists()
    assert (work / 'epoch_10.pth.corrupt').read_bytes() == raw[:len(raw) //
                                                               2]


def test_other_ranks_do_not_rename(work):
    (work / 'epoch_10.pth').write_bytes(b'garbage')
    with pytest.warns(UserWarning):
        find_resume_checkpoint(str(work), is_main=False)
    assert (work / 'epoch_10.pth').exists()


def test_nothing_to_resume(tmp_path):
    with pytest.raises(ResumeError, match='no readable checkpoint'):
        find_resume_checkpoint(str(tmp_path))
    with pytest.raises(ResumeError, match='does not exist'):
        find_resume_checkpoint(str(tmp_path / 'typo'))
    (tmp_path / 'epoch_1.pth').write_bytes(b'garbage')
    with pytest.warns(UserWarning), pytest.raises(ResumeError):
        find_resume_checkpoint(str(tmp_path))


def test_file_system_error_moves_nothing(work, monkeypatch):
    """An OSError is the file system's answer, not the file's: the search
    stops naming the file, nothing is renamed and no older checkpoint is
    taken in its place."""
    from mmengine.runner import CheckpointLoader
    load = CheckpointLoader.load_checkpoint

    def flaky(path, *args, **kwargs):
        if path.endswith('epoch_10.pth'):
            raise PermissionError(13, 'Permission denied', path)
        return load(path, *args, **kwargs)

    monkeypatch.setattr(CheckpointLoader, 'load_checkpoint', flaky)
    with pytest.raises(ResumeError, match='epoch_10.pth: cannot read the '
                       'file.*nothing was moved or skipped'):
        find_resume_checkpoint(str(work))
    assert (work / 'epoch_10.pth').exists()
    assert not list(work.glob('*.corrupt'))
