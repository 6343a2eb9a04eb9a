"""ui.compare: runs named by what differs, seeds averaged with a band, ordered colours."""
import pytest

from ui import compare


def record(run_id, **settings):
    """A kept run record with the book's settings unless told otherwise, and short curves."""
    base = {"id": run_id, "lr": 0.1, "batch_size": 100, "hidden_size": 50, "weight_init_std": 0.01,
            "iters_planned": 400, "source": "sample", "seed": 0, "loss_function": "cross_entropy"}
    base.update(settings)
    scale = 1 + run_id / 100  # every run its own numbers
    base.update(epoch=[0.0125, 1.0, 2.0], train_acc=[0.1 * scale, 0.5 * scale, 0.8 * scale],
                test_acc=[0.1, 0.4 * scale, 0.7 * scale], loss_iter=[1, 2, 3], loss=[2.3, 1.0 * scale, 0.5 * scale])
    return base


def labels(found):
    return [line.label for line in found]


def test_labels_name_only_what_differs():
    runs = [record(1, lr=0.1), record(2, lr=1.0), record(3, lr=0.01)]
    assert compare.differing(runs) == ["lr"]
    # ordered by the learning rate, not by run number
    assert labels(compare.lines(runs, lang="en")) == ["#3 · lr 0.01", "#1 · lr 0.1", "#2 · lr 1"]
    two = [record(1, lr=0.1, batch_size=100), record(2, lr=1.0, batch_size=1000)]
    assert labels(compare.lines(two, lang="en")) == ["#1 · lr 0.1 · batch 100", "#2 · lr 1 · batch 1,000"]
    assert labels(compare.lines(two, lang="zh")) == ["#1 · 学习率 0.1 · 批大小 100", "#2 · 学习率 1 · 批大小 1,000"]


def test_runs_that_differ_only_by_seed_get_different_labels():
    runs = [record(1, seed=0), record(2, seed=1), record(3, seed=2)]
    assert labels(compare.lines(runs, lang="en")) == ["#1 · seed 0", "#2 · seed 1", "#3 · seed 2"]
    for key, value, text in (("weight_init_std", 0.1, "init std 0.1"), ("source", "full", "full MNIST"),
                             ("loss_function", "mean_squared_error", "MSE")):
        found = labels(compare.lines([record(1), record(2, **{key: value})], lang="en"))
        assert len(set(found)) == 2 and found[1].endswith(text), found


def test_identical_settings_are_told_apart_by_number():
    assert labels(compare.lines([record(1), record(2)], lang="en")) == ["#1", "#2"]


def test_seeds_averaged_into_one_line_with_a_band():
    runs = [record(1, lr=0.1, seed=0), record(2, lr=0.1, seed=1), record(3, lr=1.0, seed=0),
            record(4, lr=1.0, seed=1), record(5, lr=1.0, seed=2)]
    assert compare.has_seed_groups(runs) and not compare.has_seed_groups(runs[1:3])
    found = compare.lines(runs, average_seeds=True, lang="en")
    assert labels(found) == ["lr 0.1 · mean of 2 seeds", "lr 1 · mean of 3 seeds"]
    frame = compare.accuracy_frame(found)
    last = frame[(frame["run"] == "lr 1 · mean of 3 seeds") & (frame["epoch"] == 2.0)].iloc[0]
    accs = [r["test_acc"][-1] for r in runs[2:]]
    assert last["test_acc"] == pytest.approx(sum(accs) / 3)
    assert (last["test_lo"], last["test_hi"], last["runs"]) == (min(accs), max(accs), 3)
    losses = compare.loss_frame(found)
    assert set(losses.columns) >= {"run", "iter", "loss", "loss_lo", "loss_hi"}
    assert len(losses) == 2 * 3
    # the colours follow the learning rate (the seed is set aside when averaged)
    assert compare.ordered_by(runs, average_seeds=True) == "lr" and compare.ordered_by(runs) is None


def test_a_run_alone_in_its_group_keeps_its_number():
    runs = [record(1, lr=0.1, seed=0), record(2, lr=0.1, seed=1), record(3, lr=1.0, seed=0)]
    assert labels(compare.lines(runs, average_seeds=True, lang="en")) == ["lr 0.1 · mean of 2 seeds", "#3 · lr 1"]


def test_single_runs_have_no_band():
    frame = compare.accuracy_frame(compare.lines([record(1), record(2, lr=1.0)], lang="en"))
    assert (frame["test_lo"] == frame["test_acc"]).all() and (frame["runs"] == 1).all()
    assert compare.accuracy_frame([]).empty and list(compare.loss_frame([]).columns)[:3] == ["run", "iter", "loss"]


def test_colours_follow_one_numeric_setting_only():
    assert compare.ordered_by([record(1, batch_size=10), record(2, batch_size=1000)]) == "batch_size"
    assert compare.ordered_by([record(1, lr=0.1, batch_size=10), record(2, lr=1.0, batch_size=1000)]) is None
    assert compare.ordered_by([record(1), record(2, source="full")]) is None


def test_chart_frames_are_thin_and_keep_each_lines_end():
    runs = [record(1), record(2, lr=1.0)]
    for r in runs:
        r["epoch"] = [i / 10 for i in range(250)]
        r["train_acc"] = r["test_acc"] = [i / 250 for i in range(250)]
    frame = compare.accuracy_frame(compare.lines(runs, lang="en"))
    drawn = compare.chart_frame(frame, "epoch", "test_acc", "test", points=100)
    assert list(drawn.columns) == ["run", "epoch", "value"]  # single runs: no band columns
    for _, rows in drawn.groupby("run", observed=True):
        assert len(rows) <= 101 and rows["epoch"].iloc[-1] == pytest.approx(24.9)
    grouped = compare.accuracy_frame(compare.lines([record(1), record(2, seed=1)], average_seeds=True, lang="en"))
    assert {"lo", "hi"} <= set(compare.chart_frame(grouped, "epoch", "test_acc", "test").columns)


def test_repeated_runs_with_one_seed_are_counted_as_runs():
    found = compare.lines([record(1), record(2), record(3, lr=1.0)], average_seeds=True, lang="en")
    assert [line.label for line in found] == ["lr 0.1 · mean of 2 runs", "#3 · lr 1"]


def test_a_lessons_two_series_are_found():
    """Six learning rates at batch 100, then four batch sizes (in epochs) at the best one."""
    lrs = [record(i + 1, lr=lr) for i, lr in enumerate((0.01, 0.03, 0.1, 0.3, 1.0, 3.0))]
    batches = [record(7 + i, lr=1.0, batch_size=b, iters_planned=8000 // b * 5)
               for i, b in enumerate((10, 1000, 8000))]
    runs = lrs + batches
    assert compare.series(runs, "lr") == [1, 2, 3, 4, 5, 6]
    assert compare.series(runs, "batch_size") == [5, 7, 8, 9]  # with the first series' run at lr 1
    shown = [r for r in runs if r["id"] in compare.series(runs, "batch_size")]
    assert compare.ordered_by(shown) == "batch_size"  # the iterations vary with it: colours follow the batch
    assert compare.series(runs, "hidden_size") == []


def test_a_batch_series_in_epochs_is_ordered_by_batch():
    runs = [record(5, lr=1.0, batch_size=100, iters_planned=800), record(7, lr=1.0, batch_size=10, iters_planned=8000),
            record(8, lr=1.0, batch_size=1000, iters_planned=80)]
    assert [line.runs[0]["id"] for line in compare.lines(runs, lang="en")] == [7, 5, 8]
