"""Loading whole datasets: the built-in sample company."""

from __future__ import annotations

import duckdb

from dashboard import sample, store

SAMPLE_TABLES = ("accounts", "subscriptions", "usage", "churn_reasons", "team")


def load_sample(con: duckdb.DuckDBPyConnection, *, seed: int | None = None) -> int:
    """Generate the sample company and commit all its tables as one new version; return it."""
    frames = sample.generate() if seed is None else sample.generate(seed=seed)
    loads = [store.Load(name, frames[name], f"sample/{name}.csv") for name in SAMPLE_TABLES]
    return store.commit(con, loads, kind="sample", note="built-in sample company")


def ensure_data(con: duckdb.DuckDBPyConnection) -> int | None:
    """Load the sample company when the database has never had any data; return the version
    loaded, or None when there was data already."""
    if store.current_version(con) is not None:
        return None
    return load_sample(con)
