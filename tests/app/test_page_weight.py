"""What one change on each page sends to the browser: at most 100 KB (classroom Wi-Fi, old laptops).

After a change, the server sends every element of the script run that answers it.  An
element of at least ``global.minCachedMessageSize`` (10 KB) that the browser already
holds from the previous run travels as a reference to it (Streamlit's message cache),
so the bytes of a change are: every element's message, except large ones unchanged since
the run before.  Sizes are deterministic, so they are asserted here; the time the
browser takes is measured by bench/bench_interactions.py.
"""
import time

import pytest
from streamlit import config

from tests.app.helpers import assert_clean, open_page
from ui import gradient as gd
from ui import training
from ui.shell import SCRIPTS

LIMIT = 100_000  # bytes per change
REFERENCE = 100  # bytes of a message that points at one the browser holds


def _train_a_short_run(at):
    """A finished 300-iteration run on the page, so its charts and table are there."""
    at.query_params["iters"] = "300"
    at.run()
    at.button(key="training.start").click().run()
    deadline = time.monotonic() + 60
    while at.session_state["training.desk"].job is not None:
        assert time.monotonic() < deadline, "the run did not finish"
        time.sleep(0.1)
        at.run()


def _book_network(at):
    """The book's network on the page (trained once per process), its confusion matrix drawn."""
    at.button(key="inside.train_book").click().run()


# page id -> [(what the student does, setup, the change)]; the first is the page's main change
CHANGES = {
    "home": [("language", None, lambda at: at.radio(key="sidebar.language").set_value("zh"))],
    "loss": [("book's y2", None, lambda at: at.button(key="loss.preset_book2").click())],
    "derivative": [("point x", None, lambda at: at.number_input(key="derivative.x").set_value(7.0))],
    "gradient": [
        ("point (0, 2)", None, lambda at: at.button(key="gradient.point_0_2").click()),
        ("equal arrows", None, lambda at: at.toggle(key="gradient.unit").set_value(True)),
        ("Rosenbrock, 2000 steps", None, lambda at: at.button(key="gradient.preset_rosenbrock").click()),
        ("5000 steps", None, lambda at: at.number_input(key="gradient.steps").set_value(5000)),
    ],
    "network": [("hidden units", None, lambda at: at.select_slider(key="network.hidden").set_value(20))],
    "training": [("lr, one run kept", _train_a_short_run,
                  lambda at: at.select_slider(key="training.lr").set_value(0.3))],
    "sweep": [("the curves' lr", None, lambda at: at.select_slider(key="sweep.plr").set_value(10.0))],
    "inside": [("row shares", _book_network, lambda at: at.toggle(key="inside.norm").set_value(True))],
}


def messages(at):
    """The serialized message of every element on the page (blocks hold no data)."""
    found = []

    def walk(node):
        children = getattr(node, "children", None)
        if children is not None:
            for child in children.values():
                walk(child)
        elif getattr(node, "proto", None) is not None:
            found.append(node.proto.SerializeToString(deterministic=True))

    walk(at._tree)
    return found


def bytes_sent(before, after):
    """Bytes of the run ``after``, given that the browser holds the large messages of ``before``."""
    cached = float(config.get_option("global.minCachedMessageSize"))
    held = {m for m in before if len(m) >= cached}
    return sum(REFERENCE if m in held else len(m) for m in after)


def test_every_page_declares_its_main_change():
    assert set(CHANGES) == set(SCRIPTS), "declare the main change of each page in CHANGES"


@pytest.mark.parametrize("page_id, name, setup, change",
                         [(p, *c) for p in CHANGES for c in CHANGES[p]], ids=lambda v: v if isinstance(v, str) else "")
def test_one_change_sends_at_most_100_kb(page_id, name, setup, change):
    at = open_page(SCRIPTS[page_id])
    try:
        if setup:
            setup(at)
        assert_clean(at)
        before = messages(at)
        change(at).run()
        assert_clean(at)
        sent = bytes_sent(before, messages(at))
        assert sent <= LIMIT, f"{page_id}, {name}: {sent / 1000:.0f} KB"
    finally:
        training._slots.clear()


def test_a_long_runs_table_is_sampled_and_its_download_has_every_step():
    # the saddle from (-3, 0.01) with lr 0.01: x1 grows 2 % a step and leaves the view after step 300
    setting = {"f": "x0**2 - x1**2", "x0": "-3", "x1": "0.01", "lr": "0.01", "steps": "3000"}
    at = open_page(SCRIPTS["gradient"], query=setting)
    assert_clean(at)
    shown = at.dataframe[0].value
    steps = shown["step"].tolist()
    assert len(steps) <= gd.TABLE_ROWS and steps[:gd.TABLE_FIRST] == list(range(gd.TABLE_FIRST))
    assert steps[-1] == 3000 and steps == sorted(set(steps))
    left = [w.value for w in at.warning if w.value.startswith("The path leaves the view at step ")]
    named = int(left[0].split("step ")[1].split()[0])
    assert named > gd.TABLE_FIRST and named in steps  # the step the message names is in the table
    assert any(c.value.startswith(f"{len(steps)} of the 3,001 rows") for c in at.caption)
    assert at.get("download_button")
    run = gd.descend(setting["f"], (-3.0, 0.01), 0.01, 3000)
    rows = gd.step_csv(run, "en").decode("utf-8-sig").splitlines()
    assert rows[0] == "step,x0,x1,f(x),|∇f(x)|" and len(rows) == 3002
    assert rows[1:4] == [",".join(shown.iloc[i].astype(str)) for i in range(3)]
    short = open_page(SCRIPTS["gradient"])
    assert len(short.dataframe[0].value) == 101 and not short.get("download_button")


def test_the_gradient_map_keeps_its_spec_when_only_the_point_or_the_path_moves():
    """Same spec, other rows: the browser swaps the data sets in the chart it has instead of
    compiling and building it again (Streamlit compares the spec without its data sets)."""
    def spec_and_data(at):
        (chart,) = at.get("vega_lite_chart")
        return chart.proto.spec, [d.data.data for d in chart.proto.datasets]

    at = open_page(SCRIPTS["gradient"])
    first, data = spec_and_data(at)
    for change in (lambda: at.button(key="gradient.point_0_2").click(),
                   lambda: at.button(key="gradient.lr_big").click(),  # the path leaves the view
                   lambda: at.number_input(key="gradient.p0").set_value(50.0),  # the point too
                   lambda: at.toggle(key="gradient.unit").set_value(True),
                   lambda: at.number_input(key="gradient.steps").set_value(0)):
        change().run()
        assert_clean(at)
        spec, new_data = spec_and_data(at)
        assert spec == first and new_data != data
        data = new_data
    at.button(key="gradient.preset_saddle").click().run()  # another f: other bands, levels, legend
    assert spec_and_data(at)[0] != first


def test_the_loss_page_keeps_its_charts_specs_when_only_the_output_vector_changes():
    """A preset changes y: the outputs, the per-class terms and the sweep's points move, their
    specs stay (the browser swaps the rows instead of compiling and building the charts again)."""
    def specs_and_data(at):
        charts = at.get("vega_lite_chart")
        return [c.proto.spec for c in charts], [[d.data.data for d in c.proto.datasets] for c in charts]

    at = open_page(SCRIPTS["loss"])
    specs, data = specs_and_data(at)
    at.button(key="loss.preset_book2").click().run()
    assert_clean(at)
    new_specs, new_data = specs_and_data(at)
    assert len(new_specs) == len(specs)
    for i in range(3):  # outputs, terms, sweep: the first three charts of the page
        assert new_specs[i] == specs[i] and new_data[i] != data[i], f"chart {i}"


def test_the_network_page_keeps_its_charts_specs_when_the_hidden_size_or_the_unit_changes():
    """Another hidden size or unit changes the times and the two 28×28 maps (values, colour
    range, title's unit): their specs stay, the rows change."""
    def specs_and_data(at):
        charts = at.get("vega_lite_chart")[1:]  # the first is simpleNet's loss along one weight
        return [c.proto.spec for c in charts], [[d.data.data for d in c.proto.datasets] for c in charts]

    at = open_page(SCRIPTS["network"])
    specs, data = specs_and_data(at)
    assert len(specs) == 3
    for change in (lambda: at.select_slider(key="network.hidden").set_value(20),
                   lambda: at.slider(key="network.unit").set_value(7)):
        change().run()
        assert_clean(at)
        new_specs, new_data = specs_and_data(at)
        assert new_specs == specs
        assert all(a != b for a, b in zip(new_data[1:], data[1:]))  # the maps' rows (the times may agree)
        data = new_data
