"""Browser Back in a real browser: one history entry per page visit, Back = the previous page
with the settings it had, and a setting changed on a page does not add an entry."""
import re

import pytest

from tests.e2e.browser import IDLE, PAGES, assert_no_error
from ui.i18n import messages


def settle(page):
    page.wait_for_timeout(400)  # the rerun starts after the click
    page.wait_for_selector(IDLE, timeout=60_000)


def entries(page):
    return page.evaluate("window.history.length")


def visit(page, name):
    """Open a chapter page from the sidebar's chapter map, as a student does."""
    label = messages()[f"nav.{name}"]["en"]
    page.locator("[data-testid='stSidebar']").get_by_role("link", name=label).click()
    page.wait_for_url(re.compile(rf"/{PAGES[name]}\?"), timeout=20_000)
    page.get_by_role("heading", name=label, exact=True).wait_for()
    settle(page)


def test_back_returns_to_the_previous_page_with_its_settings(open_app):
    page = open_app("home", "en")
    settle(page)
    start = entries(page)

    visit(page, "loss")
    assert entries(page) == start + 1
    page.get_by_text("Logarithmic horizontal axis", exact=False).click()  # a setting of this page
    settle(page)
    assert "logx=1" in page.url
    assert entries(page) == start + 1  # the setting replaced the page's entry

    visit(page, "training")
    assert entries(page) == start + 2
    iterations = page.get_by_label("Iterations", exact=True)
    iterations.fill("1234")
    iterations.press("Enter")
    settle(page)
    assert "iters=1234" in page.url
    assert entries(page) == start + 2

    page.go_back()
    page.wait_for_url(re.compile(rf"/{PAGES['loss']}\?"), timeout=20_000)
    page.get_by_role("heading", name=messages()["nav.loss"]["en"], exact=True).wait_for()
    settle(page)
    assert "logx=1" in page.url
    assert page.get_by_role("switch", name=re.compile("Logarithmic horizontal axis")).is_checked()
    assert_no_error(page)

    page.go_forward()
    page.wait_for_url(re.compile(rf"/{PAGES['training']}\?"), timeout=20_000)
    page.get_by_role("heading", name=messages()["nav.training"]["en"], exact=True).wait_for()
    settle(page)
    assert page.get_by_label("Iterations", exact=True).input_value() == "1234"

    page.go_back()
    page.go_back()  # loss, then the overview
    page.wait_for_url(re.compile(r"/\?lang=en"), timeout=20_000)
    page.get_by_role("heading", name=messages()["app.title"]["en"], exact=True).wait_for()
    assert_no_error(page)


def _deltas(page):
    """Collect the Delta messages the server sends from now on (the page's websocket)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    found = []

    def frame(payload):
        if isinstance(payload, bytes):
            msg = ForwardMsg.FromString(payload)
            if msg.WhichOneof("type") == "delta":
                found.append(msg.delta)

    page.on("websocket", lambda ws: ws.on("framereceived", frame))
    return found


def _hidden_one_step(page):
    label = messages()["network.hidden"]["en"]
    slider = page.locator("[data-testid='stSlider']").filter(has_text=label).locator("input[type=range]")
    slider.focus()
    slider.press("ArrowRight")


def _book_y2(page):
    page.get_by_role("button", name=messages()["loss.preset_book2"]["en"], exact=True).click()


@pytest.mark.parametrize("name, change, setting", [("network", _hidden_one_step, "hidden=20"),
                                                   ("loss", _book_y2, "y=0.1")])
def test_a_change_reruns_only_its_part_of_the_page_and_the_url_follows(page, open_app, name, change, setting):
    """The page's main change redraws only the part it concerns (every element sent belongs to
    a fragment: the title, the sidebar and the other part stay), and the URL still says it."""
    deltas = _deltas(page)
    open_app(name, "en")
    page.wait_for_timeout(500)
    start = entries(page)
    deltas.clear()
    change(page)
    settle(page)
    page.wait_for_timeout(500)
    assert setting in page.url
    assert entries(page) == start
    assert deltas, "nothing was redrawn"
    assert all(d.fragment_id for d in deltas), "a change reran the whole page"
    assert_no_error(page)
