"""Saved health configurations: named, versioned, with author, time and a diff; one is active.

They live in the ``app`` schema (``app.health_configs``, ``app.health_active``), outside the dataset
versions, so loading new data never touches them. Every save is a new version of its name; nothing is
ever updated in place or deleted. The active configuration is the one every page and command uses;
without one, the built-in default (:class:`~dashboard.health.config.Config`) applies.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from dashboard import store
from dashboard.access import Identity, audit, require
from dashboard.health import measures
from dashboard.health.config import Config, diff, fitted_default, from_json, to_json

DEFAULT_NAME = "default"
VERSION_COLUMNS = ["name", "version", "saved_at", "author", "note", "changes", "active"]
_DDL = (
    """CREATE TABLE IF NOT EXISTS app.health_configs (
        name VARCHAR NOT NULL, version INTEGER NOT NULL, saved_at TIMESTAMP NOT NULL,
        author VARCHAR NOT NULL, note VARCHAR, config VARCHAR NOT NULL, diff VARCHAR NOT NULL,
        PRIMARY KEY (name, version))""",
    """CREATE TABLE IF NOT EXISTS app.health_active (
        id INTEGER PRIMARY KEY CHECK (id = 1), name VARCHAR NOT NULL, version INTEGER NOT NULL)""",
)


@dataclass(frozen=True)
class Saved:
    """One saved version (``version`` 0 and name "default" stand for the built-in default)."""

    name: str
    version: int
    config: Config


def ensure_tables(cur: duckdb.DuckDBPyConnection) -> None:
    for ddl in _DDL:
        cur.execute(ddl)


def save(con: duckdb.DuckDBPyConnection, name: str, config: Config, *, by: Identity, note: str = "",
         activate: bool = True, now: datetime | None = None) -> int:
    """Save ``config`` as the next version of ``name``; return it. The diff is against the name's previous
    version, or for a new name against the configuration active until now (the default when none).
    ``by`` (an editor or admin) is its author, never a typed name; the save, and the activation with
    it, go into the audit trail."""
    require(by, "health.save")
    if activate:
        require(by, "health.activate")
    name, author = str(name).strip(), by.user
    if not name:
        raise ValueError("a configuration needs a name")
    with store.transaction(con) as cur:
        ensure_tables(cur)
        row = cur.execute("SELECT version, config FROM app.health_configs WHERE name = ? "
                          "ORDER BY version DESC LIMIT 1", [name]).fetchall()
        previous = from_json(row[0][1]) if row else _active(cur)
        version = (row[0][0] if row else 0) + 1
        cur.execute("INSERT INTO app.health_configs VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [name, version, now or datetime.now(), author, note, to_json(config),
                     json.dumps(diff(previous, config))])
        audit.record(cur, by, "health.save", f"{name} v{version}" + (f" - {note}" if note else ""), now=now)
        if activate:
            cur.execute("INSERT OR REPLACE INTO app.health_active VALUES (1, ?, ?)", [name, version])
            audit.record(cur, by, "health.activate", f"{name} v{version}", now=now)
    return version


def activate(con: duckdb.DuckDBPyConnection, name: str, version: int, *, by: Identity) -> None:
    """Make a saved version the active configuration (``by``: an editor or admin; audited)."""
    require(by, "health.activate")
    with store.transaction(con) as cur:
        ensure_tables(cur)
        found = cur.execute("SELECT count(*) FROM app.health_configs WHERE name = ? AND version = ?",
                            [name, int(version)]).fetchall()[0][0]
        if not found:
            raise ValueError(f"no saved configuration {name!r} version {version}")
        cur.execute("INSERT OR REPLACE INTO app.health_active VALUES (1, ?, ?)", [name, int(version)])
        audit.record(cur, by, "health.activate", f"{name} v{int(version)}")


def load(con: duckdb.DuckDBPyConnection, name: str, version: int | None = None) -> Config:
    """A saved configuration (its latest version unless ``version`` is given)."""
    if not _has_tables(con):
        raise ValueError(f"no saved configuration {name!r}")
    sql = "SELECT config FROM app.health_configs WHERE name = $name"
    params: dict = {"name": name}
    if version is not None:
        sql += " AND version = $version"
        params["version"] = int(version)
    rows = store.query(con, sql + " ORDER BY version DESC LIMIT 1", params)
    if rows.empty:
        raise ValueError(f"no saved configuration {name!r}" + (f" version {version}" if version else ""))
    return from_json(rows["config"].iloc[0])


def active(con: duckdb.DuckDBPyConnection) -> Saved:
    """The active configuration, or the built-in default when none was ever saved."""
    row = _saved_active(con, "c.name, c.version, c.config")
    if row is not None:
        return Saved(str(row[0]), int(row[1]), from_json(row[2]))
    # the built-in default, fitted to the data: never a weight on a measure no account has
    return Saved(DEFAULT_NAME, 0, fitted_default(measures.present(con)))


def active_key(con: duckdb.DuckDBPyConnection) -> tuple[str, int]:
    """(name, version) of :func:`active`'s configuration, without fitting the default to the data: what a
    cached result keys on (the default's fit changes only with the dataset version, which the key holds too)."""
    row = _saved_active(con, "c.name, c.version")
    return (str(row[0]), int(row[1])) if row is not None else (DEFAULT_NAME, 0)


def _saved_active(con: duckdb.DuckDBPyConnection, columns: str) -> tuple | None:
    """``columns`` (of the saved configuration ``c``) of the active saved configuration; None when none is."""
    if not _has_tables(con):
        return None
    with store.cursor(con) as cur:
        rows = cur.execute(f"SELECT {columns} FROM app.health_active a "
                           "JOIN app.health_configs c ON c.name = a.name AND c.version = a.version").fetchall()
    return rows[0] if rows else None


def versions(con: duckdb.DuckDBPyConnection, label: Callable[[str], str] = str) -> pd.DataFrame:
    """Every saved version, newest first.

    Columns: name, version, saved_at, author, note, changes (readable list of what changed against
    the name's previous version, each changed path through ``label``), active (bool).
    """
    if not _has_tables(con):
        return pd.DataFrame({c: pd.Series(dtype=object) for c in VERSION_COLUMNS})
    frame = store.query(con, """
        SELECT c.name, c.version, c.saved_at, c.author, coalesce(c.note, '') AS note, c.diff,
               coalesce(a.name IS NOT NULL, false) AS active
        FROM app.health_configs c
        LEFT JOIN app.health_active a ON a.name = c.name AND a.version = c.version
        ORDER BY c.saved_at DESC, c.name, c.version DESC""")
    frame["changes"] = [describe(json.loads(d), label=label) for d in frame["diff"]]
    return frame[VERSION_COLUMNS].astype({"version": "int64", "active": "bool"})


def version_diff(con: duckdb.DuckDBPyConnection, name: str, version: int) -> pd.DataFrame:
    """What one saved version changed against the previous version of its name: path, old, new."""
    rows = store.query(con, "SELECT diff FROM app.health_configs WHERE name = $name AND version = $version",
                       {"name": name, "version": int(version)})
    data = json.loads(rows["diff"].iloc[0]) if not rows.empty else []
    return pd.DataFrame(data, columns=["path", "old", "new"]).astype(str)


def describe(changes: list[dict], limit: int = 4, label: Callable[[str], str] = str) -> str:
    """A short readable diff: ``*.measures.nps.weight: 15 -> 20; ...``, each path through ``label``."""
    if not changes:
        return "-"
    parts = [f"{label(c['path'])}: {_show(c['old'])} -> {_show(c['new'])}" for c in changes[:limit]]
    if len(changes) > limit:
        parts.append(f"+{len(changes) - limit}")
    return "; ".join(parts)


def _show(value) -> str:
    if value is None:
        return "(new)"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _active(cur: duckdb.DuckDBPyConnection) -> Config:
    rows = cur.execute("""SELECT c.config FROM app.health_active a
                          JOIN app.health_configs c ON c.name = a.name AND c.version = a.version""").fetchall()
    return from_json(rows[0][0]) if rows else Config()


def _has_tables(con: duckdb.DuckDBPyConnection) -> bool:
    return all(store.has_saved_table(con, name) for name in ("app.health_configs", "app.health_active"))
