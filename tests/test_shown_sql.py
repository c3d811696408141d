"""The SQL each section shows is the SQL that ran: re-executed as shown, on a fresh connection with no
search path (as pasted into the DuckDB shell), every step returns the rows it gave the section."""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st

from dashboard import store, trace
from dashboard.ui import section
from tests.conftest import open_page

PAGES = ["pages/data.py", "pages/nrr.py", "pages/cohorts.py", "pages/churn.py", "pages/health.py", "pages/coverage.py"]


@pytest.fixture
def recorded(monkeypatch):
    """Keep each step's result, start with empty caches (cached steps carry no results) and no record."""
    monkeypatch.setitem(trace.KEEP_RESULTS, "on", True)
    st.cache_data.clear()
    st.cache_resource.clear()
    section.SHOWN.clear()
    yield section.SHOWN
    section.SHOWN.clear()
    st.cache_data.clear()
    st.cache_resource.clear()


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reset_index(drop=True)
    return frame.sort_values(list(frame.columns), kind="stable", na_position="first").reset_index(drop=True)


def replay_section(db, steps: list[trace.Step]) -> int:
    """Run a section's shown SQL in order on one fresh cursor; return how many steps were compared."""
    con = store.connect(db)
    cur = con.cursor()
    try:
        tables = trace.version_tables(cur, {s.version for s in steps if s.version is not None})
        compared = 0
        for step in steps:
            sql = trace.runnable(step, tables.get(step.version, ()))
            assert "$" not in sql.split("--")[0] or "'$" in sql, sql
            if step.builds and step.builds.startswith("temp."):
                cur.execute(sql)
                continue
            got = cur.execute(sql).df()
            if step.builds:
                want = cur.execute(f"SELECT * FROM {step.builds}").df()
            else:
                assert step.result is not None, step.sql
                want = step.result
            pd.testing.assert_frame_equal(_sorted(got), _sorted(want), check_dtype=False)
            compared += 1
        return compared
    finally:
        cur.close()
        con.close()


@pytest.mark.parametrize("page", PAGES)
def test_every_shown_statement_returns_the_rows_it_gave(sample_db, monkeypatch, recorded, page):
    open_page(sample_db, monkeypatch, page)
    assert recorded, f"{page} drew no section"
    for key, steps in recorded:
        if steps:
            assert replay_section(sample_db, steps) > 0, key
