import torch.nn as nn


class Mlp(nn.Sequential):
    """``fc1`` (dim -> ratio dim) -> GELU (erf) -> ``fc2`` (ratio dim ->
    dim): the transformer MLP of USDRL's DST layer (ratio 2) and MAMP's
    blocks (ratio 4)."""

    def __init__(self, dim: int, ratio: int = 2) -> None:
        super().__init__()
        self.fc1 = nn.Linear(dim, ratio * dim)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(ratio * dim, dim)
