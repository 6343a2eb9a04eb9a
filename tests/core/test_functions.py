"""Losses and activations against the book's printed numbers and their invariants."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from core.functions import (cross_entropy_error, mean_squared_error, sigmoid, sigmoid_grad, softmax,
                            softmax_cross_entropy)

T = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
Y_GOOD = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])  # "2" is most likely
Y_BAD = np.array([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0])   # "7" is most likely


def test_mean_squared_error_book_examples():
    assert mean_squared_error(Y_GOOD, T) == pytest.approx(0.09750000000000003, abs=1e-15)
    assert mean_squared_error(Y_BAD, T) == pytest.approx(0.5975, abs=1e-15)


def test_cross_entropy_error_book_examples():
    assert cross_entropy_error(Y_GOOD, T) == pytest.approx(0.510825457099338, abs=1e-14)
    assert cross_entropy_error(Y_BAD, T) == pytest.approx(2.302584092994546, abs=1e-14)


def test_cross_entropy_labels_equal_one_hot():
    assert cross_entropy_error(Y_GOOD, 2) == cross_entropy_error(Y_GOOD, T)
    y = softmax(np.random.default_rng(0).standard_normal((5, 10)))
    t = np.array([3, 1, 4, 1, 5])
    assert cross_entropy_error(y, t) == pytest.approx(cross_entropy_error(y, np.eye(10)[t]), rel=1e-14)


def test_batch_loss_is_mean_of_rows():
    y = np.stack([Y_GOOD, Y_BAD])
    t = np.stack([T, T])
    assert cross_entropy_error(y, t) == pytest.approx((0.510825457099338 + 2.302584092994546) / 2)
    assert mean_squared_error(y, t) == pytest.approx((0.0975 + 0.5975) / 2)


def test_cross_entropy_is_finite_at_zero_probability():
    # delta inside the log: -log(1e-7) instead of inf
    assert cross_entropy_error(np.array([1.0, 0.0]), 1) == pytest.approx(-np.log(1e-7))


def test_softmax_is_stable_for_huge_scores():
    y = softmax(np.array([1010.0, 1000.0, 990.0]))
    assert np.all(np.isfinite(y))
    assert y == pytest.approx([9.99954600e-01, 4.53978686e-05, 2.06106005e-09], rel=1e-6)


def test_sigmoid_and_its_gradient():
    assert sigmoid(np.array([-1.0, 1.0, 2.0])) == pytest.approx([0.26894142, 0.73105858, 0.88079708])
    x = np.linspace(-5, 5, 11)
    numeric = (sigmoid(x + 1e-6) - sigmoid(x - 1e-6)) / 2e-6
    assert sigmoid_grad(x) == pytest.approx(numeric, abs=1e-9)
    assert sigmoid(np.array([-1000.0]))[0] == 0.0


@pytest.mark.parametrize("y,t", [
    (np.ones((2, 3)) / 3, np.array([0, 3])),          # label out of range
    (np.ones((2, 3)) / 3, np.zeros((3, 3))),          # one-hot of the wrong shape
    (np.array([0.5, np.nan]), 0),                     # non-finite output
    (np.ones((2, 2, 2)), 0),                          # 3-D output
])
def test_bad_input_names_the_parameter(y, t):
    with pytest.raises(ValueError, match=r"^(y|t) "):
        cross_entropy_error(y, t)


finite = st.floats(-50, 50, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(2, 12)), elements=finite), finite)
def test_softmax_rows_are_distributions_and_shift_invariant(x, c):
    y = softmax(x)
    assert np.all(y >= 0) and np.allclose(y.sum(axis=1), 1.0)
    assert np.allclose(softmax(x + c), y, atol=1e-12)
    # the most probable class is a highest score (near-ties may round to equal probabilities)
    picked = x[np.arange(x.shape[0]), np.argmax(y, axis=1)]
    assert np.all(picked >= x.max(axis=1) - 1e-9)


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(2, 12)), elements=finite), st.data())
def test_losses_are_bounded_and_cross_entropy_matches_log(x, data):
    y = softmax(x)
    t = np.array(data.draw(st.lists(st.integers(0, x.shape[1] - 1), min_size=x.shape[0], max_size=x.shape[0])))
    ce = cross_entropy_error(y, t)
    assert ce >= -1.0000001e-7  # delta lets a perfect prediction score -log(1 + 1e-7)
    assert ce == pytest.approx(-np.mean(np.log(y[np.arange(len(t)), t] + 1e-7)), rel=1e-12)
    mse = mean_squared_error(y, t)
    assert 0 <= mse <= 1.0  # two probability vectors are at most 2 apart in squared distance


def test_softmax_cross_entropy_equals_the_two_step_form():
    a = np.random.default_rng(1).standard_normal((6, 10)) * 3
    t = np.array([0, 9, 2, 2, 5, 7])
    y = softmax(a)
    # they differ only by the delta inside cross_entropy_error's log
    exact = -np.mean(np.log(y[np.arange(6), t]))
    assert softmax_cross_entropy(a, t) == pytest.approx(exact, rel=1e-13)
    assert softmax_cross_entropy(a, np.eye(10)[t]) == pytest.approx(exact, rel=1e-13)
    assert abs(cross_entropy_error(y, t) - exact) < 1e-7 / y[np.arange(6), t].min()
    assert np.isfinite(softmax_cross_entropy(np.array([1000.0, -1000.0]), 1))
