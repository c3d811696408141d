"""Churn review: churned ARR and logos by reason, segment, tenure, BANTC and competitor, the months
before the churn, win-back, data hygiene, and the all-hands retrospective mode."""

import streamlit as st

from dashboard import store, windows
from dashboard.churn import view as ui
from dashboard.churn import view_retro as retro
from dashboard.revenue import metrics as revenue
from dashboard.review import view as review
from dashboard.ui import auth, links, page_setup, period, t
from dashboard.ui.findings import notice
from dashboard.ui.widgets import missing_revenue, missing_table

con = page_setup("nav.churn")
notice("churn")
if revenue.revenue_table(con) is None:
    missing_revenue()
    st.stop()
if not store.has_table(con, "accounts"):  # a churn is matched to its account's name, segment and CSM
    missing_table("accounts")
    st.stop()

link = links.arrive(*retro.LINK)  # a link's window, retrospective, account and switch, before the widgets
left, right = st.columns(2)
retro_on = left.toggle(t("churn.retro"), key="churn.retro", help=t("churn.retro_help"))
# the all-hands view: for viewers on a server that locks it, names stay hidden whatever the switch says
locked = auth.anonymise_locked()
if locked:
    st.session_state["churn.anonymise"] = True
anonymise = right.toggle(t("churn.anonymise"), key="churn.anonymise", help=t("churn.anonymise_help"),
                         disabled=locked) or locked
if locked:
    right.caption(t("access.anonymise_locked"))
if retro_on:
    window = st.session_state.get("churn.window")
else:
    window = period.window_picker("churn.window_picker")
    st.session_state["churn.window"] = window
as_of = period.as_of()
if window is None or as_of is None:
    links.publish(link)
    st.info(t("churn.no_window"))
    st.stop()

args = ui.window_args(window, as_of)
anon = ui.anonymiser(args, anonymise)
has_reasons = store.has_table(con, "churn_reasons")
if not has_reasons:
    missing_table("churn_reasons")
    st.caption(t("churn.no_reasons_caption"))

if retro_on:
    review.retro_button(window=window, as_of=as_of, anonymise=anonymise, key="churn.retro_deck")
    retro.retrospective(args, anon)
links.publish(link)
if retro_on:
    st.stop()
review.pack_button(window=window, as_of=as_of, key="churn.pack")

st.caption(t("churn.window_caption", label=window.label, first=windows.month_label(windows.add_months(window.start, 1)),
             last=windows.month_label(window.end)))
stamp = f"{window.start:%Y%m}_{window.end:%Y%m}"
row = ui.tiles(args, window.label)
if not int(row["logos"]):
    st.info(t("churn.no_churn_window", label=window.label), icon=":material/sentiment_satisfied:")
    ui.hygiene(args, stamp, anon, has_reasons)
    retro.saved_notes(anon)
    st.stop()
ui.reasons(args, stamp, anon)
ui.segments(args, stamp, anon)
ui.tenure(args, stamp, anon)
ui.bantc_and_competitors(args, stamp, row, anon)
ui.before(args, stamp, anon)
ui.winback(args, stamp, int(row["logos"]), anon)
ui.hygiene(args, stamp, anon, has_reasons)
retro.saved_notes(anon)
