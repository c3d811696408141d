"""AppTest: every page renders on the sample data, and the shell's widgets do what they say."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import store
from tests.conftest import open_page, roll_back_in_app
from tests.identities import ME

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PAGES = ["pages/data.py", "pages/nrr.py", "pages/cohorts.py", "pages/health.py", "pages/coverage.py",
         "pages/churn.py"]


def open_app(db, monkeypatch) -> AppTest:
    return open_page(db, monkeypatch)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_sample_data(page, sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch)
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    assert at.title, "every page has a title"


def test_sidebar_shows_version_and_sample_badge(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch)
    captions = [c.value for c in at.sidebar.caption]
    assert "Dataset version 1" in captions
    assert any("built-in sample company" in c for c in captions)


def test_own_files_never_mix_with_the_sample(sample_db, monkeypatch):
    con = store.connect(sample_db)
    team = pd.DataFrame({"csm": ["Aiko Sato"], "annual_cost": [120_000.0]})
    assert store.commit(con, [store.Load("team", team, "team.csv")], by=ME) == 2
    # the sample's accounts, revenue and usage stay in version 1 only: they would read as the user's
    assert store.version_tables(con)["table"].tolist() == ["team"] and not store.is_sample(con)
    assert store.version_tables(con, 1)["table"].tolist() == ["accounts", "churn_reasons", "subscriptions", "team",
                                                              "usage"]
    con.close()
    at = open_app(sample_db, monkeypatch)
    captions = [c.value for c in at.sidebar.caption]
    assert "Dataset version 2" in captions and not any("sample company" in c for c in captions)


def test_language_switch_translates_the_page(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch)
    assert at.title[0].value == "NRR waterfall"
    # AppTest drops the router's sidebar from the element tree after switch_page, so the language
    # is set on the first page and the switch checks that it follows the session.
    at.sidebar.selectbox(key="display.lang.en").set_value("ja")
    at.run()
    assert not at.exception
    assert at.title[0].value == "NRRウォーターフォール"
    at.switch_page("pages/data.py")
    at.run()
    assert at.title[0].value == "データ"


def test_first_start_on_an_empty_database_loads_the_sample(tmp_path, monkeypatch):
    db = tmp_path / "fresh.duckdb"
    open_app(db, monkeypatch)
    con = store.connect(db)  # same process and config: shares the app's open database
    try:
        assert store.current_version(con) == 1
        assert store.is_sample(con)
        assert set(store.version_tables(con)["table"]) == {"accounts", "subscriptions", "usage", "churn_reasons", "team"}
    finally:
        con.close()


def test_rollback_from_the_data_page(sample_db, monkeypatch):
    con = store.connect(sample_db)
    import pandas as pd
    store.commit(con, [store.Load("team", pd.DataFrame({"csm": ["Only One"]}), "team.csv")], by=ME)
    con.close()
    at = open_app(sample_db, monkeypatch)
    assert "Dataset version 2" in [c.value for c in at.sidebar.caption]
    roll_back_in_app(at, sample_db, 1)


def test_a_new_version_resets_the_rollback_picker_to_it(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch)
    at.switch_page("pages/data.py")
    at.run()
    assert at.selectbox(key="loader.rollback_target").value == 1
    at.button(key="loader.reset_sample").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Dataset version 2" in [c.value for c in at.sidebar.caption]
    # the picker must not stay on the old version with "Switch version" enabled: one click would undo the load
    assert at.selectbox(key="loader.rollback_target").value == 2
    assert at.button(key="loader.rollback").disabled
