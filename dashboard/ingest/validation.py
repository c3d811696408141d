"""Validation of a mapped file (:func:`prepare`): one scan in DuckDB counts every problem, only
failing checks are listed by row, and the result is a view converting the rows. The rules a value
must meet are :func:`refused`'s, which the one-pass loader (dashboard/ingest/one_pass.py) applies too."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from dashboard import parsing, schema, store
from dashboard.i18n import Msg
from dashboard.ingest.mapping import AMOUNT, INTERVAL, PSEUDO, currency_sql, resolve, stated_currency
from dashboard.ingest.problems import Problem, fail, short
from dashboard.ingest.staging import Prepared, SourceFile, cursor, staging_name

MAX_AMOUNT = schema.MAX_AMOUNT

MAX_LISTED = 50
ACCOUNT_TABLES = ("subscriptions", "mrr_monthly", "usage", "churn_reasons")
_NOT_A = {"date": "ingest.not_date", "month": "ingest.not_month", "amount": "ingest.not_amount",
          "number": "ingest.not_number", "bool": "ingest.not_bool"}


@dataclass(frozen=True)
class _Check:
    column: str
    condition: str        # SQL over the scan's columns: raw refs and "__e_<column>" values
    key: str              # catalogue message; {value} is the raw text, {other} the second value
    values: tuple = ()    # the message's other values, as (name, value) pairs
    other: str = "NULL"   # SQL for {other}

    def message(self, value, other) -> Msg:
        return Msg(self.key, **dict(self.values), value=short(value), other=short(other))


def refused(table: str, name: str, value: str) -> list[tuple[str, str]]:
    """(message key, SQL condition on ``value``) for each rule a converted value of column ``name`` of
    ``table`` must not break: the staged checks list the rows that break one, the one-pass loader
    (dashboard/ingest/one_pass.py) falls back to the staged path on any."""
    kind = (PSEUDO[name] if name in PSEUDO else schema.table(table).column(name)).kind
    rules = []
    if kind == "amount":
        rules.append(("ingest.too_large", f"abs({value}) >= {MAX_AMOUNT:.0e}"))
        if not (table == "mrr_monthly" and name == "mrr"):
            # (mrr_monthly lines may be credit notes: its month sums are checked in _negative_months)
            rules.append(("ingest.negative", f"{value} < 0"))
    if name == INTERVAL:
        rules.append(("ingest.interval_positive", f"{value} <= 0"))
    return rules


def _checks(spec: schema.Table, chosen: dict[str, str]) -> list[_Check]:
    checks = []
    for name, src in chosen.items():
        col = PSEUDO[name] if name in PSEUDO else spec.column(name)
        ref, value = store.quote(src), store.quote(f"__e_{name}")
        label = name if src == name else f"{src} ({name})"
        typed = col.kind not in ("id", "text")
        if col.required or name in PSEUDO:
            empty = (f"CASE WHEN {value} IS NOT NULL THEN false WHEN {ref} IS NULL THEN true "
                     f"ELSE {parsing.blank_sql(ref)} END" if typed else f"{value} IS NULL")
            checks.append(_Check(name, empty, "ingest.value_empty", (("label", label),)))
        if typed:
            # Lazy: the blank test only runs on the few rows that did not parse.
            bad = f"CASE WHEN {value} IS NOT NULL OR {ref} IS NULL THEN false ELSE NOT {parsing.blank_sql(ref)} END"
            checks.append(_Check(name, bad, _NOT_A[col.kind], (("label", label),)))
        what = "MRR" if name in ("mrr", AMOUNT) else name
        words = {"ingest.too_large": (("label", label), ("limit", f"{MAX_AMOUNT:.0e}")),
                 "ingest.negative": (("column", what),), "ingest.interval_positive": (("label", label),)}
        checks += [_Check(name, condition, key, words[key]) for key, condition in refused(spec.name, name, value)]
    if spec.name == "subscriptions" and "mrr" not in chosen and AMOUNT in chosen and INTERVAL in chosen:
        checks.append(_Check(AMOUNT, f'abs("__e_mrr") >= {MAX_AMOUNT:.0e}', "ingest.derived_too_large",
                             (("limit", f"{MAX_AMOUNT:.0e}"),), store.quote(chosen[INTERVAL])))
    if "start_date" in chosen and "end_date" in chosen:
        checks.append(_Check("end_date", '"__e_end_date" < "__e_start_date"', "ingest.end_before_start",
                             other=store.quote(chosen["start_date"])))
    return checks


def _expressions(spec: schema.Table, chosen: dict[str, str], serials: bool) -> dict[str, str]:
    """Canonical or pseudo column -> SQL converting its raw text (NULL when not in the file)."""
    exprs = {name: parsing.value_sql((PSEUDO[name] if name in PSEUDO else spec.column(name)).kind,
                                     store.quote(src), serials=serials)
             for name, src in chosen.items()}
    if spec.name == "subscriptions" and "mrr" not in exprs and AMOUNT in exprs and INTERVAL in exprs:
        exprs["mrr"] = f"({exprs[AMOUNT]} / (CASE WHEN {exprs[INTERVAL]} > 0 THEN {exprs[INTERVAL]} END))"
    return exprs


def prepare(con: duckdb.DuckDBPyConnection, source: SourceFile, table: str, mapping: dict[str, str],
            *, version: int | None = None) -> Prepared:
    """Validate ``source`` mapped onto ``table`` (source column -> canonical column) and return
    the result: a converting staging view plus every problem found (rows wholly empty are
    skipped). Never writes to a dataset version; unknown account ids are looked up in
    ``version`` (default: the current one)."""
    try:
        spec = schema.table(table)
    except KeyError:
        raise fail(source.name, Msg("ingest.unknown_table", table=repr(table), tables=", ".join(schema.TABLES))) from None
    chosen, problems = resolve(source, spec, mapping)
    exprs = _expressions(spec, chosen, source.kind == "xlsx")
    checks = _checks(spec, chosen)
    filled = f"coalesce({', '.join(store.quote(c) for c in source.columns)}) IS NOT NULL"
    scan = (f"(SELECT __row, {', '.join(store.quote(c) for c in source.columns)}"
            + "".join(f", {sql} AS {store.quote('__e_' + name)}" for name, sql in exprs.items())
            + f" FROM {source.relation} WHERE {filled})")
    money = (chosen.get("mrr") or chosen.get(AMOUNT)) if spec.name in schema.REVENUE_TABLES else None
    stated = stated_currency(money) if money else None
    # the currency signs the money values carry, counted in the same scan (a header that names one wins)
    sign = currency_sql(store.quote(money)) if money and not stated else "NULL"
    with cursor(con) as cur:
        *counts, signs = cur.execute(
            f"SELECT count(*){''.join(f', count(*) FILTER (WHERE {c.condition})' for c in checks)}, "
            f"list(DISTINCT {sign}) FILTER (WHERE {sign} IS NOT NULL) FROM {scan}").fetchall()[0]
        rows, error_count = int(counts[0]), sum(counts[1:])
        if rows == 0:
            problems.append(Problem(source.name, None, None, Msg("ingest.blank_rows")))
        for check, count in zip(checks, counts[1:], strict=False):
            if count:
                listed = cur.execute(f"SELECT __row, {store.quote(chosen.get(check.column, check.column))}, "
                                     f"{check.other} FROM {scan} WHERE {check.condition} "
                                     f"ORDER BY __row LIMIT {MAX_LISTED}").fetchall()
                problems += [Problem(source.name, int(row), check.column, check.message(value, other))
                             for row, value, other in listed]
    for col in spec.unique:
        if col in chosen:
            error_count += _duplicates(con, source, scan, col, problems)
    warning_count = sum(1 for p in problems if p.severity == "warning")
    if spec.name == "mrr_monthly" and {"account_id", "month", "mrr"} <= set(chosen):
        error_count += _negative_months(con, source, scan, problems)
    if spec.name in ACCOUNT_TABLES and "account_id" in chosen:
        warning_count += _unknown_accounts(con, source, scan, version, problems)
    error_count += sum(1 for p in problems if p.severity == "error" and p.row is None)
    relation = staging_name("p")
    select = ", ".join(f"CAST({exprs.get(c.name, 'NULL')} AS {schema.SQL_TYPES[c.kind]}) AS {store.quote(c.name)}"
                       for c in spec.columns)
    where = f" WHERE {filled}" if rows < source.rows else ""
    with cursor(con) as cur:
        cur.execute(f"CREATE VIEW {relation} AS SELECT {select} FROM {source.rows_table}{where}")
    problems.sort(key=lambda p: (p.severity != "error", p.row is not None, p.row or 0, p.column or ""))
    return Prepared(spec.name, source.name, relation, rows, problems, error_count, warning_count,
                    (source.relation, source.rows_table), stated or (signs[0] if signs and len(signs) == 1 else None))



def _duplicates(con, source: SourceFile, scan: str, col: str, problems: list[Problem]) -> int:
    """List rows repeating a value of a unique column; return how many there are."""
    key = store.quote(f"__e_{col}")
    with cursor(con) as cur:
        listed = cur.execute(f"""
            SELECT __row, key, first_row, count(*) OVER () FROM (
                SELECT __row, {key} AS key, min(__row) OVER (PARTITION BY {key}) AS first_row
                FROM {scan} WHERE {key} IS NOT NULL)
            WHERE __row > first_row ORDER BY __row LIMIT {MAX_LISTED}""").fetchall()
    problems += [Problem(source.name, int(row), col, Msg("ingest.duplicate", column=col, value=short(value), first=first))
                 for row, value, first, _ in listed]
    return int(listed[0][3]) if listed else 0


def _negative_months(con, source: SourceFile, scan: str, problems: list[Problem]) -> int:
    """An invoice-line export may hold credit notes (negative lines); what cannot be negative is an
    account's MRR in a month, the sum of its lines. List each such account and month at its first
    row; return how many there are."""
    with cursor(con) as cur:
        listed = cur.execute(f"""
            SELECT first_row, account_id, month, total, count(*) OVER () FROM (
                SELECT "__e_account_id" AS account_id, "__e_month" AS month, sum("__e_mrr") AS total,
                       min(__row) AS first_row
                FROM {scan}
                WHERE "__e_account_id" IS NOT NULL AND "__e_month" IS NOT NULL AND "__e_mrr" IS NOT NULL
                GROUP BY 1, 2)
            WHERE total < 0 ORDER BY first_row LIMIT {MAX_LISTED}""").fetchall()
    problems += [Problem(source.name, int(row), "mrr", Msg("ingest.negative_month", account=short(account),
                                                       month=f"{month:%Y-%m}", total=f"{float(total):g}"))
                 for row, account, month, total, _ in listed]
    return int(listed[0][4]) if listed else 0


def _unknown_accounts(con, source: SourceFile, scan: str, version: int | None, problems: list[Problem]) -> int:
    """Warn once per account id missing from the version's accounts table; return how many."""
    version = store.current_version(con) if version is None else version
    if version is None or not store.has_table(con, "accounts", version):
        return 0
    with store.cursor(con, version) as cur:
        # Group first: a usage file has millions of rows but only thousands of accounts.
        listed = cur.execute(f"""
            WITH ids AS (SELECT "__e_account_id" AS account_id, min(__row) AS first_row, count(*) AS n
                         FROM {scan} WHERE "__e_account_id" IS NOT NULL GROUP BY 1)
            SELECT account_id, first_row, n, count(*) OVER () FROM ids
            WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.account_id = ids.account_id)
            ORDER BY first_row LIMIT {MAX_LISTED}""").fetchall()
    problems += [unknown_account(source.name, int(first), account, n) for account, first, n, _ in listed]
    return int(listed[0][3]) if listed else 0


def unknown_account(file: str, row: int, account, rows: int) -> Problem:
    """The warning for an account id that the accounts table lacks (``rows`` rows carry it)."""
    count = Msg("ingest.one_row") if rows == 1 else Msg("ingest.rows", n=f"{rows:,}")
    return Problem(file, row, "account_id", Msg("ingest.unknown_account", account=short(account), rows=count),
                   "warning")
