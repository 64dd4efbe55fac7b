"""The encoder takes its joints and bones from the skeleton layout."""
import pytest
import torch

from umurl_mm.datasets import get_layout
from umurl_mm.models.backbones.umurl import UmURL


def test_layout_sets_joints_and_bones():
    ntu = UmURL(hidden_dim=8)
    assert ntu.parents.tolist() == get_layout('nturgb+d').parents
    coco = UmURL(hidden_dim=8, layout='coco', in_channels=3)
    assert coco.input_shape == (2, 64, 17, 3)
    assert coco.parents.tolist() == get_layout('coco').parents
    assert coco(torch.randn(2, 2, 64, 17, 3)).shape == (2, 1, 16, 1, 1)
    # token widths follow the layout: M*V*C and T*C
    emb = coco.embeddings['joint']
    assert emb['temporal'][0].in_features == 2 * 17 * 3
    assert emb['spatial'][0].in_features == 64 * 3


def test_disagreements_are_named():
    # the joints come from the layout alone
    with pytest.raises(TypeError, match='num_joints'):
        UmURL(layout='coco', num_joints=25, in_channels=2)
    with pytest.raises(ValueError, match="in_channels=5 does not fit"):
        UmURL(layout='coco', in_channels=5)
    coco = UmURL(hidden_dim=8, layout='coco', in_channels=2)
    with pytest.raises(ValueError, match=r"layout 'coco'.* got \(1, 2, 64, "
                       r"25, 3\)"):
        coco(torch.randn(1, 2, 64, 25, 3))
