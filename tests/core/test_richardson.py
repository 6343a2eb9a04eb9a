"""Richardson-extrapolated reference derivatives against derivatives known in closed form."""
import math

import numpy as np
import pytest

from core.richardson import one_sided_slopes, reference_derivative, richardson_extrapolation


@pytest.mark.parametrize("f, df, x", [
    (np.sin, np.cos, 1.0),
    (np.exp, np.exp, 3.0),
    (lambda x: 0.01 * x ** 2 + 0.1 * x, lambda x: 0.02 * x + 0.1, 10.0),
    (np.log, lambda x: 1 / x, 0.05),
    (lambda x: x ** 3, lambda x: 3 * x ** 2, -200.0),
])
def test_reference_derivative_matches_the_closed_form(f, df, x):
    value, error = reference_derivative(f, x)
    assert value == pytest.approx(float(df(x)), rel=1e-11, abs=1e-12)
    assert error < 1e-8 * max(1.0, abs(value))


def test_extrapolation_beats_the_plain_central_difference():
    exact = math.cos(1.0)
    plain = (math.sin(1.0 + 1e-2) - math.sin(1.0 - 1e-2)) / 2e-2
    value, _ = richardson_extrapolation(lambda h: (math.sin(1.0 + h) - math.sin(1.0 - h)) / (2 * h), 1e-2, order=2)
    assert abs(value - exact) < 1e-4 * abs(plain - exact)


def test_a_kink_has_different_one_sided_slopes():
    (left, _), (right, _) = one_sided_slopes(np.abs, 0.0)
    assert left == pytest.approx(-1.0) and right == pytest.approx(1.0)


def test_outside_the_domain_there_is_no_reference():
    with np.errstate(all="ignore"):
        assert reference_derivative(np.log, -1.0) is None
