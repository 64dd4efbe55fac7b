"""Write the 2H-d UmURL features of a dataset split to a .npz file
(``features``, ``labels``, ``names``)."""
import argparse

import mmengine
from mmengine.config import DictAction
import numpy as np

from umurl_mm.apis import extract_features, init_encoder


def load_split(ann_file: str, split: str = None):
    """Annotations of one split of a PoseDataset .pkl."""
    from umurl_mm.datasets import UmURLPoseDataset
    dataset = UmURLPoseDataset(ann_file, pipeline=[], split=split)
    return [dataset.get_data_info(i) for i in range(len(dataset))]


def add_feature_args(parser: argparse.ArgumentParser) -> None:
    """Options of the feature tools: config, checkpoint, data, modalities,
    config overrides and device."""
    parser.add_argument('config', help='any umurl config (model.backbone)')
    parser.add_argument('checkpoint', nargs='?', help='plugin or official')
    parser.add_argument('--ann-file', required=True, help='PoseDataset .pkl')
    parser.add_argument('--split', default=None, help='e.g. xsub_val')
    parser.add_argument('--modalities', nargs='+', default=None)
    parser.add_argument(
        '--cfg-options', nargs='+', action=DictAction, default={},
        help='override config settings, e.g. model.backbone.hidden_dim=256')
    parser.add_argument('--device', default='cpu', help='e.g. cuda')


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
