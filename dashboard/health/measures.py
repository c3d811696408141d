"""Health measures per account and month, built once per dataset version.

The heavy part (usage pivot, trailing windows, month percentiles) is ``health_measures.sql`` over the
revenue engine's account-month MRR grid. On a writable connection it is materialised once per
dataset version and as-of month with :func:`dashboard.store.derived`; a page view then only slices
one month out of it. On a read-only connection (the CLI) the table is used when the app built it,
else the query runs for just the months asked for. Re-scoring after a weight change never comes back
here: it is numpy work on the frame this module returns (see :mod:`dashboard.health.scoring`).
"""

from __future__ import annotations

from datetime import date

import duckdb
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
_EARLIEST = date(1, 1, 1)
NO_SEGMENT = "(none)"


def available(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the current version has what the health score needs: revenue (usage adds measures)."""
    return revenue.revenue_table(con) is not None


def present(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """The measures some paying account has in the default as-of month (empty without revenue)."""
    as_of = revenue.default_as_of(con)
    if as_of is None:
        return frozenset()
    frame = measures(con, as_of=as_of, first=as_of)
    return frozenset(name for name in MEASURE_NAMES if frame[name].notna().any())


def measure_sql() -> str:
    """The exact SQL behind every measure (shown under the page's charts)."""
    return store.load_sql("health_measures")


def measures(con: duckdb.DuckDBPyConnection, *, as_of: date, first: date, last: date | None = None) -> pd.DataFrame:
    """Health measures of every paying account in the months ``first`` to ``last`` (default ``first``).

    Grain: one row per account and month with MRR > 0, ``first`` <= month <= ``last`` <= ``as_of``.
    Columns: account_id, account_name, segment, csm, month (datetime.date), mrr, arr, then each measure
    of :data:`MEASURE_NAMES` (NaN where the data lacks it) and ``<measure>_pct`` (its 0-100 mid-rank
    percentile among the month's paying accounts that have it). Sorted by month, account_id.
    """
    as_of, first = _month(as_of), _month(first)
    last = first if last is None else _month(last)
    table = _table(con, as_of)
    if table is None:
        frame = revenue.grid_query(con, "health_measures", as_of=as_of, first=first, last=last)
    else:
        frame = store.query(con, store.load_sql("health_measures_slice"),
                            {"measures": table, "first": first, "last": last})
    return _shape(frame, attributes(con))


def account_measures(con: duckdb.DuckDBPyConnection, *, as_of: date, account_id: str, months: int = 12) -> pd.DataFrame:
    """One account's measures over the ``months`` months ending at ``as_of`` (same columns as
    :func:`measures`; only the months it paid in)."""
    as_of = _month(as_of)
    first = windows.add_months(as_of, 1 - int(months))
    table = _table(con, as_of)
    if table is None:
        frame = measures(con, as_of=as_of, first=first, last=as_of)
        return frame[frame["account_id"] == str(account_id)].reset_index(drop=True)
    frame = store.query(con, store.load_sql("health_account_history"),
                        {"measures": table, "account_id": str(account_id), "first": first, "last": as_of})
    return _shape(frame, attributes(con))


def attributes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """account_id, account_name, segment, csm of every account (empty when there is no accounts table)."""
    if not store.has_table(con, "accounts"):
        return pd.DataFrame(columns=ATTRIBUTES)
    return store.query(con, store.load_sql("health_account_attributes"))


def build(con: duckdb.DuckDBPyConnection, *, as_of: date) -> str | None:
    """Build the measures table serving ``as_of`` (see :func:`_table`); its qualified name."""
    return _table(con, as_of)


def _table(con: duckdb.DuckDBPyConnection, as_of: date) -> str | None:
    """The materialised measures table of the current version (built now when the connection can
    write), or None on a read-only connection that finds none."""
    version = store.current_version(con)
    if version is None:
        raise store.StoreError(Msg("store.no_data"))
    # Measures of a month never depend on later months, so one table built at the latest as-of month
    # serves every earlier one.
    latest = revenue.default_as_of(con)
    as_of = max(as_of, latest) if latest is not None else as_of
    name = f"health_measures_{as_of:%Y%m}"
    if _read_only(con):
        found = store.query(con, "SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = $s AND table_name = $t",
                            {"s": store.schema_name(version), "t": name})["n"].iloc[0]
        return f"{store.schema_name(version)}.{store.quote(name)}" if found else None
    built = revenue.inputs(con, "health_measures", as_of=as_of)
    return store.derived(con, name, measure_sql(), {**built, "first": _EARLIEST, "last": as_of}, version=version)


def _read_only(con: duckdb.DuckDBPyConnection) -> bool:
    cur = con.cursor()
    try:
        return bool(cur.execute("SELECT readonly FROM duckdb_databases() "
                                "WHERE database_name = current_database()").fetchall()[0][0])
    finally:
        cur.close()


def _shape(frame: pd.DataFrame, attrs: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reindex(columns=MEASURE_COLUMNS)
    frame["account_id"] = frame["account_id"].astype(str)
    frame["month"] = pd.Series([_month(m) for m in frame["month"]], index=frame.index, dtype=object)
    for col in ["mrr", *MEASURE_NAMES, *PCT_COLUMNS]:
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    frame["arr"] = 12 * frame["mrr"]
    attrs = attrs.astype({"account_id": str}).drop_duplicates("account_id")
    frame = frame.merge(attrs, on="account_id", how="left")
    frame["account_name"] = frame["account_name"].fillna(frame["account_id"]).astype(str)
    frame["segment"] = frame["segment"].fillna(NO_SEGMENT).astype(str)
    frame["csm"] = frame["csm"].fillna("").astype(str)
    frame = frame.sort_values(["month", "account_id"], kind="stable")
    return frame[FRAME_COLUMNS].reset_index(drop=True)


def _month(value) -> date:
    stamp = pd.Timestamp(value)
    return date(stamp.year, stamp.month, 1)
