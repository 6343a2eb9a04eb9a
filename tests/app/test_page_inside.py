"""Inside the trained network: which network, the confusion matrix and its cells, mistakes, weights,
your handwriting (uploaded images, hostile ones too), and weights files saved and loaded."""
import base64
import io
import json
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from core import weights_file
from core.evaluation import confusion_matrix
from core.mnist import load_sample
from core.sgd import TrainConfig, Trainer
from tests.app.fuzz import url_notices
from tests.app.helpers import assert_clean, chart_frame, charts, open_page
from tests.core.weights_corpus import MAX_HIDDEN, corpus, good_params, npz_bytes
from ui import images, inside, training
from ui.i18n import messages, t

PAGE = "pages/7_inside.py"


@pytest.fixture(scope="module")
def book():
    """The book's network, trained once for the module (as the page's button would)."""
    inside.forget_book()
    entry = inside.book_network()
    yield entry
    inside.forget_book()


@pytest.fixture(autouse=True)
def no_leftover_slots():
    yield
    training._slots.clear()


def opened(lang="en", query=None):
    at = open_page(PAGE, lang=lang, query=query, timeout=120)
    assert_clean(at)
    return at


def counts(at):
    """The confusion matrix read from the page's chart: (10, 10) counts."""
    frame = chart_frame(at).dropna(subset=["pred"])
    return frame.pivot_table(index="true", columns="pred", values="count").to_numpy()


def view(at, name):
    at.segmented_control(key="inside.view").set_value(name).run()
    assert_clean(at)
    return at


def test_without_a_network_the_page_offers_the_books():
    inside.forget_book()
    for lang in ("en", "zh"):
        at = opened(lang)
        assert at.title[0].value == messages()["nav.inside"][lang]
        assert t("inside.no_network", lang) in [i.value for i in at.info]
        assert at.button(key="inside.train_book").label == t("inside.train_book", lang)
        assert not charts(at) and not at.get("selectbox")


def test_the_button_trains_the_books_network_once_for_everyone(book):
    at = opened()
    assert at.selectbox(key="inside.net").value == "book"
    assert not [b for b in at.button if b.key == "inside.train_book"]  # there already
    caption = " ".join(c.value for c in at.caption)
    assert "784-50-10 · 10,000 iterations (lr 0.1, batch 100, seed 0)" in caption
    assert f"{book['test_acc']:.1%} of the 2,000 held-out digits" in caption
    assert inside.book_network() is book  # the same object for every session


def test_confusion_matrix_counts_are_the_networks_answers(book):
    at = opened()
    data = load_sample()
    from core import TwoLayerNet

    net = TwoLayerNet(784, 50, 10, dtype=np.float32)
    net.params = {k: np.array(v) for k, v in book["params"].items()}
    expected = confusion_matrix(data.t_test, net.predict(data.x_test / 255.0).argmax(axis=1))
    assert np.array_equal(counts(at), expected)
    assert np.trace(expected) / expected.sum() == pytest.approx(book["test_acc"], abs=1e-9)
    # each row is labelled with that digit's accuracy
    label = json.dumps(charts(at)[0][0])
    per_digit = [f"{np.mean(net.predict(data.x_test[data.t_test == d] / 255.0).argmax(1) == d):.0%}" for d in range(10)]
    assert str(per_digit) in label.replace('\\"', "'").replace('"', "'")
    # row-normalised: every row sums to 1
    at.toggle(key="inside.norm").set_value(True).run()
    frame = chart_frame(at).dropna(subset=["pred"])
    shares = frame.pivot_table(index="true", columns="pred", values="value").to_numpy()
    assert np.allclose(shares.sum(axis=1), 1.0) and np.allclose(shares, expected / expected.sum(1, keepdims=True))


def test_a_cell_shows_exactly_its_images(book):
    at = opened()
    true, pred, count = inside.worst_pair(inside.analyse(book)[0]["confusion"])
    assert at.selectbox(key="inside.true").value == true and at.selectbox(key="inside.pred").value == pred
    assert len(at.image) == 1
    caption = at.image[0].captions[0]
    assert caption.startswith(f"{count} images of a {true} answered {pred}")
    # the diagonal cell of 1s: more images than shown, the most confident first
    at.selectbox(key="inside.true").set_value(1).run()
    at.selectbox(key="inside.pred").set_value(1).run()
    caption = at.image[0].captions[0]
    a, _ = inside.analyse(book)
    assert caption.startswith(f"The {inside.GALLERY_MAX} most confident of {a['confusion'][1, 1]} images of a 1")
    # a cell nobody falls in
    empty = np.argwhere(a["confusion"] == 0)[0]
    at.selectbox(key="inside.true").set_value(int(empty[0])).run()
    at.selectbox(key="inside.pred").set_value(int(empty[1])).run()
    assert at.info[0].value == f"No {empty[0]} was answered {empty[1]}."


def test_mistakes_and_unsure_answers(book):
    at = view(opened(), "mistakes")
    a, _ = inside.analyse(book)
    assert len(at.image) == 2
    wrong = a["total"] - a["correct"]
    assert f"{wrong} of the 2,000 digits are answered wrongly" in at.markdown[1].value
    confidence = a["probs"][a["wrong"]].max(axis=1)
    assert np.all(np.diff(confidence) <= 0) and len(a["wrong"]) == wrong


def test_learned_weights_before_and_after(book):
    at = view(opened(), "weights")
    assert len(at.image) == 3  # after, before, colour bar
    initial = Trainer(load_sample(), TrainConfig()).net.params["W1"]
    assert np.array_equal(inside.initial_w1(book), initial)
    assert "One colour scale for both" in at.image[2].captions[0]


def digit_png(index=0, scale=8, mode="L", **save):
    """A held-out digit, enlarged, as dark ink on white paper, PNG bytes."""
    data = load_sample()
    img = 255 - np.kron(data.x_test[index].reshape(28, 28), np.ones((scale, scale), np.uint8))
    page = np.full((300, 300), 255, np.uint8)
    page[40:40 + img.shape[0], 30:30 + img.shape[1]] = img
    buf = io.BytesIO()
    Image.fromarray(page).convert(mode).save(buf, format="PNG", **save)
    return buf.getvalue(), int(data.t_test[index])


def upload_digit(at, content, name="digit.png"):
    at.file_uploader(key="inside.image").set_value((name, content, "image/png")).run()
    assert_clean(at)
    return at


def answer(at):
    return next((m.value for m in at.markdown if m.value.startswith("The network reads")), None)


def test_an_uploaded_digit_is_read(book):
    at = view(opened(), "draw")
    assert t("inside.draw_hint") in [i.value for i in at.info]  # the canvas is blank
    content, label = digit_png(0)
    upload_digit(at, content)
    assert answer(at).startswith(f"The network reads a **{label}**")
    bars = chart_frame(at, -1)
    assert len(bars) == 10 and bars["probability"].sum() == pytest.approx(1.0, abs=1e-5)


def _png_chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_declaring(width, height):
    """A PNG whose header declares width x height, with a few bytes of data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 100))
            + _png_chunk(b"IEND", b""))


def special_images():
    content, label = digit_png(1)
    img = Image.open(io.BytesIO(content))
    frames = io.BytesIO()
    img.save(frames, format="PNG", save_all=True, append_images=[Image.new("L", img.size, 255)] * 2)
    deep = io.BytesIO()
    Image.fromarray(np.asarray(img, np.uint16) * 257).save(deep, format="PNG")  # 16-bit gray
    clear = io.BytesIO()
    ink = 255 - np.asarray(img)
    Image.fromarray(np.dstack([np.zeros_like(ink)] * 3 + [ink])).save(clear, format="PNG")  # black ink, alpha
    return label, {"animated": frames.getvalue(), "deep": deep.getvalue(), "transparent": clear.getvalue()}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_animated_16_bit_and_transparent_images_are_read_and_said_so(book, lang):
    label, cases = special_images()
    at = view(opened(lang), "draw")
    for kind, content in cases.items():
        upload_digit(at, content, f"{kind}.png")
        note = messages()[f"inside.image_note_{kind}"][lang].split("{")[0]
        assert [i.value for i in at.info if i.value.startswith(note)], (kind, [i.value for i in at.info])
        said = next(m.value for m in at.markdown if f"**{label}**" in m.value)
        assert said, kind


HOSTILE_IMAGES = {
    "not an image": (b"just some text, not an image", "not_image"),
    "a GIF": (b"GIF89a" + bytes(50), "not_image"),
    "empty": (b"", "empty"),
    "over 1 MB": (b"\x89PNG\r\n\x1a\n" + bytes(1 << 20), "too_large"),
    "25,000 x 25,000 declared": (png_declaring(25_000, 25_000), "bomb"),
    "5,000 x 5,000 declared": (png_declaring(5_000, 5_000), "too_many_pixels"),
    "cut short": (digit_png(2)[0][:300], "broken"),
}


@pytest.mark.parametrize("case", list(HOSTILE_IMAGES))
def test_a_hostile_image_is_refused_by_name_and_the_page_keeps_working(book, case):
    content, reason = HOSTILE_IMAGES[case]
    for lang in ("en", "zh"):
        at = view(opened(lang), "draw")
        upload_digit(at, content, "evil.png")
        errors = [e.value for e in at.error]
        fixed = messages()[f"inside.image_{reason}"][lang].split("{")[0][:12]
        assert len(errors) == 1 and fixed in errors[0], (case, errors)
        assert answer(at) is None and at.selectbox(key="inside.net").value == "book"


def upload_weights(at, content, name="net.npz"):
    uploader = next(u for u in at.file_uploader if u.key.startswith("inside.weights_file."))
    uploader.set_value((name, content, "application/octet-stream")).run()
    assert_clean(at)
    return at


def test_weights_saved_from_the_page_load_back_and_are_used(book):
    at = opened()
    saved = inside.weights_bytes(book)
    params, meta = weights_file.load(io.BytesIO(saved))
    assert all(np.array_equal(params[k], book["params"][k]) for k in params)
    assert meta["test_acc"] == book["test_acc"] and meta["config"]["seed"] == 0 and meta["data"] == "sample"
    upload_weights(at, saved, "book.npz")
    assert at.success[0].value == "Loaded book.npz: a 784-50-10 network, now selected above."
    assert at.selectbox(key="inside.net").value == "file"
    assert "From the file book.npz" in at.selectbox(key="inside.net").format_func("file")
    assert np.array_equal(counts(at), counts(opened()))
    # weights of another size are used as they are
    upload_weights(at, npz_bytes(good_params(hidden=12)), "small.npz")
    assert at.selectbox(key="inside.net").value == "file" and "784-12-10" in at.caption[0].value
    view(at, "weights")
    assert t("inside.no_before") in [i.value for i in at.info]  # no seed in that file


@pytest.mark.parametrize("case", list(corpus()))
def test_a_hostile_weights_file_is_refused_by_name_and_nothing_is_lost(book, case, monkeypatch):
    monkeypatch.setenv("DLFS_MAX_HIDDEN", str(MAX_HIDDEN))  # the limit the corpus is built around
    content, reason = corpus()[case]
    at = opened("zh" if len(case) % 2 else "en")
    lang = at.session_state["language"]
    before = counts(at)
    upload_weights(at, content, "evil.npz")
    errors = [e.value for e in at.error]
    fixed = messages()[f"inside.weights_{reason}"][lang].split("{")[0][:10]
    assert len(errors) == 1 and fixed in errors[0], (case, errors)
    assert at.selectbox(key="inside.net").value == "book"
    assert np.array_equal(counts(at), before)


def test_the_latest_run_is_chosen_and_older_ones_stay(book):
    at = open_page("pages/5_training.py", query={"iters": "200", "hidden": "20"})
    for _ in range(2):
        at.button(key="training.start").click().run()
        at.session_state["training.desk"].job.thread.join(60)
        at.run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    net = at.selectbox(key="inside.net")
    assert net.value == "run2" and net.options[:3] == [net.format_func(k) for k in ("run2", "run1", "book")]
    assert "784-20-10 · 200 iterations" in at.caption[0].value
    net.set_value("run1").run()
    assert at.selectbox(key="inside.net").value == "run1"
    at.switch_page("pages/5_training.py").run()
    at.switch_page(PAGE).run()
    assert at.selectbox(key="inside.net").value == "run1"  # the choice survives a visit elsewhere


def test_links_choose_the_view_and_cell_and_bad_values_fall_back(book):
    at = opened(query={"view": "mistakes", "norm": "1"})
    assert at.get("button_group")[0].value == "mistakes"
    at = opened(query={"view": "confusion", "true": "3", "pred": "5", "norm": "1"})
    assert at.selectbox(key="inside.true").value == 3 and at.toggle(key="inside.norm").value is True
    bad = opened(query={"view": "secret", "true": "11", "pred": "-1", "norm": "yes"})
    assert set(url_notices(bad, "en")) == {"view", "true", "pred", "norm"}
    assert bad.get("button_group")[0].value == "confusion"


def test_the_initial_weights_on_their_own_scale(book):
    at = view(opened(), "weights")
    at.toggle(key="inside.own").set_value(True).run()
    assert_clean(at)
    assert len(at.image) == 2 and any("Each grid on its own colour scale" in c.value for c in at.caption)
    tiles = inside.weight_tiles(inside.digest(book["params"]), True, book)
    assert tiles["extent_before"] < tiles["extent"] / 5  # std 0.01 at the start, far larger once trained


def test_a_wide_network_shows_its_first_100_units(book):
    at = opened()
    upload_weights(at, npz_bytes(good_params(hidden=120)), "wide.npz")
    view(at, "weights")
    assert "The first 100 of 120 hidden units." in [c.value for c in at.caption]
    tiles = inside.weight_tiles(inside.digest(at.session_state[inside.LOADED]["params"]), False,
                                at.session_state[inside.LOADED])
    assert Image.open(io.BytesIO(tiles["after"])).size == (10 * 84 + 9 * 2, 10 * 84 + 9 * 2)  # 10 x 10 tiles


def test_an_unexpected_failure_reading_a_file_is_a_message_too(book, monkeypatch):
    def broken(*args, **kwargs):
        raise MemoryError("no room")

    monkeypatch.setattr(inside, "read_weights", broken)
    at = opened()
    upload_weights(at, npz_bytes(good_params()), "net.npz")
    assert at.error[0].value == "net.npz was not loaded: the file could not be read. The network shown stays as it was."
    monkeypatch.setattr(inside, "read_digit", broken)
    upload_digit(view(at, "draw"), digit_png(0)[0])
    assert at.error[0].value.startswith("digit.png cannot be used: the image is damaged")


def test_small_pictures_travel_in_the_page_and_large_ones_as_files():
    """A digit becomes a data: URL holding exactly its pixels; a grid of weight tiles too large to
    send again on every rerun stays PNG bytes (a file Streamlit serves)."""
    digit = np.random.default_rng(0).integers(0, 256, (28, 28), dtype=np.uint8)
    url = images.for_page(digit)
    head, _, body = url.partition(",")
    assert head == "data:image/png;base64"
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(base64.b64decode(body)))), digit)
    assert images.for_page(images.png(digit)) == url
    noisy = images.tiles(np.random.default_rng(1).normal(0, 1, (784, 100)), 1.0)
    big = images.for_page(noisy)
    assert isinstance(big, bytes) and len(big) > images.INLINE_MAX
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(big))), noisy)
