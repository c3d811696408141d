"""``python -m bench all``: every benchmark in one run, at one size, and issue 14's table from its results.

Each benchmark gets the options of this run that it takes (``--accounts``, ``--months``, ``--usage-rows``,
``--repeat``, ``--db``); the browser benchmark runs only with ``--db`` (it needs a loaded book) and writes
``browser_<size>``. After the run, every row of issue 14's table is read back from the result files this
run wrote, beside its target, printed and written to ``results/summary[_<size>].json``: a row whose
benchmark did not run (skipped, failed, or the browser without ``--db``) says so instead of showing an
older figure, and ``every_target_holds`` is over the rows that ran.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import RESULTS, sized

ROOT = Path(__file__).resolve().parent.parent
FORWARDED = ("accounts", "months", "usage_rows", "repeat", "db")
SCALE = ("accounts", "months", "usage_rows")


@dataclass(frozen=True)
class Row:
    what: str
    bench: str  # the benchmark's result name before sizing (``sized`` adds the size)
    figure: str
    target: float
    at_most: bool = True  # False: the figure must be at least the target
    sample_only: bool = False  # a target of the sample company: a run serving --db reports the figure only


ROWS = (
    Row("NRR page, first view after a load, vs a bare movements query", "revenue", "first_view_vs_bare_movements_ratio", 1.5),
    Row("NRR page view, every engine call (s)", "revenue", "page_view_queries_s", 0.3),
    Row("one window bridge vs the bare bridge from subscriptions", "revenue", "bridge_vs_bare_duckdb_ratio", 1.0),
    Row("`nrr --by segment` as a process vs a bare process", "revenue", "cli_vs_bare_process_ratio", 2.0),
    Row("app's peak memory, NRR (MB)", "revenue", "app_peak_rss_mb", 8192),
    Row("health measures build vs a bare pivot of the usage", "health", "build_vs_bare_pivot", 3.0),
    Row("health slider move (ms)", "health", "slider_move_ms", 50.0),
    Row("Health page rerun in AppTest (s)", "health", "apptest_rerun_s", 0.15),
    Row("peak memory, health run (MB)", "health", "peak_rss_mb", 8192),
    Row("ingest of the usage CSV vs a bare read_csv", "ingest", "ratio", 1.2),
    Row("cohort page view (s)", "cohorts", "page_view_s", 0.15),
    Row("`python -m dashboard --help` (s)", "cli_start", "help_s", 0.3),
    Row("warm NRR render, server CPU (s)", "load", "warm_render_server_cpu_s", 0.1),
    Row("50 sessions opening the NRR page, all served (s)", "load", "sessions_50_max_s", 5.0, sample_only=True),
    Row("every control of every page in Chromium, slowest median (s)", "browser", "max_median_s", 1.0),
)


def register(sub) -> None:
    p = sub.add_parser("all", help="every benchmark at one size, then issue 14's table with its targets")
    p.add_argument("--accounts", type=int, default=100_000)
    p.add_argument("--months", type=int, default=36)
    p.add_argument("--usage-rows", type=int, default=10_000_000)
    p.add_argument("--repeat", type=int, default=None, help="each benchmark's own default when not given")
    p.add_argument("--db", default=None, help="the book's database, kept for the next run; the load and browser "
                                              "benchmarks serve it (without it: the sample company, no browser run)")
    p.add_argument("--skip", nargs="+", default=[], help="benchmarks left out (e.g. pull-usage)")
    p.set_defaults(func=None)


def run(args, commands: dict) -> int:
    """Run every command of ``commands`` (name -> subparser) but ``args.skip``, then the summary."""
    started = time.time()
    failed = []
    for name, parser in commands.items():
        if name == "all" or name in args.skip or (name == "browser" and args.db is None):
            continue
        argv = _argv(args, parser)
        if name == "browser":
            argv += ["--out", sized("browser", args)]
        print(f"== {name} {' '.join(argv)}", flush=True)
        # each in its own process: one benchmark's app connection (AppTest opens the book) would keep the
        # database file locked for the next one's server, and its memory would count in the next's peak
        code = subprocess.run([sys.executable, "-m", "bench", name, *argv], cwd=ROOT).returncode
        if code != 0:  # one benchmark's failure leaves the others to run; the summary says so
            print(f"!! {name} failed with exit code {code}", flush=True)
            failed.append(name)
    result = summary(args, started, failed)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{sized('summary', args)}.json").write_text(json.dumps(result, indent=1) + "\n")
    print(f"\n== issue 14's table, {args.accounts:,} accounts, {args.usage_rows:,} usage rows")
    for row in result["rows"]:
        state = {True: "holds", False: "MISSES", None: "not run" if row["figure"] is None else "no target"}[row["holds"]]
        figure = "-" if row["figure"] is None else f"{row['figure']:.4g}"
        print(f"{state:8} {row['what']}: {figure} (target {row['comparison']} {row['target']:g}; {row['file']}.json)")
    print(f"every target of the rows that ran holds: {result['every_target_holds']}; rows not run: {len(result['not_run'])}")
    return 1 if failed else 0


def summary(args, started: float, failed: list[str]) -> dict:
    """Issue 14's rows from the result files this run wrote (those older than ``started`` count as not run)."""
    rows, holds, not_run = [], True, []
    for row in ROWS:
        name = _result_name(row.bench, args)
        path = RESULTS / f"{name}.json"
        value, target = None, row.target
        if path.exists() and path.stat().st_mtime >= started:
            result = json.loads(path.read_text())
            # a benchmark that states its own target at this size (the load's render: 0.3 s at 1M) keeps it
            value, target = result.get(row.figure), result.get(f"target_{row.figure}", row.target)
        ok = None if value is None else (value <= target if row.at_most else value >= target)
        if row.sample_only and args.db is not None:
            ok = None  # 50 renders of 0.3 s (the 1M target) are 15 s of one process: the room's target is the sample's
        elif ok is None:
            not_run.append(row.what)
        holds = holds and ok is not False
        rows.append({"what": row.what, "file": name, "figure": value, "target": target,
                     "comparison": "<=" if row.at_most else ">=", "holds": ok})
    return {"accounts": args.accounts, "usage_rows": args.usage_rows, "db": args.db, "failed": failed,
            "every_target_holds": holds, "not_run": not_run, "rows": rows}


def _result_name(bench: str, args) -> str:
    if bench == "load":  # the sample company, or the served book's own file
        return "load" if args.db is None else f"load_{Path(args.db).stem}"
    if bench == "cli_start":  # one size only
        return bench
    return sized(bench, args)


def _argv(args, parser) -> list[str]:
    """This run's options that ``parser`` takes, as command-line words."""
    known = {action.dest for action in parser._actions}
    scaled = "usage_rows" in known  # a benchmark on the scale book (pull-usage has accounts of its own)
    argv = []
    for dest in FORWARDED:
        value = getattr(args, dest, None)
        if value is not None and dest in known and (scaled or dest not in SCALE):
            argv += [f"--{dest.replace('_', '-')}", str(value)]
    return argv
