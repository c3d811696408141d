"""The all-hands retrospective: one churned account per screen, large type, learnings saved per account."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import access, windows
from dashboard.churn import chart as charts
from dashboard.churn import history, matching, retro
from dashboard.churn.view import CHART_CONFIG, show_table
from dashboard.ui import auth, links, period
from dashboard.ui.core import connection, money, run, said, t
from dashboard.ui.section import chart, sectioned
from dashboard.ui.widgets import plain, say

INDEX = "churn.retro_index"
SHOWN = "churn.retro_shown"  # (account id, position in the deck, names hidden) of the card on screen


class DeckLink:
    """The retrospective's account in a link: ``account=<account_id>``, or while names are hidden
    ``position=<n>`` (its place in the deck, 1 = the most ARR lost; left out for the first): an id identifies
    a customer as its name does, so a link then neither carries nor opens one. An account that churned
    twice in the window opens at its bigger churn."""

    def seed(self) -> None:
        """Nothing yet: the deck is known once the window is (:func:`retrospective` applies the link)."""

    def state(self) -> dict[str, list[str]]:
        shown = st.session_state.get(SHOWN)
        if not st.session_state.get("churn.retro") or not shown:
            return {}
        account_id, position, hidden = shown
        if hidden:
            return {"position": [str(position)]} if position > 1 else {}
        return {"account": [account_id]}


# the page's state in its link (dashboard/ui/links.py)
LINK = (period.AS_OF, period.WindowLink("churn.window_picker", "churn.window"),
        links.Choice("retro", "churn.retro", (False, True), default=False, text=links.flag),
        links.Choice("anonymise", "churn.anonymise", (False, True), default=False, text=links.flag), DeckLink())


def open_linked(events: pd.DataFrame, hidden: bool) -> None:
    """Show the card a new link names (its position, then its account), when it is in the deck."""
    position, account = links.take("position"), links.take("account")
    if position:
        try:
            n = int(position[-1])
        except ValueError:
            n = 0
        if 1 <= n <= len(events):
            st.session_state[INDEX] = n - 1
        else:
            links.ignore("position", position)
    if account:
        ids = events["account_id"].astype(str).tolist()
        if hidden or account[-1] not in ids:
            links.ignore("account", account)
        else:
            st.session_state[INDEX] = ids.index(account[-1])


def _move(step: int, total: int) -> None:
    st.session_state[INDEX] = (st.session_state.get(INDEX, 0) + step) % total


def _flag(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return t("churn.flag.unknown")
    return t("churn.flag.ok") if value else t("churn.flag.failed")


def navigation(total: int) -> int:
    """Previous / next buttons around "n of N"; returns the index shown."""
    index = min(st.session_state.get(INDEX, 0), total - 1)
    st.session_state[INDEX] = index
    left, middle, right = st.columns([1, 3, 1])
    left.button(t("churn.retro_previous"), key="churn.retro_previous", on_click=_move, args=(-1, total),
                icon=":material/arrow_back:", width="stretch")
    position = t("churn.retro_position", n=f"{index + 1:,}", total=f"{total:,}")  # 1,869社中1社目
    middle.markdown(f"### {position}")
    right.button(t("churn.retro_next"), key="churn.retro_next", on_click=_move, args=(1, total),
                 icon=":material/arrow_forward:", width="stretch")
    return index


@sectioned(None, key="churn.retro", definition_key="churn.definition_retro")
def retrospective(args: dict, anon: retro.Anonymiser) -> None:
    """The deck: churned accounts of the window, biggest ARR lost first."""
    events = run(matching.churn_events, **args)
    st.session_state[SHOWN] = None
    if events.empty:
        st.info(t("churn.retro_empty"))
        return
    open_linked(events, anon.on)
    st.caption(t("churn.retro_caption"))
    index = navigation(len(events))
    row = events.iloc[index]
    st.session_state[SHOWN] = (str(row["account_id"]), index + 1, anon.on)
    fmt = money()
    name = anon.name(row["account_id"], row["account_name"])
    st.markdown(f"# {plain(name)}")
    facts = [row["segment"] or t("churn.no_segment"), t("churn.retro_churned", month=windows.month_label(row["month"]))]
    st.markdown(f"### {' · '.join(plain(f) for f in facts)}")
    cols = st.columns(3)
    for col, (label, value, help_key) in zip(cols, (
            (t("churn.col.arr_lost"), fmt(row["arr_lost"]), "churn.help.arr_lost"),
            (t("churn.col.tenure_months"), t("churn.months", n=int(row["tenure_months"])), "churn.help.tenure"),
            (t("churn.col.mrr_before"), fmt(row["mrr_before"]), "churn.help.mrr_before"))):
        box = col.container(border=True)
        box.markdown(f"#### {label}", help=t(help_key))
        box.markdown(f"## {value}")
    timeline(row, name, args)
    reason_block(row, anon)
    notes_form(row, anon)


def timeline(row: pd.Series, name: str, args: dict) -> None:
    names = {k: t(f"churn.chart.{k}") for k in ("months_before", "mrr", "score")}
    mrr = run(history.mrr_before_churn, **args)
    one = mrr[(mrr["account_id"] == row["account_id"]) & (mrr["churn_month"] == row["month"])]
    left, right = st.columns(2)
    with left:
        st.markdown(f"### {t('churn.retro_mrr')}")
        chart(charts.mrr_line(one, money=money(), labels=names, big=True, title=name),
              config=CHART_CONFIG, key="churn.retro_mrr_chart")
    with right:
        st.markdown(f"### {t('churn.retro_health')}")
        if not history.health_available():
            st.info(t("churn.health_missing"), icon=":material/ecg_heart:")
            return
        health = run(history.health_before_churn, **args, health=history.health_state(connection()))
        mine = health[(health["account_id"] == row["account_id"]) & (health["churn_month"] == row["month"])]
        if mine.empty:
            st.caption(t("churn.health_no_scores"))
        else:
            chart(charts.health_line(mine, labels=names, big=True), config=CHART_CONFIG,
                  key="churn.retro_health_chart")


def reason_block(row: pd.Series, anon: retro.Anonymiser) -> None:
    if not row["recorded"]:
        st.markdown(f"## {t('churn.retro_unrecorded')}")
        return
    st.markdown(f"## {plain(t('churn.retro_reason', reason=row['primary_reason']))}")
    extra = []
    if row["secondary_reason"]:
        extra.append(t("churn.retro_secondary", reason=row["secondary_reason"]))
    extra.append(t("churn.retro_competitor", competitor=row["competitor"] or t("churn.none")))
    if row["preventable"] is not None:
        extra.append(t("churn.retro_preventable") if row["preventable"] else t("churn.retro_not_preventable"))
    st.markdown(f"### {' · '.join(plain(e) for e in extra)}")
    checks = st.columns(5)
    for col, check in zip(checks, matching.BANTC):
        col.metric(t(f"churn.bantc.{check.removesuffix('_ok')}"), _flag(row[check]), help=t("churn.help.bantc"),
                   border=True)
    if row["notes"]:
        st.markdown(f"### {t('churn.retro_notes')}")
        st.markdown(f"#### {plain(anon.text(row['notes']))}")


def notes_form(row: pd.Series, anon: retro.Anonymiser) -> None:
    """Learnings and action items of this churn, saved to the database (app schema). Anonymised, the
    boxes show them with names hidden; a box saved unchanged keeps the text as it was stored, so the
    hidden names are never written over."""
    if not auth.may("learning.save"):  # a viewer (the all-hands screen) reads the saved notes below
        return
    con = connection()
    saved = retro.load_notes(con)
    learnings, actions = retro.note_for(saved, row["account_id"], row["month"])
    shown_learnings, shown_actions = anon.text(learnings) or "", anon.text(actions) or ""
    suffix = f"{row['account_id']}.{row['month']:%Y%m}"
    st.markdown(f"### {t('churn.retro_learn_header')}")
    if anon.on:
        st.caption(t("churn.retro_notes_anonymised"))
    with st.form(key=f"churn.retro_form.{suffix}"):
        typed = st.text_area(t("churn.retro_learnings"), value=shown_learnings, key=f"churn.learnings.{suffix}",
                             height=120)
        todo = st.text_area(t("churn.retro_actions"), value=shown_actions, key=f"churn.actions.{suffix}", height=120)
        if st.form_submit_button(t("churn.retro_save"), icon=":material/save:"):
            try:
                retro.save_note(con, by=auth.me(), account_id=row["account_id"], churn_month=row["month"],
                                learnings=learnings if typed == shown_learnings else typed,
                                action_items=actions if todo == shown_actions else todo)
            except access.AccessDenied as exc:
                say(said(exc.msg), "error")
            else:
                st.success(t("churn.retro_saved"))


@sectioned("churn.notes_header", key="churn.notes", definition_key="churn.definition_notes")
def saved_notes(anon: retro.Anonymiser) -> None:
    """Every saved learning (all windows), so the next review starts from them."""
    notes = retro.load_notes(connection())
    if notes.empty:
        st.caption(t("churn.notes_empty"))
        return
    names = run(retro.account_names)
    shown = notes.merge(names.astype({"account_id": "str"}), on="account_id", how="left")
    shown = shown[["account_id", "account_name", "churn_month", "learnings", "action_items", "updated_at"]]
    say(t("churn.notes_finding", n=len(shown)))
    show_table(shown, "churn_retro_notes.csv", "churn.notes_download", anon)
