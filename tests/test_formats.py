"""Named number formats: amounts round half up on their decimal value, as finance rounds."""

from __future__ import annotations

import pytest

from dashboard.charts.formats import Money, count, percent


@pytest.mark.parametrize("value, compact, expected", [
    (2650, True, "$2.7K"),        # 2.65 is 2.6499... in binary: still rounds up
    (2750, True, "$2.8K"),
    (-2650, True, "-$2.7K"),
    (999_950, True, "$1.0M"),     # rounds into the next unit, never "$1,000K"
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
    assert Money("USD")(1200, compact=True, signed=True) == "+$1.2K"
    assert Money("JPY", 2)(1234.5) == Money("JPY", 0)(1234.5)  # the yen has no decimals, whatever is set


@pytest.mark.parametrize("value, expected", [
    (20_870_000, "2,087万円"),     # the figures: 万 with thousands separators
    (570_000_000, "5.7億円"),
    (12_345, "1.2万円"),
    (2_650, "2,650円"),            # below 1万: the whole figure
    (99_995_000, "1.0億円"),       # rounds into the next unit, never "10,000万円"
    (-1_250_000_000, "-12.5億円"),
    (1_200_000_000_000, "1.2兆円"),
])
def test_money_in_japanese_compacts_into_man_and_oku(value, expected):
    assert Money("JPY", 0, "ja")(value, compact=True) == expected


def test_money_in_japanese_writes_yen_after_the_figure():
    assert Money("JPY", 0, "ja")(1_234_567) == "1,234,567円"
    assert Money("JPY", 0, "en")(1_234_567) == "¥1,234,567"
    assert Money("USD", 0, "ja")(20_870_000, compact=True) == "$2,087万"
    assert Money("USD")(570_000_000, compact=True) == "$570M"  # no decimal on a three-digit figure


def test_percent_and_count():
    assert percent(0.05, 1, signed=True) == "+5.0%" and percent(None) == "–"
    assert count(1234.6) == "1,235"
