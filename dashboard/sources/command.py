"""Source commands: ``pull-usage`` (aggregate events in their engine, load the usage of a new version)
and ``sources`` (the saved sources; delete one)."""

from __future__ import annotations

import argparse
import re
from datetime import date

from dashboard import cli, lazy
from dashboard.i18n import Msg

store = lazy.module("dashboard.store")
access = lazy.module("dashboard.access")
ingest = lazy.module("dashboard.ingest")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("pull-usage", help="aggregate product events in their engine (PostgreSQL, Spark, DuckDB, "
                                          "Parquet) and load the result as the usage table of a new version")
    cli.add_db(p)
    p.add_argument("--source", default=None, metavar="NAME", help="a source saved on the Data page (or with --save)")
    p.add_argument("--url", default=None, help="postgres://user@host:5432/db, duckdb://file, a Parquet path or glob, "
                                               "or pyspark (a password is read from CS_DASHBOARD_SOURCE_PASSWORD or "
                                               ".streamlit/secrets.toml, never stored)")
    p.add_argument("--table", default=None, help="the events table (schema.table); not needed for a Parquet URL")
    p.add_argument("--spark-table", default=None, metavar="TABLE",
                   help="with --url pyspark: a Spark catalog table or a Parquet path (same as --table)")
    p.add_argument("--account", default=None, metavar="COLUMN", help="the account id column")
    p.add_argument("--time", default=None, metavar="COLUMN", help="the event time column (months are taken in UTC)")
    p.add_argument("--event", default=None, metavar="COLUMN", help="the event name column")
    p.add_argument("--user", default=None, metavar="COLUMN", help="the user id column (for active_users)")
    p.add_argument("--value", default=None, metavar="COLUMN", help="a numeric value column (for seats)")
    p.add_argument("--map", action="append", default=[], metavar="EVENT=measure",
                   help="count EVENT as measure (repeatable); without it every event name is its own measure")
    p.add_argument("--since", default=None, metavar="YYYY-MM",
                   help="pull months from this one on (earlier months are kept); default: after the last complete "
                        "month already loaded")
    p.add_argument("--full", action="store_true", help="pull every month, keeping nothing")
    p.add_argument("--save", default=None, metavar="NAME", help="also save these settings as a source named NAME")
    p.set_defaults(func=cmd_pull)

    p = sub.add_parser("sources", help="list the saved usage sources (never with a password)")
    cli.add_db(p)
    cli.add_format(p)
    p.add_argument("--delete", default=None, metavar="NAME", help="delete the saved source NAME")
    p.set_defaults(func=cmd_sources)


def _month(text: str | None) -> date | None:
    if text is None:
        return None
    found = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text)
    if not found or not 1 <= int(found.group(2)) <= 12:
        raise ValueError(Msg("sources.bad_since", value=text))
    return date(int(found.group(1)), int(found.group(2)), 1)


def _source(args: argparse.Namespace, con):
    from dashboard.ingest.command import parse_map
    from dashboard.sources import saved
    from dashboard.sources.pull import Columns, Measures, Source

    if args.source and not args.url:
        return saved.get(con, args.source)
    table = args.spark_table or args.table or ""
    if not (args.url and args.account and args.time and args.event):
        raise ValueError(Msg("sources.need_settings"))
    return Source(url=args.url, table=table, name=args.save or args.source or "",
                  columns=Columns(args.account, args.time, args.event, args.user, args.value),
                  measures=Measures.of(parse_map(args.map)))


def cmd_pull(args: argparse.Namespace) -> int:
    lang = cli.LANG["lang"]
    try:
        since = _month(args.since)
    except ValueError as exc:
        return cli.fail(exc)
    con = store.connect(args.db)
    try:
        return _pull(args, con, lang, since)
    finally:
        con.close()  # a failed driver's traceback may outlive this call: the database is not left open


def _pull(args: argparse.Namespace, con, lang: str, since: date | None) -> int:
    from dashboard.sources import saved
    from dashboard.sources.connection import SourceError
    from dashboard.sources.pull import pull_usage

    by = access.local_identity()
    try:
        source = _source(args, con)
        if args.save:
            saved.save(con, source, by=by)
        result = pull_usage(con, source, by=by, since=since, full=args.full)
    except (SourceError, ValueError) as exc:
        return cli.fail(getattr(exc, "msg", exc))
    except ingest.IngestError as exc:
        for problem in exc.problems:
            cli.say(problem.text(lang), problem.severity)
        return 1
    for problem in result.problems:
        cli.say(problem.text(lang), problem.severity)
    engine = source.target().engine
    when = Msg("sources.note_since", month=f"{result.since:%Y-%m}") if result.since else Msg("sources.note_all")
    if result.version is None:
        print(Msg("sources.nothing_new", engine=engine, since=when).to(lang))
        return 0
    print(Msg("sources.pulled", pulled=f"{result.pulled:,}", engine=engine, since=when, kept=f"{result.kept:,}",
              version=result.version).to(lang))
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    from dashboard.sources import saved

    if args.delete:
        con = store.connect(args.db)
        if not saved.delete(con, args.delete, by=access.local_identity()):
            return cli.fail(Msg("sources.unknown", name=args.delete, names=", ".join(saved.listed(con)["name"]) or "-"))
        print(Msg("sources.deleted", name=args.delete).to(cli.LANG["lang"]))
        return 0
    from dashboard.ingest.command import existing_db

    con = store.connect(existing_db(args.db), read_only=True)
    cli.write_frame(saved.listed(con), args.format)
    return 0
