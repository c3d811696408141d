"""Health score charts: distribution, contributions, history, back-test. Pure: frame -> plotly Figure.

Labels arrive translated (``labels``: a dict of axis and hover words), so the charts stay free of the UI
layer. Large inputs arrive binned (see :func:`dashboard.health.scoring.score_bins`). Figures are built
as plain plotly specs and wrapped without re-validation: a slider move redraws five of them, and
validating each property costs more than all the scoring.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.palette import BAND_COLOURS, FONT, SEQUENCE

_MISSING = "#B8BEC8"
_BANDS = ("Good", "Neutral", "Poor")
_GRID = "#EEF0F3"
_LINE = "#4A4F57"


def _figure(data: list[dict], *, height: int = 340, x: dict | None = None, y: dict | None = None,
            shapes: list[dict] | None = None, **layout) -> go.Figure:
    spec = {"data": data, "layout": {
        "font": FONT, "height": height, "margin": {"l": 10, "r": 10, "t": 30, "b": 10}, "plot_bgcolor": "white",
        "legend": {"orientation": "h", "y": 1.08, "x": 0},
        "xaxis": {"gridcolor": _GRID, "zeroline": False, **(x or {})},
        "yaxis": {"gridcolor": _GRID, "zeroline": False, **(y or {})}, "shapes": shapes or [], **layout}}
    return go.Figure(spec, _validate=False)


def _title(text: str) -> dict:
    return {"text": text}


def _vline(x: float) -> dict:
    return {"type": "line", "x0": x, "x1": x, "y0": 0, "y1": 1, "yref": "paper", "line": {"dash": "dot", "color": _LINE}}


def score_distribution(bins: pd.DataFrame, *, good: float, neutral: float, labels: dict[str, str],
                       band_names: dict[str, str]) -> go.Figure:
    """Accounts per score bin, coloured by band, with the band thresholds as lines.

    ``bins``: start, end, accounts, band. ``labels`` needs score, accounts.
    """
    data = []
    for band in _BANDS:
        part = bins[bins["band"] == band]
        data.append({"type": "bar", "name": band_names[band], "x": ((part["start"] + part["end"]) / 2).tolist(),
                     "y": part["accounts"].tolist(), "width": ((part["end"] - part["start"]) * 0.95).tolist(),
                     "marker": {"color": BAND_COLOURS[band]},
                     "customdata": list(zip(part["start"].tolist(), part["end"].tolist(), strict=True)),
                     "hovertemplate": f"{labels['score']} %{{customdata[0]:.0f}}-%{{customdata[1]:.0f}}<br>"
                                      f"{labels['accounts']} %{{y:,}}<extra>{band_names[band]}</extra>"})
    return _figure(data, x={"title": _title(labels["score"]), "range": [0, 100]},
                   y={"title": _title(labels["accounts"])}, shapes=[_vline(neutral), _vline(good)], bargap=0)


def contributions(parts: pd.DataFrame, *, labels: dict[str, str]) -> go.Figure:
    """Why an account scores what it does: points each measure adds, and its own sub-score.

    ``parts``: measure (display name), contribution (points, NaN = unavailable), sub_score, weight.
    ``labels`` needs points, sub_score, weight, missing.
    """
    parts = parts.iloc[::-1]
    have = parts["contribution"].notna().tolist()
    colours = [_sub_colour(s) if ok else _MISSING for s, ok in zip(parts["sub_score"], have, strict=True)]
    text = [f"{c:.1f}" if ok else labels["missing"] for c, ok in zip(parts["contribution"], have, strict=True)]
    data = [{"type": "bar", "orientation": "h", "x": parts["contribution"].fillna(0).tolist(),
             "y": parts["measure"].tolist(), "marker": {"color": colours}, "text": text, "textposition": "outside",
             "cliponaxis": False,
             "customdata": list(zip(parts["sub_score"].fillna(-1).tolist(), parts["weight"].tolist(), strict=True)),
             "hovertemplate": (f"%{{y}}<br>{labels['points']} %{{x:.1f}}<br>{labels['sub_score']} "
                               f"%{{customdata[0]:.0f}}<br>{labels['weight']} %{{customdata[1]:g}}<extra></extra>")}]
    # room right of the longest bar for its label (outside text is not counted in the autorange)
    longest = float(parts["contribution"].max()) if any(have) else 0.0
    return _figure(data, height=60 + 34 * len(parts),
                   x={"title": _title(labels["points"]), "range": [0, max(longest, 1.0) * 1.18 + 1]},
                   y={"automargin": True}, showlegend=False)


def score_history(history: pd.DataFrame, *, good: float, neutral: float, labels: dict[str, str]) -> go.Figure:
    """One account's score by month over the band zones. ``history``: month, score, band."""
    zones = [{"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "y0": low, "y1": high, "line": {"width": 0},
              "fillcolor": BAND_COLOURS[band], "opacity": 0.10, "layer": "below"}
             for low, high, band in ((good, 100, "Good"), (neutral, good, "Neutral"), (0, neutral, "Poor"))]
    data = [{"type": "scatter", "mode": "lines+markers", "x": [f"{m:%Y-%m-%d}" for m in history["month"]],
             "y": history["score"].tolist(), "line": {"color": SEQUENCE[0]}, "customdata": history["band"].tolist(),
             "hovertemplate": f"%{{x|%Y-%m}}<br>{labels['score']} %{{y:.1f}} (%{{customdata}})<extra></extra>"}]
    return _figure(data, height=300, x={"title": _title(labels["month"]), "tickformat": "%Y-%m"},
                   y={"title": _title(labels["score"]), "range": [0, 100]}, shapes=zones, showlegend=False)


def band_rates(rates: pd.DataFrame, *, labels: dict[str, str], band_names: dict[str, str]) -> go.Figure:
    """Outcome rate per band. ``rates``: band, accounts, outcomes, rate."""
    data = [{"type": "bar", "x": [band_names[b] for b in rates["band"]], "y": rates["rate"].tolist(),
             "marker": {"color": [BAND_COLOURS[b] for b in rates["band"]]},
             "text": [f"{r:.0%}" if pd.notna(r) else "" for r in rates["rate"]], "textposition": "outside",
             "cliponaxis": False, "customdata": list(zip(rates["outcomes"].tolist(), rates["accounts"].tolist(),
                                                         strict=True)),
             "hovertemplate": (f"%{{x}}<br>{labels['rate']} %{{y:.1%}}<br>{labels['outcomes']} %{{customdata[0]:,}} / "
                               f"%{{customdata[1]:,}}<extra></extra>")}]
    return _figure(data, height=300, y={"title": _title(labels["rate"]), "tickformat": ".0%", "rangemode": "tozero"},
                   showlegend=False)


def measure_aucs(frame: pd.DataFrame, *, labels: dict[str, str]) -> go.Figure:
    """Each measure's own AUC against the coin-toss line. ``frame``: measure (display name), auc, accounts."""
    frame = frame.iloc[::-1]
    colours = [SEQUENCE[1] if a >= 0.5 else SEQUENCE[4] for a in frame["auc"].fillna(0.5)]
    data = [{"type": "bar", "orientation": "h", "x": frame["auc"].fillna(0.3).tolist(), "y": frame["measure"].tolist(),
             "marker": {"color": colours}, "textposition": "outside", "cliponaxis": False,
             "text": [f"{a:.2f}" if pd.notna(a) else labels["missing"] for a in frame["auc"]],
             "customdata": frame["accounts"].tolist(),
             "hovertemplate": f"%{{y}}<br>AUC %{{x:.3f}}<br>{labels['accounts']} %{{customdata:,}}<extra></extra>"}]
    return _figure(data, height=60 + 32 * len(frame), x={"title": _title("AUC"), "range": [0.3, 1.0]},
                   y={"automargin": True}, shapes=[_vline(0.5)], showlegend=False)


def lift_chart(lift: pd.DataFrame, *, labels: dict[str, str]) -> go.Figure:
    """Lift per score decile (riskiest first) as bars, share of outcomes captured as a line.

    ``lift``: decile, accounts, outcomes, rate, lift, captured. ``labels`` needs decile, lift, captured, rate.
    """
    deciles = lift["decile"].tolist()
    data = [{"type": "bar", "name": labels["lift"], "x": deciles, "y": lift["lift"].tolist(),
             "marker": {"color": SEQUENCE[0]},
             "customdata": list(zip(lift["rate"].tolist(), lift["outcomes"].tolist(), lift["accounts"].tolist(),
                                    strict=True)),
             "hovertemplate": (f"{labels['decile']} %{{x}}<br>{labels['lift']} %{{y:.2f}}x<br>{labels['rate']} "
                               f"%{{customdata[0]:.1%}} (%{{customdata[1]:,}} / %{{customdata[2]:,}})<extra></extra>")},
            {"type": "scatter", "name": labels["captured"], "x": deciles, "y": lift["captured"].tolist(), "yaxis": "y2",
             "mode": "lines+markers", "line": {"color": SEQUENCE[3]},
             "hovertemplate": f"{labels['decile']} %{{x}}<br>{labels['captured']} %{{y:.0%}}<extra></extra>"}]
    one = {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": 1, "y1": 1, "line": {"dash": "dot", "color": _LINE}}
    return _figure(data, height=320, x={"title": _title(labels["decile"]), "dtick": 1},
                   y={"title": _title(labels["lift"]), "rangemode": "tozero"}, shapes=[one],
                   yaxis2={"overlaying": "y", "side": "right", "range": [0, 1.05], "tickformat": ".0%",
                           "tickvals": [0, 0.25, 0.5, 0.75, 1.0],
                           "title": _title(labels["captured"]), "showgrid": False})


def _sub_colour(value: float) -> str:
    if pd.isna(value):
        return _MISSING
    return BAND_COLOURS["Good"] if value >= 70 else BAND_COLOURS["Neutral"] if value >= 40 else BAND_COLOURS["Poor"]
