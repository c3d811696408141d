"""Pulling usage from a source engine: connect, check the named columns, aggregate in the engine,
and load the aggregate as the ``usage`` table of a new version through the file loader's own path
(staged, validated like a file, committed with :func:`dashboard.ingest.load`).

Incremental refresh (:func:`plan`): the months after the last complete month already in the current
usage are pulled (a month is complete when it had ended before the version holding it was made); the
months up to it are kept from the current version. ``since`` pulls from a month the user names instead,
and ``full`` pulls everything. All or nothing: a refused connection, a missing column or a bad row
changes nothing stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb
import pandas as pd
import pyarrow as pa

from dashboard import ingest, store
from dashboard.access import Identity, require
from dashboard.i18n import Msg
from dashboard.sources import aggregate
from dashboard.sources.aggregate import Columns, Measures
from dashboard.sources.connection import SourceError, Target, connect, open_table, parse


@dataclass(frozen=True)
class Source:
    """A usage source as a user sets it up (and saves it, :mod:`dashboard.sources.saved`): the URL as
    typed (it may hold a password: only ``target().url`` is ever stored or shown), the events table and
    its columns, and the event -> measure mapping."""

    url: str
    table: str
    columns: Columns
    measures: Measures = field(default_factory=Measures)
    name: str = ""

    def target(self) -> Target:
        return parse(self.url)

    def label(self) -> str:
        """What the version history shows as the file: engine and table, never a password."""
        target = self.target()
        where = self.table or target.url if target.engine != "parquet" else target.url
        return f"{self.name or target.engine}: {where}"


@dataclass(frozen=True)
class Pulled:
    """An aggregate as the engine returned it, with the statement that made it."""

    frame: pd.DataFrame
    sql: str
    engine: str
    since: date | None


@dataclass(frozen=True)
class Result:
    """What a pull did: the new version (None when nothing new was found), the rows pulled and kept,
    the first month pulled (None: everything), and the validation's problems (warnings)."""

    version: int | None
    pulled: int
    kept: int
    since: date | None
    problems: list = field(default_factory=list)


def columns_of(source: Source) -> list[tuple[str, str]]:
    """The connection test: (column, type) of the events table, or SourceError saying what is wrong."""
    target = source.target()
    backend = connect(target, source.name)
    try:
        table = open_table(backend, target, source.table)
        return [(name, str(kind)) for name, kind in table.schema().items()]
    finally:
        _close(backend)


def fetch(source: Source, *, since: date | None = None) -> Pulled:
    """Aggregate the source's events in its engine (months from ``since`` on) and return the result."""
    target = source.target()
    backend = connect(target, source.name)
    try:
        table = open_table(backend, target, source.table)
        aggregate.check_columns(table, source.columns, source.table or target.url)
        expr = aggregate.expression(table, source.columns, source.measures, since=since)
        statement = aggregate.sql(backend, expr)
        frame = aggregate.run(backend, expr, engine=target.engine)
    finally:
        _close(backend)
    return Pulled(frame, statement, target.engine, since)


def plan(con: duckdb.DuckDBPyConnection, *, since: date | None = None, full: bool = False) -> tuple[date | None, pd.DataFrame]:
    """(first month to pull, current usage rows to keep). Nothing is kept from the sample company, from
    a version without usage, or with ``full``; ``since`` keeps the months before it."""
    empty = pd.DataFrame({c: [] for c in aggregate.COLUMNS})
    version = store.current_version(con)
    if full or version is None or not store.has_table(con, "usage", version) or store.is_sample(con, version):
        return since, empty
    if since is None:
        found = store.query(con, """
            SELECT max(u.month) AS last_complete FROM usage AS u,
                 (SELECT v.created_at FROM meta.version_tables AS t JOIN meta.versions AS v ON v.version = t.home_version
                  WHERE t.version = $v AND t.table_name = 'usage') AS made
            WHERE u.month + INTERVAL 1 MONTH <= CAST(made.created_at AS DATE)""", {"v": version}, record=False)
        last = found["last_complete"].iloc[0]
        if last is None or pd.isna(last):
            return None, empty
        last = pd.Timestamp(last).date().replace(day=1)
        since = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    kept = store.query(con, "SELECT account_id, month, metric, value FROM usage WHERE month < $since "
                            "ORDER BY account_id, month, metric", {"since": since}, record=False)
    return since, kept


def pull_usage(con: duckdb.DuckDBPyConnection, source: Source, *, by: Identity, since: date | None = None,
               full: bool = False) -> Result:
    """Pull the source's usage and commit it (with the kept months, :func:`plan`) as a new version's
    ``usage`` table; ``by`` must be an admin, and the pull is audited as ``usage.pull``."""
    require(by, "usage.pull")
    start, kept = plan(con, since=since, full=full)
    pulled = fetch(source, since=start)
    if pulled.frame.empty:
        return Result(None, 0, len(kept), start)
    rows = pd.concat([kept, pulled.frame], ignore_index=True) if not kept.empty else pulled.frame
    rows = rows.assign(month=[m.isoformat() for m in pd.to_datetime(rows["month"]).dt.date])
    staged = ingest.read_frame(con, source.label(), pa.Table.from_pandas(rows, preserve_index=False))
    prepared = None
    try:
        prepared = ingest.prepare(con, staged, "usage", {c: c for c in aggregate.COLUMNS})
        if not prepared.ok:
            raise ingest.IngestError([p for p in prepared.problems if p.severity == "error"]
                                     or [ingest.Problem(source.label(), None, None, Msg("ingest.has_errors"))])
        when = Msg("sources.note_since", month=f"{start:%Y-%m}") if start else Msg("sources.note_all")
        version = ingest.load(con, [prepared], by=by, kind="pull", action="usage.pull",
                              note=f"{pulled.engine} {source.target().url} {source.table}".strip() + f", {when}")
    finally:
        ingest.discard(con, prepared, staged)
    return Result(version, len(pulled.frame), len(kept), start, prepared.problems)


def _close(backend) -> None:
    if getattr(backend, "name", "") == "pyspark":
        return  # the Spark session is the process's, shared by every pull
    try:
        backend.disconnect()
    except Exception:  # closing a connection that already failed
        pass


__all__ = ["Columns", "Measures", "Pulled", "Result", "Source", "SourceError", "columns_of", "fetch", "plan",
           "pull_usage"]
