"""The URL of a page is written once per script run, so a page visit is one history entry.

Streamlit's front end pushes a browser history entry for every query-string change the
script sends, so a page that wrote its settings one by one left ~8 entries per visit and
Back walked through them. (The Back button itself is tested in Chromium: tests/e2e.)
"""
import pytest
from streamlit.runtime.state.query_params import QueryParams

from tests.app.helpers import assert_clean, open_page
from ui.shell import SCRIPTS

PAGE_FILES = [path for path in SCRIPTS.values() if path]


@pytest.fixture
def url_writes(monkeypatch):
    """Every query string a script run sends to the browser, in order."""
    sent = []
    original = QueryParams._send_query_param_msg

    def counted(self):
        sent.append(dict(self.to_dict()))
        return original(self)

    monkeypatch.setattr(QueryParams, "_send_query_param_msg", counted)
    return sent


def test_a_page_visit_writes_the_url_at_most_once(url_writes):
    at = open_page(lang="en")
    for page in PAGE_FILES:
        url_writes.clear()
        at.switch_page(page).run()
        assert_clean(at)
        assert len(url_writes) <= 1, (page, url_writes)
        assert url_writes and url_writes[-1]["lang"] == "en", page  # the page's settings are in it
        url_writes.clear()
        at.run()  # nothing changed: nothing to write
        assert url_writes == [], (page, url_writes)


def test_a_widget_change_writes_the_whole_url_once(url_writes):
    at = open_page("pages/3_gradient.py", "zh")
    before = at.query_params.to_dict() if hasattr(at.query_params, "to_dict") else dict(at.query_params)
    url_writes.clear()
    at.number_input(key="gradient.lr").set_value(0.5).run()
    assert len(url_writes) == 1
    written = url_writes[0]
    assert written["lr"] == "0.5" and written["lang"] == "zh"
    assert set(written) == set(before)  # the other settings stay in the link


def test_a_link_keeps_settings_whose_widget_is_not_drawn_yet():
    # the typed formula is drawn only once "Type your own formula" is chosen
    at = open_page("pages/2_numerical_derivative.py", "en", {"f": "sin", "expr": "tanh(x)"})
    at.number_input(key="derivative.x").set_value(0.5).run()
    assert at.query_params["expr"] in ("tanh(x)", ["tanh(x)"]) and at.query_params["x"] in ("0.5", ["0.5"])
    at.selectbox(key="derivative.f").set_value("custom").run()
    assert at.text_input(key="derivative.expr").value == "tanh(x)"
