"""What a slide says, before it is PowerPoint: the finding as its title, its chart's series (the
engine's values), key figures, and the definition and SQL for the speaker notes.

Pure data, so the deck's numbers can be checked against the engine without opening PowerPoint, and
the page's download and ``python -m dashboard pack`` make the same slides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

import duckdb
import pandas as pd

from dashboard import store, trace
from dashboard.charts.formats import Money
from dashboard.export import neutralised
from dashboard.i18n import translate

# the line above each statement in the notes (a reader, or a test, finds each statement by it)
STEP_MARK = "-- step"
# statements longer than this are cut in the speaker notes (a drill-down binding 10,000s of ids)
SQL_CHARS = 20_000
# characters XML 1.0 cannot hold: a control character in a customer's note would break the file
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Figure:
    """A key figure box: label, the value as shown, and a line beneath (change, gap to target)."""

    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class Chart:
    """A native chart: ``kind`` "waterfall" (stacked bar on an invisible base), "line", "bar" or "hbar";
    one value list per series name (None where there is no value), in ``number_format`` (Excel's)."""

    kind: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    number_format: str = "General"
    point_labels: tuple[str, ...] = ()    # the text on each bar (waterfall, bars), as the page writes it
    point_colours: tuple[str, ...] = ()   # hex colour of each bar of the last series (waterfall)
    dashed: tuple[str, ...] = ()          # series drawn dashed (targets)
    base: tuple[float, ...] = ()          # the invisible base of each waterfall bar


@dataclass(frozen=True)
class Table:
    """A small table: header row and text cells; ``shade`` (0..1 or None) colours a cell (the triangle)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    shade: tuple[tuple[float | None, ...], ...] = ()


@dataclass
class Slide:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    chart: Chart | None = None
    table: Table | None = None
    body: list[str] = field(default_factory=list)
    caption: str = ""
    notes: str = ""


@dataclass
class Deck:
    """A whole deck: its cover, its slides, the language (fonts) and the file name it downloads as."""

    title: str
    subtitle: str
    slides: list[Slide]
    lang: str
    filename: str


def clean(text) -> str:
    """User text as a slide may hold it: a string without XML-forbidden control characters."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return _NOT_XML.sub(" ", str(text))


def cell(text) -> str:
    """A chart category or table cell: python-pptx writes categories into the chart's embedded workbook,
    where a name starting with "=" would run as a formula (the app's CSV rule, applied here too)."""
    return clean(neutralised(pd.DataFrame({"v": [clean(text)]}))["v"].iloc[0])


def translator(lang: str) -> Callable[..., str]:
    return lambda key, /, **values: translate(key, lang, **values)


def excel_money(money: Money) -> str:
    """The Excel number format that writes amounts as ``money`` does, uncompacted ($1,200; 1,200円)."""
    digits = "#,##0" + ("." + "0" * money.digits if money.digits else "")
    if money.lang == "ja" and money.currency == "JPY":
        return f'{digits}"円";-{digits}"円"'
    return f'"{money.symbol}"{digits};-"{money.symbol}"{digits}'


@contextmanager
def recorded(con: duckdb.DuckDBPyConnection) -> Iterator[Callable[[], list[str]]]:
    """Record the statements run in the block; the yielded function returns each once, runnable
    against the database file as the page's "Definition and SQL" shows them."""
    with trace.recording() as steps:
        def statements() -> list[str]:
            shown = trace.lineage(steps)
            versions = {s.version for s in shown if s.version is not None}
            with store.cursor(con) as cur:
                tables = trace.version_tables(cur, versions)
            return [trace.runnable(s, tables.get(s.version, ())) for s in shown]
        yield statements


def notes(tr: Callable[..., str], definition: str, statements: list[str], db: str) -> str:
    """Speaker notes: the definition, then every statement (cut when very long), runnable on ``db``."""
    parts = [tr("review.notes_definition"), definition.replace("**", "")]
    if statements:
        parts += ["", tr("review.notes_sql", db=db)]
        for number, sql in enumerate(statements, start=1):
            parts += ["", f"{STEP_MARK} {number} of {len(statements)}",
                      sql if len(sql) <= SQL_CHARS else sql[:SQL_CHARS] + "\n-- ..."]
    return clean("\n".join(parts))


def file_stem(kind: str, start: date, end: date, as_of: date) -> str:
    """The window and as-of month in a file name: ``<kind>_2025-10_2026-10_asof_2026-10``."""
    return f"{kind}_{start:%Y-%m}_{end:%Y-%m}_asof_{as_of:%Y-%m}"
