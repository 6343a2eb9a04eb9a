"""Hostile and extreme input on all six pages: fuzzed links, typed formulas, every widget at its limits.

Whatever arrives, a page must draw without a traceback or its safety-net message, every
widget must show a value it allows, a rejected link value must be named in a translated
notice (and replaced by the default), and no chart may carry NaN or ±inf.
"""
import math
import os
import re
import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.expression import MAX_LENGTH
from tests.app.fuzz import (
    PAGES,
    allows,
    assert_chinese,
    is_int_widget,
    last,
    nonfinite,
    option_values,
    problem,
    same,
    template_pattern,
    url_notices,
    url_widgets,
)
from tests.app.helpers import assert_clean, charts, open_page
from ui import training
from ui.i18n import messages, t

EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "8"))  # fuzzed links per page; raise it for a long hunt
SECONDS = 10.0  # one page run, whatever the input (0.02-0.5 s on an idle machine; generous for a busy one)
CHAPTER_PAGES = [p for p in PAGES if p != "home"]


def timed_run(at):
    start = time.perf_counter()
    at.run()
    took = time.perf_counter() - start
    assert took < SECONDS, f"the page took {took:.1f} s"
    return at


def open_timed(page_id, lang="en", query=None):
    start = time.perf_counter()
    at = open_page(PAGES[page_id], lang, query)
    took = time.perf_counter() - start
    assert took < 2 * SECONDS, f"opening took {took:.1f} s"  # two script runs
    return at


_names = {}
# parameters a page publishes only after a choice reveals their widget (read off the pages)
REVEALED = {"derivative": ["expr"], "training": ["epochs"], "sweep": ["iters"]}


def url_names(page_id):
    """The page's URL parameters, as the page publishes them on a first run (read once)."""
    if page_id not in _names:
        at = open_page(PAGES[page_id])
        _names[page_id] = sorted(name for name in at.query_params if name != "lang") + REVEALED.get(page_id, [])
    return _names[page_id]


def messages_of(at):
    return [e.value for kind in ("error", "warning", "info", "success") for e in at.get(kind)]


def unescape(text):
    return re.sub(r"\\(.)", r"\1", text)


def check_linked_page(at, page_id, query, lang):
    """The checks every page opened from a (hostile) link must pass."""
    assert_clean(at)
    assert not nonfinite(at), nonfinite(at)
    widgets = url_widgets(at, page_id)
    assert not [p for w in widgets.values() if (p := problem(w))]
    notices = url_notices(at, lang)
    assert set(notices) <= set(query) & set(widgets), (notices, query)
    for name, raw in query.items():
        widget = widgets.get(name)
        if widget is None:
            continue  # not drawn with these settings (e.g. epochs while counting iterations), or not ours
        raw = last(raw)
        if allows(widget, raw):
            assert name not in notices, (name, raw, notices)
            assert same(widget.value, raw), (name, raw, widget.value)
        else:
            assert name in notices, (name, raw[:60], widget.value)
            quoted, default = notices[name]
            assert unescape(quoted) == "".join(c if c.isprintable() else " " for c in raw[:40]), quoted
            assert same(widget.value, default), (name, widget.value, default)
        assert same(widget.value, last(at.query_params[name])), (name, at.query_params[name])
    if lang == "zh":  # the notice is Chinese around the quoted value
        for warning in at.warning:
            match = template_pattern("common.url_bad", "zh").match(warning.value)
            if match:
                assert_chinese(warning.value[:match.start("value")] + warning.value[match.end("value"):])


# ---------------------------------------------------------------- 1. link parameters

SPECIAL = ["", "NaN", "nan", "inf", "-inf", "1e309", "-1e309", "1e-400", "9" * 400, "-5", "-1", "0", "1", "1.5",
           "0.5", "1e2", "1e-50", "0x10", " 7 ", "１２", "\x00", "x" * 10_000, "中文",
           "**bold** [link](https://example.com) :red[x]", "$x^2$", "custom", "epochs", "x0**2", "1000.0000001",
           "999999"]
VALUES = st.one_of(
    st.sampled_from(SPECIAL),
    st.integers(-10 ** 25, 10 ** 25).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.floats(-2e3, 2e3).map(lambda v: f"{v:g}"),
    st.text(max_size=30),
)
QUERY_VALUE = st.one_of(VALUES, st.lists(VALUES, min_size=2, max_size=3))  # a list = a repeated key


@pytest.mark.parametrize("page_id", CHAPTER_PAGES)
def test_every_parameter_takes_every_special_value(page_id):
    """Each parameter gets each value once; the values rotate so every link mixes good and bad."""
    names = url_names(page_id)
    for shift in range(len(SPECIAL)):
        lang = ("en", "zh")[shift % 2]
        query = {name: SPECIAL[(i + shift) % len(SPECIAL)] for i, name in enumerate(names)}
        check_linked_page(open_timed(page_id, lang, query), page_id, query, lang)


@pytest.mark.parametrize("page_id", list(PAGES))
def test_fuzzed_links(page_id):
    names = ["lang", "nonsense", *url_names(page_id)] if page_id != "home" else ["lang", "nonsense", "x"]

    @settings(max_examples=EXAMPLES, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(query=st.dictionaries(st.sampled_from(names), QUERY_VALUE, min_size=1, max_size=len(names)),
           lang=st.sampled_from(["en", "zh"]))
    def fuzz(query, lang):
        at = open_timed(page_id, lang, query)
        check_linked_page(at, page_id, query, lang)
        assert at.title[0].value == t("app.title" if page_id == "home" else f"nav.{page_id}", lang)

    fuzz()


def test_a_link_cannot_put_markup_or_math_into_a_notice():
    raw = "[click here](https://example.com) **now** $x$ :red[!] `code`<b>"
    at = open_page(PAGES["gradient"], query={"lr": raw})
    assert_clean(at)
    quoted, default = url_notices(at, "en")["lr"]
    assert default == "0.1" and unescape(quoted) == raw[:40]
    bare = re.sub(r"\\.", "", quoted)  # what is left once every escaped character is taken out
    assert not set(bare) & set("[]*$`:<>"), quoted


def test_network_page_offers_no_one_unit_hidden_layer():
    """hidden = 1 would leave the unit slider without a range: a link asking for it gets the default."""
    at = open_page(PAGES["network"], query={"hidden": "1", "unit": "0"})
    check_linked_page(at, "network", {"hidden": "1", "unit": "0"}, "en")
    assert "hidden" in url_notices(at, "en") and at.select_slider(key="network.hidden").value == 10


# ---------------------------------------------------------------- 2. typed formulas

V = "{v}"  # the page's variable: x on the derivative page, x0 (and x1) on the gradient page
CORPUS = [
    ("__import__('os')", "not_allowed"),
    ("__import__('os').system('echo hi')", "not_allowed"),
    ("__builtins__", "not_allowed"),
    ("__loader__", "not_allowed"),
    (V + ".__class__", "not_allowed"),
    (V + ".__class__.__mro__[1].__subclasses__()", "not_allowed"),
    ("().__class__.__bases__[0].__subclasses__()", "not_allowed"),
    ("sin.__self__", "not_allowed"),
    ("np.exp(" + V + ")", "not_allowed"),
    (V + ".real", "not_allowed"),
    ("lambda: " + V, "not_allowed"),
    ("(lambda a: a)(1)", "not_allowed"),
    ("[" + V + " for _ in range(9**9)]", "not_allowed"),
    ("{1: 2}", "not_allowed"),
    ("(" + V + ", " + V + ")", "not_allowed"),
    (V + " if " + V + " > 0 else -" + V, "not_allowed"),
    (V + " < 1", "not_allowed"),
    ("not " + V, "not_allowed"),
    ("'abc'", "not_allowed"),
    ("f'{0}'", "not_allowed"),
    ("1j", "not_allowed"),
    ("True", "not_allowed"),
    (V + "[0]", "not_allowed"),
    ("(" + V + " := 1)", "not_allowed"),
    (V + " // 2", "not_allowed"),
    (V + " % 2", "not_allowed"),
    ("~" + V, "not_allowed"),
    ("sin(x=" + V + ")", "not_allowed"),
    ("sin(*" + V + ")", "not_allowed"),
    ("exec('print(1)')", "bad_call"),
    ("eval('1')", "bad_call"),
    ("open('/etc/passwd')", "bad_call"),
    ("getattr(" + V + ", 'real')", "bad_call"),
    ("globals()", "bad_call"),
    ("breakpoint()", "bad_call"),
    ("sin(" + V + ", 2)", "bad_call"),
    ("sin()", "bad_call"),
    ("sin", "bad_call"),
    ("ln(" + V + ")", "bad_call"),
    ("Sin(" + V + ")", "bad_call"),
    (V + "(2)", "bad_call"),
    ("1e999", "bad_number"),
    ("-2e301*" + V, "bad_number"),
    ("-(" * 45 + V + ")" * 45, "too_deep"),
    ((V + "**") * 42 + "1", "too_deep"),
    (V + "²", "non_ascii"),
    ("π*" + V, "non_ascii"),
    ("ｓｉｎ(" + V + ")", "non_ascii"),
    (V + "\u200b", "non_ascii"),
    ("", "empty"),
    ("   ", "empty"),
    (V + " +", "syntax"),
    ("2" + V, "syntax"),
    (V + " # comment", "syntax"),
    ("'\\x41'", "syntax"),
    (V + "; import os", "syntax"),
    ("import os", "syntax"),
    ("from os import system", "syntax"),
    ("(", "syntax"),
    (V + " ^^ 2", "syntax"),
    ("1__0", "syntax"),
    ("y", "unknown_name"),
    ("X", "unknown_name"),
    ("nan", "unknown_name"),
    ("inf", "unknown_name"),
    ("_", "unknown_name"),
]
TOO_LONG = ["9" * (MAX_LENGTH + 1), "(" * 150 + V + ")" * 150, "x" * 10_000]
# accepted formulas that are not a finite number anywhere: each page must say so in words
NOT_FINITE = ["9**9**9", "10**400", "1e300*1e300", "1/0", "0/0", "log(-1)", "sqrt(-1 - " + V + "**2)"]
FORMULA = {"derivative": ("expr", "x", "sin(x) * exp(-x/3)"), "gradient": ("f", "x0", "x0**2 + x1**2")}


def fixed_text(key, lang="en"):
    """The longest piece of catalogue text ``key`` without placeholders: what any rendering contains."""
    pieces = re.split(r"\{[^}]*\}", messages()[key][lang])
    return max(pieces, key=len).strip()


def formula_error(at, code, lang="en"):
    found = [e.value for e in at.error if fixed_text(f"expr.{code}", lang) in e.value]
    assert found, (code, [e.value for e in at.error])
    return found[0]


def chart_data(at):
    return [[frame.to_dict("list") for frame in frames] for _, frames in charts(at)]


def formula_page(page_id, lang="en"):
    query = {"f": "custom"} if page_id == "derivative" else None
    at = open_page(PAGES[page_id], lang, query)
    name, var, valid = FORMULA[page_id]
    at.text_input(key=f"{page_id}.{name}").set_value(valid).run()
    assert_clean(at)
    return at, name, var


@pytest.mark.parametrize("page_id", ["derivative", "gradient"])
def test_hostile_formulas_typed_in_are_rejected_and_the_last_good_one_stays(page_id):
    assert len(CORPUS) >= 40
    at, name, var = formula_page(page_id)
    plotted = chart_data(at)
    assert plotted and not nonfinite(at)
    box = f"{page_id}.{name}"
    kept = fixed_text("derivative.expr_kept" if page_id == "derivative" else "gradient.formula_kept")
    for text, code in CORPUS:
        text = text.replace(V, var)
        at.text_input(key=box).set_value(text)
        timed_run(at)
        assert_clean(at)
        message = formula_error(at, code)
        assert "__" not in message.replace("\\_\\_", ""), message  # typed text shown literally, not as bold
        assert chart_data(at) == plotted, f"{text!r} changed the plot"
        assert any(kept in c.value for c in at.caption), "no word that the last valid formula is shown"
        assert not nonfinite(at)
        assert at.text_input(key=box).value == text  # nothing the student typed is lost
    # a longer text than the box takes is cut by the box itself (the browser refuses more)
    at.text_input(key=box).set_value(var + "+" * 400)
    timed_run(at)
    assert_clean(at)
    assert len(at.text_input(key=box).value) <= MAX_LENGTH
    # and a valid formula plots again
    new = f"{var}**2 - 3*{var}"
    at.text_input(key=box).set_value(new)
    timed_run(at)
    assert_clean(at)
    assert not at.error and chart_data(at) != plotted and not nonfinite(at)
    if page_id == "derivative":
        curve = next(f for f in charts(at)[0][1] if {"x", "y"} <= set(f.columns))
        curve = curve[curve["series"] == curve["series"].iloc[0]]
        assert np.allclose(curve["y"], curve["x"] ** 2 - 3 * curve["x"], rtol=1e-12, atol=1e-9)


@pytest.mark.parametrize("page_id", ["derivative", "gradient"])
def test_hostile_formulas_in_a_link_are_rejected(page_id):
    name, var, _ = FORMULA[page_id]
    base = {"f": "custom"} if page_id == "derivative" else {}
    reference = chart_data(open_page(PAGES[page_id], query={**base}))
    sample = CORPUS[::2]  # every kind of rejection (all of them are typed in above)
    assert {code for _, code in sample} == {code for _, code in CORPUS}
    for text, code in sample + [(long, "too_long") for long in TOO_LONG]:
        text = text.replace(V, var)
        query = {**base, name: text}
        at = open_timed(page_id, "en", query)
        check_linked_page(at, page_id, query, "en")
        if code == "too_long":  # the link's text is refused as a whole, never cut
            assert name in url_notices(at, "en")
        else:
            formula_error(at, code)
        if page_id == "derivative":  # the default formula is plotted instead
            assert chart_data(at) == reference, text
        else:  # nothing valid yet in this session: the gradient page draws no map (unless the default is used)
            assert bool(charts(at)) == (code == "too_long")


@pytest.mark.parametrize("page_id", ["derivative", "gradient"])
def test_formulas_that_are_never_finite_are_explained_without_nan(page_id):
    at, name, var = formula_page(page_id)
    for text in NOT_FINITE:
        at.text_input(key=f"{page_id}.{name}").set_value(text.replace(V, var))
        timed_run(at)
        assert_clean(at)
        assert not at.error or page_id == "gradient"
        said = " ".join(messages_of(at))
        if page_id == "derivative":
            assert fixed_text("derivative.f_nonfinite") in said and fixed_text("derivative.curve_empty") in said
        else:
            assert fixed_text("gradient.out.start_undefined") in said
            assert fixed_text("gradient.partials_undefined") in said
            assert fixed_text("gradient.nothing_finite") in " ".join(c.value for c in at.caption)
        assert not nonfinite(at), (text, nonfinite(at))


# ---------------------------------------------------------------- 3. numeric extremes

LOSS_ENTRIES = [  # (ten outputs as typed, read as, message key or None)
    ("1e308 " * 10, "probabilities", "loss.err_large"),
    ("0 " * 9 + "1.7976931348623157e308", "probabilities", "loss.err_large"),
    ("1e100 " * 10, "probabilities", None),
    ("0 " * 9 + "1e100", "probabilities", None),
    ("1e-320 " * 10, "probabilities", None),
    ("5e-324 " * 9 + "1", "probabilities", None),
    ("0 " * 10, "probabilities", None),
    ("-0 " * 9 + "1", "probabilities", None),
    ("nan " * 10, "probabilities", "loss.err_finite"),
    ("1e309 " + "0 " * 9, "probabilities", "loss.err_finite"),
    ("[link](https://example.com) " + "0 " * 9, "probabilities", "loss.err_number"),
    ("**1** " + "0 " * 9, "probabilities", "loss.err_number"),
    ("0.1 " * 11, "probabilities", "loss.err_count"),
    ("1e308, " * 9 + "-1e308", "scores", "loss.err_large"),
    ("1e100 " * 9 + "-1e100", "scores", None),
    ("-1e100 " * 10, "scores", None),
    ("1000 -1000 " * 5, "scores", None),
    ("5e-324 " * 10, "scores", None),
]


def test_loss_outputs_at_the_extremes_of_float64():
    at = open_timed("loss")
    for text, kind, key in LOSS_ENTRIES:
        set_and_check(at, "loss", "as", kind)
        before = chart_data(at)
        at.text_input(key="loss.y").set_value(text)
        timed_run(at)
        check_page(at, "loss")
        if key:
            error = next(e.value for e in at.error if fixed_text(key) in e.value)
            assert fixed_text("loss.kept") in error and chart_data(at)[:2] == before[:2]  # the last valid y stays
            assert not set(re.sub(r"\\.", "", error)) & set("[]*"), error  # the entry is quoted literally
        else:
            assert not at.error, (text, [e.value for e in at.error])
        assert all(math.isfinite(float(m.value)) for m in at.metric if re.fullmatch(r"[-+.e\d]+", m.value)), text


def extremes(widget):
    """The values to try: both ends of a range, every option of a choice, both states of a toggle."""
    if widget.type in ("number_input", "slider"):
        cast = int if is_int_widget(widget) else float
        return [cast(widget.min), cast(widget.max)]
    if widget.type == "select_slider":
        options = option_values(widget)
        return [options[0], options[-1]]
    if widget.type in ("selectbox", "radio", "button_group"):
        options = option_values(widget)
        return options if len(options) <= 7 else [options[0], options[len(options) // 2], options[-1]]
    if widget.type == "toggle":
        return [not widget.value, widget.value]
    if widget.type == "multiselect":  # one option, then all of them
        options = option_values(widget)
        return [options[:1], options]
    return []


def check_page(at, page_id):
    assert_clean(at)
    assert not nonfinite(at), nonfinite(at)
    assert not [p for w in url_widgets(at, page_id).values() if (p := problem(w))]
    assert not url_notices(at, "en")


def set_and_check(at, page_id, name, value):
    url_widgets(at, page_id)[name].set_value(value)
    timed_run(at)
    check_page(at, page_id)
    shown = url_widgets(at, page_id)[name].value
    assert shown == value or same(shown, repr(value)), (name, value, shown)


@pytest.mark.parametrize("page_id", CHAPTER_PAGES)
def test_every_widget_at_both_ends_of_its_range(page_id):
    """Each numeric widget at its min and max (then back), each choice through its options (3 of many)."""
    at = open_timed(page_id)
    check_page(at, page_id)
    done = set()
    while todo := [n for n in url_widgets(at, page_id) if n not in done]:  # a choice may reveal widgets
        for name in todo:
            done.add(name)
            widget = url_widgets(at, page_id).get(name)
            if widget is None:
                continue
            before = widget.value
            for value in extremes(widget):
                set_and_check(at, page_id, name, value)
            if widget.type in ("number_input", "slider", "select_slider") and name in url_widgets(at, page_id):
                set_and_check(at, page_id, name, before)  # one extreme at a time


@pytest.mark.parametrize("page_id", CHAPTER_PAGES)
@pytest.mark.parametrize("end", [0, -1])
def test_all_ranges_at_the_same_end_at_once(page_id, end):
    """A link with every numeric widget at its min (or every one at its max) together."""
    widgets = url_widgets(open_page(PAGES[page_id]), page_id)
    query = {name: repr(extremes(w)[end]) for name, w in widgets.items()
             if w.type in ("number_input", "slider", "select_slider")}
    at = open_timed(page_id, "en", query)
    check_linked_page(at, page_id, query, "en")
    assert not url_notices(at, "en")


def test_derivative_every_function_at_the_ends_of_x_and_the_smallest_h():
    at = open_timed("derivative")
    for f in ("book", "sin", "exp", "cube", "abs", "log"):
        set_and_check(at, "derivative", "f", f)
        for x in (-1000.0, 1000.0, 0.0):
            set_and_check(at, "derivative", "x", x)
            set_and_check(at, "derivative", "h", 1e-50)
            assert any("1e-50" in w.value for w in at.warning)  # the tiny step is explained
            set_and_check(at, "derivative", "h", 0.1)
    set_and_check(at, "derivative", "xmin", 1000.0)
    set_and_check(at, "derivative", "xmax", -1000.0)  # an empty range falls back, and says so
    assert any(fixed_text("derivative.range_bad") in w.value for w in at.warning)


def test_gradient_learning_rate_at_both_ends():
    at = open_timed("gradient")
    set_and_check(at, "gradient", "steps", 5000)
    set_and_check(at, "gradient", "lr", 1e-12)
    assert any(fixed_text("gradient.out.stuck") in w.value for w in at.warning)
    set_and_check(at, "gradient", "lr", 1000.0)
    assert any(fixed_text("gradient.out.left_view") in w.value for w in at.warning)
    for x0, x1 in ((1000.0, -1000.0), (-1000.0, 1000.0)):
        set_and_check(at, "gradient", "x0", x0)
        set_and_check(at, "gradient", "x1", x1)
    set_and_check(at, "gradient", "view", 0.5)


def wait_for_run(at, seconds=30):
    deadline = time.monotonic() + seconds
    while at.session_state["training.desk"].job is not None:
        assert time.monotonic() < deadline, "the run did not end"
        time.sleep(0.1)
        timed_run(at)
    return at


@pytest.mark.parametrize("settings_", [
    {"hidden": 1, "lr": 0.1},
    {"hidden": 1000, "lr": 30.0, "std": 1.0},
    {"hidden": 2, "lr": 0.001, "std": 0.0001},
    {"batch": 1, "lr": 30.0},
    {"batch": 8000, "hidden": 5},
])
def test_training_short_runs_at_extreme_settings(settings_):
    at = open_timed("training", query={"iters": "300"})
    try:
        for name, value in settings_.items():
            set_and_check(at, "training", name, value)
        at.button(key="training.start").click()
        timed_run(at)
        time.sleep(0.2)
        timed_run(at)
        if not at.button(key="training.stop").disabled:  # a small run may have finished already
            at.button(key="training.stop").click()
            timed_run(at)
        wait_for_run(at)
        check_page(at, "training")
        run = at.session_state["training.desk"].runs[-1]
        assert run["status"] in ("finished", "did_not_learn", "stopped", "diverged")
        said = " ".join(messages_of(at))
        done = {"did_not_learn": "training.done_not_learned_rose" if "overshoot" in run["causes"]
                else "training.done_not_learned"}.get(run["status"], f"training.done_{run['status']}")
        assert fixed_text(done) in said
        assert charts(at)  # the comparison is drawn, without NaN (checked above)
    finally:
        training._slots.clear()


def test_training_batch_larger_than_the_data_cannot_start():
    at = open_timed("training")
    widget = url_widgets(at, "training")["batch"]
    set_and_check(at, "training", "batch", int(widget.max))
    assert any(fixed_text("training.batch_too_big") in w.value for w in at.warning)
    assert at.button(key="training.start").disabled
    set_and_check(at, "training", "mode", "epochs")
    set_and_check(at, "training", "epochs", 10_000)
    assert at.button(key="training.start").disabled


# ---------------------------------------------------------------- 4. everything translated

def test_bad_input_is_explained_in_chinese():
    said = []
    at = open_page(PAGES["derivative"], "zh", {"f": "custom", "expr": "x.__class__"})
    said.append(formula_error(at, "not_allowed", "zh"))
    for text, code in [("2x", "syntax"), ("y", "unknown_name"), ("x²", "non_ascii"), ("", "empty"),
                       ("1e999", "bad_number"), ("-(" * 45 + "x" + ")" * 45, "too_deep"), ("sin", "bad_call")]:
        at.text_input(key="derivative.expr").set_value(text).run()
        said.append(formula_error(at, code, "zh"))
    at.text_input(key="derivative.expr").set_value("log(-1)").run()
    said += [w.value for w in at.warning]
    at = open_page(PAGES["gradient"], "zh", {"f": "import os", "lr": "inf", "steps": "-1"})
    said += [e.value for e in at.error] + [w.value for w in at.warning]
    at = open_page(PAGES["gradient"], "zh", {"f": "1e300*x0*x1"})
    said += messages_of(at)
    at = open_page(PAGES["loss"], "zh", {"y": "1, 2, abc"})
    said += [e.value for e in at.error]
    at.text_input(key="loss.y").set_value("1 " * 9 + "inf").run()
    said += [e.value for e in at.error]
    at.text_input(key="loss.y").set_value("1e300 " * 10).run()
    said += [e.value for e in at.error]
    at = open_page(PAGES["gradient"], "zh")
    at.text_input(key="gradient.f").set_value("x0.__class__").run()
    said += [e.value for e in at.error] + [c.value for c in at.caption if "`" in c.value]
    at = open_page(PAGES["training"], "zh", {"batch": "60000"})
    said += [w.value for w in at.warning]
    at = open_page(PAGES["network"], "zh", {"hidden": "1", "w11": "nan"})
    said += [w.value for w in at.warning]
    assert len(said) >= 19
    for text in said:
        assert_chinese(text)


def test_the_chinese_check_can_fail():
    with pytest.raises(AssertionError):
        assert_chinese(t("common.url_bad", "en", name="lr", value="x", default="0.1"))
    with pytest.raises(AssertionError):
        assert_chinese("学习率 " + t("expr.syntax", "en"))
    assert_chinese(t("common.url_bad", "zh", name="lr", value="x", default="0.1"))
