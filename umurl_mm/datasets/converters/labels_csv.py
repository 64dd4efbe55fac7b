"""The labels CSV of the generic converters: one row per clip,
``name,label[,split]`` (a header row naming these columns is optional)."""
import csv
from typing import Dict, List, Optional, Tuple

Labels = Dict[str, Tuple[int, Optional[str]]]


def read_labels_csv(path: str) -> Labels:
    """Read ``name,label[,split]`` rows; errors name the file and the line.

    Args:
        path (str): The CSV file.

    Returns:
        dict: ``name -> (label, split or None)``.
    """
    try:
        with open(path, newline='') as f:
            rows = list(csv.reader(f))
    except (OSError, UnicodeDecodeError) as e:
        raise ValueError(f'{path}: cannot read the labels CSV '
                         f'({type(e).__name__}: {e})') from e
    if rows and [c.strip().lower() for c in rows[0][:2]] == ['name', 'label']:
        rows = [None] + rows[1:]  # keep line numbers
    labels: Labels = {}
    for line, row in enumerate(rows, 1):
        if row is None or not any(c.strip() for c in row):
            continue
        if len(row) not in (2, 3):
            raise ValueError(f'{path}, line {line}: expected name,label'
                             f'[,split], got {row!r}')
        name, label = row[0].strip(), row[1].strip()
        try:
            value = int(label)
        except ValueError:
            value = -1
        if value < 0 or str(value) != label:
            raise ValueError(f"{path}, line {line}: label {label!r} of "
                             f"'{name}' is not a class index >= 0")
        if name in labels:
            raise ValueError(f"{path}, line {line}: '{name}' is listed "
                             'twice')
        split = row[2].strip() if len(row) == 3 and row[2].strip() else None
        labels[name] = (value, split)
    if not labels:
        raise ValueError(f'{path}: no labelled clip')
    return labels


def build_splits(labels: Labels, names: List[str]) -> Dict[str, List[str]]:
    """Split lists of the written clips from the CSV's split column."""
    splits: Dict[str, List[str]] = {}
    for name in names:
        split = labels[name][1]
        if split is not None:
            splits.setdefault(split, []).append(name)
    return splits
