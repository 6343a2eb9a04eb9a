"""Translation catalogue: every user-visible string goes through ``t(key)``.

Each page keeps its strings in ``ui/catalogue/<page>.py`` as
``TEXT = {key: {"en": ..., "zh": ...}}`` so the two languages sit side by side and a
test can check that none is missing.
"""
import importlib
import pkgutil
from functools import lru_cache

import streamlit as st

from ui import catalogue

LANGUAGES = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"
LANG_STATE = "language"  # plain session_state key: survives pages that do not draw the widget


@lru_cache(maxsize=1)
def messages():
    """All catalogue entries merged: {key: {"en": str, "zh": str}}."""
    merged = {}
    for module in pkgutil.iter_modules(catalogue.__path__):
        text = importlib.import_module(f"{catalogue.__name__}.{module.name}").TEXT
        clash = merged.keys() & text.keys()
        if clash:
            raise KeyError(f"catalogue keys defined twice: {sorted(clash)}")
        merged.update(text)
    return merged


def language_from_locale(locale):
    """'zh-CN', 'zh_TW', 'zh' -> 'zh'; anything else (or None) -> 'en'."""
    if isinstance(locale, str) and locale.lower().startswith("zh"):
        return "zh"
    return DEFAULT_LANGUAGE


def current_language():
    """The session's language code; the browser's locale decides until the user chooses."""
    lang = st.session_state.get(LANG_STATE)
    if lang not in LANGUAGES:
        lang = language_from_locale(getattr(st.context, "locale", None))
        st.session_state[LANG_STATE] = lang
    return lang


def t(key, lang=None, **values):
    """The text for ``key`` in the session's language, formatted with ``values``."""
    entry = messages()[key]
    text = entry[lang or current_language()]
    return text.format(**values) if values else text


def labeler(prefix):
    """A ``format_func`` for widget options: option -> t(prefix + option), in today's language.

    The language is fixed when the widget is drawn, because Streamlit may call the
    function later, outside the script run, where the session's choice is not visible.
    """
    lang = current_language()
    return lambda option: t(f"{prefix}{option}", lang)


def number(value, digits=6):
    """A number for display: ``digits`` significant digits, scientific when tiny or huge."""
    return f"{float(value):.{digits}g}"


MARKUP = "\\`*_[]<>$~|:#"  # characters that could turn typed text into markup, a link or math


def literal(text, markup=MARKUP):
    """Text a user typed (or a link carried), quoted in a markdown message: every character
    of ``markup`` backslash-escaped, so it shows as typed and never as markup or math."""
    return "".join("\\" + c if c in markup else c for c in text)
