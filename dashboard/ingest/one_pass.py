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

from pathlib import Path

import duckdb

from dashboard import parsing, schema, store
from dashboard.access import Identity
from dashboard.ingest import validation

# Column kinds the CSV reader types itself; others (bool) need ingest's parsers.
# Dates are read as text and converted by ingest's own rule: the reader's DATE would take a time
# of day such as 99:99:99 that the staged path (and the calendar) refuses.
_READ_AS = {"id": "VARCHAR", "text": "VARCHAR", "date": "VARCHAR", "month": "VARCHAR", "amount": "DOUBLE",
            "number": "DOUBLE"}
MAX_WARNINGS = 50
_TEXT = " (text)"  # the inner select's name for a date column's text


class _Fallback(Exception):
    """The file needs the staged path; the transaction is rolled back."""


def try_load(con: duckdb.DuckDBPyConnection, path: Path, name: str, *, table: str, delim: str,
             columns: list[str], chosen: dict[str, str], lines: int,
             currency: str | None = None, by: Identity) -> tuple[int, int, list] | None:
    """Load ``path`` (UTF-8 text, header ``columns``, ``lines`` lines after the header) as ``table``
    with ``chosen`` (canonical -> source column) in one transaction. Returns (version, rows, warnings
    as (row, account_id, rows, total)) or None when the staged path must handle the file; never
    leaves anything behind."""
    spec = schema.table(table)
    if set(chosen) - set(spec.column_names):
        return None  # amount + interval_months, or a column the table lacks
    kinds = {canonical: spec.column(canonical).kind for canonical in chosen}
    if any(kind not in _READ_AS for kind in kinds.values()):
        return None
    source_kind = {chosen[c]: kinds[c] for c in chosen}
    types = {col: _READ_AS.get(source_kind.get(col, "text"), "VARCHAR") for col in columns}
    # The first value the reader cannot convert stops it (and rolls the load back): nothing is
    # kept of rejected rows, which the staged path reports anyway. (A rejects table would hold
    # every rejected line, error text and all: gigabytes when a whole column needs our parsers.)
    reader = ("read_csv($path, header = true, auto_detect = false, delim = $delim, quote = '\"', escape = '\"', "
              "columns = $columns)")
    params = {"path": str(path), "delim": delim, "columns": types}
    relation = _relation(spec, chosen, kinds, reader)
    warnings: list = []

    def check(cur: duckdb.DuckDBPyConnection, target: str) -> None:
        rows = _check(cur, f"{target}.{store.quote(spec.name)}", spec, kinds, lines)
        warnings.extend(_unknown_accounts(cur, f"{target}.{store.quote(spec.name)}", spec))
        check.rows = rows

    try:
        version = store.commit(con, [store.Load(spec.name, relation, name, params, currency)], check=check, by=by)
    except (_Fallback, duckdb.Error):
        return None
    return version, check.rows, warnings


def _relation(spec: schema.Table, chosen: dict[str, str], kinds: dict[str, str], reader: str) -> str:
    """SQL: the reader's rows as the table's columns. A date column is parsed once, in the inner select
    (its text kept beside it), and checked in the outer one."""
    inner, outer = [], []
    for c in spec.columns:
        name = store.quote(c.name)
        if c.name not in chosen:
            inner.append(f"CAST(NULL AS {schema.SQL_TYPES[c.kind]}) AS {name}")
            outer.append(name)
            continue
        ref = store.quote(chosen[c.name])
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


def _check(cur, target: str, spec: schema.Table, kinds: dict[str, str], lines: int) -> int:
    bad = [f"{store.quote(c.name)} IS NULL" for c in spec.columns if c.required and c.name in kinds]
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
