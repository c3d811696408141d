"""Churn review metrics on a hand-made company: the matching rule, the unrecorded and mismatch lists,
ARR lost, the groupings, and the identity arr_lost = 12 x the engine's churn (also on the sample)."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from dashboard import cli, store, windows
from dashboard.churn import matching, summary
from dashboard.revenue import metrics as revenue
from tests.identities import ME

AS_OF = date(2024, 7, 1)
D = date
NAN = float("nan")

ACCOUNTS = pd.DataFrame({
    "account_id": ["A1", "A2", "A3", "A4", "A5", "A6", "A7"],
    "account_name": ["Alpha Ltd", "Beta Inc", "Gamma Co", "Delta AG", "Epsilon KK", "Zeta LLC", "Eta plc"],
    "segment": ["Enterprise", "SMB", "SMB", "Enterprise", "Mid-Market", "SMB", None],
})
# (account, start, end = last day of service, mrr); an account pays in M when running on M's last day.
SUBSCRIPTIONS = pd.DataFrame([
    ("A1", "2024-01-01", "2024-03-15", 100.0),   # paying Jan-Feb, churn in Mar
    ("A2", "2024-01-01", "2024-02-29", 200.0),   # churn in Mar
    ("A3", "2024-01-01", "2024-01-31", 50.0),    # churn in Feb ...
    ("A3", "2024-04-01", "2024-05-31", 80.0),    # ... back in Apr (win-back), churn again in Jun
    ("A4", "2024-01-01", None, 300.0),           # never churns
    ("A5", "2024-01-01", "2024-02-29", 400.0),   # churn in Mar
    ("A6", "2024-01-01", "2024-02-29", 60.0),    # churn in Mar
    ("A7", "2024-01-01", "2024-04-30", 70.0),    # churn in May
], columns=["account_id", "start_date", "end_date", "mrr"])
_FLAGS = ("preventable", "budget_ok", "authority_ok", "needs_ok", "timeframe_ok", "competitor_ok")
REASONS = pd.DataFrame([
    # inside the churn month's span: 0 days off
    ("A1", "2024-03-15", "Price", None, None, "Alpha Ltd cut budgets", True, False, True, True, True, True),
    # A2: the nearer row explains the Mar churn; the 06-20 row (81 days after Mar 31) is a duplicate
    ("A2", "2024-03-05", "Missing feature", "Price", "Rival", "asked twice", False, True, True, False, True, True),
    ("A2", "2024-06-20", "Price", None, None, None, None, None, None, None, None, None),
    # A3: 20 days after the Feb span, 72 days before the Jun span -> explains Feb; Jun is unrecorded
    ("A3", "2024-03-20", "Poor adoption", None, None, None, None, None, None, None, None, None),
    # A4 never churned
    ("A4", "2024-02-10", "Price", None, None, None, None, None, None, None, None, None),
    # A5: 106 days after Mar 31: too far, so a mismatch, and A5's churn is unrecorded
    ("A5", "2024-07-15", "Champion left", None, None, None, None, None, None, None, None, None),
    # A6: exactly 90 days after Mar 31: still matched
    ("A6", "2024-06-29", "Price", None, "Rival", None, True, True, True, True, True, False),
    # A7: 76 days before its May span (which starts Apr 30)
    ("A7", "2024-02-14", "Champion left", None, None, None, False, True, False, True, True, True),
], columns=["account_id", "churn_date", "primary_reason", "secondary_reason", "competitor", "notes", *_FLAGS])


def make_db(tmp_path, *, reasons: bool = True):
    con = store.connect(tmp_path / "churn.duckdb")
    loads = [store.Load("accounts", ACCOUNTS, "accounts.csv"), store.Load("subscriptions", SUBSCRIPTIONS, "s.csv")]
    if reasons:
        loads.append(store.Load("churn_reasons", REASONS, "churn.csv"))
    store.commit(con, loads, by=ME)
    return con


@pytest.fixture
def con(tmp_path):
    con = make_db(tmp_path)
    yield con
    con.close()


def test_matching_rule_and_arr_lost(con):
    got = matching.churn_events(con, as_of=AS_OF, start=D(2024, 1, 1), end=D(2024, 7, 1))
    expected = pd.DataFrame({
        "account_id": ["A5", "A2", "A1", "A3", "A7", "A6", "A3"],
        "month": [D(2024, 3, 1), D(2024, 3, 1), D(2024, 3, 1), D(2024, 6, 1), D(2024, 5, 1), D(2024, 3, 1),
                  D(2024, 2, 1)],
        "mrr_before": [400.0, 200.0, 100.0, 80.0, 70.0, 60.0, 50.0],
        "arr_lost": [4800.0, 2400.0, 1200.0, 960.0, 840.0, 720.0, 600.0],
        "tenure_months": pd.array([2, 2, 2, 2, 4, 2, 1], dtype="Int64"),
        "recorded": [False, True, True, False, True, True, True],
        "primary_reason": ["(unrecorded)", "Missing feature", "Price", "(unrecorded)", "Champion left", "Price",
                           "Poor adoption"],
        "churn_date": [None, D(2024, 3, 5), D(2024, 3, 15), None, D(2024, 2, 14), D(2024, 6, 29), D(2024, 3, 20)],
        "days_off": pd.array([None, 0, 0, None, 76, 90, 20], dtype="Int64"),
        "returned_month": [None, None, None, None, None, None, D(2024, 4, 1)],
        "arr_now": [0.0] * 7,
    })
    assert_frame_equal(got[list(expected.columns)], expected, check_dtype=False)
    assert got["tenure_months"].dtype == "Int64" and got["arr_lost"].dtype == "float64"


def test_unrecorded_and_mismatch_lists(con):
    mismatches = matching.churn_mismatches(con, as_of=AS_OF)
    expected = pd.DataFrame({
        "account_id": ["A4", "A2", "A5"],
        "account_name": ["Delta AG", "Beta Inc", "Epsilon KK"],
        "churn_date": [D(2024, 2, 10), D(2024, 6, 20), D(2024, 7, 15)],
        "primary_reason": ["Price", "Price", "Champion left"],
        "problem": ["no_churn", "duplicate", "no_churn"],
        "month": [None, D(2024, 3, 1), None],
        "days_off": pd.array([None, 81, None], dtype="Int64"),
    })
    assert_frame_equal(mismatches, expected, check_dtype=False)
    events = matching.churn_events(con, as_of=AS_OF, start=D(2024, 1, 1), end=D(2024, 7, 1))
    unrecorded = events.loc[~events["recorded"], ["account_id", "month"]].reset_index(drop=True)
    assert_frame_equal(unrecorded, pd.DataFrame({"account_id": ["A5", "A3"], "month": [D(2024, 3, 1), D(2024, 6, 1)]}),
                       check_dtype=False)


def test_window_months_are_after_start_through_end(con):
    events = matching.churn_events(con, as_of=AS_OF, start=D(2024, 2, 1), end=D(2024, 3, 1))
    assert sorted(events["account_id"]) == ["A1", "A2", "A5", "A6"]  # March only; A3's Feb churn is before


@pytest.mark.parametrize("by, expected", [
    ("reason", [("Missing feature", 1, 2400.0), ("Price", 2, 1920.0), ("Champion left", 1, 840.0),
                ("Poor adoption", 1, 600.0), ("(unrecorded)", 2, 5760.0)]),
    ("segment", [("Mid-Market", 1, 4800.0), ("SMB", 4, 4680.0), ("Enterprise", 1, 1200.0), ("(none)", 1, 840.0)]),
    ("competitor", [("Rival", 2, 3120.0), ("(none)", 3, 2640.0), ("(unrecorded)", 2, 5760.0)]),
    ("secondary_reason", [("(none)", 4, 3360.0), ("Price", 1, 2400.0), ("(unrecorded)", 2, 5760.0)]),
])
def test_churn_by(con, by, expected):
    got = summary.churn_by(con, as_of=AS_OF, start=D(2024, 1, 1), end=D(2024, 7, 1), by=by)
    frame = pd.DataFrame(expected, columns=["group", "accounts", "arr_lost"])
    frame["share_arr"] = frame["arr_lost"] / 11520.0
    assert_frame_equal(got, frame, check_dtype=False)


def test_tiles_bantc_tenure_and_winback(con):
    kw = dict(as_of=AS_OF, start=D(2024, 1, 1), end=D(2024, 7, 1))
    tiles = summary.churn_tiles(con, **kw).iloc[0]
    # starting ARR: 12 x every account's Jan MRR (100+200+50+300+400+60+70 = 1180)
    assert tiles[["logos", "arr_lost", "starting_arr", "recorded_logos", "preventable_logos"]].tolist() == \
        [7, 11520.0, 14160.0, 5, 2]
    assert tiles["share_of_starting_arr"] == pytest.approx(11520 / 14160)
    assert tiles["recorded_share"] == pytest.approx(5 / 7)
    # preventable: A1 (1200) and A6 (720) of the flagged A1, A2, A6, A7 (1200 + 2400 + 720 + 840)
    assert tiles["preventable_share"] == pytest.approx(1920 / 5160)
    bantc = summary.bantc_failures(con, **kw)
    assert_frame_equal(bantc, pd.DataFrame({
        "check": ["budget", "authority", "needs", "timeframe", "competitor"], "failed": [1, 1, 1, 0, 1],
        "checked": [4, 4, 4, 4, 4], "share_failed": [0.25, 0.25, 0.25, 0.0, 0.25],
        "arr_lost": [1200.0, 840.0, 2400.0, 0.0, 720.0]}), check_dtype=False)
    tenure = summary.tenure_at_churn(con, **kw)
    assert tenure["accounts"].tolist() == [7, 0, 0, 0, 0]
    back = summary.winbacks(con, **kw)
    assert_frame_equal(back, pd.DataFrame({
        "account_id": ["A3"], "account_name": ["Gamma Co"], "segment": ["SMB"], "month": [D(2024, 2, 1)],
        "returned_month": [D(2024, 4, 1)], "gap_months": [2], "arr_lost": [600.0], "arr_now": [0.0]}),
        check_dtype=False)
    heat = summary.reason_segment(con, **kw)
    assert heat["arr_lost"].sum() == 11520.0 and heat["accounts"].sum() == 7


def test_without_churn_reasons_every_churn_is_unrecorded(tmp_path):
    con = make_db(tmp_path, reasons=False)
    got = summary.churn_by(con, as_of=AS_OF, start=D(2024, 1, 1), end=D(2024, 7, 1))
    assert_frame_equal(got, pd.DataFrame({"group": ["(unrecorded)"], "accounts": [7], "arr_lost": [11520.0],
                                          "share_arr": [1.0]}), check_dtype=False)
    assert matching.churn_mismatches(con, as_of=AS_OF).empty
    con.close()


def test_empty_window(con):
    got = summary.churn_by(con, as_of=AS_OF, start=D(2024, 6, 1), end=D(2024, 7, 1))
    assert got.empty and list(got.columns) == summary.GROUP_COLUMNS
    assert summary.churn_tiles(con, as_of=AS_OF, start=D(2024, 6, 1), end=D(2024, 7, 1))["logos"].iloc[0] == 0


def test_cli_on_the_hand_made_company(tmp_path, capsys):
    make_db(tmp_path).close()
    db = str(tmp_path / "churn.duckdb")
    # the as-of month is the latest month a start or end date falls in: 2024-05 (A3's June churn is later)
    assert cli.main(["churn", "--db", db, "--start", "2024-01", "--end", "2024-05", "--by", "competitor"]) == 0
    out = capsys.readouterr().out
    assert out == ("group,accounts,arr_lost,share_arr\n"
                   f"Rival,2,3120.0,{3120 / 10560}\n"
                   "(none),3,2640.0,0.25\n"
                   f"(unrecorded),1,4800.0,{4800 / 10560}\n")
    assert cli.main(["churn", "--db", db, "--start", "2024-01", "--end", "2099-07"]) == 1
    assert "after the last complete calendar month" in capsys.readouterr().err
    assert cli.main(["churn", "--db", db, "--start", "2024-03", "--end", "2024-02"]) == 1
    assert "must be before" in capsys.readouterr().err
    assert cli.main(["churn", "--db", db, "--start", "2024-01", "--end", "2024-13"]) == 1
    assert "--end" in capsys.readouterr().err


@pytest.mark.parametrize("by", ["reason", "segment", "competitor"])
def test_arr_lost_sums_to_12x_engine_churn_on_the_sample(sample_db, by, capsys):
    con = store.connect(sample_db, read_only=True)
    as_of = revenue.default_as_of(con)
    movements = revenue.monthly_movements(con, as_of=as_of)
    con.close()
    for months in (1, 3, 12, 24):
        start = windows.add_months(as_of, -months)
        assert cli.main(["churn", "--db", str(sample_db), "--start", f"{start:%Y-%m}", "--end", f"{as_of:%Y-%m}",
                         "--by", by, "--format", "json"]) == 0
        frame = pd.DataFrame(json.loads(capsys.readouterr().out)["rows"])
        in_window = movements[(movements["month"] > start) & (movements["month"] <= as_of)]
        assert frame["arr_lost"].sum() == pytest.approx(12 * in_window["churn"].sum(), abs=1e-6)
        assert frame["accounts"].sum() == in_window["churned_accounts"].sum()
        assert frame["share_arr"].sum() == pytest.approx(1.0)
        if by != "segment":
            assert "(unrecorded)" in set(frame["group"])


@pytest.mark.parametrize("kind", ["trailing_12", "quarter", "month"])
@pytest.mark.parametrize("back", [0, 7, 30])
def test_starting_arr_is_the_bridge_starting_mrr(sample_db, kind, back):
    """The tiles read the book's MRR of the start month from the monthly movements; it is the NRR
    bridge's starting MRR of the same window (0 for a window that starts before the first revenue)."""
    con = store.connect(sample_db, read_only=True)
    as_of = revenue.default_as_of(con)
    window = windows.window(kind, windows.add_months(as_of, -back))
    tiles = summary.churn_tiles(con, as_of=as_of, start=window.start, end=window.end).iloc[0]
    bridge = revenue.nrr_bridge(con, start=window.start, end=window.end).iloc[0]
    assert tiles["starting_arr"] == pytest.approx(12 * bridge["starting_mrr"], rel=1e-12, abs=1e-9)
    con.close()
