"""The gradient page's map: f as colour bands with contour lines, the -∇f arrows and the descent path.

The map is square and both axes span the same range, so an arrow's angle on screen is its
angle in the plane and the arrows meet the contour lines at right angles, as they should.
"""
import math

import altair as alt
import numpy as np
import pandas as pd

SIZE = 420  # px, width and height of the plotting area
ARROWS = 15  # arrows per axis (odd, so one sits on the centre)
MAX_PATH_POINTS = 300  # markers drawn along the path; its line keeps every step
# light yellow (low f) to blue (high f): dark arrows and the red path stay visible on all bands
PALETTE = ("#ffffe0", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8")
PATH_COLOUR = "#d62728"
POINT_COLOUR = "#7b1fa2"
ARROW_COLOUR = "#263238"


def nice_step(raw):
    """The smallest of 1, 2, 2.5, 5 × 10^k that is >= raw (> 0)."""
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if factor * power >= raw * (1 - 1e-12):
            return factor * power
    return 10.0 * power


def contour_levels(values, max_levels=14):
    """Values of f at which to draw contour lines, sorted ascending.

    Evenly spaced round numbers, so lines crowd where f is steep; geometrically spaced
    from the lowest (or highest) value when f is very lopsided in view (Rosenbrock), so
    the flat valley still gets lines.
    """
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return np.array([])
    low, middle, high = np.quantile(finite, [0.01, 0.5, 0.99])
    with np.errstate(over="ignore"):
        span = high - low
    if not (span > 0 and np.isfinite(span)):
        return np.array([])
    lopsided = (middle - low) / span
    if 0.15 <= lopsided <= 0.85:
        step = nice_step(span / max_levels)
        levels = np.arange(np.ceil(low / step), np.floor(high / step) + 1) * step
        return levels[(levels > finite.min()) & (levels < finite.max())]
    top = math.floor(math.log10(span))
    offsets = np.array([m * 10.0 ** k for k in range(top - 4, top + 1) for m in (1.0, 2.0, 5.0)])
    offsets = offsets[(offsets >= span * 2e-4) & (offsets <= span)][-max_levels:]
    unit = offsets[0]
    with np.errstate(over="ignore", invalid="ignore"):
        # from the lowest value up (or the highest down), the base rounded so the labels read well
        if lopsided < 0.15:
            base = np.floor(finite.min() / unit) * unit
            levels = (base if np.isfinite(base) else finite.min()) + offsets
        else:
            base = np.ceil(finite.max() / unit) * unit
            levels = (base if np.isfinite(base) else finite.max()) - offsets[::-1]
    return np.unique(levels[np.isfinite(levels)])


def level_label(value):
    """A contour level for the legend: 3 significant digits, short exponents (2e3, 1.5e-5)."""
    text = f"{value:.3g}"
    mantissa, _, exponent = text.partition("e")
    return f"{mantissa}e{int(exponent)}" if exponent else text


def band_colours(count):
    """``count`` colours from low to high, interpolated along PALETTE."""
    anchors = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in PALETTE], dtype=float)
    where = np.linspace(0, len(PALETTE) - 1, max(count, 1))
    rgb = np.stack([np.interp(where, np.arange(len(PALETTE)), anchors[:, k]) for k in range(3)], axis=1)
    return ["#%02x%02x%02x" % tuple(int(round(v)) for v in row) for row in rgb]


def marching_squares(xs, ys, values, level):
    """Contour line f = level through a grid, as straight pieces: array (k, 4) of x, y, x2, y2.

    values[j, i] is f at (xs[i], ys[j]).  Each grid cell whose corners lie on both sides of
    the level gets one piece (two at a saddle-shaped cell); cells with a non-finite corner
    get none.
    """
    v00, v10 = values[:-1, :-1], values[:-1, 1:]  # bottom-left, bottom-right
    v01, v11 = values[1:, :-1], values[1:, 1:]  # top-left, top-right
    gx, gy = np.meshgrid(xs, ys)
    x_left, x_right, y_bottom, y_top = gx[:-1, :-1], gx[:-1, 1:], gy[:-1, :-1], gy[1:, :-1]
    ok = np.isfinite(v00) & np.isfinite(v10) & np.isfinite(v01) & np.isfinite(v11)
    above = [v >= level for v in (v00, v10, v11, v01)]
    # edges in order bottom, right, top, left: (value at start, at end, start x, y, end x, y)
    edges = ((v00, v10, x_left, y_bottom, x_right, y_bottom), (v10, v11, x_right, y_bottom, x_right, y_top),
             (v01, v11, x_left, y_top, x_right, y_top), (v00, v01, x_left, y_bottom, x_left, y_top))
    corner = {0: (0, 1), 1: (1, 2), 2: (3, 2), 3: (0, 3)}  # the corners each edge joins
    crossed, px, py = [], [], []
    with np.errstate(invalid="ignore", divide="ignore"):
        for k, (va, vb, xa, ya, xb, yb) in enumerate(edges):
            a, b = corner[k]
            crossed.append(ok & (above[a] != above[b]))
            s = np.where(crossed[-1], (level - va) / (vb - va), 0.0)  # linear interpolation
            px.append(xa + s * (xb - xa))
            py.append(ya + s * (yb - ya))
    crossed, px, py = np.array(crossed), np.array(px), np.array(py)
    count = crossed.sum(axis=0)

    def pieces(j, i, a, b):  # the line from the crossing on edge a to the one on edge b, cell (j, i)
        return np.column_stack([px[a, j, i], py[a, j, i], px[b, j, i], py[b, j, i]])

    j, i = np.nonzero(count == 2)
    found = [pieces(j, i, np.argmax(crossed, axis=0)[j, i], 3 - np.argmax(crossed[::-1], axis=0)[j, i])]
    j, i = np.nonzero(count == 4)
    # saddle cell: the centre decides which pair of opposite corners is connected
    centre_above = (v00 + v10 + v01 + v11)[j, i] / 4 >= level
    joined = above[0][j, i] == centre_above
    for (a, b), (a_else, b_else) in (((0, 1), (0, 3)), ((2, 3), (1, 2))):
        found.append(pieces(j, i, np.where(joined, a, a_else), np.where(joined, b, b_else)))
    return np.vstack(found)


def clip_segments(start, end, low, high):
    """Cut segments start -> end (arrays (k, 2)) to the square [low, high]^2 (Liang-Barsky).

    Returns (start, end, keep): the clipped ends and which segments touch the square at all.
    """
    start, end = np.asarray(start, float), np.asarray(end, float)
    d = end - start
    t0, t1 = np.zeros(len(start)), np.ones(len(start))
    keep = np.ones(len(start), bool)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for p, q in ((-d[:, 0], start[:, 0] - low), (d[:, 0], high - start[:, 0]),
                     (-d[:, 1], start[:, 1] - low), (d[:, 1], high - start[:, 1])):
            keep &= ~((p == 0) & (q < 0))
            r = q / p
            t0 = np.where(p < 0, np.maximum(t0, r), t0)
            t1 = np.where(p > 0, np.minimum(t1, r), t1)
    keep &= t0 <= t1
    return start + t0[:, None] * d, start + t1[:, None] * d, keep


def arrow_frame(points, grad, radius, same_length):
    """Arrows of -∇f centred on ``points`` (2, n): tails, heads, head angle and size."""
    g0, g1 = grad
    norm = np.hypot(g0, g1)
    ok = np.isfinite(norm) & (norm > 0)
    if not ok.any():
        return pd.DataFrame(columns=["x", "y", "x2", "y2", "angle", "size", "norm"])
    longest = 0.8 * 2 * radius / ARROWS
    length = np.full(norm.shape, longest) if same_length else longest * norm / norm[ok].max()
    ok &= length > 0.05 * longest  # shorter ones would be specks
    with np.errstate(invalid="ignore", divide="ignore"):
        u0, u1 = -g0 / norm, -g1 / norm  # downhill
    x, y = points[0][ok], points[1][ok]
    half = length[ok] / 2
    u0, u1 = u0[ok], u1[ok]
    head_px = np.clip(0.45 * length[ok] * SIZE / (2 * radius), 3.0, 7.5)
    return pd.DataFrame({
        "x": x - half * u0, "y": y - half * u1, "x2": x + half * u0, "y2": y + half * u1,
        "angle": np.degrees(np.arctan2(u0, u1)),  # clockwise from up, as Vega rotates shapes
        "size": head_px ** 2, "norm": norm[ok],
    })


def _finite_or_none(values):
    return [float(v) if np.isfinite(v) else None for v in values]


def path_frames(path, f_values, radius):
    """The descent path cut to the view: (segments, markers) frames."""
    start, end, keep = clip_segments(path[:-1], path[1:], -radius, radius)
    inside_mask = np.all(np.abs(path) <= radius, axis=1)
    jump = ~inside_mask[:-1] & ~inside_mask[1:]  # both ends outside: the step leaps across the view
    segments = pd.DataFrame({"x": start[keep, 0], "y": start[keep, 1], "x2": end[keep, 0], "y2": end[keep, 1],
                             "step": np.arange(1, len(path))[keep],
                             "kind": np.where(jump[keep], "jump", "step")})
    inside = np.flatnonzero(inside_mask)
    if len(inside) > MAX_PATH_POINTS:
        inside = inside[np.unique(np.linspace(0, len(inside) - 1, MAX_PATH_POINTS).round().astype(int))]
    markers = pd.DataFrame({"step": inside, "x0": path[inside, 0], "x1": path[inside, 1],
                            "f": _finite_or_none(f_values[inside])})
    return segments, markers


def _axes(radius):
    scale = alt.Scale(domain=[-radius, radius], nice=False, zero=False)
    return (lambda field, **kw: alt.X(field, type="quantitative", scale=scale, title="x0", **kw),
            lambda field, **kw: alt.Y(field, type="quantitative", scale=scale, title="x1", **kw))


def gradient_map(xs, f_grid, arrow_points, arrow_grad, radius, same_length, path=None, path_f=None,
                 point=None, point_grad=None, labels=None):
    """The layered map.

    xs : (n,) node coordinates, the same on both axes; f_grid : (n, n), f_grid[j, i] = f(xs[i], xs[j]).
    arrow_points, arrow_grad : (2, m) where the arrows sit and ∇f there.
    path : (k + 1, 2) descent points, path_f : (k + 1,) f along it (or None: no path).
    point, point_grad : the chosen point and ∇f there (or None).
    labels : {"step", "level", "grad_norm"} translated tooltip titles.
    """
    labels = labels or {"step": "step", "level": "f", "grad_norm": "|∇f|"}
    axes = _axes(radius)
    layers = _heat_layers(xs, f_grid, labels, *axes)
    layers += _arrow_layers(arrow_points, arrow_grad, radius, same_length, labels, *axes)
    if point is not None and np.all(np.abs(point) <= radius):
        layers += _point_layers(point, point_grad, radius, *axes)
    if path is not None:
        layers += _path_layers(path, path_f, radius, labels, *axes)
    if not layers:  # nothing finite to draw: still show the empty square view
        layers.append(alt.Chart(pd.DataFrame({"x": [0.0], "y": [0.0]})).mark_point(opacity=0)
                      .encode(axes[0]("x"), y=axes[1]("y")))
    # "pad": the plotting area stays SIZE x SIZE (Streamlit would otherwise fit axes and legend inside it)
    return (alt.layer(*layers).properties(width=SIZE, height=SIZE, autosize=alt.AutoSizeParams(type="pad"))
            # the legend's length set here: set on the threshold legend itself it was ignored
            .configure_legend(gradientLength=SIZE - 60, labelOverlap="greedy"))


def _heat_layers(xs, f_grid, labels, x_enc, y_enc):
    """Colour bands of f (blank where f is not finite) and the contour lines between them."""
    values = np.where(np.isfinite(f_grid), f_grid, np.nan)
    finite = np.isfinite(values)
    if not finite.any():
        return []
    levels = contour_levels(values)
    half = 0.51 * (xs[1] - xs[0])  # cells overlap a little: no hairline seams between them
    gx, gy = np.meshgrid(xs, xs)
    cells = pd.DataFrame({"x": gx[finite] - half, "x2": gx[finite] + half, "y": gy[finite] - half,
                          "y2": gy[finite] + half, "x0": gx[finite], "x1": gy[finite], "f": values[finite],
                          "band": np.searchsorted(levels, values[finite], side="right")})
    colour = alt.value(PALETTE[1])
    if len(levels):
        # colour by band number, so every band gets the same width in the legend; labels are the levels
        names = "[" + ", ".join(f"'{level_label(v)}'" for v in levels) + "]"
        colour = alt.Color("band:Q", title="f(x0, x1)",
                           scale=alt.Scale(type="threshold", domain=[k + 0.5 for k in range(len(levels))],
                                           range=band_colours(len(levels) + 1)),
                           legend=alt.Legend(orient="bottom", direction="horizontal",
                                             labelExpr=f"{names}[round(datum.value - 0.5)]"))
    layers = [alt.Chart(cells).mark_rect(clip=True).encode(
        x_enc("x"), x2="x2", y=y_enc("y"), y2="y2", color=colour,
        tooltip=[alt.Tooltip("x0:Q", format=".4~g"), alt.Tooltip("x1:Q", format=".4~g"),
                 alt.Tooltip("f:Q", title="f", format=".6~g")])]
    pieces = [np.column_stack([segs, np.full(len(segs), level)])
              for level in levels for segs in [marching_squares(xs, xs, values, level)]]
    if pieces and sum(len(p) for p in pieces):
        lines = pd.DataFrame(np.vstack(pieces), columns=["x", "y", "x2", "y2", "level"])
        layers.append(alt.Chart(lines).mark_rule(clip=True, color="#37474f", opacity=0.55, strokeWidth=0.9)
                      .encode(x_enc("x"), y=y_enc("y"), x2="x2", y2="y2",
                              tooltip=[alt.Tooltip("level:Q", title=labels["level"], format=".4~g")]))
    return layers


def _arrow_layers(points, grad, radius, same_length, labels, x_enc, y_enc):
    arrows = arrow_frame(points, grad, radius, same_length)
    if not len(arrows):
        return []
    tip = [alt.Tooltip("norm:Q", title=labels["grad_norm"], format=".4~g")]
    return [alt.Chart(arrows).mark_rule(clip=True, color=ARROW_COLOUR, strokeWidth=1.3)
            .encode(x_enc("x"), y=y_enc("y"), x2="x2", y2="y2", tooltip=tip),
            alt.Chart(arrows).mark_point(shape="triangle-up", filled=True, clip=True, color=ARROW_COLOUR, opacity=1)
            .encode(x_enc("x2"), y=y_enc("y2"), angle=alt.Angle("angle:Q", scale=None),
                    size=alt.Size("size:Q", scale=None, legend=None), tooltip=tip)]


def _path_layers(path, path_f, radius, labels, x_enc, y_enc):
    """The path's steps (dashed where a step jumps across the view), its points, start ○ and end ◆."""
    segments, markers = path_frames(path, path_f, radius)
    step_tip = alt.Tooltip("step:Q", title=labels["step"])
    layers = []
    if len(segments):
        kinds = alt.Scale(domain=["step", "jump"], range=[[1, 0], [6, 4]])
        layers.append(alt.Chart(segments).mark_rule(clip=True, color=PATH_COLOUR, strokeWidth=2)
                      .encode(x_enc("x"), y=y_enc("y"), x2="x2", y2="y2", tooltip=[step_tip],
                              strokeDash=alt.StrokeDash("kind:N", scale=kinds, legend=None)))
    if not len(markers):
        return layers
    tips = [step_tip, alt.Tooltip("x0:Q", format=".6~g"), alt.Tooltip("x1:Q", format=".6~g"),
            alt.Tooltip("f:Q", format=".6~g")]
    layers.append(alt.Chart(markers).mark_circle(clip=True, color=PATH_COLOUR, size=22, opacity=1)
                  .encode(x_enc("x0"), y=y_enc("x1"), tooltip=tips))
    ends = markers[markers["step"].isin([0, len(path) - 1])].assign(
        end=lambda d: np.where(d["step"] == 0, "start", "end"))
    if len(ends):
        ends_scale = {"shape": ["circle", "diamond"], "fill": ["white", PATH_COLOUR]}
        layers.append(alt.Chart(ends).mark_point(clip=True, filled=True, size=130, strokeWidth=2,
                                                 stroke=PATH_COLOUR, opacity=1)
                      .encode(x_enc("x0"), y=y_enc("x1"), tooltip=tips,
                              shape=alt.Shape("end:N", legend=None,
                                              scale=alt.Scale(domain=["start", "end"], range=ends_scale["shape"])),
                              fill=alt.Fill("end:N", legend=None,
                                            scale=alt.Scale(domain=["start", "end"], range=ends_scale["fill"]))))
    return layers


def _point_layers(point, point_grad, radius, x_enc, y_enc):
    frame = pd.DataFrame({"x0": [float(point[0])], "x1": [float(point[1])]})
    layers = [alt.Chart(frame).mark_point(shape="square", filled=True, size=110, color=POINT_COLOUR, opacity=1,
                                          clip=True).encode(x_enc("x0"), y=y_enc("x1"))]
    g = np.asarray(point_grad, float)
    norm = float(np.hypot(*g)) if np.all(np.isfinite(g)) else 0.0
    if norm > 0:
        u = -g / norm
        length = 0.16 * 2 * radius
        head = np.asarray(point, float) + length * u
        arrow = pd.DataFrame({"x": [float(point[0])], "y": [float(point[1])], "x2": [head[0]], "y2": [head[1]],
                              "angle": [math.degrees(math.atan2(u[0], u[1]))]})
        layers.append(alt.Chart(arrow).mark_rule(clip=True, color=POINT_COLOUR, strokeWidth=3)
                      .encode(x_enc("x"), y=y_enc("y"), x2="x2", y2="y2"))
        layers.append(alt.Chart(arrow).mark_point(shape="triangle-up", filled=True, clip=True,
                                                  color=POINT_COLOUR, size=110, opacity=1)
                      .encode(x_enc("x2"), y=y_enc("y2"), angle=alt.Angle("angle:Q", scale=None)))
    return layers
