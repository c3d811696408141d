"""Shared fixtures: a database holding the sample company, built once per test process."""

from __future__ import annotations

import shutil

import pytest

from dashboard import loading, store


@pytest.fixture(scope="session")
def sample_db_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    con = store.connect(path)
    loading.load_sample(con)
    con.close()
    return path


@pytest.fixture
def sample_db(sample_db_template, tmp_path):
    """A private copy of the sample database (tests may write to it)."""
    path = tmp_path / "dashboard.duckdb"
    shutil.copy(sample_db_template, path)
    return path
