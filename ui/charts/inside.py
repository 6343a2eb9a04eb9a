"""Charts of the inside page: the confusion matrix with accuracy per digit, and a digit's ten probabilities."""
import altair as alt
import numpy as np
import pandas as pd

CELL = 28          # pixels per confusion-matrix cell
RIGHT_COLOUR = "#dcebdc"


def confusion_chart(confusion, normalised, labels):
    """Rows = true digit (labelled with its accuracy), columns = the network's answer; mistakes coloured
    by how often they happen, the diagonal (the right answers) in one pale colour.

    confusion : (10, 10) counts.  normalised : show each row's shares instead of counts.
    labels : true, pred, count, share, true_accuracy.  Clicking a cell selects it ("cell": true, pred).
    Narrow enough for a phone (about 350 px).
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
    accuracy = [f"{d / n:.0%}" if n else "–" for d, n in zip(np.diag(c), rows)]
    row_label = f"datum.value + ' · ' + {accuracy!r}[datum.value]"
    cell = alt.selection_point(name="cell", fields=["true", "pred"], on="click", clear=False, empty=False)
    base = alt.Chart(frame).encode(
        x=alt.X("pred:O", title=labels["pred"], axis=alt.Axis(orient="top", labelAngle=0)),
        y=alt.Y("true:O", title=labels["true_accuracy"], axis=alt.Axis(labelExpr=row_label, labelPadding=6)),
        tooltip=[alt.Tooltip("true:O", title=labels["true"]), alt.Tooltip("pred:O", title=labels["pred"]),
                 alt.Tooltip("count:Q", title=labels["count"]),
                 alt.Tooltip("share:Q", title=labels["share"], format=".1%")])
    outline = alt.condition(cell, alt.value(2.5), alt.value(0))
    rects = base.mark_rect(stroke="#222").encode(
        color=alt.condition("datum.count == 0 || datum.true == datum.pred", alt.value("white"),
                            alt.Color("value:Q", legend=None, scale=alt.Scale(scheme="orangered", domain=[0, top]))),
        strokeWidth=outline,
    ).add_params(cell)
    right = base.mark_rect(color=RIGHT_COLOUR, stroke="#222").encode(strokeWidth=outline) \
        .transform_filter("datum.true == datum.pred")
    text = base.mark_text(fontSize=10).encode(
        text="text:N", color=alt.condition("datum.dark", alt.value("white"), alt.value("#222")))
    return (rects + right + text).properties(width=alt.Step(CELL), height=alt.Step(CELL))


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
