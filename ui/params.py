"""Widgets whose values are mirrored in the URL, so a link reopens the same setting.

Every widget here is keyed ``"<page>.<name>"`` and its value is also kept under a plain
session key (Streamlit drops a widget's state on pages that do not draw it, so the
plain copy brings it back when the student returns).  On the first run of a page the
value comes from the URL if it is valid, else from the kept copy, else the default; an
invalid URL value is reported through :func:`url_notices` and replaced by the default.

The values are collected during the script run and written to the URL once, at its end
(:func:`write_url`, called by ``ui.shell.page``): the browser adds a history entry for
every change of the query string, so writing them one by one made Back step through
the settings of one page instead of returning to the previous page.
"""
import math

import streamlit as st

from ui.i18n import literal

KEEP = "keep."  # prefix of the plain copies
NOTICES = "url_notices"
URL_STATE = "url.this_run"  # {name: text} published during this script run, written by write_url
LABELS = "labels."  # prefix: the option labels a choice widget was last drawn with


def _parse_float(raw):
    value = float(raw)
    if not math.isfinite(value):
        raise ValueError(raw)
    return value


def _parse_int(raw):
    value = float(raw)
    if not value.is_integer():
        raise ValueError(raw)
    return int(value)


def _format(value):
    if isinstance(value, (list, tuple)):
        return ",".join(_format(v) for v in value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value) if value != int(value) or abs(value) >= 1e16 else str(int(value))
    return str(value)


def _quoted(raw):
    """The start of a rejected link value as literal text for a markdown message (no links, math, lines)."""
    return literal("".join(c if c.isprintable() else " " for c in raw[:40]))


def _initial(page, name, default, accept):
    """The value a widget starts with; ``accept(raw) -> value`` raises ValueError if invalid."""
    key = f"{page}.{name}"
    if key in st.session_state:
        return key
    value = st.session_state.get(KEEP + key, default)
    raw = st.query_params.get(name)
    if raw is not None:
        try:
            value = accept(raw)
        except (ValueError, TypeError, OverflowError):
            st.session_state.setdefault(NOTICES, []).append((name, _quoted(raw), _format(default)))
            value = default
    st.session_state[key] = value
    return key


def _record(name, value):
    st.session_state.setdefault(URL_STATE, {})[name] = _format(value)


def _publish(page, name, key):
    value = st.session_state[key]
    st.session_state[KEEP + key] = value
    _record(name, value)
    return value


def begin_run():
    """Forget the previous run's URL values (called when a page's script run starts)."""
    st.session_state[URL_STATE] = {}


def _wanted(first):
    """The URL as it should be: what it says now (a link may set a widget that this run did not
    draw, e.g. a formula while a preset is chosen), updated with ``first`` and this run's values."""
    return {**st.query_params.to_dict(), **{name: str(value) for name, value in first.items()},
            **st.session_state.get(URL_STATE, {})}


def url_agrees(**first):
    """Whether every setting the URL names has the value in use (the URL may name fewer)."""
    wanted = _wanted(first)
    return all(wanted[name] == value for name, value in st.query_params.to_dict().items())


def write_url(**first):
    """Write ``first`` (e.g. lang) and every value published in this run to the URL, in one
    message and only if it changed: one history entry per page visit, none for a rerun."""
    wanted = _wanted(first)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def _within(low, high, parse):
    def accept(raw):
        value = parse(raw)
        if not low <= value <= high:
            raise ValueError(raw)
        return value
    return accept


def _one_of(options):
    def accept(raw):
        for option in options:
            if _format(option) == raw:
                return option
            if isinstance(option, (int, float)) and not isinstance(option, bool):
                try:
                    if math.isclose(float(raw), option, rel_tol=1e-9):
                        return option
                except ValueError:
                    pass
        raise ValueError(raw)
    return accept


def slider(page, name, label, min_value, max_value, default, step=None, container=None, **kwargs):
    """``st.slider`` for one int or float, mirrored in the URL as ``name``."""
    parse = _parse_int if isinstance(default, int) else _parse_float
    key = _initial(page, name, default, _within(min_value, max_value, parse))
    (container or st).slider(label, min_value, max_value, step=step, key=key, **kwargs)
    return _publish(page, name, key)


def number(page, name, label, min_value, max_value, default, step=None, container=None, **kwargs):
    """``st.number_input`` for one int or float, mirrored in the URL as ``name``."""
    parse = _parse_int if isinstance(default, int) else _parse_float
    key = _initial(page, name, default, _within(min_value, max_value, parse))
    (container or st).number_input(label, min_value, max_value, step=step, key=key, **kwargs)
    return _publish(page, name, key)


def _follow_labels(key, options, format_func):
    """Make the browser show the chosen option again when the options' labels change.

    Streamlit 1.67 keeps a choice widget's value in the browser as the *label* of the
    chosen option, and knows the widget by its key alone. After a language switch the
    browser still holds the old label, which matches none of the new ones, so no option
    looks chosen; the server has the right value and, seeing no change, sends nothing.
    Setting the value again before the widget is drawn makes Streamlit send it, under
    its new label.
    """
    labels = tuple(str(format_func(option)) for option in options)
    drawn_with = st.session_state.get(LABELS + key)
    st.session_state[LABELS + key] = labels
    if drawn_with is not None and drawn_with != labels and key in st.session_state:
        st.session_state[key] = st.session_state[key]


def choice(page, name, label, options, default, widget="selectbox", container=None, **kwargs):
    """A choice among ``options`` (selectbox, radio, select_slider or segmented_control)."""
    options = list(options)
    key = _initial(page, name, default, _one_of(options))
    _follow_labels(key, options, kwargs.get("format_func", str))
    draw = getattr(container or st, widget)
    draw(label, options, key=key, **kwargs)
    if st.session_state[key] is None:  # a segmented control can be cleared
        st.session_state[KEEP + key] = default
        _record(name, default)
        return default
    return _publish(page, name, key)


def multi(page, name, label, options, default, container=None, **kwargs):
    """``st.multiselect`` mirrored in the URL as comma-separated values; returns the chosen
    options in the options' order (possibly none: the page says what is missing)."""
    options = list(options)
    one = _one_of(options)

    def accept(raw):
        chosen = {one(v) for v in raw.split(",")}
        return [o for o in options if o in chosen]

    key = _initial(page, name, list(default), accept)
    st.session_state[key] = [o for o in st.session_state[key] if o in options]
    _follow_labels(key, options, kwargs.get("format_func", str))
    (container or st).multiselect(label, options, key=key, **kwargs)
    value = [o for o in options if o in st.session_state[key]]
    st.session_state[KEEP + key] = value
    _record(name, value)
    return value


def text(page, name, label, default, max_chars, container=None, **kwargs):
    """``st.text_input`` mirrored in the URL; longer URL values are rejected, not cut."""
    def accept(raw):
        if len(raw) > max_chars:
            raise ValueError(raw)
        return raw
    key = _initial(page, name, default, accept)
    (container or st).text_input(label, max_chars=max_chars, key=key, **kwargs)
    return _publish(page, name, key)


def toggle(page, name, label, default, container=None, **kwargs):
    """``st.toggle`` mirrored in the URL as 1/0."""
    def accept(raw):
        if raw not in ("0", "1"):
            raise ValueError(raw)
        return raw == "1"
    key = _initial(page, name, default, accept)
    (container or st).toggle(label, key=key, **kwargs)
    return _publish(page, name, key)


def set_value(page, name, value):
    """Change a widget's value from a callback (presets); the URL follows on the rerun."""
    st.session_state[f"{page}.{name}"] = value
    st.session_state[KEEP + f"{page}.{name}"] = value


def pop_notices():
    """[(name, raw value quoted for markdown, default used)] for URL values rejected on this run."""
    return st.session_state.pop(NOTICES, [])
