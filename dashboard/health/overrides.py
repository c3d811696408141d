"""Manual band overrides: a CSM sets an account's band with their name, a reason and an expiry date.

Overrides live in ``app.health_overrides``, outside the dataset versions, so neither a recompute nor a
new data load touches them. Nothing is deleted: an expired or cleared override stays in the history.

When an override applies to a month's score: each month M is "the latest scores" from the day its data
is complete until the next month's is, so its reference day is the last day of M + 1, or today when
that is still ahead. The as-of month (``latest``) has no next month yet: it is judged on today. An override applies to M when it was set on or before that day and neither
expired (``expires_on`` is the first day it no longer applies) nor was cleared by then. With several,
the latest set wins. The computed band always stays visible beside it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import duckdb
import numpy as np
import pandas as pd

from dashboard import store, windows
from dashboard.access import Identity, audit, require
from dashboard.health.config import BAND_NAMES

COLUMNS = ["override_id", "account_id", "band", "author", "reason", "set_at", "expires_on", "cleared_at"]
HISTORY_COLUMNS = [*COLUMNS, "status"]
_DDL = """CREATE TABLE IF NOT EXISTS app.health_overrides (
    override_id INTEGER PRIMARY KEY, account_id VARCHAR NOT NULL, band VARCHAR NOT NULL,
    author VARCHAR NOT NULL, reason VARCHAR NOT NULL, set_at TIMESTAMP NOT NULL,
    expires_on DATE NOT NULL, cleared_at TIMESTAMP)"""


def set_override(con: duckdb.DuckDBPyConnection, account_id: str, band: str, *, by: Identity, reason: str,
                 expires_on: date, now: datetime | None = None) -> int:
    """Record an override; return its id. Band, reason and a future expiry are required; ``by`` (an
    editor or admin) is its author and goes into the audit trail."""
    require(by, "override.set")
    author = by.user
    now = now or datetime.now()
    if band not in BAND_NAMES:
        raise ValueError(f"band must be one of {', '.join(BAND_NAMES)}, not {band!r}")
    if not str(reason).strip():
        raise ValueError("an override needs a written reason")
    if expires_on <= now.date():
        raise ValueError(f"the expiry date {expires_on:%Y-%m-%d} must be after today")
    with store.transaction(con) as cur:
        cur.execute(_DDL)
        new = int(cur.execute("SELECT coalesce(max(override_id), 0) + 1 FROM app.health_overrides").fetchall()[0][0])
        cur.execute("INSERT INTO app.health_overrides VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
                    [new, str(account_id), band, author, str(reason).strip(), now, expires_on])
        audit.record(cur, by, "override.set", f"{account_id}: {band} until {expires_on:%Y-%m-%d} - "
                                              f"{str(reason).strip()}", now=now)
    return new


def clear_override(con: duckdb.DuckDBPyConnection, override_id: int, *, by: Identity,
                   now: datetime | None = None) -> None:
    """End an override now; it stays in the history as cleared (``by``: an editor or admin; audited)."""
    require(by, "override.clear")
    with store.transaction(con) as cur:
        cur.execute(_DDL)
        row = cur.execute("SELECT account_id, band FROM app.health_overrides WHERE override_id = ? "
                          "AND cleared_at IS NULL", [int(override_id)]).fetchall()
        if not row:
            return
        cur.execute("UPDATE app.health_overrides SET cleared_at = ? WHERE override_id = ? AND cleared_at IS NULL",
                    [now or datetime.now(), int(override_id)])
        audit.record(cur, by, "override.clear", f"{row[0][0]}: {row[0][1]} (override {int(override_id)})", now=now)


def history(con: duckdb.DuckDBPyConnection, account_id: str | None = None, *, today: date | None = None) -> pd.DataFrame:
    """Every override (of one account, or all), newest first.

    Columns: override_id, account_id, band, author, reason, set_at, expires_on, cleared_at, status
    (active, expired or cleared as of ``today``).
    """
    return history_of(_all(con), account_id, today=today)


def history_of(frame: pd.DataFrame, account_id: str | None = None, *, today: date | None = None) -> pd.DataFrame:
    """:func:`history` on an overrides frame (columns of :data:`COLUMNS`)."""
    if account_id is not None:
        frame = frame[frame["account_id"] == str(account_id)]
    if frame.empty:  # most accounts (a sort of nothing still costs pandas milliseconds on every rerun)
        return frame.assign(status=pd.Series(dtype=object))[HISTORY_COLUMNS].reset_index(drop=True)
    today = today or date.today()
    status = []
    for expires, cleared in zip(frame["expires_on"], frame["cleared_at"], strict=True):
        status.append("cleared" if pd.notna(cleared) else "expired" if expires <= today else "active")
    frame = frame.assign(status=status).sort_values(["set_at", "override_id"], ascending=False)
    return frame[HISTORY_COLUMNS].reset_index(drop=True)


def reference_day(month: date, today: date, latest: date | None = None) -> date:
    """The day month ``month``'s scores are judged on: the last day of the month after, or today (always
    today for the as-of month ``latest`` and later, whose scores are still the latest)."""
    if latest is not None and month >= latest:
        return today
    last = windows.add_months(month, 2) - timedelta(days=1)
    return min(last, today)


def effective(con: duckdb.DuckDBPyConnection, *, months: list[date], today: date | None = None,
              latest: date | None = None) -> pd.DataFrame:
    """The override in force for each account and month. Columns: account_id, month, band, author,
    reason, expires_on (one row per account and month that has one). ``latest``: the as-of month."""
    return apply_rules(_all(con), months=months, today=today or date.today(), latest=latest)


def all_overrides(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every override ever set (columns of :data:`COLUMNS`), for :func:`apply_rules`."""
    return _all(con)


def apply_rules(frame: pd.DataFrame, *, months: list[date], today: date, latest: date | None = None) -> pd.DataFrame:
    """:func:`effective` on an overrides frame (columns of :data:`COLUMNS`)."""
    columns = ["account_id", "month", "band", "author", "reason", "expires_on"]
    if frame.empty or not months:
        return pd.DataFrame(columns=columns)
    frame = frame.sort_values(["set_at", "override_id"])
    set_on = np.array([pd.Timestamp(v).date() for v in frame["set_at"]], dtype=object)
    ends = np.array([min(e, pd.Timestamp(c).date()) if pd.notna(c) else e
                     for e, c in zip(frame["expires_on"], frame["cleared_at"], strict=True)], dtype=object)
    out = []
    for month in months:
        day = reference_day(month, today, latest)
        live = frame[(set_on <= day) & (ends > day)].drop_duplicates("account_id", keep="last")
        if not live.empty:
            out.append(live.assign(month=month)[columns])
    return pd.concat(out, ignore_index=True) if out else pd.DataFrame(columns=columns)


def fingerprint(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int]:
    """How many overrides there are, the newest one's id and how many were cleared: it changes with every
    override set or cleared (results cached per dataset version key on it, :func:`scores.state`)."""
    if not _exists(con):
        return (0, 0, 0)
    row = store.query(con, "SELECT count(*) AS n, coalesce(max(override_id), 0) AS newest, count(cleared_at) AS "
                           "cleared FROM app.health_overrides").iloc[0]
    return (int(row["n"]), int(row["newest"]), int(row["cleared"]))


def _exists(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(store.query(con, "SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'app' "
                                 "AND table_name = 'health_overrides'")["n"].iloc[0])


def _all(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    if not _exists(con):
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    frame = store.query(con, f"SELECT {', '.join(COLUMNS)} FROM app.health_overrides ORDER BY override_id")
    frame["expires_on"] = [pd.Timestamp(v).date() for v in frame["expires_on"]]
    frame["account_id"] = frame["account_id"].astype(str)
    return frame
