"""Reporting windows: the start and end months each kind compares."""

from datetime import date

import pytest

from dashboard import windows as w


@pytest.mark.parametrize("kind, period, fiscal_start, as_of, start, end, label", [
    ("month", date(2024, 3, 1), 1, None, date(2024, 2, 1), date(2024, 3, 1), "2024-03"),
    ("month", date(2024, 1, 1), 1, None, date(2023, 12, 1), date(2024, 1, 1), "2024-01"),
    ("quarter", date(2024, 2, 1), 1, None, date(2023, 12, 1), date(2024, 3, 1), "2024-Q1"),
    ("quarter", date(2024, 11, 1), 1, date(2024, 11, 1), date(2024, 9, 1), date(2024, 11, 1), "2024-Q4 (to date)"),
    ("fiscal_year", date(2025, 2, 1), 4, None, date(2024, 3, 1), date(2025, 3, 1), "FY2024"),
    ("fiscal_year", date(2025, 5, 1), 4, None, date(2025, 3, 1), date(2026, 3, 1), "FY2025"),
    ("fiscal_year", date(2025, 5, 1), 1, None, date(2024, 12, 1), date(2025, 12, 1), "2025"),
    ("trailing_12", date(2019, 12, 1), 1, None, date(2018, 12, 1), date(2019, 12, 1), "T12M → 2019-12"),
])
def test_window_bounds(kind, period, fiscal_start, as_of, start, end, label):
    got = w.window(kind, period, fiscal_start=fiscal_start, as_of=as_of)
    assert (got.start, got.end, got.label) == (start, end, label)


def test_previous_window_has_the_same_length():
    q = w.window("quarter", date(2024, 5, 1))
    prev = q.previous()
    assert (prev.start, prev.end, prev.months) == (date(2023, 12, 1), date(2024, 3, 1), 3)


def test_periods_newest_first_and_within_data():
    got = w.periods("quarter", date(2024, 1, 1), date(2024, 8, 1))
    assert [p.label for p in got] == ["2024-Q3 (to date)", "2024-Q2", "2024-Q1"]


@pytest.mark.parametrize("text, expected", [("2024-03", date(2024, 3, 1)), ("2024-3", date(2024, 3, 1)),
                                            ("2024-03-17", date(2024, 3, 1))])
def test_parse_month(text, expected):
    assert w.parse_month(text) == expected


@pytest.mark.parametrize("text", ["2024", "24-03", "2024-13", "march", ""])
def test_parse_month_rejects(text):
    with pytest.raises(ValueError, match="expected YYYY-MM"):
        w.parse_month(text)


def test_add_months_and_between():
    assert w.add_months(date(2024, 11, 1), 3) == date(2025, 2, 1)
    assert w.add_months(date(2024, 1, 1), -13) == date(2022, 12, 1)
    assert w.months_between(date(2018, 12, 1), date(2019, 12, 1)) == 12
