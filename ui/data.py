"""The data sets, loaded once per process and shared read-only by every session."""
import threading

import streamlit as st

from core import mnist

SOURCE_STATE = "data_source"  # "sample" or "full", per session


@st.cache_resource(show_spinner=False)
def sample():
    """The embedded 10,000-digit sample split 8,000 / 2,000 (read-only uint8)."""
    return mnist.load_sample()


_full = []
_full_lock = threading.Lock()


def full(progress=None):
    """Full MNIST, loaded once per process; the first call may download it.

    Raises MnistDownloadError when it cannot.  Not st.cache_resource: the download
    reports progress to the page, which a cached function may not draw on.  Sessions
    that ask while another one downloads wait for it and share the result.
    """
    with _full_lock:
        if not _full:
            _full.append(mnist.load_full(progress=progress))
        return _full[0]


def forget_full():
    """Drop the loaded full data set (tests)."""
    with _full_lock:
        _full.clear()


def full_available():
    """Full MNIST is in this process already or its files are in the cache folder."""
    try:
        return mnist.full_is_cached()
    except OSError:
        return False


def current():
    """The data set this session trains on; falls back to the sample if full is unavailable."""
    if st.session_state.get(SOURCE_STATE) == "full" and full_available():
        try:
            return full()
        except (mnist.MnistDownloadError, ValueError, OSError):
            st.session_state[SOURCE_STATE] = "sample"
    return sample()
