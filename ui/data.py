"""The data sets, loaded once per process and shared read-only by every session."""
import streamlit as st

from core import mnist

SOURCE_STATE = "data_source"  # "sample" or "full", per session


@st.cache_resource(show_spinner=False)
def sample():
    """The embedded 10,000-digit sample split 8,000 / 2,000 (read-only uint8)."""
    return mnist.load_sample()


@st.cache_resource(show_spinner=False, max_entries=1)
def full(_progress=None):
    """Full MNIST; the first call may download it (raises MnistDownloadError when it cannot)."""
    return mnist.load_full(progress=_progress)


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
