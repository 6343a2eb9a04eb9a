"""4.5 Training the two-layer network on MNIST with mini-batch SGD, live, and comparing runs."""
import streamlit as st

from core.functions import LOSSES
from core.sgd import Trainer, TrainConfig, iters_per_epoch, sgd_step
from ui import compare, data, images, limits, outcome, params, records, training
from ui.charts import spec
from ui.charts import training as charts
from ui.i18n import current_language, labeler, t
from ui.shell import guarded, page, show_code

P = "training"
HIDDEN = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
LRS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
STDS = (0.0001, 0.001, 0.01, 0.1, 1.0)
BATCH_FIELD_MAX = 10_000_000  # what the field accepts; larger than the data is explained below it


def chart_labels():
    keys = ("iter", "loss", "epoch", "accuracy", "split", "train", "test", "run", "train_acc", "test_acc")
    return {k: t(f"training.axis_{k}") for k in keys}


def settings(lim, train_size):
    """The run's hyperparameters from the widgets; (TrainConfig or None, [problems])."""
    c1, c2, c3 = st.columns(3)
    sizes = [h for h in HIDDEN if h <= lim.max_hidden] or [1]
    hidden = params.choice(P, "hidden", t("training.hidden"), sizes, max(h for h in sizes if h <= 50),
                           widget="select_slider", container=c1, help=t("training.hidden_help"))
    std = params.choice(P, "std", t("training.std"), STDS, 0.01, widget="select_slider", container=c1,
                        help=t("training.std_help"))
    lr = params.choice(P, "lr", t("training.lr"), LRS, 0.1, widget="select_slider", container=c2,
                       help=t("training.lr_help"))
    # the field takes any size, so what the student typed is what the message below quotes
    batch = params.number(P, "batch", t("training.batch"), 1, BATCH_FIELD_MAX, 100, step=10, container=c2,
                          help=t("training.batch_help"))
    mode = params.choice(P, "mode", t("training.length"), ["iters", "epochs"], "iters", widget="radio",
                         container=c3, horizontal=True, format_func=labeler("training.mode_"))
    per_epoch = iters_per_epoch(train_size, min(batch, train_size))
    if mode == "iters":
        iters = params.number(P, "iters", t("training.iters"), 1, lim.max_iters, 10_000, step=500, container=c3)
    else:
        epochs = params.number(P, "epochs", t("training.epochs"), 1, 10_000, 20, step=1, container=c3)
        iters = epochs * per_epoch
    seed = params.number(P, "seed", t("training.seed"), 0, 2**31 - 1, 0, step=1, container=c3,
                         help=t("training.seed_help"))
    loss = params.choice(P, "loss", t("training.loss"), LOSSES, "cross_entropy", widget="radio", container=c1,
                         horizontal=True, format_func=labeler("training.loss_"), help=t("training.loss_help"))
    problems = []
    if batch > train_size:
        problems.append(t("training.batch_too_big", batch=f"{batch:,}", train=f"{train_size:,}"))
    elif batch > lim.max_batch:
        problems.append(t("training.batch_over_limit", batch=f"{batch:,}", limit=f"{lim.max_batch:,}"))
    if iters > lim.max_iters:
        problems.append(t("training.too_many_iters", iters=f"{iters:,}", limit=f"{lim.max_iters:,}"))
    st.caption(t("training.epoch_def", train=f"{train_size:,}", batch=f"{min(batch, train_size):,}",
                 per_epoch=f"{per_epoch:,}", iters=f"{iters:,}", epochs=f"{iters / per_epoch:,.1f}"))
    if lim != limits.Limits():
        st.caption(t("training.server_limits", iters=f"{lim.max_iters:,}", hidden=f"{lim.max_hidden:,}",
                     batch=f"{lim.max_batch:,}", runs=lim.max_concurrent_runs))
    if problems:
        return None, problems
    return TrainConfig(hidden_size=hidden, lr=lr, batch_size=batch, iters=iters, weight_init_std=std,
                       seed=seed, loss=loss), []


def start(config):
    try:
        training.start(data.current(), config)
    except ValueError as err:  # TrainConfig.check names the parameter
        st.session_state["training.start_error"] = str(err)


def live_panel():
    """Progress, metrics and the two live charts; trains a chunk when a run is active."""
    current, ended = training.job(), False
    if current:
        history = training.poll(current)
        if current.finished:
            # file the run now, so this very tick already shows it as done; the whole page
            # follows below (buttons, comparison, examples)
            training.finish(current)
            current, ended = None, True
        elif current.paused:
            st.info(t("training.paused"), icon=":material/pause_circle:")
        elif current.queued:
            st.info(t("training.queued", active=training.active_runs()), icon=":material/hourglass_top:")
    if not current and not training.runs():
        st.caption(t("training.nothing_yet"))
        return
    record = records.summarize(current.id, current.source, history) if current else training.runs()[-1]
    done = record["iters_done"] / record["iters_planned"]
    st.progress(min(done, 1.0), text=t("training.progress", id=record["id"], done=f"{record['iters_done']:,}",
                                       planned=f"{record['iters_planned']:,}"))
    m = st.columns(5)
    m[0].metric(t("training.m_epoch"), f"{record['iters_done'] / record['iter_per_epoch']:.1f}")
    m[1].metric(t("training.m_loss"), f"{record['loss'][-1]:.4f}" if record["loss"] else "–")
    m[2].metric(t("training.m_train"), f"{record['train_acc'][-1]:.2%}" if record["train_acc"] else "–")
    m[3].metric(t("training.m_test"), f"{record['test_acc'][-1]:.2%}" if record["test_acc"] else "–")
    m[4].metric(t("training.m_time"), f"{record['seconds']:.1f} s")
    labels = chart_labels()
    left, right = st.columns(2)
    if record["loss"]:
        left.vega_lite_chart(*charts.loss_chart(record["loss_iter"], record["loss"], labels), width="stretch")
    if record["test_acc"]:
        right.vega_lite_chart(*charts.accuracy_chart(record["epoch"], record["train_acc"], record["test_acc"],
                                                     labels), width="stretch")
    if not current:
        for kind, text, icon in outcome.messages(record):
            getattr(st, kind)(text, icon=icon)
    if ended:
        st.rerun()


def comparison():
    kept = training.runs()
    if not kept:
        return
    st.subheader(t("training.compare"))
    st.markdown(t("training.compare_intro"))
    lang = current_language()
    everything = {line.runs[0]["id"]: line.label for line in compare.lines(kept, lang=lang)}
    shown_ids = training.shown(list(everything), compare.DEFAULT_SHOWN)
    quick = {key: compare.series(kept, key) for key in compare.SERIES}
    quick = {key: ids for key, ids in quick.items() if ids}
    if quick:
        with st.container(horizontal=True, vertical_alignment="center"):
            st.caption(t("training.series"))
            for key, ids in quick.items():
                st.button(t(f"training.series_{key}", n=len(ids)), key=f"training.series_{key}", type="tertiary",
                          on_click=training.show, args=(ids,))
            st.button(t("training.series_all"), key="training.series_all", type="tertiary", on_click=training.show,
                      args=(list(everything),))
    st.multiselect(t("training.shown"), list(everything), key=training.SHOWN, format_func=training.label_of(everything),
                   help=t("training.shown_help"))
    shown = [r for r in kept if r["id"] in shown_ids]
    c1, c2 = st.columns(2)
    with c1:
        metric = params.choice(P, "metric", t("training.metric"), ["test_acc", "train_acc"], "test_acc",
                               widget="segmented_control", format_func=labeler("training.axis_"))
    average = False
    if compare.has_seed_groups(shown):
        average = params.toggle(P, "avg", t("training.average"), True, container=c2,
                                help=t("training.average_help"))
    if not shown:
        st.info(t("training.nothing_shown"))
    else:
        compare_charts(shown, metric, average, lang)
    table = compare.runs_table(kept, lang)
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        t("training.col_train"): st.column_config.NumberColumn(format="percent"),
        t("training.col_test"): st.column_config.NumberColumn(format="percent")})
    curves = compare.accuracy_frame(compare.lines(kept, lang=lang))[["run", "epoch", "train_acc", "test_acc"]]
    c1, c2, c3 = st.columns([2, 2, 1])
    c1.download_button(t("training.csv_runs"), table.to_csv(index=False).encode("utf-8-sig"),
                       "runs.csv", "text/csv", key="training.csv_runs")
    c2.download_button(t("training.csv_curves"), curves.to_csv(index=False).encode("utf-8-sig"),
                       "accuracy_per_epoch.csv", "text/csv", key="training.csv_curves")
    c3.button(t("training.clear"), key="training.clear", on_click=training.clear)
    st.caption(t("training.kept", cap=limits.current().max_runs_kept))


def compare_charts(shown, metric, average, lang):
    """The two comparison charts of the runs shown, coloured by what differs."""
    found = compare.lines(shown, average_seeds=average, lang=lang)
    names = [line.label for line in found]
    by = compare.ordered_by(shown, average_seeds=average)
    title = t(f"training.short_{dict(compare.SETTINGS)[by]}") if by else None
    if by:
        st.caption(t("training.colour_by", setting=t(f"training.col_{dict(compare.SETTINGS)[by]}")))
    labels = chart_labels()
    accuracy = compare.chart_frame(compare.accuracy_frame(found), "epoch", metric, metric.split("_")[0])
    losses = compare.chart_frame(compare.loss_frame(found), "iter", "loss", "loss")
    left, right = st.columns(2)
    left.vega_lite_chart(spec=spec(charts.compare_chart, accuracy, names, labels, metric, by is not None, title),
                         width="stretch")
    right.vega_lite_chart(spec=spec(charts.compare_loss_chart, losses, names, labels, by is not None, title),
                          width="stretch")


def test_images():
    kept = training.runs()
    shown = kept[-1].get("examples") if kept else None
    if not shown:
        return
    st.subheader(t("training.examples"))
    st.caption(t("training.examples_intro", wrong=f"{shown['wrong']:,}", total=f"{shown['total']:,}"))
    # one gallery element: it wraps to the column's width (six a row on a laptop, three on a phone)
    st.image([images.for_page(255 - image) for image in shown["images"]], width=84, caption=[
        t("training.example_caption", mark="✓" if label == guess else "✗", label=label, guess=guess)
        for label, guess in zip(shown["labels"], shown["predicted"])])


with page(P):
    st.title(t("nav.training"))
    st.markdown(t("training.intro"))
    st.latex(r"W \leftarrow W - \eta\,\frac{\partial L}{\partial W}")
    lim = limits.current()
    dataset = data.current()
    config, problems = settings(lim, dataset.train_size)
    for problem in problems:
        st.warning(problem, icon=":material/warning:")
    finished = training.job()
    if finished and finished.finished:  # e.g. just stopped: file it before drawing the buttons
        training.finish(finished)
    running = training.job() is not None
    b1, b2, _ = st.columns([1, 1, 4])
    b1.button(t("training.start"), key="training.start", type="primary", icon=":material/play_arrow:",
              disabled=running or config is None, on_click=start, args=(config,))
    b2.button(t("training.stop"), key="training.stop", icon=":material/stop:", disabled=not running,
              on_click=training.stop)
    error = st.session_state.pop("training.start_error", None)
    if error:
        st.error(t("training.start_failed", detail=error))
    st.fragment(guarded(live_panel), run_every=training.TICK if running else None)()
    show_code(Trainer.run, sgd_step)
    comparison()
    test_images()
