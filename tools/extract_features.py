"""Write the 2H-d UmURL features of a dataset split to a .npz file
(``features``, ``labels``, ``names``)."""
import argparse

import mmengine
import numpy as np

from umurl_mm.apis import extract_features, init_encoder, load_split
from umurl_mm.cli import add_feature_args


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    add_feature_args(parser)
    parser.add_argument('--out', required=True, help='output .npz')
    args = parser.parse_args()
    encoder = init_encoder(args.config, args.checkpoint, args.device,
                           args.cfg_options)
    annos = load_split(args.ann_file, args.split)
    feats = extract_features(encoder, [a['keypoint'] for a in annos],
                             [a['total_frames'] for a in annos],
                             args.modalities, progress=True)
    np.savez(args.out, features=feats,
             labels=np.array([a['label'] for a in annos]),
             names=np.array([a['frame_dir'] for a in annos]))
    mmengine.print_log(f'\nwrote {feats.shape} features to {args.out}')


if __name__ == '__main__':
    main()
