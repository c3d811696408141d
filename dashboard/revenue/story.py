"""The numbers and the one-sentence findings of the NRR page, from revenue-engine frames.

Pure: frames in, dicts and strings out. Sentences take ``tr(key, **values)``, the message lookup
of the caller's language, so this module never imports streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd

from dashboard.charts.formats import Money, percent
from dashboard.windows import month_label

Translate = Callable[..., str]


def _num(value) -> float:
    return float("nan") if value is None or pd.isna(value) else float(value)


KPI_NAMES = ("nrr", "grr", "ending", "net_new")
DRIVER_MOVES = (("expansion", 1), ("contraction", -1), ("churn", -1))


def kpis(current: pd.Series, previous: pd.Series | None, factor: int = 12) -> dict[str, tuple[float, float]]:
    """{name: (value, change against the previous window)} for nrr, grr, ending (revenue at the
    end month) and net_new (ending - starting), amounts times ``factor`` (12: ARR, 1: MRR); the
    change is NaN without a previous window (or when either value is NaN)."""
    def values(row: pd.Series) -> dict[str, float]:
        return {"nrr": _num(row["nrr"]), "grr": _num(row["grr"]),
                "ending": factor * _num(row["ending_mrr"]),
                "net_new": factor * (_num(row["ending_mrr"]) - _num(row["starting_mrr"]))}

    now = values(current)
    before = values(previous) if previous is not None else dict.fromkeys(now, float("nan"))
    return {name: (value, value - before[name]) for name, value in now.items()}


def nrr_change_driver(now: pd.DataFrame, before: pd.DataFrame) -> tuple[str, str, float, float] | None:
    """What moved NRR most between two windows, from their nrr_bridge splits (one row per group).

    NRR = 1 + (expansion - contraction - churn) / starting, so the change in NRR is exactly the sum
    over groups and movements of (signed movement / total starting) now minus before. Returns
    (group, movement, its share of the change in NRR points, the whole change in points) for the
    term that moved most in the direction of the change; None when either window has no start or
    NRR did not move by at least 0.05 points.
    """
    start_now, start_before = float(now["starting_mrr"].sum()), float(before["starting_mrr"].sum())
    if start_now <= 0 or start_before <= 0:
        return None
    terms: dict[tuple[str, str], float] = {}
    for frame, total, sign_of_window in ((now, start_now, 1), (before, start_before, -1)):
        for _, row in frame.iterrows():
            for move, sign in DRIVER_MOVES:
                key = (str(row["group"]), move)
                terms[key] = terms.get(key, 0.0) + sign_of_window * sign * _num(row[move]) / total
    change = sum(terms.values())
    if abs(change) < 0.0005:
        return None
    key = max(terms, key=lambda k: terms[k] * (1 if change > 0 else -1))
    if terms[key] * change <= 0:
        return None
    return key[0], key[1], terms[key] * 100, change * 100


def bridge_finding(tr: Translate, label: str, current: pd.Series, previous: pd.Series | None,
                   money: Money, factor: int = 1, driver: tuple[str, str, float, float] | None = None) -> str:
    """One sentence: NRR of the window against the previous window and what explains the move
    (``driver`` from :func:`nrr_change_driver`), or, without a previous window, NRR and GRR with the
    largest loss and the expansion."""
    nrr, grr = _num(current["nrr"]), _num(current["grr"])
    if math.isnan(nrr):
        return tr("nrr.finding_empty", label=label)
    before = _num(previous["nrr"]) if previous is not None else float("nan")
    if not math.isnan(before):
        # compared as written (one decimal of a percent): "rose from 103.9% to 103.9%" says nothing
        now_shown, before_shown = round(nrr * 1000), round(before * 1000)
        key = ("nrr.finding_up" if now_shown > before_shown
               else "nrr.finding_down" if now_shown < before_shown else "nrr.finding_flat")
        text = tr(key, before=percent(before), now=percent(nrr), label=label, grr=percent(grr))
        if driver is not None:
            group, move, part, whole = driver
            what = tr(f"nrr.bar.{move}").lower()
            if group and group != "(none)":
                what = tr("nrr.finding_group_move", group=group, move=what)
            # part is the move's effect on NRR: for expansion up means more of it, for losses less
            more = (part > 0) == (move == "expansion")
            what = tr("nrr.finding_more" if more else "nrr.finding_less", what=what)
            # a single term can move NRR further than the net change when other terms pull back
            key = "nrr.finding_driver" if abs(part) <= abs(whole) else "nrr.finding_driver_offset"
            text += tr(key, what=what, part=f"{abs(part):.1f}", whole=f"{abs(whole):.1f}")
        return text + tr("nrr.finding_end")
    losses = {"churn": _num(current["churn"]), "contraction": _num(current["contraction"])}
    worst = max(losses, key=losses.get)
    return tr("nrr.finding_bridge", label=label, nrr=percent(nrr), grr=percent(grr),
              loss=tr(f"nrr.bar.{worst}").lower(), lost=money(losses[worst] * factor, compact=True),
              gained=money(_num(current["expansion"]) * factor, compact=True))


def trend_finding(tr: Translate, trend: pd.DataFrame) -> str:
    """One sentence on the trailing NRR: latest value, a year earlier, and the low point."""
    valid = trend.dropna(subset=["nrr"])
    if valid.empty:
        return tr("nrr.trend_empty")
    last = valid.iloc[-1]
    text = tr("nrr.trend_latest", month=month_label(last["month"]), nrr=percent(last["nrr"]),
              grr=percent(last["grr"]))
    if len(valid) > 12:
        year_ago = valid.iloc[-13]
        text += " " + tr("nrr.trend_year_ago", nrr=percent(year_ago["nrr"]))
    low = valid.loc[valid["nrr"].idxmin()]
    text += " " + tr("nrr.trend_low", nrr=percent(low["nrr"]), month=month_label(low["month"]))
    return text


def split_finding(tr: Translate, split: pd.DataFrame, money: Money, factor: int = 1) -> str:
    """One sentence: which group lost the most to churn and its share, and the lowest NRR."""
    paying = split[split["starting_mrr"] > 0]
    if paying.empty:
        return tr("nrr.split_empty")
    total_churn = float(paying["churn"].sum())
    worst = paying.loc[paying["churn"].idxmax()]
    lowest = paying.loc[paying["nrr"].idxmin()]
    text = tr("nrr.split_lowest", group=lowest["group"], nrr=percent(lowest["nrr"]))
    if total_churn > 0:
        text += " " + tr("nrr.split_churn", group=worst["group"], churn=money(worst["churn"] * factor, compact=True),
                         share=percent(worst["churn"] / total_churn, 0))
    return text


def target_finding(tr: Translate, nrr: float, target) -> str:
    """One sentence on NRR against the fiscal year's target (a :class:`dashboard.review.targets.Target`),
    to follow the bridge finding; empty without a target or an NRR."""
    if target is None or target.nrr is None or math.isnan(_num(nrr)):
        return ""
    gap = _num(nrr) - target.nrr
    return tr("review.target_on" if gap >= 0 else "review.target_off", nrr=percent(nrr), year=target.fiscal_year,
              target=percent(target.nrr), gap=tr("review.target_gap_points", points=f"{gap * 100:+.1f}"))
