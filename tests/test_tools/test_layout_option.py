"""``--layout`` of the data tools: your own 3D joints normalised by
tools/data/normalize_pose_pkl.py, and bad layouts refused up front."""
import json

import mmengine
import numpy as np

from tests.utils import run_tool

MOCAP = dict(name='mocap', joints=4, bone_pairs=[[1, 1], [2, 1], [3, 1],
                                                 [4, 3]],
             center=[0], shoulders=[1, 2], num_coords=3)


def test_normalize_tool_takes_a_custom_layout(tmp_path):
    rng = np.random.default_rng(0)
    annos = [dict(frame_dir=f'c{i}', label=i, total_frames=6,
                  keypoint=rng.normal(size=(1, 6, 4, 3)).astype(np.float32))
             for i in range(2)]
    src, out = str(tmp_path / 'raw.pkl'), str(tmp_path / 'out.pkl')
    mmengine.dump(dict(split=dict(a=['c0', 'c1']), annotations=annos), src)
    proc = run_tool('tools/data/normalize_pose_pkl.py', src, out,
                    '--layout', json.dumps(MOCAP))
    assert proc.returncode == 0, proc.stderr[-3000:]
    kp = mmengine.load(out)['annotations'][1]['keypoint']
    np.testing.assert_allclose(kp[0, :, 0], 0, atol=1e-6)  # centre joint
    shoulders = kp[0, 0, 2] - kp[0, 0, 1]  # left -> right along +x
    np.testing.assert_allclose(shoulders[1:], 0, atol=1e-5)
    assert shoulders[0] > 0
    proc = run_tool('tools/data/normalize_pose_pkl.py', src, out,
                    '--layout', 'coco')
    assert proc.returncode != 0 and 'is 2D' in proc.stderr
    proc = run_tool('tools/data/normalize_pose_pkl.py', src, out,
                    '--layout', '{"name": "mocap", "joints": 4}')
    assert proc.returncode == 2 and "missing ['bone_pairs'" in proc.stderr
