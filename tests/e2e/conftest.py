"""A real `streamlit run` on 127.0.0.1 and Debian's Chromium driven by Playwright.

Screenshots go to test-artifacts/e2e/ (not committed).  Chromium is looked up at
$CHROMIUM or /usr/bin/chromium; tests/run.sh installs it (Debian packages chromium and
fonts-noto-cjk) when it is missing.
"""
import contextlib
import os
from pathlib import Path

import pytest

from bench.serving import Streamlit
from tests.e2e.browser import CHROMIUM, PAGES, wait_until_drawn


@contextlib.contextmanager
def streamlit_server(folder, **env):
    """``streamlit run`` on a free port of 127.0.0.1 with ``env`` added; yields its base URL."""
    app = Streamlit(env=dict(os.environ, DLFS_CH4_CACHE=str(folder / "mnist-cache"), **env),
                    log_path=folder / "streamlit.log")
    try:
        yield app.url
    finally:
        app.stop()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """Base URL of the app, served for the whole test session."""
    with streamlit_server(tmp_path_factory.mktemp("server")) as base:
        yield base


@pytest.fixture(scope="session")
def browser_type_launch_args():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run tests/run.sh, or install Debian's "
                    "chromium and fonts-noto-cjk, or set $CHROMIUM")
    return {"executable_path": CHROMIUM, "args": [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]}


@pytest.fixture(scope="session")
def browser_context_args():
    return {"viewport": {"width": 1400, "height": 2200}, "locale": "en-US"}


@pytest.fixture
def open_app(page, server):
    """open_app("training", lang="zh", query="iters=100") -> the page, loaded and idle."""
    def go(name="home", lang="en", query=""):
        url = f"{server}/{PAGES[name]}?lang={lang}" + (f"&{query}" if query else "")
        page.goto(url)
        wait_until_drawn(page)
        return page
    return go
