"""Health score tuning: measures, weights, rules and bands edited live; bands, changed accounts, the
back-test, one account with its override, and the saved configurations (issue 5)."""

from datetime import date

import streamlit as st

from dashboard import trace, windows
from dashboard.health import overrides, scores, scoring
from dashboard.health import view as ui
from dashboard.health import view_manage as manage
from dashboard.health import view_tuning as view
from dashboard.revenue import metrics as revenue
from dashboard.ui import dataset_key, page_setup, period, run, t
from dashboard.ui.findings import notice
from dashboard.ui.section import inputs
from dashboard.ui.widgets import missing_revenue

con = page_setup("nav.health")
notice("health")
# every score needs the accounts' revenue; usage only adds measures
if run(revenue.revenue_table) is None:
    missing_revenue()
    st.stop()
as_of = period.as_of()
if as_of is None:
    missing_revenue()
    st.stop()
ui.revenue_only_notice()

with trace.recording() as measured:  # every section below scores from these rows: each shows their SQL
    frame, prep = ui.month_data(as_of, as_of)
if frame.empty:
    st.info(t("health.no_accounts", month=windows.month_label(as_of)))
    st.stop()
st.caption(t("health.intro", month=windows.month_label(as_of), n=f"{len(frame):,}"))
key = (*dataset_key(con), as_of)

# ---- controls ------------------------------------------------------------------------------------
with st.container(border=True):
    model_name = ui.model_picker(list(prep.segment_names))
    ui.weight_sliders(model_name, prep)
    with st.expander(t("health.rules_header"), icon=":material/tune:"):
        ui.rule_editor(model_name)
config = ui.draft()
saved, every_override, _ = ui.app_state()
stamp = f"{as_of:%Y%m}"

# ---- bands and what moved ------------------------------------------------------------------------
hand = scores.hand_codes(frame, overrides.apply_rules(every_override, months=[as_of], today=date.today(),
                                                          latest=as_of))
now = view.scored(scoring.score_arrays(prep, config), hand)
before = view.scored(ui.saved_scores(prep, key, saved.config), hand)
with inputs(measured):
    view.bands_section(frame, prep, now, before, config, model_name, stamp)
    view.changed_section(frame, now, before, stamp)
    view.coverage_section(prep, config)

# ---- does it predict churn? ----------------------------------------------------------------------
months = ui.shared(revenue.monthly_movements, as_of=as_of)["month"].tolist()
manage.backtest_part(as_of, months, config, key, model_name)

# ---- one account, and the saved configurations ---------------------------------------------------
with inputs(measured):
    manage.account_section(frame, prep, now, as_of)
manage.configurations_section()
