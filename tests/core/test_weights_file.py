"""The weights file: save and load round-trip, the meta JSON, and every hostile file refused by name."""
import io
import json
import time
import tracemalloc
import zipfile

import numpy as np
import pytest

from core import TwoLayerNet
from core import weights_file
from core.mnist import load_sample
from core.sgd import Trainer, TrainConfig, initial_net
from tests.core.weights_corpus import HIDDEN, MAX_FILE_BYTES, MAX_HIDDEN, corpus, good_params, npz_bytes


def load_bytes(data, **kwargs):
    return weights_file.load(io.BytesIO(data), max_hidden=MAX_HIDDEN, max_file_bytes=MAX_FILE_BYTES, **kwargs)


def test_save_and_load_params_round_trip(tmp_path):
    net = TwoLayerNet(784, 20, 10, rng=1, dtype=np.float32)
    path = tmp_path / "net.npz"
    net.save_params(path, meta={"config": {"hidden_size": 20, "seed": 1, "weight_init_std": 0.01},
                                "test_acc": 0.5, "name": "run 3"})
    other = TwoLayerNet(784, 3, 10)
    meta = other.load_params(path)
    for name in ("W1", "b1", "W2", "b2"):
        assert np.array_equal(other.params[name], net.params[name])
        assert other.params[name].dtype == np.float32
    assert other.sizes == (784, 20, 10) and other.dtype == np.float32
    assert meta["test_acc"] == 0.5 and meta["name"] == "run 3" and meta["config"]["seed"] == 1
    assert meta["sizes"] == [784, 20, 10] and meta["format"] == weights_file.FORMAT
    x = load_sample().x_test[:50] / 255.0
    assert np.array_equal(other.predict(x), net.predict(x))


def test_the_file_is_a_plain_npz_with_a_json_meta_array(tmp_path):
    path = tmp_path / "net.npz"
    TwoLayerNet(784, 5, 10, rng=0).save_params(path, meta={"test_acc": 0.25})
    with np.load(path, allow_pickle=False) as f:
        assert sorted(f.files) == ["W1", "W2", "b1", "b2", "meta"]
        assert f["meta"].dtype == np.uint8 and f["W1"].shape == (784, 5)
        meta = json.loads(f["meta"].tobytes().decode("utf-8"))
    assert meta["test_acc"] == 0.25 and meta["version"] == weights_file.VERSION
    with zipfile.ZipFile(path) as zf:
        assert sorted(zf.namelist()) == ["W1.npy", "W2.npy", "b1.npy", "b2.npy", "meta.npy"]


def test_float64_nets_keep_their_dtype_and_the_page_can_ask_for_float32(tmp_path):
    path = tmp_path / "f64.npz"
    net = TwoLayerNet(784, 4, 10, rng=2)
    net.save_params(path)
    params, meta = weights_file.load(path)
    assert params["W1"].dtype == np.float64 and np.array_equal(params["W1"], net.params["W1"])
    params, _ = weights_file.load(path, dtype=np.float32)
    assert params["W1"].dtype == np.float32 and params["W1"].flags.c_contiguous
    assert meta["sizes"] == [784, 4, 10]


def test_a_file_of_plain_arrays_without_meta_loads():
    params = good_params()
    loaded, meta = load_bytes(npz_bytes(params, compressed=False))
    assert all(np.array_equal(loaded[k], params[k]) for k in params)
    assert meta == {}


def test_fortran_order_and_big_endian_arrays_load_as_the_same_numbers():
    params = good_params()
    odd = {"W1": np.asfortranarray(params["W1"]), "b1": params["b1"].astype(">f4"),
           "W2": params["W2"].astype(">f8"), "b2": params["b2"].astype(np.float16)}
    loaded, _ = load_bytes(npz_bytes(odd), dtype=np.float32)
    for k in params:
        assert loaded[k].dtype == np.float32
        assert np.allclose(loaded[k], params[k], atol=1e-3 if k == "b2" else 0)


def test_unknown_meta_fields_are_dropped_and_known_ones_checked():
    meta = {"test_acc": 0.9, "train_acc": 0.95, "iters_done": 100, "data": "sample", "status": "finished",
            "config": {"hidden_size": HIDDEN, "lr": 0.1, "batch_size": 100, "iters": 100,
                       "weight_init_std": 0.01, "seed": 4, "dtype": "float32", "colour": "red"},
            "whatever": [1, 2, {"x": None}]}
    data = npz_bytes({**good_params(), "meta": np.frombuffer(json.dumps(meta).encode(), np.uint8)})
    _, read = load_bytes(data)
    assert "whatever" not in read and "colour" not in read["config"]
    assert read["config"]["seed"] == 4 and read["test_acc"] == 0.9 and read["status"] == "finished"


@pytest.mark.parametrize("case", list(corpus()))
def test_every_hostile_file_is_refused_with_its_reason(case):
    data, reason = corpus()[case]
    start = time.perf_counter()
    tracemalloc.start()
    with pytest.raises(weights_file.WeightsFileError) as caught:
        load_bytes(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert caught.value.reason == reason, (case, str(caught.value))
    assert isinstance(caught.value, ValueError) and str(caught.value)
    # nothing large is unpacked or allocated for a refused file, however much it declares
    assert peak < 3 * MAX_FILE_BYTES, f"{case}: {peak / 1e6:.0f} MB allocated"
    assert time.perf_counter() - start < 5 or case.startswith("zip bomb")


def test_the_reason_names_what_is_wrong():
    def message(case):
        with pytest.raises(ValueError) as caught:
            load_bytes(corpus()[case][0])
        return str(caught.value)

    assert "b2" in message("missing b2")
    assert "W3" in message("extra key")
    assert "W1" in message("pickled object array") and "pickle" in message("pickled object array")
    assert "int32" in message("integer weights") and "W1" in message("integer weights")
    assert "101" in message("hidden above the limit") and "100" in message("hidden above the limit")
    assert "W1" in message("a NaN in W1") and "b2" in message("inf in b2")
    assert "(783, 8)" in message("W1 for 783 pixels")
    details = weights_file.WeightsFileError("x", "y", name="W1").details
    assert details == {"name": "W1"}


def test_load_params_checks_the_file_against_the_nets_own_sizes(tmp_path):
    path = tmp_path / "wide.npz"
    TwoLayerNet(784, 6, 10, rng=0).save_params(path)
    with pytest.raises(ValueError, match="W1"):
        TwoLayerNet(100, 6, 10).load_params(path)
    with pytest.raises(ValueError) as caught:
        TwoLayerNet(784, 6, 10).load_params(path, max_hidden=5)
    assert caught.value.reason == "hidden_limit"


def test_weights_that_are_not_finite_are_not_saved(tmp_path):
    net = TwoLayerNet(784, 3, 10)
    net.params["W2"][0, 0] = np.inf
    with pytest.raises(ValueError, match="W2"):
        net.save_params(tmp_path / "bad.npz")
    assert not (tmp_path / "bad.npz").exists()


def test_a_trained_run_saved_and_loaded_recomputes_its_initial_weights(tmp_path):
    config = TrainConfig(hidden_size=7, iters=30, seed=5)
    trainer = Trainer(load_sample(), config)
    before = {k: v.copy() for k, v in trainer.net.params.items()}
    trainer.run()
    path = tmp_path / "run.npz"
    trainer.net.save_params(path, meta=weights_file.describe(trainer.history, "sample"))
    params, meta = weights_file.load(path)
    assert meta["config"]["seed"] == 5 and meta["iters_done"] == 30 and meta["data"] == "sample"
    assert meta["test_acc"] == trainer.history.test_acc[-1]
    initial = initial_net(TrainConfig(**meta["config"])).params
    assert np.array_equal(initial["W1"], before["W1"]) and np.array_equal(initial["W2"], before["W2"])
    assert not np.array_equal(params["W1"], before["W1"])
