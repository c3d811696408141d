"""The coverage model on a small hand-made book, with literal expected frames.

The book at the as-of month 2024-03 (mrr_monthly; every account pays January to March):

    accounts   segment      MRR each   ARR each   employees   csm
    E01-E45    Enterprise   10,000     120,000    5,000       Ann (E01-E20), Ben (E21-E45)
    M01-M12    Mid-Market    2,000      24,000      500       Cho (M01-M10), none (M11, M12)
    S01-S30    SMB             250.25    3,003       20       none (S30 has no employee count)
    U          (no accounts row)  100    1,200        -       -
    X          Enterprise    paid January and February only: not in scope

Total ARR = 5,400,000 + 288,000 + 90,090 + 1,200 = 5,779,290 over 88 accounts.
Team: Ann and Ben (Enterprise, 150,000, capacity 20), Cho (Mid-Market, 120,000, capacity 50),
Dee (SMB, 90,000, capacity 300); mean cost 127,500.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from dashboard import store
from dashboard.coverage import actuals, model, whatif
from dashboard.coverage.scenario import Band, Motion, Scenario
from dashboard.revenue import metrics as revenue
from tests.identities import ME

AS_OF = date(2024, 3, 1)
NAN = float("nan")


def _accounts() -> pd.DataFrame:
    rows = [(f"E{i:02d}", "Enterprise", 5000, "Ann" if i <= 20 else "Ben") for i in range(1, 46)]
    rows += [(f"M{i:02d}", "Mid-Market", 500, "Cho" if i <= 10 else None) for i in range(1, 13)]
    rows += [(f"S{i:02d}", "SMB", None if i == 30 else 20, None) for i in range(1, 31)]
    rows += [("X", "Enterprise", 9000, "Ann")]
    frame = pd.DataFrame(rows, columns=["account_id", "segment", "employees", "csm"])
    return frame.assign(account_name="Name " + frame["account_id"])


def _mrr() -> pd.DataFrame:
    months = ["2024-01-01", "2024-02-01", "2024-03-01"]
    rows = [(a, m, mrr) for prefix, n, mrr in (("E", 45, 10_000), ("M", 12, 2_000), ("S", 30, 250.25))
            for a in (f"{prefix}{i:02d}" for i in range(1, n + 1)) for m in months]
    rows += [("U", m, 100) for m in months] + [("X", m, 7_000) for m in months[:2]]
    return pd.DataFrame(rows, columns=["account_id", "month", "mrr"])


TEAM = pd.DataFrame({"csm": ["Ann", "Ben", "Cho", "Dee"], "segment": ["Enterprise", "Enterprise", "Mid-Market", "SMB"],
                     "annual_cost": [150_000.0, 150_000.0, 120_000.0, 90_000.0],
                     "capacity_accounts": [20.0, 20.0, 50.0, 300.0]})


@pytest.fixture
def con(tmp_path):
    connection = store.connect(tmp_path / "book.duckdb")
    store.commit(connection, [store.Load("accounts", _accounts(), "accounts.csv"),
                              store.Load("mrr_monthly", _mrr(), "mrr.csv"), store.Load("team", TEAM, "team.csv")], by=ME)
    yield connection
    connection.close()


def _segments(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["segment", "accounts", "arr"])
    frame["mrr"] = frame["arr"] / 12
    return frame[model.SEGMENT_COLUMNS].astype({"accounts": "int64", "arr": "float64", "mrr": "float64"})


TOTAL_ROW = ("TOTAL", 88, 5_779_290.0)
SEGMENT_CASES = {
    "arr bands": ("arr", Scenario().arr_bands,
                  [("Enterprise", 45, 5_400_000.0), ("Mid-Market", 12, 288_000.0), ("SMB", 31, 91_290.0), TOTAL_ROW]),
    "arr band boundary is inclusive": ("arr", (Band("Small", 0.0), Band("Big", 24_000.0)),
                                       [("Big", 57, 5_688_000.0), ("Small", 31, 91_290.0), TOTAL_ROW]),
    "employee bands": ("employees", Scenario().employee_bands,
                       [("Enterprise", 45, 5_400_000.0), ("Mid-Market", 12, 288_000.0), ("SMB", 29, 87_087.0),
                        ("(none)", 2, 4_203.0), TOTAL_ROW]),
    "empty band is listed": ("employees", (Band("Huge", 100_000.0), Band("Rest", 0.0)),
                             [("Huge", 0, 0.0), ("Rest", 86, 5_775_087.0), ("(none)", 2, 4_203.0), TOTAL_ROW]),
    "accounts' own segment": ("segment", (),
                              [("Enterprise", 45, 5_400_000.0), ("Mid-Market", 12, 288_000.0), ("SMB", 30, 90_090.0),
                               ("(none)", 1, 1_200.0), TOTAL_ROW]),
}


@pytest.mark.parametrize("rule, bands, expected", SEGMENT_CASES.values(), ids=SEGMENT_CASES.keys())
def test_segments(con, rule, bands, expected):
    assert_frame_equal(model.segments(con, as_of=AS_OF, rule=rule, bands=bands), _segments(expected))


@pytest.mark.parametrize("rule", ["arr", "employees", "segment"])
def test_total_arr_is_the_revenue_engines_ending_arr(con, rule):
    book = model.segments(con, as_of=AS_OF, rule=rule, bands=Scenario(rule=rule).bands)
    ending = revenue.monthly_movements(con, as_of=AS_OF).set_index("month").loc[AS_OF, "ending_mrr"]
    assert book["arr"].iloc[-1] == ending * 12 == 5_779_290.0
    assert book["accounts"].iloc[-1] == book["accounts"].iloc[:-1].sum()
    assert book["arr"].iloc[:-1].sum() == pytest.approx(book["arr"].iloc[-1], rel=1e-12)


def test_total_arr_on_the_sample_company(sample_db):
    con = store.connect(sample_db)
    as_of = revenue.default_as_of(con)
    book = model.segments(con, as_of=as_of, rule="arr", bands=Scenario().bands)
    ending = revenue.monthly_movements(con, as_of=as_of)["ending_mrr"].iloc[-1]
    assert book["arr"].iloc[-1] == ending * 12
    accounts = model.segment_accounts(con, as_of=as_of, rule="arr", bands=Scenario().bands)
    assert accounts["account_id"].is_unique and len(accounts) == book["accounts"].iloc[-1]
    con.close()


SCENARIO = Scenario(rule="segment", csm_cost=100_000.0, digital_program_cost=8_800.0, digital_cost_per_account=50.0,
                    gross_margin=0.75, cost_ceiling=0.10,
                    motions=(("Enterprise", Motion("named_accounts", 20.0)), ("Mid-Market", Motion("named_arr", 100_000.0)),
                             ("SMB", Motion("pooled", 250.0))))


def test_plan(con):
    # 45 Enterprise accounts at 20 per CSM -> 2.25 exact, 3 whole; 288,000 ARR at 100,000 per CSM -> 2.88, 3;
    # 30 SMB accounts at 250 per pooled CSM -> 0.12, 1; digital = 50 per account + 8,800 / 88 = 150 per account.
    rows = [("Enterprise", "named_accounts", 20.0, 45, 5_400_000.0, 2.25, 3, 300_000.0, 6_750.0),
            ("Mid-Market", "named_arr", 100_000.0, 12, 288_000.0, 2.88, 3, 300_000.0, 1_800.0),
            ("SMB", "pooled", 250.0, 30, 90_090.0, 0.12, 1, 100_000.0, 4_500.0),
            ("(none)", "digital", NAN, 1, 1_200.0, 0.0, 0, 0.0, 150.0),
            ("TOTAL", "", NAN, 88, 5_779_290.0, 5.25, 7, 700_000.0, 13_200.0)]
    expected = pd.DataFrame(rows, columns=model.PLAN_COLUMNS[:9])
    expected["cost"] = [306_750.0, 301_800.0, 104_500.0, 150.0, 713_200.0]
    expected["cost_pct_arr"] = [306_750 / 5_400_000, 301_800 / 288_000, 104_500 / 90_090, 150 / 1_200, 713_200 / 5_779_290]
    expected["cost_pct_gross_profit"] = expected["cost_pct_arr"] / 0.75
    expected["ceiling_met"] = [True, False, False, False, False]  # 713,200 / 5,779,290 = 12.3% > 10%
    assert_frame_equal(model.coverage_plan(con, as_of=AS_OF, scenario=SCENARIO), expected)


def test_totals_are_the_sum_of_segments(sample_db):
    con = store.connect(sample_db)
    as_of = revenue.default_as_of(con)
    for scenario in (Scenario(), Scenario(rule="employees"), SCENARIO, Scenario(rule="segment", motions=())):
        plan = model.coverage_plan(con, as_of=as_of, scenario=scenario)
        parts, total = plan.iloc[:-1], plan.iloc[-1]
        for column in ("accounts", "csm_rounded"):
            assert total[column] == parts[column].sum()
        for column in ("arr", "csm_needed", "csm_cost", "digital_cost", "cost"):
            assert total[column] == pytest.approx(parts[column].sum(), rel=1e-12)
        assert (parts["csm_rounded"] >= parts["csm_needed"]).all()
        assert (parts["csm_rounded"] - parts["csm_needed"] < 1).all()
    con.close()


def test_loaded_cost_defaults_to_the_team_mean(con):
    plan = model.coverage_plan(con, as_of=AS_OF, scenario=Scenario(rule="segment", digital_program_cost=0.0,
                                                                   digital_cost_per_account=0.0))
    assert model.team_mean_cost(con) == 127_500.0
    assert plan["csm_cost"].iloc[-1] == plan["csm_rounded"].iloc[-1] * 127_500.0


def test_round_up_ignores_float_noise():
    assert [model.round_up(v) for v in (0.0, 0.12, 2.0, 2.0000000000004, 2.25, 0.1 * 3 / 0.1)] == [0, 1, 2, 2, 3, 3]


def test_csm_books_and_headcount(con):
    books = actuals.csm_book(con, as_of=AS_OF)
    expected = pd.DataFrame({
        "csm": ["Ben", "Ann", "Cho", "Dee"], "team_segment": ["Enterprise", "Enterprise", "Mid-Market", "SMB"],
        "in_team": [True] * 4, "accounts": [25, 20, 10, 0], "arr": [3_000_000.0, 2_400_000.0, 240_000.0, 0.0],
        "capacity_accounts": [20.0, 20.0, 50.0, 300.0], "capacity_use": [1.25, 1.0, 0.2, 0.0],
        "over_capacity": [True, False, False, False], "annual_cost": [150_000.0, 150_000.0, 120_000.0, 90_000.0]})
    assert_frame_equal(books, expected.astype({"team_segment": object}), check_dtype=False)
    summary = actuals.headcount(con, as_of=AS_OF, scenario=SCENARIO)
    assert summary.iloc[0].to_dict() == {"csms_today": 4, "accounts": 88, "accounts_with_csm": 55,
                                         "csms_over_capacity": 1, "named_without_csm": 2, "csms_model": 7,
                                         "headcount_gap": 3, "customers_per_csm": 88 / 4, "arr_per_csm": 5_640_000 / 4}
    uncovered = actuals.uncovered_accounts(con, as_of=AS_OF, scenario=SCENARIO)
    assert uncovered["account_id"].tolist() == ["M11", "M12"]


def test_books_without_a_team_table():
    accounts = pd.DataFrame({"account_id": ["a", "b", "c"], "csm": ["Kim", "Kim", None], "arr": [10.0, 20.0, 5.0]})
    books = actuals.book_frame(accounts, actuals.no_team())
    assert books[["csm", "in_team", "accounts", "arr", "over_capacity"]].to_dict("records") == [
        {"csm": "Kim", "in_team": False, "accounts": 2, "arr": 30.0, "over_capacity": False}]
    assert np.isnan(books["capacity_use"].iloc[0])


def test_projection_against_the_white_glove_baseline():
    book = _segments([("Enterprise", 45, 5_400_000.0), ("SMB", 100, 0.0), ("TOTAL", 145, 5_400_000.0)])
    scenario = Scenario(rule="segment", motions=(("Enterprise", Motion("named_accounts", 20.0)),),
                        customer_growth=1.0, arr_growth=0.5, adoption_improvement=0.1,
                        digital_program_cost=0.0, digital_cost_per_account=0.0)
    frame = whatif.projection(book, scenario, csm_cost=100_000.0, csms_today=3, adoption_today=0.5)
    arr = [5_400_000.0, 8_100_000.0, 12_150_000.0, 18_225_000.0]
    expected = pd.DataFrame({
        "year": [0, 1, 2, 3], "accounts": [145, 290, 580, 1160], "arr": arr,
        "model_csm": [3, 5, 9, 18],  # 45, 90, 180, 360 Enterprise accounts / 20, rounded up
        "model_cost": [300_000.0, 500_000.0, 900_000.0, 1_800_000.0],
        "model_cost_pct_arr": [c / a for c, a in zip([300_000, 500_000, 900_000, 1_800_000], arr)],
        "baseline_csm": [3, 6, 12, 24],  # today's 3 CSMs for 145 accounts, kept in proportion
        "baseline_cost": [300_000.0, 600_000.0, 1_200_000.0, 2_400_000.0],
        "adoption_rate": [0.5, 0.6, 0.7, 0.8],
        "successful_customers": [72.5, 174.0, 406.0, 928.0]})  # customers x adoption rate
    assert_frame_equal(frame, expected)
    # digital coverage is the same under both, so the baseline's cost carries it too
    digital = replace(scenario, digital_cost_per_account=10.0)
    costs = whatif.projection(book, digital, csm_cost=100_000.0, csms_today=3, adoption_today=0.5)
    assert costs["baseline_cost"].tolist() == [301_450.0, 602_900.0, 1_205_800.0, 2_411_600.0]
    assert (costs["model_cost"] - frame["model_cost"]).tolist() == (costs["baseline_cost"] - frame["baseline_cost"]).tolist()


def test_adoption_from_seat_utilisation(tmp_path):
    con = store.connect(tmp_path / "usage.duckdb")
    usage = pd.DataFrame({"account_id": ["a", "a", "b", "b", "c"], "month": ["2024-03-01"] * 5,
                          "metric": ["seats", "active_users", "seats", "active_users", "logins"],
                          "value": [10.0, 8.0, 10.0, 6.0, 3.0]})
    mrr = pd.DataFrame({"account_id": ["a", "b", "c"], "month": ["2024-03-01"] * 3, "mrr": [1.0, 1.0, 1.0]})
    store.commit(con, [store.Load("accounts", pd.DataFrame({"account_id": ["a", "b", "c"]}), "a.csv"),
                       store.Load("mrr_monthly", mrr, "m.csv"), store.Load("usage", usage, "u.csv")], by=ME)
    frame = whatif.adoption(con, as_of=AS_OF, threshold=0.7)
    assert frame.iloc[0].to_dict() == {"paying_accounts": 3, "measured_accounts": 2, "adopted_accounts": 1,
                                       "adoption_rate": 0.5}
    assert whatif.adoption_rate(Scenario(), frame["adoption_rate"].iloc[0]) == 0.5
    assert whatif.adoption_rate(Scenario(adoption_rate=0.9), 0.5) == 0.9
    con.close()


def test_default_scenario_uses_the_accounts_own_segments(con):
    scenario = model.default_scenario(con, as_of=AS_OF)
    assert scenario.rule == "segment"
    # largest ARR first: a named CSM for 20 in the largest, 50 in the middle, pooled 250 in the smallest
    assert scenario.motions == (("Enterprise", Motion("named_accounts", 20.0)),
                                ("Mid-Market", Motion("named_accounts", 50.0)), ("SMB", Motion("pooled", 250.0)))


@pytest.mark.parametrize("segments", [["SMB"] * 3, [None] * 3])
def test_default_scenario_falls_back_to_arr_bands(tmp_path, segments):
    connection = store.connect(tmp_path / "one.duckdb")
    accounts = pd.DataFrame({"account_id": ["A", "B", "C"], "segment": segments})
    monthly = pd.DataFrame({"account_id": ["A", "B", "C"], "month": [AS_OF] * 3, "mrr": [10.0, 20.0, 30.0]})
    store.commit(connection, [store.Load("accounts", accounts, "a.csv"), store.Load("mrr_monthly", monthly, "m.csv")], by=ME)
    assert model.default_scenario(connection, as_of=AS_OF) == Scenario()
    connection.close()


def test_customers_per_csm_is_one_figure(con):
    """The tile and the what-if baseline sentence read the same definition: paying customers / CSMs today."""
    summary = actuals.headcount(con, as_of=AS_OF, scenario=SCENARIO).iloc[0]
    year0 = whatif.what_if(con, as_of=AS_OF, scenario=SCENARIO).iloc[0]
    assert summary["customers_per_csm"] == actuals.customers_per_csm(int(year0["accounts"]), int(year0["baseline_csm"]))
    assert summary["customers_per_csm"] == 88 / 4
    assert np.isnan(actuals.customers_per_csm(10, 0))
