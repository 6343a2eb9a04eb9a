"""python -m core.train: progress, JSON result, own data files, clear errors."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from core.mnist import load_sample

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "core.train", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_json_result_on_the_sample():
    out = run_cli("--data", "sample", "--iters", "200", "--lr", "0.5", "--seed", "3", "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    for key in ("iters", "seconds", "us_per_iter", "train_acc", "test_acc", "status"):
        assert key in result
    assert result["iters"] == 200 and result["status"] == "finished"
    assert result["test_acc"] > 0.5
    assert result["config"]["lr"] == 0.5 and result["config"]["seed"] == 3
    assert "epoch" in out.stderr  # progress on the terminal


def test_epochs_and_own_npz(tmp_path):
    s = load_sample()
    path = tmp_path / "mine.npz"
    np.savez(path, x_train=s.x_train[:500], t_train=s.t_train[:500], x_test=s.x_test[:100], t_test=s.t_test[:100])
    out = run_cli("--data", str(path), "--epochs", "4", "--batch-size", "50", "--lr", "1", "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["iters"] == 40 and result["train_size"] == 500 and result["data"] == "file"


@pytest.mark.parametrize("args,needle", [
    (["--lr", "0"], "--lr"), (["--lr", "nan"], "--lr"), (["--batch-size", "0"], "--batch-size"),
    (["--batch-size", "9000"], "--batch-size"), (["--hidden", "-3"], "--hidden"),
    (["--iters", "ten"], "--iters"), (["--data", "/nonexistent.npz"], "--data"),
    (["--iters", "5", "--epochs", "1"], "not allowed"),
])
def test_bad_arguments_exit_2_with_a_message(args, needle):
    out = run_cli(*args)
    assert out.returncode == 2
    assert needle in out.stderr and "Traceback" not in out.stderr


def test_divergence_is_reported():
    out = run_cli("--iters", "300", "--lr", "1e30", "--json")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["status"] == "diverged" and result["diverged_at"] >= 1
    assert out.returncode == 1 and "diverged at iteration" in out.stderr


def test_save_writes_a_weights_file_that_loads_back(tmp_path):
    from core import TwoLayerNet

    path = tmp_path / "book.npz"
    out = run_cli("--iters", "400", "--lr", "0.5", "--hidden", "12", "--seed", "2", "--save", str(path), "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    net = TwoLayerNet(784, 1, 10)
    meta = net.load_params(path)
    assert net.sizes == (784, 12, 10) and result["saved"] == str(path)
    assert meta["config"]["seed"] == 2 and meta["iters_done"] == 400 and meta["test_acc"] == result["test_acc"]
    s = load_sample()
    assert net.accuracy(s.x_test / 255.0, s.t_test) == pytest.approx(result["test_acc"], abs=1e-9)


def test_save_into_a_missing_folder_fails_before_training(tmp_path):
    out = run_cli("--iters", "100000", "--save", str(tmp_path / "nowhere" / "net.npz"))
    assert out.returncode == 2 and "--save" in out.stderr and "Traceback" not in out.stderr
    assert "does not exist" in out.stderr
    assert "iter " not in out.stderr  # refused before any training


def test_a_run_that_did_not_learn_says_so_and_why():
    out = run_cli("--iters", "800", "--lr", "30", "--json")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["status"] == "did_not_learn" and result["causes"] == ["overshoot"]
    assert out.returncode == 1
    assert "did not learn" in out.stderr and "--lr 10x smaller" in out.stderr and "Traceback" not in out.stderr


def test_a_run_that_learned_has_no_causes():
    out = run_cli("--iters", "300", "--json")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert (result["status"], result["causes"]) == ("finished", [])


def test_either_loss_from_the_command_line():
    results = {}
    for loss in ("cross_entropy", "mean_squared_error"):
        out = run_cli("--iters", "200", "--lr", "0.5", "--loss", loss, "--json")
        assert out.returncode in (0, 1), out.stderr
        results[loss] = json.loads(out.stdout.strip().splitlines()[-1])
        assert results[loss]["loss"] == results[loss]["config"]["loss"] == loss
    # the first mini-batch is scored by each loss of the same untrained output
    assert results["cross_entropy"]["final_loss"] != results["mean_squared_error"]["final_loss"]
    out = run_cli("--loss", "hinge")
    assert out.returncode == 2 and "--loss" in out.stderr and "Traceback" not in out.stderr
