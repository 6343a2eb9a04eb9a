"""The sweep page's logic: a grid's results from a file, or computed once per server and shared.

A class opens the same grid: the first session that asks for it starts a job and every
session asking for the same grid (the same key: data + grid + budget) sees that job and
its cells as they fill (single flight).  The job runs in a background thread that never
calls Streamlit; its cells run in worker processes (``core.sweep.run``: joblib, one BLAS
thread each), as many as the run slots it holds in ``ui.training``'s slot table, which it
shares with the students' own runs: it takes at most half of them, so their runs still
start.  One grid computes at a time (the worker processes are shared).  A job nobody has
looked at for ``ORPHAN_SECONDS`` stops and keeps its cells; asking again resumes it.

Results computed beforehand (``python -m core.sweep ... --out FILE``) are found by their
key in the shipped folder ``core/data/sweeps`` and in ``$DLFS_SWEEP_DIR``.
"""
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import core
from core import sweep, sweep_file
from core.functions import LOSSES
from ui import limits, training

PAGE = "sweep"
SHIPPED = Path(core.__file__).parent / "data" / "sweeps"
DIR_ENV = "DLFS_SWEEP_DIR"
TICK = 1.0             # the results panel redraws this often while a job computes
ORPHAN_SECONDS = 60.0  # a job no page has polled for this long stops (its cells are kept)
MAX_JOBS = 16          # grids kept in memory per server (each well under 1 MB)
LR_OPTIONS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
BATCH_OPTIONS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
DEFAULT = {"lrs": (0.01, 0.1, 1.0, 10.0, 100.0), "batches": (10, 100, 1000), "seeds": 3, "budget": "epochs",
           "epochs": 5, "iters": 500, "losses": LOSSES}
VIEWS = ("test", "train", "gap", "loss")
log = logging.getLogger(__name__)


@dataclass
class SweepJob:
    """A grid computing (or computed) on this server; ``results`` is appended to by its thread only."""

    key: str
    grid: sweep.Grid
    source: str
    cap: int                        # the server's run slots when it started
    results: list = field(default_factory=list)
    resumed: int = 0                # cells it had when it started (from an earlier, stopped job)
    state: str = "queued"           # queued (waiting for slots), running, done, stopped, failed
    workers: int = 0
    error: str | None = None
    seen: float = field(default_factory=time.monotonic)
    started: float = field(default_factory=time.monotonic)
    thread: threading.Thread | None = field(default=None, repr=False)

    @property
    def active(self):
        return self.state in ("queued", "running")


_jobs = {}                       # key -> SweepJob, shared by every session of this process
_jobs_lock = threading.Lock()
_compute_lock = threading.Lock()  # one grid computes at a time
_digests = {}


def folders():
    """Where finished results files are looked up: the shipped one, then $DLFS_SWEEP_DIR."""
    extra = os.environ.get(DIR_ENV)
    return [SHIPPED] + ([Path(extra)] if extra else [])


def key_of(grid, data):
    """The sweep key of this grid on this data set (the data's digest is computed once)."""
    ident = (data.source, data.train_size, data.test_size, id(data.x_train))
    if ident not in _digests:
        _digests[ident] = sweep.data_digest(data)
    return sweep.sweep_key(_digests[ident], grid)


@lru_cache(maxsize=8)
def _read(path, mtime):
    return sweep_file.load(path)[2]


@lru_cache(maxsize=16)
def _index(folder, mtime):
    return sweep_file.index(folder)


def find(key):
    """The results file with this key in folders(), or None (each folder read again only when
    a file was added, removed or replaced in it)."""
    for folder in folders():
        try:
            path = _index(str(folder), folder.stat().st_mtime_ns).get(key)
        except OSError:  # no such folder
            continue
        if path is not None:
            return path
    return None


def stored(key):
    """The results of a finished file with this key, or None."""
    path = find(key)
    if path is None:
        return None
    try:
        return _read(str(path), path.stat().st_mtime)
    except (OSError, ValueError):
        log.warning("sweep results file %s could not be read", path, exc_info=True)
        return None


def job(key):
    """The job of this key on this server, or None."""
    with _jobs_lock:
        return _jobs.get(key)


def refusal(grid, train_size, lim):
    """None when this server may compute the grid, else what is over its limits (dict)."""
    cells, images = len(grid.cells()), grid.total_images(train_size)
    iters = max(grid.iters(b, train_size) for b in grid.batch_sizes)
    over = (cells > lim.max_sweep_cells or images > lim.max_sweep_images or iters > lim.max_iters
            or max(grid.batch_sizes) > lim.max_batch or grid.hidden_size > lim.max_hidden)
    return {"cells": cells, "images": images, "iters": iters} if over else None


def cli_command(grid, source):
    """The command that computes this grid on a computer (add --dask ADDRESS for a cluster)."""
    def join(values):
        return ",".join(f"{v:g}" if isinstance(v, float) else str(v) for v in values)
    length = f"--epochs {grid.length}" if grid.budget == "epochs" else f"--iters {grid.length}"
    return (f"python -m core.sweep --data {source} --lr {join(grid.lrs)} --batch {join(grid.batch_sizes)} "
            f"--seeds {grid.seeds} {length} --loss {join(grid.losses)} --out sweep.npz")


def start(grid, data):
    """Start computing this grid, or join the job that is already computing it (single flight).

    Call from the script thread: the server's limits are read here, not in the worker.
    """
    key = key_of(grid, data)
    cap = limits.current().max_concurrent_runs
    with _jobs_lock:
        current = _jobs.get(key)
        if current is not None and (current.active or current.state == "done"):
            current.seen = time.monotonic()
            return current
        kept = list(current.results) if current else []
        current = SweepJob(key, grid, data.source, cap, results=kept, resumed=len(kept))
        current.thread = threading.Thread(target=_work, args=(current,), name=f"sweep-{key}", daemon=True)
        _jobs[key] = current
        finished = [k for k, j in _jobs.items() if not j.active]
        for old in finished[: max(0, len(_jobs) - MAX_JOBS)]:
            del _jobs[old]
    current.thread.start()
    return current


def poll(current):
    """A snapshot of the job's results; tells the worker a page is still watching."""
    current.seen = time.monotonic()
    return list(current.results)


def eta(current):
    """Seconds left at the pace of the cells this job computed so far, or None."""
    new = len(current.results) - current.resumed
    if current.state != "running" or new <= 0:
        return None
    left = len(current.grid.cells()) - len(current.results)
    return (time.monotonic() - current.started) / new * left


def _orphaned(current):
    return time.monotonic() - current.seen > ORPHAN_SECONDS


def _take_slots(current):
    """Run slots for the job's worker processes: at most half the server's, at least one."""
    tokens = [object() for _ in range(max(1, current.cap // 2))]
    return [token for token in tokens if training.take_slot(token, current.cap)]


def _work(current):
    """Thread body: wait for the server's turn and slots, then fill the cells as they finish."""
    tokens, locked = [], False
    try:
        while not locked:
            locked = _compute_lock.acquire(timeout=0.5)
            if not locked and _orphaned(current):
                current.state = "stopped"
                return
        while not tokens:
            tokens = _take_slots(current)
            if not tokens:
                if _orphaned(current):
                    current.state = "stopped"
                    return
                time.sleep(0.5)
        current.state, current.workers = "running", len(tokens)
        done = {sweep.cell_of(r) for r in current.results}
        cells = sweep.run([c for c in current.grid.cells() if c not in done], current.source, current.grid,
                          jobs=len(tokens))
        try:
            for result in cells:
                current.results.append(result)
                if _orphaned(current):
                    current.state = "stopped"
                    break
        finally:
            cells.close()  # cancels the cells not started (a stopped job)
        if current.state == "running":
            current.state = "done"
    except Exception as err:  # noqa: BLE001 - shown on the page, never raised into the server
        log.exception("sweep %s failed", current.key)
        current.state, current.error = "failed", repr(err)
    finally:
        for token in tokens:
            training.free_slot(token)
        if locked:
            _compute_lock.release()
