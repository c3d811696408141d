"""Streamlit sections of the Churn review page (the retrospective mode is in view_retro.py)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import windows
from dashboard.charts.formats import count, percent
from dashboard.churn import chart as charts
from dashboard.churn import history, matching, retro, story, summary
from dashboard.ui.core import connection, dataset_key, handed, labels, money, run, t
from dashboard.ui.section import chart, finding, sectioned
from dashboard.ui.snapshot import local
from dashboard.ui.widgets import table

PARETO_MEASURES = ("arr_lost", "accounts")
CHART_CONFIG = {"displayModeBar": False}

def localised(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """The "(unrecorded)" and "(none)" groups in the session's language (the data keeps the English)."""
    names = {matching.UNRECORDED: t("churn.group.unrecorded"), matching.NO_VALUE: t("churn.group.none")}
    values = frame[column]
    return frame.assign(**{column: values.where(~values.isin(list(names)), values.map(names))})


def window_args(window: windows.Window, as_of) -> dict:
    return {"as_of": as_of, "start": window.start, "end": window.end}


def anonymiser(args: dict, on: bool) -> retro.Anonymiser:
    """The page's anonymiser for the window (its aliases follow the window's churns, biggest first)."""
    return _anonymiser(dataset_key(connection()), on, tuple(sorted(args.items())), t("churn.alias_prefix"),
                       t("churn.alias_other"), t("churn.alias_csm"))


@st.cache_resource(show_spinner=False, max_entries=16)
def _anonymiser(key: tuple, on: bool, args: tuple, prefix: str, other: str, csm_prefix: str) -> retro.Anonymiser:
    """Built once per dataset version, window, switch and language, and shared read-only: it maps every
    account's name (a million on a large book), which took seconds to build on every rerun."""
    events = run(matching.churn_events, **dict(args))
    if not on:  # names show as they are: nothing to map
        return retro.Anonymiser.build(False, events["account_id"].tolist(), {}, prefix=prefix, other=other)
    names = run(retro.account_names)
    return retro.Anonymiser.build(on, events["account_id"].tolist(),
                                  dict(zip(names["account_id"].astype(str), names["account_name"])),
                                  prefix=prefix, other=other, csms=run(retro.csm_names), csm_prefix=csm_prefix)


def events(args: dict) -> pd.DataFrame:
    """The window's churn events, read once per window (cached): every section summarises these."""
    return run(matching.churn_events, **args)


def summarised(fn, args: dict, *extra) -> pd.DataFrame:
    """``fn(the window's churn events, *extra)`` (a ``summary.*_of`` function), computed once per window
    and shared by every session and rerun (each is tens of ms on a 1M-account book's churns, and a
    press of a section's own control reran them all); the events' SQL is still shown with the section."""
    window = events(args)  # replays the events' SQL into the section that shows the summary
    return handed(_summarised(dataset_key(connection()), fn.__name__, tuple(sorted(args.items())), extra, window))


@st.cache_resource(show_spinner=False, max_entries=128)
def _summarised(key: tuple, name: str, args: tuple, extra: tuple, _events: pd.DataFrame) -> pd.DataFrame:
    return getattr(summary, name)(_events, *extra)


def column_config(frame: pd.DataFrame) -> dict:
    config = {}
    for column in frame.columns:
        name = t(f"churn.col.{column}")
        if column in ("mrr_before", "arr_lost", "arr_now", "mrr"):
            config[column] = st.column_config.NumberColumn(name, format="localized", help=t("churn.help.arr_lost")
                                                           if column == "arr_lost" else None)
        elif column in ("share_arr", "share_failed"):
            config[column] = st.column_config.NumberColumn(name, format="percent")
        else:
            config[column] = st.column_config.Column(name)
    return config


def show_table(frame: pd.DataFrame, filename: str, key: str, anon: retro.Anonymiser) -> None:
    shown = anon.frame(frame)
    table(shown, filename, key=key, column_config=column_config(shown))


@sectioned(None, key="churn.tiles", definition_key="churn.definition_tiles")
def tiles(args: dict, label: str) -> pd.Series:
    row = summarised(summary.churn_tiles_of, args, run(summary.starting_arr, as_of=args["as_of"], month=args["start"])).iloc[0]
    fmt = money()
    finding(story.tiles_finding(t, row, label, fmt))
    cols = st.columns(4)
    cols[0].metric(t("churn.tile.logos"), count(row["logos"]), help=t("churn.help.logos"), border=True)
    cols[1].metric(t("churn.tile.arr"), fmt(row["arr_lost"], compact=True), help=t("churn.help.arr_lost"),
                   border=True)
    cols[2].metric(t("churn.tile.share"), percent(row["share_of_starting_arr"]),
                   help=t("churn.help.share", starting=fmt(row["starting_arr"], compact=True)), border=True)
    cols[3].metric(t("churn.tile.recorded"), percent(row["recorded_share"], 0),
                   help=t("churn.help.recorded", recorded=count(row["recorded_logos"]), logos=count(row["logos"])),
                   border=True)
    return row


def _names(*keys: str) -> dict[str, str]:
    return {k: t(f"churn.chart.{k}") for k in keys}


@local  # the Pareto's measure changes this section only: a press reruns it, not the page
@sectioned("churn.reasons_header", key="churn.reasons", definition_key="churn.definition_reasons")
def reasons(args: dict, stamp: str, anon: retro.Anonymiser) -> None:
    measure = st.segmented_control(t("churn.pareto_by"), PARETO_MEASURES, default="arr_lost",
                                   key="churn.pareto_measure", format_func=labels("churn.measure", PARETO_MEASURES),
                                   help=t("churn.pareto_help")) or "arr_lost"
    by_reason = summarised(summary.churn_by_of, args, "reason")
    finding(story.reasons_finding(t, by_reason, money(), measure))
    if by_reason.empty:
        return
    names = _names("value", "cumulative", "accounts", "arr") | {"value": t(f"churn.measure.{measure}")}
    by_reason = localised(by_reason, "group")
    chart(charts.pareto(by_reason, measure=measure, money=money(), labels=names,
                        unrecorded=t("churn.group.unrecorded")), config=CHART_CONFIG,
          key="churn.pareto_chart")
    left, right = st.columns(2)
    with left:
        st.subheader(t("churn.primary"))
        show_table(by_reason.rename(columns={"group": "reason"}), f"churn_primary_reasons_{stamp}.csv",
                   "churn.primary_download", anon)
    with right:
        st.subheader(t("churn.secondary"), help=t("churn.secondary_help"))
        secondary = localised(summarised(summary.churn_by_of, args, "secondary_reason"), "group")
        secondary = secondary.rename(columns={"group": "reason"})
        show_table(secondary, f"churn_secondary_reasons_{stamp}.csv", "churn.secondary_download", anon)


@sectioned("churn.segment_header", key="churn.segment", definition_key="churn.definition_segment")
def segments(args: dict, stamp: str, anon: retro.Anonymiser) -> None:
    heat = summarised(summary.reason_segment_of, args)
    finding(story.segment_finding(t, heat, money()))
    if heat.empty:
        return
    heat = localised(localised(heat, "reason"), "segment")
    chart(charts.heatmap(heat, value="arr_lost", money=money(), labels=_names("accounts", "arr")),
          config=CHART_CONFIG, key="churn.heatmap")
    show_table(heat, f"churn_reason_segment_{stamp}.csv", "churn.heatmap_download", anon)


@sectioned("churn.tenure_header", key="churn.tenure", definition_key="churn.definition_tenure")
def tenure(args: dict, stamp: str, anon: retro.Anonymiser) -> None:
    frame = summarised(summary.tenure_at_churn_of, args)
    finding(story.tenure_finding(t, frame))
    chart(charts.bars(frame, x="bucket", y="accounts", money=None, labels=_names("accounts", "arr")),
          config=CHART_CONFIG, key="churn.tenure_chart")
    show_table(frame, f"churn_tenure_{stamp}.csv", "churn.tenure_download", anon)


@sectioned("churn.bantc_header", key="churn.bantc", definition_key="churn.definition_bantc")
def bantc_and_competitors(args: dict, stamp: str, tiles_row: pd.Series, anon: retro.Anonymiser) -> None:
    bantc = summarised(summary.bantc_failures_of, args)
    finding(story.bantc_finding(t, bantc))
    shown = bantc.assign(check=[t(f"churn.bantc.{c}") for c in bantc["check"]])
    left, right = st.columns(2)
    with left:
        # no record with a BANTC check: the finding says so; an all-zero chart and an empty table would not
        if bantc["checked"].sum() > 0:
            chart(charts.bars(shown, x="check", y="failed", money=None, labels=_names("accounts", "arr"),
                              horizontal=True), config=CHART_CONFIG,
                  key="churn.bantc_chart")
            show_table(shown, f"churn_bantc_{stamp}.csv", "churn.bantc_download", anon)
    competitors = summarised(summary.churn_by_of, args, "competitor")
    with right:
        finding(story.competitor_finding(t, competitors, money()))
        named = competitors[~competitors["group"].isin([matching.UNRECORDED, matching.NO_VALUE])]
        if not named.empty:
            chart(charts.bars(named, x="group", y="arr_lost", money=money(), horizontal=True,
                              labels=_names("accounts", "arr")), config=CHART_CONFIG,
                  key="churn.competitor_chart")
        show_table(localised(competitors, "group").rename(columns={"group": "competitor"}), f"churn_competitors_{stamp}.csv", "churn.competitor_download", anon)
    st.subheader(t("churn.preventable_header"), help=t("churn.help.preventable"))
    finding(story.preventable_finding(t, tiles_row, money()))


@local  # the account picker and its search change this section only
@sectioned("churn.before_header", key="churn.before", definition_key="churn.definition_before")
def before(args: dict, stamp: str, anon: retro.Anonymiser) -> None:
    mrr = run(history.mrr_before_churn, **args)
    finding(story.mrr_finding(t, mrr, money()))
    if mrr.empty:
        return
    key, window = dataset_key(connection()), tuple(sorted(args.items()))
    total, churn_rows = _before_parts(key, window, mrr)
    names = _names("months_before", "mrr", "score")
    chart(charts.mrr_line(handed(total), money=money(), labels=names, title=t("churn.before_total")),
          config=CHART_CONFIG, key="churn.before_total_chart")
    if history.health_available():
        # the finding reads one month per churn: only that month is scored
        lead, state = history.POOR_LEAD, history.health_state(connection())
        kept = (run(history.kept_health, as_of=args["as_of"], health=state)
                if history.kept_span(args["as_of"], args["start"]) else None)
        if kept is not None:  # scored once per version and configuration; a window slices its churns from it
            health = handed(_health_at(key, window, state, lead, kept, run(history.window_churns, **args)))
        else:
            health = run(history.health_before_churn, **args, months=lead, nearest=lead, health=state)
        finding(story.health_finding(t, history.poor_before_churn(health, lead=lead)))
    else:
        st.info(t("churn.health_missing"), icon=":material/ecg_heart:")
    events = run(matching.churn_events, **args)
    options = _pickable(events, anon)
    if options:
        shown = _picker_labels(key, window, anon.on, t("churn.alias_prefix"), anon, events)
        pick = st.selectbox(t("churn.before_pick"), options, key="churn.before_account", format_func=shown.__getitem__)
        row = events.iloc[pick]
        one = mrr.iloc[churn_rows.get((str(row["account_id"]), row["month"]), [])]
        chart(charts.mrr_line(one, money=money(), labels=names), config=CHART_CONFIG,
              key="churn.before_one_chart")
    show_table(mrr.rename(columns={"month": "mrr_month"}), f"churn_mrr_before_{stamp}.csv", "churn.before_download", anon)


@st.cache_resource(show_spinner=False, max_entries=32)
def _before_parts(key: tuple, window: tuple, _mrr: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """The window's MRR before the churn summed by month, and the row positions of each churn (account id,
    churn month; mrr_before_churn orders its rows, so positions hold for the same window): made once per
    window, not on every press of the section's picker."""
    total = _mrr.groupby("months_before", as_index=False)["mrr"].sum()
    return total, _mrr.groupby([_mrr["account_id"].astype(str), "churn_month"], sort=False).indices


@st.cache_resource(show_spinner=False, max_entries=32)
def _picker_labels(key: tuple, window: tuple, on: bool, lang_mark: str, _anon: retro.Anonymiser,
                   _events: pd.DataFrame) -> list[str]:
    """Each churn's label in the account picker (shown name, churn month), made once per window, switch and
    language (``lang_mark``: the alias prefix, which the language sets)."""
    people = _anon.labels(_events["account_id"], _events["account_name"])
    return [f"{person} · {windows.month_label(month)}" for person, month in zip(people, _events["month"].tolist())]


@st.cache_resource(show_spinner=False, max_entries=32)
def _health_at(key: tuple, args: tuple, state: tuple, lead: int, _kept: pd.DataFrame,
               _churns: pd.DataFrame) -> pd.DataFrame:
    return history.health_from(_kept, _churns, months=lead, nearest=lead)


# the churns the account picker lists at once: a 1M-account book churns tens of thousands in a year,
# and a list that long is a browser's minute, not a choice
PICK_LIMIT = 1000


def _pickable(events: pd.DataFrame, anon: retro.Anonymiser) -> list[int]:
    """Positions of ``events`` (largest ARR lost first) the picker offers: all of them, or with more than
    :data:`PICK_LIMIT` the largest that match a search box (by shown name or id) up to the limit."""
    if len(events) <= PICK_LIMIT:
        return list(range(len(events)))
    typed = st.text_input(t("churn.before_search"), key="churn.before_search", max_chars=100,
                          help=t("churn.before_search_help", limit=f"{PICK_LIMIT:,}", total=f"{len(events):,}"))
    positions = range(len(events))
    if typed.strip():
        needle = typed.strip().casefold()
        shown = anon.labels(events["account_id"], events["account_name"])
        ids = events["account_id"].astype(str).tolist() if not anon.on else [""] * len(events)
        positions = [i for i in positions if needle in str(shown[i]).casefold() or needle in ids[i].casefold()]
    return list(positions)[:PICK_LIMIT]


@sectioned("churn.winback_header", key="churn.winback", definition_key="churn.definition_winback")
def winback(args: dict, stamp: str, logos: int, anon: retro.Anonymiser) -> None:
    back = summarised(summary.winbacks_of, args)
    finding(story.winback_finding(t, back, logos, money()))
    show_table(back, f"churn_winback_{stamp}.csv", "churn.winback_download", anon)


@sectioned("churn.hygiene_header", key="churn.hygiene", definition_key="churn.definition_matching")
def hygiene(args: dict, stamp: str, anon: retro.Anonymiser, has_reasons: bool) -> None:
    events = run(matching.churn_events, **args)
    mismatches = run(matching.churn_mismatches, as_of=args["as_of"])
    unrecorded = events[~events["recorded"]]
    finding(story.hygiene_finding(t, len(unrecorded), mismatches))
    left, right = st.columns(2)
    with left:
        st.subheader(t("churn.unrecorded_header"), help=t("churn.unrecorded_help"))
        show_table(unrecorded[["account_id", "account_name", "segment", "month", "arr_lost"]],
                   f"churn_unrecorded_{stamp}.csv", "churn.unrecorded_download", anon)
    with right:
        st.subheader(t("churn.mismatch_header"), help=t("churn.mismatch_help"))
        if has_reasons:
            shown = mismatches.assign(problem=[t(f"churn.problem.{p}") for p in mismatches["problem"]])
            show_table(shown, "churn_reason_mismatches.csv", "churn.mismatch_download", anon)
        else:
            st.caption(t("churn.no_reasons_table"))
    st.subheader(t("churn.all_header"))
    show_table(localised(events, "primary_reason"), f"churn_accounts_{stamp}.csv", "churn.all_download", anon)
