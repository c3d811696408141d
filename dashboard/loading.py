"""Loading whole datasets: the built-in sample company."""

from __future__ import annotations

import duckdb

from dashboard import sample, store
from dashboard.access import SYSTEM, Identity, require
from dashboard.prepare import prepare

SAMPLE_TABLES = ("accounts", "subscriptions", "usage", "churn_reasons", "team")


def load_sample(con: duckdb.DuckDBPyConnection, *, by: Identity, seed: int | None = None) -> int:
    """Generate the sample company and commit all its tables as one new version; return it (``by``: an
    admin; audited)."""
    require(by, "load")
    frames = sample.generate() if seed is None else sample.generate(seed=seed)
    loads = [store.Load(name, frames[name], f"sample/{name}.csv") for name in SAMPLE_TABLES]
    version = store.commit(con, loads, kind="sample", note="built-in sample company", by=by)
    prepare(con)  # the pages' derived tables, built now rather than on the first view
    return version


def ensure_data(con: duckdb.DuckDBPyConnection) -> int | None:
    """Load the sample company when the database has never had any data; return the version
    loaded, or None when there was data already. The app itself loads it (the audit trail says so)."""
    if store.current_version(con) is not None:
        return None
    return load_sample(con, by=SYSTEM)
