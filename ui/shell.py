"""What every page shares: page config, the sidebar (language, chapter map, data) and a safety net.

Each page script is written as::

    with shell.page("loss"):
        ...widgets, one call into core, charts...
"""
import contextlib
import inspect
import logging
import re
import textwrap

import streamlit as st

from core import mnist
from ui import data, desk, params, reconnect, server  # noqa: F401 - server: process-wide settings, applied on import
from ui.i18n import LANG_STATE, LANGUAGES, current_language, labeler, t

# (page id, script path relative to the entry script, icon)
PAGES = (
    ("home", "streamlit_app.py", ":material/home:"),
    ("loss", "pages/1_loss_functions.py", ":material/functions:"),
    ("derivative", "pages/2_numerical_derivative.py", ":material/show_chart:"),
    ("gradient", "pages/3_gradient.py", ":material/explore:"),
    ("network", "pages/4_network_gradient.py", ":material/hub:"),
    ("training", "pages/5_training.py", ":material/model_training:"),
    ("sweep", "pages/6_sweep.py", ":material/grid_on:"),
    ("inside", "pages/7_inside.py", ":material/visibility:"),
)
# Every list of the chapter's pages (tests, benches, the load script) is read from PAGES.
SCRIPTS = {page_id: (None if path == "streamlit_app.py" else path) for page_id, path, _ in PAGES}
# On a phone a wide markdown table (the derivative page's digits) scrolls sideways inside itself,
# instead of making the whole page pan; on a wide screen nothing changes.
SCROLLING_TABLES_CSS = ("<style>[data-testid='stMarkdownContainer'] table "
                        "{display: block; width: max-content; max-width: 100%; overflow-x: auto}</style>")
LANG_WIDGET = "sidebar.language"
DATA_WIDGET = "sidebar.data"
FIRST_RUN_DONE = "url.first_run_done"
WHOLE_RUN = "shell.whole_page_run"  # True while the whole page runs, not one of its sections alone
log = logging.getLogger(__name__)

# Streamlit's front end adds a browser history entry (history.pushState) for every new query
# string. Here a new page still adds one, but a new setting on the same page replaces the
# page's entry: Back returns to the previous page with the settings it had, not to the
# previous value of a slider. (Streamlit's own URL-bound widgets also replace.)
HISTORY = """<style>div[data-testid="stElementContainer"]:has(#history-by-page){display:none}</style>
<span id="history-by-page"></span>
<script>
if (!window.historyByPage) {
  window.historyByPage = true;
  const push = window.history.pushState.bind(window.history);
  window.history.pushState = function (state, title, url) {
    const next = new URL(url, window.location.href);
    if (next.pathname === window.location.pathname) {
      window.history.replaceState(state, title, url);
    } else {
      push(state, title, url);
    }
  };
}
</script>"""


def url_path(page_id):
    """The page's path in the app's URL: Streamlit names a page after its file, without the
    leading number ("pages/1_loss_functions.py" -> "loss_functions"; the overview is "")."""
    script = SCRIPTS[page_id]
    return "" if script is None else re.sub(r"^\d+_", "", script.rsplit("/", 1)[-1][:-3])


def _language_picker():
    lang = current_language()
    st.session_state[LANG_WIDGET] = lang  # the widget follows the plain key on every page

    def chosen():
        st.session_state[LANG_STATE] = st.session_state[LANG_WIDGET]

    st.sidebar.radio("Language / 语言", list(LANGUAGES), key=LANG_WIDGET, horizontal=True,
                     format_func=LANGUAGES.get, on_change=chosen)


def _chapter_map():
    st.sidebar.markdown(f"**{t('nav.heading')}**")
    for page_id, path, icon in PAGES:
        st.sidebar.page_link(path, label=t(f"nav.{page_id}"), icon=icon)


def _download_full():
    bar = st.sidebar.progress(0.0, text=t("data.downloading", name=""))
    sizes = {}

    def progress(name, done, total):
        sizes[name] = (done, total)
        done_all = sum(d for d, _ in sizes.values())
        total_all = sum(tot for _, tot in sizes.values()) or 1
        bar.progress(min(done_all / total_all, 1.0), text=t("data.downloading", name=name))

    try:
        data.full(progress=progress)
    except (mnist.MnistDownloadError, ValueError, OSError) as err:
        log.warning("full MNIST unavailable: %s", err)
        bar.empty()
        st.session_state["data.download_failed"] = True
        st.session_state[data.SOURCE_STATE] = "sample"
        return
    bar.empty()
    st.session_state.pop("data.download_failed", None)
    st.session_state[data.SOURCE_STATE] = "full"


def _data_panel():
    st.sidebar.markdown(f"**{t('data.heading')}**")
    available = data.full_available()
    if available:
        st.session_state.setdefault(data.SOURCE_STATE, "sample")
        st.session_state[DATA_WIDGET] = st.session_state[data.SOURCE_STATE]

        def chosen():
            st.session_state[data.SOURCE_STATE] = st.session_state[DATA_WIDGET]

        st.sidebar.radio(t("data.choose"), ["sample", "full"], key=DATA_WIDGET, on_change=chosen,
                         format_func=labeler("data."), label_visibility="collapsed")
    else:
        st.session_state[data.SOURCE_STATE] = "sample"
        if st.sidebar.button(t("data.download"), key="sidebar.download", help=t("data.download_help")):
            _download_full()
            if st.session_state.get(data.SOURCE_STATE) == "full":
                st.rerun()
    chosen_data = data.current()
    st.sidebar.caption(t(f"data.status_{chosen_data.source}", train=f"{chosen_data.train_size:,}",
                         test=f"{chosen_data.test_size:,}"))
    if st.session_state.get("data.download_failed"):
        st.sidebar.warning(t("data.download_failed"))


def scrolling_tables():
    """Let this page's markdown tables scroll sideways on a narrow screen (a style rule; it takes no room)."""
    st.html(SCROLLING_TABLES_CSS)


CODE_HEIGHT = 420  # px: a longer source scrolls inside its box, so the picture stays in view


def show_code(*objects, container=None):
    """An expander with the source of the ``core`` functions that did the work.

    Pages draw it right under the picture those functions computed (in ``container``, the
    picture's column, when the picture shares its row with controls), so the two are seen
    together; a long source scrolls inside a box of CODE_HEIGHT pixels, and long lines wrap
    rather than scroll sideways on a phone.
    """
    source = "\n\n".join(textwrap.dedent(inspect.getsource(obj)).rstrip() for obj in objects)  # methods too
    names = ", ".join(getattr(obj, "__qualname__", getattr(obj, "__name__", "")) for obj in objects)
    height = CODE_HEIGHT if source.count("\n") > CODE_HEIGHT // 21 else "content"
    with (container or st).expander(f"{t('common.show_code')} · {names}", icon=":material/code:"):
        st.code(source, language="python", height=height, wrap_lines=True)  # no sideways scrolling on a phone


def guarded(function):
    """Run a fragment body behind the same safety net as the page."""
    def body(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except Exception:  # noqa: BLE001 - see page()
            log.exception("fragment %s failed", function.__name__)
            st.error(t("common.unexpected"))
    body.__name__ = function.__name__
    return body


def section(function):
    """``function`` as a part of the page that reruns alone (``st.fragment``) when one of its
    own widgets changes: the browser then redraws that part, not the whole page.

    On a slow laptop the browser's redraw of a whole page, sidebar included, is most of
    the time a change takes (bench/bench_interactions.py); a section's redraw costs what its
    own elements cost.  The function must draw
    only into containers it creates (Streamlit refuses writes outside a fragment on a
    real server) and should not read what another section's widgets set.  A section run
    alone writes the URL itself (the page's end, ``page``, does not run then).
    """
    guarded_function = guarded(function)

    def body(*args, **kwargs):
        alone = not st.session_state.get(WHOLE_RUN)
        result = guarded_function(*args, **kwargs)
        if alone:
            params.write_url(lang=current_language())
        return result

    body.__name__ = function.__name__
    return st.fragment(body)


@contextlib.contextmanager
def page(page_id):
    """Page config, sidebar, URL notices and a net that turns an unexpected error into a message."""
    renewed = reconnect.renewed(page_id)  # before any widget: the browser's values tell a returning page
    if LANG_STATE not in st.session_state and st.query_params.get("lang") in LANGUAGES:
        st.session_state[LANG_STATE] = st.query_params["lang"]  # a shared link chose the language
    lang = current_language()
    st.set_page_config(page_title=f"{t(f'nav.{page_id}', lang)} · {t('app.short_title', lang)}",
                       page_icon="🐟", layout="wide")
    st.sidebar.html(HISTORY, unsafe_allow_javascript=True)
    params.begin_run()
    _language_picker()
    _chapter_map()
    _data_panel()
    taken_back = desk.current()  # a reload takes its training runs back on whichever page it lands
    notices = st.container()
    if renewed and taken_back.pristine:  # a new session, and nothing of the old one came back
        notices.info(t("session.renewed"), icon=":material/sync_problem:")
    st.session_state[WHOLE_RUN] = True
    try:
        yield
    except Exception:  # noqa: BLE001 - the student sees a message, the log keeps the traceback
        log.exception("page %s failed", page_id)
        st.error(t("common.unexpected"))
    finally:
        st.session_state[WHOLE_RUN] = False  # also when a rerun or stop ends this run early
    rejected = params.pop_notices()
    for name, raw, default in rejected:
        notices.warning(t("common.url_bad", name=name, value=raw, default=default), icon=":material/link_off:")
    _write_url(bool(rejected))


def _write_url(rejected):
    """The page's whole URL state, written once at the end of the run (see params.write_url).

    On a session's first run a link that already says what is shown (the settings it names
    are the ones in use; the others are at their defaults) is left as it is: the browser may
    not have the HISTORY rule yet, and rewriting the link would add a second entry.
    """
    lang = current_language()
    if not st.session_state.get(FIRST_RUN_DONE):
        st.session_state[FIRST_RUN_DONE] = True
        if not rejected and params.url_agrees(lang=lang):
            return
    params.write_url(lang=lang)
