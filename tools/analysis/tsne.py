"""Plot a t-SNE of UmURL features of chosen classes to a PNG."""
import argparse
import os.path as osp

import matplotlib
import numpy as np

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402
from sklearn.manifold import TSNE  # noqa: E402

from umurl_mm.apis import extract_features, init_encoder, load_split  # noqa
from umurl_mm.cli import add_feature_args  # noqa: E402
from umurl_mm.fileio import atomic_write  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    add_feature_args(parser)
    parser.add_argument(
        '--classes', type=int, nargs='+', default=None,
        help='labels to plot (default: the first 10)')
    parser.add_argument('--perplexity', type=float, default=30.0)
    parser.add_argument('--title', default=None)
    parser.add_argument('--out', default='tsne.png')
    args = parser.parse_args()
    encoder = init_encoder(args.config, args.checkpoint, args.device,
                           args.cfg_options)
    annos = load_split(args.ann_file, args.split, encoder)
    labels = np.array([a['label'] for a in annos])
    classes = args.classes or sorted(set(labels.tolist()))[:10]
    keep = np.flatnonzero(np.isin(labels, classes))
    if len(keep) < 2:
        raise SystemExit(f'classes {classes}: fewer than 2 samples in '
                         f'{args.ann_file} split {args.split}')
    feats = extract_features(encoder, [annos[i] for i in keep],
                             modalities=args.modalities, progress=True)
    feats /= np.linalg.norm(feats, axis=1, keepdims=True) + 1e-12
    emb = TSNE(perplexity=min(args.perplexity, (len(keep) - 1) / 3),
               init='pca', random_state=0).fit_transform(feats)
    fig, ax = plt.subplots(figsize=(6, 6), dpi=150)
    cmap = plt.get_cmap('tab10' if len(classes) <= 10 else 'tab20')
    for i, c in enumerate(classes):
        sel = labels[keep] == c
        ax.scatter(*emb[sel].T, s=8, color=cmap(i % cmap.N), label=str(c))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.legend(title='class', fontsize=7, markerscale=2, loc='best')
    ax.set_title(args.title or f't-SNE of UmURL features ({len(keep)} '
                 'samples)')
    with atomic_write(args.out) as f:
        fig.savefig(f, format=osp.splitext(args.out)[1][1:] or 'png',
                    bbox_inches='tight')
    print(f'\nwrote {args.out}')


if __name__ == '__main__':
    main()
