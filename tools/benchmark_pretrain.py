"""Measure UmURL pre-training speed, side by side with the official code.

One run, one process, the same batch and data for every variant:

- step: one optimiser step on a random multi-view batch of the config's
  shape (fp32, or the config's AMP wrapper with ``--amp``); with
  ``--official DIR`` also the official model with its own loss;
- ``--data``: the data path per thread, per sample: our per-sample
  pipeline, our device-side views (packing in a data worker +
  ``UmURLViewPreprocessor`` on one CPU thread) and the official feeder,
  each pipeline timed inside one DataLoader worker (where it runs);
- ``--e2e``: loader + step end to end (the config's workers), samples/s
  and the share of time spent waiting for data.

Peak memory is the process's peak RSS (CPU) or allocated memory (GPU).
``DIR`` is a clone of the official repository; nothing of it is copied
here (``tools/official_code.py`` loads it at run time).
"""
import argparse
import copy
import os.path as osp
import resource
import tempfile
import time

import numpy as np
import torch
from mmengine.config import Config, DictAction
from mmengine.registry import init_default_scope

from umurl_mm.skeleton_settings import apply_skeleton


def is_cuda(device):
    """Whether ``device`` (``'cuda'``, ``'cuda:1'``, a torch.device) is a
    CUDA device."""
    return torch.device(device).type == 'cuda'


def timed(fn, iters, warmup, device):
    """Median seconds of ``fn()`` over ``iters`` runs after ``warmup``
    (the device synchronised around each run)."""
    times = []
    for i in range(warmup + iters):
        if is_cuda(device):
            torch.cuda.synchronize(device)
        start = time.perf_counter()
        fn()
        if is_cuda(device):
            torch.cuda.synchronize(device)
        if i >= warmup:
            times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def peak_memory(device):
    if is_cuda(device):
        return (f'{torch.cuda.max_memory_allocated(device) / 2**30:.2f} '
                'GiB GPU')
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    return f'{rss:.2f} GiB RSS (process peak so far)'


#: Training samples of each NTU recipe (standard splits, the official
#: missing-skeleton lists removed), its epochs and its GPUs.
RECIPES = {
    'NTU-60 x-sub': (40091, 451, 4),
    'NTU-60 x-view': (37646, 451, 8),
    'NTU-120 x-sub': (63026, 451, 8),
    'NTU-120 x-set': (54468, 451, 8),
}


def build_ours(cfg, device, amp, amp_dtype=None):
    from mmaction.registry import MODELS
    from mmengine.optim import build_optim_wrapper
    model = MODELS.build(cfg.model).to(device).train()
    wrapper_cfg = cfg.optim_wrapper.copy()
    if not amp:
        wrapper_cfg = dict(type='OptimWrapper',
                           optimizer=wrapper_cfg.optimizer)
    else:
        wrapper_cfg.type = 'AmpOptimWrapper'
        if amp_dtype:
            wrapper_cfg.dtype = amp_dtype
    return model, build_optim_wrapper(model, wrapper_cfg)


def step_flops(model, data, wrapper):
    """FLOPs of one training step (forward + backward), counted by torch."""
    from torch.utils.flop_counter import FlopCounterMode
    with FlopCounterMode(display=False) as counter:
        model.train_step(data, wrapper)
    return counter.get_total_flops()


def projection(rate):
    """Projected wall time of each NTU recipe at ``rate`` samples/s per
    device, assuming linear scaling over the recipe's devices."""
    for name, (samples, epochs, gpus) in RECIPES.items():
        hours = samples * epochs / (rate * gpus) / 3600
        print(f'  projected {name} ({epochs} epochs on {gpus} such '
              f'devices): {hours:.1f} h')


def bench_step(cfg, batch, args):
    """One optimiser step on ready-made views (and the official model's on
    the same views), then one that makes its views on the device."""
    step_cfg = copy.deepcopy(cfg)  # timed on ready-made views
    step_cfg.model.data_preprocessor = dict(type='ActionDataPreprocessor')
    model, wrapper = build_ours(step_cfg, args.device, args.amp,
                                args.amp_dtype)
    views = torch.randn((batch, model.num_views) + model.backbone.input_shape)
    data = dict(inputs=list(views), data_samples=None)
    flops = step_flops(model, data, wrapper)
    if args.compile:
        model.backbone = torch.compile(model.backbone,
                                       backend=args.compile_backend)
    ours = timed(lambda: model.train_step(data, wrapper), args.iters,
                 args.warmup, args.device)
    params = sum(p.numel() for p in model.parameters()) / 1e6
    amp = f'AMP {args.amp_dtype or "(config dtype)"} ' if args.amp else \
        ('fp32 (TF32 matmuls) ' if args.tf32 else '')
    print(f'step, batch {batch} x {model.num_views} views, {params:.2f} M '
          f'parameters, {amp}{"compiled " if args.compile else ""}'
          f'{args.device}:')
    print(f'  ours      {ours * 1000:8.1f} ms  {batch / ours:7.1f} samples/s'
          f'  {flops / ours / 1e12:.3f} TFLOP/s achieved ({flops / 1e9:.1f} '
          f'GFLOP per step)  {peak_memory(args.device)}')
    with_views = step_with_views(cfg, model, wrapper, batch, args)
    if with_views:
        print(f'  ours, the views made on the device in the step '
              f'{with_views * 1000:8.1f} ms  {batch / with_views:7.1f} '
              'samples/s')
    if args.project:
        projection(batch / (with_views or ours))
    if args.official:
        official = official_step(args, views)
        print(f'  official  {official * 1000:8.1f} ms  '
              f'{batch / official:7.1f} samples/s  -> ours is '
              f'{official / ours:.2f}x')
    return model, wrapper


def step_with_views(cfg, model, wrapper, batch, args):
    """Seconds of a training step that makes its views on the device from
    raw clips (the config's ``UmURLViewPreprocessor``) as training does:
    clips of up to 300 frames, pinned, as the data loader hands them
    over. ``None`` if the config makes its views per sample."""
    from mmaction.registry import MODELS
    from mmaction.structures import ActionDataSample
    pre_cfg = cfg.model.get('data_preprocessor') or {}
    if pre_cfg.get('type') != 'UmURLViewPreprocessor':
        return None
    pre = MODELS.build(pre_cfg).to(args.device)
    pre.num_views = model.num_views
    M, _, V, C = model.backbone.input_shape
    clips = torch.randn(batch, 1, M, 300, V, C)
    if is_cuda(args.device):
        clips = clips.pin_memory()
    frames = torch.randint(32, 301, (batch, )).tolist()
    samples = [ActionDataSample(metainfo=dict(total_frames=f, aug_seed=i))
               for i, f in enumerate(frames)]
    plain, model.data_preprocessor = model.data_preprocessor, pre
    try:
        return timed(lambda: model.train_step(
            dict(inputs=clips, data_samples=samples), wrapper), args.iters,
            args.warmup, args.device)
    finally:
        model.data_preprocessor = plain


def amp_dtype(args):
    """The AMP dtype of ``--amp``: ``--amp-dtype``, else float16 (the
    AmpOptimWrapper's default)."""
    return getattr(torch, args.amp_dtype or 'float16')


def autocast(args):
    """``torch.autocast`` as ``--amp`` asks, on the device's type."""
    return torch.autocast(torch.device(args.device).type,
                          dtype=amp_dtype(args), enabled=args.amp)


def official_trainer(args):
    """One training step of the official model with its own loss and the
    recipe's Adam, as ``step(views)`` for its ``(N, C, T, V, M)`` views."""
    from official_code import official_loss, official_model
    model = official_model(args.official).to(args.device).train()
    loss_fn = official_loss(args.official)
    opt = torch.optim.Adam(model.parameters(), 5e-4, weight_decay=1e-5)
    dtype = amp_dtype(args)
    scaler = torch.amp.GradScaler(enabled=args.amp and
                                  dtype == torch.float16)

    def step(views):
        opt.zero_grad()
        with autocast(args):
            loss = loss_fn(*model(*[v.float().to(args.device)
                                    for v in views]))
        scaler.scale(loss).backward()
        scaler.step(opt)
        scaler.update()

    return step


def official_step(args, views):
    step = official_trainer(args)
    # theirs: (N, C, T, V, M) per view
    inputs = [v.permute(0, 4, 2, 3, 1).contiguous().to(args.device)
              for v in views.unbind(1)]
    return timed(lambda: step(inputs), args.iters, args.warmup, args.device)


def bench_projectors(model, batch, world_sizes, args):
    """Share of a rank's step spent in projectors + loss when they run on
    the gathered global batch, simulated on one process by batch scaling:
    encoder fwd+bwd on ``batch`` vs projectors + loss fwd+bwd on
    ``world * batch`` (under ``--amp``'s autocast where it is given)."""
    views = torch.randn((batch, model.num_views) + model.backbone.input_shape,
                        device=args.device)

    def encoder():
        with autocast(args):
            out = model.backbone(views, model.view_modalities).sum()
        out.backward()

    def heads(world):
        feats = torch.randn(world * batch, model.num_views,
                            model.backbone.out_channels, device=args.device,
                            requires_grad=True).unbind(1)
        with autocast(args):
            uni = {m: model.projectors[m](f)
                   for m, f in zip(model.modalities, feats)}
            fused = {m: model.projectors[m](feats[-1])
                     for m in model.modalities}
            loss = sum(model.loss_module(uni, fused).values())
        loss.backward()

    enc = timed(encoder, args.iters, args.warmup, args.device)
    print(f'projectors on the gathered batch, per-rank batch {batch} '
          f'(encoder fwd+bwd {enc * 1000:.0f} ms):')
    for world in world_sizes:
        proj = timed(lambda: heads(world), args.iters, args.warmup,
                     args.device)
        print(f'  {world} ranks: projectors + loss {proj * 1000:7.1f} ms = '
              f'{100 * proj / (enc + proj):4.1f} % of the step')
    model.zero_grad()


def synthetic_files(folder, batch):
    """The synthetic set as our .pkl and in the official npy layout, with
    at least two batches of training samples (120 per repetition)."""
    import mmengine

    from umurl_mm.testing.synthetic import make_synthetic_dataset
    data = make_synthetic_dataset(num_subjects=4,
                                  num_reps=max(1, -(-2 * batch // 120)))
    pkl = osp.join(folder, 'synthetic.pkl')
    mmengine.dump(data, pkl)
    annos = data['annotations']
    T = max(a['keypoint'].shape[1] for a in annos)
    arr = np.zeros((len(annos), 3, T, 25, 2), np.float32)
    for i, a in enumerate(annos):
        kp = a['keypoint']  # (M, T, V, C) -> (C, T, V, M)
        arr[i, :, :kp.shape[1]] = kp.transpose(3, 1, 2, 0)
    np.save(osp.join(folder, 'data.npy'), arr)
    np.save(osp.join(folder, 'frames.npy'),
            np.array([a['total_frames'] for a in annos]))
    return pkl, len(data['split']['xsub_train'])


def dataset(cfg, pkl, pipeline=None):
    from mmaction.registry import DATASETS
    ds_cfg = cfg.train_dataloader.dataset.copy()
    ds_cfg.update(ann_file=pkl, split='xsub_train')
    if pipeline is not None:
        ds_cfg.pipeline = pipeline
    return DATASETS.build(ds_cfg)


class _InWorker(torch.utils.data.Dataset):
    """One item: the result of ``fn()``, computed in a DataLoader worker."""

    def __init__(self, fn):
        self.fn = fn

    def __len__(self):
        return 1

    def __getitem__(self, index):
        return self.fn()


def in_worker(fn):
    """``fn()`` run where the data pipeline runs: in a DataLoader worker
    (its own process, one torch thread)."""
    loader = torch.utils.data.DataLoader(
        _InWorker(fn), batch_size=None, num_workers=1)
    return next(iter(loader))


def per_sample(fetch, n):
    """Seconds per sample of ``fetch(i)`` for ``i < n`` (median of 5
    passes), in a worker."""
    return in_worker(lambda: timed(lambda: [fetch(i) for i in range(n)], 5,
                                   1, 'cpu')) / n


def bench_data(cfg, pkl, folder, batch, args):
    """Per-sample cost of making 4 views on one thread: the pipelines in a
    data worker, the device-side views on ``--device`` (one CPU thread
    without a GPU)."""
    from mmaction.registry import MODELS
    from mmengine.dataset import pseudo_collate
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    views_ds = dataset(cfg, pkl, cfg.per_sample_view_pipeline)
    n = min(args.samples, len(views_ds))
    t_ours = per_sample(lambda i: views_ds[(i, i)], n)
    packed = dataset(cfg, pkl, cfg.train_pipeline)
    pre = MODELS.build(cfg.view_preprocessor).to(args.device)
    pre.num_views = 4
    t_pack = per_sample(lambda i: packed[(i, i)], n)
    batches = [
        pseudo_collate([packed[(i, i)] for i in range(s, min(s + batch, n))])
        for s in range(0, n, batch)
    ]
    t_views = timed(lambda: [pre(b, training=True) for b in batches], 5, 1,
                    args.device) / n
    t_dev = t_pack + t_views
    print(f'data path, 4 views per sample, 1 thread, {n} samples:')
    print(f'  ours, per-sample pipeline  {t_ours * 1e3:7.2f} ms/sample')
    print(f'  ours, device-side views    {t_dev * 1e3:7.2f} ms/sample = '
          f'{t_pack * 1e3:.2f} in the workers (load + pack) + '
          f'{t_views * 1e3:.2f} making the views (on {args.device}, batch '
          f'{batch}, the clips copied there included)')
    if args.official:
        from official_code import official_feeder
        feeder = official_feeder(args.official, osp.join(folder, 'data.npy'),
                                 osp.join(folder, 'frames.npy'))
        t_off = per_sample(lambda i: feeder[i], n)
        print(f'  official feeder            {t_off * 1e3:7.2f} ms/sample '
              f'-> ours {t_off / t_ours:.2f}x (per-sample), '
              f'{t_off / t_dev:.2f}x (device-side, views on {args.device}), '
              f'{t_off / t_pack:.2f}x (device-side, workers only)')
    torch.set_num_threads(threads)


def e2e(loader, step, iters):
    """samples/s and data-wait share of ``iters`` loader + step rounds."""
    def epochs():
        while True:
            yield from loader

    it = epochs()
    step(next(it))  # warm up (starts the workers)
    wait = total = 0.0
    count = 0
    start = time.perf_counter()
    for _ in range(iters):
        t0 = time.perf_counter()
        data = next(it)
        wait += time.perf_counter() - t0
        step(data)
        count += len(data['inputs'] if isinstance(data, dict) else data[0])
    total = time.perf_counter() - start
    return count / total, wait / total


def bench_e2e(cfg, pkl, folder, batch, args):
    from mmengine.runner import Runner
    workers = cfg.train_dataloader.num_workers
    print(f'end to end, batch {batch}, {workers} workers, {args.iters} '
          'steps:')
    rows = []
    for name, pipeline, pre in (
            ('ours, per-sample pipeline', cfg.per_sample_view_pipeline,
             dict(type='ActionDataPreprocessor')),
            ('ours, device-side views', cfg.train_pipeline,
             cfg.view_preprocessor)):
        run_cfg = cfg.copy()
        run_cfg.model.data_preprocessor = pre
        model, wrapper = build_ours(run_cfg, args.device, args.amp,
                                    args.amp_dtype)
        if args.compile:
            model.backbone = torch.compile(model.backbone,
                                           backend=args.compile_backend)
        loader_cfg = run_cfg.train_dataloader.copy()
        loader_cfg.dataset = dict(loader_cfg.dataset, ann_file=pkl,
                                  split='xsub_train', pipeline=pipeline)
        loader_cfg.batch_size = batch
        loader = Runner.build_dataloader(loader_cfg, seed=0)
        rows.append((name, *e2e(
            loader, lambda d: model.train_step(d, wrapper), args.iters)))
    if args.official:
        rows.append(('official', *official_e2e(args, folder, batch,
                                               workers)))
    for name, rate, wait in rows:
        print(f'  {name:26s} {rate:7.1f} samples/s, waiting for data '
              f'{100 * wait:4.1f} %')
    if args.official:
        print(f'  -> ours (per-sample) {rows[0][1] / rows[-1][1]:.2f}x, '
              f'ours (device-side) {rows[1][1] / rows[-1][1]:.2f}x')
    print(f'  peak memory {peak_memory(args.device)}')


def official_e2e(args, folder, batch, workers):
    from official_code import official_feeder
    feeder = official_feeder(args.official, osp.join(folder, 'data.npy'),
                             osp.join(folder, 'frames.npy'))
    loader = torch.utils.data.DataLoader(feeder, batch_size=batch,
                                         shuffle=True, num_workers=workers,
                                         drop_last=True)
    return e2e(loader, official_trainer(args), args.iters)


def profile_host(cfg, pkl, folder, batch, args):
    """Host work per iteration of one epoch of the config's own Runner (its
    hooks, loader and optimiser wrapper) on the synthetic set."""
    from mmengine.runner import Runner

    from host_profile import host_profile
    run_cfg = cfg.copy()
    run_cfg.work_dir = osp.join(folder, 'work_dir')
    run_cfg.train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=1)
    run_cfg.val_cfg = run_cfg.val_dataloader = run_cfg.val_evaluator = None
    run_cfg.param_scheduler = None
    loader = run_cfg.train_dataloader
    loader.update(batch_size=batch, num_workers=args.profile_workers,
                  persistent_workers=args.profile_workers > 0)
    loader.dataset.update(ann_file=pkl, split='xsub_train')
    run_cfg.default_hooks.checkpoint = dict(type='CheckpointHook',
                                            interval=-1, save_last=False)
    if args.amp:
        run_cfg.optim_wrapper.type = 'AmpOptimWrapper'
        if args.amp_dtype:
            run_cfg.optim_wrapper.dtype = args.amp_dtype
    runner = Runner.from_cfg(run_cfg)
    iters, table = host_profile(runner)
    print(f'host work per training iteration (mean of {iters} iterations '
          f'after the first; batch {batch}, {args.profile_workers} data '
          f'workers, the config\'s hooks, {args.device}):')
    print(f'  {"part":34s} {"aten ops":>9s} {"host reads":>11s}')
    for part, (ops, reads) in table['ops'].items():
        print(f'  {part:34s} {ops:9.1f} {reads:11.1f}')
    ops, reads = table['fallback']['total']
    if ops:
        print(f'  plus {ops:.1f} ops and {reads:.1f} host reads inside the '
              'CPU loops of multi-tensor kernels (_foreach_*, _fused_*: one '
              'launch each on a GPU)')
    return table


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('config')
    parser.add_argument('--batch', type=int, default=None,
                        help='per-device batch (default: the config\'s)')
    parser.add_argument('--iters', type=int, default=10)
    parser.add_argument('--warmup', type=int, default=3)
    parser.add_argument('--samples', type=int, default=64,
                        help='samples timed by --data')
    parser.add_argument('--device', default='cuda'
                        if torch.cuda.is_available() else 'cpu')
    parser.add_argument('--amp', action='store_true',
                        help='mixed precision (AmpOptimWrapper)')
    parser.add_argument('--amp-dtype', choices=['float16', 'bfloat16'],
                        default=None, help='AMP dtype (default: the '
                        'config\'s, else float16)')
    parser.add_argument('--compile', action='store_true',
                        help='torch.compile the encoder (step and end to end)')
    parser.add_argument('--compile-backend', default='inductor',
                        help='torch.compile backend of --compile')
    parser.add_argument('--tf32', action='store_true',
                        help='fp32 matmuls in TF32 on GPUs '
                        "(torch.set_float32_matmul_precision('high'))")
    parser.add_argument('--project', action='store_true',
                        help='print the projected wall time of each NTU '
                        'recipe from the measured step rate')
    parser.add_argument('--data', action='store_true',
                        help='time the data path per thread')
    parser.add_argument('--e2e', action='store_true',
                        help='time loader + step end to end')
    parser.add_argument('--profile-host', action='store_true',
                        help='count aten ops and host reads '
                        '(aten::_local_scalar_dense) per training iteration '
                        'of one epoch of the config\'s Runner, by part')
    parser.add_argument('--profile-workers', type=int, default=1,
                        help='data workers of --profile-host')
    parser.add_argument('--world-sizes', type=int, nargs='+', default=None,
                        help='simulate the projector cost at these world '
                        'sizes')
    parser.add_argument('--official', metavar='DIR',
                        help='a clone of the official UmURL repository, run '
                        'side by side (full-size model, H = 1024)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    args = parser.parse_args()
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    apply_skeleton(cfg)  # after the options, as tools/train.py does
    if args.official and cfg.model.backbone.get('hidden_dim', 1024) != 1024:
        raise SystemExit('--official compares the full-size model: use a '
                         'config with hidden_dim=1024')
    if args.amp and args.device == 'cpu':
        raise SystemExit('--amp needs a GPU: mmengine\'s AmpOptimWrapper '
                         'does not run on the CPU')
    if args.tf32:
        torch.set_float32_matmul_precision('high')
    init_default_scope(cfg.get('default_scope', 'mmaction'))
    import umurl_mm  # noqa: F401
    batch = args.batch or cfg.train_dataloader.batch_size
    if args.profile_host:
        with tempfile.TemporaryDirectory() as folder:
            pkl, _ = synthetic_files(folder, batch)
            profile_host(cfg, pkl, folder, batch, args)
        return
    model, _ = bench_step(cfg, batch, args)
    if args.world_sizes:
        bench_projectors(model, batch, args.world_sizes, args)
    if args.data or args.e2e:
        with tempfile.TemporaryDirectory() as folder:
            pkl, _ = synthetic_files(folder, batch)
            if args.data:
                bench_data(cfg, pkl, folder, batch, args)
            if args.e2e:
                bench_e2e(cfg, pkl, folder, batch, args)


if __name__ == '__main__':
    main()
