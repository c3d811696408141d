"""Reading CSV / TSV / Excel / Parquet files into staging as raw text rows (:func:`read_source`):
encoding, delimiter, header and sheet found here, every value kept as the text the file holds."""

from __future__ import annotations

import io
import os
import re
import tempfile
from pathlib import Path

import duckdb
import pyarrow as pa
import python_calamine

from dashboard import parsing, schema, store, textfile
from dashboard.i18n import Msg
from dashboard.ingest.problems import IngestError, Problem, fail
from dashboard.ingest.staging import SourceFile, attach_staging, cursor, discard, staging_name

SUPPORTED = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".parquet")
HEAD_BYTES = textfile.HEAD
TEXT = (".csv", ".tsv", ".txt")


def _extension(name: str) -> str:
    ext = os.path.splitext(name)[1].lower()
    if ext not in SUPPORTED:
        raise fail(name, Msg("ingest.unsupported", ext=ext or Msg("ingest.no_extension"), types=", ".join(SUPPORTED)))
    return ext


def sheet_names(name: str, data: bytes) -> list[str]:
    """The worksheet names of an Excel workbook, in workbook order."""
    if _extension(name) not in (".xlsx", ".xlsm"):
        raise fail(name, Msg("ingest.no_sheets"))
    try:
        return list(python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names)
    except Exception as exc:  # calamine raises several unrelated types for damaged files
        raise fail(name, Msg("ingest.bad_excel", reason=str(exc))) from exc


def read_source(con: duckdb.DuckDBPyConnection, name: str, data: bytes, *, sheet: str | None = None) -> SourceFile:
    """Read an uploaded file into a staging relation and return its description."""
    return read(con, name, data, sheet=sheet, path=None)


def read(con, name: str, data: bytes | None, *, sheet: str | None, path: Path | None,
          scan: textfile.Scan | None = None, table: str | None = None) -> SourceFile:
    """Read ``data``, or for a text file given no data the file at ``path`` (read in chunks, never
    whole: ``scan`` is its textfile.scan when the caller has it). A workbook read with no ``sheet``
    for ``table`` starts on the sheet named for the table (:func:`schema.default_sheet`)."""
    ext = _extension(name)
    if ext in TEXT:
        chunks = textfile.chunks(data, None if data is not None else path)
        scan = scan or textfile.scan(chunks)
        if scan.blank:
            raise fail(name, Msg("ingest.empty"))
        attach_staging(con)
        return _read_text(con, name, chunks, scan, path if data is None else None)
    if not data.strip():
        raise fail(name, Msg("ingest.empty"))
    attach_staging(con)
    if ext in (".xlsx", ".xlsm"):
        return _read_excel(con, name, data, sheet, table)
    return _read_parquet(con, name, data)


def check_header(name: str, columns: list[str], *, row: int = 1) -> None:
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
            complete = scan.size <= HEAD_BYTES
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
                        raise fail(name, Msg("ingest.undecodable"), row=exc.row) from exc
            path = Path(temp)
        sniffed = parsing.sniff_csv(head, complete=complete, prefer_tab=name.lower().endswith((".tsv", ".txt")))
        if sniffed is None:
            raise fail(name, Msg("ingest.empty"))
        delim, columns = sniffed
        check_header(name, columns)
        rows_table = staging_name("s")
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
    with cursor(con) as cur:
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
    return fail(name, message, row=int(line[1]) if line else None)


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
            raise fail(name, Msg("ingest.no_such_sheet", sheet=repr(sheet), names=", ".join(names)))
        ws = book.get_sheet_by_name(sheet) if sheet is not None else book.get_sheet_by_index(0)
        cells = ws.to_python()
        top = ws.start[0] if cells and ws.start else 0
    except IngestError:
        raise
    except Exception as exc:  # calamine raises several unrelated types for damaged files
        raise fail(name, Msg("ingest.bad_excel", reason=str(exc))) from exc
    sheet = ws.name
    if not cells:
        raise fail(name, Msg("ingest.sheet_empty", sheet=repr(sheet)))
    columns = [(parsing.cell_text(c) or "").strip() for c in cells[0]]
    check_header(name, columns, row=top + 1)
    body = cells[1:]
    if not any(parsing.cell_text(c) is not None for row in body for c in row):
        raise fail(name, Msg("ingest.sheet_no_rows", sheet=repr(sheet)))
    frame = pa.table({f"c{i}": pa.array([parsing.cell_text(row[i]) if i < len(row) else None for row in body],
                                        pa.string()) for i in range(len(columns))})
    rows_table = staging_name("s")
    select = ", ".join(f"c{i} AS {store.quote(col)}" for i, col in enumerate(columns))
    with cursor(con) as cur:
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
    try:
        with cursor(con) as cur:
            return _read_typed(con, cur, name, "read_parquet(?)", [temp])
    finally:
        os.unlink(temp)


def read_frame(con: duckdb.DuckDBPyConnection, name: str, frame: pa.Table) -> SourceFile:
    """Stage rows already in memory (an aggregate a source engine returned) as a file's would be: the
    same raw text rows, so the same mapping and validation follow. ``name`` stands for the file."""
    attach_staging(con)
    with cursor(con) as cur:
        cur.register("_ingest_rows", frame)
        try:
            return _read_typed(con, cur, name, "_ingest_rows", None)
        finally:
            cur.unregister("_ingest_rows")


def _read_typed(con, cur, name: str, relation: str, params: list | None) -> SourceFile:
    """Typed rows (Parquet, Arrow) into a staging table of their text, as every source is staged."""
    rows_table = staging_name("s")
    try:
        described = cur.execute(f"DESCRIBE SELECT * FROM {relation}", params).fetchall()
    except duckdb.Error as exc:
        raise fail(name, Msg("ingest.bad_parquet", reason=str(exc).splitlines()[0])) from exc
    columns = [col for col, *_ in described]
    check_header(name, [c.strip() for c in columns])
    select = ", ".join(f"{_parquet_text(col, typ)} AS {store.quote(col.strip())}" for col, typ, *_ in described)
    cur.execute(f"CREATE TABLE {rows_table} AS SELECT {select} FROM {relation}", params)
    return _source(con, name, [c.strip() for c in columns], None, None, rows_table, "parquet", first_row=2)


def _source(con, name: str, columns: list[str], encoding: str | None, sheet: str | None,
            rows_table: str, kind: str, *, first_row: int) -> SourceFile:
    relation = rows_table[:-1] + '_v"'
    with cursor(con) as cur:
        # rowid follows file order: the copy preserves insertion order.
        cur.execute(f"CREATE VIEW {relation} AS SELECT *, rowid + {int(first_row)} AS __row FROM {rows_table}")
        rows = int(cur.execute(f"SELECT count(*) FROM {rows_table}").fetchall()[0][0])
    source = SourceFile(name, columns, encoding, sheet, relation, rows, kind, rows_table)
    if rows == 0:
        discard(con, source)
        raise fail(name, Msg("ingest.no_rows"))
    return source
