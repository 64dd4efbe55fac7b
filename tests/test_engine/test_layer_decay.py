"""Layer-wise learning-rate decay against MAMP's formula (util/lr_decay):
scale 0.8^(9 - id), id 0 = embeddings, k + 1 = blocks.k, 9 = final norm and
head; no weight decay for one-dimensional parameters."""
import re

import pytest
from mmaction.registry import MODELS, OPTIM_WRAPPER_CONSTRUCTORS


def spec_layer(name):
    if name.startswith(('backbone.joints_embed', 'backbone.temp_embed',
                        'backbone.pos_embed')):
        return 0
    m = re.match(r'backbone\.blocks\.(\d+)\.', name)
    return int(m[1]) + 1 if m else 9


@pytest.mark.parametrize('frozen', [False, True])
def test_groups_follow_the_spec(frozen):
    model = MODELS.build(dict(
        type='RecognizerGCN',
        backbone=dict(type='MAMPEncoder', drop_path=0.3, frozen=frozen),
        cls_head=dict(type='MAMPFinetuneHead', num_classes=60,
                      in_channels=6400),
        data_preprocessor=dict(type='ActionDataPreprocessor')))
    wrapper = OPTIM_WRAPPER_CONSTRUCTORS.build(dict(
        type='LayerDecayOptimWrapperConstructor',
        optim_wrapper_cfg=dict(
            type='OptimWrapper',
            optimizer=dict(type='AdamW', lr=3e-4, weight_decay=0.05)),
        paramwise_cfg=dict(decay_rate=0.8)))(model)
    seen = {}
    for group in wrapper.optimizer.param_groups:
        for p in group['params']:
            seen[id(p)] = (group['lr'], group['weight_decay'])
    trainable = [(n, p) for n, p in model.named_parameters()
                 if p.requires_grad]
    assert len(seen) == len(trainable)
    layers = set()
    for name, p in trainable:
        lr, wd = seen[id(p)]
        layers.add(spec_layer(name))
        assert lr == pytest.approx(3e-4 * 0.8**(9 - spec_layer(name)),
                                   rel=1e-12), name
        assert wd == (0. if p.ndim == 1 else 0.05), name
    assert layers == ({9} if frozen else set(range(10)))
