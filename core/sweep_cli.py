"""The command line of the sweep: ``python -m core.sweep``.

    python -m core.sweep --data sample --lr 0.01,0.1,1 --batch 10,100,1000 --seeds 3 --epochs 5 --json
    python -m core.sweep --data full --seeds 10 --loss cross_entropy,mean_squared_error --out full.npz
    python -m core.sweep --data full --seeds 10 --dask tcp://scheduler:8786 --out full.npz

Progress goes to stderr (cells done / total, ETA).  With --out the finished cells are
kept in a results file; Ctrl-C stops cleanly, and running the same command again resumes
(finished cells are not recomputed).  With --json the last stdout line is one JSON object.
"""
import argparse
import json
import platform
import sys
import time
from pathlib import Path

from core import sweep, sweep_file
from core.functions import LOSSES
from core.mnist import MnistDownloadError
from core.train import CAUSES, _load, _positive_float, _positive_int

DEFAULT = {"lr": "0.01,0.1,1,10,100", "batch": "10,100,1000", "seeds": 3, "epochs": 5}
CELL_FIELDS = ("lr", "batch_size", "seed", "loss", "train_acc", "test_acc", "final_loss", "status", "seconds")


def _list_of(parse):
    def parse_list(text):
        values = [parse(v.strip()) for v in text.split(",") if v.strip()]
        if not values:
            raise argparse.ArgumentTypeError("expected a comma-separated list")
        return values
    return parse_list


def _loss(text):
    if text not in LOSSES:
        raise argparse.ArgumentTypeError(f"expected {' or '.join(LOSSES)}, got {text!r}")
    return text


def build_parser():
    p = argparse.ArgumentParser(prog="python -m core.sweep", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="sample", help="sample, full or a FILE.npz (as for core.train)")
    p.add_argument("--lr", type=_list_of(_positive_float), default=DEFAULT["lr"],
                   help=f"learning rates, comma-separated (default {DEFAULT['lr']})")
    p.add_argument("--batch", type=_list_of(_positive_int), default=DEFAULT["batch"],
                   help=f"mini-batch sizes (default {DEFAULT['batch']})")
    p.add_argument("--seeds", type=_positive_int, default=DEFAULT["seeds"], help="seeds 0 .. N-1 per cell")
    length = p.add_mutually_exclusive_group()
    length.add_argument("--epochs", type=_positive_int, help=f"budget in epochs (default {DEFAULT['epochs']})")
    length.add_argument("--iters", type=_positive_int, help="budget in iterations, the same for every cell")
    p.add_argument("--loss", type=_list_of(_loss), default=["cross_entropy"],
                   help="cross_entropy, mean_squared_error or both, comma-separated")
    p.add_argument("--hidden", type=_positive_int, default=50, help="hidden units")
    p.add_argument("--jobs", type=_positive_int, default=None, help="worker processes (default: the usable cores)")
    p.add_argument("--dask", metavar="ADDRESS", help="a running Dask scheduler, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--out", help="results file (.npz): finished cells are kept, a rerun resumes")
    p.add_argument("--json", action="store_true", help="end stdout with one JSON line of results")
    return p


def _grid(args, parser, train_size):
    too_big = [b for b in args.batch if b > train_size]
    if too_big:
        parser.exit(2, f"error: --batch: {too_big[0]} is larger than the training set ({train_size})\n")
    budget, length = ("iters", args.iters) if args.iters else ("epochs", args.epochs or DEFAULT["epochs"])
    try:
        return sweep.Grid.make(args.lr, args.batch, args.seeds, args.loss, budget, length, hidden_size=args.hidden)
    except ValueError as err:  # argparse checked each value; this is a last line of defence
        parser.exit(2, f"error: {err}\n")


def _resume(args, parser, key):
    if not args.out or not Path(args.out).exists():
        return []
    try:
        found, _, results = sweep_file.load(args.out)
    except ValueError as err:
        parser.exit(2, f"error: --out: {err}\n")
    if found != key:
        parser.exit(2, f"error: --out: {args.out} holds another sweep (key {found}, this one is {key}); "
                       "choose another file\n")
    return results


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        data = _load(args.data)
    except (ValueError, OSError, MnistDownloadError) as err:
        parser.exit(2, f"error: --data: {err}\n")
    source = args.data if args.data in ("sample", "full") else str(Path(args.data).resolve())
    grid = _grid(args, parser, data.train_size)
    key = sweep.sweep_key(sweep.data_digest(data), grid)
    meta = {"key": key, "grid": grid.to_dict(), "data": {"source": data.source, "train_size": data.train_size,
            "test_size": data.test_size, "digest": sweep.data_digest(data)},
            "made_with": "python -m core.sweep " + " ".join(sys.argv[1:] if argv is None else argv),
            "machine": {"python": platform.python_version(), "blas": _blas()}}
    results = _resume(args, parser, key)
    done = {sweep.cell_of(r) for r in results}
    todo = [c for c in grid.cells() if c not in done]
    jobs = args.jobs or sweep.usable_cores()
    if args.dask:
        try:
            jobs = sweep.cluster_threads(args.dask)
        except (OSError, ValueError, TimeoutError) as err:
            parser.exit(2, f"error: --dask: cannot reach the scheduler at {args.dask} ({err})\n")
        except RuntimeError as err:
            parser.exit(2, f"error: --dask: {err}\n")
    total = len(grid.cells())
    kept = f" ({len(done)} already in {args.out})" if args.out else ""
    print(f"{data.source} data: {data.train_size} train / {data.test_size} test; {total} cells{kept}, "
          f"{jobs} {'Dask worker threads' if args.dask else 'processes'}; key {key}", file=sys.stderr)
    started, last_save, stopped = time.perf_counter(), time.perf_counter(), False
    try:
        for result in sweep.run(todo, source, grid, jobs=jobs, dask=args.dask):
            results.append(result)
            seconds, eta = sweep.elapsed_and_eta(len(results) - len(done), len(todo), started)
            print(f"\rcells {len(results)}/{total}  {seconds:6.1f} s  ETA {eta:6.1f} s ", end="", file=sys.stderr)
            if args.out and time.perf_counter() - last_save > 2.0:
                sweep_file.save(args.out, key, meta, results, grid.cells())
                last_save = time.perf_counter()
    except KeyboardInterrupt:
        stopped = True
        print(f"\nstopped: {len(results)} of {total} cells finished", file=sys.stderr)
    print(file=sys.stderr)
    if args.out:
        sweep_file.save(args.out, key, meta, results, grid.cells())
        print(f"kept {len(results)} cells in {args.out}" + (" (run again to resume)" if stopped else ""),
              file=sys.stderr)
    _report(args, grid, results, jobs, time.perf_counter() - started, key, stopped)
    return 130 if stopped else 0


def _blas():
    from threadpoolctl import threadpool_info

    return sorted({f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')}" for i in threadpool_info()
                   if i.get("user_api") == "blas"})


def _report(args, grid, results, jobs, seconds, key, stopped):
    if args.json:
        order = {c: i for i, c in enumerate(grid.cells())}
        cells = sorted(results, key=lambda r: order.get(sweep.cell_of(r), 0))
        print(json.dumps({"seconds": round(seconds, 3), "jobs": jobs, "key": key, "stopped": stopped,
                          "total": len(grid.cells()), "grid": grid.to_dict(),
                          "cells": [{k: r[k] for k in CELL_FIELDS} for r in cells]}))
        return
    print(f"{'loss':<19} {'lr':>8} {'batch':>6}  {'test acc (mean ± std)':<22} status")
    for g in sweep.groups(results, grid):
        test = g["test_acc"]
        value = f"{test['mean']:.4f} ± {test['std']:.4f}" if test else "–"
        status = ", ".join(f"{n} {s}" for s, n in sorted(g["statuses"].items()))
        print(f"{g['loss']:<19} {g['lr']:>8g} {g['batch_size']:>6}  {value:<22} {status}")
    causes = {c for g in sweep.groups(results, grid) for c in g["causes"]}
    for cause in sorted(causes):
        print(f"  {cause}: {CAUSES[cause]}")


if __name__ == "__main__":
    sys.exit(main())
