"""simpleNet: the book's one-layer, 2-input, 3-class network used to show a gradient (4.4.2)."""
import numpy as np

from core.functions import softmax, softmax_cross_entropy
from core.gradient import numerical_gradient
from core.validate import check_finite


class SimpleNet:
    """x (2,) -> x @ W (3,) -> softmax -> cross-entropy.

    Parameters
    ----------
    W : optional (2, 3) float array; by default drawn from a standard normal.
    rng : numpy.random.Generator or seed, used only when W is not given.
    """

    def __init__(self, W=None, rng=None):
        if W is None:
            W = np.random.default_rng(rng).standard_normal((2, 3))
        self.W = W

    @property
    def W(self):
        """(2, 3) float64 weight matrix."""
        return self._W

    @W.setter
    def W(self, value):
        value = np.array(value, dtype=np.float64)
        if value.shape != (2, 3):
            raise ValueError(f"W must have shape (2, 3); got {value.shape}")
        check_finite("W", value)
        self._W = value

    def predict(self, x):
        """Scores x @ W: (2,) -> (3,) or (N, 2) -> (N, 3)."""
        x = np.asarray(x, dtype=np.float64)
        if x.shape[-1:] != (2,) or x.ndim > 2:
            raise ValueError(f"x must have shape (2,) or (N, 2); got {x.shape}")
        check_finite("x", x)
        return x @ self.W

    def loss(self, x, t):
        """Cross-entropy of softmax(predict(x)) against t (one-hot (3,) or a label).

        Computed from the scores (log-sum-exp), so it needs no delta in the log.
        """
        return softmax_cross_entropy(self.predict(x), t)

    def numerical_gradient(self, x, t, h=1e-4):
        """dL/dW (2, 3) by central differences, nudging W in place (as in the book)."""
        return numerical_gradient(lambda W: self.loss(x, t), self.W, h)

    def gradient(self, x, t):
        """dL/dW (2, 3) analytically: x^T (softmax(x W) - t) / N."""
        x = np.atleast_2d(np.asarray(x, dtype=np.float64))
        y = softmax(self.predict(x))
        t = np.asarray(t)
        onehot = t.reshape(y.shape) if t.size == y.size and y.shape[1] > 1 and t.ndim else np.eye(3)[t.reshape(-1)]
        return x.T @ (y - onehot) / x.shape[0]

    def __repr__(self):
        return "SimpleNet(2 -> 3, float64)"
