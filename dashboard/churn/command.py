"""Churn command: churned ARR and logos of a window by reason, segment or competitor."""

from __future__ import annotations

import argparse

from dashboard import cli, lazy
from dashboard.cli_common import connect_read_only, format_month, month_arg, report_months
from dashboard.i18n import Msg

summary = lazy.module("dashboard.churn.summary")

CLI_BY = ("reason", "segment", "competitor")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("churn", help="churned ARR and logos of a window by primary reason, segment or competitor")
    cli.add_db(p)
    p.add_argument("--start", required=True, metavar="YYYY-MM",
                   help="start of the window (as for `nrr`): churn months after this month are counted")
    p.add_argument("--end", required=True, metavar="YYYY-MM", help="last churn month counted")
    p.add_argument("--by", default="reason", choices=CLI_BY,
                   help="group by primary reason (default), segment or competitor; churn no churn_reasons "
                        "row explains is the (unrecorded) row")
    cli.add_format(p)
    p.set_defaults(func=cmd_churn)


def cmd_churn(args: argparse.Namespace) -> int:
    try:
        start = month_arg("--start", args.start)
        end = month_arg("--end", args.end)
    except argparse.ArgumentTypeError as exc:
        return cli.fail(exc)
    if start >= end:
        return cli.fail(Msg("cli.start_before_end", start=format_month(start), end=format_month(end)))
    con = connect_read_only(args.db)
    try:
        default, cap = report_months(con, args.db)
        if end > cap:
            return cli.fail(Msg("cli.after_cap", flag="--end", given=format_month(end), cap=format_month(cap)))
        as_of = max(default, end)
        frame = summary.churn_by(con, as_of=as_of, start=start, end=end, by=args.by)
    finally:
        con.close()
    cli.write_frame(frame, args.format)
    return 0
