"""The sweep page in Chromium: the shipped grid drawn, a cell picked, its curves shown; desktop and phone."""
import pytest

from tests.e2e.browser import ARTIFACTS, IDLE, PAGES, assert_no_error, snapshot

CHARTS = "[data-testid='stVegaLiteChart']"
TEXT = {  # what the page draws for the shipped grid, per language
    "en": {"pick_lr": "Learning rate η of the curves", "row": "one η, every batch size", "series": "batch 1000",
           "best": "Best held-out accuracy with cross-entropy: 93.7%"},
    "zh": {"pick_lr": "曲线的学习率 η", "row": "一个 η，所有批大小", "series": "批大小 1000",
           "best": "交叉熵误差的最佳留出数据精度：93.7%"},
}


def chart_text(page, index):
    return page.locator(CHARTS).nth(index).locator("svg").first.text_content() or ""


def wait_for_text(page, index, text):
    page.wait_for_function(
        "([sel, i, text]) => { const c = document.querySelectorAll(sel)[i]; "
        "return !!c && !!c.querySelector('svg') && c.querySelector('svg').textContent.includes(text); }",
        arg=[CHARTS, index, text], timeout=30_000)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sweep_page_drawn_a_cell_picked_and_its_curves_shown(open_app, lang):
    words = TEXT[lang]
    page = open_app("sweep", lang)
    wait_for_text(page, 0, "93.7%")  # the cross-entropy heat map: the best cell's mean over its seeds
    wait_for_text(page, 3, "epoch")  # two heat maps, then two curve charts
    assert page.locator(CHARTS).count() == 4
    assert "✗ 3/3" in chart_text(page, 0)  # cells that did not learn are marked in the map itself
    page.get_by_text(words["best"]).wait_for()
    assert_no_error(page)
    snapshot(page, f"sweep-{lang}")
    # pick the cell at η = 10 (one step right of the default 1), then its whole row
    thumb = page.locator("[data-testid='stSlider']").filter(has_text=words["pick_lr"]).locator("input[type=range]")
    thumb.focus()
    thumb.press("ArrowRight")
    page.wait_for_function("() => new URLSearchParams(location.search).get('plr') === '10'", timeout=30_000)
    page.wait_for_selector(IDLE)
    page.get_by_text(words["row"]).click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('pick') === 'row'", timeout=30_000)
    page.wait_for_selector(IDLE)
    wait_for_text(page, 2, words["series"])  # one curve per batch size at η = 10
    assert_no_error(page)
    snapshot(page, f"sweep-picked-{lang}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sweep_page_on_a_phone(browser, server, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN" if lang == "zh" else "en-US")
    try:
        page = context.new_page()
        page.goto(f"{server}/{PAGES['sweep']}?lang={lang}")
        page.wait_for_selector(IDLE, timeout=60_000)
        wait_for_text(page, 0, "93.7%")
        assert_no_error(page)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"sweep-phone-{lang}.png"))
        heat = page.locator(CHARTS).nth(0)
        heat.scroll_into_view_if_needed()
        box = heat.bounding_box()
        assert box["width"] <= 390  # the map fits the phone's width: no sideways scrolling
        heat.screenshot(path=str(ARTIFACTS / f"sweep-phone-map-{lang}.png"))
        page.locator(CHARTS).nth(2).scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"sweep-phone-curves-{lang}.png"))
    finally:
        context.close()
