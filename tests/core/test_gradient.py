"""Numerical differentiation and gradient descent against the book's printed numbers."""
import numpy as np
import pytest

from core.gradient import gradient_descent, numerical_diff, numerical_gradient


def function_1(x):
    return 0.01 * x ** 2 + 0.1 * x


def function_2(x):
    return x[0] ** 2 + x[1] ** 2


def test_numerical_diff_book_values():
    assert numerical_diff(function_1, 5) == pytest.approx(0.1999999999990898, abs=1e-15)
    assert numerical_diff(function_1, 10) == pytest.approx(0.2999999999986347, abs=1e-15)


def test_forward_difference_is_less_exact_than_central():
    exact = 0.02 * 5 + 0.1
    forward = numerical_diff(function_1, 5.0, h=1e-4, method="forward")
    central = numerical_diff(function_1, 5.0, h=1e-4, method="central")
    assert abs(forward - exact) == pytest.approx(1e-6, rel=1e-3)  # O(h) error: 0.01 h
    assert abs(central - exact) < 1e-11


def test_numerical_diff_vectorised_over_x():
    x = np.array([5.0, 10.0])
    assert numerical_diff(function_1, x) == pytest.approx([0.2, 0.3], abs=1e-11)


def test_numerical_gradient_book_values():
    g = numerical_gradient(function_2, np.array([3.0, 4.0]))
    assert g.tolist() == pytest.approx([6.00000000000378, 7.999999999999119], abs=1e-13)
    assert numerical_gradient(function_2, np.array([0.0, 2.0])) == pytest.approx([0.0, 4.0], abs=1e-9)
    assert numerical_gradient(function_2, np.array([3.0, 0.0])) == pytest.approx([6.0, 0.0], abs=1e-9)


def test_numerical_gradient_any_shape_restores_every_element():
    x = np.random.default_rng(0).standard_normal((2, 3, 4))
    before = x.copy()
    g = numerical_gradient(lambda a: np.sum(a ** 3), x)
    assert np.array_equal(x, before)
    assert g == pytest.approx(3 * x ** 2, abs=1e-6)


def test_numerical_gradient_restores_even_when_f_raises():
    x = np.array([1.0, 2.0])

    def f(a):
        if a[0] != 1.0:
            raise RuntimeError("boom")
        return 0.0

    with pytest.raises(RuntimeError):
        numerical_gradient(f, x)
    assert x.tolist() == [1.0, 2.0]


@pytest.mark.parametrize("lr,expected", [
    (0.1, [-6.11110793e-10, 8.14814391e-10]),
    (10.0, [-2.58983747e13, -1.29524862e12]),
    (1e-10, [-2.99999994, 3.99999992]),
])
def test_gradient_descent_book_values(lr, expected):
    init_x = np.array([-3.0, 4.0])
    result = gradient_descent(function_2, init_x, lr=lr, step_num=100)
    assert result.x == pytest.approx(expected, rel=1e-8)
    assert init_x.tolist() == [-3.0, 4.0]  # not mutated
    assert result.path.shape == (101, 2)
    assert result.path[0].tolist() == [-3.0, 4.0]
    assert np.array_equal(result.path[-1], result.x)
    x, path = result  # unpacks like the book's x, x_history
    assert path is result.path


def test_gradient_descent_stops_when_the_point_leaves_the_finite_numbers():
    # minimising -exp(x) runs off to +inf; exp overflows within a few steps
    result = gradient_descent(lambda x: -np.exp(x[0]), np.array([1.0]), lr=1.0, step_num=100)
    assert result.status == "diverged"
    assert result.diverged_at is not None and result.diverged_at < 100
    assert np.all(np.isfinite(result.path))
    assert len(result.path) == result.diverged_at


@pytest.mark.parametrize("kwargs,name", [
    ({"lr": 0}, "lr"), ({"lr": -1}, "lr"), ({"lr": float("nan")}, "lr"),
    ({"step_num": -1}, "step_num"), ({"step_num": 2.5}, "step_num"),
    ({"init_x": np.array([np.inf, 0.0])}, "init_x"),
])
def test_gradient_descent_bad_input(kwargs, name):
    args = {"f": function_2, "init_x": np.array([1.0, 1.0]), **kwargs}
    with pytest.raises(ValueError, match=f"^{name} "):
        gradient_descent(**args)


@pytest.mark.parametrize("h", [0, -1e-4, float("inf")])
def test_bad_h(h):
    with pytest.raises(ValueError, match="^h "):
        numerical_diff(function_1, 1.0, h=h)
    with pytest.raises(ValueError, match="^h "):
        numerical_gradient(function_2, np.array([1.0, 1.0]), h=h)


def test_bad_method_and_dtype():
    with pytest.raises(ValueError, match="method"):
        numerical_diff(function_1, 1.0, method="backward")
    with pytest.raises(ValueError, match="floating"):
        numerical_gradient(function_2, np.array([1, 2]))
