"""Charts of the inside page: the confusion matrix with accuracy per digit, and a digit's ten probabilities."""
import altair as alt
import numpy as np
import pandas as pd

CELL = 34          # pixels per confusion-matrix cell
RIGHT_COLOUR = "#dcebdc"


def confusion_chart(confusion, normalised, labels):
    """Rows = true digit, columns = the network's answer; mistakes coloured by how often they happen
    (the diagonal, the right answers, in one pale colour), with a bar of accuracy per digit beside it.

    confusion : (10, 10) counts.  normalised : show each row's shares instead of counts.
    labels : true, pred, count, share, accuracy, per_digit.  Clicking a cell selects it ("cell": true, pred).
    """
    c = np.asarray(confusion, dtype=np.int64)
    rows = c.sum(axis=1)
    share = c / np.maximum(rows, 1)[:, None]
    true, pred = np.divmod(np.arange(c.size), c.shape[1])
    value = share.ravel() if normalised else c.ravel().astype(float)
    off = value[true != pred]
    top = float(off.max()) if off.size and off.max() > 0 else 1.0
    frame = pd.DataFrame({"true": true, "pred": pred, "count": c.ravel(), "share": share.ravel(), "value": value,
                          "text": [f"{v:.0%}" if normalised else f"{int(v)}" for v in value],
                          "dark": (value / top > 0.55) & (true != pred)})
    cell = alt.selection_point(name="cell", fields=["true", "pred"], on="click", clear=False, empty=False)
    base = alt.Chart(frame).encode(
        x=alt.X("pred:O", title=labels["pred"], axis=alt.Axis(orient="top", labelAngle=0)),
        y=alt.Y("true:O", title=labels["true"]),
        tooltip=[alt.Tooltip("true:O", title=labels["true"]), alt.Tooltip("pred:O", title=labels["pred"]),
                 alt.Tooltip("count:Q", title=labels["count"]),
                 alt.Tooltip("share:Q", title=labels["share"], format=".1%")])
    rects = base.mark_rect(stroke="#222", strokeOpacity=1).encode(
        color=alt.condition("datum.count == 0 || datum.true == datum.pred", alt.value("white"),
                            alt.Color("value:Q", legend=None, scale=alt.Scale(scheme="orangered", domain=[0, top]))),
        strokeWidth=alt.condition(cell, alt.value(2.5), alt.value(0)),
    ).add_params(cell)
    right = base.mark_rect(color=RIGHT_COLOUR, stroke="#222").encode(
        strokeWidth=alt.condition(cell, alt.value(2.5), alt.value(0))).transform_filter("datum.true == datum.pred")
    text = base.mark_text(fontSize=11).encode(
        text="text:N", color=alt.condition("datum.dark", alt.value("white"), alt.value("#222")))
    matrix = (rects + right + text).properties(width=alt.Step(CELL), height=alt.Step(CELL))
    accuracy = pd.DataFrame({"true": np.flatnonzero(rows > 0), "accuracy": np.diag(c)[rows > 0] / rows[rows > 0]})
    accuracy["text"] = [f"{a:.0%}" for a in accuracy["accuracy"]]
    bars = alt.Chart(accuracy, title=alt.TitleParams(labels["per_digit"], fontSize=11, fontWeight="normal")).encode(
        y=alt.Y("true:O", title=None, axis=None),
        x=alt.X("accuracy:Q", title=None, scale=alt.Scale(domain=[0, 1]), axis=None),
        tooltip=[alt.Tooltip("true:O", title=labels["true"]),
                 alt.Tooltip("accuracy:Q", title=labels["accuracy"], format=".1%")])
    per_digit = (bars.mark_bar(color="#4c78a8", opacity=0.8)
                 + bars.mark_text(align="right", dx=-3, color="white", fontSize=10).encode(text="text:N")
                 ).properties(width=90, height=alt.Step(CELL))
    return alt.hconcat(matrix, per_digit, spacing=6).resolve_scale(y="shared")


def probability_bars(probs, labels):
    """The ten probabilities of one image as bars, the answer highlighted: (DataFrame, Vega-Lite spec).

    Written as a plain spec (no Altair): it changes with every digit drawn, so it is never cached.
    labels : digit, probability.
    """
    probs = np.asarray(probs, dtype=float)
    frame = pd.DataFrame({"digit": np.arange(probs.size), "probability": probs,
                          "answer": np.arange(probs.size) == int(probs.argmax()),
                          "text": [f"{p:.0%}" if p >= 0.005 else "" for p in probs]})
    encoding = {"x": {"field": "digit", "type": "ordinal", "title": labels["digit"], "axis": {"labelAngle": 0}},
                "y": {"field": "probability", "type": "quantitative", "title": labels["probability"],
                      "scale": {"domain": [0, 1]}, "axis": {"format": "%"}},
                "tooltip": [{"field": "digit", "type": "ordinal", "title": labels["digit"]},
                            {"field": "probability", "type": "quantitative", "title": labels["probability"],
                             "format": ".2%"}]}
    spec = {"height": 220, "encoding": encoding, "layer": [
        {"mark": {"type": "bar"},
         "encoding": {"color": {"condition": {"test": "datum.answer", "value": "#e45756"}, "value": "#9ecae9"}}},
        {"mark": {"type": "text", "dy": -7, "fontSize": 11}, "encoding": {"text": {"field": "text", "type": "nominal"}}},
    ]}
    return frame, spec
