"""The one guard between a page and a traceback: a page (or the sidebar, or one section of the Data
page) that fails to compute shows what went wrong and a link to the Data page, where any version can
be made current again."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from dashboard.ui.core import t
from dashboard.ui.widgets import DATA_PAGE, say

log = logging.getLogger(__name__)


@contextmanager
def guarded(where: str = "page") -> Iterator[None]:
    """Run the block; on an error show it in one line with a link to the Data page instead of a
    traceback. Streamlit's own control flow (st.stop, st.rerun, st.switch_page) passes through: it
    is not an ``Exception``."""
    try:
        yield
    except Exception as exc:
        log.exception("%s failed to render", where)
        # the first line names the problem (DuckDB adds the failing statement and hints below it)
        first = (str(exc).strip().splitlines() or [""])[0][:300]
        say(t("common.page_failed", error=f"{type(exc).__name__}: {first}"), "error", icon=":material/error:")
        st.page_link(DATA_PAGE, label=t("common.page_failed_link"), icon=":material/history:")
