"""Late fusion ("3s") of classifiers' scores dumped by
``tools/test.py --dump`` (e.g. joint-, bone- and motion-only linear
classifiers on one encoder)."""
import argparse
import warnings

# mmcv-lite has no compiled ops; none is used here (keeps the table clean)
warnings.filterwarnings('ignore', 'Fail to import ``MultiScaleDeformable')
from umurl_mm.evaluation import late_fusion  # noqa: E402
from umurl_mm.fileio import load_pickle  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('dumps', nargs='+', help='result .pkl files')
    parser.add_argument('--weights', type=float, nargs='+', default=None)
    parser.add_argument('--names', nargs='+', default=None)
    args = parser.parse_args()
    results = late_fusion([load_pickle(p) for p in args.dumps],
                          args.weights, args.names or args.dumps)
    for name, acc in results.items():
        print(f'{name:>40s}  top-1 {100 * acc:6.2f} %')


if __name__ == '__main__':
    main()
