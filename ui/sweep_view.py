"""What the sweep page draws, as plain frames: heat-map cells, learning curves, the best
cells, the marks' explanation and the CSV of the cells (no drawing, no session state)."""
import math

import pandas as pd

from ui.i18n import t

STAT = {"test": "test_acc", "train": "train_acc", "gap": "gap", "loss": "final_loss"}
CURVE = {"test": "test", "train": "train", "gap": "gap", "loss": "loss"}


def number(view, value):
    """A cell's value as its label shows it: accuracy in %, the gap in percentage points."""
    if view in ("test", "train"):
        return f"{value:.1%}"
    if view == "gap":
        return f"{100 * value:+.1f}"
    return f"{value:.3g}"


def spread(view, value):
    return f"±{100 * value:.1f}" if view != "loss" else f"±{value:.2g}"


def marks(group, seeds):
    """The cell's status line: did not learn, diverged, still computing (empty when all learned)."""
    s = group["statuses"]
    lines = []
    if s.get("did_not_learn"):
        lines.append(t("sweep.lbl_dnl", n=s["did_not_learn"], of=seeds))
    if s.get("diverged"):
        lines.append(t("sweep.lbl_div", n=s["diverged"], of=seeds))
    if group["done"] < seeds:
        lines.append(t("sweep.lbl_pending", n=group["done"], of=seeds))
    return " ".join(lines)


def heat_frames(groups, loss, view, seeds):
    """(cells with a value, cells without one, the colour scale's domain) of one loss for the heat map.

    Both have lr, batch (as text), the label's three lines text (the mean), spread (± the
    standard deviation) and mark (marks()), and marked (some seed did not learn or
    diverged); the first also value and dark (dark text reads better on it).  A cell without a value (every seed diverged, or not
    computed yet) is drawn grey with its label: never blank.
    """
    values, blanks = [], []
    stats = [g[STAT[view]] for g in groups if g["loss"] == loss and g[STAT[view]]]
    low = min((s["mean"] for s in stats), default=0.0)
    high = max((s["mean"] for s in stats), default=1.0)
    low, high = domain(view, low, high)
    for g in groups:
        if g["loss"] != loss:
            continue
        stat, mark = g[STAT[view]], marks(g, seeds)
        row = {"lr": f"{g['lr']:g}", "batch": str(g["batch_size"]),
               "marked": bool(g["statuses"].get("did_not_learn") or g["statuses"].get("diverged"))}
        if stat:
            position = (stat["mean"] - low) / (high - low) if high > low else 0.5
            bright = position > 0.6 if view in ("test", "train") else position < 0.4
            values.append({**row, "value": stat["mean"], "dark": bright, "text": number(view, stat["mean"]),
                           "spread": spread(view, stat["std"]) if stat["n"] > 1 else "", "mark": mark})
        else:
            empty = t("sweep.lbl_all_diverged") if g["statuses"].get("diverged") else "…"
            blanks.append({**row, "text": empty, "spread": "", "mark": mark})
    columns = ["lr", "batch", "marked", "text", "spread", "mark"]
    return (pd.DataFrame(values, columns=columns + ["value", "dark"]), pd.DataFrame(blanks, columns=columns),
            (low, high))


def domain(view, low, high):
    """The colour scale's range: accuracies on [0, 1] for both losses alike; the gap and the
    loss from 0 to the largest value (the loss: each loss on its own scale)."""
    if view in ("test", "train"):
        return 0.0, 1.0
    if view == "gap":
        return min(0.0, low), max(0.01, high)
    return 0.0, max(high, 1e-9)


def best(groups, loss):
    """The group with the best mean held-out accuracy of this loss, and the best lr per batch size."""
    mine = [g for g in groups if g["loss"] == loss and g["test_acc"]]
    if not mine:
        return None, {}
    top = max(mine, key=lambda g: g["test_acc"]["mean"])
    per_batch = {}
    for g in mine:
        b = g["batch_size"]
        if b not in per_batch or g["test_acc"]["mean"] > per_batch[b]["test_acc"]["mean"]:
            per_batch[b] = g
    return top, {b: g["lr"] for b, g in sorted(per_batch.items())}


def curve_frame(groups, loss, view, mode, lr, batch):
    """Learning curves of one loss: epoch, series, mean, low, high (the band: lowest to
    highest seed).  mode "cell": the picked cell (train and test for the accuracy views);
    "row": the picked lr at every batch size; "col": the picked batch size at every lr."""
    rows = []
    for g in groups:
        if g["loss"] != loss or not g["curves"]:
            continue
        if mode == "cell" and (g["lr"], g["batch_size"]) == (lr, batch):
            names = ("train", "test") if view in ("test", "train") else (CURVE[view],)
            series = [(t(f"sweep.series_{n}"), n) for n in names]
        elif mode == "row" and g["lr"] == lr:
            series = [(t("sweep.series_batch", batch=g["batch_size"]), CURVE[view])]
        elif mode == "col" and g["batch_size"] == batch:
            series = [(t("sweep.series_lr", lr=f"{g['lr']:g}"), CURVE[view])]
        else:
            continue
        c = g["curves"]
        for name, part in series:
            for i, epoch in enumerate(c["epoch"]):
                values = [float(c[part][k][i]) for k in ("mean", "min", "max")]
                if all(math.isfinite(v) for v in values):
                    rows.append({"epoch": float(epoch), "series": name, "order": len(rows),
                                 "mean": values[0], "low": values[1], "high": values[2]})
    return pd.DataFrame(rows, columns=["epoch", "series", "order", "mean", "low", "high"])


def causes_summary(groups):
    """{cause: runs} over the grid's cells that did not learn, and the diverged runs."""
    causes, diverged = {}, 0
    for g in groups:
        diverged += g["statuses"].get("diverged", 0)
        if g["statuses"].get("did_not_learn"):
            for cause, n in g["causes"].items():
                causes[cause] = causes.get(cause, 0) + n
    return causes, diverged


def cells_csv(results):
    """One row per run of the grid (every seed), with translated column names, as CSV bytes."""
    columns = ("loss", "lr", "batch_size", "seed", "iters", "train_acc", "test_acc", "final_loss", "status",
               "causes", "seconds")
    rows = [{t(f"sweep.col_{c}"): (",".join(r[c]) if c == "causes" else r[c]) for c in columns}
            for r in sorted(results, key=lambda r: (r["loss"], r["lr"], r["batch_size"], r["seed"]))]
    frame = pd.DataFrame(rows, columns=[t(f"sweep.col_{c}") for c in columns])
    return frame.to_csv(index=False).encode("utf-8-sig")
