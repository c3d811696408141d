"""The Data page's "Connect a data source" section (issue 17) in AppTest: test a Parquet source, preview
the aggregate with the SQL the engine runs, load it as a new version, save it; a viewer sees no form and
an editor may save but not load; the Health page scores from the pulled usage."""

from __future__ import annotations

import pandas as pd
from pandas.testing import assert_frame_equal

from dashboard import store
from dashboard.sources import saved
from tests import engines
from tests.conftest import open_page
from tests.test_access_pages import signed


def _texts(at) -> str:
    """Every sentence and notice on the page, as read."""
    return " ".join(str(e.value) for kind in ("markdown", "caption", "info", "warning", "error", "success")
                    for e in getattr(at, kind)).replace("\\", "").replace("\u200b", "")


def _own(tmp_path):
    db = tmp_path / "own.duckdb"
    engines.own_db(db).close()
    return db, engines.write_parquet(tmp_path / "export" / "events.parquet")


def _connect(at, parquet):
    at.text_input(key="sources.url").set_value(str(parquet))
    at.button(key="sources.test").click()
    at.run()
    assert not at.exception
    assert "Connected to parquet" in _texts(at)
    assert at.selectbox(key="sources.col.account").options[0] == "account_ref"
    for role, column in engines.COLUMNS.items():
        at.selectbox(key=f"sources.col.{role}").set_value(column)
    at.text_area(key="sources.map").set_value("\n".join(f"{e}={m}" for e, m in engines.MAP.items()))
    at.run()


def test_connect_preview_load_and_save_a_parquet_source(tmp_path, monkeypatch):
    db, parquet = _own(tmp_path)
    at = open_page(db, monkeypatch, "pages/data.py")
    assert "Connect a data source" in [h.value for h in at.header]
    _connect(at, parquet)
    at.button(key="sources.preview_button").click()
    at.run()
    assert not at.exception
    assert "11 rows: 3 accounts, 3 months (2026-01 to 2026-03), measures active_users, features_used, logins, seats." \
        in _texts(at)
    preview = next(d.value for d in at.dataframe if "metric" in d.value.columns)
    assert preview["metric"].tolist() == engines.expected_usage()["metric"].tolist()
    # the engine's own statement, compiled by Ibis: over the events, grouped by account and month
    sql = [c.value for c in at.code if '"account_ref"' in c.value]
    assert len(sql) == 1 and 'FROM "events"' in sql[0] and "GROUP BY" in sql[0] and "COUNT(DISTINCT" in sql[0]
    at.button(key="sources.load").click()
    at.run()
    assert not at.exception
    assert "Pulled 11 rows (kept 0 earlier rows): version 2 is current." in _texts(at)
    con = store.connect(db)
    usage = store.query(con, "SELECT * FROM usage ORDER BY account_id, month, metric", record=False)
    usage["month"] = pd.to_datetime(usage["month"]).dt.date
    assert_frame_equal(usage, engines.expected_usage())
    con.close()
    # a second preview is incremental: March, the last month loaded, is complete, so nothing is new
    # until "every month" is ticked
    at.button(key="sources.preview_button").click()
    at.run()
    assert "No events from 2026-04 on: the months before are already loaded." in _texts(at)
    at.checkbox(key="sources.full").check()
    at.button(key="sources.preview_button").click()
    at.run()
    assert "11 rows: 3 accounts" in _texts(at)
    # saved under a name, without secrets; picked again, it fills the form
    at.text_input(key="sources.name").set_value("product lake")
    at.button(key="sources.save").click()
    at.run()
    assert not at.exception and "Saved the source product lake" in _texts(at)
    assert at.selectbox(key="sources.saved").value == "product lake"
    # the Health page scores from the pulled usage
    at.switch_page("pages/health.py")
    at.run()
    assert not at.exception


def test_a_failure_says_what_is_wrong_and_changes_nothing(tmp_path, monkeypatch):
    db, parquet = _own(tmp_path)
    at = open_page(db, monkeypatch, "pages/data.py")
    at.text_input(key="sources.url").set_value(str(parquet.parent / "missing-*.parquet"))
    at.button(key="sources.test").click()
    at.run()
    assert not at.exception
    assert "The source could not be used: no Parquet file matches" in _texts(at)
    assert not at.get("selectbox") or "sources.col.account" not in {s.key for s in at.selectbox}


def test_a_viewer_sees_no_form_and_an_editor_may_save_but_not_load(tmp_path, monkeypatch):
    db, parquet = _own(tmp_path)
    at = signed(db, monkeypatch, tmp_path, "vera@example.com", "pages/data.py")
    assert "Connect a data source" in [h.value for h in at.header]
    assert "sources.url" not in {w.key for w in at.text_input} and "sources.test" not in {b.key for b in at.button}
    at = signed(db, monkeypatch, tmp_path, "eddie@example.com", "pages/data.py")
    _connect(at, parquet)
    keys = {b.key for b in at.button}
    assert "sources.save" in keys and "sources.load" not in keys
    at.text_input(key="sources.name").set_value("lake")
    at.button(key="sources.save").click()
    at.run()
    con = store.connect(db)
    assert saved.listed(con)[["name", "saved_by"]].values.tolist() == [["lake", "eddie@example.com"]]
    con.close()
