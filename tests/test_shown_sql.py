"""The SQL each section shows is the SQL that ran: re-executed as shown, on a fresh connection with no
search path (as pasted into the DuckDB shell), every step returns the rows it gave the section."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard import store, trace
from dashboard.ui import section
from tests.conftest import app_pages, open_page
from tests.jp_export import write_export

ROOT = Path(__file__).resolve().parents[1]

PAGES = app_pages()


@pytest.fixture
def recorded(monkeypatch):
    """Keep each step's result, start with empty caches (cached steps carry no results) and no record."""
    monkeypatch.setitem(trace.KEEP_RESULTS, "on", True)
    section.SHOWN.clear()  # the caches are emptied before every test (tests/conftest.py)
    yield section.SHOWN
    section.SHOWN.clear()


def _cell(value):
    return value.tolist() if hasattr(value, "tolist") and not isinstance(value, (int, float)) else value


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in one order whatever order the engine returned them in (list cells compared as lists)."""
    frame = frame.reset_index(drop=True)
    for column in frame.select_dtypes(include="object").columns:
        frame[column] = frame[column].map(_cell)
    keys = frame.map(repr)
    order = keys.sort_values(list(keys.columns), kind="stable").index
    return frame.loc[order].reset_index(drop=True)


def replay_section(db, steps: list[trace.Step]) -> int:
    """Run a section's shown SQL in order on one fresh cursor; return how many steps were compared."""
    con = store.connect(db)
    cur = con.cursor()
    try:
        tables = trace.version_tables(cur, {s.version for s in steps if s.version is not None})
        compared = 0
        for step in steps:
            sql = trace.runnable(step, tables.get(step.version, ()))
            assert "$" not in sql.split("--")[0] or "'$" in sql, sql
            if step.builds and step.builds.startswith("temp."):
                cur.execute(sql)
                continue
            got = cur.execute(sql).df()
            if step.builds:
                want = cur.execute(f"SELECT * FROM {step.builds}").df()
            else:
                assert step.result is not None, step.sql
                want = step.result
            pd.testing.assert_frame_equal(_sorted(got), _sorted(want), check_dtype=False)
            compared += 1
        return compared
    finally:
        cur.close()
        con.close()


@pytest.fixture(scope="module")
def uploaded_db(tmp_path_factory):
    """A Japanese company's export (CP932 accounts, .xlsx contracts with a note sheet, BOM churn
    reasons; churn on the data's last day) loaded with the CLI, as a user would."""
    folder = tmp_path_factory.mktemp("jp")
    write_export(folder, customers=300, churned=70, seed=11)
    db = folder / "dashboard.duckdb"
    for table, name in (("accounts", "顧客一覧.csv"), ("subscriptions", "契約一覧.xlsx"),
                        ("churn_reasons", "解約理由.csv")):
        done = subprocess.run([sys.executable, "-m", "dashboard", "ingest", "--db", str(db), "--table", table,
                               str(folder / name)], capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 0, done.stderr
    return db


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("dataset, lang", [("sample", "en"), ("uploaded", "ja")])
def test_every_shown_statement_returns_the_rows_it_gave(dataset, lang, sample_db, uploaded_db, monkeypatch,
                                                        recorded, page):
    db = sample_db if dataset == "sample" else uploaded_db
    at = open_page(db, monkeypatch, page, timeout=300, lang=lang)
    assert recorded, f"{page} drew no section"
    with_sql = [key for key, steps in recorded if steps]
    assert with_sql, f"{page} showed no SQL"
    for key, steps in recorded:
        if steps:
            assert replay_section(db, steps) > 0, key
    # what the page shows is what was recorded: every shown statement has its values written in (the
    # expanders build their content only while open, so they are opened first)
    assert not at.code, "a closed Definition expander built its SQL"
    for key in {key for key, _ in recorded}:
        at.session_state[section.details_key(key)] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [c.value for c in at.code]
    assert len(shown) >= len(with_sql)
    assert not any(re.search(r"\$[a-z_]+\b(?![^']*'\s*[,)])", code.split("--")[0]) for code in shown)


def test_sections_are_drawn_only_by_the_renderer():
    """No page, view or UI module draws a section title itself (each goes through dashboard/ui/section.py)."""
    from tests.layout import seam_sources

    drawn_elsewhere = []
    for path in seam_sources():
        if path.name == "section.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if "st.header(" in line or re.search(r"\bdefinition\(", line):
                drawn_elsewhere.append(f"{path.relative_to(ROOT)}:{number}")
    assert drawn_elsewhere == []
