"""Today's coverage against the model: each CSM's book (accounts.csm), capacity (team), headcount gap.

An account counts for the CSM the accounts table names, if it pays at the as-of month. Capacity
comes from ``team.capacity_accounts``. Today's headcount is the team table's CSMs when it is loaded,
else the distinct CSMs the paying accounts name.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from dashboard import store
from dashboard.coverage.model import TOTAL, coverage_plan, named_segments, segment_accounts
from dashboard.coverage.scenario import Scenario

BOOK_COLUMNS = ["csm", "team_segment", "in_team", "accounts", "arr", "capacity_accounts", "capacity_use",
                "over_capacity", "annual_cost"]
TEAM_COLUMNS = ["csm", "team_segment", "annual_cost", "capacity_accounts"]
SUMMARY_COLUMNS = ["csms_today", "accounts", "accounts_with_csm", "csms_over_capacity", "named_without_csm",
                   "csms_model", "headcount_gap", "customers_per_csm", "arr_per_csm"]
UNCOVERED_COLUMNS = ["account_id", "account_name", "segment", "account_segment", "arr"]


def team(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The team table (one row per CSM: csm, team_segment, annual_cost, capacity_accounts); empty without one."""
    if not store.has_table(con, "team"):
        return no_team()
    return store.query(con, store.load_sql("coverage_team"))[TEAM_COLUMNS]


def no_team() -> pd.DataFrame:
    """An empty team frame (columns of :func:`team`)."""
    return pd.DataFrame({c: pd.Series(dtype="float64" if c in TEAM_COLUMNS[2:] else object) for c in TEAM_COLUMNS})


def book_frame(accounts: pd.DataFrame, team_frame: pd.DataFrame) -> pd.DataFrame:
    """Each CSM's book from paying accounts (account_id, csm, arr) and the team (pure).

    Grain: one row per CSM of the team or named by a paying account, biggest book first. Columns: csm,
    team_segment, in_team (bool), accounts, arr, capacity_accounts (NaN when unknown), capacity_use
    (accounts / capacity), over_capacity (accounts > capacity), annual_cost.
    """
    assigned = accounts.dropna(subset=["csm"])
    books = assigned.groupby("csm", sort=False).agg(accounts=("account_id", "size"), arr=("arr", "sum"))
    frame = team_frame.set_index("csm").join(books, how="outer").rename_axis("csm").reset_index()
    frame["in_team"] = frame["csm"].isin(set(team_frame["csm"]))
    frame["accounts"] = frame["accounts"].fillna(0).astype("int64")
    frame["arr"] = frame["arr"].fillna(0.0).astype("float64")
    capacity = frame["capacity_accounts"].astype("float64").where(frame["capacity_accounts"] > 0)
    frame["capacity_use"] = frame["accounts"] / capacity
    frame["over_capacity"] = (frame["accounts"] > capacity).fillna(False).astype("bool")
    frame = frame.sort_values(["accounts", "arr", "csm"], ascending=[False, False, True])
    return frame[BOOK_COLUMNS].reset_index(drop=True).astype({"capacity_accounts": "float64",
                                                             "annual_cost": "float64", "team_segment": object})


def csm_book(con: duckdb.DuckDBPyConnection, *, as_of: date) -> pd.DataFrame:
    """:func:`book_frame` of the current data at ``as_of``."""
    return book_frame(segment_accounts(con, as_of=as_of, rule="segment"), team(con))


def uncovered_frame(accounts: pd.DataFrame, named: tuple[str, ...]) -> pd.DataFrame:
    """Paying accounts in a named-CSM segment with no CSM (pure). Columns: UNCOVERED_COLUMNS."""
    frame = accounts[accounts["segment"].isin(named) & accounts["csm"].isna()]
    return frame[UNCOVERED_COLUMNS].reset_index(drop=True)


def uncovered_accounts(con: duckdb.DuckDBPyConnection, *, as_of: date, scenario: Scenario) -> pd.DataFrame:
    """Accounts paying at ``as_of`` in a segment the scenario covers with a named CSM, without a CSM.

    Grain: one row per account, largest ARR first. Columns: account_id, account_name, segment (the
    rule's), account_segment, arr.
    """
    accounts = segment_accounts(con, as_of=as_of, rule=scenario.rule, bands=scenario.bands)
    named = named_segments(coverage_plan(con, as_of=as_of, scenario=scenario))
    return uncovered_frame(accounts, named)


def customers_per_csm(customers: int, csms: int) -> float:
    """Customers per CSM, the one definition every tile and sentence uses: paying customers at the
    as-of month / CSMs today (NaN without CSMs). The white-glove baseline keeps this figure as customers grow."""
    return customers / csms if csms else float("nan")


def summary_frame(book: pd.DataFrame, plan: pd.DataFrame, uncovered: pd.DataFrame) -> pd.DataFrame:
    """Headline actuals (pure). One row; columns: csms_today (team CSMs, else CSMs named by accounts),
    accounts (paying), accounts_with_csm, csms_over_capacity, named_without_csm, csms_model (the plan's
    whole CSMs), headcount_gap (model - today: positive means hires), customers_per_csm
    (:func:`customers_per_csm`) and arr_per_csm (the ARR of today's books over today's CSMs)."""
    total = plan[plan["segment"] == TOTAL].iloc[0]
    has_team = bool(book["in_team"].any())
    today = int(book["in_team"].sum()) if has_team else int((book["accounts"] > 0).sum())
    assigned = int(book["accounts"].sum())
    row = {"csms_today": today, "accounts": int(total["accounts"]), "accounts_with_csm": assigned,
           "csms_over_capacity": int(book["over_capacity"].sum()), "named_without_csm": len(uncovered),
           "csms_model": int(total["csm_rounded"]), "headcount_gap": int(total["csm_rounded"]) - today,
           "customers_per_csm": customers_per_csm(int(total["accounts"]), today),
           "arr_per_csm": float(book["arr"].sum()) / today if today else float("nan")}
    return pd.DataFrame([row], columns=SUMMARY_COLUMNS)


def headcount(con: duckdb.DuckDBPyConnection, *, as_of: date, scenario: Scenario) -> pd.DataFrame:
    """:func:`summary_frame` of the current data at ``as_of`` under ``scenario``."""
    plan = coverage_plan(con, as_of=as_of, scenario=scenario)
    accounts = segment_accounts(con, as_of=as_of, rule=scenario.rule, bands=scenario.bands)
    return summary_frame(csm_book(con, as_of=as_of), plan, uncovered_frame(accounts, named_segments(plan)))
