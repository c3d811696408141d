"""Shared widgets: the one renderer of text with user data, downloads, empty states, drill-down
tables (a section's definition and SQL: dashboard/ui/section.py)."""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.charts.formats import chart_text
from dashboard.export import safe_csv
from dashboard.ui.core import t

DATA_PAGE = "pages/data.py"
SAY_KINDS = ("markdown", "caption", "info", "warning", "success", "error")
# every ASCII character that markdown or Streamlit's own syntax gives a meaning (links, emphasis,
# headings, lists, tables, HTML, $math$, :color[...] and :material/icon: directives)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$=&])")
# emoji shortcodes (:smile:) are matched on the text after escapes are undone: a zero-width space
# after a colon that touches a word keeps the name from being read as one
_SHORTCODE_COLON = re.compile(r"\\:(?=\S)")
# GitHub-flavoured markdown links bare addresses (a@b.com) and www. names even with their dots escaped
_WWW = re.compile(r"(?i)www(?=\\\.)")


def plain(text) -> str:
    """Text made inert for Streamlit markdown: it shows exactly as written (no link, emphasis, HTML,
    colour, icon or emoji)."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
    escaped = _SHORTCODE_COLON.sub("\\\\:\u200b", escaped)
    # a zero-width space before "@" and after "www" keeps an address or a www. name from being linked
    return _WWW.sub(lambda m: m.group(0) + "\u200b", escaped.replace("@", "\u200b@"))


def say(text, kind: str = "markdown", *, into=None, **kwargs) -> None:
    """The one renderer for a sentence, caption or notice that may carry user data (names, reasons,
    file names, error messages): escaped, then shown as ``st.<kind>`` (markdown, caption, info,
    warning, success, error) in ``into`` (a container or column; default the page)."""
    if kind not in SAY_KINDS:
        raise ValueError(f"say() cannot render as {kind!r}")
    getattr(st if into is None else into, kind)(plain(text), **kwargs)


# the attributes of a plotly trace that may carry user data (names of segments, reasons, CSMs, accounts)
_TRACE_TEXT = ("x", "y", "text", "hovertext", "customdata", "labels", "name")
_TAG_CHARACTERS = re.compile(r"[<>&]")


def _tagged(value) -> bool:
    """Some text in ``value`` (a string, or an array or list of them) that plotly could read as a tag."""
    if isinstance(value, str):
        return bool(_TAG_CHARACTERS.search(value))
    if isinstance(value, np.ndarray):
        return value.dtype.kind in "OUS" and any(_tagged(item) for item in value.ravel())  # not numbers, dates
    if isinstance(value, (list, tuple)):
        return any(_tagged(item) for item in value)
    return False


def _inert(value):
    if isinstance(value, str):
        return chart_text(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_inert(item) for item in value)
    if isinstance(value, np.ndarray) and value.dtype.kind in "OUS":
        return np.vectorize(_inert, otypes=[object])(value)
    return value


def safe_figure(figure):
    """The one place a chart's user text is made inert: plotly reads tags (<a href>, <b>, <br>) and
    entities in axis labels, legends, hovers and titles, so a figure whose data text holds any of < > &
    is drawn from a copy with them written as entities; other figures (nearly all) are drawn as they are."""
    title = getattr(getattr(figure.layout, "title", None), "text", None)
    if not _tagged(title) and not any(_tagged(getattr(trace, a, None)) for trace in figure.data for a in _TRACE_TEXT
                                      if a in trace):
        return figure
    copy = go.Figure(figure)
    for trace in copy.data:
        for attribute in _TRACE_TEXT:
            if attribute in trace and _tagged(getattr(trace, attribute, None)):
                setattr(trace, attribute, _inert(getattr(trace, attribute)))
    if _tagged(title):
        copy.layout.title.text = chart_text(title)
    return copy


def lazy_expander(label: str, *, key: str, icon: str | None = None):
    """An expander whose content the caller builds only while it is open (``.open``): big tables and
    forms are not rebuilt and shipped on every rerun while nobody looks at them."""
    return st.expander(label, key=key, icon=icon, on_change="rerun")


def download_csv(frame: pd.DataFrame, filename: str, *, key: str) -> None:
    """A CSV download of ``frame``, written when the button is pressed (not on every render: the CSVs
    of a page's tables were a twentieth of its render)."""
    st.download_button(t("common.download_csv"), functools.partial(safe_csv, frame), file_name=filename,
                       mime="text/csv", key=key, icon=":material/download:", on_click="ignore")


# the rows a table puts on screen: a 1M-account book's drill-downs hold hundreds of thousands, which
# the browser would receive and lay out on every rerun (the CSV keeps every row)
TABLE_LIMIT = 1000


def table(frame: pd.DataFrame, filename: str, *, key: str, column_config: dict | None = None,
          height: int | None = None, limit: int = TABLE_LIMIT) -> None:
    """A data table (never rendered as HTML) with its CSV download beneath: the first ``limit`` rows on
    screen, in the frame's order, and every row in the CSV."""
    if frame.empty:
        st.caption(t("common.no_rows"))
        return
    shown = frame if len(frame) <= limit else frame.head(limit)
    st.dataframe(blanks_empty(shown), hide_index=True, column_config=counts_separated(shown, column_config),
                 height=height or "auto")
    if len(frame) > limit:
        st.caption(t("common.rows_shown", shown=f"{limit:,}", total=f"{len(frame):,}"))
    download_csv(frame, filename, key=key)


def blanks_empty(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` for the screen: an empty text cell is shown empty, not as the grid's grey "None" (a
    missing number keeps its marker: an empty cell could be read as 0)."""
    dtypes = frame.dtypes
    text = [c for c, kind in dtypes.items() if pd.api.types.is_object_dtype(kind) or pd.api.types.is_string_dtype(kind)]
    if not text:
        return frame
    gaps = frame[text].isna().any()
    text = [c for c in text if gaps[c]]
    if not text:
        return frame
    shown = frame.copy()
    for column in text:
        values = shown[column]
        # only columns of text: a column of dates or lists keeps its values (and its grid type); the
        # kind is inferred in C (a loop over the cells was a tenth of a page's render)
        if pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):
            shown[column] = values.astype(object).where(values.notna(), "")
    return shown


def counts_separated(frame: pd.DataFrame, column_config: dict | None) -> dict:
    """``column_config`` with every whole-number column that has no number format of its own shown with
    thousands separators (1,869, not 1869); a year (2026) keeps its digits as they are."""
    config = dict(column_config or {})
    for column in frame.columns:
        values = frame[column]
        if (not pd.api.types.is_integer_dtype(values) or pd.api.types.is_bool_dtype(values)
                or "year" in str(column).lower()):
            continue
        current = config.get(column)
        if current is None or (isinstance(current, dict) and "type_config" not in current):
            current = current or {}
            config[column] = st.column_config.NumberColumn(current.get("label") or str(column), help=current.get("help"),
                                                           format="localized")
    return config


def missing_table(table_name: str) -> None:
    """Empty state for a page whose input table is not loaded; links to the Data page."""
    st.info(t("common.missing_table", table=table_name), icon=":material/upload_file:")
    st.page_link(DATA_PAGE, label=t("common.go_data"), icon=":material/arrow_forward:")


def missing_revenue() -> None:
    """Empty state for a page that needs revenue: either revenue table will do; links to the Data page."""
    st.info(t("common.missing_revenue"), icon=":material/upload_file:")
    st.page_link(DATA_PAGE, label=t("common.go_data"), icon=":material/arrow_forward:")


def pending(page_key: str) -> None:
    """Plain notice for a page whose issue has not landed yet."""
    st.info(t("common.pending_body", page=t(page_key)), icon=":material/construction:")
    st.page_link(DATA_PAGE, label=t("common.go_data"), icon=":material/arrow_forward:")
