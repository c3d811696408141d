"""Streamlit helpers of the Coverage page's scenario section: save by name, load, import / export JSON,
and compare two or three scenarios side by side."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard import access
from dashboard.charts.formats import count, percent
from dashboard.coverage import chart as charts
from dashboard.coverage import storage
from dashboard.coverage.scenario import Scenario, ScenarioError, from_json, name_in, to_json
from dashboard.coverage.view import use_scenario
from dashboard.ui import auth
from dashboard.ui import section as sections
from dashboard.ui.core import connection, money, run, said, t
from dashboard.ui.widgets import download_csv, say

CURRENT = "\u2060(current)"   # the editor's unsaved state in the compare list; a name no one types
FLASH = "coverage.flash"
MONEY_METRICS = ("arr", "cost", "model_cost_year3")
PERCENT_METRICS = ("cost_pct_arr", "cost_pct_gross_profit")


def _flash(kind: str, text: str) -> None:
    st.session_state[FLASH] = (kind, text)


def _save(scenario: Scenario) -> None:
    name = str(st.session_state.get("coverage.save_name", "")).strip()
    replaced = name in storage.saved(connection())["name"].tolist()
    try:
        storage.save(connection(), name, scenario, by=auth.me())
    except access.AccessDenied as exc:
        _flash("error", said(exc.msg))
        return
    except ScenarioError as exc:
        _flash("error", str(exc))
        return
    _flash("success", t("coverage.replaced" if replaced else "coverage.saved", name=name))


def _load() -> None:
    name = st.session_state.get("coverage.load_name")
    try:
        use_scenario(storage.load(connection(), name))
    except ScenarioError as exc:
        _flash("error", str(exc))
        return
    st.session_state["coverage.save_name"] = name
    _flash("success", t("coverage.loaded", name=name))


def _delete() -> None:
    name = st.session_state.get("coverage.load_name")
    try:
        storage.delete(connection(), name, by=auth.me())
    except access.AccessDenied as exc:
        _flash("error", said(exc.msg))
        return
    st.session_state["coverage.compare"] = [n for n in st.session_state.get("coverage.compare", []) if n != name]
    _flash("success", t("coverage.deleted", name=name))


def _import() -> None:
    upload = st.session_state.get("coverage.import")
    if upload is None:
        return
    text = upload.getvalue()
    try:
        scenario = from_json(text)
    except ScenarioError as exc:
        _flash("error", t("coverage.import_error", file=upload.name, error=str(exc)))
        return
    use_scenario(scenario)
    st.session_state["coverage.save_name"] = name_in(text) or upload.name.rsplit(".", 1)[0]
    _flash("success", t("coverage.imported", file=upload.name))


def manage(scenario: Scenario) -> list[str]:
    """Save, load, delete, export and import; returns the saved scenarios' names (for compare)."""
    if FLASH in st.session_state:
        kind, text = st.session_state.pop(FLASH)
        say(text, "success" if kind == "success" else "error")
    saved = storage.saved(connection())  # not cached: saving does not change the dataset version
    left, right = st.columns(2)
    with left.container(border=True):
        st.text_input(t("coverage.save_name"), key="coverage.save_name", help=t("coverage.save_name_help"),
                      max_chars=80)
        typed = str(st.session_state.get("coverage.save_name") or "").strip()
        taken = typed in saved["name"].tolist()
        if taken:
            say(t("coverage.name_taken", name=typed), "warning", icon=":material/warning:")
        if auth.may("scenario.save"):
            st.button(t("coverage.replace" if taken else "coverage.save"), key="coverage.save", on_click=_save,
                      args=(scenario,), icon=":material/save:")
        else:
            auth.role_needed("scenario.save")
        st.download_button(t("coverage.export"), to_json(scenario, st.session_state.get("coverage.save_name") or None),
                           file_name="coverage-scenario.json", mime="application/json", key="coverage.export",
                           icon=":material/download:", help=t("coverage.export_help"))
    with right.container(border=True):
        if saved.empty:
            st.caption(t("coverage.none_saved"))
        else:
            st.selectbox(t("coverage.load_name"), saved["name"].tolist(), key="coverage.load_name")
            a, b = st.columns(2)
            a.button(t("coverage.load"), key="coverage.load", on_click=_load, icon=":material/upload:")
            b.button(t("coverage.delete"), key="coverage.delete", on_click=_delete, icon=":material/delete:",
                     disabled=not auth.may("scenario.delete"))
        st.file_uploader(t("coverage.import"), type=["json"], key="coverage.import", help=t("coverage.import_help"))
        st.button(t("coverage.use_import"), key="coverage.use_import", on_click=_import,
                  disabled=st.session_state.get("coverage.import") is None)
    return saved["name"].tolist()


def compare(as_of: date, scenario: Scenario, saved: list[str]) -> None:
    """Pick two or three scenarios (``saved`` names, and the editor's current state) and show them side
    by side."""
    options = [CURRENT, *saved]
    chosen = st.multiselect(t("coverage.compare_pick"), options, key="coverage.compare", max_selections=3,
                            format_func={n: t("coverage.current") if n == CURRENT else n for n in options}.__getitem__,
                            help=t("coverage.compare_help"))
    if len(chosen) < 2:
        st.caption(t("coverage.compare_hint"))
        return
    con = connection()
    picked = tuple((t("coverage.current") if n == CURRENT else n,
                    scenario if n == CURRENT else storage.load(con, n)) for n in chosen)
    frame = run(storage.compare, as_of=as_of, scenarios=picked)
    by_segment = run(storage.segment_compare, as_of=as_of, scenarios=picked)
    names = [n for n, _ in picked]
    sections.finding(finding(frame, names))
    st.dataframe(display(frame, names), hide_index=True, key="coverage.compare_table",
                 height=35 * (len(frame) + 1) + 3)  # every measure visible, no inner scroll
    download_csv(frame, "coverage_scenarios_compared.csv", key="coverage.compare_csv")
    st.markdown(f"**{t('coverage.compare_motions')}**")
    st.dataframe(motions(by_segment, names), hide_index=True, key="coverage.compare_motions")
    sections.chart(charts.compare_bars(by_segment, chart_labels()), key="coverage.compare_chart")


def chart_labels() -> dict[str, str]:
    return {"csms": t("coverage.col.csm_rounded"),
            **{f"motion.{m}": t(f"coverage.motion.{m}") for m in ("named_accounts", "named_arr", "pooled", "digital")}}


def finding(frame: pd.DataFrame, names: list[str]) -> str:
    values = frame.set_index("metric")
    costs = {n: float(values.loc["cost", n]) for n in names}
    cheapest = min(costs, key=costs.get)
    dearest = max(costs, key=costs.get)
    if round(costs[cheapest], 2) == round(costs[dearest], 2):
        return t("coverage.compare_same", cost=money()(costs[cheapest], compact=True),
                 csms=count(values.loc["csm_rounded", cheapest]))
    return t("coverage.compare_finding", cheap=cheapest, cheap_cost=money()(costs[cheapest], compact=True),
             cheap_csms=count(values.loc["csm_rounded", cheapest]), dear=dearest,
             dear_cost=money()(costs[dearest], compact=True), dear_csms=count(values.loc["csm_rounded", dearest]))


def motions(by_segment: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """What differs between the scenarios: each segment's motion and ratio, one column per scenario."""
    fmt = money()
    rows: dict[str, dict[str, str]] = {}
    for _, row in by_segment.iterrows():
        text = t(f"coverage.motion.{row['motion']}")
        if row["motion"] == "named_arr":
            text += f" · {fmt(row['ratio'], compact=True)}"
        elif row["motion"] != "digital" and pd.notna(row["ratio"]):
            text += f" · {count(row['ratio'])}"
        rows.setdefault(str(row["segment"]), {})[row["scenario"]] = text
    return pd.DataFrame([{t("coverage.col.segment"): segment, **{n: found.get(n, "") for n in names}}
                         for segment, found in rows.items()])


def display(frame: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """The comparison with translated measure names and formatted values (text), for the screen."""
    fmt = money()
    rows = []
    for _, row in frame.iterrows():
        metric = row["metric"]
        out = {t("coverage.compare_metric"): t(f"coverage.cmp.{metric}")}
        for name in names:
            value = row[name]
            if metric == "rule":
                text = t(f"coverage.rule.{value}")
            elif metric == "ceiling_met":
                text = t("coverage.yes") if value else t("coverage.no")
            elif metric in MONEY_METRICS:
                text = fmt(value)
            elif metric in PERCENT_METRICS:
                text = percent(value)
            elif metric == "csm_needed":
                text = f"{value:.2f}"
            elif metric == "headcount_gap":
                text = f"{int(value):+d}"
            else:
                text = count(value)
            out[name] = text
        rows.append(out)
    return pd.DataFrame(rows)
