"""Charts of the numerical-derivative page: the tangent at x, and the error against h."""
import math

import altair as alt
import numpy as np
import pandas as pd

CURVE_COLOR = "#4c78a8"
METHOD_COLORS = {"central": "#e45756", "forward": "#f58518", "exact": "#54a24b"}
# 1e-4 for small ticks, 1, 10, 100 for large ones
BEST_SYMBOL = {"forward": "√ε", "central": "∛ε"}
POWER_LABEL = "datum.value >= 1 ? format(datum.value, '~g') : replace(format(datum.value, '.0e'), 'e-0', 'e-')"


def robust_domain(values, extra=()):
    """A y range for the finite values that is not flattened by a few huge ones (near a pole)."""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return [-1.0, 1.0]
    low, high = float(values.min()), float(values.max())
    q_low, q_high = (float(q) for q in np.quantile(values, [0.02, 0.98]))
    if high - low > 20 * (q_high - q_low) > 0:
        low, high = q_low, q_high
    for value in extra:
        if math.isfinite(value):
            low, high = min(low, value), max(high, value)
    pad = 0.06 * (high - low) if high > low else max(1.0, abs(high)) * 0.1
    return [low - pad, high + pad]


def tangent_chart(xs, ys, x0, y0, slopes, labels, x_domain):
    """f on the plotted range, the tangent lines through (x0, y0), the point and guides to the axes.

    xs, ys : curve points, finite only; a new ``segment`` starts after each gap.
    slopes : {"central" | "forward" | "exact": (legend label, slope)}, finite slopes only.
    labels : {"x", "y", "curve", "slope", "point"} translated titles.
    """
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    segment = np.concatenate([[0], np.cumsum(np.diff(xs) > 1.5 * np.median(np.diff(xs)))]) if xs.size > 1 else 0
    curve = pd.DataFrame({"x": xs, "y": ys, "segment": segment, "series": labels["curve"]})
    y_domain = robust_domain(ys, extra=(y0,))
    x_scale = alt.Scale(domain=list(x_domain), nice=False, zero=False)
    y_scale = alt.Scale(domain=y_domain, nice=False, zero=False)
    series = [labels["curve"]] + [label for label, _ in slopes.values()]
    colors = [CURVE_COLOR] + [METHOD_COLORS[key] for key in slopes]
    dashes = [[1, 0]] + [[6, 4] if key == "exact" else [1, 0] for key in slopes]
    # one entry per line: side by side, two long labels are wider than a half-page or phone chart
    color = alt.Color("series:N", title=None, scale=alt.Scale(domain=series, range=colors),
                      legend=alt.Legend(orient="bottom", columns=1, labelLimit=0))
    stroke_dash = alt.StrokeDash("series:N", scale=alt.Scale(domain=series, range=dashes), legend=None)
    x_enc = alt.X("x:Q", title=labels["x"], scale=x_scale)
    y_enc = alt.Y("y:Q", title=labels["y"], scale=y_scale)

    layers = [alt.Chart(curve).mark_line(clip=True, strokeWidth=2.5).encode(
        x_enc, y_enc, color, stroke_dash, detail="segment:N",
        tooltip=[alt.Tooltip("x:Q", title=labels["x"], format=".6g"),
                 alt.Tooltip("y:Q", title=labels["y"], format=".6g")])]
    if slopes:
        ends = np.array(x_domain, dtype=float)
        tangent = pd.DataFrame([{"x": float(end), "y": y0 + slope * (float(end) - x0), "series": label,
                                 "slope": slope} for label, slope in slopes.values() for end in ends])
        layers.append(alt.Chart(tangent).mark_line(clip=True, strokeWidth=1.8).encode(
            x_enc, y_enc, color, stroke_dash,
            tooltip=[alt.Tooltip("series:N", title=labels["line"]),
                     alt.Tooltip("slope:Q", title=labels["slope"], format=".10g")]))
    guides = pd.DataFrame({"x": [x0, x_domain[0]], "x2": [x0, x0], "y": [y_domain[0], y0], "y2": [y0, y0]})
    layers.append(alt.Chart(guides).mark_rule(strokeDash=[4, 4], color="#777777", clip=True).encode(
        x_enc, alt.X2("x2:Q"), y_enc, alt.Y2("y2:Q")))
    point = pd.DataFrame({"x": [x0], "y": [y0]})
    layers.append(alt.Chart(point).mark_point(filled=True, size=90, color="black", opacity=1).encode(
        x_enc, y_enc,
        tooltip=[alt.Tooltip("x:Q", title=labels["x"], format=".10g"),
                 alt.Tooltip("y:Q", title=labels["point"], format=".10g")]))
    return alt.layer(*layers).properties(height=380)


def _decade_ticks(low, high, most=9):
    """Powers of ten covering [low, high], thinned to at most ``most`` ticks."""
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    stride = max(1, math.ceil((last - first + 1) / most))
    return [10.0 ** k for k in range(last, first - 1, -stride)][::-1]


def error_chart(hs, errors, values, current, best_h, floor, labels):
    """Absolute error of each method against h, log-log.

    hs : (n,) steps; errors, values : {method: (n,)} finite, > 0 errors only where drawn.
    current : (h, {method: error}) of the chosen step, or None when it is off the chart.
    best_h : {method: h*}; floor : the reference's own error estimate (0 or nan: not drawn).
    labels : translated titles ("h", "error", "value", "method", method names, "current", best-h names, "floor").
    """
    rows = []
    for method in errors:
        keep = np.isfinite(errors[method]) & (errors[method] > 0)
        rows.append(pd.DataFrame({"h": np.asarray(hs)[keep], "error": errors[method][keep],
                                  "value": values[method][keep], "method": labels[method]}))
    data = pd.concat(rows, ignore_index=True)
    all_errors = data["error"].to_numpy()
    y_low = float(all_errors.min()) if all_errors.size else 1e-16
    y_high = float(all_errors.max()) if all_errors.size else 1.0
    if floor and math.isfinite(floor) and floor > 0:
        y_low = min(y_low, floor)
    names = [labels[m] for m in errors]
    color = alt.Color("method:N", title=None, scale=alt.Scale(domain=names, range=[METHOD_COLORS[m] for m in errors]),
                      legend=alt.Legend(orient="bottom"))
    x_enc = alt.X("h:Q", title=labels["h"], scale=alt.Scale(type="log", domain=[float(hs[0]), float(hs[-1])]),
                  axis=alt.Axis(values=_decade_ticks(hs[0], hs[-1]), labelExpr=POWER_LABEL, labelFlush=False))
    y_ticks = _decade_ticks(max(y_low, 1e-300), max(y_high, y_low * 10))
    y_enc = alt.Y("error:Q", title=labels["error"], scale=alt.Scale(type="log", domain=[y_ticks[0], y_ticks[-1]]),
                  axis=alt.Axis(values=y_ticks, labelExpr=POWER_LABEL))
    tooltip = [alt.Tooltip("method:N", title=labels["method"]),
               alt.Tooltip("h:Q", title=labels["h"], format=".2e"),
               alt.Tooltip("value:Q", title=labels["value"], format=".16g"),
               alt.Tooltip("error:Q", title=labels["error"], format=".3e")]
    base = alt.Chart(data).encode(x_enc, y_enc, color, tooltip=tooltip)
    layers = [base.mark_line(strokeWidth=2), base.mark_point(size=18, filled=True)]

    best = pd.DataFrame({"h": [best_h[m] for m in errors], "method": names,
                         "label": [labels[f"best_{m}"] for m in errors]})
    best_tooltip = [alt.Tooltip("label:N", title=labels["method"]), alt.Tooltip("h:Q", title=labels["h"], format=".2e")]
    layers.append(alt.Chart(best).mark_rule(strokeDash=[5, 4], strokeWidth=1.5).encode(
        alt.X("h:Q", scale=alt.Scale(type="log")), color, tooltip=best_tooltip))
    symbols = best.assign(symbol=[BEST_SYMBOL[m] for m in errors])
    layers.append(alt.Chart(symbols).mark_text(baseline="bottom", dy=-2, fontSize=12).encode(
        alt.X("h:Q", scale=alt.Scale(type="log")), alt.YValue(0), color, text="symbol:N", tooltip=best_tooltip))
    if floor and math.isfinite(floor) and floor > 0:
        layers.append(alt.Chart(pd.DataFrame({"error": [floor], "label": [labels["floor"]]}))
                      .mark_rule(strokeDash=[2, 3], color="#555555").encode(
                          alt.Y("error:Q", scale=alt.Scale(type="log")),
                          tooltip=[alt.Tooltip("label:N", title=labels["method"]),
                                   alt.Tooltip("error:Q", title=labels["error"], format=".2e")]))
    if current is not None:
        h, current_errors = current
        marks = pd.DataFrame([{"h": h, "error": err, "method": labels[m], "value": values_at}
                              for m, (err, values_at) in current_errors.items() if math.isfinite(err) and err > 0])
        layers.append(alt.Chart(pd.DataFrame({"h": [h], "label": [labels["current"]]}))
                      .mark_rule(color="black", strokeWidth=1.5).encode(
                          alt.X("h:Q", scale=alt.Scale(type="log")),
                          tooltip=[alt.Tooltip("label:N", title=labels["method"]),
                                   alt.Tooltip("h:Q", title=labels["h"], format=".0e")]))
        if not marks.empty:
            layers.append(alt.Chart(marks).mark_point(size=140, filled=True, stroke="black", strokeWidth=1.5)
                          .encode(x_enc, y_enc, color, tooltip=tooltip))
    return alt.layer(*layers).properties(height=380)
