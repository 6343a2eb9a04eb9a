"""Entry point and overview page: `streamlit run streamlit_app.py`.

The chapter pages live in `pages/` and are found by Streamlit's pages directory;
every page draws the same sidebar through `ui.shell.page` (see README, Architecture).
"""
import streamlit as st

from ui.i18n import t
from ui.shell import PAGES, page

with page("home"):
    st.title(t("app.title"))
    st.markdown(t("home.intro"))
    st.subheader(t("home.map"))
    for page_id, path, icon in PAGES[1:]:
        with st.container(border=True):
            st.page_link(path, label=t(f"nav.{page_id}"), icon=icon)
            st.markdown(t(f"home.{page_id}"))
            st.caption(t("home.try", tip=t(f"home.{page_id}_try")))
    st.markdown(t("home.book"))
    st.caption(t("home.credit"))
