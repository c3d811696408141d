"""Streamlit pieces of the NRR page: tiles, the waterfall with its drill-down, trend and split."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from dashboard import store, windows
from dashboard.charts import nrr as charts
from dashboard.charts.formats import percent
from dashboard.charts.nrr import WATERFALL_BARS
from dashboard.metrics import nrr_story, revenue
from dashboard.ui.core import labels, money, run, t
from dashboard.ui.widgets import definition, table

KPI_NAMES = ("nrr", "grr", "ending_arr", "net_new_arr")
CATEGORIES = [category for category, *_ in WATERFALL_BARS]


def bridge(window: windows.Window, by: str | None = None) -> pd.DataFrame:
    return run(revenue.nrr_bridge, start=window.start, end=window.end, by=by)


def previous_bridge(window: windows.Window, first_month) -> pd.Series | None:
    prev = window.previous()
    if prev.start < first_month:
        return None
    return bridge(prev).iloc[0]


def tiles(values: dict[str, tuple[float, float]], *, big: bool) -> None:
    fmt = money()
    cols = st.columns(4)
    for col, name in zip(cols, KPI_NAMES):
        value, change = values[name]
        if name in ("nrr", "grr"):
            shown = percent(value)
            delta = None if math.isnan(change) else f"{change * 100:+.1f} pts"
        else:
            shown = fmt(value, compact=True)
            delta = None if math.isnan(change) else fmt(change, compact=True, signed=True)
        if big:
            # Projector: the figure as a page-title-sized line (computed numbers, never user text).
            box = col.container(border=True)
            box.markdown(f"### {t(f'nrr.kpi.{name}')}", help=t(f"nrr.help.{name}"))
            box.markdown(f"# {shown}")
            if delta:
                box.markdown(f"#### :{'green' if not delta.startswith('-') else 'red'}[{delta}]")
        else:
            col.metric(t(f"nrr.kpi.{name}"), shown, delta, help=t(f"nrr.help.{name}"), border=True,
                       height="stretch")


def waterfall(window: windows.Window, row: pd.Series, *, factor: int, big: bool, key: str) -> str | None:
    """Draw the waterfall; return the category of a bar the user clicked (None otherwise)."""
    labels = {c: t(f"nrr.bar.{c}") for c in CATEGORIES}
    fig = charts.waterfall(row, labels, money(), factor=factor, big=big)
    event = st.plotly_chart(fig, width="stretch", on_select="rerun", selection_mode="points", key=key,
                            config={"displayModeBar": False})
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    if points:
        data = points[0].get("customdata")
        if isinstance(data, list):
            data = data[0]
        if data in CATEGORIES:
            return data
        label = points[0].get("x")
        for category, text in labels.items():
            if text == label:
                return category
    return None


def drilldown(window: windows.Window, clicked: str | None, *, factor: int) -> None:
    st.subheader(t("nrr.drill_header"))
    key = "nrr.drill"
    if clicked and st.session_state.get("nrr.drill_clicked") != clicked:
        # A click on the chart moves the picker, which stays usable by keyboard.
        st.session_state[key] = clicked
        st.session_state["nrr.drill_clicked"] = clicked
    st.session_state.setdefault(key, "churn")
    category = st.selectbox(t("nrr.drill_pick"), CATEGORIES, key=key, format_func=labels("nrr.bar", CATEGORIES),
                            help=t("nrr.drill_help"))
    accounts = run(revenue.bridge_accounts, start=window.start, end=window.end, category=category)
    amount_column = {"starting": "mrr_start", "churn": "mrr_start", "retained": "mrr_end", "new": "mrr_end",
                     "reactivation": "mrr_end", "ending": "mrr_end"}.get(category, "change")
    # The table lists MRR, so its caption does too, whatever the chart's unit.
    amount = float(accounts[amount_column].abs().sum()) if not accounts.empty else 0.0
    st.caption(t("nrr.drill_caption", count=f"{len(accounts):,}", bar=t(f"nrr.bar.{category}"),
                 amount=money()(amount)))
    shown = accounts.sort_values(amount_column, key=lambda s: s.abs(), ascending=False)
    config = {c: st.column_config.TextColumn(t(f"nrr.col.{c}")) for c in ("account_id", "account_name", "segment",
                                                                            "csm", "region")}
    config |= {c: st.column_config.NumberColumn(t(f"nrr.col.{c}"), format="localized")
               for c in ("mrr_start", "mrr_end", "change")}
    table(shown, f"nrr_{category}_{window.start:%Y%m}_{window.end:%Y%m}.csv", key="nrr.drill_download",
          column_config=config)


def trend(*, as_of, big: bool) -> None:
    st.header(t("nrr.trend_header"), divider="gray")
    frame = run(revenue.nrr_trend, as_of=as_of, months=12)
    st.write(nrr_story.trend_finding(t, frame))
    if not frame.empty:
        st.caption(t("nrr.trend_caption"))
        labels = {"nrr": t("nrr.kpi.nrr"), "grr": t("nrr.kpi.grr")}
        st.plotly_chart(charts.trend(frame, labels, big=big), width="stretch", config={"displayModeBar": False},
                        key="nrr.trend_chart")
        if not big:
            table(frame, f"nrr_trend_{as_of:%Y%m}.csv", key="nrr.trend_download")
    if not big:
        definition(t("nrr.definition_trend"), store.load_sql("nrr_trend"))


def split(window: windows.Window, *, factor: int, big: bool) -> None:
    st.header(t("nrr.split_header"), divider="gray")
    by = st.segmented_control(t("nrr.split_by"), revenue.BRIDGE_BY, default="segment", key="nrr.by",
                              format_func=labels("nrr.by", revenue.BRIDGE_BY)) or "segment"
    frame = bridge(window, by)
    fmt = money()
    st.write(nrr_story.split_finding(t, frame, fmt, factor))
    if by == "product":
        st.info(t("nrr.product_note"), icon=":material/info:")
    if frame.empty:
        return
    names = {"nrr": t("nrr.kpi.nrr"), "grr": t("nrr.kpi.grr")}
    top = frame.sort_values("starting_mrr", ascending=False).head(25)
    st.plotly_chart(charts.split_bars(top, names, big=big), width="stretch", config={"displayModeBar": False},
                    key="nrr.split_chart")
    if not big:
        table(frame.rename(columns={"group": t("nrr.col.group")}),
              f"nrr_by_{by}_{window.start:%Y%m}_{window.end:%Y%m}.csv", key="nrr.split_download")
        definition(t("nrr.definition_split"), store.load_sql("nrr_bridge"))
