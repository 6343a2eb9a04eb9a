"""Reference implementations the benchmark measures the core against.

book_style_*: the book's training loop (ch04/train_neuralnet.py) re-written here:
float64 weights, float32 inputs normalised up front, np.random.choice batches,
the gradient by backprop, then a separate loss evaluation, as the book does.
torch_*: the same network and SGD in PyTorch (used only when PyTorch is installed).
"""
import numpy as np


class BookTwoLayerNet:
    """The book's TwoLayerNet (ch04/two_layer_net.py), float64 weights, one-hot t."""

    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        self.params = {
            "W1": weight_init_std * np.random.randn(input_size, hidden_size),
            "b1": np.zeros(hidden_size),
            "W2": weight_init_std * np.random.randn(hidden_size, output_size),
            "b2": np.zeros(output_size),
        }

    @staticmethod
    def _sigmoid(x):
        return 1 / (1 + np.exp(-x))

    @staticmethod
    def _softmax(x):
        x = x - np.max(x, axis=-1, keepdims=True)
        return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)

    def predict(self, x):
        p = self.params
        z1 = self._sigmoid(np.dot(x, p["W1"]) + p["b1"])
        return self._softmax(np.dot(z1, p["W2"]) + p["b2"])

    def loss(self, x, t):
        y = self.predict(x)
        t = t.argmax(axis=1)
        return -np.sum(np.log(y[np.arange(y.shape[0]), t] + 1e-7)) / y.shape[0]

    def accuracy(self, x, t):
        y = np.argmax(self.predict(x), axis=1)
        return np.sum(y == np.argmax(t, axis=1)) / float(x.shape[0])

    def gradient(self, x, t):
        W1, W2 = self.params["W1"], self.params["W2"]
        b1, b2 = self.params["b1"], self.params["b2"]
        batch_num = x.shape[0]
        a1 = np.dot(x, W1) + b1
        z1 = self._sigmoid(a1)
        y = self._softmax(np.dot(z1, W2) + b2)
        dy = (y - t) / batch_num
        grads = {"W2": np.dot(z1.T, dy), "b2": np.sum(dy, axis=0)}
        dz1 = np.dot(dy, W2.T)
        da1 = (1.0 - self._sigmoid(a1)) * self._sigmoid(a1) * dz1
        grads["W1"] = np.dot(x.T, da1)
        grads["b1"] = np.sum(da1, axis=0)
        return grads


def book_style_setup(data, seed=0):
    """Float inputs and one-hot labels as the book's load_mnist(normalize, one_hot_label) gives."""
    np.random.seed(seed)
    eye = np.eye(10)
    return (data.x_train.astype(np.float32) / 255.0, eye[data.t_train],
            data.x_test.astype(np.float32) / 255.0, eye[data.t_test])


def book_style_steps(arrays, iters, batch_size=100, lr=0.1, hidden=50):
    """iters iterations of the book's loop body (no accuracy); returns the last loss."""
    x_train, t_train, _, _ = arrays
    network = BookTwoLayerNet(784, hidden, 10)
    train_size = x_train.shape[0]
    loss = None
    for _ in range(iters):
        batch_mask = np.random.choice(train_size, batch_size)
        x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
        grad = network.gradient(x_batch, t_batch)
        for key in ("W1", "b1", "W2", "b2"):
            network.params[key] -= lr * grad[key]
        loss = network.loss(x_batch, t_batch)
    return loss


def book_style_full_run(arrays, iters=10_000, batch_size=100, lr=0.1, hidden=50):
    """The book's whole run: accuracy on all train and test data once per epoch."""
    x_train, t_train, x_test, t_test = arrays
    network = BookTwoLayerNet(784, hidden, 10)
    train_size = x_train.shape[0]
    iter_per_epoch = max(train_size / batch_size, 1)
    train_acc, test_acc = [], []
    for i in range(iters):
        batch_mask = np.random.choice(train_size, batch_size)
        x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
        grad = network.gradient(x_batch, t_batch)
        for key in ("W1", "b1", "W2", "b2"):
            network.params[key] -= lr * grad[key]
        network.loss(x_batch, t_batch)
        if i % iter_per_epoch == 0:
            train_acc.append(network.accuracy(x_train, t_train))
            test_acc.append(network.accuracy(x_test, t_test))
    return train_acc[-1], test_acc[-1]


def torch_available():
    try:
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


def torch_steps(data, iters, batch_size=100, lr=0.1, hidden=50, seed=0):
    """iters iterations of the same net and SGD in PyTorch (float32, CPU)."""
    import torch

    torch.manual_seed(seed)
    x_train = torch.from_numpy(data.x_train.astype(np.float32) / 255.0)
    t_train = torch.from_numpy(data.t_train.astype(np.int64))
    W1 = (0.01 * torch.randn(784, hidden)).requires_grad_()
    b1 = torch.zeros(hidden, requires_grad=True)
    W2 = (0.01 * torch.randn(hidden, 10)).requires_grad_()
    b2 = torch.zeros(10, requires_grad=True)
    opt = torch.optim.SGD([W1, b1, W2, b2], lr=lr)
    n = x_train.shape[0]
    loss = None
    for _ in range(iters):
        idx = torch.randint(0, n, (batch_size,))
        logits = torch.sigmoid(x_train[idx] @ W1 + b1) @ W2 + b2
        loss = torch.nn.functional.cross_entropy(logits, t_train[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    return float(loss.detach())
