"""core.verdict: a run that ends is not necessarily a run that learned."""
import math

import numpy as np
import pytest

from core.mnist import load_sample
from core.run import History
from core.sgd import Trainer, TrainConfig
from core.verdict import SATURATION_LEVEL, guess_loss, judge, saturation


def history(losses, test_acc, status="finished", saturation_start=0.0, **config):
    """A History as a run would leave it (only the fields the verdict reads matter)."""
    losses = np.asarray(losses, dtype=float)
    return History(config=config, iters_planned=len(losses), iter_per_epoch=10, eval_every=10, train_size=100,
                   test_size=100, loss=losses, iters_done=len(losses), test_acc=list(test_acc),
                   train_acc=list(test_acc), status=status, saturation_start=saturation_start)


def test_guess_loss_is_the_loss_of_a_uniform_answer():
    assert guess_loss("cross_entropy") == pytest.approx(math.log(10), abs=1e-6)  # delta = 1e-7 in the log
    # 0.5 * ((1 - 0.1)^2 + 9 * 0.1^2), worked by hand
    assert guess_loss("mean_squared_error") == pytest.approx(0.45, abs=1e-12)
    assert guess_loss("cross_entropy", classes=2) == pytest.approx(math.log(2), abs=1e-6)


def test_saturation_counts_flat_sigmoids():
    x = np.full((4, 784), 255, dtype=np.uint8)  # every pixel 1.0 after normalisation
    params = {"W1": np.zeros((784, 3)), "b1": np.array([0.0, SATURATION_LEVEL + 1, -SATURATION_LEVEL - 1])}
    assert saturation(params, x) == pytest.approx(2 / 3)
    params["W1"][:, 0] = 1.0  # a1 = 784 for unit 0
    assert saturation(params, x) == 1.0
    params["W1"][0, 1] = np.inf
    assert math.isnan(saturation(params, x))


@pytest.mark.parametrize("losses, test_acc, status, sat, want_status, want_causes", [
    ([2.3] + [0.3] * 99, [0.1, 0.9], "finished", 0.0, "finished", ()),
    ([2.3] + [5.0] * 99, [0.1, 0.5], "finished", 0.0, "did_not_learn", ("overshoot",)),   # loss ended above its start
    ([2.3] + [2.29] * 99, [0.1, 0.11], "finished", 0.0, "did_not_learn", ("too_slow",)),  # near chance, loss flat
    ([6.4] + [3.7] * 99, [0.1, 0.17], "finished", 0.6, "did_not_learn", ("saturated",)),
    ([50.0] + [900.0] * 99, [0.1, 0.1], "finished", 0.6, "did_not_learn", ("saturated", "overshoot")),
    ([2.3] + [2.2] * 9, [0.1, 0.12], "stopped", 0.0, "stopped", ()),       # the student stopped it early
    ([2.3] + [6.0] * 9, [0.1, 0.1], "stopped", 0.0, "stopped", ("overshoot",)),
    ([2.3] + [0.5] * 9, [0.1, 0.8], "stopped", 0.6, "stopped", ()),        # learning well: nothing to say
    ([2.3, 9.0], [0.1], "diverged", 0.0, "diverged", ("overshoot",)),
    ([2.3] + [2.38] * 99, [0.1, 0.3], "finished", 0.0, "finished", ()),    # within the noise margin
])
def test_judge(losses, test_acc, status, sat, want_status, want_causes):
    verdict = judge(history(losses, test_acc, status, sat))
    assert (verdict.status, verdict.causes) == (want_status, want_causes)
    assert verdict.loss_start == losses[0]


def test_judge_reports_the_loss_at_both_ends_and_guessing():
    verdict = judge(history([2.0] + [1.0] * 89 + [3.0] * 10, [0.1, 0.9]))
    assert verdict.loss_end == pytest.approx(3.0)  # the mean of the last tenth
    assert verdict.guess_loss == pytest.approx(guess_loss())
    assert judge(history([0.45] * 10, [0.1, 0.9], loss="mean_squared_error")).guess_loss == pytest.approx(0.45)


def test_a_run_that_diverged_at_once_still_gets_a_cause():
    h = history([], [], status="diverged")
    assert judge(h).causes == ("overshoot",) and judge(h).loss_start is None


def test_a_run_not_done_has_no_verdict_yet():
    assert judge(history([2.3, 2.2], [0.1], status="running")) .causes == ()


@pytest.mark.parametrize("config, want_status, want_causes", [
    (dict(iters=1500), "finished", ()),                                          # the book's settings learn
    (dict(iters=1500, lr=30.0), "did_not_learn", ("overshoot",)),                # steps far too large
    (dict(iters=1500, lr=0.001), "did_not_learn", ("too_slow",)),                # steps far too small
    (dict(iters=600, lr=30.0, weight_init_std=1.0, hidden_size=200, batch_size=1),
     "did_not_learn", ("saturated", "overshoot")),                              # both at once
])
def test_real_runs_on_the_sample(config, want_status, want_causes):
    h = Trainer(load_sample(), TrainConfig(**config)).run()
    assert h.status == "finished"  # the engine itself saw nothing wrong
    verdict = judge(h)
    assert (verdict.status, verdict.causes) == (want_status, want_causes)
    assert 0 <= h.saturation_start <= 1 and 0 <= h.saturation_end <= 1
