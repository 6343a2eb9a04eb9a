""""Show the code" sits directly under the picture it computes (only captions in between),
never at the end of its section, where the picture has long scrolled away.

The browser side (code and picture in view together, at 1400 px and on a phone) is in
tests/e2e/test_layout.py.
"""
import pytest

from tests.app.helpers import assert_clean, open_page
from ui.shell import SCRIPTS

CHART = "vega_lite_chart"


def kinds(node):
    """Every element type inside ``node`` (itself included)."""
    found = {getattr(node, "type", None)}
    for child in getattr(node, "children", {}).values() if hasattr(node, "children") else ():
        found |= kinds(child)
    return found


def children(block):
    return [block.children[k] for k in sorted(block.children)]


def shows(expander, name):
    """Whether the expander says it shows ``name`` ("Show the code · numerical_diff, ...")."""
    _, _, names = expander.label.partition("·")
    return name in [n.strip() for n in names.split(",")] and bool(expander.get("code"))


def find_code(node, name, parents=()):
    """(parents, expander) of the "Show the code" expander that shows ``name``."""
    if type(node).__name__ == "Expander" and shows(node, name):
        return parents, node
    for child in children(node) if hasattr(node, "children") else ():
        found = find_code(child, name, (*parents, node))
        if found:
            return found
    return None


def above(at, name):
    """The element right above the code of ``name`` (captions skipped), or None."""
    found = find_code(at.main, name)
    assert found, f"no code of {name}"
    parents, expander = found
    siblings = children(parents[-1])
    before = [n for n in siblings[:siblings.index(expander)] if getattr(n, "type", None) != "caption"]
    return before[-1] if before else None


def is_under(at, name, kind):
    """Whether the code of ``name`` comes right after an element (or a row of columns) holding ``kind``."""
    element = above(at, name)
    return element is not None and kind in kinds(element)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_loss_code_sits_with_its_charts(lang):
    at = open_page(SCRIPTS["loss"], lang)
    assert_clean(at)
    assert is_under(at, "cross_entropy_error", CHART)  # under the outputs and per-class terms
    assert is_under(at, "minibatch_losses", CHART)  # under the spread of mini-batch losses
    assert is_under(at, "nudge_one_weight", CHART)  # under the loss and accuracy curves


@pytest.mark.parametrize("query", [{}, {"f": "custom", "expr": "x**3 - 2*x", "x": "1"}])
def test_derivative_code_sits_under_each_chart(query):
    at = open_page(SCRIPTS["derivative"], "en", query)
    assert_clean(at)
    assert is_under(at, "numerical_diff", CHART)  # the tangent and the error against h
    if query:  # a typed formula: the error chart compares with Richardson's reference
        assert is_under(at, "reference_derivative", CHART)
        assert is_under(at, "parse_expression", CHART)
    else:
        assert find_code(at.main, "reference_derivative") is None  # a preset's derivative is written by hand


def test_gradient_code_sits_with_the_map_and_the_partials():
    at = open_page(SCRIPTS["gradient"])
    assert_clean(at)
    assert is_under(at, "gradient_descent", CHART)  # the path on the map
    assert is_under(at, "numerical_gradient", CHART)  # the arrows and the point's gradient


def test_network_code_sits_with_the_gradients():
    at = open_page(SCRIPTS["network"])
    assert_clean(at)
    assert is_under(at, "SimpleNet", "latex")  # under dW, numerical and analytic
    assert is_under(at, "TwoLayerNet.gradient", "dataframe")  # under the gradient check
