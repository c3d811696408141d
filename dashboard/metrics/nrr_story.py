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


def kpis(current: pd.Series, previous: pd.Series | None) -> dict[str, tuple[float, float]]:
    """{name: (value, change against the previous window)} for nrr, grr, ending_arr, net_new_arr;
    the change is NaN without a previous window (or when either value is NaN)."""
    def values(row: pd.Series) -> dict[str, float]:
        return {"nrr": _num(row["nrr"]), "grr": _num(row["grr"]),
                "ending_arr": 12 * _num(row["ending_mrr"]),
                "net_new_arr": 12 * (_num(row["ending_mrr"]) - _num(row["starting_mrr"]))}

    now = values(current)
    before = values(previous) if previous is not None else dict.fromkeys(now, float("nan"))
    return {name: (value, value - before[name]) for name, value in now.items()}


def bridge_finding(tr: Translate, label: str, current: pd.Series, previous: pd.Series | None,
                   money: Money, factor: int = 1) -> str:
    """One sentence: NRR and GRR of the window, the move against the previous window, and the
    largest loss and gain of the bridge."""
    nrr, grr = _num(current["nrr"]), _num(current["grr"])
    if math.isnan(nrr):
        return tr("nrr.finding_empty", label=label)
    text = tr("nrr.finding_bridge", label=label, nrr=percent(nrr), grr=percent(grr))
    if previous is not None and not math.isnan(_num(previous["nrr"])):
        before = _num(previous["nrr"])
        key = "nrr.finding_up" if nrr > before else ("nrr.finding_down" if nrr < before else "nrr.finding_flat")
        text += " " + tr(key, before=percent(before), points=f"{abs(nrr - before) * 100:.1f}")
    losses = {"churn": _num(current["churn"]), "contraction": _num(current["contraction"])}
    worst = max(losses, key=losses.get)
    text += " " + tr("nrr.finding_moves", loss=tr(f"nrr.bar.{worst}").lower(),
                     lost=money(losses[worst] * factor, compact=True),
                     gained=money(_num(current["expansion"]) * factor, compact=True))
    return text


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
