"""Training runs of one session: start, train in a background thread, stop, keep for comparison.

A run trains in its own thread (NumPy does the work; the thread never calls Streamlit),
so the page only polls it: the live fragment redraws every ``TICK`` seconds without
slowing the training down, and Stop acts after the current iteration.  A process-wide
slot table caps how many runs train at once on a shared server
(``Limits.max_concurrent_runs``); a run waiting for a slot is shown as queued and starts
when one frees.

A run belongs to its session's ``ui.desk.Desk``.  When that session's browser goes
away (a reload, a closed tab, a network cut), the run gives its slot back within
``PAUSE_SECONDS`` and waits: a reload of the same browser takes the desk over and the run
goes on; if nobody comes back within ``ui.desk.KEEP_SECONDS``, it stops.
"""
import re
import threading
import time
from dataclasses import dataclass

import streamlit as st

from core.sgd import Trainer, TrainConfig
from ui import desk as desks
from ui import limits
from ui.records import kept_record, trim_params

CHUNK_SECONDS = 0.2    # the worker checks for a slot and a living page this often
TICK = 1.0             # live fragment redraw interval while a run is active
PAUSE_SECONDS = 3.0    # a run whose page has gone gives its slot back after this long
ORPHAN_SECONDS = 30.0  # outside a server (no connection to watch): stop after this long unpolled

_slots = set()              # runs training now, shared by all sessions
_slots_lock = threading.Lock()
_finish_lock = threading.Lock()


@dataclass(eq=False)
class Job:
    """A run of a session, from Start until it is filed among the kept runs.

    The worker thread writes ``queued``, ``paused``, ``finished`` and ``error``; the page
    writes ``seen`` and ``filed``.  ``desk`` tells the worker whose page watches it.
    """

    id: int
    trainer: Trainer
    source: str
    desk: desks.Desk
    cap: int
    seen: float
    queued: bool = False
    paused: bool = False
    finished: bool = False
    filed: bool = False
    error: str | None = None
    thread: threading.Thread | None = None


def _take_slot(token, cap):
    with _slots_lock:
        if token in _slots or len(_slots) < cap:
            _slots.add(token)
            return True
        return False


def _free_slot(token):
    with _slots_lock:
        _slots.discard(token)


take_slot, free_slot = _take_slot, _free_slot  # public: a shared sweep takes slots like runs do


def active_runs():
    """How many runs are training on this server now."""
    with _slots_lock:
        return len(_slots)


def job():
    """The session's current run (Job) or None (also once it has been filed)."""
    current = desks.current().job
    return None if current is None or current.filed else current


def runs():
    """Finished, stopped or diverged runs of this session, oldest first."""
    return desks.current().runs


def clear():
    """Forget the kept runs (the run training now, if any, goes on)."""
    runs().clear()


SHOWN = "training.shown"         # the comparison's multiselect: ids of the runs shown
_SHOWN_KEPT = "keep.training.shown"  # its plain copy (a widget's state is dropped on other pages)
_SHOWN_SEEN = "training.shown_seen"  # the ids that existed when the student last chose


def shown(ids, first=8):
    """The kept run ids the comparison shows: the student's choice, with runs filed since
    then added (a new run is what the student wants to see); at first the latest ``first``.
    Sets the multiselect's state (call before drawing it)."""
    chosen = st.session_state.get(SHOWN, st.session_state.get(_SHOWN_KEPT))
    if chosen is not None:
        chosen = [_run_id(i) for i in chosen]
    seen = st.session_state.get(_SHOWN_SEEN)
    if chosen is None or seen is None:
        chosen = ids[-first:]
    else:
        chosen = [i for i in chosen if i in ids] + [i for i in ids if i not in seen and i not in chosen]
    chosen = [i for i in ids if i in chosen]  # in the options' order
    st.session_state[SHOWN] = st.session_state[_SHOWN_KEPT] = chosen
    st.session_state[_SHOWN_SEEN] = list(ids)
    return chosen


def _run_id(chosen):
    """A run id from the multiselect's value.  Labels name what differs between the kept
    runs, so filing a run renames the others ("#1" becomes "#1 · seed 0"); a label the
    browser showed before such a rename comes back as that text, which still starts with
    the run's number."""
    if isinstance(chosen, str):
        match = re.match(r"#(\d+)", chosen)
        return int(match.group(1)) if match else None
    return chosen


def label_of(labels):
    """The multiselect's ``format_func``: a run's label, and any other value (an old label
    on its way back, a run just dropped) as text, never None (Streamlit stores the text)."""
    return lambda chosen: labels.get(chosen, str(chosen))


def show(ids):
    """Button callback: show exactly these runs in the comparison."""
    st.session_state[SHOWN] = st.session_state[_SHOWN_KEPT] = list(ids)


def _gone_for(current, now):
    """Seconds since the run's page was last known to be there (0 while it is)."""
    owner = current.desk.owner
    if owner is None:  # no server connection to watch (AppTest): the page's polls tell
        return now - current.seen
    if desks.session_active(owner):
        current.seen = now
        return 0.0
    return now - current.seen


def _work(current):
    """Thread body: wait for a slot, then train chunk by chunk until the run is done."""
    trainer = current.trainer
    try:
        while not trainer.done:
            gone = _gone_for(current, time.monotonic())
            watched = current.desk.owner is not None
            if gone > (desks.KEEP_SECONDS if watched else ORPHAN_SECONDS):
                trainer.request_stop()  # nobody came back: keep nothing running for it
            elif watched and gone > PAUSE_SECONDS and not trainer.stop_requested:
                current.paused, current.queued = True, False
                _free_slot(current)  # wait for the page to come back without holding a slot
                time.sleep(CHUNK_SECONDS)
                continue
            current.paused = False
            if not trainer.stop_requested and not _take_slot(current, current.cap):
                current.queued = True
                time.sleep(CHUNK_SECONDS)
                continue
            current.queued = False
            trainer.run(max_seconds=CHUNK_SECONDS)
    except Exception as err:  # noqa: BLE001 - reported on the page, never raised into the server
        current.error = repr(err)
    finally:
        _free_slot(current)
        current.finished = True


def start(data, config: TrainConfig):
    """Create the run (raises ValueError naming a bad parameter) and start training it.

    The session-state accesses come before the thread starts (see ``finish``): a run is
    either recorded as the session's job and training, or neither.
    """
    trainer = Trainer(data, config)
    cap = limits.current().max_concurrent_runs
    desk = desks.current()
    current = Job(id=desk.next_id, trainer=trainer, source=data.source, desk=desk, cap=cap,
                  seen=time.monotonic())
    current.thread = threading.Thread(target=_work, args=(current,), name=f"training-run-{current.id}",
                                      daemon=True)
    desk.next_id += 1
    desk.job = current
    current.thread.start()


def stop():
    """Ask the current run to stop; it keeps what it learned so far."""
    current = job()
    if current:
        current.trainer.request_stop()
        # the worker stops after its current iteration and measures accuracy once more:
        # waiting for it here lets this very rerun show the stopped run
        current.thread.join(timeout=1.0)


def poll(current):
    """The current run's History; tells the worker the page is still watching.

    When the run will end before the next tick, wait for it here (the wait holds no
    lock the worker needs), so the finished run shows without a tick's delay.
    """
    current.seen = time.monotonic()
    history = current.trainer.history
    if history.iters_done and history.seconds > 0 and not current.queued:
        left = (history.iters_planned - history.iters_done) * history.seconds / history.iters_done
        if left < TICK:
            current.thread.join(timeout=TICK)
    return history


def finish(current):
    """Move a done run into the session's list of runs (capped), with its example images.

    Any access to ``st.session_state`` may end the script run right there when the
    student has already asked for the next one (Streamlit's fast reruns), so every such
    access comes first, and the filing itself touches only plain Python objects, under
    a lock: it happens completely or not at all (then the next tick files the run).
    A fragment tick and a full rerun may both see the run end: it is filed once.
    """
    kept, cap = runs(), limits.current().max_runs_kept
    with _finish_lock:
        if current.filed:
            return
        kept.append(kept_record(current.id, current.source, current.trainer, failed=current.error is not None))
        del kept[: max(0, len(kept) - cap)]
        trim_params(kept)
        current.filed = True
        if current.desk.job is current:
            current.desk.job = None
