import mmengine
import numpy as np
import pytest
import torch

from tests.utils import REPO
from umurl_mm.apis import extract_features, init_encoder

CONFIG = (f'{REPO}/configs/umurl/benchmarks/'
          'umurl-knn_synthetic-xsub-keypoint-3d.py')


def test_features_match_direct_forward(tiny_pkl, tmp_path):
    encoder = init_encoder(CONFIG)
    annos = mmengine.load(tiny_pkl)['annotations'][:5]
    feats = extract_features(encoder, [a['keypoint'] for a in annos],
                             [a['total_frames'] for a in annos],
                             batch_size=2)
    assert feats.shape == (5, 256)
    from umurl_mm.datasets.transforms import resize_linear
    x = torch.from_numpy(
        np.stack([
            resize_linear(a['keypoint'][:, :a['total_frames']], 64, 1)
            for a in annos
        ]))
    with torch.no_grad():
        ref = encoder(x).flatten(1).numpy()
    np.testing.assert_allclose(feats, ref, rtol=1e-4, atol=1e-5)
    # one person is padded with zeros
    one = extract_features(encoder, [annos[0]['keypoint'][:1]])
    assert one.shape == (1, 256)
    # weights load strictly from a checkpoint
    path = str(tmp_path / 'enc.pth')
    torch.save({'state_dict': {
        'backbone.' + k: v * 0 for k, v in encoder.state_dict().items()
    }}, path)
    zeroed = init_encoder(CONFIG, path)
    assert all((p == 0).all() for p in zeroed.parameters())
    with pytest.raises(ValueError, match='sequence 0'):
        extract_features(encoder, [np.full((2, 10, 25, 3), np.nan)])
