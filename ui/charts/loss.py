"""Charts of the loss page (Altair); each takes plain arrays and returns a chart."""
import altair as alt
import numpy as np
import pandas as pd

from core.functions import DELTA
from ui.charts import named
from ui.i18n import t

CORRECT_COLOR = "#e4572e"
OTHER_COLOR = "#8da0cb"
MSE_COLOR = "#4c78a8"
CEE_COLOR = "#e4572e"
SWEEP_CLIP = 5.0  # cross-entropy rises to 16.1 at y_t = 0: cut the axis so MSE stays visible


def _loss_colors():
    names = [t("loss.mse_name"), t("loss.cee_name")]
    return alt.Scale(domain=names, range=[MSE_COLOR, CEE_COLOR]), names


def outputs_chart(y, label):
    """Bars of y (10,) per class, the correct class in colour, the one-hot label as ticks.

    The data sets have fixed names, so another y or label keeps the spec (the browser swaps the rows).
    """
    classes = np.arange(len(y))
    frame = named(pd.DataFrame({
        "class": classes, "y": y, "t": (classes == label).astype(float),
        "kind": np.where(classes == label, t("loss.correct"), t("loss.other")),
    }), "outputs_bars")
    target_frame = named(pd.DataFrame({"class": [label], "t": [1.0]}), "outputs_target")
    x = alt.X("class:O", title=t("loss.class"), axis=alt.Axis(labelAngle=0))
    bars = alt.Chart(frame).mark_bar().encode(
        x=x,
        y=alt.Y("y:Q", title=t("loss.output")),
        color=alt.Color("kind:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=[t("loss.correct"), t("loss.other")],
                                        range=[CORRECT_COLOR, OTHER_COLOR])),
        tooltip=[alt.Tooltip("class:O", title=t("loss.class")),
                 alt.Tooltip("y:Q", title="y", format=".6g"),
                 alt.Tooltip("t:Q", title="t")],
    )
    target = alt.Chart(target_frame).mark_tick(thickness=2, color="black", size=30).encode(
        x=x, y="t:Q", tooltip=[alt.Tooltip("t:Q", title=t("loss.target"))])
    return (bars + target).properties(title=t("loss.chart_outputs"), height=260)


def terms_chart(mse_terms, cee_terms):
    """What each class adds to MSE (top) and to cross-entropy (bottom), each on its own scale
    (data sets of fixed names: other terms keep the spec)."""
    scale, names = _loss_colors()
    classes = np.arange(len(mse_terms))

    def row(name, terms, data_name):
        frame = named(pd.DataFrame({"class": classes, "loss": name, "term": terms}), data_name)
        return alt.Chart(frame).mark_bar().encode(
            x=alt.X("class:O", title=t("loss.class"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("term:Q", title=name, axis=alt.Axis(tickCount=3)),
            color=alt.Color("loss:N", scale=scale, legend=None),
            tooltip=[alt.Tooltip("class:O", title=t("loss.class")), alt.Tooltip("loss:N", title=t("loss.loss")),
                     alt.Tooltip("term:Q", title=t("loss.term"), format=".6g")],
        ).properties(height=95)

    rows = row(names[0], mse_terms, "terms_mse"), row(names[1], cee_terms, "terms_cee")
    return alt.vconcat(*rows, spacing=8).properties(
        title=t("loss.chart_terms"))


def sweep_chart(p, mse, cee, slider, yours):
    """Both losses against y_t (lines), the slider's y_t (filled dots on a dashed rule) and the
    student's vector (hollow dots); y axis cut at SWEEP_CLIP.

    p, mse, cee : (n,) curves; slider, yours : (y_t, mse, cee) of one point each.
    The points and the rule travel in data sets of fixed names: moving them keeps the spec.
    """
    scale, names = _loss_colors()
    frame = pd.DataFrame({"p": np.concatenate([p, p]), "loss": np.repeat(names, len(p)),
                          "value": np.concatenate([mse, cee])})
    x = alt.X("p:Q", title=t("loss.yt"), scale=alt.Scale(domain=[0, 1]))
    y = alt.Y("value:Q", title=t("loss.loss"), scale=alt.Scale(domain=[0, SWEEP_CLIP]))
    color = alt.Color("loss:N", title=None, scale=scale, legend=alt.Legend(orient="bottom"))
    tooltip = [alt.Tooltip("loss:N", title=t("loss.loss")), alt.Tooltip("p:Q", title="y_t", format=".3g"),
               alt.Tooltip("value:Q", title=t("common.tooltip_value"), format=".6g")]
    lines = alt.Chart(frame).mark_line(clip=True).encode(x=x, y=y, color=color, tooltip=tooltip)
    points = named(pd.DataFrame({
        "p": [slider[0]] * 2 + [yours[0]] * 2, "loss": names * 2,
        "value": np.minimum([slider[1], slider[2], yours[1], yours[2]], SWEEP_CLIP),
        "point": ["slider"] * 2 + ["yours"] * 2,
        "name": [t("loss.slider_point")] * 2 + [t("loss.your_y")] * 2}), "sweep_points")
    point_tooltip = [alt.Tooltip("name:N", title=" "), *tooltip]
    base = alt.Chart(points).encode(x=x, y=y, color=color, tooltip=point_tooltip)
    chosen = base.transform_filter(alt.datum.point == "slider").mark_point(
        size=110, filled=True, stroke="black", strokeWidth=1, opacity=1)
    student = base.transform_filter(alt.datum.point == "yours").mark_point(size=80, filled=False, strokeWidth=2)
    rule_frame = named(pd.DataFrame({"p": [slider[0]]}), "sweep_rule")
    rule = alt.Chart(rule_frame).mark_rule(strokeDash=[4, 3], color="gray").encode(
        x=x, tooltip=[alt.Tooltip("p:Q", title=t("loss.slider_point") + ": y_t", format=".6g")])
    return (rule + lines + student + chosen).properties(title=t("loss.chart_sweep"), height=300)


def neglog_chart(log_x):
    """−log y and the book's −log(y + δ) on (0, 1]; on a log axis they part below y ≈ δ."""
    y = np.logspace(-12, 0, 400) if log_x else np.linspace(0.001, 1.0, 400)
    names = [t("loss.neglog"), t("loss.neglog_delta")]
    frame = pd.DataFrame({"y": np.concatenate([y, y]), "curve": np.repeat(names, len(y)),
                          "value": np.concatenate([-np.log(y), -np.log(y + DELTA)])})
    x_scale = alt.Scale(type="log", domain=[1e-12, 1]) if log_x else alt.Scale(domain=[0, 1])
    lines = alt.Chart(frame).mark_line(clip=True).encode(
        x=alt.X("y:Q", title="y", scale=x_scale, axis=alt.Axis(format="~e" if log_x else "~g")),
        y=alt.Y("value:Q", title="−log y", scale=alt.Scale(domain=[0, 28 if log_x else 7])),
        color=alt.Color("curve:N", title=None, scale=alt.Scale(domain=names, range=["gray", CEE_COLOR]),
                        legend=alt.Legend(orient="bottom")),
        strokeDash=alt.StrokeDash("curve:N", title=None, scale=alt.Scale(domain=names, range=[[6, 3], [1, 0]])),
        tooltip=[alt.Tooltip("curve:N", title=" "), alt.Tooltip("y:Q", title="y", format=".3g"),
                 alt.Tooltip("value:Q", title=t("common.tooltip_value"), format=".6g")],
    )
    layers = [lines]
    if log_x:
        ceiling = -np.log(DELTA)
        layers.append(alt.Chart(pd.DataFrame({"v": [ceiling]})).mark_rule(strokeDash=[2, 2], color=CEE_COLOR)
                      .encode(y="v:Q", tooltip=[alt.Tooltip("v:Q", title="−log δ", format=".6g")]))
    return alt.layer(*layers).properties(title=t("loss.chart_log"), height=300)


def batch_spread_chart(losses, full_loss, seed):
    """Box plot and jittered dots of mini-batch losses per batch size; a rule at the full-data loss.

    losses : {batch_size: (draws,) array}; full_loss : float; seed : for the jitter only.
    """
    jitter = np.random.default_rng(seed)
    frame = pd.concat([pd.DataFrame({"N": str(n), "loss": values, "jitter": jitter.uniform(-1, 1, len(values))})
                       for n, values in losses.items()], ignore_index=True)
    order = [str(n) for n in losses]
    x = alt.X("N:N", title=t("loss.batch_size"), sort=order, axis=alt.Axis(labelAngle=0))
    y = alt.Y("loss:Q", title=t("loss.batch_loss"))
    box = alt.Chart(frame).mark_boxplot(size=60, opacity=0.35, color=MSE_COLOR, outliers=False).encode(x=x, y=y)
    dots = alt.Chart(frame).mark_circle(size=14, opacity=0.45, color=CEE_COLOR).encode(
        x=x, y=y, xOffset=alt.XOffset("jitter:Q", scale=alt.Scale(domain=[-3, 3])),
        tooltip=[alt.Tooltip("N:N", title="N"), alt.Tooltip("loss:Q", title=t("loss.batch_loss"), format=".4f")])
    rule = alt.Chart(pd.DataFrame({"v": [full_loss], "label": [t("loss.all_data")]})).mark_rule(
        strokeDash=[6, 3], color="black").encode(
        y="v:Q", tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("v:Q", title=t("loss.loss"), format=".4f")])
    return (box + dots + rule).properties(title=t("loss.chart_batches", draws=len(frame) // len(order)),
                                          height=340)


def nudge_charts(deltas, losses, accuracies, j, k):
    """(loss chart, accuracy chart) against the change of W2[j, k]; the current weight is at 0."""
    frame = pd.DataFrame({"delta": deltas, "loss": losses, "accuracy": accuracies})
    x = alt.X("delta:Q", title=t("loss.nudge", j=j, k=k))
    now = alt.Chart(pd.DataFrame({"delta": [0.0]})).mark_rule(strokeDash=[4, 3], color="gray").encode(x="delta:Q")
    loss = alt.Chart(frame).mark_line(color=CEE_COLOR).encode(
        x=x, y=alt.Y("loss:Q", title=t("loss.loss"), scale=alt.Scale(zero=False)),
        tooltip=[alt.Tooltip("delta:Q", format=".3f"), alt.Tooltip("loss:Q", format=".6f")])
    accuracy = alt.Chart(frame).mark_line(color=MSE_COLOR, interpolate="step-after").encode(
        x=x, y=alt.Y("accuracy:Q", title=t("loss.accuracy"), scale=alt.Scale(zero=False),
                     axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("delta:Q", format=".3f"), alt.Tooltip("accuracy:Q", format=".1%")])
    return ((now + loss).properties(title=t("loss.chart_nudge_loss"), height=280),
            (now + accuracy).properties(title=t("loss.chart_nudge_acc"), height=280))
