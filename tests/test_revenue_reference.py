"""Conformance: the revenue engine against someone else's numbers on the same data.

The dbt mrr-playbook seed (tests/fixtures/mrr-playbook/subscription_periods.csv) must give every
month of the playbook's own summary and every customer-month category, and the 12-month NRR / GRR
the MIT package saas-metrics 0.1.0 computed from it (saas_metrics_metrics.csv).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from dashboard import store
from dashboard.revenue import metrics as revenue
from tests.identities import ME

PLAYBOOK = Path(__file__).resolve().parent / "fixtures" / "mrr-playbook"  # copied from the shared reference folder: tests/fixtures/README.md
AS_OF = date(2020, 2, 1)  # the playbook's last month: the month every customer has churned by


def _reference(name: str) -> pd.DataFrame:
    return pd.read_csv(PLAYBOOK / name)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    seed = _reference("subscription_periods.csv")
    subscriptions = pd.DataFrame({
        "account_id": seed["customer_id"].astype(str),
        "start_date": pd.to_datetime(seed["start_date"]).dt.date,
        # The playbook's end_date is exclusive (first month no longer paid); ours is the last day of service.
        "end_date": pd.to_datetime(seed["end_date"]).dt.date - timedelta(days=1),
        "mrr": seed["monthly_amount"].astype(float),
        "subscription_id": seed["subscription_id"].astype(str),
    })
    accounts = pd.DataFrame({"account_id": sorted(subscriptions["account_id"].unique(), key=int)})
    accounts["segment"] = ["Even" if int(a) % 2 == 0 else "Odd" for a in accounts["account_id"]]
    connection = store.connect(tmp_path_factory.mktemp("playbook") / "t.duckdb")
    store.commit(connection, [store.Load("accounts", accounts, "accounts.csv"),
                              store.Load("subscriptions", subscriptions, "subscription_periods.csv")], by=ME)
    yield connection
    connection.close()


def test_monthly_summary_matches_the_playbook_every_month(con):
    summary = _reference("mrr_monthly_summary.csv")
    expected = pd.DataFrame({
        "month": pd.to_datetime(summary["date_month"]).dt.date,
        "starting_mrr": summary["starting_mrr"],
        "new": summary["new_mrr"],
        "reactivation": summary["reactivation_mrr"],
        "expansion": summary["expansion_mrr"],
        # The playbook signs losses negative; ours are amounts lost.
        "contraction": -summary["contraction_mrr"],
        "churn": -summary["churned_mrr"],
        "ending_mrr": summary["ending_mrr"],
        "new_accounts": summary["new_customers"],
        "reactivated_accounts": summary["reactivated_customers"],
        "expanded_accounts": summary["upgrades"],
        "contracted_accounts": summary["downgrades"],
        "churned_accounts": summary["churned_customers"],
    }).astype({c: "float64" for c in revenue.MOVEMENT_AMOUNTS} | {c: "int64" for c in revenue.MOVEMENT_COUNTS})
    movements = revenue.monthly_movements(con, as_of=AS_OF)
    # Our months start with the first revenue (2017-09); the playbook's spine starts at 2018-01. The
    # 2017-only customers have all churned by then, so the months it shows must match one for one.
    assert movements["month"].iloc[0] == date(2017, 9, 1)
    assert movements.loc[movements["month"] < date(2018, 1, 1), "ending_mrr"].iloc[-1] == 0
    ours = movements[movements["month"] >= date(2018, 1, 1)].reset_index(drop=True)
    assert len(ours) == len(expected) == 26
    pd.testing.assert_frame_equal(ours, expected, check_exact=False, rtol=0, atol=1e-9)


def test_every_customer_month_category_matches_the_playbook(con):
    rows = _reference("mrr_expected_rows.csv")
    names = {"new": "new", "reactivation": "reactivation", "upgrade": "expansion", "downgrade": "contraction",
             "churn": "churn"}
    rows = rows[rows["change_category"].notna()]
    expected = {(str(c), d, names[k]) for c, d, k in zip(rows["customer_id"], rows["date_month"],
                                                           rows["change_category"], strict=True)}
    ours = set()
    for month in pd.date_range("2018-01-01", AS_OF, freq="MS").date:
        moved = revenue.movement_accounts(con, as_of=AS_OF, month=month)
        ours |= {(a, f"{month:%Y-%m-%d}", k) for a, k in zip(moved["account_id"], moved["category"], strict=True)}
    assert len(expected) == 167
    assert ours == expected


@pytest.mark.parametrize("by", [None, "segment"])
def test_twelve_month_nrr_and_grr_match_saas_metrics(con, by):
    bridge = revenue.nrr_bridge(con, start=date(2018, 12, 1), end=date(2019, 12, 1), by=by)
    if by is not None:  # the split must add up to the whole
        totals = bridge[revenue.BRIDGE_AMOUNTS].sum()
        bridge = pd.DataFrame([{**totals, "nrr": totals["retained_mrr"] / totals["starting_mrr"],
                                "grr": (totals["starting_mrr"] - totals["contraction"] - totals["churn"])
                                / totals["starting_mrr"]}])
    assert round(bridge["nrr"].iloc[0], 6) == 0.700855
    assert round(bridge["grr"].iloc[0], 6) == 0.581197
    metrics = _reference("saas_metrics_metrics.csv")
    december = metrics[metrics["period_end"] == "2019-12-31"].iloc[0]
    assert round(december["nrr_12m"], 6) == 0.700855 and round(december["grr_12m"], 6) == 0.581197


def test_nrr_trend_matches_saas_metrics_every_month(con):
    metrics = _reference("saas_metrics_metrics.csv").dropna(subset=["nrr_12m"])
    expected = pd.DataFrame({"month": pd.to_datetime(metrics["period_end"]).dt.date.map(lambda d: d.replace(day=1)),
                             "nrr": metrics["nrr_12m"], "grr": metrics["grr_12m"]}).reset_index(drop=True)
    trend = revenue.nrr_trend(con, as_of=AS_OF, months=12)
    ours = trend[trend["month"] >= expected["month"].iloc[0]][["month", "nrr", "grr"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(ours, expected, check_exact=False, rtol=0, atol=1e-12)


def test_waterfall_matches_saas_metrics(con):
    waterfall = _reference("saas_metrics_waterfall.csv")
    expected = pd.DataFrame({
        "month": pd.to_datetime(waterfall["period_end"]).dt.date.map(lambda d: d.replace(day=1)),
        "starting_mrr": waterfall["beginning"], "new": waterfall["new_logo"],
        "reactivation": waterfall["reactivation"], "expansion": waterfall["expansion"],
        "contraction": waterfall["contraction"], "churn": waterfall["churn"], "ending_mrr": waterfall["ending"],
        "new_accounts": waterfall["new_logos"], "reactivated_accounts": waterfall["reactivated_logos"],
        "churned_accounts": waterfall["churned_logos"],
    })
    movements = revenue.monthly_movements(con, as_of=AS_OF)
    ours = movements[movements["month"] >= date(2018, 1, 1)][list(expected.columns)].reset_index(drop=True)
    pd.testing.assert_frame_equal(ours, expected, check_exact=False, rtol=0, atol=1e-9, check_dtype=False)
