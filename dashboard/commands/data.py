"""Data commands: sample, ingest, versions, rollback, tables."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard import cli, ingest, loading, schema, store
from dashboard.commands.check import warn_findings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sample", help="load the built-in sample company as a new version")
    cli.add_db(p)
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("ingest", help="validate a CSV/TSV/Excel/Parquet file and load it as a new version")
    cli.add_db(p)
    p.add_argument("--table", required=True, choices=list(schema.TABLES), help="canonical table to fill")
    p.add_argument("--map", action="append", default=[], metavar="SOURCE=CANONICAL",
                   help="map a file column onto a canonical column (repeatable); others are suggested")
    p.add_argument("--sheet", default=None, help="Excel sheet name (default: the first)")
    p.add_argument("file", help="the file to load")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("versions", help="list dataset versions")
    cli.add_db(p)
    cli.add_format(p)
    p.set_defaults(func=cmd_versions)

    p = sub.add_parser("rollback", help="make an earlier version current (nothing is deleted)")
    cli.add_db(p)
    p.add_argument("version", type=int)
    p.set_defaults(func=cmd_rollback)

    p = sub.add_parser("tables", help="tables of the current version with row counts")
    cli.add_db(p)
    cli.add_format(p)
    p.set_defaults(func=cmd_tables)


def existing_db(path: str | None) -> Path:
    """The database path for a read command; a missing file is an error, not a new database."""
    target = store.db_path(path)
    if not target.exists():
        raise store.StoreError(f"{target}: no such database (load data with `python -m dashboard sample` "
                               "or `ingest` first)")
    return target


def cmd_sample(args: argparse.Namespace) -> int:
    con = store.connect(args.db)
    version = loading.load_sample(con)
    print(f"loaded the sample company as version {version}")
    return 0


def parse_map(items: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for item in items:
        source, sep, canonical = item.partition("=")
        if not sep or not source.strip() or not canonical.strip():
            raise ValueError(f"--map {item!r}: expected SOURCE=CANONICAL")
        mapping[source.strip()] = canonical.strip()
    return mapping


def cmd_ingest(args: argparse.Namespace) -> int:
    try:
        mapping = parse_map(args.map)
    except ValueError as exc:
        return cli.fail(str(exc))
    path = Path(args.file)
    if not path.is_file():
        what = ("is a directory, not a file" if path.is_dir() else "is not a regular file (a pipe or a device?)"
                if path.exists() else "no such file")
        return cli.fail(f"{args.file}: {what}")
    con = store.connect(args.db)
    try:
        prepared, version = ingest.ingest_file(con, path, args.table, mapping=mapping or None, sheet=args.sheet)
    except ingest.IngestError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"{problem.severity}: {problem}\n")
        return 1
    for problem in prepared.problems:
        sys.stderr.write(f"{problem.severity}: {problem}\n")
    if version is None:
        shown = sum(p.severity == "error" for p in prepared.problems)
        if prepared.error_count > shown:
            sys.stderr.write(f"error: {path.name}: {prepared.error_count - shown} more problems not listed\n")
        return 1
    print(f"loaded {prepared.rows} rows into {args.table} from {path.name} as version {version} "
          f"({prepared.warning_count} warnings)")
    warn_findings(con)  # the tables reconciled after every load
    return 0


def cmd_versions(args: argparse.Namespace) -> int:
    con = store.connect(existing_db(args.db), read_only=True)
    cli.write_frame(store.history(con), args.format)
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    con = store.connect(existing_db(args.db))
    store.rollback(con, args.version)
    print(f"version {args.version} is now current")
    return 0


def cmd_tables(args: argparse.Namespace) -> int:
    con = store.connect(existing_db(args.db), read_only=True)
    cli.write_frame(store.table_rows(con), args.format)
    return 0
