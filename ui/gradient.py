"""The gradient page's numbers: presets, the map, gradient descent and what happened on the way."""
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from core.expression import FUNCTIONS, MAX_DEPTH, MAX_LENGTH, ExpressionError, parse_expression
from core.gradient import DescentResult, gradient_descent, numerical_gradient, numerical_gradient_field
from core.richardson import SETTLED, one_sided_slopes, reference_derivative
from ui import params
from ui.derivative import judge_slopes
from ui.charts.gradient import ARROWS
from ui.i18n import MARKUP, current_language, literal, messages, t

PAGE = "gradient"
VARIABLES = ("x0", "x1")
H = 1e-4  # the book's h for numerical_gradient
GRID = 71  # map nodes per axis (odd: one row and column through 0)
LIMIT = 1000.0  # start and point coordinates stay within ±LIMIT
MAX_STEPS = 5000
VIEWS = (0.5, 1.0, 2.0, 3.0, 4.0, 5.0, 8.0, 10.0, 20.0, 50.0, 100.0)
BOOK_LRS = (("big", 10.0), ("book", 0.1), ("tiny", 1e-10))
BOOK_POINTS = ((3.0, 4.0), (0.0, 2.0), (3.0, 0.0))
# what the book prints for numerical_gradient(function_2, np.array([3.0, 4.0])), function_2 = x0**2 + x1**2
BOOK_PRINTS = ((3.0, 4.0), (6.00000000000378, 7.999999999999119))
FORMULA_MARKUP = MARKUP + "{}()+-.!"  # a formula piece may also start a list or a link
LAST_VALID = "gradient.last_valid_formula"  # kept in session_state: a rejected formula leaves it drawn


@dataclass(frozen=True)
class Preset:
    formula: str
    start: tuple
    lr: float
    steps: int
    view: float
    point: tuple
    same_length: bool = False  # arrows of one length where |∇f| varies too much to read


PRESETS = {
    "bowl": Preset("x0**2 + x1**2", (-3.0, 4.0), 0.1, 100, 5.0, (3.0, 4.0)),
    "saddle": Preset("x0**2 - x1**2", (-3.0, 0.01), 0.1, 50, 5.0, (2.0, 2.0)),
    "valley": Preset("x0**2/20 + x1**2", (-7.0, 2.0), 0.95, 30, 8.0, (-4.0, 4.0)),
    "rosenbrock": Preset("(1 - x0)**2 + 100*(x1 - x0**2)**2", (-1.2, 1.0), 0.002, 2000, 2.0, (0.0, 1.5), True),
}
BOOK = PRESETS["bowl"]


def fmt(value, digits=10):
    """A number as the page prints it: ``digits`` significant digits."""
    return f"{float(value):.{digits}g}"


def apply_preset(name):
    """Button callback: the preset's formula and the settings that suit it."""
    preset = PRESETS[name]
    for key, value in (("f", preset.formula), ("x0", preset.start[0]), ("x1", preset.start[1]),
                       ("lr", preset.lr), ("steps", preset.steps), ("view", preset.view),
                       ("p0", preset.point[0]), ("p1", preset.point[1]), ("unit", preset.same_length)):
        params.set_value(PAGE, key, value)


def set_lr(lr):
    params.set_value(PAGE, "lr", lr)


def set_point(point):
    params.set_value(PAGE, "p0", point[0])
    params.set_value(PAGE, "p1", point[1])


def formula_help():
    return t("expr.help", variables=", ".join(VARIABLES), functions=", ".join(FUNCTIONS))


def parse(formula):
    """(Expression, None) or (None, translated reason)."""
    try:
        return parse_expression(formula, variables=VARIABLES), None
    except ExpressionError as error:
        key = f"expr.{error.code}"
        key = key if key in messages() else "expr.syntax"
        return None, t(key, detail=literal(error.detail, FORMULA_MARKUP), variables=", ".join(VARIABLES),
                       max_length=MAX_LENGTH, max_depth=MAX_DEPTH)


def current(formula):
    """(Expression or None, the formula it came from, translated reason or None).

    A rejected formula leaves the last valid one of this session in place (None if there is none yet).
    """
    expression, problem = parse(formula)
    if expression is not None:
        st.session_state[LAST_VALID] = formula
        return expression, formula, None
    kept = st.session_state.get(LAST_VALID)
    return (parse(kept)[0] if kept else None), kept, problem


def on_points(expression):
    """f(x) with x[0] = x0 and x[1] = x1, for one point (2,) or many (2, ...), like the book's function_2."""
    return lambda x: expression(x[0], x[1])


def gradient_at(expression, point):
    """numerical_gradient of f at one point, shape (2,); nan/inf where f is not finite."""
    with np.errstate(all="ignore"):  # inf - inf next to a pole gives nan, reported in words
        return numerical_gradient(on_points(expression), np.array(point, dtype=float), H)


def reference_gradient(expression, point):
    """(∂f/∂x0, ∂f/∂x1) without the step's error, and its error estimate; None if unknown.

    Each partial derivative is the derivative of f along one axis, extrapolated to h -> 0
    (Richardson, as on the derivative page). None where f is not smooth at the point (the
    slopes from the left and from the right differ, or do not settle).
    """
    x0, x1 = point
    along = (lambda s: float(expression(s, x1)), lambda s: float(expression(x0, s)))
    values, errors = [], []
    for f, x in zip(along, point):
        with np.errstate(all="ignore"):
            found, slopes = reference_derivative(f, x), one_sided_slopes(f, x)
        if not found or not slopes or judge_slopes(slopes) != "smooth" \
                or not found[1] <= SETTLED * max(1.0, abs(found[0])):
            return None
        values.append(found[0])
        errors.append(found[1])
    return np.array(values), max(errors)


def partials_notes(expression, point, grad):
    """The caption under the partial derivatives: what is true for this formula at this point."""
    x0, x1 = point
    notes = [t("gradient.partials_note", x0=f"{x0:g}", x1=f"{x1:g}")]
    reference = reference_gradient(expression, point)
    if reference is None:
        notes.append(t("gradient.partials_no_reference"))
    else:
        (r0, r1), error = reference
        off = [f"{d:+.1e}" if d else "0" for d in (grad[0] - r0, grad[1] - r1)]
        notes.append(t("gradient.partials_reference", r0=fmt(r0, 12), r1=fmt(r1, 12), err=f"{error:.0e}",
                       d0=off[0], d1=off[1]))
    book_point, book_values = BOOK_PRINTS
    if (expression.text == parse(BOOK.formula)[0].text and tuple(point) == book_point
            and tuple(grad.tolist()) == book_values):
        notes.append(t("gradient.partials_book", g0=repr(book_values[0]), g1=repr(book_values[1])))
    return ("" if current_language() == "zh" else " ").join(notes)


@dataclass
class MapNumbers:
    xs: np.ndarray  # (GRID,) node coordinates on both axes
    f_grid: np.ndarray  # (GRID, GRID), f_grid[j, i] = f(xs[i], xs[j])
    arrow_points: np.ndarray  # (2, ARROWS**2)
    arrow_grad: np.ndarray  # (2, ARROWS**2)


def map_numbers(expression, radius):
    xs = np.linspace(-radius, radius, GRID)
    gx, gy = np.meshgrid(xs, xs)
    centres = -radius + (np.arange(ARROWS) + 0.5) * 2 * radius / ARROWS
    arrow_points = np.stack(np.meshgrid(centres, centres)).reshape(2, -1)
    with np.errstate(all="ignore"):
        arrow_grad = numerical_gradient_field(on_points(expression), arrow_points, H)
    return MapNumbers(xs, expression(gx, gy), arrow_points, arrow_grad)


@dataclass
class Descent:
    result: DescentResult
    f: np.ndarray  # (k + 1,) f along the path
    grad_norm: np.ndarray  # (k + 1,) |numerical gradient| along the path
    grad: np.ndarray  # (2, k + 1)


@st.cache_data(max_entries=32, show_spinner=False)
def descend(formula, start, lr, steps):
    """gradient_descent from ``start`` (a tuple) on the parsed formula, with f and |∇f| at every point."""
    expression = parse_expression(formula, variables=VARIABLES)
    f = on_points(expression)
    result = gradient_descent(f, np.array(start, dtype=float), lr=lr, step_num=steps, h=H)
    with np.errstate(all="ignore"):
        grad = numerical_gradient_field(f, result.path.T.copy(), H)
    return Descent(result, expression(result.path[:, 0], result.path[:, 1]), np.hypot(grad[0], grad[1]), grad)


def frozen_from(descent):
    """The step from which rounding froze the point far out (the numerical gradient is exactly 0), or None."""
    path = descent.result.path
    if len(path) < 2 or np.any(descent.grad[:, -1] != 0):
        return None
    if np.max(np.abs(path[-1])) * np.finfo(float).eps <= H:
        return None  # x + h still differs from x: a true zero of the gradient
    same = np.all(path == path[-1], axis=1)
    return int(len(same) - np.argmin(same[::-1])) if not same.all() else 0


def outcome(descent, radius, lr):
    """What the run did, in words: [(kind, text)] with kind in success, info, warning, error."""
    result, path = descent.result, descent.result.path
    steps = len(path) - 1
    if not np.isfinite(descent.f[0]):
        return [("error", t("gradient.out.start_undefined", x0=fmt(path[0, 0], 6), x1=fmt(path[0, 1], 6)))]
    said = []
    if result.status == "diverged":
        said.append(("error", t("gradient.out.overflow", step=result.diverged_at, last=result.diverged_at - 1)))
    outside = np.flatnonzero(np.any(np.abs(path) > radius, axis=1))
    if outside.size and outside[-1] == steps:
        said.append(("warning", t("gradient.out.left_view", step=outside[0], x0=fmt(path[-1, 0], 4),
                                  x1=fmt(path[-1, 1], 4), r=f"{radius:g}")))
    elif outside.size:
        said.append(("warning", t("gradient.out.left_view_back", step=outside[0])))
    f0, f1 = descent.f[0], descent.f[-1]
    grew = f1 > f0  # +inf included
    if np.isnan(f1):
        said.append(("warning", t("gradient.out.undefined_end", step=steps)))
    elif grew:
        said.append(("warning", t("gradient.out.grew", f0=fmt(f0, 4), f1=fmt(f1, 4))))
    frozen = frozen_from(descent)
    if frozen is not None:
        size = f"{np.max(np.abs(path[-1])):.1e}"
        said.append(("info", t("gradient.out.frozen", step=frozen, size=size)))
    if steps == 0 and result.status != "diverged":
        said.append(("info", t("gradient.out.no_steps")))
    elif f1 <= f0 and result.status != "diverged":
        g0, g1 = descent.grad_norm[0], descent.grad_norm[-1]
        travelled = float(np.sum(np.hypot(*np.diff(path, axis=0).T)))
        if g0 == 0:
            said.append(("info", t("gradient.out.flat_start")))
        elif g1 <= max(1e-6 * g0, 1e-12):
            said.append(("success", t("gradient.out.converged", g=fmt(g1, 3), g0=fmt(g0, 3))))
        elif travelled < 1e-4 * 2 * radius:
            said.append(("warning", t("gradient.out.stuck", steps=steps, dist=fmt(travelled, 3), lr=fmt(lr, 6),
                                      x0=fmt(path[-1, 0], 10), x1=fmt(path[-1, 1], 10))))
        else:
            said.append(("info", t("gradient.out.moving", f0=fmt(f0, 4), f1=fmt(f1, 4), g=fmt(g1, 3))))
    return said


def step_table(descent):
    """Every point of the path: step, then x0, x1, f(x), |∇f(x)| as text with 10 significant digits."""
    path = descent.result.path
    columns = {"x0": path[:, 0], "x1": path[:, 1], "f(x)": descent.f, "|∇f(x)|": descent.grad_norm}
    table = pd.DataFrame({t("gradient.col_step"): np.arange(len(path))})
    for name, values in columns.items():
        table[name] = [fmt(v) for v in values]  # text: the grid would round or drop digits of huge numbers
    return table


def jumps_across(path, radius):
    """Whether some step starts and ends outside the view (drawn dashed across it)."""
    outside = np.any(np.abs(path) > radius, axis=1)
    return bool(np.any(outside[:-1] & outside[1:]))
