"""Data checks (reconciliation at load) on tiny hand-made companies: one test per finding kind, a clean
company with no findings, absent optional tables, and the `check` command's output."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard import checks, cli, store
from dashboard.checks import reasons
from tests.identities import ME

# A clean company: two segments, two CSMs, every account pays, revenue through 2024-06.
ACCOUNTS = pd.DataFrame({
    "account_id": ["A1", "A2", "A3"],
    "account_name": ["Alpha", "Beta", "Gamma"],
    "segment": ["Enterprise", "SMB", "SMB"],
    "csm": ["Aiko", "Ben", "Ben"],
})
SUBSCRIPTIONS = pd.DataFrame([
    ("A1", "2024-01-01", None, 100.0),          # pays from Jan, never churns
    ("A2", "2024-01-01", "2024-03-31", 50.0),   # pays Jan-Mar: churn month 2024-04
    ("A3", "2024-06-01", None, 200.0),          # pays from Jun
], columns=["account_id", "start_date", "end_date", "mrr"])
REASON_COLUMNS = ["account_id", "churn_date", "primary_reason"]
MATCHED = [("A2", "2024-04-10", "Price")]       # explains A2's churn: never a finding
USAGE = pd.DataFrame([("A1", "2024-03-01", "logins", 5), ("A3", "2024-06-01", "logins", 7)],
                     columns=["account_id", "month", "metric", "value"])


def make_db(tmp_path, **tables: pd.DataFrame | None):
    """A database whose one version holds the given tables (None leaves a table out)."""
    con = store.connect(tmp_path / "checks.duckdb")
    loads = [store.Load(name, frame, f"{name}.csv") for name, frame in tables.items() if frame is not None]
    store.commit(con, loads, by=ME)
    return con


def company(tmp_path, *, accounts=ACCOUNTS, subscriptions=SUBSCRIPTIONS, reason_rows=MATCHED, usage=USAGE):
    reasons_frame = None if reason_rows is None else pd.DataFrame(reason_rows, columns=REASON_COLUMNS)
    return make_db(tmp_path, accounts=accounts, subscriptions=subscriptions, churn_reasons=reasons_frame,
                   usage=usage)


def found(con, kind: str, **kwargs) -> pd.Series:
    frame = checks.findings(con, **kwargs)
    assert list(frame.columns) == checks.COLUMNS
    assert frame["kind"].is_unique
    rows = frame[frame["kind"] == kind]
    assert len(rows) == 1, f"{kind} not among {frame['kind'].tolist()}"
    return rows.iloc[0]


def test_clean_company_has_no_findings(tmp_path):
    con = company(tmp_path)
    frame = checks.findings(con)
    assert frame.empty and list(frame.columns) == checks.COLUMNS


@pytest.mark.parametrize("churn_date, kind, example", [
    ("2024-06-30", "reason_after_as_of", "A1: churn date 2024-06-30, as-of month 2024-06"),  # A1 pays on
    ("2023-10-01", "reason_date_off", "A2: churn date 2023-10-01, nearest churn in revenue 2024-04"),
])
def test_reasons_after_the_as_of_month_or_off_by_more_than_the_matching_days(tmp_path, churn_date, kind, example):
    account = example.split(":")[0]
    con = company(tmp_path, reason_rows=[*MATCHED, (account, churn_date, "Price")])
    row = found(con, kind)
    assert row["count"] == 1 and row["example"] == example
    assert len(checks.findings(con)) == 1


def test_reason_of_an_account_that_never_paid(tmp_path):
    con = company(tmp_path, reason_rows=[*MATCHED, ("Z9", "2024-02-10", "Price"), ("Z8", "2024-03-01", "Price")])
    row = found(con, "reason_never_paid")
    assert row["count"] == 2 and row["example"] == "Z9: churn date 2024-02-10"
    assert "account IDs" in row["action"]


def test_reason_of_an_account_still_paying(tmp_path):
    con = company(tmp_path, reason_rows=[*MATCHED, ("A3", "2024-02-01", "Price")])
    row = found(con, "reason_no_churn")
    assert row["count"] == 1 and row["example"] == "A3: churn date 2024-02-01"


def test_reason_recorded_twice(tmp_path):
    con = company(tmp_path, reason_rows=[*MATCHED, ("A2", "2024-04-20", "Support")])
    row = found(con, "reason_duplicate")
    assert row["count"] == 1 and row["example"] == "A2: churn date 2024-04-20, churn month 2024-04"


def test_reason_kinds_follow_the_churn_matching_rule(tmp_path):
    # 90 days after the churn month's span still matches (the Churn review's rule); 91 does not
    con = company(tmp_path, reason_rows=[("A2", "2024-07-29", "Price")])
    assert checks.findings(con).empty
    con.close()
    con = company(tmp_path / "b", reason_rows=[("A2", "2023-12-31", "Price")])
    assert reasons.classify(con, as_of=pd.Timestamp("2024-06-01").date())["kind"].tolist() == ["reason_date_off"]


def test_revenue_accounts_missing_from_accounts(tmp_path):
    subs = pd.concat([SUBSCRIPTIONS, pd.DataFrame([("A4", "2024-02-01", None, 70.0)], columns=SUBSCRIPTIONS.columns)])
    con = company(tmp_path, subscriptions=subs)
    row = found(con, "revenue_accounts_missing")
    assert row["count"] == 1 and row["example"] == "A4"
    assert set(checks.AFFECTS["revenue_accounts_missing"]) == set(checks.ALL_PAGES)


def test_accounts_that_never_paid(tmp_path):
    accounts = pd.concat([ACCOUNTS, pd.DataFrame({"account_id": ["A5", "A0"], "segment": ["SMB", "SMB"],
                                                  "csm": ["Ben", "Ben"]})])
    subs = pd.concat([SUBSCRIPTIONS, pd.DataFrame([("A5", "2024-02-01", None, 0.0)], columns=SUBSCRIPTIONS.columns)])
    con = company(tmp_path, accounts=accounts, subscriptions=subs)
    row = found(con, "accounts_never_paid")
    assert row["count"] == 2 and row["example"] == "A0" and row["severity"] == "info"


def test_usage_of_unknown_accounts(tmp_path):
    usage = pd.concat([USAGE, pd.DataFrame([("Z1", "2024-03-01", "logins", 1), ("Z1", "2024-04-01", "logins", 2),
                                            ("Z2", "2024-04-01", "seats", 3)], columns=USAGE.columns)])
    con = company(tmp_path, usage=usage)
    row = found(con, "usage_unknown_accounts")
    assert row["count"] == 3 and row["example"] == "Z1 (2 accounts)"
    assert len(checks.findings(con)) == 1


def test_usage_outside_the_revenue_months(tmp_path):
    # A3 pays from 2024-06; A2 paid Jan-Mar
    usage = pd.concat([USAGE, pd.DataFrame([("A3", "2024-02-15", "logins", 1), ("A2", "2024-05-01", "logins", 2)],
                                           columns=USAGE.columns)])
    con = company(tmp_path, usage=usage)
    row = found(con, "usage_outside_revenue")
    assert row["count"] == 2 and row["example"] == "A2: usage in 2024-05, revenue 2024-01 to 2024-03"


def test_amounts_that_look_like_yen_under_dollars(tmp_path):
    subs = SUBSCRIPTIONS.assign(mrr=SUBSCRIPTIONS["mrr"] * 1500)   # 150,000 / 300,000 a month
    con = company(tmp_path, subscriptions=subs)
    row = found(con, "amount_scale_large", currency="USD")
    assert row["count"] == 2   # A1 and A3 pay in the latest month
    assert row["example"] == "median MRR 225,000 over 2 accounts (A1: 150,000)"
    assert "USD" in row["action"]
    assert checks.findings(con, currency="JPY").empty


def test_amounts_that_look_like_dollars_under_yen(tmp_path):
    subs = SUBSCRIPTIONS.assign(mrr=SUBSCRIPTIONS["mrr"] / 4)   # 25 / 50 a month
    con = company(tmp_path, subscriptions=subs)
    row = found(con, "amount_scale_small", currency="JPY")
    assert row["count"] == 2 and row["example"] == "median MRR 38 over 2 accounts (A1: 25)"
    assert checks.findings(con, currency="USD").empty


@pytest.mark.parametrize("column, kind, value", [("segment", "single_segment", "SMB"), ("csm", "single_csm", "Ben")])
def test_a_grouping_column_with_one_value(tmp_path, column, kind, value):
    con = company(tmp_path, accounts=ACCOUNTS.assign(**{column: value}))
    row = found(con, kind)
    assert row["count"] == 3 and value in row["example"]
    assert len(checks.findings(con)) == 1


def test_absent_optional_tables_skip_their_checks(tmp_path):
    con = make_db(tmp_path, subscriptions=SUBSCRIPTIONS)   # no accounts, reasons or usage
    assert checks.findings(con).empty
    con.close()
    con = make_db(tmp_path / "b", accounts=ACCOUNTS.assign(segment="SMB"))   # no revenue
    assert checks.findings(con)["kind"].tolist() == ["single_segment"]


def test_findings_in_japanese(tmp_path):
    con = company(tmp_path, reason_rows=[*MATCHED, ("Z9", "2024-02-10", "Price")])
    row = found(con, "reason_never_paid", lang="ja")
    assert row["example"] == "Z9：解約日 2024-02-10" and row["finding"] == "一度も支払いのない顧客の解約理由"


def test_page_filter(tmp_path):
    con = company(tmp_path, reason_rows=[*MATCHED, ("Z9", "2024-02-10", "Price")],
                  accounts=ACCOUNTS.assign(csm="Ben"))
    frame = checks.findings(con)
    assert checks.for_page(frame, "churn")["kind"].tolist() == ["reason_never_paid", "single_csm"]
    assert checks.for_page(frame, "nrr").empty


def test_check_command_prints_a_header_only_when_all_is_well(tmp_path, capsys):
    company(tmp_path).close()
    assert cli.main(["check", "--db", str(tmp_path / "checks.duckdb")]) == 0
    assert capsys.readouterr().out == "kind,severity,count,finding,example,action\n"


def test_check_command_reports_findings_and_exits_0(tmp_path, capsys):
    company(tmp_path, reason_rows=[*MATCHED, ("Z9", "2024-02-10", "Price")]).close()
    assert cli.main(["check", "--db", str(tmp_path / "checks.duckdb"), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert [(r["kind"], r["count"], r["example"]) for r in rows] == [("reason_never_paid", 1, "Z9: churn date 2024-02-10")]


def test_findings_before_a_file_is_saved(tmp_path):
    # the prepared reasons file would add a reason of an account that never paid; nothing is saved
    from dashboard import ingest
    from dashboard.checks import preview

    con = company(tmp_path, reason_rows=None)
    source = ingest.read_source(con, "reasons.csv", b"account_id,churn_date,primary_reason\nZ9,2024-02-10,Price\n")
    prepared = ingest.prepare(con, source, "churn_reasons", {c: c for c in REASON_COLUMNS})
    assert prepared.ok
    frame = preview.findings_if_saved(con, table="churn_reasons", relation=prepared.relation,
                                      source_file="reasons.csv")
    assert frame[["kind", "count", "example"]].values.tolist() == [["reason_never_paid", 1, "Z9: churn date 2024-02-10"]]
    assert store.current_version(con) == 1 and not store.has_table(con, "churn_reasons")
    assert checks.findings(con).empty
    # a render pinned to its version keeps that pin: the scratch copy's commits (versions 1 and 2 of the
    # copy) once moved it, and the rest of the Data page read a "v2" the database did not have
    with store.pinned(1):
        preview.findings_if_saved(con, table="churn_reasons", relation=prepared.relation, source_file="reasons.csv")
        assert store.pinned_version() == 1
        assert not store.history(con).empty


def test_data_page_and_affected_pages_show_the_findings(tmp_path, monkeypatch):
    from tests.conftest import open_page

    company(tmp_path, reason_rows=[*MATCHED, ("Z9", "2024-02-10", "Price")]).close()
    db = tmp_path / "checks.duckdb"
    at = open_page(db, monkeypatch, "pages/data.py")
    assert "Checks of the current version (1)" in [s.value for s in at.subheader]
    assert "1 finding" in [w.value for w in at.warning]  # one finding is not "1 findings"
    tables = [frame.value for frame in at.dataframe]
    shown = next(frame for frame in tables if "Example" in frame.columns)
    assert shown[["Count", "Example"]].values.tolist() == [[1, "Z9: churn date 2024-02-10"]]
    assert "account IDs" in shown["What to do"].iloc[0]
    # the churn page, which the finding affects, links to the Data page; the NRR page does not
    at.switch_page("pages/churn.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    links = [link.proto.label for link in at.get("page_link")]
    assert "Data checks found 1 issue that affects this page: see the Data page" in links
    at.switch_page("pages/nrr.py")
    at.run()
    assert not any("Data checks" in link.proto.label for link in at.get("page_link"))


def test_ingest_command_reports_the_findings_after_the_load(tmp_path, capsys):
    company(tmp_path, reason_rows=None).close()
    reasons_file = tmp_path / "reasons.csv"
    reasons_file.write_text("account_id,churn_date,primary_reason\nZ9,2024-02-10,Price\n", encoding="utf-8")
    db = str(tmp_path / "checks.duckdb")
    assert cli.main(["ingest", "--db", db, "--table", "churn_reasons", str(reasons_file)]) == 0
    err = capsys.readouterr().err
    assert "warning: check reason_never_paid: 1 x Churn reasons of accounts that never paid " \
           "(e.g. Z9: churn date 2024-02-10)" in err


def test_churn_on_the_data_s_last_day_is_in_view_or_reported(tmp_path):
    # issue 11: the churned subscription ends on the data's last day, so its churn falls in the month
    # after. The default as-of month reaches it (the reason matches); an earlier as-of month leaves the
    # reason matching nothing, and the check says why.
    from datetime import date

    subs = pd.DataFrame([("A1", "2024-01-01", "2024-12-31", 100.0), ("A2", "2024-01-01", None, 80.0)],
                        columns=SUBSCRIPTIONS.columns)
    con = company(tmp_path, subscriptions=subs, reason_rows=[("A1", "2024-12-31", "Price")], usage=None,
                  accounts=ACCOUNTS.iloc[:2])
    assert checks.findings(con).empty
    frame = checks.findings(con, as_of=date(2024, 12, 1))
    assert frame[["kind", "count", "example"]].values.tolist() == [
        ["reason_after_as_of", 1, "A1: churn date 2024-12-31, as-of month 2024-12"]]


def test_data_page_findings_in_japanese(tmp_path, monkeypatch):
    from tests.conftest import open_page

    company(tmp_path, accounts=ACCOUNTS.assign(segment="SMB")).close()
    at = open_page(tmp_path / "checks.duckdb", monkeypatch)
    at.sidebar.selectbox(key="display.lang.en").set_value("ja")
    at.run()
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = next(frame.value for frame in at.dataframe if "例" in frame.value.columns)
    assert shown[["件数", "例"]].values.tolist() == [[3, "セグメント SMB（3社）"]]
