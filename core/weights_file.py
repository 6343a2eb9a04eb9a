"""The weights file of a TwoLayerNet: an .npz holding W1 b1 W2 b2 and a small JSON of its settings.

The file is what ``numpy.savez_compressed`` writes: a zip with one ``.npy`` member per
array, here ``W1.npy`` (784, H), ``b1.npy`` (H,), ``W2.npy`` (H, 10), ``b2.npy`` (10,)
as float32 or float64, and ``meta.npy``: the UTF-8 bytes of a JSON object as uint8.

Reading a file someone hands in never unpickles and never unpacks more than a network
within the limits can need: the zip directory's declared sizes, then each array's
header (dtype, shape) are checked before any data is read, and every refusal is a
``WeightsFileError`` (a ValueError) whose ``reason`` names what is wrong.
"""
import io
import json
import math
import os
import zipfile

import numpy as np

FORMAT = "dlfs-ch4 TwoLayerNet weights"
VERSION = 1
NAMES = ("W1", "b1", "W2", "b2")
META = "meta"
MAX_META_BYTES = 4096
DEFAULT_MAX_HIDDEN = 10_000
HEADER_SLACK = 4096  # an .npy header is 128 bytes; room for longer ones, never for data
_FLOATS = (np.float16, np.float32, np.float64)
# meta fields a file may carry, with their types; anything else in the JSON is dropped
_FIELDS = {"format": str, "version": int, "name": str, "data": str, "status": str, "sizes": [int],
           "iters_done": int, "train_acc": (float, None), "test_acc": (float, None), "config": dict}
_CONFIG = {"hidden_size": int, "lr": float, "batch_size": int, "iters": int, "weight_init_std": float,
           "seed": int, "dtype": str}


class WeightsFileError(ValueError):
    """A weights file was refused. ``reason``: empty, too_large, not_npz, missing, extra, pickled,
    dtype, shape, sizes, hidden_limit, bomb, corrupt, nonfinite or meta; ``details``: the
    names and numbers the message quotes (name, shape, limit ...)."""

    def __init__(self, reason, message, **details):
        super().__init__(message)
        self.reason, self.details = reason, details


def save(file, params, meta=None):
    """Write params (W1 b1 W2 b2, float32 or float64) and meta (a JSON-able dict) to ``file``.

    file : a path or a binary file object.  Raises ValueError for weights that are not
    finite numbers (the file could never be loaded back).
    """
    arrays = {}
    for name in NAMES:
        a = np.asarray(params[name])
        if a.dtype not in (np.float32, np.float64):
            a = a.astype(np.float32)
        if not np.isfinite(a).all():
            raise ValueError(f"{name} holds values that are not finite numbers: not saved")
        arrays[name] = a
    hidden = arrays["W1"].shape[1]
    full = {"format": FORMAT, "version": VERSION, "sizes": [arrays["W1"].shape[0], hidden, arrays["W2"].shape[1]],
            **(meta or {})}
    text = json.dumps(full, allow_nan=False, ensure_ascii=False).encode("utf-8")
    if len(text) > MAX_META_BYTES:
        raise ValueError(f"meta is {len(text)} bytes of JSON; at most {MAX_META_BYTES}")
    arrays[META] = np.frombuffer(text, dtype=np.uint8)
    np.savez_compressed(file, **arrays)


def describe(history, source):
    """The meta of a training run: its configuration, length, status, accuracies and data."""
    return {"config": dict(history.config), "iters_done": history.iters_done, "status": history.status,
            "train_acc": history.train_acc[-1] if history.train_acc else None,
            "test_acc": history.test_acc[-1] if history.test_acc else None, "data": source}


def _open(source, max_file_bytes):
    """(zipfile.ZipFile, size in bytes) of a path, bytes or binary file object; size checked first."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        source = io.BytesIO(bytes(source))
    if isinstance(source, (str, os.PathLike)):
        size = os.path.getsize(source)
    else:
        size = source.seek(0, io.SEEK_END)
        source.seek(0)
    if size == 0:
        raise WeightsFileError("empty", "the file is empty (0 bytes)")
    if max_file_bytes is not None and size > max_file_bytes:
        raise WeightsFileError("too_large", f"the file is {size / 2**20:.1f} MB; at most "
                               f"{max_file_bytes / 2**20:.0f} MB", size_mb=size / 2**20,
                               limit_mb=max_file_bytes / 2**20)
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as err:
        raise WeightsFileError("not_npz", f"not an .npz file (a zip of .npy arrays): {err}") from err


def _members(zf):
    """{array name: ZipInfo}; refuses missing arrays first (the clearer message), then extra or repeated ones."""
    found, extra = {}, []
    for info in zf.infolist():
        name = info.filename[:-4] if info.filename.endswith(".npy") else info.filename
        if name in found or name not in NAMES + (META,):
            extra.append(name)
        found.setdefault(name, info)
    missing = [n for n in NAMES if n not in found]
    if missing:
        raise WeightsFileError("missing", f"missing arrays: {', '.join(missing)}", names=", ".join(missing))
    if extra:
        raise WeightsFileError("extra", f"unexpected array {extra[0]!r}: the file may hold only "
                               f"{', '.join(NAMES)} and {META}", name=extra[0])
    return found


def _header(zf, info, name):
    """(shape, fortran_order, dtype, header length) of one .npy member, read from its first bytes."""
    try:
        with zf.open(info) as f:
            version = np.lib.format.read_magic(f)
            if version not in ((1, 0), (2, 0)):
                raise ValueError(f"unsupported .npy version {version}")
            read = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
            shape, fortran, dtype = read(f, max_header_size=HEADER_SLACK)
            return shape, fortran, dtype, f.tell()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, SyntaxError, RuntimeError,
            NotImplementedError) as err:
        raise WeightsFileError("corrupt", f"{name}: not a readable .npy array ({err})", name=name) from err


def _check_headers(headers, input_size, output_size, max_hidden):
    """dtype and shape of every array, before any data is read."""
    for name, (shape, _, dtype, _) in headers.items():
        if dtype.hasobject:
            raise WeightsFileError("pickled", f"{name} holds Python objects (pickled data): refused, never "
                                   "unpickled", name=name)
        wanted = (np.uint8,) if name == META else _FLOATS
        if dtype.type not in wanted or dtype.names is not None:
            kind = "uint8 bytes of JSON" if name == META else "float16, float32 or float64 numbers"
            raise WeightsFileError("meta" if name == META else "dtype", f"{name} must hold {kind}; got {dtype}",
                                   name=name, dtype=str(dtype), what=f"{dtype}, not {kind}")
    W1 = headers["W1"][0]
    if len(W1) != 2 or W1[0] != input_size:
        raise WeightsFileError("shape", f"W1 must have shape ({input_size}, hidden); got {W1}", name="W1",
                               shape=str(W1), expected=f"({input_size}, H)")
    hidden = W1[1]
    if not 1 <= hidden <= max_hidden:
        raise WeightsFileError("hidden_limit", f"{hidden} hidden units; this server allows 1 to {max_hidden}",
                               hidden=hidden, limit=max_hidden)
    for name, expected in (("b1", (hidden,)), ("W2", (hidden, output_size)), ("b2", (output_size,))):
        shape = headers[name][0]
        if len(shape) != len(expected) or (name != "b1" and shape[-1] != expected[-1]):
            raise WeightsFileError("shape", f"{name} must have shape {expected}; got {shape}", name=name,
                                   shape=str(shape), expected=str(expected))
        if shape != expected:
            raise WeightsFileError("sizes", f"{name} has shape {shape} but W1 has {hidden} hidden units, so "
                                   f"{name} must be {expected}", name=name, shape=str(shape),
                                   expected=str(expected))
    if META in headers and (len(headers[META][0]) != 1 or headers[META][0][0] > MAX_META_BYTES):
        raise WeightsFileError("meta", f"meta must be at most {MAX_META_BYTES} bytes of JSON", what="size")


def _read(zf, info, name, header, dtype):
    """The array's data, read to the member's end (so its CRC is checked)."""
    shape, fortran, file_dtype, header_len = header
    nbytes = math.prod(shape) * file_dtype.itemsize
    if info.file_size != header_len + nbytes:
        raise WeightsFileError("corrupt", f"{name}: {info.file_size - header_len} bytes of data for shape "
                               f"{shape}", name=name)
    try:
        with zf.open(info) as f:
            f.seek(header_len)
            raw = f.read(nbytes + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as err:
        raise WeightsFileError("corrupt", f"{name}: damaged data ({err})", name=name) from err
    if len(raw) != nbytes:
        raise WeightsFileError("corrupt", f"{name}: {len(raw)} bytes of data for shape {shape}", name=name)
    a = np.frombuffer(raw, dtype=file_dtype).reshape(shape, order="F" if fortran else "C")
    if name == META:
        return a
    target = dtype or (np.float32 if file_dtype.itemsize == 2 else file_dtype.newbyteorder("="))
    a = np.ascontiguousarray(a, dtype=target)
    if not np.isfinite(a).all():
        raise WeightsFileError("nonfinite", f"{name} holds values that are not finite numbers (NaN or inf)",
                               name=name)
    return a


def _is(value, kind):
    """value has the JSON type kind: str, int, float (finite), dict, None, (a, b) either, [k] a list of k."""
    if isinstance(kind, tuple):
        return any(_is(value, k) for k in kind)
    if isinstance(kind, list):
        return isinstance(value, list) and len(value) <= 8 and all(_is(v, kind[0]) for v in value)
    if kind is None:
        return value is None
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    return isinstance(value, kind)


def _known(obj, fields, prefix=""):
    """The known fields of a JSON object, each checked for its type (others are dropped)."""
    for key, kind in fields.items():
        if key in obj and not _is(obj[key], kind):
            raise WeightsFileError("meta", f"meta field {prefix + key!r} has the wrong type", what=prefix + key)
    return {key: obj[key] for key in fields if key in obj}


def _reject_constant(token):
    raise ValueError(f"{token} is not a JSON number")


def _meta(raw):
    """The meta JSON as a dict of the known fields, each checked for its type."""
    try:
        meta = json.loads(raw.tobytes().decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        raise WeightsFileError("meta", f"meta is not valid JSON text ({err})", what="JSON") from err
    if not isinstance(meta, dict):
        raise WeightsFileError("meta", "meta must be a JSON object", what="JSON")
    out = _known(meta, _FIELDS)
    if "config" in out:
        out["config"] = _known(out["config"], _CONFIG, "config.")
    return out


def load(source, max_hidden=DEFAULT_MAX_HIDDEN, max_file_bytes=None, dtype=None, input_size=784, output_size=10):
    """Params and meta of a weights file, or WeightsFileError (a ValueError) naming what is wrong.

    source : a path, bytes or a binary file object.
    max_hidden : largest hidden layer accepted; it also bounds how many bytes the file may
        declare (the arrays of such a network in float64): more is refused unread (zip bomb).
    max_file_bytes : size limit of the file itself (None: no limit).
    dtype : convert the arrays to this dtype (None: the file's, float16 as float32).

    Returns
    -------
    (params, meta) : params a dict W1 (input, H), b1 (H,), W2 (H, output), b2 (output,);
    meta a dict of the known fields of the file's JSON ({} when it has none).
    """
    with _open(source, max_file_bytes) as zf:
        members = _members(zf)
        declared = sum(info.file_size for info in members.values())
        limit = (input_size * max_hidden + max_hidden + max_hidden * output_size + output_size) * 8 \
            + len(members) * HEADER_SLACK + MAX_META_BYTES
        if declared > limit:
            raise WeightsFileError("bomb", f"the file declares {declared / 2**20:,.0f} MB of arrays once unpacked; a "
                                   f"network within the limits needs at most {limit / 2**20:.1f} MB: refused "
                                   "unread", declared_mb=declared / 2**20, limit_mb=limit / 2**20)
        headers = {name: _header(zf, info, name) for name, info in members.items()}
        _check_headers(headers, input_size, output_size, max_hidden)
        arrays = {name: _read(zf, members[name], name, headers[name], dtype) for name in members}
    meta = _meta(arrays.pop(META)) if META in arrays else {}
    if meta:  # the sizes are the arrays' own, whatever the JSON says
        meta["sizes"] = [input_size, arrays["W1"].shape[1], output_size]
    return arrays, meta
