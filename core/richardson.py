"""Reference derivatives by Richardson extrapolation (Ridders' method).

The derivative page compares forward and central differences with the exact
derivative; for a formula the student types there is no formula for f', so the
reference is a difference quotient D(h) extrapolated to h -> 0: each column of
Ridders' tableau cancels the next term of D's error expansion (h^p, h^2p, ...).
"""
import math

import numpy as np

from core.gradient import numerical_diff

SETTLED = 1e-9  # relative error estimate below which a Richardson value is trusted


def _value(f, x):
    return float(f(x))


def richardson_extrapolation(quotient, h0, order, con=1.4, ntab=10, safe=2.0):
    """Ridders' method: extrapolate a difference quotient D(h) to h -> 0.

    D is taken at h0, h0/con, h0/con^2, ...; each column of the tableau removes the
    next error term (h^order, h^(2 order), ...). Returns (value, error estimate), or
    None when a quotient is not finite (a step left the function's domain).
    """
    table = [[quotient(h0)]]
    if not math.isfinite(table[0][0]):
        return None
    best, err = table[0][0], math.inf
    h = h0
    for i in range(1, ntab):
        h /= con
        row = [quotient(h)]
        if not math.isfinite(row[0]):
            return None
        fac = con ** order
        for j in range(1, i + 1):
            # cancel the leading error term of the column before
            row.append((row[j - 1] * fac - table[i - 1][j - 1]) / (fac - 1))
            fac *= con ** order
            errt = max(abs(row[j] - row[j - 1]), abs(row[j] - table[i - 1][j - 1]))
            if errt <= err:
                best, err = row[j], errt
        table.append(row)
        if abs(row[i] - table[i - 1][i - 1]) >= safe * err:
            break  # higher orders only add rounding error now
    return best, err


def best_richardson(quotient, x, order):
    """Richardson from the largest starting step that stays finite and settles.

    Large steps keep rounding error small; smaller ones are tried only when a large
    step leaves the domain or does not settle (then the smallest error estimate wins).
    """
    scale = max(1.0, abs(x))
    found = None
    for h0 in (1e-1, 1e-2, 1e-3, 1e-4, 1e-5):
        with np.errstate(all="ignore"):
            result = richardson_extrapolation(quotient, h0 * scale, order)
        if result is None or not math.isfinite(result[1]):
            continue
        if result[1] <= SETTLED * max(1.0, abs(result[0])):
            return result
        if found is None or result[1] < found[1]:
            found = result
    return found


def reference_derivative(f, x):
    """f'(x) from central differences (error in h^2, h^4, ...): (value, error estimate) or None."""
    return best_richardson(lambda h: float(numerical_diff(f, x, h)), x, order=2)


def one_sided_slopes(f, x):
    """((left, err), (right, err)) by Richardson of backward and forward differences; None if undefined."""
    fx = _value(f, x)
    left = best_richardson(lambda h: (fx - _value(f, x - h)) / h, x, order=1)
    right = best_richardson(lambda h: float(numerical_diff(f, x, h, method="forward")), x, order=1)
    return (left, right) if left and right else None
