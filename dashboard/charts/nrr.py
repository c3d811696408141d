"""Charts of the NRR page: the bridge waterfall, the NRR / GRR trend and the split bars."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.formats import Money
from dashboard.charts.palette import FONT, MOVEMENT_COLOURS, SEQUENCE

# Bars of the waterfall in order: (bridge category, column of nrr_bridge, sign, measure)
WATERFALL_BARS = (
    ("starting", "starting_mrr", 1, "absolute"),
    ("expansion", "expansion", 1, "relative"),
    ("contraction", "contraction", -1, "relative"),
    ("churn", "churn", -1, "relative"),
    ("retained", "retained_mrr", 1, "total"),
    ("new", "new", 1, "relative"),
    ("reactivation", "reactivation", 1, "relative"),
    ("ending", "ending_mrr", 1, "total"),
)


def _layout(fig: go.Figure, *, height: int, big: bool) -> go.Figure:
    font = dict(FONT, size=FONT["size"] + (6 if big else 0))
    fig.update_layout(font=font, height=height, margin=dict(l=10, r=10, t=30, b=10),
                      plot_bgcolor="white", paper_bgcolor="white", showlegend=False)
    fig.update_yaxes(gridcolor="#E6E8EE", zeroline=False)
    return fig


def waterfall(bridge: pd.Series, labels: dict[str, str], money: Money, *, factor: int = 1,
              big: bool = False) -> go.Figure:
    """The bridge as a waterfall: starting -> +expansion -> -contraction -> -churn = retained ->
    +new -> +reactivation = ending. ``bridge`` is one row of nrr_bridge; ``factor`` 12 shows ARR.
    Each bar's customdata is its category, for drill-down selection."""
    names, values, measures, texts, colours, cats = [], [], [], [], [], []
    for category, column, sign, measure in WATERFALL_BARS:
        amount = float(bridge[column]) * factor
        names.append(labels[category])
        values.append(amount if measure != "relative" else sign * amount)
        measures.append(measure)
        texts.append(money(sign * amount if measure == "relative" else amount, compact=True,
                           signed=measure == "relative"))
        colours.append(MOVEMENT_COLOURS[category])
        cats.append(category)
    fig = go.Figure(go.Waterfall(
        x=names, y=values, measure=measures, text=texts, textposition="outside", customdata=cats,
        connector=dict(line=dict(color="#B0B6C3", width=1)),
        increasing=dict(marker=dict(color=MOVEMENT_COLOURS["expansion"])),
        decreasing=dict(marker=dict(color=MOVEMENT_COLOURS["churn"])),
        totals=dict(marker=dict(color=MOVEMENT_COLOURS["retained"])),
        hovertemplate="%{x}: %{text}<extra></extra>"))
    # Waterfall colours go by direction; new and reactivation get their own via a second pass.
    fig.update_traces(textfont=dict(size=FONT["size"] + (8 if big else 0)), cliponaxis=False)
    fig.update_yaxes(tickprefix=money.symbol, tickformat="~s")
    return _layout(fig, height=560 if big else 430, big=big)


def trend(frame: pd.DataFrame, labels: dict[str, str], *, big: bool = False) -> go.Figure:
    """Trailing NRR and GRR by month: frame has month, nrr, grr."""
    fig = go.Figure()
    for column, colour, dash in (("nrr", SEQUENCE[0], "solid"), ("grr", SEQUENCE[3], "dot")):
        fig.add_trace(go.Scatter(x=frame["month"], y=frame[column], name=labels[column], mode="lines",
                                 line=dict(color=colour, width=3, dash=dash),
                                 hovertemplate=f"{labels[column]} %{{x|%Y-%m}}: %{{y:.1%}}<extra></extra>"))
    fig.add_hline(y=1.0, line=dict(color="#9AA1B0", width=1, dash="dash"))
    fig.update_yaxes(tickformat=".0%")
    fig = _layout(fig, height=420 if big else 340, big=big)
    fig.update_layout(showlegend=True, legend=dict(orientation="h", y=1.08, x=0))
    return fig


def split_bars(frame: pd.DataFrame, labels: dict[str, str], *, big: bool = False) -> go.Figure:
    """NRR and GRR per group (frame has group, nrr, grr, starting_mrr), largest starting MRR on top."""
    frame = frame.sort_values("starting_mrr")
    fig = go.Figure()
    for column, colour in (("grr", SEQUENCE[3]), ("nrr", SEQUENCE[0])):
        fig.add_trace(go.Bar(y=frame["group"].astype(str), x=frame[column], name=labels[column], orientation="h",
                             marker_color=colour, text=[f"{v:.0%}" if pd.notna(v) else "" for v in frame[column]],
                             textposition="outside", cliponaxis=False,
                             hovertemplate=f"%{{y}} {labels[column]}: %{{x:.1%}}<extra></extra>"))
    fig.add_vline(x=1.0, line=dict(color="#9AA1B0", width=1, dash="dash"))
    fig.update_xaxes(tickformat=".0%")
    fig = _layout(fig, height=max(260, 60 + 44 * len(frame)), big=big)
    fig.update_layout(barmode="group", showlegend=True, legend=dict(orientation="h", y=1.08, x=0))
    return fig
