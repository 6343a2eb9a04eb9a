"""What a session keeps of a finished training run: a small plain record for the comparison
(chart, table, CSV), its verdict, example test images and the final weights.

Pure functions of a ``core.sgd.Trainer`` and its ``History``: no Streamlit here.
"""
import numpy as np

from core.mnist import normalize_images
from core.verdict import judge

LOSS_POINTS = 400      # loss curve kept per run (bin means)
PARAMS_BUDGET = 8 << 20  # bytes of final weights a session keeps (12 book runs: 1.9 MB; 784-1000-10: 3.2 MB each)


def loss_curve(losses, points=LOSS_POINTS):
    """(iteration, loss) with the losses averaged in at most ``points`` equal bins."""
    n = losses.shape[0]
    if n <= points:
        return np.arange(1, n + 1), losses.astype(float)
    edges = np.linspace(0, n, points + 1).astype(int)
    sums = np.add.reduceat(losses.astype(float), edges[:-1])
    counts = np.diff(edges)
    centres = (edges[:-1] + edges[1:] + 1) / 2
    return centres, sums / counts


def summarize(run_id, source, history):
    """A small, plain record of a run for the comparison chart, table and CSV, with its
    verdict (core.verdict: did it learn, and if not, the likely causes)."""
    cfg = history.config
    iters, loss = loss_curve(history.losses)
    # another script thread may be appending to the history: keep whole measurements only
    n = min(len(history.epoch), len(history.eval_iter), len(history.train_acc), len(history.test_acc))
    verdict = judge(history)
    return {
        "id": run_id, "source": source, "status": verdict.status, "causes": list(verdict.causes),
        "loss_start": verdict.loss_start, "loss_end": verdict.loss_end, "chance": verdict.chance,
        "saturation_start": history.saturation_start, "diverged_at": history.diverged_at,
        "hidden_size": cfg["hidden_size"], "lr": cfg["lr"], "batch_size": cfg["batch_size"],
        "weight_init_std": cfg["weight_init_std"], "seed": cfg["seed"], "loss_function": cfg.get("loss", "cross_entropy"),
        "iters_planned": history.iters_planned, "iters_done": history.iters_done,
        "iter_per_epoch": history.iter_per_epoch, "train_size": history.train_size,
        "test_size": history.test_size, "seconds": history.seconds,
        "loss_iter": iters.tolist(), "loss": loss.tolist(),
        "epoch": history.epoch[:n], "eval_iter": history.eval_iter[:n],
        "train_acc": history.train_acc[:n], "test_acc": history.test_acc[:n],
    }


def kept_record(run_id, source, trainer, failed=False):
    """What a session keeps of a done run: its summary with its example images; a run
    whose worker failed is marked so (status "failed")."""
    record = summarize(run_id, source, trainer.history)
    if failed:
        record["status"], record["worker_error"] = "failed", True
    record["examples"] = examples(trainer)
    record["params"] = final_params(trainer)
    return record


def final_params(trainer):
    """The run's final weights as read-only float32 copies (None when they are not finite numbers)."""
    params = {}
    for name, value in trainer.net.params.items():
        if not np.isfinite(value).all():
            return None
        params[name] = np.array(value, dtype=np.float32)
        params[name].setflags(write=False)
    return params


def trim_params(kept, budget=PARAMS_BUDGET):
    """Drop the weights of the oldest runs until the rest fit in ``budget`` bytes (the newest run
    always keeps its own): wide networks are 3 MB each, and a session keeps up to 12 runs."""
    total = 0
    for i, record in enumerate(reversed(kept)):
        params = record.get("params")
        if params is None:
            continue
        total += sum(p.nbytes for p in params.values())
        if total > budget and i > 0:
            record["params"] = None


def examples(trainer, count=12):
    """Test images with their labels and the network's answers, misclassified first."""
    data = trainer.data
    with np.errstate(all="ignore"):
        scores = trainer.net.scores(normalize_images(data.x_test, trainer.net.params["W1"].dtype.type))
    if not np.isfinite(scores).all():
        return None
    predicted = scores.argmax(axis=1)
    wrong = np.flatnonzero(predicted != data.t_test)
    right = np.flatnonzero(predicted == data.t_test)
    chosen = np.concatenate([wrong[:count], right[: max(0, count - len(wrong))]])[:count]
    return {"images": data.x_test[chosen].reshape(-1, 28, 28), "labels": data.t_test[chosen].tolist(),
            "predicted": predicted[chosen].tolist(), "wrong": int(len(wrong)), "total": int(len(predicted))}
