"""NRR waterfall: the retention review's leadership view (window, tiles, bridge, trend, split)."""

import streamlit as st

from dashboard import store, windows
from dashboard.metrics import nrr_story, revenue
from dashboard.ui import money, page_setup, period, t
from dashboard.ui import nrr as ui
from dashboard.ui.widgets import definition, missing_table

con = page_setup("nav.nrr")
if revenue.revenue_table(con) is None:
    st.info(t("nrr.no_revenue"), icon=":material/upload_file:")
    missing_table("subscriptions")
    st.stop()

big = st.toggle(t("nrr.present"), key="nrr.present", help=t("nrr.present_help"))
if big:
    window = st.session_state.get("nrr.window")
    unit = st.session_state.get("nrr.unit_kept", "ARR")
else:
    left, right = st.columns([4, 1])
    with left:
        window = period.window_picker("nrr.window_picker")
    unit = right.segmented_control(t("nrr.unit"), ["ARR", "MRR"], default="ARR", key="nrr.unit",
                                   help=t("nrr.unit_help")) or "ARR"
    st.session_state["nrr.window"] = window
    st.session_state["nrr.unit_kept"] = unit
if window is None:
    st.info(t("nrr.no_window"))
    st.stop()
factor = 12 if unit == "ARR" else 1
months = period.revenue_months()

st.caption(t("nrr.window_caption", label=window.label, start=windows.month_label(window.start),
             end=windows.month_label(window.end)))
current = ui.bridge(window).iloc[0]
previous = ui.previous_bridge(window, months[0])
ui.tiles(nrr_story.kpis(current, previous), big=big)

st.header(t("nrr.bridge_header"), divider="gray")
st.write(nrr_story.bridge_finding(t, window.label, current, previous, money(), factor))
clicked = ui.waterfall(window, current, factor=factor, big=big, key="nrr.waterfall")
if not big:
    ui.drilldown(window, clicked, factor=factor)
    definition(t("nrr.definition_bridge"), store.load_sql("nrr_bridge"))

ui.trend(as_of=period.as_of(), big=big)
ui.split(window, factor=factor, big=big)
