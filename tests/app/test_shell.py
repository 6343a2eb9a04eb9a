"""The overview page and the sidebar every page shares: language, chapter map, data, URL notices."""
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.helpers import ENTRY, assert_clean, open_page
from ui.i18n import language_from_locale, messages
from ui.shell import SCRIPTS

PAGE_FILES = [path for path in SCRIPTS.values() if path]


@pytest.mark.parametrize("lang, title, link", [
    ("en", "How neural networks learn from data", "4.2 Loss functions"),
    ("zh", "神经网络如何从数据中学习", "4.2 损失函数"),
])
def test_overview_renders_in_both_languages(lang, title, link):
    at = open_page(lang=lang)
    assert_clean(at)
    assert at.title[0].value == title
    # the chapter map: every page in order, in the sidebar and on the page
    labels = [el.proto.label for el in at.sidebar.get("page_link")]
    assert labels[1] == link and len(labels) == len(SCRIPTS)


def test_language_choice_survives_page_switches():
    at = open_page(lang="en")
    at.sidebar.radio(key="sidebar.language").set_value("zh").run()
    assert at.title[0].value == "神经网络如何从数据中学习"
    for page in PAGE_FILES:
        at.switch_page(page).run()
        assert_clean(at)
        assert at.sidebar.radio(key="sidebar.language").value == "zh"
    at.switch_page("streamlit_app.py").run()
    assert at.title[0].value == "神经网络如何从数据中学习"
    assert at.query_params["lang"] == ["zh"] or at.query_params["lang"] == "zh"


def test_language_comes_from_the_link_then_the_browser_locale():
    at = AppTest.from_file(ENTRY)
    at.query_params["lang"] = "zh"
    at.run()
    assert at.title[0].value == "神经网络如何从数据中学习"
    assert language_from_locale("zh-CN") == "zh" and language_from_locale("zh_TW") == "zh"
    assert language_from_locale("en-GB") == "en" and language_from_locale(None) == "en"


@pytest.mark.parametrize("page", PAGE_FILES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_renders(page, lang):
    at = open_page(page, lang=lang)
    assert_clean(at)
    assert at.title[0].value == messages()[f"nav.{page_key(page)}"][lang]


def page_key(page):
    return {path: page_id for page_id, path in SCRIPTS.items()}[page]


def test_catalogue_is_complete_and_formats_the_same_in_both_languages():
    import string

    for key, entry in messages().items():
        assert set(entry) == {"en", "zh"}, key
        assert entry["en"].strip() and entry["zh"].strip(), key
        fields = [{f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f} for lang in ("en", "zh")]
        assert fields[0] == fields[1], key


def test_data_panel_says_which_data_is_in_use(monkeypatch, tmp_path):
    monkeypatch.setenv("DLFS_CH4_CACHE", str(tmp_path))  # an empty cache: full MNIST not available
    at = open_page(lang="en")
    captions = [c.value for c in at.sidebar.caption]
    assert any("embedded sample — 8,000 training and 2,000 held-out" in c for c in captions)
    assert at.sidebar.button(key="sidebar.download")


def test_a_failed_download_is_explained_and_keeps_the_sample(monkeypatch, tmp_path):
    from core import mnist

    monkeypatch.setenv("DLFS_CH4_CACHE", str(tmp_path))
    calls = []

    def offline(**kwargs):
        calls.append(kwargs)
        raise mnist.MnistDownloadError([("https://mirror.example/train-images-idx3-ubyte.gz", "ConnectionError")])

    monkeypatch.setattr(mnist, "load_full", offline)
    for lang, text in (("en", "could not be downloaded"), ("zh", "无法下载完整 MNIST")):
        at = open_page("pages/5_training.py", lang=lang)
        at.sidebar.button(key="sidebar.download").click().run()
        assert_clean(at)
        assert calls and callable(calls[-1]["progress"])
        assert text in at.sidebar.warning[0].value
        assert any("8,000" in c.value for c in at.sidebar.caption)  # still the sample
        assert "8,000 ÷ 100" in " ".join(c.value for c in at.caption)


def test_a_downloaded_data_set_can_be_chosen(monkeypatch, tmp_path):
    import numpy as np

    from core import mnist
    from ui import data

    data.forget_full()
    rng = np.random.default_rng(0)
    fake = mnist.MnistData(rng.integers(0, 256, (600, 784), dtype=np.uint8), rng.integers(0, 10, 600).astype(np.uint8),
                           rng.integers(0, 256, (100, 784), dtype=np.uint8), rng.integers(0, 10, 100).astype(np.uint8),
                           source="full", reason="downloaded")
    cached = []

    def download(progress=None, **kwargs):
        progress("train-images-idx3-ubyte.gz", 50, 100)
        cached.append(True)
        return fake

    monkeypatch.setattr(mnist, "load_full", download)
    monkeypatch.setattr(mnist, "full_is_cached", lambda *a, **k: bool(cached))
    try:
        at = open_page("pages/5_training.py")
        at.sidebar.button(key="sidebar.download").click().run()
        assert_clean(at)
        assert at.sidebar.radio(key="sidebar.data").value == "full"
        assert any("full MNIST — 600 training and 100 test" in c.value for c in at.sidebar.caption)
        assert "600 ÷ 100 → 6 iterations" in " ".join(c.value for c in at.caption)
        at.sidebar.radio(key="sidebar.data").set_value("sample").run()
        assert "8,000 ÷ 100" in " ".join(c.value for c in at.caption)
    finally:
        data.forget_full()
