"""The network-gradient page's logic: simpleNet's numbers and the two-layer gradient check.

Everything here is plain computation on top of ``core`` (the page draws the widgets);
the expensive two-layer results are cached with ``st.cache_data`` keyed by their inputs.
"""
import time

import numpy as np
import streamlit as st
from threadpoolctl import ThreadpoolController

from core import SimpleNet, TwoLayerNet
from core.functions import softmax
from core.gradient import numerical_gradient
from core.mnist import normalize_images
from core.two_layer_net import PARAM_NAMES

# The book's simpleNet example (4.4.2): its printed W, input and correct label.
BOOK_W = ((0.47355232, 0.9977393, 0.84668094), (0.85557411, 0.03563661, 0.69422093))
BOOK_X = (0.6, 0.9)
BOOK_T = 2
W_LIMIT = 10.0  # range of the editable weights and inputs
DIGITS = 8  # decimals shown, as many as the book prints
LOOP_LIMIT_S = 60.0  # the book's loop is offered only when it is estimated to take less


def random_w(seed):
    """A standard-normal (2, 3) W like the book's randn, from a seeded Generator, rounded to DIGITS."""
    w = SimpleNet(rng=np.random.default_rng(seed)).W
    return np.round(np.clip(w, -W_LIMIT, W_LIMIT), DIGITS)


def simple_net_report(W, x, t):
    """simpleNet's forward pass and both gradients for W (2, 3), x (2,), label t.

    Returns a dict: p (3,) scores, y (3,) softmax, onehot (3,), loss, dW_num and dW_bp (2, 3).
    """
    net = SimpleNet(W)
    p = net.predict(x)
    return {"p": p, "y": softmax(p), "onehot": np.eye(3)[t], "loss": net.loss(x, t),
            "dW_num": net.numerical_gradient(x, t), "dW_bp": net.gradient(x, t)}


def loss_along_weight(W, x, t, i, j, half_width=1.0, points=201):
    """Loss as w_ij alone moves over w_ij +- half_width: (w values (points,), losses (points,))."""
    W = np.array(W, dtype=np.float64)
    ws = W[i, j] + np.linspace(-half_width, half_width, points)
    net = SimpleNet(W)
    losses = np.empty(points)
    for k, w in enumerate(ws):
        W[i, j] = w
        net.W = W
        losses[k] = net.loss(x, t)
    return ws, losses


def _latex_sci(v):
    """1.2e-10 -> 1.2 \\times 10^{-10}; 0 -> 0."""
    if v == 0:
        return "0"
    mantissa, exponent = f"{v:.1e}".split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def latex_matrix(a, fmt=None):
    """A vector or matrix as a KaTeX bmatrix: DIGITS decimals, fmt ("{:.0f}"), or "sci" (a × 10^k)."""
    a = np.atleast_2d(a)
    cell = _latex_sci if fmt == "sci" else (fmt or f"{{:.{DIGITS}f}}").format
    rows = [" & ".join(cell(v) for v in row) for row in a]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def pick_batch(data, size, seed):
    """``size`` training images (uint8 (size, 784)) and labels drawn without replacement by seed."""
    batch_rng = np.random.default_rng(seed).spawn(2)[0]
    idx = np.sort(batch_rng.choice(data.train_size, size=size, replace=False))
    return data.x_train[idx], data.t_train[idx]


def make_net(hidden, seed):
    """The float64 784-hidden-10 TwoLayerNet that seed gives (the book's weight_init_std 0.01)."""
    return TwoLayerNet(784, hidden, 10, rng=np.random.default_rng(seed).spawn(2)[1], dtype=np.float64)


@st.cache_resource(show_spinner=False)
def _threadpools():
    return ThreadpoolController()


def _one_blas_thread():
    """Run BLAS on one thread: on a busy 2-core machine OpenBLAS's waiting second thread
    can make these small products many times slower, and the timings erratic."""
    return _threadpools().limit(limits=1, user_api="blas")


def _timed(fn, budget=0.1, repeats=20):
    """(fn(), fastest time in s) over repeats that fit in budget seconds (at least one)."""
    best, spent, result = np.inf, 0.0, None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        took = time.perf_counter() - start
        best, spent = min(best, took), spent + took
        if spent > budget:
            break
    return result, best


def _loop_seconds_per_loss(net, x, t, runs=5):
    """Time of one loss evaluation inside the book's loop: the median of runs over b2's 20 nudges.

    The median, not the fastest: the loop runs for seconds, through whatever else the machine does.
    """
    b2 = net.params["b2"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        numerical_gradient(lambda _: net.loss(x, t), b2)
        times.append(time.perf_counter() - start)
    return float(np.median(times)) / (2 * b2.size)


def _measure(net, x, t):
    """Both gradients, the fastest time of each and the book's loop's estimated time."""
    with _one_blas_thread():
        num, seconds_num = _timed(lambda: net.numerical_gradient(x, t, method="fast"), budget=0.2, repeats=5)
        bp, seconds_bp = _timed(lambda: net.gradient(x, t), budget=0.05, repeats=50)
        loop_estimate = 2 * sum(p.size for p in net.params.values()) * _loop_seconds_per_loss(net, x, t)
    return num, seconds_num, bp, seconds_bp, loop_estimate


def measure_times(x_uint8, t, hidden, seed):
    """gradient_check's three times measured again now (not cached): a dict of seconds."""
    _, seconds_num, _, seconds_bp, loop_estimate = _measure(make_net(hidden, seed),
                                                            normalize_images(x_uint8, np.float64), t)
    return {"seconds_num": seconds_num, "seconds_bp": seconds_bp, "loop_estimate": loop_estimate}


@st.cache_data(show_spinner=False, max_entries=32)
def gradient_check(x_uint8, t, hidden, seed):
    """Numerical ("fast") vs backprop gradients of the seeded net on a batch.

    x_uint8 : (N, 784) uint8 images; t : (N,) labels.
    Returns a dict: rows (one per parameter: name, shape, size, max |grad|, max and mean
    |numerical - backprop|), W1_bp and W1_diff (784, hidden), seconds_num, seconds_bp,
    n_params, loop_estimate (seconds the book's loop would take here).
    """
    x = normalize_images(x_uint8, np.float64)
    net = make_net(hidden, seed)
    num, seconds_num, bp, seconds_bp, loop_estimate = _measure(net, x, t)
    rows = []
    for name in PARAM_NAMES:
        diff = np.abs(num[name] - bp[name])
        rows.append({"name": name, "shape": " × ".join(map(str, bp[name].shape)), "size": bp[name].size,
                     "max_grad": float(np.abs(bp[name]).max()), "max_diff": float(diff.max()),
                     "mean_diff": float(diff.mean())})
    n_params = sum(r["size"] for r in rows)
    return {"rows": rows, "W1_bp": bp["W1"], "W1_diff": num["W1"] - bp["W1"],
            "seconds_num": seconds_num, "seconds_bp": seconds_bp, "n_params": n_params,
            "loop_estimate": loop_estimate}


@st.cache_data(show_spinner=False, max_entries=8)
def loop_check(x_uint8, t, hidden, seed):
    """The book's element-by-element loop on the same net and batch: its time and max differences.

    Returns a dict: seconds, max_diff {name: max |loop - backprop|}, max_vs_fast {name: max |loop - fast|}.
    """
    x = normalize_images(x_uint8, np.float64)
    net = make_net(hidden, seed)
    with _one_blas_thread():
        start = time.perf_counter()
        loop = net.numerical_gradient(x, t, method="loop")
        seconds = time.perf_counter() - start
        bp = net.gradient(x, t)
        fast = net.numerical_gradient(x, t, method="fast")
    return {"seconds": seconds,
            "max_diff": {k: float(np.abs(loop[k] - bp[k]).max()) for k in PARAM_NAMES},
            "max_vs_fast": {k: float(np.abs(loop[k] - fast[k]).max()) for k in PARAM_NAMES}}


def batch_grid(x_uint8, columns=20):
    """The batch's digits tiled into one (rows*28, columns*28) uint8 image, 1-pixel gaps."""
    n = x_uint8.shape[0]
    columns = min(columns, n)
    rows = -(-n // columns)
    grid = np.full((rows * 29 - 1, columns * 29 - 1), 255, dtype=np.uint8)
    for k in range(n):
        r, c = divmod(k, columns)
        grid[r * 29:r * 29 + 28, c * 29:c * 29 + 28] = 255 - x_uint8[k].reshape(28, 28)
    return grid
