"""Revenue commands: monthly MRR movements and the NRR / GRR bridge."""

from __future__ import annotations

import argparse

from dashboard import cli, lazy
from dashboard.cli_common import as_of_month, connect_read_only, format_month, month_arg, read_as_of, report_months
from dashboard.i18n import Msg
from dashboard.revenue import BRIDGE_BY

revenue = lazy.module("dashboard.revenue.metrics")
def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("movements", help="monthly MRR movements: new, reactivation, expansion, contraction, churn")
    cli.add_db(p)
    p.add_argument("--as-of", default=None, metavar="YYYY-MM",
                   help="last month to show (default: the latest month the data speaks of; any month up to the last complete calendar month)")
    cli.add_format(p)
    p.set_defaults(func=cmd_movements)

    p = sub.add_parser("nrr", help="NRR / GRR bridge of a window: expansion, contraction, churn, new, reactivation")
    cli.add_db(p)
    p.add_argument("--start", required=True, metavar="YYYY-MM", help="first month of the window (the cohort)")
    p.add_argument("--end", required=True, metavar="YYYY-MM", help="last month of the window")
    p.add_argument("--by", default=None, choices=BRIDGE_BY, help="one row per group of this split")
    p.add_argument("--as-of", default=None, metavar="YYYY-MM",
                   help="latest month the window may end in (default: the last complete calendar month)")
    cli.add_format(p)
    p.set_defaults(func=cmd_nrr)


def cmd_movements(args: argparse.Namespace) -> int:
    with read_as_of(args) as (con, as_of):
        frame = revenue.monthly_movements(con, as_of=as_of)
    frame["month"] = frame["month"].map(format_month)
    cli.write_frame(frame, args.format)
    return 0


def cmd_nrr(args: argparse.Namespace) -> int:
    try:
        start = month_arg("--start", args.start)
        end = month_arg("--end", args.end)
        as_of = month_arg("--as-of", args.as_of)
    except argparse.ArgumentTypeError as exc:
        return cli.fail(exc)
    if start >= end:
        return cli.fail(Msg("cli.start_before_end", start=format_month(start), end=format_month(end)))
    con = connect_read_only(args.db)
    try:
        limit = as_of_month(con, args.db, as_of) if as_of else report_months(con, args.db)[1]
        if end > limit:
            return cli.fail(Msg("cli.after_as_of" if as_of else "cli.after_cap", flag="--end", given=format_month(end),
                                cap=format_month(limit)))
        columns, rows = revenue.nrr_bridge_rows(con, start=start, end=end, by=args.by)
    finally:
        con.close()
    cli.write_rows(columns, rows, args.format)
    return 0

