"""The three-year what-if: headcount and CS cost under the model against a white-glove baseline.

Each year every segment's accounts grow by the customer growth rate (rounded to whole accounts) and
its ARR by the ARR growth rate; the plan is recomputed with the same motions. The white-glove
baseline keeps today's accounts per CSM, so its headcount grows in step with customers; its cost adds the
same digital coverage as the model's. Successful
customers = customers x adoption rate, where the adoption rate (paying accounts whose seat
utilisation reaches a threshold, from usage, or an input) improves by a number of points a year.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from dashboard import store
from dashboard.coverage.model import TOTAL, first_of_month, plan_frame, round_up
from dashboard.coverage.scenario import FALLBACK_ADOPTION, Scenario
from dashboard.revenue import metrics as revenue

YEARS = 3
PROJECTION_COLUMNS = ["year", "accounts", "arr", "model_csm", "model_cost", "model_cost_pct_arr", "baseline_csm",
                      "baseline_cost", "adoption_rate", "successful_customers"]
ADOPTION_COLUMNS = ["paying_accounts", "measured_accounts", "adopted_accounts", "adoption_rate"]


def adoption(con: duckdb.DuckDBPyConnection, *, as_of: date, threshold: float) -> pd.DataFrame:
    """Adoption from usage at ``as_of``. One row; columns: paying_accounts, measured_accounts (with seats
    and active users), adopted_accounts (seat utilisation >= threshold), adoption_rate (adopted /
    measured; NaN when no account is measured or there is no usage table)."""
    if not store.has_table(con, "usage"):
        return pd.DataFrame([{c: 0 for c in ADOPTION_COLUMNS[:3]} | {"adoption_rate": float("nan")}])
    frame = revenue.grid_query(con, "coverage_adoption", as_of=as_of, month=first_of_month(as_of),
                               threshold=float(threshold))
    frame = frame.astype("int64")
    measured = int(frame["measured_accounts"].iloc[0])
    frame["adoption_rate"] = frame["adopted_accounts"] / measured if measured else float("nan")
    return frame[ADOPTION_COLUMNS]


def adoption_rate(scenario: Scenario, measured: float) -> float:
    """The rate the what-if starts from: the scenario's input, else the measured one, else the fallback."""
    if scenario.adoption_rate is not None:
        return float(scenario.adoption_rate)
    return FALLBACK_ADOPTION if pd.isna(measured) else float(measured)


def projection(book: pd.DataFrame, scenario: Scenario, *, csm_cost: float, csms_today: int,
               adoption_today: float, years: int = YEARS) -> pd.DataFrame:
    """Year 0 (today) to ``years`` of the model against the white-glove baseline (pure).

    ``book`` is a segment frame (:func:`dashboard.coverage.model.segments`). Grain: one row per year.
    Columns: year, accounts, arr, model_csm (whole CSMs of the plan), model_cost (CSMs and digital),
    model_cost_pct_arr, baseline_csm (today's headcount x customer growth, rounded up; today's plan
    headcount when there is no team yet), baseline_cost (baseline CSMs x loaded cost, plus the same digital
    cost as the model, so the two costs differ only by CSMs), adoption_rate
    (today's + improvement x year, at most 100%), successful_customers (accounts x adoption_rate).
    """
    parts = book[book["segment"] != TOTAL]
    base_csms = csms_today or int(plan_frame(book, scenario, csm_cost)["csm_rounded"].iloc[-1])
    base_accounts = int(parts["accounts"].sum())
    rows = []
    for year in range(years + 1):
        grown = parts.assign(accounts=(parts["accounts"] * (1 + scenario.customer_growth) ** year).round().astype("int64"),
                             arr=parts["arr"] * (1 + scenario.arr_growth) ** year)
        grown = pd.concat([grown, pd.DataFrame([{"segment": TOTAL, "accounts": int(grown["accounts"].sum()),
                                                  "mrr": grown["arr"].sum() / 12, "arr": grown["arr"].sum()}])],
                          ignore_index=True)
        total = plan_frame(grown, scenario, csm_cost).iloc[-1]
        baseline = round_up(base_csms * total["accounts"] / base_accounts) if base_accounts else base_csms
        rate = min(1.0, adoption_today + scenario.adoption_improvement * year)
        rows.append({"year": year, "accounts": int(total["accounts"]), "arr": float(total["arr"]),
                     "model_csm": int(total["csm_rounded"]), "model_cost": float(total["cost"]),
                     "model_cost_pct_arr": float(total["cost_pct_arr"]), "baseline_csm": baseline,
                     "baseline_cost": baseline * csm_cost + float(total["digital_cost"]), "adoption_rate": rate,
                     "successful_customers": total["accounts"] * rate})
    return pd.DataFrame(rows, columns=PROJECTION_COLUMNS)


def what_if(con: duckdb.DuckDBPyConnection, *, as_of: date, scenario: Scenario) -> pd.DataFrame:
    """:func:`projection` of the current data at ``as_of`` (today's headcount from the actuals,
    adoption from usage unless the scenario sets it)."""
    from dashboard.coverage import actuals, model

    book = model.segments(con, as_of=as_of, rule=scenario.rule, bands=scenario.bands)
    today = int(actuals.headcount(con, as_of=as_of, scenario=scenario)["csms_today"].iloc[0])
    measured = adoption(con, as_of=as_of, threshold=scenario.adoption_threshold)["adoption_rate"].iloc[0]
    return projection(book, scenario, csm_cost=model.loaded_csm_cost(scenario, model.team_mean_cost(con)),
                      csms_today=today, adoption_today=adoption_rate(scenario, measured))
