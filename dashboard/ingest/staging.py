"""The staging area: an in-memory database attached as ``cs_ingest`` (schema ``staging``), shared by
every cursor of the connection, holding a file's raw rows (:class:`SourceFile`) and the views that
convert them (:class:`Prepared`) until the commit; nothing here touches a dataset version."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from dashboard import store
from dashboard.ingest.problems import Problem

STAGING_DB = "cs_ingest"
STAGING = f"{STAGING_DB}.staging"


@dataclass
class SourceFile:
    """A file as read, before mapping: raw text rows in ``relation`` (a staging view)."""

    name: str
    columns: list[str]
    encoding: str | None
    sheet: str | None
    relation: str
    rows: int
    kind: str = "csv"           # csv, xlsx or parquet: xlsx also reads Excel day numbers as dates
    rows_table: str = ""        # the staging table behind ``relation``


@dataclass
class Prepared:
    """A source mapped onto a canonical table and validated; ``relation`` is a staging view with
    exactly the table's canonical columns and types."""

    table: str
    source_file: str
    relation: str
    rows: int
    problems: list[Problem]
    error_count: int
    warning_count: int
    source_relations: tuple[str, ...] = field(default=())
    currency: str | None = None     # the currency the file states for its amounts (a 円 header, ¥ in values)

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def preview(self, con: duckdb.DuckDBPyConnection, n: int = 20) -> pd.DataFrame:
        """The first ``n`` converted rows, canonical columns."""
        with cursor(con) as cur:
            return cur.execute(f"SELECT * FROM {self.relation} LIMIT ?", [int(n)]).df()


@contextmanager
def cursor(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    cur = con.cursor()
    try:
        yield cur
    finally:
        cur.close()


def staging_name(prefix: str) -> str:
    return f'{STAGING}."{prefix}_{uuid.uuid4().hex}"'


def attach_staging(con: duckdb.DuckDBPyConnection) -> None:
    with cursor(con) as cur:
        cur.execute(f"ATTACH IF NOT EXISTS ':memory:' AS {STAGING_DB}")
        cur.execute(f"CREATE SCHEMA IF NOT EXISTS {STAGING}")


def clear_staging(con: duckdb.DuckDBPyConnection) -> None:
    """Drop every table and view in the staging schemas (the file's and the in-memory one)."""
    attach_staging(con)
    with cursor(con) as cur:
        found = cur.execute("""
            SELECT database_name, view_name, 'VIEW' FROM duckdb_views()
            WHERE schema_name = 'staging' AND NOT internal
            UNION ALL
            SELECT database_name, table_name, 'TABLE' FROM duckdb_tables() WHERE schema_name = 'staging'
            ORDER BY 3 DESC""").fetchall()
        for database, name, kind in found:
            cur.execute(f"DROP {kind} IF EXISTS {store.quote(database)}.staging.{store.quote(name)}")


def discard(con: duckdb.DuckDBPyConnection, *objs: SourceFile | Prepared | str | None) -> None:
    """Drop the staging relations of SourceFile / Prepared objects (missing ones are ignored).
    Discarding a Prepared keeps its source; discarding a source breaks the Prepared built on it."""
    with cursor(con) as cur:
        for obj in objs:
            if isinstance(obj, SourceFile):
                cur.execute(f"DROP VIEW IF EXISTS {obj.relation}")
                if obj.rows_table:
                    cur.execute(f"DROP TABLE IF EXISTS {obj.rows_table}")
            elif isinstance(obj, Prepared):
                cur.execute(f"DROP VIEW IF EXISTS {obj.relation}")
            elif isinstance(obj, str) and obj.startswith(STAGING + "."):
                # DuckDB refuses DROP VIEW on a table (and the reverse), even with IF EXISTS.
                try:
                    cur.execute(f"DROP VIEW IF EXISTS {obj}")
                except duckdb.CatalogException:
                    cur.execute(f"DROP TABLE IF EXISTS {obj}")
