"""Streamlit pieces of the NRR page: controls, tiles, the waterfall with its drill-down, trend and split."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from dashboard import windows
from dashboard.charts.formats import percent
from dashboard.revenue import chart as charts
from dashboard.revenue import metrics as revenue
from dashboard.revenue import story as nrr_story
from dashboard.revenue.chart import WATERFALL_BARS
from dashboard.ui import links, period
from dashboard.ui.core import labels, money, run, t
from dashboard.ui.section import section
from dashboard.ui.snapshot import local
from dashboard.ui.widgets import safe_figure, table

CATEGORIES = [category for category, *_ in WATERFALL_BARS]
UNITS = ("ARR", "MRR")
# Widgets the presentation mode hides; their values are kept while hidden (see keep_hidden_values).
PICKER = "nrr.window_picker"
HIDDEN_KEYS = ("nrr.unit", "nrr.by", "nrr.drill", f"{PICKER}.kind", f"{PICKER}.start", f"{PICKER}.end")
# The page's state in its link (dashboard/ui/links.py): as_of, window/period (or start/end), unit, split, drill
LINK = (period.AS_OF, period.WindowLink(PICKER, "nrr.window"), links.Choice("unit", "nrr.unit", UNITS, default="ARR"),
        links.Choice("split", "nrr.by", revenue.BRIDGE_BY, default="segment"),
        links.Choice("drill", "nrr.drill", CATEGORIES, default="churn"))
# Projector styling: static CSS only (no user data), sent to the event container by st.html.
PRESENT_CSS = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] { display: none; }
[data-testid="stMainBlockContainer"] { padding-top: 2rem; max-width: 100%; }
[data-testid="stMetricLabel"] p { font-size: 1.6rem !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { font-size: 4.2rem !important; line-height: 1.15; }
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] * { font-size: 1.5rem !important; }
[data-testid="stMarkdownContainer"] p { font-size: 1.35rem; }
[data-testid="stCaptionContainer"] p { font-size: 1.05rem; }
</style>"""


def keep_hidden_values() -> None:
    """Streamlit forgets a widget's value on a run that does not draw it; presentation mode hides the
    controls, so their values are written back as plain session values and the controls reopen as left."""
    kind = st.session_state.get(f"{PICKER}.kind")
    for key in (*HIDDEN_KEYS, f"{PICKER}.period.{kind}"):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def controls(big: bool) -> tuple[windows.Window | None, str]:
    """The window and the unit (ARR or MRR): pickers normally, the kept values in presentation mode."""
    if big:
        keep_hidden_values()
        st.html(PRESENT_CSS)
        return st.session_state.get("nrr.window"), st.session_state.get("nrr.unit", "ARR")
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    with left:
        window = period.window_picker(PICKER)
    right.segmented_control(t("nrr.unit"), UNITS, default="ARR", key="nrr.unit", help=t("nrr.unit_help"))
    st.session_state["nrr.window"] = window
    return window, st.session_state.get("nrr.unit") or "ARR"


def bridge(window: windows.Window, by: str | None = None) -> pd.DataFrame:
    return run(revenue.nrr_bridge, start=window.start, end=window.end, by=by)


def previous_window(window: windows.Window, first_month) -> windows.Window | None:
    """The window of the same length just before, if the data reaches back to its start."""
    prev = window.previous()
    return None if prev.start < first_month else prev


def tiles(values: dict[str, tuple[float, float]], unit: str, below: dict[str, str] | None = None) -> None:
    """NRR, GRR, ending and net new revenue, each with its change against the previous window, and
    ``below`` a tile its line (the gap to target under NRR and GRR)."""
    fmt = money()
    for col, name in zip(st.columns(4), nrr_story.KPI_NAMES):
        value, change = values[name]
        if name in ("nrr", "grr"):
            label, help_text, shown = t(f"nrr.kpi.{name}"), t(f"nrr.help.{name}"), percent(value)
            delta = None if math.isnan(change) else t("nrr.delta_points", points=f"{change * 100:+.1f}")
        else:
            label, help_text = t(f"nrr.kpi.{name}.{unit}"), t(f"nrr.help.{name}", unit=unit)
            shown = fmt(value, compact=True)
            delta = None if math.isnan(change) else fmt(change, compact=True, signed=True)
        col.metric(label, shown, delta, help=help_text, border=True, height="stretch")
        if below and below.get(name):
            col.caption(below[name])


def waterfall(row: pd.Series, *, factor: int, big: bool, key: str) -> str | None:
    """Draw the waterfall; return the category of the bar the user clicked (None otherwise)."""
    names = {c: t(f"nrr.bar.{c}") for c in CATEGORIES}
    hover = {c: t(f"nrr.hover.{c}", unit="ARR" if factor == 12 else "MRR") for c in CATEGORIES}
    fig = charts.waterfall(row, names, money(), factor=factor, big=big, hover=hover)
    event = st.plotly_chart(safe_figure(fig), width="stretch", on_select="rerun", selection_mode="points", key=key,
                            config={"displayModeBar": False})
    return clicked_category(event, names)


def clicked_category(event, names: dict[str, str]) -> str | None:
    """The bridge category of the first selected point of a plotly selection event."""
    points = ((event or {}).get("selection") or {}).get("points") or []
    if not points:
        return None
    data = points[0].get("customdata")
    category = data[0] if isinstance(data, (list, tuple)) and data else data
    if category in CATEGORIES:
        return category
    return next((c for c, text in names.items() if text == points[0].get("x")), None)


def money_columns(unit: str, names: list[str]) -> dict:
    """Column settings of money columns in ``unit`` (their names say the unit: revenue.in_unit)."""
    shown = [revenue.ARR_NAMES.get(c, c) if unit == "ARR" else c for c in names]
    return {c: st.column_config.NumberColumn(t(f"nrr.col.{c}"), format="localized") for c in shown}


@local
def drilldown(window: windows.Window, clicked: str | None, unit: str) -> None:
    """The accounts behind one bar: picked by a click on the chart or with the (keyboard) select box."""
    with section(t("nrr.drill_header"), key="nrr.drill", definition=t("nrr.definition_drill"), level="subheader") as box:
        _drilldown(box, window, clicked, unit)
    links.publish()  # the category picked (a fragment's rerun) goes into the address too


def _drilldown(box, window: windows.Window, clicked: str | None, unit: str) -> None:
    key = "nrr.drill"
    if clicked and st.session_state.get("nrr.drill_clicked") != clicked:
        # A click moves the picker, which stays the one source of truth (and keyboard-usable).
        st.session_state[key] = clicked
    st.session_state["nrr.drill_clicked"] = clicked
    st.session_state.setdefault(key, "churn")
    category = st.selectbox(t("nrr.drill_pick"), CATEGORIES, key=key, format_func=labels("nrr.bar", CATEGORIES),
                            help=t("nrr.drill_help"))
    accounts = run(revenue.bridge_accounts, start=window.start, end=window.end, category=category)
    amount_column = {"starting": "mrr_start", "churn": "mrr_start", "retained": "mrr_end", "new": "mrr_end",
                     "reactivation": "mrr_end", "ending": "mrr_end"}.get(category, "change")
    # the table, its caption and its CSV follow the page's unit, as the tiles and the chart do
    shown = revenue.in_unit(accounts.sort_values(amount_column, key=lambda s: s.abs(), ascending=False), unit)
    amount_column = revenue.ARR_NAMES[amount_column] if unit == "ARR" else amount_column
    amount = float(shown[amount_column].abs().sum()) if not shown.empty else 0.0
    box.finding(t("nrr.drill_caption_one" if len(accounts) == 1 else "nrr.drill_caption", count=f"{len(accounts):,}",
                  bar=t(f"nrr.bar.{category}"), amount=money()(amount), unit=unit), "caption")
    config = {c: st.column_config.TextColumn(t(f"nrr.col.{c}")) for c in ("account_id", "account_name", "segment",
                                                                            "csm", "region")}
    config |= money_columns(unit, ["mrr_start", "mrr_end", "change"])
    table(shown, f"nrr_{category}_{unit.lower()}_{window.start:%Y%m}_{window.end:%Y%m}.csv",
          key="nrr.drill_download", column_config=config, height=380)


def trend(*, as_of, big: bool, unit: str, overlays=None) -> None:
    """The trailing NRR and GRR; ``overlays(months)`` gives the targets and the notes to draw on them
    (:func:`dashboard.review.view.trend_overlays`), and the notes are listed under the chart."""
    with section(t("nrr.trend_header"), key="nrr.trend", definition=t("nrr.definition_trend"), details=not big) as box:
        frame = run(revenue.nrr_trend, as_of=as_of, months=12)
        box.finding(nrr_story.trend_finding(t, frame))
        if frame.empty:
            return
        goals, notes = overlays(list(frame["month"])) if overlays else (None, None)
        names = {"nrr": t("nrr.kpi.nrr"), "grr": t("nrr.kpi.grr"), "nrr_target": t("review.target_line.nrr"),
                 "grr_target": t("review.target_line.grr")}
        box.chart(charts.trend(frame, names, big=big, targets=goals, notes=notes), config={"displayModeBar": False},
                  key="nrr.trend_chart")
        st.caption(t("nrr.trend_caption"))
        if notes is not None:
            from dashboard.review.view import notes_list  # the review feature's seam, drawn under the trend

            notes_list(notes)
        if not big:
            config = {c: st.column_config.NumberColumn(t(f"nrr.col.{c}"), format="percent") for c in ("nrr", "grr")}
            config |= money_columns(unit, ["starting_mrr", "ending_mrr"])
            config["month"] = st.column_config.DateColumn(t("nrr.col.month"), format="YYYY-MM")
            box.table(revenue.in_unit(frame, unit), f"nrr_trend_{unit.lower()}_{as_of:%Y%m}.csv",
                      key="nrr.trend_download", column_config=config, expander=t("nrr.trend_table"))


@local
def split(window: windows.Window, *, unit: str, big: bool, goals: pd.DataFrame | None = None) -> None:
    """The window's NRR and GRR per group; split by segment, the segments' own targets (``goals``:
    group, nrr_target, grr_target) join the table."""
    with section(t("nrr.split_header"), key="nrr.split", definition=t("nrr.definition_split"), details=not big) as box:
        _split(box, window, unit=unit, big=big, goals=goals)
    links.publish()


def _split(box, window: windows.Window, *, unit: str, big: bool, goals: pd.DataFrame | None) -> None:
    factor = 12 if unit == "ARR" else 1
    if big:
        keep = st.session_state.get("nrr.by")
        by = keep if keep in revenue.BRIDGE_BY else "segment"
    else:
        by = st.segmented_control(t("nrr.split_by"), revenue.BRIDGE_BY, default="segment", key="nrr.by",
                                  format_func=labels("nrr.by", revenue.BRIDGE_BY)) or "segment"
    frame = bridge(window, by)
    box.finding(nrr_story.split_finding(t, frame, money(), factor))
    if by == "product":
        st.info(t("nrr.product_note"), icon=":material/info:")
    if frame.empty:
        return
    names = {"nrr": t("nrr.kpi.nrr"), "grr": t("nrr.kpi.grr")}
    top = frame.sort_values("starting_mrr", ascending=False).head(25)
    box.chart(charts.split_dots(top, names, big=big), config={"displayModeBar": False}, key="nrr.split_chart")
    if big:
        return
    config = {"group": st.column_config.TextColumn(t(f"nrr.by.{by}"))}
    config |= money_columns(unit, revenue.BRIDGE_AMOUNTS)
    config |= {c: st.column_config.NumberColumn(t(f"nrr.col.{c}"), format="localized")
               for c in ("accounts_start", "accounts_retained")}
    config |= {c: st.column_config.NumberColumn(t(f"nrr.col.{c}"), format="percent", help=t(f"nrr.col.{c}_help"))
               for c in ("nrr", "grr")}
    if by == "segment" and goals is not None and not goals.empty:
        frame = frame.merge(goals, on="group", how="left")
        config |= {c: st.column_config.NumberColumn(t(f"review.target_line.{c.removesuffix('_target')}"),
                                                    format="percent") for c in ("nrr_target", "grr_target")}
    st.caption(t("nrr.split_table_caption", unit=unit))
    box.table(revenue.in_unit(frame, unit), f"nrr_by_{by}_{unit.lower()}_{window.start:%Y%m}_{window.end:%Y%m}.csv",
              key="nrr.split_download", column_config=config)

