"""The training page trains with the loss chosen in its settings (and in its link)."""
import pytest

from tests.app.helpers import assert_clean, open_page
from tests.app.test_page_training import PAGE, wait_for_run
from ui import training


@pytest.fixture(autouse=True)
def no_leftover_slots():
    yield
    training._slots.clear()


@pytest.mark.parametrize("lang, label", [("en", "mean squared error"), ("zh", "均方误差")])
def test_the_loss_is_a_setting_in_the_link_and_in_the_kept_run(lang, label):
    at = open_page(PAGE, lang=lang, query={"loss": "mean_squared_error", "iters": "120"})
    assert_clean(at)
    widget = at.radio(key="training.loss")
    assert widget.value == "mean_squared_error" and label in widget.options
    at.button(key="training.start").click().run()
    wait_for_run(at)
    run = at.session_state["training.desk"].runs[-1]
    assert run["loss_function"] == "mean_squared_error"
    # the first mini-batch's loss is the mean squared error of a near-uniform output: 0.45, not ln 10
    assert run["loss"][0] == pytest.approx(0.45, abs=0.01)
    at.radio(key="training.loss").set_value("cross_entropy").run()
    assert at.query_params["loss"] in (["cross_entropy"], "cross_entropy")
    at.button(key="training.start").click().run()
    wait_for_run(at)
    runs = at.session_state["training.desk"].runs
    assert [r["loss_function"] for r in runs] == ["mean_squared_error", "cross_entropy"]
    assert runs[1]["loss"][0] == pytest.approx(2.30, abs=0.02)  # ln 10
    # the comparison's table names each run's loss (and the labels, since only the loss differs)
    table = at.dataframe[0].value
    column = {"en": "loss", "zh": "损失函数"}[lang]
    assert list(table[column]) == ({"en": ["MSE", "cross-entropy"], "zh": ["均方误差", "交叉熵"]}[lang])


def test_a_bad_loss_in_the_link_falls_back_to_cross_entropy():
    at = open_page(PAGE, query={"loss": "hinge"})
    assert_clean(at)
    assert at.radio(key="training.loss").value == "cross_entropy"
    assert any("hinge" in w.value for w in at.warning)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_loss_page_links_to_training_with_measured_numbers(lang):
    """The sentence quotes what the engine gives for 5 epochs with each loss (η 0.1, batch 100, seed 0)."""
    from core.mnist import load_sample
    from core.sgd import Trainer, TrainConfig

    at = open_page("pages/1_loss_functions.py", lang=lang)
    assert_clean(at)
    link = [el.proto for el in at.main.get("page_link")][-1]
    assert link.page == "training" and link.query_string == "loss=mean_squared_error"
    text = next(m.value for m in at.markdown if "y − t" in m.value)
    for loss in ("cross_entropy", "mean_squared_error"):
        history = Trainer(load_sample(), TrainConfig(iters=400, lr=0.1, batch_size=100, seed=0, loss=loss)).run()
        assert f"{history.test_acc[-1]:.2%}" in text.replace(" %", "%")
