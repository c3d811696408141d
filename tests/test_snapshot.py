"""One snapshot per render: everything one render reads comes from one dataset version, while another
thread commits new versions; a load elsewhere shows on the next rerun with a notice."""

from __future__ import annotations

import threading

import pandas as pd

from dashboard import store
from tests.conftest import open_page
from tests.identities import ME


def _accounts(n: int) -> store.Load:
    return store.Load("accounts", pd.DataFrame({"account_id": [f"A{i}" for i in range(n)]}), f"accounts_{n}.csv")


def _render(con) -> set[int]:
    """What one page render reads, several times over: the version's own id and its row counts (version
    k holds k accounts, so a count names the version it came from)."""
    seen = {store.current_version(con)}
    for _ in range(4):
        seen.add(int(store.query(con, "SELECT count(*) AS n FROM accounts")["n"].iloc[0]))
        seen.add(int(store.version_tables(con)["rows"].iloc[0]))
    return seen


def test_a_pinned_render_sees_one_version_while_another_thread_commits(tmp_path):
    con = store.connect(tmp_path / "t.duckdb")
    store.commit(con, [_accounts(1)], by=ME)
    stop = threading.Event()

    def writer():
        n = 1
        while not stop.is_set() and n < 400:
            n += 1
            assert store.commit(con, [_accounts(n)], by=ME) == n  # version n holds n accounts

    thread = threading.Thread(target=writer)
    thread.start()
    mixed, versions = 0, set()
    try:
        for _ in range(100):
            with store.pinned(store.latest_version(con)) as version:
                seen = _render(con)
            versions.add(version)
            mixed += seen != {version}
    finally:
        stop.set()
        thread.join()
    assert mixed == 0
    assert len(versions) > 1  # the writer did move the current version during the renders
    con.close()


def test_the_pin_is_per_thread_and_follows_own_writes(tmp_path):
    con = store.connect(tmp_path / "t.duckdb")
    store.commit(con, [_accounts(1)], by=ME)
    store.commit(con, [_accounts(2)], by=ME)
    other: list[int | None] = []
    with store.pinned(1):
        assert store.current_version(con) == 1 and store.latest_version(con) == 2
        reader = threading.Thread(target=lambda: other.append(store.current_version(con)))
        reader.start()
        reader.join()
        assert other == [2]  # another thread (another session) is not pinned
        # a write made under the pin bases on the latest version and moves the pin to it
        assert store.commit(con, [store.Load("team", pd.DataFrame({"csm": ["Ann"]}), "team.csv")], by=ME) == 3
        assert store.current_version(con) == 3
        assert sorted(store.version_tables(con)["table"]) == ["accounts", "team"]
        assert int(store.query(con, "SELECT count(*) AS n FROM accounts")["n"].iloc[0]) == 2
        store.rollback(con, 1, by=ME)
        assert store.current_version(con) == 1
    assert store.current_version(con) == 1
    con.close()


def test_page_shows_a_version_loaded_elsewhere_on_its_next_rerun(tmp_path, monkeypatch):
    db = tmp_path / "dashboard.duckdb"
    con = store.connect(db)
    subs = pd.DataFrame({"account_id": ["A"], "start_date": [pd.Timestamp("2024-01-01").date()], "mrr": [100.0]})
    store.commit(con, [_accounts(1), store.Load("subscriptions", subs, "subs.csv")], by=ME)
    con.close()
    at = open_page(db, monkeypatch, "pages/data.py")
    assert not at.toast
    # another session (here: the same process, as a second browser tab would be) loads version 2
    con = store.connect(db)
    store.commit(con, [store.Load("team", pd.DataFrame({"csm": ["Ann"]}), "team.csv")], by=ME)
    con.close()
    at.run()
    assert not at.exception
    toasts = [t.value for t in at.toast]
    assert len(toasts) == 1 and "version 2" in toasts[0] and "team.csv" in toasts[0].replace("\\", "")
    assert "Dataset version 2" in [c.value for c in at.sidebar.caption]
    at.run()
    assert not at.toast  # said once
