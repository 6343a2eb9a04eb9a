"""ui.desk and the run's worker: a reload takes the desk over; a page that has gone frees its slot."""
import time

import pytest

from core.mnist import load_sample
from core.sgd import Trainer, TrainConfig
from ui import desk as desks
from ui import training


@pytest.fixture
def connected(monkeypatch):
    """Which sessions have a browser connected; desks.session_active reads this set."""
    alive = set()
    monkeypatch.setattr(desks, "session_active", lambda session: session is None or session in alive)
    monkeypatch.setattr(desks, "_registry", {})
    return alive


def used(desk):
    desk.runs.append({"id": 1})
    desk.next_id = 2
    return desk


def test_a_reload_takes_over_the_desk_of_the_gone_session(connected):
    connected.update({"old", "other-tab"})
    mine = desks._register(used(desks.Desk(owner="old", browser="b1")))
    tab = desks._register(used(desks.Desk(owner="other-tab", browser="b1")))
    desks._register(used(desks.Desk(owner="elsewhere", browser="b2")))
    assert desks._take_over("b1", "new") is None  # both pages of this browser are still open
    connected.discard("old")  # the page was reloaded: its websocket closed
    assert desks._take_over("b1", "new") is mine and mine.owner == "new"
    connected.add("new")
    assert desks._take_over("b1", "newer") is None  # every desk of this browser is shown somewhere now
    assert tab.owner == "other-tab"
    assert desks._take_over(None, "x") is None      # an unknown browser takes nothing


def test_an_empty_desk_is_never_taken_over_and_goes_at_once(connected):
    desks._register(desks.Desk(owner="gone", browser="b1"))
    assert desks._take_over("b1", "new") is None
    desks.expire()
    assert desks._registry == {}


def test_desks_of_sessions_long_gone_expire(connected):
    desk = desks._register(used(desks.Desk(owner="gone", browser="b1")))
    desks._expire(now=1000.0)
    assert desk.left_at == 1000.0 and desks._registry["b1"] == [desk]
    desks._expire(now=1000.0 + desks.KEEP_SECONDS + 1)
    assert desks._registry == {}


def job_on(desk, iters):
    trainer = Trainer(load_sample(), TrainConfig(iters=iters, hidden_size=20))
    current = training.Job(id=1, trainer=trainer, source="sample", desk=desk, cap=1, seen=time.monotonic())
    desk.job = current
    return current


def wait(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_a_run_whose_page_has_gone_gives_its_slot_back_and_resumes_when_it_returns(connected, monkeypatch):
    monkeypatch.setattr(training, "PAUSE_SECONDS", 0.5)
    connected.add("page")
    desk = desks.Desk(owner="page", browser="b1")
    current = job_on(desk, iters=10**6)
    worker = training.threading.Thread(target=training._work, args=(current,), daemon=True)
    worker.start()
    try:
        wait(lambda: current in training._slots and current.trainer.history.iters_done > 0)
        connected.discard("page")  # reload: the old page's websocket closes
        wait(lambda: current.paused and current not in training._slots)
        paused_at = current.trainer.history.iters_done
        time.sleep(0.5)
        assert current.trainer.history.iters_done == paused_at  # waiting, not training
        desk.owner = "reloaded"  # the new page takes the desk over
        connected.add("reloaded")
        wait(lambda: current.trainer.history.iters_done > paused_at and current in training._slots)
        assert not current.paused
    finally:
        current.trainer.request_stop()
        worker.join(10)
    assert current.finished and current not in training._slots


def test_a_run_nobody_comes_back_to_stops(connected, monkeypatch):
    monkeypatch.setattr(training, "PAUSE_SECONDS", 0.2)
    monkeypatch.setattr(desks, "KEEP_SECONDS", 0.6)
    desk = desks.Desk(owner="gone-at-once", browser="b1")
    current = job_on(desk, iters=10**6)
    training._work(current)  # returns once the run has stopped
    assert current.trainer.history.status == "stopped" and current not in training._slots
