"""Charts of the NRR page: the bridge waterfall, the NRR / GRR trend and the split bars."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.formats import Money, chart_text
from dashboard.charts.memo import remembered
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
    fig.update_layout(font=font, height=height, margin=dict(l=10, r=10, t=44, b=10),
                      plot_bgcolor="white", paper_bgcolor="white", showlegend=False)
    fig.update_yaxes(gridcolor="#E6E8EE", zeroline=False)
    return fig


def waterfall_steps(bridge: pd.Series, factor: int = 1) -> pd.DataFrame:
    """The waterfall's bars: category, signed amount, and the level before and after each bar
    (totals run from 0). ``bridge`` is one row of nrr_bridge; ``factor`` 12 turns MRR into ARR."""
    rows, level = [], 0.0
    for category, column, sign, measure in WATERFALL_BARS:
        amount = float(bridge[column]) * factor
        if measure == "relative":
            before, level = level, level + sign * amount
            rows.append((category, sign * amount, before, level, measure))
        else:
            level = amount
            rows.append((category, amount, 0.0, amount, measure))
    return pd.DataFrame(rows, columns=["category", "amount", "before", "after", "measure"])


@remembered
def waterfall(bridge: pd.Series, labels: dict[str, str], money: Money, *, factor: int = 1,
              big: bool = False, hover: dict[str, str] | None = None) -> go.Figure:
    """The bridge as a waterfall: starting -> +expansion -> -contraction -> -churn = retained ->
    +new -> +reactivation = ending, each movement in its palette colour.

    Drawn as floating bars (a bar per step from its level before to its level after) so each bar
    keeps its own colour and can be selected; customdata is [category, hover definition].
    ``labels`` names the bars; ``hover`` gives each a one-line definition. The value axis starts at 0,
    so a bar's height is its amount (a zoomed axis makes a small churn look like a collapse).
    """
    steps = waterfall_steps(bridge, factor)
    hover = hover or {}
    names = [labels[c] for c in steps["category"]]
    texts = [money(a, compact=True, signed=m == "relative") for a, m in zip(steps["amount"], steps["measure"])]
    fig = go.Figure(go.Bar(
        x=names, y=(steps["after"] - steps["before"]).abs(), base=steps[["before", "after"]].min(axis=1),
        marker=dict(color=[MOVEMENT_COLOURS[c] for c in steps["category"]], line=dict(width=0)),
        text=texts, textposition="outside", cliponaxis=False,
        textfont=dict(size=FONT["size"] + (10 if big else 2)),
        customdata=[[c, hover.get(c, "")] for c in steps["category"]],
        hovertemplate="<b>%{x}</b>: %{text}<br>%{customdata[1]}<extra></extra>"))
    # connectors: each bar's level after, to the next bar (set at once: add_shape re-checks every shape)
    fig.update_layout(shapes=[dict(type="line", xref="x", yref="y", x0=i + 0.4, x1=i + 0.6, y0=level, y1=level,
                                   line=dict(color="#8A90A0", width=1, dash="dot"))
                              for i, level in enumerate(steps["after"].iloc[:-1])])
    top = max(float(pd.concat([steps["before"], steps["after"]]).max()), 0.0)
    fig.update_yaxes(range=[0, top * 1.12 or 1], **money.axis([top]))
    fig.update_xaxes(tickfont=dict(size=FONT["size"] + (8 if big else 0)))
    fig.update_yaxes(tickfont=dict(size=FONT["size"] - 1 + (6 if big else 0)))
    fig.update_layout(clickmode="event+select", dragmode=False, bargap=0.25)
    return _layout(fig, height=600 if big else 440, big=big)


@remembered
def trend(frame: pd.DataFrame, labels: dict[str, str], *, big: bool = False, targets: pd.DataFrame | None = None,
          notes: pd.DataFrame | None = None) -> go.Figure:
    """Trailing NRR and GRR by month: frame has month, nrr, grr. ``targets`` (month, nrr_target,
    grr_target) draws each fiscal year's targets as dashed steps (``labels`` needs nrr_target,
    grr_target); ``notes`` (month, end_month, number, text) marks each note on the timeline: a line on
    its day's month or a band over its span, numbered as the list under the chart numbers it."""
    fig = go.Figure()
    for column, colour, dash in (("nrr", SEQUENCE[0], "solid"), ("grr", SEQUENCE[3], "dot")):
        fig.add_trace(go.Scatter(x=frame["month"], y=frame[column], name=labels[column], mode="lines",
                                 line=dict(color=colour, width=4 if big else 3, dash=dash),
                                 hovertemplate=f"{labels[column]} %{{x|%Y-%m}}: %{{y:.1%}}<extra></extra>"))
    for column, colour in (("nrr", SEQUENCE[0]), ("grr", SEQUENCE[3])):
        if targets is not None and targets[f"{column}_target"].notna().any():
            name = labels[f"{column}_target"]
            fig.add_trace(go.Scatter(x=targets["month"], y=targets[f"{column}_target"], name=name, mode="lines",
                                     line=dict(color=colour, width=2, dash="dash", shape="hv"), opacity=0.75,
                                     hovertemplate=f"{name} %{{x|%Y-%m}}: %{{y:.1%}}<extra></extra>"))
    for note in ([] if notes is None else notes.to_dict("records")):
        _note_mark(fig, note)
    fig.add_hline(y=1.0, line=dict(color="#9AA1B0", width=1, dash="dash"))
    size = FONT["size"] + (6 if big else 0)  # a projector needs the labels as large as the tiles'
    fig.update_yaxes(tickformat=".0%", tickfont=dict(size=size))
    # whole months only: on a short history plotly's automatic ticks fall mid-month and repeat a label
    months = len(frame)
    fig.update_xaxes(tickformat="%Y-%m", dtick="M1" if months <= 12 else "M3" if months <= 36 else "M6",
                     tickfont=dict(size=size))
    fig = _layout(fig, height=460 if big else 340, big=big)
    fig.update_layout(showlegend=True, legend=dict(orientation="h", y=1.1, x=0, font=dict(size=size)))
    return fig


def _dot_texts(frame: pd.DataFrame, column: str) -> list[str]:
    """Labels of the dots; GRR's is left out where it reads the same as NRR (the dots overlap)."""
    texts = [f"{v:.1%}" if pd.notna(v) else "" for v in frame[column]]
    if column == "grr":
        same = [f"{v:.1%}" if pd.notna(v) else "" for v in frame["nrr"]]
        texts = ["" if a == b else a for a, b in zip(texts, same)]
    return texts


@remembered
def split_dots(frame: pd.DataFrame, labels: dict[str, str], *, big: bool = False) -> go.Figure:
    """NRR and GRR per group as dots on one line per group (frame has group, nrr, grr, starting_mrr),
    largest starting MRR on top; the value axis spans the values (with 100% in view), so differences
    of a few points stay visible."""
    frame = frame.sort_values("starting_mrr")
    groups = frame["group"].astype(str)
    fig = go.Figure()
    # a thin bar from GRR to NRR: what expansion adds (set at once: add_shape re-checks every shape)
    both = frame["nrr"].notna() & frame["grr"].notna()
    fig.update_layout(shapes=[dict(type="line", xref="x", yref="y", x0=grr, x1=nrr, y0=group, y1=group,
                                   line=dict(color="#C9CEDA", width=6 if big else 4), layer="below")
                              for group, grr, nrr in zip(groups[both], frame["grr"][both], frame["nrr"][both],
                                                         strict=True)])
    size = 18 if big else 13
    for column, colour, position in (("grr", SEQUENCE[3], "middle left"), ("nrr", SEQUENCE[0], "middle right")):
        fig.add_trace(go.Scatter(
            y=groups, x=frame[column], name=labels[column], mode="markers+text", marker=dict(color=colour, size=size),
            text=_dot_texts(frame, column), textposition=position,
            cliponaxis=False, hovertemplate=f"%{{y}} {labels[column]}: %{{x:.1%}}<extra></extra>"))
    values = pd.concat([frame["nrr"], frame["grr"]]).dropna()
    low = min(float(values.min()) if len(values) else 1.0, 1.0)
    high = max(float(values.max()) if len(values) else 1.0, 1.0)
    pad = max(0.02, (high - low) * 0.25)
    fig.add_vline(x=1.0, line=dict(color="#9AA1B0", width=1, dash="dash"))
    fig.update_xaxes(tickformat=".0%", range=[low - pad, high + pad], gridcolor="#E6E8EE")
    per_row = 56 if big else 40
    fig = _layout(fig, height=max(240, 90 + per_row * len(frame)), big=big)
    fig.update_layout(showlegend=True, legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0),
                      margin=dict(l=10, r=60, t=50, b=10))
    return fig


def _note_mark(fig: go.Figure, note: dict) -> None:
    """A note on a monthly time axis: a dotted line (one day) or a band (a span of months), with its
    number at the top and its text on hover."""
    style = dict(line=dict(color="#6B7A8F", width=1, dash="dot"))
    if note["end_month"] > note["month"]:
        fig.add_vrect(x0=note["month"], x1=note["end_month"], fillcolor="#8E6BB8", opacity=0.08, line_width=0)
    else:
        fig.add_vline(x=note["month"], **style)
    fig.add_annotation(x=note["month"], y=1, yref="paper", yanchor="bottom", text=f"[{note['number']}]",
                       hovertext=chart_text(note["text"]), showarrow=False, font=dict(size=12, color="#4A4F5C"))
