"""What the browser tests share: where things are, screenshots, the no-error check."""
import os
from pathlib import Path

from ui.shell import SCRIPTS, url_path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PAGES = {page_id: url_path(page_id) for page_id in SCRIPTS}  # page id -> path in the URL
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


LOADED_JS = "() => !document.querySelector(\"[data-testid='stMain'] [data-testid='stSkeleton']\")"


def wait_until_drawn(page, timeout=60_000):
    """After a goto: the page's first run has drawn its title and finished, and every element is
    in place.  (The app's shell reads idle before that run has even started, when the page is
    still empty; and an element whose code the browser is still loading, a chart the first time,
    stands as a placeholder skeleton for a moment after the run has finished.)"""
    page.locator("[data-testid='stMain'] h1").first.wait_for(timeout=timeout)
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_function(LOADED_JS, timeout=timeout)


def wait_for_param(page, name, value):
    """Until the page's URL says ``name=value``: the rerun of a typed setting has finished."""
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('{name}') === '{value}'")


def snapshot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def assert_no_error(page):
    """No exception element and no safety-net message anywhere on the page."""
    exceptions = page.locator("[data-testid='stException']")
    assert exceptions.count() == 0, exceptions.first.inner_text()
    body = page.locator("[data-testid='stApp']").inner_text()
    assert "Something went wrong" not in body and "绘制本页时出了点问题" not in body
