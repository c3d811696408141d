"""Shared fixtures: a database holding the sample company, built once per test process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard import loading, store
from tests.identities import ME


@pytest.fixture(scope="session")
def sample_db_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    con = store.connect(path)
    loading.load_sample(con, by=ME)
    con.close()
    return path


@pytest.fixture
def sample_db(sample_db_template, tmp_path):
    """A private copy of the sample database (tests may write to it)."""
    path = tmp_path / "dashboard.duckdb"
    shutil.copy(sample_db_template, path)
    return path


@pytest.fixture(autouse=True)
def _navigation_structure(monkeypatch):
    """Run AppTest the way the server runs after its first request: through app.py's st.navigation.

    AppTest re-detects the legacy ``pages/`` folder before every run, so each run would first
    execute the page alone and rely on page_setup's router check to rerun it through app.py, which
    drops the widget events of that run (a click would be lost). The server keeps the switch for
    the life of the process; this does the same for the tests.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture(autouse=True)
def _empty_streamlit_caches():
    """Each test starts with Streamlit's caches empty: a result cached by one test's database never
    answers the next test's query."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def app_pages() -> list[str]:
    """The page files in the order app.py's navigation lists them, read from its ``PAGES`` table (so a
    page added to the app is tested without being retyped here)."""
    import ast

    for node in ast.parse(Path(APP).read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", None) == "PAGES" for target in node.targets):
            return [row[0] for row in ast.literal_eval(node.value)]
    raise AssertionError("app.py has no PAGES table")


def roll_back_in_app(at, db, version: int) -> None:
    """On the Data page of a running AppTest, make ``version`` current with the rollback control, and
    check the page says so and the database agrees."""
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.selectbox(key="loader.rollback_target").set_value(version)
    at.run()
    at.button(key="loader.rollback").click()
    at.run()
    assert not at.exception
    assert any(f"Version {version} is now current" in s.value for s in at.success)
    con = store.connect(db)
    try:
        assert store.current_version(con) == version
    finally:
        con.close()


def open_page(db, monkeypatch, page: str | None = None, *, timeout: int = 180, lang: str | None = None,
              state: dict | None = None, secrets: dict | None = None, user: dict | None = None):
    """AppTest of the whole app (router and sidebar) on database ``db``, in ``lang`` (None: the
    default) with ``state`` in its session (display settings such as currency), switched to ``page``
    (e.g. "pages/health.py"; None: the first page) and run once without an exception. ``secrets``
    and ``user`` stand for the server's secrets and the signed-in person (st.user)."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv(store.DB_ENV, str(db))
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.secrets.update(secrets or {})
    if user is not None:
        at.user = user
    for name, value in {**(state or {}), **({"lang": lang} if lang is not None else {})}.items():
        at.session_state[name] = value
    at.run()
    if page is not None:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL cluster holding the tiny events (tests/engines.py), for the whole run."""
    from tests import engines

    if engines.postgres_bin() is None:
        pytest.skip("PostgreSQL is not installed and scripts/ensure-engines.sh (run by make test) could not install it")
    with engines.postgres_cluster() as cluster:
        yield cluster


@pytest.fixture(scope="session")
def spark():
    """A local Spark session (one core), shared by every test of the run; stopped at the end."""
    import shutil

    if shutil.which("java") is None:
        pytest.skip("Java is not installed and scripts/ensure-engines.sh (run by make test) could not install it")
    from dashboard.sources.connection import spark_session

    session = spark_session("pyspark://local[1]")
    session.conf.set("spark.sql.shuffle.partitions", "2")
    yield session
    session.stop()
