"""One prepared check of the GPU path, printed as one table.

Runs, each as a user would and each in its own process:

- pre-training through ``tools/train.py`` under ``AmpOptimWrapper`` (fp16
  and bf16; device-side and per-sample views; 2D; ``compile``; a modality
  subset; on a GPU also USDRL and MAMP, plain and compiled), one epoch of
  a small synthetic set at batch 8;
- linear evaluation (``tools/train.py`` + ``tools/test.py``) and kNN
  (``tools/test.py``) on the checkpoint of the bf16 run;
- the full-size step benchmark (``tools/benchmark_pretrain.py``): fp32
  with TF32, bf16 and fp16, compiled or not, the host work per iteration
  (aten ops and host reads, ``--profile-host``), and end to end with the
  config's data workers; achieved TFLOP/s, their share of the GPU's dense
  bf16 peak, and the NTU-60 x-sub recipe's projected wall time on one such
  GPU.

``--quick`` is the CPU mode the test suite runs: a tiny model, AMP through
``tests/amp_on_cpu.py`` (mmengine's AMP wrapper refuses to build without
an accelerator), ``compile`` with the ``aot_eager`` backend and a tiny
benchmark; AMP benchmark rows say they need a GPU. Every process's output
is kept in ``--work-dir``.

Usage:
    bash tools/gpu_check.sh            # on a GPU machine
    python tools/gpu_check.py --quick  # anywhere, in about two minutes
"""
import argparse
import glob
import json
import math
import os
import os.path as osp
import re
import subprocess
import sys
import time

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))
C = 'configs/umurl/'
PRE = C + 'umurl_1xb64-40e_synthetic-xsub-keypoint-3d.py'
PRE_2D = C + 'umurl_1xb64-40e_synthetic-xsub-keypoint-2d.py'
PER_SAMPLE = C + ('umurl-persampleviews_1xb64-40e_synthetic-xsub-'
                  'keypoint-3d.py')
LIN = C + 'benchmarks/umurl-linear_1xb64-60e_synthetic-xsub-keypoint-3d.py'
KNN = C + 'benchmarks/umurl-knn_synthetic-xsub-keypoint-3d.py'
FULL = C + 'umurl_4xb128-451e_ntu60-xsub-keypoint-3d.py'
USDRL_PRE = 'configs/usdrl/usdrl_1xb64-40e_synthetic-xsub-keypoint-3d.py'
MAMP_PRE = 'configs/mamp/mamp_1xb64-150e_synthetic-xsub-keypoint-3d.py'
TINY = ['model.backbone.hidden_dim=16', 'model.projector.in_channels=32',
        'model.projector.hidden_channels=32',
        'model.projector.out_channels=24']
#: dense bf16 tensor-core peak (TFLOP/s) of the data-centre GPUs, by name
PEAKS = {'H200': 989.0, 'H100': 989.0, 'A100': 312.0, 'L40S': 362.0}
#: NTU-60 x-sub training samples and epochs of the official recipe
NTU60_XSUB = (40091, 451)


class Check:
    """Runs the rows and keeps the table."""

    def __init__(self, args):
        self.args, self.rows = args, []
        self.env = dict(os.environ)
        self.env['PYTHONPATH'] = os.pathsep.join(
            [REPO] + [p for p in [self.env.get('PYTHONPATH')] if p])

    def run(self, name, cmd, parse=None):
        """Run ``cmd`` in the repository root; a row of the table."""
        log = osp.join(self.args.work_dir,
                       re.sub(r'\W+', '_', name).strip('_') + '.log')
        start = time.perf_counter()
        try:
            proc = subprocess.run(
                [sys.executable, *cmd], cwd=REPO, env=self.env,
                capture_output=True, text=True, timeout=self.args.timeout)
            out, ok = proc.stdout + proc.stderr, proc.returncode == 0
        except subprocess.TimeoutExpired as e:
            out = f'{e.stdout or ""}{e.stderr or ""}\ntimed out'
            ok = False
        seconds = time.perf_counter() - start
        with open(log, 'w') as f:
            f.write(' '.join(cmd) + '\n' + out)
        note = ''
        if ok and parse is not None:
            try:
                note = parse(out)
            except (AssertionError, ValueError, IndexError) as e:
                ok, note = False, f'check failed: {e}'
        if not ok and not note:
            lines = [ln for ln in out.strip().splitlines() if ln.strip()]
            note = lines[-1][:90] if lines else 'no output'
        self.rows.append((name, 'ok' if ok else 'FAIL', seconds, note))
        return ok, out

    def skip(self, name, why):
        self.rows.append((name, 'n/a', 0.0, why))

    def table(self):
        width = max(len(r[0]) for r in self.rows)
        lines = [f'{"check":{width}s}  result   time  figures / notes']
        for name, status, seconds, note in self.rows:
            lines.append(f'{name:{width}s}  {status:6s} {seconds:5.0f}s  '
                         f'{note}')
        return '\n'.join(lines)


def make_data(folder):
    """The small synthetic sets (3D and COCO-17 2D), as the tests use."""
    import mmengine

    from umurl_mm.testing.synthetic import make_synthetic_dataset
    paths = {}
    for dim in ('3d', '2d'):
        data = make_synthetic_dataset(num_subjects=4, num_reps=1,
                                      num_classes=4, train_subjects=3,
                                      two_d=dim == '2d')
        paths[dim] = osp.join(folder, f'synthetic_{dim}.pkl')
        mmengine.dump(data, paths[dim])
    return paths


def finite_training(work):
    """A parser: the run's losses were logged and finite."""
    def parse(_):
        scalars = glob.glob(f'{work}/*/vis_data/scalars.json')[0]
        losses = [json.loads(line)['loss'] for line in open(scalars)
                  if '"loss"' in line]
        assert losses, 'no loss logged'
        assert all(math.isfinite(v) for v in losses), f'losses {losses}'
        return f'loss {losses[0]:.3f} -> {losses[-1]:.3f}, finite'
    return parse


def pretrain_rows(check, data, amp_base):
    """Pre-training through tools/train.py; returns the bf16 checkpoint."""
    a = check.args
    small = TINY if a.quick else []
    loader = [f'train_dataloader.dataset.ann_file={data["3d"]}',
              'train_dataloader.batch_size=8',
              'train_dataloader.num_workers=2', 'train_cfg.max_epochs=1',
              'default_hooks.logger.interval=1',
              'default_hooks.checkpoint.interval=1']
    compile_opt = ['compile.backend=aot_eager'] if a.quick else \
        ['compile=True']
    cases = [
        ('pretrain fp16, device views', PRE, 'float16', []),
        ('pretrain bf16, device views', PRE, 'bfloat16', []),
        ('pretrain fp16, per-sample views', PER_SAMPLE, 'float16', []),
        ('pretrain bf16, per-sample views', PER_SAMPLE, 'bfloat16', []),
        ('pretrain bf16, 2D COCO-17', PRE_2D, 'bfloat16',
         [f'train_dataloader.dataset.ann_file={data["2d"]}']),
        ('pretrain bf16, compile', PRE, 'bfloat16', compile_opt),
        ('pretrain bf16, joint only', PRE, 'bfloat16',
         ['model.backbone.modalities=[joint]']),
    ]
    if not a.quick:  # USDRL, MAMP at their synthetic sizes (CPU: the tests)
        cases += [('USDRL pretrain bf16', USDRL_PRE, 'bfloat16', []),
                  ('USDRL pretrain bf16, compile', USDRL_PRE, 'bfloat16',
                   compile_opt),
                  ('MAMP pretrain fp16', MAMP_PRE, 'float16', []),
                  ('MAMP pretrain bf16', MAMP_PRE, 'bfloat16', []),
                  ('MAMP pretrain bf16, compile', MAMP_PRE, 'bfloat16',
                   compile_opt + ['param_scheduler.0.start_factor=1e-8'])]
    ckpt = None
    for name, config, dtype, extra in cases:
        work = osp.join(a.work_dir, re.sub(r'\W+', '_', name))
        size = [] if config in (USDRL_PRE, MAMP_PRE) else small
        ok, _ = check.run(name, [
            'tools/train.py', amp_base(config), '--work-dir', work,
            '--cfg-options', *size, *loader, *extra,
            'optim_wrapper.type=AmpOptimWrapper',
            f'optim_wrapper.dtype={dtype}', 'optim_wrapper.loss_scale=dynamic'
        ], finite_training(work))
        if ok and name == 'pretrain bf16, device views':
            ckpt = osp.join(work, 'epoch_1.pth')
    return ckpt


def eval_rows(check, data, ckpt):
    """Linear evaluation and kNN on the pre-training checkpoint."""
    if ckpt is None:
        for name in ('linear evaluation', 'kNN'):
            check.skip(name, 'no checkpoint: the bf16 pre-training failed')
        return
    small = ['model.backbone.hidden_dim=16',
             'model.cls_head.in_channels=32'] if check.args.quick else []
    names = ('train_dataloader', 'val_dataloader', 'test_dataloader')
    opts = small + ['model.cls_head.num_classes=4',
                    f'model.backbone.init_cfg.checkpoint={ckpt}',
                    'train_cfg.max_epochs=1', 'train_cfg.val_interval=1']
    for name, split in zip(names, ('xsub_train', 'xsub_val', 'xsub_val')):
        opts += [f'{name}.dataset.ann_file={data["3d"]}',
                 f'{name}.dataset.split={split}',
                 f'{name}.dataset.num_classes=4', f'{name}.batch_size=8',
                 f'{name}.num_workers=2']
    work = osp.join(check.args.work_dir, 'linear')

    def accuracy(key):
        def parse(_):
            value = json.load(open(f'{work}/test_metrics.json'))[key]
            assert 0 <= value <= 1, f'{key} = {value}'
            return f'{key} {value:.3f} (1 epoch, tiny data)'
        return parse

    ok, _ = check.run('linear evaluation, train',
                      ['tools/train.py', LIN, '--work-dir', work,
                       '--cfg-options', *opts])
    if ok:
        check.run('linear evaluation, test',
                  ['tools/test.py', LIN, f'{work}/epoch_1.pth',
                   '--work-dir', work, '--cfg-options', *opts],
                  accuracy('acc/top1'))
    knn = small[:1] + ['test_dataloader.num_workers=2'] + [
        f'test_dataloader.dataset.datasets.{i}.ann_file={data["3d"]}'
        for i in range(2)]
    check.run('kNN', ['tools/test.py', KNN, ckpt, '--work-dir', work,
                      '--cfg-options', *knn], accuracy('knn/top1'))


def bench_rows(check, gpu):
    """The step benchmark at full size (tiny in --quick)."""
    a = check.args
    if a.quick:
        base = [FULL, '--device', 'cpu', '--batch', '4', '--iters', '1',
                '--warmup', '0', '--cfg-options', *TINY,
                'train_dataloader.num_workers=0',
                'train_dataloader.persistent_workers=False']
    else:
        base = [FULL, '--device', 'cuda', '--batch', str(a.batch),
                '--iters', '10', '--warmup', '3']
    peak = a.peak_tflops or next(
        (v for k, v in PEAKS.items() if k in (gpu or '')), None)
    rates = {}

    def step(key):
        def parse(out):
            line = re.search(r'ours\s+([\d.]+) ms\s+([\d.]+) samples/s\s+'
                             r'([\d.]+) TFLOP/s', out)
            ms, rate, tflops = map(float, line.groups())
            rates[key] = rate
            share = f', {100 * tflops / peak:.1f} % of the bf16 peak' \
                if peak else ''
            return (f'{ms:.1f} ms, {rate:.0f} samples/s, {tflops:.1f} '
                    f'TFLOP/s{share}')
        return parse

    # compiled steps warm up past the compilation; aot_eager in --quick
    compiled = ['--compile', '--warmup', '3'] + (
        ['--compile-backend', 'aot_eager'] if a.quick else [])
    variants = [('step fp32 (TF32)', ['--tf32'], False),
                ('step bf16', ['--amp', '--amp-dtype', 'bfloat16'], True),
                ('step fp16', ['--amp', '--amp-dtype', 'float16'], True),
                ('step fp32 (TF32), compiled', ['--tf32', *compiled],
                 False),
                ('step bf16, compiled',
                 ['--amp', '--amp-dtype', 'bfloat16', *compiled], True)]
    for name, flags, amp in variants:
        if amp and a.quick:
            check.skip(name, 'needs a GPU (AmpOptimWrapper)')
            continue
        check.run(name, ['tools/benchmark_pretrain.py', *base, *flags],
                  step(name))
    if not a.quick:  # the CPU count is tests/test_tools/test_host_profile

        def host_work(out):
            ops, reads = re.search(r'^  total\s+([\d.]+)\s+([\d.]+)$', out,
                                   re.M).groups()
            return f'{ops} aten ops, {reads} host reads per iteration'

        check.run('host work per iteration, bf16',
                  ['tools/benchmark_pretrain.py', *base, '--amp',
                   '--amp-dtype', 'bfloat16', '--profile-host',
                   '--profile-workers', '8'], host_work)
    e2e = ['--amp', '--amp-dtype', 'bfloat16'] if not a.quick else []

    def end_to_end(out):
        found = re.findall(r'ours, (device-side views|per-sample pipeline)'
                           r'\s+([\d.]+) samples/s, waiting for data\s+'
                           r'([\d.]+) %', out)
        assert found, 'no end-to-end figures'
        return '; '.join(f'{n}: {float(r):.0f} samples/s, data wait {w} %'
                         for n, r, w in found)

    check.run('end to end, bf16' if e2e else 'end to end, fp32',
              ['tools/benchmark_pretrain.py', *base, *e2e, '--e2e'],
              end_to_end)
    best = max(rates.values()) if rates else None
    if best:
        samples, epochs = NTU60_XSUB
        minutes = samples * epochs / best / 60
        check.rows.append(('projected NTU-60 x-sub, 1 device', 'est', 0.0,
                           f'{minutes:.0f} min at {best:.0f} samples/s '
                           f'(the fastest step; {epochs} epochs of '
                           f'{samples} samples)'))


def amp_bases(args):
    """Configs to train from: as they are on a GPU; in --quick, leaf
    configs that import the CPU AMP shim of the tests."""
    if not args.quick:
        return lambda config: config
    folder = osp.join(args.work_dir, 'configs')
    os.makedirs(folder, exist_ok=True)

    def base(config):
        path = osp.join(folder, osp.basename(config))
        with open(path, 'w') as f:
            f.write(f"_base_ = '{REPO}/{config}'\ncustom_imports = dict("
                    "imports=['umurl_mm', 'tests.amp_on_cpu'])\n")
        return path
    return base


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--quick', action='store_true',
                        help='CPU mode: tiny model, tiny benchmark')
    parser.add_argument('--work-dir', default='work_dirs/gpu_check')
    parser.add_argument('--batch', type=int, default=128,
                        help='per-GPU batch of the step benchmark (the '
                        'recipe: 128)')
    parser.add_argument('--peak-tflops', type=float, default=None,
                        help="the GPU's dense bf16 peak (default: known "
                        'from its name)')
    parser.add_argument('--timeout', type=float, default=300,
                        help='seconds per process')
    args = parser.parse_args()
    args.work_dir = osp.abspath(args.work_dir)
    os.makedirs(args.work_dir, exist_ok=True)
    import torch
    gpu = torch.cuda.get_device_name() if torch.cuda.is_available() \
        else None
    if gpu is None and not args.quick:
        raise SystemExit('no CUDA device: run on a GPU machine, or use '
                         '--quick for the CPU mode')
    check = Check(args)
    data = make_data(args.work_dir)
    ckpt = pretrain_rows(check, data, amp_bases(args))
    eval_rows(check, data, ckpt)
    bench_rows(check, gpu)
    where = gpu or 'CPU (--quick)'
    print(f'\nGPU check on {where}, torch {torch.__version__}, Python '
          f'{sys.version.split()[0]}; logs in {args.work_dir}\n')
    print(check.table())
    failed = [r[0] for r in check.rows if r[1] == 'FAIL']
    if failed:
        raise SystemExit(f'\n{len(failed)} check(s) failed: {failed}')


if __name__ == '__main__':
    main()
