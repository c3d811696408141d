"""Reporting windows: a start month S and an end month E, compared as MRR(S) -> MRR(E).

A month window for March compares February's MRR with March's; a quarter Jan-Mar compares December
with March; a fiscal year starting in April compares the March before with the March at its end;
trailing twelve months ending in E compares E-12 with E. All months are first-of-month dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

KINDS = ("month", "quarter", "fiscal_year", "trailing_12", "custom")


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def last_complete_month(today: date | None = None) -> date:
    """The first day of the last calendar month that ended before ``today`` (default: date.today()):
    the latest month a page or command may report."""
    today = today or date.today()
    return add_months(today.replace(day=1), -1)


def months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def month_label(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def parse_month(text: str) -> date:
    """'2024-03' (or '2024-03-17') -> date(2024, 3, 1); ValueError with a clear message otherwise."""
    parts = str(text).strip().split("-")
    try:
        year, month = int(parts[0]), int(parts[1])
        if len(parts[0]) != 4 or not 1 <= month <= 12 or len(parts) > 3:
            raise ValueError
    except (ValueError, IndexError):
        raise ValueError(f"{text!r} is not a month; expected YYYY-MM") from None
    return date(year, month, 1)


@dataclass(frozen=True)
class Window:
    start: date
    end: date
    label: str
    kind: str = "custom"     # one of KINDS: what the label names
    to_date: bool = False    # a period still running at the as-of month, cut there

    @property
    def months(self) -> int:
        return months_between(self.start, self.end)

    def previous(self) -> Window:
        """The window of the same length just before this one."""
        n = self.months
        start, end = add_months(self.start, -n), add_months(self.end, -n)
        return Window(start, end, f"{month_label(start)} → {month_label(end)}")


def fiscal_year_of(month: date, fiscal_start: int) -> int:
    """Fiscal years are named by the calendar year they start in (FY2025 = Apr 2025 - Mar 2026)."""
    return month.year if month.month >= fiscal_start else month.year - 1


def window(kind: str, period: date, *, fiscal_start: int = 1, as_of: date | None = None) -> Window:
    """The window of ``kind`` whose period starts at (month, quarter, fiscal year) or ends at
    (trailing_12) ``period``. A period still running at ``as_of`` ends at ``as_of`` (to date)."""
    if kind == "month":
        start, end, label = add_months(period, -1), period, month_label(period)
    elif kind == "quarter":
        first = date(period.year, (period.month - 1) // 3 * 3 + 1, 1)
        start, end = add_months(first, -1), add_months(first, 2)
        label = f"{first.year}-Q{(first.month - 1) // 3 + 1}"
    elif kind == "fiscal_year":
        fy = fiscal_year_of(period, fiscal_start)
        first = date(fy, fiscal_start, 1)
        start, end = add_months(first, -1), add_months(first, 11)
        label = f"FY{fy}" if fiscal_start != 1 else str(fy)
    elif kind == "trailing_12":
        start, end, label = add_months(period, -12), period, f"T12M → {month_label(period)}"
    else:
        raise ValueError(f"unknown window kind {kind!r}")
    to_date = as_of is not None and end > as_of
    if to_date:
        end = as_of
        label += " (to date)"
    return Window(start, end, label, kind, to_date)


def periods(kind: str, first: date, as_of: date, *, fiscal_start: int = 1) -> list[Window]:
    """Every window of ``kind`` that ends after ``first`` and starts before ``as_of``, newest first."""
    out: list[Window] = []
    seen: set[tuple[date, date]] = set()
    month = as_of
    while month >= first:
        w = window(kind, month, fiscal_start=fiscal_start, as_of=as_of)
        if (w.start, w.end) not in seen and w.end > w.start:
            seen.add((w.start, w.end))
            out.append(w)
        month = add_months(month, -1)
    return out


def custom(start: date, end: date) -> Window:
    if end <= start:
        raise ValueError("the end month must be after the start month")
    return Window(start, end, f"{month_label(start)} → {month_label(end)}")


def name(tr, window: Window, fiscal_start: int = 1) -> str:
    """A window's name in the language of ``tr`` (a message lookup: ``tr(key, **values)``); :func:`window`
    names it in English."""
    period = add_months(window.start, 1)
    # month names, calendar years and custom spans read the same in every language
    text = window.label.removesuffix(" (to date)")
    if window.kind == "quarter":
        text = tr("period.label.quarter", year=period.year, quarter=(period.month - 1) // 3 + 1)
    elif window.kind == "fiscal_year" and fiscal_start != 1:
        text = tr("period.label.fiscal_year", year=fiscal_year_of(period, fiscal_start))
    elif window.kind == "trailing_12":
        text = tr("period.label.trailing_12", end=month_label(window.end))
    return tr("period.label.to_date", label=text) if window.to_date else text
