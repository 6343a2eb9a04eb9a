"""Charts of the training page: loss per iteration, accuracy per epoch, runs compared."""
import altair as alt
import numpy as np
import pandas as pd

HEIGHT = 260


# The two live charts are redrawn every second while a run trains, in the server process
# where the training thread runs.  Written as plain Vega-Lite specs they skip Altair's
# schema validation (about 12 ms of Python per redraw for the pair), and the spec stays
# the same during a run: only the data changes.

def loss_chart(iters, losses, labels):
    """Mini-batch loss against iteration: (DataFrame, Vega-Lite spec); labels: iter, loss."""
    frame = pd.DataFrame({"iter": iters, "loss": losses})
    spec = {
        "height": HEIGHT, "autosize": {"type": "fit-x", "contains": "padding"},
        "mark": {"type": "line", "color": "#4c78a8"},
        "encoding": {
            "x": {"field": "iter", "type": "quantitative", "title": labels["iter"]},
            "y": {"field": "loss", "type": "quantitative", "title": labels["loss"], "scale": {"zero": True}},
            "tooltip": [
                {"field": "iter", "type": "quantitative", "title": labels["iter"], "format": ",.0f"},
                {"field": "loss", "type": "quantitative", "title": labels["loss"], "format": ".4f"}],
        },
    }
    return frame, spec


def accuracy_chart(epochs, train_acc, test_acc, labels):
    """Train and test accuracy against epoch: (DataFrame, Vega-Lite spec);
    labels: epoch, accuracy, split, train, test."""
    frame = pd.DataFrame({
        "epoch": list(epochs) * 2,
        "accuracy": list(train_acc) + list(test_acc),
        "split": [labels["train"]] * len(train_acc) + [labels["test"]] * len(test_acc),
    })
    spec = {
        "height": HEIGHT, "autosize": {"type": "fit-x", "contains": "padding"},  # the legend adds below
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "epoch", "type": "quantitative", "title": labels["epoch"]},
            "y": {"field": "accuracy", "type": "quantitative", "title": labels["accuracy"],
                  "scale": {"domain": [0, 1]}, "axis": {"format": "%"}},
            "color": {"field": "split", "type": "nominal", "title": labels["split"],
                      "scale": {"domain": [labels["train"], labels["test"]], "range": ["#4c78a8", "#f58518"]},
                      "legend": {"orient": "bottom"}},
            "tooltip": [
                {"field": "split", "type": "nominal", "title": labels["split"]},
                {"field": "epoch", "type": "quantitative", "title": labels["epoch"], "format": ".2f"},
                {"field": "accuracy", "type": "quantitative", "title": labels["accuracy"], "format": ".2%"}],
        },
    }
    return frame, spec


# Runs compared: many lines (up to the kept-run limit), so the legend sits under the plot,
# one run per row (whole labels, also in a phone's column), and never shortens it: "fit-x"
# fits the width to the column and leaves the plot HEIGHT tall, the legend adding below it
# (Streamlit's default "fit" would squeeze the plot to make room for a long legend).  The
# loss chart beside it uses the same colours and no legend of its own.
AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")
# distinct colours when several settings differ; a sequential ramp when one does
CATEGORICAL = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#eeca3b", "#9d755d",
               "#ff9da6", "#79706e", "#1b9e77", "#7570b3")
RAMP = ("#440154", "#3b528b", "#21918c", "#5ec962", "#c8b400")  # viridis, its pale end darkened to read on white


def line_colours(count, ordered):
    """``count`` colours: along RAMP from small to large when ``ordered``, else distinct ones."""
    if not ordered:
        return [CATEGORICAL[i % len(CATEGORICAL)] for i in range(count)]
    anchors = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in RAMP], dtype=float)
    where = np.linspace(0, len(RAMP) - 1, count) if count > 1 else np.zeros(1)
    rgb = np.stack([np.interp(where, np.arange(len(RAMP)), anchors[:, k]) for k in range(3)], axis=1)
    return ["#%02x%02x%02x" % tuple(int(round(v)) for v in row) for row in rgb]


def _run_colour(names, ordered, title, legend=True):
    legend = alt.Legend(orient="bottom", direction="vertical", labelLimit=0, symbolType="stroke",
                        symbolStrokeWidth=3, symbolOpacity=1, title=title, titleLimit=0) if legend else None
    return alt.Color("run:N", title=title, sort=list(names),
                     scale=alt.Scale(domain=list(names), range=line_colours(len(names), ordered)), legend=legend)


def compare_chart(frame, names, labels, metric="test_acc", ordered=False, title=None):
    """One line per run (or per group of seeds, with a band from its lowest to highest run):
    accuracy ``metric`` against epoch.  frame: run, epoch, value, lo, hi (ui.compare);
    names: the lines in legend order."""
    colour = _run_colour(names, ordered, title or labels["run"])
    x = alt.X("epoch:Q", title=labels["epoch"])
    tips = [alt.Tooltip("run:N", title=title or labels["run"]),
            alt.Tooltip("epoch:Q", title=labels["epoch"], format=".2f"),
            alt.Tooltip("value:Q", title=labels[metric], format=".2%")]
    layers = []
    if "lo" in frame:
        # the same colour encoding as the lines (legend included: Vega-Lite merges the two)
        layers.append(alt.Chart(frame).mark_area(opacity=0.18).encode(x, y="lo:Q", y2="hi:Q", color=colour))
    layers.append(alt.Chart(frame).mark_line(point=alt.OverlayMarkDef(size=14)).encode(
        x, alt.Y("value:Q", title=labels[metric], scale=alt.Scale(zero=False), axis=alt.Axis(format="%")),
        color=colour, tooltip=tips))
    return alt.layer(*layers).properties(height=HEIGHT, autosize=AUTOSIZE)


def compare_loss_chart(frame, names, labels, ordered=False, title=None):
    """One line per run (or group of seeds, with its band): mini-batch loss (bin means)
    against iteration.  frame: run, iter, value, lo, hi."""
    colour = _run_colour(names, ordered, title or labels["run"], legend=False)
    x = alt.X("iter:Q", title=labels["iter"])
    tips = [alt.Tooltip("run:N", title=title or labels["run"]),
            alt.Tooltip("iter:Q", title=labels["iter"], format=",.0f"),
            alt.Tooltip("value:Q", title=labels["loss"], format=".4f")]
    layers = []
    if "lo" in frame:
        layers.append(alt.Chart(frame).mark_area(opacity=0.18).encode(x, y="lo:Q", y2="hi:Q", color=colour))
    layers.append(alt.Chart(frame).mark_line(opacity=0.9).encode(
        x, alt.Y("value:Q", title=labels["loss"]), color=colour, tooltip=tips))
    return alt.layer(*layers).properties(height=HEIGHT, autosize=AUTOSIZE)
