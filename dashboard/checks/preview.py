"""The data checks of a file before it is saved: what :func:`dashboard.checks.findings` would say of
the version a commit would create.

The current version's checked tables and the prepared (staged) table are copied into a scratch
database, committed there by the same :func:`dashboard.store.commit` (so the same tables are
carried over or left out as a real load would), and checked. The user's database is only read.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import pandas as pd

from dashboard import checks, store

# the tables the checks read (team is never checked)
CHECKED = ("accounts", "subscriptions", "mrr_monthly", "usage", "churn_reasons")


def findings_if_saved(con: duckdb.DuckDBPyConnection, *, table: str, relation: str, source_file: str,
                      currency: str = "USD", lang: str = "en") -> pd.DataFrame:
    """Findings (columns checks.COLUMNS) of the current version with ``table`` replaced by the rows of
    the staged ``relation`` (a prepared file with the table's canonical columns)."""
    with store.cursor(con) as cur:
        staged = cur.execute(f"SELECT * FROM {relation}").df()
    base = []
    if store.current_version(con) is not None:
        for name in store.version_tables(con)["table"]:
            if name in CHECKED and name != table:
                base.append(store.Load(name, store.query(con, f"SELECT * FROM {store.quote(name)}"), name))
        kind = "sample" if store.is_sample(con) else "upload"
    with tempfile.TemporaryDirectory(prefix="cs-checks-") as folder:
        scratch = store.connect(Path(folder) / "preview.duckdb")
        try:
            if base:
                store.commit(scratch, base, kind=kind)
            store.commit(scratch, [store.Load(table, staged, source_file)])
            return checks.findings(scratch, currency=currency, lang=lang)
        finally:
            scratch.close()
