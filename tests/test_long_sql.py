"""A statement that binds tens of thousands of values is shown in part, with the whole of it as a file:
the browser highlighted 235 KB of SQL on every rerun of the churn page on a 1M-account book."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page(chars: int):
    def script():
        import streamlit as st

        from dashboard.ui.section import _sql

        _sql("SELECT " + "1 + " * (st.session_state["chars"] // 4) + "1", "long.sql.1", "churn_matching")

    at = AppTest.from_function(script, default_timeout=60)
    at.session_state["chars"] = chars
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_long_statement_shows_its_start_and_offers_the_whole():
    from dashboard.ui.section import SQL_SHOWN_CHARS

    at = _page(SQL_SHOWN_CHARS * 5)
    shown = at.code[0].value
    assert len(shown) < SQL_SHOWN_CHARS + 20 and shown.startswith("SELECT 1 + 1 + ") and shown.endswith("-- ...")
    assert "characters long" in at.caption[0].value
    assert at.get("download_button")


def test_a_short_statement_is_shown_whole():
    at = _page(400)
    assert at.code[0].value.endswith("1 + 1") and not at.caption and not at.get("download_button")
