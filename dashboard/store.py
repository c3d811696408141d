"""The DuckDB database: the one place that opens connections, keeps versions and runs transactions.

Layout inside the database file:

- ``meta.versions``: one row per dataset version (version, created_at, kind, source, note).
- ``meta.version_tables``: one row per version and canonical table: where its rows live
  (``home_version``), its row count and the file it came from.
- ``meta.current``: the single current version.
- ``v<N>``: one schema per version. A table loaded by version N is a real table there; a table
  carried over from an earlier version is a view onto the schema that holds its rows, so a load
  never copies the tables it did not change. Versions are never modified after their commit.
- Derived tables (account-month MRR and the like) are built once per version into its schema
  by :func:`derived`.
- ``app``: settings users save (health configurations, overrides, scenarios, notes). They live
  outside the versions, so loading data never erases them.
"""

from __future__ import annotations

import functools
import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dashboard import lazy, schema, settings, trace
from dashboard.access import audit
from dashboard.access.policy import Identity, require
from dashboard.i18n import Msg

pd = lazy.deferred("pandas")  # the command line's bridge reads plain rows without it

DB_ENV = settings.DB_ENV
DEFAULT_DB = Path(__file__).resolve().parent.parent / "data" / "dashboard.duckdb"
# every feature keeps its queries beside its code: dashboard/<feature>/sql/<name>.sql; names are unique
PACKAGE_DIR = Path(__file__).resolve().parent

# One writer at a time inside this process; DuckDB's own file lock keeps other processes out.
_WRITE_LOCK = threading.RLock()
# The dataset version this thread reads, when pinned (one page render, one snapshot): see pinned().
_PIN = threading.local()
_RESERVED_STEMS = {"meta", "app", "staging", "main", "temp", "system", "memory", "cs_ingest"}

_META_DDL = (
    "CREATE SCHEMA IF NOT EXISTS meta",
    "CREATE SCHEMA IF NOT EXISTS app",
    "CREATE SCHEMA IF NOT EXISTS staging",
    """CREATE TABLE IF NOT EXISTS meta.versions (
        version INTEGER PRIMARY KEY, created_at TIMESTAMP NOT NULL, kind VARCHAR NOT NULL,
        source VARCHAR, note VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS meta.version_tables (
        version INTEGER NOT NULL, table_name VARCHAR NOT NULL, home_version INTEGER NOT NULL,
        rows BIGINT NOT NULL, source_file VARCHAR, PRIMARY KEY (version, table_name))""",
    """CREATE TABLE IF NOT EXISTS meta.current (
        id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)""",
    # the currency a loaded file states for its amounts (a 月額（円） header, ¥ in its values), per table
    # as loaded in a version: a carried table keeps its home version's
    """CREATE TABLE IF NOT EXISTS meta.table_currency (
        home_version INTEGER NOT NULL, table_name VARCHAR NOT NULL, currency VARCHAR NOT NULL,
        PRIMARY KEY (home_version, table_name))""",
    # every write, who made it and when (dashboard.access.audit); append-only
    """CREATE TABLE IF NOT EXISTS meta.audit (
        seq BIGINT PRIMARY KEY, changed_at TIMESTAMP NOT NULL, "user" VARCHAR NOT NULL, name VARCHAR,
        role VARCHAR NOT NULL, action VARCHAR NOT NULL, what VARCHAR NOT NULL, version INTEGER)""",
)


# How long connect() waits for a database another process holds (DuckDB's file lock), and whom it
# tells once that it waits: the CLI sets both from --wait; the app never waits (it holds the file).
LOCK_WAIT: dict = {"seconds": 0.0, "notify": None}
_RETRY_EVERY = 0.25


class StoreError(Exception):
    """A problem the user can act on (unknown version, database busy, ...)."""


@dataclass(frozen=True)
class EngineSetting:
    """A DuckDB setting every connection opens with: ``env`` overrides ``default()``."""

    name: str
    env: str
    default: Callable[[], str]
    help: str


def _ram_bytes() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):   # a platform without these names
        return 8 << 30


def default_memory_limit() -> str:
    """A quarter of the machine's memory, at most 1.5 GiB (at least 256 MiB)."""
    return f"{max(256, min(_ram_bytes() // 4 >> 20, 1536))}MiB"


# DuckDB's own default memory_limit is 80% of the machine: a load (or a query) that can use that
# much does, and the app shares the machine. With a limit, DuckDB spills to its temp directory
# (beside the database file, ``<file>.tmp``) instead, which is what keeps a load within
# max(3 x the file, 2 GB) of resident memory (README, Reliability). Insertion order stays
# preserved (DuckDB's default): ingest numbers a file's rows by it.
ENGINE_SETTINGS = (
    EngineSetting("memory_limit", "CS_DASHBOARD_MEMORY_LIMIT", default_memory_limit,
                  "memory DuckDB may hold before it spills to disk, e.g. 4GB; default a quarter of RAM, "
                  "at most 1.5 GiB"),
    EngineSetting("temp_directory", "CS_DASHBOARD_TEMP_DIR", lambda: "",
                  "folder DuckDB spills to; default (empty) beside the database file, <file>.tmp"),
)


def engine_config() -> dict[str, str]:
    """The ENGINE_SETTINGS values for a new connection (empty values keep DuckDB's own default)."""
    values = {s.name: os.environ.get(s.env) or s.default() for s in ENGINE_SETTINGS}
    return {name: value for name, value in values.items() if value}


def db_path(path: str | os.PathLike | None = None) -> Path:
    """The database file: the argument, else $CS_DASHBOARD_DB, else data/dashboard.duckdb."""
    return Path(path or os.environ.get(DB_ENV) or DEFAULT_DB)


def connect(path: str | os.PathLike | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database (creating it and its metadata tables when new)."""
    target = db_path(path)
    # DuckDB names the database after the file's stem; a stem equal to one of our schema names
    # (or another catalog) would make every "meta.x" / "app.x" reference ambiguous.
    stem = target.stem.lower()
    if stem in _RESERVED_STEMS or re.fullmatch(r"v\d+", stem):
        raise StoreError(Msg("store.reserved_name", target=str(target), stem=repr(target.stem)))
    if not read_only:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(Msg("store.no_folder", target=str(target), reason=str(exc.strerror or exc))) from exc
    config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False, **engine_config()}
    deadline, told = time.monotonic() + float(LOCK_WAIT["seconds"]), False
    while True:
        try:
            con = duckdb.connect(str(target), read_only=read_only, config=config)
            break
        except duckdb.IOException as exc:
            locked = "lock" in str(exc).lower()
            if not locked or time.monotonic() >= deadline:
                waited = Msg("store.waited", seconds=f"{LOCK_WAIT['seconds']:g}") if locked and told else ""
                raise StoreError(Msg("store.locked", target=str(target), waited=waited) if locked else
                                 Msg("store.cannot_open", target=str(target), reason=str(exc).splitlines()[0])) from exc
            if not told and LOCK_WAIT["notify"] is not None:
                LOCK_WAIT["notify"](target, float(LOCK_WAIT["seconds"]))
            told = True
            time.sleep(_RETRY_EVERY)
    if not read_only:
        with _WRITE_LOCK:
            cur = con.cursor()
            for ddl in _META_DDL:
                cur.execute(ddl)
            cur.close()
    return con


def schema_name(version: int) -> str:
    return f"v{int(version)}"


def quote(identifier: str) -> str:
    """Quote an identifier for SQL (DuckDB double-quote rules)."""
    return '"' + str(identifier).replace('"', '""') + '"'


# the query file each loaded text came from, so a recorded step can name its source
_SQL_NAMES: dict[str, str] = {}


# A query reads another file's rows as ``query_table($ref_<name>)``, the way dbt models ref() each other.
_REF = re.compile(r"query_table\(\s*\$ref_(\w+)\s*\)", re.IGNORECASE)
_WITH = re.compile(r"\A((?:[ \t]*(?:--[^\n]*)?\n)*)[ \t]*with(\s+recursive)?\b", re.IGNORECASE)


def load_sql(name: str, *, refs: Mapping[str, str] | None = None) -> str:
    """The text of the query file ``<name>.sql`` (``dashboard/<feature>/sql/``), each file it reads as ``query_table($ref_<x>)`` written in
    as a common table expression ``<x>`` at the top of its WITH list (ahead of its own; files those
    read come first, each once), so the statement that runs, and is shown, is one statement.

    ``refs`` names the file behind a ref when it depends on the caller (``{"unit_revenue":
    "unit_revenue_subscriptions"}``); otherwise ``<x>`` is the file ``<x>.sql``.
    """
    refs = dict(refs or {})
    text = _read_sql(name)
    ordered: dict[str, str] = {}  # CTE name -> its body, dependencies first

    def visit(body: str, path: tuple[str, ...]) -> None:
        for ref in dict.fromkeys(_REF.findall(_without_comments(body))):
            if ref in path:
                raise ValueError(f"SQL refs: {' -> '.join((*path, ref))} reads itself")
            if ref not in ordered:
                ref_text = _read_sql(refs.get(ref, ref))
                visit(ref_text, (*path, ref))
                ordered[ref] = _REF.sub(lambda m: m.group(1), ref_text).strip().rstrip(";")

    visit(text, (name,))
    if ordered:
        text = _REF.sub(lambda m: m.group(1), text)
        ctes = "".join(f"-- {ref}: {sql_path(refs.get(ref, ref))}\n{ref} as (\n{body}\n),\n\n"
                       for ref, body in ordered.items())
        head = _WITH.match(text)
        if head:
            text = f"{head.group(1)}with{head.group(2) or ''}\n\n{ctes}{text[head.end():].lstrip()}"
        else:
            text = "with\n\n" + ctes.rstrip().rstrip(",") + "\n\n" + text.lstrip()
    _SQL_NAMES.setdefault(text, name)
    return text


def sql_files(root: Path | None = None) -> dict[str, Path]:
    """Every query file of the package by name (``dashboard/<feature>/sql/<name>.sql``); a name
    used by two features is refused, so a ref always means one file."""
    return _sql_files(root or PACKAGE_DIR)


@functools.cache
def _sql_files(root: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for path in sorted(root.glob("*/sql/*.sql")):
        if path.stem in files:
            raise ValueError(f"two SQL files named {path.stem}: {files[path.stem]} and {path}")
        files[path.stem] = path
    return files


def sql_path(name: str) -> str:
    """Where the query ``name`` lives, as the reader finds it in the repository."""
    path = sql_files()[name]
    return path.relative_to(PACKAGE_DIR.parent).as_posix()


def _read_sql(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"bad SQL file name {name!r}")
    try:
        path = sql_files()[name]
    except KeyError:
        raise FileNotFoundError(f"no SQL file {name}.sql under dashboard/*/sql/") from None
    return path.read_text(encoding="utf-8")


def _without_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)


def sql_name(sql: str) -> str | None:
    """The query file name of a text :func:`load_sql` returned (None for inline SQL)."""
    return _SQL_NAMES.get(sql)


@contextmanager
def cursor(con: duckdb.DuckDBPyConnection, version: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh cursor whose unqualified table names resolve to the given (default: current) version."""
    cur = con.cursor()
    try:
        version = _resolve(cur, version)
        if version is not None:
            cur.execute(f"SET search_path = '{schema_name(version)},main'")
        yield cur
    finally:
        cur.close()


def _resolve(cur: duckdb.DuckDBPyConnection, version: int | None) -> int | None:
    return version if version is not None else (_pinned() or _current(cur))


def query(con: duckdb.DuckDBPyConnection, sql: str, params: Mapping | list | None = None,
          *, version: int | None = None, record: bool = True) -> pd.DataFrame:
    """Run one query against a version (default current) and return all rows as a DataFrame; the
    statement and its values are recorded for the section that shows them (:mod:`dashboard.trace`;
    ``record=False`` for the store's own bookkeeping reads)."""
    with cursor(con, version) as cur:
        frame = cur.execute(sql, params).df() if params else cur.execute(sql).df()
        if record and trace.active():
            trace.record(sql, params, version=_resolve(cur, version), source=sql_name(sql), result=frame)
        return frame


def _current(cur: duckdb.DuckDBPyConnection) -> int | None:
    row = cur.execute("SELECT version FROM meta.current WHERE id = 1").fetchall()
    return int(row[0][0]) if row else None


def current_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The dataset version reads see: the one this thread pinned (:func:`pinned`), else the current
    one; None when nothing was ever loaded."""
    return _pinned() or latest_version(con)


def latest_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The current version as stored now, whatever this thread pinned."""
    cur = con.cursor()
    try:
        return _current(cur)
    finally:
        cur.close()


def _pinned() -> int | None:
    return getattr(_PIN, "version", None)


def pinned_version() -> int | None:
    """The version this thread pinned (None when it pinned none)."""
    return _pinned()


# How many derived tables this process has made: what a version's schema holds changes only then (its
# canonical tables are all made by the commit that creates it), so a list of them can be kept until it moves.
_TABLES_MADE = [0]


def tables_made() -> int:
    return _TABLES_MADE[0]


@contextmanager
def pinned(version: int | None) -> Iterator[int | None]:
    """Every read in this thread, until the block ends, sees dataset ``version`` (default and
    unqualified reads: :func:`current_version`, :func:`cursor`, :func:`query`), so one page render
    never mixes two versions while another session loads a new one. A commit or rollback made in the
    block moves the pin to the version it made current; other threads are never affected."""
    before = _pinned()
    _PIN.version = version
    try:
        yield version
    finally:
        _PIN.version = before


def pin(version: int | None) -> None:
    """Pin this thread's reads to ``version`` until the next pin (a Streamlit script run calls it first)."""
    _PIN.version = version


def _repin(version: int) -> None:
    if _pinned() is not None:
        _PIN.version = version


def version_tables(con: duckdb.DuckDBPyConnection, version: int | None = None, *,
                   record: bool = False) -> pd.DataFrame:
    """One row per canonical table of a version: table, rows, home_version, source_file (recorded for
    a section only with ``record``: most callers only look a table up)."""
    version = current_version(con) if version is None else version
    return query(con, """
        SELECT table_name AS "table", rows, home_version, source_file
        FROM meta.version_tables WHERE version = $v ORDER BY table_name""", {"v": version or -1}, record=record)


def table_currency(con: duckdb.DuckDBPyConnection, table_name: str, version: int | None = None) -> str | None:
    """The currency the file behind ``table_name`` of a version stated for its amounts (None: it stated
    none, or the database predates the record)."""
    version = current_version(con) if version is None else version
    try:
        found = query(con, """
            SELECT c.currency FROM meta.version_tables AS t
            JOIN meta.table_currency AS c ON c.home_version = t.home_version AND c.table_name = t.table_name
            WHERE t.version = $v AND t.table_name = $t""", {"v": version or -1, "t": table_name}, record=False)
    except duckdb.CatalogException:  # a file written before the record, opened read-only
        return None
    return None if found.empty else str(found["currency"].iloc[0])


def table_names(con: duckdb.DuckDBPyConnection, version: int | None = None) -> frozenset[str]:
    """The canonical tables a version (default current) holds: one small read on one cursor, no frame
    (every engine call asks, so it is kept cheap)."""
    cur = con.cursor()
    try:
        version = _resolve(cur, version)
        rows = cur.execute("SELECT table_name FROM meta.version_tables WHERE version = ?",
                           [-1 if version is None else int(version)]).fetchall()
    finally:
        cur.close()
    return frozenset(name for (name,) in rows)


def has_table(con: duckdb.DuckDBPyConnection, table_name: str, version: int | None = None) -> bool:
    return table_name in table_names(con, version)


def has_saved_table(con: duckdb.DuckDBPyConnection, qualified: str) -> bool:
    """Whether a table outside the versions (``app.<name>``, ``meta.<name>``) exists yet: settings tables
    are made on their first save, and a database opened read-only may predate them."""
    schema, _, name = qualified.partition(".")
    cur = con.cursor()
    try:
        return bool(cur.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
                                "AND schema_name = ? AND table_name = ?", [schema, name]).fetchall()[0][0])
    finally:
        cur.close()


def history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per version and table it loaded: version, created_at, kind, table, source_file,
    rows, note, is_current (newest first)."""
    return query(con, """
        SELECT v.version, v.created_at, v.kind, t.table_name AS "table", t.source_file, t.rows,
               v.note, v.version = (SELECT version FROM meta.current) AS is_current
        FROM meta.versions v
        LEFT JOIN meta.version_tables t ON t.version = v.version AND t.home_version = v.version
        ORDER BY v.version DESC, t.table_name""")


def version_source(con: duckdb.DuckDBPyConnection, version: int) -> str:
    """What a version loaded: its files' names, else its kind ("sample", ...); "" when unknown."""
    rows = query(con, "SELECT kind, source FROM meta.versions WHERE version = $v", {"v": int(version)}, record=False)
    if rows.empty:
        return ""
    return str(rows["source"].iloc[0] or rows["kind"].iloc[0])


def is_sample(con: duckdb.DuckDBPyConnection, version: int | None = None) -> bool:
    """True when any table of the version comes from the built-in sample company."""
    version = current_version(con) if version is None else version
    if version is None:
        return False
    rows = query(con, """
        SELECT count(*) AS n FROM meta.version_tables t JOIN meta.versions v ON v.version = t.home_version
        WHERE t.version = $v AND v.kind = 'sample'""", {"v": version}, record=False)
    return int(rows["n"].iloc[0]) > 0


@dataclass(frozen=True)
class Load:
    """One table to commit: rows from a DataFrame or from a relation the caller prepared
    (a table in the staging schema), and the name of the file they came from."""

    table: str
    rows: pd.DataFrame | str
    source_file: str
    params: Mapping | None = None   # values the relation's SQL binds ($name)
    currency: str | None = None     # the currency the file states for its amounts, when it states one


def commit(con: duckdb.DuckDBPyConnection, loads: list[Load], *, kind: str = "upload",
           note: str = "", check: Callable[[duckdb.DuckDBPyConnection, str], None] | None = None,
           by: Identity, action: str = "load") -> int:
    """Create a new version holding the given tables plus every other table of the current one.

    All or nothing: on any error the transaction rolls back and the current version is unchanged.
    Loading one revenue table drops the alternative one (subscriptions vs mrr_monthly) from the new
    version, so the revenue source is never ambiguous. The user's own files never mix with the
    built-in sample company: tables that come from a sample version are not carried into a version of
    another kind (the sample's account ids, CSMs and usage would be read as the user's; the sample
    version itself keeps them). Returns the new version number.
    ``check(cursor, schema)``, when given, runs inside the transaction after the new tables are
    written; raising from it rolls the whole load back.
    ``by`` is who loads: refused unless their role may load (an admin), and recorded in the audit trail
    with the new version, as ``action`` (a load; ``usage.pull`` for usage pulled from a source engine).
    """
    require(by, "load")
    require(by, action)
    if not loads:
        raise StoreError("nothing to load")
    with _WRITE_LOCK:
        cur = con.cursor()
        try:
            cur.execute("BEGIN TRANSACTION")
            base = _current(cur)
            new = int(cur.execute("SELECT coalesce(max(version), 0) + 1 FROM meta.versions").fetchall()[0][0])
            target = schema_name(new)
            cur.execute(f"CREATE SCHEMA {target}")
            loaded = {load.table for load in loads}
            dropped = {alt for name in loaded for alt in schema.table(name).alternative_to}
            for load in loads:
                count = _write_table(cur, target, load)
                cur.execute("INSERT INTO meta.version_tables VALUES (?, ?, ?, ?, ?)",
                            [new, load.table, new, count, load.source_file])
                if load.currency:
                    cur.execute("INSERT INTO meta.table_currency VALUES (?, ?, ?)", [new, load.table, load.currency])
            if check is not None:
                check(cur, target)
            if base is not None:
                carried = cur.execute(
                    "SELECT t.table_name, t.home_version, t.rows, t.source_file, v.kind = 'sample' "
                    "FROM meta.version_tables t JOIN meta.versions v ON v.version = t.home_version "
                    "WHERE t.version = ?", [base]).fetchall()
                for name, home, rows, source_file, from_sample in carried:
                    if name in loaded or name in dropped or (from_sample and kind != "sample"):
                        continue
                    cur.execute(f"CREATE VIEW {target}.{quote(name)} AS "
                                f"SELECT * FROM {schema_name(home)}.{quote(name)}")
                    cur.execute("INSERT INTO meta.version_tables VALUES (?, ?, ?, ?, ?)",
                                [new, name, home, rows, source_file])
            cur.execute("INSERT INTO meta.versions VALUES (?, current_timestamp, ?, ?, ?)",
                        [new, kind, ", ".join(sorted({load.source_file for load in loads})), note])
            cur.execute("INSERT OR REPLACE INTO meta.current VALUES (1, ?)", [new])
            tables = ", ".join(f"{load.table} ({load.source_file})" for load in loads)
            audit.record(cur, by, action, f"{kind}: {tables}" + (f" - {note}" if note else ""), version=new)
            cur.execute("COMMIT")
            _repin(new)
            return new
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        finally:
            cur.close()


def _write_table(cur: duckdb.DuckDBPyConnection, target: str, load: Load) -> int:
    """Create target.table with exactly the canonical columns and types; return its row count."""
    spec = schema.table(load.table)
    if isinstance(load.rows, pd.DataFrame):
        missing = [c for c in spec.column_names if c not in load.rows.columns]
        frame = load.rows.copy()
        for col in missing:
            frame[col] = None
        cur.register("_load_frame", frame[spec.column_names])
        source = "_load_frame"
    else:
        source = load.rows
    select = ", ".join(f"CAST({quote(c.name)} AS {schema.SQL_TYPES[c.kind]}) AS {quote(c.name)}"
                       for c in spec.columns)
    cur.execute(f"CREATE TABLE {target}.{quote(spec.name)} AS SELECT {select} FROM {source}",
                None if isinstance(load.rows, pd.DataFrame) else load.params)
    if isinstance(load.rows, pd.DataFrame):
        cur.unregister("_load_frame")
    return int(cur.execute(f"SELECT count(*) FROM {target}.{quote(spec.name)}").fetchall()[0][0])


def write_lock() -> threading.RLock:
    """The process's write lock: held by every write, and by a copy that must see one committed state."""
    return _WRITE_LOCK


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor inside one write transaction, holding the process write lock; for saved settings
    in the ``app`` schema. Commits on success, rolls back on any error; a writer that publishes copies
    for reader processes publishes one after the commit (:mod:`dashboard.replica`)."""
    with _WRITE_LOCK:
        cur = con.cursor()
        try:
            cur.execute("BEGIN TRANSACTION")
            yield cur
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        finally:
            cur.close()
    from dashboard import replica

    replica.after_write(con)


def rollback(con: duckdb.DuckDBPyConnection, version: int, *, by: Identity) -> None:
    """Make an older (or newer) existing version the current one. Nothing is deleted. ``by`` must be
    an admin; the change is recorded in the audit trail."""
    require(by, "rollback")
    with _WRITE_LOCK:
        cur = con.cursor()
        try:
            cur.execute("BEGIN TRANSACTION")
            found = cur.execute("SELECT count(*) FROM meta.versions WHERE version = ?", [int(version)]).fetchall()
            if not found[0][0]:
                raise StoreError(Msg("store.no_version", version=version))
            before = _current(cur)
            cur.execute("INSERT OR REPLACE INTO meta.current VALUES (1, ?)", [int(version)])
            audit.record(cur, by, "rollback", f"version {before} -> {int(version)}", version=int(version))
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        finally:
            cur.close()
    _repin(int(version))


def derived(con: duckdb.DuckDBPyConnection, name: str, sql: str, params: Mapping | None = None,
            *, version: int | None = None) -> str:
    """Materialise ``sql`` as table v<N>.<name> once per version; return the qualified name.

    ``sql`` runs with the version's tables on the search path. Concurrent callers wait on the write
    lock and find the table already built.
    """
    if not name.replace("_", "").isalnum():
        raise ValueError(f"bad derived table name {name!r}")
    version = current_version(con) if version is None else version
    if version is None:
        raise StoreError(Msg("store.no_data"))
    qualified = f"{schema_name(version)}.{quote(name)}"
    with _WRITE_LOCK:
        with cursor(con, version) as cur:
            exists = cur.execute(
                "SELECT count(*) FROM duckdb_tables() WHERE schema_name = ? AND table_name = ?",
                [schema_name(version), name]).fetchall()[0][0]
            if not exists:
                statement = f"CREATE TABLE {qualified} AS {sql}"
                cur.execute(statement, params) if params else cur.execute(statement)
                _TABLES_MADE[0] += 1
    trace.record(sql, params, version=version, source=sql_name(sql), builds=qualified)
    return qualified


def derived_name(con: duckdb.DuckDBPyConnection, version: int, name: str) -> str | None:
    """The qualified name of version ``version``'s derived table ``name``, or None when it was never
    built (what a read-only connection reads instead of building it)."""
    cur = con.cursor()
    try:
        found = cur.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
                            "AND schema_name = ? AND table_name = ?", [schema_name(version), name]).fetchall()[0][0]
    finally:
        cur.close()
    return f"{schema_name(version)}.{quote(name)}" if found else None


def read_only(con: duckdb.DuckDBPyConnection) -> bool:
    """True when ``con`` cannot write (the command line's reads): derived tables are read, never built."""
    cur = con.cursor()
    try:
        return bool(cur.execute("SELECT readonly FROM duckdb_databases() "
                                "WHERE database_name = current_database()").fetchall()[0][0])
    finally:
        cur.close()


def table_rows(con: duckdb.DuckDBPyConnection, version: int | None = None) -> pd.DataFrame:
    """Tables of a version with row counts: columns table, rows."""
    return version_tables(con, version)[["table", "rows"]]
