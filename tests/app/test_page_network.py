"""Page 4.4.2, the gradient of a network: simpleNet's book numbers, the two-layer gradient check."""
import re

import numpy as np
import pytest

from helpers import assert_clean, chart_frame, charts, open_page
from ui import network

PAGE = "pages/4_network_gradient.py"
BOOK_P = [1.05414809, 0.63071653, 1.1328074]
BOOK_LOSS = 0.92806853663411326
BOOK_DW = [[0.21924763, 0.14356247, -0.36281009], [0.32887144, 0.2153437, -0.54421514]]
BOOK_W23 = network.BOOK_W[1][2]
NUMBER = re.compile(r"-?\d+\.\d+")


def latex_numbers(at, prefix):
    """The decimal numbers of the first formula that starts with prefix (after $$)."""
    for el in at.latex:
        body = el.value.strip("$\n ")
        if body.startswith(prefix):
            return [float(v) for v in NUMBER.findall(body.split("=", 1)[-1].split(r"\approx", 1)[-1])]
    raise AssertionError(f"no formula starting with {prefix!r}")


def metric(at, label_start):
    return next(m.value for m in at.metric if m.label.startswith(label_start))


def dw_formulas(at):
    """(numerical dW, analytic dW) as (2, 3) arrays read from the page."""
    numeric = [el.value for el in at.latex if r"\approx" in el.value]
    exact = [el.value for el in at.latex if el.value.strip("$\n ").startswith(r"\frac{\partial L}{\partial W} =")]
    assert len(numeric) == 1 and len(exact) == 1
    return matrix(numeric[0]), matrix(exact[0])


def matrix(formula):
    """The (2, 3) bmatrix of a formula."""
    return np.array([float(v) for v in NUMBER.findall(formula.split("bmatrix}", 1)[1])]).reshape(2, 3)


@pytest.mark.parametrize("lang, title", [("en", "4.4.2 Gradient of a network"), ("zh", "4.4.2 神经网络的梯度")])
def test_renders_in_both_languages(lang, title):
    at = open_page(PAGE, lang)
    assert_clean(at)
    assert at.title[0].value == title
    assert len(charts(at)) == 4  # loss along a weight, times, two 28x28 maps


def test_book_numbers_appear_on_the_page():
    at = open_page(PAGE)
    p = latex_numbers(at, "p = xW")
    assert p == pytest.approx(BOOK_P, abs=5e-9)
    latex = " ".join(el.value for el in at.latex)
    for value in BOOK_P + sum(BOOK_DW, []):
        assert f"{value:.8f}" in latex  # printed to the book's 8 decimals
    loss = metric(at, "Loss L")
    assert loss == "0.92806854"
    assert float(loss) == pytest.approx(BOOK_LOSS, abs=1e-8)
    numeric, exact = dw_formulas(at)
    assert numeric == pytest.approx(np.array(BOOK_DW), abs=5e-9)
    assert exact == pytest.approx(np.array(BOOK_DW), abs=5e-9)
    assert 0 < float(metric(at, "Largest |numerical − analytic|")) < 1e-9
    assert any("0.92806853663411326" in c.value for c in at.caption)  # the book-setting note


def test_label_input_and_preset_change_the_numbers():
    at = open_page(PAGE)
    at.radio(key="network.t").set_value(0)
    at.number_input(key="network.x1").set_value(-1.5)
    at.run()
    assert_clean(at)
    x = np.array([-1.5, 0.9])
    p = x @ np.array(network.BOOK_W)
    y = np.exp(p - p.max()) / np.exp(p - p.max()).sum()
    assert latex_numbers(at, "p = xW") == pytest.approx(p, abs=5e-9)
    assert float(metric(at, "Loss L")) == pytest.approx(-np.log(y[0]), abs=5e-9)
    _, exact = dw_formulas(at)
    assert exact == pytest.approx(np.outer(x, y - [1, 0, 0]), abs=5e-9)
    assert not any("0.92806853663411326" in c.value for c in at.caption)

    at.button(key="network.book_preset").click().run()
    assert metric(at, "Loss L") == "0.92806854"
    assert at.radio(key="network.t").value == 2


def test_random_w_is_seeded():
    at = open_page(PAGE)
    at.number_input(key="network.w_seed").set_value(7).run()
    at.button(key="network.random_w").click().run()
    assert_clean(at)
    expected = np.round(np.random.default_rng(7).standard_normal((2, 3)), 8)
    shown = [[at.number_input(key=f"network.w{i}{j}").value for j in (1, 2, 3)] for i in (1, 2)]
    assert shown == pytest.approx(expected, abs=1e-12)
    assert latex_numbers(at, "p = xW") == pytest.approx(np.array(network.BOOK_X) @ expected, abs=5e-9)
    numeric, exact = dw_formulas(at)
    assert numeric == pytest.approx(exact, abs=1e-8)
    assert at.query_params["w_seed"] in ("7", ["7"])


def test_chart_tangent_has_the_slope_of_dw():
    at = open_page(PAGE)
    at.selectbox(key="network.weight").set_value("w23").run()
    frame = chart_frame(at, 0)
    tangent = frame[frame["line"].str.startswith("slope")]
    curve = frame[frame["line"].str.startswith("loss")]
    slope = np.polyfit(tangent["w"], tangent["loss"], 1)[0]
    assert slope == pytest.approx(BOOK_DW[1][2], abs=1e-7)
    assert curve["w"].min() == pytest.approx(BOOK_W23 - 1) and curve["w"].max() == pytest.approx(BOOK_W23 + 1)
    assert np.isfinite(frame["loss"]).all()


def test_two_layer_gradient_check_agrees():
    at = open_page(PAGE)
    assert_clean(at)
    assert float(metric(at, "Largest |numerical − backprop|")) < 1e-7
    table = at.dataframe[0].value
    assert list(table["parameter"]) == ["W1", "b1", "W2", "b2"]
    assert list(table["shape"]) == ["784 × 10", "10", "10 × 10", "10"]
    assert (table["max |numerical − backprop|"] < 1e-7).all()
    assert (table["max |numerical − backprop|"] < 1e-3 * table["largest |gradient|"]).all()
    assert metric(at, "Loss evaluations") == f"{2 * table['count'].sum():,}" == "15,920"
    assert float(metric(at, "Numerical ÷ backprop").rstrip("×").replace(",", "")) > 1


def map_cells(at, index):
    """The 784 values a 28×28 map draws (its data set also holds the two invisible range cells)."""
    frame = chart_frame(at, index)
    return frame.loc[frame["shown"] == 1, "value"].to_numpy()


def test_hidden_size_batch_and_unit_follow_the_controls():
    at = open_page(PAGE)
    at.slider(key="network.unit").set_value(7).run()
    before = map_cells(at, 2)
    at.select_slider(key="network.hidden").set_value(20).run()
    assert at.slider(key="network.unit").value == 7  # kept when the slider's range grows
    at.select_slider(key="network.hidden").set_value(5)
    at.select_slider(key="network.batch").set_value(2)
    at.run()
    assert_clean(at)
    assert at.slider(key="network.unit").value == 4  # clamped to the new hidden size
    table = at.dataframe[0].value
    assert list(table["shape"])[0] == "784 × 5"
    assert metric(at, "Loss evaluations") == f"{2 * (784 * 5 + 5 + 50 + 10):,}"
    after = map_cells(at, 2)
    assert len(after) == 784 and not np.allclose(before, after)
    assert at.query_params["hidden"] in ("5", ["5"])


def test_book_loop_runs_on_request_and_agrees():
    at = open_page(PAGE, query={"hidden": "2", "batch": "1"})
    assert "max |book's loop − backprop|" not in at.dataframe[0].value.columns
    at.button(key="network.loop_run").click().run()
    assert_clean(at)
    table = at.dataframe[0].value
    assert (table["max |book's loop − backprop|"] < 1e-7).all()
    assert at.success and at.success[0].value.startswith("The book's loop took")
    kinds = set(chart_frame(at, 1)["kind"])
    assert kinds == {"measured"}


def test_book_loop_not_offered_when_too_slow(monkeypatch):
    monkeypatch.setattr(network, "LOOP_LIMIT_S", 1e-9)
    at = open_page(PAGE)
    assert not [b for b in at.button if b.key == "network.loop_run"]
    assert at.info and "not offered" in at.info[0].value
    assert "estimated (not run)" in set(chart_frame(at, 1)["kind"])


def test_url_round_trip():
    at = open_page(PAGE)
    at.number_input(key="network.w11").set_value(0.5)
    at.select_slider(key="network.hidden").set_value(20)
    at.run()
    assert at.query_params["w11"] in ("0.5", ["0.5"])
    fresh = open_page(PAGE, query={"w11": "0.5", "hidden": "20", "unit": "15", "t": "1"})
    assert_clean(fresh)
    assert fresh.number_input(key="network.w11").value == 0.5
    assert fresh.select_slider(key="network.hidden").value == 20
    assert fresh.slider(key="network.unit").value == 15
    assert fresh.radio(key="network.t").value == 1
    assert latex_numbers(fresh, "p = xW")[0] == pytest.approx(0.6 * 0.5 + 0.9 * 0.85557411, abs=5e-9)


@pytest.mark.parametrize("lang, text", [("en", "is not allowed here"), ("zh", "在这里不可用")])
def test_bad_url_values_give_a_notice_and_the_default(lang, text):
    at = open_page(PAGE, lang, query={"hidden": "7", "w11": "abc", "x2": "1e9"})
    assert_clean(at)
    assert len([w for w in at.warning if text in w.value]) == 3
    assert at.select_slider(key="network.hidden").value == 10
    assert at.number_input(key="network.w11").value == network.BOOK_W[0][0]
    assert at.number_input(key="network.x2").value == network.BOOK_X[1]


def test_zero_input_gives_zero_gradient_and_says_why():
    at = open_page(PAGE, query={"x1": "0", "x2": "0"})
    assert_clean(at)
    assert float(metric(at, "Loss L")) == pytest.approx(np.log(3), abs=5e-9)
    numeric, exact = dw_formulas(at)
    assert not exact.any() and not numeric.any()
    assert any("every entry is 0" in m.value for m in at.markdown)


def test_a_map_spans_a_colour_range_symmetric_about_zero():
    """The two invisible cells set the colour range to ±max|value| (a diverging map centred on
    0), under cell (0, 0); the title travels with them."""
    at = open_page(PAGE)
    for index in (2, 3):
        frame = chart_frame(at, index)
        shown, hidden = frame[frame["shown"] == 1], frame[frame["shown"] == 0]
        extent = np.abs(shown["value"]).max()
        assert len(shown) == 784 and list(hidden["value"]) == pytest.approx([-extent, extent])
        assert list(hidden["row"]) == list(hidden["col"]) == [0, 0] and hidden.index[0] == 0
        assert "0" in frame["title"].iloc[0]  # unit 0
