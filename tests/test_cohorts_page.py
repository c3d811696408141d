"""AppTest: the Cohort retention page on the sample company; switching metric, grain and filters
changes the numbers to what the engine computes."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import store
from dashboard.charts.formats import percent
from dashboard.cohorts import metrics as cohorts
from dashboard.revenue import metrics as revenue
from tests.conftest import open_page

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture
def page(sample_db, monkeypatch):
    return open_page(sample_db, monkeypatch, "pages/cohorts.py")


def _expected(db, *, metric, grain, age, **filters) -> str:
    con = store.connect(db)  # same process and config as the app: shares its open database
    matrix = cohorts.cohort_retention(con, metric=metric, grain=grain, as_of=revenue.default_as_of(con), **filters)
    average = cohorts.cohort_average(matrix, metric=metric).set_index("age")
    return percent(average.loc[age, "retention"])


def _tile(at, prefix: str):
    return next(m for m in at.metric if m.label.startswith(prefix))


def test_switching_metric_and_grain_changes_the_average(page, sample_db):
    assert page.title[0].value == "Cohort retention"
    assert _tile(page, "Average at age 12").value == _expected(sample_db, metric="logo", grain="month", age=12)
    page.radio(key="cohorts.metric").set_value("net")
    page.run()
    assert not page.exception
    net = _tile(page, "Average at age 12").value
    assert net == _expected(sample_db, metric="net", grain="month", age=12)
    page.radio(key="cohorts.grain").set_value("quarter")
    page.run()
    assert not page.exception
    assert _tile(page, "Average at age 4").value == _expected(sample_db, metric="net", grain="quarter", age=4)
    assert any(m.value.startswith("After 4 quarters, the average cohort keeps") for m in page.markdown)


def test_segment_filter_and_threshold(page, sample_db):
    page.multiselect(key="cohorts.segments").set_value(["Enterprise"])
    page.run()
    assert not page.exception
    assert _tile(page, "Average at age 12").value == _expected(sample_db, metric="logo", grain="month", age=12,
                                                               segments=("Enterprise",))
    con = store.connect(sample_db)
    enterprise = cohorts.cohort_retention(con, as_of=revenue.default_as_of(con), segments=("Enterprise",))
    assert _tile(page, "Accounts").value == f"{enterprise.query('age == 0')['cohort_accounts'].sum():,}"
    page.slider(key="cohorts.threshold").set_value(80)
    page.run()
    assert not page.exception
    assert any("reached 80% deployment" in m.value for m in page.markdown)


def test_drill_down_caption_from_the_cell_and_its_accounts_listed_when_opened(page, sample_db):
    page.selectbox(key="cohorts.drill_cohort").set_value("2024-03")
    page.run()
    page.selectbox(key="cohorts.drill_age.2024-03").set_value(6)
    page.run()
    assert not page.exception
    con = store.connect(sample_db)
    as_of = revenue.default_as_of(con)
    members = cohorts.cohort_members(con, cohort="2024-03", age=6, as_of=as_of)
    # the caption's counts, read from the triangle's cell, are the accounts the list holds
    caption = f"{int(members['active'].sum())} of {len(members)} accounts active at age 6"
    assert any(c.value.startswith(caption) for c in page.caption), [c.value for c in page.caption]
    assert not any("account_name" in frame.value.columns and "first_product" in frame.value.columns
                   for frame in page.dataframe), "a closed expander read the cell's accounts"
    page.session_state["cohorts.drill_open"] = True
    page.run()
    assert not page.exception
    listed = next(frame.value for frame in page.dataframe if "first_product" in frame.value.columns)
    assert sorted(listed["account_id"]) == sorted(members["account_id"])
    assert listed["mrr"].sum() == pytest.approx(members["mrr"].sum())
