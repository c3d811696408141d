"""A version's derived tables are built when it is committed, not on the first page view (issue 14),
and a page opened while they build says so and waits with a progress bar."""

from __future__ import annotations

import threading

import pandas as pd

from dashboard import ingest, loading, prepare, schema, store
from tests.conftest import open_page
from tests.identities import ME

# what the pages' default views read, for the sample's default as-of month
BUILT = ("account_product_month_mrr", "account_month_mrr", "account_month_movements", "monthly_movements",
         "nrr_trend", "contract_ends", "cohort_accounts", "cohort_cube", "time_to_value_levels",
         "time_to_value_cube", "health_measure_values", "health_measures", "revenue_as_of_month", "bridge_units",
         "churn_matching", "churn_mrr_history")


def _derived(con, version: int) -> set[str]:
    return {name for (name,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = ?", [store.schema_name(version)]).fetchall()
        if name not in schema.TABLES}


def test_the_sample_is_prepared_when_committed(tmp_path):
    con = store.connect(tmp_path / "s.duckdb")
    version = loading.load_sample(con, by=ME)
    built = _derived(con, version)
    for prefix in BUILT:
        assert any(name.startswith(prefix) for name in built), (prefix, sorted(built))
    # the months the churn page's default window reads before its churns, older than the recent ones
    assert len([name for name in built if name.startswith("health_measures_") and "_at_" in name]) == 5
    assert prepare.progress(con, version) is None  # nothing left running
    assert prepare.prepare(con) and _derived(con, version) == built  # a second run builds nothing new
    con.close()


def test_a_first_page_view_builds_nothing(sample_db, monkeypatch):
    con = store.connect(sample_db)
    version = store.current_version(con)
    before = _derived(con, version)
    con.close()
    for page in ("pages/nrr.py", "pages/cohorts.py", "pages/churn.py"):
        open_page(sample_db, monkeypatch, page)
    con = store.connect(sample_db)  # as the app holds it (one process keeps one configuration per file)
    try:
        assert _derived(con, version) == before
    finally:
        con.close()


def test_a_loaded_file_is_prepared_on_either_path(sample_db_template, tmp_path):
    """The one-pass loader (a clean CSV) and the staged path (an Excel-ish CSV in CP932) both leave the
    new version prepared, so the command line's first read-only query finds its grids."""
    source = store.connect(sample_db_template, read_only=True)
    subscriptions = store.query(source, "SELECT * FROM subscriptions")
    source.close()
    clean = tmp_path / "subscriptions.csv"
    subscriptions.to_csv(clean, index=False)
    japanese = tmp_path / "契約.csv"
    subscriptions.rename(columns={"account_id": "顧客ID", "start_date": "開始日", "end_date": "終了日", "mrr": "月額"}) \
        .assign(開始日=lambda f: pd.to_datetime(f["開始日"]).dt.strftime("%Y/%m/%d")) \
        .to_csv(japanese, index=False, encoding="cp932")
    for path in (clean, japanese):
        con = store.connect(tmp_path / f"{path.stem}.duckdb")
        prepared, version = ingest.ingest_file(con, path, "subscriptions", by=ME)
        assert version is not None, [str(p) for p in prepared.problems]
        built = _derived(con, version)
        assert any(name.startswith("account_month_mrr_") for name in built), (path.name, sorted(built))
        assert any(name.startswith("nrr_trend_") for name in built), (path.name, sorted(built))
        con.close()


def test_a_page_opened_while_a_version_is_prepared_waits_for_it(sample_db, monkeypatch):
    """Another session's load is still preparing the version this render reads: the page polls the
    preparation (showing a progress bar) and renders once it is done, without an error."""
    con = store.connect(sample_db)
    version = store.current_version(con)
    key = (prepare._database(con), version)
    con.close()
    from dashboard.i18n import Msg

    prepare._RUNNING[key] = prepare.Progress(version, 1, 3, Msg("prepare.cohorts"))
    asked = []
    real = prepare.progress

    def counting(con, v):
        state = real(con, v)
        asked.append(state)
        return state

    monkeypatch.setattr(prepare, "progress", counting)
    finish = threading.Timer(1.5, lambda: prepare._RUNNING.pop(key, None))
    finish.start()
    try:
        at = open_page(sample_db, monkeypatch, "pages/nrr.py")
    finally:
        finish.cancel()
        prepare._RUNNING.pop(key, None)
    assert any(state is not None for state in asked) and asked[-1] is None  # it waited, then went on
    assert not at.error and at.title


def test_a_version_that_cannot_be_computed_is_committed_all_the_same(tmp_path, caplog):
    """Preparing is a head start, not a check: a version whose revenue a query cannot compute stays
    committed (the pages say what is wrong), and the failure is logged."""
    con = store.connect(tmp_path / "b.duckdb")
    loading.load_sample(con, by=ME)
    frame = pd.DataFrame({"account_id": ["A1"], "month": ["2024-01-01"], "mrr": [10.0]})
    version = store.commit(con, [store.Load("mrr_monthly", frame, "m.csv")], by=ME)
    con.execute(f"DROP TABLE {store.schema_name(version)}.mrr_monthly")  # as a damaged file would leave it
    with caplog.at_level("WARNING", logger="dashboard.prepare"):
        assert prepare.prepare(con) == {}
    assert "not prepared" in caplog.text
    assert store.current_version(con) == version
    con.close()
