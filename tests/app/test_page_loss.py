"""The loss-functions page: the book's numbers, the editable vector, mini-batches, loss vs accuracy."""
import math
import re
import string

import numpy as np
import pytest

from core.functions import cross_entropy_error, mean_squared_error, softmax
from tests.app.helpers import assert_clean, charts, open_page
from ui import loss
from ui.catalogue.loss import TEXT

PAGE = "pages/1_loss_functions.py"


def metrics(at):
    return {m.label: m.value for m in at.metric}


def captions(at):
    return " ".join(c.value for c in at.caption)


def chart(at, title_start):
    """(spec, frames) of the one chart whose title starts with title_start."""
    def title(spec):
        value = spec.get("title", "")
        return value.get("text", "") if isinstance(value, dict) else value

    found = [(spec, frames) for spec, frames in charts(at) if title(spec).startswith(title_start)]
    assert len(found) == 1, [title(spec) for spec, _ in charts(at)]
    return found[0]


def frame_with(frames, *columns):
    return next(f for f in frames if set(columns) <= set(f.columns))


@pytest.fixture
def loss_page():
    at = open_page(PAGE)
    assert_clean(at)
    return at


# the catalogue -------------------------------------------------------------------------------

def test_every_string_has_both_languages_with_the_same_placeholders():
    fields = string.Formatter()
    for key, entry in TEXT.items():
        assert set(entry) == {"en", "zh"}, key
        assert entry["en"].strip() and entry["zh"].strip(), key
        names = [{f for _, f, _, _ in fields.parse(entry[lang]) if f} for lang in ("en", "zh")]
        assert names[0] == names[1], key


# the book's examples -------------------------------------------------------------------------

@pytest.mark.parametrize("preset, mse, cee", [("book1", "0.0975", "0.510825457099338"),
                                              ("book2", "0.5975", "2.302584092994546")])
def test_book_presets_show_the_numbers_the_book_prints(loss_page, preset, mse, cee):
    at = loss_page.button(key=f"loss.preset_{preset}").click().run()
    assert_clean(at)
    shown = metrics(at)
    assert shown["Mean squared error"] == mse
    assert cee.startswith(shown["Cross-entropy error"])
    assert f"As Python prints it: {cee}" in captions(at)
    assert f"As Python prints it: {mse}" in captions(at)          # 0.09750000000000003 starts with 0.0975
    assert at.text_input(key="loss.y").value == loss.format_vector(loss.PRESETS[preset])
    assert at.button_group(key="loss.t").value == 2
    assert f"example {preset[-1]}" in at.success[0].value and cee in at.success[0].value


def test_book_numbers_in_chinese(loss_page):
    at = loss_page
    at.session_state["language"] = "zh"
    at = at.button(key="loss.preset_book2").click().run()
    assert_clean(at)
    assert "Python 打印的完整值：2.302584092994546" in captions(at)
    assert "书中的例 2" in at.success[0].value


def test_switching_language_keeps_every_setting(loss_page):
    at = loss_page.radio(key="loss.as").set_value("scores").run()
    at = at.radio(key="loss.net").set_value("untrained").run()
    at = at.sidebar.radio(key="sidebar.language").set_value("zh").run()
    assert_clean(at)
    assert at.radio(key="loss.as").value == "scores" and at.radio(key="loss.net").value == "untrained"
    assert at.header[0].value == "一个输出，两种损失"


def test_default_is_the_first_book_example(loss_page):
    assert metrics(loss_page)["Mean squared error"] == "0.0975"
    assert "0.510825457099338" in captions(loss_page)


# editing the vector --------------------------------------------------------------------------

def test_an_invalid_entry_is_explained_and_the_last_valid_vector_kept(loss_page):
    at = loss_page.button(key="loss.preset_book2").click().run()
    before = metrics(at)
    at = at.text_input(key="loss.y").set_value("0.1, 0.2, abc").run()
    assert_clean(at)
    assert "exactly 10 numbers" in at.error[0].value and "found 3" in at.error[0].value
    assert metrics(at)["Cross-entropy error"] == before["Cross-entropy error"]
    at = at.text_input(key="loss.y").set_value("0.1, 0.2, abc, 0, 0, 0, 0, 0.7, 0, 0").run()
    assert "“abc” is not a number" in at.error[0].value
    assert "Still showing the last valid y: 0.1, 0.05, 0.1" in at.error[0].value
    assert metrics(at)["Mean squared error"] == before["Mean squared error"]
    at = at.text_input(key="loss.y").set_value("0.1, 0.2, nan, 0, 0, 0, 0, 0.7, 0, 0").run()
    assert "not a finite number" in at.error[0].value


def test_invalid_entry_message_is_translated(loss_page):
    at = loss_page
    at.session_state["language"] = "zh"
    at = at.text_input(key="loss.y").set_value("1, 2").run()
    assert_clean(at)
    assert at.error[0].value.startswith("请输入恰好 10 个数")


def test_negative_probabilities_point_to_scores_and_scores_go_through_softmax(loss_page):
    scores = "1, 2, 3, -1, 0, 0, 0, 0.5, 0, 0"
    at = loss_page.text_input(key="loss.y").set_value(scores).run()
    assert "cannot be negative (-1)" in at.error[0].value
    at = at.radio(key="loss.as").set_value("scores").run()
    assert_clean(at)
    assert not at.error
    y = softmax(np.array([float(v) for v in scores.split(",")]))
    assert metrics(at)["Cross-entropy error"] == f"{cross_entropy_error(y, 2):.6g}"
    assert "softmax turned the scores" in at.info[0].value
    at = at.button(key="loss.use_softmax").click().run()
    assert at.radio(key="loss.as").value == "probabilities"
    assert metrics(at)["Cross-entropy error"] == f"{cross_entropy_error(y, 2):.6g}"
    assert not at.warning                                            # the copied softmax sums to 1


def test_a_vector_that_does_not_sum_to_one_can_be_normalised(loss_page):
    at = loss_page.text_input(key="loss.y").set_value("[1, 0, 3, 0, 0, 0, 0, 0, 0, 0]").run()
    assert_clean(at)
    assert "add up to 4, not 1" in at.warning[0].value
    at = at.button(key="loss.normalise").click().run()
    assert not at.warning
    assert at.text_input(key="loss.y").value.startswith("0.25, 0, 0.75")
    assert metrics(at)["Cross-entropy error"] == f"{-math.log(0.75 + 1e-7):.6g}"


def test_parse_accepts_common_separators_and_rejects_the_rest():
    assert loss.parse_outputs("0.1，0.05、0.6;0 0.05 0.1 0 0.1 0 0").tolist() == list(loss.BOOK_Y1)
    assert loss.parse_outputs("(1, 2, 3, 4, 5, 6, 7, 8, 9, -10)", as_scores=True)[-1] == -10
    for text, key in [("", "loss.err_count"), ("1e400, 0, 0, 0, 0, 0, 0, 0, 0, 0", "loss.err_finite"),
                      ("0x1, 0, 0, 0, 0, 0, 0, 0, 0, 0", "loss.err_number"),
                      ("-0.1, 0, 0, 0, 0, 0, 0, 0, 0, 1.1", "loss.err_negative")]:
        with pytest.raises(loss.OutputsError) as caught:
            loss.parse_outputs(text)
        assert caught.value.key == key


def test_label_choice_changes_cross_entropy_only_through_that_class(loss_page):
    at = loss_page.button_group(key="loss.t").set_value(7).run()
    y = np.array(loss.BOOK_Y1)
    assert metrics(at)["Cross-entropy error"] == f"{cross_entropy_error(y, 7):.6g}"
    assert metrics(at)["Mean squared error"] == f"{mean_squared_error(y, 7):.6g}"
    assert not at.success                                             # no longer the book's example


def test_cross_entropy_ignores_how_the_wrong_probability_is_spread(loss_page):
    at = loss_page.button(key="loss.preset_same_correct").click().run()
    assert metrics(at)["Cross-entropy error"] == "0.510825"           # as for y1
    assert metrics(at)["Mean squared error"] == "0.16"                # y1: 0.0975
    _, frames = chart(at, "What each class adds")
    terms = frame_with(frames, "class", "term")
    cee_terms = terms[terms["loss"] == "Cross-entropy error"]
    assert (cee_terms.loc[cee_terms["class"] != 2, "term"] == 0).all()


def test_sure_and_wrong_hits_the_delta_ceiling(loss_page):
    at = loss_page.button(key="loss.preset_confident_wrong").click().run()
    assert_clean(at)
    assert metrics(at)["Cross-entropy error"] == "16.1181"
    assert f"As Python prints it: {-math.log(1e-7)!r}" in captions(at)
    assert metrics(at)["Mean squared error"] == "1"
    delta = next(e for e in at.expander if e.label == TEXT["loss.delta_title"]["en"])
    assert "7 ln 10" in delta.markdown[0].value


def test_url_sets_the_vector_and_a_bad_url_value_is_reported():
    at = open_page(PAGE, query={"y": "0.1, 0.05, 0.1, 0, 0.05, 0.1, 0, 0.6, 0, 0", "t": "2"})
    assert_clean(at)
    assert "2.302584092994546" in captions(at)
    at = open_page(PAGE, query={"t": "12"})
    assert_clean(at)
    assert any("“t” (12)" in w.value for w in at.warning)


# the sweep -----------------------------------------------------------------------------------

def test_sweep_marks_the_current_probability(loss_page):
    spec, frames = chart(loss_page, "Both losses against")
    curves = frame_with(frames, "p", "value", "loss")
    cee = curves[curves["loss"] == "Cross-entropy error"].sort_values("p")
    assert cee["value"].iloc[0] == pytest.approx(-math.log(1e-7))
    assert cee["value"].iloc[-1] == pytest.approx(0, abs=1e-6)
    mse = curves[curves["loss"] == "Mean squared error"]
    assert mse["value"].max() == pytest.approx(0.5 * (1 + 1 / 9))
    rule = next(f for f in frames if list(f.columns) == ["p"])
    assert rule["p"].iloc[0] == 0.6


def slider_point(at):
    """The sweep chart's dots for the slider (filled) and for the student's vector: {kind: frame}."""
    _, frames = chart(at, "Both losses against")
    dots = [f for f in frames if {"p", "value", "loss", "point"} <= set(f.columns)]
    assert len(dots) == 1
    return {kind: rows for kind, rows in dots[0].groupby("point")}


@pytest.mark.parametrize("p", [0.05, 0.0, 1.0, 0.37])
def test_the_probability_slider_moves_the_point_and_the_numbers(loss_page, p):
    at = loss_page.slider(key="loss.p").set_value(p).run()
    assert_clean(at)
    # independently: y_t = p on the correct class, (1 - p) / 9 on each of the nine others
    others = (1 - p) / 9
    mse = 0.5 * ((p - 1) ** 2 + 9 * others ** 2)
    cee = -math.log(p + 1e-7)
    shown = metrics(at)
    assert float(shown[f"Mean squared error at y_t = {p:.2f}"]) == pytest.approx(mse, rel=1e-5)
    assert float(shown[f"Cross-entropy error at y_t = {p:.2f}"]) == pytest.approx(cee, rel=1e-5)
    points = slider_point(at)
    slider = points["slider"].set_index("loss")
    assert slider["p"].tolist() == [p, p]
    assert slider.loc["Mean squared error", "value"] == pytest.approx(mse)
    assert slider.loc["Cross-entropy error", "value"] == pytest.approx(min(cee, 5.0))  # the chart is cut at 5
    assert points["yours"]["p"].tolist() == [0.6, 0.6]  # the vector above is still marked
    _, frames = chart(at, "Both losses against")
    rule = next(f for f in frames if list(f.columns) == ["p"])
    assert rule["p"].iloc[0] == p
    assert float(at.query_params["p"]) == p  # a link reopens the same point


def test_the_probability_slider_comes_from_the_link_in_chinese():
    at = open_page(PAGE, "zh", {"p": "0.2"})
    assert_clean(at)
    assert at.slider(key="loss.p").value == 0.2
    assert float(metrics(at)["交叉熵误差（y_t = 0.20）"]) == pytest.approx(-math.log(0.2 + 1e-7), rel=1e-5)


def test_log_axis_shows_where_delta_takes_over(loss_page):
    at = loss_page.toggle(key="loss.logx").set_value(True).run()
    spec, frames = chart(at, "The curve −log y")
    curves = frame_with(frames, "y", "value", "curve")
    tiny = curves[curves["y"] < 1e-10]
    assert tiny.groupby("curve")["value"].max().min() < 16.2 < tiny["value"].max()


# mini-batches --------------------------------------------------------------------------------

def batch_losses(at):
    _, frames = chart(at, "Mini-batch loss")
    return frame_with(frames, "N", "loss")


def test_minibatch_spread_shrinks_with_batch_size(loss_page):
    losses = batch_losses(loss_page)
    assert losses.groupby("N").size().to_dict() == {n: loss.DRAWS for n in ("1", "10", "100", "1000")}
    spread = losses.groupby("N")["loss"].std()
    assert spread["1"] > spread["10"] > spread["100"] > spread["1000"]
    full = float(metrics(loss_page)["Loss over all 8,000 training images"])
    assert 0.3 < full < math.log(10) - 0.5                            # trained: not stuck at ln 10
    assert losses[losses["N"] == "1000"]["loss"].mean() == pytest.approx(full, abs=0.02)


def test_untrained_network_sits_at_ln_10(loss_page):
    at = loss_page.radio(key="loss.net").set_value("untrained").run()
    assert_clean(at)
    assert float(metrics(at)["Loss over all 8,000 training images"]) == pytest.approx(math.log(10), abs=0.01)
    assert "ln 10" in at.info[-1].value


def test_minibatches_are_reproducible_and_redraw_changes_them(loss_page):
    first = batch_losses(loss_page)["loss"].to_numpy()
    again = batch_losses(loss_page.run())["loss"].to_numpy()
    np.testing.assert_array_equal(first, again)
    at = loss_page.button(key="loss.redraw").click().run()
    assert at.number_input(key="loss.seed").value == 1
    assert not np.array_equal(first, batch_losses(at)["loss"].to_numpy())


# loss vs accuracy ----------------------------------------------------------------------------

def nudge(at):
    _, loss_frames = chart(at, "Loss: smooth")
    _, acc_frames = chart(at, "Accuracy: steps")
    return frame_with(loss_frames, "delta", "loss"), frame_with(acc_frames, "delta", "accuracy")


def test_loss_is_smooth_and_accuracy_is_piecewise_constant(loss_page):
    at = loss_page.button(key="loss.steepest").click().run()
    assert_clean(at)
    losses, accuracies = nudge(at)
    assert losses["loss"].nunique() > 0.95 * len(losses)             # it moves with every nudge
    steps = np.diff(accuracies["accuracy"].to_numpy())
    assert np.mean(steps == 0) > 0.8                                  # flat almost everywhere
    assert np.allclose(np.round(accuracies["accuracy"] * 100), accuracies["accuracy"] * 100)  # k / 100
    shown = metrics(at)
    assert shown["Slope of the accuracy at the current weight"] == "0"
    assert abs(float(shown["Slope of the loss at the current weight"])) > 1e-3


def test_steepest_weight_and_nudge_keep_the_shared_network_unchanged(loss_page):
    at = loss_page.button(key="loss.steepest").click().run()
    j, k = at.number_input(key="loss.j").value, at.number_input(key="loss.k").value
    assert (j, k) != (0, 0)
    assert re.search(rf"W2\[{j}, {k}\]", str(chart(at, "Loss: smooth")[0]))
    from ui import data
    net = loss.network("trained", "sample", data.sample())
    assert not net.params["W2"].flags.writeable
