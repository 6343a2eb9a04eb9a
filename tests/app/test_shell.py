"""The overview page and the sidebar every page shares: language, chapter map, data, URL notices."""
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.helpers import ENTRY, assert_clean, open_page
from ui.i18n import language_from_locale, messages

PAGE_FILES = ["pages/1_loss_functions.py", "pages/2_numerical_derivative.py", "pages/3_gradient.py",
              "pages/4_network_gradient.py", "pages/5_training.py"]


@pytest.mark.parametrize("lang, title, link", [
    ("en", "How neural networks learn from data", "4.2 Loss functions"),
    ("zh", "神经网络如何从数据中学习", "4.2 损失函数"),
])
def test_overview_renders_in_both_languages(lang, title, link):
    at = open_page(lang=lang)
    assert_clean(at)
    assert at.title[0].value == title
    # the chapter map: the five pages in order, in the sidebar and on the page
    labels = [el.proto.label for el in at.sidebar.get("page_link")]
    assert labels[1] == link and len(labels) == 6


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
    return {"1": "loss", "2": "derivative", "3": "gradient", "4": "network", "5": "training"}[page[6]]


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
