"""The inside page in a real browser: the book's network, a "1" and a "0" drawn with the mouse,
weights files uploaded (a good one and a hostile one), every view in both languages and on a phone."""
import math
import time

import numpy as np
import pytest

from core import TwoLayerNet
from tests.core.weights_corpus import corpus
from tests.e2e.browser import ARTIFACTS, IDLE, assert_no_error, snapshot
from ui.i18n import messages

VIEWS = ("confusion", "mistakes", "weights", "draw")


def text(key, lang="en"):
    return messages()[key][lang]


def with_book(open_app, lang="en", query=""):
    """The inside page on the book's network (trained by the first test that needs it)."""
    page = open_app("inside", lang, query)
    chosen = page.get_by_text(text("inside.network", lang), exact=True).first  # the network picker: one is there
    train = page.get_by_role("button", name=text("inside.train_book", lang))
    train.or_(chosen).first.wait_for(timeout=60_000)  # the page has drawn one or the other
    if train.count():
        train.click()
    chosen.wait_for(timeout=300_000)  # not IDLE: the click may be read before its run starts
    page.get_by_text(text("inside.view_weights", lang)).first.wait_for(timeout=180_000)  # the views are there
    page.wait_for_selector(IDLE, timeout=120_000)
    return page


def canvas_box(page):
    canvas = page.locator("[data-testid='stBidiComponentIsolated'] canvas").last
    canvas.scroll_into_view_if_needed()
    canvas.wait_for()
    return canvas.bounding_box()


def stroke(page, points):
    """Press at the first point and move through the others (the caller releases)."""
    page.mouse.move(*points[0])
    page.mouse.down()
    for x, y in points[1:]:
        page.mouse.move(x, y, steps=2)


def answer_after(page, points, digit):
    """Draw, then the seconds from releasing the mouse until the answer for ``digit`` is on the page."""
    stroke(page, points[:-1])
    page.mouse.move(*points[-1])
    start = time.monotonic()
    page.mouse.up()
    page.get_by_text(f"The network reads a {digit}").wait_for(timeout=20_000)
    return time.monotonic() - start


def test_a_one_and_a_zero_drawn_with_the_mouse_are_read(open_app):
    page = with_book(open_app, query="view=draw")
    page.get_by_text(text("inside.draw_hint")).wait_for()
    box = canvas_box(page)
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    one = [(cx + 4 * (k / 20), box["y"] + 45 + k * 9.5) for k in range(21)]  # a vertical stroke, a slight slant
    seconds_one = answer_after(page, one, 1)
    page.wait_for_selector(IDLE)
    page.wait_for_timeout(500)  # let the 28x28 image and the bars draw before the screenshot
    snapshot(page, "inside-draw-one")
    page.get_by_role("button", name=text("inside.clear")).click()
    page.get_by_text(text("inside.draw_hint")).wait_for()
    page.wait_for_selector(IDLE)
    box = canvas_box(page)
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    zero = [(cx + 62 * math.sin(a), cy - 92 * math.cos(a)) for a in np.linspace(0, 2 * math.pi * 1.05, 48)]
    seconds_zero = answer_after(page, zero, 0)
    page.wait_for_selector(IDLE)
    page.wait_for_timeout(500)
    assert_no_error(page)
    snapshot(page, "inside-draw-zero")
    (ARTIFACTS / "draw-seconds.txt").write_text(f"one {seconds_one:.2f}\nzero {seconds_zero:.2f}\n")


def test_weights_files_good_and_hostile_are_uploaded(open_app, tmp_path):
    page = with_book(open_app)
    good = tmp_path / "mine.npz"
    TwoLayerNet(784, 16, 10, weight_init_std=0.1, rng=3).save_params(good, meta={"test_acc": 0.5})
    evil = tmp_path / "evil.npz"
    evil.write_bytes(corpus()["pickled object array"][0])
    page.get_by_text(text("inside.load_heading")).click()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(evil))
    page.get_by_text("evil.npz was not loaded").wait_for(timeout=20_000)
    assert "pickled data" in page.locator("[data-testid='stAlert']").filter(has_text="evil.npz").inner_text()
    page.wait_for_selector(IDLE)
    assert "784-50-10 · 10,000 iterations" in page.locator("[data-testid='stMain'] [data-testid='stCaptionContainer']").first.inner_text()
    snapshot(page, "inside-hostile-weights")
    page.get_by_text(text("inside.load_heading")).click() if not page.locator(
        "[data-testid='stFileUploaderDropzoneInput']").count() else None
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(good))
    page.get_by_text("Loaded mine.npz: a 784-16-10 network").wait_for(timeout=20_000)
    page.wait_for_selector(IDLE)
    assert "784-16-10" in page.locator("[data-testid='stMain'] [data-testid='stCaptionContainer']").first.inner_text()
    assert_no_error(page)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_view_in_both_languages(open_app, lang):
    for name in VIEWS:
        page = with_book(open_app, lang, f"view={name}")
        page.wait_for_timeout(800)  # let charts and images draw before the screenshot
        assert_no_error(page)
        snapshot(page, f"inside-{name}-{lang}")


def test_phone_viewport(open_app, page):
    """390 x 844: the page's top, then scrolled to the matrix and to the canvas."""
    page.set_viewport_size({"width": 390, "height": 844})
    for name, lang, part in (("confusion", "en", "[data-testid='stVegaLiteChart']"),
                             ("draw", "zh", "[data-testid='stBidiComponentIsolated'] canvas")):
        with_book(open_app, lang, f"view={name}")
        page.wait_for_timeout(800)
        assert_no_error(page)
        snapshot(page, f"inside-{name}-phone")
        page.locator(part).last.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / f"inside-{name}-phone-scrolled.png"))


def hovered_cell(page, x, y):
    """(true, answer) of the matrix cell under (x, y), read from the chart's tooltip; None off the cells."""
    page.mouse.move(x, y)
    tip = page.locator("#vg-tooltip-element")
    try:
        tip.wait_for(state="visible", timeout=600)
    except Exception:  # noqa: BLE001 - no tooltip: not over a cell
        return None
    rows = dict(tip.evaluate("t => [...t.querySelectorAll('tr')].map(r => [...r.children].map(c => c.textContent.trim()))"))
    return int(rows[text("inside.axis_true")]), int(rows[text("inside.axis_pred")])


def cell_position(page, box, true, pred):
    """Screen point of a matrix cell: find any cell by its tooltip, then step toward the wanted one
    (28 px per cell), checking the tooltip at every step."""
    found = None
    for dy in range(40, int(box["height"]), 20):
        for dx in range(60, min(400, int(box["width"])), 20):
            x, y = box["x"] + dx, box["y"] + dy
            found = hovered_cell(page, x, y)
            if found:
                break
        if found:
            break
    for _ in range(6):
        if found == (true, pred):
            return x, y
        if found:
            x, y = x + (pred - found[1]) * 28, y + (true - found[0]) * 28
        else:
            x, y = x + 3, y + 3  # between two cells: nudge
        page.mouse.move(0, 0)
        found = hovered_cell(page, x, y)
    raise AssertionError(f"cell {true} -> {pred} not found under the mouse (last seen {found})")


def test_clicking_a_matrix_cell_shows_its_images(open_app):
    page = with_book(open_app, query="view=confusion")
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    x, y = cell_position(page, chart.bounding_box(), 3, 5)
    page.mouse.click(x, y)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.get_by_text("images of a 3 answered 5").first.wait_for(timeout=20_000)
    assert_no_error(page)
    snapshot(page, "inside-cell-clicked")
