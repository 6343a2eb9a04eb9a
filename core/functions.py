"""Activations and loss functions of chapter 4 (sigmoid, softmax, MSE, cross-entropy).

Every function accepts one sample (1-D) or a batch (2-D, one sample per row).
A batch loss is the mean over rows, so it does not grow with the batch size.
"""
import numpy as np

# Added inside log() so that log(0) = -inf can never happen (the book's 1e-7).
DELTA = 1e-7
# The losses a network can be trained with: cross_entropy_error (the book's) and
# mean_squared_error, each of the softmax output.
LOSSES = ("cross_entropy", "mean_squared_error")


def sigmoid(x):
    """Logistic function 1 / (1 + exp(-x)), elementwise; any shape, same dtype out."""
    x = np.asarray(x)
    with np.errstate(over="ignore"):  # exp(-x) -> inf for x << 0 gives 1/inf = 0, which is right
        return 1.0 / (1.0 + np.exp(-x))


def sigmoid_grad(x):
    """Derivative of the sigmoid at x: s(x) * (1 - s(x)); any shape."""
    s = sigmoid(x)
    return (1.0 - s) * s


def softmax(x):
    """Softmax of a score vector (n,) or of each row of a batch (N, n).

    Notes
    -----
    softmax(x)_k = exp(x_k - c) / sum_i exp(x_i - c), with c = max_i x_i.
    Subtracting the maximum changes nothing mathematically and keeps exp() finite.
    """
    x = np.asarray(x)
    if x.ndim not in (1, 2):
        raise ValueError(f"x must be 1-D (n,) or 2-D (N, n); got shape {x.shape}")
    # subtract the row max so exp() cannot overflow
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def _as_batch(y, t):
    """Return y as (N, n) and t as (N, n) one-hot or (N,) labels, checking shapes."""
    y = np.asarray(y)
    t = np.asarray(t)
    if y.ndim == 1:
        y = y.reshape(1, -1)
        t = t.reshape(1, -1) if t.ndim == 1 and t.size == y.size and t.size > 1 else t.reshape(-1)
    if y.ndim != 2:
        raise ValueError(f"y must be 1-D (n,) or 2-D (N, n); got shape {y.shape}")
    if not np.all(np.isfinite(y)):
        raise ValueError("y must hold finite numbers only (no NaN or inf)")
    if t.shape == y.shape:
        return y, t
    if t.ndim == 1 and t.shape[0] == y.shape[0]:
        if not np.issubdtype(t.dtype, np.integer):
            if not np.all(np.mod(t, 1) == 0):
                raise ValueError("t as labels must hold whole numbers")
            t = t.astype(np.intp)
        if t.size and (t.min() < 0 or t.max() >= y.shape[1]):
            raise ValueError(f"t labels must lie in [0, {y.shape[1] - 1}]")
        return y, t
    raise ValueError(
        f"t must be one-hot with the shape of y {y.shape} or labels of shape ({y.shape[0]},);"
        f" got shape {t.shape}"
    )


def mean_squared_error(y, t):
    """Mean squared error E = 1/2 * sum_k (y_k - t_k)^2, averaged over a batch.

    Parameters
    ----------
    y : (n,) or (N, n) array, network output.
    t : the same shape as y (one-hot), or labels (N,) / a scalar label for 1-D y.

    Returns
    -------
    float
    """
    y, t = _as_batch(y, t)
    if t.shape != y.shape:
        t = np.eye(y.shape[1], dtype=y.dtype)[t]
    return float(0.5 * np.sum((y - t) ** 2) / y.shape[0])


def cross_entropy_error(y, t):
    """Cross-entropy E = -sum_k t_k log(y_k + delta), averaged over a batch.

    Parameters
    ----------
    y : (n,) or (N, n) array of probabilities (e.g. softmax output).
    t : the same shape as y (one-hot), or labels (N,) / a scalar label for 1-D y.

    Returns
    -------
    float

    Notes
    -----
    With one-hot t only the correct class's term survives, so with labels we
    read y[n, t_n] directly.  delta = 1e-7 keeps log() finite when y_k = 0.
    """
    y, t = _as_batch(y, t)
    batch_size = y.shape[0]
    if t.shape == y.shape:
        # one-hot (or any target distribution): the book's sum over k
        return float(-np.sum(t * np.log(y + DELTA)) / batch_size)
    # labels: only the correct class's term is non-zero, so read y[n, t_n] directly
    return float(-np.sum(np.log(y[np.arange(batch_size), t] + DELTA)) / batch_size)


def softmax_cross_entropy(a, t):
    """cross_entropy_error(softmax(a), t) computed from the scores a, without delta.

    Parameters
    ----------
    a : (n,) or (N, n) scores (logits); t : one-hot like a, or labels (N,) / a scalar.

    Returns
    -------
    float, the mean over rows.

    Notes
    -----
    -log softmax(a)_t = log sum_k exp(a_k) - a_t  (log-sum-exp, shifted by max a).
    It is finite for any finite scores, so no delta is needed, and its exact
    derivative with respect to a is (softmax(a) - t) / N: the backprop formula.
    """
    a, t = _as_batch(a, t)
    m = a.max(axis=1, keepdims=True)
    # log-sum-exp shifted by the row max: exp() cannot overflow
    minus_log_y = np.log(np.sum(np.exp(a - m), axis=1, keepdims=True)) + m - a
    if t.shape == a.shape:
        return float(np.sum(t * minus_log_y) / a.shape[0])
    return float(np.sum(minus_log_y[np.arange(a.shape[0]), t]) / a.shape[0])
