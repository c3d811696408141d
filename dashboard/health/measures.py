"""Health measures per account and month, built once per dataset version.

Two steps, each a query file. ``health_measure_values.sql`` (usage pivot, trailing windows over the
revenue engine's account-month MRR grid) gives every measure's value in every month;
``health_measures.sql`` ranks those values within each month into percentiles, for the months asked
for only. On a writable connection both are materialised once per dataset version with
:func:`dashboard.store.derived` when the version is committed (:mod:`dashboard.prepare`): the values
for all months, the percentiles for the :data:`RECENT_MONTHS` months a page scores by default (the
as-of month, the score history and the back-test months before it). A page view then only slices
them; a month before those is ranked from the values table when asked for. On a read-only
connection (the CLI) the tables are used when the app built them, else the chain runs for just the
months asked for. Re-scoring after a weight change never comes back
here: it is numpy work on the frame this module returns (see :mod:`dashboard.health.scoring`).
"""

from __future__ import annotations

from datetime import date

import duckdb
import numpy as np
import pandas as pd

from dashboard import store, windows
from dashboard.health.config import MEASURE_NAMES
from dashboard.i18n import Msg
from dashboard.revenue import metrics as revenue

ATTRIBUTES = ["account_id", "account_name", "segment", "csm"]
PCT_COLUMNS = [f"{name}_pct" for name in MEASURE_NAMES]
MEASURE_COLUMNS = ["account_id", "month", "mrr", *MEASURE_NAMES, *PCT_COLUMNS]
FRAME_COLUMNS = ["account_id", "account_name", "segment", "csm", "month", "mrr", "arr", *MEASURE_NAMES,
                 *PCT_COLUMNS]
# The months ranked when a version is committed, ending at its latest month: the as-of month, the
# 12-month score history and every back-test month the page offers by default (horizon up to 12).
RECENT_MONTHS = 13
NO_SEGMENT = "(none)"


def available(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the current version has what the health score needs: revenue (usage adds measures)."""
    return revenue.revenue_table(con) is not None


def present(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """The measures some paying account has in the default as-of month (empty without revenue)."""
    as_of = revenue.default_as_of(con)
    if as_of is None:
        return frozenset()
    table, _ = _table(con, as_of)
    if table is None:  # a read-only connection that finds nothing built
        frame = measures(con, as_of=as_of, first=as_of)
        return frozenset(name for name in MEASURE_NAMES if frame[name].notna().any())
    sql, params = store.load_sql("health_measures_present"), {"measures": table, "month": as_of}
    if store.read_only(con):
        row = store.query(con, sql, params)
    else:  # kept with the version: a count over a million rows on every active() call cost 0.1 s at 1M
        kept = store.derived(con, f"health_measures_present_{as_of:%Y%m}", sql, params,
                             version=store.current_version(con))
        row = store.query(con, f"SELECT * FROM {kept}")
    return frozenset(name for name in MEASURE_NAMES if bool(row[name].iloc[0]))


def measure_sql() -> str:
    """The SQL that ranks every measure into its percentile (shown under the page's charts; the
    values it ranks come from :func:`values_sql`)."""
    return store.load_sql("health_measures")


def measures(con: duckdb.DuckDBPyConnection, *, as_of: date, first: date, last: date | None = None,
             accounts: list[str] | None = None) -> pd.DataFrame:
    """Health measures of every paying account in the months ``first`` to ``last`` (default ``first``).

    Grain: one row per account and month with MRR > 0, ``first`` <= month <= ``last`` <= ``as_of``
    (only the accounts in ``accounts`` when given: percentiles stay ranked among every paying account).
    Columns: account_id, account_name, segment, csm, month (datetime.date), mrr, arr, then each measure
    of :data:`MEASURE_NAMES` (NaN where the data lacks it) and ``<measure>_pct`` (its 0-100 mid-rank
    percentile among the month's paying accounts that have it). Sorted by month, account_id.
    """
    as_of, first = _month(as_of), _month(first)
    last = first if last is None else _month(last)
    parts = _tables(con, as_of, first, last)
    if all(table is not None for table, _, _ in parts):  # one query reads every table (a month each before the recent ones)
        return _typed(revenue.grid_query(con, "health_measures_slice", as_of=as_of, measures=[t for t, _, _ in parts],
                                         first=first, last=last, accounts=_listed(accounts)))
    frame = pd.concat([_rows(con, table, low, high, accounts) for table, low, high in parts], ignore_index=True)
    return _shape(frame, attributes(con, accounts))


def tables(con: duckdb.DuckDBPyConnection, *, as_of: date, first: date, last: date) -> list[str] | None:
    """The ranked tables holding the months ``first`` to ``last`` (built now where the connection can
    write; None when a read-only connection finds one of them not built). Their months do not overlap."""
    parts = _tables(con, _month(as_of), _month(first), _month(last))
    found = [table for table, _, _ in parts]
    return found if found and all(table is not None for table in found) else None


def shaped(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, accounts: list[str] | None = None) -> pd.DataFrame:
    """Ranked rows read from a measures table (or a table of its rows) as :func:`measures` returns
    them: typed, with each account's name, segment and CSM, sorted by month and account_id."""
    return _shape(frame, attributes(con, accounts))


def _rows(con: duckdb.DuckDBPyConnection, table: str | None, first: date, last: date,
          accounts: list[str] | None) -> pd.DataFrame:
    """The ranked rows of months ``first`` to ``last`` from ``table`` (None: ranked now, on a read-only
    connection that finds nothing built), without the accounts' labels."""
    if table is not None:
        frame = revenue.grid_query(con, "health_measures_slice", as_of=last, measures=[table], first=first, last=last,
                                   accounts=_listed(accounts))
        return frame[MEASURE_COLUMNS]
    as_of = _latest(con, last)
    frame = revenue.derived_query(con, "health_measures", as_of=as_of, tables=("health_measure_values",),
                                  first=first, last=last)
    if accounts is not None:
        frame = frame[frame["account_id"].astype(str).isin(set(map(str, accounts)))]
    return frame


def _listed(accounts: list[str] | None) -> list[str] | None:
    return None if accounts is None else [str(a) for a in accounts]


def account_measures(con: duckdb.DuckDBPyConnection, *, as_of: date, account_id: str, months: int = 12) -> pd.DataFrame:
    """One account's measures over the ``months`` months ending at ``as_of`` (same columns as
    :func:`measures`; only the months it paid in)."""
    as_of = _month(as_of)
    first = windows.add_months(as_of, 1 - int(months))
    table, start = _table(con, as_of)
    if table is None or first < start:
        frame = measures(con, as_of=as_of, first=first, last=as_of)
        return frame[frame["account_id"] == str(account_id)].reset_index(drop=True)
    frame = store.query(con, store.load_sql("health_account_history"),
                        {"measures": table, "account_id": str(account_id), "first": first, "last": as_of})
    return _shape(frame, attributes(con))


def attributes(con: duckdb.DuckDBPyConnection, accounts: list[str] | None = None) -> pd.DataFrame:
    """account_id, account_name, segment, csm of every account, or of those in ``accounts`` (empty
    when there is no accounts table)."""
    if not store.has_table(con, "accounts"):
        return pd.DataFrame(columns=ATTRIBUTES)
    listed = None if accounts is None else [str(a) for a in accounts]
    return store.query(con, store.load_sql("health_account_attributes"), {"accounts": listed})


def build(con: duckdb.DuckDBPyConnection, *, as_of: date) -> str | None:
    """Build the measures tables serving ``as_of`` (see :func:`_table`), and which measures the default
    as-of month has (:func:`present`); the ranked table's qualified name."""
    table = _table(con, as_of)[0]
    present(con)
    return table


def build_months(con: duckdb.DuckDBPyConnection, *, as_of: date, first: date) -> None:
    """Rank every month from ``first`` on that the recent months' table does not hold (the churn page's
    months before a churn), so a page view only reads them."""
    _tables(con, _month(as_of), _month(first), _month(as_of))


def _latest(con: duckdb.DuckDBPyConnection, as_of: date) -> date:
    """The month the version's tables are built at: measures of a month never depend on later months,
    so one build at the latest as-of month serves every earlier one."""
    latest = revenue.default_as_of(con)
    return max(as_of, latest) if latest is not None else as_of


def _table(con: duckdb.DuckDBPyConnection, as_of: date) -> tuple[str | None, date]:
    """The materialised measures table of the current version (built now, with the values table it
    ranks, when the connection can write; None on a read-only connection that finds none) and the
    first month it holds."""
    version, latest, start = _span(con, as_of)
    name = f"health_measures_{latest:%Y%m}"
    if store.read_only(con):
        return store.derived_name(con, version, name), start
    values = revenue.kept_table(con, "health_measure_values", as_of=latest)
    ranked = store.derived(con, name, measure_sql(), {"health_measure_values": values,
                                                      "first": start, "last": latest}, version=version)
    return ranked, start


def _tables(con: duckdb.DuckDBPyConnection, as_of: date, first: date, last: date) -> list[tuple[str | None, date, date]]:
    """The tables holding the months ``first`` to ``last``, each with the months read from it: the
    recent months' table, and one table per month before those (ranked the first time a page asks for
    it and kept with the version, so the churn page's six months before a churn are ranked once, not
    on every view). None where a read-only connection finds a month not built."""
    table, start = _table(con, as_of)
    parts: list[tuple[str | None, date, date]] = []
    month = first
    while month < start and month <= last:
        parts.append((_older(con, as_of, month), month, month))
        month = windows.add_months(month, 1)
    if month <= last:
        parts.append((table, month, last))
    if parts and all(t is None for t, _, _ in parts):  # nothing built (read-only): rank the span in one go
        return [(None, first, last)]
    return parts


def _older(con: duckdb.DuckDBPyConnection, as_of: date, month: date) -> str | None:
    """The ranked measures of one month before the recent ones, as a table of the version."""
    version, latest, _ = _span(con, as_of)
    name = f"health_measures_{latest:%Y%m}_at_{month:%Y%m}"
    if store.read_only(con):
        return store.derived_name(con, version, name)
    values = revenue.kept_table(con, "health_measure_values", as_of=latest)
    return store.derived(con, name, measure_sql(), {"health_measure_values": values,
                                                    "first": month, "last": month}, version=version)


def _span(con: duckdb.DuckDBPyConnection, as_of: date) -> tuple[int, date, date]:
    """The current version, the month its tables are built at and the first of its recent (ranked at
    load) months."""
    version = store.current_version(con)
    if version is None:
        raise store.StoreError(Msg("store.no_data"))
    latest = _latest(con, as_of)
    return version, latest, windows.add_months(latest, 1 - RECENT_MONTHS)


def _shape(frame: pd.DataFrame, attrs: pd.DataFrame) -> pd.DataFrame:
    """Rows of a measures table with each account's labels from ``attrs``, typed and sorted (what
    health_measures_slice.sql does in SQL, for rows read some other way)."""
    frame = frame.reindex(columns=MEASURE_COLUMNS)
    frame["account_id"] = frame["account_id"].astype(str)
    attrs = attrs.astype({"account_id": str}).drop_duplicates("account_id")
    frame = frame.merge(attrs, on="account_id", how="left")
    frame["account_name"] = frame["account_name"].fillna(frame["account_id"])
    frame["segment"] = frame["segment"].fillna(NO_SEGMENT)
    frame["csm"] = frame["csm"].fillna("")
    frame = frame.sort_values(["month", "account_id"], kind="stable")
    return _typed(frame)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """:data:`FRAME_COLUMNS` of labelled, sorted rows, typed: text ids and labels, month as a date,
    numbers as float64, arr = 12 x mrr."""
    frame = frame.reindex(columns=FRAME_COLUMNS)
    for col in ("account_id", "account_name", "segment", "csm"):
        frame[col] = frame[col].astype(str)
    # a date object per row, made once per distinct month (a slice holds one or a few)
    codes, stamps = pd.factorize(pd.to_datetime(frame["month"]))
    firsts = np.array([_month(m) for m in stamps], dtype=object)
    frame["month"] = pd.Series(firsts[codes] if len(firsts) else np.empty(0, dtype=object), index=frame.index,
                               dtype=object)
    for col in ["mrr", *MEASURE_NAMES, *PCT_COLUMNS]:
        if frame[col].dtype != "float64":  # DuckDB's doubles come as float64 already: no copy of those
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    frame["arr"] = 12 * frame["mrr"]
    return frame.reset_index(drop=True)


def _month(value) -> date:
    stamp = pd.Timestamp(value)
    return date(stamp.year, stamp.month, 1)
