"""The display currency suggested from the data: amounts of yen size shown in dollars get a sidebar
suggestion with a button; in Japanese a smaller yen book is recognised too; nothing changes unasked."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard import checks, ingest, store
from tests.conftest import open_page
from tests.identities import ME


@pytest.mark.parametrize("median, currency, lang, expected", [
    (250_000.0, "USD", "en", "JPY"),   # a quarter of a million a month per account: yen
    (12_000.0, "USD", "en", None),     # could be dollars
    (12_000.0, "USD", "ja", "JPY"),    # in Japanese, yen
    (12_000.0, "JPY", "ja", None),     # already yen
    (40.0, "JPY", "ja", "USD"),        # 40 yen a month is no subscription
    (None, "USD", "ja", None),         # no revenue
])
def test_suggested_currency(median, currency, lang, expected):
    assert checks.suggested_currency(median, currency, lang) == expected


@pytest.fixture
def yen_db(tmp_path):
    path = tmp_path / "yen.duckdb"
    con = store.connect(path)
    accounts = pd.DataFrame({"account_id": ["0001", "0002", "0003"], "account_name": ["甲社", "乙社", "丙社"]})
    subs = pd.DataFrame({"account_id": ["0001", "0002", "0003"], "start_date": [date(2024, 1, 1)] * 3,
                         "end_date": [None, None, date(2024, 6, 30)], "mrr": [9_800.0, 12_000.0, 29_800.0]})
    store.commit(con, [store.Load("accounts", accounts, "顧客.csv"), store.Load("subscriptions", subs, "契約.xlsx")], by=ME)
    assert checks.median_mrr(con) == 10_900.0  # July, after 0003 left: (9,800 + 12,000) / 2
    con.close()
    return path


def test_sidebar_suggests_yen_in_japanese_and_switches_on_click(yen_db, monkeypatch):
    at = open_page(yen_db, monkeypatch, "pages/nrr.py")
    assert not [b for b in at.sidebar.button if b.key == "findings.currency_switch"]  # English: no hint
    at.session_state["lang"] = "ja"
    at.run()
    assert at.session_state["currency"] == "USD"  # nothing changes unasked
    button = at.sidebar.button(key="findings.currency_switch")
    assert button.label == "金額を JPY で表示"
    button.click().run()
    assert not at.exception
    assert at.session_state["currency"] == "JPY"
    assert "円" in next(m.value for m in at.metric if m.label == "期末ARR")
    assert not [b for b in at.sidebar.button if b.key == "findings.currency_switch"]  # the hint is gone


@pytest.mark.parametrize("stated, currency, expected", [
    ("JPY", "USD", "JPY"),    # the file says yen: whatever the size of its amounts
    ("JPY", "JPY", None),
    ("USD", "JPY", "USD"),
])
def test_a_stated_currency_wins_over_the_size_of_the_amounts(stated, currency, expected):
    assert checks.suggested_currency(12_000.0, currency, "en", stated) == expected


def _load(con, tmp_path, name: str, data: bytes, table: str):
    path = tmp_path / name
    path.write_bytes(data)
    prepared, version = ingest.ingest_file(con, path, table, by=ME)
    assert version is not None, [str(p) for p in prepared.problems]
    return prepared


@pytest.mark.parametrize("name, data, stated", [
    ("契約.csv", "顧客ID,開始日,月額（円）\n0001,2024/01/01,9800\n".encode("cp932"), "JPY"),  # the header
    ("contracts.csv", "account_id,start_date,mrr\n0001,2024-01-01,\"¥9,800\"\n".encode(), "JPY"),  # the values
    ("contracts.csv", b"account_id,start_date,MRR (USD)\n0001,2024-01-01,98\n", "USD"),  # one pass, header
    ("contracts.csv", b"account_id,start_date,mrr\n0001,2024-01-01,98\n", None),  # nothing said
])
def test_the_currency_a_file_states_is_kept_with_its_table(tmp_path, name, data, stated):
    """The currency a revenue file states (issue 11: yen headers, ¥/円 in values) is kept with the
    table it filled, and stays with it while later loads carry the table into new versions."""
    con = store.connect(tmp_path / "d.duckdb")
    _load(con, tmp_path, "accounts.csv", b"account_id\n0001\n", "accounts")
    assert _load(con, tmp_path, name, data, "subscriptions").currency == stated
    assert store.table_currency(con, "subscriptions") == stated
    _load(con, tmp_path, "accounts2.csv", b"account_id,account_name\n0001,A\n", "accounts")
    assert store.table_currency(con, "subscriptions") == stated
    assert checks.stated_currency(con) == stated
    con.close()


def test_the_sidebar_suggests_the_currency_the_file_states_in_english(tmp_path, monkeypatch):
    """In English, yen amounts of an ordinary size (¥9,800 a month) were shown as dollars with no hint;
    the file's 月額（円） header now says so."""
    db = tmp_path / "d.duckdb"
    con = store.connect(db)
    _load(con, tmp_path, "accounts.csv", b"account_id\n0001\n0002\n", "accounts")
    _load(con, tmp_path, "契約.csv", "顧客ID,開始日,月額（円）\n0001,2024/01/01,9800\n0002,2024/01/01,12000\n"
          .encode("cp932"), "subscriptions")
    con.close()
    at = open_page(db, monkeypatch, "pages/nrr.py")
    assert any("The revenue file gives its amounts in JPY" in c.value for c in at.sidebar.caption)
    at.sidebar.button(key="findings.currency_switch").click().run()
    assert not at.exception and at.session_state["currency"] == "JPY"
