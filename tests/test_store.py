"""The store: versions are immutable, loads are atomic, settings survive loads."""

import threading

import duckdb
import pandas as pd
import pytest

from dashboard import store
from tests.identities import ME

ACCOUNTS = pd.DataFrame({"account_id": ["00123", "00456"], "account_name": ["Acme", "株式会社山田"]})
SUBS = pd.DataFrame({"account_id": ["00123"], "start_date": [pd.Timestamp("2024-01-15")], "mrr": [100.0]})


@pytest.fixture
def con(tmp_path):
    con = store.connect(tmp_path / "t.duckdb")
    yield con
    con.close()


def test_empty_database_has_no_version(con):
    assert store.current_version(con) is None
    assert store.version_tables(con).empty
    assert not store.is_sample(con)


def test_commit_creates_versions_and_carries_unchanged_tables(con):
    v1 = store.commit(con, [store.Load("accounts", ACCOUNTS, "accounts.csv")], by=ME)
    v2 = store.commit(con, [store.Load("subscriptions", SUBS, "subs.csv")], by=ME)
    assert (v1, v2) == (1, 2)
    tables = store.version_tables(con).set_index("table")
    assert tables.loc["accounts", "home_version"] == 1
    assert tables.loc["subscriptions", "rows"] == 1
    ids = store.query(con, "SELECT account_id FROM accounts ORDER BY account_id")["account_id"].tolist()
    assert ids == ["00123", "00456"]
    # canonical columns with canonical types, missing optional columns filled with nulls
    cols = store.query(con, "SELECT column_name, data_type FROM information_schema.columns "
                            "WHERE table_schema = 'v2' AND table_name = 'subscriptions' ORDER BY ordinal_position")
    assert cols["column_name"].tolist() == ["account_id", "start_date", "mrr", "subscription_id", "product", "end_date"]
    assert cols["data_type"].tolist() == ["VARCHAR", "DATE", "DOUBLE", "VARCHAR", "VARCHAR", "DATE"]


def test_versions_are_immutable_and_rollback_switches(con):
    store.commit(con, [store.Load("accounts", ACCOUNTS, "a1.csv")], by=ME)
    store.commit(con, [store.Load("accounts", ACCOUNTS.iloc[:1], "a2.csv")], by=ME)
    assert store.query(con, "SELECT count(*) AS n FROM accounts")["n"].iloc[0] == 1
    store.rollback(con, 1, by=ME)
    assert store.current_version(con) == 1
    assert store.query(con, "SELECT count(*) AS n FROM accounts")["n"].iloc[0] == 2
    assert store.query(con, "SELECT count(*) AS n FROM accounts", version=2)["n"].iloc[0] == 1
    hist = store.history(con)
    assert hist["version"].tolist() == [2, 1]
    assert hist.loc[hist["is_current"], "version"].tolist() == [1]
    with pytest.raises(store.StoreError, match="version 9 does not exist"):
        store.rollback(con, 9, by=ME)


def test_failed_commit_changes_nothing(con):
    store.commit(con, [store.Load("accounts", ACCOUNTS, "a.csv")], by=ME)
    bad = pd.DataFrame({"account_id": ["1"], "start_date": ["not a date"], "mrr": [1.0]})
    with pytest.raises(duckdb.Error):
        store.commit(con, [store.Load("subscriptions", SUBS, "ok.csv"), store.Load("subscriptions", bad, "bad.csv")], by=ME)
    assert store.current_version(con) == 1
    assert store.version_tables(con)["table"].tolist() == ["accounts"]
    assert store.query(con, "SELECT count(*) AS n FROM meta.versions")["n"].iloc[0] == 1
    # the next good load still gets a fresh number and works
    assert store.commit(con, [store.Load("subscriptions", SUBS, "ok.csv")], by=ME) == 2


def test_loading_one_revenue_table_drops_the_other(con):
    store.commit(con, [store.Load("subscriptions", SUBS, "s.csv")], by=ME)
    monthly = pd.DataFrame({"account_id": ["1"], "month": [pd.Timestamp("2024-01-01")], "mrr": [5.0]})
    store.commit(con, [store.Load("mrr_monthly", monthly, "m.csv")], by=ME)
    assert store.version_tables(con)["table"].tolist() == ["mrr_monthly"]


def test_concurrent_commits_all_succeed(tmp_path):
    con = store.connect(tmp_path / "c.duckdb")
    errors: list[BaseException] = []

    def upload(i: int) -> None:
        try:
            frame = pd.DataFrame({"account_id": [f"{i:05d}"]})
            store.commit(con, [store.Load("accounts", frame, f"a{i}.csv")], by=ME)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=upload, args=(i,)) for i in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    assert sorted(store.history(con)["version"]) == [1, 2, 3, 4, 5, 6]


def test_derived_tables_are_built_once_per_version(con):
    store.commit(con, [store.Load("accounts", ACCOUNTS, "a.csv")], by=ME)
    name = store.derived(con, "account_count", "SELECT count(*) AS n FROM accounts")
    assert name == 'v1."account_count"'
    store.commit(con, [store.Load("accounts", ACCOUNTS.iloc[:1], "a.csv")], by=ME)
    # the old version's derived table is untouched; the new one builds its own
    store.derived(con, "account_count", "SELECT count(*) AS n FROM accounts")
    store.derived(con, "account_count", "SELECT 999 AS n")  # exists: not rebuilt
    assert store.query(con, "SELECT n FROM account_count")["n"].iloc[0] == 1
    assert store.query(con, "SELECT n FROM v1.account_count")["n"].iloc[0] == 2
    with pytest.raises(ValueError):
        store.derived(con, "bad name; drop", "SELECT 1")


def test_settings_schema_survives_loads(con):
    with store.cursor(con) as cur:
        cur.execute("CREATE TABLE app.notes (note VARCHAR)")
        cur.execute("INSERT INTO app.notes VALUES (?)", ["keep me"])
    store.commit(con, [store.Load("accounts", ACCOUNTS, "a.csv")], by=ME)
    assert store.query(con, "SELECT note FROM app.notes")["note"].tolist() == ["keep me"]


def test_second_process_gets_a_clear_message(tmp_path):
    path = tmp_path / "locked.duckdb"
    con = store.connect(path)
    store.commit(con, [store.Load("accounts", ACCOUNTS, "a.csv")], by=ME)
    import subprocess
    import sys
    code = ("from dashboard import store\n"
            f"try:\n    store.connect(r'{path}')\nexcept store.StoreError as e:\n    print('STORE', e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "STORE" in out.stdout and "locked.duckdb" in out.stdout


def test_transaction_rolls_back_settings_on_error(con):
    with store.transaction(con) as cur:
        cur.execute("CREATE TABLE app.kv (k VARCHAR PRIMARY KEY, v VARCHAR)")
        cur.execute("INSERT INTO app.kv VALUES (?, ?)", ["a", "1"])
    with pytest.raises(duckdb.ConstraintException):
        with store.transaction(con) as cur:
            cur.execute("INSERT INTO app.kv VALUES (?, ?)", ["b", "2"])
            cur.execute("INSERT INTO app.kv VALUES (?, ?)", ["a", "dup"])
    assert store.query(con, "SELECT k FROM app.kv ORDER BY k")["k"].tolist() == ["a"]


@pytest.mark.parametrize("stem", ["app", "meta", "v3"])
def test_a_database_named_like_an_internal_schema_is_refused_clearly(tmp_path, stem):
    with pytest.raises(store.StoreError, match="cannot be called"):
        store.connect(tmp_path / f"{stem}.duckdb")
    assert not (tmp_path / f"{stem}.duckdb").exists()


def _feature_sql(root, monkeypatch):
    """A package folder whose one feature keeps its queries in ``feature/sql/``."""
    monkeypatch.setattr(store, "PACKAGE_DIR", root)
    sql = root / "feature" / "sql"
    sql.mkdir(parents=True)
    return sql


def test_a_query_reads_another_file_as_one_statement(tmp_path, monkeypatch):
    """``query_table($ref_x)`` writes x.sql in as a CTE ahead of the reader's own, each file once and
    its dependencies first, so the one statement that runs (and is shown) needs nothing built before."""
    sql = _feature_sql(tmp_path, monkeypatch)
    (sql / "base.sql").write_text("-- the numbers\nselect * from range($n) as t(i)\n", encoding="utf-8")
    (sql / "doubled.sql").write_text("with\n\nd as (select i * 2 as j from query_table($ref_base))\n"
                                     "select * from d\n", encoding="utf-8")
    (sql / "report.sql").write_text(
        "-- header stays on top\nwith recursive\n\n"
        "joined as (select b.i, d.j from query_table($ref_base) as b join query_table($ref_doubled) as d "
        "on d.j = b.i * 2)\nselect * from joined order by i\n", encoding="utf-8")
    text = store.load_sql("report")
    assert text.startswith("-- header stays on top\nwith recursive\n")
    assert text.count("base as (") == 1 and text.index("base as (") < text.index("doubled as (")
    assert "$ref_" not in text
    assert store.sql_name(text) == "report"
    assert duckdb.execute(text, {"n": 3}).fetchall() == [(0, 0), (1, 2), (2, 4)]


def test_a_ref_names_its_file_when_the_caller_chooses_it(tmp_path, monkeypatch):
    sql = _feature_sql(tmp_path, monkeypatch)
    (sql / "source_a.sql").write_text("select 'a' as picked\n", encoding="utf-8")
    (sql / "source_b.sql").write_text("select 'b' as picked\n", encoding="utf-8")
    (sql / "reader.sql").write_text("select picked from query_table($ref_source)\n", encoding="utf-8")
    for name in ("a", "b"):
        text = store.load_sql("reader", refs={"source": f"source_{name}"})
        assert f"feature/sql/source_{name}.sql" in text
        assert duckdb.execute(text).fetchall() == [(name,)]


def test_a_ref_cycle_is_refused(tmp_path, monkeypatch):
    sql = _feature_sql(tmp_path, monkeypatch)
    (sql / "one.sql").write_text("select * from query_table($ref_two)\n", encoding="utf-8")
    (sql / "two.sql").write_text("select * from query_table($ref_one)\n", encoding="utf-8")
    with pytest.raises(ValueError, match="one -> two -> one reads itself"):
        store.load_sql("one")


def test_two_features_may_not_name_a_query_alike(tmp_path, monkeypatch):
    """A ref names a file by its name alone, so the same name in two features is refused."""
    sql = _feature_sql(tmp_path, monkeypatch)
    (sql / "shared.sql").write_text("select 1\n", encoding="utf-8")
    (tmp_path / "other" / "sql").mkdir(parents=True)
    (tmp_path / "other" / "sql" / "shared.sql").write_text("select 2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="two SQL files named shared"):
        store.load_sql("shared")


def test_every_query_file_composes_and_no_block_is_copied():
    """Every query file (dashboard/*/sql/) composes (its refs exist, no cycle) and no run of 12 lines is
    written in two places: a shared chain is one file the others read (issue 13)."""
    windows: dict[tuple[str, ...], str] = {}
    copied = []
    assert len(store.sql_files()) > 40
    for path in store.sql_files().values():
        store.load_sql(path.stem, refs={"unit_revenue": "unit_revenue_subscriptions"})  # the one chosen ref
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line]
        for start in range(len(lines) - 11):
            key = tuple(lines[start:start + 12])
            if key in windows and windows[key] != path.name:
                copied.append((windows[key], path.name, key[0]))
            windows.setdefault(key, path.name)
    assert copied == []
