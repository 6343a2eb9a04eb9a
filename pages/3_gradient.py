"""4.4 The gradient: partial derivatives of f(x0, x1), the field of -∇f, and gradient descent."""
import numpy as np
import streamlit as st

from core.expression import MAX_LENGTH
from core.gradient import gradient_descent, numerical_gradient
from ui import gradient as gd
from ui import params
from ui.charts import spec
from ui.charts.gradient import MAP_WIDTH, gradient_map
from ui.i18n import current_language, t
from ui.shell import page, show_code

PAGE = gd.PAGE


def coordinates(names, label_key, default, left, right):
    """A point (x0, x1) from two URL-mirrored number inputs side by side."""
    return tuple(params.number(PAGE, name, t(f"{label_key}{k}"), -gd.LIMIT, gd.LIMIT, default[k],
                               step=0.5, format="%g", container=column)
                 for k, (name, column) in enumerate(zip(names, (left, right))))


def step_by_step(run, radius):
    """The table of the path's points; a long run's is sampled, with every step as a download."""
    st.subheader(t("gradient.table"))
    st.caption(t("gradient.table_caption"))
    shown = gd.table_steps(run, radius)
    st.dataframe(gd.step_table(run, shown), hide_index=True, key=f"{PAGE}.table", height=280)
    if len(shown) < len(run.result.path):
        st.caption(t("gradient.table_sampled", shown=len(shown), total=f"{len(run.result.path):,}",
                     first=gd.TABLE_FIRST - 1))
        lang = current_language()  # the file is made when clicked, outside the script run
        st.download_button(t("gradient.table_csv"), lambda: gd.step_csv(run, lang), "gradient_descent.csv",
                           "text/csv", key=f"{PAGE}.table_csv", on_click="ignore", icon=":material/download:")


with page(PAGE):
    st.title(t("nav.gradient"))
    st.markdown(t("gradient.intro"))

    st.subheader(t("gradient.function"))
    st.caption(t("gradient.examples"))
    with st.container(horizontal=True):
        for name in gd.PRESETS:
            st.button(t(f"gradient.preset.{name}"), key=f"{PAGE}.preset_{name}", on_click=gd.apply_preset,
                      args=(name,), help=t(f"gradient.preset_help.{name}"))
    formula = params.text(PAGE, "f", t("gradient.formula"), gd.BOOK.formula, MAX_LENGTH, help=gd.formula_help())
    expression, formula, problem = gd.current(formula)
    if problem:
        st.error(t("gradient.formula_error", message=problem), icon=":material/error:")
        if expression:
            st.caption(t("gradient.formula_kept", formula=expression.text))

    map_column, side = st.columns([3, 2], gap="large")
    with side:
        st.subheader(t("gradient.point"))
        left, right = st.columns(2)
        point = coordinates(("p0", "p1"), "gradient.point_x", gd.BOOK.point, left, right)
        with st.container(horizontal=True, vertical_alignment="center"):
            st.caption(t("gradient.book_points"))
            for x0, x1 in gd.BOOK_POINTS:
                st.button(f"({x0:g}, {x1:g})", key=f"{PAGE}.point_{x0:g}_{x1:g}", on_click=gd.set_point,
                          args=((x0, x1),), type="tertiary")
        point_grad = None
        if expression:
            point_grad = gd.gradient_at(expression, point)
            if np.all(np.isfinite(point_grad)):
                st.markdown(t("gradient.partials", g0=repr(float(point_grad[0])), g1=repr(float(point_grad[1]))))
                st.caption(gd.partials_notes(expression, point, point_grad))
                if not np.any(point_grad):
                    st.info(t("gradient.partials_zero"))
            else:
                st.warning(t("gradient.partials_undefined"))

        st.subheader(t("gradient.descent"))
        left, right = st.columns(2)
        start = coordinates(("x0", "x1"), "gradient.start_x", gd.BOOK.start, left, right)
        left, right = st.columns(2)
        lr = params.number(PAGE, "lr", t("gradient.lr"), 1e-12, 1000.0, gd.BOOK.lr, step=0.01, format="%g",
                           container=left)
        steps = params.number(PAGE, "steps", t("gradient.steps"), 0, gd.MAX_STEPS, gd.BOOK.steps, step=10,
                              container=right)
        st.caption(t("gradient.lr_presets"))
        with st.container(horizontal=True):
            for name, value in gd.BOOK_LRS:
                st.button(f"lr = {value:g}", key=f"{PAGE}.lr_{name}", on_click=gd.set_lr, args=(value,),
                          help=t(f"gradient.lr_help.{name}"))

        st.subheader(t("gradient.map"))
        radius = params.choice(PAGE, "view", t("gradient.view"), gd.VIEWS, gd.BOOK.view, widget="select_slider",
                               format_func=lambda r: f"±{r:g}")
        same_length = params.toggle(PAGE, "unit", t("gradient.same_length"), False,
                                    help=t("gradient.same_length_help"))

    if expression:
        run = gd.descend(formula, start, lr, steps)
        grid = gd.map_numbers(expression, radius)
        with map_column:
            chart = spec(gradient_map, grid.xs, grid.f_grid, grid.arrow_points, grid.arrow_grad, radius, same_length,
                         path=run.result.path, path_f=run.f, point=point, point_grad=point_grad,
                         labels={"step": t("gradient.col_step"), "level": "f", "grad_norm": "|∇f|"})
            st.vega_lite_chart(spec=chart, width=MAP_WIDTH, key=f"{PAGE}.map",
                               alt=t("gradient.chart_alt", formula=expression.text, r=f"{radius:g}"))
            arrows = t("gradient.arrows_same" if same_length else "gradient.arrows_scaled")
            st.caption(t("gradient.map_caption", arrows=arrows))
            show_code(numerical_gradient, gradient_descent)
            finite = np.isfinite(grid.f_grid)
            if not finite.any():
                st.caption(t("gradient.nothing_finite"))
            elif not finite.all():
                st.caption(t("gradient.blank_cells"))
            elif np.ptp(grid.f_grid) == 0:
                st.caption(t("gradient.flat"))
            if np.any(np.abs(point) > radius):
                st.caption(t("gradient.point_outside"))
            path = run.result.path
            if np.isfinite(run.f[0]):
                st.markdown(t("gradient.result", steps=len(path) - 1, x0=gd.fmt(path[-1, 0]),
                              x1=gd.fmt(path[-1, 1]), f=gd.fmt(run.f[-1])))
            for kind, text in gd.outcome(run, radius, lr):
                getattr(st, kind)(text)
            if gd.jumps_across(path, radius):
                st.caption(t("gradient.jumps"))

        step_by_step(run, radius)
