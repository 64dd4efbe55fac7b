"""Reductions and statistics in at least float32: half precision is
raised, float64 kept (a float64 model stays float64 end to end)."""
import pytest
import torch
from mmaction.registry import MODELS

from umurl_mm.models.utils import full_precision


@pytest.mark.parametrize('dtype,expect', [(torch.bfloat16, torch.float32),
                                          (torch.float16, torch.float32),
                                          (torch.float32, torch.float32),
                                          (torch.float64, torch.float64)])
def test_full_precision(dtype, expect):
    x = torch.ones(2, dtype=dtype)
    assert full_precision(x).dtype == expect


def test_float64_model_computes_in_float64():
    torch.manual_seed(0)
    model = MODELS.build(dict(
        type='UmURLPretrainer',
        backbone=dict(type='UmURL', hidden_dim=16, num_frames=16),
        projector=dict(type='UmURLProjector', in_channels=32,
                       hidden_channels=32, out_channels=24))).double()
    x = torch.randn(4, 4, 2, 16, 25, 3, dtype=torch.float64)
    feats = model.backbone(x[:, 0])
    assert feats.dtype == torch.float64
    losses = model.loss(x)
    assert all(v.dtype == torch.float64 for v in losses.values())
    # the same function: the float32 model agrees to its rounding
    single = model.float().loss(x.float())
    for k, v in losses.items():
        assert abs(v.item() - single[k].item()) <= 1e-5 * abs(v.item())
