"""Streamlit helpers of the Coverage page: the scenario editor (rule, bands, motions, costs, what-if
inputs) kept in session state, and the sentences that open each section.

The editor starts from ``coverage.base`` (the default scenario, or one loaded / imported) and every
widget's first value comes from it; loading another scenario clears the editor's keys so the widgets
take the new values (see :func:`use_scenario`, run as a button callback before the next script run).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard.charts.formats import count, percent
from dashboard.coverage import actuals, model
from dashboard.coverage.scenario import (
    DEFAULT_MOTION,
    FALLBACK_ADOPTION,
    MOTION_RATIOS,
    MOTIONS,
    RULES,
    Band,
    Motion,
    Scenario,
    money_scale,
    setting,
)
from dashboard.ui import period
from dashboard.ui.core import labels, money, run, t
from dashboard.ui.widgets import plain

BASE = "coverage.base"
BASE_DEFAULT = "coverage.base_default"  # the currency of the built-in default the editor started from
EDITOR_PREFIXES = ("coverage.rule", "coverage.band.", "coverage.motion.", "coverage.ratio.", "coverage.set.",
                   "coverage.adoption_manual")
MAX_BANDS = 6
TRAP_SHARE = 0.8  # headcount growing at 80% or more of customer growth is growing in step with it


def base() -> Scenario:
    """The scenario the editor starts from: the data's own segments when accounts have them, its amounts
    in the display currency. Until a scenario is loaded, changing the currency starts the editor again
    from the default in the new currency (its yen amounts are not dollar amounts)."""
    currency = money().currency
    if BASE not in st.session_state or st.session_state.get(BASE_DEFAULT) not in (None, currency):
        use_scenario(run(model.default_scenario, as_of=period.as_of(), currency=currency))
        st.session_state[BASE_DEFAULT] = currency
    return st.session_state[BASE]


def use_scenario(scenario: Scenario) -> None:
    """Make ``scenario`` the editor's starting point (a callback: runs before the widgets are drawn)."""
    for key in [k for k in st.session_state if str(k).startswith(EDITOR_PREFIXES)]:
        del st.session_state[key]
    st.session_state[BASE] = scenario
    st.session_state[BASE_DEFAULT] = None  # a chosen scenario stays when the currency changes


def _init(key: str, value) -> str:
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def setting_input(container, name: str, *, fallback: float | None = None):
    """The widget of one declared setting; returns its value in model units (shares, not percent)."""
    spec = setting(name)
    value = getattr(base(), name)
    value = fallback if value is None else value
    key = f"coverage.set.{name}"
    if spec.percent:
        _init(key, round(float(value) * 100, 4))
        digits = 1 if spec.step * 100 < 1 else 0
        picked = container.slider(t(f"coverage.setting.{name}"), min_value=spec.lo * 100, max_value=spec.hi * 100,
                                  step=spec.step * 100, format=f"%.{digits}f%%", key=key, help=t(spec.help_key))
        return round(picked / 100, 6)
    _init(key, float(value))
    picked = container.number_input(t(f"coverage.setting.{name}"), min_value=float(spec.lo), max_value=float(spec.hi),
                                    step=float(spec.step), format="%.0f", key=key, help=t(spec.help_key))
    amount_caption(container, picked)
    return picked


def amount_caption(container, value: float) -> None:
    """The amount an input holds, written as the page writes money (12,000,000円, $120,000): a number
    input shows its digits without separators."""
    container.caption(t("coverage.amount_is", amount=money()(value)))


# ---- segments ------------------------------------------------------------------------------------

def segment_rule() -> Scenario:
    """Rule radio and, for band rules, the band editor; returns the base scenario with them applied."""
    scenario = base()
    rule = st.radio(t("coverage.rule"), RULES, format_func=labels("coverage.rule", RULES), horizontal=True,
                    key=_init("coverage.rule", scenario.rule), help=t("coverage.rule_help"))
    scenario = replace(scenario, rule=rule)
    if rule == "segment":
        return scenario
    field = "arr_bands" if rule == "arr" else "employee_bands"
    bands = sorted(getattr(scenario, field), key=lambda b: -b.lower)
    with st.expander(t("coverage.bands", rule=t(f"coverage.rule.{rule}")), icon=":material/tune:"):
        n = st.number_input(t("coverage.band_count"), min_value=1, max_value=MAX_BANDS, step=1,
                            key=_init(f"coverage.band.{rule}.count", len(bands)), help=t("coverage.band_count_help"))
        edited = []
        for i in range(int(n)):
            left, right = st.columns(2)
            old = bands[i] if i < len(bands) else Band(f"{t('coverage.band_default')} {i + 1}", 0.0)
            name = left.text_input(t("coverage.band_name", n=i + 1), key=_init(f"coverage.band.{rule}.name.{i}", old.name))
            last = i == int(n) - 1
            lower = right.number_input(t(f"coverage.band_min.{rule}"), min_value=0.0, step=1_000.0 if rule == "arr" else 10.0,
                                       key=_init(f"coverage.band.{rule}.min.{i}", float(old.lower)), disabled=last, format="%.0f",
                                       help=t("coverage.band_min_help"))
            if rule == "arr" and not last:
                amount_caption(right, lower)
            edited.append(Band(name.strip() or f"{t('coverage.band_default')} {i + 1}", 0.0 if last else float(lower)))
    names, lowers = [b.name for b in edited], [b.lower for b in edited]
    if len(set(names)) != len(names) or len(set(lowers)) != len(lowers):
        st.warning(t("coverage.bands_invalid"), icon=":material/warning:")
        return replace(scenario, **{field: tuple(bands)})
    return replace(scenario, **{field: tuple(edited)})


def segments_finding(book: pd.DataFrame) -> str:
    parts, total = book[book["segment"] != model.TOTAL], book.iloc[-1]
    if total["accounts"] == 0:
        return t("coverage.no_accounts")
    top = parts.sort_values("arr").iloc[-1]
    return t("coverage.segments_finding", accounts=count(total["accounts"]), arr=money()(total["arr"], compact=True),
             n=len(parts), top=top["segment"], arr_share=percent(top["arr"] / total["arr"], 0),
             account_share=percent(top["accounts"] / total["accounts"], 0))


# ---- motions and costs ---------------------------------------------------------------------------

def motion_editor(scenario: Scenario, segments: list[str]) -> Scenario:
    """One row per segment: its motion and ratio. Segments the scenario does not name start digital."""
    names = labels("coverage.motion", MOTIONS)
    for segment in segments:
        current = scenario.motion(segment) if segment in dict(scenario.motions) else DEFAULT_MOTION
        middle, right = st.columns(2, vertical_alignment="bottom")
        kind = middle.selectbox(plain(t("coverage.motion_for", segment=segment)), MOTIONS, format_func=names, key=_init(f"coverage.motion.{segment}",
                                current.kind), help=t("coverage.motion_help"))
        ratio = None
        if kind != "digital":
            default = (current.ratio if current.kind == kind and current.ratio
                       else MOTION_RATIOS[kind] * (money_scale(scenario.currency) if kind == "named_arr" else 1))
            ratio = right.number_input(t(f"coverage.ratio.{kind}"), min_value=1.0,
                                       step=100_000.0 if kind == "named_arr" else 1.0, format="%.0f",
                                       key=_init(f"coverage.ratio.{segment}.{kind}", float(default)),
                                       help=t(f"coverage.ratio_help.{kind}"))
            if kind == "named_arr":
                amount_caption(right, ratio)
        else:
            right.caption(t("coverage.digital_only"))
        scenario = scenario.with_motion(segment, Motion(kind, None if ratio is None else float(ratio)))
    return scenario


def cost_inputs(scenario: Scenario, team_cost: float | None) -> Scenario:
    """Loaded cost per CSM, gross margin, ceiling and the digital program's costs."""
    data_cost = team_cost if team_cost is not None else model.fallback_csm_cost(scenario.currency)
    first, second, third = st.columns(3)
    cost = setting_input(first, "csm_cost", fallback=data_cost)
    first.caption(t("coverage.cost_source_team" if team_cost is not None else "coverage.cost_source_fallback",
                    cost=money()(data_cost)))
    values = {"csm_cost": None if cost == data_cost and scenario.csm_cost is None else float(cost),
              "gross_margin": setting_input(second, "gross_margin"),
              "cost_ceiling": setting_input(third, "cost_ceiling"),
              "digital_program_cost": setting_input(second, "digital_program_cost"),
              "digital_cost_per_account": setting_input(third, "digital_cost_per_account")}
    return replace(scenario, **values)


def plan_finding(plan: pd.DataFrame, scenario: Scenario) -> str:
    total = plan.iloc[-1]
    key = "coverage.plan_finding_ok" if total["ceiling_met"] else "coverage.plan_finding_over"
    over = plan[(plan["segment"] != model.TOTAL) & ~plan["ceiling_met"]]["segment"].tolist()
    text = t(key, csms=count(total["csm_rounded"]), exact=f"{total['csm_needed']:.2f}",
             cost=money()(total["cost"], compact=True), pct=percent(total["cost_pct_arr"]),
             gp=percent(total["cost_pct_gross_profit"]), ceiling=percent(scenario.cost_ceiling))
    if not over:
        return text
    which = "coverage.plan_segments_over_within" if total["ceiling_met"] else "coverage.plan_segments_over"
    return text + " " + t(which, segments=", ".join(over))


# ---- actuals and what-if -------------------------------------------------------------------------

def actuals_finding(summary: pd.Series, has_team: bool) -> str:
    gap = int(summary["headcount_gap"])
    text = t("coverage.actuals_finding", today=count(summary["csms_today"]), model=count(summary["csms_model"]),
             gap=f"{gap:+d}", over=count(summary["csms_over_capacity"]), uncovered=count(summary["named_without_csm"]))
    return text if has_team else text + " " + t("coverage.no_team_note")


def whatif_inputs(scenario: Scenario, has_usage: bool) -> Scenario:
    """Growth and adoption sliders; the adoption rate is measured from usage unless entered."""
    first, second, third = st.columns(3)
    values = {"customer_growth": setting_input(first, "customer_growth"),
              "arr_growth": setting_input(second, "arr_growth"),
              "adoption_improvement": setting_input(third, "adoption_improvement")}
    first, second = st.columns(2)
    values["adoption_threshold"] = setting_input(first, "adoption_threshold")
    manual = second.toggle(t("coverage.adoption_manual"), disabled=not has_usage,
                           key=_init("coverage.adoption_manual", scenario.adoption_rate is not None or not has_usage),
                           help=t("coverage.adoption_manual_help"))
    values["adoption_rate"] = (setting_input(second, "adoption_rate", fallback=FALLBACK_ADOPTION)
                               if manual or not has_usage else None)
    return replace(scenario, **values)


def adoption_source(scenario: Scenario, measured: pd.Series) -> str:
    if scenario.adoption_rate is not None:
        return t("coverage.adoption_entered")
    if measured["measured_accounts"] == 0:
        return t("coverage.adoption_fallback", rate=percent(FALLBACK_ADOPTION))
    return t("coverage.adoption_measured", adopted=count(measured["adopted_accounts"]),
             measured=count(measured["measured_accounts"]), threshold=percent(scenario.adoption_threshold, 0))


def whatif_finding(projection: pd.DataFrame) -> str:
    """Two findings: does the model's headcount grow in step with customers (the white-glove trap) or
    with leverage; and how it compares with the white-glove baseline (today's customers per CSM kept)."""
    start, end = projection.iloc[0], projection.iloc[-1]
    model_growth = end["model_csm"] / start["model_csm"] - 1 if start["model_csm"] else float("nan")
    accounts_growth = end["accounts"] / start["accounts"] - 1 if start["accounts"] else float("nan")
    if not accounts_growth > 0:
        key = "coverage.whatif_shrink"
    elif model_growth >= TRAP_SHARE * accounts_growth:
        key = "coverage.whatif_trap"
    else:
        key = "coverage.whatif_leverage"
    text = t(key, years=int(end["year"]), accounts=count(end["accounts"]), growth=percent(accounts_growth, 0, signed=True),
             model=count(end["model_csm"]), model_growth=percent(model_growth, 0, signed=True))
    ratio = actuals.customers_per_csm(int(start["accounts"]), int(start["baseline_csm"]))
    gap = int(end["baseline_csm"]) - int(end["model_csm"])
    which = "coverage.whatif_saves" if gap > 0 else "coverage.whatif_richer" if gap < 0 else "coverage.whatif_same"
    return text + " " + t(which, ratio=count(ratio), baseline=count(end["baseline_csm"]), gap=count(abs(gap)))


# ---- tables --------------------------------------------------------------------------------------

MONEY_COLUMNS = ("arr", "mrr", "cost", "csm_cost", "digital_cost", "annual_cost", "model_cost", "baseline_cost",
                 "arr_per_csm")
PERCENT_COLUMNS = ("cost_pct_arr", "cost_pct_gross_profit", "capacity_use", "adoption_rate", "model_cost_pct_arr")
DECIMAL_COLUMNS = ("csm_needed", "ratio")
COUNT_COLUMNS = ("accounts", "successful_customers", "employees", "capacity_accounts")


def column_config(frame: pd.DataFrame) -> dict:
    """Translated headers and number formats for a coverage table."""
    config = {}
    for column in frame.columns:
        name = t(f"coverage.col.{column}")
        if column in MONEY_COLUMNS or column in COUNT_COLUMNS:
            config[column] = st.column_config.NumberColumn(name, format="localized")
        elif column in PERCENT_COLUMNS:
            config[column] = st.column_config.NumberColumn(name, format="percent")
        elif column in DECIMAL_COLUMNS:
            config[column] = st.column_config.NumberColumn(name, format="%.2f")
        else:
            config[column] = name
    return config


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as the page shows it: amounts rounded to the currency's decimals, motions as words."""
    digits = money().digits
    out = frame.copy()
    for column in out.columns.intersection(MONEY_COLUMNS):
        out[column] = out[column].round(digits)
    if "successful_customers" in out.columns:
        out["successful_customers"] = out["successful_customers"].round(0)  # whole customers
    for column in out.columns.intersection(DECIMAL_COLUMNS):
        out[column] = pd.to_numeric(out[column], errors="coerce")  # the TOTAL row's empty ratio: blank, not "None"
    if "motion" in out.columns:
        out["motion"] = [t(f"coverage.motion.{m}") if m else "" for m in out["motion"]]
    return out
