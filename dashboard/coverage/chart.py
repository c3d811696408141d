"""Charts of the Coverage page: segments, plan cost, CSM capacity, the what-if and the scenario comparison."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.charts.formats import Money, percent
from dashboard.charts.palette import FONT, MOVEMENT_COLOURS, SEQUENCE

OVER = MOVEMENT_COLOURS["churn"]
UNDER = SEQUENCE[1]


def _layout(fig: go.Figure, *, height: int, legend: bool = False) -> go.Figure:
    fig.update_layout(font=FONT, height=height, margin=dict(l=10, r=10, t=50, b=10), plot_bgcolor="white",
                      paper_bgcolor="white", showlegend=legend,
                      legend=dict(orientation="h", y=1.12, x=0, yanchor="bottom"))
    fig.update_yaxes(gridcolor="#E6E8EE", zeroline=False)
    fig.update_annotations(font=dict(size=FONT["size"]))
    return fig


def segment_bars(book: pd.DataFrame, labels: dict[str, str], money: Money) -> go.Figure:
    """Accounts and ARR per segment side by side; ``book`` is model.segments without its TOTAL row."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=(labels["accounts"], labels["arr"]), horizontal_spacing=0.1)
    share_a = book["accounts"] / max(book["accounts"].sum(), 1)
    share_r = book["arr"] / (book["arr"].sum() or 1)
    fig.add_trace(go.Bar(x=book["segment"], y=book["accounts"], marker_color=SEQUENCE[0],
                         text=[f"{v:,}" for v in book["accounts"]], textposition="outside", cliponaxis=False,
                         customdata=[percent(v, 0) for v in share_a],
                         hovertemplate=f"%{{x}}: %{{y:,}} {labels['accounts']} (%{{customdata}})<extra></extra>"),
                  row=1, col=1)
    fig.add_trace(go.Bar(x=book["segment"], y=book["arr"], marker_color=SEQUENCE[2],
                         text=[money(v, compact=True) for v in book["arr"]], textposition="outside", cliponaxis=False,
                         customdata=[[money(v), percent(s, 0)] for v, s in zip(book["arr"], share_r)],
                         hovertemplate=f"%{{x}}: {labels['arr']} %{{customdata[0]}} (%{{customdata[1]}})<extra></extra>"),
                  row=1, col=2)
    fig.update_yaxes(**money.axis(book["arr"]), row=1, col=2)
    return _layout(fig, height=360)


def plan_cost(plan: pd.DataFrame, labels: dict[str, str], money: Money) -> go.Figure:
    """Cost per segment, stacked: CSMs and digital; the label on top is cost as a share of ARR.
    ``plan`` is model.plan_frame without its TOTAL row."""
    fig = go.Figure()
    for column, colour in (("csm_cost", SEQUENCE[0]), ("digital_cost", SEQUENCE[3])):
        fig.add_trace(go.Bar(
            x=plan["segment"], y=plan[column], name=labels[column], marker_color=colour,
            customdata=[[money(v), f"{c:,}", f"{n:.2f}"] for v, c, n in
                        zip(plan[column], plan["csm_rounded"], plan["csm_needed"])],
            hovertemplate=(f"%{{x}} · {labels[column]}: %{{customdata[0]}}<br>{labels['csm_rounded']}: "
                           f"%{{customdata[1]}} ({labels['csm_needed']} %{{customdata[2]}})<extra></extra>")))
    fig.add_trace(go.Scatter(
        x=plan["segment"], y=plan["cost"], mode="text", showlegend=False, textposition="top center",
        text=[f"{money(c, compact=True)} · {percent(p)} {labels['of_arr']}" for c, p in zip(plan["cost"], plan["cost_pct_arr"])],
        hoverinfo="skip", cliponaxis=False))
    fig.update_layout(barmode="stack")
    fig.update_yaxes(**money.axis(plan["cost"]), range=[0, float(plan["cost"].max() or 1) * 1.2])
    return _layout(fig, height=380, legend=True)


def capacity(book: pd.DataFrame, labels: dict[str, str]) -> go.Figure:
    """Each CSM's accounts as a share of capacity (horizontal bars; red above 100%). ``book`` is
    actuals.book_frame restricted to CSMs with a known capacity."""
    frame = book.sort_values("capacity_use")
    fig = go.Figure(go.Bar(
        y=frame["csm"], x=frame["capacity_use"], orientation="h",
        marker_color=[OVER if o else UNDER for o in frame["over_capacity"]],
        text=[percent(v, 0) for v in frame["capacity_use"]], textposition="outside", cliponaxis=False,
        customdata=[[f"{a:,}", f"{c:,.0f}", s or ""] for a, c, s in
                    zip(frame["accounts"], frame["capacity_accounts"], frame["team_segment"])],
        hovertemplate=(f"%{{y}} (%{{customdata[2]}}): %{{customdata[0]}} {labels['accounts']} / "
                       f"%{{customdata[1]}} {labels['capacity']} = %{{x:.0%}}<extra></extra>")))
    fig.add_vline(x=1.0, line=dict(color="#9AA1B0", width=1, dash="dash"))
    fig.update_xaxes(tickformat=".0%", range=[0, max(1.2, float(frame["capacity_use"].max()) * 1.15)])
    fig.update_yaxes(automargin=True)
    return _layout(fig, height=max(300, 26 * len(frame) + 80))


def what_if(projection: pd.DataFrame, labels: dict[str, str], money: Money) -> go.Figure:
    """Headcount (left) and CS cost (right) by year: the model against the white-glove baseline."""
    years = [labels["today"] if y == 0 else labels["year"].format(n=y) for y in projection["year"]]
    fig = make_subplots(rows=1, cols=2, subplot_titles=(labels["headcount"], labels["cost"]), horizontal_spacing=0.1)
    # in each year the higher line is labelled above its point and the lower one below, so the two
    # labels never overprint whichever line is on top
    model_on_top = (projection["model_csm"] >= projection["baseline_csm"]).tolist()
    above = {"model": ["top center" if m else "bottom center" for m in model_on_top],
             "baseline": ["bottom center" if m else "top center" for m in model_on_top]}
    series = (("model", SEQUENCE[0], "solid"), ("baseline", OVER, "dash"))
    for name, colour, dash in series:
        position = above[name]
        fig.add_trace(go.Scatter(
            x=years, y=projection[f"{name}_csm"], name=labels[name], mode="lines+markers+text",
            line=dict(color=colour, width=3, dash=dash), text=[f"{v:,}" for v in projection[f"{name}_csm"]],
            textposition=position, legendgroup=name, cliponaxis=False,
            customdata=[f"{a:,}" for a in projection["accounts"]],
            hovertemplate=f"{labels[name]} %{{x}}: %{{y:,}} CSM (%{{customdata}} {labels['accounts']})<extra></extra>"),
            row=1, col=1)
        fig.add_trace(go.Scatter(
            x=years, y=projection[f"{name}_cost"], name=labels[name], mode="lines+markers", showlegend=False,
            line=dict(color=colour, width=3, dash=dash), legendgroup=name,
            customdata=[money(v) for v in projection[f"{name}_cost"]],
            hovertemplate=f"{labels[name]} %{{x}}: %{{customdata}}<extra></extra>"), row=1, col=2)
    top = float(max(projection["model_csm"].max(), projection["baseline_csm"].max()))
    fig.update_yaxes(rangemode="tozero", range=[0, top * 1.25 + 1], row=1, col=1)
    costs = [*projection["model_cost"], *projection["baseline_cost"]]
    fig.update_yaxes(rangemode="tozero", **money.axis(costs), row=1, col=2)
    return _layout(fig, height=380, legend=True)


def compare_bars(frame: pd.DataFrame, labels: dict[str, str]) -> go.Figure:
    """Whole CSMs per segment for each compared scenario (grouped bars); ``frame`` is storage.segment_compare."""
    fig = go.Figure()
    for i, (name, part) in enumerate(frame.groupby("scenario", sort=False)):
        fig.add_trace(go.Bar(x=part["segment"], y=part["csm_rounded"], name=name,
                             marker_color=SEQUENCE[i % len(SEQUENCE)], text=part["csm_rounded"],
                             textposition="outside", cliponaxis=False, customdata=[labels.get(f"motion.{m}", m) for m in part["motion"]],
                             hovertemplate=f"{name} · %{{x}} (%{{customdata}}): %{{y}} {labels['csms']}<extra></extra>"))
    fig.update_layout(barmode="group")
    fig.update_yaxes(title=labels["csms"], range=[0, float(frame["csm_rounded"].max() or 1) * 1.25])
    return _layout(fig, height=360, legend=True)
