"""Health page sections for people acting on the score: suggested weights, one account with its
override, and the saved configurations (versions, diff, export, import)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import streamlit as st

from dashboard import access
from dashboard.health import backtest, measures, overrides, scoring, storage
from dashboard.health import chart as charts
from dashboard.health.config import BAND_NAMES, DEFAULT_MODEL, MEASURE_NAMES, ConfigError, diff, from_json, to_json
from dashboard.health.view import (
    BASE,
    app_state,
    bump,
    draft,
    measure_label,
    model_label,
    path_label,
    replace_draft,
    shared,
)
from dashboard.health.view_tuning import (
    CHART_CONFIG,
    Scored,
    backtest_controls,
    backtest_section,
    band_names,
    chart_labels,
    column_config,
)
from dashboard.ui import auth
from dashboard.ui.auth import role_needed
from dashboard.ui.core import connection, said, t
from dashboard.ui.section import chart, finding, section, sectioned
from dashboard.ui.snapshot import local
from dashboard.ui.widgets import say, table

SUGGESTION = "health.suggestion"
APPLIED = "health.suggestion_applied"  # the suggested weights were applied: the whole page reruns with them
PICK_LIMIT = 300


# ---- back-test and suggested weights -------------------------------------------------------------

@local  # its month, horizon and threshold change the back-test only: a press reruns it, not the whole page
def backtest_part(as_of: date, months: list[date], config, key: tuple, model_name: str) -> None:
    """The back-test (month T, horizon, threshold; rates, AUC, lift, each measure's AUC) and the weights
    a regression on it suggests for the model being edited."""
    if st.session_state.pop(APPLIED, False):  # the weight sliders and bands above are not in this rerun
        st.rerun(scope="app")
    with section(t("health.backtest_header"), key="health.backtest", definition=t("health.backtest_definition"),
                 formula=t("health.backtest_formula")):
        picked = backtest_controls(as_of, months)
        if picked is None:
            return
        month, horizon, pct = picked
        backtested, _ = backtest_section(as_of, month, horizon, pct, config, key)
    suggestion_section(backtested, model_name, pct, (as_of, month, horizon))


@sectioned("health.suggest_header", key="health.suggest", definition_key="health.suggest_definition", level="subheader")
def suggestion_section(frame: pd.DataFrame, model_name: str, pct: float, key: tuple) -> None:
    """Weights a logistic regression suggests for the model being edited; applied only on request."""
    config = draft()
    ident = (*key, model_name, pct)

    def model_rows() -> pd.DataFrame:
        segment = frame["segment"].to_numpy(dtype=object)
        own = [s for s in config.segments if s != DEFAULT_MODEL]
        return frame[(segment == model_name) if model_name != DEFAULT_MODEL else ~np.isin(segment, own)]

    if st.button(t("health.suggest_button", model=model_label(model_name)), key="health.suggest",
                 icon=":material/model_training:", help=t("health.suggest_help")):
        rows = model_rows()
        outcome = backtest.outcome_flags(rows["mrr"], rows["lowest_mrr"], pct)
        st.session_state[SUGGESTION] = (ident, backtest.suggest_weights(scoring.sub_scores(rows, config), outcome))
    found = st.session_state.get(SUGGESTION)
    if not found or found[0] != ident:
        st.caption(t("health.suggest_caption"))
        return
    part = model_rows()
    suggested = found[1]
    weights = dict(zip(suggested["measure"], suggested["weight"], strict=True))
    trial = backtest.apply_weights(config, model_name, weights)
    now = backtest.evaluate(part, config, contraction_pct=pct, measure_aucs_too=False).auc
    then = backtest.evaluate(part, trial, contraction_pct=pct, measure_aucs_too=False).auc
    finding(t("health.suggest_finding", now=f"{now:.3f}", then=f"{then:.3f}", n=f"{len(part):,}"))
    current = config.model(model_name)
    shown = pd.DataFrame({"measure": [measure_label(n) for n in MEASURE_NAMES],
                          "weight": [current.rule(n).weight for n in MEASURE_NAMES],
                          "suggested": suggested["weight"], "coefficient": suggested["coefficient"].round(3)})
    st.dataframe(shown, hide_index=True, column_config={
        "measure": t("health.col.measure"), "weight": t("health.col.weight"),
        "suggested": t("health.col.suggested"), "coefficient": st.column_config.NumberColumn(
            t("health.col.coefficient"), help=t("health.coefficient_help"))})
    st.button(t("health.suggest_apply"), key="health.suggest_apply", on_click=_apply, args=(trial,),
              icon=":material/check:", help=t("health.suggest_apply_help"))


def _apply(config) -> None:
    replace_draft(config)
    st.session_state.pop(SUGGESTION, None)
    st.session_state[APPLIED] = True


# ---- one account ---------------------------------------------------------------------------------

@sectioned("health.account_header", key="health.account", definition_key="health.account_definition")
def account_section(frame: pd.DataFrame, prep: scoring.Prepared, now: Scored, as_of: date) -> None:
    """Score, band, why (contributions), history with trend, and the band set by hand."""
    query = st.text_input(t("health.find"), key="health.find", help=t("health.find_help")).strip().lower()
    ids, names = prep.ids, prep.names
    if query:
        hit = (frame["account_id"].str.lower().str.contains(query, regex=False)
               | frame["account_name"].str.lower().str.contains(query, regex=False)).to_numpy()
        order = now.ordered(np.flatnonzero(hit))
    else:
        order = now.first(PICK_LIMIT)
    if not len(order):
        st.caption(t("health.find_none"))
        return
    rows = order[:PICK_LIMIT]
    where = dict(zip(ids[rows], rows.tolist(), strict=True))
    no_score = t("health.no_score")
    label = {ids[r]: f"{names[r]} ({ids[r]}) · {no_score if np.isnan(now.scores[r]) else f'{now.scores[r]:.0f}'}"
             for r in rows}
    chosen = st.selectbox(t("health.account"), list(where), key="health.account", help=t("health.account_help"),
                          format_func=label.__getitem__)
    row = where[chosen]
    config = draft()
    one = frame.iloc[[row]]
    history = _history(chosen, as_of, config)
    _headline(now, row, history)
    left, right = st.columns(2)
    subs = scoring.sub_scores(one, config)
    parts, subs = scoring.contributions(one, config, subs=subs).iloc[0], subs.iloc[0]
    model = config.model(frame["segment"].iloc[row])
    drawn = pd.DataFrame({"measure": [measure_label(n) for n in MEASURE_NAMES], "contribution": parts.to_numpy(),
                          "sub_score": subs.to_numpy(), "weight": [model.rule(n).weight for n in MEASURE_NAMES]})
    left.markdown(f"**{t('health.why')}**")
    chart(charts.contributions(drawn, labels=chart_labels()), into=left, config=CHART_CONFIG,
          key="health.contributions")
    right.markdown(f"**{t('health.history')}**")
    chart(charts.score_history(history, good=model.good, neutral=model.neutral, labels=chart_labels()), into=right,
          config=CHART_CONFIG, key="health.history_chart")
    override_form(chosen)


def _history(account_id: str, as_of: date, config) -> pd.DataFrame:
    """The account's score and effective band by month under the configuration on screen."""
    frame = shared(measures.account_measures, as_of=as_of, account_id=account_id, months=12)
    values, codes, _ = scoring.score_arrays(scoring.prepare(frame), config)
    everyone = app_state()[1]
    mine = everyone[everyone["account_id"] == account_id]
    hand = overrides.apply_rules(mine, months=list(frame["month"]), today=date.today(), latest=as_of)
    band = scoring.band_labels(codes)
    if not hand.empty:
        set_by_hand = dict(zip(hand["month"], hand["band"], strict=True))
        band = np.array([set_by_hand.get(m, b) for m, b in zip(frame["month"], band, strict=True)], dtype=object)
    return pd.DataFrame({"month": pd.to_datetime(frame["month"]), "score": values, "band": band})


def _headline(now: Scored, row: int, history: pd.DataFrame) -> None:
    first, second, third = st.columns(3)
    value = now.scores[row]
    previous = history["score"].iloc[-2] if len(history) > 1 else float("nan")
    delta = None if np.isnan(value) or pd.isna(previous) else f"{value - previous:+.1f}"
    first.metric(t("health.score"), "–" if np.isnan(value) else f"{value:.1f}", delta=delta, help=t("health.score_help"))
    second.metric(t("health.computed_band"), t(f"health.band.{scoring.BAND_ORDER[now.computed[row]]}"),
                  help=t("health.computed_help"))
    hand = now.override_label(row)
    third.metric(t("health.override_band"), t(f"health.band.{hand}") if hand else "–", help=t("health.override_help"))


def override_form(account_id: str) -> None:
    if not auth.may("override.set"):
        role_needed("override.set")
    else:
        _override_inputs(account_id)
    past = overrides.history_of(app_state()[1], account_id)
    if not past.empty:
        st.markdown(f"**{t('health.override_history')}**")
        shown = past.drop(columns="account_id").assign(
            band=[t(f"health.band.{b}") for b in past["band"]],
            status=[t(f"health.status.{s}") for s in past["status"]])
        st.dataframe(shown, hide_index=True, column_config={
            **column_config(shown), "set_at": st.column_config.DatetimeColumn(t("health.col.set_at"), format="YYYY-MM-DD HH:mm"),
            "cleared_at": st.column_config.DatetimeColumn(t("health.col.cleared_at"), format="YYYY-MM-DD HH:mm")})
        live = past[past["status"] == "active"]
        if not live.empty and auth.may("override.clear"):
            st.button(t("health.override_clear"), key="health.ov_clear", icon=":material/undo:",
                      on_click=_clear, args=(int(live["override_id"].iloc[0]),))


def _override_inputs(account_id: str) -> None:
    """The override form; its author is the session's identity (shown, never typed)."""
    with st.form("health.override_form", clear_on_submit=True):
        st.markdown(f"**{t('health.override_set')}**")
        say(t("health.author_is", user=auth.me().user), "caption")
        a, c = st.columns(2)
        a.selectbox(t("health.override_band"), BAND_NAMES, key="health.ov_band", format_func=band_names().__getitem__)
        c.date_input(t("health.expires"), value=date.today() + timedelta(days=30), key="health.ov_expires",
                               min_value=date.today() + timedelta(days=1), help=t("health.expires_help"))
        st.text_area(t("health.reason"), key="health.ov_reason", height=80)
        st.form_submit_button(t("health.override_save"), icon=":material/edit_note:", on_click=_set_override,
                              args=(account_id,))
    message = st.session_state.pop("health.ov_message", None)
    if message:
        say(message[1], "success" if message[0] else "error")


def _clear(override_id: int) -> None:
    try:
        overrides.clear_override(connection(), override_id, by=auth.me())
    except access.AccessDenied as exc:
        st.session_state["health.ov_message"] = (False, said(exc.msg))
        return
    bump()


def _set_override(account_id: str) -> None:
    """Record the override before the rerun draws the tiles, so they show it at once."""
    state = st.session_state
    try:
        overrides.set_override(connection(), account_id, state["health.ov_band"], by=auth.me(),
                               reason=state["health.ov_reason"], expires_on=state["health.ov_expires"])
    except access.AccessDenied as exc:
        state["health.ov_message"] = (False, said(exc.msg))
        return
    except ValueError as exc:
        state["health.ov_message"] = (False, str(exc))
        return
    bump()
    state["health.ov_message"] = (True, t("health.override_saved"))


# ---- saved configurations ------------------------------------------------------------------------

@sectioned("health.configs_header", key="health.configs", definition_key="health.configs_definition")
def configurations_section() -> None:
    active, _, saved = app_state()
    config = draft()
    changes = diff(active.config, config)
    finding(t("health.configs_finding", name=active.name, version=active.version, n=len(changes)))
    if changes:
        with st.expander(t("health.unsaved", n=len(changes))):
            shown = pd.DataFrame(changes).astype(str).assign(path=[path_label(c["path"]) for c in changes])
            st.dataframe(shown, hide_index=True, column_config={c: t(f"health.col.{c}") for c in shown.columns})
    if auth.may("health.save"):
        a, c = st.columns([4, 1], vertical_alignment="bottom")
        base = st.session_state.get(BASE, (active.name, active.version))
        st.session_state.setdefault("health.save_name", base[0] if base[1] else "CS Ops")
        a.text_input(t("health.save_name"), key="health.save_name")
        c.button(t("health.save"), key="health.save", icon=":material/save:", help=t("health.save_help"), on_click=_save)
        say(t("health.author_is", user=auth.me().user), "caption")
    else:
        role_needed("health.save")
    message = st.session_state.pop("health.save_message", None)
    if message:
        say(message[1], "success" if message[0] else "error")
    if not saved.empty:
        table(saved, "health_config_versions.csv", key="health.versions_csv", column_config=column_config(saved))
        labels = [f"{n} v{v}" for n, v in zip(saved["name"], saved["version"], strict=True)]
        left, right = st.columns([3, 2], vertical_alignment="bottom")
        picked = left.selectbox(t("health.version_pick"), range(len(labels)), format_func=labels.__getitem__,
                                key="health.version_pick")
        ref = (str(saved["name"].iloc[picked]), int(saved["version"].iloc[picked]))
        right.button(t("health.version_load"), key="health.version_load", on_click=_load, args=ref,
                     icon=":material/restore:", help=t("health.version_load_help"),
                     disabled=not auth.may("health.activate"))
    left, right = st.columns(2)
    left.download_button(t("health.export"), to_json(config), file_name="health-config.json",
                         mime="application/json", key="health.export", icon=":material/download:")
    upload = right.file_uploader(t("health.import"), type=["json"], key="health.import", help=t("health.import_help"))
    if upload is not None:
        try:
            imported = from_json(upload.getvalue())
            right.button(t("health.import_apply"), key="health.import_apply", on_click=replace_draft, args=(imported,))
        except ConfigError as exc:
            right.error(t("health.import_bad", error=str(exc)))


def _save() -> None:
    """Save before the rerun draws anything, so every section already compares with the new version."""
    name = st.session_state.get("health.save_name", "")
    try:
        version = storage.save(connection(), name, draft(), by=auth.me())
    except access.AccessDenied as exc:
        st.session_state["health.save_message"] = (False, said(exc.msg))
        return
    except ValueError as exc:
        st.session_state["health.save_message"] = (False, str(exc))
        return
    bump()
    st.session_state[BASE] = (name.strip(), version)
    st.session_state["health.save_message"] = (True, t("health.saved", name=name.strip(), version=version))


def _load(name: str, version: int) -> None:
    con = connection()
    try:
        storage.activate(con, name, version, by=auth.me())
    except access.AccessDenied as exc:
        st.session_state["health.save_message"] = (False, said(exc.msg))
        return
    replace_draft(storage.load(con, name, version), (name, version))
    st.session_state["health.save_name"] = name

