"""Every page opens in both languages without an error, under its title, and fits a phone (390x844)
and a desktop (1400 px): nothing pans sideways, every chart stays inside its column.  Screenshots of the whole page go to test-artifacts/e2e/."""
import pytest

from tests.e2e.browser import ARTIFACTS, IDLE, LOADED_JS, PAGES, assert_no_error, wait_until_drawn
from ui.i18n import messages

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 1000}

# The page scrolls inside [data-testid='stMain'] (the document itself stays one screen high),
# so a chart wider than the screen widens that scroll area, not the document: check both.
FIT_JS = """() => {
  const main = document.querySelector("[data-testid='stMain']");
  const out = {viewport: window.innerWidth, document: document.documentElement.scrollWidth,
               main: main.scrollWidth, mainClient: main.clientWidth, charts: []};
  for (const chart of document.querySelectorAll("[data-testid='stVegaLiteChart']")) {
    const column = chart.parentElement.closest("[data-testid='stColumn'], [data-testid='stVerticalBlock']");
    const c = chart.getBoundingClientRect(), k = column.getBoundingClientRect();
    const drawn = chart.querySelector("canvas, svg");
    const d = drawn ? drawn.getBoundingClientRect() : c;
    out.charts.push({left: Math.min(c.left, d.left), right: Math.max(c.right, d.right),
                     width: Math.max(c.width, d.width), columnLeft: k.left, columnRight: k.right,
                     height: d.height});
  }
  return out;
}"""


# (and no element still a placeholder: a chart whose code is loading has no stVegaLiteChart yet)
DRAWN_JS = f"""() => ({LOADED_JS})()
  && [...document.querySelectorAll("[data-testid='stVegaLiteChart']")].every(c => {{
  const g = c.querySelector("canvas, svg"); if (!g) return false;
  const r = g.getBoundingClientRect(); return r.width > 0 && r.height > 0; }})"""


MAIN_HEIGHT_JS = "() => document.querySelector(\"[data-testid='stMain']\").scrollHeight"


def open_sized(browser, server, name, lang, viewport):
    context = browser.new_context(viewport=viewport, locale="en-US")
    page = context.new_page()
    page.goto(f"{server}/{PAGES[name]}?lang={lang}")
    wait_until_drawn(page)  # (an empty page would pass 'every chart drawn')
    page.wait_for_function(DRAWN_JS, timeout=60_000)
    page.wait_for_timeout(300)
    return context, page


def whole_page_screenshot(page, viewport, path):
    """The page scrolls inside stMain: grow the viewport to its height for one picture (again
    while the height changes: elements drawn on reaching the screen can grow it)."""
    height = 0
    for _ in range(5):
        wanted = min(page.evaluate(MAIN_HEIGHT_JS), 16_000)
        if wanted == height:
            break
        height = wanted
        page.set_viewport_size({"width": viewport["width"], "height": height})
        page.wait_for_function(DRAWN_JS)
        page.wait_for_timeout(700)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_fits_the_screen_and_every_chart_its_column(browser, server, name, lang, viewport):
    """Also: the page opens in that language without an error element, under its own title."""
    context, page = open_sized(browser, server, name, lang, viewport)
    try:
        assert_no_error(page)
        title = messages()["app.title" if name == "home" else f"nav.{name}"][lang]
        assert page.locator("h1").first.inner_text().strip() == title
        fit = page.evaluate(FIT_JS)
        assert fit["document"] <= fit["viewport"], f"the page is {fit['document']} px wide"
        assert fit["main"] <= fit["mainClient"], f"the page pans sideways: {fit['main']} px in {fit['mainClient']}"
        for i, chart in enumerate(fit["charts"]):
            inside = chart["left"] >= chart["columnLeft"] - 1 and chart["right"] <= chart["columnRight"] + 1
            assert inside, f"chart {i} spans {chart['left']:.0f}-{chart['right']:.0f} px, " \
                           f"its column {chart['columnLeft']:.0f}-{chart['columnRight']:.0f} px"
            assert chart["height"] > 0, f"chart {i} is not drawn"
        whole_page_screenshot(page, viewport, ARTIFACTS / f"{name}-{lang}-{viewport['width']}.png")
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_training_charts_fit_a_phone_after_a_run(browser, server, lang):
    """The training page draws its charts only once a run exists: train a short one first."""
    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"{server}/{PAGES['training']}?lang={lang}&iters=300")
        page.wait_for_selector(IDLE, timeout=60_000)
        page.get_by_role("button", name=messages()["training.start"][lang]).click()
        page.get_by_text("Run 1 finished" if lang == "en" else "第 1 次训练完成").wait_for(timeout=120_000)
        page.wait_for_selector(IDLE, timeout=60_000)
        # the finished run's charts come with the page's next whole run: wait for them to be drawn
        page.wait_for_function(f"() => document.querySelectorAll(\"[data-testid='stVegaLiteChart']\").length >= 4 "
                               f"&& ({DRAWN_JS})()", timeout=60_000)
        fit = page.evaluate(FIT_JS)
        assert len(fit["charts"]) >= 4  # the run's loss and accuracy, and the runs compared
        assert fit["main"] <= fit["mainClient"], f"the page pans sideways: {fit['main']} px in {fit['mainClient']}"
        for i, chart in enumerate(fit["charts"]):
            assert chart["left"] >= chart["columnLeft"] - 1 and chart["right"] <= chart["columnRight"] + 1, i
        whole_page_screenshot(page, PHONE, ARTIFACTS / f"training-run-{lang}-390.png")
    finally:
        context.close()


def test_long_numbers_in_the_derivative_table_do_not_pan_a_phone(browser, server):
    """A typed formula's numbers are longer than the presets': the table scrolls, the page does not."""
    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"{server}/{PAGES['derivative']}?lang=en&f=custom&h=0.1&x=3.7")
        page.wait_for_selector(IDLE, timeout=60_000)
        page.wait_for_function(DRAWN_JS, timeout=60_000)
        fit = page.evaluate(FIT_JS)
        assert fit["main"] <= fit["mainClient"], f"the page pans sideways: {fit['main']} px in {fit['mainClient']}"
        table = page.locator("[data-testid='stMarkdownContainer'] table").first
        assert table.evaluate("t => t.scrollWidth > t.clientWidth")  # every digit is there, a swipe away
    finally:
        context.close()
