"""Health score on a tiny hand-made database: measures SQL, score history (the churn page's contract),
overrides across data versions and expiry, saved configuration versions, and the CLI."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from dashboard import cli, store
from dashboard.health import config, measures, overrides, scores, storage
from dashboard.health.config import Config, Model, to_json
from dashboard.health.scores import score_history
from tests.identities import ME, Identity

D = date
NAN = float("nan")
JUNE = D(2024, 6, 1)


def make_db(tmp_path):
    con = store.connect(tmp_path / "t.duckdb")
    accounts = pd.DataFrame({"account_id": ["A1", "A2", "A3", "A4"], "account_name": ["One", "Two", "Three", "Four"],
                             "segment": ["Enterprise", "SMB", "SMB", None]})
    subs = pd.DataFrame({
        "account_id": ["A1", "A1", "A2", "A3", "A4"],
        "start_date": pd.to_datetime(["2024-01-01", "2024-05-01", "2024-01-01", "2024-01-01", "2024-06-15"]),
        "end_date": pd.to_datetime(["2024-04-30", None, None, "2024-05-31", None]),
        "mrr": [100.0, 50.0, 200.0, 100.0, 10.0]})
    rows = []
    for m in range(1, 7):
        month = f"2024-{m:02d}-01"
        rows += [("A1", month, "logins", 100.0 if m <= 3 else 50.0), ("A1", month, "active_users", 10.0),
                 ("A1", month, "seats", 20.0), ("A2", month, "Logins", 40.0), ("A2", month, "active_users", 4.0),
                 ("A2", month, "seats", 4.0)]
    rows += [("A2", "2024-03-01", "nps", 50.0), ("A3", "2024-01-01", "seats", 10.0),
             ("A3", "2024-01-01", "active_users", 2.0), ("A3", "2024-05-01", "seats", 10.0),
             ("A3", "2024-05-01", "active_users", 5.0)]
    usage = pd.DataFrame(rows, columns=["account_id", "month", "metric", "value"])
    usage["month"] = pd.to_datetime(usage["month"])
    store.commit(con, [store.Load("accounts", accounts, "accounts.csv"), store.Load("subscriptions", subs, "s.csv"),
                       store.Load("usage", usage, "usage.csv")], by=ME)
    return con


def test_measures_of_one_month(tmp_path):
    con = make_db(tmp_path)
    got = measures.measures(con, as_of=JUNE, first=D(2024, 5, 1))
    cols = ["account_id", "segment", "mrr", "logins_per_user", "seat_utilisation", "usage_trend", "spend_change",
            "nps", "feature_breadth", "seat_utilisation_pct"]
    assert_frame_equal(got[cols], pd.DataFrame({
        "account_id": ["A1", "A2", "A3"], "segment": ["Enterprise", "SMB", "SMB"], "mrr": [50.0, 200.0, 100.0],
        "logins_per_user": [5.0, 10.0, NAN], "seat_utilisation": [0.5, 1.0, 0.5],
        # last 3 months (Mar-May) against the 3 before (only Jan-Feb exist: 2 months are enough)
        "usage_trend": [200 / 3 / 100 - 1, 0.0, NAN], "spend_change": [-0.5, 0.0, 0.0],
        "nps": [NAN, 50.0, NAN], "feature_breadth": [NAN, NAN, NAN],
        "seat_utilisation_pct": [100 / 3, 250 / 3, 100 / 3]}))
    assert got["month"].tolist() == [D(2024, 5, 1)] * 3
    con.close()


def test_score_history_contract(tmp_path):
    con = make_db(tmp_path)
    got = score_history(con, as_of=JUNE, months=2)
    assert list(got.columns) == ["account_id", "month", "score", "band"]
    # May: A1, A2, A3 pay; June: A1, A2, A4 pay, but A4 has no measure at all yet -> no score, no row
    assert list(zip(got["account_id"], got["month"])) == [("A1", D(2024, 5, 1)), ("A2", D(2024, 5, 1)),
                                                         ("A3", D(2024, 5, 1)), ("A1", JUNE), ("A2", JUNE)]
    assert all(isinstance(m, date) for m in got["month"]) and got["score"].dtype == "float64"
    assert set(got["band"]) <= {"Good", "Neutral", "Poor"}
    # the history uses the active configuration: weight only seat utilisation -> A2 is 100 every month
    only_seats = Model()
    for name in ("logins_per_user", "feature_breadth", "new_feature_adoption", "usage_trend", "spend_change",
                 "support_tickets", "nps", "months_to_renewal"):
        only_seats = only_seats.with_rule(name, weight=0.0)
    storage.save(con, "seats", Config((("*", only_seats),)), by=Identity("Ana", "editor"))
    got = score_history(con, as_of=JUNE, months=2)
    assert got.loc[got["account_id"] == "A2", "score"].tolist() == [100.0, 100.0]
    assert got.loc[got["account_id"] == "A1", "band"].tolist() == ["Poor", "Poor"]
    con.close()


def test_override_survives_a_new_data_version_and_expires_on_its_date(tmp_path):
    con = make_db(tmp_path)
    overrides.set_override(con, "A2", "Poor", by=Identity("Kei", "editor"), reason="Champion left", expires_on=D(2024, 7, 20),
                           now=datetime(2024, 7, 5, 9, 0))
    before = scores.month_scores(con, as_of=JUNE, today=D(2024, 7, 10)).set_index("account_id")
    assert before.loc["A2", "computed_band"] == "Good"
    assert (before.loc["A2", "band"], before.loc["A2", "override"]) == ("Poor", "Poor")
    # a new data load (a new version of the accounts table) keeps the override
    version = store.commit(con, [store.Load("accounts", pd.DataFrame({
        "account_id": ["A1", "A2", "A3", "A4"], "segment": ["Enterprise", "SMB", "SMB", "SMB"]}), "accounts2.csv")], by=ME)
    assert store.current_version(con) == version == 2
    again = scores.month_scores(con, as_of=JUNE, today=D(2024, 7, 19)).set_index("account_id")
    assert (again.loc["A2", "band"], again.loc["A2", "computed_band"]) == ("Poor", "Good")
    history = score_history(con, as_of=JUNE, months=1, today=D(2024, 7, 19)).set_index("account_id")
    assert history.loc["A2", "band"] == "Poor"
    # on its expiry date it stops applying, and stays in the history as expired
    after = scores.month_scores(con, as_of=JUNE, today=D(2024, 7, 20)).set_index("account_id")
    assert (after.loc["A2", "band"], after.loc["A2", "override"]) == ("Good", "")
    past = overrides.history(con, "A2", today=D(2024, 7, 20))
    assert past[["band", "author", "reason", "status"]].values.tolist() == [["Poor", "Kei", "Champion left", "expired"]]
    con.close()


def test_override_rules():
    frame = pd.DataFrame({"override_id": [1, 2, 3], "account_id": ["A", "A", "B"], "band": ["Poor", "Good", "Good"],
                          "author": ["x"] * 3, "reason": ["r"] * 3,
                          "set_at": pd.to_datetime(["2024-07-05", "2024-08-10", "2024-07-05"]),
                          "expires_on": [D(2024, 12, 1), D(2024, 12, 1), D(2024, 12, 1)],
                          "cleared_at": pd.to_datetime([None, None, "2024-08-02"])})
    got = overrides.apply_rules(frame, months=[D(2024, 5, 1), JUNE, D(2024, 7, 1)], today=D(2024, 9, 1))
    # May is judged on June 30 (nothing set yet); June on July 31; July on August 31 (A's newer override wins,
    # B's was cleared on August 2)
    assert list(zip(got["account_id"], got["month"], got["band"])) == [
        ("A", JUNE, "Poor"), ("B", JUNE, "Good"), ("A", D(2024, 7, 1), "Good")]
    # the as-of month has no next month yet: its scores are still the latest, so it is judged on today
    # (June would be judged on July 31, before A's newer override was set)
    latest = overrides.apply_rules(frame, months=[JUNE], today=D(2024, 9, 1), latest=JUNE)
    assert list(zip(latest["account_id"], latest["band"])) == [("A", "Good")]


def test_override_needs_reason_and_future_expiry_and_its_author_is_the_identity(tmp_path):
    con = make_db(tmp_path)
    now = datetime(2024, 7, 5)
    for kwargs, message in (({"reason": " "}, "reason"), ({"expires_on": D(2024, 7, 5)}, "after today")):
        args = {"reason": "why", "expires_on": D(2024, 8, 1), **kwargs}
        with pytest.raises(ValueError, match=message):
            overrides.set_override(con, "A1", "Poor", now=now, **args, by=ME)
    with pytest.raises(ValueError, match="band"):
        overrides.set_override(con, "A1", "Red", by=Identity("Kei", "editor"), reason="r", expires_on=D(2024, 8, 1), now=now)
    # no author argument exists to type a name into: the author is whoever makes the write
    with pytest.raises(TypeError):
        overrides.set_override(con, "A1", "Poor", author="Someone", reason="r", expires_on=D(2024, 8, 1), now=now)
    overrides.set_override(con, "A1", "Poor", by=Identity("kei@example.com", "editor", signed_in=True), reason="r",
                           expires_on=D(2024, 8, 1), now=now)
    assert overrides.history(con)["author"].tolist() == ["kei@example.com"]
    con.close()


def test_saved_versions_with_author_diff_and_active(tmp_path):
    con = make_db(tmp_path)
    # nothing saved: the built-in default, with no weight on the measures this data lacks
    default = storage.active(con)
    assert default.name == "default" and default.version == 0
    weights = default.config.model("*").weights()
    assert {n for n, w in weights.items() if w > 0} == {"logins_per_user", "seat_utilisation", "usage_trend",
                                                        "spend_change", "nps"}
    assert default.config == config.fitted_default(measures.present(con))
    assert storage.active_key(con) == ("default", 0)
    assert storage.save(con, "CS Ops", Config(), by=Identity("Ana", "editor"), now=datetime(2024, 7, 1)) == 1
    tuned = Config().with_model("*", Model().with_rule("nps", weight=25.0))
    assert storage.save(con, "CS Ops", tuned, by=Identity("Ben", "editor"), now=datetime(2024, 7, 2)) == 2
    got = storage.versions(con)
    assert got[["name", "version", "author", "active"]].values.tolist() == [["CS Ops", 2, "Ben", True],
                                                                             ["CS Ops", 1, "Ana", False]]
    assert got["changes"].iloc[0] == "*.measures.nps.weight: 15 -> 25"
    assert_frame_equal(storage.version_diff(con, "CS Ops", 2),
                       pd.DataFrame({"path": ["*.measures.nps.weight"], "old": ["15.0"], "new": ["25.0"]}))
    store.commit(con, [store.Load("accounts", pd.DataFrame({"account_id": ["A1"]}), "a.csv")], by=ME)
    assert storage.active(con) == storage.Saved("CS Ops", 2, tuned)
    assert storage.active_key(con) == ("CS Ops", 2)
    storage.activate(con, "CS Ops", 1, by=ME)
    assert storage.active(con).config == Config() and storage.active_key(con) == ("CS Ops", 1)
    with pytest.raises(ValueError, match="name"):
        storage.save(con, " ", Config(), by=ME)
    con.close()


def run_cli(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_health_columns_on_a_fresh_read_only_database(tmp_path, capsys):
    make_db(tmp_path).close()
    db = str(tmp_path / "t.duckdb")
    code, out, err = run_cli(capsys, "health", "--db", db)
    assert code == 0, err
    frame = pd.read_csv(io.StringIO(out), dtype={"account_id": str})
    # the default weights only the measures the data has (no features_used, tickets or renewal here)
    score_columns = [f"{m}_score" for m in ("logins_per_user", "seat_utilisation", "usage_trend", "spend_change",
                                            "nps")]
    assert list(frame.columns) == ["account_id", "segment", "score", "band", "computed_band", *score_columns]
    assert frame["account_id"].tolist() == ["A1", "A2", "A4"]
    assert frame["segment"].tolist() == ["Enterprise", "SMB", "(none)"]
    # the read-only command built nothing inside the database
    con = store.connect(db, read_only=True)
    assert store.query(con, "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'health%'")["n"][0] == 0
    con.close()
    path = tmp_path / "seats.json"
    path.write_text(json.dumps({"models": {"*": {"measures": {n: {"weight": 0} for n in (
        "logins_per_user", "feature_breadth", "new_feature_adoption", "usage_trend", "spend_change",
        "support_tickets", "nps", "months_to_renewal")}}}}))
    code, out, err = run_cli(capsys, "health", "--db", db, "--config", str(path), "--month", "2024-05",
                             "--format", "json")
    rows = json.loads(out)["rows"]
    assert [(r["account_id"], r["score"], r["band"], list(r)[5:]) for r in rows] == [
        ("A1", 0.0, "Poor", ["seat_utilisation_score"]), ("A2", 100.0, "Good", ["seat_utilisation_score"]),
        ("A3", 0.0, "Poor", ["seat_utilisation_score"])]


def test_cli_backtest(tmp_path, capsys):
    make_db(tmp_path).close()
    db = str(tmp_path / "t.duckdb")
    path = tmp_path / "c.json"
    path.write_text(to_json(Config()))
    code, out, err = run_cli(capsys, "health-backtest", "--db", db, "--month", "2024-01", "--horizon", "5",
                             "--config", str(path))
    assert code == 0, err
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame.columns) == ["band", "accounts", "outcomes", "rate", "auc"]
    assert frame["band"].tolist() == ["Good", "Neutral", "Poor", "ALL"]
    # A1 lost half its MRR, A3 churned in June; A2 kept its MRR
    assert frame.loc[3, ["accounts", "outcomes"]].tolist() == [3, 2]
    code, out, err = run_cli(capsys, "health-backtest", "--db", db, "--month", "2024-01", "--horizon", "5",
                             "--contraction-pct", "60", "--format", "json")
    payload = json.loads(out)
    assert set(payload) == {"rows", "auc"} and sum(r["outcomes"] for r in payload["rows"]) == 1
    code, out, err = run_cli(capsys, "health-backtest", "--db", db, "--month", "2024-03")
    assert code == 1 and "after the latest complete month" in err and err.count("\n") == 1
    bad = tmp_path / "bad.json"
    bad.write_text('{"models": {"*": {"bands": {"good": 10, "neutral": 50}}}}')
    code, out, err = run_cli(capsys, "health", "--db", db, "--config", str(bad))
    assert code == 1 and str(bad) in err and "bands" in err
    code, out, err = run_cli(capsys, "health-backtest", "--db", db, "--month", "2024-13")
    assert code == 1 and err == "error: --month: '2024-13' is not a month; expected YYYY-MM, e.g. 2024-03\n"


def _mid_rank_pct(values: pd.Series, months: pd.Series) -> pd.Series:
    """The percentile the page promises, by pandas: 100 x (share below + half the share tied)."""
    ranks = values.groupby(months).rank(method="average")
    counts = values.groupby(months).transform("count")
    return 100 * (ranks - 0.5) / counts


def test_recent_months_are_ranked_at_commit_and_earlier_ones_on_demand(sample_db):
    from dashboard import windows
    from dashboard.revenue import metrics as revenue

    con = store.connect(sample_db)
    as_of = revenue.default_as_of(con)
    version = store.schema_name(store.current_version(con))
    table = f'{version}."health_measures_{as_of:%Y%m}"'
    held = [m for (m,) in con.execute(f"SELECT DISTINCT month FROM {table} ORDER BY month").fetchall()]
    assert held[0] == windows.add_months(as_of, 1 - measures.RECENT_MONTHS) and held[-1] == as_of
    assert len(held) == measures.RECENT_MONTHS
    early, recent = windows.add_months(held[0], -2), windows.add_months(as_of, -3)
    for month in (early, recent):
        got = measures.measures(con, as_of=as_of, first=month)
        assert len(got) > 100 and set(got["month"]) == {month}
        for name in config.MEASURE_NAMES:
            want = _mid_rank_pct(got[name], got["month"])
            assert_frame_equal(got[[f"{name}_pct"]], want.rename(f"{name}_pct").to_frame(), check_names=False,
                               rtol=1e-9)
    # a ranked month read from the table equals the same month ranked on demand from the values
    direct = revenue.derived_query(con, "health_measures", as_of=as_of, tables=("health_measure_values",),
                                   first=recent, last=recent)
    sliced = measures.measures(con, as_of=as_of, first=recent)
    mine = sliced.drop(columns=["account_name", "segment", "csm", "arr"])
    theirs = direct.sort_values("account_id").reset_index(drop=True).astype({"account_id": str})
    theirs["month"] = [D(m.year, m.month, 1) for m in theirs["month"]]
    assert_frame_equal(mine, theirs[mine.columns], check_dtype=False)
    con.close()


def test_history_of_some_accounts_is_the_whole_books_history_filtered(sample_db):
    """The churn page asks for its churned accounts only; their scores must be those of the whole book
    (percentiles ranked among every paying account), also for months before the recent ones, which are
    ranked once and kept with the version."""
    from dashboard.revenue import metrics as revenue

    con = store.connect(sample_db)
    as_of = revenue.default_as_of(con)
    span = measures.RECENT_MONTHS + 3
    whole = score_history(con, as_of=as_of, months=span)
    picked = sorted(set(whole["account_id"]))[::7]
    some = score_history(con, as_of=as_of, months=span, accounts=picked)
    want = whole[whole["account_id"].isin(picked)].reset_index(drop=True)
    assert len(set(some["month"])) == span and set(some["account_id"]) == set(picked)
    assert_frame_equal(some, want)
    kept = {t for (t,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = ?",
                                      [store.schema_name(store.current_version(con))]).fetchall()}
    from dashboard import windows
    for back in (1, 2, 3):
        month = windows.add_months(as_of, 1 - measures.RECENT_MONTHS - back)
        assert f"health_measures_{as_of:%Y%m}_at_{month:%Y%m}" in kept
    assert score_history(con, as_of=as_of, months=span, accounts=[]).empty
    con.close()
