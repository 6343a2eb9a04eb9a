"""Page 4.4: the book's gradients and gradient descent runs, as the page shows them."""
import re
import string

import numpy as np
import pytest

from tests.app.helpers import assert_clean, charts, open_page
from ui.catalogue.gradient import TEXT
from ui.charts.gradient import clip_segments, contour_levels, marching_squares

PAGE = "pages/3_gradient.py"
NUMBER = re.compile(r"`([^`]+)`")


def shown_numbers(at, starts):
    """The backticked numbers of the first markdown block starting with ``starts``."""
    for block in at.markdown:
        if block.value.startswith(starts):
            return [float(n) for n in NUMBER.findall(block.value)]
    raise AssertionError(f"no markdown starting with {starts!r}: {[b.value[:40] for b in at.markdown]}")


def partials(at):
    return shown_numbers(at, "∂f/∂x0")


def end_point(at, lang="en"):
    x0, x1, _ = shown_numbers(at, "After " if lang == "en" else "")
    return [x0, x1]


def messages(at):
    return {kind: [e.value for e in getattr(at, kind)] for kind in ("success", "info", "warning", "error")}


def frames_with(at, columns):
    """Chart datasets that have exactly these columns."""
    return [f for _, frames in charts(at) for f in frames if set(f.columns) == set(columns)]


def path_frames(at):
    (segments,) = frames_with(at, ["x", "y", "x2", "y2", "step", "kind"])
    (markers,) = frames_with(at, ["step", "x0", "x1", "f"])
    return segments, markers


def assert_readable_map(at, radius=5.0):
    """A chart with a filled heat map and every path mark inside the view, no NaN anywhere."""
    found = charts(at)
    assert len(found) == 1
    (cells,) = frames_with(at, ["x", "x2", "y", "y2", "x0", "x1", "f", "band"])
    assert len(cells) > 1000 and np.all(np.isfinite(cells["f"]))
    segments, markers = path_frames(at)
    for frame, cols in ((segments, ["x", "y", "x2", "y2"]), (markers, ["x0", "x1"])):
        values = frame[cols].to_numpy(float)
        assert np.all(np.isfinite(values)) and np.all(np.abs(values) <= radius + 1e-9)
    return segments, markers


@pytest.fixture(scope="module")
def book():
    at = open_page(PAGE)
    assert_clean(at)
    return at


def test_title_and_code_in_both_languages(book):
    assert book.title[0].value == "4.4 Gradient and descent"
    code = "\n".join(c.value for c in book.code)
    assert "def numerical_gradient(" in code and "def gradient_descent(" in code
    at = open_page(PAGE, lang="zh")
    assert_clean(at)
    assert at.title[0].value == "4.4 梯度与梯度下降"
    assert partials(at) == [6.00000000000378, 7.999999999999119]
    assert any(s.startswith("已收敛") for s in messages(at)["success"])


def test_gradient_at_the_books_three_points(book):
    # the book prints 6.00000000000378 and 7.999999999999119: every digit is shown
    assert "`6.00000000000378`" in book.markdown[[b.value.startswith("∂f") for b in book.markdown].index(True)].value
    assert partials(book) == [6.00000000000378, 7.999999999999119]
    at = open_page(PAGE)
    at.button(key="gradient.point_0_2").click().run()
    assert partials(at) == pytest.approx([0.0, 4.0], abs=1e-9)
    at.button(key="gradient.point_3_0").click().run()
    assert partials(at) == pytest.approx([6.0, 0.0], abs=1e-9)
    at.button(key="gradient.point_3_4").click().run()
    assert partials(at) == [6.00000000000378, 7.999999999999119]
    assert_clean(at)


def test_gradient_zero_at_the_minimum():
    at = open_page(PAGE, query={"p0": "0", "p1": "0"})
    assert partials(at) == [0.0, 0.0]
    assert any("gradient is zero here" in s for s in messages(at)["info"])


def test_descent_with_lr_0_1_converges_to_the_books_point(book):
    assert end_point(book) == pytest.approx([-6.11110793e-10, 8.14814391e-10], rel=1e-8)
    said = messages(book)
    assert said["success"][0].startswith("Converged") and not said["warning"] and not said["error"]
    table = book.dataframe[0].value
    assert len(table) == 101
    assert [float(v) for v in table.iloc[-1][["x0", "x1"]]] == pytest.approx([-6.11110793e-10, 8.14814391e-10],
                                                                           rel=1e-8)
    assert [float(v) for v in table.iloc[0][["x0", "x1", "f(x)", "|∇f(x)|"]]] == pytest.approx([-3, 4, 25, 10])
    segments, markers = assert_readable_map(book)
    assert len(segments) == 100 and set(markers["step"]) == set(range(101))


def test_lr_10_explodes_and_the_page_says_so():
    at = open_page(PAGE)
    at.button(key="gradient.lr_big").click().run()
    assert_clean(at)
    assert at.number_input(key="gradient.lr").value == 10.0
    assert end_point(at) == pytest.approx([-2.58983747e13, -1.29524862e12], rel=1e-8)
    said = messages(at)
    assert any(s.startswith("The path leaves the view at step 1 ") for s in said["warning"])
    assert any(s.startswith("f grew from 25 to 6.724e+26") for s in said["warning"])
    assert any(s.startswith("From step 10 on the point does not move") for s in said["info"])
    assert not said["success"]
    segments, markers = assert_readable_map(at)  # clipped to the view, never empty
    assert markers["step"].tolist() == [0]
    assert "jump" in set(segments["kind"])
    table = at.dataframe[0].value
    assert float(table.iloc[-1]["x0"]) == pytest.approx(-2.58983747e13, rel=1e-8)


def test_lr_1e_10_hardly_moves():
    at = open_page(PAGE)
    at.button(key="gradient.lr_tiny").click().run()
    assert_clean(at)
    assert at.number_input(key="gradient.lr").value == 1e-10
    assert end_point(at) == pytest.approx([-2.99999994, 3.99999992], rel=1e-8)
    said = messages(at)
    assert said["warning"][0].startswith("Hardly moved") and not said["success"]
    assert_readable_map(at)


def test_lr_presets_change_only_the_learning_rate():
    at = open_page(PAGE, query={"x0": "1", "x1": "1", "steps": "7"})
    at.button(key="gradient.lr_big").click().run()
    assert at.number_input(key="gradient.x0").value == 1.0
    assert at.number_input(key="gradient.steps").value == 7
    assert at.query_params["lr"] == "10"  # a link reopens the same run


@pytest.mark.parametrize("preset,formula,expected", [
    ("saddle", "x0**2 - x1**2", ("warning", "The path leaves the view at step 35")),
    ("valley", "x0**2/20 + x1**2", ("info", "Still on its way")),
    ("rosenbrock", "(1 - x0)**2 + 100*(x1 - x0**2)**2", ("info", "Still on its way")),
    ("bowl", "x0**2 + x1**2", ("success", "Converged")),
])
def test_presets(preset, formula, expected):
    at = open_page(PAGE, query={"lr": "10", "view": "100"})
    at.button(key=f"gradient.preset_{preset}").click().run()
    assert_clean(at)
    assert at.text_input(key="gradient.f").value == formula
    kind, start = expected
    assert any(s.startswith(start) for s in messages(at)[kind]), messages(at)
    assert_readable_map(at, radius=at.select_slider(key="gradient.view").value)


def test_valley_zig_zags():
    at = open_page(PAGE)
    at.button(key="gradient.preset_valley").click().run()
    x1 = [float(v) for v in at.dataframe[0].value["x1"]]
    assert all(a * b < 0 for a, b in zip(x1[:10], x1[1:11]))  # x1 changes sign every step


def test_typed_formula_is_used():
    at = open_page(PAGE)
    at.text_input(key="gradient.f").input("x0**2 + 2*x1**2").run()
    assert_clean(at)
    assert partials(at) == pytest.approx([6.0, 16.0], abs=1e-6)
    assert end_point(at)[1] == pytest.approx(4 * (1 - 0.4) ** 100, abs=1e-12)


@pytest.mark.parametrize("lang,formula,start", [
    ("en", "2x0 + 1", "This formula cannot be used: The formula could not be read"),
    ("en", "__import__('os')", "This formula cannot be used:"),
    ("en", "x0 + y", "This formula cannot be used: Unknown name “y”"),
    ("zh", "x0 +", "无法使用这个公式：无法识别这个公式"),
])
def test_bad_formula_is_explained_not_run(lang, formula, start):
    at = open_page(PAGE, lang=lang, query={"f": formula})
    assert_clean(at)
    assert any(e.value.startswith(start) for e in at.error), [e.value for e in at.error]
    assert not charts(at) and not at.dataframe and not at.code  # the code shows with the map it draws


def test_overflow_is_reported_in_words_with_a_readable_map():
    at = open_page(PAGE, query={"f": "-exp(x0**2)"})
    assert_clean(at)
    said = messages(at)
    assert any(s.startswith("Diverged: the update at step 2 left the finite numbers") for s in said["error"])
    assert_readable_map(at)
    assert len(at.dataframe[0].value) == 2  # the start and the last finite point


def test_start_where_f_is_undefined():
    at = open_page(PAGE, query={"f": "log(x0) + x1**2"})
    assert_clean(at)
    assert messages(at)["error"][0].startswith("f is not a finite number at the start point")
    assert any(c.value.startswith("Blank cells") for c in at.caption)


def test_bad_link_values_fall_back_with_a_notice():
    at = open_page(PAGE, query={"lr": "abc", "view": "7", "steps": "1e9"})
    assert_clean(at)
    notices = [w.value for w in at.warning if w.value.startswith("The link's value")]
    assert len(notices) == 3
    assert end_point(at) == pytest.approx([-6.11110793e-10, 8.14814391e-10], rel=1e-8)


def test_catalogue_entries_match_across_languages():
    fields = lambda text: {f for _, f, _, _ in string.Formatter().parse(text) if f}  # noqa: E731
    for key, entry in TEXT.items():
        assert key.startswith("gradient.") and set(entry) == {"en", "zh"}
        assert fields(entry["en"]) == fields(entry["zh"]), key


def test_marching_squares_follows_a_circle():
    xs = np.linspace(-3, 3, 61)
    gx, gy = np.meshgrid(xs, xs)
    pieces = marching_squares(xs, xs, gx ** 2 + gy ** 2, 4.0)
    radii = np.hypot(pieces[:, [0, 2]], pieces[:, [1, 3]])
    assert len(pieces) > 50 and np.allclose(radii, 2.0, atol=0.01)
    values = gx ** 2 + gy ** 2
    values[30, 30] = np.nan
    assert len(marching_squares(xs, xs, values, 0.001)) == 0  # cells touching nan get no line


def test_clip_segments_to_the_view():
    start = np.array([[0.0, 0.0], [-10.0, 0.0], [10.0, 10.0], [3e13, -4e13]])
    end = np.array([[1.0, 1.0], [10.0, 0.0], [20.0, 10.0], [-3e13, 4e13]])
    a, b, keep = clip_segments(start, end, -5, 5)
    assert keep.tolist() == [True, True, False, True]
    assert a[1].tolist() == [-5.0, 0.0] and b[1].tolist() == [5.0, 0.0]
    assert np.all(np.abs(a[keep]) <= 5 + 1e-9) and np.all(np.abs(b[keep]) <= 5 + 1e-9)


def test_contour_levels():
    xs = np.linspace(-5, 5, 41)
    gx, gy = np.meshgrid(xs, xs)
    bowl = contour_levels(gx ** 2 + gy ** 2)
    assert np.allclose(np.diff(bowl), bowl[1] - bowl[0]) and 5 <= len(bowl) <= 13  # round, evenly spaced
    banana = contour_levels((1 - gx) ** 2 + 100 * (gy - gx ** 2) ** 2)
    assert np.all(np.diff(np.log(banana)) > 0) and banana[-1] / banana[0] >= 1000  # geometric: lines near the floor
    assert len(contour_levels(np.full((5, 5), 3.0))) == 0
    assert len(contour_levels(np.full((5, 5), np.nan))) == 0


# the caption under "Gradient at a point" -----------------------------------------------------

def partials_caption(at):
    notes = [c.value for c in at.caption if c.value.startswith(("numerical_gradient(f", "numerical_gradient(f"))]
    assert len(notes) == 1, [c.value[:50] for c in at.caption]
    return notes[0]


def test_the_caption_quotes_the_book_only_where_the_book_printed_it(book):
    caption = partials_caption(book)  # x0² + x1² at (3, 4): the book's example
    assert "6.00000000000378 and 7.999999999999119" in caption
    at = open_page(PAGE)
    at.button(key="gradient.point_0_2").click().run()
    caption = partials_caption(at)
    assert "np.array([0, 2])" in caption and "6.00000000000378" not in caption and "(3, 4)" not in caption
    assert reference_values(caption) == pytest.approx([0.0, 4.0], abs=1e-12)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_caption_tells_the_truth_for_rosenbrock(lang):
    at = open_page(PAGE, lang)
    at.button(key="gradient.preset_rosenbrock").click().run()
    assert_clean(at)
    caption = partials_caption(at)
    assert "6.00000000000378" not in caption and "(3, 4)" not in caption
    assert "np.array([0, 1.5])" in caption
    # (1 - x0)² + 100 (x1 - x0²)² at (0, 1.5): ∂/∂x0 = -2(1 - x0) - 400 x0 (x1 - x0²) = -2, ∂/∂x1 = 200 (x1 - x0²) = 300
    assert reference_values(caption) == pytest.approx([-2.0, 300.0], rel=1e-10)
    g0, g1 = partials(at)
    differences = [float(d) for d in re.findall(r"[-+]\d\.\de[-+]\d+", caption)[-2:]]
    assert differences == pytest.approx([g0 + 2.0, g1 - 300.0], rel=0.06, abs=1e-15)


def test_no_reference_where_the_slopes_do_not_settle():
    at = open_page(PAGE, query={"f": "abs(x0) + x1", "p0": "0", "p1": "1"})
    assert_clean(at)
    caption = partials_caption(at)
    assert "Richardson" in caption and "6.00000000000378" not in caption
    assert reference_values(caption) == []


def reference_values(caption):
    """The two reference partial derivatives quoted in the caption (none if it quotes none)."""
    return [float(v) for v in re.findall(r"≈ `([^`]+)`", caption)]
