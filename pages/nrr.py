"""NRR waterfall: the retention review's leadership view (window, tiles, bridge, trend, split)."""

import streamlit as st

from dashboard import windows
from dashboard.revenue import metrics as revenue
from dashboard.revenue import story as nrr_story
from dashboard.revenue import view as ui
from dashboard.review import view as review
from dashboard.ui import links, money, page_setup, period, run, t
from dashboard.ui.findings import notice
from dashboard.ui.section import section
from dashboard.ui.widgets import missing_revenue

con = page_setup("nav.nrr")
notice("nrr")
if run(revenue.revenue_table) is None:
    missing_revenue()
    st.stop()

link = links.arrive(*ui.LINK)  # a link's window, unit, split and drill-down, before the widgets are drawn
top_left, top_right = st.columns([3, 1], vertical_alignment="center")
big = top_left.toggle(t("nrr.present"), key="nrr.present", help=t("nrr.present_help"))
window, unit = ui.controls(big)
links.publish(link)
if window is None:
    st.info(t("nrr.no_window"))
    st.stop()
factor = 12 if unit == "ARR" else 1
months = period.revenue_months()
target = review.target_of(window)
with top_right:
    review.pack_button(window=window, as_of=period.as_of(), unit=unit, key="nrr.pack",
                       split=st.session_state.get("nrr.by") or "segment")

# ---- tiles: the window against the previous window of the same length -----------------------------
with section(None, key="nrr.tiles", definition=t("nrr.definition_tiles"), details=not big):
    st.caption(t("nrr.window_caption", label=window.label, start=windows.month_label(window.start),
                 end=windows.month_label(window.end)))
    current = ui.bridge(window).iloc[0]
    before = ui.previous_window(window, months[0])
    previous = ui.bridge(before).iloc[0] if before else None
    values = nrr_story.kpis(current, previous, factor)
    ui.tiles(values, unit, {name: review.gap(target, name, values[name][0], window) for name in ("nrr", "grr")})
    if before is None:
        st.caption(t("nrr.previous_none"))

# ---- the bridge ------------------------------------------------------------------------------------
with section(t("nrr.bridge_header"), key="nrr.bridge", definition=t("nrr.definition_bridge"), details=not big) as box:
    current = ui.bridge(window).iloc[0]
    driver = nrr_story.nrr_change_driver(ui.bridge(window, "segment"), ui.bridge(before, "segment")) if before else None
    box.finding(nrr_story.bridge_finding(t, window.label, current, previous, money(), factor, driver)
                + nrr_story.target_finding(t, current["nrr"], target))
    clicked = ui.waterfall(current, factor=factor, big=big, key="nrr.waterfall")
    if not big:
        st.caption(t("nrr.chart_help"))
if not big:
    ui.drilldown(window, clicked, unit)

ui.trend(as_of=period.as_of(), big=big, unit=unit, overlays=review.trend_overlays)
ui.split(window, unit=unit, big=big, goals=review.segment_goals(window))
if not big:
    review.targets_editor(sorted(ui.bridge(window, "segment")["group"].astype(str)))
    review.notes_editor()
