"""Speed of the core against reference implementations, measured in one run.

    python bench/bench_core.py            # everything (about two minutes)
    python bench/bench_core.py --quick    # fewer repeats, smaller gradient check

Prints medians and ratios; absolute times drift on a shared machine, ratios less so.
"""
import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from core import TwoLayerNet  # noqa: E402
from core.mnist import load_sample  # noqa: E402
from core.sgd import Trainer, TrainConfig  # noqa: E402
import reference  # noqa: E402


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def ours_steps(data, iters):
    trainer = Trainer(data, TrainConfig(iters=iters))
    trainer.evaluate = lambda: None  # steps only: accuracy is timed in the full run
    trainer.run()


def bench_step(data, iters, repeats):
    """Median microseconds per training iteration, interleaving the contenders."""
    arrays = reference.book_style_setup(data)
    contenders = {"ours": lambda: ours_steps(data, iters)}
    for threads in (1, 2):
        contenders[f"book-style, {threads} BLAS thread(s)"] = (
            lambda th=threads: _with_threads(th, lambda: reference.book_style_steps(arrays, iters)))
    if reference.torch_available():
        import torch

        for threads in (1, 2):
            def run_torch(th=threads):
                torch.set_num_threads(th)
                reference.torch_steps(data, iters)
            contenders[f"PyTorch {torch.__version__}, {threads} thread(s)"] = run_torch
    samples = {name: [] for name in contenders}
    for fn in contenders.values():
        fn()  # warm-up
    for _ in range(repeats):
        for name, fn in contenders.items():
            samples[name].append(1e6 * timed(fn)[0] / iters)
    return {name: statistics.median(v) for name, v in samples.items()}


def _with_threads(n, fn):
    with threadpool_limits(n, "blas"):
        return fn()


def bench_full_run(data, repeats):
    """The book's run: hidden 50, lr 0.1, batch 100, 10,000 iterations, accuracy every epoch."""
    arrays = reference.book_style_setup(data)
    ours, book = [], {1: [], 2: []}
    accs = []
    for _ in range(repeats):
        seconds, history = timed(lambda: Trainer(data, TrainConfig()).run())
        ours.append(seconds)
        accs.append((history.train_acc[-1], history.test_acc[-1]))
        for threads in (1, 2):
            book[threads].append(timed(lambda th=threads: _with_threads(
                th, lambda: reference.book_style_full_run(arrays)))[0])
    return statistics.median(ours), {k: statistics.median(v) for k, v in book.items()}, accs


def bench_numerical_gradient(data, batch):
    net = TwoLayerNet(784, 50, 10, rng=0)
    x = data.x_train[:batch] / 255.0
    t = data.t_train[:batch]
    t_loop, g_loop = timed(lambda: net.numerical_gradient(x, t, method="loop"))
    fast_times = []
    for _ in range(3):
        seconds, g_fast = timed(lambda: net.numerical_gradient(x, t, method="fast"))
        fast_times.append(seconds)
    diff = max(float(np.abs(g_loop[k] - g_fast[k]).max()) for k in g_loop)
    return t_loop, statistics.median(fast_times), diff


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repeats and a batch of 10 for the gradient check")
    args = parser.parse_args()
    data = load_sample()
    repeats = 3 if args.quick else 5
    report = {"blas_env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS")}}

    print(f"Sample data: {data.train_size} train / {data.test_size} held-out images; 784-50-10, batch 100, lr 0.1")
    step = bench_step(data, iters=300, repeats=repeats)
    print("\n1. One training iteration (median us):")
    ours = step.pop("ours")
    print(f"   {'ours (float32, fused, 1 BLAS thread)':45s} {ours:8.0f}")
    for name, us in step.items():
        print(f"   {name:45s} {us:8.0f}   ours is {us / ours:4.1f}x faster")
    book_best = min(v for k, v in step.items() if k.startswith("book"))
    torch_times = [v for k, v in step.items() if k.startswith("PyTorch")]
    report["step_us"] = {"ours": ours, **step}
    report["step_ratio_vs_book_best"] = book_best / ours
    if torch_times:
        report["step_ratio_vs_torch_best"] = min(torch_times) / ours
    else:
        print("   (PyTorch not installed: pip install torch==2.13.0 to include it)")

    runs = 1 if args.quick else 3
    ours_s, book_s, accs = bench_full_run(data, runs)
    book_best_s = min(book_s.values())
    print("\n2. The book's full run, 10,000 iterations with train/test accuracy every epoch (median s):")
    print(f"   {'ours':45s} {ours_s:8.2f}")
    for th, s in book_s.items():
        print(f"   {f'book-style, {th} BLAS thread(s)':45s} {s:8.2f}   ours is {s / ours_s:4.1f}x faster")
    print("   final accuracy of ours (train, held-out test): " + ", ".join(f"({a:.4f}, {b:.4f})" for a, b in accs))
    report["full_run_s"] = {"ours": ours_s, **{f"book_{k}thr": v for k, v in book_s.items()}}
    report["full_run_ratio_vs_book_best"] = book_best_s / ours_s
    report["full_run_acc"] = accs

    batch = 10 if args.quick else 100
    t_loop, t_fast, diff = bench_numerical_gradient(data, batch)
    print(f"\n3. TwoLayerNet.numerical_gradient on a batch of {batch} (784-50-10, float64):")
    print(f"   loop (the book's) {t_loop:8.2f} s   fast {t_fast:8.3f} s   "
          f"fast is {t_loop / t_fast:5.0f}x faster; max |difference| {diff:.1e}")
    report["numgrad"] = {"batch": batch, "loop_s": t_loop, "fast_s": t_fast,
                         "ratio": t_loop / t_fast, "max_abs_diff": diff}
    print("\n" + json.dumps(report))


if __name__ == "__main__":
    main()
