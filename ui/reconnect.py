"""Has this browser shown the app before this session started?  Then say that the session is new.

Streamlit keeps a session in the memory of one server process.  When that process goes
away (a restart, a crash, a replica taken out behind a proxy), the browser reconnects, to
the same server once it is back or to another replica, and the page runs again in a *new*
session: the settings come back (they are in the URL and in the widget values the browser
sends), but what the old session held (trained runs, their images) is gone unless the
same process still has it (``ui.desk`` takes a reload's runs back), and without a word
the runs would just vanish.

That first run is recognisable: a new session normally starts with no widget values at
all, while a browser that was showing a page sends the value of every widget on it.
Streamlit has no public call for this; ``_browser_sent_widgets`` reads its session state
(checked with 1.67, tests/app/test_reconnect.py; if the internals move, no message is
shown and nothing else changes).
"""
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

SEEN = "session.seen"            # set on a session's first run
RENEWED_ON = "session.renewed_on"  # the page on which the new session started, while it shows the message


def _browser_sent_widgets():
    try:
        return bool(get_script_run_ctx().session_state._state._new_widget_state.states)
    except AttributeError:
        return False


def renewed(page_id):
    """True while page ``page_id`` should say that the session is new (call once per run, first).

    The message stays on the page where the new session started and is gone once the
    student moves to another page.
    """
    if SEEN not in st.session_state:
        st.session_state[SEEN] = True
        if _browser_sent_widgets():
            st.session_state[RENEWED_ON] = page_id
    elif st.session_state.get(RENEWED_ON) not in (None, page_id):
        del st.session_state[RENEWED_ON]
    return st.session_state.get(RENEWED_ON) == page_id
