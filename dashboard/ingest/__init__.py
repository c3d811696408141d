"""Read CSV / TSV / Excel / Parquet files, map their columns onto a canonical table, validate, load.

The flow is ``read_source`` (raw text rows into a staging table) -> ``suggest_mapping`` ->
``prepare`` (one validation pass in DuckDB; a view that converts the rows) -> ``load`` (one
``store.commit``). Nothing touches a dataset version before ``load``. One module per part:

- ``reading``: files into staging (encoding, delimiter, header, sheet);
- ``mapping``: file columns onto a table's columns (names, synonyms, the user's choices);
- ``validation``: every problem counted in one scan, listed by row; the rules a value must meet;
- ``loading``: the commit, and ``ingest_file`` (one file end to end, the CLI's path);
- ``one_pass``: a clean CSV read, checked and committed in one transaction (tried first by
  ``ingest_file``; anything unusual falls back to the staged path, which reports it);
- ``staging``, ``problems``: the staging area and the problems every part reports.

Staging lives in an in-memory database attached as ``cs_ingest`` (schema ``staging``), shared by
every cursor of the connection: writing 10 million raw text rows to the database file costs
more than reading the CSV, and staging rows never need to survive a restart. A source's
``relation`` is a view adding ``__row`` (the row number the user sees in Excel, header = 1) to
its rows table; a prepared ``relation`` is a view over the source, so the converted rows are
written once, by the commit.
"""

from __future__ import annotations

from dashboard import lazy

# each public name loads its part when first read: the command line's --help imports
# dashboard.ingest.command, which must not load pandas
__getattr__, __dir__, __all__ = lazy.exports(__name__, {
    "loading": ("ingest_file", "load"),
    "mapping": ("suggest_mapping",),
    "problems": ("IngestError", "Problem"),
    "reading": ("SUPPORTED", "read_frame", "read_source", "sheet_names"),
    "staging": ("STAGING", "STAGING_DB", "Prepared", "SourceFile", "clear_staging", "discard"),
    "validation": ("ACCOUNT_TABLES", "MAX_AMOUNT", "MAX_LISTED", "prepare", "unknown_account"),
})
