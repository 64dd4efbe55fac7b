"""An independent UmURL forward pass written from the spec, reading weights
directly by their *official* key names. Used to check the key mapping,
token order and modality formulas of the plugin."""
import torch
import torch.nn as nn
import torch.nn.functional as F

PAIRS = ((1, 2), (2, 21), (3, 21), (4, 3), (5, 21), (6, 5), (7, 6), (8, 7),
         (9, 21), (10, 9), (11, 10), (12, 11), (13, 1), (14, 13), (15, 14),
         (16, 15), (17, 1), (18, 17), (19, 18), (20, 19), (21, 21), (22, 23),
         (23, 8), (24, 25), (25, 12))


def modality(x, name):
    """x: (N, M, T, V, C)."""
    if name == 'j':
        return x
    out = torch.zeros_like(x)
    if name == 'b':
        for v1, v2 in PAIRS:
            out[:, :, :, v1 - 1] = x[:, :, :, v1 - 1] - x[:, :, :, v2 - 1]
    else:
        for t in range(x.shape[2] - 1):
            out[:, :, t] = x[:, :, t + 1] - x[:, :, t]
    return out


def tokens(x):
    N, M, T, V, C = x.shape
    temporal = torch.stack([x[:, :, t].reshape(N, -1) for t in range(T)], 1)
    spatial = torch.stack(
        [x[:, m, :, v].reshape(N, -1) for m in range(M) for v in range(V)],
        1)
    return temporal, spatial


def embed(sd, prefix, tok):
    h = F.linear(tok, sd[prefix + '.0.weight'], sd[prefix + '.0.bias'])
    h = F.layer_norm(h, h.shape[-1:], sd[prefix + '.1.weight'],
                     sd[prefix + '.1.bias'])
    return F.linear(F.relu(h), sd[prefix + '.3.weight'],
                    sd[prefix + '.3.bias'])


def transformer(sd, prefix, tok):
    hidden = tok.shape[-1]
    layer = nn.TransformerEncoderLayer(hidden, 1, hidden, 0.0)  # seq-first
    layer.load_state_dict({
        k[len(prefix):]: v
        for k, v in sd.items() if k.startswith(prefix)
    })
    layer.eval()
    with torch.no_grad():
        return layer(tok.transpose(0, 1)).transpose(0, 1)


def official_features(sd, x, mods=('j', 'b', 'm')):
    """2H features of the official model (state dict without module.)."""
    ts, ss = [], []
    for name in mods:
        t, s = tokens(modality(x, name))
        ts.append(embed(sd, f'backbone.{name}_emb.t_embedding', t))
        ss.append(embed(sd, f'backbone.{name}_emb.s_embedding', s))
    t, s = sum(ts) / len(ts), sum(ss) / len(ss)
    if len(mods) > 1:
        t = F.linear(t, sd['backbone.mm_fusion.t_fusion.0.weight'])
        s = F.linear(s, sd['backbone.mm_fusion.s_fusion.0.weight'])
    t = t + sd['backbone.ma_encoder.pe.pe'][:, :t.shape[1]]
    t = transformer(sd, 'backbone.ma_encoder.t_tr.layers.0.', t)
    s = transformer(sd, 'backbone.ma_encoder.s_tr.layers.0.', s)
    return torch.cat([t.max(1)[0], s.max(1)[0]], 1)


def official_projection(sd, name, h):
    """Projector in eval mode (running BN statistics)."""
    p = f'{name}_projector'
    for i in (0, 3):
        h = F.linear(h, sd[f'{p}.{i}.weight'], sd[f'{p}.{i}.bias'])
        h = F.batch_norm(h, sd[f'{p}.{i + 1}.running_mean'],
                         sd[f'{p}.{i + 1}.running_var'],
                         sd[f'{p}.{i + 1}.weight'], sd[f'{p}.{i + 1}.bias'])
        h = F.relu(h)
    return F.linear(h, sd[f'{p}.6.weight'], sd[f'{p}.6.bias'])


def make_official_checkpoint(hidden=32, frames=16, persons=2, joints=25,
                             out=48, seed=0):
    """Random weights in the official key layout (shapes per the spec)."""
    g = torch.Generator().manual_seed(seed)

    def r(*shape):
        return torch.randn(*shape, generator=g) * 0.2

    sd = {}
    for m in 'jbm':
        for s, n_in in (('t', persons * joints * 3), ('s', frames * 3)):
            p = f'backbone.{m}_emb.{s}_embedding'
            sd.update({
                f'{p}.0.weight': r(hidden, n_in), f'{p}.0.bias': r(hidden),
                f'{p}.1.weight': 1 + r(hidden), f'{p}.1.bias': r(hidden),
                f'{p}.3.weight': r(hidden, hidden), f'{p}.3.bias': r(hidden)
            })
    for s in 'ts':
        sd[f'backbone.mm_fusion.{s}_fusion.0.weight'] = r(hidden, hidden)
        p = f'backbone.ma_encoder.{s}_tr.layers.0'
        sd.update({
            f'{p}.self_attn.in_proj_weight': r(3 * hidden, hidden),
            f'{p}.self_attn.in_proj_bias': r(3 * hidden),
            f'{p}.self_attn.out_proj.weight': r(hidden, hidden),
            f'{p}.self_attn.out_proj.bias': r(hidden),
            f'{p}.linear1.weight': r(hidden, hidden),
            f'{p}.linear1.bias': r(hidden),
            f'{p}.linear2.weight': r(hidden, hidden),
            f'{p}.linear2.bias': r(hidden),
            f'{p}.norm1.weight': 1 + r(hidden), f'{p}.norm1.bias': r(hidden),
            f'{p}.norm2.weight': 1 + r(hidden), f'{p}.norm2.bias': r(hidden)
        })
    from umurl_mm.models.utils import sinusoidal_position_code
    sd['backbone.ma_encoder.pe.pe'] = sinusoidal_position_code(200, hidden)
    w = 2 * hidden
    for m in 'jbm':
        p = f'{m}_projector'
        for i, (n_in, n_out) in ((0, (w, w)), (3, (w, w)), (6, (w, out))):
            sd[f'{p}.{i}.weight'] = r(n_out, n_in)
            sd[f'{p}.{i}.bias'] = r(n_out)
        for i in (1, 4):
            sd.update({
                f'{p}.{i}.weight': 1 + r(w), f'{p}.{i}.bias': r(w),
                f'{p}.{i}.running_mean': r(w),
                f'{p}.{i}.running_var': 1 + r(w).abs(),
                f'{p}.{i}.num_batches_tracked': torch.tensor(7)
            })
    return {
        'epoch': 450,
        'state_dict': {'module.' + k: v for k, v in sd.items()},
        'optimizer': {}
    }
