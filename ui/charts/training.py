"""Charts of the training page: loss per iteration, accuracy per epoch, runs compared."""
import altair as alt
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
        "height": HEIGHT,
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
        "height": HEIGHT,
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


def compare_chart(frame, labels, metric="test_acc"):
    """One line per run: accuracy (metric) against epoch; frame has run, epoch, train_acc, test_acc."""
    return alt.Chart(frame, height=HEIGHT + 40).mark_line(point=True).encode(
        x=alt.X("epoch:Q", title=labels["epoch"]),
        y=alt.Y(f"{metric}:Q", title=labels[metric], scale=alt.Scale(zero=False),
                axis=alt.Axis(format="%")),
        color=alt.Color("run:N", title=labels["run"], scale=alt.Scale(scheme="category10"), legend=alt.Legend(orient="bottom", columns=1, labelLimit=400)),
        tooltip=[alt.Tooltip("run:N", title=labels["run"]),
                 alt.Tooltip("epoch:Q", title=labels["epoch"], format=".2f"),
                 alt.Tooltip("train_acc:Q", title=labels["train_acc"], format=".2%"),
                 alt.Tooltip("test_acc:Q", title=labels["test_acc"], format=".2%")],
    )


def compare_loss_chart(frame, labels):
    """One line per run: mini-batch loss (bin means) against iteration."""
    return alt.Chart(frame, height=HEIGHT).mark_line(opacity=0.8).encode(
        x=alt.X("iter:Q", title=labels["iter"]),
        y=alt.Y("loss:Q", title=labels["loss"]),
        color=alt.Color("run:N", title=labels["run"], scale=alt.Scale(scheme="category10"), legend=alt.Legend(orient="bottom", columns=1, labelLimit=400)),
        tooltip=[alt.Tooltip("run:N", title=labels["run"]),
                 alt.Tooltip("iter:Q", title=labels["iter"], format=",.0f"),
                 alt.Tooltip("loss:Q", title=labels["loss"], format=".4f")],
    )
