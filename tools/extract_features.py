"""Write the 2H-d features of a dataset split (--ann-file) or of one video's
pose file (--pose-file: MMAction2's pose extraction .pkl, an MMPose .json or
a .npy) to a .npz file (``features``, ``labels``, ``names``); with --dense
(USDRL's encoders) the per-frame and per-person-joint features instead
(``temporal`` (N, T, H), ``spatial`` (N, M*V, H))."""
import argparse

import mmengine
import numpy as np

from umurl_mm.apis import (extract_features, init_encoder, load_pose_file,
                           load_split)
from umurl_mm.cli import add_feature_args
from umurl_mm.fileio import atomic_write


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    add_feature_args(parser, pose_file=True)
    parser.add_argument('--out', required=True, help='output .npz')
    parser.add_argument('--dense', action='store_true',
                        help='dense features (per frame, per person-joint)')
    args = parser.parse_args()
    encoder = init_encoder(args.config, args.checkpoint, args.device,
                           args.cfg_options)
    if args.pose_file:
        annos = [load_pose_file(args.pose_file, encoder.layout,
                                args.img_shape)]
    else:
        annos = load_split(args.ann_file, args.split, encoder)
    feats = extract_features(encoder, annos, modalities=args.modalities,
                             progress=len(annos) > 1, dense=args.dense)
    arrays = dict(temporal=feats[0], spatial=feats[1]) if args.dense else \
        dict(features=feats)
    out = args.out if args.out.endswith('.npz') else args.out + '.npz'
    with atomic_write(out) as f:
        np.savez(f, **arrays,
                 labels=np.array([a.get('label', -1) for a in annos]),
                 names=np.array([a['frame_dir'] for a in annos]))
    shapes = {k: v.shape for k, v in arrays.items()}
    mmengine.print_log(f'\nwrote {shapes} to {out}')


if __name__ == '__main__':
    main()
