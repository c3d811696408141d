"""Disk full, a file that is not a file, a database path that cannot exist: one clear line, exit 1,
never a traceback, and the database as it was."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard import cli, store
from tests.identities import ME

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "t.duckdb"
    con = store.connect(path)
    store.commit(con, [store.Load("accounts", pd.DataFrame({"account_id": ["A1", "A2"]}), "a.csv")], by=ME)
    con.close()
    return path


def _unchanged(db) -> None:
    con = store.connect(db, read_only=True)
    assert store.current_version(con) == 1
    assert store.version_tables(con)["table"].tolist() == ["accounts"]
    con.close()


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: "), err
    return err[0]


def test_a_directory_or_a_pipe_as_the_file(db, tmp_path, capsys):
    folder = tmp_path / "exports"
    folder.mkdir()
    assert cli.main(["ingest", "--db", str(db), "--table", "team", str(folder)]) == 1
    assert "is a directory, not a file" in _one_line_error(capsys)
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert cli.main(["ingest", "--db", str(db), "--table", "team", str(fifo)]) == 1
    assert "is not a regular file" in _one_line_error(capsys)
    assert cli.main(["ingest", "--db", str(db), "--table", "team", str(tmp_path / "gone.csv")]) == 1
    assert "no such file" in _one_line_error(capsys)
    _unchanged(db)


def test_a_database_path_under_a_file(tmp_path, capsys):
    blocker = tmp_path / "report.csv"
    blocker.write_text("x\n")
    assert cli.main(["sample", "--db", str(blocker / "dashboard.duckdb")]) == 1
    assert "cannot create its folder" in _one_line_error(capsys)


def test_disk_full_mid_load_changes_nothing(db, tmp_path):
    """A real write failure: the child's file size limit (RLIMIT_FSIZE) stops DuckDB writing the
    database part-way through a 6 MB load, as a full disk would."""
    usage = tmp_path / "usage.csv"
    rows = "".join(f"A{i % 2 + 1},2024-{i % 12 + 1:02d}-01,logins,{i}\n" for i in range(200_000))
    usage.write_text("account_id,month,metric,value\n" + rows)
    limit = db.stat().st_size + 256 * 1024

    def small_disk():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run([sys.executable, "-m", "dashboard", "ingest", "--db", str(db), "--table", "usage",
                             str(usage)], cwd=ROOT, capture_output=True, text=True, preexec_fn=small_disk,
                            timeout=300)
    err = result.stderr.strip().splitlines()
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and err[-1].startswith("error: ")
    assert "nothing was changed" in err[-1]
    _unchanged(db)
