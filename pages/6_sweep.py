"""4.5+ Learning rate x batch size: a grid of full training runs as heat maps, and their learning curves."""
import streamlit as st

from core import sweep
from core.functions import LOSSES
from core.run import iters_per_epoch
from ui import data, limits, params
from ui import sweep as sweeps
from ui import sweep_view as view_of
from ui.charts import spec
from ui.charts import sweep as charts
from ui.i18n import current_language, labeler, t
from ui.shell import guarded, page, section, show_code

P = sweeps.PAGE
D = sweeps.DEFAULT
PAGE_RUN = "sweep.page_run"  # set by a run of the whole page, read by the results panel


def settings(train_size):
    """The grid from the widgets: (Grid or None, [problems])."""
    st.subheader(t("sweep.grid_header"))
    left, right = st.columns([3, 2])
    lrs = params.multi(P, "lrs", t("sweep.lrs"), sweeps.LR_OPTIONS, D["lrs"], container=left, format_func=lambda v: f"{v:g}")
    batches = params.multi(P, "batches", t("sweep.batches"), sweeps.BATCH_OPTIONS, D["batches"], container=left)
    losses = params.multi(P, "losses", t("sweep.losses"), LOSSES, D["losses"], container=left,
                          format_func=labeler("sweep.loss_"))
    seeds = params.number(P, "seeds", t("sweep.seeds"), 1, 10, D["seeds"], container=right, help=t("sweep.seeds_help"))
    budget = params.choice(P, "budget", t("sweep.budget"), sweep.BUDGETS, D["budget"], widget="radio",
                           container=right, format_func=labeler("sweep.budget_"))
    if budget == "epochs":
        length = params.number(P, "epochs", t("sweep.epochs"), 1, 1_000, D["epochs"], container=right)
    else:
        length = params.number(P, "iters", t("sweep.iters"), 1, 1_000_000, D["iters"], step=100, container=right)
    if not (lrs and batches and losses):
        return None, [t("sweep.need_one")]
    too_big = [b for b in batches if b > train_size]
    if too_big:
        return None, [t("sweep.batch_too_big", batch=f"{too_big[0]:,}", train=f"{train_size:,}")]
    grid = sweep.Grid.make(lrs, batches, seeds, losses, budget, length)
    st.caption(t("sweep.size", cells=f"{len(grid.cells()):,}", lrs=len(lrs), batches=len(batches), seeds=seeds,
                 losses=len(losses), images=f"{grid.total_images(train_size):,}"))
    return grid, []


def compute_offer(grid, dataset, lim):
    """For a grid nobody has computed: the Compute button, or why this server will not."""
    refused = sweeps.refusal(grid, dataset.train_size, lim)
    if refused:
        st.warning(t("sweep.too_big", cells=f"{refused['cells']:,}", images=f"{refused['images']:,}",
                     max_cells=f"{lim.max_sweep_cells:,}", max_images=f"{lim.max_sweep_images:,}",
                     max_iters=f"{lim.max_iters:,}"), icon=":material/dns:")
        st.code(sweeps.cli_command(grid, dataset.source), language="bash")
        return
    st.info(t("sweep.not_yet"), icon=":material/grid_on:")
    st.button(t("sweep.compute"), key="sweep.compute", type="primary", icon=":material/play_arrow:",
              on_click=sweeps.start, args=(grid, dataset))


def job_status(current, results, grid):
    total, done = len(grid.cells()), len(results)
    if current.state == "running":
        left = sweeps.eta(current)
        eta = t("sweep.seconds", s=f"{left:.0f}") if left is not None else "…"
        st.progress(done / total, text=t("sweep.progress", done=done, total=total, workers=current.workers, eta=eta))
    elif current.state == "queued":
        st.info(t("sweep.queued", done=done, total=total), icon=":material/hourglass_top:")
    elif current.state == "done":
        st.caption(t("sweep.done", total=total))
    else:
        kind = st.error if current.state == "failed" else st.info
        kind(t(f"sweep.{current.state}", done=done))
        st.button(t("sweep.resume"), key="sweep.resume", on_click=sweeps.start, args=(grid, data.current()))


def heat_maps(groups, grid, train_size):
    st.subheader(t("sweep.heat_header"))
    view = params.choice(P, "view", t("sweep.view"), sweeps.VIEWS, "test", widget="segmented_control",
                         format_func=labeler("sweep.view_"))
    st.caption(t("sweep.cell_note"))
    legend = t("sweep.legend_gap") if view == "gap" else t(f"sweep.view_{view}")
    labels = {"lr": t("sweep.axis_lr"), "batch": t("sweep.axis_batch"), "value": legend}
    lrs, batches = [f"{v:g}" for v in grid.lrs], [str(b) for b in grid.batch_sizes]
    for column, loss in zip(st.columns(len(grid.losses)), grid.losses):
        values, blanks, domain = view_of.heat_frames(groups, loss, view, grid.seeds)
        column.markdown(f"**{t(f'sweep.loss_{loss}')}**")
        column.vega_lite_chart(spec=spec(charts.heatmap, values, blanks, lrs, batches, view, domain, labels),
                               width="stretch")
        top, per_batch = view_of.best(groups, loss)
        if top:
            column.markdown(t("sweep.best", loss=t(f"sweep.loss_{loss}"), acc=f"{top['test_acc']['mean']:.1%}",
                              lr=f"{top['lr']:g}", batch=top["batch_size"],
                              per_batch=", ".join(f"{b} → {lr:g}" for b, lr in per_batch.items())))
    if len(grid.losses) > 1:
        st.caption(t("sweep.losses_note"))
    small, large = grid.batch_sizes[0], grid.batch_sizes[-1]
    st.markdown(t(f"sweep.about_{view}", train=f"{train_size:,}", small=f"{small:,}", large=f"{large:,}",
                  small_updates=f"{iters_per_epoch(train_size, small):,}",
                  large_updates=f"{iters_per_epoch(train_size, large):,}"))
    marks_explained(groups)
    return view


def marks_explained(groups):
    causes, diverged = view_of.causes_summary(groups)
    lines = []
    if causes:
        lines.append(t("sweep.mark_dnl", n=sum(causes.values())))
        lines += [f"    - {t(f'sweep.cause_{c}', n=n)}" for c, n in sorted(causes.items(), key=lambda x: -x[1])]
    if diverged:
        lines.append(t("sweep.mark_diverged", n=diverged))
    with st.expander(t("sweep.marks_header"), expanded=bool(lines), icon=":material/flag:"):
        st.markdown("\n".join(f"- {line}" if not line.startswith(" ") else line for line in lines)
                    if lines else t("sweep.all_learned"))


def picked(name, options, default):
    """A picker's value must be one of this grid's values (the grid may have just changed)."""
    key = f"{P}.{name}"
    if key in st.session_state and st.session_state[key] not in options:
        params.set_value(P, name, default)


def curves(groups, grid, view):
    st.subheader(t("sweep.curves_header"))
    c1, c2, c3 = st.columns([2, 3, 3])
    mode = params.choice(P, "pick", t("sweep.pick"), ("cell", "row", "col"), "cell", widget="radio", container=c1,
                         format_func=labeler("sweep.pick_"))
    lr_default, batch_default = grid.lrs[len(grid.lrs) // 2], grid.batch_sizes[len(grid.batch_sizes) // 2]
    picked("plr", grid.lrs, lr_default)
    picked("pbatch", grid.batch_sizes, batch_default)
    lr = params.choice(P, "plr", t("sweep.pick_lr"), grid.lrs, lr_default, container=c2, disabled=mode == "col",
                       widget="select_slider" if len(grid.lrs) > 1 else "selectbox", format_func=lambda v: f"{v:g}")
    batch = params.choice(P, "pbatch", t("sweep.pick_batch"), grid.batch_sizes, batch_default, container=c3,
                          disabled=mode == "row", widget="select_slider" if len(grid.batch_sizes) > 1 else "selectbox")
    labels = {"epoch": t("sweep.axis_epoch"), "series": t("sweep.axis_series"), "low": t("sweep.axis_low"),
              "high": t("sweep.axis_high"),
              "value": t("sweep.legend_gap") if view == "gap" else t(f"sweep.view_{view}")}
    for column, loss in zip(st.columns(len(grid.losses)), grid.losses):
        frame = view_of.curve_frame(groups, loss, view, mode, lr, batch)
        column.markdown(f"**{t(f'sweep.loss_{loss}')}**")
        if frame.empty:
            column.caption(t("sweep.no_curves"))
        else:
            column.vega_lite_chart(spec=spec(charts.curves, frame, view, labels), width="stretch")
    st.caption(t("sweep.curves_note"))


def results_panel(grid, key, train_size):
    """The grid's results as they are now: from a file, or the job filling them in."""
    whole_page = st.session_state.pop(PAGE_RUN, False)
    results, current = sweeps.stored(key), None
    if results is None:
        current = sweeps.job(key)
        if current is None:
            return
        results = sweeps.poll(current)
        job_status(current, results, grid)
    else:
        st.caption(t("sweep.from_file", total=len(results)))
    if results:
        groups = sweep.groups(results, grid)
        view = heat_maps(groups, grid, train_size)
        section(curves)(groups, grid, view)  # a new pick redraws the curves alone
        st.download_button(t("sweep.csv"), view_of.cells_csv(results), f"sweep-{key}.csv", "text/csv",
                           key="sweep.csv", icon=":material/download:")
    if not whole_page:  # this panel rerun alone (a tick, a view or a pick): the page's end does not run
        params.write_url(lang=current_language())
    if current is not None and not current.active and st.session_state.get("sweep.ticking") == key:
        st.session_state["sweep.ticking"] = None
        st.rerun()  # the job ended during a tick: redraw the page without the ticking


with page(P):
    st.title(t("nav.sweep"))
    st.markdown(t("sweep.intro"))
    lim, dataset = limits.current(), data.current()
    grid, problems = settings(dataset.train_size)
    for problem in problems:
        st.warning(problem, icon=":material/warning:")
    if grid is not None:
        key = sweeps.key_of(grid, dataset)
        ready = sweeps.stored(key) is not None
        current = None if ready else sweeps.job(key)
        if not ready and current is None:
            compute_offer(grid, dataset, lim)
        ticking = current is not None and current.active
        st.session_state["sweep.ticking"] = key if ticking else None
        st.session_state[PAGE_RUN] = True  # the page writes the URL at its end (ui.shell.page)
        st.fragment(guarded(results_panel), run_every=sweeps.TICK if ticking else None)(grid, key, dataset.train_size)
    show_code(sweep.run_cell, sweep.record)
