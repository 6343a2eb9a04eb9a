"""What a student sees at 1400 px and on a 390 px phone, in both languages: whole legends,
and the code beside (or right under) the picture it computes."""
import pytest

from tests.e2e.browser import IDLE, PAGES, assert_no_error, snapshot

WIDTHS = {"desktop": (1400, 2400), "phone": (390, 844)}
# pages with the longest legends: (page, link settings, legend labels to wait for)
LEGEND_PAGES = [("derivative", "f=custom&expr=x**3-2*x&x=1", 4 + 2), ("derivative", "f=book&x=5", 4 + 2),
                ("loss", "", 2 + 2 + 2)]

# legend labels that Vega cut ("…") or that stick out of the chart (the SVG clips them)
CUT_LEGEND_LABELS = """() => Array.from(document.querySelectorAll("[data-testid='stVegaLiteChart'] svg.marks"))
  .flatMap(svg => {
    const box = svg.getBoundingClientRect();
    return Array.from(svg.querySelectorAll(".role-legend-label text")).map(text => {
      const r = text.getBoundingClientRect();
      return {text: text.textContent, cut: text.textContent.endsWith("…"),
              out: r.left < box.left - 1 || r.right > box.right + 1};
    });
  }).filter(label => label.cut || label.out)"""


@pytest.fixture(params=list(WIDTHS))
def screen(request, browser, server):
    width, height = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    page = context.new_page()

    def go(name, lang, query=""):
        page.goto(f"{server}/{PAGES[name]}?lang={lang}" + (f"&{query}" if query else ""))
        page.wait_for_selector(IDLE, timeout=60_000)
        page.wait_for_timeout(1500)  # Vega draws after the run
        return page

    go.size = request.param
    yield go
    context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name, query, labels", LEGEND_PAGES)
def test_chart_legends_are_whole(screen, name, query, labels, lang):
    page = screen(name, lang, query)
    for chart in page.locator("[data-testid='stVegaLiteChart']").all():
        chart.scroll_into_view_if_needed()  # charts below the fold are drawn when seen
    legend = page.locator("[data-testid='stVegaLiteChart'] .role-legend-label text")
    legend.nth(labels - 1).wait_for(timeout=30_000)
    assert page.evaluate(CUT_LEGEND_LABELS) == []
    assert_no_error(page)


# the picture just above each "Show the code", and how far the opened code starts below it
CODE_UNDER_PICTURE = """() => {
  const charts = Array.from(document.querySelectorAll("[data-testid='stVegaLiteChart'], [data-testid='stDataFrame'], .katex-display"))
    .map(e => e.getBoundingClientRect());
  return Array.from(document.querySelectorAll("[data-testid='stExpander']"))
    .filter(e => e.querySelector("summary").textContent.includes("·"))
    .map(e => {
      const code = e.querySelector("[data-testid='stCode']").getBoundingClientRect();
      const above = charts.filter(c => c.bottom <= code.top + 1).sort((a, b) => b.bottom - a.bottom)[0];
      return {name: e.querySelector("summary").textContent, gap: code.top - above.bottom,
              fromTop: code.top - above.top, pictureHeight: above.height, codeHeight: code.height};
    });
}"""


@pytest.mark.parametrize("name, query", [("loss", ""), ("derivative", "f=custom&expr=x**3-2*x&x=1"),
                                         ("gradient", ""), ("network", "")])
def test_code_opens_right_under_its_picture(screen, name, query):
    page = screen(name, "en", query)
    summaries = page.locator("[data-testid='stExpander'] summary").filter(has_text="·")
    assert summaries.count() >= 1
    for summary in summaries.all():
        summary.click()
    page.locator("[data-testid='stExpander'] [data-testid='stCode']").nth(summaries.count() - 1).wait_for()
    viewport = page.viewport_size["height"]
    for code in page.evaluate(CODE_UNDER_PICTURE):
        # only the picture's captions (and the expander's header) between them
        assert code["gap"] < 260, code
        # scrolled to the top of the picture, a phone still shows the start of the code
        assert code["fromTop"] < min(viewport, 1000) or code["pictureHeight"] > viewport - 200, code
        assert code["codeHeight"] < 480, code  # a long source scrolls in its box
    snapshot(page, f"{name}-code-{screen.size}")
    assert_no_error(page)
