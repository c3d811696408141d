"""The derived tables a dataset version's pages read, built when the version is committed (issue 14),
not on the first page view: the revenue grids and movements of the default as-of month, the NRR
trend, the cohort cube and time-to-value levels, and the health measures.

:func:`prepare` runs right after a commit (the Data page's load, the sample, the command line's
``load`` and ``ingest``) on the version it made current. While it runs, :func:`progress` tells any
other session of this process how far it is, so a page opened meanwhile says so with a progress bar
instead of waiting silently on the write lock (``dashboard.ui.core.page_setup``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import duckdb

from dashboard import store
from dashboard.i18n import Msg


@dataclass(frozen=True)
class Progress:
    version: int
    done: int
    total: int
    step: Msg


def _revenue(con, as_of: date) -> None:
    from dashboard.revenue import metrics as revenue

    revenue.prepare(con, as_of=as_of)


def _cohorts(con, as_of: date) -> None:
    from dashboard.cohorts import metrics as cohorts

    cohorts.prepare(con, as_of=as_of)


def _health(con, as_of: date) -> None:
    from dashboard.health import measures

    if measures.available(con):
        measures.build(con, as_of=as_of)


def _churn(con, as_of: date) -> None:
    from dashboard.churn import history, matching

    matching.prepare(con, as_of=as_of)
    history.prepare(con, as_of=as_of)


# (what the step builds, the step); each reads what the ones before it built
STEPS: tuple[tuple[str, Callable[[duckdb.DuckDBPyConnection, date], None]], ...] = (
    ("prepare.revenue", _revenue),
    ("prepare.cohorts", _cohorts),
    ("prepare.health", _health),
    ("prepare.churn", _churn),
)

LOG = logging.getLogger(__name__)
_LOCK = threading.Lock()
_RUNNING: dict[tuple[str, int], Progress] = {}


def prepare(con: duckdb.DuckDBPyConnection, *, report: Callable[[Progress], None] | None = None) -> dict[str, float]:
    """Build the derived tables of the current version for its default as-of month; returns the
    seconds each step took. A version without revenue has nothing to prepare. ``report`` hears each
    step as it starts (and once more when all are done).

    The version is committed already: a step that fails (a version whose data a query cannot
    compute) is logged and the rest skipped, and the pages say what is wrong when they read it, as
    they do for any version (never a failed load for what is only a head start)."""
    try:
        return _prepare(con, report)
    finally:  # a version is published for reader processes once its tables are built (dashboard.replica)
        from dashboard import replica

        replica.after_write(con)


def _prepare(con: duckdb.DuckDBPyConnection, report: Callable[[Progress], None] | None) -> dict[str, float]:
    from dashboard.revenue import metrics as revenue

    version = store.current_version(con)
    try:
        as_of = None if version is None or revenue.revenue_table(con) is None else revenue.default_as_of(con)
    except (duckdb.Error, store.StoreError) as exc:
        LOG.warning("version %s not prepared: %s", version, exc)
        return {}
    if as_of is None:
        return {}
    key = (_database(con), version)
    seconds: dict[str, float] = {}
    try:
        for done, (name, step) in enumerate(STEPS):
            _tell(key, Progress(version, done, len(STEPS), Msg(name)), report)
            start = time.perf_counter()
            try:
                step(con, as_of)
            except (duckdb.Error, store.StoreError) as exc:
                LOG.warning("version %s: %s not prepared: %s", version, name, exc)
                return seconds
            seconds[name] = time.perf_counter() - start
        _tell(key, Progress(version, len(STEPS), len(STEPS), Msg("prepare.done")), report)
    finally:
        with _LOCK:
            _RUNNING.pop(key, None)
    return seconds


def progress(con: duckdb.DuckDBPyConnection, version: int | None) -> Progress | None:
    """How far the preparation of ``version`` of this connection's database is, when one is running
    in this process; None otherwise."""
    if version is None or not _RUNNING:  # the usual case: nothing running, no query to ask which file
        return None
    key = (_database(con), int(version))
    with _LOCK:
        return _RUNNING.get(key)


def _tell(key, state: Progress, report) -> None:
    with _LOCK:
        _RUNNING[key] = state
    if report is not None:
        report(state)


def _database(con: duckdb.DuckDBPyConnection) -> str:
    cur = con.cursor()
    try:
        return str(cur.execute("SELECT coalesce(path, database_name) FROM duckdb_databases() "
                               "WHERE database_name = current_database()").fetchall()[0][0])
    finally:
        cur.close()
