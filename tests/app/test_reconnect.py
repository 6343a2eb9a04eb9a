"""A browser that comes back to a server that no longer has its session (the server restarted,
or its replica died and the proxy sent it to another one): the page runs again in a fresh
session and says so, instead of silently dropping the runs the student had trained."""
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.helpers import ENTRY, assert_clean, open_page
from ui.i18n import messages
from ui.shell import SCRIPTS


def _renewed_text(at):
    return [el.value for el in at.info if el.value in {messages()["session.renewed"][lang] for lang in ("en", "zh")}]


def _come_back(old):
    """A new server-side session whose browser sends the widget values ``old`` last drew."""
    new = AppTest.from_file(ENTRY, default_timeout=60)
    new.query_params.update(old.query_params)
    new._page_hash = old._finished_page_script_hash  # the browser stays on the page it shows
    return new._run(old._tree.get_widget_states())


def test_a_fresh_visit_shows_no_message():
    at = open_page(lang="en")
    assert _renewed_text(at) == []
    at.run()
    assert _renewed_text(at) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", [path for path in SCRIPTS.values() if path])
def test_a_browser_back_on_a_new_session_is_told(page, lang):
    old = open_page(page, lang=lang)
    at = _come_back(old)
    assert_clean(at)
    assert _renewed_text(at) == [messages()["session.renewed"][lang]]
    at.run()  # still on the same page: the message stays
    assert _renewed_text(at) == [messages()["session.renewed"][lang]]
    at.switch_page("streamlit_app.py").run()  # elsewhere it has been read
    assert _renewed_text(at) == []
