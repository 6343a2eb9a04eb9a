"""The numbers behind the numerical-derivative page.

Presets carry a hand-written derivative ("exact"); a typed formula gets a reference
value from Richardson extrapolation of central differences in float64. Everything is
computed with ``core.gradient.numerical_diff`` on an ``core.expression.Expression``.
"""
import math
from dataclasses import dataclass

import numpy as np
import streamlit as st

from core.expression import ExpressionError, parse_expression
from core.gradient import numerical_diff
from core.richardson import SETTLED, one_sided_slopes, reference_derivative, richardson_extrapolation  # noqa: F401

EPS = float(np.finfo(np.float64).eps)
# error ~ C h + eps/h (forward) or C h^2 + eps/h (central) is smallest here when C ~ 1
BEST_H = {"forward": math.sqrt(EPS), "central": EPS ** (1 / 3)}
H_CHOICES = (1e-50,) + tuple(float(f"1e-{k}") for k in range(15, 0, -1))
H_GRID = np.logspace(-16, 0, 161)  # the error chart's steps, 10 per decade
METHODS = ("central", "forward")
X_LIMIT = 1000.0
CURVE_POINTS = 400
CUSTOM = "custom"
DEFAULT_EXPR = "sin(x) * exp(-x/3)"
LAST_VALID = "derivative.last_valid_expr"
ONE_SIDED = 1e-6  # one-sided slopes settle less well (error ~1e-11 for smooth functions)


@dataclass(frozen=True)
class Preset:
    """A function with its derivative written by hand (nan where it does not exist)."""

    text: str
    latex: str
    dlatex: str
    derivative: object
    x: float
    x_range: tuple


def _abs_derivative(x):
    return math.copysign(1.0, x) if x != 0 else math.nan


def _log_derivative(x):
    return 1.0 / x if x > 0 else math.nan


def _exp(x):
    with np.errstate(over="ignore"):
        return float(np.exp(x))


PRESETS = {
    # (2x + 10) / 100 rounds to exactly 0.2 and 0.3 at the book's points; 0.02*10 + 0.1 would not
    "book": Preset("0.01*x**2 + 0.1*x", r"0.01x^2 + 0.1x", r"0.02x + 0.1",
                   lambda x: (2 * x + 10) / 100, 5.0, (0.0, 20.0)),
    "sin": Preset("sin(x)", r"\sin x", r"\cos x", math.cos, 1.0, (-6.0, 6.0)),
    "exp": Preset("exp(x)", r"e^{x}", r"e^{x}", _exp, 1.0, (-3.0, 3.0)),
    "cube": Preset("x**3", r"x^3", r"3x^2", lambda x: 3 * x * x, 1.0, (-2.0, 2.0)),
    "abs": Preset("abs(x)", r"|x|", r"\operatorname{sign}(x)\ \ (x \neq 0)", _abs_derivative, 0.0, (-2.0, 2.0)),
    "log": Preset("log(x)", r"\log x\ \ (x > 0)", r"1/x", _log_derivative, 1.0, (0.01, 4.0)),
}
FUNCTION_IDS = (*PRESETS, CUSTOM)


def h_label(h):
    """1e-4 -> '1e-4' (the steps offered are powers of ten)."""
    return f"1e{round(math.log10(h))}"


def parse(text):
    """(Expression, None) or (None, ExpressionError)."""
    try:
        return parse_expression(text, variables=("x",)), None
    except ExpressionError as error:
        return None, error


def current_function(choice, typed):
    """The Expression to study, and the error of the typed text if it was rejected.

    A rejected formula leaves the last valid one (kept in session_state) in place.
    """
    if choice in PRESETS:
        return parse(PRESETS[choice].text)[0], None
    fn, error = parse(typed)
    if fn is not None:
        st.session_state[LAST_VALID] = fn.text
        return fn, None
    fallback, _ = parse(st.session_state.get(LAST_VALID, DEFAULT_EXPR))
    return fallback or parse(DEFAULT_EXPR)[0], error


def _value(f, x):
    return float(f(x))


@dataclass
class Analysis:
    """What the page shows at one (f, x, h).

    exact : f'(x), nan where there is no derivative (or it is not finite).
    exact_kind : "exact" (a preset's formula) or "reference" (Richardson).
    exact_error : 0 for a formula, Richardson's error estimate, nan when unavailable.
    kink : (left slope, right slope) when they differ, else None.
    settled : False when one-sided slopes did not settle (f may not be smooth at x).
    step : (x + h) - x, the step the computer really took.
    """

    x: float
    h: float
    fx: float
    central: float
    forward: float
    exact: float
    exact_kind: str
    exact_error: float
    kink: tuple | None
    step: float
    points: dict
    settled: bool = True

    def error(self, method):
        """approximation - exact (nan when either is missing)."""
        return getattr(self, method) - self.exact


def judge_slopes(slopes):
    """'kink' when left and right slopes differ, 'unsettled' when either is uncertain, else 'smooth'."""
    (left, err_left), (right, err_right) = slopes
    size, gap = max(1.0, abs(left), abs(right)), abs(left - right)
    if gap > ONE_SIDED * size and gap > 10 * (err_left + err_right):
        return "kink"
    return "unsettled" if max(err_left, err_right) > ONE_SIDED * size else "smooth"


def analyse(f, x, h, preset=None):
    """Evaluate f, both differences and the exact (or reference) derivative at x."""
    with np.errstate(all="ignore"):
        fx = _value(f, x)
        points = {"x - h": _value(f, x - h), "x + h": _value(f, x + h)}
        central = float(numerical_diff(f, x, h))
        forward = float(numerical_diff(f, x, h, method="forward"))
        step = (x + h) - x
    kind, exact, exact_error, kink, settled = ("exact" if preset else "reference"), math.nan, math.nan, None, True
    if math.isfinite(fx):
        if preset:
            exact, exact_error = preset.derivative(x), 0.0
        else:
            found = reference_derivative(f, x)
            if found:
                exact, exact_error = found
        slopes = one_sided_slopes(f, x) if not (preset and math.isfinite(exact)) else None
        verdict = judge_slopes(slopes) if slopes else "smooth"
        if verdict == "kink":
            kink, exact = (slopes[0][0], slopes[1][0]), math.nan
        settled = verdict != "unsettled"
        if not math.isfinite(exact):
            exact = math.nan
    return Analysis(x, h, fx, central, forward, exact, kind, exact_error, kink, step, points, settled)


def reference_unreliable(analysis):
    """The Richardson estimate did not settle (f may not be smooth near x)."""
    return (analysis.exact_kind == "reference" and math.isfinite(analysis.exact)
            and (not analysis.settled or analysis.exact_error > SETTLED * max(1.0, abs(analysis.exact))))


def curve(f, lo, hi, n=CURVE_POINTS):
    """(xs, ys, finite mask) of f on [lo, hi]."""
    xs = np.linspace(lo, hi, n)
    ys = f(xs)
    return xs, ys, np.isfinite(ys)


def error_curves(f, x, exact, hs=H_GRID):
    """{method: (values, |value - exact|)} over the steps hs (nan where not finite)."""
    found = {}
    with np.errstate(all="ignore"):
        for method in METHODS:
            values = np.array([float(numerical_diff(f, x, float(h), method=method)) for h in hs])
            found[method] = (values, np.abs(values - exact))
    return found


def auto_range(x):
    """The plot range for a typed formula: x ± max(2, |x| / 2), so the tangent at x fills the view.

    A preset has its own range; a typed formula has none, and a fixed one (the book's 0 ... 20)
    can leave the interesting part of the curve, and the tangents, squeezed into a corner.
    """
    half = max(2.0, abs(x) / 2)
    return max(x - half, -X_LIMIT), min(x + half, X_LIMIT)


def plot_range(x, lo, hi, preset):
    """The x range to plot: (lo, hi, bad, widened). A bad range falls back to the preset's."""
    bad = not lo < hi
    if bad:
        lo, hi = preset.x_range if preset else PRESETS["book"].x_range
    widened = not lo <= x <= hi
    if widened:
        margin = 0.1 * (max(hi, x) - min(lo, x))
        lo, hi = min(lo, x - margin), max(hi, x + margin)
    return lo, hi, bad, widened
