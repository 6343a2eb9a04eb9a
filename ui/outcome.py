"""A run's outcome in words: what happened, why (core.verdict's causes) and what to try.

``messages(record)`` returns ``[(kind, text, icon)]`` with kind in success, warning,
error, info; the page only displays them, and they are testable without AppTest.
"""
from ui.i18n import t

KINDS = {"finished": ("success", ":material/check_circle:"),
         "did_not_learn": ("warning", ":material/sentiment_dissatisfied:"),
         "diverged": ("error", ":material/error:"),
         "stopped": ("info", ":material/stop_circle:"),
         "failed": ("error", ":material/error:")}
BOOK_STD = 0.01


def _loss(value):
    """A loss for a sentence: 3 significant digits, thousands written out (6,360 not 6.36e+03)."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def _percent(value):
    return f"{value:.2%}" if value is not None else "–"


def messages(record):
    """What to tell the student about a done run record (ui.records.summarize)."""
    status = record["status"]
    if status not in KINDS:
        return []
    kind, icon = KINDS[status]
    test = record["test_acc"][-1] if record["test_acc"] else None
    values = {"id": record["id"], "iters": f"{record['iters_done']:,}", "seconds": f"{record['seconds']:.1f}",
              "test": _percent(test), "at": f"{record['diverged_at'] or 0:,}"}
    if status == "failed":
        return [(kind, t("training.run_error"), icon)]
    if status == "did_not_learn":
        rose = "overshoot" in record["causes"]
        key = "training.done_not_learned_rose" if rose else "training.done_not_learned"
        values.update(chance=f"{record['chance']:.0%}", first=_loss(record["loss_start"]),
                      last=_loss(record["loss_end"]))
    else:
        key = f"training.done_{status}"
    said = [(kind, t(key, **values), icon)]
    # a diverged run's message already says its step is too large
    causes = [c for c in record["causes"] if not (status == "diverged" and c == "overshoot")]
    said += [("info" if status == "stopped" else kind, cause_text(record, cause), None) for cause in causes]
    return said


def cause_text(record, cause):
    """One likely cause in words, with what to try."""
    if cause == "overshoot":
        return t("training.why_overshoot", lr=f"{record['lr']:g}", smaller=f"{record['lr'] / 10:g}")
    if cause == "saturated":
        return t("training.why_saturated", std=f"{record['weight_init_std']:g}",
                 share=f"{record['saturation_start'] or 0:.0%}", book=f"{BOOK_STD:g}")
    return t("training.why_too_slow", lr=f"{record['lr']:g}", first=_loss(record["loss_start"]),
             last=_loss(record["loss_end"]), iters=f"{record['iters_done']:,}")


def status_label(record, lang=None):
    """The run's status as the table and CSV show it."""
    return t(f"training.status_{record['status']}", lang)


def causes_label(record, lang=None):
    """The likely causes as a short phrase for the table and CSV ("" for a run that learned)."""
    return "; ".join(t(f"training.cause_{cause}", lang) for cause in record["causes"])
