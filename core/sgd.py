"""Mini-batch SGD for TwoLayerNet, as in the book's 4.5.2-4.5.3, run in resumable chunks.

Each iteration draws a random mini-batch, computes the gradient by backpropagation
and moves every parameter by -lr * gradient (``core.sgd_step``, one fused step per
loss); accuracy is measured as ``core.run`` describes.
"""
import math
import time
from dataclasses import asdict

import numpy as np

from core.mnist import MnistData
from core.run import History, TrainConfig, eval_interval, iters_per_epoch  # noqa: F401 - the public names
from core.sgd_step import _Workspace, sgd_step, sgd_step_mse  # noqa: F401 - the public names
from core.two_layer_net import PARAM_NAMES, TwoLayerNet
from core.verdict import saturation


def accuracy_u8(params, x_u8, t, chunk=500):
    """Accuracy of the network on uint8 images (N, 784), converted chunk by chunk."""
    W1, b1, W2, b2 = (params[k] for k in PARAM_NAMES)
    half_b1 = 0.5 * b1
    correct = 0
    for start in range(0, x_u8.shape[0], chunk):
        a1 = x_u8[start:start + chunk].astype(W1.dtype) @ W1
        a1 *= 0.5 / 255.0                            # sigmoid(a) = 0.5 + 0.5 tanh(a / 2)
        a1 += half_b1
        np.tanh(a1, out=a1)
        scores = a1 @ W2                             # affine maps of tanh keep the argmax of
        scores *= 0.5                                # softmax(sigmoid(a1) @ W2 + b2)
        scores += 0.5 * W2.sum(axis=0) + b2
        correct += int(np.count_nonzero(scores.argmax(axis=1) == t[start:start + chunk]))
    return correct / x_u8.shape[0]


def initial_net(config: TrainConfig, input_size=784):
    """The network a run of ``config`` starts from: the same seed gives the same initial
    weights (the seed's first child; the second draws the mini-batches)."""
    init_seed = np.random.SeedSequence(config.seed).spawn(2)[0]
    return TwoLayerNet(input_size, config.hidden_size, 10, config.weight_init_std,
                       rng=np.random.default_rng(init_seed), dtype=np.dtype(config.dtype), loss=config.loss)


class Trainer:
    """Trains a TwoLayerNet on MnistData by mini-batch SGD, a chunk at a time.

    >>> trainer = Trainer(load_sample(), TrainConfig(iters=1000))
    >>> history = trainer.run(max_seconds=0.1)   # call again to resume
    """

    def __init__(self, data: MnistData, config: TrainConfig):
        config.check(data.train_size)
        self.data, self.config = data, config
        dtype = np.dtype(config.dtype)
        self.net = initial_net(config, data.x_train.shape[1])
        self.rng = np.random.default_rng(np.random.SeedSequence(config.seed).spawn(2)[1])
        self._batches = np.empty((0, config.batch_size), dtype=np.intp)
        self._next_batch = 0
        self._ws = _Workspace(config.batch_size, data.x_train.shape[1], config.hidden_size, 10, dtype)
        self._stop_requested = False
        per_epoch = iters_per_epoch(data.train_size, config.batch_size)
        self.history = History(
            config=asdict(config), iters_planned=config.iters, iter_per_epoch=per_epoch,
            eval_every=eval_interval(config.iters, per_epoch),
            train_size=data.train_size, test_size=data.test_size, loss=np.zeros(config.iters),
            saturation_start=saturation(self.net.params, data.x_train))

    @property
    def done(self):
        return self.history.status in ("finished", "stopped", "diverged")

    @property
    def stop_requested(self):
        return self._stop_requested

    def request_stop(self):
        """Ask a running (or the next) run() call to end after the current iteration."""
        self._stop_requested = True

    def evaluate(self):
        """Record train and test accuracy at the current iteration."""
        h, p = self.history, self.net.params
        h.eval_iter.append(h.iters_done)
        h.epoch.append(h.iters_done / h.iter_per_epoch)
        with _blas_threads(1):  # a second thread helps only on an idle machine, and hurts a busy one
            h.train_acc.append(accuracy_u8(p, self.data.x_train, self.data.t_train))
            h.test_acc.append(accuracy_u8(p, self.data.x_test, self.data.t_test))

    def run(self, max_seconds=None, on_step=None, on_epoch=None):
        """Train until done, a stop request, or max_seconds have passed (then resumable).

        on_step(iteration, loss) is called after every iteration, on_epoch(history)
        after every accuracy measurement.  Returns the History (also self.history).
        """
        h, cfg = self.history, self.config
        if self.done:
            return h
        h.status = "running"
        start = time.perf_counter()
        deadline = math.inf if max_seconds is None else start + max_seconds
        x, t, params, ws = self.data.x_train, self.data.t_train, self.net.params, self._ws
        step = sgd_step if cfg.loss == "cross_entropy" else sgd_step_mse
        with _blas_threads(1), np.errstate(all="ignore"):
            while h.iters_done < cfg.iters:
                if self._stop_requested:
                    h.status = "stopped"
                    break
                if self._next_batch == len(self._batches):
                    # draw 64 mini-batches at once: the same sequence however run() is chunked
                    self._batches = self.rng.integers(0, x.shape[0], size=(64, cfg.batch_size))
                    self._next_batch = 0
                batch_idx = self._batches[self._next_batch]
                self._next_batch += 1
                loss = step(params, ws, x, t, batch_idx, cfg.lr)
                if not math.isfinite(loss):
                    h.status, h.diverged_at = "diverged", h.iters_done + 1
                    break
                h.loss[h.iters_done] = loss
                h.iters_done += 1
                if on_step:
                    on_step(h.iters_done, loss)
                if (h.iters_done - 1) % h.eval_every == 0:
                    if not self._params_finite():
                        h.status, h.diverged_at = "diverged", h.iters_done
                        break
                    self.evaluate()
                    if on_epoch:
                        on_epoch(h)
                if time.perf_counter() >= deadline:
                    break
            else:
                h.status = "finished"
            if h.status in ("finished", "stopped") and h.iters_done and (not h.eval_iter or h.eval_iter[-1] != h.iters_done):
                if self._params_finite():
                    self.evaluate()
                    if on_epoch:
                        on_epoch(h)
                else:
                    h.status, h.diverged_at = "diverged", h.iters_done
        h.seconds += time.perf_counter() - start
        if self.done:  # the step buffers (batch x hidden, twice) are not needed any more
            self._ws = self._batches = None
            h.saturation_end = saturation(self.net.params, self.data.x_train)
        return h

    def _params_finite(self):
        return all(np.isfinite(v).all() for v in self.net.params.values())


_controller = None


def _blas_threads(n):
    """Context that runs BLAS on n threads.  One: a second thread costs more to wake
    than it saves on the small training products, and when the other core is busy
    (a browser, another session) OpenBLAS's waiting threads slow evaluation down."""
    global _controller
    if _controller is None:
        from threadpoolctl import ThreadpoolController

        _controller = ThreadpoolController()
    return _controller.limit(limits=n, user_api="blas")
