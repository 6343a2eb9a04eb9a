"""ui.charts.spec: a chart drawn from the shared cache is the chart st.altair_chart would draw."""
import ast
import json
import re
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.app.helpers import charts

ROOT = Path(__file__).resolve().parents[2]


def _both_ways(lang):
    """The same two charts, once through st.altair_chart and once through ui.charts.spec."""
    import numpy as np
    import streamlit as st

    from ui import loss
    from ui.charts import loss as loss_charts
    from ui.charts import spec

    st.session_state["language"] = lang
    p, mse, cee = loss.sweep()
    y = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
    st.altair_chart(loss_charts.sweep_chart(p, mse, cee, (0.3, 0.33, 1.2), (0.6, 0.0975, 0.5108)), width="stretch")
    st.altair_chart(loss_charts.terms_chart((y - (np.arange(10) == 2)) ** 2 / 2, -np.log(y + 1e-7)), width="stretch")
    st.vega_lite_chart(spec=spec(loss_charts.sweep_chart, p, mse, cee, (0.3, 0.33, 1.2), (0.6, 0.0975, 0.5108)), width="stretch")
    st.vega_lite_chart(spec=spec(loss_charts.terms_chart, (y - (np.arange(10) == 2)) ** 2 / 2, -np.log(y + 1e-7)),
                       width="stretch")


def _normalised(spec_dict, frames):
    """The spec with its data set names replaced by their order of appearance, and the data."""
    text = json.dumps(spec_dict, sort_keys=True)
    names = list(dict.fromkeys(re.findall(r'"name": "([^"]+)"', text)))
    for i, name in enumerate(names):
        text = text.replace(f'"{name}"', f'"dataset{i}"')
    return text, frames


def _run(lang):
    at = AppTest.from_function(_both_ways, args=(lang,), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return charts(at)


def test_cached_spec_draws_the_same_chart_as_altair_chart():
    drawn = _run("en")
    assert len(drawn) == 4
    for direct, cached in ((drawn[0], drawn[2]), (drawn[1], drawn[3])):
        direct_text, direct_frames = _normalised(*direct)
        cached_text, cached_frames = _normalised(*cached)
        assert cached_text == direct_text
        assert len(cached_frames) == len(direct_frames) > 0
        for a, b in zip(sorted(direct_frames, key=len), sorted(cached_frames, key=len)):
            pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


def test_cached_spec_follows_the_language():
    english = json.dumps(_run("en")[2][0], ensure_ascii=False)
    chinese = json.dumps(_run("zh")[2][0], ensure_ascii=False)
    assert "Cross-entropy" in english or "cross-entropy" in english
    assert "交叉熵" in chinese and "交叉熵" not in english


def test_each_call_gets_its_own_copy():
    def script():
        import numpy as np
        import streamlit as st

        from ui.charts import loss as loss_charts
        from ui.charts import spec

        first = spec(loss_charts.outputs_chart, np.full(10, 0.1), 3)
        first["datasets"].clear()  # what drawing does to the spec it is given
        second = spec(loss_charts.outputs_chart, np.full(10, 0.1), 3)
        st.session_state["datasets"] = len(second["datasets"])

    at = AppTest.from_function(script, default_timeout=60)
    at.run()
    assert not at.exception
    assert at.session_state["datasets"] > 0


def test_no_page_draws_altair_directly():
    """ui.charts.spec switches Altair's process-wide data transformer under its own lock;
    st.altair_chart, which switches it under Streamlit's lock, must not run beside it."""
    offenders = []
    for path in sorted([*ROOT.glob("pages/*.py"), ROOT / "streamlit_app.py", *ROOT.glob("ui/**/*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "altair_chart":
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
