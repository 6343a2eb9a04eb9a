"""What a training run is asked to do (TrainConfig) and what it did (History).

Train and test accuracy are measured once per epoch (iterations per epoch =
train_size / batch_size, rounded up); a run of more than MAX_EVALS epochs measures every
few epochs instead, so that a tiny epoch (a batch as large as the data) cannot turn a run
into thousands of full evaluations.
"""
import math
from dataclasses import asdict, dataclass, field

import numpy as np

from core.functions import LOSSES  # noqa: F401 - also a public name here
from core.validate import check_choice, check_int, check_positive

STATUSES = ("ready", "running", "finished", "stopped", "diverged")
MAX_EVALS = 200  # accuracy measurements of one run (a run of more epochs measures every few epochs)


@dataclass
class TrainConfig:
    """Hyperparameters of one run (the book's defaults)."""

    hidden_size: int = 50
    lr: float = 0.1
    batch_size: int = 100
    iters: int = 10_000
    weight_init_std: float = 0.01
    seed: int = 0
    dtype: str = "float32"
    loss: str = "cross_entropy"       # or "mean_squared_error" (core.functions.LOSSES)

    def check(self, train_size):
        """Raise ValueError naming the first parameter out of its range."""
        check_int("hidden_size", self.hidden_size, 1)
        check_positive("lr", self.lr)
        check_int("batch_size", self.batch_size, 1, train_size)
        check_int("iters", self.iters, 1)
        check_positive("weight_init_std", self.weight_init_std)
        check_int("seed", self.seed, 0)
        if self.dtype not in ("float32", "float64"):
            raise ValueError(f'dtype must be "float32" or "float64"; got {self.dtype!r}')
        check_choice("loss", self.loss, LOSSES)


def iters_per_epoch(train_size, batch_size):
    """Iterations that draw train_size samples in all: ceil(train_size / batch_size)."""
    return max(1, math.ceil(train_size / batch_size))


def eval_interval(iters, iter_per_epoch, max_evals=MAX_EVALS):
    """Iterations between accuracy measurements: one epoch, or whole epochs enough apart
    that a run of ``iters`` iterations measures at most about ``max_evals`` times (each
    measurement runs the network on the whole train and test sets)."""
    epochs = math.ceil(iters / iter_per_epoch)
    return iter_per_epoch * max(1, math.ceil(epochs / max_evals))


@dataclass
class History:
    """What a run produced so far; plain data (to_dict() gives lists and numbers).

    loss : (iters_done,) mini-batch loss of every iteration.
    eval_iter, epoch, train_acc, test_acc : one entry per accuracy measurement (after
        iteration 1, every eval_every iterations, and at the end).
    status : "ready", "running" (resumable), "finished", "stopped" or "diverged".
    diverged_at : 1-based iteration whose loss was not finite, else None.
    saturation_start, saturation_end : fraction of hidden sigmoids that are flat on the
        first training images, before the first and after the last iteration
        (core.verdict.saturation).
    """

    config: dict
    iters_planned: int
    iter_per_epoch: int
    eval_every: int
    train_size: int
    test_size: int
    loss: np.ndarray = field(repr=False)
    iters_done: int = 0
    eval_iter: list = field(default_factory=list)
    epoch: list = field(default_factory=list)
    train_acc: list = field(default_factory=list)
    test_acc: list = field(default_factory=list)
    seconds: float = 0.0
    status: str = "ready"
    diverged_at: int | None = None
    saturation_start: float | None = None
    saturation_end: float | None = None

    @property
    def losses(self):
        """(iters_done,) float64 array of the recorded losses."""
        return self.loss[: self.iters_done]

    @property
    def us_per_iter(self):
        return 1e6 * self.seconds / self.iters_done if self.iters_done else float("nan")

    def to_dict(self):
        d = asdict(self)
        d["loss"] = self.losses.tolist()
        return d
