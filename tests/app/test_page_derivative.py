"""Page 4.3 (numerical derivative): the book's numbers, bad input, URL state, and the reference value."""
import math
import string

import numpy as np
import pytest

from core.expression import parse_expression
from core.gradient import numerical_diff
from tests.app.helpers import assert_clean, charts, open_page
from ui import derivative as d
from ui.catalogue.derivative import TEXT
from ui.i18n import t

PAGE = "pages/2_numerical_derivative.py"


def numbers(at):
    """The results table as {row label: (value cell, error cell)}, backticks stripped."""
    table = next(m.value for m in at.markdown if m.value.startswith("| |"))
    rows = {}
    for line in table.splitlines()[2:]:
        label, value, error = (cell.strip().replace("`", "") for cell in line.strip("|").split("|"))
        rows[label] = (value, error)
    return rows


def row(at, start):
    """(value, error) of the row whose label starts with ``start``."""
    found = [cells for label, cells in numbers(at).items() if label.startswith(start)]
    assert len(found) == 1, numbers(at)
    return found[0]


def frame(at, chart, columns):
    """The dataset of chart ``chart`` that has exactly these columns."""
    found = [f for f in charts(at)[chart][1] if set(f.columns) == set(columns)]
    assert found, [list(f.columns) for f in charts(at)[chart][1]]
    return found[0]


def curve(at):
    return frame(at, 0, {"x", "y", "segment", "series"})


def assert_no_nan_in_charts(at):
    for _, frames in charts(at):
        for data in frames:
            numeric = data.select_dtypes("number").to_numpy(dtype=float)
            assert np.isfinite(numeric).all(), list(data.columns)


@pytest.mark.parametrize("lang, central, exact_label", [
    ("en", "central difference", "exact f′(x)"), ("zh", "中心差分", "精确值 f′(x)")])
def test_renders_in_both_languages_with_the_books_number(lang, central, exact_label):
    at = open_page(PAGE, lang=lang)
    assert_clean(at)
    assert at.title[0].value == t("nav.derivative", lang)
    assert row(at, central)[0] == "0.1999999999990898"
    assert row(at, exact_label)[0] == "0.2"
    assert len(charts(at)) == 2
    assert_no_nan_in_charts(at)
    sources = " ".join(c.value for c in at.code)
    assert "def numerical_diff(" in sources  # a preset's derivative is written by hand: no Richardson


def test_catalogue_has_both_languages_with_the_same_placeholders():
    formatter = string.Formatter()
    for key, entry in TEXT.items():
        assert key.startswith("derivative.") and set(entry) == {"en", "zh"}, key
        en, zh = ({name for _, name, _, _ in formatter.parse(entry[lang]) if name} for lang in ("en", "zh"))
        assert en == zh, key


def test_book_buttons_reproduce_numerical_diff_at_5_and_10():
    f = lambda x: 0.01 * x ** 2 + 0.1 * x  # noqa: E731 - the book's function_1
    at = open_page(PAGE, query={"f": "sin", "x": "2", "h": "1e-06"})
    at.button(key="derivative.book10").click().run()
    assert_clean(at)
    assert row(at, "central difference")[0] == repr(numerical_diff(f, 10)) == "0.2999999999986347"
    assert row(at, "exact f′(x)")[0] == "0.3"
    assert "numerical_diff(f, 10.0, h=0.0001)" in at.code[0].value
    at.button(key="derivative.book5").click().run()
    assert row(at, "central difference")[0] == "0.1999999999990898"
    assert row(at, "exact f′(x)")[0] == "0.2"
    assert at.query_params["x"] == "5" and at.query_params["f"] == "book"


def test_h_changes_the_numbers_and_the_marked_step():
    at = open_page(PAGE)
    before = row(at, "forward difference")
    at.select_slider(key="derivative.h").set_value(1e-8).run()
    assert_clean(at)
    value, error = row(at, "forward difference")
    assert value != before[0] and abs(float(error)) < abs(float(before[1]))  # 1e-8 is near the forward optimum
    marked = frame(at, 1, {"h", "label"})
    assert marked["h"].tolist() == [1e-8]
    assert at.query_params["h"] == "1e-08"


def test_tiny_h_shows_the_float32_point_and_zero_differences():
    at = open_page(PAGE, query={"h": "1e-50"})
    assert_clean(at)
    assert np.float32(1e-50) == 0
    warning = next(w.value for w in at.warning if "np.float32(1e-50)" in w.value)
    assert "`0.0`" in warning
    assert row(at, "central difference")[0] == "0.0" and row(at, "forward difference")[0] == "0.0"
    assert any("far to the left" in c.value for c in at.caption)
    assert not [f for f in charts(at)[1][1] if set(f.columns) == {"h", "label"}]  # no marker off the chart


def test_kink_of_abs_at_zero():
    at = open_page(PAGE)
    at.selectbox(key="derivative.f").set_value("abs").run()
    assert_clean(at)
    assert at.number_input(key="derivative.x").value == 0.0  # the preset moved x to its kink
    assert row(at, "central difference")[0] == "0.0"
    assert row(at, "forward difference")[0] == "1.0"
    assert row(at, "exact f′(x)")[0] == "does not exist"
    message = next(i.value for i in at.info if "no derivative" in i.value)
    assert "-1 coming from the left and 1 from the right" in message
    assert len(charts(at)) == 1  # no error chart without a derivative


def test_typed_formula_gets_a_richardson_reference():
    at = open_page(PAGE, query={"f": "custom", "x": "2"})
    at.text_input(key="derivative.expr").input("x**3 - 2*x").run()
    assert_clean(at)
    value, _ = row(at, "reference f′(x) (Richardson)")
    assert float(value.split()[0]) == pytest.approx(10.0, abs=1e-11)
    assert "± " in value
    assert any("Richardson extrapolation" in i.value for i in at.info)
    assert float(row(at, "central difference")[0]) == pytest.approx(10.0, abs=1e-6)
    assert not any(r.startswith("exact") for r in numbers(at))
    assert frame(at, 1, {"error", "label"})["error"].iloc[0] > 0  # the reference's own error is drawn


def test_bad_formula_shows_the_reason_and_keeps_the_last_valid_one():
    at = open_page(PAGE, query={"f": "custom", "x": "1"})
    at.text_input(key="derivative.expr").input("x**3").run()
    good = curve(at)
    assert np.allclose(good["y"], good["x"] ** 3)
    at.text_input(key="derivative.expr").input("__import__('os').system('ls')").run()
    assert_clean(at)
    assert "is not allowed here" in at.error[0].value  # expr.not_allowed from the catalogue
    assert curve(at).equals(good)
    assert any("x**3" in c.value for c in at.caption)
    at.text_input(key="derivative.expr").input("2x").run()
    assert at.error[0].value.startswith("The formula could not be read")
    assert curve(at).equals(good)


def test_bad_formula_message_is_translated():
    at = open_page(PAGE, lang="zh", query={"f": "custom", "expr": "x +* 2"})
    assert_clean(at)
    assert at.error[0].value.startswith("无法识别这个公式")
    assert len(charts(at)) == 2  # the default formula is shown instead


def test_points_outside_the_domain_are_left_out_and_said():
    at = open_page(PAGE, query={"f": "log", "x": "0.05", "h": "0.1", "xmin": "-1", "xmax": "3"})
    assert_clean(at)
    assert_no_nan_in_charts(at)
    assert curve(at)["x"].min() > 0
    assert any("where f is not a finite number" in w.value and "x - h" in w.value for w in at.warning)
    assert row(at, "central difference")[0] == "—"
    assert any("100 of the 400 plotted points" in c.value for c in at.caption)
    assert any("leaves the function's domain" in c.value for c in at.caption)


def test_function_undefined_at_x():
    at = open_page(PAGE, query={"f": "log", "x": "-1"})
    assert_clean(at)
    assert_no_nan_in_charts(at)
    assert any(w.value.startswith("f(x) is not a finite number at x = -1") for w in at.warning)
    assert len(charts(at)) == 1


def test_plot_range_bad_or_widened():
    at = open_page(PAGE, query={"xmin": "3", "xmax": "3"})
    assert any("showing 0 … 20 instead" in w.value for w in at.warning)
    assert curve(at)["x"].agg(["min", "max"]).tolist() == [0.0, 20.0]
    at = open_page(PAGE, query={"f": "sin", "x": "50", "xmin": "-6", "xmax": "6"})
    assert any("widened" in i.value for i in at.info)
    assert curve(at)["x"].max() > 50


def plotted(at):
    """(x range, y range) of the tangent chart, as drawn."""
    spec = charts(at)[0][0]
    encoding = spec["layer"][0]["encoding"]
    return tuple(encoding["x"]["scale"]["domain"]), tuple(encoding["y"]["scale"]["domain"])


def test_a_typed_formula_is_plotted_around_x():
    at = open_page(PAGE, query={"x": "1"})  # the book's function, plotted on its 0 ... 20
    at.selectbox(key="derivative.f").set_value("custom").run()
    at.text_input(key="derivative.expr").input("x**3 - 2*x").run()
    assert_clean(at)
    (lo, hi), (bottom, top) = plotted(at)
    assert lo < 1 < hi and (lo + hi) / 2 == pytest.approx(1) and hi - lo <= 6
    tangents = frame(at, 0, {"x", "y", "series", "slope"})
    assert tangents["y"].max() - tangents["y"].min() >= 0.1 * (top - bottom)  # the tangents are seen
    assert (at.number_input(key="derivative.xmin").value, at.number_input(key="derivative.xmax").value) == (lo, hi)
    assert float(at.query_params["xmin"]) == lo  # a link reopens the same view

    at.number_input(key="derivative.xmax").set_value(10.0).run()  # the student can still choose
    assert plotted(at)[0] == (lo, 10.0)
    at.number_input(key="derivative.x").set_value(2.0).run()  # inside the chosen range: kept
    assert plotted(at)[0] == (lo, 10.0)
    at.number_input(key="derivative.x").set_value(40.0).run()  # outside: centred again
    (lo, hi), _ = plotted(at)
    assert (lo + hi) / 2 == pytest.approx(40) and not any("widened" in i.value for i in at.info)
    at.text_input(key="derivative.expr").input("sin(x)").run()  # a new formula: centred on x
    assert sum(plotted(at)[0]) / 2 == pytest.approx(40)
    at.selectbox(key="derivative.f").set_value("sin").run()  # a preset keeps its own range
    assert plotted(at)[0] == (-6.0, 6.0)


def test_a_link_to_a_typed_formula_without_a_range_is_plotted_around_x():
    at = open_page(PAGE, "zh", query={"f": "custom", "expr": "x**3 - 2*x", "x": "-3"})
    assert_clean(at)
    (lo, hi), _ = plotted(at)
    assert lo < -3 < hi and (lo + hi) / 2 == pytest.approx(-3)
    kept = open_page(PAGE, query={"f": "custom", "expr": "x**3", "x": "1", "xmin": "-10", "xmax": "4"})
    assert plotted(kept)[0] == (-10.0, 4.0)
    edge = open_page(PAGE, query={"f": "custom", "x": "-1000"})  # the range stays within the inputs' limits
    assert_clean(edge)
    assert plotted(edge)[0] == (-1000.0, -500.0)


def test_url_round_trip_and_bad_values():
    at = open_page(PAGE)
    at.selectbox(key="derivative.f").set_value("sin").run()
    at.number_input(key="derivative.x").set_value(0.5).run()
    at.select_slider(key="derivative.h").set_value(1e-6).run()
    query = {name: at.query_params[name] for name in ("f", "x", "h", "xmin", "xmax")}
    assert query == {"f": "sin", "x": "0.5", "h": "1e-06", "xmin": "-6", "xmax": "6"}
    again = open_page(PAGE, query=query)
    assert numbers(again) == numbers(at)
    assert row(again, "exact f′(x)")[0] == repr(math.cos(0.5))
    bad = open_page(PAGE, query={"h": "0.5", "x": "abc"})
    assert_clean(bad)
    notices = " ".join(w.value for w in bad.warning)
    assert "“h” (0.5)" in notices and "“x” (abc)" in notices
    assert row(bad, "central difference")[0] == "0.1999999999990898"  # the defaults


def test_typed_formula_survives_a_visit_to_a_preset():
    at = open_page(PAGE, query={"f": "custom"})
    at.text_input(key="derivative.expr").input("tanh(x)").run()
    at.selectbox(key="derivative.f").set_value("exp").run()
    at.selectbox(key="derivative.f").set_value("custom").run()
    assert at.text_input(key="derivative.expr").value == "tanh(x)"


def test_error_chart_shows_truncation_then_rounding():
    at = open_page(PAGE, query={"f": "sin", "x": "1"})
    data = frame(at, 1, {"h", "error", "value", "method"})

    def error_at(method, h):
        rows = data[(data["method"] == method) & np.isclose(data["h"], h, rtol=1e-9)]
        return float(rows["error"].iloc[0])

    # truncation: slope 1 (forward) and 2 (central) on log-log axes
    assert error_at("forward difference", 1e-2) / error_at("forward difference", 1e-3) == pytest.approx(10, rel=0.05)
    assert error_at("central difference", 1e-2) / error_at("central difference", 1e-3) == pytest.approx(100, rel=0.05)
    # rounding: a smaller h is worse again
    assert error_at("central difference", 1e-13) > 100 * error_at("central difference", 1e-5)
    best = frame(at, 1, {"h", "method", "label"})
    assert sorted(best["h"]) == pytest.approx(sorted([2.0 ** -26, 2.0 ** (-52 / 3)]))


@pytest.mark.parametrize("name", list(d.PRESETS))
def test_reference_agrees_with_the_hand_written_derivative(name):
    preset = d.PRESETS[name]
    f = parse_expression(preset.text)
    for x in (preset.x, 0.7, -1.3, 3.0, 10.0):
        exact = preset.derivative(x)
        if not math.isfinite(exact):
            continue
        value, error = d.reference_derivative(f, x)
        assert value == pytest.approx(exact, rel=1e-12, abs=1e-12)
        assert error < 1e-9 * max(1.0, abs(exact))


@pytest.mark.parametrize("text, kink", [("abs(x)", (-1.0, 1.0)), ("relu(x)", (0.0, 1.0)), ("x**2", None)])
def test_one_sided_slopes_find_kinks(text, kink):
    result = d.analyse(parse_expression(text), 0.0, 1e-4)
    assert result.kink == (pytest.approx(kink) if kink else None)
    assert math.isnan(result.exact) == (kink is not None)
