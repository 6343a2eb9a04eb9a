"""After 4.5: inside a trained network — confusion matrix, mistakes, learned weights, your handwriting, files."""
import streamlit as st
from streamlit_drawable_canvas import st_canvas

from core.digit_image import mnist_style
from core.evaluation import confusion_matrix
from ui import images, inside, params
from ui.charts import inside as charts
from ui.charts import spec
from ui.i18n import current_language, labeler, literal, t
from ui.shell import guarded, page, show_code

P = "inside"
NET_WIDGET = "inside.net"


def percent(value):
    return "–" if value is None else f"{value:.1%}"


def label(entry, lang):
    if entry["key"] == "book":
        return t("inside.book_option", lang)
    if entry["key"] == "file":
        return t("inside.file_option", lang, name=entry["name"])
    c = entry["config"]
    return (t("inside.run_option", lang, id=entry["id"], lr=c["lr"], batch=c["batch_size"], hidden=c["hidden_size"])
            + f" — {percent(entry['test_acc'])}")


def data_name(test):
    return t(f"inside.data_{test.source}")


def load_panel():
    with st.expander(t("inside.load_heading"), icon=":material/upload_file:"):
        st.file_uploader(t("inside.upload_weights"), type=["npz"], key=inside.weights_uploader_key(),
                         on_change=inside.take_weights_upload, max_upload_size=5)
    message = st.session_state.pop(inside.MESSAGE, None)
    if message and message[0] == "ok":
        st.success(t("inside.loaded", name=literal(message[1]), sizes=f"784-{message[2]}-10"))
    elif message:
        _, name, reason, details = message
        st.error(t("inside.load_failed", name=literal(name), reason=t(f"inside.weights_{reason}", **details)))


def train_book():
    with st.spinner(t("inside.training_book")):
        inside.book_network()
    inside.choose("book")


def network_bar():
    """The network chosen to look into (None when there is none yet), with its download button."""
    entries = inside.networks()
    if not entries:
        st.info(t("inside.no_network"), icon=":material/info:")
    if not inside.book_ready():
        if st.button(t("inside.train_book"), key="inside.train_book", icon=":material/model_training:",
                     type="primary" if not entries else "secondary"):
            train_book()
            st.rerun()
    if not entries:
        load_panel()
        return None
    st.session_state[NET_WIDGET] = inside.chosen(entries)
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    lang = current_language()  # fixed now: Streamlit may format the options outside this run
    key = left.selectbox(t("inside.network"), list(entries), key=NET_WIDGET, format_func=lambda k: label(entries[k], lang),
                         on_change=lambda: inside.choose(st.session_state[NET_WIDGET]))
    entry = entries[key]
    right.download_button(t("inside.download"), data=lambda: inside.weights_bytes(entry),
                          file_name=inside.file_name(entry), mime="application/octet-stream",
                          key="inside.download", on_click="ignore", icon=":material/download:",
                          help=t("inside.download_help"), width="stretch")
    dropped = inside.runs_without_weights()
    if dropped:
        st.caption(t("inside.dropped", count=dropped))
    load_panel()
    return entry


def describe(entry, a, test):
    sizes = f"784-{entry['params']['W1'].shape[1]}-10"
    acc, total = f"{a['correct'] / a['total']:.1%}", f"{a['total']:,}"
    c = entry.get("config") or {}
    if {"lr", "batch_size", "seed"} <= set(c) and entry.get("iters_done"):
        text = t("inside.describe", sizes=sizes, iters=f"{entry['iters_done']:,}", lr=c["lr"], batch=c["batch_size"],
                 seed=c["seed"], acc=acc, test=total)
    else:
        text = t("inside.describe_plain", sizes=sizes, acc=acc, test=total)
    st.caption(text + " · " + t("inside.data_note", test=total, data=data_name(test)))


def pick_cell():
    """A click on the matrix chooses that cell in the two boxes below it."""
    chosen = (st.session_state.get("inside.matrix") or {}).get("selection", {}).get("cell") or []
    if chosen and {"true", "pred"} <= set(chosen[0]):
        params.set_value(P, "true", int(chosen[0]["true"]))
        params.set_value(P, "pred", int(chosen[0]["pred"]))


def confusion_view(entry, a, test):
    st.markdown(t("inside.confusion_text"))
    normalised = params.toggle(P, "norm", t("inside.norm"), False)
    labels = {k: t(f"inside.axis_{k}") for k in ("true", "pred", "count", "share", "true_accuracy")}
    st.vega_lite_chart(spec=spec(charts.confusion_chart, a["confusion"], normalised, labels), key="inside.matrix",
                       on_select=pick_cell, selection_mode="cell", width="content")
    true, pred, count = inside.worst_pair(a["confusion"])
    if count:
        st.caption(t("inside.worst_pair", true=true, pred=pred, count=count))
    c1, c2, _ = st.columns([1, 1, 2])
    true = params.choice(P, "true", t("inside.pick_true"), list(range(10)), true, container=c1)
    pred = params.choice(P, "pred", t("inside.pick_pred"), list(range(10)), pred, container=c2)
    picture, count, shown = inside.cell_gallery(inside.digest(entry["params"]), test.source, true, pred, a, test)
    if not count:
        st.info(t("inside.cell_empty", true=true, pred=pred))
        return
    key = "inside.cell_caption" if shown == count else "inside.cell_caption_more"
    st.image(images.for_page(picture), caption=t(key, count=f"{count:,}", shown=shown, true=true, pred=pred))


def mistakes_view(entry, a, test):
    key = inside.digest(entry["params"])
    st.subheader(t("inside.mistakes_heading"))
    st.markdown(t("inside.mistakes_text", wrong=f"{len(a['wrong']):,}", total=f"{a['total']:,}"))
    wrong = inside.answers_gallery(key, test.source, "wrong", a, test)
    if wrong:
        st.image(images.for_page(wrong))
    else:
        st.success(t("inside.no_mistakes"))
    st.subheader(t("inside.unsure_heading"))
    st.markdown(t("inside.unsure_text"))
    unsure = inside.answers_gallery(key, test.source, "unsure", a, test)
    if unsure:
        st.image(images.for_page(unsure))


def weights_view(entry):
    st.subheader(t("inside.weights_heading"))
    st.markdown(t("inside.weights_text"))
    own_scale = params.toggle(P, "own", t("inside.own_scale"), False, help=t("inside.own_scale_help"))
    tiles = inside.weight_tiles(inside.digest(entry["params"]), own_scale, entry)
    if tiles["hidden"] > inside.TILES_MAX:
        st.caption(t("inside.first_100", hidden=f"{tiles['hidden']:,}"))
    after, before = st.columns(2, gap="large")
    after.markdown(f"**{t('inside.after')}**")
    after.image(images.for_page(tiles["after"]))
    before.markdown(f"**{t('inside.before')}**")
    if tiles["before"]:
        before.image(images.for_page(tiles["before"]))
    else:
        before.info(t("inside.no_before"))
    if own_scale:
        st.caption(t("inside.scale_each", after=f"{tiles['extent']:.3g}", before=f"{tiles['extent_before']:.3g}"))
    else:
        st.image(images.for_page(tiles["bar"]), caption=t("inside.scale", v=f"{tiles['extent']:.3g}"))


def show_answer(result, column_seen, column_bars):
    """The 28x28 input and the ten probabilities of a drawn or uploaded digit."""
    for kind, details in result.get("notes", []):
        column_seen.info(t(f"inside.image_note_{kind}", **{k: t(f"inside.{v}") for k, v in details.items()}))
    column_seen.image(images.for_page(images.upscale(255 - result["x"], 5)), caption=t("inside.seen"))
    probs = result["probs"]
    column_bars.markdown(t("inside.answer", digit=int(probs.argmax()), p=f"{probs.max():.1%}"))
    labels = {k: t(f"inside.axis_{k}") for k in ("digit", "probability")}
    column_bars.vega_lite_chart(*charts.probability_bars(probs, labels), width="stretch")


def draw_view(entry):
    st.markdown(t("inside.draw_text"))
    pad, seen, bars = st.columns([3, 2, 3], gap="medium")
    with pad:
        st.space("small")  # the canvas's toolbar floats above it: keep it off the text
        drawn = st_canvas(stroke_width=20, stroke_color="#000000", background_color="#ffffff", height=280,
                          width=280, drawing_mode="freedraw", return_image_data=True, key=inside.canvas_key())
        st.button(t("inside.clear"), key="inside.clear", on_click=inside.clear_canvas, icon=":material/ink_eraser:")
    try:
        png = drawn.image_bytes if drawn is not None else None
        result = inside.read_digit(png, entry["params"]) if png else {"x": None}
    except images.ImageRefused:  # not what the canvas sends: treat as nothing drawn
        result = {"x": None}
    if result["x"] is None:
        seen.info(t("inside.draw_hint"), icon=":material/draw:")
    else:
        show_answer(result, seen, bars)
    st.divider()
    upload, seen, bars = st.columns([3, 2, 3], gap="medium")
    file = upload.file_uploader(t("inside.upload_image"), type=["png", "jpg", "jpeg"], key="inside.image",
                                max_upload_size=1)
    if file is None:
        return
    result = inside.uploaded_digit(file, entry)
    if "error" in result:
        reason, details = result["error"]
        upload.error(t("inside.image_failed", name=literal(file.name[:80]), reason=t(f"inside.image_{reason}", **details)))
    elif result["x"] is None:
        upload.warning(t("inside.image_blank"))
    else:
        show_answer(result, seen, bars)


with page(P):
    st.title(t("nav.inside"))
    st.markdown(t("inside.intro"))
    entry = network_bar()
    if entry is not None:
        a, test = inside.analyse(entry)
        describe(entry, a, test)
    view = params.choice(P, "view", t("inside.view"), inside.VIEWS, "confusion", widget="segmented_control",
                         format_func=labeler("inside.view_"))
    if entry is not None:
        if view == "confusion":
            confusion_view(entry, a, test)
        elif view == "mistakes":
            mistakes_view(entry, a, test)
        elif view == "weights":
            weights_view(entry)
        else:
            st.fragment(guarded(draw_view))(entry)
        show_code(mnist_style, confusion_matrix)
