"""Speed of the learning-rate x batch-size sweep: processes, a Dask cluster, the page's grid from cold.

    python bench/bench_sweep.py              # three rounds (several minutes on 2 cores)
    python bench/bench_sweep.py --rounds 5

1. Throughput: the same grid with 1 worker (in this process) and with 2 worker processes
   (joblib, one BLAS thread each; the pool started before the clock): cells per second and
   their ratio (target on 2 cores: >= 1.8), with no Dask cluster alive in this process.
2. Dask: the same grid on a ``distributed.LocalCluster`` of 2 worker processes (started
   and warmed before the clock), in each round after the local paths, against the 2 local
   processes of the same round: wall-time ratio, median over the rounds (target <= 1.15).
   Twice: with Dask's defaults, and with the settings README gives for a sweep cluster
   (``deploy/dask-sweep.yaml``).
3. The sweep page's default grid on the embedded sample from cold: ``python -m core.sweep``
   with its arguments in a new process, 2 workers (target <= 60 s on 2 cores).
A control in every round: the same pure-Python busy loop on 1 and on 2 processes.  It shows
how much parallelism the machine gave this run: 2.0x on idle cores, about 1x when other
work already keeps them busy, and then no sweep can be faster on 2 processes either.

Each figure is the median over the rounds, the contenders interleaved within a round.  The
load average is printed before and after: on a busy machine the absolute times say little,
the ratios a little more.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core import sweep  # noqa: E402

# 16 cells of 2 epochs on the sample: each a few tenths of a second, all alike in cost
THROUGHPUT = sweep.Grid.make([0.1, 0.3, 1.0, 3.0], [100], seeds=4, budget="epochs", length=2)
# the page's default grid (90 cells, 5 epochs each: 0.05 to 1.4 s a cell), as sweep.Grid and as arguments
PAGE = sweep.Grid.make([0.01, 0.1, 1.0, 10.0, 100.0], [10, 100, 1000], seeds=3, budget="epochs", length=5,
                       losses=("cross_entropy", "mean_squared_error"))
PAGE_GRID = ["--lr", "0.01,0.1,1,10,100", "--batch", "10,100,1000", "--seeds", "3", "--epochs", "5",
             "--loss", "cross_entropy,mean_squared_error"]


def sweep_settings(path=ROOT / "deploy" / "dask-sweep.yaml"):
    """The file's settings as dotted keys (dask.config.set would replace a whole nested section)."""
    import yaml

    def flat(d, prefix=""):
        for key, value in d.items():
            if isinstance(value, dict):
                yield from flat(value, f"{prefix}{key}.")
            else:
                yield f"{prefix}{key}", value

    return dict(flat(yaml.safe_load(path.read_text())))


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run_all(grid, **how):
    results = list(sweep.run(grid.cells(), "sample", grid, **how))
    assert len(results) == len(grid.cells())
    return results


def busy(_):
    x = 0
    for i in range(2_000_000):
        x += i
    return x


def control(pool, tasks=8):
    """Seconds for ``tasks`` pure-Python loops on a multiprocessing pool."""
    return timed(lambda: pool.map(busy, range(tasks)))


def from_cold(jobs):
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "grid.npz"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "core.sweep", "--data", "sample", *PAGE_GRID, "--jobs", str(jobs),
                        "--out", str(out)], cwd=ROOT, check=True, capture_output=True)
        return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    import multiprocessing

    import dask
    import distributed

    print(f"load average before: {os.getloadavg()}; usable cores: {sweep.usable_cores()}", flush=True)
    cells = len(THROUGHPUT.cells())
    samples = {"1 process": [], "2 processes": [], "LocalCluster, 2 workers": [], "LocalCluster, sweep settings": [],
               "page grid from cold": [], "page grid, 2 processes": [], "page grid, LocalCluster, 2 workers": [],
               "page grid, LocalCluster, sweep settings": [],
               "control, 1 process": [], "control, 2 processes": []}
    # Each round: the local paths first, with no Dask cluster alive in this process (a live Client,
    # its event-loop thread, took the whole gain of 2 loky processes here: 1.3 s on 2 processes as
    # on 1, 0.64 s without it); then a cluster started for the round with Dask's defaults, and one
    # with the settings README gives for a sweep cluster (deploy/dask-sweep.yaml; the nannies hand
    # them to the worker processes).  A ratio is taken within a round, so a machine that gets
    # busier or quieter between rounds moves both sides of it.
    clusters = (("LocalCluster, 2 workers", {}), ("LocalCluster, sweep settings", sweep_settings()))
    ratios = {name: [] for name, _ in clusters} | {f"page grid, {name}": [] for name, _ in clusters}
    with multiprocessing.Pool(1) as one, multiprocessing.Pool(2) as two:
        warm = sweep.Grid.make([1.0], [1000], seeds=4, budget="iters", length=2)
        run_all(warm, jobs=2)        # start the process pool and load the data in its workers
        for r in range(args.rounds):
            samples["1 process"].append(timed(lambda: run_all(THROUGHPUT, jobs=1)))
            samples["2 processes"].append(timed(lambda: run_all(THROUGHPUT, jobs=2)))
            samples["page grid, 2 processes"].append(timed(lambda: run_all(PAGE, jobs=2)))
            samples["page grid from cold"].append(from_cold(2))
            samples["control, 1 process"].append(control(one))
            samples["control, 2 processes"].append(control(two))
            for name, settings in clusters:
                with dask.config.set(settings), distributed.LocalCluster(
                        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                        distributed.Client(cluster) as client:
                    run_all(warm, dask=client)   # the cluster's workers load the data (before the clock)
                    samples[name].append(timed(lambda: run_all(THROUGHPUT, dask=client)))
                    samples[f"page grid, {name}"].append(timed(lambda: run_all(PAGE, dask=client)))
                ratios[name].append(samples[name][-1] / samples["2 processes"][-1])
                ratios[f"page grid, {name}"].append(samples[f"page grid, {name}"][-1] / samples["page grid, 2 processes"][-1])
            print(f"round {r + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in samples.items() if v), flush=True)
    med = {k: statistics.median(v) for k, v in samples.items()}
    print(f"\nmedians of {args.rounds} rounds ({cells} cells of 2 epochs for the first three):")
    for name in ("1 process", "2 processes", "LocalCluster, 2 workers", "LocalCluster, sweep settings"):
        print(f"  {name:<30} {med[name]:7.2f} s   {cells / med[name]:6.2f} cells/s")
    print(f"  2 processes vs 1: {med['1 process'] / med['2 processes']:.2f}x the cells/s (target >= 1.8); "
          f"the control loop: {med['control, 1 process'] / med['control, 2 processes']:.2f}x")
    for name, _ in clusters:
        grid = f"page grid, {name}"
        print(f"  {name} vs 2 local processes, wall time (median of the rounds' ratios): "
              f"{statistics.median(ratios[name]):.2f}x (target <= 1.15); the page's grid (90 cells of 5 epochs), "
              f"warm: {statistics.median(ratios[grid]):.2f}x ({med[grid]:.1f} s vs {med['page grid, 2 processes']:.1f} s)")
    print(f"  the page's default grid (90 cells) from cold, 2 processes: {med['page grid from cold']:.1f} s "
          f"(target <= 60 s)")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":  # LocalCluster spawns its workers: they import this module, not run it
    main()
