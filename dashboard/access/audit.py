"""The audit trail: who changed what, when, and the dataset version it applied to.

Every writing function appends one row, in the same transaction as its write (so a write that rolls
back leaves no row, and no write goes unrecorded). The table (``meta.audit``, created with the
database's other metadata in :mod:`dashboard.store`) is append-only: nothing in the app updates or
deletes its rows.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

from dashboard import lazy
from dashboard.access.policy import ACTIONS, Identity

pd = lazy.deferred("pandas")

COLUMNS = ["changed_at", "user", "name", "role", "action", "what", "version"]


def record(cur: duckdb.DuckDBPyConnection, by: Identity, action: str, what: str, *,
           version: int | None = None, now: datetime | None = None) -> None:
    """Append one write to the trail on ``cur`` (inside the writer's transaction). ``version`` defaults
    to the dataset version current at that point of the transaction."""
    if action not in ACTIONS:
        raise ValueError(f"unknown write {action!r}")
    if version is None:
        row = cur.execute("SELECT version FROM meta.current WHERE id = 1").fetchall()
        version = int(row[0][0]) if row else None
    seq = int(cur.execute("SELECT coalesce(max(seq), 0) + 1 FROM meta.audit").fetchall()[0][0])
    cur.execute("INSERT INTO meta.audit VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [seq, now or datetime.now(), by.user, by.name, by.role, action, str(what), version])


def trail(con: duckdb.DuckDBPyConnection, *, actions: list[str] | None = None, user: str | None = None) -> pd.DataFrame:
    """Every recorded write, newest first (see audit_trail.sql); ``actions`` keeps those kinds, ``user``
    the writes whose address or name contains it. Empty (same columns) on a database from before the
    trail existed, opened read-only."""
    from dashboard import store

    if not store.has_saved_table(con, "meta.audit"):
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    user = str(user).strip() if user is not None and str(user).strip() else None
    return store.query(con, store.load_sql("audit_trail"),
                       {"actions": list(actions) if actions else None, "user": user})
