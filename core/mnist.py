"""MNIST for chapter 4: the embedded 10,000-digit sample, the full 60,000/10,000 set, or a file.

Images stay uint8 in memory (47 MB for the full training set instead of 188 MB as
float32); training normalises each mini-batch on the fly.  ``load_mnist`` returns the
book's ``(x_train, t_train), (x_test, t_test)`` for code that wants floats.
"""
import gzip
import logging
import os
import struct
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

SAMPLE_PATH = Path(__file__).with_name("data") / "mnist-sample-10k.npz"
SAMPLE_SEED = 20_200_404
SAMPLE_TEST_FRACTION = 0.2

# The four IDX files and their published MD5 checksums.
FILES = {
    "train_images": ("train-images-idx3-ubyte.gz", "md5:f68b3c2dcbeaaa9fbdd348bbdeb94873"),
    "train_labels": ("train-labels-idx1-ubyte.gz", "md5:d53e105ee54ea40749a09fcbcd1e9432"),
    "test_images": ("t10k-images-idx3-ubyte.gz", "md5:9fb629c4189551a2d022fa330f9573f3"),
    "test_labels": ("t10k-labels-idx1-ubyte.gz", "md5:ec29112dd5afa0611ce80d1b7f02629c"),
}
MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
)
CACHE_ENV = "DLFS_CH4_CACHE"
SOURCES = ("sample", "full", "auto")


@dataclass(frozen=True)
class MnistData:
    """A train/test split of 28x28 digits.

    x_train (N, 784) uint8, t_train (N,) uint8, x_test (M, 784) uint8, t_test (M,) uint8
    (read-only: one copy is shared by every user of the process).
    source : "sample", "full" or "file".
    reason : why this source: "requested", "cached", "downloaded" or "download_failed"
             (auto fell back to the sample).
    detail : a human-readable account of a failure, else "".
    """

    x_train: np.ndarray
    t_train: np.ndarray
    x_test: np.ndarray
    t_test: np.ndarray
    source: str
    reason: str = "requested"
    detail: str = ""

    @property
    def train_size(self):
        return self.x_train.shape[0]

    @property
    def test_size(self):
        return self.x_test.shape[0]


class MnistDownloadError(RuntimeError):
    """Full MNIST could not be had from any mirror; ``attempts`` lists (url, error) pairs."""

    def __init__(self, attempts):
        self.attempts = list(attempts)
        lines = "; ".join(f"{url}: {err}" for url, err in self.attempts)
        super().__init__(f"MNIST could not be downloaded ({lines})")


def _read_only(*arrays):
    for a in arrays:
        a.setflags(write=False)
    return arrays


@lru_cache(maxsize=2)
def load_sample(test_fraction=SAMPLE_TEST_FRACTION, seed=SAMPLE_SEED):
    """The embedded 10,000 real MNIST training digits, split train/test per class.

    The split is stratified: each digit keeps its share in both parts, and the
    fixed seed makes it the same everywhere.  The test part is held-out sample
    data, not the MNIST test set.
    """
    with np.load(SAMPLE_PATH, allow_pickle=False) as f:
        x, y = f["x"], f["y"]
    rng = np.random.default_rng(seed)
    test_idx = []
    for digit in range(10):
        idx = rng.permutation(np.flatnonzero(y == digit))
        test_idx.append(idx[: round(len(idx) * test_fraction)])
    is_test = np.zeros(len(y), dtype=bool)
    is_test[np.concatenate(test_idx)] = True
    train, test = rng.permutation(np.flatnonzero(~is_test)), rng.permutation(np.flatnonzero(is_test))
    arrays = _read_only(x[train], y[train], x[test], y[test])
    return MnistData(*arrays, source="sample")


def parse_idx(data, name="IDX data"):
    """Parse an (uncompressed) IDX file of unsigned bytes into an array of its shape."""
    if len(data) < 4:
        raise ValueError(f"{name}: too short to be an IDX file")
    zero, type_code, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or type_code != 0x08 or not 1 <= ndim <= 4:
        raise ValueError(f"{name}: not an IDX file of unsigned bytes")
    header = 4 + 4 * ndim
    dims = struct.unpack(f">{ndim}I", data[4:header])
    if len(data) != header + int(np.prod(dims)):
        raise ValueError(f"{name}: {len(data) - header} bytes of data for shape {dims}")
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(dims)


def cache_dir():
    """Per-user cache folder for the IDX files (``$DLFS_CH4_CACHE`` overrides it)."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    import pooch

    return Path(pooch.os_cache("dlfs-ch4"))


def full_is_cached(folder=None, files=None):
    """True when all four IDX files are in the cache folder (they are verified on load)."""
    folder = Path(folder) if folder else cache_dir()
    return all((folder / fname).is_file() for fname, _ in (files or FILES).values())


class _Progress:
    """The progress-bar protocol pooch expects, forwarded to progress(name, done, total)."""

    def __init__(self, name, callback):
        self.name, self.callback, self.total, self.done = name, callback, 0, 0

    def update(self, n):
        self.done = min(self.done + n, self.total) if self.total else self.done + n
        self.callback(self.name, self.done, self.total)

    def reset(self):
        self.done = 0

    def close(self):
        pass


def _fetch(fname, known_hash, folder, mirrors, timeout, progress):
    """(path, action) of a verified copy of fname, downloading it from the first mirror that works.

    action is pooch's: "fetch" (the cached file passed its check), "download" or "update".
    """
    import pooch

    logging.getLogger("pooch").setLevel(logging.WARNING)  # pooch would log every download
    attempts = []
    for base in mirrors:
        url = base.rstrip("/") + "/" + fname
        bar = _Progress(fname, progress) if progress else False
        downloader = pooch.HTTPDownloader(progressbar=bar, timeout=timeout, chunk_size=65536)
        try:
            # pooch writes to a temporary file and renames it only once the hash matches;
            # a cached file whose hash does not match is downloaded again
            actions = []
            path = pooch.retrieve(url, known_hash, fname=fname, path=folder, downloader=downloader,
                                  processor=lambda name, action, _: actions.append(action) or name)
            return Path(path), actions[0]
        except Exception as err:  # noqa: BLE001 - every failure means: try the next mirror
            attempts.append((url, f"{type(err).__name__}: {err}"))
    raise MnistDownloadError(attempts)


def load_full(mirrors=MIRRORS, folder=None, timeout=30, progress=None, files=None):
    """The real MNIST: 60,000 training and 10,000 test digits (needs internet the first time).

    Parameters
    ----------
    mirrors : base URLs tried in order for each file.
    folder : cache folder (default: cache_dir()).
    timeout : seconds a connection may stay silent before the mirror counts as down.
    progress : optional callable(file_name, bytes_done, bytes_total).
    files : {key: (file name, "md5:..." hash)}, default FILES (tests pass their own).

    Raises
    ------
    MnistDownloadError when a file cannot be had from any mirror; ValueError when a
    verified file does not parse.
    """
    files = files or FILES
    folder = Path(folder) if folder else cache_dir()
    arrays, actions = {}, set()
    for key, (fname, known_hash) in files.items():
        path, action = _fetch(fname, known_hash, folder, mirrors, timeout, progress)
        actions.add(action)
        with gzip.open(path, "rb") as f:
            arrays[key] = parse_idx(f.read(), fname)
    x_train, x_test = (arrays[k].reshape(len(arrays[k]), -1) for k in ("train_images", "test_images"))
    t_train, t_test = arrays["train_labels"], arrays["test_labels"]
    _check_split(x_train, t_train, x_test, t_test)
    return MnistData(*_read_only(x_train, t_train, x_test, t_test), source="full",
                     reason="cached" if actions == {"fetch"} else "downloaded")


def _check_split(x_train, t_train, x_test, t_test):
    for name, x, t in (("train", x_train, t_train), ("test", x_test, t_test)):
        if x.ndim != 2 or x.shape[1] != 784 or x.dtype != np.uint8:
            raise ValueError(f"x_{name} must be uint8 images of 784 pixels, shape (N, 784); got {x.dtype} {x.shape}")
        if t.shape != (x.shape[0],) or not np.issubdtype(t.dtype, np.integer):
            raise ValueError(f"t_{name} must be {x.shape[0]} integer labels; got {t.dtype} {t.shape}")
        if t.size and (t.min() < 0 or t.max() > 9):
            raise ValueError(f"t_{name} labels must lie in [0, 9]")
        if x.shape[0] < 1:
            raise ValueError(f"x_{name} must hold at least one image")


def load_npz(path):
    """A split of your own: an .npz with x_train, t_train, x_test, t_test (uint8, 784 pixels, labels 0-9)."""
    try:
        with np.load(path, allow_pickle=False) as f:
            names = set(f.files)
            arrays = [np.array(f[k]) for k in ("x_train", "t_train", "x_test", "t_test") if k in names]
    except (OSError, EOFError, ValueError, zipfile.BadZipFile) as err:
        # ValueError also covers arrays of pickled objects, which are never loaded
        raise ValueError(f"{path}: not a readable .npz file of plain arrays ({err})") from err
    missing = {"x_train", "t_train", "x_test", "t_test"} - names
    if missing:
        raise ValueError(f"{path}: missing arrays {sorted(missing)}")
    _check_split(*arrays)
    arrays[1], arrays[3] = arrays[1].astype(np.uint8), arrays[3].astype(np.uint8)
    return MnistData(*_read_only(*arrays), source="file")


def load_dataset(source="sample", progress=None, **full_kwargs):
    """MnistData from "sample", "full", "auto" (full if cached or downloadable, else sample)."""
    if source == "sample":
        return load_sample()
    if source == "full":
        return load_full(progress=progress, **full_kwargs)
    if source == "auto":
        try:
            return load_full(progress=progress, **full_kwargs)
        except (MnistDownloadError, ValueError, OSError) as err:
            s = load_sample()
            return MnistData(s.x_train, s.t_train, s.x_test, s.t_test, "sample", "download_failed", str(err))
    raise ValueError(f"source must be one of {SOURCES}; got {source!r}")


def normalize_images(x, dtype=np.float32):
    """uint8 gray levels (..., 784) -> floats in [0, 1]."""
    return np.multiply(x, dtype(1.0 / 255.0), dtype=dtype)


def load_mnist(normalize=True, flatten=True, one_hot_label=False, source="sample",
               progress=None, with_info=False):
    """The book's loader: ((x_train, t_train), (x_test, t_test)).

    normalize : floats in [0, 1] (float32) instead of uint8 0-255.
    flatten : images as (N, 784) rows, else (N, 1, 28, 28).
    one_hot_label : labels as (N, 10) one-hot float32 rows, else (N,) uint8.
    source : "sample", "full" or "auto" (see load_dataset).
    with_info : also return the MnistData, which says which source was used and why.
    """
    data = load_dataset(source, progress=progress)

    def images(x):
        x = normalize_images(x) if normalize else x.copy()
        return x if flatten else x.reshape(-1, 1, 28, 28)

    def labels(t):
        return np.eye(10, dtype=np.float32)[t] if one_hot_label else t.copy()

    out = (images(data.x_train), labels(data.t_train)), (images(data.x_test), labels(data.t_test))
    return (out, data) if with_info else out
