"""Saved usage sources: a name, the engine and URL without its password, the events table, its columns
and the event -> measure mapping, kept in ``app.usage_sources`` outside the dataset versions (a load
never erases them). Secrets are never saved: :mod:`dashboard.sources.connection` finds them when a
source connects."""

from __future__ import annotations

import json
from datetime import datetime

import duckdb
import pandas as pd

from dashboard import store
from dashboard.access import Identity, audit, require
from dashboard.i18n import Msg
from dashboard.sources.aggregate import Columns, Measures
from dashboard.sources.connection import SourceError
from dashboard.sources.pull import Source

TABLE = "app.usage_sources"
COLUMNS = ["name", "engine", "url", "table_name", "account_col", "time_col", "event_col", "user_col", "value_col",
           "measures", "saved_at", "saved_by"]
_DDL = f"""CREATE TABLE IF NOT EXISTS {TABLE} (
    name VARCHAR PRIMARY KEY, engine VARCHAR NOT NULL, url VARCHAR NOT NULL, table_name VARCHAR,
    account_col VARCHAR NOT NULL, time_col VARCHAR NOT NULL, event_col VARCHAR NOT NULL, user_col VARCHAR,
    value_col VARCHAR, measures VARCHAR NOT NULL, saved_at TIMESTAMP NOT NULL, saved_by VARCHAR NOT NULL)"""
# writes this process made (a page keeps what it read until the next one)
REVISION = [0]


def save(con: duckdb.DuckDBPyConnection, source: Source, *, by: Identity, now: datetime | None = None) -> str:
    """Save (or replace) ``source`` under its name; ``by`` must be an editor or admin. The URL is stored
    without its password."""
    require(by, "source.save")
    name = str(source.name or "").strip()
    if not name or len(name) > 80:
        raise SourceError(Msg("sources.bad_name"))
    target = source.target()
    cols = source.columns
    with store.transaction(con) as cur:
        cur.execute(_DDL)
        replaced = cur.execute(f"SELECT count(*) FROM {TABLE} WHERE name = ?", [name]).fetchall()[0][0]
        cur.execute(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [name, target.engine, target.url, source.table or None, cols.account, cols.time, cols.event,
                     cols.user or None, cols.value or None, json.dumps(source.measures.mapping(), ensure_ascii=False),
                     now or datetime.now(), by.user])
        audit.record(cur, by, "source.save", f"{name}: {target.engine} {target.url} {source.table or ''}".strip()
                     + (" (replaced)" if replaced else ""), now=now)
    REVISION[0] += 1
    return name


def delete(con: duckdb.DuckDBPyConnection, name: str, *, by: Identity) -> bool:
    """Delete the saved source ``name``; False when there is none."""
    require(by, "source.delete")
    if not store.has_saved_table(con, TABLE):
        return False
    with store.transaction(con) as cur:
        if not cur.execute(f"SELECT count(*) FROM {TABLE} WHERE name = ?", [name]).fetchall()[0][0]:
            return False
        cur.execute(f"DELETE FROM {TABLE} WHERE name = ?", [name])
        audit.record(cur, by, "source.delete", name)
    REVISION[0] += 1
    return True


def listed(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every saved source. Grain: one row per name. Columns: :data:`COLUMNS`."""
    if not store.has_saved_table(con, TABLE):
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    return store.query(con, f"SELECT {', '.join(COLUMNS)} FROM {TABLE} ORDER BY name", record=False)


def get(con: duckdb.DuckDBPyConnection, name: str) -> Source:
    """The saved source ``name`` (its URL without a password), or SourceError naming the saved ones."""
    rows = listed(con)
    found = rows[rows["name"] == name]
    if found.empty:
        raise SourceError(Msg("sources.unknown", name=name, names=", ".join(rows["name"]) or "-"))
    row = found.iloc[0]
    text = lambda value: None if value is None or pd.isna(value) else str(value)  # noqa: E731
    return Source(url=str(row["url"]), table=text(row["table_name"]) or "",
                  columns=Columns(str(row["account_col"]), str(row["time_col"]), str(row["event_col"]),
                                  text(row["user_col"]), text(row["value_col"])),
                  measures=Measures.of(json.loads(row["measures"])), name=str(row["name"]))
