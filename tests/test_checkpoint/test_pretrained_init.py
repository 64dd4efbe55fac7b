"""UmURLPretrained loads strictly and says so once per model."""
import torch
from mmaction.registry import MODELS

import umurl_mm.checkpoint.pretrained_init as module


def test_the_source_is_logged_once_per_model(tmp_path, monkeypatch):
    torch.manual_seed(0)
    source = MODELS.build(dict(type='UmURL', hidden_dim=16, num_frames=16))
    path = str(tmp_path / 'enc.pth')
    torch.save({'state_dict': {f'backbone.{k}': v for k, v in
                               source.state_dict().items()}}, path)
    lines = []
    monkeypatch.setattr(module, 'print_log',
                        lambda msg, logger=None: lines.append(msg))
    encoder = MODELS.build(dict(
        type='UmURL', hidden_dim=16, num_frames=16,
        init_cfg=dict(type='UmURLPretrained', checkpoint=path)))
    encoder.init_weights()
    assert lines == [f"UmURLPretrainedInit: strictly loaded from {path} "
                     "(prefix 'backbone.')"]
    for k, v in source.state_dict().items():
        assert torch.equal(encoder.state_dict()[k], v), k
