"""The shipped deployment, for real: two replicas started as the systemd unit starts them, behind
nginx with the shipped site (templated only for ports and paths), driven by Chromium.

One deployment serves the whole module, in order: every page in both languages, a training
run with its images and CSV downloads, a class of ten (bench/load_test.py) that must stay
sticky, then one replica killed in the middle of a class and started again.  Screenshots
go to test-artifacts/deploy/.
"""
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bench import load_test
from bench.proxy import Proxied
from bench.serving import ROOT
from tests.e2e.browser import IDLE, PAGES, assert_no_error
from tests.e2e.conftest import browser_context_args, browser_type_launch_args  # noqa: F401 - fixtures
from ui.i18n import messages

# Every test here on the browser's parameter, also those that open no page: pytest groups the
# tests of a session-scoped parameter together across modules, and a module split in two
# started the deployment, and its class of ten, twice (about 100 s of CI).
pytestmark = pytest.mark.usefixtures("browser_name")

ARTIFACTS = ROOT / "test-artifacts" / "deploy"
SESSIONS = 10
TEXT = messages()

IMAGES_LOADED_JS = """() => [...document.querySelectorAll("[data-testid='stImage'] img")]
  .every(i => i.complete && i.naturalWidth > 0)"""


def record_media(page, media):
    """Note (status, file name) of every file Streamlit serves this page."""
    page.on("response", lambda r: "/ch4/media/" in r.url and media.append((r.status, r.url.rsplit("/", 1)[-1])))


def only_replaced_csvs_failed(media):
    """The front end checks each download button's file as the button appears; a CSV that a rerun
    has just replaced can answer 404 then, even on one server. Any other failure is a fault."""
    return all(status in (200, 304) or name.endswith(".csv") for status, name in media)


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    """Two replicas (timed by the load test's server clock) behind nginx, for this module."""
    workdir = tmp_path_factory.mktemp("deploy")

    def replica(flags, env, log_path):
        return load_test.Server(workdir, {}, None, flags=flags, env=env)

    deployed = Proxied(workdir, replicas=2, make_replica=replica, ttl=2)
    yield deployed
    deployed.stop()


def replica_of(context):
    """The replica nginx pinned this browser to (its cookie)."""
    return next((c["value"] for c in context.cookies() if c["name"] == "dlfs_ch4_replica"), None)


def student(context, deployment, name):
    """Label this browser's requests in nginx's log."""
    context.add_cookies([{"name": "dlfs_student", "value": name, "url": deployment.url}])


def no_traceback(deployment):
    return [line for line in deployment.errors() if "Traceback" in line]


# ------------------------------------------------------------------ every page, both languages

@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_renders_through_the_proxy(deployment, context, page, name, lang):
    student(context, deployment, f"render-{name}-{lang}")
    # Streamlit's front end first looks for its server under the page's own path (it does
    # so without a proxy too): those two 404s are expected, no other
    probes = {f"{deployment.url}/{PAGES[name]}/_stcore/{what}" for what in ("health", "host-config")}
    failed = []
    page.on("response", lambda r: r.status >= 400 and r.url not in probes and failed.append(f"{r.status} {r.url}"))
    page.goto(f"{deployment.url}/{PAGES[name]}?lang={lang}")
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_timeout(500)  # let the charts draw before the screenshot
    assert_no_error(page)
    title = TEXT["app.title" if name == "home" else f"nav.{name}"][lang]
    assert page.locator("h1").first.inner_text().strip() == title
    assert failed == []
    assert replica_of(context) in {str(r.port) for r in deployment.replicas}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{lang}.png"), full_page=True)


def test_a_training_run_its_images_and_downloads(deployment, context, page):
    student(context, deployment, "training")
    media = []  # the files Streamlit serves (the downloads below); the example digits travel in the page
    record_media(page, media)
    page.goto(f"{deployment.url}/{PAGES['training']}?lang=en&iters=300")
    page.wait_for_selector(IDLE, timeout=60_000)
    page.get_by_role("button", name="Start training").click()
    page.get_by_text("Run 1 finished").wait_for(timeout=90_000)
    page.wait_for_selector(IDLE)
    page.get_by_text(TEXT["training.examples"]["en"]).wait_for()
    images = page.locator("[data-testid='stImage'] img")
    images.first.wait_for()
    page.wait_for_function(IMAGES_LOADED_JS, timeout=30_000)
    assert images.count() == 12
    assert all(src.startswith("data:image/png;base64,") for src in images.evaluate_all("l => l.map(i => i.src)"))
    assert page.locator("[data-testid='stVegaLiteChart']").count() >= 2
    for key, first_line in (("training.csv_runs", "run,"), ("training.csv_curves", "run,")):
        with page.expect_download() as download:
            page.get_by_role("button", name=TEXT[key]["en"]).click()
        text = download.value.path().read_text(encoding="utf-8-sig")
        assert text.startswith(first_line) and len(text.splitlines()) >= 2, text[:200]
    assert only_replaced_csvs_failed(media), media  # (the downloads themselves were read above)
    assert_no_error(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "training-run.png"), full_page=True)


def test_language_and_settings_survive_navigation(deployment, context, page):
    student(context, deployment, "navigation")
    page.goto(f"{deployment.url}/{PAGES['training']}?lang=en")
    page.wait_for_selector(IDLE, timeout=60_000)
    page.get_by_label("Iterations", exact=True).fill("1234")
    page.get_by_label("Iterations", exact=True).press("Enter")
    page.wait_for_selector(IDLE)
    page.get_by_text("简体中文").click()
    page.get_by_role("heading", name=TEXT["nav.training"]["zh"]).wait_for()
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text(TEXT["nav.loss"]["zh"]).click()
    page.get_by_role("heading", name=TEXT["nav.loss"]["zh"]).wait_for()
    sidebar.get_by_text(TEXT["nav.training"]["zh"]).click()
    page.get_by_role("heading", name=TEXT["nav.training"]["zh"]).wait_for()
    page.wait_for_selector(IDLE)
    assert page.get_by_label("迭代次数", exact=True).input_value() == "1234"
    assert "/ch4/" in page.url and "lang=zh" in page.url
    assert_no_error(page)


def test_the_health_check_the_unit_waits_for(deployment):
    check = [sys.executable, str(ROOT / "deploy" / "healthcheck.py")]
    for replica in deployment.replicas:
        assert subprocess.run([*check, f"{replica.url}/_stcore/health"], capture_output=True).returncode == 0
    closed = subprocess.run([*check, "http://127.0.0.1:9/ch4/_stcore/health", "--wait", "1"], capture_output=True)
    assert closed.returncode == 1
    # and through nginx, for an outside monitor
    assert subprocess.run([*check, f"{deployment.url}/_stcore/health"], capture_output=True).returncode == 0


def test_nginx_caps_request_bodies(deployment):
    import urllib.error
    import urllib.request

    def post(size):
        request = urllib.request.Request(f"{deployment.url}/_stcore/upload_file/x/y", data=b"0" * size, method="PUT")
        try:
            with urllib.request.urlopen(request, timeout=30) as r:
                return r.status, r.read().decode(errors="replace")
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode(errors="replace")

    status, body = post(7 * 1024 * 1024)
    assert status == 413 and "nginx" in body  # refused by the proxy, never read by a replica
    status, body = post(1024)
    assert "nginx" not in body  # a small one reaches the app (which refuses it for its own reasons)


# ------------------------------------------------------------------ a class of ten

@pytest.fixture(scope="module")
def class_report(deployment):
    args = ["--sessions", str(SESSIONS), "--iters-min", "100", "--iters-max", "200", "--queue-sessions", "0",
            "--session-ttl", "2", "--settle", "0", "--step-timeout", "120", "--think", "0", "--timeout", "480",
            "--no-warm-up", "--quiet"]  # the tests above have visited every page on both replicas
    result = {}

    def run():  # in its own thread: the browser tests' Playwright keeps an event loop in this one
        try:
            result["report"] = load_test.main(args, target=deployment)
        except BaseException as err:  # noqa: BLE001 - handed to the tests
            result["error"] = err

    worker = threading.Thread(target=run, name="class-through-the-proxy")
    worker.start()
    worker.join()
    if "error" in result:
        raise result["error"]
    return result["report"]


def test_the_class_completes_through_the_proxy(class_report):
    assert "error" not in class_report, class_report.get("error")
    sessions = class_report["sessions"]
    failed = {s["index"]: s["error"] for s in sessions if s["error"]}
    assert not failed, f"{failed}; replicas' log: {class_report.get('server_errors')}"
    assert all(s["ok"] and s["matched"] for s in sessions)  # every run shows its own settings
    assert {s["lang"] for s in sessions} == {"en", "zh"}


def test_each_student_stays_on_one_replica_and_both_serve(class_report, deployment):
    proxy = class_report["proxy"]
    assert sorted(proxy["replicas_by_student"]) == [f"class-{i}" for i in range(SESSIONS)]
    assert all(len(ports) == 1 for ports in proxy["replicas_by_student"].values()), proxy["replicas_by_student"]
    assert sorted(proxy["students_by_replica"]) == sorted(str(r.port) for r in deployment.replicas)
    assert all(n >= 2 for n in proxy["students_by_replica"].values())
    # every student sees the run's 12 example digits loaded, sent inside the page (as files they could
    # be deleted before the browser asked); a request for a larger picture (a file) that a later run
    # had already replaced can 404 on its way (on one server too): that one is no longer shown
    sessions = {f"class-{s['index']}": s for s in class_report["sessions"]}
    assert all(len(s["images_shown"]) == 12 and s["images_broken"] == [] for s in sessions.values()), \
        {name: s["images_broken"] for name, s in sessions.items()}
    assert all(path.startswith("data:") for s in sessions.values() for path in s["images_shown"])
    for failed in proxy["media_failed"]:
        name, _, uri = failed.split()
        assert uri not in sessions[name]["images_shown"], failed


def test_no_traceback_in_either_replica(class_report, deployment):
    assert no_traceback(deployment) == []


def test_the_replicas_write_nothing_to_their_home(class_report, deployment):
    """The unit's sandbox makes home folders unreachable (ProtectHome): the app must not need one."""
    homes = [Path(replica.env["HOME"]) for replica in deployment.replicas]
    assert all(home.is_dir() and home != Path.home() for home in homes)
    assert [sorted(home.iterdir()) for home in homes] == [[], []]


# ------------------------------------------------------------------ a replica dies mid-class

def _open(browser, deployment, name, lang="en"):
    context = browser.new_context(viewport={"width": 1400, "height": 1600}, locale="en-US")
    student(context, deployment, name)
    page = context.new_page()
    page.sockets = []
    page.on("websocket", lambda ws: page.sockets.append(ws))
    page.media = []  # the files Streamlit serves (none is expected to fail)
    record_media(page, page.media)
    page.goto(f"{deployment.url}/{PAGES['training']}?lang={lang}&iters=200")
    page.wait_for_selector(IDLE, timeout=60_000)
    return context, page


def _train(page, lang, run):
    page.get_by_role("button", name=TEXT["training.start"][lang]).click()
    done = TEXT["training.done_finished"][lang].replace("{id}", str(run)).split("{")[0].strip()
    page.get_by_text(done).first.wait_for(timeout=120_000)
    page.wait_for_selector(IDLE)


def test_a_replica_dies_and_comes_back(deployment, browser, class_report):  # after the class
    renewed = {lang: TEXT["session.renewed"][lang] for lang in ("en", "zh")}
    opened = []
    try:
        while len(opened) < 8 and len({replica_of(c) for c, _, _ in opened}) < 2 or len(opened) < 4:
            lang = "zh" if len(opened) % 2 else "en"
            context, page = _open(browser, deployment, f"failover-{len(opened)}", lang)
            opened.append((context, page, lang))
        by_replica = {}
        for context, page, lang in opened:
            by_replica.setdefault(replica_of(context), []).append((context, page, lang))
        assert len(by_replica) == 2, "newcomers were not spread over both replicas"
        for _, page, lang in opened:
            _train(page, lang, 1)
        dying_port, survivors = sorted(by_replica)[0], by_replica[sorted(by_replica)[1]]
        dying = deployment.replica_at(dying_port)
        dying.kill()
        moved = by_replica[dying_port]
        for context, page, lang in moved:
            while len(page.sockets) < 2:  # the page reconnects by itself
                page.wait_for_timeout(200)
            # the first interaction runs the page in a new session on the other replica, with the message
            page.get_by_label(TEXT["training.seed"][lang], exact=True).fill("7")
            page.get_by_label(TEXT["training.seed"][lang], exact=True).press("Enter")
            page.get_by_text(renewed[lang]).wait_for(timeout=60_000)
            page.wait_for_selector(IDLE)
            assert_no_error(page)
            assert page.locator("h1").first.inner_text().strip() == TEXT["nav.training"][lang]
            assert replica_of(context) != dying_port
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"after-failover-{lang}.png"), full_page=True)
            _train(page, lang, 1)  # and it works there: a run with its images
            page.wait_for_function(IMAGES_LOADED_JS, timeout=30_000)
        for context, page, lang in survivors:  # untouched: same websocket, same session, no message
            assert len(page.sockets) == 1 and replica_of(context) != dying_port
            page.get_by_label(TEXT["training.seed"][lang], exact=True).fill("8")
            page.get_by_label(TEXT["training.seed"][lang], exact=True).press("Enter")
            page.wait_for_selector(IDLE)
            assert page.get_by_text(renewed[lang]).count() == 0
            assert page.locator("[data-testid='stImage'] img").count() == 12  # its run is still there
        dying.start()  # back (waits for its health check)
        newcomers = []  # nginx leaves a replica that refused a connection out for 10 s, then tries it again
        while len(newcomers) < 8 and dying_port not in {replica_of(context) for context, _ in newcomers}:
            if newcomers:
                newcomers[-1][1].wait_for_timeout(2000)
            newcomers.append(_open(browser, deployment, f"after-restart-{len(newcomers)}"))
        assert dying_port in {replica_of(context) for context, _ in newcomers}
        assert_no_error(newcomers[-1][1])
        for context, page, lang in moved:  # the moved ones stay where their session now is
            _train(page, lang, 2)
            assert replica_of(context) != dying_port
            page.wait_for_function(IMAGES_LOADED_JS, timeout=30_000)
            assert only_replaced_csvs_failed(page.media), page.media
        for context, _ in newcomers:
            context.close()
    finally:
        for context, _, _ in opened:
            context.close()
    assert no_traceback(deployment) == []
