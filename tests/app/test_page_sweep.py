"""The sweep page: the shipped grid at once, its views, a picked cell's curves, the grid in the
link, a grid computed once per server (single flight, run slots), and a grid too big to compute."""
import time

import numpy as np
import pytest

from core import sweep, sweep_file
from core.mnist import load_sample
from tests.app.fuzz import nonfinite
from tests.app.helpers import assert_clean, charts, open_page
from ui import sweep as sweeps
from ui import sweep_view, training

PAGE = "pages/6_sweep.py"
SHIPPED = sweeps.SHIPPED / "sample-default.npz"
# a grid of four tiny cells (16 iterations of 1,000 images): seconds to compute
TINY = {"lrs": "0.1,1", "batches": "1000", "seeds": "2", "budget": "iters", "iters": "16", "losses": "cross_entropy"}


@pytest.fixture(autouse=True)
def fresh_server_state():
    yield
    for job in list(sweeps._jobs.values()):
        job.seen = -1e9  # orphaned: its thread stops at the next cell
        if job.thread:
            job.thread.join(timeout=60)
    sweeps._jobs.clear()
    training._slots.clear()


def heat_cells(at, index):
    """{(lr text, batch text): mean value} of heat map ``index`` (its cells with a value)."""
    _, frames = charts(at)[index]
    values = next(f for f in frames if "value" in f.columns)
    return {(r.lr, r.batch): r.value for r in values.itertuples()}


@pytest.mark.parametrize("lang, best", [("en", "Best held-out accuracy with cross-entropy"),
                                        ("zh", "交叉熵误差的最佳留出数据精度")])
def test_the_default_grid_is_shown_at_once_from_the_shipped_file(lang, best):
    at = open_page(PAGE, lang=lang)
    assert_clean(at)
    assert "sweep.compute" not in [b.key for b in at.button]
    assert not sweeps._jobs  # nothing computed: the file was found by its key
    _, _, results = sweep_file.load(SHIPPED)
    grid = sweep.Grid.make(sweeps.DEFAULT["lrs"], sweeps.DEFAULT["batches"], 3, sweeps.DEFAULT["losses"])
    groups = {(g["loss"], f"{g['lr']:g}", str(g["batch_size"])): g for g in sweep.groups(results, grid)}
    # one heat map per loss, each cell the mean over the three seeds computed independently here
    for index, loss in enumerate(grid.losses):
        cells = heat_cells(at, index)
        assert len(cells) == 15
        for (lr, batch), value in cells.items():
            seeds = [r["test_acc"] for r in results
                     if (r["loss"], f"{r['lr']:g}", str(r["batch_size"])) == (loss, lr, batch)]
            assert value == pytest.approx(np.mean(seeds), abs=1e-12)
            assert groups[(loss, lr, batch)]["done"] == 3
    assert any(best in m.value for m in at.markdown)
    assert not nonfinite(at)


def test_views_change_what_the_cells_show():
    at = open_page(PAGE)
    test = heat_cells(at, 0)
    at.button_group(key="sweep.view").set_value("gap").run()
    assert_clean(at)
    gap = heat_cells(at, 0)
    assert set(gap) == set(test) and gap != test
    _, _, results = sweep_file.load(SHIPPED)
    seeds = [r for r in results if (r["loss"], r["lr"], r["batch_size"]) == ("cross_entropy", 1.0, 10)]
    assert gap[("1", "10")] == pytest.approx(np.mean([r["train_acc"] - r["test_acc"] for r in seeds]))
    at.button_group(key="sweep.view").set_value("loss").run()
    assert heat_cells(at, 0)[("1", "10")] == pytest.approx(np.mean([r["final_loss"] for r in seeds]))
    assert at.query_params["view"] in ("loss", ["loss"])


def curve_series(at, index):
    _, frames = charts(at)[index]
    return frames[0]


def test_a_picked_cell_row_and_column_show_their_curves():
    at = open_page(PAGE, query={"plr": "10", "pbatch": "100"})
    assert_clean(at)
    ce_curves = curve_series(at, 2)  # after the two heat maps
    assert sorted(ce_curves["series"].unique()) == ["held-out", "train"]
    _, _, results = sweep_file.load(SHIPPED)
    seeds = [r for r in results if (r["loss"], r["lr"], r["batch_size"]) == ("cross_entropy", 10.0, 100)]
    held_out = ce_curves[ce_curves["series"] == "held-out"]
    assert list(held_out["mean"]) == pytest.approx(np.mean([r["curve_test"] for r in seeds], axis=0))
    assert list(held_out["low"]) == pytest.approx(np.min([r["curve_test"] for r in seeds], axis=0))
    assert list(held_out["high"]) == pytest.approx(np.max([r["curve_test"] for r in seeds], axis=0))
    at.radio(key="sweep.pick").set_value("row").run()
    assert sorted(curve_series(at, 2)["series"].unique()) == ["batch 10", "batch 100", "batch 1000"]
    at.radio(key="sweep.pick").set_value("col").run()
    assert curve_series(at, 3)["series"].nunique() == 5  # every lr of mean squared error at batch 100
    assert not nonfinite(at)


def test_the_grid_lives_in_the_link_and_bad_values_fall_back():
    at = open_page(PAGE, query=TINY)
    assert_clean(at)
    assert at.multiselect(key="sweep.lrs").value == [0.1, 1.0]
    assert at.multiselect(key="sweep.losses").value == ["cross_entropy"]
    assert at.number_input(key="sweep.iters").value == 16
    assert at.button(key="sweep.compute")  # not computed yet: offered
    at = open_page(PAGE, lang="zh", query={"lrs": "0.1,abc", "seeds": "0"})
    assert at.multiselect(key="sweep.lrs").value == list(sweeps.DEFAULT["lrs"])
    notices = " ".join(w.value for w in at.warning)
    assert "abc" in notices and "0.01,0.1,1,10,100" in notices
    assert_clean(at)


def wait_until(at, done, seconds=90):
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "the grid did not finish in time"
        time.sleep(0.3)
        at.run()
        assert_clean(at)
    return at.run()


def test_a_grid_is_computed_once_for_everyone_and_counts_against_the_run_slots(monkeypatch):
    monkeypatch.setenv("DLFS_MAX_CONCURRENT_RUNS", "4")
    seen, take = [], sweeps._take_slots

    def spy(job):  # what the server looks like when the job takes its slots
        tokens = take(job)
        seen.append((len(tokens), training.active_runs(), training.take_slot("a student's run", job.cap)))
        training.free_slot("a student's run")
        return tokens

    monkeypatch.setattr(sweeps, "_take_slots", spy)
    students = [f"student {i}" for i in range(4)]
    assert all(training.take_slot(s, 4) for s in students)  # every slot busy with students' runs
    first, second = open_page(PAGE, query=TINY), open_page(PAGE, lang="zh", query=TINY)
    first.button(key="sweep.compute").click().run()
    second.run()
    assert "sweep.compute" not in [b.key for b in second.button]  # the second session joins the job
    (key, job), = sweeps._jobs.items()
    grid = sweep.Grid.make([0.1, 1], [1000], 2, budget="iters", length=16)
    assert sweeps.start(grid, load_sample()) is job  # single flight: asking again joins it
    time.sleep(1.5)
    first.run()
    assert job.state == "queued" and not job.results and seen and all(n == 0 for n, _, _ in seen)
    assert any("Waiting for room" in i.value for i in first.info)
    for s in students:
        training.free_slot(s)
    wait_until(first, lambda: job.state == "done")
    assert seen[-1] == (2, 2, True)  # half the server's slots; a student's run still starts beside it
    assert training.active_runs() == 0
    second.run()
    for at in (first, second):
        assert len(heat_cells(at, 0)) == 2 and not nonfinite(at)
    assert sweeps._jobs == {key: job} and len(job.results) == 4
    # the same numbers as the cells computed in this process
    direct = {sweep.cell_of(r): r["test_acc"] for r in sweep.run(grid.cells(), "sample", grid)}
    assert {sweep.cell_of(r): r["test_acc"] for r in job.results} == direct
    assert key == sweeps.key_of(grid, load_sample())


def test_a_job_nobody_watches_stops_and_resumes_where_it_stopped(monkeypatch):
    monkeypatch.setattr(sweeps, "ORPHAN_SECONDS", 0.0)
    grid = sweep.Grid.make([0.1, 0.3, 1, 3], [1000], 1, budget="iters", length=16, hidden_size=10)
    job = sweeps.start(grid, load_sample())
    job.thread.join(timeout=60)
    assert job.state == "stopped" and 1 <= len(job.results) < 4 and training.active_runs() == 0
    kept = list(job.results)
    monkeypatch.setattr(sweeps, "ORPHAN_SECONDS", 60.0)
    again = sweeps.start(grid, load_sample())
    assert again is not job and again.resumed == len(kept)
    again.thread.join(timeout=60)
    assert again.state == "done" and len(again.results) == 4 and again.results[:len(kept)] == kept


def test_a_grid_too_big_for_the_server_gives_the_command_instead(monkeypatch):
    monkeypatch.setenv("DLFS_MAX_SWEEP_CELLS", "3")
    for lang, words in (("en", "more than this server computes"), ("zh", "超出了本服务器的计算上限")):
        at = open_page(PAGE, lang=lang, query=TINY)
        assert_clean(at)
        assert any(words in w.value for w in at.warning)
        assert "sweep.compute" not in [b.key for b in at.button]
        command = at.code[0].value
        assert command.startswith("python -m core.sweep --data sample --lr 0.1,1 --batch 1000 --seeds 2 --iters 16")
        assert "--loss cross_entropy" in command
    assert not sweeps._jobs


def test_the_csv_has_every_run_with_translated_columns():
    _, _, results = sweep_file.load(SHIPPED)
    lines = sweep_view.cells_csv(results).decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 90
    assert lines[0].startswith("loss,lr,batch size,seed")


def test_a_grid_computed_beforehand_is_found_in_the_teachers_folder(monkeypatch, tmp_path):
    grid = sweep.Grid.make([0.1, 1], [1000], 2, budget="iters", length=16)
    key = sweeps.key_of(grid, load_sample())
    at = open_page(PAGE, query=TINY)
    assert "sweep.compute" in [b.key for b in at.button]
    sweep_file.save(tmp_path / "lesson.npz", key, {}, list(sweep.run(grid.cells(), "sample", grid)))
    (tmp_path / "broken.npz").write_bytes(b"not a results file")  # passed over
    monkeypatch.setenv(sweeps.DIR_ENV, str(tmp_path))
    at = open_page(PAGE, lang="zh", query=TINY)
    assert_clean(at)
    assert "sweep.compute" not in [b.key for b in at.button] and not sweeps._jobs
    assert any("预先算好" in c.value for c in at.caption) and len(heat_cells(at, 0)) == 2
