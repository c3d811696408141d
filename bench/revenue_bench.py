"""Revenue benchmark: the queries behind one NRR page view on the scale data set, in the same run as

- bare DuckDB: the shortest hand-written SQL for the monthly movements and for the trailing-12-month
  bridge, straight from subscriptions (no materialised grid);
- pandas: a straightforward implementation (expand subscriptions to account-months, pivot, compare
  with the previous month) of the same movements and the trailing-12-month bridge.

The derived tables are built when a version is committed (:mod:`dashboard.prepare`, inside the load):
that one-off cost is reported as ``prepare_at_load_s`` (with each step) and against the bare movements
query; ``first_view_after_load_s`` is the first page view after the load, which builds nothing. Targets: page-view queries <= 300 ms; engine >= 2x
faster than pandas; the peak resident memory of the app's own work (``app_peak_rss_mb``, read before
the pandas baseline, which holds the whole book as frames) <= 8 GB. Each page-view call is also timed on its own (``call_*_s``) so a miss of the
target points at the query to work on.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from bench.common import add_scale_args, best_of, peak_rss_mb, report, scale_data, sized
from dashboard import ingest, store, windows
from dashboard import prepare as preparation
from dashboard.access import local_identity
from dashboard.revenue import metrics as revenue

BARE_MOVEMENTS = """
WITH months AS (SELECT CAST(m AS DATE) AS month FROM range(DATE '{first}', DATE '{as_of}' + INTERVAL 1 MONTH,
                                                               INTERVAL 1 MONTH) t(m)),
am AS (SELECT s.account_id, months.month, sum(s.mrr) AS mrr FROM subscriptions s JOIN months
       ON s.start_date <= last_day(months.month) AND (s.end_date IS NULL OR s.end_date >= last_day(months.month))
       GROUP BY ALL),
ids AS (SELECT DISTINCT account_id FROM am),
grid AS (SELECT ids.account_id, months.month, coalesce(am.mrr, 0) AS mrr FROM ids CROSS JOIN months
         LEFT JOIN am USING (account_id, month)),
lagged AS (SELECT month, mrr, coalesce(lag(mrr) OVER w, 0) AS p,
                  coalesce(max(mrr) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
           FROM grid WINDOW w AS (PARTITION BY account_id ORDER BY month))
SELECT month, sum(p) AS starting, sum(mrr) FILTER (WHERE p = 0 AND mrr > 0 AND before = 0) AS new,
       sum(mrr) FILTER (WHERE p = 0 AND mrr > 0 AND before > 0) AS reactivation,
       sum(mrr - p) FILTER (WHERE p > 0 AND mrr > p) AS expansion,
       sum(p - mrr) FILTER (WHERE p > 0 AND mrr > 0 AND mrr < p) AS contraction,
       sum(p) FILTER (WHERE p > 0 AND mrr = 0) AS churn, sum(mrr) AS ending
FROM lagged GROUP BY month ORDER BY month
"""


# The window bridge straight from subscriptions: each account's MRR on the last day of S and of E.
BARE_BRIDGE = """
WITH ends AS (SELECT last_day(DATE '{start}') AS s_day, last_day(DATE '{end}') AS e_day),
acct AS (SELECT account_id,
                sum(mrr) FILTER (WHERE start_date <= s_day AND (end_date IS NULL OR end_date >= s_day)) AS s,
                sum(mrr) FILTER (WHERE start_date <= e_day AND (end_date IS NULL OR end_date >= e_day)) AS e
         FROM subscriptions, ends GROUP BY account_id),
c AS (SELECT coalesce(s, 0) AS s, coalesce(e, 0) AS e FROM acct)
SELECT sum(s) AS starting, sum(e - s) FILTER (WHERE s > 0 AND e > s) AS expansion,
       sum(s - e) FILTER (WHERE s > 0 AND e > 0 AND e < s) AS contraction, sum(s) FILTER (WHERE s > 0 AND e = 0) AS churn,
       sum(e) FILTER (WHERE s > 0) / sum(s) AS nrr, sum(least(s, e)) FILTER (WHERE s > 0) / sum(s) AS grr,
       sum(e) AS ending
FROM c
"""


# The same bridge split by segment as a whole process: a bare interpreter with DuckDB, straight from
# subscriptions and accounts (argv: database file, version schema, start month, end month).
BARE_PROCESS = (
    "import sys, duckdb\n"
    "con = duckdb.connect(sys.argv[1], read_only=True)\n"
    "con.execute(f\"SET search_path = '{sys.argv[2]}'\")\n"
    "con.execute(sys.argv[5], {'s': sys.argv[3] + '-01', 'e': sys.argv[4] + '-01'}).fetchall()\n"
)
BARE_BRIDGE_BY_SEGMENT = """
WITH ends AS (SELECT last_day(CAST($s AS DATE)) AS s_day, last_day(CAST($e AS DATE)) AS e_day),
acct AS (SELECT account_id,
                sum(mrr) FILTER (WHERE start_date <= s_day AND (end_date IS NULL OR end_date >= s_day)) AS s,
                sum(mrr) FILTER (WHERE start_date <= e_day AND (end_date IS NULL OR end_date >= e_day)) AS e
         FROM subscriptions, ends GROUP BY account_id),
c AS (SELECT coalesce(a.segment, '(none)') AS grp, coalesce(s, 0) AS s, coalesce(e, 0) AS e
      FROM acct LEFT JOIN accounts a USING (account_id))
SELECT grp, sum(s) AS starting, sum(e) FILTER (WHERE s > 0) / sum(s) AS nrr FROM c GROUP BY grp
"""


def _process(*argv: str) -> None:
    subprocess.run([sys.executable, *argv], check=True, stdout=subprocess.DEVNULL)


def register(sub) -> None:
    p = sub.add_parser("revenue", help="NRR page-view queries vs bare DuckDB movements and a pandas implementation")
    add_scale_args(p)
    p.set_defaults(func=run, usage_rows=1_000)


def page_view_calls(as_of) -> dict[str, tuple]:
    """Every engine call one NRR page view makes (trailing 12 months: tiles and bridge for the window
    and the previous window, the segment splits behind the finding, the churn drill-down, the trend)."""
    window = windows.window("trailing_12", as_of)
    prev = window.previous()
    return {
        "default_as_of": (revenue.default_as_of, {}),
        "monthly_movements": (revenue.monthly_movements, {"as_of": as_of}),
        "nrr_bridge": (revenue.nrr_bridge, {"start": window.start, "end": window.end}),
        "nrr_bridge_previous": (revenue.nrr_bridge, {"start": prev.start, "end": prev.end}),
        "nrr_bridge_by_segment": (revenue.nrr_bridge, {"start": window.start, "end": window.end, "by": "segment"}),
        "nrr_bridge_previous_by_segment": (revenue.nrr_bridge, {"start": prev.start, "end": prev.end,
                                                                "by": "segment"}),
        "bridge_accounts_churn": (revenue.bridge_accounts, {"start": window.start, "end": window.end,
                                                            "category": "churn"}),
        "nrr_trend": (revenue.nrr_trend, {"as_of": as_of, "months": 12}),
    }


def page_view(con, as_of) -> None:
    for fn, kwargs in page_view_calls(as_of).values():
        fn(con, **kwargs)


def pandas_engine(subs: pd.DataFrame, first, as_of) -> pd.DataFrame:
    """Account x month MRR matrix, monthly movements and the trailing-12-month bridge in pandas."""
    months = pd.date_range(pd.Timestamp(first), pd.Timestamp(as_of), freq="MS")
    ends = months + pd.offsets.MonthEnd(0)
    rows = []
    start = subs["start_date"].to_numpy("datetime64[ns]")
    end = subs["end_date"].fillna(pd.Timestamp.max).to_numpy("datetime64[ns]")
    for month, last in zip(months, ends.to_numpy("datetime64[ns]")):
        live = subs.loc[(start <= last) & (end >= last), ["account_id", "mrr"]]
        rows.append(live.groupby("account_id")["mrr"].sum().rename(month))
    matrix = pd.concat(rows, axis=1).fillna(0.0)
    prev = matrix.shift(1, axis=1).fillna(0.0)
    paid_before = (prev.cummax(axis=1) > 0)
    out = pd.DataFrame({
        "new": (matrix.where((prev == 0) & (matrix > 0) & ~paid_before, 0)).sum(),
        "expansion": (matrix - prev).where((prev > 0) & (matrix > prev), 0).sum(),
        "churn": prev.where((prev > 0) & (matrix == 0), 0).sum(),
    })
    s, e = matrix.iloc[:, -13], matrix.iloc[:, -1]
    cohort = s > 0
    out.attrs["nrr"] = e[cohort].sum() / s[cohort].sum()
    out.attrs["grr"] = np.minimum(e[cohort], s[cohort]).sum() / s[cohort].sum()
    return out


def run(args) -> int:
    paths = scale_data(args.accounts, args.months, args.usage_rows)
    with tempfile.TemporaryDirectory() as tmp:
        con = store.connect(Path(tmp) / "bench.duckdb")
        steps: dict[str, float] = {}
        real = preparation.prepare

        def timed(*args, **kwargs):  # the load's own preparation, its steps kept for the report
            seconds = real(*args, **kwargs)
            steps.update(seconds)
            return seconds

        preparation.prepare = timed
        try:
            for table in ("accounts", "subscriptions"):
                start = time.perf_counter()
                _, version = ingest.ingest_file(con, paths[table], table, by=local_identity())
                load_s = time.perf_counter() - start
                assert version is not None, f"{table} did not load"
        finally:
            preparation.prepare = real
        as_of = revenue.default_as_of(con)
        start = time.perf_counter()
        page_view(con, as_of)  # the first view after the load: everything it reads was built by the load
        first_view_s = time.perf_counter() - start
        view_s = best_of(lambda: page_view(con, as_of), args.repeat)
        first = revenue.monthly_movements(con, as_of=as_of)["month"].iloc[0]
        bare_sql = BARE_MOVEMENTS.format(first=first.isoformat(), as_of=as_of.isoformat())
        bare_s = best_of(lambda: store.query(con, bare_sql), args.repeat)
        movements_s = best_of(lambda: revenue.monthly_movements(con, as_of=as_of), args.repeat)
        calls_s = {f"call_{name}_s": best_of(lambda fn=fn, kw=kw: fn(con, **kw), args.repeat)
                   for name, (fn, kw) in page_view_calls(as_of).items()}
        window = windows.window("trailing_12", as_of)
        bare_bridge_sql = BARE_BRIDGE.format(start=window.start.isoformat(), end=window.end.isoformat())
        bare_bridge_s = best_of(lambda: store.query(con, bare_bridge_sql), args.repeat)
        bridge_s = calls_s["call_nrr_bridge_s"]
        bare_row = store.query(con, bare_bridge_sql).iloc[0]
        app_rss_mb = peak_rss_mb()  # the app's own work (load, preparation, page views): before the pandas baseline
        subs = store.query(con, "SELECT account_id, start_date, end_date, mrr FROM subscriptions")
        pandas_s = best_of(lambda: pandas_engine(subs, first, as_of), max(1, args.repeat // 2))
        check = pandas_engine(subs, first, as_of)
        engine_row = revenue.nrr_bridge(con, start=window.start, end=window.end).iloc[0]
        assert abs(check.attrs["nrr"] - engine_row["nrr"]) < 1e-9, "pandas and the engine disagree on NRR"
        assert abs(float(bare_row["nrr"]) - engine_row["nrr"]) < 1e-9, "bare SQL and the engine disagree on NRR"
        schema_name = store.schema_name(store.current_version(con))
        con.close()
        # the command line's first call after the load, as a whole process, against a bare one
        months = (f"{window.start:%Y-%m}", f"{window.end:%Y-%m}")
        db = str(Path(tmp) / "bench.duckdb")
        cli_s = best_of(lambda: _process("-m", "dashboard", "nrr", "--db", db, "--start", months[0], "--end", months[1],
                                         "--by", "segment"), args.repeat)
        bare_cli_s = best_of(lambda: _process("-c", BARE_PROCESS, db, schema_name, *months, BARE_BRIDGE_BY_SEGMENT),
                             args.repeat)
    report(sized("revenue", args), {
        "accounts": args.accounts, "months": args.months,
        "subscriptions_load_with_prepare_s": load_s, "prepare_at_load_s": sum(steps.values()),
        **{f"prepare_{name.split('.')[-1]}_s": s for name, s in steps.items()},
        "prepare_vs_bare_movements_ratio": sum(steps.values()) / bare_s,
        "first_view_after_load_s": first_view_s, "first_view_vs_bare_movements_ratio": first_view_s / bare_s,
        "target_first_view_vs_bare": 1.5,
        "page_view_queries_s": view_s, "target_page_view_s": 0.3,
        "engine_movements_s": movements_s, "bare_duckdb_movements_s": bare_s,
        "pandas_movements_and_bridge_s": pandas_s,
        "engine_vs_pandas_speedup": pandas_s / view_s, "target_speedup": 2.0,
        "movements_vs_bare_duckdb_ratio": movements_s / bare_s,
        "engine_nrr_bridge_s": bridge_s, "bare_duckdb_bridge_s": bare_bridge_s,
        "bridge_vs_bare_duckdb_ratio": bridge_s / bare_bridge_s,
        "movements_plus_bridge_vs_bare_ratio": (movements_s + bridge_s) / (bare_s + bare_bridge_s),
        **calls_s,
        "cli_nrr_by_segment_process_s": cli_s, "bare_process_bridge_by_segment_s": bare_cli_s,
        "cli_vs_bare_process_ratio": cli_s / bare_cli_s, "target_cli_vs_bare_process": 2.0,
        "app_peak_rss_mb": app_rss_mb, "target_peak_rss_mb": 8192,
        "peak_rss_with_pandas_baseline_mb": peak_rss_mb(),
    })
    return 0
