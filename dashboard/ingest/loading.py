"""Loading: prepared tables committed as one new dataset version (:func:`load`), and one file read,
mapped, validated and loaded in one call (:func:`ingest_file`, the CLI's and scheduled loads'),
which tries the one-pass loader first."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import duckdb

from dashboard import parsing, schema, store, textfile
from dashboard import prepare as preparation
from dashboard.access import Identity, require
from dashboard.i18n import Msg
from dashboard.ingest import one_pass, reading
from dashboard.ingest.mapping import stated_currency, suggest_mapping, with_overrides
from dashboard.ingest.problems import IngestError, Problem, fail
from dashboard.ingest.staging import Prepared, discard
from dashboard.ingest.validation import prepare, unknown_account


def load(con: duckdb.DuckDBPyConnection, prepared: list[Prepared], *, by: Identity, kind: str = "upload",
         note: str = "", report: Callable[[preparation.Progress], None] | None = None, action: str = "load") -> int:
    """Commit the prepared tables as one new dataset version and return its number; the staging
    relations (and their sources) are dropped afterwards, and the version's derived tables are
    built (:func:`dashboard.prepare.prepare`, ``report`` hears its steps). Refuses when any has errors,
    or when ``by`` may not load (an admin may); the load is recorded in the audit trail as ``action``
    (a pull from a source engine is ``usage.pull``)."""
    require(by, action)
    if not prepared:
        raise IngestError([Problem("", None, None, Msg("ingest.nothing"))])
    blocked = [p for item in prepared if not item.ok for p in item.problems if p.severity == "error"]
    if blocked or any(not item.ok for item in prepared):
        raise IngestError(blocked or [Problem(prepared[0].source_file, None, None, Msg("ingest.has_errors"))])
    tables = [item.table for item in prepared]
    if len(set(tables)) != len(tables):
        raise IngestError([Problem(prepared[0].source_file, None, None, Msg("ingest.same_table"))])
    version = store.commit(con, [store.Load(item.table, item.relation, item.source_file, currency=item.currency)
                                 for item in prepared],
                           kind=kind, note=note, by=by, action=action)
    discard(con, *prepared, *(rel for item in prepared for rel in item.source_relations))
    preparation.prepare(con, report=report)
    return version


def ingest_file(con: duckdb.DuckDBPyConnection, path: str | Path, table: str, *, by: Identity,
                mapping: dict[str, str] | None = None, sheet: str | None = None) -> tuple[Prepared, int | None]:
    """Read (a workbook given no ``sheet``: the sheet named for ``table``, else the first), map
    (suggestions, overridden and extended by ``mapping``), validate and, when there are no errors,
    load one file as ``by`` (an admin). Returns (prepared, new version or None when not loaded)."""
    require(by, "load")
    path = Path(path)
    text = os.path.splitext(path.name)[1].lower() in reading.TEXT
    try:
        # A text file is read in chunks where it lies (a usage export may be a gigabyte); only
        # Excel and Parquet files are read whole.
        data = None if text else path.read_bytes()
        scan = textfile.scan(textfile.chunks(None, path)) if text else None
    except OSError as exc:
        raise fail(path.name, Msg("ingest.cannot_open", reason=str(exc.strerror or exc))) from exc
    if text:
        done = _bulk(con, path, scan, table, mapping, by)
        if done is not None:
            return done
    source = reading.read(con, path.name, data, sheet=sheet, path=path, scan=scan, table=table)
    prepared = None
    try:
        chosen = with_overrides(suggest_mapping(table, source.columns), mapping)
        prepared = prepare(con, source, table, chosen)
        if not prepared.ok:
            return prepared, None
        return prepared, load(con, [prepared], by=by)
    finally:
        discard(con, prepared, source)


def _bulk(con, path: Path, scan: textfile.Scan, table: str, mapping: dict[str, str] | None, by: Identity):
    """The one-pass load of a clean UTF-8 CSV (dashboard.ingest.one_pass); None when the file needs the
    staged path (which then reports whatever made it so)."""
    if scan.encoding != "utf-8" or scan.blank:
        return None
    head = scan.head.decode("utf-8", errors="ignore")
    sniffed = parsing.sniff_csv(head, complete=scan.size <= reading.HEAD_BYTES,
                                prefer_tab=path.name.lower().endswith((".tsv", ".txt")))
    if sniffed is None:
        return None
    delim, columns = sniffed
    try:
        reading.check_header(path.name, columns)
    except IngestError:
        return None
    chosen = {canonical: src for src, canonical in with_overrides(suggest_mapping(table, columns), mapping).items()
              if src in columns}
    spec = schema.table(table)
    if any(c.required and c.name not in chosen for c in spec.columns):
        return None
    # a value with a currency sign (¥1,200) is no number to the reader: only the header can state it here
    money = chosen.get("mrr") if spec.name in schema.REVENUE_TABLES else None
    currency = stated_currency(money) if money else None
    sample = dict(zip(columns, parsing.first_record(head, delim)))
    result = one_pass.try_load(con, path, path.name, table=table, delim=delim, columns=columns, chosen=chosen,
                               lines=scan.lines - 1, sample=sample, currency=currency, by=by)
    if result is None:
        return None
    version, rows, unknown = result
    preparation.prepare(con)  # as load() does after its commit
    problems = [unknown_account(path.name, first, account, n) for first, account, n, _ in unknown]
    warning_count = unknown[0][3] if unknown else 0
    return Prepared(spec.name, path.name, "", rows, problems, 0, warning_count, currency=currency), version
