"""Did a run learn?  One verdict for the training page, the command line and a sweep.

A run that ends without error has not necessarily learned anything: with too large a
learning rate the loss wanders above where it started and the accuracy stays at what
guessing gets; with too large initial weights the hidden sigmoids start flat and pass
almost no gradient back.  ``judge`` reads a History and says which happened.
"""
from dataclasses import dataclass

import numpy as np

from core.functions import cross_entropy_error, mean_squared_error

CHANCE_MARGIN = 0.1     # test accuracy below 1/classes + this is "near chance"
LOSS_MARGIN = 1.05      # a loss 5 % above its start has "ended above" it (mini-batch noise)
SATURATION_LEVEL = 5.0  # beyond |a| = 5 the sigmoid's slope is under 0.0067, 3 % of its peak 0.25
SATURATED_START = 0.5   # half the hidden units flat at the start: the weights are too large
CAUSES = ("saturated", "overshoot", "too_slow")


@dataclass(frozen=True)
class Verdict:
    """What a run did.

    status : "finished" (it learned), "did_not_learn", "stopped", "diverged", or the
        History's own status while it is not done ("ready", "running").
    causes : the likely reasons it did not learn, most important first, from
        "saturated" (initial weights too large), "overshoot" (steps too large) and
        "too_slow" (steps too small or too few).  Empty for a run that learned.
    loss_start : the mini-batch loss before the first update.
    loss_end : the mean mini-batch loss over the last tenth of the run.
    guess_loss : the loss of a network that knows nothing (every class 1/classes).
    chance : the accuracy of guessing, 1/classes.
    """

    status: str
    causes: tuple = ()
    loss_start: float | None = None
    loss_end: float | None = None
    guess_loss: float | None = None
    chance: float = 0.1


def saturation(params, x_u8, rows=500):
    """Fraction of (image, hidden unit) pairs whose sigmoid is flat: |a1| > SATURATION_LEVEL.

    params : TwoLayerNet.params (W1 (784, H), b1 (H,)); x_u8 : (N, 784) uint8 images, of
    which the first ``rows`` are used.  Returns a float in [0, 1] (nan if not finite).
    """
    W1, b1 = params["W1"], params["b1"]
    with np.errstate(all="ignore"):
        a1 = (x_u8[:rows].astype(W1.dtype) / 255) @ W1 + b1
        return float(np.mean(np.abs(a1) > SATURATION_LEVEL)) if np.isfinite(a1).all() else float("nan")


def guess_loss(loss="cross_entropy", classes=10):
    """The loss of predicting 1/classes for every class, computed with the book's own function."""
    y = np.full((1, classes), 1.0 / classes)
    t = np.zeros((1, classes))
    t[0, 0] = 1.0
    function = {"cross_entropy": cross_entropy_error, "mean_squared_error": mean_squared_error}[loss]
    return float(function(y, t))


def judge(history, classes=10):
    """The Verdict of a History (core.run.History) or anything with its fields.

    A finished run did not learn when its final test accuracy is within CHANCE_MARGIN of
    guessing, or its loss ended above where it began.  Causes: "saturated" when most
    hidden units were flat at the start; "overshoot" when the loss ended above where it
    began, or the run diverged;
    "too_slow" when neither explains a finished run that did not learn.  A stopped run
    keeps its status (the student ended it) but names saturation or overshoot if seen.
    """
    status = history.status
    chance = 1.0 / classes
    losses = np.asarray(history.loss[: history.iters_done], dtype=float)
    reference = guess_loss(history.config.get("loss", "cross_entropy"), classes)
    saturated = ("saturated",) if (history.saturation_start or 0.0) >= SATURATED_START else ()
    start = float(losses[0]) if losses.size else None
    end = float(losses[-max(1, losses.size // 10):].mean()) if losses.size else None
    if status == "diverged":
        return Verdict(status, saturated + ("overshoot",), start, end, reference, chance)
    if status not in ("finished", "stopped") or not losses.size:
        return Verdict(status, (), start, end, reference, chance)
    rose = end > LOSS_MARGIN * start
    near_chance = bool(history.test_acc) and history.test_acc[-1] < chance + CHANCE_MARGIN
    causes = ()
    if rose or near_chance:
        causes = saturated + (("overshoot",) if rose else ())
        if status == "finished":
            status, causes = "did_not_learn", causes or ("too_slow",)
    return Verdict(status, causes, start, end, reference, chance)
