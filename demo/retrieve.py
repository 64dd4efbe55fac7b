"""Rank a gallery's clips by their similarity to a query clip with UmURL
features, and print the nearest actions.

Example (the synthetic 2D set; the query is any one-video pose file):
    python demo/retrieve.py \\
        configs/umurl/benchmarks/umurl-knn_synthetic-xsub-keypoint-2d.py \\
        work_dirs/demo_2d/seed_0/pretrain/epoch_40.pth \\
        --query my_video.pkl --gallery data/synthetic/synthetic_2d.pkl \\
        --split xsub_train --class-names synthetic
"""
import argparse
from collections import defaultdict
from typing import Dict, List, Optional, Sequence

import numpy as np

from umurl_mm.apis import (extract_features, init_encoder, load_pose_file,
                           load_split)
from umurl_mm.cli import add_encoder_args, add_img_shape_arg


def rank_gallery(query: np.ndarray, gallery: np.ndarray) -> tuple:
    """Cosine similarities of one query to every gallery feature, and the
    gallery indices from most to least similar."""
    q = query / (np.linalg.norm(query) + 1e-12)
    g = gallery / (np.linalg.norm(gallery, axis=1, keepdims=True) + 1e-12)
    sims = g @ q
    return sims, np.argsort(-sims, kind='stable')


def class_names(spec: Optional[str]) -> Optional[Sequence[str]]:
    """``'synthetic'``, a text file with one name per line, or None."""
    if spec is None:
        return None
    if spec == 'synthetic':
        from umurl_mm.testing.synthetic import CLASSES
        return CLASSES
    with open(spec) as f:
        return [line.strip() for line in f if line.strip()]


def report(annos: List[Dict], sims: np.ndarray, order: np.ndarray, topk: int,
           names: Optional[Sequence[str]]) -> str:
    """The top-k table and the similarity-weighted vote over its labels."""
    def label_name(label):
        if names is not None and 0 <= label < len(names):
            return f'{label} ({names[label]})'
        return str(label)

    lines = ['rank  similarity  clip  label']
    votes = defaultdict(float)
    for rank, i in enumerate(order[:topk], 1):
        label = int(annos[i]['label'])
        votes[label] += float(sims[i])
        lines.append(f'{rank:4d}  {sims[i]:10.4f}  {annos[i]["frame_dir"]}  '
                     f'{label_name(label)}')
    lines.append(f'nearest actions (similarity-weighted vote of the top '
                 f'{topk}):')
    for label, score in sorted(votes.items(), key=lambda x: -x[1]):
        lines.append(f'  {label_name(label)}: {score:.4f}')
    return '\n'.join(lines)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    add_encoder_args(parser)
    parser.add_argument('--query', required=True, help='one video pose file')
    parser.add_argument('--gallery', required=True, help='PoseDataset .pkl')
    parser.add_argument('--split', default=None, help='gallery split')
    parser.add_argument('--topk', type=int, default=5)
    parser.add_argument('--class-names', help="'synthetic' or a text file")
    add_img_shape_arg(parser)
    args = parser.parse_args()
    encoder = init_encoder(args.config, args.checkpoint, args.device,
                           args.cfg_options)
    query = load_pose_file(args.query, encoder.layout, args.img_shape)
    gallery = load_split(args.gallery, args.split, encoder)
    feats = extract_features(encoder, [query] + gallery)
    sims, order = rank_gallery(feats[0], feats[1:])
    print(f'query {query["frame_dir"]} against {len(gallery)} clips of '
          f'{args.gallery} [{args.split}]')
    print(report(gallery, sims, order, args.topk,
                 class_names(args.class_names)))


if __name__ == '__main__':
    main()
