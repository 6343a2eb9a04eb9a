"""Charts of the network-gradient page: loss along one weight, 28×28 gradient maps, timings."""
import altair as alt
import numpy as np
import pandas as pd

from ui.charts import named

HEIGHT = 280


def loss_along_weight_chart(ws, losses, w0, loss0, slope, labels):
    """The loss as one weight moves (line), its tangent of slope dW at w0 (dashed), and w0 (dot).

    labels: weight (axis title), loss, curve, tangent, current (legend entries), slope.
    """
    tangent = loss0 + slope * (ws - w0)
    low, high = float(losses.min()), float(losses.max())
    pad = 0.1 * (high - low) or 0.1
    frame = pd.DataFrame({
        "w": np.concatenate([ws, ws]),
        "loss": np.concatenate([losses, tangent]),
        "line": [labels["curve"]] * len(ws) + [labels["tangent"]] * len(ws),
    })
    colour = alt.Scale(domain=[labels["curve"], labels["tangent"]], range=["#4c78a8", "#e45756"])
    x = alt.X("w:Q", title=labels["weight"], scale=alt.Scale(zero=False, nice=False))
    y = alt.Y("loss:Q", title=labels["loss"], scale=alt.Scale(domain=[low - pad, high + pad], nice=False))
    lines = alt.Chart(frame, height=HEIGHT).mark_line(clip=True).encode(
        x=x, y=y,
        color=alt.Color("line:N", title=None, scale=colour, legend=alt.Legend(orient="bottom")),
        strokeDash=alt.StrokeDash("line:N", title=None, scale=alt.Scale(
            domain=[labels["curve"], labels["tangent"]], range=[[1, 0], [6, 4]])),
        tooltip=[alt.Tooltip("line:N", title=labels["line"]),
                 alt.Tooltip("w:Q", title=labels["weight"], format=".4f"),
                 alt.Tooltip("loss:Q", title=labels["loss"], format=".6f")],
    )
    point = alt.Chart(pd.DataFrame({"w": [w0], "loss": [loss0], "slope": [slope]})).mark_point(
        filled=True, size=90, color="#e45756").encode(
        x=x, y=y,
        tooltip=[alt.Tooltip("w:Q", title=labels["weight"], format=".8f"),
                 alt.Tooltip("loss:Q", title=labels["loss"], format=".8f"),
                 alt.Tooltip("slope:Q", title=labels["slope"], format=".8f")],
    )
    return lines + point


def digit_map_chart(values, title, labels, symmetric_to=None):
    """784 values (one per pixel) as a 28×28 diverging heat map centred on 0.

    labels: column, row, value (tooltip titles). symmetric_to: colour range +-this (default max |values|).
    The values, the colour range and the title travel in one data set of a fixed name, so
    another hidden unit or network keeps the spec and the browser swaps the rows in the map it
    has: the range is two invisible cells (-extent, +extent) drawn first, under cell (0, 0),
    and the title (every row holds it) is read from the first of them.
    """
    values = np.asarray(values, dtype=np.float64).reshape(784)
    extent = float(symmetric_to if symmetric_to is not None else np.abs(values).max()) or 1.0
    rows, cols = np.divmod(np.arange(784), 28)
    frame = named(pd.DataFrame({  # small integer types and a categorical title: fewer bytes to send
        "row": np.concatenate([[0, 0], rows]).astype(np.int8), "col": np.concatenate([[0, 0], cols]).astype(np.int8),
        "value": np.concatenate([[-extent, extent], values]),
        "shown": np.concatenate([[0, 0], np.ones(784)]).astype(np.int8),
        "title": pd.Categorical([title] * 786),  # one dictionary entry, 786 one-byte codes (no nulls)
    }), "map_cells")
    return alt.Chart(frame, title=alt.TitleParams(text=alt.ExprRef("data('map_cells')[0].title"))).mark_rect(
    ).properties(width=alt.Step(9), height=alt.Step(9)).encode(
        x=alt.X("col:O", axis=None),
        y=alt.Y("row:O", axis=None),
        color=alt.Color("value:Q", title=None, scale=alt.Scale(scheme="redblue", reverse=True, zero=False, nice=False),
                        legend=alt.Legend(format=".1e", orient="right", gradientLength=200)),
        opacity=alt.Opacity("shown:Q", scale=None, legend=None),
        tooltip=[alt.Tooltip("row:O", title=labels["row"]), alt.Tooltip("col:O", title=labels["column"]),
                 alt.Tooltip("value:Q", title=labels["value"], format=".3e")],
    )


def duration(seconds):
    """0.0000548 -> "54.8 µs", 0.00718 -> "7.18 ms", 10.2 -> "10.2 s"."""
    if seconds < 1e-3:
        return f"{seconds * 1e6:.3g} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds:.3g} s"


def times_chart(rows, labels):
    """Seconds per method as bars on a log scale; rows: dicts with method, seconds, kind.

    labels: seconds, method, kind (titles) and measured, estimated (the two kinds).
    The axis follows the data (bars from ``low`` to the time, rounded out to whole decades), so
    other times keep the spec and the browser swaps the rows in the chart it has.
    """
    frame = named(pd.DataFrame(rows), "times")
    frame["label"] = [duration(s) for s in frame["seconds"]]
    # a log scale has no zero: bars start a decade below the fastest time
    frame["low"] = 10 ** np.floor(np.log10(frame["seconds"].min()) - 1)
    base = alt.Chart(frame, height=45 * len(frame) + 50).encode(
        y=alt.Y("method:N", title=None, sort=None, axis=alt.Axis(labelLimit=320)),
        x=alt.X("seconds:Q", title=labels["seconds"],
                scale=alt.Scale(type="log", nice=True), axis=alt.Axis(format="~g")),
        tooltip=[alt.Tooltip("method:N", title=labels["method"]),
                 alt.Tooltip("seconds:Q", title=labels["seconds"], format=".3g"),
                 alt.Tooltip("kind:N", title=labels["kind"])],
    )
    bars = base.mark_bar().encode(
        x2="low:Q",
        color=alt.Color("kind:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=[labels["measured"], labels["estimated"]],
                                        range=["#4c78a8", "#bab0ac"])))
    text = base.mark_text(align="left", dx=4).encode(text="label:N")
    return bars + text
