"""Conformance: cohort retention against the MIT package saas-metrics 0.1.0 on the dbt mrr-playbook seed.

tests/fixtures/mrr-playbook/saas_metrics_retention.csv is saas-metrics' cohort triangle of the
playbook's subscription_periods.csv. Its columns map onto ours (python -m dashboard cohorts) as:

    saas-metrics     ours
    vintage          cohort           (its month-end date 2018-01-31 -> our "2018-01")
    age              age              (months since the cohort month; 0 = the cohort month)
    logos_start      cohort_accounts
    revenue_start    cohort_mrr
    active_logos     accounts
    revenue          mrr
    logo_retention   retention with --metric logo
    ndr              retention with --metric net

Its data starts in 2018-01 (the playbook's month spine), so it has no cohort for customers 2, 3 and 4,
who paid only in 2017; we put them in cohorts 2017-09 and 2017-10, and every other cell must agree.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from dashboard import store
from dashboard.cohorts import metrics as cohorts
from tests.identities import ME

PLAYBOOK = Path(__file__).resolve().parent / "fixtures" / "mrr-playbook"  # copied from the shared reference folder: tests/fixtures/README.md
AS_OF = date(2020, 2, 1)  # the last month of the triangle (cohort 2020-01 at age 1)
OURS = {"vintage": "cohort", "age": "age", "logos_start": "cohort_accounts", "revenue_start": "cohort_mrr",
        "active_logos": "accounts", "revenue": "mrr"}
RETENTION = {"logo": "logo_retention", "net": "ndr"}


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    seed = pd.read_csv(PLAYBOOK / "subscription_periods.csv")
    subscriptions = pd.DataFrame({
        "account_id": seed["customer_id"].astype(str),
        "start_date": pd.to_datetime(seed["start_date"]).dt.date,
        # The playbook's end_date is exclusive (first month no longer paid); ours is the last day of service.
        "end_date": pd.to_datetime(seed["end_date"]).dt.date - timedelta(days=1),
        "mrr": seed["monthly_amount"].astype(float),
    })
    accounts = pd.DataFrame({"account_id": sorted(subscriptions["account_id"].unique(), key=int)})
    connection = store.connect(tmp_path_factory.mktemp("playbook") / "t.duckdb")
    store.commit(connection, [store.Load("accounts", accounts, "accounts.csv"),
                              store.Load("subscriptions", subscriptions, "subscription_periods.csv")], by=ME)
    yield connection
    connection.close()


def _reference(metric: str) -> pd.DataFrame:
    ref = pd.read_csv(PLAYBOOK / "saas_metrics_retention.csv")
    frame = ref.rename(columns={**OURS, RETENTION[metric]: "retention"})[cohorts.COLUMNS]
    frame["cohort"] = frame["cohort"].str[:7]
    return frame.astype({"cohort": "str", "cohort_mrr": "float64", "mrr": "float64"})


@pytest.mark.parametrize("metric", sorted(RETENTION))
def test_cohort_triangle_matches_saas_metrics(con, metric):
    ours = cohorts.cohort_retention(con, metric=metric, as_of=AS_OF)
    expected = _reference(metric)
    assert set(ours["cohort"]) - set(expected["cohort"]) == {"2017-09", "2017-10"}
    assert len(expected) == 245
    got = ours[~ours["cohort"].isin(["2017-09", "2017-10"])].reset_index(drop=True)
    assert_frame_equal(got, expected, check_exact=False, rtol=1e-12)


def test_customers_paying_only_in_2017_form_their_own_cohorts(con):
    ours = cohorts.cohort_retention(con, metric="logo", as_of=AS_OF)
    early = ours[ours["cohort"] < "2018"].groupby("cohort")["cohort_accounts"].first().to_dict()
    assert early == {"2017-09": 2, "2017-10": 1}
    # both September 2017 customers had left by November: the cell is 0, not missing
    assert ours.query("cohort == '2017-09' and age == 2")["retention"].item() == 0.0
