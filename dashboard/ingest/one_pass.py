"""One-pass load of a clean CSV file: read, convert, check and commit in one transaction.

``ingest.ingest_file`` (the CLI and scheduled loads) tries this first. DuckDB's CSV reader parses
the typed columns straight into the new version's table and the checks run on that table inside
the commit transaction, so a clean file is read once, as a bare ``read_csv`` would read it.
Anything unusual (a value the reader rejects, a failed check, blank or multi-line rows, text
that needs our own parsers such as ``1,200`` or ``2024/1/5``) rolls the transaction back and
returns None; the caller then runs the staged path, which reports every problem with its row
and column. Both paths produce the same table for a clean file (tests/test_ingest.py), and a value
breaks the same rules on both (:func:`dashboard.ingest.validation.refused`).
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from dashboard import parsing, schema, store
from dashboard.access import Identity
from dashboard.ingest import validation

# Column kinds the CSV reader types itself; others (bool) need ingest's parsers.
# Dates are read as text and converted by ingest's own rule (the reader's default DATE parse takes
# texts the grammar refuses, such as a time of day 99:99:99 or the year 02024), except below.
_READ_AS = {"id": "VARCHAR", "text": "VARCHAR", "date": "VARCHAR", "month": "VARCHAR", "amount": "DOUBLE",
            "number": "DOUBLE"}
MAX_WARNINGS = 50
_TEXT = " (text)"  # the inner select's name for a date column's text
# Dates in a plain ISO shape are parsed by the reader itself, as DATE with one format (a fifth of a
# usage file's load: a cast of the text costs more than the reader's own parse). Its strptime takes, for
# these formats, spaces, then 1-4 digits, '-', 1-2 digits (and '-', 1-2 digits), then spaces; and the
# words infinity, -infinity and epoch, which it returns as 1900-01-01. The grammar takes the same shapes
# with exactly four digits of year, to the same date. So a date the reader returns is the grammar's
# unless its year is below 1000 (fewer digits, or a leading 0) or it is 1900-01-01 (perhaps a word):
# :data:`_NATIVE_DOUBT` sends those loads back to the text read, which parses them by the grammar.
# (tests/test_ingest_native_dates.py holds the reader to this.)
_NATIVE_FORMATS = (("%Y-%m-%d", re.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"), ("date", "month")),
                   ("%Y-%m", re.compile("[0-9]{4}-[0-9]{1,2}"), ("month",)))
_NATIVE_DOUBT = "({col} < DATE '1000-01-01' OR {col} = DATE '1900-01-01')"


class _Fallback(Exception):
    """The file needs the staged path; the transaction is rolled back."""


def try_load(con: duckdb.DuckDBPyConnection, path: Path, name: str, *, table: str, delim: str,
             columns: list[str], chosen: dict[str, str], lines: int, sample: dict[str, str] | None = None,
             currency: str | None = None, by: Identity) -> tuple[int, int, list] | None:
    """Load ``path`` (UTF-8 text, header ``columns``, ``lines`` lines after the header) as ``table``
    with ``chosen`` (canonical -> source column) in one transaction. Returns (version, rows, warnings
    as (row, account_id, rows, total)) or None when the staged path must handle the file; never
    leaves anything behind. ``sample`` (source column -> its first value) picks the date columns the
    reader parses itself; when that load fails, the dates are read as text and parsed by the grammar."""
    spec = schema.table(table)
    if set(chosen) - set(spec.column_names):
        return None  # amount + interval_months, or a column the table lacks
    kinds = {canonical: spec.column(canonical).kind for canonical in chosen}
    if any(kind not in _READ_AS for kind in kinds.values()):
        return None
    native, form = native_dates(kinds, chosen, sample or {})
    for dates in ([native, frozenset()] if native else [frozenset()]):
        result = _load(con, path, name, spec, delim, columns, chosen, kinds, lines, dates, form, currency, by)
        if result is not None:
            return result
    return None


def native_dates(kinds: dict[str, str], chosen: dict[str, str], sample: dict[str, str]) -> tuple[frozenset[str], str]:
    """The date and month columns (canonical names) whose first value has a shape of
    :data:`_NATIVE_FORMATS`, all in the format of the first such column, and that format."""
    form, native = "", []
    for canonical, kind in kinds.items():
        if kind not in ("date", "month"):
            continue
        value = (sample.get(chosen[canonical]) or "").strip(parsing.SPACES)
        shapes = [fmt for fmt, shape, fits in _NATIVE_FORMATS if kind in fits and shape.fullmatch(value)]
        if shapes and shapes[0] == (form or shapes[0]):
            form = shapes[0]
            native.append(canonical)
    return frozenset(native), form


def _load(con, path: Path, name: str, spec: schema.Table, delim: str, columns: list[str], chosen: dict[str, str],
          kinds: dict[str, str], lines: int, native: frozenset[str], form: str, currency: str | None,
          by: Identity) -> tuple[int, int, list] | None:
    """One attempt of :func:`try_load`, the columns in ``native`` read as DATE in the format ``form``."""
    source_kind = {chosen[c]: kinds[c] for c in chosen}
    types = {col: _READ_AS.get(source_kind.get(col, "text"), "VARCHAR") for col in columns}
    types.update({chosen[c]: "DATE" for c in native})
    # The first value the reader cannot convert stops it (and rolls the load back): nothing is
    # kept of rejected rows, which the staged path reports anyway. (A rejects table would hold
    # every rejected line, error text and all: gigabytes when a whole column needs our parsers.)
    reader = ("read_csv($path, header = true, auto_detect = false, delim = $delim, quote = '\"', escape = '\"', "
              "columns = $columns" + (", dateformat = $dateformat)" if native else ")"))
    params = {"path": str(path), "delim": delim, "columns": types, **({"dateformat": form} if native else {})}
    relation = _relation(spec, chosen, kinds, reader, native)
    warnings: list = []

    def check(cur: duckdb.DuckDBPyConnection, target: str) -> None:
        rows = _check(cur, f"{target}.{store.quote(spec.name)}", spec, kinds, lines, native)
        warnings.extend(_unknown_accounts(cur, f"{target}.{store.quote(spec.name)}", spec))
        check.rows = rows

    try:
        version = store.commit(con, [store.Load(spec.name, relation, name, params, currency)], check=check, by=by)
    except (_Fallback, duckdb.Error):
        return None
    return version, check.rows, warnings


def _relation(spec: schema.Table, chosen: dict[str, str], kinds: dict[str, str], reader: str,
              native: frozenset[str] = frozenset()) -> str:
    """SQL: the reader's rows as the table's columns. A date column read as text is parsed once, in the
    inner select (its text kept beside it), and checked in the outer one; one in ``native`` the reader
    parsed (a month column's date is taken to its month's first day)."""
    inner, outer = [], []
    for c in spec.columns:
        name = store.quote(c.name)
        if c.name not in chosen:
            inner.append(f"CAST(NULL AS {schema.SQL_TYPES[c.kind]}) AS {name}")
            outer.append(name)
            continue
        ref = store.quote(chosen[c.name])
        if c.name in native:
            value = f"CAST(date_trunc('month', {ref}) AS DATE)" if kinds[c.name] == "month" else ref
            inner.append(f"{value} AS {name}")
            outer.append(name)
            continue
        inner.append(f"{_parsed(kinds[c.name], ref)} AS {name}")
        if kinds[c.name] in ("date", "month"):
            text = store.quote(c.name + _TEXT)
            inner.append(f"{ref} AS {text}")
            outer.append(f"{_checked(name, text)} AS {name}")
        else:
            outer.append(name)
    return f"(SELECT {', '.join(outer)} FROM (SELECT {', '.join(inner)} FROM {reader}))"


def _parsed(kind: str, ref: str) -> str:
    """SQL turning the reader's value into the stored one (NULL where a date's text is no date)."""
    if kind in ("date", "month"):
        return parsing.date_sql(ref) if kind == "date" else parsing.month_sql(ref)
    return ref


def _checked(parsed: str, text: str) -> str:
    """SQL: the parsed date, or an error where its text was refused: the load stops and the staged path
    then reports the value with its row."""
    return f"CASE WHEN {text} IS NOT NULL AND {parsed} IS NULL THEN error('not a date') ELSE {parsed} END"


def _check(cur, target: str, spec: schema.Table, kinds: dict[str, str], lines: int,
           native: frozenset[str] = frozenset()) -> int:
    bad = [f"{store.quote(c.name)} IS NULL" for c in spec.columns if c.required and c.name in kinds]
    bad += [_NATIVE_DOUBT.format(col=store.quote(c)) for c in sorted(native)]
    bad += [condition for c in kinds for _, condition in validation.refused(spec.name, c, store.quote(c))]
    # the staged path's own checks: an mrr_monthly credit line (its month sum), a value that is no
    # finite number
    bad += ['"mrr" < 0' for c in kinds if spec.name == "mrr_monthly" and c == "mrr"]
    bad += [f"NOT isfinite({store.quote(c)})" for c, k in kinds.items() if k in ("amount", "number")]
    bad += [f"{store.quote(c)} < DATE '0001-01-01'" for c, k in kinds.items() if k in ("date", "month")]
    # Text is stored as read; padded or empty text needs ingest's trimming.
    bad += [f"starts_with({store.quote(c)}, ' ') OR ends_with({store.quote(c)}, ' ') OR {store.quote(c)} = ''"
            for c, k in kinds.items() if k in ("id", "text")]
    if "start_date" in kinds and "end_date" in kinds:
        bad.append('"end_date" < "start_date"')
    condition = " OR ".join(f"({b})" for b in bad) or "false"
    uniques = "".join(f", count(DISTINCT {store.quote(c)}) = count({store.quote(c)})" for c in spec.unique
                      if c in kinds)
    rows, failing, *unique_ok = cur.execute(
        f"SELECT count(*), count(*) FILTER (WHERE {condition}){uniques} FROM {target}").fetchall()[0]
    if rows == 0 or rows != lines or failing or not all(unique_ok):
        raise _Fallback("a check failed")
    return int(rows)


def _unknown_accounts(cur, target: str, spec: schema.Table) -> list[tuple[int, str, int, int]]:
    """(first row, account_id, rows, how many ids in all) of ids missing from the current version's accounts."""
    if spec.name not in ("subscriptions", "mrr_monthly", "usage", "churn_reasons"):
        return []
    base = cur.execute("SELECT version FROM meta.current WHERE id = 1").fetchall()
    if not base:
        return []
    home = cur.execute("SELECT home_version FROM meta.version_tables WHERE version = ? AND table_name = 'accounts'",
                       [base[0][0]]).fetchall()
    if not home:
        return []
    accounts = f"{store.schema_name(home[0][0])}.accounts"
    # rowid follows file order (insertion order is preserved; rows not yet committed count from
    # an offset), and the row count matched the file's lines, so the spreadsheet row is
    # rowid - first rowid + 2.
    return [(int(first), account, int(n), int(total)) for first, account, n, total in cur.execute(f"""
        WITH ids AS (SELECT account_id, min(rowid) - (SELECT min(rowid) FROM {target}) + 2 AS first_row,
                            count(*) AS n FROM {target} GROUP BY 1)
        SELECT first_row, account_id, n, count(*) OVER () FROM ids
        WHERE NOT EXISTS (SELECT 1 FROM {accounts} a WHERE a.account_id = ids.account_id)
        ORDER BY first_row LIMIT {MAX_WARNINGS}""").fetchall()]
