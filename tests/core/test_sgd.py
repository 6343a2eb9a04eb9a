"""The training engine: resumable, stoppable, divergence-safe.  (The fused step against backprop,
for both losses: test_train_losses.py.)"""
import numpy as np
import pytest

from core.mnist import MnistData, load_sample
from core.sgd import Trainer, TrainConfig, eval_interval, iters_per_epoch


def test_training_learns_and_history_is_plain_data():
    data = load_sample()
    h = Trainer(data, TrainConfig(iters=400, seed=1)).run()
    assert h.status == "finished" and h.iters_done == 400
    assert h.iter_per_epoch == iters_per_epoch(data.train_size, 100) == 80
    assert h.eval_iter == [1, 81, 161, 241, 321, 400]
    assert h.test_acc[-1] > 0.5 and h.train_acc[-1] > 0.5  # from 0.1 (chance)
    assert h.test_acc[0] < 0.3
    assert h.losses[:20].mean() > 1.4 * h.losses[-20:].mean()
    d = h.to_dict()
    assert len(d["loss"]) == 400 and isinstance(d["loss"][0], float)
    assert d["config"]["lr"] == 0.1 and d["status"] == "finished"


def test_same_seed_same_run_however_it_is_chunked():
    data = load_sample()
    whole = Trainer(data, TrainConfig(iters=300, seed=7)).run()
    chunked = Trainer(data, TrainConfig(iters=300, seed=7))
    calls = 0
    while not chunked.done:
        chunked.run(max_seconds=0.005)
        calls += 1
    assert calls > 1
    assert np.array_equal(whole.losses, chunked.history.losses)
    assert whole.test_acc == chunked.history.test_acc
    other = Trainer(data, TrainConfig(iters=300, seed=8)).run()
    assert not np.array_equal(whole.losses, other.losses)


def test_stop_keeps_the_partial_run_and_callbacks_fire():
    data = load_sample()
    trainer = Trainer(data, TrainConfig(iters=10_000))
    steps, epochs = [], []

    def on_step(i, loss):
        steps.append(i)
        if i == 150:
            trainer.request_stop()

    h = trainer.run(on_step=on_step, on_epoch=lambda hist: epochs.append(hist.iters_done))
    assert h.status == "stopped" and h.iters_done == 150
    assert steps == list(range(1, 151))
    assert epochs == [1, 81, 150]  # the partial run ends with a measurement
    assert trainer.run() is h and h.iters_done == 150  # a stopped run stays stopped


def test_divergence_is_reported_without_nan():
    data = load_sample()
    # a learning rate this large overflows the float32 weights within a few steps
    h = Trainer(data, TrainConfig(iters=2000, lr=1e30)).run()
    assert h.status == "diverged"
    assert 1 <= h.diverged_at <= 2000
    assert np.all(np.isfinite(h.losses))
    assert all(np.isfinite(h.train_acc)) and all(np.isfinite(h.test_acc))


@pytest.mark.parametrize("kwargs,name", [
    ({"lr": 0}, "lr"), ({"lr": -0.1}, "lr"), ({"lr": float("inf")}, "lr"),
    ({"batch_size": 0}, "batch_size"), ({"batch_size": 8001}, "batch_size"),
    ({"hidden_size": 0}, "hidden_size"), ({"iters": 0}, "iters"),
    ({"weight_init_std": -1.0}, "weight_init_std"), ({"dtype": "float16"}, "dtype"),
])
def test_bad_config_names_the_parameter(kwargs, name):
    with pytest.raises(ValueError, match=f"^{name} "):
        Trainer(load_sample(), TrainConfig(**kwargs))


def test_one_hidden_unit_and_whole_data_batch():
    data = load_sample()
    h = Trainer(data, TrainConfig(hidden_size=1, batch_size=data.train_size, iters=3)).run()
    assert h.status == "finished" and h.iter_per_epoch == 1 and len(h.test_acc) == 3


def test_accuracy_is_measured_every_epoch_or_at_most_about_200_times():
    data = load_sample()
    assert eval_interval(10_000, 80) == 80                    # the book's run: 125 epochs, each measured
    assert eval_interval(16_000, 80) == 80 and eval_interval(16_001, 80) == 160
    h = Trainer(data, TrainConfig(batch_size=data.train_size, iters=1_000, hidden_size=5)).run()
    assert h.iter_per_epoch == 1 and h.eval_every == 5
    assert h.eval_iter[:3] == [1, 6, 11] and h.eval_iter[-1] == 1_000
    assert len(h.test_acc) == 201
    assert h.epoch[:3] == [1.0, 6.0, 11.0]


def test_float64_training_matches_float32_closely():
    data = load_sample()
    h32 = Trainer(data, TrainConfig(iters=200)).run()
    h64 = Trainer(data, TrainConfig(iters=200, dtype="float64")).run()
    assert np.abs(h32.losses - h64.losses).max() < 1e-4


def test_tiny_dataset():
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, (30, 784), dtype=np.uint8)
    t = rng.integers(0, 10, 30).astype(np.uint8)
    data = MnistData(x, t, x[:5], t[:5], source="file")
    h = Trainer(data, TrainConfig(batch_size=30, iters=5)).run()
    assert h.status == "finished" and h.iters_done == 5
