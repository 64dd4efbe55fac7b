"""Convert an official UmURL, USDRL or MAMP checkpoint to this plugin's
format.

A pre-training checkpoint becomes a ``UmURLPretrainer`` (``USDRLPretrainer``,
``MAMPPretrainer``) state dict (``backbone.*``, ``projectors.*`` or
``decoder.*``) usable with ``load_from`` or a backbone
``init_cfg=dict(type='UmURLPretrained', checkpoint=...)``; a linear-evaluation
(or MAMP fine-tuning) checkpoint becomes a ``RecognizerGCN`` one.
"""
import argparse

import torch

from umurl_mm.checkpoint import read_state_dict
from umurl_mm.fileio import atomic_write


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('src', help='official checkpoint (.pth.tar)')
    parser.add_argument('dst', help='output checkpoint (.pth)')
    args = parser.parse_args()
    state = read_state_dict(args.src)
    if not state:
        raise SystemExit(f'error: {args.src}: no tensors to convert (an '
                         'empty state dict); nothing was written')
    with atomic_write(args.dst) as f:
        torch.save(dict(state_dict=state, meta=dict(converted_from=args.src)),
                   f)
    groups = sorted({k.split('.')[0] for k in state})
    print(f'wrote {len(state)} tensors ({", ".join(groups)}) to {args.dst}')


if __name__ == '__main__':
    main()
