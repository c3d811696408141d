"""Check command: the current version's tables reconciled with each other (dashboard.checks)."""

from __future__ import annotations

import argparse

from dashboard import checks, cli, settings
from dashboard.commands.common import connect_read_only
from dashboard.i18n import LANGUAGES


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="reconcile the tables with each other: one row per finding "
                                     "(kind, severity, count, finding, example, action); a header only when all is well")
    cli.add_db(p)
    p.add_argument("--currency", default=settings.default("currency"), choices=tuple(settings.CURRENCIES),
                   help="the display currency the amounts are compared with (default %(default)s)")
    p.add_argument("--lang", default="en", choices=tuple(LANGUAGES), help="language of the texts (default en)")
    cli.add_format(p)
    p.set_defaults(func=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    con = connect_read_only(args.db)
    try:
        frame = checks.findings(con, currency=args.currency, lang=args.lang)
    finally:
        con.close()
    cli.write_frame(frame, args.format)
    return 0  # findings are warnings, not errors
