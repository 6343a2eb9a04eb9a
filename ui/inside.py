"""The inside page's logic: which networks a session can open, what each gets right and wrong, files in and out.

A network here is a plain dict (an "entry"): key ("run3", "book" or "file"), params
(read-only float32 W1 b1 W2 b2), config (the TrainConfig fields it was trained with,
or {} when unknown), source (the data it was trained on), and what the run reported
(iters_done, train_acc, test_acc, status).  Everything computed from a network is
cached by a digest of its weights, so two sessions looking at the same weights (the
book's network, say) share it.
"""
import hashlib
import io
import logging
import threading
from dataclasses import asdict, fields

import numpy as np
import streamlit as st

from core import weights_file
from core.digit_image import preprocess
from core.evaluation import (cell_members, confusion_matrix, least_confident_correct, most_confident_mistakes,
                             per_class_accuracy, predict_u8, top_k)
from core.sgd import TrainConfig, Trainer, initial_net
from ui import data, images, limits, records, training

VIEWS = ("confusion", "mistakes", "weights", "draw")
CHOSEN = "inside.chosen"        # plain session key: the chosen network (survives other pages)
LATEST_SEEN = "inside.latest_seen"
LOADED = "inside.loaded"        # the network read from a file (one per session)
MAX_WEIGHTS_BYTES = 5 << 20     # the server's upload cap (.streamlit/config.toml)
GALLERY_MAX = 64                # images of one confusion-matrix cell shown at most
MISTAKES_SHOWN = 24
TILES_MAX = 100
CONFIG_FIELDS = tuple(f.name for f in fields(TrainConfig))

_book_ready = threading.Event()
log = logging.getLogger(__name__)


def _read_only(params):
    for value in params.values():
        value.setflags(write=False)
    return params


@st.cache_resource(show_spinner=False)
def book_network():
    """The book's network (784-50-10, lr 0.1, batch 100, 10,000 iterations, seed 0) trained on the sample.

    Trained once per process and shared read-only by every session: Streamlit lets one
    caller compute a cached value while the others wait for it.
    """
    trainer = Trainer(data.sample(), TrainConfig())
    history = trainer.run()
    entry = {"key": "book", "params": records.final_params(trainer), "config": asdict(trainer.config),
             "source": "sample", "iters_done": history.iters_done, "status": history.status,
             "train_acc": history.train_acc[-1], "test_acc": history.test_acc[-1]}
    _book_ready.set()
    return entry


def book_ready():
    return _book_ready.is_set()


def forget_book():
    """Forget the shared book network (tests)."""
    _book_ready.clear()
    book_network.clear()


def _run_entry(record):
    config = {k: record[k] for k in CONFIG_FIELDS if k in record}
    config.update(iters=record["iters_planned"], dtype="float32")
    return {"key": f"run{record['id']}", "id": record["id"], "params": record["params"], "config": config,
            "source": record["source"], "iters_done": record["iters_done"], "status": record["status"],
            "train_acc": record["train_acc"][-1] if record["train_acc"] else None,
            "test_acc": record["test_acc"][-1] if record["test_acc"] else None}


def networks():
    """{key: entry} this session can open: its kept runs newest first, the book's network, a loaded file."""
    entries = {}
    for record in reversed(training.runs()):
        if record.get("params") is not None:
            entry = _run_entry(record)
            entries[entry["key"]] = entry
    if book_ready():
        entries["book"] = book_network()
    if st.session_state.get(LOADED):
        entries["file"] = st.session_state[LOADED]
    return entries


def runs_without_weights():
    """Kept runs whose weights were dropped (memory budget) or were not finite numbers."""
    return sum(1 for record in training.runs() if record.get("params") is None)


def chosen(entries):
    """The key of the network to show: the newest run when one appeared since the last look,
    else the session's choice if it still exists, else the first of ``entries``."""
    runs = [k for k in entries if k.startswith("run")]
    if runs and st.session_state.get(LATEST_SEEN) != runs[0]:
        st.session_state[LATEST_SEEN] = st.session_state[CHOSEN] = runs[0]
    if st.session_state.get(CHOSEN) not in entries:
        st.session_state[CHOSEN] = next(iter(entries))
    return st.session_state[CHOSEN]


def choose(key):
    st.session_state[CHOSEN] = key


def digest(params):
    """A short hash of the weights: what every cache of this page is keyed by."""
    h = hashlib.sha1()
    for name in ("W1", "b1", "W2", "b2"):
        h.update(np.ascontiguousarray(params[name]).data)
    return h.hexdigest()[:20]


def dataset_for(entry):
    """The held-out digits to measure a network on: full MNIST's test set for a network trained on it
    (when this server has it), else the embedded sample's held-out part."""
    if entry.get("source") == "full" and data.full_available():
        try:
            return data.full()
        except (ValueError, OSError, RuntimeError):
            pass
    return data.sample()


@st.cache_resource(max_entries=16, show_spinner=False)
def analysis(key, source, _params, _data):
    """Everything about one network on one test set, computed once: probs (N, 10), predicted (N,),
    confusion (10, 10), accuracy and counts per digit (10,), wrong (all mistakes, most confident
    first), unsure (least confident right answers), correct, total.  Arrays are read-only."""
    probs = predict_u8(_params, _data.x_test)
    predicted = probs.argmax(axis=1)
    t = _data.t_test
    confusion = confusion_matrix(t, predicted)
    accuracy, counts = per_class_accuracy(confusion)
    result = {"probs": probs, "predicted": predicted, "confusion": confusion, "accuracy": accuracy,
              "counts": counts, "wrong": most_confident_mistakes(t, probs),
              "unsure": least_confident_correct(t, probs, MISTAKES_SHOWN),
              "correct": int(np.trace(confusion)), "total": int(t.shape[0])}
    for value in result.values():
        if isinstance(value, np.ndarray):
            value.setflags(write=False)
    return result


def analyse(entry):
    """(analysis, test data) of an entry."""
    test = dataset_for(entry)
    return analysis(digest(entry["params"]), test.source, entry["params"], test), test


def percent_down(p):
    """A probability as whole percent rounded down: 0.9996 is "99%", never a "100%" that is not certain."""
    return f"{int(np.floor(p * 100))}%"


def worst_pair(confusion):
    """(true, answer, count) of the most frequent mistake (off the diagonal)."""
    off = confusion - np.diag(np.diag(confusion))
    true, pred = np.unravel_index(np.argmax(off), off.shape)
    return int(true), int(pred), int(off[true, pred])


@st.cache_resource(max_entries=64, show_spinner=False)
def cell_gallery(key, source, true, pred, _a, _data):
    """(PNG of the cell's images, most confident first; how many there are; how many are shown)."""
    members = cell_members(_data.t_test, _a["predicted"], _a["probs"], true, pred)
    shown = members[:GALLERY_MAX]
    if not len(shown):
        return None, 0, 0
    lines = [[percent_down(_a["probs"][i, pred])] for i in shown]
    rgb = images.gallery(_data.x_test[shown].reshape(-1, 28, 28), [None] * len(shown), lines, columns=10)
    return images.png(rgb), len(members), len(shown)


@st.cache_resource(max_entries=32, show_spinner=False)
def answers_gallery(key, source, which, _a, _data):
    """PNG of the most confident mistakes ("wrong") or least confident right answers ("unsure"),
    each with true -> answer above and its top-3 probabilities beside it; None if there are none."""
    chosen_idx = _a[which][:MISTAKES_SHOWN]
    if not len(chosen_idx):
        return None
    classes, probs = top_k(_a["probs"][chosen_idx], 3)
    headings = [(int(_data.t_test[i]), int(c[0])) for i, c in zip(chosen_idx, classes)]
    lines = [[f"{c} {percent_down(p)}" for c, p in zip(cs, ps)] for cs, ps in zip(classes, probs)]
    return images.png(images.gallery(_data.x_test[chosen_idx].reshape(-1, 28, 28), headings, lines))


def initial_w1(entry):
    """W1 (784, H) before training, recomputed from the seed (None when the settings do not say it)."""
    config, hidden = entry.get("config") or {}, entry["params"]["W1"].shape[1]
    if config.get("hidden_size") != hidden or not {"seed", "weight_init_std"} <= set(config):
        return None
    try:
        cfg = TrainConfig(**{k: config[k] for k in CONFIG_FIELDS if k in config})
        return initial_net(cfg).params["W1"]
    except (ValueError, TypeError, OverflowError):
        return None


@st.cache_resource(max_entries=16, show_spinner=False)
def weight_tiles(key, own_scale, _entry):
    """PNGs of the first TILES_MAX columns of W1 after and before training (None if unknown), on one
    colour scale (the trained weights' 99th percentile of |W1|) or each on its own, with the scales."""
    after = _entry["params"]["W1"][:, :TILES_MAX]
    before = initial_w1(_entry)
    before = None if before is None else before[:, :TILES_MAX]
    extent = float(np.quantile(np.abs(after), 0.99)) or 1e-6
    extent_before = extent
    if own_scale and before is not None:
        extent_before = float(np.quantile(np.abs(before), 0.99)) or 1e-6
    return {"after": images.png(images.tiles(after, extent)),
            "before": None if before is None else images.png(images.tiles(before, extent_before)),
            "extent": extent, "extent_before": extent_before, "bar": images.png(images.colour_bar(extent)),
            "hidden": int(_entry["params"]["W1"].shape[1])}


def read_digit(data_bytes, params):
    """A drawn or uploaded image's bytes -> dict: x (28, 28) float32 as the network sees it (None if
    blank), probs (10,) or None, notes [(kind, details)]; or ImageRefused naming what is wrong."""
    gray, notes = images.decode_digit_image(data_bytes)
    x = preprocess(gray)
    if x is None:
        return {"x": None, "probs": None, "notes": notes}
    x_u8 = np.round(x * 255).astype(np.uint8)  # stored as MNIST stores its digits
    return {"x": x_u8, "probs": predict_u8(params, x_u8.reshape(1, 784))[0], "notes": notes}


def file_name(entry):
    sizes = "-".join(str(s) for s in (784, entry["params"]["W1"].shape[1], 10))
    return f"two_layer_net_{sizes}_{entry['key']}.npz"


def weights_bytes(entry):
    """The entry as a weights file (.npz bytes) with its settings and accuracy as meta."""
    meta = {k: entry[k] for k in ("iters_done", "status", "train_acc", "test_acc") if entry.get(k) is not None}
    meta.update(config=entry.get("config") or {}, data=entry.get("source") or "", name=entry.get("name", entry["key"]))
    buf = io.BytesIO()
    weights_file.save(buf, entry["params"], meta)
    return buf.getvalue()


def read_weights(name, data_bytes):
    """An uploaded weights file -> entry (selected as "file"), or WeightsFileError naming what is wrong."""
    params, meta = weights_file.load(io.BytesIO(data_bytes), max_hidden=limits.current().max_hidden,
                                     max_file_bytes=MAX_WEIGHTS_BYTES, dtype=np.float32)
    return {"key": "file", "name": name[:80], "params": _read_only(params), "config": meta.get("config", {}),
            "source": meta.get("data", "file"), "iters_done": meta.get("iters_done"),
            "status": meta.get("status"), "train_acc": meta.get("train_acc"), "test_acc": meta.get("test_acc")}


# ---------------------------------------------------------------- what the page's widgets keep

UPLOADS, MESSAGE, CANVASES, DIGIT = "inside.uploads", "inside.load_message", "inside.canvases", "inside.digit"


def weights_uploader_key():
    return f"inside.weights_file.{st.session_state.get(UPLOADS, 0)}"


def take_weights_upload():
    """on_change of the weights uploader: keep the file's network as the session's loaded one (and
    choose it), or note why not; then empty the uploader (a new key) so its bytes are not kept."""
    file = st.session_state.get(weights_uploader_key())
    st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1
    if file is None:
        return
    try:
        entry = read_weights(file.name, file.getvalue())
    except weights_file.WeightsFileError as err:
        st.session_state[MESSAGE] = ("error", file.name[:80], err.reason, err.details)
        return
    except Exception:  # noqa: BLE001 - a callback is outside the page's safety net: say so, log it
        log.exception("weights file %r could not be read", file.name[:80])
        st.session_state[MESSAGE] = ("error", file.name[:80], "unreadable", {})
        return
    st.session_state[LOADED] = entry
    choose("file")
    st.session_state[MESSAGE] = ("ok", file.name[:80], entry["params"]["W1"].shape[1], {})


def canvas_key():
    return f"inside.canvas.{st.session_state.get(CANVASES, 0)}"


def clear_canvas():
    """A new key gives an empty canvas."""
    st.session_state[CANVASES] = st.session_state.get(CANVASES, 0) + 1


def uploaded_digit(file, entry):
    """read_digit of an uploaded image, decoded once per file and network; {"error": (reason, details)}
    when the image is refused."""
    key = (file.file_id, entry["key"], digest(entry["params"]))
    kept = st.session_state.get(DIGIT)
    if kept is None or kept[0] != key:
        try:
            result = read_digit(file.getvalue(), entry["params"])
        except images.ImageRefused as err:
            result = {"error": (err.reason, err.details)}
        except Exception:  # noqa: BLE001 - whatever else a crafted image does: refused, logged
            log.exception("image %r could not be read", file.name[:80])
            result = {"error": ("broken", {})}
        kept = st.session_state[DIGIT] = (key, result)
    return kept[1]
