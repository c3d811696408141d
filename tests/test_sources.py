"""Usage from a source engine (issue 17), on real engines: the same tiny events in PostgreSQL (a cluster
started for the run), Spark (local mode) and a Parquet file (DuckDB) give the same usage table, equal to
the one worked out by hand; incremental pulls; saved sources without secrets; one clear error for each
way a source can fail, with nothing stored."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from dashboard import store
from dashboard.access import AccessDenied, audit
from dashboard.health import measures as health
from dashboard.sources import saved
from dashboard.sources.connection import SourceError, parse
from dashboard.sources.pull import Columns, Measures, Source, fetch, plan, pull_usage
from tests import engines
from tests.identities import ME, Identity

COLUMNS = Columns(**engines.COLUMNS)
MEASURES = Measures.of(engines.MAP)


@pytest.fixture(scope="module")
def parquet(tmp_path_factory):
    return engines.write_parquet(tmp_path_factory.mktemp("events") / "events.parquet")


def _db(tmp_path):
    return engines.own_db(tmp_path / "d.duckdb")


def _usage(con) -> pd.DataFrame:
    frame = store.query(con, "SELECT * FROM usage ORDER BY account_id, month, metric", record=False)
    frame["month"] = pd.to_datetime(frame["month"]).dt.date
    return frame


def test_postgres_spark_and_parquet_give_the_same_usage_as_worked_out_by_hand(postgres, spark, parquet, monkeypatch):
    monkeypatch.setenv("CS_DASHBOARD_SOURCE_PASSWORD", engines.PASSWORD)
    sources = {
        "postgres": Source(postgres.url(), "events", COLUMNS, MEASURES),
        "postgres schema": Source(postgres.url(), "analytics.events", COLUMNS, MEASURES),
        "spark parquet": Source("pyspark", str(parquet), COLUMNS, MEASURES),
        "parquet": Source(str(parquet), "", COLUMNS, MEASURES),
    }
    spark.read.parquet(str(parquet)).createOrReplaceTempView("events_view")  # a table in Spark's catalog
    sources["spark table"] = Source("pyspark", "events_view", COLUMNS, MEASURES)
    expected = engines.expected_usage()
    for name, source in sources.items():
        pulled = fetch(source)
        assert_frame_equal(pulled.frame, expected, obj=name)
        assert "select" in pulled.sql.lower() and "group by" in pulled.sql.lower()


def test_without_a_map_each_event_is_its_own_measure(parquet):
    frame = fetch(Source(str(parquet), "", Columns("account_ref", "occurred_at", "event_name", "user_id"))).frame
    got = frame.groupby("metric")["value"].sum().to_dict()
    # 7 logins (the row without an account is left out), distinct users summed over account-months
    assert got == {"login": 7.0, "report_viewed": 1.0, "export": 1.0, "seats_synced": 2.0, "debug_ping": 1.0,
                   "active_users": 2.0 + 1.0 + 1.0 + 1.0 + 1.0}


def test_a_pull_loads_a_new_version_and_the_health_page_scores_from_it(tmp_path, parquet):
    con = _db(tmp_path)
    result = pull_usage(con, Source(str(parquet), "", COLUMNS, MEASURES, name="lake"), by=ME)
    assert result.version == 2 and result.pulled == 11 and result.kept == 0
    # A9 is not in accounts: loaded, with the same warning a file gets
    assert [p.severity for p in result.problems] == ["warning"] and "A9" in str(result.problems[0])
    assert_frame_equal(_usage(con), engines.expected_usage())
    assert store.history(con).set_index("table").loc["usage", "source_file"] == f"lake: {parquet}"
    assert audit.trail(con)["action"].iloc[0] == "usage.pull"
    got = health.measures(con, as_of=date(2026, 2, 1), first=date(2026, 1, 1)).set_index("account_id")
    assert got.loc["A1", "logins_per_user"] == pytest.approx(3 / 2)
    assert got.loc["A1", "seat_utilisation"] == pytest.approx(2 / 12)
    assert got.loc["A1", "feature_breadth"] == 2.0 and got.loc["A2", "logins_per_user"] == 1.0
    con.close()


def test_incremental_refresh_pulls_only_the_months_after_the_last_complete_one(tmp_path, parquet):
    con = _db(tmp_path)
    source = Source(str(parquet), "", COLUMNS, MEASURES)
    # a first load on 15 February: January is complete, February was not
    first = pull_usage(con, source, by=ME, since=None)
    con.execute("UPDATE meta.versions SET created_at = TIMESTAMP '2026-02-15 10:00' WHERE version = ?",
                [first.version])
    start, kept = plan(con)
    assert start == date(2026, 2, 1) and set(kept["month"].astype(str)) == {"2026-01-01"}
    again = pull_usage(con, source, by=ME)
    assert (again.since, again.kept, again.pulled) == (date(2026, 2, 1), 6, 5)
    assert_frame_equal(_usage(con), engines.expected_usage())
    # --since keeps what comes before the named month, whatever was loaded when
    third = pull_usage(con, source, by=ME, since=date(2026, 3, 1))
    assert (third.since, third.kept, third.pulled) == (date(2026, 3, 1), 10, 1)
    assert_frame_equal(_usage(con), engines.expected_usage())
    assert store.current_version(con) == 4
    con.close()


def test_nothing_new_loads_nothing(tmp_path, parquet):
    con = _db(tmp_path)
    result = pull_usage(con, Source(str(parquet), "", COLUMNS, MEASURES), by=ME, since=date(2027, 1, 1))
    assert result.version is None and store.current_version(con) == 1
    con.close()


@pytest.mark.parametrize(("source", "words"), [
    (lambda pq: Source(str(pq), "", Columns("account_ref", "when", "event_name")),
     ["the time column 'when' is not in the table", "occurred_at"]),
    (lambda pq: Source(str(pq), "", Columns("account_ref", "occurred_at", "event_name", value="event_name")),
     ["value column 'event_name'", "must be a number"]),
    (lambda pq: Source(str(pq.parent / "nothing*.parquet"), "", COLUMNS), ["no Parquet file matches"]),
    (lambda pq: Source("postgres://cs@127.0.0.1:1/db", "events", COLUMNS), ["cannot connect to postgres://cs@127.0.0.1:1/db"]),
    (lambda pq: Source("duckdb:///no/such/file.duckdb", "events", COLUMNS), ["no DuckDB file at /no/such/file.duckdb"]),
    (lambda pq: Source(str(pq), "", Columns("account_ref", "occurred_at", "event_name"), Measures.of({"login": "active_users"})),
     ["active_users counts distinct users"]),
])
def test_each_failure_is_one_clear_message_and_nothing_is_stored(tmp_path, parquet, source, words):
    con = _db(tmp_path)
    with pytest.raises(SourceError) as failed:
        pull_usage(con, source(parquet), by=ME)
    for word in words:
        assert word in str(failed.value)
    assert "\n" not in str(failed.value) and store.current_version(con) == 1
    con.close()


def test_postgres_failures_unknown_table_and_bad_password(tmp_path, postgres, monkeypatch):
    con = _db(tmp_path)
    monkeypatch.delenv("CS_DASHBOARD_SOURCE_PASSWORD", raising=False)
    monkeypatch.chdir(tmp_path)  # no secrets file here
    with pytest.raises(SourceError) as refused:
        pull_usage(con, Source(postgres.url().replace(engines.USER, f"{engines.USER}:wrong-pw"), "events", COLUMNS), by=ME)
    assert "cannot connect" in str(refused.value) and "wrong-pw" not in str(refused.value)
    monkeypatch.setenv("CS_DASHBOARD_SOURCE_PASSWORD", engines.PASSWORD)
    with pytest.raises(SourceError) as missing:
        pull_usage(con, Source(postgres.url(), "no_such_events", COLUMNS), by=ME)
    assert "cannot open the table no_such_events" in str(missing.value)
    assert store.current_version(con) == 1
    con.close()


def test_the_password_comes_from_the_secrets_file_and_is_never_stored(tmp_path, postgres, monkeypatch):
    monkeypatch.delenv("CS_DASHBOARD_SOURCE_PASSWORD", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(f'[sources.warehouse]\npassword = "{engines.PASSWORD}"\n')
    con = _db(tmp_path)
    source = Source(postgres.url(), "events", COLUMNS, MEASURES, name="warehouse")
    saved.save(con, source, by=ME)
    assert pull_usage(con, saved.get(con, "warehouse"), by=ME).version == 2
    # typed into the URL: used to connect, stored nowhere
    typed = Source(postgres.url(password=True), "events", COLUMNS, MEASURES, name="typed")
    assert parse(typed.url).url == postgres.url()
    saved.save(con, typed, by=ME)
    pull_usage(con, typed, by=ME, full=True)
    con.close()
    assert engines.PASSWORD.encode() not in (tmp_path / "d.duckdb").read_bytes()


def test_saved_sources_and_who_may_change_them(tmp_path, parquet):
    con = _db(tmp_path)
    viewer = Identity("vera@example.com", "viewer", "Vera", signed_in=True)
    editor = Identity("eddie@example.com", "editor", "Eddie", signed_in=True)
    source = Source(str(parquet), "", COLUMNS, MEASURES, name="lake")
    with pytest.raises(AccessDenied):
        saved.save(con, source, by=viewer)
    assert saved.listed(con).empty
    saved.save(con, source, by=editor, now=datetime(2026, 3, 1))
    assert saved.get(con, "lake") == source
    with pytest.raises(AccessDenied):
        pull_usage(con, source, by=editor)  # a pull makes a version: an admin's write
    with pytest.raises(SourceError, match="no saved source named 'nope'"):
        saved.get(con, "nope")
    assert saved.delete(con, "lake", by=editor) and saved.listed(con).empty
    assert audit.trail(con)["action"].tolist()[:2] == ["source.delete", "source.save"]
    con.close()


def test_connection_strings_keep_no_password():
    assert parse("postgres://ada:s3cret@db.example.com:5432/prod").url == "postgres://ada@db.example.com:5432/prod"
    assert parse("postgres://ada:s3cret@db.example.com:5432/prod").password == "s3cret"
    target = parse("trino://ada@trino.example.com:443/hive?password=tok&schema=web")
    assert (target.engine, target.url, target.password) == ("ibis", "trino://ada@trino.example.com:443/hive?schema=web", "tok")
    assert parse("/data/events/*.parquet").engine == "parquet" and parse("pyspark").engine == "pyspark"
    assert parse("duckdb:///tmp/x.duckdb").engine == "duckdb"
    with pytest.raises(SourceError):
        parse("events.csv")


# ---- the command line --------------------------------------------------------------------------------

def _cli(capsys, *argv) -> tuple[int, str, str]:
    from dashboard import cli

    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _flags(*, user=True) -> list[str]:
    cols = ["--account", "account_ref", "--time", "occurred_at", "--event", "event_name", "--value", "seat_count"]
    maps = [f"--map={event}={measure}" for event, measure in engines.MAP.items()]
    return cols + (["--user", "user_id"] if user else []) + maps


def test_pull_usage_from_each_kind_of_url(tmp_path, capsys, postgres, spark, parquet, monkeypatch):
    monkeypatch.setenv("CS_DASHBOARD_SOURCE_PASSWORD", engines.PASSWORD)
    duck = tmp_path / "events.duckdb"
    import duckdb

    with duckdb.connect(str(duck)) as events_db:
        events_db.execute("CREATE TABLE events AS SELECT * FROM read_parquet(?)", [str(parquet)])
    kinds = {"postgres": ["--url", postgres.url(), "--table", "public.events"],
             "duckdb": ["--url", f"duckdb://{duck}", "--table", "events"],
             "parquet": ["--url", str(parquet)],
             "pyspark": ["--url", "pyspark", "--spark-table", str(parquet)]}
    for kind, where in kinds.items():
        db = str(tmp_path / f"{kind}.duckdb")
        _db_at(db)
        code, out, err = _cli(capsys, "pull-usage", "--db", db, *where, *_flags())
        assert code == 0, err
        assert out.startswith(f"pulled 11 usage rows from {kind} (every month), kept 0 earlier rows: version 2")
        assert "A9" in err and err.startswith("warning:")
        con = store.connect(db, read_only=True)
        assert_frame_equal(_usage(con), engines.expected_usage(), obj=kind)
        con.close()


def _db_at(path: str) -> None:
    from pathlib import Path

    _db(Path(path).parent).close()
    Path(path).parent.joinpath("d.duckdb").rename(path)


def test_pull_usage_since_and_a_saved_source(tmp_path, capsys, parquet):
    db = str(tmp_path / "d.duckdb")
    _db(tmp_path).close()
    code, out, err = _cli(capsys, "pull-usage", "--db", db, "--url", str(parquet), *_flags(), "--save", "lake")
    assert code == 0, err
    code, out, err = _cli(capsys, "pull-usage", "--db", db, "--source", "lake", "--since", "2026-03")
    assert code == 0, err
    assert "pulled 1 usage rows from parquet (months from 2026-03), kept 10 earlier rows: version 3" in out
    code, out, err = _cli(capsys, "sources", "--db", db, "--format", "json")
    import json

    rows = json.loads(out)["rows"]
    assert [(r["name"], r["engine"], r["url"], r["user_col"]) for r in rows] == [("lake", "parquet", str(parquet), "user_id")]
    assert json.loads(rows[0]["measures"]) == engines.MAP
    code, out, err = _cli(capsys, "pull-usage", "--db", db, "--source", "lake", "--since", "2030-01")
    assert (code, out.strip()) == (0, "no events in parquet from months from 2030-01: nothing loaded")
    code, out, err = _cli(capsys, "sources", "--db", db, "--delete", "lake")
    assert code == 0 and out.strip() == "deleted the source lake"


@pytest.mark.parametrize(("argv", "message"), [
    (["--url", "{parquet}", "--account", "acct", "--time", "occurred_at", "--event", "event_name"],
     "error: the account column 'acct' is not in the table {parquet} (its columns: account_ref, occurred_at, "
     "event_name, user_id, seat_count)"),
    (["--url", "postgres://{user}@127.0.0.1:{port}/events_db", "--table", "clicks", "--account", "a", "--time", "t",
      "--event", "e"], "error: cannot open the table clicks: "),
    (["--url", "postgres://{user}@127.0.0.1:{free}/events_db", "--table", "events", "--account", "a", "--time", "t",
      "--event", "e"], "error: cannot connect to postgres://{user}@127.0.0.1:{free}/events_db: "),
    (["--source", "nope"], "error: no saved source named 'nope' (saved: -)"),
    (["--url", "{parquet}", "--account", "a"], "error: give --url, --account, --time and --event"),
    (["--url", "{parquet}", "--account", "a", "--time", "t", "--event", "e", "--since", "2026-13"],
     "error: --since '2026-13' is not a month (YYYY-MM)"),
    (["--url", "{parquet}", "--account", "a", "--time", "t", "--event", "e", "--map", "login"],
     "error: "),
])
def test_pull_usage_errors_are_one_line_and_store_nothing(tmp_path, capsys, postgres, parquet, monkeypatch, argv, message):
    monkeypatch.setenv("CS_DASHBOARD_SOURCE_PASSWORD", engines.PASSWORD)
    db = str(tmp_path / "d.duckdb")
    _db(tmp_path).close()
    values = {"parquet": str(parquet), "port": postgres.port, "free": engines.free_port(), "user": engines.USER}
    code, out, err = _cli(capsys, "pull-usage", "--db", db, *[a.format(**values) for a in argv])
    assert code == 1 and out == ""
    assert err.startswith(message.format(**values)) and err.count("\n") == 1, err
    con = store.connect(db, read_only=True)
    assert store.current_version(con) == 1 and not store.has_saved_table(con, "app.usage_sources")
    con.close()
