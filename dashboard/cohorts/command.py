"""Cohort command: the cohort retention triangle (logo, net or gross revenue retention)."""

from __future__ import annotations

import argparse

from dashboard import cli, lazy
from dashboard.cli_common import format_month, read_as_of
from dashboard.cohorts import GRAINS, METRICS

cohorts = lazy.module("dashboard.cohorts.metrics")
def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("cohorts", help="cohort retention by first paid month (or quarter) and age")
    cli.add_db(p)
    p.add_argument("--metric", required=True, choices=METRICS,
                   help="logo: share of accounts still paying; net: MRR now / MRR at age 0; "
                        "gross: the same with each account capped at its age-0 MRR")
    p.add_argument("--grain", default="month", choices=GRAINS,
                   help="cohort by first paid month (ages in months) or quarter (ages in quarters)")
    p.add_argument("--as-of", default=None, metavar="YYYY-MM",
                   help="last observed month (default: the latest complete month with revenue data)")
    cli.add_format(p)
    p.set_defaults(func=cmd_cohorts)


def cmd_cohorts(args: argparse.Namespace) -> int:
    with read_as_of(args) as (con, as_of):
        frame = cohorts.cohort_retention(con, metric=args.metric, grain=args.grain, as_of=as_of)
    cli.write_frame(frame, args.format, extra={"metric": args.metric, "grain": args.grain,
                                               "as_of": format_month(as_of)})
    return 0
