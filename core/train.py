"""Train the book's two-layer network from the command line.

    python -m core.train --data sample --iters 10000 --batch-size 100 --lr 0.1
    python -m core.train --data my_split.npz --epochs 5 --json
    python -m core.train --epochs 5 --loss mean_squared_error
    python -m core.train --iters 10000 --save book.npz   # the trained weights, for the dashboard

Progress goes to stderr; with --json the last line of stdout is one JSON object.
"""
import argparse
import json
import math
import sys
from pathlib import Path

from core import weights_file
from core.functions import LOSSES
from core.mnist import MnistDownloadError, load_dataset, load_npz
from core.sgd import Trainer, TrainConfig, iters_per_epoch
from core.verdict import judge

CAUSES = {  # core.verdict's causes, in plain words, with what to try
    "saturated": "the initial weights are so large that most hidden sigmoids start flat and pass almost "
                 "no gradient back (try --weight-init-std 0.01)",
    "overshoot": "each step is so large that it jumps past the valley it aims for (try a --lr 10x smaller)",
    "too_slow": "the steps are too small or too few to get anywhere (try a larger --lr or more --iters)",
}


def _int_at_least(low):
    """argparse type: a whole number >= low."""
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number >= {low}, got {text!r}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"expected a whole number >= {low}, got {value}")
        return value
    return parse


_positive_int, _non_negative_int = _int_at_least(1), _int_at_least(0)


def _positive_float(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number > 0, got {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"expected a finite number > 0, got {text}")
    return value


def build_parser():
    p = argparse.ArgumentParser(prog="python -m core.train", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="sample",
                   help="sample (embedded 10,000 digits), full (60,000/10,000 MNIST; downloads once), "
                        "auto (full if possible, else sample) or a FILE.npz with x_train t_train x_test t_test")
    length = p.add_mutually_exclusive_group()
    length.add_argument("--iters", type=_positive_int, help="iterations (default 10000)")
    length.add_argument("--epochs", type=_positive_int, help="epochs of train_size / batch_size iterations")
    p.add_argument("--batch-size", type=_positive_int, default=100)
    p.add_argument("--lr", type=_positive_float, default=0.1, help="learning rate")
    p.add_argument("--hidden", type=_positive_int, default=50, help="hidden units")
    p.add_argument("--weight-init-std", type=_positive_float, default=0.01)
    p.add_argument("--seed", type=_non_negative_int, default=0)
    p.add_argument("--loss", choices=LOSSES, default="cross_entropy",
                   help="the loss trained on: cross_entropy (the book's) or mean_squared_error of the softmax")
    p.add_argument("--float64", action="store_true", help="train in float64 instead of float32")
    p.add_argument("--json", action="store_true", help="end stdout with one JSON line of results")
    p.add_argument("--save", metavar="FILE.npz",
                   help="write the trained weights (W1 b1 W2 b2 and the run's settings as JSON) to FILE.npz")
    return p


def _load(source):
    if source in ("sample", "full", "auto"):
        def progress(name, done, total):
            print(f"\rdownloading {name}: {done / total:6.1%}" if total else f"\rdownloading {name}",
                  end="", file=sys.stderr)
        data = load_dataset(source, progress=progress)
        if data.reason == "download_failed":
            print(f"\nfull MNIST unavailable, using the embedded sample ({data.detail})", file=sys.stderr)
        return data
    return load_npz(source)


def _save(trainer, source, path):
    """Write the weights; the path, or None when they could not be written (said on stderr)."""
    try:
        trainer.net.save_params(path, meta=weights_file.describe(trainer.history, source))
    except (ValueError, OSError) as err:
        print(f"weights not saved to {path}: {err}", file=sys.stderr)
        return None
    print(f"weights saved to {path}", file=sys.stderr)
    return str(path)


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.save and not Path(args.save).resolve().parent.is_dir():
        parser.exit(2, f"error: --save: the folder of {args.save} does not exist\n")
    try:
        data = _load(args.data)
    except (ValueError, OSError, MnistDownloadError) as err:
        parser.exit(2, f"error: --data: {err}\n")
    if args.batch_size > data.train_size:
        parser.exit(2, f"error: --batch-size must be in [1, {data.train_size}] (the training set size)\n")
    per_epoch = iters_per_epoch(data.train_size, args.batch_size)
    iters = args.epochs * per_epoch if args.epochs else (args.iters or 10_000)
    config = TrainConfig(hidden_size=args.hidden, lr=args.lr, batch_size=args.batch_size, iters=iters,
                         weight_init_std=args.weight_init_std, seed=args.seed,
                         dtype="float64" if args.float64 else "float32", loss=args.loss)
    trainer = Trainer(data, config)
    print(f"{data.source} data: {data.train_size} train / {data.test_size} test images; "
          f"{iters} iterations, {per_epoch} per epoch", file=sys.stderr)

    def on_epoch(h):
        print(f"\riter {h.iters_done:>7}/{iters}  epoch {h.epoch[-1]:7.2f}  loss {h.losses[-1]:.4f}  "
              f"train acc {h.train_acc[-1]:.4f}  test acc {h.test_acc[-1]:.4f}", end="", file=sys.stderr)

    try:
        history = trainer.run(on_epoch=on_epoch)
    except KeyboardInterrupt:
        trainer.request_stop()
        history = trainer.run()
    print(file=sys.stderr)
    verdict = judge(history)
    if history.status == "diverged":
        print(f"diverged at iteration {history.diverged_at}: the loss stopped being a finite number "
              f"(try a smaller --lr)", file=sys.stderr)
    elif verdict.status == "did_not_learn":
        print(f"did not learn: test accuracy {history.test_acc[-1]:.4f} (guessing gets {verdict.chance:.2f}), "
              f"loss {verdict.loss_start:.4g} -> {verdict.loss_end:.4g}", file=sys.stderr)
    for cause in verdict.causes:
        print(f"  likely cause: {CAUSES[cause]}", file=sys.stderr)
    result = {
        "status": verdict.status, "causes": list(verdict.causes), "iters": history.iters_done, "seconds": round(history.seconds, 4),
        "us_per_iter": round(history.us_per_iter, 2) if history.iters_done else None,
        "train_acc": history.train_acc[-1] if history.train_acc else None,
        "test_acc": history.test_acc[-1] if history.test_acc else None,
        "final_loss": float(history.losses[-1]) if history.iters_done else None, "loss": config.loss,
        "diverged_at": history.diverged_at, "data": data.source,
        "train_size": data.train_size, "test_size": data.test_size, "config": history.config,
        "saved": _save(trainer, data.source, args.save) if args.save else None,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{history.status}: {history.iters_done} iterations in {history.seconds:.2f} s "
              f"({result['us_per_iter']} us/iter); train acc {result['train_acc']}, test acc {result['test_acc']}")
    return 0 if verdict.status == "finished" and (result["saved"] or not args.save) else 1


if __name__ == "__main__":
    sys.exit(main())
