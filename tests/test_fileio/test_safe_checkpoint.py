"""Checkpoints from elsewhere: this project's and the official ones load
with weights_only=True; one holding anything else is refused by name."""
import os

import pytest
import torch

from tests.test_fileio.test_safe_pickle import RunsCode
from umurl_mm.fileio import TRUST_ENV, UnsafeFileError, load_checkpoint
from umurl_mm.fileio.safe_checkpoint import safe_getattr


def test_mmengine_checkpoint_with_message_hub_loads(tmp_path):
    from mmengine.logging import MessageHub
    hub = MessageHub('test_safe_checkpoint')
    for v in (1.0, 2.0, 4.0):
        hub.update_scalar('train/loss', v)
    hub.update_info('iter', 3)
    path = str(tmp_path / 'epoch_1.pth')
    torch.save(dict(meta=dict(epoch=1, seed=3),
                    state_dict={'w': torch.ones(2)},
                    message_hub=hub.state_dict()), path)
    ckpt = load_checkpoint(path)
    buffer = ckpt['message_hub']['log_scalars']['train/loss']
    assert buffer.mean() == pytest.approx(7 / 3)
    assert ckpt['meta'] == dict(epoch=1, seed=3)


def test_official_layout_loads(tmp_path):
    path = str(tmp_path / 'official.pth.tar')
    torch.save(dict(epoch=450, state_dict={
        'module.backbone.j_emb.t_embedding.0.bias': torch.zeros(4)},
        optimizer=dict(state={0: dict(step=torch.tensor(3.))},
                       param_groups=[dict(lr=5e-4, params=[0])])), path)
    assert load_checkpoint(path)['epoch'] == 450


def test_crafted_checkpoint_is_refused_by_name(tmp_path, monkeypatch):
    marker = tmp_path / 'MARKER'
    path = str(tmp_path / 'evil.pth')
    torch.save(dict(state_dict={'w': torch.ones(1)}, meta=RunsCode(marker)),
               path)
    with pytest.raises(UnsafeFileError) as err:
        load_checkpoint(path)
    assert path in str(err.value) and "'posix.system'" in str(err.value)
    assert not marker.exists()
    monkeypatch.setenv(TRUST_ENV, '1')
    load_checkpoint(path)
    assert marker.exists()


def test_getattr_only_reaches_history_buffer_methods():
    from mmengine.logging.history_buffer import HistoryBuffer
    assert safe_getattr(HistoryBuffer, 'mean') is HistoryBuffer.mean
    for owner, name in ((HistoryBuffer, '__init__'), (os, 'system'),
                        (HistoryBuffer, '__class__')):
        with pytest.raises(Exception, match='not allowed'):
            safe_getattr(owner, name)
