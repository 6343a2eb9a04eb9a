"""Reading what a page shows under AppTest: charts' data, the page's messages, app runs."""
import json
from pathlib import Path

import pyarrow as pa
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
ENTRY = str(ROOT / "streamlit_app.py")
TIMEOUT = 60


def open_page(page=None, lang="en", query=None, timeout=TIMEOUT):
    """AppTest of the app opened on ``page`` ("pages/1_loss_functions.py"; None = home).

    The entry script runs first, as in a browser, so the pages directory is registered.
    """
    at = AppTest.from_file(ENTRY, default_timeout=timeout)
    at.session_state["language"] = lang
    at.run()
    if page:
        at.switch_page(page)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    return at.run() if page or query else at


def charts(at):
    """Every Vega-Lite chart on the page as (spec dict, [DataFrame per dataset])."""
    found = []
    for el in at.get("vega_lite_chart"):
        spec = json.loads(el.proto.spec)
        frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in el.proto.datasets]
        if el.proto.data.data:  # st.vega_lite_chart(frame, spec): the frame travels beside the spec
            frames.append(pa.ipc.open_stream(el.proto.data.data).read_all().to_pandas())
        found.append((spec, frames))
    return found


def chart_frame(at, index=0):
    """All rows of chart ``index`` (its datasets concatenated)."""
    import pandas as pd

    _, frames = charts(at)[index]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def assert_clean(at):
    """No exception element and no safety-net message on the page."""
    assert not at.exception, [e.value for e in at.exception]
    unexpected = ("Something went wrong", "绘制本页时出了点问题")
    assert not [e.value for e in at.error if e.value.startswith(unexpected)]
