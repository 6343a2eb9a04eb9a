"""Does the dashboard hold a classroom?  N browser sessions against one real server.

    .venv/bin/python bench/load_test.py                  # 10 sessions
    .venv/bin/python bench/load_test.py --sessions 30    # a full class
    .venv/bin/python bench/load_test.py --replicas 2 --queue-sessions 0   # through nginx, two replicas
    .venv/bin/python bench/load_test.py --help           # limits, queue check, timeout, CPU pinning

The scene (hardening issue): a teacher projects the hosted demo and the class opens it
at once on one small server (Streamlit Community Cloud: one process, up to 2 cores,
as little as 690 MB).  This script starts ``streamlit run streamlit_app.py`` on
127.0.0.1 (an empty ``DLFS_CH4_CACHE``, so the embedded sample is used) and drives N
sessions in one headless Chromium (one context each; some in Chinese).  Each session
opens the overview, walks the chapter through the sidebar (4.2 ... 4.4.2, the
learning-rate x batch-size grid, shown from its shipped results: no session computes it,
and the page inside the trained network) changing a widget on every page, sets its own
hyperparameters on 4.5 (lr, hidden units, batch,
iterations, seed = its index), waits for the whole class, presses Start, changes its
seed and iterations for a next run while the run trains, waits for "Run 1 finished"
and checks that the runs table shows exactly the parameters it chose (no state
leaks between sessions, nor from the widgets into a running run).

With ``--replicas N`` the class goes through nginx (the shipped site, ``deploy/``) to N
replicas started as the systemd unit starts them (its limits and environment); nginx's
log then tells which replica served each session (each must keep to one), and RSS and
the server's clock add up the replicas.

A second, short phase restarts the server with ``DLFS_MAX_CONCURRENT_RUNS`` = 2 and
starts more runs than slots at once: some must show "The server is busy" and all must
finish with their own parameters.

Measured: sessions completed/failed; page interactions p50/p95 on two clocks: the
server's (the server is started through ``serve`` below, which stamps each rerun request
on arrival and the end of the script run that answers it; the target is checked on
this one) and the browsers' (click or change until
``[data-testid='stApp'][data-test-script-state='notRunning']`` and the expected
content are there: it includes Chromium's own drawing, on this machine's cores); the server's RSS from /proc (start, peak sampled every
0.2 s, end, after the sessions closed and their state expired); CPU.  The targets
are printed next to the figures with PASS/FAIL, then one JSON line.  The exit code
is 0 when every target passes.  Everything stops at ``--timeout`` seconds; the
servers are killed (process group) on any exit.
"""
import argparse
import asyncio
import json
import math
import os
import random
import re
import signal
import sys
import tempfile
import threading
import time
import traceback
import urllib.request
from collections import Counter, deque
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import serving  # noqa: E402 - how the app is started, for tests and benches alike
from ui.i18n import messages  # the catalogue: the same words the students see

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "test-artifacts" / "load"
LRS = (0.03, 0.1, 0.3)          # the page's select_slider neighbours of the default 0.1
HIDDEN = (20, 50, 100)          # ... and of the default 50 hidden units
TOUR = ("loss", "derivative", "gradient", "network", "sweep", "inside")
SWEEP_LRS = (0.01, 0.1, 1.0, 10.0, 100.0)  # the default grid's learning rates: its curves' picker
TARGETS = {"p95_interaction_s": 2.0, "rss_growth_per_session_mb": 15.0,
           "return_fraction": 0.20, "return_mb": 30.0}
MB = 1024 * 1024
CUT = "\x00"  # stands for a value not known in advance

# true once the app is idle and what the interaction should produce is on the page
WAIT_JS = """(w) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  if (w.h1 !== undefined &&
      ![...document.querySelectorAll("h1")].some(h => h.textContent.trim() === w.h1)) return false;
  if (w.param !== undefined) {
    const raw = new URLSearchParams(location.search).get(w.param);
    if (raw === null || Math.abs(parseFloat(raw) - w.value) > 1e-9 * Math.max(1, Math.abs(w.value))) return false;
  }
  if (w.text !== undefined && !document.body.textContent.includes(w.text)) return false;
  if (w.query !== undefined && !location.search.includes(w.query)) return false;
  if (w.texts !== undefined && !w.texts.some(t => document.body.textContent.includes(t))) return false;
  return true;
}"""
# notes a "server busy" notice from before Start is pressed (it may be gone before Start's rerun ends)
WATCH_JS = """(queued) => {
  window.__dlfsQueued = false;
  window.__dlfsWatch = setInterval(() => {
    if (document.body.textContent.includes(queued)) window.__dlfsQueued = true;
  }, 100);
}"""
TABLE_JS = """() => {
  const grid = document.querySelector("[data-testid='stDataFrame'] table[role=grid]");
  if (!grid) return null;
  return [...grid.querySelectorAll("tr")].map(r => [...r.querySelectorAll("th,td")].map(c => c.textContent.trim()));
}"""
IMAGES_JS = """() => [...document.querySelectorAll("[data-testid='stImage'] img")].map(i => [
  i.src.startsWith("data:") ? `data: ${i.src.length} characters` : new URL(i.src, location.href).pathname,
  i.complete, i.naturalWidth > 0])"""
PROBLEM_JS = """(unexpected) => !!document.querySelector("[data-testid='stException']")
  || unexpected.some(u => document.body.textContent.includes(u))"""


# ---------------------------------------------------------------- the server and its memory

def proc_status(pid):
    """{'VmRSS': bytes, 'VmHWM': bytes, 'Threads': n} from /proc/<pid>/status (empty if gone)."""
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    out[key] = int(value.split()[0]) * 1024
                elif key == "Threads":
                    out[key] = int(value)
    except OSError:
        pass
    return out


def cpu_seconds(pid):
    """User + system CPU time of a process so far."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


class Server(serving.Streamlit):
    """``streamlit run streamlit_app.py`` on 127.0.0.1 through ``serve`` below, in its own process group."""

    def __init__(self, workdir, env_extra, ttl, cpus=None, diagnose=False, flags=None, env=None):
        """``flags`` and ``env`` given: a replica as the systemd unit starts it (bench/proxy.py)."""
        port = int(serving.flag(flags, "server.port")) if flags else serving.free_port()
        if env is None:
            cache = Path(tempfile.mkdtemp(prefix="mnist-cache-", dir=workdir))  # empty: the embedded sample
            env = {k: v for k, v in os.environ.items() if not k.startswith("DLFS_")}
            env["DLFS_CH4_CACHE"] = str(cache)
        env = dict(env, **dict(env_extra))
        self.diag_path = Path(workdir) / f"diagnosis-{port}.json"
        self.times_path = Path(workdir) / f"times-{port}.json"
        self.diagnosing = diagnose
        env["DLFS_LOADTEST_DIAG"], env["DLFS_LOADTEST_TIMES"] = str(self.diag_path), str(self.times_path)
        # ``streamlit run`` started through ``serve`` below: the same server, plus a clock on
        # every rerun request and script run, read with SIGUSR2 (and SIGUSR1 for --diagnose)
        launcher = [sys.executable, str(Path(__file__).resolve()), "--serve"]
        flags = flags or serving.default_flags(port) + ["--server.disconnectedSessionTTL", str(ttl)]
        super().__init__(env=env, log_path=Path(workdir) / f"streamlit-{port}.log", flags=flags,
                         launcher=launcher, cpus=cpus)

    def rss(self):
        return proc_status(self.pid).get("VmRSS", 0)

    def diagnose(self, timeout=20):
        """Ask a ``--diagnose`` server what it holds (see ``serve``); None when not diagnosing."""
        if not self.diagnosing:
            return None
        return self._ask(signal.SIGUSR1, self.diag_path, timeout) or {"error": "no answer"}

    def served(self, timeout=20):
        """[(kind, page, seconds)] on the server's clock since the last call: from a rerun
        request's arrival to the end of the script run that answered it ("page" runs, and
        "fragment" runs of the live panel).  No browser in it."""
        return [tuple(item) for item in self._ask(signal.SIGUSR2, self.times_path, timeout) or []]

    def _ask(self, sig, path, timeout):
        path.unlink(missing_ok=True)
        os.kill(self.pid, sig)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                return json.loads(path.read_text())
            except (OSError, ValueError):
                time.sleep(0.2)
        return None


class RssSampler(threading.Thread):
    """Samples the servers' RSS and thread count (summed over ``pids``) every ``period`` seconds."""

    def __init__(self, pids, period=0.2):
        super().__init__(daemon=True, name="rss-sampler")
        self.pids, self.period = list(pids), period
        self.peak = self.peak_threads = 0
        self.samples = []
        self._stop_event = threading.Event()

    def run(self):
        t0 = time.monotonic()
        while not self._stop_event.is_set():
            statuses = [proc_status(pid) for pid in self.pids]
            rss = sum(status.get("VmRSS", 0) for status in statuses)
            self.samples.append((round(time.monotonic() - t0, 2), rss))
            self.peak = max(self.peak, rss)
            self.peak_threads = max(self.peak_threads, sum(status.get("Threads", 0) for status in statuses))
            self._stop_event.wait(self.period)

    def stop(self):
        self._stop_event.set()
        self.join(2)


def tree_cpu_seconds(root, exclude=()):
    """CPU seconds of ``root`` and its living descendants but ``exclude`` (this script, Playwright, Chromium)."""
    parent = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parent[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    tree, todo = {root}, [root]
    while todo:
        pid = todo.pop()
        kids = [c for c, p in parent.items() if p == pid and c not in tree and c not in exclude]
        tree.update(kids)
        todo.extend(kids)
    return sum(v for v in map(cpu_seconds, tree) if not math.isnan(v))


class StaticProbe(threading.Thread):
    """Fetches one of Streamlit's JS chunks every ``period`` s outside the browser: is the server slow to serve it?"""

    def __init__(self, base, period=3.0):
        super().__init__(daemon=True, name="static-probe")
        import streamlit

        chunks = sorted((Path(streamlit.__file__).parent / "static" / "static" / "js").glob("Checkbox.*.js"))
        self.url = f"{base}/static/js/{chunks[0].name}" if chunks else f"{base}/_stcore/health"
        self.period, self.times, self.errors = period, [], 0
        self._stop_event = threading.Event()

    def run(self):
        while not self._stop_event.is_set():
            t0 = time.perf_counter()
            try:
                with urllib.request.urlopen(self.url, timeout=60) as r:
                    r.read()
                self.times.append(time.perf_counter() - t0)
            except OSError:
                self.errors += 1
            self._stop_event.wait(self.period)

    def stop(self):
        self._stop_event.set()
        self.join(65)


class CpuMeter:
    """CPU over a span: the server's, this script's with its browser, and the whole machine's.

    ``other_cpu_s`` is what the rest of the machine used: a large value means the figures
    were disturbed by other work and should be taken again.
    """

    def __init__(self, pids):
        self.pids = set(pids)  # the servers (and nginx), each with what it started
        self.t0, self.cpu0, self.client0, self.sys0 = (time.monotonic(), self._servers(),
                                                        tree_cpu_seconds(os.getpid(), self.pids), self._system())

    def _servers(self):
        return sum(tree_cpu_seconds(pid) for pid in self.pids)

    @staticmethod
    def _system():
        """Busy CPU seconds of the machine (user, nice, system, irq, softirq) and stolen ones (a VM's neighbours)."""
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]] + [0] * 10
        return (v[0] + v[1] + v[2] + v[5] + v[6]) / os.sysconf("SC_CLK_TCK"), v[7] / os.sysconf("SC_CLK_TCK")

    def read(self):
        wall = time.monotonic() - self.t0
        server = self._servers() - self.cpu0
        client = tree_cpu_seconds(os.getpid(), self.pids) - self.client0
        busy, steal = self._system()
        machine, stolen = busy - self.sys0[0], steal - self.sys0[1]
        cores = os.cpu_count() or 1
        return {"wall_s": round(wall, 1), "cores": cores, "server_cpu_s": round(server, 1),
                "server_cores_busy": round(server / wall, 2) if wall else None,
                "browser_and_script_cpu_s": round(client, 1), "other_cpu_s": round(machine - server - client, 1),
                "stolen_cpu_s": round(stolen, 1),
                "machine_busy_fraction": round(machine / (wall * cores), 2) if wall else None}


# ---------------------------------------------------------------- one student

@dataclass
class Plan:
    """What session ``index`` chooses: its language and its run's hyperparameters."""

    index: int
    lang: str
    lr: float
    hidden: int
    batch: int
    iters: int
    seed: int
    x: float  # "Point x" on 4.3

    @classmethod
    def for_session(cls, i, iters_min, iters_max, zh_every=3):
        span = max(1, iters_max - iters_min)
        return cls(index=i, lang="zh" if i % zh_every == 1 else "en", lr=LRS[i % 3], hidden=HIDDEN[(i // 3) % 3],
                   batch=50 + 10 * (i % 11), iters=iters_min + (10 * i) % span, seed=i,
                   x=round(1.5 + 0.1 * (i % 35), 1))


@dataclass
class Outcome:
    index: int
    lang: str
    plan: dict
    phase: str = "class"
    ok: bool = False
    matched: bool = False
    saw_queued: bool = False
    open_s: float | None = None
    train_s: float | None = None
    interactions: list = field(default_factory=list)  # (kind, seconds)
    server_side: list = field(default_factory=list)   # (kind, seconds): rerun request sent -> script finished
    net_errors: list = field(default_factory=list)    # failed requests, HTTP errors, console errors in the page
    images_shown: list = field(default_factory=list)  # the example images at the end (URL path or "data: n characters")
    images_broken: list = field(default_factory=list)  # ... of those, the ones that did not load
    row: dict | None = None
    error: str | None = None


class Student:
    def __init__(self, browser, base, plan, timeout_ms, phase="class", think=0.0):
        self.browser, self.base, self.plan, self.timeout_ms = browser, base, plan, timeout_ms
        self.think, self.rng = think, random.Random(plan.index)
        self.lang = plan.lang
        self.out = Outcome(plan.index, plan.lang, asdict(plan), phase)
        self.page = self.context = None
        self.pending = set()
        self.step = "open"

    def t(self, key, **values):
        text = messages()[key][self.lang]
        return text.format(**values) if values else text

    def prefix(self, key, **values):
        """The fixed start of a message, up to its first blank: t(key) with a cut at ``CUT``."""
        return self.t(key, **values).split(CUT)[0].rstrip()

    async def open(self, path=""):
        self.context = await self.browser.new_context(
            viewport={"width": 1280, "height": 900}, locale="zh-CN" if self.lang == "zh" else "en-US",
            accept_downloads=False)
        self.context.set_default_timeout(self.timeout_ms)
        # names this browser in a proxy's access log (bench/proxy.py): which replica served whom
        await self.context.add_cookies([{"name": "dlfs_student", "value": f"{self.out.phase}-{self.plan.index}",
                                         "url": self.base}])
        self.page = await self.context.new_page()
        self.frames = []  # (time, "rerun" | "finished") seen on the app's websocket
        self.trace = deque(maxlen=40)  # (time, message) both ways on the websocket: told with a failure
        self.sockets = 0
        self.page.on("websocket", self._watch)
        self.pending = set()  # requests without an answer yet (a widget's code chunk that never arrives...)
        self.page.on("request", lambda r: self.pending.add(r.url))
        self.page.on("requestfinished", lambda r: self.pending.discard(r.url))
        self.page.on("requestfailed", lambda r: (self.pending.discard(r.url),
                                                 self.out.net_errors.append(f"failed {r.url[-90:]}: {r.failure}")))
        self.page.on("response", lambda r: r.status >= 400 and self.out.net_errors.append(f"{r.status} {r.url[-90:]}"))
        self.page.on("console", lambda m: m.type == "error" and self.out.net_errors.append(f"console: {m.text[:200]}"))
        # an exception the front end did not catch (one thrown while it applies a message stops
        # every later message: the page stands still), with where it happened in the run's life
        self.page.on("pageerror", lambda e: (self.out.net_errors.append(f"uncaught: {str(e)[:200]}"),
                                             self.trace.append((time.perf_counter(), f"!{str(e)[:160]}"))))
        self.console = deque(maxlen=12)  # the front end's own log, every level: told with a failure
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text[:160]}"))
        title = self.t("app.title") if not path else self.t("nav.training")
        sep = "&" if "?" in path else "?"
        t0 = time.perf_counter()
        await self.page.goto(f"{self.base}/{path}{sep}lang={self.lang}")
        await self.wait({"h1": title})
        self.out.open_s = time.perf_counter() - t0

    def _watch(self, ws):
        self.sockets += 1  # more than one: the page lost its connection and reconnected
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        def sent(payload):
            if isinstance(payload, bytes):
                try:
                    msg = BackMsg.FromString(payload)
                    kind = msg.WhichOneof("type")
                    if kind == "rerun_script":
                        self.frames.append((time.perf_counter(), "rerun"))
                        rerun = msg.rerun_script
                        kind = f"rerun{' tick' if rerun.is_auto_rerun else ''}{' frag' if rerun.fragment_id else ''}"
                    self.trace.append((time.perf_counter(), f">{kind}"))
                except Exception:  # noqa: BLE001, S110 - not a BackMsg
                    pass

        def received(payload):
            if isinstance(payload, bytes):
                try:
                    msg = ForwardMsg.FromString(payload)
                    kind = msg.WhichOneof("type")
                    if kind == "script_finished":
                        self.frames.append((time.perf_counter(), "finished"))
                        kind = f"finished:{msg.script_finished}"
                    elif kind == "new_session":
                        kind = f"new_session{' frag' if msg.metadata.run.fragment_ids else ''}" \
                            if msg.metadata.HasField("run") else "new_session"
                    if kind != "delta":  # the page's elements: many, and not what tells a run's life
                        self.trace.append((time.perf_counter(), f"<{kind}"))
                except Exception:  # noqa: BLE001, S110
                    pass

        ws.on("framesent", sent)
        ws.on("framereceived", received)

    def server_time(self, t0, t1):
        """From the first rerun request after t0 to the last script end before t1 (no browser rendering)."""
        reruns = [t for t, kind in self.frames if kind == "rerun" and t0 <= t <= t1]
        ends = [t for t, kind in self.frames if kind == "finished" and reruns and reruns[0] <= t <= t1]
        return round(ends[-1] - reruns[0], 3) if ends else None

    async def wait(self, want):
        await self.page.wait_for_function(WAIT_JS, arg=want, polling=50, timeout=self.timeout_ms)

    async def interact(self, kind, action, want):
        """Time from the action until the app is idle and ``want`` holds; then check for errors."""
        self.step = kind
        if self.think:  # a student reads before the next click (not counted in the interaction)
            await asyncio.sleep(self.think * self.rng.uniform(0.5, 1.5))
        t0 = time.perf_counter()
        await action()
        await self.wait(want)
        t1 = time.perf_counter()
        self.out.interactions.append((kind, round(t1 - t0, 3)))
        server = self.server_time(t0, t1)
        if server is not None:
            self.out.server_side.append((kind, server))
        unexpected = [messages()["common.unexpected"][lang] for lang in ("en", "zh")]
        if await self.page.evaluate(PROBLEM_JS, unexpected):
            raise AssertionError(f"an error is shown on the page after {kind}")

    async def go(self, page_id):
        label = self.t(f"nav.{page_id}")
        link = self.page.locator("[data-testid='stSidebar'] a").filter(has_text=label)
        await self.interact(f"nav:{page_id}", link.click, {"h1": label})

    async def toggle(self, page_id, label_key, param):
        label = self.page.locator("[data-testid='stCheckbox']").filter(has_text=self.t(label_key)).locator("label")
        await self.interact(f"widget:{page_id}", label.click, {"param": param, "value": 1})

    async def number(self, page_id, label_key, param, value, kind="widget"):
        field_ = self.page.get_by_label(self.t(label_key), exact=True)
        if float(await field_.input_value()) == value:
            return
        await field_.fill(str(value))
        await self.interact(f"{kind}:{page_id}", lambda: field_.press("Enter"), {"param": param, "value": value})

    async def slide(self, page_id, label_key, param, options, current, wanted):
        """Move a select_slider by keyboard, one step (one rerun) at a time."""
        thumb = self.page.locator("[data-testid='stSlider']").filter(has_text=self.t(label_key)) \
            .locator("input[type=range]")
        i, j = options.index(current), options.index(wanted)
        key = "ArrowRight" if j > i else "ArrowLeft"
        while i != j:
            i += 1 if j > i else -1
            await thumb.focus()
            await self.interact(f"widget:{page_id}", lambda: thumb.press(key), {"param": param, "value": options[i]})

    async def segment(self, page_id, label_key, query):
        button = self.page.locator("[data-testid='stButtonGroup'] button").filter(has_text=self.t(label_key))
        await self.interact(f"widget:{page_id}", button.click, {"query": query})

    async def tour(self):
        """Overview, then 4.2 ... 4.4.2, the grid and the inside page through the sidebar, one widget
        changed on each."""
        await self.open()
        for page_id in TOUR:
            await self.go(page_id)
            if page_id == "loss":
                await self.toggle(page_id, "loss.logx", "logx")
            elif page_id == "derivative":
                await self.number(page_id, "derivative.x", "x", self.plan.x)
            elif page_id == "gradient":
                await self.toggle(page_id, "gradient.same_length", "unit")
            elif page_id == "network":
                await self.slide(page_id, "network.hidden", "hidden", (2, 5, 10, 20, 50, 100), 10, 20)
            elif page_id == "sweep":  # the curves of another cell of the shipped grid
                await self.slide(page_id, "sweep.pick_lr", "plr", SWEEP_LRS, 1.0, 10.0)
            else:  # no network yet: a view switch is the cheap interaction (nothing trains)
                await self.segment(page_id, "inside.view_weights", "view=weights")
        await self.go("training")

    async def choose(self):
        """Set this session's hyperparameters on 4.5 through its widgets."""
        p = self.plan
        await self.slide("training", "training.lr", "lr", (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0), 0.1, p.lr)
        await self.slide("training", "training.hidden", "hidden", (10, 20, 50, 100, 200), 50, p.hidden)
        await self.number("training", "training.batch", "batch", p.batch)
        await self.number("training", "training.iters", "iters", p.iters)
        await self.number("training", "training.seed", "seed", p.seed)

    async def train(self, gate, change_during_run=True):
        """Start with the class, prepare a next run while this one trains, wait for its end."""
        await gate.wait()
        start = self.page.get_by_role("button", name=self.t("training.start"))
        progress = self.prefix("training.progress", id=1, done=CUT, planned=CUT)
        # a short run at a small learning rate may end without having learned: that is an
        # outcome of the student's settings, not a failure of the server
        done = [self.prefix("training.done_finished", id=1, test=CUT, iters=CUT, seconds=CUT),
                self.prefix("training.done_not_learned", id=1, iters=CUT, test=CUT, chance=CUT)]
        await self.page.evaluate(WATCH_JS, self.prefix("training.queued", active=CUT))
        t0 = time.perf_counter()
        await self.interact("start", start.click, {"text": progress})
        if change_during_run:  # the student prepares the next run: must not touch the running one
            await self.number("training", "training.seed", "seed", self.plan.seed + 1000, kind="running")
            await self.number("training", "training.iters", "iters", self.plan.iters + 1, kind="running")
        self.step = "waiting for the run to finish"
        either = re.compile("|".join(re.escape(text) for text in done))  # get_by_text takes one text or a pattern
        await self.page.get_by_text(either).first.wait_for(timeout=self.timeout_ms * 4)
        self.out.train_s = round(time.perf_counter() - t0, 2)
        self.out.saw_queued = bool(await self.page.evaluate(
            "() => { clearInterval(window.__dlfsWatch); return !!window.__dlfsQueued; }"))
        await self.wait({"texts": done})

    async def verify(self):
        """The runs table holds exactly one run, with the parameters this session chose."""
        self.step = "reading the runs table"
        rows = None
        for _ in range(50):
            rows = await self.page.evaluate(TABLE_JS)
            rows = [r for r in rows or [] if any(r)]  # the grid may draw an empty filler row
            if rows and len(rows) >= 2:
                break
            await asyncio.sleep(0.2)
        if not rows or len(rows) != 2:
            runs = [dict(zip(rows[0], r)) for r in rows[1:]] if rows else []
            raise AssertionError(f"runs table: expected one run, read {len(runs)}: {runs!r}")
        row = dict(zip(rows[0], rows[1]))
        self.out.row = row

        def cell(key):
            return row[self.t(f"training.col_{key}")].replace(",", "")

        p, problems = self.plan, []
        for key, want in (("run", 1), ("lr", p.lr), ("batch", p.batch), ("hidden", p.hidden), ("seed", p.seed),
                          ("iters", p.iters)):
            if abs(float(cell(key)) - want) > 1e-9 * max(1, abs(want)):
                problems.append(f"{key}: table {cell(key)} != chosen {want}")
        if cell("status") not in (self.t("training.status_finished"), self.t("training.status_did_not_learn")):
            problems.append(f"status {cell('status')!r}")
        if problems:
            raise AssertionError("run does not match its settings: " + "; ".join(problems))
        self.out.matched = True
        await self.look_at_images()

    async def look_at_images(self):
        """Every example image the student sees has loaded (a request for an image a later run
        had already replaced may 404 on the way: that one is no longer on the page)."""
        self.step = "looking at the example images"
        shown = []
        for _ in range(100):
            shown = await self.page.evaluate(IMAGES_JS)
            if shown and all(complete for _, complete, _ in shown):
                break
            await asyncio.sleep(0.1)
        self.out.images_shown = [path for path, _, _ in shown]
        self.out.images_broken = [path for path, complete, loaded in shown if not (complete and loaded)]
        if self.out.images_broken:  # (a run that ended in non-finite numbers has no examples to show)
            raise AssertionError(f"example images: {len(shown)} shown, not loaded: {self.out.images_broken}")

    async def close(self):
        if self.context:
            try:
                await self.context.close()
            except Exception:  # noqa: BLE001, S110 - the browser may be gone already
                pass

    async def fail(self, err):
        first = str(err).splitlines()[0] if str(err) else ""
        self.out.error = f"at {self.step}: {type(err).__name__}: {first}"[:800]
        if self.page:
            try:
                state = await self.page.evaluate(
                    "() => document.querySelector(\"[data-testid='stApp']\").getAttribute('data-test-script-state')")
                text = await self.page.evaluate("() => document.querySelector('section.main, .main, body').innerText")
                now = time.perf_counter()
                recent = Counter(kind for t, kind in self.frames if now - t <= 30)
                last = max((t for t, _ in self.frames), default=None)
                # still ticking (reruns sent and answered) or frozen (nothing for long): which bug it is
                self.out.error += f" [last 30 s: {recent['rerun']} reruns sent, {recent['finished']} runs " \
                                  f"finished, last frame {'never' if last is None else f'{now - last:.0f} s ago'}; " \
                                  f"websockets opened: {self.sockets}; script state: {state}; " \
                                  f"network/console errors: {self.out.net_errors[:3]}; " \
                                  f"unanswered requests: {sorted(u[-60:] for u in self.pending)[:5]}; page: " \
                                  f"{' '.join(text.split())[-400:]!r}]"
                self.out.error += await self._probe()
                # the run's life as the websocket carried it (> sent, < received; seconds before now)
                now = time.perf_counter()
                self.out.error += " [websocket: " + ", ".join(
                    f"{kind} -{now - t:.1f}" for t, kind in list(self.trace)[-30:]) + "]"
            except Exception:  # noqa: BLE001, S110
                pass
            try:
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                await self.page.screenshot(path=str(ARTIFACTS / f"{self.out.phase}-{self.plan.index}.png"),
                                           full_page=True)
            except Exception:  # noqa: BLE001, S110
                pass


    async def _probe(self):
        """What a student would try next on a page that stopped answering: leave the field (Tab
        commits a typed number, as Enter should have) and wait; told with the failure: which field
        had the focus with what value, whether that sent a rerun, and whether anything came back."""
        # a page the browser counts as hidden has its timers throttled (Streamlit sends a rerun from a timer)
        try:
            timers = await asyncio.wait_for(self.page.evaluate(
                "() => new Promise(r => { const t = performance.now(); const v = document.visibilityState;"
                " const f = document.hasFocus(); setTimeout(() => r(`${v}, focus ${f}, a 0 ms timer took "
                "${Math.round(performance.now() - t)} ms`), 0); })"), 10)
        except asyncio.TimeoutError:
            timers = "a 0 ms timer not run within 10 s"
        focused = await self.page.evaluate(
            "() => { const e = document.activeElement; return e ? `${e.getAttribute('aria-label') || e.tagName}"
            "=${e.value ?? ''}` : 'none'; }")
        before = len(self.frames)
        await self.page.keyboard.press("Tab")
        await asyncio.sleep(3)
        after = Counter(kind for _, kind in self.frames[before:])
        return (f" [focus was on {focused!r}; after Tab and 3 s: {after['rerun']} reruns sent, {after['finished']} "
                f"runs finished; page: {timers}; front end's log: {list(self.console)}]")


class Gate:
    """The teacher's "now press Start": opens when every session has arrived or dropped out."""

    def __init__(self, n, enabled=True):
        self.left, self.enabled, self.event = n, enabled, asyncio.Event()
        if not enabled or n <= 0:
            self.event.set()

    def leave(self):
        self.left -= 1
        if self.left <= 0:
            self.event.set()

    async def wait(self):
        self.leave()
        await self.event.wait()


async def student_class(browser, base, plan, gate, timeout_ms, think=0.0):
    s = Student(browser, base, plan, timeout_ms, think=think)
    arrived = False
    try:
        await s.tour()
        await s.choose()
        arrived = True
        await s.train(gate)
        await s.verify()
        s.out.ok = True
    except Exception as err:  # noqa: BLE001 - one student's failure is a result, not a crash
        await s.fail(err)
    finally:
        if not arrived:
            gate.leave()
    return s


async def student_queue(browser, base, plan, gate, timeout_ms):
    """Opens a shared link to 4.5 with its settings in the URL, starts with the others."""
    s = Student(browser, base, plan, timeout_ms, phase="queue")
    arrived = False
    try:
        p = plan
        await s.open(f"training?lr={p.lr}&hidden={p.hidden}&batch={p.batch}&iters={p.iters}&seed={p.seed}")
        arrived = True
        await s.train(gate, change_during_run=False)
        await s.verify()
        s.out.ok = True
    except Exception as err:  # noqa: BLE001
        await s.fail(err)
    finally:
        if not arrived:
            gate.leave()
    return s


# ---------------------------------------------------------------- phases

def pct(values, q):
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))], 3)


def timing(values):
    return {"count": len(values), "p50": pct(values, 0.5), "p95": pct(values, 0.95),
            "max": round(max(values), 3) if values else None}


async def launch(pw, nice=0, workdir=None):
    """Headless Chromium; with ``nice`` > 0 started through ``nice`` (a wrapper script in
    ``workdir``) so that it yields the CPU to the server, as if it ran elsewhere."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"Chromium not found at {CHROMIUM} (install Debian's chromium or set $CHROMIUM)")
    executable = CHROMIUM
    if nice:
        wrapper = Path(workdir or tempfile.mkdtemp(prefix="dlfs-chromium-")) / "chromium-nice"
        wrapper.write_text(f'#!/bin/sh\nexec nice -n {int(nice)} "{CHROMIUM}" "$@"\n')
        wrapper.chmod(0o755)
        executable = str(wrapper)
    return await pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


async def warm_up(browser, base, timeout_ms):
    """One visitor before the class: every page once and a tiny run (imports, caches, data)."""
    plan = Plan(index=999, lang="en", lr=0.1, hidden=50, batch=100, iters=20, seed=1, x=1.5)
    s = Student(browser, base, plan, timeout_ms, phase="warmup")
    try:
        await s.tour()
        await s.number("training", "training.iters", "iters", plan.iters)
        await s.train(Gate(0), change_during_run=False)
    finally:
        await s.close()


async def reap_probe(browser, base, timeout_ms):
    """Open and close one session: Streamlit drops expired disconnected sessions only on such a write."""
    s = Student(browser, base, Plan(998, "en", 0.1, 50, 100, 20, 0, 1.5), timeout_ms, phase="probe")
    try:
        await s.open()
    finally:
        await s.close()


def start_target(args, workdir):
    """The class's server: one ``streamlit run``, or ``--replicas`` N as the systemd unit starts
    them (its limits, its environment) behind nginx with the shipped site (bench/proxy.py)."""
    env = dict(args.server_env)
    if args.slots:
        env["DLFS_MAX_CONCURRENT_RUNS"] = str(args.slots)
    if args.max_iters:
        env["DLFS_MAX_ITERS"] = str(args.max_iters)
    if not args.replicas:
        return Server(workdir, env, args.session_ttl, args.server_cpus, args.diagnose)
    from bench.proxy import Proxied

    def replica(flags, unit_env, log_path):
        return Server(workdir, env, None, args.server_cpus, args.diagnose, flags=flags, env=unit_env)

    return Proxied(workdir, args.replicas, make_replica=replica, ttl=args.session_ttl)


async def class_phase(pw, args, workdir, report, target=None):
    server = target or start_target(args, workdir)
    if target is None:
        report["_servers"].append(server)
    pids = server.pids
    sampler = RssSampler(pids)
    diagnosis = report.setdefault("diagnosis", {}) if args.diagnose else {}
    browser = await launch(pw, args.browser_nice, workdir)
    timeout_ms = int(args.step_timeout * 1000)
    try:
        rss = {"boot": server.rss()}
        direct = getattr(server, "replica_urls", [server.url])  # each replica warmed up, not through nginx
        if not args.no_warm_up:
            for url in direct:
                await warm_up(browser, base=url, timeout_ms=timeout_ms)
            await asyncio.sleep(args.session_ttl + 1)
            for url in direct:
                await reap_probe(browser, url, timeout_ms)
        await asyncio.sleep(1)
        rss["start"] = server.rss()
        if args.diagnose:
            diagnosis["start"] = server.diagnose()
        server.served()  # forget the warm-up's runs
        sampler.start()
        probe = StaticProbe(server.url)
        probe.start()
        cpu = CpuMeter(pids + getattr(server, "proxy_pids", []))
        gate = Gate(args.sessions, enabled=not args.no_gate)
        plans = [Plan.for_session(i, args.iters_min, args.iters_max) for i in range(args.sessions)]
        t0 = time.monotonic()
        students = await asyncio.gather(*(student_class(browser, server.url, p, gate, timeout_ms, args.think)
                                               for p in plans))
        report["class_wall_s"] = round(time.monotonic() - t0, 1)
        report["served"] = server.served()
        rss["end"] = server.rss()  # every session still open
        report["cpu"] = cpu.read()
        probe.stop()
        report["static_file_s"] = dict(timing(probe.times), errors=probe.errors, url=probe.url.rsplit("/", 1)[-1])
        if args.diagnose:
            diagnosis["end"] = server.diagnose()
        for s in students:
            await s.close()
        sampler.stop()
        rss["peak"] = max(sampler.peak, rss["end"])
        rss["hwm"] = sum(proc_status(pid).get("VmHWM", 0) for pid in pids)
        report["server_threads_peak"] = sampler.peak_threads
        if args.settle:
            await asyncio.sleep(args.session_ttl + args.settle)
            rss["after_close"] = server.rss()
            for url in direct:
                await reap_probe(browser, url, timeout_ms)
            await asyncio.sleep(args.settle)
            rss["after_expiry"] = server.rss()
            if args.diagnose:
                diagnosis["after_expiry"] = server.diagnose()
        report["rss_mb"] = {k: round(v / MB, 1) for k, v in rss.items() if v}
        report["rss_trace_mb"] = [(t, round(v / MB, 1)) for t, v in sampler.samples[:: max(1, len(sampler.samples) // 60)]]
        report["sessions"] = [asdict(s.out) for s in students]
        for extra in range(2, args.rounds + 1):  # the same class again: a leak keeps climbing, a cache does not
            gate = Gate(args.sessions, enabled=not args.no_gate)
            again = await asyncio.gather(*(student_class(browser, server.url, p, gate, timeout_ms, args.think)
                                               for p in plans))
            peak = server.rss()
            for s in again:
                await s.close()
            await asyncio.sleep(args.session_ttl + args.settle)
            for url in direct:
                await reap_probe(browser, url, timeout_ms)
            await asyncio.sleep(args.settle)
            report.setdefault("rounds", []).append({
                "round": extra, "completed": sum(s.out.ok for s in again), "rss_end_mb": round(peak / MB, 1),
                "rss_after_expiry_mb": round(server.rss() / MB, 1)})
        report["server_errors"] = server.errors()[:20]
        if hasattr(server, "requests"):  # behind nginx: who was served by which replica
            from bench.proxy import stickiness

            report["proxy"] = stickiness(server.requests(), "class-")
    finally:
        if sampler.is_alive():
            sampler.stop()
        await browser.close()
        if target is None:
            server.stop()


async def queue_phase(pw, args, workdir, report):
    """More runs than slots at once: some queue, all finish with their own settings."""
    server = Server(workdir, dict(args.server_env, DLFS_MAX_CONCURRENT_RUNS=str(args.queue_slots)),
                    args.session_ttl, args.server_cpus)
    report["_servers"].append(server)
    browser = await launch(pw, args.browser_nice, workdir)
    timeout_ms = int(args.step_timeout * 1000)
    try:
        gate = Gate(args.queue_sessions)
        plans = [Plan.for_session(i, args.queue_iters, args.queue_iters + 200) for i in range(args.queue_sessions)]
        students = await asyncio.gather(*(student_queue(browser, server.url, p, gate, timeout_ms) for p in plans))
        for s in students:
            await s.close()
        outs = [s.out for s in students]
        report["queue"] = {"slots": args.queue_slots, "sessions": len(outs),
                           "completed": sum(o.ok for o in outs), "matched": sum(o.matched for o in outs),
                           "saw_queued": sum(o.saw_queued for o in outs),
                           "train_s": timing([o.train_s for o in outs if o.train_s is not None]),
                           "failures": [f"session {o.index}: {o.error}" for o in outs if not o.ok],
                           "server_errors": server.errors()[:20]}
    finally:
        await browser.close()
        server.stop()


# ---------------------------------------------------------------- what the classroom needs

def evaluate(report, args):
    sessions = report.get("sessions", [])
    done = [s for s in sessions if s["ok"]]
    inter = [sec for s in sessions for _, sec in s["interactions"]]
    kinds = {}
    for s in sessions:
        for kind, sec in s["interactions"]:
            kinds.setdefault(kind.split(":")[0] if kind != "start" else "start", []).append(sec)
    report["summary"] = {
        "sessions": args.sessions, "completed": len(done), "failed": len(sessions) - len(done),
        "matched": sum(s["matched"] for s in sessions), "saw_queued": sum(s["saw_queued"] for s in sessions),
        "interaction_s": timing(inter), "by_kind_s": {k: timing(v) for k, v in sorted(kinds.items())},
        "server_side_s": timing([sec for s in sessions for _, sec in s["server_side"]]),
        "server_clock_s": timing([sec for kind, _, sec in report.get("served", []) if kind == "page"]),
        "server_clock_by_page_s": {page: timing([sec for kind, p, sec in report.get("served", [])
                                                 if kind == "page" and p == page])
                                   for page in sorted({p for kind, p, _ in report.get("served", []) if kind == "page"})},
        "live_ticks_s": timing([sec for kind, _, sec in report.get("served", []) if kind == "fragment"]),
        "open_s": timing([s["open_s"] for s in sessions if s["open_s"] is not None]),
        "train_s": timing([s["train_s"] for s in sessions if s["train_s"] is not None]),
        "failures": [f"session {s['index']} ({s['lang']}): {s['error']}" for s in sessions if not s["ok"]],
        "page_errors": sorted({e for s in sessions for e in s["net_errors"]})[:10],
    }
    rss = report.get("rss_mb", {})
    targets = []

    def target(name, value, limit, ok, note=""):
        targets.append({"target": name, "value": value, "limit": limit, "pass": bool(ok), "note": note})

    summary = report["summary"]
    target("every session completes and matches its settings", f"{summary['matched']}/{args.sessions}",
           f"{args.sessions}/{args.sessions}", summary["matched"] == args.sessions == summary["completed"])
    # The server's own clock: the browsers of a class run on the students' computers, while
    # here they share the server's cores (each interaction costs Chromium 1-2 CPU seconds).
    p95 = summary["server_clock_s"]["p95"]
    target("p95 page interaction on the server (request in -> page out)", p95, TARGETS["p95_interaction_s"],
           p95 is not None and p95 <= TARGETS["p95_interaction_s"],
           "" if args.sessions == 10 else "the target is set for 10 sessions")
    if "start" in rss and "peak" in rss:
        growth = (rss["peak"] - rss["start"]) / args.sessions
        report["rss_growth_per_session_mb"] = round(growth, 2)
        target("RSS growth per active session (MB)", round(growth, 2), TARGETS["rss_growth_per_session_mb"],
               growth <= TARGETS["rss_growth_per_session_mb"])
        after = rss.get("after_expiry")
        if after is not None:
            excess, total = after - rss["start"], rss["peak"] - rss["start"]
            limit = max(TARGETS["return_fraction"] * total, TARGETS["return_mb"])
            target("RSS back near baseline after close (MB above start)", round(excess, 1), round(limit, 1),
                   excess <= limit, "limit = max(20% of growth, 30 MB)")
    if "proxy" in report:
        px = report["proxy"]
        moved = sorted(s for s, ports in px["replicas_by_student"].items() if len(ports) != 1)
        target("behind nginx: each session stays on one replica", f"{len(moved)} moved", "0 moved", not moved)
        target("behind nginx: every replica serves sessions", px["students_by_replica"], f"{args.replicas} replicas",
               len(px["students_by_replica"]) == args.replicas)
        shown = {f"{s['phase']}-{s['index']}": set(s["images_shown"]) for s in report["sessions"]}
        seen = [f for f in px["media_failed"] if f.split()[-1] in shown.get(f.split()[0], ())]
        replaced = len(px["media_failed"]) - len(seen)
        target("behind nginx: no image a student sees fails to load", len(seen), 0, not seen,
               ", ".join(note for note in (
                   f"{replaced} requests for images a later run had replaced answered 404" if replaced else "",
                   f"{len(px['downloads_failed'])} replaced download files asked for" if px["downloads_failed"] else "")
                   if note))
    if "queue" in report:
        q = report["queue"]
        target("queue: all finish with own settings", f"{q['matched']}/{q['sessions']}",
               f"{q['sessions']}/{q['sessions']}", q["matched"] == q["sessions"])
        target("queue: some saw 'server busy'", q["saw_queued"], ">= 1", q["saw_queued"] >= 1)
    report["targets"] = targets
    report["ok"] = all(t["pass"] for t in targets)
    return report


def print_summary(report, out=sys.stdout):
    s = report.get("summary", {})
    def p(*a):
        print(*a, file=out)

    p(f"\n=== classroom load test: {s.get('sessions')} sessions "
      f"(slots {report['config']['slots'] or 'app default'}, runs {report['config']['iters']} iterations, "
      f"think {report['config']['think_s']} s) ===")
    p(f"load average before: {report['loadavg_before']}   wall time of the class: {report.get('class_wall_s')} s")
    p(f"sessions: {s.get('completed')} completed, {s.get('failed')} failed, {s.get('matched')} runs matched, "
      f"{s.get('saw_queued')} saw the queued notice")
    for f in s.get("failures", []):
        p("  FAILED", f)
    for e in s.get("page_errors", []):
        p("  page error:", e)
    def stats(v, width=0):
        v = v or {}
        return (f"n={v.get('count')!s:<{width}} p50={v.get('p50')} s p95={v.get('p95')} s "
                f"max={v.get('max')} s")

    p("page interactions in the browsers (click -> page drawn; the browsers share this machine's cores): "
      + stats(s.get("interaction_s")))
    for kind, v in s.get("by_kind_s", {}).items():
        p(f"  {kind:<7} " + stats(v, 4))
    p("  seen by the browsers' websockets (rerun request sent -> script finished): " + stats(s.get("server_side_s")))
    p("page interactions on the server's clock (request in -> script run that answers it ends): "
      + stats(s.get("server_clock_s")))
    for page, v in s.get("server_clock_by_page_s", {}).items():
        p(f"  {page:<24} " + stats(v, 4))
    p("  live-panel ticks of running runs: " + stats(s.get("live_ticks_s")))
    p(f"first page open: p50={s.get('open_s', {}).get('p50')} s p95={s.get('open_s', {}).get('p95')} s;  "
      f"Start -> finished: p50={s.get('train_s', {}).get('p50')} s max={s.get('train_s', {}).get('max')} s")
    p(f"server RSS (MB): {report.get('rss_mb')}  growth/session: {report.get('rss_growth_per_session_mb')} MB  "
      f"threads peak: {report.get('server_threads_peak')}")
    p(f"CPU: {report.get('cpu')}")
    if "proxy" in report:
        px = report["proxy"]
        p(f"behind nginx: sessions per replica {px['students_by_replica']}; media requests {px['media_ok']} ok, "
          f"{len(px['media_failed'])} images and {len(px['downloads_failed'])} downloads failed")
    p(f"a JS chunk fetched outside the browser every 3 s during the class: {report.get('static_file_s')}")
    for r in report.get("rounds", []):
        p(f"round {r['round']}: {r['completed']} completed, RSS {r['rss_end_mb']} MB with the class open, "
          f"{r['rss_after_expiry_mb']} MB after it left")
    for when, d in report.get("diagnosis", {}).items():
        p(f"server holds at {when}: {d}")
    if "queue" in report:
        q = report["queue"]
        p(f"queue check (slots {q['slots']}): {q['completed']}/{q['sessions']} completed, {q['matched']} matched, "
          f"{q['saw_queued']} saw 'server busy'; Start -> finished max {q['train_s']['max']} s")
        for f in q["failures"]:
            p("  FAILED", f)
    errors = report.get("server_errors", []) + report.get("queue", {}).get("server_errors", [])
    p(f"server log: {len(errors)} error lines" + ("".join(f"\n  {e[:200]}" for e in errors[:5])))
    p("targets:")
    for t in report.get("targets", []):
        p(f"  [{'PASS' if t['pass'] else 'FAIL'}] {t['target']}: {t['value']} (target {t['limit']})"
          + (f"  - {t['note']}" if t["note"] else ""))
    if report.get("error"):
        p("ERROR:", report["error"])


# ---------------------------------------------------------------- what one session keeps

def deep_size(obj, skip=()):
    """Bytes reachable from obj (containers, objects' __dict__, arrays that own their data)."""
    import numpy as np

    seen, total, stack = {id(o) for o in skip}, 0, [obj]
    while stack:
        o = stack.pop()
        if id(o) in seen:
            continue
        seen.add(id(o))
        if isinstance(o, np.ndarray):
            total += sys.getsizeof(o)  # counts the buffer when the array owns it
            if o.base is not None and id(o.base) not in seen:
                stack.append(o.base)
            continue
        if isinstance(o, threading.Thread):
            continue
        total += sys.getsizeof(o)
        if isinstance(o, dict):
            stack.extend(o.keys())
            stack.extend(o.values())
        elif isinstance(o, (list, tuple, set, frozenset)):
            stack.extend(o)
        elif hasattr(o, "__dict__") and not isinstance(o, type):
            stack.append(vars(o))
    return total


def session_objects():
    """Sizes of what a session keeps: its current trainer, a kept run record, the examples.

    Book defaults (hidden 50, batch 100, 10,000 iterations) trained for real; the
    largest run the default limits allow on the sample (hidden 1,000, batch = the
    8,000 training images, 100,000 iterations: every iteration an epoch, so accuracy
    is measured every ``eval_every`` iterations, about 200 times) built and stepped
    once, its record filled to full length.
    """
    import tracemalloc

    from core.mnist import load_sample
    from core.sgd import TrainConfig, Trainer
    from ui import limits, records

    data = load_sample()
    shared = (data, data.x_train, data.t_train, data.x_test, data.t_test)
    out = {"dataset_shared_once": sum(a.nbytes for a in shared[1:])}
    trainer = Trainer(data, TrainConfig())
    t0 = time.perf_counter()
    trainer.run()
    out["book_run_seconds"] = round(time.perf_counter() - t0, 2)
    record = records.kept_record(1, data.source, trainer)  # what ui.training.finish keeps
    out["book_trainer"] = deep_size(trainer, skip=shared)
    out["book_trainer_params"] = sum(p.nbytes for p in trainer.net.params.values())
    out["book_record"] = deep_size(record)
    out["book_examples"] = deep_size(record["examples"])
    out["kept_runs_list_12_book_records"] = 12 * out["book_record"]

    lim = limits.Limits()
    big = TrainConfig(hidden_size=lim.max_hidden, batch_size=data.train_size, iters=lim.max_iters)
    tracemalloc.start()
    trainer = Trainer(data, big)
    trainer.run(max_seconds=0)  # one SGD step and one accuracy measurement
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    out["max_trainer"] = deep_size(trainer, skip=shared)
    out["max_trainer_peak_traced"] = peak
    h = trainer.history
    h.iters_done = h.iters_planned
    measured = list(range(1, h.iters_planned + 1, h.eval_every)) + [h.iters_planned]
    for name in ("eval_iter", "epoch", "train_acc", "test_acc"):
        getattr(h, name).extend(float(i) if name != "eval_iter" else i for i in measured)
    record = records.kept_record(2, data.source, trainer)
    out["max_record"] = deep_size(record)
    out["max_record_params"] = sum(p.nbytes for p in record["params"].values())
    out["max_record_measurements"] = len(measured)
    # twelve such runs: the oldest drop their weights beyond ui.records.PARAMS_BUDGET
    kept = [dict(record) for _ in range(12)]
    records.trim_params(kept)
    with_params = sum(r["params"] is not None for r in kept)
    out["kept_runs_list_12_max_records"] = (12 * (out["max_record"] - out["max_record_params"])
                                            + with_params * out["max_record_params"])
    out["kept_runs_12_max_records_with_weights"] = with_params
    return out


# ---------------------------------------------------------------- diagnostic server (--diagnose)

def serve(argv):
    """``streamlit <argv>`` in this process, answering SIGUSR1 with what it holds.

    Every script run is timed on the server's own clock (page runs and fragment
    ticks apart).  On the signal: the run times since the last signal, a full garbage collection, the number of live Streamlit sessions,
    session states, trainers and training threads, then the RSS before and after
    glibc's ``malloc_trim(0)`` (memory freed by Python but kept by the allocator comes
    back to the system there), written as JSON to $DLFS_LOADTEST_DIAG.
    """
    import ctypes
    import gc

    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.scriptrunner import script_runner

    runs = []  # (kind, page, seconds) of every script run since the last answer
    served = []  # (kind, page, seconds from the rerun request to the end of the run serving it)
    requests = {}  # session id -> [(time, kind)] rerun requests not served yet
    original_run, original_request = script_runner.ScriptRunner._run_script, AppSession.request_rerun

    def request_rerun(self, client_state):
        kind = "fragment" if client_state is not None and client_state.fragment_id else "page"
        requests.setdefault(self.id, []).append((time.perf_counter(), kind))
        return original_request(self, client_state)

    def timed(self, rerun_data):
        t0 = time.perf_counter()
        try:
            return original_run(self, rerun_data)
        finally:
            t1 = time.perf_counter()
            fragment = rerun_data.fragment_id_queue or rerun_data.is_fragment_scoped_rerun
            kind = "fragment" if fragment else "page"
            try:
                pages = self._pages_manager
                info = pages.get_pages().get(pages.current_page_script_hash) or {}
                name = Path(info.get("script_path", "?")).stem
            except Exception:  # noqa: BLE001 - diagnosis only
                name = "?"
            runs.append((kind, name, t1 - t0))
            waiting = requests.get(self._session_id, [])
            answered = [t for t, k in waiting if k == kind and t <= t0]
            if answered:  # the requests this run served (a newer one may have cut an older run short)
                served.append((kind, name, t1 - answered[0]))
                requests[self._session_id] = [(t, k) for t, k in waiting if not (k == kind and t <= t0)]

    script_runner.ScriptRunner._run_script = timed
    AppSession.request_rerun = request_rerun

    def answer_times(*_):
        """SIGUSR2: the served requests since the last answer (no collection, no trim: RSS untouched)."""
        taken = served[:]
        del served[:]
        Path(os.environ["DLFS_LOADTEST_TIMES"]).write_text(json.dumps(taken))

    def answer(*_):
        taken = runs[:]
        del runs[:]
        gc.collect()
        names = ("AppSession", "SessionState", "Trainer", "ScriptRunner")
        counts = dict.fromkeys(names, 0)
        for obj in gc.get_objects():
            name = type(obj).__name__
            if name in counts:
                counts[name] += 1
        threads = [t.name for t in threading.enumerate()]
        held = {}  # Streamlit's own accounting: caches, session states, media files (bytes)
        try:
            from streamlit.runtime import Runtime

            rt = Runtime.instance()
            for stats in rt.stats_mgr.get_stats().values():
                for stat in stats:
                    if hasattr(stat, "byte_length"):
                        name = f"{stat.category_name}:{stat.cache_name}"[:80]
                        held[name] = held.get(name, 0) + stat.byte_length
            media = rt.media_file_mgr
            held["media sessions referenced"] = len(getattr(media, "_files_by_session_and_coord", {}))
            held["media files"] = len(getattr(getattr(media, "_storage", None), "_files_by_id", {}))
        except Exception as err:  # noqa: BLE001 - diagnosis only
            held["error"] = repr(err)
        biggest = dict(sorted(held.items(), key=lambda kv: -kv[1])[:6])
        held_python = {"allocated_blocks": sys.getallocatedblocks(), "gc_objects": len(gc.get_objects())}
        try:
            import pyarrow

            pool = pyarrow.default_memory_pool()
            held_python.update(arrow_pool=pool.backend_name, arrow_bytes=pool.bytes_allocated(),
                               arrow_max=pool.max_memory())
        except Exception:  # noqa: BLE001, S110 - diagnosis only
            pass
        before = proc_status(os.getpid()).get("VmRSS", 0)
        trimmed = ctypes.CDLL("libc.so.6").malloc_trim(0)
        after = proc_status(os.getpid()).get("VmRSS", 0)
        Path(os.environ["DLFS_LOADTEST_DIAG"]).write_text(json.dumps({
            "live": counts, "threads": len(threads),
            "training_threads": sum(n.startswith("training-run") for n in threads),
            "script_threads": sum(n.startswith("ScriptRunner") for n in threads),
            "rss_mb": round(before / MB, 1), "rss_after_malloc_trim_mb": round(after / MB, 1),
            "malloc_trim_released": bool(trimmed), "held": biggest, "python": held_python,
            "script_runs_s": {kind: timing([sec for k, _, sec in taken if k == kind]) for kind in ("page", "fragment")},
            "page_runs_by_page_s": {page: timing([sec for k, p, sec in taken if k == "page" and p == page])
                                    for page in sorted({p for k, p, _ in taken if k == "page"})}}))

    signal.signal(signal.SIGUSR1, answer)
    signal.signal(signal.SIGUSR2, answer_times)
    late = int(os.environ.get("DLFS_LOADTEST_LATE_ARENA_MAX", "0"))
    if late:  # what a call from the app's first import would do: mallopt(M_ARENA_MAX) once the server runs
        threading.Timer(3.0, lambda: ctypes.CDLL("libc.so.6").mallopt(-8, late)).start()
    _tell_half_closed_connections()
    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", *argv]
    streamlit_main()


def _tell_half_closed_connections():
    """Log when Streamlit gives up on a browser whose websocket stays open.

    Streamlit 1.67 stops sending to a browser when that browser's send queue is full
    (it reads too slowly) or a send fails, and disconnects the session; the websocket
    itself is not closed, so the page stands still without reconnecting.  That matches a
    session of the class found frozen (no more reruns sent or answered, one websocket);
    the line written here (to the server log, which a failure report quotes) says whether
    it happened.  Diagnosis only: nothing changes in what the server does.
    """
    try:
        from streamlit.web.server.starlette.starlette_websocket import StarletteSessionClient
    except ImportError:
        return
    write = StarletteSessionClient.write_forward_msg

    def told(self, msg):
        try:
            return write(self, msg)
        except Exception as err:
            socket = getattr(self, "_websocket", None)
            still_open = all(getattr(getattr(socket, state, None), "name", "") == "CONNECTED"
                             for state in ("client_state", "application_state"))
            if still_open and not getattr(self, "_dlfs_told", False):  # not a browser that left
                self._dlfs_told = True
                queue = getattr(self, "_send_queue", None)
                print(f"SessionClientDisconnectedError ({type(err).__name__}) with the websocket still open: "
                      f"{queue.qsize() if queue is not None else '?'} messages waiting to be sent", flush=True)
            raise

    StarletteSessionClient.write_forward_msg = told


# ---------------------------------------------------------------- main

def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sessions", type=int, default=10, help="concurrent browser sessions (default 10)")
    ap.add_argument("--iters-min", type=int, default=300, help="iterations of session 0's run (default 300)")
    ap.add_argument("--iters-max", type=int, default=600, help="iterations grow by 10 per session below this")
    ap.add_argument("--slots", type=int, default=0,
                    help="DLFS_MAX_CONCURRENT_RUNS for the class (default: the app's default)")
    ap.add_argument("--max-iters", type=int, default=0, help="DLFS_MAX_ITERS for the class server")
    ap.add_argument("--queue-sessions", type=int, default=6, help="sessions of the queue check (0 = skip)")
    ap.add_argument("--queue-slots", type=int, default=2, help="DLFS_MAX_CONCURRENT_RUNS of the queue check")
    ap.add_argument("--queue-iters", type=int, default=2000, help="iterations of a queue-check run")
    ap.add_argument("--session-ttl", type=int, default=5, help="server.disconnectedSessionTTL in seconds")
    ap.add_argument("--settle", type=float, default=3.0,
                    help="seconds waited after the TTL before reading RSS after close (0 = skip that check)")
    ap.add_argument("--rounds", type=int, default=1,
                    help="run the class this many times on the same server (RSS after each: leak or plateau?)")
    ap.add_argument("--think", type=float, default=2.0,
                    help="mean seconds a student reads before each click (0.5x-1.5x; 0 = click as fast as possible)")
    ap.add_argument("--no-gate", action="store_true", help="press Start when ready, not all together")
    ap.add_argument("--no-warm-up", action="store_true",
                    help="no visit to every page before the class (the server is warm already)")
    ap.add_argument("--step-timeout", type=float, default=90.0, help="seconds one step may take")
    ap.add_argument("--timeout", type=float, default=600.0, help="the whole test stops after this (s)")
    ap.add_argument("--server-cpus", type=str, default="",
                    help="pin the server to these CPUs, e.g. '1' (and this script + browser to the others)")
    ap.add_argument("--browser-nice", type=int, default=0,
                    help="start Chromium with this niceness (0-19) so the server is served first, as on\n"
                         "a host whose visitors' browsers run on their own computers")
    ap.add_argument("--replicas", type=int, default=0,
                    help="the class goes through nginx to this many replicas, started as the systemd unit\n"
                         "starts them (deploy/: its limits and environment; needs nginx); 0 = one server")
    ap.add_argument("--server-env", action="append", default=[], metavar="NAME=VALUE",
                    help="extra environment of the server, e.g. MALLOC_ARENA_MAX=2 (repeatable)")
    ap.add_argument("--diagnose", action="store_true",
                    help="ask the server (SIGUSR1) how many sessions,\n"
                         "trainers and threads it holds, and what malloc_trim gives back")
    ap.add_argument("--objects", action="store_true", help="also estimate what one session keeps in memory")
    ap.add_argument("--quiet", action="store_true", help="no human summary, the JSON line only")
    args = ap.parse_args(argv)
    args.server_cpus = {int(c) for c in args.server_cpus.split(",") if c.strip()} or None
    args.server_env = [tuple(item.split("=", 1)) for item in args.server_env if "=" in item]
    return args


async def _run(args, workdir, report, target=None):
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        await class_phase(pw, args, workdir, report, target)
        if args.queue_sessions:
            await queue_phase(pw, args, workdir, report)


def main(argv=None, target=None):
    """Run the load test; returns the report (dict).  Never leaves a server behind.

    ``target``: a deployment already running (e.g. a test's ``bench.proxy.Proxied``) for the
    class, instead of a server started here; it is left running.
    """
    args = parse_args(argv)
    if target is not None:
        args.replicas = len(getattr(target, "replicas", [target]))
    report = {"config": {"sessions": args.sessions, "slots": args.slots, "iters": f"{args.iters_min}-{args.iters_max}",
                         "queue_sessions": args.queue_sessions, "queue_slots": args.queue_slots,
                         "session_ttl": args.session_ttl, "server_cpus": sorted(args.server_cpus or []),
                         "server_env": dict(args.server_env), "diagnose": args.diagnose,
                         "think_s": args.think, "browser_nice": args.browser_nice, "replicas": args.replicas},
              "loadavg_before": [round(v, 2) for v in os.getloadavg()], "_servers": []}
    if args.server_cpus:
        others = set(range(os.cpu_count() or 1)) - args.server_cpus
        if others:
            os.sched_setaffinity(0, others)  # this script and the browser it starts
    workdir = tempfile.mkdtemp(prefix="dlfs-load-")

    def kill_servers(*_):
        for server in report["_servers"]:
            for proc in server.procs:
                if proc.poll() is None:
                    try:
                        os.killpg(proc.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass

    watchdog = threading.Timer(args.timeout + 30, kill_servers)  # last resort if the event loop hangs
    watchdog.daemon = True
    watchdog.start()
    def interrupted(*_):
        raise KeyboardInterrupt("SIGTERM")

    # only the main thread may set a handler (a test may call main() from another thread)
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, interrupted) if in_main else None
    t0 = time.monotonic()
    try:
        asyncio.run(asyncio.wait_for(_run(args, workdir, report, target), args.timeout))
    except TimeoutError:
        report["error"] = f"global timeout after {args.timeout:.0f} s"
    except KeyboardInterrupt as err:
        report["error"] = f"interrupted ({err or 'SIGINT'})"
    except Exception as err:  # noqa: BLE001 - reported in the summary and the JSON line
        report["error"] = f"{type(err).__name__}: {err}"
        traceback.print_exc()
    finally:
        watchdog.cancel()
        kill_servers()
        for server in report["_servers"]:
            server.stop()
        if in_main:
            signal.signal(signal.SIGTERM, previous)
    report.pop("_servers")
    report["total_wall_s"] = round(time.monotonic() - t0, 1)
    evaluate(report, args)
    if report.get("error"):
        report["ok"] = False
    if args.objects:
        report["objects"] = session_objects()
    if not args.quiet:
        print_summary(report)
        if report.get("objects"):
            print("what one session keeps (bytes):", json.dumps(report["objects"], indent=1))
    compact = {k: v for k, v in report.items() if k not in ("rss_trace_mb", "served")}
    compact["sessions"] = [{k: v for k, v in s.items() if k not in ("interactions", "server_side", "plan", "images_shown")}
                           for s in report.get("sessions", [])]
    print(json.dumps(compact, ensure_ascii=False, default=str))
    return report


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(sys.argv[2:])
    else:
        sys.exit(0 if main()["ok"] else 1)
