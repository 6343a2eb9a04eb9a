"""The entry page renders in both languages and its training button reports a result."""
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")


def test_renders_in_english_and_chinese():
    at = AppTest.from_file(APP).run(timeout=30)
    assert not at.exception
    assert at.title[0].value == "How neural networks learn from data"
    at.sidebar.radio(key="lang").set_value("zh").run(timeout=30)
    assert not at.exception
    assert at.title[0].value == "神经网络如何从数据中学习"


def test_training_button_shows_held_out_accuracy():
    at = AppTest.from_file(APP).run(timeout=30)
    at.button(key="run_book").click().run(timeout=60)
    assert not at.exception
    message = at.success[0].value
    assert message.startswith("Held-out accuracy after 2000 iterations")
    accuracy = float(message.split(": ")[1].split("%")[0])
    assert 70 < accuracy <= 100
