"""A table puts its first rows on screen and every row in its CSV: a 1M-account book's drill-downs hold
hundreds of thousands of rows, which the browser would otherwise receive and lay out on every rerun."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page(rows: int, limit: int | None):
    def script():
        import pandas as pd
        import streamlit as st

        from dashboard.ui.widgets import table

        frame = pd.DataFrame({"account_id": [f"A{i:06d}" for i in range(st.session_state["rows"])]})
        kwargs = {} if st.session_state["limit"] is None else {"limit": st.session_state["limit"]}
        table(frame, "accounts.csv", key="accounts_csv", **kwargs)

    at = AppTest.from_function(script, default_timeout=60)
    at.session_state["rows"], at.session_state["limit"] = rows, limit
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_long_table_shows_its_first_rows_and_says_so():
    from dashboard.ui.widgets import TABLE_LIMIT

    at = _page(TABLE_LIMIT + 123, None)
    shown = at.dataframe[0].value
    assert len(shown) == TABLE_LIMIT and shown["account_id"].iloc[0] == "A000000"
    assert shown["account_id"].iloc[-1] == f"A{TABLE_LIMIT - 1:06d}"  # the first rows, in the frame's order
    assert [c.value for c in at.caption] == [f"Showing the first {TABLE_LIMIT:,} of {TABLE_LIMIT + 123:,} rows; "
                                             "the CSV has them all."]


def test_the_csv_of_a_long_table_has_every_row(monkeypatch):
    from dashboard.ui import widgets

    handed = []
    original = widgets.download_csv

    def recording(frame, filename, *, key):
        handed.append(len(frame))
        original(frame, filename, key=key)

    monkeypatch.setattr(widgets, "download_csv", recording)
    at = _page(12, 5)
    assert len(at.dataframe[0].value) == 5
    assert handed == [12]  # the download button is given the whole frame
    assert at.get("download_button")


def test_a_short_table_is_shown_whole_without_a_note():
    at = _page(40, None)
    assert len(at.dataframe[0].value) == 40 and not at.caption
