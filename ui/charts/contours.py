"""Contour lines of f on a grid: round levels, marching squares, and the pieces joined into
polylines simplified to what a screen can show (the gradient page's map)."""
import math
from collections import defaultdict

import numpy as np
import pandas as pd


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


def polylines(pieces):
    """Join marching-squares pieces (k, 4) into polylines: a list of (m, 2) arrays.

    Neighbouring cells compute the crossing on their shared edge from the same two grid
    values, so the ends of consecutive pieces are equal to the last bit and are joined by
    value.  A closed contour comes back to its first point.
    """
    pieces = pieces[np.any(pieces[:, :2] != pieces[:, 2:], axis=1)]  # a node exactly on the level: a dot
    ends = defaultdict(list)
    for i, (x, y, x2, y2) in enumerate(pieces):
        ends[(x, y)].append(i)
        ends[(x2, y2)].append(i)
    used = np.zeros(len(pieces), bool)
    lines = []
    for first in range(len(pieces)):
        if used[first]:
            continue
        used[first] = True
        chain = [tuple(pieces[first, :2]), tuple(pieces[first, 2:])]
        for _ in range(2):  # grow from the last point, then (reversed) from the first
            while True:
                nxt = next((i for i in ends[chain[-1]] if not used[i]), None)
                if nxt is None:
                    break
                used[nxt] = True
                a, b = tuple(pieces[nxt, :2]), tuple(pieces[nxt, 2:])
                chain.append(b if a == chain[-1] else a)
            chain.reverse()
        lines.append(np.array(chain))
    return lines


def simplify(points, tolerance):
    """Indices of the points (m, 2) that keep a polyline within ``tolerance`` of itself
    (Ramer-Douglas-Peucker); the first and last are always kept."""
    keep = np.zeros(len(points), bool)
    keep[[0, -1]] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        if b - a < 2:
            continue
        chord = points[b] - points[a]
        rest = points[a + 1:b] - points[a]
        length = math.hypot(*chord)
        if length > 0:
            distance = np.abs(chord[0] * rest[:, 1] - chord[1] * rest[:, 0]) / length
        else:  # a closed loop: distance from the shared end
            distance = np.hypot(rest[:, 0], rest[:, 1])
        far = int(np.argmax(distance))
        if distance[far] > tolerance:
            keep[a + 1 + far] = True
            stack += [(a, a + 1 + far), (a + 1 + far, b)]
    return np.flatnonzero(keep)


def contour_frame(xs, values, levels, tolerance):
    """The contour lines f = level for each level, joined and simplified, as straight pieces
    between the kept points: columns x, y, x2, y2 (float32) and level, or None.

    (Pieces, not one line mark per polyline: Vega would build a sub-dataflow for each of a
    few hundred polylines, which cost the browser more than drawing the pieces.)"""
    parts = []
    for level in levels:
        for points in polylines(marching_squares(xs, xs, values, level)):
            kept = points[simplify(points, tolerance)]
            parts.append(np.column_stack([kept[:-1], kept[1:], np.full(len(kept) - 1, level)]))
    if not parts:
        return None
    table = np.vstack(parts)
    frame = pd.DataFrame(table[:, :4], columns=["x", "y", "x2", "y2"], dtype=np.float32)
    frame["level"] = table[:, 4].astype(np.float32)
    return frame
