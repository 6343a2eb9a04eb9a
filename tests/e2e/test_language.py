"""A language switch in a real browser: translated choices still show the chosen option."""
import pytest

from tests.e2e.browser import IDLE, assert_no_error, snapshot
from ui.i18n import messages


def switch_to(page, lang):
    page.locator("[data-testid='stSidebar']").get_by_text(
        {"en": "English", "zh": "简体中文"}[lang], exact=True).click()
    page.wait_for_timeout(400)
    page.wait_for_selector(IDLE, timeout=60_000)


def checked_labels(page, group_label):
    """The labels of the checked options of the radio group called ``group_label``."""
    group = page.locator("[data-testid='stRadio']").filter(
        has=page.locator("[data-testid='stWidgetLabel']", has_text=group_label))
    group.first.wait_for()
    return [option.inner_text().strip()
            for option in group.first.locator("label[data-testid='stRadioOption']").all()
            if option.locator("input").is_checked()]


def text(key, lang):
    return messages()[key][lang]


@pytest.mark.parametrize("start, then", [("en", "zh"), ("zh", "en")])
def test_radio_groups_keep_their_checked_option(open_app, start, then):
    page = open_app("loss", start, "as=scores&y=1,2,3,4,5,6,7,8,9,10&net=untrained")
    expected = {"loss.as_label": "loss.as_scores", "loss.network": "loss.network_untrained"}
    for group, option in expected.items():
        assert checked_labels(page, text(group, start)) == [text(option, start)]
    switch_to(page, then)
    page.get_by_role("heading", name=text("nav.loss", then), exact=True).wait_for()
    for group, option in expected.items():
        assert checked_labels(page, text(group, then)) == [text(option, then)], group
    assert_no_error(page)
    snapshot(page, f"loss-after-switch-to-{then}")


def test_training_length_and_derivative_function_after_a_switch(open_app):
    page = open_app("training", "en", "mode=epochs&epochs=3")
    switch_to(page, "zh")
    assert checked_labels(page, text("training.length", "zh")) == [text("training.mode_epochs", "zh")]
    page = open_app("derivative", "en", "f=book&x=3")
    switch_to(page, "zh")
    function = page.get_by_role("combobox", name=text("derivative.function", "zh"))
    assert function.input_value() == text("derivative.fn.book", "zh")
    assert_no_error(page)
