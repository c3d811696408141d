"""Cohort retention: the triangle, the curves and time to value (issue 4)."""

import streamlit as st

from dashboard import store
from dashboard.charts import cohorts as charts
from dashboard.metrics import cohorts, revenue
from dashboard.ui import cohorts as view
from dashboard.ui import money, page_setup, run, t
from dashboard.ui.findings import notice
from dashboard.ui.period import as_of as chosen_as_of
from dashboard.ui.widgets import definition, missing_revenue, missing_table, say, table

con = page_setup("nav.cohorts")
notice("cohorts")
if run(revenue.revenue_table) is None:
    missing_revenue()
    st.stop()
as_of = chosen_as_of()
if as_of is None:
    missing_revenue()
    st.stop()

metric, grain = view.controls()
chosen = view.filters(as_of)
matrix = run(cohorts.cohort_retention, metric=metric, grain=grain, as_of=as_of, **chosen)
if matrix.empty:
    st.info(t("cohorts.no_revenue"), icon=":material/filter_alt_off:")
    st.stop()
average = cohorts.cohort_average(matrix, metric=metric)
labels = view.chart_labels(metric)
fmt = money()
view.tiles(matrix, average, metric, grain)

# ---- the triangle --------------------------------------------------------------------------------
st.header(t("cohorts.triangle"))
say(view.triangle_finding(matrix, average, metric, grain))
st.plotly_chart(charts.retention_heatmap(matrix, money=fmt, labels=labels), width="stretch",
                key="cohorts.heatmap")
definition(t("cohorts.triangle_definition"), store.load_sql("cohort_retention"))
with st.expander(t("cohorts.matrix_table")):
    table(matrix, f"cohort_{metric}_retention_by_{grain}.csv", key="cohorts.matrix_csv", column_config=view.column_config(matrix))
view.drill_down(matrix, grain, as_of, chosen)

# ---- the curves ----------------------------------------------------------------------------------
st.header(t("cohorts.curves"))
say(view.curves_finding(average, grain))
names = sorted(matrix["cohort"].unique())
picked = st.multiselect(t("cohorts.curves_pick"), names, default=view.default_cohorts(names),
                        key=f"cohorts.picked.{grain}", help=t("cohorts.curves_pick_help"))
st.plotly_chart(charts.retention_curves(matrix, average, picked=tuple(picked), labels=labels), width="stretch",
                key="cohorts.curves_chart")
definition(t("cohorts.curves_definition"))
with st.expander(t("cohorts.average_table")):
    table(average, f"cohort_{metric}_average_by_{grain}.csv", key="cohorts.average_csv", column_config=view.column_config(average))

# ---- time to value -------------------------------------------------------------------------------
st.header(t("cohorts.ttv"))
if not run(cohorts.has_time_to_value):
    st.caption(t("cohorts.ttv_missing"))
    missing_table("usage")
    st.stop()
threshold = st.slider(t("cohorts.ttv_threshold"), min_value=10, max_value=100, value=50, step=5, format="%d%%",
                      key="cohorts.threshold", help=t("cohorts.ttv_threshold_help")) / 100
curves = run(cohorts.time_to_value_curves, threshold=threshold, as_of=as_of, **chosen)
say(view.ttv_finding(curves, threshold))
groups = {g: t(f"cohorts.ttv_group.{g}") for g in cohorts.VALUE_GROUPS}
st.plotly_chart(charts.value_curves(view.drawn_curves(curves), groups=groups, money=fmt,
                                    labels={**labels, "retention": t("cohorts.metric.net")}),
                width="stretch", key="cohorts.ttv_chart")
definition(t("cohorts.ttv_definition", min_accounts=view.MIN_CURVE_ACCOUNTS), store.load_sql("time_to_value_curves"))
with st.expander(t("cohorts.ttv_curves_table")):
    table(curves, f"time_to_value_nrr_{int(threshold * 100)}pct.csv", key="cohorts.ttv_curves_csv", column_config=view.column_config(curves))
# the per-account list is the page's biggest query: it runs only while its expander is open
accounts_box = st.expander(t("cohorts.ttv_accounts"), key="cohorts.ttv_accounts_open", on_change="rerun")
if accounts_box.open:
    with accounts_box:
        accounts = run(cohorts.time_to_value_accounts, threshold=threshold, as_of=as_of, **chosen)
        table(accounts, f"time_to_value_{int(threshold * 100)}pct.csv", key="cohorts.ttv_csv", column_config=view.column_config(accounts))
