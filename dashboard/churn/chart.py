"""Charts of the Churn review page: Pareto, reason x segment heatmap, bars, MRR and health lines."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.formats import Money
from dashboard.charts.palette import BAND_COLOURS, FONT, MOVEMENT_COLOURS, SEQUENCE

CHURN = MOVEMENT_COLOURS["churn"]
MUTED = "#9AA3B5"
GRID = "#E6E8EE"


def _layout(fig: go.Figure, *, height: int, big: bool = False, legend: bool = False) -> go.Figure:
    font = dict(FONT, size=FONT["size"] + (8 if big else 0))
    fig.update_layout(font=font, height=height, margin=dict(l=10, r=10, t=30, b=10), plot_bgcolor="white",
                      paper_bgcolor="white", showlegend=legend,
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0))
    fig.update_yaxes(gridcolor=GRID, zeroline=False)
    return fig


def pareto(frame: pd.DataFrame, *, measure: str, money: Money, labels: dict[str, str],
           unrecorded: str) -> go.Figure:
    """Bars of ``measure`` (arr_lost or accounts) per group, biggest first, and the cumulative share
    as a line on a second axis. ``frame`` is churn_by; ``labels`` names value, cumulative, accounts, arr.
    The "(unrecorded)" group is drawn grey."""
    # the biggest known reason first; churn without a record closes the row, whatever its size
    data = frame.assign(_last=frame["group"].eq(unrecorded)).sort_values(["_last", measure],
                                                                        ascending=[True, False], kind="stable")
    total = float(data[measure].sum())
    cumulative = data[measure].cumsum() / total if total else data[measure] * 0.0
    colours = [MUTED if g == unrecorded else CHURN for g in data["group"]]
    arr_text = [money(v, compact=True) for v in data["arr_lost"]]
    fig = go.Figure()
    fig.add_bar(x=data["group"], y=data[measure], marker_color=colours, name=labels["value"],
                customdata=list(zip(data["accounts"], arr_text, data["group"])),
                text=arr_text if measure == "arr_lost" else data["accounts"], textposition="outside",
                cliponaxis=False,
                hovertemplate=(f"%{{x}}<br>{labels['arr']}: %{{customdata[1]}}<br>{labels['accounts']}: "
                               "%{customdata[0]}<extra></extra>"))
    fig.add_scatter(x=data["group"], y=cumulative, yaxis="y2", mode="lines+markers", name=labels["cumulative"],
                    line=dict(color=SEQUENCE[0], width=2),
                    hovertemplate=f"{labels['cumulative']}: %{{y:.0%}}<extra></extra>")
    fig.update_layout(yaxis2=dict(overlaying="y", side="right", range=[0, 1.05], tickformat=".0%", dtick=0.25,
                                  showgrid=False))
    if measure == "arr_lost":
        fig.update_layout(yaxis=money.axis(data[measure]))  # the bars' axis (y2 is the cumulative share)
    return _layout(fig, height=420, legend=True)


def heatmap(frame: pd.DataFrame, *, value: str, money: Money, labels: dict[str, str]) -> go.Figure:
    """Reason (rows) x segment (columns) of reason_segment, coloured by ``value`` (arr_lost or accounts)."""
    table = frame.pivot_table(index="reason", columns="segment", values=value, aggfunc="sum", fill_value=0)
    counts = frame.pivot_table(index="reason", columns="segment", values="accounts", aggfunc="sum", fill_value=0)
    arr = frame.pivot_table(index="reason", columns="segment", values="arr_lost", aggfunc="sum", fill_value=0)
    order = table.sum(axis=1).sort_values(ascending=True).index
    table, counts, arr = table.loc[order], counts.loc[order], arr.loc[order]
    # a reason with no churn in a segment stays blank, not "$0"
    text = [["" if c == 0 else money(a, compact=True) if value == "arr_lost" else f"{int(c):,}"
             for a, c in zip(ra, rc)] for ra, rc in zip(arr.values, counts.values)]
    custom = [[[int(c), money(a, compact=True)] for a, c in zip(ra, rc)] for ra, rc in zip(arr.values, counts.values)]
    fig = go.Figure(go.Heatmap(
        z=table.values, x=list(table.columns), y=list(table.index), text=text, texttemplate="%{text}",
        customdata=custom, colorscale=[[0, "#FFFFFF"], [1, CHURN]], showscale=False, xgap=2, ygap=2,
        hovertemplate=(f"%{{y}} · %{{x}}<br>{labels['arr']}: %{{customdata[1]}}<br>{labels['accounts']}: "
                       "%{customdata[0]}<extra></extra>")))
    return _layout(fig, height=max(280, 42 * len(table.index) + 60))


def bars(frame: pd.DataFrame, *, x: str, y: str, money: Money | None, labels: dict[str, str],
         horizontal: bool = False, colour: str = CHURN) -> go.Figure:
    """Plain bars of ``y`` per ``x`` (tenure buckets, BANTC checks, competitors); hover shows
    accounts and ARR lost when the frame has them."""
    values = frame[y]
    text = [money(v, compact=True) for v in values] if money is not None else [f"{v:,.0f}" for v in values]
    custom = list(zip(frame.get("accounts", frame.get("failed", values)),
                      [money(v, compact=True) if money else "" for v in frame.get("arr_lost", values)]))
    hover = f"%{{{'y' if horizontal else 'x'}}}<br>{labels['accounts']}: %{{customdata[0]}}"
    if "arr" in labels:
        hover += f"<br>{labels['arr']}: %{{customdata[1]}}"
    bar = dict(marker_color=colour, text=text, textposition="outside", cliponaxis=False, customdata=custom,
               hovertemplate=hover + "<extra></extra>")
    fig = go.Figure(go.Bar(y=frame[x], x=values, orientation="h", **bar) if horizontal
                    else go.Bar(x=frame[x], y=values, **bar))
    if horizontal:
        # room to the right of the longest bar for its label
        fig.update_yaxes(autorange="reversed")
        fig.update_xaxes(gridcolor=GRID, range=[0, float(values.max() or 1) * 1.25])
    if money is not None:
        fig.update_xaxes(**money.axis(values)) if horizontal else fig.update_yaxes(**money.axis(values))
    return _layout(fig, height=max(300, 38 * len(frame) + 80) if horizontal else 340)


def mrr_line(frame: pd.DataFrame, *, money: Money, labels: dict[str, str], big: bool = False,
             title: str | None = None) -> go.Figure:
    """MRR by months before churn (x: -12 .. 0). ``frame``: months_before, mrr (one account or a sum)."""
    fig = go.Figure(go.Scatter(
        x=frame["months_before"], y=frame["mrr"], mode="lines+markers", line=dict(color=SEQUENCE[0], width=3),
        customdata=[str(m) for m in frame["month"]] if "month" in frame else None,
        hovertemplate=(f"{labels['months_before']}: %{{x}}<br>{labels['mrr']}: {money.symbol}%{{y:{money.d3()}}}"
                       "<extra></extra>")))
    fig.update_xaxes(title=labels["months_before"], dtick=1 if len(frame) <= 13 else None, gridcolor=GRID)
    fig.update_yaxes(**money.axis(frame["mrr"]), rangemode="tozero")
    if title:
        fig.update_layout(title=dict(text=title, x=0))
    return _layout(fig, height=420 if big else 320, big=big)


def health_line(frame: pd.DataFrame, *, labels: dict[str, str], big: bool = False) -> go.Figure:
    """Health score by months before churn, each point coloured by its band."""
    colours = [BAND_COLOURS.get(str(b).title(), MUTED) for b in frame["band"]]
    fig = go.Figure(go.Scatter(
        x=frame["months_before"], y=frame["score"], mode="lines+markers", customdata=frame["band"],
        line=dict(color=MUTED, width=2), marker=dict(color=colours, size=14 if big else 10),
        hovertemplate=(f"{labels['months_before']}: %{{x}}<br>{labels['score']}: %{{y:.0f}} "
                       "(%{customdata})<extra></extra>")))
    fig.update_xaxes(title=labels["months_before"], dtick=1, gridcolor=GRID)
    fig.update_yaxes(range=[0, 100])
    return _layout(fig, height=360 if big else 300, big=big)
