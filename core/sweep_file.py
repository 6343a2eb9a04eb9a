"""A sweep's results as a plain .npz file (arrays of numbers and text, never pickled objects).

The file holds its key (data + grid + budget, ``core.sweep.sweep_key``) and a JSON
description, then one entry per finished cell in flat arrays, the per-epoch curves of all
cells concatenated with their offsets.  A teacher computes a big sweep beforehand and the
app finds it by its key; a sweep run again with the same file resumes where it stopped.
"""
import json
import os
import secrets
import zipfile
from pathlib import Path

import numpy as np

from core.sweep import FORMAT, cell_of

SCALARS = {  # name -> dtype of the per-cell arrays (None stored as NaN, -1 or "")
    "loss": "U24", "lr": "f8", "batch_size": "i8", "seed": "i8", "iters": "i8", "iters_done": "i8",
    "train_acc": "f8", "test_acc": "f8", "final_loss": "f8", "status": "U16", "causes": "U64",
    "seconds": "f8", "diverged_at": "i8",
}
CURVES = ("epoch", "curve_train", "curve_test", "curve_loss")


def save(path, key, meta, results, order=None):
    """Write the results (list of ``core.sweep.record`` dicts) to ``path`` atomically.

    order : the grid's cells; results are stored in that order when given.
    """
    if order is not None:
        rank = {tuple(c): i for i, c in enumerate(order)}
        results = sorted(results, key=lambda r: rank.get(cell_of(r), len(rank)))
    arrays = {"format": np.array(FORMAT), "key": np.array(key), "meta": np.array(json.dumps(meta, sort_keys=True))}
    for name, dtype in SCALARS.items():
        arrays[name] = np.array([_encode(name, r[name]) for r in results], dtype=dtype).reshape(len(results))
    lengths = [len(r["epoch"]) for r in results]
    arrays["curve_start"] = np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)]).astype(np.int64)
    for name in CURVES:
        arrays[name] = np.array([v for r in results for v in r[name]], dtype=np.float64).reshape(-1)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # write beside the target, then rename: a reader never sees half a file (and the new
    # file gets the usual permissions, which mkstemp's private 0600 would not)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "xb") as f:
            np.savez_compressed(f, **arrays)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _encode(name, value):
    if name == "causes":
        return ",".join(value)
    if value is None:
        return -1 if SCALARS[name] == "i8" else float("nan")
    return value


def _decode(name, value):
    if name == "causes":
        return [c for c in str(value).split(",") if c]
    if SCALARS[name] == "i8":
        return None if value < 0 and name == "diverged_at" else int(value)
    if SCALARS[name] == "f8":
        return None if not np.isfinite(value) else float(value)
    return str(value)


def read_key(path):
    """The key of a results file, reading nothing else (ValueError if it is not one)."""
    with _open(path) as f:
        return str(_get(f, path, "key", ()))


def load(path):
    """(key, meta dict, [result dicts]) from a results file; ValueError naming what is wrong."""
    with _open(path) as f:
        fmt = int(_get(f, path, "format", ()))
        if fmt != FORMAT:
            raise ValueError(f"{path}: results format {fmt}, this version reads {FORMAT}")
        key, meta = str(_get(f, path, "key", ())), _get(f, path, "meta", ())
        columns = {name: _get(f, path, name, (None,)) for name in SCALARS}
        start = _get(f, path, "curve_start", (None,))
        curves = {name: _get(f, path, name, (None,)) for name in CURVES}
    try:
        meta = json.loads(str(meta))
    except ValueError as err:
        raise ValueError(f"{path}: meta is not JSON ({err})") from err
    n = len(columns["lr"])
    if any(len(c) != n for c in columns.values()) or len(start) != n + 1 or start[0] != 0 \
            or np.any(np.diff(start) < 0) or any(len(c) != start[-1] for c in curves.values()):
        raise ValueError(f"{path}: the arrays' lengths do not agree")
    results = []
    for i in range(n):
        r = {name: _decode(name, columns[name][i]) for name in SCALARS}
        for name in CURVES:
            r[name] = curves[name][start[i]:start[i + 1]].tolist()
        results.append(r)
    return key, meta, results


def _open(path):
    try:
        return np.load(path, allow_pickle=False)
    except (OSError, EOFError, ValueError, zipfile.BadZipFile) as err:
        raise ValueError(f"{path}: not a readable .npz file of plain arrays ({err})") from err


def _get(f, path, name, shape):
    """Array ``name`` of an open npz; shape () for a scalar, (None,) for any 1-D array."""
    if name not in f.files:
        raise ValueError(f"{path}: missing array {name!r}")
    try:
        a = f[name]
    except ValueError as err:  # an object array would need pickle: never loaded
        raise ValueError(f"{path}: array {name!r} is not plain data ({err})") from err
    if a.ndim != len(shape) or a.dtype.kind not in "fiuU":
        raise ValueError(f"{path}: array {name!r} has shape {a.shape} and type {a.dtype}")
    return a if shape else a[()]


def index(folder):
    """{key: path} of the readable results files (*.npz) in a folder (empty if there is none)."""
    found = {}
    for path in sorted(Path(folder).glob("*.npz")) if folder and Path(folder).is_dir() else ():
        try:
            found.setdefault(read_key(path), path)
        except ValueError:
            continue
    return found


def find(key, folders):
    """The first results file in ``folders`` whose key is ``key``, or None."""
    for folder in folders:
        path = index(folder).get(key)
        if path is not None:
            return path
    return None
