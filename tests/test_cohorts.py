"""Cohort retention and time to value on a tiny hand-made company, with literal expected frames.

The company (as of 2024-05), MRR per month:

    account  Jan  Feb  Mar  Apr  May   cohort   segment     first product
    A        100  100  150  150  150   2024-01  Enterprise  Core (Addon +50 from March)
    B        200  200    0  100  100   2024-01  SMB         Core (churns in March, reactivates in April)
    C          -  300  300  100  100   2024-02  Enterprise  Analytics (contracts in April)
    D          -    -    -   50   50   2024-04  (empty)     (no product)
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from dashboard import store
from dashboard.cohorts import metrics as cohorts
from tests.identities import ME

AS_OF = date(2024, 5, 1)
GRID = {  # account -> MRR from its first month through May
    "A": ("2024-01", [100, 100, 150, 150, 150]),
    "B": ("2024-01", [200, 200, 0, 100, 100]),
    "C": ("2024-02", [300, 300, 100, 100]),
    "D": ("2024-04", [50, 50]),
}
ACCOUNTS = pd.DataFrame({"account_id": ["A", "B", "C", "D"], "account_name": ["Alpha", "Bravo", "Charlie", "Delta"],
                         "segment": ["Enterprise", "SMB", "Enterprise", None], "csm": ["Kim", "Kim", "Ito", None],
                         "region": ["EMEA", "APAC", "EMEA", "APAC"]})


def _subscriptions() -> pd.DataFrame:
    rows = [("A", "2024-01-05", None, 100, "Core"), ("A", "2024-03-01", None, 50, "Addon"),
            ("B", "2024-01-15", "2024-02-29", 200, "Core"), ("B", "2024-04-02", None, 100, "Core"),
            ("C", "2024-02-10", "2024-03-31", 300, "Analytics"), ("C", "2024-04-01", None, 100, "Analytics"),
            ("D", "2024-04-20", None, 50, None)]
    frame = pd.DataFrame(rows, columns=["account_id", "start_date", "end_date", "mrr", "product"])
    frame["start_date"] = pd.to_datetime(frame["start_date"]).dt.date
    frame["end_date"] = pd.Series([date.fromisoformat(e) if isinstance(e, str) else None for e in frame["end_date"]], dtype=object)
    return frame


def _mrr_monthly() -> pd.DataFrame:
    """The same revenue as invoice lines: every paid month split into two rows on different days."""
    rows = []
    for account, (first, values) in GRID.items():
        start = pd.Timestamp(first + "-01")
        product = _subscriptions().set_index("account_id")["product"].groupby(level=0).first()[account]
        for k, value in enumerate(values):
            if value:
                month = (start + pd.DateOffset(months=k)).date()
                rows += [(account, month, value - 10, product), (account, month.replace(day=17), 10, product)]
    return pd.DataFrame(rows, columns=["account_id", "month", "mrr", "product"])


def _usage() -> pd.DataFrame:
    """active_users and seats: A reaches 50% in its 2nd month, B in its 4th, C never, D at once."""
    rows = []
    for account, month, active, seats in [("A", "2024-01", 3, 10), ("A", "2024-02", 6, 10), ("B", "2024-01", 2, 10),
                                          ("B", "2024-02", 2, 10), ("B", "2024-04", 5, 10), ("C", "2024-02", 1, 4),
                                          ("C", "2024-05", 1, 4), ("D", "2024-04", 5, 5)]:
        day = date.fromisoformat(month + "-01")
        rows += [(account, day, "active_users", active), (account, day, "seats", seats), (account, day, "logins", 99)]
    return pd.DataFrame(rows, columns=["account_id", "month", "metric", "value"])


@pytest.fixture(params=["subscriptions", "mrr_monthly"])
def con(request, tmp_path):
    connection = store.connect(tmp_path / "t.duckdb")
    revenue = _subscriptions() if request.param == "subscriptions" else _mrr_monthly()
    store.commit(connection, [store.Load("accounts", ACCOUNTS, "accounts.csv"),
                              store.Load(request.param, revenue, f"{request.param}.csv"),
                              store.Load("usage", _usage(), "usage.csv")], by=ME)
    yield connection
    connection.close()


def _matrix(rows, metric_column: int) -> pd.DataFrame:
    """Rows (cohort, age, cohort_accounts, cohort_mrr, accounts, mrr, logo, net, gross) -> one metric's frame."""
    frame = pd.DataFrame([(*r[:6], r[6 + metric_column]) for r in rows], columns=cohorts.COLUMNS)
    return frame.astype({"cohort": "str", "age": "int64", "cohort_accounts": "int64", "cohort_mrr": "float64",
                         "accounts": "int64", "mrr": "float64", "retention": "float64"})


MONTHLY = [  # cohort, age, cohort_accounts, cohort_mrr, accounts, mrr, logo, net, gross
    ("2024-01", 0, 2, 300, 2, 300, 1.0, 1.0, 1.0),
    ("2024-01", 1, 2, 300, 2, 300, 1.0, 1.0, 1.0),
    ("2024-01", 2, 2, 300, 1, 150, 0.5, 0.5, 100 / 300),  # B churned; A's expansion does not count in gross
    ("2024-01", 3, 2, 300, 2, 250, 1.0, 250 / 300, 200 / 300),
    ("2024-01", 4, 2, 300, 2, 250, 1.0, 250 / 300, 200 / 300),
    ("2024-02", 0, 1, 300, 1, 300, 1.0, 1.0, 1.0),
    ("2024-02", 1, 1, 300, 1, 300, 1.0, 1.0, 1.0),
    ("2024-02", 2, 1, 300, 1, 100, 1.0, 1 / 3, 1 / 3),
    ("2024-02", 3, 1, 300, 1, 100, 1.0, 1 / 3, 1 / 3),
    ("2024-04", 0, 1, 50, 1, 50, 1.0, 1.0, 1.0),  # no 2024-03 cohort: nobody started paying in March
    ("2024-04", 1, 1, 50, 1, 50, 1.0, 1.0, 1.0),
]
QUARTERLY = [  # age 1 = each account's MRR three months after its own first month (A, B: April; C: May)
    ("2024-Q1", 0, 3, 600, 3, 600, 1.0, 1.0, 1.0),
    ("2024-Q1", 1, 3, 600, 3, 350, 1.0, 350 / 600, 300 / 600),
    ("2024-Q2", 0, 1, 50, 1, 50, 1.0, 1.0, 1.0),  # age 1 of Q2 would be July: beyond the as-of month
]


@pytest.mark.parametrize("grain, rows", [("month", MONTHLY), ("quarter", QUARTERLY)])
@pytest.mark.parametrize("metric", cohorts.METRICS)
def test_cohort_retention_literal(con, grain, rows, metric):
    got = cohorts.cohort_retention(con, metric=metric, grain=grain, as_of=AS_OF)
    assert_frame_equal(got, _matrix(rows, cohorts.METRICS.index(metric)))


def test_cells_after_the_as_of_month_are_absent(con):
    got = cohorts.cohort_retention(con, metric="net", as_of=date(2024, 3, 1))
    expected = _matrix([r for r in MONTHLY if (r[0], r[1]) in {("2024-01", 0), ("2024-01", 1), ("2024-01", 2),
                                                                ("2024-02", 0), ("2024-02", 1)}], 1)
    assert_frame_equal(got, expected)


@pytest.mark.parametrize("filters, expected", [
    ({"segments": ("Enterprise",)}, [("2024-01", 0, 1, 100, 1, 100, 1.0), ("2024-01", 2, 1, 100, 1, 150, 1.5),
                                     ("2024-02", 0, 1, 300, 1, 300, 1.0), ("2024-02", 2, 1, 300, 1, 100, 1 / 3)]),
    ({"segments": ("(none)",)}, [("2024-04", 0, 1, 50, 1, 50, 1.0)]),
    ({"products": ("Analytics", "Addon")}, [("2024-02", 0, 1, 300, 1, 300, 1.0),
                                            ("2024-02", 2, 1, 300, 1, 100, 1 / 3)]),
    ({"csms": ("Kim",), "regions": ("APAC",)}, [("2024-01", 0, 1, 200, 1, 200, 1.0),
                                                ("2024-01", 2, 1, 200, 0, 0, 0.0)]),
])
def test_filters_narrow_the_cohorts(con, filters, expected):
    got = cohorts.cohort_retention(con, metric="net", as_of=AS_OF, **filters)
    got = got[got["age"].isin([0, 2])].reset_index(drop=True)
    assert_frame_equal(got, _matrix([(*r, r[-1], r[-1]) for r in expected], 0))


def test_weighted_average_pools_the_cohorts_that_reached_the_age(con):
    matrix = cohorts.cohort_retention(con, metric="gross", as_of=AS_OF)
    got = cohorts.cohort_average(matrix, metric="gross")
    expected = pd.DataFrame(
        [(0, 3, 4, 650, 4, 650, 1.0), (1, 3, 4, 650, 4, 650, 1.0), (2, 2, 3, 600, 2, 250, 200 / 600),
         (3, 2, 3, 600, 3, 350, 300 / 600), (4, 1, 2, 300, 2, 250, 200 / 300)],
        columns=cohorts.AVERAGE_COLUMNS).astype({"cohort_mrr": "float64", "mrr": "float64"})
    assert_frame_equal(got, expected)
    logo = cohorts.cohort_average(cohorts.cohort_retention(con, metric="logo", as_of=AS_OF), metric="logo")
    assert logo["retention"].tolist() == pytest.approx([1.0, 1.0, 2 / 3, 1.0, 1.0])


def test_members_drill_down_adds_up_to_the_cell(con):
    got = cohorts.cohort_members(con, cohort="2024-01", age=2, as_of=AS_OF)
    expected = pd.DataFrame({
        "account_id": ["A", "B"], "account_name": ["Alpha", "Bravo"], "segment": ["Enterprise", "SMB"],
        "csm": ["Kim", "Kim"], "region": ["EMEA", "APAC"], "first_product": ["Core", "Core"],
        "first_month": [date(2024, 1, 1), date(2024, 1, 1)], "start_mrr": [100.0, 200.0], "mrr": [150.0, 0.0],
        "active": [True, False]})
    assert_frame_equal(got, expected)
    quarter = cohorts.cohort_members(con, cohort="2024-Q1", age=1, grain="quarter", as_of=AS_OF)
    assert quarter["mrr"].sum() == 350 and quarter["active"].sum() == 3


def test_filter_values_list_every_choice(con):
    got = cohorts.filter_values(con, as_of=AS_OF)
    values = {d: dict(zip(g["value"], g["accounts"])) for d, g in got.groupby("dimension")}
    assert values == {"csm": {"(none)": 1, "Ito": 1, "Kim": 2}, "first_product": {"(none)": 1, "Analytics": 1, "Core": 2},
                      "region": {"APAC": 2, "EMEA": 2}, "segment": {"(none)": 1, "Enterprise": 2, "SMB": 1}}


def test_time_to_value_groups_accounts(con):
    assert cohorts.has_time_to_value(con)
    got = cohorts.time_to_value_accounts(con, threshold=0.5, as_of=AS_OF)
    expected = pd.DataFrame({
        "account_id": ["D", "A", "B", "C"], "account_name": ["Delta", "Alpha", "Bravo", "Charlie"],
        "segment": ["(none)", "Enterprise", "SMB", "Enterprise"],
        "first_month": [date(2024, 4, 1), date(2024, 1, 1), date(2024, 1, 1), date(2024, 2, 1)],
        "start_mrr": [50.0, 100.0, 200.0, 300.0], "months_to_value": pd.array([0, 1, 3, None], dtype="Int64"),
        "value_group": ["0-1", "0-1", "2-3", "never"], "mrr": [50.0, 150.0, 100.0, 100.0]})
    assert_frame_equal(got, expected)
    lower = cohorts.time_to_value_accounts(con, threshold=0.25, as_of=AS_OF)
    assert dict(zip(lower["account_id"], lower["value_group"])) == {"A": "0-1", "B": "2-3", "C": "0-1", "D": "0-1"}


def test_time_to_value_curves_pool_the_accounts_observed(con):
    got = cohorts.time_to_value_curves(con, threshold=0.5, as_of=AS_OF)
    expected = pd.DataFrame([
        ("0-1", 0, 2, 2, 150, 150, 1.0), ("0-1", 1, 2, 2, 150, 150, 1.0), ("0-1", 2, 1, 1, 100, 150, 1.5),
        ("0-1", 3, 1, 1, 100, 150, 1.5), ("0-1", 4, 1, 1, 100, 150, 1.5),
        ("2-3", 0, 1, 1, 200, 200, 1.0), ("2-3", 1, 1, 1, 200, 200, 1.0), ("2-3", 2, 1, 0, 200, 0, 0.0),
        ("2-3", 3, 1, 1, 200, 100, 0.5), ("2-3", 4, 1, 1, 200, 100, 0.5),
        ("never", 0, 1, 1, 300, 300, 1.0), ("never", 1, 1, 1, 300, 300, 1.0), ("never", 2, 1, 1, 300, 100, 1 / 3),
        ("never", 3, 1, 1, 300, 100, 1 / 3)], columns=cohorts.TTV_CURVE_COLUMNS
    ).astype({"value_group": "str", "start_mrr": "float64", "mrr": "float64"})
    assert_frame_equal(got, expected)


def test_without_usage_time_to_value_is_empty(tmp_path):
    connection = store.connect(tmp_path / "t.duckdb")
    store.commit(connection, [store.Load("accounts", ACCOUNTS, "accounts.csv"),
                              store.Load("subscriptions", _subscriptions(), "subscriptions.csv")], by=ME)
    assert not cohorts.has_time_to_value(connection)
    assert cohorts.time_to_value_curves(connection, as_of=AS_OF).empty
    assert list(cohorts.time_to_value_accounts(connection, as_of=AS_OF).columns) == cohorts.TTV_ACCOUNT_COLUMNS


@pytest.mark.parametrize("kwargs, message", [({"metric": "nrr"}, "unknown retention metric"),
                                             ({"grain": "week"}, "unknown cohort grain"),
                                             ({"segments": "SMB"}, "tuple of values")])
def test_bad_arguments_are_refused(con, kwargs, message):
    with pytest.raises((ValueError, TypeError), match=message):
        cohorts.cohort_retention(con, as_of=AS_OF, **kwargs)
