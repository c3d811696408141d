"""Data commands: sample, ingest, versions, rollback, tables."""

from __future__ import annotations

import argparse
from pathlib import Path

from dashboard import cli, lazy, schema
from dashboard.checks.command import warn_findings
from dashboard.i18n import Msg

ingest = lazy.module("dashboard.ingest")
loading = lazy.module("dashboard.loading")
store = lazy.module("dashboard.store")
preparation = lazy.module("dashboard.prepare")
access = lazy.module("dashboard.access")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sample", help="load the built-in sample company as a new version")
    cli.add_db(p)
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("ingest", help="validate a CSV/TSV/Excel/Parquet file and load it as a new version")
    cli.add_db(p)
    p.add_argument("--table", required=True, choices=list(schema.TABLES), help="canonical table to fill")
    p.add_argument("--map", action="append", default=[], metavar="SOURCE=CANONICAL",
                   help="map a file column onto a canonical column (repeatable); others are suggested")
    p.add_argument("--sheet", default=None, help="Excel sheet name (default: the first whose name suggests the table, else the first)")
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

    p = sub.add_parser("publish", help="publish a read-only copy of the database for reader app processes")
    cli.add_db(p)
    p.add_argument("--to", required=True, metavar="FOLDER",
                   help="the folder reader processes serve from (their CS_DASHBOARD_REPLICA)")
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser("tables", help="tables of the current version with row counts")
    cli.add_db(p)
    cli.add_format(p)
    p.set_defaults(func=cmd_tables)


def existing_db(path: str | None) -> Path:
    """The database path for a read command; a missing file is an error, not a new database."""
    target = store.db_path(path)
    if not target.exists():
        raise store.StoreError(Msg("cli.no_database", target=str(target)))
    return target


def cmd_sample(args: argparse.Namespace) -> int:
    con = store.connect(args.db)
    version = loading.load_sample(con, by=access.local_identity())
    print(Msg("cli.sample_loaded", version=version).to(cli.LANG["lang"]))
    return 0


def parse_map(items: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for item in items:
        source, sep, canonical = item.partition("=")
        if not sep or not source.strip() or not canonical.strip():
            raise ValueError(Msg("cli.bad_map", item=repr(item)))
        mapping[source.strip()] = canonical.strip()
    return mapping


def cmd_ingest(args: argparse.Namespace) -> int:
    try:
        mapping = parse_map(args.map)
    except ValueError as exc:
        return cli.fail(exc)
    path = Path(args.file)
    if not path.is_file():
        what = "cli.is_dir" if path.is_dir() else "cli.not_regular" if path.exists() else "cli.no_file"
        return cli.fail(Msg(what, file=args.file))
    con = store.connect(args.db)
    try:
        prepared, version = ingest.ingest_file(con, path, args.table, by=access.local_identity(), mapping=mapping or None,
                                               sheet=args.sheet)
    except ingest.IngestError as exc:
        for problem in exc.problems:
            cli.say(problem.text(cli.LANG["lang"]), problem.severity)
        return 1
    for problem in prepared.problems:
        cli.say(problem.text(cli.LANG["lang"]), problem.severity)
    if version is None:
        shown = sum(p.severity == "error" for p in prepared.problems)
        if prepared.error_count > shown:
            cli.say(Msg("cli.more_problems", file=path.name, count=f"{prepared.error_count - shown:,}"), "error")
        return 1
    print(Msg("cli.loaded", rows=prepared.rows, table=args.table, file=path.name, version=version,
              warnings=prepared.warning_count).to(cli.LANG["lang"]))
    warn_findings(con)  # the tables reconciled after every load
    return 0


def cmd_versions(args: argparse.Namespace) -> int:
    con = store.connect(existing_db(args.db), read_only=True)
    cli.write_frame(store.history(con), args.format)
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    con = store.connect(existing_db(args.db))
    store.rollback(con, args.version, by=access.local_identity())
    preparation.prepare(con)
    print(Msg("cli.now_current", version=args.version).to(cli.LANG["lang"]))
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from pathlib import Path

    from dashboard import replica

    con = store.connect(existing_db(args.db))
    try:
        copy = replica.publish(con, Path(args.to))
    finally:
        con.close()
    print(Msg("cli.published", path=str(copy)).to(cli.LANG["lang"]))
    return 0


def cmd_tables(args: argparse.Namespace) -> int:
    con = store.connect(existing_db(args.db), read_only=True)
    cli.write_frame(store.table_rows(con), args.format)
    return 0
