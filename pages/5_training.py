"""4.5 Training the two-layer network on MNIST with mini-batch SGD, live, and comparing runs."""
import pandas as pd
import streamlit as st

from core.functions import LOSSES
from core.sgd import Trainer, TrainConfig, iters_per_epoch, sgd_step
from ui import data, limits, params, training
from ui.charts import spec
from ui.charts import training as charts
from ui.i18n import labeler, t
from ui.shell import guarded, page, show_code

P = "training"
HIDDEN = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
LRS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
STDS = (0.0001, 0.001, 0.01, 0.1, 1.0)


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
    batch = params.number(P, "batch", t("training.batch"), 1, lim.max_batch, 100, step=10, container=c2,
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


def status_message(record):
    if record.get("worker_error"):
        st.error(t("training.run_error"))
    values = {"id": record["id"], "iters": f"{record['iters_done']:,}", "seconds": f"{record['seconds']:.1f}",
              "test": f"{record['test_acc'][-1]:.2%}" if record["test_acc"] else "–",
              "at": f"{record['diverged_at'] or 0:,}"}
    if record["status"] not in ("finished", "stopped", "diverged"):
        return
    kind = {"finished": st.success, "stopped": st.info, "diverged": st.error}[record["status"]]
    kind(t(f"training.done_{record['status']}", **values))
    losses = record["loss"]
    if record["status"] != "diverged" and len(losses) > 2 and losses[-1] > 1.5 * losses[0]:
        # with sigmoid and softmax the gradients stay bounded: too large a step overshoots for ever
        st.warning(t("training.overshoot", first=f"{losses[0]:.3g}", last=f"{losses[-1]:.3g}"),
                   icon=":material/trending_up:")


def live_panel():
    """Progress, metrics and the two live charts; trains a chunk when a run is active."""
    current, ended = training.job(), False
    if current:
        history = training.poll(current)
        if current["finished"]:
            # file the run now, so this very tick already shows it as done; the whole page
            # follows below (buttons, comparison, examples)
            training.finish(current)
            current, ended = None, True
        elif current["queued"]:
            st.info(t("training.queued", active=training.active_runs()), icon=":material/hourglass_top:")
    if not current and not training.runs():
        st.caption(t("training.nothing_yet"))
        return
    record = (training.summarize(current["id"], current["source"], history) if current
              else training.runs()[-1])
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
        status_message(record)
    if ended:
        st.rerun()


def comparison():
    kept = training.runs()
    if not kept:
        return
    st.subheader(t("training.compare"))
    st.markdown(t("training.compare_intro"))
    names = {r["id"]: t("training.run_label", id=r["id"], lr=r["lr"], batch=r["batch_size"],
                        hidden=r["hidden_size"]) for r in kept}
    curves = pd.DataFrame([{"run": names[r["id"]], "epoch": e, "train_acc": a, "test_acc": b}
                           for r in kept for e, a, b in zip(r["epoch"], r["train_acc"], r["test_acc"])])
    losses = pd.DataFrame([{"run": names[r["id"]], "iter": i, "loss": v}
                           for r in kept for i, v in zip(r["loss_iter"], r["loss"])])
    labels = chart_labels()
    metric = params.choice(P, "metric", t("training.metric"), ["test_acc", "train_acc"], "test_acc",
                           widget="segmented_control", format_func=labeler("training.axis_"))
    left, right = st.columns(2)
    if not curves.empty:
        left.vega_lite_chart(spec=spec(charts.compare_chart, curves, labels, metric), width="stretch")
    if not losses.empty:
        right.vega_lite_chart(spec=spec(charts.compare_loss_chart, losses, labels), width="stretch")
    table = pd.DataFrame([{
        t("training.col_run"): r["id"], t("training.col_lr"): r["lr"], t("training.col_batch"): r["batch_size"],
        t("training.col_hidden"): r["hidden_size"], t("training.col_std"): r["weight_init_std"],
        t("training.col_seed"): r["seed"], t("training.col_iters"): r["iters_done"],
        t("training.col_epochs"): round(r["iters_done"] / r["iter_per_epoch"], 2),
        t("training.col_train"): r["train_acc"][-1] if r["train_acc"] else None,
        t("training.col_test"): r["test_acc"][-1] if r["test_acc"] else None,
        t("training.col_seconds"): round(r["seconds"], 2),
        t("training.col_status"): t(f"training.status_{r['status']}"),
        t("training.col_data"): t(f"data.{r['source']}") if r["source"] in ("sample", "full") else r["source"],
    } for r in kept])
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        t("training.col_train"): st.column_config.NumberColumn(format="percent"),
        t("training.col_test"): st.column_config.NumberColumn(format="percent")})
    c1, c2, c3 = st.columns([2, 2, 1])
    c1.download_button(t("training.csv_runs"), table.to_csv(index=False).encode("utf-8-sig"),
                       "runs.csv", "text/csv", key="training.csv_runs")
    c2.download_button(t("training.csv_curves"), curves.to_csv(index=False).encode("utf-8-sig"),
                       "accuracy_per_epoch.csv", "text/csv", key="training.csv_curves")
    c3.button(t("training.clear"), key="training.clear", on_click=lambda: training.runs().clear())
    st.caption(t("training.kept", cap=limits.current().max_runs_kept))


def test_images():
    kept = training.runs()
    shown = kept[-1].get("examples") if kept else None
    if not shown:
        return
    st.subheader(t("training.examples"))
    st.caption(t("training.examples_intro", wrong=f"{shown['wrong']:,}", total=f"{shown['total']:,}"))
    columns = st.columns(6)
    for i, (image, label, guess) in enumerate(zip(shown["images"], shown["labels"], shown["predicted"])):
        mark = "✓" if label == guess else "✗"
        columns[i % 6].image(255 - image, width=84,
                             caption=t("training.example_caption", mark=mark, label=label, guess=guess))


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
    if finished and finished["finished"]:  # e.g. just stopped: file it before drawing the buttons
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
    comparison()
    test_images()
    show_code(Trainer.run, sgd_step)
