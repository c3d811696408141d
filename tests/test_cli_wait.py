"""Writers wait their turn: a command finding the database held by another process (a real second
process holding DuckDB's file lock) waits up to --wait seconds, says so, then fails in one line; and
goes ahead as soon as the other process lets go."""

from __future__ import annotations

import subprocess
import sys
import time

import pandas as pd
import pytest

from dashboard import cli, store
from tests.identities import ME

HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "t.duckdb"
    con = store.connect(path)
    store.commit(con, [store.Load("accounts", pd.DataFrame({"account_id": ["A1"]}), "a.csv")], by=ME)
    con.close()
    return path


def _hold(db, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    return holder


def test_a_command_waits_then_fails_clearly(db, tmp_path, capsys):
    holder = _hold(db, 20)
    try:
        started = time.monotonic()
        code = cli.main(["ingest", "--db", str(db), "--table", "team", str(_team(tmp_path)), "--wait", "1"])
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and waited >= 1
    assert err[0].startswith("waiting up to 1 s for ") and "holds it" in err[0]
    assert err[-1].startswith("error: ") and "after waiting 1 s" in err[-1] and "--wait" in err[-1]
    assert "Traceback" not in "\n".join(err)
    con = store.connect(db, read_only=True)  # nothing changed
    assert store.current_version(con) == 1
    con.close()


def test_a_command_goes_ahead_when_the_lock_is_released(db, tmp_path, capsys):
    holder = _hold(db, 1.5)
    try:
        code = cli.main(["ingest", "--db", str(db), "--table", "team", str(_team(tmp_path)), "--wait", "30"])
    finally:
        holder.wait()
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "waiting up to 30 s" in captured.err
    con = store.connect(db, read_only=True)
    assert store.current_version(con) == 2
    con.close()


def test_wait_zero_fails_at_once_and_a_negative_wait_is_refused(db, capsys):
    holder = _hold(db, 20)
    try:
        assert cli.main(["versions", "--db", str(db), "--wait", "0"]) == 1
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err
    assert "waiting" not in err and "another process" in err
    assert cli.main(["versions", "--db", str(db), "--wait", "-1"]) == 1
    assert "--wait must be 0 or more" in capsys.readouterr().err


def _team(tmp_path):
    path = tmp_path / "team.csv"
    path.write_text("csm,annual_cost\nAnn,100000\n")
    return path
