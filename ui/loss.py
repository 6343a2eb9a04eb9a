"""What the loss page computes: the editable output vector, its presets, the two networks of
the mini-batch section (cached per data source) and the one-weight nudge.

Every loss number comes from ``core.functions``; this module only arranges the inputs.
"""
import numpy as np
import streamlit as st

from core import TwoLayerNet, mnist
from core.functions import DELTA, cross_entropy_error, mean_squared_error, sigmoid, softmax
from core.sgd import TrainConfig, Trainer
from ui import params
from ui.i18n import literal

PAGE = "loss"
N_CLASSES = 10
MAX_CHARS = 300
SUM_TOLERANCE = 1e-6
MAX_SIZE = 1e100  # larger entries would overflow the squared errors (and softmax's shift)
VALID_STATE = "loss.valid_outputs"  # the last vector that parsed, kept when an entry is invalid

# the book's two examples (4.2.1): the correct label is 2 in both
BOOK_Y1 = (0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0)
BOOK_Y2 = (0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0)
BOOK_LABEL = 2
# what the book prints for them: (mean squared error, cross-entropy error)
BOOK_RESULTS = {"book1": ("0.0975", "0.510825457099338"), "book2": ("0.5975", "2.302584092994546")}
PRESETS = {
    "book1": BOOK_Y1,
    "book2": BOOK_Y2,
    # y1's 0.6 on the correct class, the other 0.4 on one wrong class: same cross-entropy
    "same_correct": (0.0, 0.0, 0.6, 0.0, 0.0, 0.0, 0.0, 0.4, 0.0, 0.0),
    "uniform": (0.1,) * N_CLASSES,
    "confident_wrong": (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0),
}

NETWORKS = ("untrained", "trained")
# "briefly trained": the book's hyperparameters (hidden 50, lr 0.1, batch 100), 500 iterations
BRIEF_TRAINING = TrainConfig(iters=500, seed=0)
BATCH_SIZES = (1, 10, 100, 1000)
DRAWS = 200
PREDICT_CHUNK = 2000


class OutputsError(ValueError):
    """An entry that is not 10 usable numbers; ``key`` names the catalogue message."""

    def __init__(self, key, **values):
        super().__init__(key)
        self.key, self.values = key, values


def format_vector(values, digits=8):
    """'0.1, 0.05, 0.6, …' with up to ``digits`` significant digits per number."""
    return ", ".join(f"{float(v):.{digits}g}" for v in values)


def _quoted(token):
    """An entry quoted in a message: its first 20 characters, shown literally (no markdown)."""
    return literal(token[:20])


def parse_outputs(text, as_scores=False):
    """Ten numbers from text separated by commas, semicolons or spaces; (10,) float64.

    Brackets around the list are ignored (a pasted Python list works) and full-width
    punctuation is accepted.  Raises OutputsError: wrong count, not a number, not finite,
    negative while the numbers are meant as probabilities, or larger than MAX_SIZE in size
    (squared errors and softmax would overflow).
    """
    cleaned = text.strip().strip("[]()")
    for separator in ("，", "、", "；", ";", ","):
        cleaned = cleaned.replace(separator, " ")
    tokens = cleaned.split()
    if len(tokens) != N_CLASSES:
        raise OutputsError("loss.err_count", count=len(tokens))
    values = []
    for token in tokens:
        try:
            value = float(token)
        except ValueError:
            raise OutputsError("loss.err_number", token=_quoted(token)) from None
        if not np.isfinite(value):
            raise OutputsError("loss.err_finite", token=_quoted(token))
        if value < 0 and not as_scores:
            raise OutputsError("loss.err_negative", token=_quoted(token))
        if abs(value) > MAX_SIZE:
            raise OutputsError("loss.err_large", token=_quoted(token), limit=f"{MAX_SIZE:g}")
        values.append(value)
    return np.array(values)


def current_outputs(text, as_scores):
    """(y, error): the vector to use (softmax of the scores if ``as_scores``) and the
    OutputsError of an invalid entry, in which case y is the last valid vector."""
    try:
        values = parse_outputs(text, as_scores)
    except OutputsError as err:
        return np.array(st.session_state.get(VALID_STATE, BOOK_Y1)), err
    y = softmax(values) if as_scores else values
    st.session_state[VALID_STATE] = tuple(y.tolist())
    return y, None


def apply_preset(name):
    """Callback of a preset button: its vector as probabilities, with the book's label."""
    params.set_value(PAGE, "y", format_vector(PRESETS[name]))
    params.set_value(PAGE, "as", "probabilities")
    params.set_value(PAGE, "t", BOOK_LABEL)


def use_vector(y):
    """Callback: put y into the text field as probabilities (normalise, keep a softmax)."""
    params.set_value(PAGE, "y", format_vector(y))
    params.set_value(PAGE, "as", "probabilities")


def book_example(y, label, mse, cee):
    """"1" or "2" if (y, label) is the book's example and the losses match what it prints, else None."""
    for name in BOOK_RESULTS:
        printed = [float(v) for v in BOOK_RESULTS[name]]
        if label == BOOK_LABEL and np.array_equal(y, PRESETS[name]) and np.allclose([mse, cee], printed,
                                                                                    rtol=1e-14, atol=0):
            return name[-1]
    return None


def per_class_terms(y, label):
    """What each class k adds to each loss: 1/2 (y_k - t_k)^2 and -t_k log(y_k + delta).

    y : (10,) outputs; label : the correct class.  Returns two (10,) arrays whose sums
    are mean_squared_error(y, label) and cross_entropy_error(y, label).
    """
    one_hot = np.eye(N_CLASSES)[label]
    return 0.5 * (y - one_hot) ** 2, 0.0 - one_hot * np.log(y + DELTA)  # 0.0 - : no -0.0


def shared_outputs(p):
    """Outputs with probability p on the correct class and (1 - p) / 9 on each other class.

    p : float or (n,) array.  Returns (10,) or (n, 10); by symmetry the correct class can
    be any one, so it is class 0.
    """
    p = np.asarray(p, dtype=np.float64)
    rows = np.repeat(((1.0 - p) / (N_CLASSES - 1))[..., None], N_CLASSES, axis=-1)
    rows[..., 0] = p
    return rows


def losses_at(p):
    """(mean squared error, cross-entropy error) of shared_outputs(p), the correct class 0."""
    y = shared_outputs(p)
    return mean_squared_error(y, 0), cross_entropy_error(y, 0)


def sweep(points=201):
    """Both losses as the correct class's probability p goes 0 -> 1 and the other nine
    classes share 1 - p equally.  Returns (p, mse, cee), each (points,)."""
    p = np.linspace(0.0, 1.0, points)
    mse, cee = np.array([losses_at(value) for value in p]).T
    return p, mse, cee


def _frozen(net):
    for value in net.params.values():
        value.setflags(write=False)  # shared by every session: nobody may change it
    return net


@st.cache_resource(show_spinner=False, max_entries=4)
def network(kind, source, _data):
    """The 784-50-10 TwoLayerNet of the mini-batch section (float64, read-only).

    "untrained": the book's initial weights (std 0.01), seed 0.  "trained": the same
    network after BRIEF_TRAINING on ``_data`` (cached per data ``source``).
    """
    net = TwoLayerNet(_data.x_train.shape[1], BRIEF_TRAINING.hidden_size, N_CLASSES,
                      BRIEF_TRAINING.weight_init_std, rng=np.random.default_rng(BRIEF_TRAINING.seed))
    if kind == "trained":
        trainer = Trainer(_data, BRIEF_TRAINING)
        trainer.run()
        net.params = {name: value.astype(np.float64) for name, value in trainer.net.params.items()}
    return _frozen(net)


@st.cache_resource(show_spinner=False, max_entries=4)
def training_outputs(kind, source, _data):
    """The network's outputs y for every training image, (train_size, 10), read-only."""
    net = network(kind, source, _data)
    x = _data.x_train
    y = np.concatenate([net.predict(mnist.normalize_images(x[i:i + PREDICT_CHUNK], np.float64))
                        for i in range(0, x.shape[0], PREDICT_CHUNK)])
    y.setflags(write=False)
    return y


@st.cache_data(show_spinner=False, max_entries=16)
def minibatch_losses(kind, source, seed, _y, _t, batch_sizes=BATCH_SIZES, draws=DRAWS):
    """Mean cross-entropy of ``draws`` random mini-batches per batch size.

    _y : (train_size, 10) outputs of the network ``kind``; _t : (train_size,) labels.
    Returns {batch_size: (draws,) losses}.  Each batch is drawn like the book's
    ``np.random.choice(train_size, batch_size)``, from one Generator seeded with ``seed``.
    """
    rng = np.random.default_rng(seed)
    train_size = _y.shape[0]
    losses = {}
    for batch_size in batch_sizes:
        batch_losses = np.empty(draws)
        for i in range(draws):
            batch_mask = rng.choice(train_size, batch_size)
            batch_losses[i] = cross_entropy_error(_y[batch_mask], _t[batch_mask])
        losses[batch_size] = batch_losses
    return losses


def fixed_batch(data, batch_size, seed):
    """(x, t): ``batch_size`` distinct training images (float64 in [0, 1]) and labels."""
    rows = np.random.default_rng(seed).choice(data.train_size, batch_size, replace=False)
    return mnist.normalize_images(data.x_train[rows], np.float64), data.t_train[rows]


def nudge_one_weight(net, x, t, j, k):
    """f(deltas) -> (losses, accuracies) on (x, t) with W2[j, k] moved by each delta.

    The network itself is not changed.  The hidden layer does not depend on W2, so it is
    computed once; a nudge of W2[j, k] only adds delta * z1[:, j] to the score of class k.
    """
    p = net.params
    z1 = sigmoid(x @ p["W1"] + p["b1"])
    a2 = z1 @ p["W2"] + p["b2"]
    direction = np.zeros_like(a2)
    direction[:, k] = z1[:, j]

    def at(deltas):
        deltas = np.atleast_1d(np.asarray(deltas, dtype=np.float64))
        y = softmax((a2 + deltas[:, None, None] * direction).reshape(-1, N_CLASSES))
        y = y.reshape(deltas.size, *a2.shape)
        losses = np.array([cross_entropy_error(y_d, t) for y_d in y])
        accuracies = np.mean(np.argmax(y, axis=2) == t, axis=1)
        return losses, accuracies

    return at


def steepest_weight(net, x, t):
    """(j, k) of the W2 weight whose loss gradient (backprop) on (x, t) is largest in size."""
    grad = net.gradient(x, t)["W2"]
    j, k = np.unravel_index(np.argmax(np.abs(grad)), grad.shape)
    return int(j), int(k)
