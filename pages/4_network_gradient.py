"""4.4.2 The gradient of a network: simpleNet's dW, then numerical vs backprop on a two-layer net."""
import numpy as np
import streamlit as st

from core import SimpleNet, TwoLayerNet
from core.gradient import numerical_gradient
from ui import data, images, network, params
from ui.charts import network as charts
from ui.charts import spec
from ui.i18n import t
from ui.shell import page, section, show_code

PAGE = "network"
W_NAMES = [f"w{i}{j}" for i in (1, 2) for j in (1, 2, 3)]
HIDDEN_SIZES = (2, 5, 10, 20, 50, 100)
BATCH_SIZES = (1, 2, 5, 10, 20, 50, 100)


def use_book_example():
    for name, value in zip(W_NAMES, np.ravel(network.BOOK_W)):
        params.set_value(PAGE, name, float(value))
    params.set_value(PAGE, "x1", network.BOOK_X[0])
    params.set_value(PAGE, "x2", network.BOOK_X[1])
    params.set_value(PAGE, "t", network.BOOK_T)


def use_random_w():
    seed = st.session_state.get(f"{PAGE}.w_seed", 0)
    for name, value in zip(W_NAMES, np.ravel(network.random_w(seed))):
        params.set_value(PAGE, name, float(value))


def use_sizes(hidden, batch):
    params.set_value(PAGE, "hidden", hidden)
    params.set_value(PAGE, "batch", batch)


def retime(check_key, x_batch, t_batch, hidden, seed):
    retimed = st.session_state.setdefault(f"{PAGE}.retimed", {})
    if len(retimed) >= 8:
        retimed.pop(next(iter(retimed)))
    retimed[check_key] = network.measure_times(x_batch, t_batch, hidden, seed)


def sci(value):
    return f"{value:.1e}" if value else "0"


def tex_w(name):
    return f"w_{{{name[1:]}}}"


def simple_net_section():
    st.header(t("network.simple_heading"))
    st.markdown(t("network.simple_intro"))
    st.latex(r"L(W) = -\sum_k t_k \log y_k,\quad y = \operatorname{softmax}(xW),\qquad "
             r"\frac{\partial L}{\partial W} = \begin{bmatrix}"
             r"\partial L/\partial w_{11} & \partial L/\partial w_{12} & \partial L/\partial w_{13} \\"
             r"\partial L/\partial w_{21} & \partial L/\partial w_{22} & \partial L/\partial w_{23}"
             r"\end{bmatrix}")
    left, right = st.columns([2, 3], gap="large")
    with left:
        st.markdown(f"**{t('network.w_heading')}**")
        W = np.empty((2, 3))
        for i in range(2):
            cols = st.columns(3)
            for j in range(3):
                name = W_NAMES[3 * i + j]
                W[i, j] = params.number(PAGE, name, f"${tex_w(name)}$", -network.W_LIMIT, network.W_LIMIT,
                                        float(network.BOOK_W[i][j]), step=0.01, format="%.8f", container=cols[j])
        st.button(t("network.book_preset"), key=f"{PAGE}.book_preset", on_click=use_book_example,
                  icon=":material/menu_book:", help=t("network.book_preset_help"))
        seed_col, button_col = st.columns([1, 1], vertical_alignment="bottom")
        params.number(PAGE, "w_seed", t("network.w_seed"), 0, 999_999, 0, step=1, container=seed_col)
        button_col.button(t("network.random_w"), key=f"{PAGE}.random_w", on_click=use_random_w,
                          icon=":material/casino:", help=t("network.random_w_help"))
        st.markdown(f"**{t('network.x_heading')}**")
        cols = st.columns(2)
        x = np.array([params.number(PAGE, f"x{k}", f"$x_{k}$", -network.W_LIMIT, network.W_LIMIT,
                                    network.BOOK_X[k - 1], step=0.1, format="%.4f", container=cols[k - 1])
                      for k in (1, 2)])
        label = params.choice(PAGE, "t", t("network.t_label"), [0, 1, 2], network.BOOK_T, widget="radio",
                              horizontal=True, help=t("network.t_help"))

    r = network.simple_net_report(W, x, label)
    book = (np.array_equal(W, network.BOOK_W) and np.array_equal(x, network.BOOK_X) and label == network.BOOK_T)
    with right:
        st.latex(rf"p = xW = {network.latex_matrix(r['p'])}")
        st.latex(rf"y = \operatorname{{softmax}}(p) = {network.latex_matrix(r['y'])}")
        st.latex(rf"t = {network.latex_matrix(r['onehot'], '{:.0f}')}")
        st.metric(t("network.loss"), f"{r['loss']:.{network.DIGITS}f}", border=True)
        if book:
            st.caption(t("network.book_match"))

    grad_col, diff_col = st.columns([3, 2], gap="large")
    with grad_col:
        st.markdown(t("network.dw_numerical"))
        st.latex(rf"\frac{{\partial L}}{{\partial W}} \approx {network.latex_matrix(r['dW_num'])}")
        st.markdown(t("network.dw_analytic"))
        st.latex(rf"\frac{{\partial L}}{{\partial W}} = {network.latex_matrix(r['dW_bp'])}")
    with diff_col:
        diff = r["dW_num"] - r["dW_bp"]
        st.markdown(t("network.difference"))
        st.latex(network.latex_matrix(diff, "sci"))
        st.metric(t("network.max_diff"), sci(np.abs(diff).max()), border=True)
    show_code(SimpleNet, numerical_gradient)

    st.subheader(t("network.meaning_heading"))
    i, j = np.unravel_index(np.argmax(np.abs(r["dW_bp"])), (2, 3))
    slope = r["dW_bp"][i, j]
    example = t("network.meaning_zero") if slope == 0 else t(
        "network.meaning_example", w=tex_w(W_NAMES[3 * i + j]), value=f"{slope:.8f}",
        change=f"{0.01 * slope:+.4f}", direction=t("network.falls" if slope < 0 else "network.rises"))
    st.markdown(t("network.meaning") + " " + example)
    chart_col, text_col = st.columns([3, 2], gap="large")
    with text_col:
        chosen = params.choice(PAGE, "weight", t("network.weight_choice"), W_NAMES, "w11")
        st.markdown(t("network.tangent_text"))
        st.markdown(t("network.agree_simple"))
    ci, cj = W_NAMES.index(chosen) // 3, W_NAMES.index(chosen) % 3
    ws, losses = network.loss_along_weight(W, x, label, ci, cj)
    labels = {"weight": chosen, "loss": t("network.loss_axis"), "curve": t("network.curve"),
              "tangent": t("network.tangent", w=chosen), "line": t("network.line"), "slope": t("network.slope")}
    chart_col.vega_lite_chart(spec=spec(charts.loss_along_weight_chart, ws, losses, W[ci, cj], r["loss"],
                                        r["dW_bp"][ci, cj], labels), width="stretch")


def two_layer_section():
    st.header(t("network.two_heading"))
    st.markdown(t("network.two_intro"))
    cols = st.columns([2, 2, 1], vertical_alignment="bottom")
    hidden = params.choice(PAGE, "hidden", t("network.hidden"), HIDDEN_SIZES, 10, widget="select_slider",
                           container=cols[0], help=t("network.hidden_help"))
    batch = params.choice(PAGE, "batch", t("network.batch"), BATCH_SIZES, 10, widget="select_slider",
                          container=cols[1], help=t("network.batch_help"))
    seed = params.number(PAGE, "net_seed", t("network.net_seed"), 0, 999_999, 0, step=1, container=cols[2],
                         help=t("network.net_seed_help"))
    preset_cols = st.columns(2)
    preset_cols[0].button(t("network.small_preset"), key=f"{PAGE}.small_preset", on_click=use_sizes,
                          args=(10, 10), width="stretch")
    preset_cols[1].button(t("network.book_size_preset"), key=f"{PAGE}.book_size_preset", on_click=use_sizes,
                          args=(50, 100), width="stretch")

    mnist = data.current()
    x_batch, t_batch = network.pick_batch(mnist, batch, seed)
    with st.spinner(t("network.computing")):
        res = network.gradient_check(x_batch, t_batch, hidden, seed)
    check_key = (mnist.source, mnist.train_size, hidden, batch, seed)
    res = {**res, **st.session_state.get(f"{PAGE}.retimed", {}).get(check_key, {})}
    n_params = res["n_params"]
    worst = max(row["max_diff"] for row in res["rows"])
    st.markdown(t("network.net_summary", hidden=hidden, batch=batch, params=f"{n_params:,}",
                  source=t(f"data.{mnist.source}") if mnist.source in ("sample", "full") else mnist.source))
    m = st.columns(3)
    m[0].metric(t("network.worst_diff"), sci(worst), border=True)
    m[1].metric(t("network.evaluations"), f"{2 * n_params:,}", border=True, help=t("network.evaluations_help"))
    m[2].metric(t("network.ratio"), f"{res['seconds_num'] / res['seconds_bp']:,.0f}×", border=True,
                help=t("network.ratio_help"))

    loops = st.session_state.setdefault(f"{PAGE}.loop_results", {})
    loop = loops.get(check_key)
    table = [{t("network.col_param"): row["name"], t("network.col_shape"): row["shape"],
              t("network.col_count"): row["size"], t("network.col_max_grad"): row["max_grad"],
              t("network.col_max_diff"): row["max_diff"], t("network.col_mean_diff"): row["mean_diff"],
              **({t("network.col_loop_diff"): loop["max_diff"][row["name"]]} if loop else {})}
             for row in res["rows"]]
    tiny = st.column_config.NumberColumn(format="%.2e")
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        t("network.col_max_grad"): tiny, t("network.col_max_diff"): tiny, t("network.col_mean_diff"): tiny,
        t("network.col_loop_diff"): tiny})
    show_code(TwoLayerNet.gradient, TwoLayerNet.numerical_gradient, numerical_gradient)
    st.markdown(t("network.agree_two"))

    st.subheader(t("network.speed_heading"))
    st.markdown(t("network.slow", evaluations=f"{2 * n_params:,}", params=f"{n_params:,}"))
    estimate = res["loop_estimate"]
    if loop is None and estimate <= network.LOOP_LIMIT_S:
        st.markdown(t("network.loop_offer", seconds=f"{estimate:.2g}"))
        if st.button(t("network.loop_run", seconds=f"{estimate:.2g}"), key=f"{PAGE}.loop_run",
                     icon=":material/hourglass_top:"):
            with st.spinner(t("network.loop_running", seconds=f"{estimate:.2g}")):
                loop = network.loop_check(x_batch, t_batch, hidden, seed)
            if len(loops) >= 8:
                loops.pop(next(iter(loops)))
            loops[check_key] = loop
            st.rerun()  # redraw the table with the loop's column
    elif loop is None:
        st.info(t("network.loop_too_slow", seconds=f"{estimate:.0f}", limit=f"{network.LOOP_LIMIT_S:.0f}"))
    else:
        st.success(t("network.loop_done", seconds=f"{loop['seconds']:.3g}",
                     ratio=f"{loop['seconds'] / res['seconds_bp']:,.0f}",
                     vs_fast=f"{max(loop['max_vs_fast'].values()):.1e}"))
    timing = [(t("network.method_bp"), res["seconds_bp"], "measured"),
              (t("network.method_fast"), res["seconds_num"], "measured"),
              (t("network.method_loop"), loop["seconds"] if loop else estimate, "measured" if loop else "estimated")]
    time_labels = {"seconds": t("network.seconds"), "method": t("network.method"), "kind": t("network.kind"),
                   "measured": t("network.measured"), "estimated": t("network.estimated")}
    st.vega_lite_chart(spec=spec(charts.times_chart,
        [{"method": name, "seconds": s, "kind": time_labels[kind]} for name, s, kind in timing], time_labels),
        width="stretch")
    note_col, button_col = st.columns([4, 1], vertical_alignment="center")
    note_col.caption(t("network.times_note", bp=charts.duration(res["seconds_bp"]),
                       fast=charts.duration(res["seconds_num"])))
    button_col.button(t("network.retime"), key=f"{PAGE}.retime", on_click=retime, icon=":material/timer:",
                      args=(check_key, x_batch, t_batch, hidden, seed), width="stretch")

    st.subheader(t("network.maps_heading"))
    unit_key = f"{PAGE}.unit"
    current = st.session_state.get(unit_key, st.session_state.get(params.KEEP + unit_key))
    if current is not None:  # re-set every run: a new slider range would otherwise reset it to 0
        params.set_value(PAGE, "unit", min(current, hidden - 1))
    st.markdown(t("network.maps_text"))
    unit = params.slider(PAGE, "unit", t("network.unit"), 0, hidden - 1, 0, help=t("network.unit_help"),
                         container=st.columns(2)[0])
    map_labels = {"row": t("network.row"), "column": t("network.column"), "value": t("common.tooltip_value")}
    left, right = st.columns(2)
    left.vega_lite_chart(spec=spec(charts.digit_map_chart, res["W1_bp"][:, unit], t("network.map_grad", unit=unit),
                                   map_labels), width="content")
    diff = res["W1_diff"][:, unit]
    right.vega_lite_chart(spec=spec(charts.digit_map_chart, diff, t("network.map_diff", unit=unit), map_labels),
                          width="content")
    right.caption(t("network.map_diff_caption", max=f"{np.abs(diff).max():.1e}",
                    zeros=int(np.count_nonzero(diff == 0))))
    with st.expander(t("network.batch_heading", batch=batch), icon=":material/grid_view:"):
        st.image(images.for_page(network.batch_grid(x_batch)),
                 caption=t("network.batch_labels", labels=" ".join(map(str, t_batch))))


with page(PAGE):
    st.title(t("nav.network"))
    st.markdown(t("network.intro"))
    section(simple_net_section)()
    st.divider()
    section(two_layer_section)()
