"""The revenue engine: account-month MRR, monthly movements, and the NRR / GRR bridge and trend.

Definitions are PRODUCT.md's "Metric definitions"; the SQL lives in dashboard/*/sql/ (one query per
file) and is layered like dbt's mrr-playbook: revenue table -> unit revenue (``unit_revenue_<table>.sql``,
plain standard SQL) -> dense account x product grid -> account-month grid -> per-account movements ->
monthly sums, window bridges and trends. A file reads a per-version table as ``query_table($grid)``
and another file's rows as ``query_table($ref_<file>)`` (written in as a CTE by
:func:`dashboard.store.load_sql`), so a shared chain lives in one file.

Money is summed as DECIMAL(38, 6) inside DuckDB, so every identity (starting + new + reactivation +
expansion - contraction - churn = ending; start + expansion - contraction - churn = retained) holds
exactly, whatever order rows are added in; frames return amounts as floats (the nearest double to
the exact decimal). Grids are built once per dataset version and as-of month with
:func:`dashboard.store.derived`; on a read-only connection (the CLI) a grid that is not built yet
lives in a temporary table for the one call, so reading never changes the database.

Everything here is pure: (connection, *, small parameters) -> DataFrame with fixed columns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import duckdb

from dashboard import lazy, schema, store, trace, windows
from dashboard.i18n import Msg
from dashboard.revenue import BRIDGE_BY

pd = lazy.deferred("pandas")  # loaded on first use: the command line's bridge needs none

MOVEMENT_AMOUNTS = ["starting_mrr", "new", "reactivation", "expansion", "contraction", "churn", "ending_mrr"]
MOVEMENT_COUNTS = ["new_accounts", "reactivated_accounts", "expanded_accounts", "contracted_accounts",
                   "churned_accounts"]
MOVEMENT_COLUMNS = ["month", *MOVEMENT_AMOUNTS, *MOVEMENT_COUNTS]
MOVEMENT_CATEGORIES = ("new", "reactivation", "expansion", "contraction", "churn")
MOVEMENT_ACCOUNT_COLUMNS = ["account_id", "account_name", "segment", "category", "previous_mrr", "mrr", "change"]

BRIDGE_AMOUNTS = ["starting_mrr", "expansion", "contraction", "churn", "retained_mrr", "new", "reactivation",
                  "ending_mrr"]
BRIDGE_COUNTS = ["accounts_start", "accounts_retained"]
BRIDGE_COLUMNS = [*BRIDGE_AMOUNTS, "nrr", "grr", *BRIDGE_COUNTS]
# the bridge of a window without revenue: one row of zeros, NRR and GRR undefined
EMPTY_BRIDGE_ROW = (*[0.0] * len(BRIDGE_AMOUNTS), float("nan"), float("nan"), 0, 0)
BRIDGE_CATEGORIES = ("starting", "expansion", "contraction", "churn", "retained", "new", "reactivation", "ending")
BRIDGE_ACCOUNT_COLUMNS = ["account_id", "account_name", "segment", "csm", "region", "mrr_start", "mrr_end", "change"]
TREND_COLUMNS = ["month", "nrr", "grr", "starting_mrr", "ending_mrr"]
NO_GROUP = "(none)"


def revenue_table(con: duckdb.DuckDBPyConnection) -> str | None:
    """The current version's revenue table: "subscriptions", "mrr_monthly", or None."""
    return _revenue_table(con, None)


def default_as_of(con: duckdb.DuckDBPyConnection, *, today: date | None = None) -> date | None:
    """The default as-of month (PRODUCT.md "The as-of month"): the first day of the latest month any
    start_date, end_date or mrr_monthly month falls in, or of the month after it when some subscription
    ends on that month's last day (its churn falls there), capped at the last complete calendar month
    before ``today`` (default: date.today()). None without revenue. A user may choose any month up to
    :func:`dashboard.windows.last_complete_month`."""
    if revenue_table(con) is None:
        return None
    with _session(con) as session:
        return session.default_as_of(today)


def account_month_mrr(con: duckdb.DuckDBPyConnection, *, as_of: date) -> str:
    """Materialise the account-month MRR grid of the current version once; return its qualified name.

    Grain: one row per account and month, from the account's first month with MRR > 0 through
    ``as_of`` (dense: months without revenue are 0). Columns: account_id, month (first day), mrr
    (DECIMAL(38, 6)). Needs a writable connection unless the grid was built before.
    """
    with _session(con, allow_temp=False) as session:
        return session.account_grid(_month(as_of))


def monthly_movements(con: duckdb.DuckDBPyConnection, *, as_of: date) -> pd.DataFrame:
    """Monthly MRR movements (PRODUCT.md "Monthly movements").

    Grain: one row per month from the first month with MRR through ``as_of``.
    Columns: month (date, first day), starting_mrr, new, reactivation, expansion, contraction, churn,
    ending_mrr (floats; contraction and churn are amounts lost, >= 0), new_accounts,
    reactivated_accounts, expanded_accounts, contracted_accounts, churned_accounts (ints).
    starting + new + reactivation + expansion - contraction - churn = ending in every month, and each
    month's starting_mrr is the previous month's ending_mrr.
    """
    as_of = _month(as_of)
    with _session(con) as session:
        frame = session.summary(f"monthly_movements_{as_of:%Y%m}", "monthly_movements",
                                movements=session.movements(as_of))
    return _shape(frame, MOVEMENT_COLUMNS, MOVEMENT_AMOUNTS, MOVEMENT_COUNTS)


def movement_accounts(con: duckdb.DuckDBPyConnection, *, as_of: date, month: date) -> pd.DataFrame:
    """The accounts behind one month of :func:`monthly_movements`.

    Grain: one row per account with a movement in ``month``. Columns: account_id, account_name,
    segment, category (new, reactivation, expansion, contraction, churn), previous_mrr, mrr, change.
    """
    with _session(con) as session:
        frame = session.frame("movement_accounts", movements=session.movements(_month(as_of)),
                              account_attributes=session.account_attributes(_month(as_of)),
                              month=_month(month))
    return _shape(frame, MOVEMENT_ACCOUNT_COLUMNS, ["previous_mrr", "mrr", "change"], [])


def nrr_bridge(con: duckdb.DuckDBPyConnection, *, start: date, end: date, by: str | None = None) -> pd.DataFrame:
    """NRR / GRR bridge of the window ``start`` -> ``end`` (PRODUCT.md "NRR and GRR over a window").

    Grain: one row (``by`` None), or one row per group of ``by`` (segment, csm, region, industry:
    the accounts table's value, empty = "(none)"; product: account x product units).
    Columns: [group,] starting_mrr, expansion, contraction, churn, retained_mrr, new, reactivation,
    ending_mrr, nrr, grr (NaN when starting_mrr is 0), accounts_start, accounts_retained.
    starting + expansion - contraction - churn = retained_mrr; retained + new + reactivation = ending.
    """
    start, end = _window(start, end)
    _check_by(by)
    with _session(con) as session:
        frame = session.frame("nrr_bridge", units=session.bridge_units(start, end, by_product=by == "product"), by=by)
    frame = frame.rename(columns={"grp": "group"})
    if by is None:
        frame = frame.drop(columns="group")
        if frame.empty:
            frame = pd.DataFrame([EMPTY_BRIDGE_ROW], columns=BRIDGE_COLUMNS)
    columns = BRIDGE_COLUMNS if by is None else ["group", *BRIDGE_COLUMNS]
    frame = _shape(frame, columns, [*BRIDGE_AMOUNTS, "nrr", "grr"], ["accounts_start", "accounts_retained"])
    return frame


def nrr_bridge_rows(con: duckdb.DuckDBPyConnection, *, start: date, end: date,
                    by: str | None = None) -> tuple[list[str], list[tuple]]:
    """:func:`nrr_bridge` as its column names and one tuple per row, read without pandas: the same query
    and the same values (amounts float, NaN where the frame has NaN; counts int; group text). The
    command line writes these, so a report starts in a third of the time (issue 14)."""
    start, end = _window(start, end)
    _check_by(by)
    with _session(con) as session:
        names, rows = session.rows("nrr_bridge", units=session.bridge_units(start, end, by_product=by == "product"),
                                   by=by)
    columns = BRIDGE_COLUMNS if by is None else ["group", *BRIDGE_COLUMNS]
    at = [names.index("grp" if name == "group" else name) for name in columns]
    kinds = [str if name == "group" else int if name in BRIDGE_COUNTS else float for name in columns]
    shaped = [tuple(_plain(kind, row[i]) for kind, i in zip(kinds, at, strict=True)) for row in rows]
    if by is None and not shaped:
        shaped = [EMPTY_BRIDGE_ROW]
    return columns, shaped


def bridge_accounts(con: duckdb.DuckDBPyConnection, *, start: date, end: date, category: str,
                    by: str | None = None, group: str | None = None) -> pd.DataFrame:
    """The accounts behind one bar of :func:`nrr_bridge` (its drill-down).

    ``category`` is one of starting, expansion, contraction, churn, retained, new, reactivation,
    ending; ``group`` narrows to one group of ``by``. Grain: one row per account in that bar (with
    the product split, an account's units in the bar are summed). Columns: account_id, account_name,
    segment, csm, region, mrr_start, mrr_end, change (mrr_end - mrr_start). The bar's amount is the
    sum of mrr_start (starting, churn), of change (expansion; minus it for contraction) or of mrr_end.
    """
    start, end = _window(start, end)
    _check_by(by)
    if category not in BRIDGE_CATEGORIES:
        raise ValueError(f"unknown bridge category {category!r}; expected one of {', '.join(BRIDGE_CATEGORIES)}")
    if group is not None and by is None:
        raise ValueError("a group needs a split (by)")
    with _session(con) as session:
        frame = session.frame("bridge_accounts", units=session.bridge_units(start, end, by_product=by == "product"),
                              by=by, category=category, group=group)
    return _shape(frame, BRIDGE_ACCOUNT_COLUMNS, ["mrr_start", "mrr_end", "change"], [])


def nrr_trend(con: duckdb.DuckDBPyConnection, *, as_of: date, months: int = 12) -> pd.DataFrame:
    """NRR and GRR of the window E - ``months`` -> E for every month E (trailing 12 months by default).

    Grain: one row per month E from the first month with MRR plus ``months`` through ``as_of``.
    Columns: month (date, first day), nrr, grr (NaN when starting_mrr is 0), starting_mrr (the
    cohort's MRR at the window start), ending_mrr (all MRR at E). Each row equals the matching
    columns of ``nrr_bridge(start=E - months, end=E)``.
    """
    if int(months) != months or months < 1:
        raise ValueError(f"months must be a positive whole number, not {months!r}")
    as_of = _month(as_of)
    with _session(con) as session:
        frame = session.summary(f"nrr_trend_{as_of:%Y%m}_{int(months)}", "nrr_trend",
                                grid=session.account_grid(as_of), months=int(months))
    return _shape(frame, TREND_COLUMNS, ["nrr", "grr", "starting_mrr", "ending_mrr"], [])


def prepare(con: duckdb.DuckDBPyConnection, *, as_of: date) -> None:
    """Build what the pages read for ``as_of`` on the current version: every grid input (the product
    and account grids, the movements, the usage stand-in, the contract ends), the monthly movements,
    the 12-month NRR trend and the bridge units of :func:`prepared_windows`. Run when a version is
    committed (:mod:`dashboard.prepare`)."""
    as_of = _month(as_of)
    with _session(con, allow_temp=False) as session:
        for build in session.builders().values():
            build(as_of)
        for window in prepared_windows(as_of):
            session.bridge_units(window.start, window.end, by_product=False)
    monthly_movements(con, as_of=as_of)
    nrr_trend(con, as_of=as_of, months=12)


def prepared_windows(as_of: date) -> list[windows.Window]:
    """The windows whose bridge units a load builds: each kind of window the NRR page offers, ending at
    the default as-of month (calendar fiscal year), and the window before each, which its tiles compare
    with. Any other window is built the first time it is asked for."""
    out: dict[tuple[date, date], windows.Window] = {}
    for kind in ("trailing_12", "fiscal_year", "quarter", "month"):
        window = windows.window(kind, as_of, as_of=as_of)
        for each in (window, window.previous()):
            if each.start < each.end:
                out.setdefault((each.start, each.end), each)
    return list(out.values())


def grid_query(con: duckdb.DuckDBPyConnection, sql_name: str, *, as_of: date, **values) -> pd.DataFrame:
    """Run the query file ``<sql_name>.sql`` against the revenue grids of the current version.

    The query may use ``query_table($grid)`` (account-month MRR: account_id, month, mrr),
    ``query_table($product_grid)`` (account_id, product, month, mrr), ``query_table($movements)``
    (account_id, month, previous_mrr, mrr, change, category), all through ``as_of``,
    ``query_table($usage)`` (the usage table, empty when the version has none) and
    ``query_table($contract_ends)`` (contract terms still running after ``as_of``); only the inputs
    it names are built. ``values`` are its other parameters. Works on a read-only connection too.
    """
    as_of = _month(as_of)
    sql = store.load_sql(sql_name)
    used = _parameters(sql)
    with _session(con) as session:
        grids = {name: build(as_of) for name, build in session.builders().items() if name in used}
        return session.frame(sql_name, **grids, **values)


def inputs(con: duckdb.DuckDBPyConnection, sql_name: str, *, as_of: date) -> dict[str, str]:
    """The revenue inputs the query file ``<sql_name>.sql`` reads (see :func:`grid_query`), built on the
    current version and named for binding; needs a writable connection unless they were built before."""
    used = _parameters(store.load_sql(sql_name))
    with _session(con, allow_temp=False) as session:
        return {name: build(_month(as_of)) for name, build in session.builders().items() if name in used}


def kept_table(con: duckdb.DuckDBPyConnection, sql_name: str, *, as_of: date, **values) -> str | None:
    """The query file ``<sql_name>.sql`` over the revenue inputs it names (see :func:`grid_query`) and
    ``values``, kept as table ``<sql_name>_<YYYYMM>`` of the current version: built once (when a version
    is committed, or on first use), then only read. None on a read-only connection that finds it not built
    (the caller computes what it needs instead)."""
    version = store.current_version(con)
    if version is None:
        raise store.StoreError(Msg("store.no_data"))
    month = _month(as_of)
    name = f"{sql_name}_{month:%Y%m}"
    if store.read_only(con):
        return store.derived_name(con, version, name)
    params = {**inputs(con, sql_name, as_of=month), **values}
    return store.derived(con, name, store.load_sql(sql_name), params, version=version)


def derived_query(con: duckdb.DuckDBPyConnection, sql_name: str, *, as_of: date, tables: tuple[str, ...],
                  **values) -> pd.DataFrame:
    """Run the query file ``<sql_name>.sql`` on tables derived once per dataset version and as-of month.

    Each name in ``tables`` is a query file, materialised in order as table
    ``<name>_<YYYYMM>`` of the current version (later tables may read earlier ones). Those queries may
    use ``query_table($grid)``, ``($product_grid)``, ``($movements)`` (as in :func:`grid_query`) and
    ``query_table($<earlier name>)``; the final query reads them as ``query_table($<name>)``, with
    ``values`` as its other parameters. Once built, a call costs one small query. On a read-only
    connection (or without an accounts table) a table not built yet lives in a temporary table for
    this one call, so reading never changes the database.
    """
    with _session(con) as session:
        built = session.derive(tables, _month(as_of))
        return session.frame(sql_name, **built, **values)


# The money columns of the engine's frames and their names in ARR (12 x MRR), for tables and CSVs that
# follow a page's unit: a column's name always says which unit it holds.
ARR_NAMES = {"mrr_start": "arr_start", "mrr_end": "arr_end", "change": "change_arr", "previous_mrr": "previous_arr",
             "mrr": "arr", "starting_mrr": "starting_arr", "expansion": "expansion_arr",
             "contraction": "contraction_arr", "churn": "churn_arr", "retained_mrr": "retained_arr", "new": "new_arr",
             "reactivation": "reactivation_arr", "ending_mrr": "ending_arr"}


def in_unit(frame: pd.DataFrame, unit: str) -> pd.DataFrame:
    """``frame`` with its money columns in ``unit``: as it is for "MRR"; for "ARR" each money column
    (:data:`ARR_NAMES`) times 12 under its ARR name. Other columns are untouched."""
    if unit == "MRR":
        return frame
    if unit != "ARR":
        raise ValueError(f"unit must be ARR or MRR, not {unit!r}")
    money = [c for c in frame.columns if c in ARR_NAMES]
    return frame.assign(**{c: frame[c] * 12 for c in money}).rename(columns=ARR_NAMES)


# ---- internals ----------------------------------------------------------------------------------

def _month(value) -> date:
    """The first day of the month of a date, datetime, Timestamp or ISO string."""
    stamp = value if isinstance(value, date) else pd.Timestamp(value)  # a Timestamp is a date too
    return date(stamp.year, stamp.month, 1)


def _window(start, end) -> tuple[date, date]:
    start, end = _month(start), _month(end)
    if start >= end:
        raise ValueError(f"the window must start before it ends ({start:%Y-%m} -> {end:%Y-%m})")
    return start, end


def _grid_month(session: _Session, end: date) -> date:
    """The as-of month of the grid a window ending at ``end`` reads: the default as-of month (or ``end``
    when later). A grid's rows up to ``end`` are the same whatever its as-of month, so every window of
    a version shares one grid instead of building one per end month."""
    latest = session.default_as_of()
    return end if latest is None or end > latest else latest


def _check_by(by: str | None) -> None:
    if by is not None and by not in BRIDGE_BY:
        raise ValueError(f"cannot split by {by!r}; expected one of {', '.join(BRIDGE_BY)}")


def _revenue_table(con: duckdb.DuckDBPyConnection, version: int | None) -> str | None:
    tables = store.table_names(con, version)
    return next((name for name in schema.REVENUE_TABLES if name in tables), None)


def _shape(frame: pd.DataFrame, columns: list[str], floats: list[str], ints: list[str]) -> pd.DataFrame:
    """Fixed columns and types: month as datetime.date, amounts float64, counts int64, the rest text."""
    frame = frame.reindex(columns=columns)
    for col in columns:
        if col == "month":
            frame[col] = pd.Series([_month(m) for m in frame[col]], index=frame.index, dtype=object)
        elif col in floats:
            frame[col] = frame[col].astype("float64")
        elif col in ints:
            frame[col] = frame[col].astype("int64")
        else:
            frame[col] = frame[col].astype("str")
    return frame.reset_index(drop=True)


def _plain(kind: type, value):
    """One value of a fetched row as :func:`_shape` types its column: text, int, or float (NaN for NULL)."""
    if kind is float:
        return float("nan") if value is None else float(value)
    return kind(value)


def _parameters(sql: str) -> set[str]:
    """The ``$name`` parameters a statement uses (comments left out)."""
    return set(re.findall(r"\$([A-Za-z_]\w*)", re.sub(r"--[^\n]*", "", sql)))


def _bind(sql: str, values: dict) -> dict:
    """The parameters a statement uses (DuckDB refuses unused ones); a missing one is a bug."""
    used = _parameters(sql)
    missing = used - set(values)
    if missing:
        raise KeyError(f"parameters not given: {', '.join(sorted(missing))}")
    return {name: values[name] for name in used}


@contextmanager
def _session(con: duckdb.DuckDBPyConnection, *, allow_temp: bool = True) -> Iterator[_Session]:
    """One cursor pinned to the current version, for building grids and running the final query."""
    version = store.current_version(con)
    if version is None:
        raise store.StoreError(Msg("store.no_data"))
    tables = store.table_names(con, version)  # one look-up serves every check below
    source = next((name for name in schema.REVENUE_TABLES if name in tables), None)
    if source is None:
        raise store.StoreError(Msg("store.no_revenue_table"))
    has_accounts = "accounts" in tables
    with store.cursor(con, version) as cur:
        yield _Session(con, cur, version, source, has_accounts, allow_temp, has_usage="usage" in tables)


class _Session:
    def __init__(self, con, cur, version: int, source: str, has_accounts: bool, allow_temp: bool, *,
                 has_usage: bool = False):
        self.con, self.cur, self.version, self.source, self.allow_temp = con, cur, version, source, allow_temp
        self.has_accounts, self.has_usage = has_accounts, has_usage
        self.database, read_only = cur.execute(
            "SELECT database_name, readonly FROM duckdb_databases() WHERE database_name = current_database()"
        ).fetchall()[0]
        self.read_only = bool(read_only)
        self._tables: set[str] | None = None
        if not has_accounts:
            # Names and groups come from accounts; without it every account is "(none)".
            empty = f"CREATE TEMP TABLE accounts ({schema.table('accounts').ddl_columns()})"
            cur.execute(empty)
            trace.record(empty, builds="temp.accounts")

    def account_grid(self, as_of: date) -> str:
        return self._derived(f"account_month_mrr_{as_of:%Y%m}", "account_month_mrr", product_grid=self.product_grid(as_of))

    def product_grid(self, as_of: date) -> str:
        return self._derived(f"account_product_month_mrr_{as_of:%Y%m}", "account_product_month_mrr",
                             refs={"unit_revenue": f"unit_revenue_{self.source}"}, as_of=as_of)

    def account_attributes(self, as_of: date) -> str:
        """Each account's name and groups (one per version, whatever the month); without an accounts
        table, the session's empty stand-in."""
        if not self.has_accounts:
            return "accounts"
        return self._derived("account_attributes", "account_attributes")

    def bridge_units(self, start: date, end: date, *, by_product: bool) -> str:
        """The units of the window ``start`` -> ``end`` with their bars (bridge_units.sql), built once per
        window: the account, or account x product for the product split."""
        kind = "bridge_product_units" if by_product else "bridge_units"
        build = self._derived if self.read_only or self.has_accounts else self._temporary
        return build(f"{kind}_{start:%Y%m}_{end:%Y%m}", "bridge_units", grid=self.product_grid(_grid_month(self, end)),
                     start=start, end=end, by_product=by_product, account_attributes=self.account_attributes(end))

    def movements(self, as_of: date) -> str:
        return self._derived(f"account_month_movements_{as_of:%Y%m}", "account_month_movements",
                             grid=self.account_grid(as_of))

    def usage(self, as_of: date) -> str:
        """The version's usage table, or an empty one of the same columns when it has none."""
        if self.has_usage:
            qualified = f"{store.schema_name(self.version)}.usage"
            return f"{store.quote(self.database)}.{qualified}" if self.read_only else qualified
        return self._derived("usage_none", "usage_none")

    def contract_ends(self, as_of: date) -> str:
        return self._derived(f"contract_ends_{as_of:%Y%m}", f"contract_ends_{self.source}", as_of=as_of)

    def builders(self) -> dict:
        """The inputs a query may name as ``query_table($<name>)``, each built for an as-of month."""
        return {"grid": self.account_grid, "product_grid": self.product_grid, "movements": self.movements,
                "account_attributes": self.account_attributes,
                "usage": self.usage, "contract_ends": self.contract_ends}

    def frame(self, sql_name: str, **values) -> pd.DataFrame:
        sql = store.load_sql(sql_name)
        params = _bind(sql, values)
        frame = self.cur.execute(sql, params).df()
        trace.record(sql, params, version=self.version, source=sql_name, result=frame)
        return frame

    def rows(self, sql_name: str, **values) -> tuple[list[str], list[tuple]]:
        """:meth:`frame` as column names and DuckDB's plain Python values (no pandas)."""
        sql = store.load_sql(sql_name)
        params = _bind(sql, values)
        result = self.cur.execute(sql, params)
        names, rows = [column[0] for column in result.description], result.fetchall()
        trace.record(sql, params, version=self.version, source=sql_name)
        return names, rows

    def default_as_of(self, today: date | None = None) -> date | None:
        """:func:`default_as_of` of this session's version (the latest revenue month is stored per version)."""
        # named for the rule it follows: a database built under an older rule rebuilds it
        table = self._derived("revenue_as_of_month", f"latest_revenue_month_{self.source}")
        latest = self.cur.execute(f"SELECT latest_month FROM {table}").fetchall()[0][0]
        if latest is None or (not isinstance(latest, date) and pd.isna(latest)):
            return None
        return min(_month(latest), windows.last_complete_month(today))

    def summary(self, name: str, sql_name: str, **values) -> pd.DataFrame:
        """A small per-month result (one row per month) that depends only on the version and the
        as-of month: materialised once like the grids, so a page view reads a few dozen rows."""
        table = self._derived(name, sql_name, **values)
        sql = f"SELECT * FROM {table} ORDER BY month"
        frame = self.cur.execute(sql).df()
        trace.record(sql, version=self.version, result=frame)
        return frame

    def derive(self, tables: tuple[str, ...], as_of: date) -> dict[str, str]:
        """Each query file of ``tables`` materialised in order as ``<name>_<YYYYMM>`` (see
        :func:`derived_query`); each name to the table to bind."""
        names = {table: f"{table}_{as_of:%Y%m}" for table in tables}
        builders = self.builders()
        built: dict[str, str] = {}
        # Without accounts the session's stand-in lives on its own cursor: build there, for this call.
        shared = self.read_only or self.has_accounts
        for table, name in names.items():
            if shared and name in self._built() and not trace.active():
                built[table] = self._derived(name, table)  # built before: no inputs needed
                continue
            text = store.load_sql(table)
            inputs = {**{g: build(as_of) for g, build in builders.items() if g in _parameters(text)}, **built}
            built[table] = self._derived(name, table, **inputs) if shared else self._temporary(name, table, **inputs)
        return built

    def _temporary(self, name: str, sql_name: str, **values) -> str:
        """``sql_name`` built as a temporary table of this session's cursor: what reads the session's
        stand-in for a missing accounts table cannot be kept in the database."""
        text = store.load_sql(sql_name)
        params = _bind(text, values)
        self.cur.execute(f"CREATE OR REPLACE TEMP TABLE {store.quote(name)} AS {text}", params)
        built = f"temp.main.{store.quote(name)}"
        trace.record(text, params, version=self.version, source=sql_name, builds=built)
        return built

    def _built(self) -> set[str]:
        """The version's derived tables that exist, looked up once per session (they are never dropped)."""
        if self._tables is None:
            self._tables = {row[0] for row in self.cur.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = ? AND schema_name = ?",
                [self.database, store.schema_name(self.version)]).fetchall()}
        return self._tables

    def _derived(self, name: str, sql_name: str, *, refs: dict[str, str] | None = None, **values) -> str:
        if name in self._built():
            qualified = f"{store.schema_name(self.version)}.{store.quote(name)}"
            if trace.active():
                sql = store.load_sql(sql_name, refs=refs)
                bound = {k: v for k, v in values.items() if k in _parameters(sql)}
                trace.record(sql, bound, version=self.version, source=sql_name, builds=qualified)
            return f"{store.quote(self.database)}.{qualified}" if self.read_only else qualified
        sql = store.load_sql(sql_name, refs=refs)
        params = _bind(sql, values)
        if not self.read_only:
            built = store.derived(self.con, name, sql, params, version=self.version)
            self._built().add(name)
            return built
        # Read-only: use the grid if the app built it, else a temporary table for this cursor only.
        for database, schema_name in ((self.database, store.schema_name(self.version)), ("temp", "main")):
            found = self.cur.execute(
                "SELECT count(*) FROM duckdb_tables() WHERE database_name = ? AND schema_name = ? AND table_name = ?",
                [database, schema_name, name]).fetchall()[0][0]
            if found:
                return f"{store.quote(database)}.{schema_name}.{store.quote(name)}"
        if not self.allow_temp:
            raise store.StoreError(f"{name} is not built yet and the database is open read-only")
        self.cur.execute(f"CREATE TEMP TABLE {store.quote(name)} AS {sql}", params)
        trace.record(sql, params, version=self.version, source=sql_name, builds=f"temp.main.{store.quote(name)}")
        return f"temp.main.{store.quote(name)}"
