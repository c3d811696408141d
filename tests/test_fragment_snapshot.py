"""A section drawn as a fragment (its own widgets rerun it alone) reads the version the rest of the
page shows, and a version loaded elsewhere since reruns the whole page instead (issue 14)."""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st

from dashboard import store
from dashboard.ui import snapshot
from tests.identities import ME


class WholePage(Exception):
    pass


@pytest.fixture
def two_versions(tmp_path, monkeypatch):
    con = store.connect(tmp_path / "f.duckdb")
    for name in ("One", "Two"):
        store.commit(con, [store.Load("accounts", pd.DataFrame({"account_id": ["A"], "account_name": [name]}),
                                      "accounts.csv")], by=ME)
    monkeypatch.setattr(snapshot, "connection", lambda: con)

    def rerun(*, scope="fragment"):
        raise WholePage(scope)

    monkeypatch.setattr(st, "rerun", rerun)
    yield con
    con.close()


def _names(con) -> list[str]:
    return store.query(con, "SELECT account_name FROM accounts")["account_name"].tolist()


def test_the_section_reads_the_version_the_page_shows(two_versions):
    st.session_state[snapshot.SEEN] = 2
    assert snapshot.on_seen_version(_names, two_versions) == ["Two"]


def test_a_version_loaded_since_reruns_the_whole_page(two_versions):
    st.session_state[snapshot.SEEN] = 1  # the page on screen shows version 1; version 2 came since
    with pytest.raises(WholePage) as raised:
        snapshot.on_seen_version(_names, two_versions)
    assert str(raised.value) == "app"
