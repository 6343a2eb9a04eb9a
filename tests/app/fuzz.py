"""Tools for the hostile-input tests: the pages' URL widgets, what a valid value is, and chart data checks.

Everything here reads what a page shows under AppTest (widget protos, alerts, Vega-Lite
specs and datasets); nothing imports the pages' own constants, so the checks stay an
independent account of "every widget shows a value it allows".
"""
import math
import re
import string

import numpy as np

from tests.app.helpers import charts
from ui.i18n import messages
from ui.shell import SCRIPTS

PAGES = SCRIPTS  # {page id: script path, None for the overview}
WIDGET_KINDS = ("number_input", "slider", "select_slider", "selectbox", "radio", "text_input", "toggle",
                "button_group", "multiselect")
CJK = re.compile(r"[\u3400-\u9fff]")


# ---------------------------------------------------------------- chart data

def _nonfinite_in_spec(obj, path):
    if isinstance(obj, float):
        return [] if math.isfinite(obj) else [path]
    if isinstance(obj, dict):
        return [p for k, v in obj.items() for p in _nonfinite_in_spec(v, f"{path}.{k}")]
    if isinstance(obj, list):
        return [p for i, v in enumerate(obj) for p in _nonfinite_in_spec(v, f"{path}[{i}]")]
    return []


def nonfinite(at):
    """Where the page's charts hold NaN or ±inf: every number anywhere in each Vega-Lite spec
    (inline ``data.values``, scale domains, datums...) and every cell of every Arrow dataset."""
    found = []
    for i, (spec, frames) in enumerate(charts(at)):
        found += _nonfinite_in_spec(spec, f"chart {i} spec")
        for j, frame in enumerate(frames):
            for column in frame.columns:
                cells = [v for v in frame[column].tolist()
                         if isinstance(v, (int, float, np.number)) and not isinstance(v, bool)]
                if cells and not np.isfinite(np.asarray(cells, dtype=float)).all():
                    found.append(f"chart {i} dataset {j} column {column!r}")
    return found


# ---------------------------------------------------------------- widgets

def keyed_widgets(at, page_id):
    """{name: widget} for every widget keyed "<page_id>.<name>" on the page."""
    found = {}
    for kind in WIDGET_KINDS:
        for widget in at.get(kind):
            key = getattr(widget, "key", None) or ""
            if key.startswith(f"{page_id}."):
                found.setdefault(key[len(page_id) + 1:], widget)
    return found


def url_widgets(at, page_id):
    """{name: widget} for the page's widgets that are mirrored in the URL (published in at.query_params)."""
    return {name: w for name, w in keyed_widgets(at, page_id).items() if name in at.query_params}


def last(value):
    """A query value as the page reads it: the last one of a repeated key."""
    return value[-1] if isinstance(value, (list, tuple)) else value


def is_int_widget(widget):
    return widget.type in ("number_input", "slider") and widget.proto.data_type == widget.proto.INT


def shown(widget):
    """How a choice widget labels its current value."""
    return str(widget.format_func(widget.value))


def _catalogue_options(label):
    """Option values that a translating format_func could have turned into ``label``:
    the tails of catalogue keys whose text is ``label`` ("loss.as_scores" -> "scores", "as_scores")."""
    found = []
    for key, entry in messages().items():
        if label in entry.values():
            parts = re.split(r"([._])", key)
            found += ["".join(parts[i:]) for i in range(2, len(parts), 2)]
    return found


def option_values(widget):
    """The values behind a choice widget's (formatted) options, recovered through its format_func."""
    values = []
    for label in widget.options:
        candidates = [label, label.lstrip("±"), *_catalogue_options(label)]
        for parse in (float, int):
            for text in (label, label.lstrip("±")):
                try:
                    candidates.append(parse(text))
                except ValueError:
                    pass
        match = []
        for candidate in candidates:
            try:
                if str(widget.format_func(candidate)) == label:
                    match.append(candidate)
            except (KeyError, ValueError, TypeError):
                pass
        assert match, f"cannot recover the value of option {label!r} of {widget.key}"
        values.append(match[-1])
    return values


def problem(widget):
    """Why the widget's value is not one it allows, or None."""
    value = widget.value
    if widget.type in ("number_input", "slider"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return f"{widget.key}: {value!r} is not a finite number"
        if is_int_widget(widget) and value != int(value):
            return f"{widget.key}: {value!r} is not an integer"
        if not widget.min <= value <= widget.max:
            return f"{widget.key}: {value!r} outside [{widget.min}, {widget.max}]"
    elif widget.type in ("select_slider", "selectbox", "radio", "button_group"):
        if value is None or shown(widget) not in widget.options:
            return f"{widget.key}: {value!r} is not among {widget.options}"
    elif widget.type == "multiselect":
        if not isinstance(value, list) or any(str(widget.format_func(v)) not in widget.options for v in value):
            return f"{widget.key}: {value!r} is not a choice among {widget.options}"
    elif widget.type == "text_input":
        if not isinstance(value, str) or (widget.proto.max_chars and len(value) > widget.proto.max_chars):
            return f"{widget.key}: text {value[:40]!r}… longer than {widget.proto.max_chars}"
    elif widget.type == "toggle" and not isinstance(value, bool):
        return f"{widget.key}: {value!r} is not on/off"
    return None


def same(value, text):
    """Whether ``value`` (what a widget holds) is what URL ``text`` says."""
    if isinstance(value, bool):
        return text == ("1" if value else "0")
    if isinstance(value, list):  # a multiselect: the same values, in any order, repeats allowed
        parts = text.split(",") if isinstance(text, str) else []
        return (all(any(same(v, part) for v in value) for part in parts)
                and all(any(same(v, part) for part in parts) for v in value))
    if isinstance(value, (int, float)):
        try:
            number = float(text)
        except (TypeError, ValueError):
            return False
        return math.isfinite(number) and math.isclose(number, value, rel_tol=1e-9, abs_tol=0.0)
    return str(value) == text


def allows(widget, text):
    """Whether the widget allows the value the URL text denotes (the independent oracle)."""
    if widget.type in ("number_input", "slider"):
        try:
            number = float(text)
        except (TypeError, ValueError):
            return False
        if not math.isfinite(number) or not widget.min <= number <= widget.max:
            return False
        return number.is_integer() if is_int_widget(widget) else True
    if widget.type in ("select_slider", "selectbox", "radio", "button_group"):
        return any(same(option, text) for option in option_values(widget))
    if widget.type == "text_input":
        return len(text) <= (widget.proto.max_chars or math.inf)
    if widget.type == "multiselect":  # comma-separated, every part one of the options
        options = option_values(widget)
        return all(any(same(option, part) for option in options) for part in text.split(","))
    if widget.type == "toggle":
        return text in ("0", "1")
    raise AssertionError(widget.type)


# ---------------------------------------------------------------- messages

def template_pattern(key, lang):
    """A regex matching the catalogue text ``key`` in ``lang`` with each placeholder a named group."""
    pattern, seen = "", set()
    for literal, field, _, _ in string.Formatter().parse(messages()[key][lang]):
        pattern += re.escape(literal)
        if field is not None:
            pattern += f"(?P<{field}>.*?)" if field not in seen else ".*?"
            seen.add(field)
    return re.compile(pattern + r"\Z", re.DOTALL)


def url_notices(at, lang):
    """{parameter name: (value shown, default shown)} from the page's common.url_bad notices."""
    pattern = template_pattern("common.url_bad", lang)
    found = {}
    for warning in at.warning:
        match = pattern.match(warning.value)
        if match:
            found[match["name"]] = (match["value"], match["default"])
    return found


def english_fragments(min_words=3):
    """Pieces of English catalogue text (between placeholders) that a Chinese page must not show."""
    pieces = set()
    for entry in messages().values():
        for literal, *_ in string.Formatter().parse(entry["en"]):
            for piece in re.split(r"[.:;!?()“”\n]", literal):
                piece = piece.strip()
                if len(re.findall(r"[A-Za-z]{2,}", piece)) >= min_words and piece not in entry["zh"]:
                    pieces.add(piece)
    return sorted(pieces)


def assert_chinese(text):
    """A Chinese message: it has CJK characters and no English catalogue sentence."""
    assert CJK.search(text), text
    leaked = [piece for piece in english_fragments() if piece in text]
    assert not leaked, (text, leaked)
