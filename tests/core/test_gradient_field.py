"""The vectorised numerical gradient against numerical_gradient, point by point, and against the exact gradients."""
import numpy as np
import pytest

from core.gradient import numerical_gradient, numerical_gradient_field


def function_2(x):
    return x[0] ** 2 + x[1] ** 2


def saddle(x):
    return x[0] ** 2 - x[1] ** 2


def valley(x):
    return x[0] ** 2 / 20 + x[1] ** 2


def rosenbrock(x):
    return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2


def wave(x):
    return np.sin(x[0]) * np.exp(-x[1] / 3)


EXACT = {
    function_2: lambda x: np.array([2 * x[0], 2 * x[1]]),
    saddle: lambda x: np.array([2 * x[0], -2 * x[1]]),
    valley: lambda x: np.array([x[0] / 10, 2 * x[1]]),
    rosenbrock: lambda x: np.array([-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2),
                                    200 * (x[1] - x[0] ** 2)]),
    wave: lambda x: np.array([np.cos(x[0]) * np.exp(-x[1] / 3), -np.sin(x[0]) * np.exp(-x[1] / 3) / 3]),
}


def grid(low=-3.0, high=4.0, n=9):
    x0, x1 = np.meshgrid(np.linspace(low, high, n), np.linspace(low, high, n + 2))
    return np.stack([x0, x1])  # (2, n + 2, n)


def point_by_point(f, X):
    flat = X.reshape(X.shape[0], -1)
    grads = [numerical_gradient(f, flat[:, k].copy()) for k in range(flat.shape[1])]
    return np.stack(grads, axis=1).reshape(X.shape)


@pytest.mark.parametrize("f", [function_2, saddle, valley, rosenbrock])
def test_same_numbers_as_numerical_gradient_for_polynomials(f):
    X = grid()
    # same nudges, same arithmetic: bit for bit equal
    np.testing.assert_array_equal(numerical_gradient_field(f, X), point_by_point(f, X))


def test_close_to_numerical_gradient_for_transcendental_functions():
    X = grid()
    # array and scalar sin/exp may differ in the last bit, amplified by 1/2h
    np.testing.assert_allclose(numerical_gradient_field(wave, X), point_by_point(wave, X), rtol=0, atol=1e-10)


@pytest.mark.parametrize("f,atol", [(function_2, 1e-9), (saddle, 1e-9), (valley, 1e-9),
                                    (rosenbrock, 1e-4), (wave, 1e-7)])
def test_close_to_the_exact_gradient(f, atol):
    X = grid(-2.0, 2.0)
    np.testing.assert_allclose(numerical_gradient_field(f, X), EXACT[f](X), rtol=1e-7, atol=atol)


def test_book_points_in_one_call():
    X = np.array([[3.0, 0.0, 3.0], [4.0, 2.0, 0.0]])  # the book's three points as columns
    g = numerical_gradient_field(function_2, X)
    assert g[:, 0].tolist() == [6.00000000000378, 7.999999999999119]
    assert g[:, 1] == pytest.approx([0.0, 4.0], abs=1e-9)
    assert g[:, 2] == pytest.approx([6.0, 0.0], abs=1e-9)


@pytest.mark.parametrize("shape", [(3,), (3, 5), (3, 2, 4)])
def test_any_number_of_coordinates_and_points(shape):
    X = np.random.default_rng(1).standard_normal(shape)
    before = X.copy()
    g = numerical_gradient_field(lambda x: np.sum(x ** 3, axis=0) + x[0] * x[2], X)
    assert g.shape == shape
    assert np.array_equal(X, before)  # not changed
    exact = 3 * X ** 2
    exact[0] += X[2]
    exact[2] += X[0]
    np.testing.assert_allclose(g, exact, atol=1e-7)


@pytest.mark.parametrize("h", [0, -1e-4, float("nan")])
def test_bad_h(h):
    with pytest.raises(ValueError, match="^h "):
        numerical_gradient_field(function_2, grid(), h=h)


def test_bad_points():
    with pytest.raises(ValueError, match="floating"):
        numerical_gradient_field(function_2, np.array([[1, 2], [3, 4]]))
    with pytest.raises(ValueError, match="^X "):
        numerical_gradient_field(function_2, np.array([[1.0, np.nan], [3.0, 4.0]]))
    with pytest.raises(ValueError, match="axis"):
        numerical_gradient_field(function_2, np.array(1.0))
