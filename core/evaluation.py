"""What a trained network gets right and wrong on held-out digits: the confusion matrix and its images.

All functions take plain arrays: t (N,) true labels, predicted (N,) the network's
answers (argmax of its probabilities), probs (N, classes) softmax outputs.
"""
import numpy as np

from core.functions import sigmoid, softmax


def predict_u8(params, x_u8, chunk=1000):
    """Class probabilities (N, output) float32 of a TwoLayerNet's params on uint8 images (N, 784).

    The same as TwoLayerNet.predict(x_u8 / 255), a chunk of images at a time so that a
    large test set never becomes one large float copy.
    """
    W1, b1, W2, b2 = (params[k] for k in ("W1", "b1", "W2", "b2"))
    out = np.empty((x_u8.shape[0], W2.shape[1]), dtype=np.float32)
    for start in range(0, x_u8.shape[0], chunk):
        x = np.multiply(x_u8[start:start + chunk], np.float32(1 / 255), dtype=np.float32)
        out[start:start + chunk] = softmax(sigmoid(x @ W1 + b1) @ W2 + b2)
    return out


def confusion_matrix(t, predicted, classes=10):
    """(classes, classes) int64 counts: row = true label, column = the network's answer."""
    t, predicted = np.asarray(t, dtype=np.int64), np.asarray(predicted, dtype=np.int64)
    return np.bincount(t * classes + predicted, minlength=classes * classes).reshape(classes, classes)


def per_class_accuracy(confusion):
    """(accuracy (classes,) float64, NaN for a class with no example; examples per class (classes,))."""
    counts = confusion.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        accuracy = np.where(counts > 0, np.diag(confusion) / np.maximum(counts, 1), np.nan)
    return accuracy, counts


def row_normalised(confusion):
    """Each row divided by its sum: the share of each true digit given each answer (empty rows stay 0)."""
    counts = confusion.sum(axis=1, keepdims=True)
    return confusion / np.maximum(counts, 1)


def most_confident_mistakes(t, probs, count=None):
    """Indices of the wrong answers, the most confident (highest top probability) first."""
    predicted, confidence = probs.argmax(axis=1), probs.max(axis=1)
    wrong = np.flatnonzero(predicted != t)
    return wrong[np.argsort(-confidence[wrong], kind="stable")][:count]


def least_confident_correct(t, probs, count=None):
    """Indices of the right answers, the least confident (lowest top probability) first."""
    predicted, confidence = probs.argmax(axis=1), probs.max(axis=1)
    right = np.flatnonzero(predicted == t)
    return right[np.argsort(confidence[right], kind="stable")][:count]


def cell_members(t, predicted, probs, true, pred):
    """Indices of the images of true label ``true`` answered ``pred``, most confident in ``pred`` first."""
    members = np.flatnonzero((t == true) & (predicted == pred))
    return members[np.argsort(-probs[members, pred], kind="stable")]


def top_k(probs, k=3):
    """(classes (N, k), probabilities (N, k)) of the k most probable classes of each row, best first."""
    classes = np.argsort(-probs, axis=1, kind="stable")[:, :k]
    return classes, np.take_along_axis(probs, classes, axis=1)
