"""SimpleNet and TwoLayerNet: the book's numbers, numerical vs backprop, fast vs loop."""
import numpy as np
import pytest

from core import SimpleNet, TwoLayerNet
from core.functions import cross_entropy_error, softmax
from core.mnist import load_sample

BOOK_W = [[0.47355232, 0.9977393, 0.84668094], [0.85557411, 0.03563661, 0.69422093]]
X = np.array([0.6, 0.9])
T = np.array([0, 0, 1])


def test_simplenet_book_prediction_and_loss():
    net = SimpleNet(W=BOOK_W)
    p = net.predict(X)
    assert p == pytest.approx([1.05414809, 0.63071653, 1.1328074], abs=1e-8)
    assert np.argmax(p) == 2
    # The network's loss is computed from the scores (no 1e-7 delta), so it gives the
    # book's printed number; cross_entropy_error(softmax(p), t) sits 1e-7 / y_2 below it.
    assert net.loss(X, T) == pytest.approx(0.92806853663411326, abs=1e-8)
    assert cross_entropy_error(softmax(p), T) == pytest.approx(-np.log(softmax(p)[2] + 1e-7), rel=1e-15)


def test_simplenet_book_gradient_numerical_and_analytic():
    net = SimpleNet(W=BOOK_W)
    book_dW = [[0.21924763, 0.14356247, -0.36281009], [0.32887144, 0.2153437, -0.54421514]]
    assert net.gradient(X, T) == pytest.approx(np.array(book_dW), abs=1e-8)
    numeric = net.numerical_gradient(X, T)
    assert numeric == pytest.approx(np.array(book_dW), abs=1e-8)
    assert np.abs(numeric - net.gradient(X, T)).max() < 1e-9
    assert net.W.tolist() == BOOK_W  # nudged in place and restored
    assert net.gradient(X, 2) == pytest.approx(net.gradient(X, T))


def test_simplenet_seeded_and_checked():
    assert np.array_equal(SimpleNet(rng=3).W, SimpleNet(rng=3).W)
    with pytest.raises(ValueError, match="^W "):
        SimpleNet(W=np.ones((3, 2)))
    with pytest.raises(ValueError, match="^x "):
        SimpleNet(rng=0).predict([1.0, 2.0, 3.0])
    assert "2 -> 3" in repr(SimpleNet(rng=0))


@pytest.fixture(scope="module")
def batch():
    data = load_sample()
    return data.x_train[:3] / 255.0, data.t_train[:3]


def test_two_layer_net_shapes_and_repr():
    net = TwoLayerNet(784, 50, 10, rng=0)
    assert {k: v.shape for k, v in net.params.items()} == {
        "W1": (784, 50), "b1": (50,), "W2": (50, 10), "b2": (10,)}
    assert repr(net) == "TwoLayerNet(784 -> 50 -> 10, float64)"
    y = net.predict(np.zeros((4, 784)))
    assert y.shape == (4, 10) and np.allclose(y.sum(axis=1), 1)
    assert np.array_equal(TwoLayerNet(784, 50, 10, rng=5).params["W1"], TwoLayerNet(784, 50, 10, rng=5).params["W1"])


def test_backprop_matches_numerical_gradient(batch):
    x, t = batch
    net = TwoLayerNet(784, 50, 10, rng=0)
    numeric = net.numerical_gradient(x, t)
    backprop = net.gradient(x, t)
    for key in ("W1", "b1", "W2", "b2"):
        assert numeric[key].shape == backprop[key].shape == net.params[key].shape
        assert np.abs(numeric[key] - backprop[key]).max() < 1e-9, key


def test_fast_numerical_gradient_equals_the_loop(batch):
    x, t = batch
    net = TwoLayerNet(784, 50, 10, rng=1)
    before = {k: v.copy() for k, v in net.params.items()}
    loop = net.numerical_gradient(x, t, method="loop")
    fast = net.numerical_gradient(x, t, method="fast")
    for key in loop:
        assert np.abs(loop[key] - fast[key]).max() < 1e-9, key
        assert np.array_equal(net.params[key], before[key])


def test_fast_numerical_gradient_equals_the_loop_off_the_beaten_path():
    # raw 0-255 inputs and large weights make the series need many terms
    rng = np.random.default_rng(2)
    net = TwoLayerNet(20, 6, 4, weight_init_std=1.0, rng=3)
    x = rng.integers(0, 256, size=(5, 20)).astype(float)
    t = np.eye(4)[rng.integers(0, 4, 5)]
    loop = net.numerical_gradient(x, t, method="loop")
    fast = net.numerical_gradient(x, t, method="fast")
    for key in loop:
        assert np.abs(loop[key] - fast[key]).max() < 1e-9, key


def test_accuracy_with_labels_and_one_hot():
    net = TwoLayerNet(4, 3, 2, rng=0)
    x = np.array([[1.0, 0, 0, 0], [0, 1.0, 0, 0]])
    pred = net.predict(x).argmax(axis=1)
    assert net.accuracy(x, pred) == 1.0
    assert net.accuracy(x, np.eye(2)[1 - pred]) == 0.0


@pytest.mark.parametrize("kwargs,name", [
    ({"hidden_size": 0}, "hidden_size"), ({"input_size": -1}, "input_size"),
    ({"weight_init_std": 0.0}, "weight_init_std"), ({"hidden_size": 2.5}, "hidden_size"),
])
def test_two_layer_net_bad_sizes(kwargs, name):
    args = {"input_size": 4, "hidden_size": 3, "output_size": 2, **kwargs}
    with pytest.raises(ValueError, match=f"^{name} "):
        TwoLayerNet(**args)


def test_two_layer_net_bad_inputs():
    net = TwoLayerNet(4, 3, 2, rng=0)
    with pytest.raises(ValueError, match="^x "):
        net.predict(np.ones((2, 5)))
    with pytest.raises(ValueError, match="^x "):
        net.loss(np.array([[np.nan, 0, 0, 0]]), [0])
    with pytest.raises(ValueError, match="^t "):
        net.gradient(np.ones((2, 4)), [0, 2])
    with pytest.raises(ValueError, match="^h "):
        net.numerical_gradient(np.ones((2, 4)), [0, 1], h=0)
