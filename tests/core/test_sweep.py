"""core.sweep: the grid, one cell = one Trainer run judged by core.verdict, processes and
Dask giving the same numbers, the results file, and the command line."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from core import sweep, sweep_file
from core.mnist import load_sample
from core.sgd import Trainer, TrainConfig
from core.verdict import judge

ROOT = Path(__file__).resolve().parents[2]
# tiny cells: 8 iterations of batch 1000 per epoch, 10 hidden units
TINY = dict(lrs=(0.5, 2.0), batch_sizes=(1000,), seeds=2, losses=("cross_entropy", "mean_squared_error"),
            budget="epochs", length=1, hidden_size=10)


def test_grid_is_canonical_and_checked():
    a = sweep.Grid.make([1, 0.1, 0.1], [100, 10], 2, ["mean_squared_error", "cross_entropy"])
    assert a.lrs == (0.1, 1.0) and a.batch_sizes == (10, 100)
    assert a.losses == ("cross_entropy", "mean_squared_error")
    assert len(a.cells()) == 2 * 2 * 2 * 2 and a.cells()[0] == ("cross_entropy", 0.1, 10, 0)
    assert sweep.Grid.make([0.1, 1], [10, 100], 2, ["cross_entropy", "mean_squared_error"]) == a
    assert a.iters(100, 8000) == 5 * 80 and a.iters(10, 8000) == 5 * 800  # epochs: fair in data seen
    by_iters = sweep.Grid.make([0.1], [10, 100], budget="iters", length=300)
    assert by_iters.iters(10, 8000) == by_iters.iters(100, 8000) == 300  # iterations: fair in updates
    assert a.total_images(8000) == 16 * 5 * 8000  # 16 cells of 5 epochs of 8,000 images
    for kwargs, name in (({"lrs": [0.0]}, "lr"), ({"batch_sizes": [0]}, "batch_size"), ({"seeds": 0}, "seeds"),
                         ({"losses": ["hinge"]}, "loss"), ({"length": 0}, "epochs"), ({"budget": "hours"}, "budget")):
        args = {"lrs": [0.1], "batch_sizes": [10], **kwargs}
        with pytest.raises(ValueError, match=f"^{name} "):
            sweep.Grid.make(**args)
    with pytest.raises(ValueError, match="^batch_size "):
        a.check(train_size=50)


def test_key_follows_data_grid_and_budget():
    data = load_sample()
    digest = sweep.data_digest(data)
    grid = sweep.Grid.make(**TINY)
    key = sweep.sweep_key(digest, grid)
    assert key == sweep.sweep_key(sweep.data_digest(load_sample()), sweep.Grid.make(**TINY))
    assert key != sweep.sweep_key(digest, sweep.Grid.make(**{**TINY, "length": 2}))
    assert key != sweep.sweep_key(digest, sweep.Grid.make(**{**TINY, "budget": "iters", "length": 8}))
    assert key != sweep.sweep_key(digest, sweep.Grid.make(**{**TINY, "seeds": 3}))
    other = data.__class__(data.x_train[:-1], data.t_train[:-1], data.x_test, data.t_test, "file")
    assert key != sweep.sweep_key(sweep.data_digest(other), grid)


def test_a_cell_is_one_trainer_run_judged_by_the_verdict():
    data = load_sample()
    grid = sweep.Grid.make(**TINY)
    cell = ("mean_squared_error", 2.0, 1000, 1)
    result = sweep.run_cell("sample", grid.to_dict(), cell)
    history = Trainer(data, TrainConfig(hidden_size=10, lr=2.0, batch_size=1000, iters=8, seed=1,
                                        loss="mean_squared_error")).run()
    verdict = judge(history)
    assert result["test_acc"] == history.test_acc[-1] and result["train_acc"] == history.train_acc[-1]
    assert result["status"] == verdict.status and result["causes"] == list(verdict.causes)
    assert result["final_loss"] == verdict.loss_end
    assert result["epoch"] == history.epoch and result["curve_test"] == history.test_acc
    assert result["curve_loss"][0] == history.losses[0]
    assert result["curve_loss"][-1] == pytest.approx(history.losses[1:].mean())
    assert json.dumps(result)  # plain data


def test_statuses_come_from_the_verdict():
    grid = sweep.Grid.make([0.001, 1.0], [1000], 1, budget="iters", length=16, hidden_size=10)
    results = {r["lr"]: r for r in sweep.run(grid.cells(), "sample", grid)}
    assert results[1.0]["status"] == "finished" and results[1.0]["causes"] == []
    assert results[0.001]["status"] == "did_not_learn" and results[0.001]["causes"] == ["too_slow"]


def by_cell(results):
    return {sweep.cell_of(r): {k: v for k, v in r.items() if k != "seconds"} for r in results}


def test_two_processes_and_one_give_the_same_numbers():
    grid = sweep.Grid.make(**TINY)
    one = by_cell(sweep.run(grid.cells(), "sample", grid, jobs=1))
    two = by_cell(sweep.run(grid.cells(), "sample", grid, jobs=2))
    assert set(one) == set(grid.cells())
    assert one == two  # bit-identical: == on every float


def test_a_dask_cluster_gives_the_same_numbers():
    """On a cluster started with README's sweep settings (deploy/dask-sweep.yaml): the workers
    have them, and the numbers are those of the local path."""
    import dask
    import distributed  # in requirements-dev.txt

    from bench.bench_sweep import sweep_settings

    settings = sweep_settings()
    assert settings  # the file says something
    grid = sweep.Grid.make(**TINY)
    local = by_cell(sweep.run(grid.cells(), "sample", grid, jobs=1))
    with dask.config.set(settings), distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        assert sweep.cluster_threads(client) == 2
        remote = by_cell(sweep.run(grid.cells(), "sample", grid, dask=client))
        workers = client.run(lambda: os.getpid())
        seen = client.run(lambda keys: {k: dask.config.get(k) for k in keys}, list(settings))
    assert len(set(workers.values())) == 2 and os.getpid() not in workers.values()
    assert all(values == settings for values in seen.values())
    assert remote == local


FAULTS_OF_ONE_CELL = """
import resource, sys
from core import sweep
grid = sweep.Grid.make([0.1], [100], seeds=2, budget="epochs", length=1)
cells = [tuple(c) for c in grid.cells()]
sweep.run_cell("sample", grid.to_dict(), cells[0])  # data loaded, allocator warm
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
sweep.run_cell("sample", grid.to_dict(), cells[1])
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_a_worker_started_the_way_dask_starts_it_keeps_its_memory_between_steps():
    """Dask's nanny sets MALLOC_TRIM_THRESHOLD_=65536 in its workers: without the allocator
    tuned back, each step's temporaries were returned and faulted in again (about 24,000
    minor page faults for this one-epoch cell, twice the time), against a handful otherwise."""
    root = Path(__file__).resolve().parents[2]

    def faults(**env):
        out = subprocess.run([sys.executable, "-c", FAULTS_OF_ONE_CELL], cwd=root, capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": str(root), **env}, check=True)
        return int(out.stdout.split()[-1])

    plain, like_dask = faults(), faults(MALLOC_TRIM_THRESHOLD_="65536")
    assert like_dask <= max(200, 2 * plain), (plain, like_dask)


def test_groups_average_over_seeds_and_set_diverged_apart():
    grid = sweep.Grid.make([0.1], [10], seeds=3)
    base = {"loss": "cross_entropy", "lr": 0.1, "batch_size": 10, "causes": [], "iters": 4, "iters_done": 4,
            "seconds": 0.1, "diverged_at": None, "epoch": [0.1, 1.0], "curve_loss": [2.3, 1.0]}
    results = [
        {**base, "seed": 0, "train_acc": 0.9, "test_acc": 0.8, "final_loss": 0.5, "status": "finished",
         "curve_train": [0.1, 0.9], "curve_test": [0.1, 0.8]},
        {**base, "seed": 1, "train_acc": 0.7, "test_acc": 0.6, "final_loss": 0.7, "status": "finished",
         "curve_train": [0.2, 0.7], "curve_test": [0.1, 0.6]},
        {**base, "seed": 2, "train_acc": 0.1, "test_acc": 0.1, "final_loss": None, "status": "diverged",
         "causes": ["overshoot"], "epoch": [0.1], "curve_train": [0.1], "curve_test": [0.1], "curve_loss": [2.3]},
    ]
    (g,) = sweep.groups(results, grid)
    assert g["done"] == 3 and g["statuses"] == {"finished": 2, "diverged": 1} and g["causes"] == {"overshoot": 1}
    assert g["test_acc"]["mean"] == pytest.approx(0.7) and g["test_acc"]["std"] == pytest.approx(0.1)
    assert g["gap"]["mean"] == pytest.approx(0.1) and g["final_loss"]["n"] == 2
    assert g["curves"]["test"]["mean"] == pytest.approx([0.1, 0.7])
    assert g["curves"]["train"]["min"] == pytest.approx([0.1, 0.7]) and g["curves"]["train"]["max"] == pytest.approx([0.2, 0.9])
    (empty,) = sweep.groups([], grid)
    assert empty["done"] == 0 and empty["test_acc"] is None and empty["curves"] is None


def test_results_file_round_trip(tmp_path):
    grid = sweep.Grid.make(**TINY)
    results = list(sweep.run(grid.cells()[:3], "sample", grid))
    results[1] = {**results[1], "final_loss": None, "diverged_at": 5, "status": "diverged", "causes": ["overshoot"]}
    path = tmp_path / "s.npz"
    sweep_file.save(path, "abc123", {"grid": grid.to_dict()}, results[::-1], order=grid.cells())
    key, meta, loaded = sweep_file.load(path)
    assert key == "abc123" == sweep_file.read_key(path) and meta["grid"] == grid.to_dict()
    assert loaded == results  # in grid order, None kept as None, curves as lists
    assert sweep_file.find("abc123", [tmp_path / "none", tmp_path]) == path
    assert sweep_file.find("other", [tmp_path]) is None


def test_hostile_results_files_are_refused_by_name(tmp_path):
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    np.savez(tmp_path / "objects.npz", format=np.array(1), key=np.array("k"), meta=np.array({"a": 1}, dtype=object))
    np.savez(tmp_path / "missing.npz", format=np.array(1), key=np.array("k"), meta=np.array("{}"))
    grid = sweep.Grid.make(**TINY)
    sweep_file.save(tmp_path / "good.npz", "k", {}, list(sweep.run(grid.cells()[:2], "sample", grid)))
    with np.load(tmp_path / "good.npz") as f:
        arrays = dict(f)
    np.savez(tmp_path / "short.npz", **{**arrays, "lr": arrays["lr"][:1]})
    for name, needle in (("junk", "not a readable"), ("objects", "'meta' is not plain data"),
                         ("missing", "missing array 'loss'"), ("short", "lengths do not agree")):
        with pytest.raises(ValueError, match=needle):
            sweep_file.load(tmp_path / f"{name}.npz")
    assert sweep_file.find("k", [tmp_path]) == tmp_path / "good.npz"  # the bad ones are passed over


def run_cli(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "core.sweep", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=180, **kwargs)


def test_cli_json_and_resume(tmp_path):
    out_file = tmp_path / "r.npz"
    args = ["--lr", "2,0.5", "--batch", "1000", "--seeds", "2", "--epochs", "1", "--hidden", "10",
            "--loss", "mean_squared_error,cross_entropy", "--jobs", "1", "--out", str(out_file), "--json"]
    out = run_cli(*args)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["jobs"] == 1 and result["seconds"] > 0 and len(result["cells"]) == 8
    assert set(result["cells"][0]) == {"lr", "batch_size", "seed", "loss", "train_acc", "test_acc", "final_loss",
                                       "status", "seconds"}
    assert "cells 8/8" in out.stderr and "ETA" in out.stderr
    grid = sweep.Grid.make(**TINY)
    local = by_cell(sweep.run(grid.cells(), "sample", grid))
    cli = {sweep.cell_of(c): c for c in result["cells"]}
    assert {c: (r["test_acc"], r["status"]) for c, r in local.items()} == \
           {c: (r["test_acc"], r["status"]) for c, r in cli.items()}
    again = run_cli(*args)
    assert "8 already in" in again.stderr and "cells 1/" not in again.stderr
    assert json.loads(again.stdout.strip().splitlines()[-1])["cells"] == result["cells"]


def test_ctrl_c_keeps_the_finished_cells_and_a_rerun_resumes(tmp_path):
    out_file = tmp_path / "r.npz"
    args = ["--lr", "0.1,0.2,0.3,0.4", "--batch", "100", "--seeds", "2", "--iters", "3000",
            "--jobs", "2", "--out", str(out_file)]
    # as in a terminal: a suite started in the background (``cmd &`` in a script) hands its
    # children SIGINT ignored, and Python then installs no Ctrl-C handler at all
    proc = subprocess.Popen([sys.executable, "-m", "core.sweep", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while not out_file.exists() and time.monotonic() < deadline:  # saved after a first cell (every 2 s)
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "stopped:" in err and "Traceback" not in err
    _, _, kept = sweep_file.load(out_file)
    assert 1 <= len(kept) < 8
    again = run_cli(*args)
    assert again.returncode == 0 and f"({len(kept)} already in" in again.stderr
    _, _, final = sweep_file.load(out_file)
    assert len(final) == 8
    assert by_cell(final)[sweep.cell_of(kept[0])] == by_cell(kept)[sweep.cell_of(kept[0])]


@pytest.mark.parametrize("args,needle", [
    (["--lr", "0.1,abc"], "--lr"), (["--lr", "0,1"], "--lr"), (["--batch", "9000"], "--batch"),
    (["--seeds", "0"], "--seeds"), (["--loss", "hinge"], "--loss"), (["--jobs", "0"], "--jobs"),
    (["--epochs", "2", "--iters", "5"], "not allowed"), (["--data", "/nonexistent.npz"], "--data"),
])
def test_bad_arguments_exit_2_naming_the_option(args, needle, capsys):
    from core.sweep_cli import main

    with pytest.raises(SystemExit) as stop:
        main(args)
    assert stop.value.code == 2 and needle in capsys.readouterr().err


def test_a_results_file_of_another_sweep_is_not_overwritten(tmp_path):
    path = tmp_path / "other.npz"
    sweep_file.save(path, "someotherkey", {}, [])
    out = run_cli("--lr", "1", "--batch", "1000", "--seeds", "1", "--epochs", "1", "--out", str(path))
    assert out.returncode == 2 and "--out" in out.stderr and "another sweep" in out.stderr
    assert sweep_file.read_key(path) == "someotherkey"


def test_the_shipped_default_grid_recomputes_identically():
    """core/data/sweeps/sample-default.npz is the page's default grid on the sample, made by
    the command in its meta (README, "The sweep"); three random cells computed again here
    must give the very same numbers."""
    path = ROOT / "core" / "data" / "sweeps" / "sample-default.npz"
    key, meta, results = sweep_file.load(path)
    grid = sweep.Grid.from_dict(meta["grid"])
    assert key == sweep.sweep_key(sweep.data_digest(load_sample()), grid) == meta["key"]
    assert len(results) == len(grid.cells()) == 90
    assert meta["made_with"].startswith("python -m core.sweep --data sample")
    chosen = np.random.default_rng().choice(len(results), size=3, replace=False)  # different cells every run
    shipped = by_cell([results[i] for i in chosen])
    again = by_cell(sweep.run(list(shipped), "sample", grid))
    assert again == shipped, [sweep.cell_of(results[i]) for i in chosen]


def test_a_cluster_without_workers_is_refused_by_name(capsys):
    import distributed  # in requirements-dev.txt
    from core.sweep_cli import main

    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=None) as cluster:
        with pytest.raises(SystemExit) as stop:
            main(["--lr", "1", "--batch", "1000", "--seeds", "1", "--epochs", "1", "--dask", cluster.scheduler_address])
    assert stop.value.code == 2 and "--dask: the cluster has no worker" in capsys.readouterr().err
