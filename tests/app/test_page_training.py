"""The training page: settings, the epoch arithmetic, live runs, Stop, divergence, comparison, limits."""
import base64
import io
import sys
import time

import numpy as np
import pytest
from PIL import Image
from streamlit.runtime.scriptrunner_utils.exceptions import StopException

import core.sgd
from tests.app.helpers import assert_clean, charts, chart_frame, open_page
from ui import records, training

PAGE = "pages/5_training.py"


def wait_for_run(at, seconds=60):
    """Rerun the page (as the live fragment would) until the run has been filed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        at.run()
        assert_clean(at)
        if at.session_state["training.desk"].job is None:
            return at
        time.sleep(0.1)
    raise AssertionError("the run did not finish in time")


@pytest.fixture(autouse=True)
def no_leftover_slots():
    yield
    training._slots.clear()


@pytest.mark.parametrize("lang, text", [("en", "8,000 ÷ 100 → 80 iterations"), ("zh", "8,000 ÷ 100 → 80 次迭代")])
def test_epoch_is_defined_with_the_actual_numbers(lang, text):
    at = open_page(PAGE, lang=lang)
    assert_clean(at)
    assert any(text in c.value for c in at.caption)
    at.number_input(key="training.batch").set_value(300).run()
    assert any("8,000 ÷ 300 → 27" in c.value for c in at.caption)


def test_a_short_run_finishes_and_is_kept_for_comparison():
    at = open_page(PAGE, query={"iters": "400"})
    at.button(key="training.start").click().run()
    wait_for_run(at)
    assert at.success[0].value.startswith("Run 1 finished: test accuracy")
    runs = at.session_state["training.desk"].runs
    assert len(runs) == 1 and runs[0]["iters_done"] == 400 and runs[0]["lr"] == 0.1
    # a second run with another learning rate: both appear in the comparison chart and table
    at.select_slider(key="training.lr").set_value(1.0).run()
    at.button(key="training.start").click().run()
    wait_for_run(at)
    table = at.dataframe[0].value
    assert list(table["lr"]) == [0.1, 1.0]
    by_run = [i for i, (spec, _) in enumerate(charts(at)) if "'field': 'run'" in str(spec)]
    assert by_run, "no chart colours its lines by run"
    assert chart_frame(at, by_run[0])["run"].nunique() == 2
    # the test images with the latest network's answers, misclassified first
    shown = at.session_state["training.desk"].runs[-1]["examples"]
    assert len(shown["labels"]) == 12 and len(at.get("image")) == 1 and len(at.get("image")[0].proto.imgs) == 12
    # ... sent inside the page's message, each the digit shown (a file could be dropped before the browser asks)
    for img, digit in zip(at.get("image")[0].proto.imgs, shown["images"]):
        head, _, body = img.url.partition(",")
        assert head == "data:image/png;base64", img.url[:40]
        assert np.array_equal(np.asarray(Image.open(io.BytesIO(base64.b64decode(body)))), 255 - digit)


def test_a_run_whose_worker_fails_says_so_and_is_kept(monkeypatch):
    def broken(self, *args, **kwargs):
        raise MemoryError("no room for the step buffers")

    monkeypatch.setattr(core.sgd.Trainer, "run", broken)
    for lang, text in (("en", "ended unexpectedly"), ("zh", "意外中止")):
        at = open_page(PAGE, lang=lang, query={"iters": "400"})
        at.button(key="training.start").click().run()
        wait_for_run(at)
        assert [e.value for e in at.error if text in e.value], [e.value for e in at.error]
        assert at.session_state["training.desk"].runs[-1]["worker_error"]
        assert not at.exception


def test_filing_a_run_interrupted_by_the_next_rerun_loses_nothing(monkeypatch):
    """Streamlit ends a script run at a session-state access when the student has already
    asked for the next run: the run must then be filed completely on a later try."""
    at = open_page(PAGE, query={"iters": "300"})
    at.button(key="training.start").click().run()
    at.session_state["training.desk"].job.thread.join(30)
    real, interrupted = training.runs, []

    def runs_interrupted_once():
        if sys._getframe(1).f_code.co_name == "finish" and not interrupted:
            interrupted.append(True)
            raise StopException()  # what a pending rerun request raises there
        return real()

    monkeypatch.setattr(training, "runs", runs_interrupted_once)
    at.run()
    assert interrupted and at.session_state["training.desk"].runs == []
    assert not at.session_state["training.desk"].job.filed
    wait_for_run(at)
    runs = at.session_state["training.desk"].runs
    assert [r["id"] for r in runs] == [1] and runs[0]["iters_done"] == 300
    assert at.success[0].value.startswith("Run 1 finished")


def test_stop_keeps_the_partial_run():
    at = open_page(PAGE, query={"iters": "100000"})
    at.button(key="training.start").click().run()
    time.sleep(0.5)
    at.button(key="training.stop").click().run()
    wait_for_run(at, seconds=10)
    run = at.session_state["training.desk"].runs[-1]
    assert run["status"] == "stopped" and 0 < run["iters_done"] < 100_000
    assert run["test_acc"], "a stopped run is evaluated where it stopped"
    assert "stopped after" in at.info[0].value


def test_divergence_ends_the_run_with_a_message(monkeypatch):
    real_step = core.sgd.sgd_step
    calls = []

    def step_then_blow_up(*args):
        calls.append(1)
        return float("nan") if len(calls) >= 7 else real_step(*args)

    monkeypatch.setattr(core.sgd, "sgd_step", step_then_blow_up)
    at = open_page(PAGE, query={"iters": "500"})
    at.button(key="training.start").click().run()
    wait_for_run(at)
    assert "diverged" in at.error[0].value and "iteration 7" in at.error[0].value
    run = at.session_state["training.desk"].runs[-1]
    assert run["status"] == "diverged" and run["diverged_at"] == 7 and len(run["loss"]) == 6


def test_a_batch_larger_than_the_data_is_explained_and_cannot_start():
    at = open_page(PAGE, query={"batch": "9000"})
    assert_clean(at)
    assert "larger than the training set (8,000 images)" in at.warning[0].value
    assert at.button(key="training.start").disabled


def test_url_settings_round_trip_and_bad_values_fall_back():
    at = open_page(PAGE, query={"lr": "0.3", "batch": "50", "hidden": "100", "mode": "epochs", "epochs": "3"})
    assert at.select_slider(key="training.lr").value == 0.3
    assert at.number_input(key="training.batch").value == 50
    assert any("160 iterations per epoch" not in c.value and "3 epochs" not in c.value for c in at.caption)
    assert any("480 iterations" in c.value for c in at.caption)  # 3 epochs x ceil(8000 / 50)
    at.select_slider(key="training.hidden").set_value(20).run()
    assert at.query_params["hidden"] in ("20", ["20"])
    bad = open_page(PAGE, query={"lr": "abc", "batch": "-5", "seed": "nan"})
    assert_clean(bad)
    assert bad.select_slider(key="training.lr").value == 0.1
    assert bad.number_input(key="training.batch").value == 100
    notices = " ".join(w.value for w in bad.warning)
    assert "“lr” (abc)" in notices and "“batch” (-5)" in notices and "“seed” (nan)" in notices


def test_server_limits_explain_themselves(monkeypatch):
    monkeypatch.setenv("DLFS_MAX_ITERS", "1000")
    at = open_page(PAGE, query={"mode": "epochs", "epochs": "20"})
    assert_clean(at)
    assert "more than this server allows per run (1,000)" in at.warning[0].value
    assert at.button(key="training.start").disabled
    assert any("This server's limits: at most 1,000 iterations" in c.value for c in at.caption)
    monkeypatch.setenv("DLFS_MAX_HIDDEN", "20")
    capped = open_page(PAGE, query={"hidden": "50"})
    assert capped.select_slider(key="training.hidden").value == 20
    assert "“hidden” (50) is not allowed here; the default 20 is used" in capped.warning[0].value


def test_a_full_server_queues_the_run(monkeypatch):
    monkeypatch.setenv("DLFS_MAX_CONCURRENT_RUNS", "1")
    training._slots.add("someone else")
    at = open_page(PAGE, query={"iters": "200"})
    at.button(key="training.start").click().run()
    time.sleep(0.5)
    at.run()
    assert "server is busy" in at.info[0].value
    assert at.session_state["training.desk"].job.trainer.history.iters_done == 0
    training._slots.discard("someone else")
    wait_for_run(at)
    assert at.session_state["training.desk"].runs[-1]["iters_done"] == 200


@pytest.mark.parametrize("lang, query, said, causes, status", [
    ("en", {"lr": "30", "iters": "1500"}, "did not learn: its loss ended higher than it began",
     ["The steps are too large"], "did not learn"),
    ("zh", {"lr": "30", "iters": "1500"}, "但没有学会：损失最后比一开始还高", ["步子太大了"], "没有学会"),
    ("en", {"lr": "30", "std": "1", "hidden": "1000", "batch": "1", "iters": "600"}, "did not learn",
     ["The initial weights are too large", "The steps are too large"], "did not learn"),
    ("en", {"lr": "0.001", "iters": "500"}, "close to what guessing gets (10%)",
     ["The steps are too small, or too few"], "did not learn"),
])
def test_a_run_that_did_not_learn_is_not_reported_as_a_success(lang, query, said, causes, status):
    at = open_page(PAGE, lang=lang, query=query)
    at.button(key="training.start").click().run()
    wait_for_run(at)
    assert not at.success, [s.value for s in at.success]
    shown = [w.value for w in at.warning]
    assert any(said in text for text in shown), shown
    for cause in causes:  # each likely cause, with what to try
        assert any(cause in text for text in shown), (cause, shown)
    table = at.dataframe[0].value
    status_column = {"en": "status", "zh": "状态"}[lang]
    assert list(table[status_column]) == [status]  # the table and the CSV say it too
    run = at.session_state["training.desk"].runs[-1]
    assert run["status"] == "did_not_learn" and run["causes"]


def test_a_kept_run_carries_its_final_weights_as_float32():
    at = open_page(PAGE, query={"iters": "300", "hidden": "20"})
    at.button(key="training.start").click().run()
    wait_for_run(at)
    run = at.session_state["training.desk"].runs[-1]
    params = run["params"]
    assert sorted(params) == ["W1", "W2", "b1", "b2"]
    assert params["W1"].shape == (784, 20) and all(p.dtype == np.float32 for p in params.values())
    assert not params["W1"].flags.writeable  # shared with the inside page: never changed in place
    # the weights that give the run's own test accuracy
    from core.evaluation import predict_u8
    from ui import data

    sample = data.sample()
    accuracy = np.mean(predict_u8(params, sample.x_test).argmax(axis=1) == sample.t_test)
    assert accuracy == pytest.approx(run["test_acc"][-1], abs=1e-9)


def test_kept_weights_stay_within_the_sessions_budget():
    def record(hidden):
        return {"params": {"W1": np.zeros((784, hidden), np.float32), "b1": np.zeros(hidden, np.float32),
                           "W2": np.zeros((hidden, 10), np.float32), "b2": np.zeros(10, np.float32)}}

    book = [record(50) for _ in range(12)]
    records.trim_params(book)
    assert all(r["params"] is not None for r in book)  # twelve book runs: 1.9 MB, all kept
    wide = [record(1000) for _ in range(12)]
    records.trim_params(wide)
    kept = [r["params"] is not None for r in wide]
    assert kept[-1] and not kept[0] and kept == sorted(kept)  # the newest ones keep their weights
    assert sum(r["params"]["W1"].nbytes for r in wide if r["params"]) <= records.PARAMS_BUDGET
    single = [record(1000)]
    records.trim_params(single, budget=1)
    assert single[0]["params"] is not None  # the latest run always keeps its weights


def test_a_run_label_the_browser_showed_before_a_rename_keeps_its_run_shown(monkeypatch):
    """Labels name what differs, so filing a run renames the others ("#1" becomes "#1 · seed 0").
    A browser that sends the label it showed before the rename (its request crossed the new
    page on the way) must neither break the page nor lose that run from the comparison."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState
    from streamlit.testing.v1.element_tree import Multiselect

    at = open_page(PAGE, query={"iters": "20"})
    at.button(key="training.start").click().run()
    wait_for_run(at)
    assert at.multiselect(key=training.SHOWN).options == ["#1"]
    at.number_input(key="training.seed").set_value(5).run()
    at.button(key="training.start").click().run()
    wait_for_run(at)
    assert at.multiselect(key=training.SHOWN).options == ["#1 · seed 0", "#2 · seed 5"]

    def as_before_the_rename(self):
        state = WidgetState(id=self.id)
        state.string_array_value.data[:] = ["#1"]
        return state

    monkeypatch.setattr(Multiselect, "_widget_state", property(as_before_the_rename))
    at.run()
    assert_clean(at)
    assert at.session_state[training.SHOWN] == [1]  # what that browser had chosen: run 1, still shown
    assert at.multiselect(key=training.SHOWN).options == ["#1 · seed 0", "#2 · seed 5"]
