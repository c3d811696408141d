"""Scale-data generator: a large, deterministic dataset written as CSV files.

Default 100k accounts x 36 months with about 10M usage rows. DuckDB does the generating (hash-based
pseudo-random numbers), so 10M rows take seconds, not minutes.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

DEFAULT_DIR = Path(__file__).resolve().parent / "data"


def generate(out: Path = DEFAULT_DIR, *, accounts: int = 100_000, months: int = 36,
             usage_rows: int = 10_000_000, end_month: str = "2026-10-01") -> dict[str, Path]:
    """Write accounts.csv, subscriptions.csv and usage.csv into ``out``; return their paths.

    Every account gets a Core subscription starting in a month spread over the window; about a third
    change plan (a new period the next day), a sixth churn, some add a second product. usage has one
    row per account, month and metric for the first ``usage_rows`` rows of that grid.
    """
    out.mkdir(parents=True, exist_ok=True)
    paths = {name: out / f"{name}.csv" for name in ("accounts", "subscriptions", "usage")}
    con = duckdb.connect(config={"autoinstall_known_extensions": False})
    values = {"n": accounts, "m": months, "end": end_month, "u": usage_rows}

    def run(sql: str) -> None:
        # DuckDB refuses parameters a statement does not use: pass only the ones named in it.
        con.execute(sql, {k: v for k, v in values.items() if f"${k}" in sql})

    # Deterministic pseudo-random integers (hash is unsigned 64-bit; keep them small and signed).
    for n, args in ((1, "a"), (2, "a, b"), (3, "a, b, c")):
        con.execute(f"CREATE TEMP MACRO h{n}({args}) AS CAST(hash({args}) % 1000000007 AS BIGINT)")
    run("""
        CREATE TEMP TABLE acct AS
        SELECT i, lpad(CAST(i AS VARCHAR), 7, '0') AS account_id,
               (h2(i, 'seg') % 10) AS seg_roll,
               CAST($end AS DATE) - INTERVAL (1 + h2(i, 'start') % $m) MONTH AS start_month,
               (h2(i, 'churn') % 6) = 0 AS churns,
               (h2(i, 'plan') % 3) = 0 AS changes_plan,
               (h2(i, 'xsell') % 5) = 0 AS cross_sells
        FROM range($n) r(i)""")
    run(f"""COPY (
        SELECT account_id, 'Company ' || account_id AS account_name,
               CASE WHEN seg_roll = 0 THEN 'Enterprise' WHEN seg_roll < 4 THEN 'Mid-Market' ELSE 'SMB' END AS segment,
               ['Software','Retail','Manufacturing','Healthcare'][1 + h2(i, 'ind') % 4] AS industry,
               ['North America','EMEA','APAC','Japan'][1 + h2(i, 'reg') % 4] AS region,
               'CSM ' || (h2(i, 'csm') % 400) AS csm,
               10 + h2(i, 'emp') % 5000 AS employees,
               CAST(start_month AS DATE) AS signup_date
        FROM acct ORDER BY i) TO '{paths["accounts"]}' (HEADER)""")
    run(f"""COPY (
        WITH periods AS (
            SELECT i, account_id, 'Core' AS product, start_month + INTERVAL (h2(i, 'd') % 27) DAY AS s,
                   CASE WHEN changes_plan THEN start_month + INTERVAL (3 + h2(i, 'p') % 12) MONTH END AS e,
                   100 + h2(i, 'mrr') % 4900 AS mrr
            FROM acct
            UNION ALL
            SELECT i, account_id, 'Core', start_month + INTERVAL (3 + h2(i, 'p') % 12) MONTH + INTERVAL 1 DAY,
                   CASE WHEN churns THEN start_month + INTERVAL (16 + h2(i, 'c') % 12) MONTH END,
                   100 + h2(i, 'mrr2') % 4900
            FROM acct WHERE changes_plan
            UNION ALL
            SELECT i, account_id, 'Analytics', start_month + INTERVAL (2 + h2(i, 'x') % 10) MONTH, NULL,
                   50 + h2(i, 'xm') % 900
            FROM acct WHERE cross_sells
        )
        SELECT account_id, strftime(CAST(s AS DATE), '%Y-%m-%d') AS start_date, mrr,
               'S' || row_number() OVER (ORDER BY i, s) AS subscription_id, product,
               strftime(CAST(e AS DATE), '%Y/%m/%d') AS end_date
        FROM periods WHERE s <= CAST($end AS DATE) + INTERVAL 1 MONTH - INTERVAL 1 DAY
        ORDER BY i, s) TO '{paths["subscriptions"]}' (HEADER)""")
    # row j of the account x month x metric grid in (account, month, metric) order, made from j itself:
    # no sort of the whole grid to take its first rows (metrics in name order)
    run(f"""COPY (
        WITH grid AS (
            SELECT j // ($m * 3) AS i, (j // 3) % $m AS k,
                   ['active_users', 'logins', 'seats'][1 + j % 3] AS metric
            FROM range(least($u, $n * $m * 3)) r(j)
        )
        SELECT a.account_id, CAST(CAST($end AS DATE) - INTERVAL (k) MONTH AS DATE) AS month, metric,
               CASE metric WHEN 'seats' THEN 5 + h1(g.i) % 200
                           WHEN 'active_users' THEN h2(g.i, k) % (5 + h1(g.i) % 200)
                           ELSE h3(g.i, k, 'l') % 3000 END AS value
        FROM grid g JOIN acct a ON a.i = g.i
        ORDER BY g.i, k, metric) TO '{paths["usage"]}' (HEADER)""")
    con.close()
    return paths
