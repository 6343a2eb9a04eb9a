"""Runs compared: which settings differ, what to call each run, seeds averaged, chart frames.

A teacher's lesson keeps many runs (six learning rates, then four batch sizes at the best
one), so the comparison names each run by what differs between the runs shown (not by
every setting), colours the lines by that setting's value when only one setting differs
(the picture is then ordered: small to large), and can show runs that differ only by
their seed as one line, their mean, with a band from the lowest to the highest run.
Pure functions of the kept run records (``ui.records.summarize``): no Streamlit here.
"""
from dataclasses import dataclass

import pandas as pd

from ui.i18n import t
from ui.outcome import causes_label, status_label

# what a run was asked to do, in the order a label names it; (record key, catalogue key)
SETTINGS = (("loss_function", "loss"), ("lr", "lr"), ("batch_size", "batch"), ("hidden_size", "hidden"),
            ("weight_init_std", "std"), ("iters_planned", "iters"), ("source", "data"), ("seed", "seed"))
NUMERIC = {"lr", "batch_size", "hidden_size", "weight_init_std", "iters_planned", "seed"}
DEFAULT_SHOWN = 8  # runs shown at first when more are kept (a legend of eight stays readable)


@dataclass(frozen=True)
class Line:
    """One line of the comparison: a run, or the runs that differ only by their seed."""

    label: str
    runs: tuple          # the run records drawn as this line
    order: float         # position in the legend (the varying setting's value, else the run id)


def differing(records, keys=None):
    """The setting keys (of SETTINGS) whose values are not all equal among ``records``."""
    keys = keys or [key for key, _ in SETTINGS]
    return [key for key in keys if len({_value(r, key) for r in records}) > 1]


def _value(record, key):
    return record.get(key, "cross_entropy" if key == "loss_function" else None)


def describe(record, key, lang=None):
    """One setting of a run as a short phrase: "lr 0.1", "batch 100", "seed 3"."""
    value = _value(record, key)
    name = t(f"training.short_{dict(SETTINGS)[key]}", lang)
    if key == "loss_function":
        return t(f"training.loss_short_{value}", lang)
    if key == "source":
        return t(f"training.data_short_{value}", lang) if value in ("sample", "full") else str(value)
    text = f"{value:,}" if isinstance(value, int) else f"{value:g}"
    return f"{name} {text}"


def lines(records, average_seeds=False, lang=None):
    """The lines to draw for the runs shown, in legend order; [Line].

    Labels name only the settings that differ among ``records`` (a run whose settings are
    all shared is named by its number).  With ``average_seeds``, runs whose settings are
    equal but for the seed become one line labelled with the number of seeds.
    """
    varying = differing(records)
    by = ordered_by(records, average_seeds)
    if average_seeds:
        varying = [key for key in varying if key != "seed"]
        groups = {}
        for record in records:
            groups.setdefault(tuple(_value(record, key) for key, _ in SETTINGS if key != "seed"), []).append(record)
        found = []
        for members in groups.values():
            phrase = " · ".join(describe(members[0], key, lang) for key in varying)
            if len(members) > 1:
                seeds = len({m["seed"] for m in members})
                seeds = t("training.n_seeds" if seeds == len(members) else "training.n_runs", lang, n=len(members))
                label = f"{phrase} · {seeds}" if phrase else seeds
            else:
                label = f"#{members[0]['id']}" + (f" · {phrase}" if phrase else "")
            found.append(Line(label, tuple(members), _order(members[0], by)))
    else:
        found = [Line(f"#{r['id']}" + "".join(f" · {describe(r, key, lang)}" for key in varying), (r,),
                      _order(r, by)) for r in records]
    return sorted(found, key=lambda line: (line.order, line.runs[0]["id"]))


def _order(record, by):
    """Legend position: by the setting the colours follow (ordered_by), else by run number."""
    return float(_value(record, by) if by else record["id"])


def ordered_by(records, average_seeds=False):
    """The setting the colours follow (small to large), or None for distinct colours:
    exactly one numeric setting differs among the runs (the seed set aside when averaged;
    the iterations set aside when the batch size varies too: runs of a fixed number of
    epochs have as many more iterations as their batches are smaller)."""
    varying = [key for key in differing(records) if not (average_seeds and key == "seed")]
    if "batch_size" in varying:
        varying = [key for key in varying if key != "iters_planned"]
    return varying[0] if len(varying) == 1 and varying[0] in NUMERIC else None


SERIES = ("lr", "batch_size", "hidden_size", "weight_init_std", "loss_function", "seed")


def series(records, key):
    """Ids of the runs of the largest series in which only ``key`` varies (the rest of the
    settings equal; for the batch size, the iterations may vary too), oldest first; the
    latest such series when two are as large; [] when no two runs differ only in ``key``.

    A teacher's lesson: six learning rates at batch 100, then four batch sizes at the best
    learning rate.  series(runs, "lr") is the first six, series(runs, "batch_size") the
    four (with the run of the first series that has the best learning rate and batch 100).
    """
    ignore = {key, "iters_planned"} if key == "batch_size" else {key}
    groups = {}
    for record in records:
        groups.setdefault(tuple(_value(record, k) for k, _ in SETTINGS if k not in ignore), []).append(record)
    found = [group for group in groups.values() if len({_value(r, key) for r in group}) > 1]
    if not found:
        return []
    best = max(found, key=lambda group: (len({_value(r, key) for r in group}), max(r["id"] for r in group)))
    return [r["id"] for r in best]


def has_seed_groups(records):
    """Whether two of ``records`` differ only by their seed (so averaging them means something)."""
    keys = [tuple(_value(r, key) for key, _ in SETTINGS if key != "seed") for r in records]
    return len(set(keys)) < len(keys)


def accuracy_frame(found):
    """Per line and epoch: train_acc, test_acc (the mean over its runs) and the band
    (lowest and highest run) of each; columns run, epoch, train_acc, test_acc,
    train_lo, train_hi, test_lo, test_hi, runs."""
    rows = [{"run": line.label, "epoch": round(e, 6), "train_acc": a, "test_acc": b}
            for line in found for r in line.runs for e, a, b in zip(r["epoch"], r["train_acc"], r["test_acc"])]
    return _aggregate(rows, ["run", "epoch"], {"train_acc": "train", "test_acc": "test"})


def loss_frame(found):
    """Per line and iteration bin: the loss (mean over its runs) and its band; columns run,
    iter, loss, loss_lo, loss_hi, runs."""
    rows = [{"run": line.label, "iter": i, "loss": v} for line in found for r in line.runs
            for i, v in zip(r["loss_iter"], r["loss"])]
    return _aggregate(rows, ["run", "iter"], {"loss": "loss"})


def _aggregate(rows, keys, values):
    columns = keys + [c for v, short in values.items() for c in (v, f"{short}_lo", f"{short}_hi")] + ["runs"]
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(rows)
    grouped = frame.groupby(keys, sort=False)
    out = grouped[list(values)].mean()
    for value, short in values.items():
        out[f"{short}_lo"] = grouped[value].min()
        out[f"{short}_hi"] = grouped[value].max()
    out["runs"] = grouped.size()
    return out.reset_index()[columns]


def chart_frame(frame, x, value, band, points=100):
    """What a comparison chart draws of ``frame`` (accuracy_frame or loss_frame): columns
    run (categorical), x, value and, when some line averages several runs, lo and hi from
    the ``band`` columns; at most ``points`` evenly spaced rows per line, float32 — the
    chart is drawn from this on every rerun, so it stays a few KB per line."""
    keep = []
    for _, rows in frame.groupby("run", sort=False):
        step = max(1, -(-len(rows) // points))
        chosen = rows.iloc[::step]
        if len(rows) and chosen.index[-1] != rows.index[-1]:
            chosen = pd.concat([chosen, rows.iloc[[-1]]])  # every line keeps its last point
        keep.append(chosen)
    thin = pd.concat(keep) if keep else frame.iloc[:0]
    out = pd.DataFrame({"run": pd.Categorical(thin["run"]), x: thin[x].astype("float32"),
                        "value": thin[value].astype("float32")})
    if len(thin) and (thin["runs"] > 1).any():
        out["lo"] = thin[f"{band}_lo"].astype("float32")
        out["hi"] = thin[f"{band}_hi"].astype("float32")
    return out.reset_index(drop=True)


def runs_table(records, lang=None):
    """The table of kept runs (also the CSV): one row per run, translated column titles,
    the run's status and likely causes in words (ui.outcome)."""
    def col(key):
        return t(f"training.col_{key}", lang)

    def data(source):
        return t(f"data.{source}", lang) if source in ("sample", "full") else source

    return pd.DataFrame([{
        col("run"): r["id"], col("lr"): r["lr"], col("batch"): r["batch_size"], col("hidden"): r["hidden_size"],
        col("std"): r["weight_init_std"], col("seed"): r["seed"],
        col("loss"): describe(r, "loss_function", lang), col("iters"): r["iters_done"],
        col("epochs"): round(r["iters_done"] / r["iter_per_epoch"], 2),
        col("train"): r["train_acc"][-1] if r["train_acc"] else None,
        col("test"): r["test_acc"][-1] if r["test_acc"] else None,
        col("seconds"): round(r["seconds"], 2), col("status"): status_label(r, lang),
        col("why"): causes_label(r, lang), col("data"): data(r["source"]),
    } for r in records])
