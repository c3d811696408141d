"""Slides of any page: one slide per section the page drew, its finding as the title, its chart as a
native chart (bars and lines; other charts as the section's table), and the definition and SQL in the
speaker notes. The review pack (:mod:`dashboard.review.pack`) is the composed deck for the meeting;
this is "this page as slides" for every page.

Pure: it takes what the sections showed (:class:`Shown`), never Streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd

from dashboard.review.content import Chart, Deck, Slide, Table, cell, clean, notes

ROWS_SHOWN, COLUMNS_SHOWN = 10, 8


@dataclass(frozen=True)
class Shown:
    """What one section showed: title, findings, plotly figures, tables, definition (with its formula)
    and its SQL statements as the page shows them."""

    key: str
    title: str | None
    findings: tuple[str, ...]
    figures: tuple
    tables: tuple[pd.DataFrame, ...]
    definition: str
    statements: tuple[str, ...]
    slide_table: Callable | None = None  # tr -> Table: what the section's table is on a slide, when not its rows


def page_deck(page: str, sections: list[Shown], *, tr, lang: str, subtitle: str, filename: str, db: str) -> Deck:
    """The page's deck: a cover named after the page, then a slide per section that showed something."""
    slides = [s for s in (_slide(section, tr, db) for section in sections) if s is not None]
    return Deck(page, subtitle, slides, lang, filename)


def _slide(section: Shown, tr, db: str) -> Slide | None:
    title = section.findings[0] if section.findings else section.title
    if not title and not section.figures and not section.tables:
        return None
    chart = next((c for c in (chart_of(f) for f in section.figures) if c is not None), None)
    table = None if chart is not None or not section.tables else table_of(section.tables[0])
    if chart is None and section.slide_table is not None:
        table = section.slide_table(tr)
    caption = section.title if section.findings and section.title else ""
    return Slide(section.key, clean(title or ""), chart=chart, table=table, caption=clean(caption),
                 body=[clean(f) for f in section.findings[1:3]],
                 notes=notes(tr, section.definition, list(section.statements), db))


def chart_of(figure) -> Chart | None:
    """A plotly figure's bars (or, without bars, its lines) as a native chart over the union of their
    categories; None for a figure with neither (a heatmap, a waterfall, scattered points), whose section
    shows its table instead."""
    data = getattr(figure, "data", ())
    bars = [t for t in data if t.type == "bar"]
    lines = [t for t in data if t.type == "scatter" and "lines" in (t.mode or "lines")]
    traces = bars or lines
    if not traces:
        return None
    pairs = []
    for trace in traces:
        across, values = (trace.y, trace.x) if getattr(trace, "orientation", None) == "h" else (trace.x, trace.y)
        if across is None or values is None:
            return None
        pairs.append((trace, dict(zip((_label(v) for v in across), (_number(v) for v in values)))))
    categories = list(dict.fromkeys(c for _, points in pairs for c in points))
    if all(_number(c.replace(",", "")) is not None for c in categories):
        categories.sort(key=lambda c: float(c.replace(",", "")))
    series = tuple((clean(trace.name or ""), tuple(points.get(c) for c in categories)) for trace, points in pairs)
    axis = figure.layout.xaxis.tickformat if bars and getattr(bars[0], "orientation", None) == "h" else \
        figure.layout.yaxis.tickformat
    kind = "line" if not bars else "hbar" if getattr(bars[0], "orientation", None) == "h" else "bar"
    return Chart(kind, tuple(cell(c) for c in categories), series, "0%" if axis and "%" in axis else "#,##0.##")


def table_of(frame: pd.DataFrame) -> Table:
    """The first rows and columns of a section's table, written as text."""
    shown = frame.iloc[:ROWS_SHOWN, :COLUMNS_SHOWN]
    return Table(tuple(cell(c) for c in shown.columns),
                 tuple(tuple(cell(_label(v)) for v in row) for row in shown.itertuples(index=False)))


def _label(value) -> str:
    if isinstance(value, (datetime, pd.Timestamp)):
        return f"{value:%Y-%m-%d}" if (value.hour, value.minute) != (0, 0) or value.day != 1 else f"{value:%Y-%m}"
    if isinstance(value, date):
        return f"{value:%Y-%m}" if value.day == 1 else f"{value:%Y-%m-%d}"
    if isinstance(value, (float, np.floating)):
        return "" if math.isnan(value) else f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return f"{int(value):,}"
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number
