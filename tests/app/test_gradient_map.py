"""The gradient map's light pieces draw what the heavy ones drew: bands, read-out, lines, path."""
import base64
import io
import json

import numpy as np
import pytest
from PIL import Image

from ui.charts import to_spec
from ui.charts.contours import contour_frame, marching_squares, polylines, simplify
from ui.charts.gradient import (PIXELS_PER_CELL, SIZE, TIP_EVERY, TOLERANCE_PX, bands_image, gradient_map,
                                path_frames, tip_frame, tip_nodes)
from ui.charts.raster import png_data_url


def decode(url):
    """A data-URL PNG as (palette indices, RGBA pixels)."""
    image = Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1])))
    return np.asarray(image), np.asarray(image.convert("RGBA"))


def distance_to_segments(points, a, b):
    """Each point's (m, 2) distance to the nearest of the segments a -> b (k, 2)."""
    d = b - a
    length2 = np.maximum((d ** 2).sum(axis=1), 1e-300)
    s = np.clip(((points[:, None, :] - a[None]) * d[None]).sum(axis=2) / length2, 0, 1)
    nearest = a[None] + s[..., None] * d[None]
    return np.sqrt(((points[:, None, :] - nearest) ** 2).sum(axis=2)).min(axis=1)


def test_png_round_trip_with_transparency():
    indices = np.array([[0, 1, -1], [1, 0, 2]])
    colours = ["#ff0000", "#00ff00", "#0000ff"]
    palette, rgba = decode(png_data_url(indices, colours))
    assert rgba.shape == (2, 3, 4)
    assert rgba[0, 0].tolist() == [255, 0, 0, 255] and rgba[1, 2].tolist() == [0, 0, 255, 255]
    assert rgba[0, 2, 3] == 0  # -1: transparent


def test_bands_follow_f_between_the_nodes():
    # f = x0 on [-1, 1]: the band edge of level 0.25 must fall at x0 = 0.25, as the contour line does
    xs = np.linspace(-1, 1, 9)
    values = np.tile(xs, (9, 1))
    palette, _ = decode(bands_image(xs, values, np.array([0.25])))
    assert palette.shape == (8 * PIXELS_PER_CELL, 8 * PIXELS_PER_CELL)
    centres = -1 + (np.arange(palette.shape[1]) + 0.5) * 2 / palette.shape[1]
    assert np.all(palette == (centres >= 0.25)[None, :])  # every row: band 0 left of the line, 1 right
    # the image's first row is the top of the view (largest x1): f = x1 puts the high band first
    palette, _ = decode(bands_image(xs, values.T, np.array([0.0])))
    assert palette[0, 0] == 1 and palette[-1, 0] == 0


def test_blank_where_f_is_not_finite():
    xs = np.linspace(-1, 1, 5)
    values = np.ones((5, 5))
    values[:, 0] = np.nan  # the left column of nodes
    _, rgba = decode(bands_image(xs, values, np.array([])))
    left = rgba[:, :PIXELS_PER_CELL // 2, 3]
    assert not left.any() and rgba[:, PIXELS_PER_CELL:, 3].all()


def test_read_out_nodes_are_where_the_chart_puts_them():
    xs = np.linspace(-5, 5, 71)
    gx, gy = np.meshgrid(xs, xs)
    values = gx ** 2 + 3 * gy
    shown = tip_nodes(71)
    values[shown[3], shown[6]] = np.nan
    nodes = tip_frame(values, np.array([0.0, 10.0]))
    count, spacing = len(shown), TIP_EVERY * (xs[1] - xs[0])
    x0 = xs[shown[0]] + (nodes["k"] % count) * spacing  # the chart's calculate transform
    x1 = xs[shown[0]] + (nodes["k"] // count) * spacing
    assert np.allclose(nodes["f"], x0 ** 2 + 3 * x1)
    assert len(nodes) == count ** 2 - 1  # the non-finite one is left out
    # the tiles (spacing wide, centred on the nodes) cover the whole view
    assert xs[shown[0]] - spacing / 2 <= xs[0] and xs[shown[-1]] + spacing / 2 >= xs[-1]
    assert set(nodes["band"]) <= {0, 1, 2}


def test_contour_pieces_are_joined_into_closed_lines_and_simplified():
    xs = np.linspace(-3, 3, 61)
    gx, gy = np.meshgrid(xs, xs)
    pieces = marching_squares(xs, xs, gx ** 2 + gy ** 2, 4.0)
    real = pieces[np.any(pieces[:, :2] != pieces[:, 2:], axis=1)]  # not the dots where a node lies on the circle
    (circle,) = polylines(pieces)
    assert len(circle) == len(real) + 1 and np.array_equal(circle[0], circle[-1])
    tolerance = 0.005
    kept = circle[simplify(circle, tolerance)]
    assert len(kept) < len(circle) / 2
    assert distance_to_segments(circle, kept[:-1], kept[1:]).max() <= tolerance + 1e-12


def test_contour_frame_stays_within_half_a_pixel():
    xs = np.linspace(-2, 2, 71)
    gx, gy = np.meshgrid(xs, xs)
    values = (1 - gx) ** 2 + 100 * (gy - gx ** 2) ** 2
    tolerance = TOLERANCE_PX * 4 / SIZE
    lines = contour_frame(xs, values, np.array([1.0, 10.0, 100.0]), tolerance)
    for level in (1.0, 10.0, 100.0):
        exact = marching_squares(xs, xs, values, level)
        drawn = lines[lines["level"] == level]
        near = distance_to_segments(exact[:, :2], drawn[["x", "y"]].to_numpy(float), drawn[["x2", "y2"]].to_numpy(float))
        assert near.max() <= tolerance + 1e-5  # (+ float32)
        assert len(drawn) < len(exact) / 2


def test_a_long_crawl_is_drawn_with_few_segments_within_half_a_pixel():
    # 2000 tiny steps along a curve, then a jump across the view and back
    t = np.linspace(0, 1, 2001)
    path = np.column_stack([-1.5 + 2 * t, np.sin(3 * t)])
    path = np.vstack([path, [[50.0, -50.0], [-50.0, 50.0], [0.2, 0.3]]])
    segments, markers = path_frames(path, np.zeros(len(path)), 2.0)
    tolerance = TOLERANCE_PX * 4 / SIZE
    a = segments[["x", "y"]].to_numpy(float)
    b = segments[["x2", "y2"]].to_numpy(float)
    inside = path[np.all(np.abs(path) <= 2.0, axis=1)]
    assert distance_to_segments(inside, a, b).max() <= tolerance + 1e-6
    assert len(segments) < 100 and (segments["kind"] == "jump").sum() == 1
    assert segments["step"].is_monotonic_increasing and segments["step"].iloc[-1] == len(path) - 1
    assert len(markers) == 300


def test_the_map_is_square_and_fills_its_column():
    xs = np.linspace(-5, 5, 71)
    gx, gy = np.meshgrid(xs, xs)
    points = np.stack(np.meshgrid(np.linspace(-4, 4, 15), np.linspace(-4, 4, 15))).reshape(2, -1)
    spec = to_spec(gradient_map(xs, gx ** 2 + gy ** 2, points, 2 * points, 5.0, False))
    assert spec["autosize"]["type"] == "fit-x"  # the width is the column's
    assert {"name": "height", "expr": "width"} in spec["params"]  # the plotting area's height follows it
    assert "height" not in spec
    size = len(json.dumps({k: v for k, v in spec.items() if k != "datasets"})) + sum(map(len, spec["datasets"].values()))
    assert size < 60_000  # was 418 KB with a rectangle per grid cell


@pytest.mark.parametrize("count", [2, 3, 300])
def test_simplify_keeps_the_ends(count):
    points = np.column_stack([np.arange(count, dtype=float), np.zeros(count)])
    assert simplify(points, 0.1).tolist() == [0, count - 1]
