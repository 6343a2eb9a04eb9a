"""Hostile and broken weights files, built in memory: each with the reason the loader must give.

Shared by the core tests (``core.weights_file.load``) and the page tests (the upload).
"""
import io
import json
import struct
import zipfile
from functools import lru_cache

import numpy as np

HIDDEN = 8
MAX_HIDDEN = 100          # the limit the tests load with
MAX_FILE_BYTES = 5 << 20  # the upload cap


def good_params(hidden=HIDDEN, dtype=np.float32, seed=0):
    rng = np.random.default_rng(seed)
    return {"W1": (0.1 * rng.standard_normal((784, hidden))).astype(dtype),
            "b1": (0.1 * rng.standard_normal(hidden)).astype(dtype),
            "W2": (0.1 * rng.standard_normal((hidden, 10))).astype(dtype),
            "b2": (0.1 * rng.standard_normal(10)).astype(dtype)}


def npz_bytes(arrays, compressed=True, allow_pickle=True):
    """An .npz of ``arrays`` (numpy's own writer; object arrays are pickled by it)."""
    buf = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(buf, allow_pickle=allow_pickle, **arrays)
    return buf.getvalue()


def meta_array(text):
    return np.frombuffer(text.encode("utf-8") if isinstance(text, str) else text, dtype=np.uint8)


def _zip(members):
    """A zip of {name: bytes} written by hand (for members numpy would not write)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _npy(array):
    buf = io.BytesIO()
    np.lib.format.write_array(buf, array, allow_pickle=True)
    return buf.getvalue()


def _npy_header(shape, descr="<f4"):
    """An .npy header that declares ``shape`` (no data follows)."""
    buf = io.BytesIO()
    np.lib.format.write_array_header_1_0(buf, {"descr": descr, "fortran_order": False, "shape": shape})
    return buf.getvalue()


def _real_bomb(declared=200 << 20):
    """W1.npy whose (true) uncompressed size is ``declared`` bytes of zeros, compressed to ~0.2 MB."""
    params = good_params()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("W1.npy", "w", force_zip64=True) as f:
            f.write(_npy_header((784, declared // (784 * 4))))
            chunk = bytes(1 << 20)
            for _ in range(declared >> 20):
                f.write(chunk)
        for name in ("b1", "W2", "b2"):
            zf.writestr(f"{name}.npy", _npy(params[name]))
    return buf.getvalue()


def _declared_size_lie(size=3 << 30):
    """A small, valid file whose zip directory claims W1.npy unpacks to ``size`` bytes."""
    data = bytearray(npz_bytes(good_params()))
    end = data.rfind(b"PK\x05\x06")
    (cd_offset,) = struct.unpack_from("<I", data, end + 16)
    pos = cd_offset
    while data[pos:pos + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
        name = bytes(data[pos + 46:pos + 46 + name_len])
        if name == b"W1.npy":
            struct.pack_into("<I", data, pos + 24, size)  # uncompressed size in the central directory
        pos += 46 + name_len + extra_len + comment_len
    return bytes(data)


def _bad_crc():
    params = good_params()
    raw = _npy(params["W1"])
    data = bytearray(_zip({"W1.npy": raw, "b1.npy": _npy(params["b1"]), "W2.npy": _npy(params["W2"]),
                           "b2.npy": _npy(params["b2"])}))
    start = data.find(b"W1.npy") + len("W1.npy") + 200  # inside W1's compressed data
    data[start] ^= 0xFF
    return bytes(data)


def _truncated_w1():
    params = good_params()
    raw = _npy(params["W1"])
    return _zip({"W1.npy": raw[: len(raw) // 2], "b1.npy": _npy(params["b1"]), "W2.npy": _npy(params["W2"]),
                 "b2.npy": _npy(params["b2"])})


def _with(**changes):
    params = good_params()
    params.update(changes)
    return npz_bytes({k: v for k, v in params.items() if v is not None})


@lru_cache(maxsize=1)
def corpus():
    """{case: (file bytes, reason the loader must give)}."""
    p = good_params()
    nan_w1 = p["W1"].copy()
    nan_w1[3, 2] = np.nan
    inf_b2 = p["b2"].copy()
    inf_b2[9] = np.inf
    return {
        "empty file": (b"", "empty"),
        "over the upload cap": (b"PK\x03\x04" + bytes(MAX_FILE_BYTES), "too_large"),
        "text, not a zip": (b"W1 = [[0.1, 0.2]]\n", "not_npz"),
        "a PNG renamed .npz": (b"\x89PNG\r\n\x1a\n" + bytes(100), "not_npz"),
        "a zip cut in half": (npz_bytes(p)[:2000], "not_npz"),
        "pickled object array": (npz_bytes({**p, "W1": np.array([{"evil": 1}] * 3, dtype=object)}), "pickled"),
        "pickled meta": (npz_bytes({**p, "meta": np.array([print], dtype=object)}), "pickled"),
        "missing b2": (_with(b2=None), "missing"),
        "missing everything": (npz_bytes({"x": np.zeros(3)}), "missing"),
        "extra key": (npz_bytes({**p, "W3": np.zeros((10, 10), np.float32)}), "extra"),
        "a folder in the zip": (_zip({**{f"{k}.npy": _npy(v) for k, v in p.items()}, "more/": b""}), "extra"),
        "W1 for 783 pixels": (_with(W1=np.zeros((783, HIDDEN), np.float32)), "shape"),
        "W1 flat": (_with(W1=np.zeros(784 * HIDDEN, np.float32)), "shape"),
        "W2 for 9 classes": (_with(W2=np.zeros((HIDDEN, 9), np.float32)), "shape"),
        "b1 of the wrong size": (_with(b1=np.zeros(HIDDEN + 1, np.float32)), "sizes"),
        "W2 of the wrong height": (_with(W2=np.zeros((HIDDEN - 1, 10), np.float32)), "sizes"),
        "integer weights": (_with(W1=np.ones((784, HIDDEN), np.int32)), "dtype"),
        "boolean weights": (_with(b1=np.ones(HIDDEN, bool)), "dtype"),
        "complex weights": (_with(W2=np.ones((HIDDEN, 10), np.complex64)), "dtype"),
        "text weights": (_with(b2=np.array(["0.1"] * 10)), "dtype"),
        "a NaN in W1": (_with(W1=nan_w1), "nonfinite"),
        "inf in b2": (_with(b2=inf_b2), "nonfinite"),
        "hidden above the limit": (npz_bytes(good_params(MAX_HIDDEN + 1)), "hidden_limit"),
        "a header claiming a billion units": (
            _zip({"W1.npy": _npy_header((784, 10**9)), **{f"{k}.npy": _npy(p[k]) for k in ("b1", "W2", "b2")}}),
            "hidden_limit"),
        "zip bomb: 200 MB of zeros": (_real_bomb(), "bomb"),
        "zip directory declaring 3 GB": (_declared_size_lie(), "bomb"),
        "W1 cut short": (_truncated_w1(), "corrupt"),
        "W1 damaged (bad CRC)": (_bad_crc(), "corrupt"),
        "meta not JSON": (npz_bytes({**p, "meta": meta_array("{not json")}), "meta"),
        "meta not an object": (npz_bytes({**p, "meta": meta_array("[1, 2]")}), "meta"),
        "meta with NaN": (npz_bytes({**p, "meta": meta_array('{"test_acc": NaN}')}), "meta"),
        "meta too long": (npz_bytes({**p, "meta": meta_array(json.dumps({"note": "x" * 5000}))}), "meta"),
        "meta nested too deep": (npz_bytes({**p, "meta": meta_array("[" * 2000 + "]" * 2000)}), "meta"),
        "meta not UTF-8": (npz_bytes({**p, "meta": meta_array(b'{"name": "\xff\xfe"}')}), "meta"),
        "meta with a wrong type": (npz_bytes({**p, "meta": meta_array('{"config": {"seed": "zero"}}')}), "meta"),
        "meta as floats": (npz_bytes({**p, "meta": np.zeros(4)}), "meta"),
    }
