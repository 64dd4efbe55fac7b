"""An independent reference of USDRL written from its specification, with
plain tensor operations on state dicts in the *official* key layout (no
module of the plugin): the DSTE encoder in eval mode (DropPath off) and
the loss in float64 with an explicit covariance. Used to check the DST
layer, the key mapping of official checkpoints and the loss."""
from itertools import combinations

import torch
import torch.nn.functional as F

from tests.reference_official import modality, tokens


def _ln(sd, p, x):
    return F.layer_norm(x, x.shape[-1:], sd[p + '.weight'], sd[p + '.bias'])


def _lin(sd, p, x):
    return x @ sd[p + '.weight'].T + sd[p + '.bias']


def _attn(sd, p, x):
    """Single-head attention, query = key = value = x."""
    H = x.shape[-1]
    w, b = sd[p + '.in_proj_weight'], sd[p + '.in_proj_bias']
    q, k, v = (x @ w[i * H:(i + 1) * H].T + b[i * H:(i + 1) * H]
               for i in range(3))
    a = torch.softmax(q @ k.transpose(-1, -2) / H**0.5, -1) @ v
    return _lin(sd, p + '.out_proj', a)


def _mlp(sd, p, x):
    return _lin(sd, p + '.fc2', F.gelu(_lin(sd, p + '.fc1', x)))


def dst_layer(sd, p, x):
    """0.5 CA(x) + 0.5 DSA(x) of the official layer ``p``."""
    # CA: u = x + ReLU(conv1x1(x)); a = x + Attn(LN1(u)); CA = MLP(LN2(a))
    w = sd[p + '.CA.conv1.weight'][:, :, 0]
    u = x + torch.relu(x @ w.T + sd[p + '.CA.conv1.bias'])
    a = x + _attn(sd, p + '.CA.attn', _ln(sd, p + '.CA.norm1', u))
    ca = _mlp(sd, p + '.CA.mlp', _ln(sd, p + '.CA.norm2', a))
    # DSA: token mixing along the sequence, every 4th token kept
    xt = x.transpose(1, 2)
    mixed = _lin(sd, p + '.DSA.wt2', torch.relu(_lin(sd, p + '.DSA.wt1', xt)))
    h = x + mixed.transpose(1, 2)
    for t in range(0, x.shape[1], 4):
        h[:, t] = x[:, t]

    def blk(z):
        z = z + _attn(sd, p + '.DSA.attn', _ln(sd, p + '.DSA.norm1', z))
        return z + _mlp(sd, p + '.DSA.mlp', _ln(sd, p + '.DSA.norm2', z))

    dsa = (blk(h) + blk(x)) / 2
    return 0.5 * ca + 0.5 * dsa


def _embed(sd, p, x):
    h = torch.relu(_ln(sd, p + '.1', _lin(sd, p + '.0', x)))
    return _lin(sd, p + '.3', h)


def dste_features(sd, x, mod='j'):
    """``(N, 2H)`` representation and the dense features of the official
    DSTE for ``(N, M, T, V, 3)`` joints (UmURL's modalities and tokens)."""
    t_tok, s_tok = tokens(modality(x, mod))
    t = _embed(sd, 'backbone.ske_emb.t_embedding', t_tok)
    s = _embed(sd, 'backbone.ske_emb.s_embedding', s_tok)
    pe = sd['backbone.tpe.pe'][:, :t.shape[1]]
    for name in ('t_tr', 't_tr1'):
        t = dst_layer(sd, 'backbone.' + name, t + pe)
    for name in ('s_tr', 's_tr1'):
        s = dst_layer(sd, 'backbone.' + name, s + sd['backbone.spe'])
    return torch.cat([t.amax(1), s.amax(1)], 1), (t, s)


def make_official_dste_checkpoint(hidden=32, frames=64, persons=2,
                                  joints=25, seed=0):
    """A random state dict in the official DSTE pre-training layout (with
    the three projectors), ``module.``-prefixed as the official code
    saves it."""
    g = torch.Generator().manual_seed(seed)
    H = hidden

    def r(*shape):
        return torch.randn(*shape, generator=g) * 0.1

    sd = {}
    for name, width in (('t', persons * joints * 3), ('s', frames * 3)):
        p = f'backbone.ske_emb.{name}_embedding'
        sd.update({f'{p}.0.weight': r(H, width), f'{p}.0.bias': r(H),
                   f'{p}.1.weight': 1 + r(H), f'{p}.1.bias': r(H),
                   f'{p}.3.weight': r(H, H), f'{p}.3.bias': r(H)})
    pos = torch.arange(200.0)[:, None] / 10000 ** (
        torch.arange(0, H, 2) / H)
    pe = torch.zeros(1, 200, H)
    pe[0, :, 0::2], pe[0, :, 1::2] = torch.sin(pos), torch.cos(pos)
    sd['backbone.tpe.pe'] = pe
    sd['backbone.spe'] = r(1, persons * joints, H)
    for name, L in (('t_tr', frames), ('t_tr1', frames),
                    ('s_tr', persons * joints), ('s_tr1', persons * joints)):
        p = f'backbone.{name}'
        attn = {'in_proj_weight': r(3 * H, H), 'in_proj_bias': r(3 * H),
                'out_proj.weight': r(H, H), 'out_proj.bias': r(H)}
        for part in ('CA', 'DSA'):
            sd.update({f'{p}.{part}.attn.{k}': v for k, v in attn.items()})
            for n in ('norm1', 'norm2'):
                sd[f'{p}.{part}.{n}.weight'] = 1 + r(H)
                sd[f'{p}.{part}.{n}.bias'] = r(H)
            sd.update({f'{p}.{part}.mlp.fc1.weight': r(2 * H, H),
                       f'{p}.{part}.mlp.fc1.bias': r(2 * H),
                       f'{p}.{part}.mlp.fc2.weight': r(H, 2 * H),
                       f'{p}.{part}.mlp.fc2.bias': r(H)})
        sd.update({f'{p}.CA.conv1.weight': r(H, H, 1),
                   f'{p}.CA.conv1.bias': r(H)})
        for n in ('wt1', 'wt2'):
            sd[f'{p}.DSA.{n}.weight'] = r(L, L)
            sd[f'{p}.DSA.{n}.bias'] = r(L)
    for name, dims in (('t', (H, 2 * H, 2 * H, 2 * H)),
                       ('s', (H, 2 * H, 2 * H, 2 * H)),
                       ('i', (2 * H, 2 * H, 2 * H, 4 * H))):
        p = f'{name}_proj'
        for i, (a, b) in zip((0, 3, 6), zip(dims[:-1], dims[1:])):
            sd[f'{p}.{i}.weight'], sd[f'{p}.{i}.bias'] = r(b, a), r(b)
        for i, width in zip((1, 4), dims[1:3]):
            sd.update({f'{p}.{i}.weight': 1 + r(width),
                       f'{p}.{i}.bias': r(width),
                       f'{p}.{i}.running_mean': r(width),
                       f'{p}.{i}.running_var': 1 + r(width).abs(),
                       f'{p}.{i}.num_batches_tracked': torch.tensor(7)})
    return {'module.' + k: v for k, v in sd.items()}


def _mse(a, b):
    return ((a - b)**2).mean()


def _vc(z):
    """UmURL's variance-covariance term with the explicit covariance."""
    B, D = z.shape
    std = torch.sqrt(z.var(0) + 1e-4)
    zc = z - z.mean(0)
    cov = zc.T @ zc / (B - 1)
    off = cov - torch.diag(torch.diag(cov))
    return 5 * torch.relu(1 - std).mean() + (off**2).sum() / D


def _bt(a, b):
    B = a.shape[0]
    an = (a - a.mean(0)) / a.std(0)
    bn = (b - b.mean(0)) / b.std(0)
    c = an.T @ bn / B
    on = ((torch.diag(c) - 1)**2).sum()
    off = (c**2).sum() - (torch.diag(c)**2).sum()
    return on + 0.005 * off


def usdrl_loss(z):
    """The official loss in float64: ``z[g]`` is a list of the views'
    ``(B, D)`` embeddings for g in t, s, i."""
    total = {'sim': 0.0, 'vc': 0.0, 'bt': 0.0}
    for g, w in (('i', 1.0), ('t', 0.5), ('s', 0.5)):
        views = [v.double() for v in z[g]]
        *uni, last = views
        c = sum(uni) / len(uni)
        sim = sum(_mse(v, last) for v in uni) + sum(_mse(v, c) for v in uni)
        vc = sum(_vc(v) for v in views)
        bt = sum(_bt(views[k], views[j])
                 for k, j in combinations(range(len(views)), 2))
        total['sim'] += w * sim
        total['vc'] += w * vc
        total['bt'] += w * bt
    return dict(loss_sim=5 * total['sim'], loss_vc=total['vc'],
                loss_bt=0.001 * total['bt'])
