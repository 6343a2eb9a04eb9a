"""One step of mini-batch SGD for TwoLayerNet, fused for speed: one function per loss.

``sgd_step`` (cross-entropy, the book's) and ``sgd_step_mse`` (mean squared error of the
softmax output) do the same math as ``TwoLayerNet.gradient`` followed by
``p -= lr * grad``; they share the forward pass to the scores and the backward pass from
dL/da2, and differ only in the loss and its gradient at the scores.
"""
import numpy as np

from core.two_layer_net import PARAM_NAMES


class _Workspace:
    """Preallocated arrays for one fused SGD step (no large allocation inside the loop)."""

    def __init__(self, batch_size, input_size, hidden_size, output_size, dtype):
        def buf(*shape):
            return np.empty(shape, dtype=dtype)

        self.a1, self.dz1 = buf(batch_size, hidden_size), buf(batch_size, hidden_size)
        self.y, self.g = buf(batch_size, output_size), buf(batch_size, output_size)
        self.dW2 = buf(hidden_size, output_size)
        self.ones_batch, self.ones_out = np.ones(batch_size, dtype), np.ones(output_size, dtype)
        self.row_offsets = np.arange(batch_size) * output_size
        self.dtype = dtype


def _forward(params, ws, x_u8, batch_idx):
    """z1 = sigmoid(a1) into ws.a1 and the scores a2 into ws.y; returns (x, active, W1_active).

    The images are used as raw 0-255 values and the 1/255 of normalisation is applied to
    the small (B, hidden) product instead; sigmoid(a) = 0.5 + 0.5 tanh(a / 2).
    """
    W1, b1, W2, b2 = (params[k] for k in PARAM_NAMES)
    inv255 = 1.0 / 255.0
    a1 = ws.a1
    x_batch = x_u8[batch_idx]
    # a pixel that is 0 in every image of the batch adds nothing to a1 and gets a zero
    # gradient: leave its row of W1 out of both products (about a third of the pixels)
    active = np.flatnonzero(x_batch.any(axis=0))
    x = x_batch[:, active].astype(ws.dtype)          # raw gray levels as floats
    W1_active = W1[active]
    np.dot(x, W1_active, out=a1)
    a1 *= 0.5 * inv255                               # a1 / 2 with a1 = x/255 @ W1 + b1
    a1 += 0.5 * b1
    np.tanh(a1, out=a1)
    a1 *= 0.5
    a1 += 0.5                                        # now z1 = sigmoid(a1)
    np.dot(a1, W2, out=ws.y)
    ws.y += b2
    return x, active, W1_active


def _exp_scores(params, ws):
    """ws.y (scores) -> exp(a2 - shift) in place; returns (shift, row sums).

    softmax is shift-invariant: one shift by the batch's largest score keeps exp() finite;
    if a row then underflows to all zeros, every row is shifted by its own max instead.
    """
    y = ws.y
    shift = y.max()
    y -= shift
    np.exp(y, out=y)
    row_sums = np.dot(y, ws.ones_out)
    if not row_sums.min() > 0:
        np.dot(ws.a1, params["W2"], out=y)
        y += params["b2"]
        shift = y.max(axis=1)
        y -= shift[:, None]
        np.exp(y, out=y)
        row_sums = np.dot(y, ws.ones_out)
    return shift, row_sums


def _backward(params, ws, x, active, W1_active):
    """Given lr * dL/da2 in ws.y, move every parameter by -lr * its gradient, in place."""
    W1, b1, W2, b2 = (params[k] for k in PARAM_NAMES)
    a1, y = ws.a1, ws.y
    np.dot(y, W2.T, out=ws.dz1)
    np.dot(a1.T, y, out=ws.dW2)
    ws.dz1 *= a1                                     # sigmoid'(a1) = z1 (1 - z1)
    np.subtract(1, a1, out=a1)
    ws.dz1 *= a1
    b1 -= np.dot(ws.ones_batch, ws.dz1)
    ws.dz1 *= 1.0 / 255.0                            # dW1 = (x_raw / 255).T @ dz1
    W1_active -= x.T @ ws.dz1
    W1[active] = W1_active
    W2 -= ws.dW2
    b2 -= np.dot(ws.ones_batch, y)


def sgd_step(params, ws, x_u8, t, batch_idx, lr):
    """One step of SGD with the cross-entropy loss on the rows batch_idx; updates params in place.

    params : TwoLayerNet.params; ws : _Workspace for this batch size and dtype.
    x_u8 : (N, 784) uint8 images; t : (N,) labels; batch_idx : (B,) row indices.
    Returns the mini-batch loss before the update (float; inf or nan if the net diverged).

    Notes
    -----
    The same math as TwoLayerNet.gradient followed by p -= lr * grad: the loss is computed
    from the scores by log-sum-exp, dL/da2 = (y - t) / B, and lr is folded into dL/da2 so
    every gradient comes out already scaled by lr.
    """
    B = batch_idx.shape[0]
    x, active, W1_active = _forward(params, ws, x_u8, batch_idx)
    y = ws.y
    y_flat = y.reshape(-1)
    labels = ws.row_offsets + t[batch_idx]           # flat index of each row's correct class
    a2_t = np.take(y_flat, labels)                   # score of each row's correct class
    shift, row_sums = _exp_scores(params, ws)
    # -log softmax_t = log(sum_k exp(a_k - shift)) + shift - a_t
    loss = float(np.sum(np.log(row_sums) - (a2_t - shift))) / B
    y /= row_sums[:, None]
    y_flat[labels] -= 1                              # dL/da2 = (y - t) / B, here times lr
    y *= lr / B
    _backward(params, ws, x, active, W1_active)
    return loss


def sgd_step_mse(params, ws, x_u8, t, batch_idx, lr):
    """One step of SGD with the mean squared error of the softmax output; same arguments
    and return value as sgd_step.

    Notes
    -----
    L = 1/(2B) sum_n sum_k (y_nk - t_nk)^2 with y = softmax(a2).  With g = y - t,
    dL/dy = g / B, and through the softmax Jacobian dy_k/da_j = y_k (delta_kj - y_j):
        dL/da_j = y_j (g_j - sum_k g_k y_k) / B.
    The slope of the softmax multiplies the error: where the network is sure (y_t near 0
    or near 1) the gradient is small, even when the answer is wrong.
    """
    B = batch_idx.shape[0]
    x, active, W1_active = _forward(params, ws, x_u8, batch_idx)
    y, g = ws.y, ws.g
    labels = ws.row_offsets + t[batch_idx]
    _, row_sums = _exp_scores(params, ws)
    y /= row_sums[:, None]                           # y = softmax(a2)
    np.copyto(g, y)
    g_flat = g.reshape(-1)
    g_flat[labels] -= 1                              # g = y - t
    loss = 0.5 * float(np.dot(g_flat, g_flat)) / B
    gy = np.dot(g * y, ws.ones_out)                  # sum_k g_k y_k, per row
    g -= gy[:, None]
    y *= g                                           # dL/da2 = y (g - g.y) / B, here times lr
    y *= lr / B
    _backward(params, ws, x, active, W1_active)
    return loss


STEPS = {"cross_entropy": sgd_step, "mean_squared_error": sgd_step_mse}
