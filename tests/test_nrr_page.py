"""NRR page: pure findings and chart, and the page's numbers against the engine (AppTest)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import store, windows
from dashboard.charts import nrr as charts
from dashboard.charts.formats import Money
from dashboard.i18n import translate
from dashboard.metrics import nrr_story, revenue

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def tr(key, **values):
    return translate(key, "en", **values)


def bridge_row(**values) -> pd.Series:
    base = dict(starting_mrr=1000.0, expansion=200.0, contraction=50.0, churn=100.0, retained_mrr=1050.0,
                new=300.0, reactivation=20.0, ending_mrr=1370.0, nrr=1.05, grr=0.85, accounts_start=10,
                accounts_retained=9)
    return pd.Series({**base, **values})


def test_kpis_and_changes_against_the_previous_window():
    got = nrr_story.kpis(bridge_row(), bridge_row(nrr=1.10, grr=0.9, ending_mrr=1000.0, starting_mrr=900.0))
    assert got["nrr"] == pytest.approx((1.05, -0.05))
    assert got["grr"] == pytest.approx((0.85, -0.05))
    assert got["ending_arr"] == pytest.approx((16440.0, 16440.0 - 12000.0))
    assert got["net_new_arr"] == pytest.approx((12 * 370.0, 12 * 370.0 - 12 * 100.0))
    alone = nrr_story.kpis(bridge_row(), None)
    assert pd.isna(alone["nrr"][1])


def test_bridge_finding_sentence():
    text = nrr_story.bridge_finding(tr, "2026-Q3", bridge_row(), bridge_row(nrr=1.10), Money("USD"), 12)
    assert text == ("NRR was 105.0% over 2026-Q3 (GRR 85.0%). That is down 5.0 points from 110.0% in the "
                    "previous window. The largest loss was churn ($1.2k); expansion added $2.4k.")
    assert "not defined" in nrr_story.bridge_finding(tr, "x", bridge_row(nrr=float("nan")), None, Money())


def test_split_and_trend_findings():
    split = pd.DataFrame({"group": ["Enterprise", "SMB"], "starting_mrr": [800.0, 200.0], "churn": [30.0, 90.0],
                          "nrr": [1.1, 0.8]})
    assert nrr_story.split_finding(tr, split, Money()) == (
        "Lowest NRR: SMB at 80.0%. SMB lost the most to churn ($90, 75% of all churn).")
    months = [windows.add_months(date(2024, 1, 1), i) for i in range(14)]
    trend = pd.DataFrame({"month": months, "nrr": [1.0 + i / 100 for i in range(14)], "grr": [0.9] * 14})
    assert nrr_story.trend_finding(tr, trend) == (
        "Trailing-12-month NRR is 113.0% in 2025-02 (GRR 90.0%). A year earlier it was 101.0%. "
        "Its low was 100.0% in 2024-01.")


def test_waterfall_bars_add_up_and_carry_their_category():
    fig = charts.waterfall(bridge_row(), {c: c for c, *_ in charts.WATERFALL_BARS}, Money(), factor=12)
    trace = fig.data[0]
    assert list(trace.customdata) == ["starting", "expansion", "contraction", "churn", "retained", "new",
                                      "reactivation", "ending"]
    assert list(trace.y) == [12000.0, 2400.0, -600.0, -1200.0, 12600.0, 3600.0, 240.0, 16440.0]
    assert list(trace.measure) == ["absolute", "relative", "relative", "relative", "total", "relative",
                                   "relative", "total"]


# ---- the page -----------------------------------------------------------------------------------

def open_nrr(db, monkeypatch) -> AppTest:
    monkeypatch.setenv(store.DB_ENV, str(db))
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    assert not at.exception, at.exception
    return at


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def engine(db, start, end, by=None) -> pd.DataFrame:
    con = store.connect(db)  # same configuration as the app's open connection
    try:
        return revenue.nrr_bridge(con, start=start, end=end, by=by)
    finally:
        con.close()


def test_page_numbers_follow_the_window_and_unit(sample_db, monkeypatch):
    at = open_nrr(sample_db, monkeypatch)
    as_of = at.session_state["as_of"]
    row = engine(sample_db, windows.add_months(as_of, -12), as_of).iloc[0]
    assert metric(at, "NRR") == f"{row['nrr'] * 100:.1f}%"
    assert metric(at, "Ending ARR") == Money("USD")(row["ending_mrr"] * 12, compact=True)

    at.selectbox(key="nrr.window_picker.kind").set_value("month")
    at.run()
    month_row = engine(sample_db, windows.add_months(as_of, -1), as_of).iloc[0]
    assert metric(at, "NRR") == f"{month_row['nrr'] * 100:.1f}%"

    # the drill-down lists exactly the churned accounts of the window, summing to the churn bar
    at.selectbox(key="nrr.drill").set_value("churn")
    at.run()
    drill = at.dataframe[0].value
    assert len(drill) == engine(sample_db, windows.add_months(as_of, -1), as_of)["accounts_start"].iloc[0] - \
        month_row["accounts_retained"]
    assert drill["mrr_start"].sum() == pytest.approx(month_row["churn"])


def test_split_by_csm_and_presentation_mode(sample_db, monkeypatch):
    at = open_nrr(sample_db, monkeypatch)
    at.segmented_control(key="nrr.by").set_value("csm")
    at.run()
    assert not at.exception
    as_of = at.session_state["as_of"]
    groups = engine(sample_db, windows.add_months(as_of, -12), as_of, by="csm")
    split_table = at.dataframe[-1].value
    assert sorted(split_table["Group"]) == sorted(groups["group"])

    at.toggle(key="nrr.present").set_value(True)
    at.run()
    assert not at.exception
    assert not any(s.key == "nrr.drill" for s in at.selectbox)
    assert not any(s.key == "nrr.window_picker.kind" for s in at.selectbox)
    row = engine(sample_db, windows.add_months(as_of, -12), as_of).iloc[0]
    assert f"# {row['nrr'] * 100:.1f}%" in [m.value for m in at.markdown]
