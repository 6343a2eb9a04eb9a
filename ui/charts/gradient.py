"""The gradient page's map: f as colour bands with contour lines, the -∇f arrows and the descent path.

The map is square and both axes span the same range, so an arrow's angle on screen is its
angle in the plane and the arrows meet the contour lines at right angles, as they should.
It fills its column up to MAP_WIDTH and stays square (its height follows its width), so
it fits a phone's screen too.

What the browser receives is kept small, as a class shares one Wi-Fi and old laptops draw
it: the colour bands are one PNG (ui.charts.raster) instead of a rectangle per grid cell;
the hover read-out of f uses one grid node in nine; contour lines and the path are
simplified to half a pixel; coordinates travel as float32 (a pixel is 1/420 of the view).
"""
import math

import altair as alt
import numpy as np
import pandas as pd

from ui.charts import named
from ui.charts.contours import contour_frame, contour_levels, level_label, simplify
from ui.charts.raster import png_data_url

SIZE = 420  # px, the plotting area's side at full width (arrow heads and tolerances are set for it)
MAP_WIDTH = 480  # px, the whole chart at most (axes included); narrower columns get a smaller square
ARROWS = 15  # arrows per axis (odd, so one sits on the centre)
MAX_PATH_POINTS = 300  # markers drawn along the path (its line is simplified, not thinned)
PIXELS_PER_CELL = 4  # the bands' image: the colour between grid nodes follows f linearly, like the lines
# the hover read-out of f: every third grid node from the second (24 x 24 of the 71 x 71 nodes);
# each is an invisible tile the browser builds and draws, about 0.2 ms of CPU apiece
TIP_FIRST, TIP_EVERY = 1, 3
TOLERANCE_PX = 0.5  # contour lines and the path stay within half a pixel of the exact ones
# light yellow (low f) to blue (high f): dark arrows and the red path stay visible on all bands
PALETTE = ("#ffffe0", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8")
PATH_COLOUR = "#d62728"
POINT_COLOUR = "#7b1fa2"
ARROW_COLOUR = "#263238"


def band_colours(count):
    """``count`` colours from low to high, interpolated along PALETTE."""
    anchors = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in PALETTE], dtype=float)
    where = np.linspace(0, len(PALETTE) - 1, max(count, 1))
    rgb = np.stack([np.interp(where, np.arange(len(PALETTE)), anchors[:, k]) for k in range(3)], axis=1)
    return ["#%02x%02x%02x" % tuple(int(round(v)) for v in row) for row in rgb]


def bands_image(xs, values, levels):
    """The colour bands of f as a PNG data URL.

    xs : (n,) node coordinates on both axes; values : (n, n) f at the nodes, nan where not
    finite; levels : the contour levels.  Between the nodes f is interpolated bilinearly,
    so the bands' edges meet the contour lines; where a corner is not finite the nearest
    node decides, and a pixel whose node is not finite stays transparent.
    """
    n = len(xs)
    q = (np.arange(PIXELS_PER_CELL * (n - 1)) + 0.5) / PIXELS_PER_CELL  # pixel centres, in grid steps
    i0 = np.minimum(q.astype(int), n - 2)
    w = q - i0
    near = np.rint(q).astype(int)
    with np.errstate(invalid="ignore", over="ignore"):
        rows = (1 - w)[:, None] * values[i0] + w[:, None] * values[i0 + 1]  # along x1
        f = (1 - w)[None, :] * rows[:, i0] + w[None, :] * rows[:, i0 + 1]  # along x0
    f = np.where(np.isfinite(f), f, values[np.ix_(near, near)])
    band = np.searchsorted(levels, f, side="right") if len(levels) else np.zeros(f.shape, int)
    band = np.where(np.isfinite(f), band, -1)
    colours = band_colours(len(levels) + 1) if len(levels) else [PALETTE[1]]
    return png_data_url(band[::-1], colours)  # the image's first row is the top of the view


def tip_nodes(n):
    """Indices (along each axis) of the nodes the hover read-out shows, out of n."""
    return np.arange(TIP_FIRST, n, TIP_EVERY)


def tip_frame(values, levels):
    """f at the read-out's nodes (tip_nodes on both axes): columns k (the node's number among
    them, row by row from the lowest x1), f and band (for the legend); non-finite ones left out."""
    nodes = tip_nodes(len(values))
    sub = values[np.ix_(nodes, nodes)]
    if sub.size > np.iinfo(np.uint16).max:
        raise ValueError("too many nodes for the read-out")
    k = np.flatnonzero(np.isfinite(sub))
    f = sub.ravel()[k]
    band = np.searchsorted(levels, f, side="right") if len(levels) else np.zeros(len(f), int)
    return pd.DataFrame({"k": k.astype(np.uint16), "f": f, "band": band.astype(np.uint8)})


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
    """Arrows of -∇f centred on ``points`` (2, n): tails, heads, head angle and head size (px at
    full width) as float32, and |∇f| (float64: it may exceed float32's range)."""
    g0, g1 = grad
    norm = np.hypot(g0, g1)
    ok = np.isfinite(norm) & (norm > 0)
    columns = ["x", "y", "x2", "y2", "angle", "head", "norm"]
    if not ok.any():
        return pd.DataFrame(columns=columns)
    longest = 0.8 * 2 * radius / ARROWS
    length = np.full(norm.shape, longest) if same_length else longest * norm / norm[ok].max()
    ok &= length > 0.05 * longest  # shorter ones would be specks
    with np.errstate(invalid="ignore", divide="ignore"):
        u0, u1 = -g0 / norm, -g1 / norm  # downhill
    x, y = points[0][ok], points[1][ok]
    half = length[ok] / 2
    u0, u1 = u0[ok], u1[ok]
    values = (x - half * u0, y - half * u1, x + half * u0, y + half * u1,
              np.degrees(np.arctan2(u0, u1)),  # clockwise from up, as Vega rotates shapes
              np.clip(0.45 * length[ok] * SIZE / (2 * radius), 3.0, 7.5))
    frame = pd.DataFrame({name: np.asarray(v, np.float32) for name, v in zip(columns[:-1], values)})
    frame["norm"] = norm[ok]
    return frame


def _finite_or_none(values):
    return [float(v) if np.isfinite(v) else None for v in values]


def _simplified_steps(start, end, step, jump, tolerance):
    """Segments of a path drawn within ``tolerance`` of every step: runs of joined steps are
    simplified (a crawl of many tiny steps becomes a few segments); jumps stay as they are.
    Returns (start, end, step of each segment's end, jump)."""
    if not len(start):
        return start, end, step, jump
    # a run ends at a jump or where the next step does not start where this one ended (clipped)
    breaks = np.flatnonzero(jump[:-1] | jump[1:] | np.any(end[:-1] != start[1:], axis=1)) + 1
    out = []
    for a, b in zip(np.r_[0, breaks], np.r_[breaks, len(start)]):
        points = np.vstack([start[a:a + 1], end[a:b]])
        kept = simplify(points, tolerance) if b - a > 1 else np.array([0, 1])
        ends = a + kept[1:] - 1  # the step that ends at each kept point
        out.append((points[kept[:-1]], points[kept[1:]], step[ends], jump[ends]))
    return tuple(np.concatenate(parts) for parts in zip(*out))


def path_frames(path, f_values, radius):
    """The descent path cut to the view: (segments, markers) frames.

    segments: x, y, x2, y2, step (the step it ends with), kind ("step", or "jump" when both
    ends lie outside the view); simplified to TOLERANCE_PX.  markers: step, x0, x1, f for
    at most MAX_PATH_POINTS points inside the view.
    """
    start, end, keep = clip_segments(path[:-1], path[1:], -radius, radius)
    inside_mask = np.all(np.abs(path) <= radius, axis=1)
    jump = ~inside_mask[:-1] & ~inside_mask[1:]  # both ends outside: the step leaps across the view
    tolerance = TOLERANCE_PX * 2 * radius / SIZE
    a, b, step, jumps = _simplified_steps(start[keep], end[keep], np.arange(1, len(path))[keep], jump[keep],
                                          tolerance)
    segments = pd.DataFrame({"x": a[:, 0], "y": a[:, 1], "x2": b[:, 0], "y2": b[:, 1]}, dtype=np.float32)
    segments["step"] = step.astype(np.int32)
    segments["kind"] = pd.Categorical(np.where(jumps, "jump", "step"), categories=["step", "jump"])
    inside = np.flatnonzero(inside_mask)
    if len(inside) > MAX_PATH_POINTS:
        inside = inside[np.unique(np.linspace(0, len(inside) - 1, MAX_PATH_POINTS).round().astype(int))]
    markers = pd.DataFrame({"step": inside.astype(np.int32), "x0": path[inside, 0].astype(np.float32),
                            "x1": path[inside, 1].astype(np.float32), "f": _finite_or_none(f_values[inside])})
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
    layers = _heat_layers(xs, f_grid, radius, labels, *axes)
    layers += _arrow_layers(arrow_points, arrow_grad, radius, same_length, labels, *axes)
    # the point and the path are always there (maybe with no rows), in data sets of fixed names:
    # moving the point, the start or lr changes only the data, so the browser keeps the chart
    layers += _point_layers(point, point_grad, radius, *axes)
    if path is not None:
        layers += _path_layers(path, path_f, radius, labels, *axes)
    # "fit-x": the chart fills the width it is given (Streamlit's column, up to MAP_WIDTH), axes
    # included; the plotting area's height is its width (a parameter overriding Vega's height)
    return (alt.layer(*layers).properties(width=MAP_WIDTH, autosize=alt.AutoSizeParams(type="fit-x",
                                                                                       contains="padding"))
            .add_params(alt.param(name="height", expr="width"))
            # the legend's length set here: set on the threshold legend itself it was ignored
            .configure_legend(gradientLength=alt.ExprRef(expr="max(width - 60, 120)"), labelOverlap="greedy"))


def _heat_layers(xs, f_grid, radius, labels, x_enc, y_enc):
    """Colour bands of f (an image; blank where f is not finite), the hover read-out of f and
    the contour lines between the bands."""
    values = np.where(np.isfinite(f_grid), f_grid, np.nan)
    if not np.isfinite(values).any():
        return []
    levels = contour_levels(values)
    corner = alt.Data(values=[{"x": -float(radius), "y": float(radius)}])
    layers = [alt.Chart(corner).mark_image(url=bands_image(xs, values, levels), aspect=False, align="left",
                                           baseline="top", width=alt.ExprRef(expr="width"),
                                           height=alt.ExprRef(expr="height"))
              .encode(x_enc("x"), y=y_enc("y"))]
    colour = alt.value(PALETTE[1])
    if len(levels):
        # colour by band number, so every band gets the same width in the legend; labels are the levels
        names = "[" + ", ".join(f"'{level_label(v)}'" for v in levels) + "]"
        colour = alt.Color("band:Q", title="f(x0, x1)",
                           scale=alt.Scale(type="threshold", domain=[k + 0.5 for k in range(len(levels))],
                                           range=band_colours(len(levels) + 1)),
                           legend=alt.Legend(orient="bottom", direction="horizontal",
                                             labelExpr=f"{names}[round(datum.value - 0.5)]"))
    # invisible tiles around the read-out's nodes: hovering one shows f there (and carries the legend)
    nodes = tip_nodes(len(xs))
    count, spacing, low = len(nodes), TIP_EVERY * float(xs[1] - xs[0]), float(xs[nodes[0]])
    layers.append(alt.Chart(named(tip_frame(values, levels), "gradient-read-out")).transform_calculate(
        x0=f"{low!r} + (datum.k % {count}) * {spacing!r}", x1=f"{low!r} + floor(datum.k / {count}) * {spacing!r}")
        .transform_calculate(left=f"datum.x0 - {spacing / 2!r}", right=f"datum.x0 + {spacing / 2!r}",
                             bottom=f"datum.x1 - {spacing / 2!r}", top=f"datum.x1 + {spacing / 2!r}")
        .mark_rect(clip=True, opacity=0).encode(
            x_enc("left"), x2="right", y=y_enc("bottom"), y2="top", color=colour,
            tooltip=[alt.Tooltip("x0:Q", format=".4~g"), alt.Tooltip("x1:Q", format=".4~g"),
                     alt.Tooltip("f:Q", title="f", format=".6~g")]))
    lines = contour_frame(xs, values, levels, TOLERANCE_PX * 2 * radius / SIZE)
    if lines is not None:
        layers.append(alt.Chart(named(lines, "gradient-contours")).mark_rule(clip=True, color="#37474f",
                                                                              opacity=0.55, strokeWidth=0.9)
                      .encode(x_enc("x"), y=y_enc("y"), x2="x2", y2="y2",
                              tooltip=[alt.Tooltip("level:Q", title=labels["level"], format=".4~g")]))
    return layers


def _arrow_layers(points, grad, radius, same_length, labels, x_enc, y_enc):
    arrows = named(arrow_frame(points, grad, radius, same_length), "gradient-arrows")
    if not len(arrows):
        return []
    tip = [alt.Tooltip("norm:Q", title=labels["grad_norm"], format=".4~g")]
    return [alt.Chart(arrows).mark_rule(clip=True, color=ARROW_COLOUR, strokeWidth=1.3)
            .encode(x_enc("x"), y=y_enc("y"), x2="x2", y2="y2", tooltip=tip),
            alt.Chart(arrows).transform_calculate(size=f"pow(datum.head * width / {SIZE}, 2)")
            .mark_point(shape="triangle-up", filled=True, clip=True, color=ARROW_COLOUR, opacity=1)
            .encode(x_enc("x2"), y=y_enc("y2"), angle=alt.Angle("angle:Q", scale=None),
                    size=alt.Size("size:Q", scale=None, legend=None), tooltip=tip)]


def _path_layers(path, path_f, radius, labels, x_enc, y_enc):
    """The path's steps (dashed where a step jumps across the view), its points, start ○ and end ◆."""
    segments, markers = path_frames(path, path_f, radius)
    step_tip = alt.Tooltip("step:Q", title=labels["step"])
    kinds = alt.Scale(domain=["step", "jump"], range=[[1, 0], [6, 4]])
    tips = [step_tip, alt.Tooltip("x0:Q", format=".6~g"), alt.Tooltip("x1:Q", format=".6~g"),
            alt.Tooltip("f:Q", format=".6~g")]
    ends = markers[markers["step"].isin([0, len(path) - 1])].assign(
        end=lambda d: np.where(d["step"] == 0, "start", "end"))
    ends_scale = {"shape": ["circle", "diamond"], "fill": ["white", PATH_COLOUR]}
    return [
        alt.Chart(named(segments, "gradient-path-steps")).mark_rule(clip=True, color=PATH_COLOUR, strokeWidth=2)
        .encode(x_enc("x"), y=y_enc("y"), x2="x2", y2="y2", tooltip=[step_tip],
                strokeDash=alt.StrokeDash("kind:N", scale=kinds, legend=None)),
        alt.Chart(named(markers, "gradient-path-points")).mark_circle(clip=True, color=PATH_COLOUR, size=22,
                                                                      opacity=1)
        .encode(x_enc("x0"), y=y_enc("x1"), tooltip=tips),
        alt.Chart(named(ends, "gradient-path-ends")).mark_point(clip=True, filled=True, size=130, strokeWidth=2,
                                                                stroke=PATH_COLOUR, opacity=1)
        .encode(x_enc("x0"), y=y_enc("x1"), tooltip=tips,
                shape=alt.Shape("end:N", legend=None, scale=alt.Scale(domain=["start", "end"],
                                                                      range=ends_scale["shape"])),
                fill=alt.Fill("end:N", legend=None, scale=alt.Scale(domain=["start", "end"],
                                                                    range=ends_scale["fill"])))]


def _point_layers(point, point_grad, radius, x_enc, y_enc):
    """The chosen point (a square, if it is in view) and its -∇f arrow (if ∇f is finite and not 0)."""
    shown = point is not None and bool(np.all(np.abs(point) <= radius))
    spot = pd.DataFrame({"x0": [float(point[0])] if shown else [], "x1": [float(point[1])] if shown else []},
                        dtype=float)
    g = np.asarray(point_grad if shown and point_grad is not None else (0.0, 0.0), float)
    norm = float(np.hypot(*g)) if np.all(np.isfinite(g)) else 0.0
    arrow = pd.DataFrame({name: [] for name in ("x", "y", "x2", "y2", "angle")}, dtype=float)
    if norm > 0:
        u = -g / norm
        head = np.asarray(point, float) + 0.16 * 2 * radius * u
        arrow = pd.DataFrame({"x": [float(point[0])], "y": [float(point[1])], "x2": [head[0]], "y2": [head[1]],
                              "angle": [math.degrees(math.atan2(u[0], u[1]))]})
    arrow = named(arrow, "gradient-point-arrow")
    return [alt.Chart(named(spot, "gradient-point")).mark_point(shape="square", filled=True, size=110,
                                                               color=POINT_COLOUR, opacity=1, clip=True)
            .encode(x_enc("x0"), y=y_enc("x1")),
            alt.Chart(arrow).mark_rule(clip=True, color=POINT_COLOUR, strokeWidth=3)
            .encode(x_enc("x"), y=y_enc("y"), x2="x2", y2="y2"),
            alt.Chart(arrow).mark_point(shape="triangle-up", filled=True, clip=True, color=POINT_COLOUR, size=110,
                                        opacity=1)
            .encode(x_enc("x2"), y=y_enc("y2"), angle=alt.Angle("angle:Q", scale=None))]
