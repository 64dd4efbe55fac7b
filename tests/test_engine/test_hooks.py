import random
from types import SimpleNamespace

import numpy as np
import pytest
import torch
import torch.nn as nn
from mmaction.structures import ActionDataSample
from mmengine.optim import AmpOptimWrapper, OptimWrapper

from umurl_mm.engine import (CheckpointGuardHook, EpochSeedHook,
                             FiniteGuardHook, NonFiniteTrainingError)


def fake_runner(model=None, wrapper=None, **kwargs):
    model = model or nn.Linear(3, 2)
    wrapper = wrapper or OptimWrapper(torch.optim.SGD(model.parameters(),
                                                      lr=0.1))
    return SimpleNamespace(
        **dict(dict(model=model, optim_wrapper=wrapper, epoch=4, iter=41),
               **kwargs))


def batch(*names):
    return dict(data_samples=[
        ActionDataSample(metainfo=dict(frame_dir=n)) for n in names])


def losses(intra=1.0, vc=2.0):
    return dict(loss=torch.tensor(intra + vc), loss_intra=torch.tensor(intra),
                loss_vc=torch.tensor(vc))


def test_finite_run_passes():
    FiniteGuardHook(interval=1).after_train_iter(fake_runner(), 0,
                                                 batch('a'), losses())


def test_non_finite_loss_names_where_and_what():
    with pytest.raises(NonFiniteTrainingError) as err:
        FiniteGuardHook(interval=1).after_train_iter(
            fake_runner(), 2, batch('S1', 'S2'), losses(vc=float('nan')))
    msg = str(err.value)
    for part in ("non-finite loss ['loss', 'loss_vc']", 'epoch 5',
                 'iteration 3 of the epoch', 'global iteration 42',
                 'loss_intra=1', 'loss_vc=nan', "['S1', 'S2']"):
        assert part in msg, (part, msg)


def test_checks_are_deferred_but_name_the_first_non_finite_loss():
    hook = FiniteGuardHook(interval=4)
    runner = fake_runner()
    reads = []
    real_cpu = torch.Tensor.cpu

    def counting_cpu(self, *args, **kwargs):
        reads.append(1)
        return real_cpu(self, *args, **kwargs)

    torch.Tensor.cpu = counting_cpu
    try:
        for i, vc in enumerate([2.0, 2.0, float('inf')]):
            runner.iter = 40 + i
            hook.after_train_iter(runner, i, batch(f'S{i}'), losses(vc=vc))
        assert not reads  # nothing read back before the interval
        runner.iter = 43
        with pytest.raises(NonFiniteTrainingError) as err:
            hook.after_train_iter(runner, 3, batch('S3'),
                                  losses(vc=float('nan')))
    finally:
        torch.Tensor.cpu = real_cpu
    assert len(reads) == 1  # one copy for the whole interval
    msg = str(err.value)
    for part in ('iteration 3 of the epoch', 'global iteration 43',
                 'loss_vc=inf', "batch samples: ['S2']",
                 "the update before it came from batch samples ['S1']"):
        assert part in msg, (part, msg)


def test_pending_losses_are_checked_before_any_save():
    hook = FiniteGuardHook(interval=100)
    runner = fake_runner()
    hook.after_train_iter(runner, 0, batch('x'), losses(vc=float('nan')))
    with pytest.raises(NonFiniteTrainingError, match='non-finite loss'):
        hook.before_save_checkpoint(
            runner, dict(state_dict=dict(w=torch.ones(2))))


def test_epoch_end_checks_what_is_pending():
    hook = FiniteGuardHook(interval=100)
    runner = fake_runner(train_dataloader=[0, 1])
    hook.after_train_iter(runner, 0, batch('x'), losses(vc=float('nan')))
    with pytest.raises(NonFiniteTrainingError, match='iteration 1 of'):
        hook.after_train_iter(runner, 1, batch('y'), losses())


class FakeScaler:

    def __init__(self, scales):
        self.scales = iter(scales)

    def get_scale(self):
        return next(self.scales)


def amp_wrapper(scales):
    wrapper = AmpOptimWrapper.__new__(AmpOptimWrapper)  # no GPU needed
    wrapper.loss_scaler = FakeScaler(scales)
    return wrapper


def test_amp_skipped_steps_allowed_until_they_never_recover():
    hook = FiniteGuardHook(interval=1, max_skipped_steps=3)
    # halved twice (two skipped steps), then recovering: fine
    runner = fake_runner(wrapper=amp_wrapper([8., 4., 2., 2., 4., 2.]))
    for i in range(6):
        hook.after_train_iter(runner, i, batch('a'), losses())
    hook = FiniteGuardHook(interval=1, max_skipped_steps=3)
    runner = fake_runner(wrapper=amp_wrapper([8., 4., 2., 1.]))
    for i in range(3):
        hook.after_train_iter(runner, i, batch('a'), losses())
    with pytest.raises(NonFiniteTrainingError,
                       match='3 consecutive mixed-precision steps skipped'):
        hook.after_train_iter(runner, 3, batch('a'), losses())


def test_amp_loss_scale_is_read_from_the_device_tensor():
    wrapper = AmpOptimWrapper.__new__(AmpOptimWrapper)
    wrapper.loss_scaler = SimpleNamespace(_scale=torch.tensor([4.0]))
    hook = FiniteGuardHook(interval=10, max_skipped_steps=2)
    runner = fake_runner(wrapper=wrapper)
    hook.after_train_iter(runner, 0, batch('a'), losses())
    for i, scale in enumerate((2.0, 1.0)):
        wrapper.loss_scaler._scale.fill_(scale)  # kept values are copies
        hook.after_train_iter(runner, i + 1, batch('a'), losses())
    with pytest.raises(NonFiniteTrainingError, match='2 consecutive'):
        hook.check(runner)


def test_refuses_to_save_non_finite_weights():
    hook = FiniteGuardHook()
    hook.before_save_checkpoint(
        fake_runner(), dict(state_dict=dict(w=torch.ones(2))))
    with pytest.raises(NonFiniteTrainingError, match=r"\['w'\]"):
        hook.before_save_checkpoint(
            fake_runner(), dict(state_dict=dict(w=torch.tensor([1., np.nan]),
                                                n=torch.tensor([3]))))


def guard_runner(tmp_path, epoch):
    loop = type('EpochBasedTrainLoop', (), {})()
    return fake_runner(work_dir=str(tmp_path), hooks=[], train_loop=loop,
                       epoch=epoch)


def test_guard_refuses_to_overwrite_other_runs(tmp_path):
    for n in (1, 2, 3):
        (tmp_path / f'epoch_{n}.pth').write_bytes(b'x')
    hook = CheckpointGuardHook()
    with pytest.raises(RuntimeError, match=r"\['epoch_1.pth', 'epoch_2.pth', "
                       r"'epoch_3.pth'\].*starting a new run"):
        hook.before_train(guard_runner(tmp_path, 0))
    with pytest.raises(RuntimeError, match=r"\['epoch_3.pth'\].*resumed at "
                       'epoch 2'):
        hook.before_train(guard_runner(tmp_path, 2))
    hook.before_train(guard_runner(tmp_path, 3))  # resuming the newest


def test_guard_loads_strictly():
    runner = fake_runner()
    good = {k: v.clone() for k, v in runner.model.state_dict().items()}
    CheckpointGuardHook().after_load_checkpoint(
        runner, dict(state_dict={f'module.{k}': v for k, v in good.items()}))
    bad = dict(weight=torch.zeros(5, 3), extra=torch.zeros(1))
    with pytest.raises(ValueError) as err:
        CheckpointGuardHook().after_load_checkpoint(runner,
                                                    dict(state_dict=bad))
    msg = str(err.value)
    assert "missing keys: ['bias']" in msg
    assert "unexpected keys: ['extra']" in msg
    assert 'weight: checkpoint (5, 3) vs model (2, 3)' in msg
    CheckpointGuardHook(strict=False).after_load_checkpoint(
        runner, dict(state_dict=bad))


def test_epoch_seed_hook_rederives_every_rng():
    runner = SimpleNamespace(seed=5, epoch=3, _randomness_cfg={})

    def draws():
        EpochSeedHook().before_train_epoch(runner)
        return (random.random(), np.random.rand(), torch.rand(1).item())

    first = draws()
    random.random(), np.random.rand(), torch.rand(3)  # history
    assert draws() == first
    runner.epoch = 4
    assert all(a != b for a, b in zip(draws(), first))


def test_epoch_seeds_differ_between_ranks(monkeypatch):
    import umurl_mm.engine.hooks.epoch_seed_hook as module
    runner = SimpleNamespace(seed=3, epoch=2)

    def draws(rank):
        monkeypatch.setattr(module, 'get_rank', lambda: rank)
        EpochSeedHook().before_train_epoch(runner)
        return (random.random(), np.random.rand(), torch.rand(1).item())

    assert draws(0) == draws(0)
    assert all(a != b for a, b in zip(draws(0), draws(1)))
