"""The training page in Chromium: many runs compared, a reload during a run, a page that
goes away, a batch typed larger than the data."""
import re
import time

import pytest

from tests.e2e.browser import IDLE, PAGES, assert_no_error, snapshot, wait_for_param
from tests.e2e.conftest import streamlit_server

# each chart: the height of its plotting area and the labels of its legend
CHARTS_JS = """() => [...document.querySelectorAll("[data-testid='stVegaLiteChart'] svg")].map(svg => {
  const whole = svg.getBoundingClientRect().height;
  const plots = [...svg.querySelectorAll("path.background")].map(p => p.getBoundingClientRect().height)
    .filter(h => h < whole - 5);
  return {plot: Math.max(0, ...plots), legend: [...svg.querySelectorAll(".role-legend-label text")].map(t => t.textContent)};
})"""
FINISHED = re.compile(r"Run (\d+) (finished|ran all)")


def run_once(page, number):
    page.get_by_role("button", name="Start training").click()
    page.get_by_text(re.compile(rf"Run {number} (finished|ran all)")).wait_for(timeout=60_000)
    page.wait_for_selector(IDLE)


def test_eight_runs_compared_keep_readable_charts_and_whole_legends(open_app, page):
    page = open_app("training", "en", "iters=60&lr=1&avg=0")
    for seed in range(8):
        if seed:
            field = page.get_by_label("Seed", exact=True)
            field.fill(str(seed))
            field.press("Enter")
            wait_for_param(page, "seed", seed)
            page.wait_for_selector(IDLE)
        run_once(page, seed + 1)
    for width in (1400, 390):  # a laptop, then a phone
        page.set_viewport_size({"width": width, "height": 2400})
        page.wait_for_timeout(800)  # the charts draw again at the new width
        charts = page.evaluate(CHARTS_JS)
        compared = [c for c in charts if any(label.startswith("#") for label in c["legend"])]
        assert compared, charts
        # only the seed differs between these runs: the labels say so, one per run, none cut
        assert compared[0]["legend"] == [f"#{k + 1} · seed {k}" for k in range(8)]
        assert all(c["plot"] >= 200 for c in charts), (width, charts)  # no chart squeezed by its legend
        assert_no_error(page)
        snapshot(page, f"training-eight-runs-{width}")


def test_seeds_averaged_into_one_line(open_app):
    page = open_app("training", "en", "iters=60&lr=1")
    run_once(page, 1)
    field = page.get_by_label("Seed", exact=True)
    field.fill("1")
    field.press("Enter")
    wait_for_param(page, "seed", 1)
    page.wait_for_selector(IDLE)
    run_once(page, 2)
    page.get_by_text("Average runs that differ only by seed").wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    legends = [c["legend"] for c in page.evaluate(CHARTS_JS) if c["legend"]]
    assert ["mean of 2 seeds"] in legends, legends


def test_a_reload_during_a_run_brings_it_back(open_app):
    page = open_app("training", "en", "iters=30000")
    page.get_by_role("button", name="Start training").click()
    progress = page.get_by_text(re.compile(r"Run 1: iteration [\d,]+ of 30,000"))
    progress.wait_for(timeout=20_000)
    page.wait_for_timeout(1500)
    before = int(re.search(r"iteration ([\d,]+)", progress.inner_text()).group(1).replace(",", ""))
    page.reload()
    page.wait_for_selector(IDLE)
    progress.wait_for(timeout=20_000)  # the same run, still going, on the new page
    page.wait_for_timeout(2500)
    after = int(re.search(r"iteration ([\d,]+)", progress.inner_text()).group(1).replace(",", ""))
    assert after > before
    page.get_by_role("button", name="Stop").click()
    page.get_by_text("Run 1 stopped after").wait_for(timeout=10_000)
    assert_no_error(page)


@pytest.fixture(scope="module")
def one_slot_server(tmp_path_factory):
    """A server that trains one run at a time, as a small host would."""
    with streamlit_server(tmp_path_factory.mktemp("one-slot"), DLFS_MAX_CONCURRENT_RUNS="1") as base:
        yield base


def test_a_page_that_goes_away_gives_its_slot_back(browser, one_slot_server):
    url = f"{one_slot_server}/{PAGES['training']}?lang=en"
    gone = browser.new_context()  # its own cookies: this browser never comes back
    page = gone.new_page()
    page.goto(url + "&iters=100000")
    page.wait_for_selector(IDLE, timeout=60_000)
    page.get_by_role("button", name="Start training").click()
    page.get_by_text(re.compile(r"Run 1: iteration [\d,]+ of 100,000")).wait_for(timeout=20_000)
    gone.close()  # the tab is closed mid-run: its run must not keep the only slot
    other = browser.new_context()
    student = other.new_page()
    student.goto(url + "&iters=300")
    student.wait_for_selector(IDLE, timeout=60_000)
    clicked = time.monotonic()
    student.get_by_role("button", name="Start training").click()
    # the orphan gives its slot back within a few seconds; before, it held it for 30 s
    student.get_by_text(FINISHED).wait_for(timeout=20_000)
    assert time.monotonic() - clicked < 20
    assert_no_error(student)
    other.close()


def test_the_warning_quotes_the_batch_that_was_typed(open_app):
    page = open_app("training", "en")
    field = page.get_by_label("Mini-batch size", exact=True)
    for typed, shown in (("9000", "9,000"), ("100000", "100,000")):
        field.fill(typed)
        field.press("Enter")
        page.get_by_text(f"The mini-batch ({shown}) is larger than the training set").wait_for(timeout=10_000)
    assert page.get_by_role("button", name="Start training").is_disabled()
    snapshot(page, "training-batch-too-big")
