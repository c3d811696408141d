"""Chart figures remembered by their inputs: equal inputs give the figure built before, any change in
them a new one (issue 14: a room of sessions builds each chart once)."""

from __future__ import annotations

import threading

import pandas as pd

from dashboard.charts.formats import Money
from dashboard.charts.memo import remembered
from dashboard.revenue import chart

LABELS = {"nrr": "NRR", "grr": "GRR"}


def _trend(nrr: float) -> pd.DataFrame:
    return pd.DataFrame({"month": pd.to_datetime(["2026-01-01", "2026-02-01"]), "nrr": [1.01, nrr],
                         "grr": [0.9, 0.91]})


def test_equal_inputs_share_one_figure_and_any_change_builds_another():
    chart.trend.forget()
    first = chart.trend(_trend(1.05), LABELS)
    assert chart.trend(_trend(1.05), LABELS) is first  # a frame equal in content, built anew
    assert chart.trend(_trend(1.06), LABELS) is not first
    assert chart.trend(_trend(1.05), LABELS, big=True) is not first
    assert chart.trend(_trend(1.05), {"nrr": "純収益維持率", "grr": "GRR"}) is not first
    assert list(first.data[0].y) == [1.01, 1.05]  # the shared figure is the one its inputs make


def test_money_and_labels_are_part_of_the_key():
    chart.waterfall.forget()
    row = pd.Series({"starting_mrr": 100.0, "expansion": 10.0, "contraction": 5.0, "churn": 5.0,
                     "retained_mrr": 100.0, "new": 20.0, "reactivation": 0.0, "ending_mrr": 120.0})
    names = {c: c.title() for c, *_ in chart.WATERFALL_BARS}
    dollars = chart.waterfall(row, names, Money("USD"))
    assert chart.waterfall(row, names, Money("USD")) is dollars
    yen = chart.waterfall(row, names, Money("JPY", lang="ja"))
    assert yen is not dollars and yen.data[0].text != dollars.data[0].text


def test_arguments_that_cannot_be_pickled_build_every_time():
    calls = []

    @remembered
    def build(value):
        calls.append(value)
        return object()

    lock = threading.Lock()  # not picklable
    assert build(lock) is not build(lock) and len(calls) == 2
    assert build(1) is build(1) and len(calls) == 3
