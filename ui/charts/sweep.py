"""Charts of the sweep page: the lr x batch-size heat map and the learning curves over seeds."""
import altair as alt

HEIGHT_PER_LR = 60
FRAME = 120  # px of the heat map's height taken by the axis on top and the legend below (autosize "fit")
SCHEME = "viridis"  # bright = good in every view: accuracies high, the gap and the loss low


def _axis(names, title, orient):
    """A quantitative axis with one tick in the middle of each cell, labelled with the grid's value
    (discrete scales would size the chart by steps and ignore the page's width and the height)."""
    labels = "[" + ",".join(f"'{n}'" for n in names) + "]"
    return dict(title=title, scale=alt.Scale(domain=[0, len(names)], nice=False, zero=False),
                axis=alt.Axis(values=[i + 0.5 for i in range(len(names))], labelExpr=f"{labels}[floor(datum.value)]",
                              grid=False, ticks=False, domain=False, orient=orient, labelAngle=0, labelPadding=6))


def heatmap(values, blanks, lrs, batches, view, value_domain, labels):
    """Cells of lr (rows, largest at the top) x batch size (columns), coloured by value and
    labelled with their text; cells without a value are grey; marked cells get a red frame.

    values : frame lr, batch, value, dark, marked, text, spread, mark (ui.sweep_view.heat_frames);
    blanks : the same without value and dark.
    lrs, batches : the grid's values as text, in increasing order.  labels: lr, batch, value.
    """
    def place(frame):
        frame = frame.assign(xi=frame["batch"].map({b: i for i, b in enumerate(batches)}).astype(float),
                             yi=frame["lr"].map({v: i for i, v in enumerate(lrs)}).astype(float))
        return frame.assign(xc=frame["xi"] + 0.5, yc=frame["yi"] + 0.5, x2=frame["xi"] + 1, y2=frame["yi"] + 1)

    values, blanks = place(values), place(blanks)
    x, y = _axis(batches, labels["batch"], "top"), _axis(lrs, labels["lr"], "left")
    cell = {"x": alt.X("xi:Q", **x), "x2": "x2:Q", "y": alt.Y("yi:Q", **y), "y2": "y2:Q"}
    centre = {"x": alt.X("xc:Q", **x), "y": alt.Y("yc:Q", **y)}
    fmt = "%" if view in ("test", "train") else ".3g"
    color = alt.Color("value:Q", title=labels["value"],
                      scale=alt.Scale(scheme=SCHEME, domain=list(value_domain), reverse=view in ("gap", "loss")),
                      legend=alt.Legend(orient="bottom", format=fmt, gradientLength=220))
    frame = {"fill": None, "stroke": "#d62728", "strokeWidth": 2.5, "strokeDash": [5, 3]}
    layers = [
        alt.Chart(values).mark_rect(stroke="white", strokeWidth=1).encode(**cell, color=color, tooltip=[
            alt.Tooltip("lr:N", title=labels["lr"]), alt.Tooltip("batch:N", title=labels["batch"]),
            alt.Tooltip("value:Q", title=labels["value"], format=".4f")]),
        alt.Chart(blanks).mark_rect(color="#e6e6e6", stroke="white", strokeWidth=1).encode(**cell),
        alt.Chart(values).transform_filter("datum.marked").mark_rect(**frame).encode(**cell),
        alt.Chart(blanks).transform_filter("datum.marked").mark_rect(**frame).encode(**cell),
    ]
    ink = alt.condition("datum.dark", alt.value("#1a1a1a"), alt.value("#ffffff"))
    for field, dy, size in (("text", -14, 13), ("spread", 1, 11), ("mark", 15, 11)):  # three lines per cell
        layers.append(alt.Chart(values).mark_text(dy=dy, fontSize=size).encode(**centre, text=f"{field}:N", color=ink))
        layers.append(alt.Chart(blanks).mark_text(dy=dy, fontSize=size, color="#333333").encode(
            **centre, text=f"{field}:N"))
    return alt.layer(*layers).properties(height=FRAME + HEIGHT_PER_LR * max(1, len(lrs)))


def curves(frame, view, labels):
    """Mean over seeds (line) with the band from the lowest to the highest seed, per series,
    against epoch.  frame: epoch, series, order, mean, low, high; labels: epoch, value, series."""
    percent = view in ("test", "train")
    y_axis = alt.Axis(format="%") if percent else alt.Axis(format=".1%") if view == "gap" else alt.Axis()
    color = alt.Color("series:N", title=labels["series"], sort=alt.SortField("order"),
                      scale=alt.Scale(scheme="category10"),
                      legend=alt.Legend(orient="bottom", columns=2, symbolType="stroke", symbolOpacity=1,
                                        symbolStrokeWidth=3))
    x = alt.X("epoch:Q", title=labels["epoch"])
    band = alt.Chart(frame).mark_area(opacity=0.18).encode(
        x=x, y=alt.Y("low:Q", title=labels["value"], axis=y_axis), y2="high:Q",
        color=color)
    line = alt.Chart(frame).mark_line(point=True).encode(
        x=x, y=alt.Y("mean:Q", title=labels["value"], axis=y_axis), color=color,
        tooltip=[alt.Tooltip("series:N", title=labels["series"]),
                 alt.Tooltip("epoch:Q", title=labels["epoch"], format=".2f"),
                 alt.Tooltip("mean:Q", title=labels["value"], format=".4f"),
                 alt.Tooltip("low:Q", title=labels["low"], format=".4f"),
                 alt.Tooltip("high:Q", title=labels["high"], format=".4f")])
    return alt.layer(band, line).properties(height=280)
