"""Read CSV / TSV / Excel / Parquet files, map their columns onto a canonical table, validate, load.

The flow is ``read_source`` (raw text rows into a staging table) -> ``suggest_mapping`` ->
``prepare`` (one validation pass in DuckDB; a view that converts the rows) -> ``load`` (one
``store.commit``). Nothing touches a dataset version before ``load``.

Staging lives in an in-memory database attached as ``cs_ingest`` (schema ``staging``), shared by
every cursor of the connection: writing 10 million raw text rows to the database file costs
more than reading the CSV, and staging rows never need to survive a restart. A source's
``relation`` is a view adding ``__row`` (the row number the user sees in Excel, header = 1) to
its rows table; a prepared ``relation`` is a view over the source, so the converted rows are
written once, by the commit.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import python_calamine

from dashboard import bulk, parsing, schema, store, textfile
from dashboard.i18n import Msg, in_language

SUPPORTED = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".parquet")
STAGING_DB = "cs_ingest"
STAGING = f"{STAGING_DB}.staging"
_HEAD_BYTES = textfile.HEAD
_TEXT = (".csv", ".tsv", ".txt")


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) in a file; row is the Excel row (header = 1)."""

    file: str
    row: int | None
    column: str | None
    message: str          # a catalogue message (dashboard.i18n.Msg): English text that can be re-said
    severity: str = "error"

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str) -> str:
        """The problem as one line in ``lang``: ``FILE row N column C: what is wrong``."""
        where = "".join((Msg("ingest.where_row", row=self.row).to(lang) if self.row is not None else "",
                         Msg("ingest.where_column", column=self.column).to(lang) if self.column is not None else ""))
        return Msg("ingest.problem", file=self.file, where=where, message=in_language(self.message, lang)).to(lang)

    def severity_word(self, lang: str) -> str:
        return Msg(f"ingest.severity.{self.severity}").to(lang)


class IngestError(Exception):
    """A file that cannot be read or loaded; ``problems`` says why, the first one is str()."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(str(self.problems[0]) if self.problems else "ingest failed")

    def to_language(self, lang: str) -> str:
        return self.problems[0].text(lang) if self.problems else str(self)


def _fail(file: str, message: Msg, *, row: int | None = None, column: str | None = None) -> IngestError:
    return IngestError([Problem(file, row, column, message)])


@dataclass
class SourceFile:
    """A file as read, before mapping: raw text rows in ``relation`` (a staging view)."""

    name: str
    columns: list[str]
    encoding: str | None
    sheet: str | None
    relation: str
    rows: int
    kind: str = "csv"           # csv, xlsx or parquet: xlsx also reads Excel day numbers as dates
    rows_table: str = ""        # the staging table behind ``relation``


@dataclass
class Prepared:
    """A source mapped onto a canonical table and validated; ``relation`` is a staging view with
    exactly the table's canonical columns and types."""

    table: str
    source_file: str
    relation: str
    rows: int
    problems: list[Problem]
    error_count: int
    warning_count: int
    source_relations: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def preview(self, con: duckdb.DuckDBPyConnection, n: int = 20) -> pd.DataFrame:
        """The first ``n`` converted rows, canonical columns."""
        with _cursor(con) as cur:
            return cur.execute(f"SELECT * FROM {self.relation} LIMIT ?", [int(n)]).df()


@contextmanager
def _cursor(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    cur = con.cursor()
    try:
        yield cur
    finally:
        cur.close()


def _staging_name(prefix: str) -> str:
    return f'{STAGING}."{prefix}_{uuid.uuid4().hex}"'


def _attach_staging(con: duckdb.DuckDBPyConnection) -> None:
    with _cursor(con) as cur:
        cur.execute(f"ATTACH IF NOT EXISTS ':memory:' AS {STAGING_DB}")
        cur.execute(f"CREATE SCHEMA IF NOT EXISTS {STAGING}")


def clear_staging(con: duckdb.DuckDBPyConnection) -> None:
    """Drop every table and view in the staging schemas (the file's and the in-memory one)."""
    _attach_staging(con)
    with _cursor(con) as cur:
        found = cur.execute("""
            SELECT database_name, view_name, 'VIEW' FROM duckdb_views()
            WHERE schema_name = 'staging' AND NOT internal
            UNION ALL
            SELECT database_name, table_name, 'TABLE' FROM duckdb_tables() WHERE schema_name = 'staging'
            ORDER BY 3 DESC""").fetchall()
        for database, name, kind in found:
            cur.execute(f"DROP {kind} IF EXISTS {store.quote(database)}.staging.{store.quote(name)}")


def discard(con: duckdb.DuckDBPyConnection, *objs: SourceFile | Prepared | str | None) -> None:
    """Drop the staging relations of SourceFile / Prepared objects (missing ones are ignored).
    Discarding a Prepared keeps its source; discarding a source breaks the Prepared built on it."""
    with _cursor(con) as cur:
        for obj in objs:
            if isinstance(obj, SourceFile):
                cur.execute(f"DROP VIEW IF EXISTS {obj.relation}")
                if obj.rows_table:
                    cur.execute(f"DROP TABLE IF EXISTS {obj.rows_table}")
            elif isinstance(obj, Prepared):
                cur.execute(f"DROP VIEW IF EXISTS {obj.relation}")
            elif isinstance(obj, str) and obj.startswith(STAGING + "."):
                # DuckDB refuses DROP VIEW on a table (and the reverse), even with IF EXISTS.
                try:
                    cur.execute(f"DROP VIEW IF EXISTS {obj}")
                except duckdb.CatalogException:
                    cur.execute(f"DROP TABLE IF EXISTS {obj}")


# Reading files.

def _extension(name: str) -> str:
    ext = os.path.splitext(name)[1].lower()
    if ext not in SUPPORTED:
        raise _fail(name, Msg("ingest.unsupported", ext=ext or Msg("ingest.no_extension"), types=", ".join(SUPPORTED)))
    return ext


def sheet_names(name: str, data: bytes) -> list[str]:
    """The worksheet names of an Excel workbook, in workbook order."""
    if _extension(name) not in (".xlsx", ".xlsm"):
        raise _fail(name, Msg("ingest.no_sheets"))
    try:
        return list(python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names)
    except Exception as exc:  # calamine raises several unrelated types for damaged files
        raise _fail(name, Msg("ingest.bad_excel", reason=str(exc))) from exc


def read_source(con: duckdb.DuckDBPyConnection, name: str, data: bytes, *, sheet: str | None = None) -> SourceFile:
    """Read an uploaded file into a staging relation and return its description."""
    return _read(con, name, data, sheet=sheet, path=None)


def _read(con, name: str, data: bytes | None, *, sheet: str | None, path: Path | None,
          scan: textfile.Scan | None = None, table: str | None = None) -> SourceFile:
    """Read ``data``, or for a text file given no data the file at ``path`` (read in chunks, never
    whole: ``scan`` is its textfile.scan when the caller has it). A workbook read with no ``sheet``
    for ``table`` starts on the sheet named for the table (:func:`schema.default_sheet`)."""
    ext = _extension(name)
    if ext in _TEXT:
        chunks = textfile.chunks(data, None if data is not None else path)
        scan = scan or textfile.scan(chunks)
        if scan.blank:
            raise _fail(name, Msg("ingest.empty"))
        _attach_staging(con)
        return _read_text(con, name, chunks, scan, path if data is None else None)
    if not data.strip():
        raise _fail(name, Msg("ingest.empty"))
    _attach_staging(con)
    if ext in (".xlsx", ".xlsm"):
        return _read_excel(con, name, data, sheet, table)
    return _read_parquet(con, name, data)


def _check_header(name: str, columns: list[str], *, row: int = 1) -> None:
    problems, seen = [], {}
    for i, col in enumerate(columns, start=1):
        if not col:
            problems.append(Problem(name, row, None, Msg("ingest.header_blank", index=i)))
        elif col.casefold() in seen:
            problems.append(Problem(name, row, col, Msg("ingest.header_twice", header=repr(col),
                                                       first=seen[col.casefold()], second=i)))
        elif col == "__row":
            problems.append(Problem(name, row, col, Msg("ingest.header_reserved")))
        else:
            seen[col.casefold()] = i
    if problems:
        raise IngestError(problems)


def _read_text(con, name: str, chunks: textfile.Chunks, scan: textfile.Scan, path: Path | None) -> SourceFile:
    """A CSV into staging. DuckDB reads UTF-8 files only: a UTF-8 file on disk is read where it
    is; other encodings (transcoded chunk by chunk) and uploads go through a temp copy."""
    temp = None
    try:
        if scan.utf8:
            head = scan.head.decode("utf-8", errors="ignore")
            complete = scan.size <= _HEAD_BYTES
        if path is None or not scan.utf8:
            fd, temp = tempfile.mkstemp(suffix=".csv", prefix="cs_ingest_")
            with os.fdopen(fd, "wb") as out:
                if scan.utf8:
                    for chunk in chunks():
                        out.write(chunk)
                else:
                    try:
                        head, complete = textfile.to_utf8(chunks, scan.encoding, out)
                    except textfile.Undecodable as exc:
                        raise _fail(name, Msg("ingest.undecodable"), row=exc.row) from exc
            path = Path(temp)
        sniffed = parsing.sniff_csv(head, complete=complete, prefer_tab=name.lower().endswith((".tsv", ".txt")))
        if sniffed is None:
            raise _fail(name, Msg("ingest.empty"))
        delim, columns = sniffed
        _check_header(name, columns)
        rows_table = _staging_name("s")
        _copy_csv(con, name, path, rows_table, delim, columns)
    finally:
        if temp:
            os.unlink(temp)
    return _source(con, name, columns, scan.encoding, None, rows_table, "csv", first_row=2)


def _copy_csv(con, name: str, path: Path, rows_table: str, delim: str, columns: list[str]) -> None:
    sql = (f"CREATE TABLE {rows_table} AS SELECT * FROM read_csv($path, header = true, delim = $delim, "
           "quote = '\"', escape = '\"', columns = $columns, auto_detect = false)")
    params = {"path": str(path), "delim": delim, "columns": {c: "VARCHAR" for c in columns}}
    # A row with fewer (or more) values than the header is refused, never padded: a delimiter that
    # changes part-way through the file would otherwise load a whole row as one id.
    with _cursor(con) as cur:
        try:
            cur.execute(sql, params)
        except duckdb.Error as exc:
            raise _csv_error(name, exc) from exc


def _csv_error(name: str, exc: duckdb.Error) -> IngestError:
    text = str(exc)
    line = re.search(r"Line: (\d+)", text)
    found = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text)
    too_long = re.search(r"Maximum line size of (\d+) bytes exceeded\. Actual Size:\s*(\d+)", text)
    if found:
        message = Msg("ingest.field_count", found=found[2], expected=found[1])
    elif "unterminated quote" in text:
        message = Msg("ingest.unclosed_quote")
    elif too_long:
        message = Msg("ingest.line_too_long", size=f"{int(too_long[2]):,}", limit=f"{int(too_long[1]):,}")
    else:
        message = Msg("ingest.bad_csv", reason=_csv_reason(text))
    return _fail(name, message, row=int(line[1]) if line else None)


def _csv_reason(text: str) -> str:
    """The reader's own reason from a DuckDB CSV error: the first line after the quoted original line."""
    lines = text.splitlines()
    after = next((i for i, line in enumerate(lines) if line.startswith("Original Line")), None)
    if after is not None:
        reason = next((line.strip() for line in lines[after + 1:] if line.strip()), "")
        if reason and not reason.startswith(("Possible", "file =")):
            return reason
    return lines[0] if lines else text


def _read_excel(con, name: str, data: bytes, sheet: str | None, table: str | None = None) -> SourceFile:
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
        if sheet is None and table is not None and names:
            sheet = names[schema.default_sheet(names, table)]
        if sheet is not None and sheet not in names:
            raise _fail(name, Msg("ingest.no_such_sheet", sheet=repr(sheet), names=", ".join(names)))
        ws = book.get_sheet_by_name(sheet) if sheet is not None else book.get_sheet_by_index(0)
        cells = ws.to_python()
        top = ws.start[0] if cells and ws.start else 0
    except IngestError:
        raise
    except Exception as exc:  # calamine raises several unrelated types for damaged files
        raise _fail(name, Msg("ingest.bad_excel", reason=str(exc))) from exc
    sheet = ws.name
    if not cells:
        raise _fail(name, Msg("ingest.sheet_empty", sheet=repr(sheet)))
    columns = [(parsing.cell_text(c) or "").strip() for c in cells[0]]
    _check_header(name, columns, row=top + 1)
    body = cells[1:]
    if not any(parsing.cell_text(c) is not None for row in body for c in row):
        raise _fail(name, Msg("ingest.sheet_no_rows", sheet=repr(sheet)))
    frame = pa.table({f"c{i}": pa.array([parsing.cell_text(row[i]) if i < len(row) else None for row in body],
                                        pa.string()) for i in range(len(columns))})
    rows_table = _staging_name("s")
    select = ", ".join(f"c{i} AS {store.quote(col)}" for i, col in enumerate(columns))
    with _cursor(con) as cur:
        cur.register("_ingest_frame", frame)
        cur.execute(f"CREATE TABLE {rows_table} AS SELECT {select} FROM _ingest_frame")
        cur.unregister("_ingest_frame")
    return _source(con, name, columns, None, sheet, rows_table, "xlsx", first_row=top + 2)


def _parquet_text(col: str, sql_type: str) -> str:
    ref = store.quote(col)
    if sql_type in ("FLOAT", "DOUBLE"):
        # Whole numbers without '.0', as from Excel: an id stored as 123.0 reads '123'.
        return (f"CASE WHEN {ref} = trunc({ref}) AND abs({ref}) < 1e15 "
                f"THEN CAST(CAST({ref} AS BIGINT) AS VARCHAR) ELSE CAST({ref} AS VARCHAR) END")
    return f"CAST({ref} AS VARCHAR)"


def _read_parquet(con, name: str, data: bytes) -> SourceFile:
    fd, temp = tempfile.mkstemp(suffix=".parquet", prefix="cs_ingest_")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    rows_table = _staging_name("s")
    try:
        with _cursor(con) as cur:
            try:
                described = cur.execute("DESCRIBE SELECT * FROM read_parquet(?)", [temp]).fetchall()
            except duckdb.Error as exc:
                raise _fail(name, Msg("ingest.bad_parquet", reason=str(exc).splitlines()[0])) from exc
            columns = [col for col, *_ in described]
            _check_header(name, [c.strip() for c in columns])
            select = ", ".join(f"{_parquet_text(col, typ)} AS {store.quote(col.strip())}"
                               for col, typ, *_ in described)
            cur.execute(f"CREATE TABLE {rows_table} AS SELECT {select} FROM read_parquet(?)", [temp])
    finally:
        os.unlink(temp)
    return _source(con, name, [c.strip() for c in columns], None, None, rows_table, "parquet", first_row=2)


def _source(con, name: str, columns: list[str], encoding: str | None, sheet: str | None,
            rows_table: str, kind: str, *, first_row: int) -> SourceFile:
    relation = rows_table[:-1] + '_v"'
    with _cursor(con) as cur:
        # rowid follows file order: the copy preserves insertion order.
        cur.execute(f"CREATE VIEW {relation} AS SELECT *, rowid + {int(first_row)} AS __row FROM {rows_table}")
        rows = int(cur.execute(f"SELECT count(*) FROM {rows_table}").fetchall()[0][0])
    source = SourceFile(name, columns, encoding, sheet, relation, rows, kind, rows_table)
    if rows == 0:
        discard(con, source)
        raise _fail(name, Msg("ingest.no_rows"))
    return source


# Mapping.

AMOUNT, INTERVAL = "amount", "interval_months"   # subscriptions: mrr = amount / interval_months
MAX_AMOUNT = schema.MAX_AMOUNT
_PSEUDO = {AMOUNT: schema.Column(AMOUNT, "amount"), INTERVAL: schema.Column(INTERVAL, "number")}


def _targets(table: str) -> list[tuple[str, tuple[str, ...]]]:
    spec = schema.table(table)
    return [(c.name, c.synonyms) for c in spec.columns]


def _match(targets: list[tuple[str, tuple[str, ...]]], columns: list[str], taken: dict[str, str]) -> None:
    """Add source -> canonical pairs to ``taken``: exact names before synonyms, earlier synonyms
    and earlier file columns first, a header's bracketed unit dropped last; one source per
    canonical column and vice versa."""
    index: dict[str, list[tuple[int, int, str]]] = {}
    for order, (canonical, synonyms) in enumerate(targets):
        index.setdefault(parsing.header_key(canonical), []).append((0, order, canonical))
        for rank, synonym in enumerate(synonyms, start=1):
            index.setdefault(parsing.header_key(synonym), []).append((rank, order, canonical))
    # A header with a unit in brackets (月額（円）) matches by its stem, after every whole-name match.
    stems = {src: parsing.header_stem(src) for src in columns}
    candidates = sorted([(False, rank, position, order, src, canonical)
                         for position, src in enumerate(columns)
                         for rank, order, canonical in index.get(parsing.header_key(src), ())]
                        + [(True, rank, position, order, src, canonical)
                           for position, src in enumerate(columns) if stems[src]
                           for rank, order, canonical in index.get(stems[src], ())])
    for *_, src, canonical in candidates:
        if src not in taken and canonical not in taken.values():
            taken[src] = canonical


def suggest_mapping(table: str, columns: list[str]) -> dict[str, str]:
    """Source column -> canonical column for the file columns recognised by name or synonym.
    For subscriptions without an mrr column also amount / interval_months (mrr = amount /
    interval_months)."""
    taken: dict[str, str] = {}
    _match(_targets(table), columns, taken)
    if table == "subscriptions" and "mrr" not in taken.values():
        _match([(AMOUNT, schema.SUBSCRIPTION_AMOUNT_SYNONYMS),
                (INTERVAL, schema.SUBSCRIPTION_INTERVAL_SYNONYMS)], columns, taken)
    return taken


def _resolve(source: SourceFile, spec: schema.Table, mapping: dict[str, str]) -> tuple[dict[str, str], list[Problem]]:
    """(canonical or pseudo column -> source column, mapping problems)."""
    problems, chosen = [], {}
    allowed = set(spec.column_names) | (set(_PSEUDO) if spec.name == "subscriptions" else set())
    for src, canonical in mapping.items():
        if src not in source.columns:
            problems.append(Problem(source.name, None, canonical, Msg("ingest.map_not_in_file", source=repr(src))))
        elif canonical not in allowed:
            problems.append(Problem(source.name, None, src, Msg("ingest.map_no_column", table=spec.name,
                                                                   column=repr(canonical))))
        elif canonical in chosen:
            problems.append(Problem(source.name, None, canonical, Msg("ingest.map_twice", first=repr(chosen[canonical]),
                                                                         second=repr(src), column=canonical)))
        else:
            chosen[canonical] = src
    if "mrr" in chosen and (AMOUNT in chosen or INTERVAL in chosen):
        problems += [Problem(source.name, None, c, Msg("ingest.map_ignored", source=repr(chosen["mrr"])), "warning")
                     for c in (AMOUNT, INTERVAL) if chosen.pop(c, None)]
    unmapped = [c for c in source.columns if c not in chosen.values()]
    hint = (Msg("ingest.hint_unmapped", columns=", ".join(unmapped)) if unmapped
            else Msg("ingest.hint_all_mapped"))
    for col in spec.columns:
        if not col.required or col.name in chosen:
            continue
        if col.name == "mrr" and spec.name == "subscriptions":
            if AMOUNT in chosen and INTERVAL in chosen:
                continue
            lacking = [c for c in (AMOUNT, INTERVAL) if c not in chosen]
            message = Msg("ingest.mrr_missing", lacking=Msg("ingest.and").join(lacking), hint=hint)
        else:
            message = Msg("ingest.required_missing", column=col.name, hint=hint)
        problems.append(Problem(source.name, None, col.name, message))
    return chosen, problems


# Validation: one scan counts every problem; only failing checks are listed, by row.

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
        return Msg(self.key, **dict(self.values), value=_short(value), other=_short(other))


def _short(value) -> str:
    text = "" if value is None else str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _checks(spec: schema.Table, chosen: dict[str, str]) -> list[_Check]:
    checks = []
    for name, src in chosen.items():
        col = _PSEUDO[name] if name in _PSEUDO else spec.column(name)
        ref, value = store.quote(src), store.quote(f"__e_{name}")
        label = name if src == name else f"{src} ({name})"
        typed = col.kind not in ("id", "text")
        if col.required or name in _PSEUDO:
            empty = (f"CASE WHEN {value} IS NOT NULL THEN false WHEN {ref} IS NULL THEN true "
                     f"ELSE {parsing.blank_sql(ref)} END" if typed else f"{value} IS NULL")
            checks.append(_Check(name, empty, "ingest.value_empty", (("label", label),)))
        if typed:
            # Lazy: the blank test only runs on the few rows that did not parse.
            bad = f"CASE WHEN {value} IS NOT NULL OR {ref} IS NULL THEN false ELSE NOT {parsing.blank_sql(ref)} END"
            checks.append(_Check(name, bad, _NOT_A[col.kind], (("label", label),)))
        if col.kind == "amount":
            checks.append(_Check(name, f"abs({value}) >= {MAX_AMOUNT:.0e}", "ingest.too_large",
                                 (("label", label), ("limit", f"{MAX_AMOUNT:.0e}"))))
        if col.kind == "amount" and not (spec.name == "mrr_monthly" and name == "mrr"):
            # (mrr_monthly lines may be credit notes: its month sums are checked in _negative_months)
            what = "MRR" if name in ("mrr", AMOUNT) else name
            checks.append(_Check(name, f"{value} < 0", "ingest.negative", (("column", what),)))
        if name == INTERVAL:
            checks.append(_Check(name, f"{value} <= 0", "ingest.interval_positive", (("label", label),)))
    if spec.name == "subscriptions" and "mrr" not in chosen and AMOUNT in chosen and INTERVAL in chosen:
        checks.append(_Check(AMOUNT, f'abs("__e_mrr") >= {MAX_AMOUNT:.0e}', "ingest.derived_too_large",
                             (("limit", f"{MAX_AMOUNT:.0e}"),), store.quote(chosen[INTERVAL])))
    if "start_date" in chosen and "end_date" in chosen:
        checks.append(_Check("end_date", '"__e_end_date" < "__e_start_date"', "ingest.end_before_start",
                             other=store.quote(chosen["start_date"])))
    return checks


def _expressions(spec: schema.Table, chosen: dict[str, str], serials: bool) -> dict[str, str]:
    """Canonical or pseudo column -> SQL converting its raw text (NULL when not in the file)."""
    exprs = {name: parsing.value_sql((_PSEUDO[name] if name in _PSEUDO else spec.column(name)).kind,
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
        raise _fail(source.name, Msg("ingest.unknown_table", table=repr(table), tables=", ".join(schema.TABLES))) from None
    chosen, problems = _resolve(source, spec, mapping)
    exprs = _expressions(spec, chosen, source.kind == "xlsx")
    checks = _checks(spec, chosen)
    filled = f"coalesce({', '.join(store.quote(c) for c in source.columns)}) IS NOT NULL"
    scan = (f"(SELECT __row, {', '.join(store.quote(c) for c in source.columns)}"
            + "".join(f", {sql} AS {store.quote('__e_' + name)}" for name, sql in exprs.items())
            + f" FROM {source.relation} WHERE {filled})")
    with _cursor(con) as cur:
        counts = cur.execute(f"SELECT count(*){''.join(f', count(*) FILTER (WHERE {c.condition})' for c in checks)} "
                             f"FROM {scan}").fetchall()[0]
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
    relation = _staging_name("p")
    select = ", ".join(f"CAST({exprs.get(c.name, 'NULL')} AS {schema.SQL_TYPES[c.kind]}) AS {store.quote(c.name)}"
                       for c in spec.columns)
    where = f" WHERE {filled}" if rows < source.rows else ""
    with _cursor(con) as cur:
        cur.execute(f"CREATE VIEW {relation} AS SELECT {select} FROM {source.rows_table}{where}")
    problems.sort(key=lambda p: (p.severity != "error", p.row is not None, p.row or 0, p.column or ""))
    return Prepared(spec.name, source.name, relation, rows, problems, error_count, warning_count,
                    (source.relation, source.rows_table))


def _duplicates(con, source: SourceFile, scan: str, col: str, problems: list[Problem]) -> int:
    """List rows repeating a value of a unique column; return how many there are."""
    key = store.quote(f"__e_{col}")
    with _cursor(con) as cur:
        listed = cur.execute(f"""
            SELECT __row, key, first_row, count(*) OVER () FROM (
                SELECT __row, {key} AS key, min(__row) OVER (PARTITION BY {key}) AS first_row
                FROM {scan} WHERE {key} IS NOT NULL)
            WHERE __row > first_row ORDER BY __row LIMIT {MAX_LISTED}""").fetchall()
    problems += [Problem(source.name, int(row), col, Msg("ingest.duplicate", column=col, value=_short(value), first=first))
                 for row, value, first, _ in listed]
    return int(listed[0][3]) if listed else 0


def _negative_months(con, source: SourceFile, scan: str, problems: list[Problem]) -> int:
    """An invoice-line export may hold credit notes (negative lines); what cannot be negative is an
    account's MRR in a month, the sum of its lines. List each such account and month at its first
    row; return how many there are."""
    with _cursor(con) as cur:
        listed = cur.execute(f"""
            SELECT first_row, account_id, month, total, count(*) OVER () FROM (
                SELECT "__e_account_id" AS account_id, "__e_month" AS month, sum("__e_mrr") AS total,
                       min(__row) AS first_row
                FROM {scan}
                WHERE "__e_account_id" IS NOT NULL AND "__e_month" IS NOT NULL AND "__e_mrr" IS NOT NULL
                GROUP BY 1, 2)
            WHERE total < 0 ORDER BY first_row LIMIT {MAX_LISTED}""").fetchall()
    problems += [Problem(source.name, int(row), "mrr", Msg("ingest.negative_month", account=_short(account),
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
    return Problem(file, row, "account_id", Msg("ingest.unknown_account", account=_short(account), rows=count),
                   "warning")


def load(con: duckdb.DuckDBPyConnection, prepared: list[Prepared], *, kind: str = "upload",
         note: str = "") -> int:
    """Commit the prepared tables as one new dataset version and return its number; the staging
    relations (and their sources) are dropped afterwards. Refuses when any has errors."""
    if not prepared:
        raise IngestError([Problem("", None, None, Msg("ingest.nothing"))])
    blocked = [p for item in prepared if not item.ok for p in item.problems if p.severity == "error"]
    if blocked or any(not item.ok for item in prepared):
        raise IngestError(blocked or [Problem(prepared[0].source_file, None, None, Msg("ingest.has_errors"))])
    tables = [item.table for item in prepared]
    if len(set(tables)) != len(tables):
        raise IngestError([Problem(prepared[0].source_file, None, None, Msg("ingest.same_table"))])
    version = store.commit(con, [store.Load(item.table, item.relation, item.source_file) for item in prepared],
                           kind=kind, note=note)
    discard(con, *prepared, *(rel for item in prepared for rel in item.source_relations))
    return version


def ingest_file(con: duckdb.DuckDBPyConnection, path: str | Path, table: str, *,
                mapping: dict[str, str] | None = None, sheet: str | None = None) -> tuple[Prepared, int | None]:
    """Read (a workbook given no ``sheet``: the sheet named for ``table``, else the first), map
    (suggestions, overridden and extended by ``mapping``), validate and, when there are no errors,
    load one file. Returns (prepared, new version or None when not loaded)."""
    path = Path(path)
    text = os.path.splitext(path.name)[1].lower() in _TEXT
    try:
        # A text file is read in chunks where it lies (a usage export may be a gigabyte); only
        # Excel and Parquet files are read whole.
        data = None if text else path.read_bytes()
        scan = textfile.scan(textfile.chunks(None, path)) if text else None
    except OSError as exc:
        raise _fail(path.name, Msg("ingest.cannot_open", reason=str(exc.strerror or exc))) from exc
    if text:
        done = _bulk(con, path, scan, table, mapping)
        if done is not None:
            return done
    source = _read(con, path.name, data, sheet=sheet, path=path, scan=scan, table=table)
    prepared = None
    try:
        chosen = _with_overrides(suggest_mapping(table, source.columns), mapping)
        prepared = prepare(con, source, table, chosen)
        if not prepared.ok:
            return prepared, None
        return prepared, load(con, [prepared])
    finally:
        discard(con, prepared, source)


def _with_overrides(suggested: dict[str, str], mapping: dict[str, str] | None) -> dict[str, str]:
    chosen = dict(suggested)
    for src, canonical in (mapping or {}).items():
        chosen = {s: c for s, c in chosen.items() if s != src and c != canonical}
        chosen[src] = canonical
    return chosen


def _bulk(con, path: Path, scan: textfile.Scan, table: str, mapping: dict[str, str] | None):
    """The one-pass load of a clean UTF-8 CSV (dashboard.bulk); None when the file needs the
    staged path (which then reports whatever made it so)."""
    if scan.encoding != "utf-8" or scan.blank:
        return None
    head = scan.head.decode("utf-8", errors="ignore")
    sniffed = parsing.sniff_csv(head, complete=scan.size <= _HEAD_BYTES,
                                prefer_tab=path.name.lower().endswith((".tsv", ".txt")))
    if sniffed is None:
        return None
    delim, columns = sniffed
    try:
        _check_header(path.name, columns)
    except IngestError:
        return None
    chosen = {canonical: src for src, canonical in _with_overrides(suggest_mapping(table, columns), mapping).items()
              if src in columns}
    spec = schema.table(table)
    if any(c.required and c.name not in chosen for c in spec.columns):
        return None
    result = bulk.try_load(con, path, path.name, table=table, delim=delim, columns=columns, chosen=chosen,
                           lines=scan.lines - 1)
    if result is None:
        return None
    version, rows, unknown = result
    problems = [unknown_account(path.name, first, account, n) for first, account, n, _ in unknown]
    warning_count = unknown[0][3] if unknown else 0
    return Prepared(spec.name, path.name, "", rows, problems, 0, warning_count), version
