"""TwoLayerNet: input -> affine -> sigmoid -> affine -> softmax (the book's 4.5.1)."""
import numpy as np

from core import weights_file
from core.functions import LOSSES, mean_squared_error, sigmoid, sigmoid_grad, softmax, softmax_cross_entropy
from core.gradient import numerical_gradient
from core.validate import check_choice, check_finite, check_int, check_positive

PARAM_NAMES = ("W1", "b1", "W2", "b2")


class TwoLayerNet:
    """A two-layer network with the book's names.

    Parameters
    ----------
    input_size, hidden_size, output_size : int >= 1 (784, 50, 10 for MNIST).
    weight_init_std : float > 0, std of the Gaussian initial weights (biases start at 0).
    rng : numpy.random.Generator or seed for the initial weights.
    dtype : float64 (teaching, gradient checks) or float32 (fast training).
    loss : "cross_entropy" (the book's) or "mean_squared_error", each of softmax(a2);
        loss, gradient and numerical_gradient all follow it.

    Attributes
    ----------
    params : dict with W1 (input, hidden), b1 (hidden,), W2 (hidden, output), b2 (output,).
    """

    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01,
                 rng=None, dtype=np.float64, loss="cross_entropy"):
        check_int("input_size", input_size, 1)
        check_int("hidden_size", hidden_size, 1)
        check_int("output_size", output_size, 2)
        check_positive("weight_init_std", weight_init_std)
        self.loss_name = check_choice("loss", loss, LOSSES)
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise ValueError(f"dtype must be float32 or float64; got {self.dtype}")
        rng = np.random.default_rng(rng)
        self.params = {
            "W1": (weight_init_std * rng.standard_normal((input_size, hidden_size))).astype(self.dtype),
            "b1": np.zeros(hidden_size, dtype=self.dtype),
            "W2": (weight_init_std * rng.standard_normal((hidden_size, output_size))).astype(self.dtype),
            "b2": np.zeros(output_size, dtype=self.dtype),
        }

    @property
    def sizes(self):
        """(input_size, hidden_size, output_size)."""
        W1, W2 = self.params["W1"], self.params["W2"]
        return W1.shape[0], W1.shape[1], W2.shape[1]

    def _check_x(self, x):
        x = np.asarray(x)
        if x.ndim not in (1, 2) or x.shape[-1] != self.sizes[0]:
            raise ValueError(f"x must have shape ({self.sizes[0]},) or (N, {self.sizes[0]}); got {x.shape}")
        check_finite("x", x)
        return x.astype(self.dtype, copy=False)

    def _labels(self, t, batch_size):
        t = np.asarray(t)
        if t.ndim == 2:
            if t.shape != (batch_size, self.sizes[2]):
                raise ValueError(f"one-hot t must have shape ({batch_size}, {self.sizes[2]}); got {t.shape}")
            return t.argmax(axis=1)
        t = t.reshape(-1)
        if t.shape != (batch_size,) or not np.issubdtype(t.dtype, np.integer):
            raise ValueError(f"t must be {batch_size} integer labels or one-hot rows; got {t.dtype} {t.shape}")
        if batch_size and (t.min() < 0 or t.max() >= self.sizes[2]):
            raise ValueError(f"t labels must lie in [0, {self.sizes[2] - 1}]")
        return t

    def scores(self, x):
        """Output scores a2 before softmax: (N, input) -> (N, output)."""
        x = self._check_x(x)
        p = self.params
        z1 = sigmoid(x @ p["W1"] + p["b1"])
        return z1 @ p["W2"] + p["b2"]

    def predict(self, x):
        """Class probabilities softmax(a2): x (N, input) -> (N, output), or (input,) -> (output,)."""
        return softmax(self.scores(x))

    def loss(self, x, t):
        """The loss of softmax(a2), a mean over the batch; t one-hot (N, output) or labels (N,).

        Cross-entropy: the same number as cross_entropy_error(predict(x), t) up to its 1e-7
        delta, computed from the scores so that it stays finite and backprop's (y - t) / N
        is its exact gradient.  Mean squared error: the book's mean_squared_error(predict(x), t).
        """
        if self.loss_name == "mean_squared_error":
            x = np.atleast_2d(self._check_x(x))
            return mean_squared_error(softmax(self.scores(x)), self._labels(t, x.shape[0]))
        return softmax_cross_entropy(self.scores(x), t)

    def accuracy(self, x, t):
        """Fraction of rows whose most probable class equals t (one-hot or labels)."""
        y = np.atleast_2d(self.predict(x))
        t = self._labels(t, y.shape[0])
        return float(np.mean(np.argmax(y, axis=1) == t))

    def numerical_gradient(self, x, t, h=1e-4, method="fast"):
        """Gradients of the loss by central differences, one parameter nudged at a time.

        Parameters
        ----------
        x : (N, input); t : (N, output) one-hot or (N,) labels; h : float > 0.
        method : "loop" nudges each element and reruns the whole network (the book's
            code; ~80,000 forward passes for 784-50-10).  "fast" computes the same
            nudges but only recomputes what each one changes (see numerical_gradient_fast).

        Returns
        -------
        dict with W1, b1, W2, b2, each shaped like the parameter.
        """
        x = np.atleast_2d(self._check_x(x))
        t_idx = self._labels(t, x.shape[0])
        check_positive("h", h)
        if method == "loop":
            loss_W = lambda W: self.loss(x, t_idx)  # noqa: E731 - the book's idiom
            return {name: numerical_gradient(loss_W, self.params[name], h) for name in PARAM_NAMES}
        if method == "fast":
            return numerical_gradient_fast(self.params, x, t_idx, h, loss=self.loss_name)
        raise ValueError(f'method must be "fast" or "loop"; got {method!r}')

    def gradient(self, x, t):
        """Gradients of the loss by backpropagation; same keys and shapes as numerical_gradient."""
        x = np.atleast_2d(self._check_x(x))
        t_idx = self._labels(t, x.shape[0])
        W1, b1, W2, b2 = (self.params[k] for k in PARAM_NAMES)
        batch_num = x.shape[0]

        a1 = x @ W1 + b1
        z1 = sigmoid(a1)
        y = softmax(z1 @ W2 + b2)

        # dL/da2 of softmax + cross-entropy is (y - t) / N
        dy = y.copy()
        dy[np.arange(batch_num), t_idx] -= 1
        if self.loss_name == "mean_squared_error":
            # dL/dy = (y - t) / N = g / N, then through the softmax Jacobian diag(y) - y y^T
            g = dy
            dy = y * (g - np.sum(g * y, axis=1, keepdims=True))
        dy /= batch_num
        dz1 = dy @ W2.T
        da1 = sigmoid_grad(a1) * dz1
        return {"W1": x.T @ da1, "b1": da1.sum(axis=0), "W2": z1.T @ dy, "b2": dy.sum(axis=0)}

    def save_params(self, path, meta=None):
        """Write W1 b1 W2 b2 to an .npz file (no pickle), with meta (a dict: settings,
        accuracy ...) stored inside as JSON; see core.weights_file for the format."""
        weights_file.save(path, self.params, meta)

    def load_params(self, path, max_hidden=weights_file.DEFAULT_MAX_HIDDEN):
        """Replace params by those of a file written by save_params; returns its meta dict.

        The file's hidden size is taken; its input and output sizes must be this net's.
        Raises ValueError (weights_file.WeightsFileError) naming what is wrong with the file.
        """
        params, meta = weights_file.load(path, max_hidden=max_hidden, input_size=self.sizes[0],
                                         output_size=self.sizes[2])
        self.params = params
        self.dtype = params["W1"].dtype
        return meta

    def __repr__(self):
        i, h, o = self.sizes
        loss = "" if self.loss_name == "cross_entropy" else f", {self.loss_name}"
        return f"TwoLayerNet({i} -> {h} -> {o}, {self.dtype.name}{loss})"


def _loss_of_logits(a2, t, loss="cross_entropy"):
    """The mean loss of softmax(a2) for many nudged copies at once.

    a2 : (..., N, C) scores; t : (N,) labels.  Returns (...) losses: cross-entropy by the
    formula of softmax_cross_entropy, log sum_k exp(a2_k - m) + m - a2_t, or the mean
    squared error 1/2 sum_k (y_k - t_k)^2 of y = softmax(a2).
    """
    if loss == "mean_squared_error":
        e = np.exp(a2 - a2.max(axis=-1, keepdims=True))
        y = e / e.sum(axis=-1, keepdims=True)
        diff = y - np.eye(a2.shape[-1])[t]
        return 0.5 * np.sum(diff * diff, axis=(-2, -1)) / a2.shape[-2]
    m = a2.max(axis=-1, keepdims=True)
    lse = np.log(np.exp(a2 - m).sum(axis=-1)) + m[..., 0]
    a_t = np.take_along_axis(a2, np.broadcast_to(t[:, None], a2.shape[:-1] + (1,)), axis=-1)[..., 0]
    return np.sum(lse - a_t, axis=-1) / a2.shape[-2]


def numerical_gradient_fast(params, x, t, h=1e-4, chunk=10, loss="cross_entropy"):
    """The loop's central differences for a TwoLayerNet, without rerunning the whole net.

    Parameters
    ----------
    params : dict W1 (D, H), b1 (H,), W2 (H, C), b2 (C,), floating point.
    x : (N, D); t : (N,) integer labels; h : float > 0.
    chunk : hidden units handled together (bounds memory at ~chunk * D * N floats).
    loss : "cross_entropy" or "mean_squared_error" (of the softmax output).

    Returns
    -------
    dict of gradients shaped like params (computed in float64).

    Notes
    -----
    Nudging W1[i, j] by +-h moves only the pre-activation a1[:, j], by +-h * x[:, i]
    (b1[j]: by +-h).  So z1 changes in column j alone, by dz, and the logits become
    a2 + dz * W2[j, :].  With E = exp(a2 - max a2) the softmax denominator of a nudged
    sample is  sum_k E_k exp(dz W2[j, k]) = sum_p dz^p / p! * (sum_k E_k W2[j, k]^p),
    a power series in the tiny dz whose moments are shared by all 785 nudges of unit j;
    it is summed until the next term is below 1e-17 of the total (exact in float64).
    Nudging W2[j, k] moves logit k by +-h * z1[:, j]; b2[k] moves logit k by +-h.
    The mean squared error depends on every output of the softmax, not on the denominator
    and one score alone, so its nudged scores a2 + dz * W2[j, :] are evaluated directly
    (in chunks of at most ~2 million numbers).
    """
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=np.float64) for k in PARAM_NAMES)
    x = np.asarray(x, dtype=np.float64)
    t = np.asarray(t)
    n_batch = x.shape[0]
    n_hidden, n_class = W2.shape
    rows = np.arange(n_batch)
    a1 = x @ W1 + b1                                     # (N, H)
    z1 = sigmoid(a1)
    a2 = z1 @ W2 + b2                                    # (N, C)
    m = a2.max(axis=1, keepdims=True)
    # subtract the row max so exp() cannot overflow (the same shift for every nudge)
    E = np.exp(a2 - m)                                   # (N, C)
    a2_t = a2[rows, t]                                   # (N,) score of each correct class
    x_rows = np.vstack([x.T, np.ones((1, n_batch))])     # (D + 1, N): what W1[:, j] and b1[j] multiply

    grad_rows = np.empty((x_rows.shape[0], n_hidden))
    if loss == "mean_squared_error":
        chunk = max(1, min(chunk, 2_000_000 // (x_rows.shape[0] * n_batch * n_class)))
    for j0 in range(0, n_hidden, chunk):
        J = slice(j0, min(j0 + chunk, n_hidden))
        w = W2[J]                                        # (J, C)
        w_t = w[:, t]                                    # (J, N): weight into each sample's correct class
        losses = []
        for sign in (1.0, -1.0):
            dz = sigmoid(a1[:, J].T[:, None, :] + sign * h * x_rows) - z1[:, J].T[:, None, :]  # (J, D+1, N)
            if loss == "mean_squared_error":
                losses.append(_loss_of_logits(a2 + dz[..., None] * w[:, None, None, :], t, loss))  # (J, D+1)
                continue
            bound = np.abs(dz).max() * np.abs(w).max()
            denom = np.zeros_like(dz)
            term = np.ones_like(dz)
            power = np.ones_like(w)
            p, weight = 0, 1.0
            while True:
                denom += term * (E @ power.T).T[:, None, :]       # moment sum_k E_k w_k^p, (J, 1, N)
                p += 1
                weight *= bound / p
                if weight <= 1e-17 or p > 60:
                    break
                term *= dz / p
                power *= w
            if p > 60:  # the series would converge too slowly: evaluate the exponentials directly
                denom = np.einsum("nc,jrnc->jrn", E, np.exp(dz[..., None] * w[:, None, None, :]))
            # -log softmax_t = log(sum_k exp(a_k - m)) + m - a_t, with a_t moved by dz * W2[j, t]
            minus_log_y = np.log(denom) + m[:, 0] - (a2_t + dz * w_t[:, None, :])
            losses.append(np.sum(minus_log_y, axis=-1) / n_batch)  # (J, D+1)
        grad_rows[:, J] = ((losses[0] - losses[1]) / (2 * h)).T

    eye = np.eye(n_class)
    # nudge of W2[j, k]: logit k moves by +-h * z1[:, j] -> (H, C, N, C)
    shift_W2 = h * z1.T[:, None, :, None] * eye[None, :, None, :]
    grad_W2 = (_loss_of_logits(a2 + shift_W2, t, loss) - _loss_of_logits(a2 - shift_W2, t, loss)) / (2 * h)
    # nudge of b2[k]: logit k moves by +-h for every sample -> (C, N, C)
    shift_b2 = h * eye[:, None, :]
    grad_b2 = (_loss_of_logits(a2 + shift_b2, t, loss) - _loss_of_logits(a2 - shift_b2, t, loss)) / (2 * h)
    dtype = np.asarray(params["W1"]).dtype
    return {"W1": grad_rows[:-1].astype(dtype), "b1": grad_rows[-1].astype(dtype),
            "W2": grad_W2.astype(dtype), "b2": grad_b2.astype(dtype)}
