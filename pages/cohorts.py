"""Cohort retention: the triangle, the curves and time to value (issue 4)."""

import streamlit as st

from dashboard.cohorts import chart as charts
from dashboard.cohorts import metrics as cohorts
from dashboard.cohorts import view
from dashboard.revenue import metrics as revenue
from dashboard.review import pack
from dashboard.review import view as review
from dashboard.ui import lang, links, money, page_setup, run, t
from dashboard.ui.findings import notice
from dashboard.ui.period import as_of as chosen_as_of
from dashboard.ui.section import section
from dashboard.ui.widgets import lazy_expander, missing_revenue, missing_table

con = page_setup("nav.cohorts")
notice("cohorts")
if run(revenue.revenue_table) is None:
    missing_revenue()
    st.stop()
as_of = chosen_as_of()
if as_of is None:
    missing_revenue()
    st.stop()

link = links.arrive(*view.link(as_of))  # a link's metric, grain and filters, before the widgets are drawn
metric, grain = view.controls()
chosen = view.filters(as_of)
links.publish(link)
fmt = money()
review.pack_button(window=pack.window_of("trailing_12", as_of, fiscal_start=review.fiscal_start(), lang=lang()),
                   as_of=as_of, metric=metric, grain=grain, filters=chosen, key="cohorts.pack")

# ---- the tiles and the triangle ------------------------------------------------------------------
with section(None, key="cohorts.tiles", definition=t("cohorts.tiles_definition")):
    matrix = run(cohorts.cohort_retention, metric=metric, grain=grain, as_of=as_of, **chosen)
    if matrix.empty:
        st.info(t("cohorts.no_revenue"), icon=":material/filter_alt_off:")
        st.stop()
    average = cohorts.cohort_average(matrix, metric=metric)
    labels = view.chart_labels(metric)
    view.tiles(matrix, average, metric, grain)

with section(t("cohorts.triangle"), key="cohorts.triangle", definition=t("cohorts.triangle_definition")) as box:
    matrix = run(cohorts.cohort_retention, metric=metric, grain=grain, as_of=as_of, **chosen)
    box.finding(view.triangle_finding(matrix, average, metric, grain))
    box.chart(charts.retention_heatmap(matrix, money=fmt, labels=labels), key="cohorts.heatmap")
    box.table(matrix, f"cohort_{metric}_retention_by_{grain}.csv", key="cohorts.matrix_csv",
              column_config=view.column_config(matrix), expander=t("cohorts.matrix_table"),
              slide=lambda tr, matrix=matrix: pack.triangle(tr, matrix))  # on a slide: the shaded triangle
view.drill_down(matrix, grain, as_of, chosen)

# ---- the curves ----------------------------------------------------------------------------------
with section(t("cohorts.curves"), key="cohorts.curves", definition=t("cohorts.curves_definition"),
             formula=t("cohorts.curves_formula")) as box:
    matrix = run(cohorts.cohort_retention, metric=metric, grain=grain, as_of=as_of, **chosen)
    box.finding(view.curves_finding(average, grain))
    names = sorted(matrix["cohort"].unique())
    picked = st.multiselect(t("cohorts.curves_pick"), names, default=view.default_cohorts(names),
                            key=f"cohorts.picked.{grain}", help=t("cohorts.curves_pick_help"))
    marks, listed = review.curve_notes(picked, grain)
    box.chart(charts.retention_curves(matrix, average, picked=tuple(picked), labels=labels | {"notes": t("review.notes_header")},
                                      notes=marks), key="cohorts.curves_chart")
    review.notes_list(listed)
    box.table(average, f"cohort_{metric}_average_by_{grain}.csv", key="cohorts.average_csv",
              column_config=view.column_config(average), expander=t("cohorts.average_table"))

# ---- time to value -------------------------------------------------------------------------------
with section(t("cohorts.ttv"), key="cohorts.ttv",
             definition=t("cohorts.ttv_definition", min_accounts=view.MIN_CURVE_ACCOUNTS)) as box:
    if not run(cohorts.has_time_to_value):
        st.caption(t("cohorts.ttv_missing"))
        missing_table("usage")
        st.stop()
    threshold = st.slider(t("cohorts.ttv_threshold"), min_value=10, max_value=100, value=50, step=5, format="%d%%",
                          key="cohorts.threshold", help=t("cohorts.ttv_threshold_help")) / 100
    curves = run(cohorts.time_to_value_curves, threshold=threshold, as_of=as_of, **chosen)
    box.finding(view.ttv_finding(curves, threshold))
    groups = {g: t(f"cohorts.ttv_group.{g}") for g in cohorts.VALUE_GROUPS}
    box.chart(charts.value_curves(view.drawn_curves(curves), groups=groups, money=fmt,
                                  labels={**labels, "retention": t("cohorts.metric.net")}), key="cohorts.ttv_chart")
    box.table(curves, f"time_to_value_nrr_{int(threshold * 100)}pct.csv", key="cohorts.ttv_curves_csv",
              column_config=view.column_config(curves), expander=t("cohorts.ttv_curves_table"))

# the per-account list is the page's biggest query: it runs only while its expander is open
accounts_box = lazy_expander(t("cohorts.ttv_accounts"), key="cohorts.ttv_accounts_open")
if accounts_box.open:
    with accounts_box, section(None, key="cohorts.ttv_accounts",
                               definition=t("cohorts.ttv_accounts_definition")) as box:
        accounts = run(cohorts.time_to_value_accounts, threshold=threshold, as_of=as_of, **chosen)
        box.table(accounts, f"time_to_value_{int(threshold * 100)}pct.csv", key="cohorts.ttv_csv",
                  column_config=view.column_config(accounts))
