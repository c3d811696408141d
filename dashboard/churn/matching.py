"""Churn movements of the revenue engine, each with the churn_reasons row that explains it.

Churn is counted from revenue: a churn movement is an account whose MRR goes from > 0 to 0 (the
engine's ``churn`` category). A ``churn_reasons`` row explains the same account's churn movement
nearest to its churn_date, when that is within 90 days; "days off" is 0 when the churn_date falls
between the last day of the month before the churn month and the last day of the churn month (the
span in which service must have ended), else the days to the nearer end of that span. When several
rows pick the same movement the nearest explains it and the others are duplicates. Movements no row
explains are "(unrecorded)"; rows that explain nothing are mismatches.

ARR lost = 12 x the account's MRR in the month before the churn month, so the ARR lost of a set of
months is exactly 12 x the engine's churn over those months.
"""

from __future__ import annotations

from datetime import date

import duckdb
import numpy as np
import pandas as pd

from dashboard import store
from dashboard.revenue import metrics as revenue

UNRECORDED = "(unrecorded)"
NO_VALUE = "(none)"
MATCH_DAYS = 90
EVENT_KINDS = ("matched", "unrecorded")
MISMATCH_KINDS = ("no_churn", "duplicate")
BANTC = ("budget_ok", "authority_ok", "needs_ok", "timeframe_ok", "competitor_ok")
ATTRIBUTES = ["account_id", "account_name", "segment", "industry", "region", "csm"]
REASON_COLUMNS = ["churn_date", "primary_reason", "secondary_reason", "competitor", "notes", "preventable", *BANTC]
RECORD_COLUMNS = ["kind", *ATTRIBUTES, "month", "mrr_before", "arr_lost", "spell_start", "tenure_months",
                  "returned_month", "arr_now", "reason_id", "days_off", *REASON_COLUMNS]
EVENT_COLUMNS = [*ATTRIBUTES, "month", "mrr_before", "arr_lost", "tenure_months", "recorded", "primary_reason",
                 "secondary_reason", "competitor", "notes", "preventable", *BANTC, "churn_date", "days_off",
                 "returned_month", "arr_now"]
MISMATCH_COLUMNS = ["account_id", "account_name", "churn_date", "primary_reason", "problem", "month", "days_off"]
_FLOATS = ("mrr_before", "arr_lost", "arr_now")
_MONTHS = ("month", "spell_start", "returned_month")
_TRUTH = ("preventable", *BANTC)


def reasons_source(con: duckdb.DuckDBPyConnection) -> str:
    """The SQL churn_matching.sql reads reasons from: the table, or an empty stand-in when it is missing."""
    return store.load_sql("churn_reasons_recorded" if store.has_table(con, "churn_reasons")
                          else "churn_reasons_none")


def churn_records(con: duckdb.DuckDBPyConnection, *, as_of: date) -> pd.DataFrame:
    """Every churn movement through ``as_of`` and every churn_reasons row that explains none.

    Grain: one row per churn movement (kind matched / unrecorded) and one per mismatched reason row
    (kind no_churn: no churn movement of the account within 90 days; duplicate: another row explains
    that movement). Columns: RECORD_COLUMNS; months are datetime.date (or None), amounts float,
    tenure_months / reason_id / days_off nullable Int64, BANTC and preventable object (True/False/None).
    """
    return _shape_records(_rows(con, as_of=as_of))


def churn_events(con: duckdb.DuckDBPyConnection, *, as_of: date, start: date, end: date) -> pd.DataFrame:
    """Churn movements whose month M is in the window: ``start`` < M <= ``end`` (the months of the
    window ``start`` -> ``end``, as the NRR bridge counts them).

    Grain: one row per churn movement (an account churning twice is two rows). Columns: EVENT_COLUMNS;
    recorded is a bool, primary_reason is "(unrecorded)" when no row explains the movement; sorted by
    arr_lost descending.
    """
    events = _shape_records(_rows(con, as_of=as_of, kinds=EVENT_KINDS, start=start, end=end))
    events = events.assign(recorded=events["kind"].eq("matched"))
    events.loc[~events["recorded"], "primary_reason"] = UNRECORDED
    events = events.sort_values(["arr_lost", "month", "account_id"], ascending=[False, True, True], kind="stable")
    return events[EVENT_COLUMNS].reset_index(drop=True)


def churn_mismatches(con: duckdb.DuckDBPyConnection, *, as_of: date) -> pd.DataFrame:
    """churn_reasons rows that explain no churn movement (the data-hygiene list).

    Grain: one row per such reason row. Columns: account_id, account_name, churn_date,
    primary_reason, problem ("no_churn" or "duplicate"), month (for a duplicate: the churn month
    another row explains), days_off; sorted by churn_date.
    """
    records = _shape_records(_rows(con, as_of=as_of, kinds=MISMATCH_KINDS))
    rows = records.rename(columns={"kind": "problem"})
    return rows.sort_values(["churn_date", "account_id"], kind="stable")[MISMATCH_COLUMNS].reset_index(drop=True)


def prepare(con: duckdb.DuckDBPyConnection, *, as_of: date) -> None:
    """Build the matching of ``as_of`` when a version is committed (the page's first view then reads it)."""
    _table(con, as_of)


def _rows(con: duckdb.DuckDBPyConnection, *, as_of: date, kinds: tuple[str, ...] | None = None,
          start: date | None = None, end: date | None = None) -> pd.DataFrame:
    """The matching's rows of ``kinds`` (all when None) in the window ``start`` < month <= ``end`` (all
    months when None), read from the version's table (matched once per version and as-of month)."""
    table = _table(con, as_of)
    if table is None:  # a read-only connection that finds none built: match now, filter here
        frame = revenue.grid_query(con, "churn_matching", as_of=as_of, reasons=reasons_source(con))
        keep = frame["kind"].isin(kinds) if kinds is not None else pd.Series(True, index=frame.index)
        if start is not None:
            months = pd.to_datetime(frame["month"])
            keep &= (months > pd.Timestamp(start)) & (months <= pd.Timestamp(end))
        return frame[keep]
    return store.query(con, store.load_sql("churn_records_slice"),
                       {"matching": table, "kinds": list(kinds) if kinds is not None else None,
                        "start": start, "end": end})


def _table(con: duckdb.DuckDBPyConnection, as_of: date) -> str | None:
    """The churn matching of ``as_of`` as a table of the current version (built now when the connection
    can write; None on a read-only connection that finds none)."""
    return revenue.kept_table(con, "churn_matching", as_of=as_of, reasons=reasons_source(con))


def _shape_records(frame: pd.DataFrame) -> pd.DataFrame:
    """The matching's rows typed as RECORD_COLUMNS says, column by column (a window of a 1M-account book
    holds tens of thousands of rows: no Python call per cell)."""
    frame = frame.reindex(columns=RECORD_COLUMNS).reset_index(drop=True)
    out = {}
    for col in RECORD_COLUMNS:
        values = frame[col]
        if col in _MONTHS or col == "churn_date":
            out[col] = _dates(values, month=col != "churn_date")
        elif col in _FLOATS:
            out[col] = values.astype("float64")
        elif col in ("tenure_months", "reason_id", "days_off"):
            out[col] = values.astype("Int64")
        elif col in _TRUTH:
            known = values.notna()
            out[col] = pd.Series(np.where(known, values.astype(object).where(known, False).astype(bool), None),
                                 dtype=object)
        else:
            known = values.notna()
            out[col] = pd.Series(np.where(known, values.astype(str), None), dtype=object)
    return pd.DataFrame(out, columns=RECORD_COLUMNS)


def _dates(values: pd.Series, *, month: bool) -> pd.Series:
    """Each value as a ``datetime.date`` (the first of its month when ``month``), None where missing; one
    conversion per distinct value."""
    stamps = pd.to_datetime(values)
    codes, uniques = pd.factorize(stamps)
    made = np.array([None] + [date(u.year, u.month, 1) if month else u.date() for u in uniques], dtype=object)
    return pd.Series(made[codes + 1], dtype=object)
