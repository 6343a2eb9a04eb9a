"""Training with either loss: cross-entropy (the book's) or mean squared error of the softmax.

Backprop against numerical gradients in float64, the fused float32 step against
backprop + update, and the same seed giving the same run, for both losses.
"""
import numpy as np
import pytest

from core import TwoLayerNet
from core.functions import mean_squared_error, softmax
from core.mnist import load_sample
from core.run import LOSSES
from core.sgd import Trainer, TrainConfig, _Workspace
from core.sgd_step import STEPS

BOTH = ["cross_entropy", "mean_squared_error"]


def test_the_two_losses_are_named_once():
    assert LOSSES == tuple(BOTH) and set(STEPS) == set(BOTH)


@pytest.fixture(scope="module")
def batch():
    data = load_sample()
    return data.x_train[:5] / 255.0, data.t_train[:5]


def test_mse_network_loss_is_the_books_function_of_the_softmax(batch):
    x, t = batch
    net = TwoLayerNet(784, 30, 10, rng=4, loss="mean_squared_error")
    y = softmax(net.scores(x))
    # independent: the book's mean_squared_error with one-hot t, and the sum written out
    assert net.loss(x, t) == pytest.approx(mean_squared_error(y, np.eye(10)[t]), rel=1e-14)
    assert net.loss(x, t) == pytest.approx(0.5 * np.sum((y - np.eye(10)[t]) ** 2) / len(t), rel=1e-14)
    ce = TwoLayerNet(784, 30, 10, rng=4)
    assert ce.loss(x, t) == pytest.approx(-np.mean(np.log(y[np.arange(5), t])), rel=1e-12)


@pytest.mark.parametrize("loss", BOTH)
def test_backprop_matches_numerical_gradient_for_both_losses(batch, loss):
    x, t = batch
    net = TwoLayerNet(784, 40, 10, weight_init_std=0.1, rng=0, loss=loss)
    backprop = net.gradient(x, t)
    fast = net.numerical_gradient(x, t)
    for key in ("W1", "b1", "W2", "b2"):
        assert backprop[key].shape == net.params[key].shape
        scale = np.abs(backprop[key]).max()
        assert scale > 1e-6, key  # a real gradient, not zeros compared with zeros
        assert np.abs(fast[key] - backprop[key]).max() <= 1e-8, key


@pytest.mark.parametrize("loss", BOTH)
def test_fast_numerical_gradient_equals_the_loop_for_both_losses(loss):
    rng = np.random.default_rng(5)
    net = TwoLayerNet(20, 6, 4, weight_init_std=1.0, rng=3, loss=loss)
    x = rng.random((7, 20))
    t = rng.integers(0, 4, 7)
    loop = net.numerical_gradient(x, t, method="loop")
    fast = net.numerical_gradient(x, t, method="fast")
    backprop = net.gradient(x, t)
    for key in loop:
        assert np.abs(loop[key] - fast[key]).max() <= 1e-10, key
        assert np.abs(loop[key] - backprop[key]).max() <= 1e-8, key


def test_mse_gradient_at_the_scores_goes_through_the_softmax_jacobian():
    """dL/da for one sample, built from the full Jacobian diag(y) - y y^T: the formula
    y * (g - g.y) must equal J^T g with g = y - t."""
    net = TwoLayerNet(3, 2, 4, rng=1, loss="mean_squared_error")
    net.params["W1"][:] = 0.0  # z1 = 0.5 for every input: the scores are 0.5 * sum(W2) + b2
    net.params["b2"][:] = [0.3, -1.0, 2.0, 0.1]
    a2 = 0.5 * net.params["W2"].sum(axis=0) + net.params["b2"]
    y = softmax(a2)
    t = np.array([0.0, 1.0, 0.0, 0.0])
    jacobian = np.diag(y) - np.outer(y, y)
    want = jacobian.T @ (y - t)
    # b2's gradient is dL/da2 summed over the batch (here one sample)
    got = net.gradient(np.zeros((1, 3)), [1])["b2"]
    assert got == pytest.approx(want, abs=1e-15)


@pytest.mark.parametrize("loss", BOTH)
def test_fused_step_equals_backprop_update_for_both_losses(loss):
    data = load_sample()
    net = TwoLayerNet(784, 20, 10, rng=0, dtype=np.float64, loss=loss)
    expected = {k: v.copy() for k, v in net.params.items()}
    idx = np.arange(32)
    x, t = data.x_train[idx] / 255.0, data.t_train[idx]
    grads = net.gradient(x, t)
    for k in expected:
        expected[k] -= 0.5 * grads[k]
    loss_before = net.loss(x, t)
    ws = _Workspace(32, 784, 20, 10, np.dtype(np.float64))
    step_loss = STEPS[loss](net.params, ws, data.x_train, data.t_train, idx, 0.5)
    assert step_loss == pytest.approx(loss_before, rel=1e-12)
    for k in expected:
        assert np.abs(net.params[k] - expected[k]).max() <= 1e-8, k
        assert np.abs(net.params[k] - expected[k]).max() < 1e-13, k  # in fact to rounding


def test_fused_float32_mse_step_follows_float64_backprop():
    data = load_sample()
    net64 = TwoLayerNet(784, 20, 10, rng=2, dtype=np.float64, loss="mean_squared_error")
    params32 = {k: v.astype(np.float32) for k, v in net64.params.items()}
    idx = np.arange(50, 150)
    grads = net64.gradient(data.x_train[idx] / 255.0, data.t_train[idx])
    ws = _Workspace(100, 784, 20, 10, np.dtype(np.float32))
    STEPS["mean_squared_error"](params32, ws, data.x_train, data.t_train, idx, 1.0)
    for k in grads:
        moved = net64.params[k] - params32[k]
        assert np.abs(moved - grads[k]).max() < 1e-5 * max(1.0, np.abs(grads[k]).max()), k


@pytest.mark.parametrize("loss", BOTH)
def test_same_seed_same_run_for_both_losses(loss):
    data = load_sample()
    whole = Trainer(data, TrainConfig(iters=240, seed=3, loss=loss)).run()
    chunked = Trainer(data, TrainConfig(iters=240, seed=3, loss=loss))
    while not chunked.done:
        chunked.run(max_seconds=0.003)
    assert np.array_equal(whole.losses, chunked.history.losses)
    assert whole.test_acc == chunked.history.test_acc
    assert whole.config["loss"] == loss


def test_the_two_losses_train_differently_and_both_learn():
    data = load_sample()
    ce = Trainer(data, TrainConfig(iters=400, lr=0.5, seed=1)).run()
    mse = Trainer(data, TrainConfig(iters=400, lr=0.5, seed=1, loss="mean_squared_error")).run()
    assert ce.config["loss"] == "cross_entropy" and mse.config["loss"] == "mean_squared_error"
    # the same initial weights and mini-batches: the first loss is each function of the same output
    assert ce.losses[0] == pytest.approx(np.log(10), abs=0.01)
    assert mse.losses[0] == pytest.approx(0.45, abs=0.01)
    assert mse.losses[-20:].mean() < mse.losses[:20].mean()
    assert ce.test_acc[-1] > 0.5
    assert ce.test_acc[-1] > mse.test_acc[-1]  # the softmax slope damps MSE's early steps


def test_unknown_loss_is_refused_by_name():
    with pytest.raises(ValueError, match="^loss "):
        Trainer(load_sample(), TrainConfig(loss="hinge"))
    with pytest.raises(ValueError, match="^loss "):
        TwoLayerNet(4, 3, 2, loss="hinge")
