"""Export the UmURL encoder of a config to ONNX (dynamic batch axis) and
check it in onnxruntime against PyTorch.

    python tools/deployment/export_onnx.py CONFIG CHECKPOINT \\
        --out umurl.onnx [--modalities joint bone]

The model takes ``keypoint`` (N, M, T, V, C), the config's eval_pipeline
output (umurl_mm.apis.extract_features shows the preparation), and returns
``feature`` (N, 2H).
"""
import argparse

import torch

from umurl_mm.apis import init_encoder
from umurl_mm.apis.onnx_export import export_onnx, onnx_max_error
from umurl_mm.cli import add_encoder_args


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    add_encoder_args(parser, device=False)
    parser.add_argument('--out', required=True, help='output .onnx')
    parser.add_argument('--modalities', nargs='+', default=None)
    parser.add_argument('--opset', type=int, default=17)
    parser.add_argument(
        '--no-check', action='store_true',
        help='skip the onnxruntime comparison')
    args = parser.parse_args()
    encoder = init_encoder(args.config, args.checkpoint, 'cpu',
                           args.cfg_options)
    export_onnx(encoder, args.out, args.modalities, args.opset)
    print(f'wrote {args.out}: keypoint (N, '
          f'{", ".join(map(str, encoder.input_shape))}) -> feature (N, '
          f'{encoder.out_channels})')
    if not args.no_check:
        x = torch.randn(3, *encoder.input_shape,
                        generator=torch.Generator().manual_seed(0))
        err = onnx_max_error(args.out, encoder, x, args.modalities)
        print(f'onnxruntime vs PyTorch, batch 3: max abs difference {err:.3g}')
        if err > 1e-4:
            raise SystemExit(f'the exported model differs from PyTorch by '
                             f'{err:.3g} (> 1e-4)')


if __name__ == '__main__':
    main()
