"""A language switch that keeps the settings; a short training run with Stop.  (Every page opening
in both languages: test_fit.py.)"""
import time

from tests.e2e.browser import ARTIFACTS, IDLE, assert_no_error, snapshot, wait_for_param


def test_language_switch_keeps_the_settings(open_app):
    page = open_app("training", "en", "iters=1234")
    page.get_by_text("简体中文").click()
    page.wait_for_selector(IDLE)
    page.get_by_role("heading", name="4.5 在 MNIST 上训练").wait_for()
    assert page.get_by_label("迭代次数", exact=True).input_value() == "1234"
    assert_no_error(page)


def test_training_runs_stops_and_appears_in_the_comparison(open_app):
    page = open_app("training", "en", "iters=300")
    page.get_by_role("button", name="Start training").click()
    page.get_by_text("Run 1 finished").wait_for(timeout=60_000)
    page.get_by_role("button", name="Start training").wait_for()
    # a long second run, stopped by the student
    page.get_by_label("Iterations", exact=True).fill("100000")
    page.get_by_label("Iterations", exact=True).press("Enter")
    wait_for_param(page, "iters", 100000)
    page.wait_for_selector(IDLE)
    page.get_by_role("button", name="Start training").click()
    page.get_by_text("Run 2: iteration").wait_for(timeout=20_000)
    page.wait_for_timeout(1500)
    pressed = time.monotonic()
    page.get_by_role("button", name="Stop").click()
    page.get_by_text("Run 2 stopped after").wait_for(timeout=10_000)
    stop_seconds = time.monotonic() - pressed
    page.wait_for_selector(IDLE)
    assert page.get_by_text("Runs compared").is_visible()
    table = page.locator("[data-testid='stDataFrame']").first
    table.wait_for()
    assert_no_error(page)
    snapshot(page, "training-after-stop")
    (ARTIFACTS / "stop-seconds.txt").write_text(f"{stop_seconds:.2f}\n")
    assert stop_seconds < 5, f"Stop took {stop_seconds:.1f} s to show"
