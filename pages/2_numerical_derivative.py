"""4.3 Numerical derivative: forward and central differences, the tangent, and the error against h."""
import math

import numpy as np
import streamlit as st

from core.expression import FUNCTIONS, MAX_DEPTH, MAX_LENGTH, parse_expression
from core.gradient import numerical_diff
from ui import derivative as d
from ui import params
from ui.charts import spec
from ui.charts.derivative import error_chart, tangent_chart
from ui.i18n import current_language, messages, t
from ui.shell import page, scrolling_tables, show_code

PAGE = "derivative"
FORMULAS = {"forward": r"f'(x) \approx \frac{f(x+h) - f(x)}{h}",
            "central": r"f'(x) \approx \frac{f(x+h) - f(x-h)}{2h}"}
BEST_H_FORMULAS = {
    "forward": r"\tfrac{1}{2}|f''|\,h + \frac{\varepsilon |f|}{h}"
               r"\ \Rightarrow\ h^* \approx \sqrt{\varepsilon} \approx 1.5\times10^{-8}",
    "central": r"\tfrac{1}{6}|f'''|\,h^2 + \frac{\varepsilon |f|}{h}"
               r"\ \Rightarrow\ h^* \approx \sqrt[3]{\varepsilon} \approx 6\times10^{-6}"}


def formulas(by_method):
    """One formula per method, side by side under the method's translated name."""
    for col, (method, formula) in zip(st.columns(len(by_method)), by_method.items()):
        col.markdown(f"**{t(f'derivative.metric_{method}')}**")
        col.latex(formula)


def show(value):
    """Every digit Python keeps (the book prints 0.1999999999990898), or a dash."""
    return f"`{float(value)!r}`" if math.isfinite(value) else t("derivative.none")


def sci(value):
    return f"{value:.2e}" if math.isfinite(value) else t("derivative.none")


def escape(text):
    """Typed text shown inside a markdown message: no markup, no math."""
    return "".join("\\" + c if c in "\\`*_{}[]()#+-.!|$<>~" else c for c in text)


def expression_message(error):
    key = f"expr.{error.code}"
    if key not in messages():
        return str(error)
    return t(key, detail=escape(error.detail), variables="x", max_length=MAX_LENGTH, max_depth=MAX_DEPTH)


def set_range(lo, hi):
    params.set_value(PAGE, "xmin", lo)
    params.set_value(PAGE, "xmax", hi)


def preset_chosen():
    preset = d.PRESETS.get(st.session_state[f"{PAGE}.f"])
    if preset:
        params.set_value(PAGE, "x", preset.x)
        set_range(*preset.x_range)
    else:  # a typed formula: the range follows x
        set_range(*d.auto_range(st.session_state[f"{PAGE}.x"]))


def formula_typed():
    set_range(*d.auto_range(st.session_state[f"{PAGE}.x"]))


def x_moved():
    """A typed formula's range is centred on x again when x leaves it (a preset's is widened)."""
    x = st.session_state[f"{PAGE}.x"]
    lo, hi = (st.session_state.get(f"{PAGE}.{name}") for name in ("xmin", "xmax"))
    if st.session_state[f"{PAGE}.f"] == d.CUSTOM and not (lo is not None and hi is not None and lo <= x <= hi):
        set_range(*d.auto_range(x))


def book_example(x):
    book = d.PRESETS["book"]
    for name, value in (("f", "book"), ("x", x), ("h", 1e-4), ("xmin", book.x_range[0]), ("xmax", book.x_range[1])):
        params.set_value(PAGE, name, value)


def controls():
    """The widgets (all mirrored in the URL): (choice, typed text or None, x, h, lo, hi)."""
    with st.container(border=True):
        col_f, col_x, col_h = st.columns([1.2, 1, 1.2], gap="medium")
        lang = current_language()  # format_func may be called outside the script run
        choice = params.choice(PAGE, "f", t("derivative.function"), d.FUNCTION_IDS, "book", container=col_f,
                               format_func=lambda key: t(f"derivative.fn.{key}", lang), on_change=preset_chosen,
                               help=t("derivative.function_help"))
        defaults = d.PRESETS.get(choice, d.PRESETS["book"])
        typed = None
        if choice == d.CUSTOM:
            typed = params.text(PAGE, "expr", t("derivative.expr"), d.DEFAULT_EXPR, MAX_LENGTH, container=col_f,
                                help=t("expr.help", variables="x", functions=", ".join(FUNCTIONS)),
                                on_change=formula_typed)
        x = params.number(PAGE, "x", t("derivative.x"), -d.X_LIMIT, d.X_LIMIT, defaults.x, step=0.1,
                          container=col_x, format="%g", help=t("derivative.x_help"), on_change=x_moved)
        x_range = defaults.x_range if choice in d.PRESETS else d.auto_range(x)
        col_x.caption(t("derivative.book_caption"))
        for col, book_x in zip(col_x.columns(2), (5.0, 10.0)):
            col.button(t(f"derivative.book{book_x:g}"), key=f"{PAGE}.book{book_x:g}", on_click=book_example,
                       args=(book_x,), help=t("derivative.book_help"), width="stretch")
        h = params.choice(PAGE, "h", t("derivative.h"), d.H_CHOICES, 1e-4, widget="select_slider",
                          container=col_h, format_func=d.h_label, help=t("derivative.h_help"))
        col_h.caption(t("derivative.range"))
        col_lo, col_hi = col_h.columns(2)
        lo = params.number(PAGE, "xmin", t("derivative.xmin"), -d.X_LIMIT, d.X_LIMIT, x_range[0],
                           step=0.5, container=col_lo, format="%g")
        hi = params.number(PAGE, "xmax", t("derivative.xmax"), -d.X_LIMIT, d.X_LIMIT, x_range[1],
                           step=0.5, container=col_hi, format="%g")
    return choice, typed, x, h, lo, hi


def numbers(result, preset):
    """f(x), the exact (or reference) derivative and both differences, every digit shown."""
    h_text = d.h_label(result.h)
    if math.isfinite(result.exact):
        exact = show(result.exact)
        if not preset:
            exact += " " + t("derivative.reference_pm", err=f"{result.exact_error:.1e}")
    else:
        exact = t("derivative.no_derivative_value") if result.kink else t("derivative.none")
    rows = [(t("derivative.metric_fx"), show(result.fx), ""),
            (t("derivative.metric_exact" if preset else "derivative.metric_reference"), exact, "")]
    for method in d.METHODS:
        error = result.error(method)
        rows.append((f"{t(f'derivative.metric_{method}')} (h = {h_text})",
                     show(getattr(result, method)), f"`{error:+.2e}`" if math.isfinite(error) else ""))
    table = [f"| | {t('derivative.col_value')} | {t('derivative.col_error')} |", "|:--|--:|--:|"]
    table += [f"| {label} | {value} | {error} |" for label, value, error in rows]
    scrolling_tables()  # every digit of a long number stays, on a phone too
    st.markdown("\n".join(table))
    st.code(f"numerical_diff(f, {result.x!r}, h={result.h!r})                    # {float(result.central)!r}\n"
            f"numerical_diff(f, {result.x!r}, h={result.h!r}, method=\"forward\")  # {float(result.forward)!r}",
            language="python")
    h32 = repr(float(np.float32(result.h)))
    if result.h == d.H_CHOICES[0]:
        key = "derivative.tiny_h" if result.step == 0 else "derivative.tiny_h_near_zero"
        st.warning(t(key, h32=h32, x=f"{result.x:g}", spacing=f"{float(np.spacing(abs(result.x))):.2e}"),
                   icon=":material/warning:")
    st.caption(t("derivative.stored", h=h_text, h64=repr(result.h), h32=h32, step=repr(result.step)))


def warnings(result, preset):
    """Say in words why a number is missing or not to be trusted."""
    x = f"{result.x:g}"
    if not math.isfinite(result.fx):
        st.warning(t("derivative.f_nonfinite", x=x, value=result.fx))
        return
    for method, needs in (("central", ("x - h", "x + h")), ("forward", ("x + h",))):
        bad = [point for point in needs if not math.isfinite(result.points[point])]
        if bad:
            st.warning(t("derivative.step_nonfinite", method=t(f"derivative.metric_{method}"), points=", ".join(bad)))
    if result.kink:
        left, right = result.kink
        st.info(t("derivative.no_derivative", x=x, left=f"{left:.6g}", right=f"{right:.6g}",
                  central=show(result.central), forward=show(result.forward)), icon=":material/info:")
    elif not math.isfinite(result.exact):
        st.warning(t("derivative.exact_nonfinite" if preset else "derivative.no_reference", x=x))
    elif d.reference_unreliable(result):
        st.warning(t("derivative.reference_unreliable", x=x, err=f"{result.exact_error:.1e}"))


def tangent(fn, result, preset, lo, hi):
    st.subheader(t("derivative.tangent_title"))
    xs, ys, finite = d.curve(fn, lo, hi)
    if not finite.any():
        st.warning(t("derivative.curve_empty"))
        return
    slopes = {}
    if math.isfinite(result.fx):
        for method in d.METHODS:
            if math.isfinite(getattr(result, method)):
                slopes[method] = (t(f"derivative.series_{method}"), getattr(result, method))
        if math.isfinite(result.exact):
            slopes["exact"] = (t("derivative.series_exact" if preset else "derivative.series_reference"), result.exact)
        y0 = result.fx
    else:
        y0 = float(np.median(ys[finite]))  # no point to mark: keep the guides inside the curve's range
    labels = {"x": t("derivative.axis_x"), "y": t("derivative.axis_y"), "curve": t("derivative.series_curve"),
              "line": t("derivative.tooltip_line"), "slope": t("derivative.tooltip_slope"),
              "point": t("derivative.tooltip_point")}
    st.vega_lite_chart(spec=spec(tangent_chart, xs[finite], ys[finite], result.x, y0, slopes, labels, (lo, hi)),
                       width="stretch")
    st.caption(t("derivative.tangent_caption"))
    if not finite.all():
        st.caption(t("derivative.curve_dropped", n=int((~finite).sum()), total=finite.size))


def error_against_h(fn, result, preset_id):
    st.subheader(t("derivative.error_title"))
    if not (math.isfinite(result.exact) and math.isfinite(result.fx)):
        st.info(t("derivative.error_none"))
        return
    curves = d.error_curves(fn, result.x, result.exact)
    values = {method: curves[method][0] for method in d.METHODS}
    errors = {method: curves[method][1] for method in d.METHODS}
    on_chart = d.H_GRID[0] <= result.h <= d.H_GRID[-1]
    current = (result.h, {m: (abs(result.error(m)), getattr(result, m)) for m in d.METHODS}) if on_chart else None
    labels = {"h": t("derivative.axis_h"), "error": t("derivative.axis_error"),
              "value": t("derivative.tooltip_value"), "method": t("derivative.tooltip_method"),
              "current": t("derivative.current_h"), "floor": t("derivative.floor")}
    labels.update({m: t(f"derivative.metric_{m}") for m in d.METHODS})
    labels.update({f"best_{m}": t(f"derivative.best_{m}") for m in d.METHODS})
    floor = result.exact_error if result.exact_kind == "reference" else 0.0
    st.vega_lite_chart(spec=spec(error_chart, d.H_GRID, errors, values, current, d.BEST_H, floor, labels),
                       width="stretch")
    st.caption(t("derivative.error_caption"))
    if preset_id == "book":
        st.caption(t("derivative.error_quadratic"))
    zero = sum(int((e == 0).sum()) for e in errors.values())
    nonfinite = sum(int((~np.isfinite(e)).sum()) for e in errors.values())
    if zero:
        st.caption(t("derivative.error_zero", n=zero))
    if nonfinite:
        st.caption(t("derivative.error_nonfinite", n=nonfinite))
    if not on_chart:
        st.caption(t("derivative.h_off_chart", h=d.h_label(result.h), central=sci(abs(result.error("central"))),
                     forward=sci(abs(result.error("forward")))))


with page(PAGE):
    st.title(t("nav.derivative"))
    st.markdown(t("derivative.intro"))
    formulas(FORMULAS)
    choice, typed, x, h, lo, hi = controls()
    preset = d.PRESETS.get(choice)

    fn, parse_error = d.current_function(choice, typed)
    if parse_error is not None:
        st.error(expression_message(parse_error), icon=":material/error:")
        st.caption(t("derivative.expr_kept", text=fn.text))
    lo, hi, range_bad, widened = d.plot_range(x, lo, hi, preset)
    if range_bad:
        st.warning(t("derivative.range_bad", lo=f"{lo:g}", hi=f"{hi:g}"))
    elif widened:
        st.info(t("derivative.range_widened", x=f"{x:g}"))

    if preset:
        st.latex(rf"f(x) = {preset.latex} \qquad f'(x) = {preset.dlatex}")
    elif parse_error is None:
        st.markdown(t("derivative.formula_typed", text=fn.text))
    result = d.analyse(fn, x, h, preset)
    numbers(result, preset)
    warnings(result, preset)

    left, right = st.columns(2, gap="large")
    with left:
        tangent(fn, result, preset, lo, hi)
    with right:
        error_against_h(fn, result, choice)
    # a typed formula is read by the parser and checked against Richardson's reference
    typed_code = (d.reference_derivative, d.richardson_extrapolation, parse_expression) if not preset else ()
    show_code(numerical_diff, *typed_code)

    if not preset:
        st.info(t("derivative.reference_note"), icon=":material/science:")
    st.subheader(t("derivative.why_title"))
    st.markdown(t("derivative.why"))
    formulas(BEST_H_FORMULAS)
    st.markdown(t("derivative.why_after"))
