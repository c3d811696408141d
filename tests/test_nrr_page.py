"""NRR page: pure findings and charts, and the page's numbers against the engine (AppTest)."""

from __future__ import annotations

import base64
import json
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import store, windows
from dashboard.charts.formats import Money
from dashboard.i18n import translate
from dashboard.revenue import chart as charts
from dashboard.revenue import metrics as revenue
from dashboard.revenue import story as nrr_story
from dashboard.revenue.view import clicked_category
from tests.conftest import open_page
from tests.identities import ME

APP = str(Path(__file__).resolve().parents[1] / "app.py")
LABELS = {c: c.title() for c, *_ in charts.WATERFALL_BARS}


def tr(key, **values):
    return translate(key, "en", **values)


def bridge_row(**values) -> pd.Series:
    base = dict(starting_mrr=1000.0, expansion=200.0, contraction=50.0, churn=100.0, retained_mrr=1050.0,
                new=300.0, reactivation=20.0, ending_mrr=1370.0, nrr=1.05, grr=0.85, accounts_start=10,
                accounts_retained=9)
    return pd.Series({**base, **values})


def split_frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["group", "starting_mrr", "expansion", "contraction", "churn"])


# ---- pure helpers ----------------------------------------------------------------------------------

def test_kpis_and_changes_against_the_previous_window():
    got = nrr_story.kpis(bridge_row(), bridge_row(nrr=1.10, grr=0.9, ending_mrr=1000.0, starting_mrr=900.0))
    assert got["nrr"] == pytest.approx((1.05, -0.05))
    assert got["grr"] == pytest.approx((0.85, -0.05))
    assert got["ending"] == pytest.approx((16440.0, 16440.0 - 12000.0))
    assert got["net_new"] == pytest.approx((12 * 370.0, 12 * 370.0 - 12 * 100.0))
    monthly = nrr_story.kpis(bridge_row(), None, factor=1)
    assert monthly["ending"][0] == 1370.0 and monthly["net_new"][0] == 370.0
    assert pd.isna(monthly["nrr"][1]) and pd.isna(monthly["ending"][1])


def test_change_driver_splits_the_nrr_move_exactly():
    # before: NRR = (1000 + 100 - 0 - 50) / 1000 = 105%; now: (1000 + 100 - 0 - 130) / 1000 = 97%
    before = split_frame([("Enterprise", 600.0, 60.0, 0.0, 20.0), ("SMB", 400.0, 40.0, 0.0, 30.0)])
    now = split_frame([("Enterprise", 600.0, 60.0, 0.0, 80.0), ("SMB", 400.0, 40.0, 0.0, 50.0)])
    group, move, part, whole = nrr_story.nrr_change_driver(now, before)
    assert (group, move) == ("Enterprise", "churn")
    assert part == pytest.approx(-6.0) and whole == pytest.approx(-8.0)
    assert nrr_story.nrr_change_driver(now, now) is None
    assert nrr_story.nrr_change_driver(now, before.assign(starting_mrr=0.0)) is None


def test_bridge_finding_sentences():
    text = nrr_story.bridge_finding(tr, "2026-Q3", bridge_row(), bridge_row(nrr=1.10), Money("USD"), 12,
                                    ("Enterprise", "churn", -3.0, -5.0))
    assert text == "NRR fell from 110.0% to 105.0% over 2026-Q3 (GRR 85.0%); more Enterprise churn explains 3.0 of the 5.0 points."
    one_group = nrr_story.bridge_finding(tr, "2026-03", bridge_row(nrr=1.2), bridge_row(), Money(), 1,
                                         ("(none)", "expansion", 10.0, 15.0))
    assert one_group == "NRR rose from 105.0% to 120.0% over 2026-03 (GRR 85.0%); more expansion explains 10.0 of the 15.0 points."
    alone = nrr_story.bridge_finding(tr, "FY2025", bridge_row(), None, Money("EUR"), 12)
    assert alone == ("NRR was 105.0% over FY2025 (GRR 85.0%); the largest loss was churn (€1.2K) and expansion "
                     "added €2.4K.")
    less = nrr_story.bridge_finding(tr, "Q", bridge_row(), bridge_row(nrr=1.10), Money(), 1,
                                    ("SMB", "expansion", -4.0, -5.0))
    assert less.endswith("; less SMB expansion explains 4.0 of the 5.0 points.")
    # one term moving NRR further than the net change is not "5.6 of the 5.1 points"
    offset = nrr_story.bridge_finding(tr, "2025-10", bridge_row(), bridge_row(nrr=1.10), Money(), 1,
                                      ("Mid-Market", "churn", -5.6, -5.1))
    assert offset.endswith("; more Mid-Market churn alone moved it 5.6 points, partly offset by the other movements.")
    japanese = nrr_story.bridge_finding(lambda key, **v: translate(key, "ja", **v), "Q", bridge_row(),
                                        bridge_row(nrr=1.10), Money(), 1, ("SMB", "churn", -4.0, -5.0))
    assert japanese == ("Q のNRRは 110.0% から 105.0% に低下しました（GRR 85.0%）。SMBの解約の増加がその 5.0 ポイントの"
                        "うち 4.0 ポイントを説明します。")
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


def test_waterfall_bars_float_from_level_to_level():
    fig = charts.waterfall(bridge_row(), LABELS, Money(), factor=12)
    bars = fig.data[0]
    assert [c for c, _ in bars.customdata] == ["starting", "expansion", "contraction", "churn", "retained", "new",
                                               "reactivation", "ending"]
    assert list(bars.base) == [0.0, 12000.0, 13800.0, 12600.0, 0.0, 12600.0, 16200.0, 0.0]
    assert list(bars.y) == [12000.0, 2400.0, 600.0, 1200.0, 12600.0, 3600.0, 240.0, 16440.0]
    assert list(bars.text) == ["$12.0K", "+$2.4K", "-$600", "-$1.2K", "$12.6K", "+$3.6K", "+$240", "$16.4K"]
    assert bars.marker.color[3] == "#C8423B" and bars.marker.color[5] == "#2E9E5B"
    assert fig.layout.yaxis.range[0] == 0.0  # movements are large here: the axis starts at zero


def test_waterfall_axis_starts_at_zero_even_when_movements_are_slivers():
    row = bridge_row(starting_mrr=70_000.0, expansion=2000.0, contraction=500.0, churn=200.0, retained_mrr=71_300.0,
                     new=900.0, reactivation=40.0, ending_mrr=72_240.0)
    steps = charts.waterfall_steps(row)
    assert list(steps["after"]) == [70_000.0, 72_000.0, 71_500.0, 71_300.0, 71_300.0, 72_200.0, 72_240.0,
                                    72_240.0]
    fig = charts.waterfall(row, LABELS, Money())
    # a bar's height is its amount: a zoomed axis would make a 200 churn look like a collapse
    assert fig.layout.yaxis.range[0] == 0
    assert fig.layout.yaxis.range[1] == pytest.approx(72_240.0 * 1.12)
    assert not fig.layout.annotations


def test_split_dots_zoom_on_the_values_and_keep_100_percent_in_view():
    split = pd.DataFrame({"group": ["SMB", "Enterprise"], "starting_mrr": [200.0, 800.0], "nrr": [0.96, 1.04],
                          "grr": [0.9, 0.98]})
    fig = charts.split_dots(split, {"nrr": "NRR", "grr": "GRR"})
    grr, nrr = fig.data
    assert list(nrr.y) == ["SMB", "Enterprise"]  # largest starting MRR drawn last, on top
    assert list(nrr.text) == ["96.0%", "104.0%"] and list(grr.text) == ["90.0%", "98.0%"]
    assert fig.layout.xaxis.range == pytest.approx((0.865, 1.075))
    same = charts.split_dots(split.assign(grr=[0.96, 0.98]), {"nrr": "NRR", "grr": "GRR"})
    assert list(same.data[0].text) == ["", "98.0%"]  # GRR = NRR: one label for the overlapping dots


def test_clicked_category_reads_the_selection_event():
    names = {"churn": "Churn", "new": "New"}
    assert clicked_category({"selection": {"points": [{"x": "Churn", "customdata": ["churn", "def"]}]}}, names) == "churn"
    assert clicked_category({"selection": {"points": [{"x": "New"}]}}, names) == "new"
    assert clicked_category({"selection": {"points": []}}, names) is None
    assert clicked_category(None, names) is None


# ---- the page -----------------------------------------------------------------------------------

def open_nrr(db, monkeypatch) -> AppTest:
    return open_page(db, monkeypatch)


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def engine(db, start, end, by=None) -> pd.DataFrame:
    con = store.connect(db)  # same configuration as the app's open connection
    try:
        return revenue.nrr_bridge(con, start=start, end=end, by=by)
    finally:
        con.close()


def waterfall_y(at) -> list[float]:
    chart = next(c for c in at.get("plotly_chart") if c.proto.id and "waterfall" in c.proto.id)
    y = json.loads(chart.proto.spec)["data"][0]["y"]
    if isinstance(y, dict):  # plotly sends numeric arrays as typed binary: {"dtype": "f8", "bdata": base64}
        y = np.frombuffer(base64.b64decode(y["bdata"]), dtype=np.dtype(y["dtype"])).tolist()
    return y


def test_page_numbers_follow_the_window_and_unit(sample_db, monkeypatch):
    at = open_nrr(sample_db, monkeypatch)
    as_of = at.session_state["as_of"]
    row = engine(sample_db, windows.add_months(as_of, -12), as_of).iloc[0]
    assert metric(at, "NRR") == f"{row['nrr'] * 100:.1f}%"
    assert metric(at, "Ending ARR") == Money("USD")(row["ending_mrr"] * 12, compact=True)
    assert waterfall_y(at)[0] == pytest.approx(row["starting_mrr"] * 12)

    at.segmented_control(key="nrr.unit").set_value("MRR")
    at.run()
    assert metric(at, "Ending MRR") == Money("USD")(row["ending_mrr"], compact=True)
    assert waterfall_y(at)[-1] == pytest.approx(row["ending_mrr"])

    at.selectbox(key="nrr.window_picker.kind").set_value("month")
    at.run()
    month_row = engine(sample_db, windows.add_months(as_of, -1), as_of).iloc[0]
    previous = engine(sample_db, windows.add_months(as_of, -2), windows.add_months(as_of, -1)).iloc[0]
    assert metric(at, "NRR") == f"{month_row['nrr'] * 100:.1f}%"
    delta = next(m.proto.delta for m in at.metric if m.label == "NRR")
    assert delta == f"{(month_row['nrr'] - previous['nrr']) * 100:+.1f} pts"

    # the drill-down lists exactly the churned accounts of the window, summing to the churn bar
    at.selectbox(key="nrr.drill").set_value("churn")
    at.run()
    drill = at.dataframe[0].value
    assert len(drill) == month_row["accounts_start"] - month_row["accounts_retained"]
    assert drill["mrr_start"].sum() == pytest.approx(month_row["churn"])


def test_one_unit_governs_tables_and_their_columns(sample_db, monkeypatch):
    at = open_nrr(sample_db, monkeypatch)
    window = at.session_state["nrr.window"]
    row = engine(sample_db, window.start, window.end).iloc[0]
    groups = engine(sample_db, window.start, window.end, by="segment")
    # ARR (the default): the drill-down, the split table and their CSVs say ARR and hold 12 x MRR
    drill, split_table = at.dataframe[0].value, at.dataframe[-1].value
    assert list(drill.columns)[-3:] == ["arr_start", "arr_end", "change_arr"]
    assert drill["arr_start"].sum() == pytest.approx(12 * row["churn"])
    assert "starting_arr" in split_table.columns and "starting_mrr" not in split_table.columns
    assert split_table["starting_arr"].sum() == pytest.approx(12 * groups["starting_mrr"].sum())
    assert any("ARR in all" in c.value for c in at.caption)
    at.segmented_control(key="nrr.unit").set_value("MRR").run()
    drill, split_table = at.dataframe[0].value, at.dataframe[-1].value
    assert list(drill.columns)[-3:] == ["mrr_start", "mrr_end", "change"]
    assert drill["mrr_start"].sum() == pytest.approx(row["churn"])
    assert split_table["starting_mrr"].sum() == pytest.approx(groups["starting_mrr"].sum())


def test_the_trend_table_is_built_when_its_expander_opens(sample_db, monkeypatch):
    at = open_nrr(sample_db, monkeypatch)
    as_of = at.session_state["as_of"]
    tables = [frame.value for frame in at.dataframe]
    assert not any({"month", "grr"} <= set(frame.columns) for frame in tables), "a closed expander built the trend table"
    at.session_state["nrr.trend_download.open"] = True
    at.run()
    assert not at.exception
    trend = next(frame.value for frame in at.dataframe if {"month", "grr"} <= set(frame.value.columns))
    con = store.connect(sample_db)
    try:
        expected = revenue.nrr_trend(con, as_of=as_of, months=12)
    finally:
        con.close()
    assert trend["nrr"].tolist() == pytest.approx(expected["nrr"].tolist(), nan_ok=True)
    assert trend["ending_arr"].tolist() == pytest.approx((12 * expected["ending_mrr"]).tolist())


def test_split_by_csm_and_presentation_mode(sample_db, monkeypatch):
    at = open_nrr(sample_db, monkeypatch)
    at.selectbox(key="nrr.window_picker.kind").set_value("quarter")
    at.segmented_control(key="nrr.by").set_value("csm")
    at.run()
    assert not at.exception
    window = at.session_state["nrr.window"]
    groups = engine(sample_db, window.start, window.end, by="csm")
    split_table = at.dataframe[-1].value
    assert sorted(split_table["group"]) == sorted(groups["group"])
    assert split_table["nrr"].tolist() == pytest.approx(groups["nrr"].tolist(), nan_ok=True)

    at.toggle(key="nrr.present").set_value(True)
    at.run()
    assert not at.exception
    assert not any(s.key == "nrr.drill" for s in at.selectbox)
    assert not any(s.key == "nrr.window_picker.kind" for s in at.selectbox)
    row = engine(sample_db, window.start, window.end).iloc[0]
    assert metric(at, "NRR") == f"{row['nrr'] * 100:.1f}%"  # still the quarter, drawn large

    at.toggle(key="nrr.present").set_value(False)
    at.run()
    assert at.selectbox(key="nrr.window_picker.kind").value == "quarter"  # controls reopen as left
    assert at.segmented_control(key="nrr.by").value == "csm"


def test_empty_state_without_a_revenue_table(tmp_path, monkeypatch):
    db = tmp_path / "dashboard.duckdb"
    con = store.connect(db)
    store.commit(con, [store.Load("accounts", pd.DataFrame({"account_id": ["001", "002"]}), "accounts.csv")], by=ME)
    con.close()
    at = open_nrr(db, monkeypatch)
    assert any("needs a revenue table" in i.value for i in at.info)
    assert any("subscriptions" in i.value for i in at.info)
    assert not at.metric and not at.get("plotly_chart")
