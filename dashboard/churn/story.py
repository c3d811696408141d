"""One-sentence findings of the Churn review page, from the churn frames.

Pure: frames in, strings out. Sentences take ``tr(key, **values)``, the message lookup of the
caller's language, so this module never imports streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd

from dashboard.charts.formats import Money, percent
from dashboard.churn.matching import NO_VALUE, UNRECORDED

Translate = Callable[..., str]


def tiles_finding(tr: Translate, tiles: pd.Series, label: str, money: Money) -> str:
    if int(tiles["logos"]) == 0:
        return tr("churn.finding.none", label=label)
    return tr("churn.finding.tiles", label=label, logos=f"{int(tiles['logos']):,}",
              arr=money(tiles["arr_lost"], compact=True), share=percent(tiles["share_of_starting_arr"]),
              recorded=percent(tiles["recorded_share"], 0))


def reasons_finding(tr: Translate, by_reason: pd.DataFrame, money: Money, measure: str) -> str:
    known = by_reason[by_reason["group"] != UNRECORDED]
    if known.empty:
        return tr("churn.finding.reasons_none")
    top = known.sort_values(measure, ascending=False, kind="stable").iloc[0]
    total = by_reason[measure].sum()
    text = tr(f"churn.finding.reasons_{measure}", reason=top["group"], arr=money(top["arr_lost"], compact=True),
              accounts=f"{int(top['accounts']):,}", share=percent(top[measure] / total if total else math.nan, 0))
    missing = by_reason[by_reason["group"] == UNRECORDED]
    if not missing.empty:
        text += " " + tr("churn.finding.unrecorded", accounts=f"{int(missing['accounts'].iloc[0]):,}",
                         arr=money(missing["arr_lost"].iloc[0], compact=True))
    return text


def segment_finding(tr: Translate, heat: pd.DataFrame, money: Money) -> str:
    if heat.empty:
        return tr("churn.finding.reasons_none")
    cells = heat[heat["reason"] != UNRECORDED].sort_values("arr_lost", ascending=False, kind="stable")
    if cells.empty:
        cells = heat.sort_values("arr_lost", ascending=False, kind="stable")
    top = cells.iloc[0]
    return tr("churn.finding.segment", reason=top["reason"], segment=top["segment"],
              arr=money(top["arr_lost"], compact=True), accounts=f"{int(top['accounts']):,}",
              share=percent(top["arr_lost"] / heat["arr_lost"].sum() if heat["arr_lost"].sum() else math.nan, 0))


def tenure_finding(tr: Translate, tenure: pd.DataFrame) -> str:
    total = int(tenure["accounts"].sum())
    if total == 0:
        return tr("churn.finding.reasons_none")
    top = tenure.sort_values("accounts", ascending=False, kind="stable").iloc[0]
    early = int(tenure.iloc[0]["accounts"])
    return tr("churn.finding.tenure", bucket=top["bucket"], accounts=f"{int(top['accounts']):,}",
              share=percent(top["accounts"] / total, 0), early=f"{early:,}")


def bantc_finding(tr: Translate, bantc: pd.DataFrame) -> str:
    checked = bantc[bantc["checked"] > 0]
    if checked.empty:
        return tr("churn.finding.bantc_none")
    top = checked.sort_values(["failed", "arr_lost"], ascending=False, kind="stable").iloc[0]
    return tr("churn.finding.bantc", check=tr(f"churn.bantc.{top['check']}"), failed=f"{int(top['failed']):,}",
              checked=f"{int(top['checked']):,}", share=percent(top["share_failed"], 0))


def competitor_finding(tr: Translate, by_competitor: pd.DataFrame, money: Money) -> str:
    named = by_competitor[~by_competitor["group"].isin([UNRECORDED, NO_VALUE])]
    if named.empty:
        return tr("churn.finding.competitor_none")
    top = named.iloc[0]
    return tr("churn.finding.competitor", competitor=top["group"], arr=money(top["arr_lost"], compact=True),
              accounts=f"{int(top['accounts']):,}", named=f"{int(named['accounts'].sum()):,}",
              named_share=percent(named["arr_lost"].sum() / by_competitor["arr_lost"].sum(), 0))


def preventable_finding(tr: Translate, tiles: pd.Series, money: Money) -> str:
    if math.isnan(float(tiles["preventable_share"])):
        return tr("churn.finding.preventable_none")
    return tr("churn.finding.preventable", share=percent(tiles["preventable_share"], 0),
              arr=money(tiles["preventable_arr"], compact=True), logos=f"{int(tiles['preventable_logos']):,}")


def mrr_finding(tr: Translate, history: pd.DataFrame, money: Money) -> str:
    """Combined MRR of the churned accounts six months before churn against the month before."""
    sums = history.groupby("months_before")["mrr"].sum()
    if -1 not in sums.index or -6 not in sums.index or sums[-6] == 0:
        return tr("churn.finding.mrr_none")
    change = sums[-1] / sums[-6] - 1
    return tr("churn.finding.mrr", before=money(sums[-6], compact=True), last=money(sums[-1], compact=True),
              change=percent(change, 0, signed=True))


def health_finding(tr: Translate, poor: dict[str, int]) -> str:
    if poor["scored"] == 0:
        return tr("churn.finding.health_none")
    return tr("churn.finding.health", poor=f"{poor['poor']:,}", scored=f"{poor['scored']:,}",
              share=percent(poor["poor"] / poor["scored"], 0))


def winback_finding(tr: Translate, back: pd.DataFrame, logos: int, money: Money) -> str:
    if back.empty:
        return tr("churn.finding.winback_none", logos=f"{logos:,}")
    return tr("churn.finding.winback", back=f"{len(back):,}", logos=f"{logos:,}",
              gap=f"{back['gap_months'].median():.0f}", now=money(back["arr_now"].sum(), compact=True),
              lost=money(back["arr_lost"].sum(), compact=True))


def hygiene_finding(tr: Translate, unrecorded: int, mismatches: pd.DataFrame) -> str:
    no_churn = int((mismatches["problem"] == "no_churn").sum())
    duplicate = int((mismatches["problem"] == "duplicate").sum())
    return tr("churn.finding.hygiene", unrecorded=f"{unrecorded:,}", no_churn=f"{no_churn:,}",
              duplicate=f"{duplicate:,}")
