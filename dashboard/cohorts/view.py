"""Streamlit helpers of the Cohort retention page: controls, filters, findings and the drill-down."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.charts.formats import percent
from dashboard.cohorts import metrics as cohorts
from dashboard.cohorts import story
from dashboard.ui import links, period
from dashboard.ui.core import labels, money, run, t
from dashboard.ui.section import section
from dashboard.ui.widgets import lazy_expander

FILTER_ARGS = {"segment": "segments", "csm": "csms", "region": "regions", "first_product": "products"}
# each filter's parameter in a link (repeated for several values: segment=A&segment=B)
FILTER_LINK = {"segment": "segment", "csm": "csm", "region": "region", "first_product": "product"}
MIN_CURVE_ACCOUNTS = 10  # fewer accounts at an age make a curve jump on one account


def controls() -> tuple[str, str]:
    """Metric and grain radios; returns (metric, grain)."""
    left, right = st.columns(2)
    metric = left.radio(t("cohorts.metric"), cohorts.METRICS, format_func=labels("cohorts.metric", cohorts.METRICS),
                        key="cohorts.metric", horizontal=True, help=t("cohorts.metric_help"))
    grain = right.radio(t("cohorts.grain"), cohorts.GRAINS, format_func=labels("cohorts.grain", cohorts.GRAINS),
                        key="cohorts.grain", horizontal=True, help=t("cohorts.grain_help"))
    return metric, grain


def link(as_of: date) -> tuple[links.Param, ...]:
    """The page's state in its link: as_of, metric, grain and the filters (a value must be one the filter offers)."""
    def options(dimension: str):
        return lambda: filter_options(as_of, dimension)

    return (period.AS_OF,
            links.Choice("metric", "cohorts.metric", cohorts.METRICS, default=cohorts.METRICS[0]),
            links.Choice("grain", "cohorts.grain", cohorts.GRAINS, default=cohorts.GRAINS[0]),
            *(links.Choice(FILTER_LINK[dimension], f"cohorts.{argument}", options(dimension), many=True)
              for dimension, argument in FILTER_ARGS.items()))


def filter_options(as_of: date, dimension: str) -> list[str]:
    values = run(cohorts.filter_values, as_of=as_of)
    return values.loc[values["dimension"] == dimension, "value"].tolist()


def filters(as_of: date) -> dict[str, tuple[str, ...]]:
    """Segment, CSM, region and first-product multiselects; returns the metric's filter arguments."""
    chosen = {}
    # open while a filter is set (a link's filters are in view, not hidden behind a closed box)
    active = any(st.session_state.get(f"cohorts.{argument}") for argument in FILTER_ARGS.values())
    with st.expander(t("cohorts.filters"), expanded=active, icon=":material/filter_alt:"):
        columns = st.columns(len(FILTER_ARGS))
        # the "(none)" group (accounts without a value) in the session's language, bound now: AppTest
        # formats options outside the run that drew them
        shown = {"(none)": t("churn.group.none")}
        for column, (dimension, argument) in zip(columns, FILTER_ARGS.items()):
            options = filter_options(as_of, dimension)
            picked = column.multiselect(t(f"cohorts.filter.{dimension}"), options, key=f"cohorts.{argument}",
                                        help=t("cohorts.filter_help"), format_func=lambda v: shown.get(v, v))
            chosen[argument] = tuple(sorted(picked))
    return chosen


def tiles(matrix: pd.DataFrame, average: pd.DataFrame, metric: str, grain: str) -> None:
    ages = average.set_index("age")
    age = story.headline_age(average, grain)
    label = t(f"cohorts.metric.{metric}")
    first, second, third = st.columns(3)
    first.metric(t("cohorts.tile.cohorts"), f"{matrix['cohort'].nunique():,}", help=t("cohorts.tile.cohorts_help"))
    accounts = int(matrix.loc[matrix["age"] == 0, "cohort_accounts"].sum())
    second.metric(t("cohorts.tile.accounts"), f"{accounts:,}", help=t("cohorts.tile.accounts_help"))
    third.metric(t("cohorts.tile.average", age=age), percent(ages.loc[age, "retention"]),
                 help=t("cohorts.tile.average_help", metric=label, age=age, n=int(ages.loc[age, "cohorts"])))


def triangle_finding(matrix: pd.DataFrame, average: pd.DataFrame, metric: str, grain: str) -> str:
    return story.triangle_finding(t, matrix, average, metric, grain)


def curves_finding(average: pd.DataFrame, grain: str) -> str:
    return story.curves_finding(t, average, grain)


def ttv_finding(curves: pd.DataFrame, threshold: float) -> str:
    """Compare the fast group's NRR with the never group's at a year (or the oldest age both reached);
    without both, the fast group's share of accounts (each group's size is its age-0 row)."""
    # only what the chart draws: a group of a handful of accounts is no finding
    drawn = drawn_curves(curves)
    fast = drawn[drawn["value_group"] == "0-1"].set_index("age")["net_retention"]
    never = drawn[drawn["value_group"] == "never"].set_index("age")["net_retention"]
    shared = sorted(set(fast.index) & set(never.index) - {0})
    if not shared:
        sizes = curves[curves["age"] == 0].set_index("value_group")["accounts"]
        share = float(sizes.get("0-1", 0)) / float(sizes.sum()) if sizes.sum() else float("nan")
        return t("cohorts.ttv_finding_partial", fast_share=percent(share, 0), threshold=percent(threshold, 0),
                 age=12)
    age = 12 if 12 in shared else shared[-1]
    return t("cohorts.ttv_finding", threshold=percent(threshold, 0), fast=percent(fast[age]), age=age,
             never=percent(never[age]))


_PERCENT = ("retention", "net_retention")
_MONEY = ("cohort_mrr", "mrr", "start_mrr")
_COLUMNS = ("cohort", "age", "cohorts", "cohort_accounts", "cohort_mrr", "accounts", "active_accounts", "mrr",
            "start_mrr", "retention", "net_retention", "account_id", "account_name", "segment", "csm", "region",
            "first_product", "first_month", "active", "months_to_value", "value_group")


def column_config(frame: pd.DataFrame) -> dict:
    """Translated headers and formats for a cohort table (the CSV keeps the plain names and values)."""
    config = {}
    for column in frame.columns:
        if column not in _COLUMNS:
            continue
        name = t(f"cohorts.col.{column}")
        if column in _PERCENT:
            config[column] = st.column_config.NumberColumn(name, format="percent")
        elif column in _MONEY:
            config[column] = st.column_config.NumberColumn(name, format="localized")
        elif column == "first_month":
            config[column] = st.column_config.DateColumn(name, format="YYYY-MM")
        else:
            config[column] = st.column_config.Column(name)
    return config


def drill_down(matrix: pd.DataFrame, grain: str, as_of: date, chosen: dict[str, tuple[str, ...]]) -> None:
    """Pick a cell (cohort and age) and list its accounts with their MRR then and now."""
    with section(t("cohorts.drill"), key="cohorts.drill", definition=t("cohorts.drill_definition"),
                 level="subheader") as box:
        _drill_down(box, matrix, grain, as_of, chosen)


def _drill_down(box, matrix: pd.DataFrame, grain: str, as_of: date, chosen: dict[str, tuple[str, ...]]) -> None:
    names = sorted(matrix["cohort"].unique())
    left, right = st.columns(2)
    cohort = left.selectbox(t("cohorts.drill_cohort"), names, index=len(names) - 1, key="cohorts.drill_cohort")
    ages = matrix.loc[matrix["cohort"] == cohort, "age"].tolist()
    age = right.selectbox(t("cohorts.drill_age"), ages, index=len(ages) - 1, key=f"cohorts.drill_age.{cohort}")
    # the cell's own row says what its accounts add up to; the list (a 1M book's newest cohort holds tens of
    # thousands) is read only while its expander is open
    cell = matrix[(matrix["cohort"] == cohort) & (matrix["age"] == age)].iloc[0]
    fmt = money()
    box.finding(t("cohorts.drill_caption", active=int(cell["accounts"]), total=int(cell["cohort_accounts"]), age=age,
                  mrr=fmt(cell["mrr"]), start=fmt(cell["cohort_mrr"])), "caption")
    listed = lazy_expander(t("cohorts.drill_accounts", total=f"{int(cell['cohort_accounts']):,}"),
                           key="cohorts.drill_open", icon=":material/table_rows:")
    if listed.open:
        with listed:
            members = run(cohorts.cohort_members, cohort=cohort, age=int(age), grain=grain, as_of=as_of, **chosen)
            box.table(members, f"cohort_{cohort}_age_{age}.csv", key="cohorts.drill_csv",
                      column_config=column_config(members))


def drawn_curves(curves: pd.DataFrame) -> pd.DataFrame:
    """The time-to-value curve points worth drawing: ages where the group still has enough accounts."""
    return curves[curves["accounts"] >= MIN_CURVE_ACCOUNTS]


def default_cohorts(names: list[str], n: int = 4) -> list[str]:
    """A spread of cohorts to compare first: evenly spaced from the oldest, newest excluded (too young)."""
    older = names[:-1] or names
    step = max(1, len(older) // n)
    return older[::step][:n]


def chart_labels(metric: str) -> dict[str, str]:
    return {"cohort": t("cohorts.hover.cohort"), "age": t("cohorts.hover.age"),
            "retention": t(f"cohorts.metric.{metric}"), "size": t("cohorts.hover.size"),
            "active": t("cohorts.hover.active"), "mrr": t("cohorts.hover.mrr"),
            "start_mrr": t("cohorts.hover.start_mrr"), "average": t("cohorts.average"),
            "accounts": t("cohorts.hover.accounts")}
