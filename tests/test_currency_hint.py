"""The display currency suggested from the data: amounts of yen size shown in dollars get a sidebar
suggestion with a button; in Japanese a smaller yen book is recognised too; nothing changes unasked."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard import checks, store
from tests.conftest import open_page


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
    store.commit(con, [store.Load("accounts", accounts, "顧客.csv"), store.Load("subscriptions", subs, "契約.xlsx")])
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
