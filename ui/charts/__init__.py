"""Charts of every page, and ``spec``: an Altair chart turned into Vega-Lite once for everyone.

Building an Altair chart and turning it into the Vega-Lite spec the browser draws costs
10-40 ms of Python per chart (most of it schema validation), and that happens again at
every rerun of every session.  A class on one server reruns the same pages with the same
settings (everyone opens a page on its defaults, then makes the same change the teacher
asks for), so ``spec`` keeps the finished spec in a cache shared by all sessions, keyed
by the chart function, its arguments and the language.  A page draws it with
``st.vega_lite_chart(spec=...)``, which then only copies the stored bytes.

Each page's chart functions take plain arrays and labels and return Altair charts
(``ui.charts.loss`` ... ``ui.charts.training``); they stay testable on their own.
"""
import hashlib
import importlib
import threading

import altair as alt
import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from ui.i18n import current_language

_ALTAIR_STATE = threading.Lock()  # Altair's theme and data transformer are global to the process
_TRANSFORMER = "dlfs_arrow"
DATASET_NAME = "dataset"  # DataFrame.attrs key: the name a frame's data set gets in the spec
# Altair's schema validation is half the cost of a new spec; the app tests switch it on
# (tests/app/conftest.py), so every chart of every page is validated there.
VALIDATE = False
# A spec is 3-30 KB, the gradient map's 35-60 KB (its bands as a PNG, simplified lines): at most ~4 MB.
MAX_SPECS = 64


def named(frame, name):
    """``frame`` drawn as the dataset ``name`` (see to_spec); returns the frame."""
    frame.attrs[DATASET_NAME] = name
    return frame


def spec(builder, *args, **kwargs):
    """The Vega-Lite spec of ``builder(*args, **kwargs)`` (a tuple of specs if it returns
    a tuple of charts), from the cache shared by all sessions when it is there.

    builder : a module-level function of ``ui.charts.*`` returning an Altair chart.
    The arguments must be hashable by ``st.cache_data`` (arrays, frames, numbers, text).
    Returns a fresh dict each call (Streamlit moves the data out of the spec it draws).
    """
    return _cached(builder.__module__, builder.__qualname__, current_language(), args, kwargs)


@st.cache_data(max_entries=MAX_SPECS, show_spinner=False)
def _cached(module, name, lang, args, kwargs):
    """``lang`` is part of the key: the builders read their labels in the session's language."""
    chart = getattr(importlib.import_module(module), name)(*args, **kwargs)
    if isinstance(chart, tuple):
        return tuple(to_spec(c) for c in chart)
    return to_spec(chart)


def to_spec(chart):
    """An Altair chart as the spec ``st.altair_chart`` would send: no theme defaults, and
    every data frame as Arrow bytes under ``datasets`` (named by a hash of its bytes)."""
    datasets = {}

    def to_arrow(data):
        if not isinstance(data, pd.DataFrame):
            return alt.default_data_transformer(data)
        blob = dataframe_util.convert_anything_to_arrow_bytes(data)
        # a frame may carry its own name (``named``): a later run with other rows then keeps
        # the same spec, and the browser swaps the rows instead of building the chart again
        name = data.attrs.get(DATASET_NAME) or "data-" + hashlib.sha1(blob).hexdigest()[:16]
        datasets[name] = blob
        return {"name": name}

    with _ALTAIR_STATE:
        alt.data_transformers.register(_TRANSFORMER, to_arrow)
        with alt.theme.enable("none"), alt.data_transformers.enable(_TRANSFORMER):
            out = chart.to_dict(validate=VALIDATE)
    out["datasets"] = {**out.get("datasets", {}), **datasets}
    return out
