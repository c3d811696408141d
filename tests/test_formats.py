"""Named number formats: amounts round half up on their decimal value, as finance rounds."""

from __future__ import annotations

import pytest

from dashboard.charts.formats import Money, count, percent


@pytest.mark.parametrize("value, compact, expected", [
    (2650, True, "$2.7k"),        # 2.65 is 2.6499... in binary: still rounds up
    (2750, True, "$2.8k"),
    (-2650, True, "-$2.7k"),
    (999_950, True, "$1.0M"),     # rounds into the next unit, never "$1,000.0k"
    (1_250_000_000, True, "$1.3B"),
    (999, True, "$999"),
    (2.5, False, "$3"),           # not Python's half-even "$2"
    (1234.5, False, "$1,235"),
    (None, False, "–"),
    (float("nan"), True, "–"),
])
def test_money_rounds_half_up(value, compact, expected):
    assert Money("USD")(value, compact=compact) == expected


def test_money_decimals_sign_and_zero_decimal_currencies():
    assert Money("USD", 2)(12.345) == "$12.35"
    assert Money("USD")(1200, compact=True, signed=True) == "+$1.2k"
    assert Money("JPY", 2)(1234.5) == Money("JPY", 0)(1234.5)  # the yen has no decimals, whatever is set


def test_percent_and_count():
    assert percent(0.05, 1, signed=True) == "+5.0%" and percent(None) == "–"
    assert count(1234.6) == "1,235"
