"""Cohort charts: the retention triangle (heatmap) and retention curves. Pure: frame -> plotly Figure.

Labels arrive already translated (``labels``: a dict of the hover and axis words), so the charts stay
free of the UI layer.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.formats import Money, chart_text
from dashboard.charts.palette import FONT, SEQUENCE

# Diverging at 100%: losses run from the palette's churn red through contraction orange to a light
# neutral at 100% (kept everything); expansion above 100% deepens to the palette's blue.
_LOSS, _DIP, _KEPT, _GAIN = "#C8423B", "#E59F3C", "#F4F1EA", "#3C5A99"
_TEXT_LIMIT = 30  # cohorts; above this the cells are too small to print their values


def retention_heatmap(matrix: pd.DataFrame, *, money: Money, labels: dict[str, str]) -> go.Figure:
    """Cohorts down (oldest at the top), ages across, colour = retention; absent cells stay blank.

    ``matrix`` has the columns of :func:`dashboard.cohorts.metrics.cohort_retention`. ``labels`` needs
    cohort, age, retention, size, active, mrr, start_mrr.
    """
    grid = matrix.pivot(index="cohort", columns="age", values="retention").sort_index()
    ages = list(grid.columns)
    cohorts = list(grid.index)

    def layer(column: str) -> list[list]:
        return matrix.pivot(index="cohort", columns="age", values=column).reindex(index=cohorts, columns=ages).values

    size, active, mrr, start = layer("cohort_accounts"), layer("accounts"), layer("mrr"), layer("cohort_mrr")
    custom = [[[_count(size[i][j]), _count(active[i][j]), _money(money, mrr[i][j]), _money(money, start[i][j])]
               for j in range(len(ages))] for i in range(len(cohorts))]
    low, top = _range(matrix["retention"])
    heatmap = {
        "type": "heatmap", "z": grid.values, "x": ages, "y": cohorts, "customdata": custom, "zmin": low, "zmax": top,
        "colorscale": _scale(low, top), "xgap": 1, "ygap": 1, "hoverongaps": False,
        "colorbar": {"title": {"text": labels["retention"]}, "tickformat": ".0%"},
        "texttemplate": "%{z:.0%}" if len(cohorts) <= _TEXT_LIMIT else None, "textfont": {"size": 11},
        "hovertemplate": (f"{labels['cohort']} %{{y}} · {labels['age']} %{{x}}<br>"
                          f"{labels['retention']}: %{{z:.1%}}<br>"
                          f"{labels['size']}: %{{customdata[0]}} · {labels['start_mrr']}: %{{customdata[3]}}<br>"
                          f"{labels['active']}: %{{customdata[1]}} · {labels['mrr']}: %{{customdata[2]}}"
                          "<extra></extra>")}
    return _figure([heatmap], height=max(380, 22 * len(cohorts) + 140),
                   xaxis={"title": {"text": labels["age"]}, "side": "top", "dtick": 1 if len(ages) <= 24 else 3},
                   yaxis={"title": {"text": labels["cohort"]}, "autorange": "reversed", "type": "category"})


def retention_curves(matrix: pd.DataFrame, average: pd.DataFrame, *, picked: tuple[str, ...],
                     labels: dict[str, str], notes: pd.DataFrame | None = None) -> go.Figure:
    """One thin line per picked cohort and the weighted average in bold. ``labels`` needs cohort, age,
    retention, average, size, active (and notes with ``notes``). ``notes`` (cohort, age, number, text:
    :func:`dashboard.review.timeline.at_ages`) marks where each note on the timeline falls on each
    picked cohort's curve."""
    traces = []
    for i, cohort in enumerate(picked):
        rows = matrix[matrix["cohort"] == cohort]
        traces.append({
            "type": "scatter", "x": rows["age"].to_numpy(), "y": rows["retention"].to_numpy(), "name": cohort,
            "mode": "lines", "line": {"width": 1.6, "color": SEQUENCE[(i + 1) % len(SEQUENCE)]},
            "customdata": rows[["cohort_accounts", "accounts"]].to_numpy(),
            "hovertemplate": (f"{labels['cohort']} {cohort} · {labels['age']} %{{x}}<br>{labels['retention']}: "
                              f"%{{y:.1%}}<br>{labels['active']}: %{{customdata[1]:,}} / %{{customdata[0]:,}}"
                              "<extra></extra>")})
    traces.append({
        "type": "scatter", "x": average["age"].to_numpy(), "y": average["retention"].to_numpy(),
        "name": labels["average"], "mode": "lines", "line": {"width": 4.5, "color": "#1B1F2A"},
        "customdata": average[["cohorts"]].to_numpy(),
        "hovertemplate": (f"{labels['average']} · {labels['age']} %{{x}}<br>{labels['retention']}: %{{y:.1%}}"
                          f"<br>{labels['cohort']}: %{{customdata[0]}}<extra></extra>")})
    marks = _note_marks(matrix, notes, picked)
    if marks is not None:
        traces.append({"type": "scatter", "x": marks["age"].to_numpy(), "y": marks["retention"].to_numpy(),
                       "name": labels["notes"], "mode": "markers+text", "text": [f"[{n}]" for n in marks["number"]],
                       "textposition": "top center", "marker": {"symbol": "diamond", "size": 10, "color": "#8E6BB8"},
                       "customdata": [[chart_text(c), chart_text(t)] for c, t in zip(marks["cohort"], marks["text"])],
                       "hovertemplate": f"{labels['cohort']} %{{customdata[0]}} · {labels['age']} %{{x}}<br>"
                                        "%{customdata[1]}<extra></extra>"})
    return _figure(traces, height=420, hovermode="closest", legend={"orientation": "h", "y": -0.18},
                   xaxis={"title": {"text": labels["age"]}, "gridcolor": "#EEE"},
                   yaxis={"title": {"text": labels["retention"]}, "tickformat": ".0%", "gridcolor": "#EEE",
                          "rangemode": "tozero"})


def _note_marks(matrix: pd.DataFrame, notes: pd.DataFrame | None, picked: tuple[str, ...]) -> pd.DataFrame | None:
    """The notes that fall on a picked cohort's drawn curve, with the curve's retention at that age."""
    if notes is None or notes.empty or not picked:
        return None
    on = notes[notes["cohort"].isin(picked)].merge(matrix[["cohort", "age", "retention"]], on=["cohort", "age"])
    return None if on.empty else on


def value_curves(curves: pd.DataFrame, *, groups: dict[str, str], money: Money, labels: dict[str, str]) -> go.Figure:
    """Net revenue retention by age for each time-to-value group. ``groups`` maps value_group -> label
    (in display order); ``labels`` needs age, retention, accounts, start_mrr, mrr."""
    traces = []
    for i, (group, label) in enumerate(groups.items()):
        rows = curves[curves["value_group"] == group]
        if rows.empty:
            continue
        custom = [[_count(a), _money(money, s), _money(money, m)]
                  for a, s, m in zip(rows["accounts"], rows["start_mrr"], rows["mrr"])]
        traces.append({
            "type": "scatter", "x": rows["age"].to_numpy(), "y": rows["net_retention"].to_numpy(), "name": label,
            "mode": "lines", "customdata": custom,
            "line": {"width": 2.5, "color": SEQUENCE[i % len(SEQUENCE)], "dash": "dot" if group == "never" else "solid"},
            "hovertemplate": (f"{label} · {labels['age']} %{{x}}<br>{labels['retention']}: %{{y:.1%}}<br>"
                              f"{labels['accounts']}: %{{customdata[0]}}<br>{labels['mrr']}: %{{customdata[2]}} / "
                              f"{labels['start_mrr']}: %{{customdata[1]}}<extra></extra>")})
    return _figure(traces, height=400, legend={"orientation": "h", "y": -0.2},
                   xaxis={"title": {"text": labels["age"]}, "gridcolor": "#EEE"},
                   yaxis={"title": {"text": labels["retention"]}, "tickformat": ".0%", "gridcolor": "#EEE",
                          "rangemode": "tozero"})


def _figure(traces: list[dict], *, height: int, **layout) -> go.Figure:
    """A figure from plain trace and layout dicts, built without plotly's per-value validation (which
    costs more than the whole query behind the chart on a large triangle)."""
    spec = {"data": traces, "layout": {"font": FONT, "height": height, "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
                                       "plot_bgcolor": "white", **layout}}
    return go.Figure(spec, _validate=False)


def _range(values: pd.Series) -> tuple[float, float]:
    """Colour range: from the lowest tenth below the 2nd percentile to at least 100% (outliers clip)."""
    if values.empty:
        return 0.0, 1.0
    low = min(0.9, float(values.quantile(0.02)))
    return max(0.0, int(low * 10) / 10), max(1.0, float(values.quantile(0.98)))


def _scale(low: float, top: float) -> list[tuple[float, str]]:
    kept = (1.0 - low) / (top - low)
    if kept >= 1.0:
        return [(0.0, _LOSS), (0.5, _DIP), (1.0, _KEPT)]
    return [(0.0, _LOSS), (kept / 2, _DIP), (kept, _KEPT), (1.0, _GAIN)]


def _count(value) -> str:
    return "" if pd.isna(value) else f"{int(value):,}"


def _money(money: Money, value) -> str:
    return "" if pd.isna(value) else money(float(value))
