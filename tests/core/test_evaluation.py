"""What a trained network gets right and wrong: counts against a plain loop, orderings against sorting."""
import numpy as np
import pytest

from core import TwoLayerNet
from core.evaluation import (confusion_matrix, least_confident_correct, most_confident_mistakes, cell_members,
                             per_class_accuracy, predict_u8, row_normalised, top_k)
from core.mnist import load_sample

RNG = np.random.default_rng(0)
T = RNG.integers(0, 10, 500)
P = RNG.dirichlet(np.full(10, 0.3), 500).astype(np.float32)
Y = P.argmax(axis=1)


def test_confusion_matrix_counts_every_pair():
    expected = np.zeros((10, 10), int)
    for true, pred in zip(T, Y):
        expected[true, pred] += 1
    c = confusion_matrix(T, Y)
    assert np.array_equal(c, expected) and c.sum() == 500


def test_per_class_accuracy_and_row_normalised():
    c = confusion_matrix(T, Y)
    acc, counts = per_class_accuracy(c)
    for d in range(10):
        assert counts[d] == np.sum(T == d)
        assert acc[d] == pytest.approx(np.mean(Y[T == d] == d))
    rows = row_normalised(c)
    assert np.allclose(rows.sum(axis=1), 1.0) and np.allclose(rows[3], c[3] / c[3].sum())


def test_a_class_without_examples_has_no_accuracy_and_an_empty_row():
    c = confusion_matrix(np.array([0, 0, 1]), np.array([0, 1, 1]), classes=3)
    acc, counts = per_class_accuracy(c)
    assert counts.tolist() == [2, 1, 0] and acc[:2].tolist() == [0.5, 1.0] and np.isnan(acc[2])
    assert row_normalised(c)[2].tolist() == [0.0, 0.0, 0.0]


def test_most_confident_mistakes_come_first():
    wrong = most_confident_mistakes(T, P)
    assert set(wrong) == set(np.flatnonzero(Y != T))
    confidence = P[wrong].max(axis=1)
    assert np.all(np.diff(confidence) <= 0)
    assert len(most_confident_mistakes(T, P, count=7)) == 7


def test_least_confident_correct_answers_come_first():
    right = least_confident_correct(T, P, count=20)
    assert np.all(Y[right] == T[right])
    confidence = P[right].max(axis=1)
    assert np.all(np.diff(confidence) >= 0)
    assert confidence[0] == P[Y == T].max(axis=1).min()


def test_a_cell_holds_exactly_its_images_most_confident_first():
    for true, pred in ((3, 5), (4, 4)):
        members = cell_members(T, Y, P, true, pred)
        assert set(members) == set(np.flatnonzero((T == true) & (Y == pred)))
        assert np.all(np.diff(P[members, pred]) <= 0)


def test_top_3_classes_and_their_probabilities():
    classes, probs = top_k(P, 3)
    assert classes.shape == probs.shape == (500, 3)
    assert np.array_equal(classes[:, 0], Y)
    assert np.allclose(probs, np.take_along_axis(P, classes, axis=1))
    assert np.all(np.diff(probs, axis=1) <= 0)


def test_predict_on_uint8_images_is_the_networks_predict():
    data = load_sample()
    net = TwoLayerNet(784, 30, 10, weight_init_std=0.1, rng=4, dtype=np.float32)
    probs = predict_u8(net.params, data.x_test[:777], chunk=100)
    reference = net.predict(data.x_test[:777] / 255.0)
    assert probs.dtype == np.float32 and probs.shape == (777, 10)
    assert np.allclose(probs, reference, atol=1e-6)
