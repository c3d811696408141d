"""The retention review pack: the NRR page (tiles, bridge, trend, split), the cohort triangle and the
churn Pareto of one window and as-of month, as :class:`content.Slide` s (:mod:`dashboard.review.deck`
writes them as PowerPoint).

Every number comes from the engine functions the pages call, read from one dataset version.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from datetime import date, datetime

import duckdb
import pandas as pd

from dashboard import store, windows
from dashboard.charts.formats import Money, percent
from dashboard.charts.palette import MOVEMENT_COLOURS
from dashboard.churn import matching, summary
from dashboard.churn import story as churn_story
from dashboard.cohorts import metrics as cohorts
from dashboard.cohorts import story as cohort_story
from dashboard.revenue import metrics as revenue
from dashboard.revenue import story as nrr_story
from dashboard.revenue.chart import WATERFALL_BARS
from dashboard.review import targets as plan
from dashboard.review import timeline
from dashboard.review.content import (
    Chart,
    Deck,
    Figure,
    Slide,
    Table,
    cell,
    excel_money,
    file_stem,
    notes,
    recorded,
    translator,
)

SPLIT_SHOWN = 12        # groups on the split slide (largest starting revenue first)
COHORTS_SHOWN = 12      # the latest cohorts on the triangle slide
AGES_SHOWN = {"month": 12, "quarter": 8}


@dataclass(frozen=True)
class View:
    """What the pack shows: the page state on screen (or the command line's options)."""

    window: windows.Window
    as_of: date
    lang: str = "en"
    unit: str = "ARR"
    money: Money = field(default_factory=Money)
    fiscal_start: int = 1
    split: str = "segment"
    metric: str = "net"
    grain: str = "month"
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()  # the cohort page's filters (argument, values)
    db: str = ""

    @property
    def factor(self) -> int:
        return 12 if self.unit == "ARR" else 1


def window_of(kind: str, as_of: date, *, fiscal_start: int = 1, lang: str = "en") -> windows.Window:
    """The newest window of ``kind`` at ``as_of`` (to date when its period is still running), as the
    page's picker offers first, named in ``lang``."""
    window = windows.window(kind, as_of, fiscal_start=fiscal_start, as_of=as_of)
    return dataclasses.replace(window, label=windows.name(translator(lang), window, fiscal_start))


def review_pack(con: duckdb.DuckDBPyConnection, view: View, *, version: int | None = None) -> Deck:
    """The review pack of ``view``, every slide read from dataset ``version`` (default: current)."""
    tr = translator(view.lang)
    with store.pinned(version if version is not None else store.current_version(con)) as pinned:
        first = revenue.monthly_movements(con, as_of=view.as_of)["month"].iloc[0]
        saved = plan.load_targets(con)
        target = plan.target_for(saved, view.window.end, fiscal_start=view.fiscal_start)
        slides = [*_nrr(con, view, tr, first, target, saved), _cohorts(con, view, tr), _pareto(con, view, tr)]
        slides += _timeline(con, view, tr)
    return Deck(tr("review.deck_title", window=view.window.label),
                tr("review.deck_subtitle", as_of=windows.month_label(view.as_of), version=pinned,
                   made=f"{datetime.now():%Y-%m-%d}"),
                [s for s in slides if s is not None], view.lang, filename(view))


def filename(view: View) -> str:
    """The review pack's file name: its window and as-of month."""
    return f"retention_review_{file_stem(view.window.kind, view.window.start, view.window.end, view.as_of)}.pptx"


def _nrr(con, view: View, tr, first: date, target, saved: pd.DataFrame) -> list[Slide]:
    window, fmt, factor = view.window, view.money, view.factor
    before = window.previous() if window.previous().start >= first else None
    with recorded(con) as sql:
        current = revenue.nrr_bridge(con, start=window.start, end=window.end).iloc[0]
        previous = revenue.nrr_bridge(con, start=before.start, end=before.end).iloc[0] if before else None
        driver = None
        if before is not None:
            driver = nrr_story.nrr_change_driver(revenue.nrr_bridge(con, start=window.start, end=window.end, by="segment"),
                                                 revenue.nrr_bridge(con, start=before.start, end=before.end, by="segment"))
        shared = sql()
    finding = nrr_story.bridge_finding(tr, window.label, current, previous, fmt, factor, driver)
    finding += nrr_story.target_finding(tr, current["nrr"], target)
    tiles = Slide("nrr.tiles", finding, figures=_figures(tr, nrr_story.kpis(current, previous, factor), view, target),
                  caption=tr("nrr.window_caption", label=window.label, start=windows.month_label(window.start),
                             end=windows.month_label(window.end)),
                  notes=notes(tr, tr("nrr.definition_tiles"), shared, view.db))
    bridge = Slide("nrr.bridge", finding, chart=_waterfall(tr, current, fmt, factor),
                   notes=notes(tr, tr("nrr.definition_bridge"), shared, view.db))
    with recorded(con) as sql:
        trend = revenue.nrr_trend(con, as_of=view.as_of, months=12)
        trend_sql = sql()
    trend_slide = Slide("nrr.trend", nrr_story.trend_finding(tr, trend), chart=_trend(tr, trend, view, saved),
                        notes=notes(tr, tr("nrr.definition_trend"), trend_sql, view.db))
    with recorded(con) as sql:
        split = revenue.nrr_bridge(con, start=window.start, end=window.end, by=view.split)
        split_sql = sql()
    goals = plan.by_segment(saved, window.end, fiscal_start=view.fiscal_start) if view.split == "segment" else None
    split_slide = Slide("nrr.split", nrr_story.split_finding(tr, split, fmt, factor), chart=_split(tr, split, goals),
                        caption=tr(f"nrr.by.{view.split}"),
                        notes=notes(tr, tr("nrr.definition_split"), split_sql, view.db))
    return [tiles, bridge, trend_slide, split_slide]


def _figures(tr, values: dict[str, tuple[float, float]], view: View, target) -> list[Figure]:
    out = []
    for name in nrr_story.KPI_NAMES:
        value, change = values[name]
        if name in ("nrr", "grr"):
            label, shown = tr(f"nrr.kpi.{name}"), percent(value)
            moved = None if math.isnan(change) else tr("nrr.delta_points", points=f"{change * 100:+.1f}")
        else:
            label, shown = tr(f"nrr.kpi.{name}.{view.unit}"), view.money(value, compact=True)
            moved = None if math.isnan(change) else view.money(change, compact=True, signed=True)
        lines = [tr("review.change_vs_previous", change=moved)] if moved else []
        if name in ("nrr", "grr"):
            lines.append(gap_text(tr, target, name, value, view.window.end, view.fiscal_start))
        out.append(Figure(label, shown, "\n".join(lines)))
    return out


def gap_text(tr, target, name: str, value: float, end: date, fiscal_start: int) -> str:
    """"Target 110.0% · -2.1 pts" for a tile, or "No target for FY2025"."""
    gap = target.gap(name, value) if target is not None else None
    if gap is None:
        return tr("review.target_none", year=windows.fiscal_year_of(end, fiscal_start))
    return tr("review.target_gap", target=percent(getattr(target, name)),
              gap=tr("review.target_gap_points", points=f"{gap * 100:+.1f}"))


def _waterfall(tr, row: pd.Series, fmt: Money, factor: int) -> Chart:
    """The bridge as a stacked bar: an invisible base under each bar, the bar the movement's size."""
    names, base, sizes, texts, colours = [], [], [], [], []
    level = 0.0
    for category, column, sign, measure in WATERFALL_BARS:
        amount = float(row[column]) * factor
        if measure == "relative":
            after = level + sign * amount
            base.append(min(level, after))
            level = after
            texts.append(fmt(sign * amount, compact=True, signed=True))
        else:
            level = amount
            base.append(0.0)
            texts.append(fmt(amount, compact=True))
        names.append(tr(f"nrr.bar.{category}"))
        sizes.append(abs(amount))
        colours.append(MOVEMENT_COLOURS[category])
    return Chart("waterfall", tuple(names), ((tr("review.series.base"), tuple(base)),
                                             (tr("review.series.amount"), tuple(sizes))),
                 excel_money(fmt), point_labels=tuple(texts), point_colours=tuple(colours), base=tuple(base))


def _trend(tr, trend: pd.DataFrame, view: View, saved: pd.DataFrame) -> Chart | None:
    """NRR and GRR month by month, with the fiscal years' targets as dashed lines where any is saved."""
    if trend.empty:
        return None
    months = list(trend["month"])
    goals = plan.monthly(saved, months, fiscal_start=view.fiscal_start)
    series = [(tr("nrr.kpi.nrr"), _values(trend["nrr"])), (tr("nrr.kpi.grr"), _values(trend["grr"]))]
    dashed = []
    for name in ("nrr", "grr"):
        if goals[f"{name}_target"].notna().any():
            series.append((tr(f"review.target_line.{name}"), _values(goals[f"{name}_target"])))
            dashed.append(tr(f"review.target_line.{name}"))
    return Chart("line", tuple(windows.month_label(m) for m in months), tuple(series), "0.0%", dashed=tuple(dashed))


def _split(tr, split: pd.DataFrame, goals: pd.DataFrame | None) -> Chart | None:
    """NRR and GRR of the largest groups, and the segments' NRR targets when any is saved."""
    paying = split[split["starting_mrr"] > 0].sort_values("starting_mrr", ascending=False).head(SPLIT_SHOWN)
    if paying.empty:
        return None
    series = [(tr("nrr.kpi.nrr"), _values(paying["nrr"])), (tr("nrr.kpi.grr"), _values(paying["grr"]))]
    if goals is not None and not goals.empty:
        planned = paying[["group"]].merge(goals, on="group", how="left")
        series.append((tr("review.target_line.nrr"), _values(planned["nrr_target"])))
    return Chart("bar", tuple(cell(g) for g in paying["group"]), tuple(series), "0.0%")


def _cohorts(con, view: View, tr) -> Slide:
    with recorded(con) as sql:
        matrix = cohorts.cohort_retention(con, metric=view.metric, grain=view.grain, as_of=view.as_of,
                                          **dict(view.filters))
        statements = sql()
    definition = tr("cohorts.triangle_definition")
    if matrix.empty:
        return Slide("cohorts.triangle", tr("cohorts.no_revenue"), notes=notes(tr, definition, statements, view.db))
    average = cohorts.cohort_average(matrix, metric=view.metric)
    finding = cohort_story.triangle_finding(tr, matrix, average, view.metric, view.grain)
    table = triangle(tr, matrix)
    return Slide("cohorts.triangle", finding, table=table,
                 caption=tr("review.cohort_slide_note", n=len(table.rows), ages=len(table.header) - 1) + " "
                 + tr(f"cohorts.metric.{view.metric}"), notes=notes(tr, definition, statements, view.db))


def triangle(tr, matrix: pd.DataFrame) -> Table:
    """The latest cohorts of a cohort_retention frame by age, as shaded percentages (the page's triangle)."""
    grain = "quarter" if matrix["cohort"].astype(str).str.contains("Q").any() else "month"
    ages = AGES_SHOWN[grain]
    latest = sorted(matrix["cohort"].unique())[-COHORTS_SHOWN:]
    shown = matrix[matrix["cohort"].isin(latest) & (matrix["age"] <= ages)]
    grid = shown.pivot(index="cohort", columns="age", values="retention").reindex(columns=range(ages + 1))
    rows = tuple((c, *("" if pd.isna(v) else percent(v, 0) for v in grid.loc[c])) for c in grid.index)
    shade = tuple(tuple(None if pd.isna(v) else float(v) for v in grid.loc[c]) for c in grid.index)
    return Table((tr("cohorts.col.cohort"), *(str(a) for a in range(ages + 1))), rows, shade)


def _pareto(con, view: View, tr) -> Slide:
    window = view.window
    if not store.has_table(con, "accounts"):  # churns are matched to their accounts, as the Churn page says
        return Slide("churn.reasons", tr("review.needs_table", table="accounts"),
                     notes=notes(tr, tr("churn.definition_reasons"), [], view.db))
    with recorded(con) as sql:
        by_reason = summary.churn_by(con, by="reason", as_of=view.as_of, start=window.start, end=window.end)
        statements = sql()
    names = {matching.UNRECORDED: tr("churn.group.unrecorded"), matching.NO_VALUE: tr("churn.group.none")}
    by_reason = by_reason.assign(group=by_reason["group"].map(lambda v: names.get(v, v)))
    finding = churn_story.reasons_finding(tr, by_reason, view.money, "arr_lost")
    chart = None
    if not by_reason.empty:
        chart = Chart("hbar", tuple(cell(g) for g in by_reason["group"]),
                      ((tr("churn.measure.arr_lost"), _values(by_reason["arr_lost"])),), excel_money(view.money),
                      point_labels=tuple(f"{view.money(v, compact=True)} · {percent(s, 0)}"
                                         for v, s in zip(by_reason["arr_lost"], by_reason["share_arr"])))
    return Slide("churn.reasons", finding, chart=chart, notes=notes(tr, tr("churn.definition_reasons"), statements, view.db))


def _timeline(con, view: View, tr) -> list[Slide]:
    first = windows.add_months(view.as_of, -12) if view.window.months < 12 else view.window.start
    shown = timeline.in_months(timeline.load_notes(con), first, view.as_of)
    if shown.empty:
        return []
    rows = tuple((f"{r['starts']:%Y-%m-%d}" + (f" – {r['ends']:%Y-%m-%d}" if r["ends"] else ""),
                  tr(f"review.category.{r['category']}") if r["category"] else "", cell(r["text"]))
                 for r in shown.to_dict("records"))
    header = (tr("review.col.starts"), tr("review.col.category"), tr("review.col.text"))
    title = tr("review.notes_slide", start=windows.month_label(first), end=windows.month_label(view.as_of))
    return [Slide("review.timeline", title, table=Table(header, rows), notes=notes(tr, tr("review.notes_help"), [], view.db))]


def _values(series: pd.Series) -> tuple[float | None, ...]:
    return tuple(None if pd.isna(v) else float(v) for v in series)
