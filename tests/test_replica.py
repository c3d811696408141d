"""Several app processes on one book (issue 14): a writer publishes read-only copies of the database,
readers serve them (dashboard/replica.py). The browser test with two reader processes is
tests/e2e/test_replica.py."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from dashboard import replica, store, windows
from dashboard.revenue import metrics as revenue
from dashboard.review import targets
from tests.conftest import open_page
from tests.e2e.conftest import ROOT
from tests.identities import ME


def _bridge(con):
    as_of = revenue.default_as_of(con)
    return revenue.nrr_bridge(con, start=windows.add_months(as_of, -12), end=as_of)


def test_a_published_copy_is_the_database_as_committed(sample_db, tmp_path):
    con = store.connect(sample_db)
    copy = replica.publish(con, tmp_path / "published")
    assert replica.published(tmp_path / "published") == copy
    reader = store.connect(copy, read_only=True)
    assert store.history(reader).equals(store.history(con))
    pd.testing.assert_frame_equal(_bridge(reader), _bridge(con))
    # the derived tables the version's preparation built are in the copy: nothing to build read-only
    assert store.table_names(reader) == store.table_names(con)
    reader.close()
    con.close()


def test_a_reader_process_opens_the_copy_while_the_writer_holds_the_database(sample_db, tmp_path):
    con = store.connect(sample_db)  # this process holds the database for writing
    copy = replica.publish(con, tmp_path)
    code = (f"from dashboard import store; c = store.connect(r'{copy}', read_only=True); "
            "print(store.current_version(c))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and done.stdout.strip() == "1", done.stderr
    # the database itself cannot be opened by another process: that is why copies are published
    code = f"from dashboard import store; store.connect(r'{sample_db}', read_only=True)"
    refused = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert refused.returncode != 0 and "lock" in refused.stderr.lower()
    con.close()


def test_old_copies_are_pruned_and_an_open_one_keeps_reading(sample_db, tmp_path):
    con = store.connect(sample_db)
    first = replica.publish(con, tmp_path)
    reader = store.connect(first, read_only=True)
    for _ in range(4):
        latest = replica.publish(con, tmp_path)
    kept = sorted(p.name for p in tmp_path.glob("dashboard-v*.duckdb"))
    assert len(kept) == replica.KEEP and latest.name in kept and first.name not in kept
    assert store.current_version(reader) == 1 and not _bridge(reader).empty  # its file is gone, not its data
    assert not list(tmp_path.glob(".partial-*")) and not list(tmp_path.glob(f".{replica.CURRENT}-*"))
    reader.close()
    con.close()


def test_a_writer_that_publishes_does_so_after_each_write_and_a_reader_never(sample_db, tmp_path, monkeypatch):
    folder = tmp_path / "published"
    con = store.connect(sample_db)
    monkeypatch.setenv(replica.PUBLISH_ENV, str(folder))
    targets.save_target(con, by=ME, fiscal_year=2026, nrr=110, grr=90)
    copy = replica.published(folder)
    assert copy is not None
    reader = store.connect(copy, read_only=True)
    assert targets.load_targets(reader)["nrr"].tolist() == [pytest.approx(1.10)]
    reader.close()
    store.commit(con, [store.Load("accounts", pd.DataFrame({"account_id": ["A1"]}), "a.csv")], by=ME)
    from dashboard import prepare

    prepare.prepare(con)  # a load's preparation ends in a publish
    assert replica.published(folder).name.startswith("dashboard-v2-")
    monkeypatch.setenv(replica.REPLICA_ENV, str(folder))
    before = replica.published(folder)
    targets.save_target(con, by=ME, fiscal_year=2027, nrr=111, grr=90)
    assert replica.published(folder) == before
    con.close()


def test_a_reader_app_serves_the_copy_to_viewers_only(sample_db, tmp_path, monkeypatch):
    con = store.connect(sample_db)
    replica.publish(con, tmp_path)
    con.close()
    monkeypatch.setenv(replica.REPLICA_ENV, str(tmp_path))
    at = open_page(tmp_path / "not-used.duckdb", monkeypatch, "pages/data.py")
    text = " ".join(str(e.value) for e in [*at.info, *at.caption]).replace("\\", "")
    assert "read-only copy of the data for a large room" in text and "Read-only copy for a large room" in text
    assert not at.get("file_uploader")
    at.switch_page("pages/nrr.py")
    at.run()
    assert not at.exception and [m.label for m in at.metric][:2] == ["NRR", "GRR"]
    assert not [n for n in at.number_input if n.key and n.key.startswith("review.")]  # no target form


def test_a_reader_before_the_first_copy_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv(replica.REPLICA_ENV, str(tmp_path / "empty"))
    at = open_page(tmp_path / "not-used.duckdb", monkeypatch)
    assert any("No copy of the data has been published" in str(i.value) for i in at.info)
    assert not (tmp_path / "not-used.duckdb").exists()
