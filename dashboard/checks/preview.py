"""The data checks of a file before it is saved: what :func:`dashboard.checks.findings` would say of
the version a commit would create.

The current version's checked tables and the prepared (staged) table are copied, inside DuckDB,
into a scratch database file, committed there by the same :func:`dashboard.store.commit` (so the
same tables are carried over or left out as a real load would), and checked. The user's database
is only read; the scratch file is deleted afterwards.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import pandas as pd

from dashboard import checks, store
from dashboard.access import SYSTEM

# the tables the checks read (team is never checked)
CHECKED = ("accounts", "subscriptions", "mrr_monthly", "usage", "churn_reasons")
_ALIAS = "cs_checks_scratch"
_STAGED = "staged_file"


def findings_if_saved(con: duckdb.DuckDBPyConnection, *, table: str, relation: str, source_file: str,
                      currency: str = "USD", lang: str = "en") -> pd.DataFrame:
    """Findings (columns checks.COLUMNS) of the current version with ``table`` replaced by the rows of
    the staged ``relation`` (a prepared file with the table's canonical columns)."""
    current = store.current_version(con)
    base = [] if current is None else [name for name in sorted(store.table_names(con))
                                       if name in CHECKED and name != table]
    kind = "sample" if current is not None and store.is_sample(con) else "upload"
    # the scratch file's commits move this thread's pin to their versions (store.pinned): kept apart, so
    # the rest of the render still reads the version it began with (the staged first file once made the
    # version history read "v2" of the real database, which had none)
    with tempfile.TemporaryDirectory(prefix="cs-checks-") as folder:
        path = Path(folder) / "preview.duckdb"
        _copy(con, path, base, relation)
        with store.pinned(None):
            scratch = store.connect(path)
            try:
                if base:
                    store.commit(scratch, [store.Load(name, f"main.{store.quote(name)}", name) for name in base],
                                 kind=kind, by=SYSTEM)
                # a throwaway copy the app itself writes (its trail goes with it), not a load of anyone's
                store.commit(scratch, [store.Load(table, f"main.{_STAGED}", source_file)], by=SYSTEM)
                return checks.findings(scratch, currency=currency, lang=lang)
            finally:
                scratch.close()


def _copy(con: duckdb.DuckDBPyConnection, path: Path, tables: list[str], relation: str) -> None:
    """The current version's ``tables`` and the staged relation, written into the file at ``path``."""
    with store.cursor(con) as cur:
        literal = path.as_posix().replace("'", "''")   # a file in our own temporary folder
        cur.execute(f"ATTACH '{literal}' AS {_ALIAS}")
        try:
            for name in tables:
                cur.execute(f"CREATE TABLE {_ALIAS}.main.{store.quote(name)} AS SELECT * FROM {store.quote(name)}")
            cur.execute(f"CREATE TABLE {_ALIAS}.main.{_STAGED} AS SELECT * FROM {relation}")
        finally:
            cur.execute(f"DETACH {_ALIAS}")
