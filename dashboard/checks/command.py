"""Check command: the current version's tables reconciled with each other (dashboard.checks)."""

from __future__ import annotations

import argparse
import sys

from dashboard import cli, lazy, settings
from dashboard.cli_common import connect_read_only

checks = lazy.module("dashboard.checks")
duckdb = lazy.module("duckdb")
store = lazy.module("dashboard.store")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="reconcile the tables with each other: one row per finding "
                                     "(kind, severity, count, finding, example, action); a header only when all is well")
    cli.add_db(p)
    p.add_argument("--currency", default=settings.default("currency"), choices=tuple(settings.CURRENCIES),
                   help="the display currency the amounts are compared with (default %(default)s)")
    cli.add_format(p)
    p.set_defaults(func=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    con = connect_read_only(args.db)
    try:
        frame = checks.findings(con, currency=args.currency, lang=cli.LANG["lang"])
    finally:
        con.close()
    cli.write_frame(frame, args.format)
    return 0  # findings are warnings, not errors


def warn_findings(con, *, currency: str | None = None) -> None:
    """After a load: each finding of the new current version as one ``warning:`` line on standard
    error. A check that cannot run never undoes or fails the load; it says so instead."""
    try:
        frame = checks.findings(con, currency=currency or settings.default("currency"))
    except (store.StoreError, duckdb.Error) as exc:
        sys.stderr.write(f"warning: the data checks could not run: {exc}\n")
        return
    for row in frame.itertuples(index=False):
        sys.stderr.write(f"warning: check {row.kind}: {row.count:,} x {row.finding} (e.g. {row.example}): "
                         f"{row.action}\n")
    if not frame.empty:
        sys.stderr.write("warning: see `python -m dashboard check` for the findings as a table\n")
