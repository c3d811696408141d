"""The sidebar every page shares: dataset version, sample badge and display settings."""

from __future__ import annotations

import duckdb
import streamlit as st

from dashboard import settings, store
from dashboard.i18n import LANGUAGES
from dashboard.ui.core import t
from dashboard.ui.period import as_of_picker


def sidebar(con: duckdb.DuckDBPyConnection) -> None:
    with st.sidebar:
        version = store.current_version(con)
        if version is None:
            st.caption(t("sidebar.no_data"))
        else:
            st.caption(t("sidebar.version", version=version))
        if store.is_sample(con, version):
            st.badge(t("sidebar.sample_badge"), icon=":material/science:", color="orange")
            st.caption(t("sidebar.sample_help"))
        as_of_picker()
        with st.expander(t("sidebar.settings"), icon=":material/tune:"):
            st.selectbox(t("sidebar.language"), list(LANGUAGES), key="lang",
                         format_func=LANGUAGES.__getitem__)
            st.selectbox(t("sidebar.currency"), list(settings.CURRENCIES), key="currency",
                         help=t("sidebar.currency_help"))
            st.selectbox(t("sidebar.decimals"), [0, 1, 2], key="decimals", help=t("sidebar.decimals_help"),
                         disabled=st.session_state.get("currency") in settings.ZERO_DECIMAL_CURRENCIES)
            st.selectbox(t("sidebar.fiscal_start"), list(range(1, 13)), key="fiscal_start",
                         format_func=lambda m: t(f"month.{m}"), help=t("sidebar.fiscal_help"))
