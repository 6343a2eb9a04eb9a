"""A sweep's cells summed up over their seeds: mean, spread and learning curves per (loss, lr, batch).

Each result is a ``core.sweep.record`` dict; a diverged run has no final accuracy or loss
worth averaging, so it is counted (``statuses``) and left out of the numbers.
"""
import math

import numpy as np


def groups(results, grid):
    """The cells of each (loss, lr, batch_size) over their seeds, in grid order.

    Returns a list of dicts: loss, lr, batch_size, done (seeds finished computing), and for
    each of train_acc, test_acc, gap (train - test) and final_loss the mean, std and
    min/max over the seeds whose value is a number (None when none is); statuses, a dict
    status -> count; causes, a dict cause -> count; curves: epoch (E,), and the mean, min
    and max (E,) of curve_train, curve_test, curve_gap and curve_loss over the seeds that
    measured every point (None when there are none).
    """
    by_cell = {(r["loss"], r["lr"], r["batch_size"], r["seed"]): r for r in results}
    out = []
    for loss in grid.losses:
        for lr in grid.lrs:
            for batch in grid.batch_sizes:
                rs = [by_cell[c] for c in ((loss, lr, batch, s) for s in range(grid.seeds)) if c in by_cell]
                out.append(_group(loss, lr, batch, rs))
    return out


def _stats(values):
    v = np.array([x for x in values if x is not None and math.isfinite(x)], dtype=float)
    if not v.size:
        return None
    return {"mean": float(v.mean()), "std": float(v.std()), "min": float(v.min()), "max": float(v.max()), "n": int(v.size)}


def _group(loss, lr, batch, rs):
    statuses, causes = {}, {}
    for r in rs:
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
        for c in r["causes"]:
            causes[c] = causes.get(c, 0) + 1
    learned = [r for r in rs if r["status"] != "diverged"]
    gap = [r["train_acc"] - r["test_acc"] for r in learned if r["train_acc"] is not None]
    g = {"loss": loss, "lr": lr, "batch_size": batch, "done": len(rs), "statuses": statuses, "causes": causes,
         "train_acc": _stats([r["train_acc"] for r in learned]), "test_acc": _stats([r["test_acc"] for r in learned]),
         "gap": _stats(gap), "final_loss": _stats([r["final_loss"] for r in learned])}
    g["curves"] = _curves(learned)
    return g


def _curves(rs):
    longest = max((len(r["epoch"]) for r in rs), default=0)
    full = [r for r in rs if len(r["epoch"]) == longest and longest]
    if not full:
        return None
    curves = {"epoch": np.asarray(full[0]["epoch"], dtype=float)}
    for name in ("train", "test", "gap", "loss"):
        if name == "gap":
            stack = np.array([np.subtract(r["curve_train"], r["curve_test"]) for r in full], dtype=float)
        else:
            stack = np.array([r[f"curve_{name}"] for r in full], dtype=float)
        curves[name] = {"mean": stack.mean(axis=0), "min": stack.min(axis=0), "max": stack.max(axis=0)}
    return curves
