"""Measure UmURL pre-training throughput (samples/s) and peak memory.

Model steps run on random multi-view batches of the config's shape (so the
data pipeline is not counted); ``--data`` times the config's data loader
alone (multi-view augmentation in the workers).
"""
import argparse
import resource
import time

import torch
from mmengine.config import Config, DictAction
from mmengine.registry import init_default_scope


def bench_model(cfg, batch, iters, warmup, device, amp):
    from mmaction.registry import MODELS
    from mmengine.optim import build_optim_wrapper
    model = MODELS.build(cfg.model).to(device).train()
    wrapper_cfg = cfg.optim_wrapper.copy()
    if not amp:
        wrapper_cfg = dict(type='OptimWrapper',
                           optimizer=wrapper_cfg.optimizer)
    elif device == 'cuda':
        wrapper_cfg.setdefault('dtype', 'bfloat16')
    wrapper = build_optim_wrapper(model, wrapper_cfg)
    bb = model.backbone
    shape = (batch, model.num_views) + bb.input_shape
    data = dict(inputs=list(torch.randn(shape)), data_samples=None)
    times = []
    for i in range(warmup + iters):
        if device == 'cuda':
            torch.cuda.synchronize()
        start = time.perf_counter()
        model.train_step(data, wrapper)
        if device == 'cuda':
            torch.cuda.synchronize()
        if i >= warmup:
            times.append(time.perf_counter() - start)
    step = sorted(times)[len(times) // 2]
    params = sum(p.numel() for p in model.parameters()) / 1e6
    print(f'model: {params:.2f} M parameters, batch {batch} x '
          f'{model.num_views} views, {"AMP " if amp else ""}{device}')
    print(f'  median step {step * 1000:.1f} ms -> {batch / step:.1f} '
          'samples/s')
    if device == 'cuda':
        print('  peak GPU memory '
              f'{torch.cuda.max_memory_allocated() / 2**30:.2f} GiB')
    print('  peak process RSS '
          f'{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.2f}'
          ' GiB')


def bench_data(cfg, iters):
    from mmengine.runner import Runner
    loader = Runner.build_dataloader(cfg.train_dataloader)
    it = iter(loader)
    next(it)  # start the workers
    start, count = time.perf_counter(), 0
    for _ in range(iters):
        batch = next(it)
        count += len(batch['inputs'])
    elapsed = time.perf_counter() - start
    print(f'data: {count / elapsed:.1f} samples/s with '
          f'{cfg.train_dataloader.num_workers} workers')


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('config')
    parser.add_argument('--batch', type=int, default=None,
                        help='per-device batch (default: the config\'s)')
    parser.add_argument('--iters', type=int, default=10)
    parser.add_argument('--warmup', type=int, default=3)
    parser.add_argument('--device', default='cuda'
                        if torch.cuda.is_available() else 'cpu')
    parser.add_argument('--amp', action='store_true',
                        help='use the config\'s AMP optimiser wrapper')
    parser.add_argument('--data', action='store_true',
                        help='also time the data loader')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    args = parser.parse_args()
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    init_default_scope(cfg.get('default_scope', 'mmaction'))
    import umurl_mm  # noqa: F401
    batch = args.batch or cfg.train_dataloader.batch_size
    bench_model(cfg, batch, args.iters, args.warmup, args.device, args.amp)
    if args.data:
        bench_data(cfg, args.iters)


if __name__ == '__main__':
    main()
