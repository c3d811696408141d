"""Coverage command: the coverage plan per segment, with a TOTAL row."""

from __future__ import annotations

import argparse

from dashboard import cli, lazy
from dashboard.cli_common import as_of_month, connect_read_only, format_month, month_arg, read_settings_file
from dashboard.coverage.scenario import Scenario, ScenarioError, from_json

model = lazy.module("dashboard.coverage.model")
storage = lazy.module("dashboard.coverage.storage")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("coverage", help="coverage plan: accounts, ARR, CSMs needed and cost per segment, and a TOTAL row",
                       description="One row per segment: segment, motion, accounts, arr, csm_needed, csm_rounded, "
                                   "cost, cost_pct_arr; then a row with segment TOTAL. The scenario file format is "
                                   "documented in docs/coverage-scenario.md.")
    cli.add_db(p)
    source = p.add_mutually_exclusive_group()
    source.add_argument("--scenario", default=None, metavar="FILE",
                        help="scenario JSON file (default: the built-in default scenario)")
    source.add_argument("--saved", default=None, metavar="NAME", help="a scenario saved on the Coverage page")
    p.add_argument("--as-of", default=None, metavar="YYYY-MM",
                   help="month whose paying accounts and ARR are planned (default: the latest complete month with data)")
    cli.add_format(p)
    p.set_defaults(func=cmd_coverage)


def read_scenario(path: str) -> Scenario:
    """A scenario file; any problem is a ScenarioError naming the file."""
    return read_settings_file(path, from_json, ScenarioError, "scenario file")


def cmd_coverage(args: argparse.Namespace) -> int:
    try:
        as_of = month_arg("--as-of", args.as_of)
    except argparse.ArgumentTypeError as exc:
        return cli.fail(exc)
    try:
        scenario = read_scenario(args.scenario) if args.scenario else None
    except ScenarioError as exc:
        return cli.fail(exc)
    con = connect_read_only(args.db)
    try:
        if args.saved:
            try:
                scenario = storage.load(con, args.saved)
            except ScenarioError as exc:
                return cli.fail(f"--saved: {exc}")
        as_of = as_of_month(con, args.db, as_of)
        scenario = scenario or model.default_scenario(con, as_of=as_of)
        plan = model.coverage_plan(con, as_of=as_of, scenario=scenario)
    finally:
        con.close()
    # cents, and headcount to a thousandth of a CSM: enough for a report, free of float noise
    out = plan[model.CLI_COLUMNS].round({"arr": 2, "cost": 2, "csm_needed": 3, "cost_pct_arr": 6})
    cli.write_frame(out, args.format, extra={"as_of": format_month(as_of)})
    return 0
