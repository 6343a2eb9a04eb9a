"""Numerical differentiation, numerical gradients and gradient descent (chapter 4.3-4.4)."""
from dataclasses import dataclass

import numpy as np

from core.validate import check_finite, check_int, check_positive


def numerical_diff(f, x, h=1e-4, method="central"):
    """Derivative of a one-variable function f at x by a finite difference.

    Parameters
    ----------
    f : callable taking a float (or an array, elementwise) and returning the same.
    x : float or array of points.
    h : float > 0, the step.
    method : "central" (f(x+h) - f(x-h)) / 2h, error O(h^2), or
             "forward" (f(x+h) - f(x)) / h, error O(h).

    Returns
    -------
    float, or an array shaped like x.
    """
    check_positive("h", h)
    check_finite("x", x)
    if method == "central":
        # central difference: error O(h^2)
        return (f(x + h) - f(x - h)) / (2 * h)
    if method == "forward":
        # forward difference: error O(h)
        return (f(x + h) - f(x)) / h
    raise ValueError(f'method must be "central" or "forward"; got {method!r}')


def numerical_gradient(f, x, h=1e-4):
    """Gradient of a scalar function f at x by central differences, element by element.

    Parameters
    ----------
    f : callable, f(x) -> float.  It may also ignore its argument and read x
        through a closure (the book's ``lambda W: net.loss(x, t)``): x is nudged
        in place, one element at a time.
    x : floating-point array of any shape.
    h : float > 0.

    Returns
    -------
    grad : array shaped like x.  Every element of x is restored, even if f raises.
    """
    check_positive("h", h)
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        raise ValueError(f"x must be a floating-point array; got dtype {x.dtype}")
    check_finite("x", x)
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        idx = it.multi_index
        tmp_val = x[idx]
        try:
            x[idx] = float(tmp_val) + h
            fxh1 = f(x)
            x[idx] = tmp_val - h
            fxh2 = f(x)
        finally:
            x[idx] = tmp_val
        grad[idx] = (fxh1 - fxh2) / (2 * h)
    return grad


@dataclass
class DescentResult:
    """Outcome of gradient_descent.

    x : the last finite point, shaped like init_x.
    path : (k + 1, *init_x.shape), the start and every point visited after it.
    status : "finished", or "diverged" when the next point would not be finite.
    diverged_at : the step (1-based) whose update left the finite numbers, else None.

    Unpacks like the book's ``x, x_history = gradient_descent(...)``.
    """

    x: np.ndarray
    path: np.ndarray
    status: str
    diverged_at: int | None = None

    def __iter__(self):
        return iter((self.x, self.path))


def gradient_descent(f, init_x, lr=0.01, step_num=100, h=1e-4):
    """Minimise f by repeating x <- x - lr * grad f(x), with a numerical gradient.

    Parameters
    ----------
    f : callable, f(x) -> float, x shaped like init_x.
    init_x : float array; it is copied, never changed.
    lr : float > 0, the learning rate.
    step_num : int >= 0, number of updates.
    h : float > 0, step of the numerical gradient.

    Returns
    -------
    DescentResult (unpacks to ``x, path``).
    """
    check_positive("lr", lr)
    check_int("step_num", step_num, 0)
    x = np.array(init_x, dtype=float)  # a copy: the caller's array stays as it was
    check_finite("init_x", x)
    path = [x.copy()]
    for step in range(1, step_num + 1):
        with np.errstate(over="ignore", invalid="ignore"):
            grad = numerical_gradient(f, x, h)
            new_x = x - lr * grad
        if not np.all(np.isfinite(new_x)):
            return DescentResult(x, np.array(path), "diverged", step)
        x = new_x
        path.append(x.copy())
    return DescentResult(x, np.array(path), "finished")


def numerical_gradient_field(f, X, h=1e-4):
    """Gradients of f at many points at once, by the same central differences as numerical_gradient.

    Parameters
    ----------
    f : callable, f(X) -> array of shape X.shape[1:].  X[i] holds coordinate i of every
        point, so f must work elementwise over the trailing axes (the book's
        ``x[0]**2 + x[1]**2`` does).
    X : floating-point array (d, *points_shape), e.g. (2, ny, nx) for a grid in the plane.
    h : float > 0.

    Returns
    -------
    grad : array (d, *points_shape); grad[i] is the partial derivative along coordinate i
        at every point.  X is not changed.

    Notes
    -----
    grad[i] = (f(X + h e_i) - f(X - h e_i)) / 2h: each coordinate is nudged alone, as in
    numerical_gradient, so for an elementwise f the numbers at each point are the same.
    """
    check_positive("h", h)
    X = np.asarray(X)
    if not np.issubdtype(X.dtype, np.floating):
        raise ValueError(f"X must be a floating-point array; got dtype {X.dtype}")
    if X.ndim < 1:
        raise ValueError("X must have at least one axis (the coordinates)")
    check_finite("X", X)
    grad = np.empty_like(X)
    for i in range(X.shape[0]):
        x_plus, x_minus = X.copy(), X.copy()
        x_plus[i] = X[i] + h
        x_minus[i] = X[i] - h
        # central difference: error O(h^2)
        grad[i] = (f(x_plus) - f(x_minus)) / (2 * h)
    return grad
