"""Accounts and ARR per coverage segment at the as-of month, and the coverage plan.

ARR comes from the revenue engine (:func:`dashboard.revenue.metrics.grid_query` on its account-month
MRR grid; ARR = 12 x MRR), so the plan's total ARR is the engine's ending ARR of the month. The plan
itself is pure arithmetic on a small segment frame (:func:`plan_frame`), so the what-if and the
comparison reuse it unchanged.
"""

from __future__ import annotations

import math
from datetime import date

import duckdb
import pandas as pd

from dashboard import store
from dashboard.coverage.scenario import (
    NAMED,
    NO_SEGMENT,
    Band,
    Scenario,
    fallback_csm_cost,
    fitted_default,
    in_currency,
)
from dashboard.revenue import metrics as revenue

TOTAL = "TOTAL"
SEGMENT_COLUMNS = ["segment", "accounts", "mrr", "arr"]
ACCOUNT_COLUMNS = ["account_id", "account_name", "segment", "account_segment", "employees", "csm", "mrr", "arr"]
PLAN_COLUMNS = ["segment", "motion", "ratio", "accounts", "arr", "csm_needed", "csm_rounded", "csm_cost",
                "digital_cost", "cost", "cost_pct_arr", "cost_pct_gross_profit", "ceiling_met"]
CLI_COLUMNS = ["segment", "motion", "accounts", "arr", "csm_needed", "csm_rounded", "cost", "cost_pct_arr"]


def first_of_month(value) -> date:
    stamp = pd.Timestamp(value)
    return date(stamp.year, stamp.month, 1)


def _book(con: duckdb.DuckDBPyConnection, as_of: date, rule: str, bands: tuple[Band, ...]) -> pd.DataFrame:
    frame = revenue.grid_query(con, "coverage_segments", as_of=as_of, month=first_of_month(as_of), rule=rule,
                               band_names=[b.name for b in bands], band_lowers=[float(b.lower) for b in bands])
    frame["mrr"] = frame["mrr"].astype("float64")
    frame["arr"] = frame["mrr"] * 12
    frame["accounts"] = frame["accounts"].astype("int64")
    return frame


def segments(con: duckdb.DuckDBPyConnection, *, as_of: date, rule: str, bands: tuple[Band, ...] = ()) -> pd.DataFrame:
    """Accounts paying at ``as_of`` and their ARR per segment of the rule, then a TOTAL row.

    Grain: one row per segment (every band of a band rule, even when empty; "(none)" for accounts the
    rule cannot place), then one row with segment "TOTAL". Columns: segment, accounts, mrr, arr
    (= 12 x mrr). Band rules list bands highest first; the accounts' own segment lists by ARR.
    The TOTAL row's mrr is the revenue engine's ending MRR of ``as_of``.
    """
    frame = _book(con, as_of, rule, bands)
    total = frame[frame["level"] == "total"]
    rows = frame[frame["level"] == "segment"].set_index("segment")[["accounts", "mrr", "arr"]]
    if rule == "segment":
        order = rows.sort_values(["arr", "accounts"], ascending=False).index.tolist()
    else:
        order = [b.name for b in sorted(bands, key=lambda b: -b.lower)]
    order = [s for s in order if s != NO_SEGMENT] + ([NO_SEGMENT] if NO_SEGMENT in rows.index else [])
    out = rows.reindex(order).fillna({"accounts": 0, "mrr": 0.0, "arr": 0.0}).rename_axis("segment").reset_index()
    if total.empty:
        tail = pd.DataFrame([{"segment": TOTAL, "accounts": 0, "mrr": 0.0, "arr": 0.0}])
    else:
        tail = total.assign(segment=TOTAL)[SEGMENT_COLUMNS]
    out = pd.concat([out[SEGMENT_COLUMNS], tail], ignore_index=True)
    return out.astype({"segment": "str", "accounts": "int64", "mrr": "float64", "arr": "float64"})


def default_scenario(con: duckdb.DuckDBPyConnection, *, as_of: date, currency: str = "USD") -> Scenario:
    """The built-in scenario fitted to the data: the accounts' own segments when ``accounts.segment``
    has two values or more among the accounts paying at ``as_of`` (:func:`scenario.fitted_default`),
    else ARR bands; its amounts in ``currency`` (:func:`scenario.in_currency`)."""
    own = segments(con, as_of=as_of, rule="segment")
    names = [s for s, n in zip(own["segment"], own["accounts"], strict=True) if s not in (TOTAL, NO_SEGMENT) and n > 0]
    return in_currency(fitted_default(names), currency)


def segment_accounts(con: duckdb.DuckDBPyConnection, *, as_of: date, rule: str,
                     bands: tuple[Band, ...] = ()) -> pd.DataFrame:
    """The accounts behind :func:`segments` (its drill-down).

    Grain: one row per account paying at ``as_of``, largest ARR first. Columns: account_id,
    account_name, segment (the rule's), account_segment (accounts.segment), employees, csm, mrr, arr.
    """
    frame = _book(con, as_of, rule, bands)
    frame = frame[frame["level"] == "account"].sort_values(["arr", "account_id"], ascending=[False, True])
    frame = frame[ACCOUNT_COLUMNS].reset_index(drop=True)
    return frame.astype({"employees": "float64"})


def team_mean_cost(con: duckdb.DuckDBPyConnection) -> float | None:
    """The mean annual_cost of the team table, or None without a team table or costs."""
    if not store.has_table(con, "team"):
        return None
    value = store.query(con, "select avg(annual_cost) as cost from team where annual_cost > 0")["cost"].iloc[0]
    return None if pd.isna(value) else float(value)


def loaded_csm_cost(scenario: Scenario, team_cost: float | None) -> float:
    """The cost per CSM the plan uses: the scenario's, else the team's mean, else the fallback in the
    scenario's currency."""
    if scenario.csm_cost is not None:
        return float(scenario.csm_cost)
    return team_cost if team_cost is not None else fallback_csm_cost(scenario.currency)


def csms_needed(motion_kind: str, ratio: float | None, accounts: float, arr: float) -> float:
    """Exact CSMs a segment needs: accounts (or ARR) divided by the motion's ratio; 0 when digital."""
    if motion_kind == "named_arr":
        return arr / ratio
    if motion_kind in ("named_accounts", "pooled"):
        return accounts / ratio
    return 0.0


def round_up(value: float) -> int:
    """Whole CSMs: the exact need rounded up (ignoring float noise such as 2.0000000000004)."""
    return int(math.ceil(round(value, 9)))


def plan_frame(book: pd.DataFrame, scenario: Scenario, csm_cost: float) -> pd.DataFrame:
    """The coverage plan of a segment frame (:func:`segments`, TOTAL row included).

    Grain: one row per segment, then TOTAL. Columns: segment, motion, ratio, accounts, arr,
    csm_needed (exact), csm_rounded (whole CSMs), csm_cost (csm_rounded x loaded cost), digital_cost
    (cost per account x accounts, plus the program cost shared by accounts), cost, cost_pct_arr,
    cost_pct_gross_profit (cost / (ARR x gross margin)), ceiling_met (cost_pct_arr <= ceiling).
    TOTAL sums the segments; its ARR is the book's TOTAL ARR.
    """
    parts = book[book["segment"] != TOTAL]
    total_accounts = int(parts["accounts"].sum())
    rows = []
    for seg in parts.itertuples(index=False):
        motion = scenario.motion(seg.segment)
        need = csms_needed(motion.kind, motion.ratio, seg.accounts, seg.arr)
        rounded = round_up(need)
        share = seg.accounts / total_accounts if total_accounts else 0.0
        digital = seg.accounts * scenario.digital_cost_per_account + scenario.digital_program_cost * share
        rows.append({"segment": seg.segment, "motion": motion.kind,
                     "ratio": float("nan") if motion.ratio is None else float(motion.ratio),
                     "accounts": int(seg.accounts), "arr": float(seg.arr), "csm_needed": need,
                     "csm_rounded": rounded, "csm_cost": rounded * csm_cost, "digital_cost": digital})
    frame = pd.DataFrame(rows, columns=PLAN_COLUMNS[:9])
    total_arr = book.loc[book["segment"] == TOTAL, "arr"]
    frame.loc[len(frame)] = {"segment": TOTAL, "motion": "", "ratio": float("nan"), "accounts": total_accounts,
                             "arr": float(total_arr.iloc[0]) if len(total_arr) else float(parts["arr"].sum()),
                             "csm_needed": float(frame["csm_needed"].sum()),
                             "csm_rounded": int(frame["csm_rounded"].sum()),
                             "csm_cost": float(frame["csm_cost"].sum()), "digital_cost": float(frame["digital_cost"].sum())}
    frame["cost"] = frame["csm_cost"] + frame["digital_cost"]
    arr = frame["arr"].where(frame["arr"] > 0)
    frame["cost_pct_arr"] = frame["cost"] / arr
    frame["cost_pct_gross_profit"] = frame["cost"] / (arr * scenario.gross_margin)
    frame["ceiling_met"] = (frame["cost_pct_arr"] <= scenario.cost_ceiling + 1e-12) | (frame["cost"] == 0)
    return frame.astype({"accounts": "int64", "csm_rounded": "int64", "csm_needed": "float64", "ratio": "float64",
                         "arr": "float64", "csm_cost": "float64", "digital_cost": "float64", "ceiling_met": "bool"})


def coverage_plan(con: duckdb.DuckDBPyConnection, *, as_of: date, scenario: Scenario) -> pd.DataFrame:
    """:func:`plan_frame` of the current data at ``as_of`` (columns as there)."""
    book = segments(con, as_of=as_of, rule=scenario.rule, bands=scenario.bands)
    return plan_frame(book, scenario, loaded_csm_cost(scenario, team_mean_cost(con)))


def named_segments(plan: pd.DataFrame) -> tuple[str, ...]:
    """Segments the plan covers with a named CSM."""
    return tuple(plan.loc[plan["motion"].isin(NAMED), "segment"])
