"""Placeholder until the page is written."""
import streamlit as st

from ui.i18n import t
from ui.shell import page

with page("training"):
    st.title(t("nav.training"))
