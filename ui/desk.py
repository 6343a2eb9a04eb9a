"""A student's training desk: the run training now and the runs kept, surviving a reload.

Reloading the page (or a browser that reconnects after a network cut) starts a new
Streamlit session with an empty ``session_state``: the run that was training would go on
without a page, holding one of the server's run slots, and the kept runs would be gone.
So the training state of a session lives in one ``Desk`` object, also registered here
under the browser it belongs to.  A new session of the same browser whose first script
run finds a desk whose own session has gone (disconnected) takes that desk over: the
running run, its progress and charts, and every kept run come back.

The browser is recognised by the XSRF cookie Streamlit sets for it (a random token that
stays the same across reloads; only its hash is kept here).  Without that cookie (XSRF
protection off, cookies blocked, or under AppTest) nothing is taken over, and a run whose
page has gone gives its slot back within seconds (``ui.training``).
"""
import hashlib
import threading
import time
from dataclasses import dataclass, field

import streamlit as st

DESK = "training.desk"   # session_state key of the session's Desk
KEEP_SECONDS = 120.0     # a desk whose session has gone is kept this long (Streamlit keeps the session as long)

_registry = {}           # browser -> [Desk], shared by all sessions of this process
_registry_lock = threading.Lock()


@dataclass(eq=False)
class Desk:
    """The training state of one student's page.

    job : the run training now (ui.training.Job) or None.
    runs : kept run records, oldest first (ui.records.kept_record).
    next_id : the number the next run gets.
    owner : the Streamlit session showing this desk (None outside a server).
    browser : hash of the browser's XSRF token, or None when it is unknown.
    left_at : monotonic time the owner was last seen gone (for expiry).
    """

    job: object = None
    runs: list = field(default_factory=list)
    next_id: int = 1
    owner: str | None = None
    browser: str | None = None
    left_at: float | None = None

    @property
    def pristine(self):
        """Nothing trained here yet: no run, none kept."""
        return self.job is None and not self.runs and self.next_id == 1


def session_id():
    """This script run's Streamlit session id, or None outside a running server (AppTest
    runs scripts without one: there is no connection to watch)."""
    from streamlit import runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None and runtime.exists() else None


def session_active(session):
    """Whether a Streamlit session still has its browser connected (True outside a server,
    where there is no connection to lose)."""
    from streamlit import runtime

    if session is None or not runtime.exists():
        return True
    return runtime.get_instance().is_active_session(session)


def browser_id():
    """A stable, anonymous id of this browser (hash of its XSRF token), or None."""
    try:
        cookie = st.context.cookies.get("_streamlit_xsrf")
    except Exception:  # noqa: BLE001 - no request context (AppTest, a thread): unknown browser
        return None
    if not cookie:
        return None
    try:  # the token inside the cookie: the cookie itself is masked afresh on every page load
        from streamlit.web.server.starlette.starlette_app_utils import decode_xsrf_token_string
    except ImportError:  # another Streamlit: recognise no browser rather than fail
        return None
    token, _ = decode_xsrf_token_string(cookie)
    return hashlib.sha256(token).hexdigest() if token else None


def current():
    """This session's Desk: one taken over from a reload of the same browser, else the one
    in session_state, else a new one.  While this session's desk is still empty it looks
    again on every run (the old page's disconnect may reach the server after the new
    page's first run)."""
    desk = st.session_state.get(DESK)
    if desk is not None and not desk.pristine:
        return desk
    browser = desk.browser if desk is not None else browser_id()
    found = _take_over(browser, session_id())
    if found is not None:
        if desk is not None:
            _unregister(desk)
        desk = found
    elif desk is None:
        desk = _register(Desk(owner=session_id(), browser=browser))
    st.session_state[DESK] = desk
    return desk


def _register(desk):
    if desk.browser is not None:
        with _registry_lock:
            _registry.setdefault(desk.browser, []).append(desk)
    return desk


def _unregister(desk):
    with _registry_lock:
        mine = _registry.get(desk.browser, [])
        if desk in mine:
            mine.remove(desk)


def _take_over(browser, me):
    """The newest desk of ``browser`` whose session has gone, now owned by ``me``; or None."""
    if browser is None:
        return None
    with _registry_lock:
        _expire()
        orphans = [d for d in _registry.get(browser, [])
                   if d.owner != me and not d.pristine and not session_active(d.owner)]
        if not orphans:
            return None
        desk = max(orphans, key=lambda d: d.next_id if d.job is None else float("inf"))
        desk.owner, desk.left_at = me, None
        return desk


def expire():
    """Forget desks whose session has been gone for more than KEEP_SECONDS (the server's
    periodic collector calls this, so a class that has left leaves nothing behind)."""
    with _registry_lock:
        _expire()


def _expire(now=None):
    """Forget desks whose session has been gone for more than KEEP_SECONDS (lock held)."""
    now = time.monotonic() if now is None else now
    for browser in list(_registry):
        kept = []
        for desk in _registry[browser]:
            if session_active(desk.owner):
                desk.left_at = None
            elif desk.left_at is None:
                desk.left_at = now
            if desk.left_at is None or (not desk.pristine and now - desk.left_at <= KEEP_SECONDS):
                kept.append(desk)
        if kept:
            _registry[browser] = kept
        else:
            del _registry[browser]
