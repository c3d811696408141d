"""Cohort retention: logo, net and gross revenue retention by cohort (first paid month or quarter) and age.

Definitions are PRODUCT.md's "Cohort retention" and issue 4. An account's cohort is its first month
with MRR > 0 (or that month's quarter); its age k is k months (or 3k months) after that month, so age
0 is always 100% for logo and net retention. A cell exists only when every account of the cohort has
reached the age by the as-of month: cells in the future are absent, never 0.

The SQL is dashboard/cohorts/sql/ (cohort_*.sql and time_to_value_*.sql), built on the revenue engine's dense
account-month grid, so it reads subscriptions or mrr_monthly alike. Once per dataset version and
as-of month (:func:`dashboard.revenue.metrics.derived_query`) the grid is condensed into one row per
account (cohort_accounts.sql) and small cubes (cohort_cube.sql; time_to_value_levels.sql and
time_to_value_cube.sql); a page view then only sums cube rows. cohort_retention.sql,
time_to_value_accounts.sql and time_to_value_curves.sql state the definitions on the grid itself and
answer what the cubes cannot: a CSM filter (hundreds of values) and thresholds off the 5% grid.
Filters (segments, CSMs, regions, first products) are tuples of values and stay in SQL; an empty
tuple keeps everyone, and "(none)" matches an empty value.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from dashboard import store
from dashboard.cohorts import GRAINS, METRICS
from dashboard.revenue import metrics as revenue

STEPS = {"month": 1, "quarter": 3}
COLUMNS = ["cohort", "age", "cohort_accounts", "cohort_mrr", "accounts", "mrr", "retention"]
AVERAGE_COLUMNS = ["age", "cohorts", "cohort_accounts", "cohort_mrr", "accounts", "mrr", "retention"]
MEMBER_COLUMNS = ["account_id", "account_name", "segment", "csm", "region", "first_product", "first_month",
                  "start_mrr", "mrr", "active"]
FILTER_DIMENSIONS = ("segment", "csm", "region", "first_product")
FILTER_COLUMNS = ["dimension", "value", "accounts"]
VALUE_GROUPS = ("0-1", "2-3", "4+", "never")
TTV_ACCOUNT_COLUMNS = ["account_id", "account_name", "segment", "first_month", "start_mrr", "months_to_value",
                       "value_group", "mrr"]
TTV_CURVE_COLUMNS = ["value_group", "age", "accounts", "active_accounts", "start_mrr", "mrr", "net_retention"]
TTV_METRICS = ("active_users", "seats")
LEVEL_STEP = 5  # percent: time_to_value_levels.sql answers thresholds that are multiples of 5%
ACCOUNT_TABLES = ("cohort_accounts",)
MATRIX_TABLES = (*ACCOUNT_TABLES, "cohort_cube")
FILTER_TABLES = (*ACCOUNT_TABLES, "cohort_filter_values")
LEVEL_TABLES = (*ACCOUNT_TABLES, "time_to_value_levels")
TTV_CUBE_TABLES = (*LEVEL_TABLES, "time_to_value_cube")


def cohort_retention(con: duckdb.DuckDBPyConnection, *, metric: str = "logo", grain: str = "month",
                     as_of: date | None = None, segments: tuple = (), csms: tuple = (), regions: tuple = (),
                     products: tuple = ()) -> pd.DataFrame:
    """The cohort retention triangle.

    Grain: one row per cohort and age observed by ``as_of`` (default: the latest complete month with
    revenue). Columns: cohort (YYYY-MM or YYYY-Qn), age (months or quarters), cohort_accounts,
    cohort_mrr (the cohort's MRR at age 0), accounts (cohort accounts with MRR > 0 at the age), mrr
    (their MRR at the age), retention: ``metric`` logo = accounts / cohort_accounts; net = mrr /
    cohort_mrr (may exceed 1); gross = sum over accounts of min(MRR at the age, MRR at age 0) /
    cohort_mrr.
    """
    _check(metric, grain)
    frame = _matrix(con, grain, as_of, segments, csms, regions, products)
    frame = frame.rename(columns={f"{metric}_retention": "retention"})
    return _shape(frame, COLUMNS, ["cohort_mrr", "mrr", "retention"], ["age", "cohort_accounts", "accounts"])


def prepare(con: duckdb.DuckDBPyConnection, *, as_of: date) -> None:
    """Build the cohort cube, the filters' values and the time-to-value levels for ``as_of`` (the page's
    default view)."""
    cohort_retention(con, as_of=as_of)
    filter_values(con, as_of=as_of)
    if has_time_to_value(con):
        time_to_value_curves(con, as_of=as_of)


def cohort_average(matrix: pd.DataFrame, *, metric: str = "logo") -> pd.DataFrame:
    """The average retention curve of a :func:`cohort_retention` frame, weighted by cohort size.

    Grain: one row per age. Only cohorts that have reached the age count (they are the rows present).
    Size is the metric's denominator: accounts for logo retention, MRR at age 0 for net and gross,
    so the average is the pooled ratio (sum of numerators / sum of denominators).
    Columns: age, cohorts (how many reached it), cohort_accounts, cohort_mrr, accounts, mrr, retention.
    """
    _check(metric, "month")
    weight = matrix["cohort_accounts"] if metric == "logo" else matrix["cohort_mrr"]
    # one plain sum per column (named aggregations cost more than the sums on a page view)
    frame = pd.DataFrame({"age": matrix["age"], "cohorts": matrix["cohort"].notna().astype("int64"),
                          "cohort_accounts": matrix["cohort_accounts"], "cohort_mrr": matrix["cohort_mrr"],
                          "accounts": matrix["accounts"], "mrr": matrix["mrr"],
                          "weighted": matrix["retention"] * weight, "weight": weight})
    grouped = frame.groupby("age", sort=True).sum()
    grouped["retention"] = grouped["weighted"] / grouped["weight"]
    grouped = grouped.reset_index()
    return _shape(grouped, AVERAGE_COLUMNS, ["cohort_mrr", "mrr", "retention"],
                  ["age", "cohorts", "cohort_accounts", "accounts"])


def cohort_members(con: duckdb.DuckDBPyConnection, *, cohort: str, age: int, grain: str = "month",
                   as_of: date | None = None, segments: tuple = (), csms: tuple = (), regions: tuple = (),
                   products: tuple = ()) -> pd.DataFrame:
    """The accounts behind one cell of :func:`cohort_retention` (its drill-down).

    Grain: one row per account of ``cohort`` kept by the filters. Columns: account_id, account_name,
    segment, csm, region, first_product, first_month, start_mrr (MRR at age 0), mrr (MRR at ``age``;
    NaN when the account has not reached it), active (MRR > 0 at ``age``).
    """
    _check("logo", grain)
    as_of = _as_of(con, as_of)
    if as_of is None:
        return _shape(pd.DataFrame(), MEMBER_COLUMNS, ["start_mrr", "mrr"], [])
    frame = revenue.derived_query(con, "cohort_members", as_of=as_of, tables=ACCOUNT_TABLES, step=STEPS[grain],
                                  cohort=str(cohort), age=int(age), **_filters(segments, csms, regions, products))
    frame = _shape(frame, MEMBER_COLUMNS, ["start_mrr", "mrr"], [])
    frame["active"] = frame["active"].isin((True, "True", "true"))
    return frame


def filter_values(con: duckdb.DuckDBPyConnection, *, as_of: date | None = None) -> pd.DataFrame:
    """What each cohort filter can choose from.

    Grain: one row per dimension (segment, csm, region, first_product) and value. Columns: dimension,
    value ("(none)" for an empty value), accounts (paying accounts with that value).
    """
    as_of = _as_of(con, as_of)
    if as_of is None:
        return _shape(pd.DataFrame(), FILTER_COLUMNS, [], ["accounts"])
    # kept with the version: counting a 1M book's accounts four times was a fifth of a page view
    frame = revenue.derived_query(con, "cohort_filter_list", as_of=as_of, tables=FILTER_TABLES)
    return _shape(frame, FILTER_COLUMNS, [], ["accounts"])


def has_time_to_value(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the current version has a usage table with both active_users and seats rows."""
    if not store.has_table(con, "usage"):
        return False
    # one probe per metric: each stops at its first row instead of reading all of usage
    found = store.query(con, "SELECT EXISTS (SELECT 1 FROM usage WHERE metric = $a) "
                             "AND EXISTS (SELECT 1 FROM usage WHERE metric = $b) AS found",
                        {"a": TTV_METRICS[0], "b": TTV_METRICS[1]})
    return bool(found["found"].iloc[0])


def time_to_value_accounts(con: duckdb.DuckDBPyConnection, *, threshold: float = 0.5, as_of: date | None = None,
                           segments: tuple = (), csms: tuple = (), regions: tuple = (),
                           products: tuple = ()) -> pd.DataFrame:
    """Months from each account's first paid month until active_users / seats first reaches ``threshold``.

    Grain: one row per paying account kept by the filters. Columns: account_id, account_name, segment,
    first_month, start_mrr, months_to_value (<NA> when never reached by ``as_of``; reaching it before
    the first paid month counts as 0), value_group (0-1, 2-3, 4+, never), mrr (MRR in the as-of month).
    """
    frame = _time_to_value(con, "time_to_value_accounts", threshold, as_of, segments, csms, regions, products)
    if frame is None:
        return _shape(pd.DataFrame(), TTV_ACCOUNT_COLUMNS, ["start_mrr", "mrr"], [])
    months = frame["months_to_value"]
    frame = _shape(frame, TTV_ACCOUNT_COLUMNS, ["start_mrr", "mrr"], [])
    frame["months_to_value"] = pd.array(months, dtype="Int64")
    return frame


def time_to_value_curves(con: duckdb.DuckDBPyConnection, *, threshold: float = 0.5, as_of: date | None = None,
                         segments: tuple = (), csms: tuple = (), regions: tuple = (),
                         products: tuple = ()) -> pd.DataFrame:
    """Net revenue retention curves of the time-to-value groups of :func:`time_to_value_accounts`.

    Grain: one row per value_group and age in months that some account of the group has reached.
    Columns: value_group, age, accounts (accounts observed at the age), active_accounts, start_mrr
    (their MRR at age 0), mrr (their MRR at the age), net_retention (mrr / start_mrr, pooled over the
    accounts observed at that age, so a young account never counts as a zero).
    """
    frame = _time_to_value(con, "time_to_value_curves", threshold, as_of, segments, csms, regions, products)
    if frame is None:
        frame = pd.DataFrame()
    return _shape(frame, TTV_CURVE_COLUMNS, ["start_mrr", "mrr", "net_retention"],
                  ["age", "accounts", "active_accounts"])


# ---- internals ----------------------------------------------------------------------------------

def _check(metric: str, grain: str) -> None:
    if metric not in METRICS:
        raise ValueError(f"unknown retention metric {metric!r}; expected one of {', '.join(METRICS)}")
    if grain not in GRAINS:
        raise ValueError(f"unknown cohort grain {grain!r}; expected one of {', '.join(GRAINS)}")


def _as_of(con: duckdb.DuckDBPyConnection, as_of: date | None) -> date | None:
    return revenue.default_as_of(con) if as_of is None else as_of


def _filters(segments, csms, regions, products) -> dict[str, list[str]]:
    lists = {"segments": segments, "csms": csms, "regions": regions, "products": products}
    for name, values in lists.items():
        if isinstance(values, str):
            raise TypeError(f"{name} must be a tuple of values, not the string {values!r}")
    return {name: [str(v) for v in values] for name, values in lists.items()}


def _matrix(con, grain, as_of, segments, csms, regions, products, *, cube: bool = True) -> pd.DataFrame:
    """The matrix from the cohort cube, or straight from the grid (the definition) when a CSM filter
    is set (the cube does not split by CSM) or ``cube`` is False."""
    as_of = _as_of(con, as_of)
    if as_of is None:
        return pd.DataFrame()
    filters = _filters(segments, csms, regions, products)
    if cube and not filters["csms"]:
        return revenue.derived_query(con, "cohort_matrix", as_of=as_of, tables=MATRIX_TABLES, step=STEPS[grain],
                                     **filters)
    return revenue.grid_query(con, "cohort_retention", as_of=as_of, step=STEPS[grain], **filters)


def _level(threshold: float) -> int | None:
    """The deployment level (1..20) whose threshold is exactly ``threshold``, else None."""
    level = round(float(threshold) * 100 / LEVEL_STEP)
    return level if level >= 1 and LEVEL_STEP * level / 100 == float(threshold) else None


def _time_to_value(con, sql_name, threshold, as_of, segments, csms, regions, products, *,
                   cube: bool = True) -> pd.DataFrame | None:
    """Time to value from the level tables when the threshold is on the 5% grid (curves: also without a
    CSM filter), else straight from usage and the grid (the definition)."""
    if not 0 < float(threshold) <= 1:
        raise ValueError(f"threshold must be a share between 0 and 1, not {threshold!r}")
    as_of = _as_of(con, as_of)
    if as_of is None or not has_time_to_value(con):
        return None
    filters = _filters(segments, csms, regions, products)
    level = _level(threshold)
    if cube and level is not None and sql_name == "time_to_value_accounts":
        return revenue.derived_query(con, "time_to_value_level_accounts", as_of=as_of, tables=LEVEL_TABLES,
                                     level=level, **filters)
    if cube and level is not None and not filters["csms"]:
        return revenue.derived_query(con, "time_to_value_cube_curves", as_of=as_of, tables=TTV_CUBE_TABLES,
                                     level=level, **filters)
    return revenue.grid_query(con, sql_name, as_of=as_of, step=1, threshold=float(threshold), **filters)


def _shape(frame: pd.DataFrame, columns: list[str], floats: list[str], ints: list[str]) -> pd.DataFrame:
    """Fixed columns and types: first_month as datetime.date, amounts float64, counts int64, the rest text."""
    frame = frame.reindex(columns=columns)
    for col in columns:
        if col == "first_month" and pd.api.types.is_datetime64_any_dtype(frame[col]):
            frame[col] = pd.Series(frame[col].dt.date, index=frame.index, dtype=object)
        elif col == "first_month":
            frame[col] = pd.Series([revenue._month(m) for m in frame[col]], index=frame.index, dtype=object)
        elif col in floats:
            frame[col] = frame[col].astype("float64")
        elif col in ints:
            frame[col] = frame[col].astype("int64")
        elif col in ("active", "months_to_value"):
            continue
        else:
            frame[col] = frame[col].astype("str")
    return frame.reset_index(drop=True)
