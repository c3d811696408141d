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


def test_money_axis_ticks_are_written_like_the_bar_labels():
    """Axis ticks in the language's compact units at round steps (issue 11: no d3 "G" beside 億円)."""
    yen = Money("JPY", lang="ja").axis([5.7e8, 1.2e8])
    assert yen["tickvals"] == [0, 2e8, 4e8, 6e8]
    assert yen["ticktext"] == ["0円", "2億円", "4億円", "6億円"]
    small = Money("JPY", lang="ja").axis([208_700])
    assert small["ticktext"] == ["0円", "5万円", "10万円", "15万円", "20万円", "25万円"]
    dollars = Money("USD").axis([2_400_000])
    assert dollars["ticktext"] == ["$0", "$500K", "$1M", "$1.5M", "$2M", "$2.5M"]
    assert Money("JPY", lang="ja").axis([2.5e7])["ticktext"][1] == "500万円"
    assert not any("G" in text for text in Money("JPY", lang="en").axis([5.7e9])["ticktext"])
    assert Money().axis([]) == {"tickvals": [0], "ticktext": ["$0"]}


def test_every_money_axis_of_the_charts_uses_the_app_s_units():
    """No chart leaves a money axis to d3's SI format (its "G" and "M" beside 億円 labels)."""
    from pathlib import Path
    charts = Path(__file__).resolve().parents[1] / "dashboard" / "charts"
    offenders = [f"{path.name}:{n}" for path in charts.glob("*.py")
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if '"~s"' in line or "tickprefix" in line]
    assert offenders == []


def test_tables_show_counts_with_thousands_separators():
    """Every whole-number column of a table is shown localized (1,869) unless it has a format of its own
    or is a year (issue 11); labels and help set by the page are kept."""
    import pandas as pd
    import streamlit as st

    from dashboard.ui.widgets import counts_separated

    frame = pd.DataFrame({"accounts": [1869], "year": [2026], "flag": [True], "share": [0.5], "name": ["A"],
                          "failed": pd.array([3], dtype="Int64"), "pct": [1]})
    config = counts_separated(frame, {"accounts": st.column_config.Column("顧客数", help="数"),
                                      "pct": st.column_config.NumberColumn("%", format="percent")})
    assert config["accounts"]["label"] == "顧客数" and config["accounts"]["help"] == "数"
    assert config["accounts"]["type_config"]["format"] == "localized"
    assert config["failed"]["type_config"]["format"] == "localized"
    assert config["pct"]["type_config"]["format"] == "percent"
    assert not {"year", "flag", "share", "name"} & set(config)


def test_axis_ticks_are_exact_in_one_decimal():
    """Steps of 1, 2 or 5: 1.25億 never appears rounded to 1.3億 on a tick."""
    assert Money("JPY", lang="ja").axis([1.3e8])["ticktext"] == ["0円", "5,000万円", "1億円", "1.5億円"]
    for top in (1.3e8, 2.2e5, 7.7e9, 41_000, 999):
        ticks = Money("JPY", lang="ja").axis([top])
        for value, text in zip(ticks["tickvals"], ticks["ticktext"]):
            assert Money("JPY", lang="ja")(value, compact=True).replace(".0", "") == text


def test_the_pareto_bars_carry_the_yen_ticks():
    import pandas as pd

    from dashboard.churn import chart as charts
    frame = pd.DataFrame({"group": ["価格", "機能不足"], "arr_lost": [3.2e7, 1.1e7], "accounts": [12, 5]})
    fig = charts.pareto(frame, measure="arr_lost", money=Money("JPY", lang="ja"),
                        labels={"value": "v", "cumulative": "c", "accounts": "a", "arr": "arr"}, unrecorded="(未記録)")
    assert list(fig.layout.yaxis.ticktext) == ["0円", "1,000万円", "2,000万円", "3,000万円", "4,000万円"]
    assert fig.layout.yaxis2.tickformat == ".0%"


def test_an_empty_text_cell_is_shown_empty():
    """The grid would write "None" in grey in an empty text cell (issue 11: previews full of None); a
    missing number keeps its marker, dates and the download keep their values."""
    import datetime as dt

    import pandas as pd

    from dashboard.ui.widgets import blanks_empty

    frame = pd.DataFrame({"name": ["A", None], "mrr": [1.0, None], "day": [dt.date(2024, 1, 1), None]})
    shown = blanks_empty(frame)
    assert shown["name"].tolist() == ["A", ""]
    assert pd.isna(shown["mrr"][1]) and pd.isna(shown["day"][1]) and shown["day"][0] == dt.date(2024, 1, 1)
    assert pd.isna(frame["name"][1])  # the frame itself (and its CSV) is left as it was
