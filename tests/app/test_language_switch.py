"""A language switch keeps every choice shown as chosen.

Streamlit 1.67 keeps a choice widget's value in the browser as its option's label. When
the labels are translated, the browser's old label matches no new option (a radio shows
nothing checked) unless the page sends the value again under its new label; under
AppTest that is the widget's ``set_value`` with the new label. (The browser itself is
checked in tests/e2e/test_language.py.)
"""
import pytest

from tests.app.helpers import assert_clean, open_page
from ui.shell import SCRIPTS

CHOICE_KINDS = ("radio", "selectbox", "button_group", "select_slider")


def choices(at, page_id):
    """{key: widget} of the page's own choice widgets."""
    return {w.key: w for kind in CHOICE_KINDS for w in at.get(kind)
            if (getattr(w, "key", None) or "").startswith(f"{page_id}.")}


def labels(widget):
    return [option.content if hasattr(option, "content") else str(option) for option in widget.proto.options]


def sent_labels(widget):
    proto = widget.proto
    if not proto.set_value:
        return None
    return list(proto.raw_values) if hasattr(proto, "raw_values") else [proto.raw_value]


@pytest.mark.parametrize("page_id", [p for p, path in SCRIPTS.items() if path])
@pytest.mark.parametrize("start, then", [("en", "zh"), ("zh", "en")])
def test_translated_choices_are_sent_again_under_their_new_labels(page_id, start, then):
    at = open_page(SCRIPTS[page_id], start)
    before = {key: labels(w) for key, w in choices(at, page_id).items()}
    at.sidebar.radio(key="sidebar.language").set_value(then).run()
    assert_clean(at)
    translated = 0
    for key, widget in choices(at, page_id).items():
        if key not in before or labels(widget) == before[key]:
            continue  # not translated (numbers, formulas)
        translated += 1
        shown = str(widget.format_func(widget.value))
        assert sent_labels(widget) == [shown], (key, sent_labels(widget), shown)
        assert shown in labels(widget)
    expected = {"loss": 2, "derivative": 1, "training": 1}.get(page_id, 0)
    assert translated >= expected, (page_id, translated)
