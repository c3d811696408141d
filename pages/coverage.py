"""Coverage model: segments, a motion per segment, headcount and the cost of CS (issue 6)."""

import streamlit as st

from dashboard import store
from dashboard.charts import coverage as charts
from dashboard.charts.formats import count, percent
from dashboard.coverage import actuals, model, whatif
from dashboard.metrics import revenue
from dashboard.ui import coverage as view
from dashboard.ui import coverage_scenarios as scenarios
from dashboard.ui import money, page_setup, run, t
from dashboard.ui.findings import notice
from dashboard.ui.period import as_of as chosen_as_of
from dashboard.ui.widgets import definition, missing_revenue, missing_table, say, table

con = page_setup("nav.coverage")
notice("coverage")
if run(revenue.revenue_table) is None or chosen_as_of() is None:
    missing_revenue()
    st.stop()
as_of = chosen_as_of()
fmt = money()
st.caption(t("coverage.intro", month=f"{as_of:%Y-%m}"))

# ---- segments ------------------------------------------------------------------------------------
st.header(t("coverage.segments"))
scenario = view.segment_rule()
book = run(model.segments, as_of=as_of, rule=scenario.rule, bands=scenario.bands)
accounts = run(model.segment_accounts, as_of=as_of, rule=scenario.rule, bands=scenario.bands)
parts = book.iloc[:-1]
say(view.segments_finding(book))
st.plotly_chart(charts.segment_bars(parts, {"accounts": t("coverage.col.accounts"), "arr": t("coverage.col.arr")}, fmt),
                width="stretch", key="coverage.segments_chart")
definition(t("coverage.segments_definition"), store.load_sql("coverage_segments"))
with st.expander(t("coverage.segment_accounts"), icon=":material/list:"):
    picked = st.selectbox(t("coverage.drill_segment"), parts["segment"].tolist(), key="coverage.drill_segment")
    rows = accounts[accounts["segment"] == picked]
    table(view.shown(rows), f"coverage_accounts_{picked}.csv", key="coverage.accounts_csv", column_config=view.column_config(rows))

# ---- motions, headcount and cost -----------------------------------------------------------------
st.header(t("coverage.plan"))
st.caption(t("coverage.plan_intro"))
scenario = view.motion_editor(scenario, parts["segment"].tolist())
team_cost = run(model.team_mean_cost)
scenario = view.cost_inputs(scenario, team_cost)
csm_cost = model.loaded_csm_cost(scenario, team_cost)
plan = model.plan_frame(book, scenario, csm_cost)
total = plan.iloc[-1]
say(view.plan_finding(plan, scenario))
tiles = st.columns(4)
tiles[0].metric(t("coverage.tile.csms"), count(total["csm_rounded"]), help=t("coverage.tile.csms_help",
                exact=f"{total['csm_needed']:.2f}"))
tiles[1].metric(t("coverage.tile.cost"), fmt(total["cost"], compact=True), help=t("coverage.tile.cost_help",
                csm_cost=fmt(csm_cost)))
tiles[2].metric(t("coverage.tile.pct_arr"), percent(total["cost_pct_arr"]),
                help=t("coverage.tile.pct_arr_help", ceiling=percent(scenario.cost_ceiling)))
tiles[3].metric(t("coverage.tile.pct_gp"), percent(total["cost_pct_gross_profit"]),
                help=t("coverage.tile.pct_gp_help", margin=percent(scenario.gross_margin, 0)))
cost_labels = {c: t(f"coverage.col.{c}") for c in ("csm_cost", "digital_cost", "csm_rounded", "csm_needed")}
st.plotly_chart(charts.plan_cost(plan.iloc[:-1], {**cost_labels, "of_arr": t("coverage.of_arr")}, fmt),
                width="stretch", key="coverage.plan_chart")
definition(t("coverage.plan_definition"))
table(view.shown(plan), "coverage_plan.csv", key="coverage.plan_csv", column_config=view.column_config(plan))

# ---- today against the model ---------------------------------------------------------------------
st.header(t("coverage.actuals"))
books = run(actuals.csm_book, as_of=as_of)
uncovered = actuals.uncovered_frame(accounts, model.named_segments(plan))
summary = actuals.summary_frame(books, plan, uncovered).iloc[0]
has_team = bool(books["in_team"].any())
say(view.actuals_finding(summary, has_team))
tiles = st.columns(5)
tiles[0].metric(t("coverage.tile.today"), count(summary["csms_today"]), help=t("coverage.tile.today_help"))
tiles[1].metric(t("coverage.tile.gap"), f"{int(summary['headcount_gap']):+d}", help=t("coverage.tile.gap_help"))
tiles[2].metric(t("coverage.tile.per_csm"), count(summary["customers_per_csm"]),
                help=t("coverage.tile.per_csm_help", arr=fmt(summary["arr_per_csm"], compact=True)))
tiles[3].metric(t("coverage.tile.over"), count(summary["csms_over_capacity"]), help=t("coverage.tile.over_help"))
tiles[4].metric(t("coverage.tile.uncovered"), count(summary["named_without_csm"]), help=t("coverage.tile.uncovered_help"))
known = books[books["capacity_accounts"].notna()]
if not known.empty:
    st.plotly_chart(charts.capacity(known, {"accounts": t("coverage.col.accounts"),
                                            "capacity": t("coverage.col.capacity_accounts")}),
                    width="stretch", key="coverage.capacity_chart")
elif not has_team:
    missing_table("team")
definition(t("coverage.actuals_definition"), store.load_sql("coverage_team"))
with st.expander(t("coverage.books"), icon=":material/groups:"):
    table(view.shown(books), "coverage_csm_books.csv", key="coverage.books_csv", column_config=view.column_config(books))
with st.expander(t("coverage.uncovered", n=len(uncovered)), icon=":material/person_off:"):
    table(view.shown(uncovered), "coverage_named_without_csm.csv", key="coverage.uncovered_csv",
          column_config=view.column_config(uncovered))

# ---- three-year what-if --------------------------------------------------------------------------
st.header(t("coverage.whatif"))
has_usage = store.has_table(con, "usage")
scenario = view.whatif_inputs(scenario, has_usage)
adoption = run(whatif.adoption, as_of=as_of, threshold=scenario.adoption_threshold)
rate = whatif.adoption_rate(scenario, adoption["adoption_rate"].iloc[0])
projection = whatif.projection(book, scenario, csm_cost=csm_cost, csms_today=int(summary["csms_today"]),
                               adoption_today=rate)
say(view.whatif_finding(projection))
labels = {k: t(f"coverage.chart.{k}") for k in ("headcount", "cost", "model", "baseline", "today", "year")}
st.plotly_chart(charts.what_if(projection, {**labels, "accounts": t("coverage.col.accounts")}, fmt),
                width="stretch", key="coverage.whatif_chart")
end = projection.iloc[-1]
left, right = st.columns(2)
left.metric(t("coverage.tile.successful", years=int(end["year"])), count(end["successful_customers"]),
            help=t("coverage.tile.successful_help"))
left.caption(t("coverage.successful_formula", customers=count(end["accounts"]), rate=percent(end["adoption_rate"]),
               successful=count(end["successful_customers"])))
right.metric(t("coverage.tile.adoption_today"), percent(rate), help=t("coverage.tile.adoption_today_help"))
right.caption(view.adoption_source(scenario, adoption.iloc[0]))
definition(t("coverage.whatif_definition"), store.load_sql("coverage_adoption"))
table(view.shown(projection), "coverage_what_if.csv", key="coverage.whatif_csv", column_config=view.column_config(projection))

# ---- scenarios -----------------------------------------------------------------------------------
st.header(t("coverage.scenarios"))
st.write(t("coverage.scenarios_intro"))
saved_names = scenarios.manage(scenario)
st.subheader(t("coverage.compare"))
scenarios.compare(as_of, scenario, saved_names)
