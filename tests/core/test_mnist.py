"""Data: the embedded sample split, IDX parsing, and the real download code against a local server."""
import gzip
import hashlib
import http.server
import struct
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from core import mnist
from core.mnist import MnistDownloadError, load_dataset, load_full, load_mnist, load_npz, load_sample, parse_idx


def test_sample_split_is_stratified_fixed_and_read_only():
    data = load_sample()
    assert (data.train_size, data.test_size) == (8000, 2000)
    assert data.x_train.dtype == np.uint8 and data.x_train.shape == (8000, 784)
    counts = np.bincount(data.t_test, minlength=10)
    full_counts = np.array([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978])
    assert np.all(np.abs(counts - full_counts * 0.2) <= 1)
    assert not data.x_train.flags.writeable
    # the same split in a fresh computation (fixed seed), and no image in both parts
    load_sample.cache_clear()
    again = load_sample()
    assert np.array_equal(again.x_test, data.x_test)
    train_rows = {row.tobytes() for row in data.x_train}
    assert sum(row.tobytes() in train_rows for row in data.x_test) < 5  # MNIST has a few duplicates


def test_load_mnist_book_options():
    (x, t), (xt, tt) = load_mnist(normalize=True, flatten=False, one_hot_label=True)
    assert x.shape == (8000, 1, 28, 28) and x.dtype == np.float32 and 0 <= x.min() and x.max() <= 1
    assert t.shape == (8000, 10) and np.all(t.sum(axis=1) == 1)
    (x2, t2), _ = load_mnist(normalize=False)
    assert x2.dtype == np.uint8 and x2.max() == 255 and t2.shape == (8000,)
    _, info = load_mnist(with_info=True)
    assert info.source == "sample" and info.reason == "requested"


def idx_bytes(array):
    header = struct.pack(">HBB", 0, 8, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.astype(np.uint8).tobytes()


def test_parse_idx_round_trip_and_errors():
    images = np.arange(2 * 28 * 28, dtype=np.uint32).reshape(2, 28, 28) % 256
    assert np.array_equal(parse_idx(idx_bytes(images)), images)
    with pytest.raises(ValueError, match="bytes of data"):
        parse_idx(idx_bytes(images)[:-1])
    with pytest.raises(ValueError, match="not an IDX"):
        parse_idx(b"\x01\x02\x08\x01" + b"\x00" * 8)


# --- the download code against a server on 127.0.0.1 --------------------------------

def make_files(tmp_path, n_train=20, n_test=10):
    rng = np.random.default_rng(0)
    arrays = {
        "train_images": rng.integers(0, 256, (n_train, 28, 28)), "train_labels": rng.integers(0, 10, n_train),
        "test_images": rng.integers(0, 256, (n_test, 28, 28)), "test_labels": rng.integers(0, 10, n_test),
    }
    served = tmp_path / "served"
    served.mkdir()
    files = {}
    for key, arr in arrays.items():
        name = f"{key}.gz"
        blob = gzip.compress(idx_bytes(arr))
        (served / name).write_bytes(blob)
        files[key] = (name, "md5:" + hashlib.md5(blob).hexdigest())
    return served, files, arrays


class Server:
    """Serves a folder; mode "ok", "404", "truncated" or "slow"."""

    def __init__(self, folder, mode="ok"):
        outer = self
        self.mode, self.requests = mode, 0

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                outer.requests += 1
                path = Path(folder) / self.path.lstrip("/")
                if outer.mode == "404" or not path.is_file():
                    self.send_error(404)
                    return
                body = path.read_bytes()
                if outer.mode == "slow":
                    time.sleep(3)
                if outer.mode == "truncated":
                    body = body[: len(body) // 2]
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def served(tmp_path):
    folder, files, arrays = make_files(tmp_path)
    servers = []

    def start(mode="ok"):
        s = Server(folder, mode)
        servers.append(s)
        return s

    yield start, files, arrays, tmp_path / "cache"
    for s in servers:
        s.close()


def test_download_verify_parse_and_cache(served):
    start, files, arrays, cache = served
    server = start()
    seen = []
    data = load_full(mirrors=[server.url], folder=cache, files=files, timeout=5,
                     progress=lambda name, done, total: seen.append((name, done, total)))
    assert data.source == "full" and data.reason == "downloaded"
    assert np.array_equal(data.x_train, arrays["train_images"].reshape(20, 784))
    assert np.array_equal(data.t_test, arrays["test_labels"])
    assert {name for name, _, _ in seen} == {f for f, _ in files.values()}
    assert all(done <= total for _, done, total in seen if total)
    assert sorted(p.name for p in cache.iterdir()) == sorted(f for f, _ in files.values())  # no temp files
    # second load: from the cache, no request
    before = server.requests
    again = load_full(mirrors=[server.url], folder=cache, files=files)
    assert again.reason == "cached" and server.requests == before


def test_falls_through_a_dead_mirror(served):
    start, files, _, cache = served
    dead, good = start("404"), start()
    data = load_full(mirrors=[dead.url, good.url], folder=cache, files=files, timeout=5)
    assert data.source == "full" and dead.requests >= 1


@pytest.mark.parametrize("mode", ["404", "truncated", "slow"])
def test_unusable_mirror_raises_and_leaves_nothing(served, mode):
    start, files, _, cache = served
    server = start(mode)
    t0 = time.perf_counter()
    with pytest.raises(MnistDownloadError) as info:
        load_full(mirrors=[server.url], folder=cache, files=files, timeout=1)
    assert time.perf_counter() - t0 < 15
    assert info.value.attempts and server.url in info.value.attempts[0][0]
    assert not cache.exists() or not any(cache.iterdir())  # no partial or unverified file


def test_wrong_checksum_is_rejected(served):
    start, files, _, cache = served
    server = start()
    bad = dict(files, train_labels=(files["train_labels"][0], "md5:" + "0" * 32))
    with pytest.raises(MnistDownloadError, match="(?i)hash"):
        load_full(mirrors=[server.url], folder=cache, files=bad, timeout=5)
    assert not (cache / files["train_labels"][0]).exists()


def test_corrupt_cache_file_is_replaced(served):
    start, files, arrays, cache = served
    server = start()
    load_full(mirrors=[server.url], folder=cache, files=files)
    name = files["test_images"][0]
    (cache / name).write_bytes(b"garbage")
    data = load_full(mirrors=[server.url], folder=cache, files=files)
    assert data.reason == "downloaded"
    assert np.array_equal(data.x_test, arrays["test_images"].reshape(10, 784))


def test_auto_falls_back_to_the_sample_and_says_why(served):
    start, files, _, cache = served
    server = start("404")
    data = load_dataset("auto", mirrors=[server.url], folder=cache, files=files, timeout=1)
    assert data.source == "sample" and data.reason == "download_failed"
    assert server.url in data.detail
    ok = start()
    data = load_dataset("auto", mirrors=[ok.url], folder=cache, files=files)
    assert data.source == "full"


def test_bad_source_name():
    with pytest.raises(ValueError, match="^source "):
        load_dataset("mnist")


def test_npz_of_your_own(tmp_path):
    s = load_sample()
    path = tmp_path / "split.npz"
    np.savez(path, x_train=s.x_train[:50], t_train=s.t_train[:50], x_test=s.x_test[:20], t_test=s.t_test[:20])
    data = load_npz(path)
    assert data.source == "file" and data.train_size == 50
    np.savez(tmp_path / "bad.npz", x_train=s.x_train[:5, :10], t_train=s.t_train[:5],
             x_test=s.x_test[:2], t_test=s.t_test[:2])
    with pytest.raises(ValueError, match="784"):
        load_npz(tmp_path / "bad.npz")
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    with pytest.raises(ValueError, match="readable"):
        load_npz(tmp_path / "junk.npz")
    np.savez(tmp_path / "obj.npz", x_train=np.array([object()], dtype=object))
    with pytest.raises(ValueError):
        load_npz(tmp_path / "obj.npz")  # pickled objects are never loaded


def test_cache_dir_env_override(monkeypatch, tmp_path):
    monkeypatch.setenv(mnist.CACHE_ENV, str(tmp_path))
    assert mnist.cache_dir() == tmp_path


def test_an_unwritable_cache_folder_is_reported_and_auto_falls_back(served, tmp_path):
    start, files, _, _ = served
    server = start()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    cache = blocker / "cache"  # cannot be created, even by root
    with pytest.raises(MnistDownloadError) as info:
        load_full(mirrors=[server.url], folder=cache, files=files, timeout=5)
    assert any("Error" in err for _, err in info.value.attempts)
    data = load_dataset("auto", mirrors=[server.url], folder=cache, files=files, timeout=5)
    assert data.source == "sample" and data.reason == "download_failed"


def test_a_full_disk_leaves_no_partial_file(served, monkeypatch):
    import errno

    import pooch

    start, files, _, cache = served
    server = start()

    class FullDisk(pooch.HTTPDownloader):
        def __call__(self, url, output_file, pooch_obj, check_only=False):
            with open(output_file, "wb") as f:
                f.write(b"\x1f\x8b partial")
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pooch, "HTTPDownloader", FullDisk)
    with pytest.raises(MnistDownloadError, match="No space left"):
        load_full(mirrors=[server.url], folder=cache, files=files, timeout=5)
    assert not cache.exists() or not any(cache.iterdir())  # nothing half-written is kept
