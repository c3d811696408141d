"""Health without a usage feed: revenue alone scores every paying account (spend change, tenure, product
count, months to renewal from end dates still to come, drop from the 12-month peak), the default model
weights only what the data has, and the back-test runs."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest

from dashboard import cli, store, windows
from dashboard.health import backtest, measures, storage
from dashboard.health.config import USAGE_MEASURES
from tests.conftest import open_page
from tests.identities import ME

# a contract term running past the last complete month makes that month the as-of month
AS_OF = windows.last_complete_month()
TERM_END = windows.add_months(AS_OF, 6) - pd.Timedelta(days=1)  # the last day of AS_OF + 5 months
TENURE = windows.months_between(date(2023, 1, 1), AS_OF)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "revenue.duckdb"
    con = store.connect(path)
    accounts = pd.DataFrame({"account_id": ["A0", "A1", "A2", "A3"], "segment": ["SMB", "SMB", "Mid", "Mid"]})
    subs = pd.DataFrame({
        "account_id": ["A0", "A1", "A2", "A3", "A3", "A3"],
        "start_date": [date(2023, 1, 1), date(2023, 1, 1), date(2023, 1, 1), date(2023, 1, 1), date(2023, 1, 1),
                       date(2024, 1, 1)],
        # A1 churned at the end of June: its end date is history, not a renewal ahead
        # A2's term runs past the as-of month: 5 months to renewal then
        "end_date": [None, date(2024, 6, 30), TERM_END, None, date(2024, 8, 31), None],
        "mrr": [100.0, 50.0, 80.0, 30.0, 60.0, 20.0],
        "product": [None, None, "Core", "Core", "Add-on", "Seats"],
    })
    store.commit(con, [store.Load("accounts", accounts, "a.csv"), store.Load("subscriptions", subs, "s.csv")], by=ME)
    con.close()
    return path


def test_revenue_measures_of_each_account(db):
    con = store.connect(db)
    frame = measures.measures(con, as_of=AS_OF, first=AS_OF).set_index("account_id")
    assert frame.index.tolist() == ["A0", "A2", "A3"]  # A1 no longer pays
    assert frame.loc["A2", "months_to_renewal"] == 5
    assert frame[["months_to_renewal"]].loc[["A0", "A3"]].isna().all().all()
    assert frame["tenure_months"].tolist() == [TENURE] * 3
    assert frame.loc["A3", "product_count"] == 2 and pd.isna(frame.loc["A0", "product_count"])
    # A3 paid 110 until August 2024 (Core + Add-on + Seats), 50 since: in October 50 / 110 - 1
    october = measures.measures(con, as_of=AS_OF, first=date(2024, 10, 1)).set_index("account_id")
    assert october.loc["A3", "drop_from_peak"] == pytest.approx(50 / 110 - 1)
    assert october.loc["A3", "spend_change"] == pytest.approx(50 / 110 - 1)  # July had 110 too
    assert october.loc["A2", "months_to_renewal"] == windows.months_between(date(2024, 10, 1), AS_OF) + 5
    # the churned account's end date never reads back as "months to renewal" in the months it paid
    june = measures.measures(con, as_of=AS_OF, first=date(2024, 6, 1)).set_index("account_id")
    assert pd.isna(june.loc["A1", "months_to_renewal"])
    con.close()


def test_default_model_weights_only_what_revenue_gives(db):
    con = store.connect(db)
    weights = storage.active(con).config.model("*").weights()
    con.close()
    weighted = {name for name, weight in weights.items() if weight > 0}
    assert weighted == {"spend_change", "tenure_months", "product_count", "months_to_renewal", "drop_from_peak"}
    assert not weighted & set(USAGE_MEASURES)


def test_cli_scores_and_backtests_without_usage(db, capsys):
    assert cli.main(["health", "--db", str(db)]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype={"account_id": str})
    assert frame["account_id"].tolist() == ["A0", "A2", "A3"]
    assert frame["score"].notna().all()
    assert "drop_from_peak_score" in frame.columns and "nps_score" not in frame.columns
    assert cli.main(["health-backtest", "--db", str(db), "--month", "2024-03", "--horizon", "6"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("ALL,4,2,")  # A1 churned, A3 contracted by more than 20%


def test_backtest_evaluates_on_revenue_alone(db):
    con = store.connect(db)
    frame = backtest.backtest_frame(con, as_of=AS_OF, month=date(2024, 3, 1), horizon=6)
    result = backtest.evaluate(frame, storage.active(con).config, contraction_pct=20)
    con.close()
    assert (result.accounts, result.outcomes) == (4, 2)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_health_page_scores_without_usage_and_says_what_usage_would_add(db, monkeypatch, lang):
    at = open_page(db, monkeypatch)
    at.session_state["lang"] = lang
    at.switch_page("pages/health.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    notes = [i.value for i in at.info]
    expected = "No usage table is loaded" if lang == "en" else "usage テーブルが読み込まれていない"
    assert any(expected in note for note in notes), notes
