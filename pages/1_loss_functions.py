"""4.2 Loss functions: MSE vs cross-entropy on one output, on mini-batches, and loss vs accuracy."""
import numpy as np
import pandas as pd
import streamlit as st

from core import TwoLayerNet
from core.functions import cross_entropy_error, mean_squared_error, softmax
from core.gradient import numerical_diff
from ui import data, loss, params
from ui.charts import loss as charts
from ui.charts import spec
from ui.i18n import labeler, number, t
from ui.shell import page, section, show_code

PAGE = loss.PAGE


def one_output():
    """4.2.1-4.2.2: the two losses of one editable output vector; returns (y, label, mse, cee)."""
    st.header(t("loss.one_header"))
    left, right = st.columns(2)
    left.markdown(f"**{t('loss.mse_name')}**")
    left.latex(r"E = \frac{1}{2}\sum_k (y_k - t_k)^2")
    right.markdown(f"**{t('loss.cee_name')}**")
    right.latex(r"E = -\sum_k t_k \log y_k")
    st.markdown(t("loss.one_explain"))

    st.caption(t("loss.presets"))
    presets = st.container(horizontal=True)
    for name in loss.PRESETS:
        presets.button(t(f"loss.preset_{name}"), key=f"loss.preset_{name}", help=t(f"loss.preset_{name}_help"),
                       on_click=loss.apply_preset, args=(name,))

    left, right = st.columns([3, 2])
    text = params.text(PAGE, "y", t("loss.y_label"), loss.format_vector(loss.BOOK_Y1), loss.MAX_CHARS,
                       container=left, help=t("loss.y_help"))
    kind = params.choice(PAGE, "as", t("loss.as_label"), ["probabilities", "scores"], "probabilities",
                         widget="radio", container=right, format_func=labeler("loss.as_"),
                         horizontal=True)
    label = params.choice(PAGE, "t", t("loss.label_label"), list(range(loss.N_CLASSES)), loss.BOOK_LABEL,
                          widget="segmented_control", required=True)

    y, error = loss.current_outputs(text, kind == "scores")
    if error:
        st.error(f"{t(error.key, **error.values)} {t('loss.kept', vector=loss.format_vector(y, 4))}",
                 icon=":material/error:")
    elif kind == "scores":
        st.info(t("loss.softmax_note", vector=loss.format_vector(y, 4)))
        st.button(t("loss.use_softmax"), key="loss.use_softmax", on_click=loss.use_vector, args=(y,))
    total = float(np.sum(y))
    if abs(total - 1.0) > loss.SUM_TOLERANCE:
        st.warning(t("loss.sum_note", total=number(total, 8)), icon=":material/balance:")
        if total > 0:
            st.button(t("loss.normalise"), key="loss.normalise", on_click=loss.use_vector, args=(y / total,))
        else:
            st.caption(t("loss.sum_zero"))

    mse, cee = mean_squared_error(y, label), cross_entropy_error(y, label)
    left, right = st.columns(2)
    for column, name, value in ((left, "mse", mse), (right, "cee", cee)):
        column.metric(t(f"loss.{name}_name"), number(value, 6), border=True)
        column.caption(t("loss.full_precision", value=repr(value)), help=t("loss.full_precision_help"))
    example = loss.book_example(y, label, mse, cee)
    if example:
        book_mse, book_cee = loss.BOOK_RESULTS[f"book{example}"]
        st.success(t("loss.book_match", n=example, mse=book_mse, cee=book_cee), icon=":material/menu_book:")

    mse_terms, cee_terms = loss.per_class_terms(y, label)
    left, right = st.columns(2)
    left.vega_lite_chart(spec=spec(charts.outputs_chart, y, label), width="stretch")
    right.vega_lite_chart(spec=spec(charts.terms_chart, mse_terms, cee_terms), width="stretch")
    show_code(mean_squared_error, cross_entropy_error, softmax)
    wrong_share = 1.0 - mse_terms[label] / mse if mse > 0 else 0.0
    st.info(t("loss.only_correct", p=number(y[label], 6), wrong_share=f"{wrong_share:.0%}"),
            icon=":material/lightbulb:")
    with st.expander(t("loss.delta_title"), expanded=bool(y[label] == 0), icon=":material/help:"):
        st.markdown(t("loss.delta_note"))
    return y, label, mse, cee


def sweep(y, label, mse, cee):
    """Both losses as the correct class's probability goes 0 -> 1; the −log y curve."""
    st.header(t("loss.sweep_header"))
    st.markdown(t("loss.sweep_explain"))
    p_grid, mse_curve, cee_curve = loss.sweep()
    left, right = st.columns(2)
    p = params.slider(PAGE, "p", t("loss.p_label"), 0.0, 1.0, loss.BOOK_Y1[loss.BOOK_LABEL], step=0.01,
                      format="%.2f", container=left, help=t("loss.p_help"))
    mse_p, cee_p = loss.losses_at(p)
    at_p = left.columns(2)
    for column, name, value in ((at_p[0], "mse", mse_p), (at_p[1], "cee", cee_p)):
        column.metric(t(f"loss.{name}_at", p=f"{p:.2f}"), number(value, 6), border=True)
    left.vega_lite_chart(spec=spec(charts.sweep_chart, p_grid, mse_curve, cee_curve, (p, mse_p, cee_p),
                                   (y[label], mse, cee)), width="stretch")
    left.caption(t("loss.sweep_clipped"))
    log_x = params.toggle(PAGE, "logx", t("loss.logx"), False, container=right)
    right.vega_lite_chart(spec=spec(charts.neglog_chart, log_x), width="stretch")
    right.caption(t("loss.neglog_caption"))
    st.markdown(t("loss.sweep_lesson", mse_max=number(mse_curve[0], 4)))


def redraw(seed):
    """Callback of "Draw new mini-batches": the next seed."""
    params.set_value(PAGE, "seed", (seed + 1) % 1_000_000)


def minibatches():
    """4.2.3: the mean cross-entropy of random mini-batches and its spread per batch size."""
    st.header(t("loss.batch_header"))
    st.latex(r"E = -\frac{1}{N}\sum_n \sum_k t_{nk} \log y_{nk}")
    st.markdown(t("loss.batch_explain", draws=loss.DRAWS))
    left, middle, right = st.columns([5, 2, 2], vertical_alignment="bottom")
    kind = params.choice(PAGE, "net", t("loss.network"), loss.NETWORKS, "trained", widget="radio",
                         container=left, format_func=labeler("loss.network_"),
                         horizontal=True, help=t("loss.network_help", iters=loss.BRIEF_TRAINING.iters))
    seed = params.number(PAGE, "seed", t("loss.seed"), 0, 999_999, 0, container=middle, help=t("loss.seed_help"))
    right.button(t("loss.redraw"), key="loss.redraw", on_click=redraw, args=(seed,), icon=":material/casino:")

    dataset = data.current()
    with st.spinner(t("loss.training")):
        y_all = loss.training_outputs(kind, dataset.source, dataset)
    full_loss = cross_entropy_error(y_all, dataset.t_train)
    losses = loss.minibatch_losses(kind, dataset.source, seed, y_all, dataset.t_train)

    left, right = st.columns([2, 1])
    left.vega_lite_chart(spec=spec(charts.batch_spread_chart, losses, full_loss, seed), width="stretch")
    right.metric(t("loss.full_loss", n=f"{dataset.train_size:,}"), number(full_loss, 6), border=True)
    stats = pd.DataFrame({t("loss.batch_size"): list(losses),
                          t("loss.col_mean"): [v.mean() for v in losses.values()],
                          t("loss.col_std"): [v.std() for v in losses.values()]})
    right.dataframe(stats, hide_index=True, column_config={
        name: st.column_config.NumberColumn(format="%.4f") for name in list(stats)[1:]})
    show_code(loss.minibatch_losses.__wrapped__, loss.network.__wrapped__, TwoLayerNet.predict)
    if kind == "untrained":
        st.info(t("loss.untrained_note"), icon=":material/info:")
    st.markdown(t("loss.batch_lesson"))
    return kind, dataset, seed


def loss_not_accuracy(kind, dataset, seed):
    """4.2.5: nudge one weight; the loss changes smoothly, the accuracy in steps."""
    st.header(t("loss.why_header"))
    st.markdown(t("loss.why_explain"))
    net = loss.network(kind, dataset.source, dataset)
    _, hidden, classes = net.sizes
    cols = st.columns([2, 2, 3, 3, 3], vertical_alignment="bottom")
    j = params.number(PAGE, "j", t("loss.unit"), 0, hidden - 1, 0, container=cols[0])
    k = params.number(PAGE, "k", t("loss.to_class"), 0, classes - 1, 0, container=cols[1])
    reach = params.slider(PAGE, "range", t("loss.range"), 0.5, 10.0, 3.0, step=0.5, container=cols[2])
    batch_size = params.choice(PAGE, "nb", t("loss.nudge_batch"), [10, 100, 1000], 100,
                               widget="select_slider", container=cols[3])
    x, t_batch = loss.fixed_batch(dataset, batch_size, seed)

    def steepest():
        j_best, k_best = loss.steepest_weight(net, x, t_batch)
        params.set_value(PAGE, "j", j_best)
        params.set_value(PAGE, "k", k_best)

    cols[4].button(t("loss.steepest"), key="loss.steepest", help=t("loss.steepest_help"), on_click=steepest)

    nudged = loss.nudge_one_weight(net, x, t_batch, j, k)
    deltas = np.linspace(-reach, reach, 401)
    losses, accuracies = nudged(deltas)
    loss_chart, accuracy_chart = spec(charts.nudge_charts, deltas, losses, accuracies, j, k)
    left, right = st.columns(2)
    left.vega_lite_chart(spec=loss_chart, width="stretch")
    right.vega_lite_chart(spec=accuracy_chart, width="stretch")
    slope_loss = numerical_diff(lambda d: nudged(d)[0][0], 0.0)
    slope_accuracy = numerical_diff(lambda d: nudged(d)[1][0], 0.0)
    left.metric(t("loss.slope_loss"), number(slope_loss, 4), help=t("loss.slope_help"), border=True)
    right.metric(t("loss.slope_acc"), number(slope_accuracy, 4), help=t("loss.slope_help"), border=True)
    show_code(loss.nudge_one_weight, numerical_diff, loss.steepest_weight)
    st.markdown(t("loss.why_lesson", n=batch_size))


def one_output_and_sweep():
    """4.2.1-4.2.2 and the sweep under them: one section, the sweep marks the output's losses."""
    sweep(*one_output())


def minibatches_and_nudge():
    """4.2.3 and 4.2.5: one section, the nudge uses the mini-batch section's network and seed."""
    loss_not_accuracy(*minibatches())


def to_training():
    """Why the two losses train differently, with measured numbers, and a link to try it."""
    st.markdown(t("loss.in_training"))
    st.page_link("pages/5_training.py", label=t("loss.to_training"), icon=":material/model_training:",
                 query_params={"loss": "mean_squared_error"})


with page("loss"):
    st.title(t("nav.loss"))
    st.markdown(t("loss.intro"))
    section(one_output_and_sweep)()
    section(minibatches_and_nudge)()
    to_training()
