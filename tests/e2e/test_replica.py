"""A room larger than one app process (issue 14), in real processes and a real browser: the writer is
the command line (it holds the database; loads publish a copy), two reader app processes serve the
published copy to a browser each, the same numbers in both, and a new load shows in both on the next
render without a restart. Screenshots go to test-artifacts/replica-*.png."""

from __future__ import annotations

import os
import subprocess
import sys

from dashboard import replica
from tests.e2e.conftest import ROOT, running_app, shot, wait_idle

ACCOUNTS = "account_id,account_name,segment\nA1,One Co.,SMB\nA2,Two Co.,SMB\n"


def _cli(*args: str, env: dict | None = None) -> str:
    done = subprocess.run([sys.executable, "-m", "dashboard", *args], capture_output=True, text=True, cwd=ROOT,
                          env=dict(os.environ, **(env or {})))
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_two_reader_processes_serve_the_writers_copies(tmp_path, browser):
    db, folder = tmp_path / "dashboard.duckdb", tmp_path / "published"
    writer = {replica.PUBLISH_ENV: str(folder)}
    _cli("sample", "--db", str(db), env=writer)  # the load's preparation publishes the first copy
    assert replica.published(folder).name.startswith("dashboard-v1-")
    readers = {replica.REPLICA_ENV: str(folder)}
    with running_app(tmp_path / "reader-1.duckdb", env=readers) as first, \
            running_app(tmp_path / "reader-2.duckdb", env=readers) as second:
        pages = []
        for url in (first, second):
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            page.set_default_timeout(120_000)
            page.goto(url + "/nrr")
            wait_idle(page, 120_000)
            page.get_by_text("Revenue bridge", exact=True).wait_for()
            page.get_by_text("Dataset version 1").wait_for()
            page.get_by_text("Read-only copy for a large room").wait_for()
            pages.append(page)
        tiles = [p.locator("[data-testid='stMetric']").first.inner_text() for p in pages]
        assert tiles[0] == tiles[1] and tiles[0].startswith("NRR")
        shot(pages[0], "replica-01-reader")

        # the writer loads a file while both readers are open: the copy is published, and each reader
        # shows the new version on its next render, with the usual notice
        accounts = tmp_path / "accounts.csv"
        accounts.write_text(ACCOUNTS, encoding="utf-8")
        _cli("ingest", "--db", str(db), "--table", "accounts", str(accounts), env=writer)
        assert replica.published(folder).name.startswith("dashboard-v2-")
        for page in pages:
            page.reload()
            wait_idle(page, 120_000)
            page.get_by_text("Dataset version 2").wait_for()

        # nothing is written in a reader: its Data page says where changes are made
        pages[1].goto(second + "/data")
        wait_idle(pages[1], 120_000)
        pages[1].get_by_text("read-only copy of the data for a large room").first.wait_for()
        assert pages[1].locator("[data-testid='stFileUploader']").count() == 0
        shot(pages[1], "replica-02-reader-data")
        for page in pages:
            page.close()
    assert not (tmp_path / "reader-1.duckdb").exists()  # readers never make a database of their own
