"""Churn of a window summarised: tiles, reasons (Pareto), segments, tenure, BANTC, competitors, win-back.

Every function takes the window's months as ``start`` < M <= ``end`` (see matching.churn_events) and
counts churn movements: an account that churns twice in the window counts twice, so logos and ARR
lost add up to the engine's churned_accounts and 12 x churn over the same months.

Each summary has a pure form on the window's churn events (``<name>_of(events)``): the page reads the
events once per window (cached) and summarises them, where every summary used to match the window's
churns again (seven reads of tens of thousands of rows on a 1M-account book, on every window change).
"""

from __future__ import annotations

from datetime import date

import duckdb
import numpy as np
import pandas as pd

from dashboard import windows
from dashboard.churn.matching import BANTC, NO_VALUE, UNRECORDED, churn_events
from dashboard.revenue import metrics as revenue

BY = ("reason", "secondary_reason", "segment", "competitor")
GROUP_COLUMNS = ["group", "accounts", "arr_lost", "share_arr"]
TILE_COLUMNS = ["logos", "arr_lost", "starting_arr", "share_of_starting_arr", "recorded_logos", "recorded_share",
                "preventable_logos", "preventable_arr", "preventable_share"]
# Tenure buckets in months since the paying spell began: (label, lowest, highest).
TENURE_BUCKETS = (("0-6", 0, 6), ("7-12", 7, 12), ("13-24", 13, 24), ("25-36", 25, 36), ("37+", 37, 10**6))
WINBACK_COLUMNS = ["account_id", "account_name", "segment", "month", "returned_month", "gap_months", "arr_lost",
                   "arr_now"]


def churn_tiles(con: duckdb.DuckDBPyConnection, *, as_of: date, start: date, end: date) -> pd.DataFrame:
    """The tiles of the window. Grain: one row. Columns: logos (churn movements), arr_lost,
    starting_arr (12 x all MRR in the start month), share_of_starting_arr (arr_lost / starting_arr),
    recorded_logos (movements a churn_reasons row explains), recorded_share (of logos),
    preventable_logos and preventable_arr (recorded as preventable), preventable_share (of the ARR
    lost whose preventable flag is filled in). Shares are NaN when their denominator is 0."""
    return churn_tiles_of(churn_events(con, as_of=as_of, start=start, end=end),
                          starting_arr(con, as_of=as_of, month=start))


def churn_tiles_of(events: pd.DataFrame, starting: float) -> pd.DataFrame:
    """:func:`churn_tiles` of the window's churn events and its starting ARR."""
    arr_lost = float(events["arr_lost"].sum())
    flag = events["preventable"]
    flagged = flag.notna().to_numpy(dtype=bool)
    preventable = flag.eq(True).to_numpy(dtype=bool) & flagged
    lost = events["arr_lost"].to_numpy(dtype="float64")
    recorded = int(events["recorded"].sum())
    row = {"logos": len(events), "arr_lost": arr_lost, "starting_arr": starting,
           "share_of_starting_arr": _share(arr_lost, starting),
           "recorded_logos": recorded, "recorded_share": _share(recorded, len(events)),
           "preventable_logos": int(preventable.sum()), "preventable_arr": float(lost[preventable].sum()),
           "preventable_share": _share(float(lost[preventable].sum()), float(lost[flagged].sum()))}
    return pd.DataFrame([row], columns=TILE_COLUMNS)


def starting_arr(con: duckdb.DuckDBPyConnection, *, as_of: date, month: date) -> float:
    """12 x all MRR in ``month``: the tiles' starting ARR of a window starting then."""
    return 12 * _book_mrr(con, as_of=as_of, month=month)


def _book_mrr(con: duckdb.DuckDBPyConnection, *, as_of: date, month: date) -> float:
    """All MRR in ``month`` (the NRR bridge's starting MRR of a window starting then), read from the
    version's monthly movements: a window the page has not shown before used to build its whole
    account bridge (seconds on a large book) for this one sum. 0 before the first month with MRR."""
    movements = revenue.monthly_movements(con, as_of=as_of)
    found = movements.loc[movements["month"] == windows.add_months(month, 0), "ending_mrr"]
    return float(found.iloc[0]) if len(found) else 0.0


def churn_by(con: duckdb.DuckDBPyConnection, *, as_of: date, start: date, end: date,
             by: str = "reason") -> pd.DataFrame:
    """Churn of the window grouped by primary reason, secondary reason, segment or competitor.

    Grain: one row per group; every churn movement of the window is in exactly one row, movements no
    reason row explains in "(unrecorded)" (except for segment, known without a reason row), empty
    values in "(none)". Columns: group, accounts (churn movements), arr_lost, share_arr (of all ARR
    lost in the window). Sorted by arr_lost descending, "(unrecorded)" last; arr_lost sums to 12 x the
    engine's churn over the window's months.
    """
    return churn_by_of(churn_events(con, as_of=as_of, start=start, end=end), by)


def churn_by_of(events: pd.DataFrame, by: str = "reason") -> pd.DataFrame:
    """:func:`churn_by` of the window's churn events."""
    if by not in BY:
        raise ValueError(f"cannot group churn by {by!r}; expected one of {', '.join(BY)}")
    groups = _groups(events, by)
    frame = (events.assign(group=groups).groupby("group", sort=False)
             .agg(accounts=("account_id", "size"), arr_lost=("arr_lost", "sum")).reset_index())
    total = float(events["arr_lost"].sum())
    frame["share_arr"] = frame["arr_lost"] / total if total else np.nan
    frame = frame.assign(_last=frame["group"].eq(UNRECORDED))
    frame = frame.sort_values(["_last", "arr_lost", "accounts", "group"], ascending=[True, False, False, True])
    return _typed(frame[GROUP_COLUMNS])


def reason_segment(con: duckdb.DuckDBPyConnection, *, as_of: date, start: date, end: date) -> pd.DataFrame:
    """Primary reason x segment. Grain: one row per reason and segment with churn in the window.
    Columns: reason, segment, accounts, arr_lost."""
    return reason_segment_of(churn_events(con, as_of=as_of, start=start, end=end))


def reason_segment_of(events: pd.DataFrame) -> pd.DataFrame:
    """:func:`reason_segment` of the window's churn events."""
    frame = (events.assign(reason=_groups(events, "reason"), segment=_groups(events, "segment"))
             .groupby(["reason", "segment"]).agg(accounts=("account_id", "size"), arr_lost=("arr_lost", "sum"))
             .reset_index())
    frame["accounts"] = frame["accounts"].astype("int64")
    frame["arr_lost"] = frame["arr_lost"].astype("float64")
    return frame[["reason", "segment", "accounts", "arr_lost"]]


def tenure_at_churn(con: duckdb.DuckDBPyConnection, *, as_of: date, start: date, end: date) -> pd.DataFrame:
    """Months from the start of the paying spell to the churn month, bucketed.

    Grain: one row per bucket of TENURE_BUCKETS (all of them, in order). Columns: bucket, accounts,
    arr_lost."""
    return tenure_at_churn_of(churn_events(con, as_of=as_of, start=start, end=end))


def tenure_at_churn_of(events: pd.DataFrame) -> pd.DataFrame:
    """:func:`tenure_at_churn` of the window's churn events."""
    rows = []
    for label, low, high in TENURE_BUCKETS:
        inside = events[events["tenure_months"].between(low, high)]
        rows.append({"bucket": label, "accounts": len(inside), "arr_lost": float(inside["arr_lost"].sum())})
    return pd.DataFrame(rows, columns=["bucket", "accounts", "arr_lost"]).astype(
        {"accounts": "int64", "arr_lost": "float64"})


def bantc_failures(con: duckdb.DuckDBPyConnection, *, as_of: date, start: date, end: date) -> pd.DataFrame:
    """How often each BANTC check failed among the window's recorded churn.

    Grain: one row per check (budget, authority, needs, timeframe, competitor, in that order).
    Columns: check, failed (rows with the flag false), checked (rows with the flag filled in),
    share_failed (failed / checked, NaN when none), arr_lost (of the failed)."""
    return bantc_failures_of(churn_events(con, as_of=as_of, start=start, end=end))


def bantc_failures_of(events: pd.DataFrame) -> pd.DataFrame:
    """:func:`bantc_failures` of the window's churn events."""
    rows = []
    lost = events["arr_lost"].to_numpy(dtype="float64")
    for column in BANTC:
        flags = events[column]
        # a boolean array, never an object Series: with no churn in the window an empty object mask
        # would select columns instead of rows (and lose arr_lost)
        checked = flags.notna().to_numpy(dtype=bool)
        failed = flags.eq(False).to_numpy(dtype=bool) & checked
        rows.append({"check": column.removesuffix("_ok"), "failed": int(failed.sum()), "checked": int(checked.sum()),
                     "share_failed": _share(int(failed.sum()), int(checked.sum())),
                     "arr_lost": float(lost[failed].sum())})
    return pd.DataFrame(rows, columns=["check", "failed", "checked", "share_failed", "arr_lost"])


def winbacks(con: duckdb.DuckDBPyConnection, *, as_of: date, start: date, end: date) -> pd.DataFrame:
    """Churned accounts of the window that later came back (a reactivation after the churn, by ``as_of``).

    Grain: one row per churn movement followed by a reactivation. Columns: account_id, account_name,
    segment, month (churn month), returned_month, gap_months, arr_lost, arr_now (12 x MRR in
    ``as_of``, 0 if it left again). Sorted by returned_month."""
    return winbacks_of(churn_events(con, as_of=as_of, start=start, end=end))


def winbacks_of(events: pd.DataFrame) -> pd.DataFrame:
    """:func:`winbacks` of the window's churn events."""
    back = events[events["returned_month"].notna()].copy()
    back["gap_months"] = pd.Series([windows.months_between(m, r) for m, r in zip(back["month"],
                                   back["returned_month"])], index=back.index, dtype="int64")
    back = back.sort_values(["returned_month", "account_id"], kind="stable")
    return back[WINBACK_COLUMNS].reset_index(drop=True)


def _groups(events: pd.DataFrame, by: str) -> pd.Series:
    """The group of each churn movement (see churn_by)."""
    column = {"reason": "primary_reason"}.get(by, by)
    raw = events[column]
    text = raw.astype(str)
    values = text.where(raw.notna() & text.str.strip().ne(""), NO_VALUE)
    if by != "segment":
        values = values.where(events["recorded"], UNRECORDED)
    return values


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype({"group": "str", "accounts": "int64", "arr_lost": "float64",
                         "share_arr": "float64"}).reset_index(drop=True)


def _share(part: float, whole: float) -> float:
    return float(part) / float(whole) if whole else float("nan")
