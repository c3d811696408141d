"""Coverage model: segments, a motion per segment, headcount and the cost of CS (issue 6)."""

import streamlit as st

from dashboard import store
from dashboard.charts.formats import count, percent
from dashboard.coverage import actuals, model, view, whatif
from dashboard.coverage import chart as charts
from dashboard.coverage import view_scenarios as scenarios
from dashboard.revenue import metrics as revenue
from dashboard.ui import money, page_setup, run, t
from dashboard.ui.findings import notice
from dashboard.ui.period import as_of as chosen_as_of
from dashboard.ui.section import section
from dashboard.ui.widgets import missing_revenue, missing_table, table

con = page_setup("nav.coverage")
notice("coverage")
if run(revenue.revenue_table) is None or chosen_as_of() is None:
    missing_revenue()
    st.stop()
as_of = chosen_as_of()
fmt = money()
st.caption(t("coverage.intro", month=f"{as_of:%Y-%m}"))

# ---- segments ------------------------------------------------------------------------------------
with section(t("coverage.segments"), key="coverage.segments", definition=t("coverage.segments_definition")) as box:
    scenario = view.segment_rule()
    book = run(model.segments, as_of=as_of, rule=scenario.rule, bands=scenario.bands)
    parts = book.iloc[:-1]
    box.finding(view.segments_finding(book))
    box.chart(charts.segment_bars(parts, {"accounts": t("coverage.col.accounts"), "arr": t("coverage.col.arr")}, fmt),
              key="coverage.segments_chart")
with section(None, key="coverage.segment_accounts", definition=t("coverage.segment_accounts_definition")):
    accounts = run(model.segment_accounts, as_of=as_of, rule=scenario.rule, bands=scenario.bands)
    with st.expander(t("coverage.segment_accounts"), icon=":material/list:"):
        picked = st.selectbox(t("coverage.drill_segment"), parts["segment"].tolist(), key="coverage.drill_segment")
        rows = accounts[accounts["segment"] == picked]
        table(view.shown(rows), f"coverage_accounts_{picked}.csv", key="coverage.accounts_csv",
              column_config=view.column_config(rows))

# ---- motions, headcount and cost -----------------------------------------------------------------
with section(t("coverage.plan"), key="coverage.plan", definition=t("coverage.plan_definition"),
             formula=t("coverage.plan_formula")) as box:
    st.caption(t("coverage.plan_intro"))
    book = run(model.segments, as_of=as_of, rule=scenario.rule, bands=scenario.bands)
    scenario = view.motion_editor(scenario, parts["segment"].tolist())
    team_cost = run(model.team_mean_cost)
    scenario = view.cost_inputs(scenario, team_cost)
    csm_cost = model.loaded_csm_cost(scenario, team_cost)
    plan = model.plan_frame(book, scenario, csm_cost)
    total = plan.iloc[-1]
    box.finding(view.plan_finding(plan, scenario))
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
    box.chart(charts.plan_cost(plan.iloc[:-1], {**cost_labels, "of_arr": t("coverage.of_arr")}, fmt),
              key="coverage.plan_chart")
    box.table(view.shown(plan), "coverage_plan.csv", key="coverage.plan_csv", column_config=view.column_config(plan))

# ---- today against the model ---------------------------------------------------------------------
with section(t("coverage.actuals"), key="coverage.actuals", definition=t("coverage.actuals_definition")) as box:
    accounts = run(model.segment_accounts, as_of=as_of, rule=scenario.rule, bands=scenario.bands)
    books = run(actuals.csm_book, as_of=as_of)
    uncovered = actuals.uncovered_frame(accounts, model.named_segments(plan))
    summary = actuals.summary_frame(books, plan, uncovered).iloc[0]
    has_team = bool(books["in_team"].any())
    box.finding(view.actuals_finding(summary, has_team))
    tiles = st.columns(5)
    tiles[0].metric(t("coverage.tile.today"), count(summary["csms_today"]), help=t("coverage.tile.today_help"))
    tiles[1].metric(t("coverage.tile.gap"), f"{int(summary['headcount_gap']):+d}", help=t("coverage.tile.gap_help"))
    tiles[2].metric(t("coverage.tile.per_csm"), count(summary["customers_per_csm"]),
                    help=t("coverage.tile.per_csm_help", arr=fmt(summary["arr_per_csm"], compact=True)))
    tiles[3].metric(t("coverage.tile.over"), count(summary["csms_over_capacity"]), help=t("coverage.tile.over_help"))
    tiles[4].metric(t("coverage.tile.uncovered"), count(summary["named_without_csm"]),
                    help=t("coverage.tile.uncovered_help"))
    known = books[books["capacity_accounts"].notna()]
    if not known.empty:
        box.chart(charts.capacity(known, {"accounts": t("coverage.col.accounts"),
                                          "capacity": t("coverage.col.capacity_accounts")}), key="coverage.capacity_chart")
    elif not has_team:
        missing_table("team")
    box.table(view.shown(books), "coverage_csm_books.csv", key="coverage.books_csv",
              column_config=view.column_config(books), expander=t("coverage.books"))
    box.table(view.shown(uncovered), "coverage_named_without_csm.csv", key="coverage.uncovered_csv",
              column_config=view.column_config(uncovered), expander=t("coverage.uncovered", n=f"{len(uncovered):,}"))

# ---- three-year what-if --------------------------------------------------------------------------
with section(t("coverage.whatif"), key="coverage.whatif", definition=t("coverage.whatif_definition"),
             formula=t("coverage.whatif_formula")) as box:
    book = run(model.segments, as_of=as_of, rule=scenario.rule, bands=scenario.bands)
    has_usage = store.has_table(con, "usage")
    scenario = view.whatif_inputs(scenario, has_usage)
    adoption = run(whatif.adoption, as_of=as_of, threshold=scenario.adoption_threshold)
    rate = whatif.adoption_rate(scenario, adoption["adoption_rate"].iloc[0])
    projection = whatif.projection(book, scenario, csm_cost=csm_cost, csms_today=int(summary["csms_today"]),
                                   adoption_today=rate)
    box.finding(view.whatif_finding(projection))
    labels = {k: t(f"coverage.chart.{k}") for k in ("headcount", "cost", "model", "baseline", "today", "year")}
    box.chart(charts.what_if(projection, {**labels, "accounts": t("coverage.col.accounts")}, fmt),
              key="coverage.whatif_chart")
    end = projection.iloc[-1]
    left, right = st.columns(2)
    left.metric(t("coverage.tile.successful", years=int(end["year"])), count(end["successful_customers"]),
                help=t("coverage.tile.successful_help"))
    left.caption(t("coverage.successful_formula", customers=count(end["accounts"]), rate=percent(end["adoption_rate"]),
                   successful=count(end["successful_customers"])))
    right.metric(t("coverage.tile.adoption_today"), percent(rate), help=t("coverage.tile.adoption_today_help"))
    right.caption(view.adoption_source(scenario, adoption.iloc[0]))
    box.table(view.shown(projection), "coverage_what_if.csv", key="coverage.whatif_csv",
              column_config=view.column_config(projection))

# ---- scenarios -----------------------------------------------------------------------------------
with section(t("coverage.scenarios"), key="coverage.scenarios", definition=t("coverage.scenarios_definition")):
    st.caption(t("coverage.scenarios_intro"))
    saved_names = scenarios.manage(scenario)
    st.subheader(t("coverage.compare"))
    scenarios.compare(as_of, scenario, saved_names)
