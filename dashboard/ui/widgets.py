"""Shared widgets: downloads, definitions, empty states, drill-down tables."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.export import safe_csv
from dashboard.ui.core import t

DATA_PAGE = "pages/data.py"


def download_csv(frame: pd.DataFrame, filename: str, *, key: str) -> None:
    st.download_button(t("common.download_csv"), safe_csv(frame), file_name=filename,
                       mime="text/csv", key=key, icon=":material/download:")


def table(frame: pd.DataFrame, filename: str, *, key: str, column_config: dict | None = None,
          height: int | None = None) -> None:
    """A data table (never rendered as HTML) with its CSV download beneath."""
    if frame.empty:
        st.caption(t("common.no_rows"))
        return
    st.dataframe(frame, hide_index=True, column_config=column_config,
                 height=height or "auto")
    download_csv(frame, filename, key=key)


def definition(text: str, sql: str | None = None) -> None:
    """The expander under a chart: the definition and the exact SQL behind the numbers."""
    with st.expander(t("common.definition")):
        st.markdown(text)
        if sql:
            st.code(sql, language="sql")


def missing_table(table_name: str) -> None:
    """Empty state for a page whose input table is not loaded; links to the Data page."""
    st.info(t("common.missing_table", table=table_name), icon=":material/upload_file:")
    st.page_link(DATA_PAGE, label=t("common.go_data"), icon=":material/arrow_forward:")


def pending(page_key: str) -> None:
    """Plain notice for a page whose issue has not landed yet."""
    st.info(t("common.pending_body", page=t(page_key)), icon=":material/construction:")
    st.page_link(DATA_PAGE, label=t("common.go_data"), icon=":material/arrow_forward:")
