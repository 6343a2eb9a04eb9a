"""What one change costs a student's browser: websocket bytes and the time until the page settles.

    .venv/bin/python bench/bench_interactions.py                     # every page, CPU throttled 4x, median of 3
    .venv/bin/python bench/bench_interactions.py --baseline main     # the same, before (git ref) and after, same run
    .venv/bin/python bench/bench_interactions.py --pages gradient --throttle 1 --repeats 5
    .venv/bin/python bench/bench_interactions.py --pages gradient --profile   # where the browser's time goes
    .venv/bin/python bench/bench_interactions.py --bare --pages home         # Streamlit's own floor first

Every page of the chapter (``ui.shell.PAGES``) declares its interactions in INTERACTIONS
below, the first being its main one; a page without one stops the script with its name.
Each interaction is measured ``--repeats`` times after one warm-up, each time in a new
browser tab opened on the page's settings before the change (a new session, with the
server's caches warm, as when a class follows the teacher), through the Chrome DevTools
Protocol (Playwright's CDP session):

- bytes: the websocket frames' payloads, ``Network.webSocketFrameReceived`` (server to
  browser) and ``Network.webSocketFrameSent``, from the action until the page settled;
- a slower computer: ``Emulation.setCPUThrottlingRate`` (``--throttle 4``, as the issue's
  low-end laptop) for the change; the page is loaded unthrottled before it;
- time: a trace of the renderer's main thread (``Tracing``, categories toplevel and
  devtools.timeline).  The change starts at the first pointerdown or keydown the action
  dispatches.  The page has *settled* at the end of the last main-thread task longer
  than ``--task-floor`` ms (x the throttle: shorter ones are the idle page's timers and
  caret) that is followed by ``--quiet`` ms without such a task and without a websocket
  frame, once the script run has finished.  The trace goes on until the main thread's task
  time (``Performance.getMetrics``) has hardly grown for a second.  Then the script checks that the
  app is idle (``[data-testid='stApp'][data-test-script-state='notRunning']``), that
  every chart has drawn (a canvas or svg with a size), that the change happened (the
  URL's settings) and that no error is shown; a change still busy within ``--quiet`` ms
  of the trace's end is reported as not settled.  Task time is the sum of the main
  thread's tasks between the change and the settle point.

``--bare`` first measures the same way a bare Streamlit app in the same version, from a
temporary folder: the sidebar's eight-page navigation and a language radio, a title, one
slider that writes the URL and one small Altair line chart (BARE_APP).  Its slider step
and its rerun with nothing changed are what any page of this app pays before its own
elements: the part of a page's time its own code can remove is the difference.

Targets (issue "A lighter page"): <= 100 KB received per interaction and <= 400 ms from
the change to the page settled.  ``--profile`` adds a breakdown of the main thread's
time (scripting, style and layout, paint, ...) and a JS sampling profile by script.
"""
import argparse
import base64
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.serving import Streamlit  # noqa: E402 - how the app is started, for tests and benches alike
from ui.i18n import messages  # noqa: E402 - the words the students see
from ui.shell import SCRIPTS, url_path  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
TARGET_KB, TARGET_MS = 100, 400
TRACE_CATEGORIES = ["toplevel", "devtools.timeline"]
PROFILE_CATEGORIES = TRACE_CATEGORIES + ["disabled-by-default-devtools.timeline", "v8", "v8.execute"]


@dataclass(frozen=True)
class Interaction:
    """One change a student makes on a page.

    kind: "button" (click the button labelled ``target``), "toggle" (click the toggle
    labelled ``target``), "number" (type ``value`` into the number input labelled ``target``,
    then Enter), "slider" (one step to the right on the slider labelled ``target``),
    "radio" (click the option ``target``), "rerun" (Streamlit's R key: the same page again,
    nothing changed; the floor the front end costs on that page).  ``target`` is a catalogue key, or a literal
    label when it is not one.  ``query``: the page's URL settings before the change.
    ``expect``: URL settings the change must produce.  ``setup``: "train" = a short run
    finished on the page before the change (its charts on the page), "book" = the book's
    network trained on the page before it.
    """
    name: str
    kind: str
    target: str
    expect: dict
    query: str = ""
    value: object = None
    setup: str = ""


INTERACTIONS = {
    "home": [Interaction("language: 简体中文", "radio", "简体中文", {"lang": "zh"})],
    "loss": [Interaction("output: the book's y2", "button", "loss.preset_book2",
                         {"y": "0.1, 0.05, 0.1, 0, 0.05, 0.1, 0, 0.6, 0, 0"})],
    "derivative": [Interaction("point x: 5 -> 7", "number", "derivative.x", {"x": 7}, value=7)],
    "gradient": [
        Interaction("point: (3, 4) -> (0, 2)", "button", "(0, 2)", {"p0": 0, "p1": 2}),
        Interaction("arrows of equal length", "toggle", "gradient.same_length", {"unit": 1}),
        Interaction("preset: Rosenbrock, 2000 steps", "button", "gradient.preset.rosenbrock", {"steps": 2000}),
    ],
    "network": [Interaction("hidden units: 10 -> 20", "slider", "network.hidden", {"hidden": 20})],
    "training": [Interaction("lr: 0.1 -> 0.3, one run kept", "slider", "training.lr", {"lr": 0.3},
                             query="iters=300", setup="train")],
    "sweep": [Interaction("the curves' learning rate: 1 -> 10, the shipped grid", "slider", "sweep.pick_lr",
                          {"plr": 10})],
    "inside": [Interaction("confusion matrix as row shares, the book's network", "toggle", "inside.norm",
                           {"norm": 1}, setup="book")],
}

EXPECT_JS = """(want) => {
  const q = new URLSearchParams(location.search);
  const bad = [];
  for (const [k, v] of Object.entries(want)) {
    const got = q.get(k);
    const same = got !== null && (got === String(v) ||
      (typeof v === "number" && Math.abs(parseFloat(got) - v) <= 1e-9 * Math.max(1, Math.abs(v))));
    if (!same) bad.push(`${k}=${got} (wanted ${v})`);
  }
  return bad;
}"""
# every chart drawn: a canvas or svg with a size inside each chart element
CHARTS_JS = """() => [...document.querySelectorAll("[data-testid='stVegaLiteChart']")].map(c => {
  const g = c.querySelector("canvas, svg"); if (!g) return 0;
  const r = g.getBoundingClientRect(); return r.width > 0 && r.height > 0 ? 1 : 0; })"""
ERROR_JS = """(words) => document.querySelectorAll("[data-testid='stException']").length > 0 ||
  words.some(w => document.body.innerText.includes(w))"""


def check_declared():
    """Every page of the chapter declares its interactions: a page added later fails here."""
    missing = [page_id for page_id in SCRIPTS if not INTERACTIONS.get(page_id)]
    unknown = [page_id for page_id in INTERACTIONS if page_id not in SCRIPTS]
    if missing or unknown:
        sys.exit(f"bench_interactions: declare the main interaction of {missing} in INTERACTIONS "
                 f"(pages unknown to ui.shell.PAGES: {unknown})")


BARE_APP = '''import altair as alt
import numpy as np
import pandas as pd
import streamlit as st


def main():
    st.title("Bare")
    k = st.slider("k", 0, 10, 3)
    st.query_params["k"] = k
    x = np.linspace(0, 10, 50)
    st.altair_chart(alt.Chart(pd.DataFrame({"x": x, "y": np.sin(x) * k})).mark_line().encode(x="x", y="y"))
    st.write("k =", k)


def other():
    st.write("another page")


pages = [st.Page(main, title="Main", url_path="main", default=True)]
pages += [st.Page(other, title=f"Page {i}", url_path=f"p{i}") for i in range(7)]
with st.sidebar:
    st.radio("Language", ["English", "简体中文"], horizontal=True)
st.navigation(pages).run()
'''
BARE_INTERACTIONS = [Interaction("a bare Streamlit app: slider one step", "slider", "k", {"k": 4}),
                     Interaction("a bare Streamlit app: rerun, nothing changed", "rerun", "", {})]


# --- the server -----------------------------------------------------------------------------

class Server:
    """The app from ``folder`` on 127.0.0.1 (bench.serving), with an empty data cache of its own."""

    def __init__(self, folder, label):
        self.label = label
        self.cache = tempfile.TemporaryDirectory(prefix="dlfs-bench-cache-")
        env = dict(os.environ, DLFS_CH4_CACHE=self.cache.name, PYTHONDONTWRITEBYTECODE="1")
        self.streamlit = Streamlit(env=env, cwd=folder, timeout=90)
        self.base = self.streamlit.url

    def stop(self):
        self.streamlit.stop()
        self.cache.cleanup()


def export(ref, into):
    """The tree of git ``ref`` in the folder ``into`` (the checkout itself is not touched)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


# --- one measurement ------------------------------------------------------------------------

@dataclass
class Measurement:
    t0: float = 0.0  # trace clock, µs
    received: int = 0
    sent: int = 0
    settled_ms: float = float("nan")
    task_ms: float = float("nan")
    cpu_ms: float = float("nan")
    settled_cpu_ms: float = float("nan")
    long_task_ms: float = 0.0
    server_ms: float = float("nan")
    after_last_frame_ms: float = float("nan")
    problems: list = field(default_factory=list)
    breakdown: Counter = field(default_factory=Counter)
    js_by_script: Counter = field(default_factory=Counter)
    js_by_function: Counter = field(default_factory=Counter)


def _words(key, lang="en"):
    table = messages()
    return table[key][lang] if key in table else key


def _target(page, interaction):
    label = _words(interaction.target)
    if interaction.kind == "button":
        return page.get_by_role("button", name=label, exact=True)
    if interaction.kind == "toggle":
        return page.locator("[data-testid='stCheckbox']").filter(has_text=label).locator("label")
    if interaction.kind == "number":
        return page.get_by_label(label, exact=True)
    if interaction.kind == "slider":
        return page.locator("[data-testid='stSlider']").filter(has_text=label).locator("input[type=range]")
    if interaction.kind == "radio":
        return page.locator("label").filter(has_text=label)
    if interaction.kind == "rerun":
        return page.keyboard
    raise ValueError(f"unknown interaction kind {interaction.kind!r}")


def _prepare(page, interaction):
    """What the action needs before the clock starts: the value typed, the slider focused."""
    target = _target(page, interaction)
    if interaction.kind == "rerun":
        return target
    target.first.wait_for(state="attached")
    if interaction.kind == "number":
        target.fill(str(interaction.value))
    elif interaction.kind == "slider":
        target.focus()
    return target


def _act(target, interaction):
    if interaction.kind == "number":
        target.press("Enter")
    elif interaction.kind == "slider":
        target.press("ArrowRight")
    elif interaction.kind == "rerun":
        target.press("r")  # Streamlit's shortcut: run the script again, nothing changed
    else:
        target.first.click()


def _train_first(page):
    page.get_by_role("button", name=_words("training.start")).click()
    page.get_by_text("Run 1 finished").wait_for(timeout=120_000)
    page.wait_for_selector(IDLE, timeout=60_000)


def _book_network_first(page):
    button = page.get_by_role("button", name=_words("inside.train_book"))
    chart = page.locator("[data-testid='stVegaLiteChart']")
    button.or_(chart).first.wait_for(timeout=60_000)
    if button.count():  # once trained, the server keeps the book's network and offers it at once
        button.click()
    chart.first.wait_for(timeout=180_000)
    page.wait_for_selector(IDLE, timeout=60_000)


SETUPS = {"train": _train_first, "book": _book_network_first}


def _frames(cdp, sink):
    def received(e):
        sink.append(("in", e["timestamp"], e["response"]))

    def sent(e):
        sink.append(("out", e["timestamp"], e["response"]))

    cdp.on("Network.webSocketFrameReceived", received)
    cdp.on("Network.webSocketFrameSent", sent)


def _payload_bytes(response):
    data = response.get("payloadData", "")
    if response.get("opcode") == 2:  # binary frames arrive base64-encoded
        return len(base64.b64decode(data))
    return len(data.encode())


def _kind(direction, response):
    """'rerun' for the browser's rerun request, 'finished' for the end of a script run, else ''."""
    if response.get("opcode") != 2:
        return ""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    raw = base64.b64decode(response["payloadData"])
    try:
        if direction == "out":
            return "rerun" if BackMsg.FromString(raw).WhichOneof("type") == "rerun_script" else ""
        return "finished" if ForwardMsg.FromString(raw).WhichOneof("type") == "script_finished" else ""
    except Exception:  # noqa: BLE001 - not a Streamlit message
        return ""


def _trace(cdp, categories, page, action, wait_after_ms):
    """Run ``action`` under a trace; return the trace events."""
    events, done = [], []
    on_data = events.extend
    cdp.on("Tracing.dataCollected", lambda e: on_data(e["value"]))
    cdp.on("Tracing.tracingComplete", lambda e: done.append(True))
    cdp.send("Tracing.start", {"traceConfig": {"includedCategories": categories}, "transferMode": "ReportEvents"})
    page.wait_for_timeout(300)
    action()
    wait_after_ms()
    cdp.send("Tracing.end")
    deadline = time.monotonic() + 60
    while not done and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    return events


def _main_thread(events):
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in events
             if e.get("ph") == "M" and e.get("name") == "thread_name"}
    mains = [k for k, v in names.items() if v == "CrRendererMain"]
    # the tab's renderer is the one that dispatched the input events
    for key in mains:
        if any((e["pid"], e["tid"]) == key and e.get("name") == "EventDispatch" for e in events):
            return key
    return mains[0] if mains else None


CATEGORIES = {
    "scripting": ("FunctionCall", "EvaluateScript", "RunMicrotasks", "TimerFire", "FireAnimationFrame",
                  "EventDispatch", "WebSocketReceive", "v8.callFunction", "V8.Execute", "v8.run",
                  "V8.HandleInterrupts", "V8.StackGuard", "V8.BytecodeBudgetInterrupt",
                  "V8.BytecodeBudgetInterruptWithStackCheck", "HandlePostMessage", "XHRReadyStateChange",
                  "v8.compile", "V8.CompileCode", "v8.produceCache", "CompileScript", "CompileCode"),
    "garbage collection": ("MinorGC", "MajorGC", "V8.GC_SCAVENGER", "V8.GC_MARK_COMPACTOR", "BlinkGC.AtomicPhase",
                           "V8.GCScavenger", "V8.GCFinalizeMC", "V8.GCIncrementalMarking", "BlinkGC.CompleteSweep",
                           "V8.GC_MC_INCREMENTAL", "CppGC.IncrementalSweep", "V8.GC_MC_BACKGROUND_MARKING"),
    "style and layout": ("UpdateLayoutTree", "Layout", "RecalculateStyles", "InvalidateLayout",
                         "ScheduleStyleRecalculation", "HitTest", "UpdateLayerTree"),
    "paint and composite": ("Paint", "PrePaint", "Layerize", "Commit", "UpdateLayer", "CompositeLayers",
                            "PaintImage", "Decode Image", "ImageDecodeTask", "Decode LazyPixelRef",
                            "BeginCommitCompositorFrame", "AnimationFrame::Render"),
    "parsing": ("ParseHTML", "ParseAuthorStyleSheet"),
}
CATEGORY_OF = {name: category for category, names in CATEGORIES.items() for name in names}


def _self_times(events, key, start, end):
    """Self time (µs) of the main thread's events in [start, end], grouped by CATEGORIES."""
    spans = sorted((e for e in events if (e["pid"], e["tid"]) == key and e.get("ph") == "X"
                    and start <= e["ts"] <= end and e.get("dur")), key=lambda e: (e["ts"], -e["dur"]))
    totals, stack = Counter(), []
    for e in spans:
        while stack and e["ts"] >= stack[-1][0]["ts"] + stack[-1][0]["dur"]:
            stack.pop()
        if stack:
            stack[-1][1][0] -= e["dur"]
        record = [e, [e["dur"]]]
        stack.append(record)
        e["_self"] = record[1]
    for e in spans:
        name = e["name"]
        category = CATEGORY_OF.get(name)
        if category is None:
            category = "task overhead" if name in ("ThreadControllerImpl::RunTask", "RunTask") else f"other: {name}"
        totals[category] += max(e["_self"][0], 0)
    return totals


def analyse(events, frames, action_mark, rate, task_floor_ms, quiet_ms):
    """Settle point, task time and server time from one trace and the websocket frames."""
    m = Measurement()
    key = _main_thread(events)
    if key is None:
        m.problems.append("no renderer main thread in the trace")
        return m
    inputs = sorted(e["ts"] for e in events if (e["pid"], e["tid"]) == key and e.get("name") == "EventDispatch"
                    and e.get("args", {}).get("data", {}).get("type") in ("pointerdown", "keydown")
                    and e["ts"] >= action_mark)
    tasks = sorted(((e["ts"], e["ts"] + e["dur"], e.get("tdur", e["dur"])) for e in events
                    if (e["pid"], e["tid"]) == key and e.get("name") == "ThreadControllerImpl::RunTask"
                    and e.get("ph") == "X"), key=lambda x: x[0])
    if not inputs or not tasks:
        m.problems.append("the action dispatched no pointerdown/keydown")
        return m
    t0 = m.t0 = inputs[0]
    trace_end = max(e["ts"] + e.get("dur", 0) for e in events if "ts" in e)
    after = [f for f in frames if f[1] * 1e6 >= t0 - 50_000]
    m.received = sum(_payload_bytes(r) for d, _, r in after if d == "in")
    m.sent = sum(_payload_bytes(r) for d, _, r in after if d == "out")
    kinds = [(d, ts * 1e6, _kind(d, r)) for d, ts, r in after]
    reruns = [ts for d, ts, k in kinds if k == "rerun"]
    finished = [ts for d, ts, k in kinds if k == "finished" and reruns and ts >= reruns[0]]
    if reruns and finished:
        m.server_ms = (finished[-1] - reruns[0]) / 1000
    else:
        m.problems.append("no script run answered the change")
    busy = [(s, e) for s, e, _ in tasks if s >= t0 and e - s >= task_floor_ms * rate * 1000]
    busy += [(ts, ts) for d, ts, _ in kinds if d == "in"]
    busy.sort()
    settle = t0
    for s, e in busy:
        if s > settle + quiet_ms * 1000 and (not finished or settle >= finished[-1]):
            break
        settle = max(settle, e)
    if trace_end - settle < quiet_ms * 1000:
        m.problems.append(f"still busy {(trace_end - settle) / 1000:.0f} ms before the trace ended")
    m.settled_ms = (settle - t0) / 1000
    window = [(max(s, t0), min(e, settle), cpu * (min(e, settle) - max(s, t0)) / max(e - s, 1))
              for s, e, cpu in tasks if e > t0 and s < settle]
    m.task_ms = sum(e - s for s, e, _ in window) / 1000
    # the thread's own time in those tasks (the trace's tdur): on a shared machine the wall clock
    # also counts the time the main thread waited for a core; CPU throttling spins, so it counts
    m.cpu_ms = sum(cpu for _, _, cpu in window) / 1000
    m.settled_cpu_ms = m.settled_ms - (m.task_ms - m.cpu_ms)
    m.long_task_ms = max((e - s for s, e, _ in window), default=0) / 1000
    received = [ts for d, ts, _ in kinds if d == "in"]
    if received:
        m.after_last_frame_ms = (settle - max(received)) / 1000
    m.breakdown = _self_times(events, key, t0, settle)
    return m


def _js_profile(profile, start, end):
    """Self time (ms) of a CPU profile's samples between ``start`` and ``end`` (trace µs), by script file."""
    nodes = {n["id"]: n for n in profile["nodes"]}
    by_script, by_function, now = Counter(), Counter(), profile["startTime"]
    for node_id, delta in zip(profile.get("samples", []), profile.get("timeDeltas", [])):
        now += delta
        if not start <= now <= end:
            continue
        frame = nodes[node_id]["callFrame"]
        url = frame.get("url", "")
        name = url.rsplit("/", 1)[-1] or f"({frame.get('functionName') or 'native'})"
        by_script[name] += delta / 1000
        by_function[f"{name.split('.')[0]}:{frame.get('functionName') or '(anonymous)'}"] += delta / 1000
    return by_script, by_function


def measure(browser, server, page_id, interaction, args, profile=False, path=None):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(120_000)  # a loaded machine takes its time to draw a page
    try:
        query = "&".join(q for q in ("lang=en", interaction.query) if q)
        page.goto(f"{server.base}/{url_path(page_id) if path is None else path}?{query}")
        # the app's shell reads idle before its first run has started: the page's title first
        page.locator("[data-testid='stMain'] h1").first.wait_for(timeout=120_000)
        page.wait_for_selector(IDLE, timeout=120_000)
        if interaction.setup:
            SETUPS[interaction.setup](page)
        target = _prepare(page, interaction)
        page.wait_for_timeout(1500)  # charts drawn, nothing pending
        cdp = context.new_cdp_session(page)
        frames = []
        _frames(cdp, frames)
        cdp.send("Network.enable")
        cdp.send("Performance.enable")
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": args.throttle})
        if profile:
            cdp.send("Profiler.enable")
            cdp.send("Profiler.setSamplingInterval", {"interval": 200})
        def action():
            if profile:
                cdp.send("Profiler.start")
            _act(target, interaction)

        def wait_after():
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:  # until the script run that answers has finished
                page.wait_for_timeout(100)
                if any(d == "in" and _kind(d, r) == "finished" for d, _, r in frames):
                    break
            # then until the main thread's task time (Performance.getMetrics) has hardly grown
            # for a second, at least ``--after`` ms: the trace decides the settle point
            history, started = [], time.monotonic()
            while time.monotonic() < deadline:
                page.wait_for_timeout(250)
                metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
                history.append((time.monotonic(), metrics["TaskDuration"]))
                past = [v for t, v in history if t <= history[-1][0] - 1.0]
                if (time.monotonic() - started) * 1000 >= args.after and past \
                        and history[-1][1] - past[-1] < 0.005 * args.throttle:
                    break

        events = _trace(cdp, PROFILE_CATEGORIES if profile else TRACE_CATEGORIES, page, action, wait_after)
        js = cdp.send("Profiler.stop")["profile"] if profile else None
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        inputs = [e["ts"] for e in events if e.get("name") == "EventDispatch"]
        mark = min(inputs) if inputs else 0
        m = analyse(events, frames, mark, args.throttle, args.task_floor, args.quiet)
        if js:
            m.js_by_script, m.js_by_function = _js_profile(js, m.t0, m.t0 + m.settled_ms * 1000)
        if not page.locator(IDLE).count():
            m.problems.append("the app is not idle")
        drawn = page.evaluate(CHARTS_JS)
        if not all(drawn):
            m.problems.append(f"{drawn.count(0)} of {len(drawn)} charts not drawn")
        wrong = page.evaluate(EXPECT_JS, interaction.expect)
        if wrong:
            m.problems.append("the change did not happen: " + ", ".join(wrong))
        unexpected = [messages()["common.unexpected"][lang] for lang in ("en", "zh")]
        if page.evaluate(ERROR_JS, unexpected):
            m.problems.append("an error is shown")
        return m
    finally:
        context.close()


# --- the report -------------------------------------------------------------------------------

def summarise(results):
    """Medians over the repeats of one interaction on one server."""
    good = [m for m in results if not m.problems] or results
    med = lambda name: statistics.median(getattr(m, name) for m in good)  # noqa: E731
    return {"received_kb": med("received") / 1000, "sent_kb": med("sent") / 1000, "settled_ms": med("settled_ms"),
            "settled_cpu_ms": med("settled_cpu_ms"), "task_ms": med("task_ms"), "cpu_ms": med("cpu_ms"),
            "long_task_ms": med("long_task_ms"), "server_ms": med("server_ms"),
            "after_last_frame_ms": med("after_last_frame_ms"), "runs": len(good),
            "problems": sorted({p for m in results for p in m.problems})}


def print_profile(label, results):
    breakdown, js, functions = Counter(), Counter(), Counter()
    for m in results:
        breakdown.update(m.breakdown)
        js.update(m.js_by_script)
        functions.update(m.js_by_function)
    n = len(results)
    print(f"    where the main thread's time went ({label}, mean of {n}):")
    for category, us in breakdown.most_common(12):
        print(f"      {category[:40]:<40} {us / 1000 / n:7.1f} ms")
    if js:
        print("    JS samples by script (self time):")
        for script, ms in js.most_common(8):
            print(f"      {script[:40]:<40} {ms / n:7.1f} ms")
        print("    JS samples by function (self time):")
        for function, ms in functions.most_common(10):
            print(f"      {function[:40]:<40} {ms / n:7.1f} ms")


def write_bare_app(folder):
    """BARE_APP as ``streamlit_app.py`` in ``folder`` (returned)."""
    Path(folder, "streamlit_app.py").write_text(BARE_APP, encoding="utf-8")
    return folder


def run_interaction(browser, servers, page_id, interaction, args, report, path=None):
    """One interaction on every server: a warm-up, then ``--repeats`` rounds; prints and files the medians."""
    results = {s.label: [] for s in servers}
    for server in servers:  # warm-up: the server's caches, the browser's code cache
        measure(browser, server, page_id, interaction, args, path=path)
    for _ in range(args.repeats):
        for server in servers:
            results[server.label].append(
                measure(browser, server, page_id, interaction, args, profile=args.profile, path=path))
    print(f"{page_id}: {interaction.name}", flush=True)
    for server in servers:
        s = summarise(results[server.label])
        report[f"{page_id}: {interaction.name}"][server.label] = s
        ok = "PASS" if s["received_kb"] <= TARGET_KB and s["settled_ms"] <= TARGET_MS else "over"
        print(f"  {server.label:<16} received {s['received_kb']:6.1f} KB  sent {s['sent_kb']:4.1f} KB  "
              f"settled {s['settled_ms']:5.0f} ms (less waiting for a core: "
              f"{s['settled_cpu_ms']:5.0f})  main thread {s['task_ms']:5.0f} ms "
              f"(CPU {s['cpu_ms']:5.0f}), longest task {s['long_task_ms']:4.0f} ms, "
              f"last frame {s['after_last_frame_ms']:4.0f} ms before settled  {ok}"
              + (f"  PROBLEMS: {s['problems']}" if s["problems"] else ""), flush=True)
        if args.profile:
            print_profile(server.label, results[server.label])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", nargs="*", help="page ids (default: every page)")
    parser.add_argument("--all", action="store_true", help="every interaction of each page, not only its main one")
    parser.add_argument("--only", metavar="TEXT", help="only the interactions whose name contains TEXT")
    parser.add_argument("--floor", action="store_true",
                        help="also measure each page's rerun with nothing changed (R key): the front end's floor")
    parser.add_argument("--floor-only", action="store_true", help="only that rerun")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--throttle", type=float, default=4.0, help="CPU slowdown of the browser (1 = none)")
    parser.add_argument("--quiet", type=float, default=500.0, help="ms without main-thread work that means settled")
    parser.add_argument("--task-floor", type=float, default=0.5,
                        help="ms (x throttle) below which a main-thread task is the idle page's, not the change's")
    parser.add_argument("--after", type=int, default=1500,
                        help="ms traced at least after the script run finished (longer while the page works)")
    parser.add_argument("--baseline", metavar="GIT_REF",
                        help="also measure this git ref's tree (e.g. main), interleaved with this checkout's")
    parser.add_argument("--profile", action="store_true", help="break the main thread's time down")
    parser.add_argument("--json", metavar="FILE", help="write the figures to FILE")
    parser.add_argument("--bare", action="store_true",
                        help="first measure a bare Streamlit app (BARE_APP): the framework's own floor")
    args = parser.parse_args()
    check_declared()
    pages = args.pages or list(SCRIPTS)
    unknown = [p for p in pages if p not in SCRIPTS]
    if unknown:
        sys.exit(f"unknown pages {unknown}; the pages are {list(SCRIPTS)}")

    from playwright.sync_api import sync_playwright

    servers, tmp = [], None
    try:
        if args.baseline:
            tmp = tempfile.TemporaryDirectory(prefix="dlfs-baseline-")
            servers.append(Server(export(args.baseline, tmp.name), f"before ({args.baseline})"))
        servers.append(Server(ROOT, "after" if args.baseline else "this checkout"))
        report = defaultdict(dict)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            print("load average at the start: %.1f %.1f %.1f (2 cores shared)" % os.getloadavg())
            print(f"CPU throttled {args.throttle:g}x, median of {args.repeats}; settled = {args.quiet:g} ms "
                  f"without a main-thread task over {args.task_floor * args.throttle:g} ms. "
                  f"Targets: <= {TARGET_KB} KB received, <= {TARGET_MS} ms to settled.", flush=True)
            if args.bare:
                bare = Server(write_bare_app(tempfile.mkdtemp(prefix="dlfs-bare-")), "bare Streamlit")
                try:
                    for interaction in BARE_INTERACTIONS:
                        run_interaction(browser, [bare], "bare", interaction, args, report, path="")
                finally:
                    bare.stop()
            for page_id in pages:
                chosen = INTERACTIONS[page_id][:None if args.all or args.only else 1]
                chosen = [i for i in chosen if not args.only or args.only in i.name] or chosen[:1]
                first = chosen[0]
                if args.floor or args.floor_only:
                    floor = Interaction("rerun, nothing changed (floor)", "rerun", "", {}, query=first.query,
                                        setup=first.setup)
                    chosen = [floor] if args.floor_only else chosen + [floor]
                for interaction in chosen:
                    run_interaction(browser, servers, page_id, interaction, args, report)
            browser.close()
        print("load average at the end: %.1f %.1f %.1f" % os.getloadavg())
        print(json.dumps(report))
        if args.json:
            Path(args.json).write_text(json.dumps(report, indent=1))
    finally:
        for server in servers:
            server.stop()
        if tmp:
            tmp.cleanup()


if __name__ == "__main__":
    main()
