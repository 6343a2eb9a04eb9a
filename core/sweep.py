"""The learning-rate x batch-size sweep: every cell of the grid is one full run of the same Trainer.

    python -m core.sweep --data sample --lr 0.01,0.1,1 --batch 10,100,1000 --seeds 3 --epochs 5 --json

A grid is learning rates x batch sizes x seeds (x losses), on a budget in epochs (fair in
data seen: every cell draws as many images) or in iterations (fair in updates).  Cells
run in worker processes (joblib), one BLAS thread each, or on a Dask ``distributed``
cluster: the processes only orchestrate, every cell computes the same numbers wherever it
runs.  Each cell's verdict (finished, did not learn, diverged) is ``core.verdict.judge``'s.
The command line lives in ``core.sweep_cli``, results files in ``core.sweep_file``, and the
cells summed up over their seeds in ``core.sweep_stats``.
"""
import ctypes
import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from core.functions import LOSSES
from core.mnist import load_full, load_npz, load_sample
from core.run import TrainConfig, iters_per_epoch
from core.sgd import Trainer
from core.sweep_stats import groups  # noqa: F401 - a public name here too
from core.validate import check_choice, check_int, check_positive
from core.verdict import judge

BUDGETS = ("epochs", "iters")
FORMAT = 1  # of the cells and of the results file; part of every key


@dataclass(frozen=True)
class Grid:
    """What a sweep runs: every (loss, lr, batch_size, seed) with the same network and budget.

    lrs, batch_sizes : sorted, without repeats (Grid.make does this); seeds: 0 .. seeds - 1.
    budget, length : "epochs" (length epochs of ceil(train_size / batch_size) iterations)
        or "iters" (length iterations for every cell).
    """

    lrs: tuple
    batch_sizes: tuple
    seeds: int = 3
    losses: tuple = ("cross_entropy",)
    budget: str = "epochs"
    length: int = 5
    hidden_size: int = 50
    weight_init_std: float = 0.01

    @classmethod
    def make(cls, lrs, batch_sizes, seeds=3, losses=("cross_entropy",), budget="epochs", length=5, **kwargs):
        """A Grid in its canonical order (so the same cells always make the same grid); checked."""
        for loss in losses:
            check_choice("loss", loss, LOSSES)
        grid = cls(tuple(sorted({float(v) for v in lrs})), tuple(sorted({int(v) for v in batch_sizes})), seeds,
                   tuple(loss for loss in LOSSES if loss in set(losses)), budget, length, **kwargs)
        grid.check()
        return grid

    def check(self, train_size=None):
        """Raise ValueError naming the first setting out of its range."""
        if not self.lrs or not self.batch_sizes or not self.losses:
            raise ValueError("lr, batch_size and loss each need at least one value")
        for lr in self.lrs:
            check_positive("lr", lr)
        for batch in self.batch_sizes:
            check_int("batch_size", batch, 1, train_size)
        for loss in self.losses:
            check_choice("loss", loss, LOSSES)
        check_int("seeds", self.seeds, 1)
        check_choice("budget", self.budget, BUDGETS)
        check_int(self.budget, self.length, 1)
        check_int("hidden_size", self.hidden_size, 1)
        check_positive("weight_init_std", self.weight_init_std)

    def cells(self):
        """Every cell as (loss, lr, batch_size, seed), in a fixed order."""
        return [(loss, lr, batch, seed) for loss in self.losses for lr in self.lrs
                for batch in self.batch_sizes for seed in range(self.seeds)]

    def iters(self, batch_size, train_size):
        """Iterations of a cell with this batch size."""
        if self.budget == "iters":
            return self.length
        return self.length * iters_per_epoch(train_size, batch_size)

    def config(self, cell, train_size):
        loss, lr, batch, seed = cell
        return TrainConfig(hidden_size=self.hidden_size, lr=lr, batch_size=batch, iters=self.iters(batch, train_size),
                           weight_init_std=self.weight_init_std, seed=seed, loss=loss)

    def total_images(self, train_size):
        """Images drawn by the whole sweep (iterations x batch size, summed over the cells)."""
        return sum(self.iters(batch, train_size) * batch for _, _, batch, _ in self.cells())

    def to_dict(self):
        d = asdict(self)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}

    @classmethod
    def from_dict(cls, d):
        return cls.make(**d)


def data_digest(data):
    """A short fingerprint of a data set's four arrays (same data, same digest)."""
    h = hashlib.sha256()
    for a in (data.x_train, data.t_train, data.x_test, data.t_test):
        h.update(str(a.shape).encode())
        h.update(np.ascontiguousarray(a).data)
    return h.hexdigest()[:16]


def sweep_key(digest, grid):
    """The key of a sweep's results: its data, grid and budget (and the file format)."""
    text = json.dumps({"format": FORMAT, "data": digest, "grid": grid.to_dict()}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# ---------------------------------------------------------------- one cell, in a worker

_loaded = {}


def load_source(source):
    """The data set named "sample", "full" or a path to an .npz, loaded once per process."""
    if source not in _loaded:
        _loaded[source] = load_sample() if source == "sample" else load_full() if source == "full" else load_npz(source)
    return _loaded[source]


M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters
_allocator_checked = []


def keep_freed_memory():
    """Undo a small ``MALLOC_TRIM_THRESHOLD_`` in this process (once; glibc only).

    Dask's nanny starts every worker with ``MALLOC_TRIM_THRESHOLD_=65536``: glibc then gives
    each step's freed temporaries back to the system and faults them in again at the next
    step, which made every cell on a Dask worker twice as slow (24,000 page faults for a
    one-epoch cell instead of 2).  Keeping up to 64 MB freed, and allocating blocks below
    32 MB from the heap, gives a worker the speed of any other process.  This tunes only the
    allocator of the process that runs the cells; the numbers are the same either way.
    """
    if _allocator_checked:
        return
    _allocator_checked.append(True)
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(M_TRIM_THRESHOLD, 64 << 20)
        libc.mallopt(M_MMAP_THRESHOLD, 32 << 20)
    except (OSError, AttributeError):  # not glibc: nothing to undo
        pass


def run_cell(source, grid_dict, cell):
    """Train one cell; returns a plain dict (see ``record``).  Runs in a worker process:
    it gets only names and numbers, loads the data by name and pins BLAS to one thread."""
    keep_freed_memory()
    data = load_source(source)
    grid = Grid.from_dict(grid_dict)
    with threadpool_limits(1):
        history = Trainer(data, grid.config(tuple(cell), data.train_size)).run()
    return record(cell, history)


def record(cell, history):
    """A cell's result: its settings, final accuracies and loss, verdict, time and curves.

    final_loss is the mean mini-batch loss over the last tenth of the run (the verdict's
    loss_end; None once diverged).  The curves have one point per accuracy measurement:
    epoch, train and test accuracy, and the mean mini-batch loss since the previous one.
    """
    verdict = judge(history)
    loss, lr, batch, seed = cell
    losses = history.losses
    starts = [0] + history.eval_iter[:-1]
    curve_loss = [float(losses[a:b].mean()) for a, b in zip(starts, history.eval_iter)]  # eval_iter increases
    n = len(history.test_acc)
    return {
        "loss": loss, "lr": float(lr), "batch_size": int(batch), "seed": int(seed),
        "iters": history.iters_planned, "iters_done": history.iters_done,
        "train_acc": history.train_acc[-1] if n else None, "test_acc": history.test_acc[-1] if n else None,
        "final_loss": None if verdict.status == "diverged" or verdict.loss_end is None else verdict.loss_end,
        "status": verdict.status, "causes": list(verdict.causes), "seconds": history.seconds,
        "diverged_at": history.diverged_at,
        "epoch": list(history.epoch[:n]), "curve_train": list(history.train_acc[:n]),
        "curve_test": list(history.test_acc[:n]), "curve_loss": curve_loss[:n],
    }


def cell_of(result):
    """(loss, lr, batch_size, seed) of a result dict."""
    return result["loss"], result["lr"], result["batch_size"], result["seed"]


# ---------------------------------------------------------------- many cells

def usable_cores():
    """Cores this process may use (a container's share, not the host's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def _ignore_ctrl_c():
    """Worker processes leave Ctrl-C to the parent, which stops them and keeps what finished."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run(cells, source, grid, jobs=1, dask=None):
    """Yield each cell's result as it finishes (in any order).

    jobs : worker processes (joblib's loky backend, one BLAS thread each); 1 runs the cells
        in this process.  dask : a ``distributed.Client`` or a scheduler address; the cells
        go to its workers instead (then jobs is ignored).
    Closing the generator early (or Ctrl-C) cancels the cells not yet finished.
    """
    grid_dict = grid.to_dict()
    cells = [tuple(c) for c in cells]
    if dask is None and jobs <= 1:
        for cell in cells:
            yield run_cell(source, grid_dict, cell)
        return
    if dask is None:
        from joblib import Parallel, delayed, parallel_config

        tasks = (delayed(run_cell)(source, grid_dict, cell) for cell in cells)
        with parallel_config(backend="loky", inner_max_num_threads=1, initializer=_ignore_ctrl_c):
            parallel = Parallel(n_jobs=jobs, batch_size=1, pre_dispatch="2*n_jobs", return_as="generator_unordered")
        yield from parallel(tasks)
        return
    import distributed

    client = dask if isinstance(dask, distributed.Client) else distributed.Client(dask, timeout="10s")
    try:  # one task per cell, straight to the scheduler (joblib's dask backend cost a few ms more a cell)
        futures = client.map(run_cell, [source] * len(cells), [grid_dict] * len(cells), cells, pure=False)
        try:
            for future in distributed.as_completed(futures):
                yield future.result()
        finally:
            client.cancel(futures)
    finally:
        if client is not dask:
            client.close()


def cluster_threads(dask):
    """Worker threads of a Dask cluster (its ``jobs``), after checking that the scheduler and
    every worker can import this project's ``core`` (a cell sent to one that cannot would
    wait for ever).  Raises RuntimeError saying which cannot, or that there is no worker."""
    import distributed

    client = dask if isinstance(dask, distributed.Client) else distributed.Client(dask, timeout="10s")
    def can_import():  # a local function travels by value: it runs where core cannot be imported
        import importlib.util

        try:
            return importlib.util.find_spec("core.sweep") is not None
        except ImportError:
            return False

    try:
        threads = client.nthreads()
        if not threads:
            raise RuntimeError("the cluster has no worker")
        missing = [w for w, ok in client.run(can_import).items() if not ok]
        if not client.run_on_scheduler(can_import):
            missing.insert(0, "the scheduler")
        if missing:
            raise RuntimeError(f"{', '.join(missing)} cannot import this project's core (start the scheduler and "
                               "the workers from its folder, or put it on their PYTHONPATH)")
        return sum(threads.values())
    finally:
        if client is not dask:
            client.close()


def elapsed_and_eta(done, total, started):
    """(seconds since started, seconds left at the pace so far or None)."""
    seconds = time.perf_counter() - started
    return seconds, (seconds / done * (total - done) if done else None)


if __name__ == "__main__":
    import sys

    from core.sweep_cli import main

    sys.exit(main())
