"""The cube-based cohort results equal the direct computations, exactly.

The page reads small tables built once per dataset version and as-of month (cohort_accounts.sql,
cohort_cube.sql, time_to_value_levels.sql, time_to_value_cube.sql). Here, on the sample company, every
filter kind and both grains are checked against (1) the definition SQL run straight on the grid
(cohort_retention.sql, time_to_value_*.sql: what a CSM filter or an off-grid threshold still runs) with
exact equality, and (2) pandas computing the matrix from the account-month grid and the accounts table.
"""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from dashboard import store
from dashboard.cohorts import metrics as cohorts
from dashboard.revenue import metrics as revenue
from dashboard.windows import add_months, months_between
from tests.identities import ME

FILTERS = [{}, {"segments": ("SMB",)}, {"regions": ("EMEA", "APAC")}, {"segments": ("Enterprise",), "regions": ("EMEA",)},
           "first_product", {"segments": ("no such segment",)}]


@pytest.fixture(scope="module")
def sample(sample_db_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("cohort_cube") / "dashboard.duckdb"
    path.write_bytes(sample_db_template.read_bytes())
    con = store.connect(path)
    yield con, revenue.default_as_of(con)
    con.close()


def _resolve(con, as_of, filters) -> dict:
    """"first_product" stands for the sample's most common first product (found, not hard-coded)."""
    if filters != "first_product":
        return filters
    values = cohorts.filter_values(con, as_of=as_of).query("dimension == 'first_product'")
    return {"products": (values.sort_values("accounts")["value"].iloc[-1],)}


def _pandas_matrix(con, as_of, grain: str, metric: str, segments=(), regions=()) -> pd.DataFrame:
    """The triangle straight from the grid and the accounts table, without any SQL of the page."""
    grid = store.query(con, f"SELECT account_id, month, mrr FROM {revenue.account_month_mrr(con, as_of=as_of)}")
    grid["month"], grid["mrr"] = grid["month"].dt.date, grid["mrr"].astype(float)
    accounts = store.query(con, "SELECT account_id, segment, region FROM accounts").set_index("account_id")
    accounts = accounts.apply(lambda c: c.map(lambda v: v.strip() if isinstance(v, str) and v.strip() else "(none)"))
    grid = grid.join(accounts, on="account_id")
    grid[["segment", "region"]] = grid[["segment", "region"]].fillna("(none)")
    if segments:
        grid = grid[grid["segment"].isin(segments)]
    if regions:
        grid = grid[grid["region"].isin(regions)]
    first = grid.groupby("account_id")["month"].transform("min")
    grid = grid.assign(first=first, offset=[months_between(f, m) for f, m in zip(first, grid["month"])])
    step = cohorts.STEPS[grain]
    grid["cohort"] = [f"{f:%Y-%m}" if step == 1 else f"{f.year}-Q{(f.month - 1) // 3 + 1}" for f in grid["first"]]
    start = grid[grid["offset"] == 0].set_index("account_id")["mrr"]
    grid = grid[grid["offset"] % step == 0].assign(age=lambda g: g["offset"] // step,
                                                     start=lambda g: start[g["account_id"]].to_numpy())
    last = grid.groupby("cohort")["first"].max()
    rows = []
    for (cohort, age), cell in grid.groupby(["cohort", "age"]):
        if add_months(last[cohort], age * step) > as_of:
            continue
        base = grid[(grid["cohort"] == cohort) & (grid["age"] == 0)]
        active, mrr = int((cell["mrr"] > 0).sum()), cell["mrr"].sum()
        value = {"logo": active / len(base), "net": mrr / base["mrr"].sum(),
                 "gross": cell["mrr"].clip(upper=cell["start"]).sum() / base["mrr"].sum()}[metric]
        rows.append((cohort, age, len(base), base["mrr"].sum(), active, mrr, value))
    frame = pd.DataFrame(rows, columns=cohorts.COLUMNS)
    return frame.astype({"cohort": "str", "age": "int64", "cohort_accounts": "int64", "cohort_mrr": "float64",
                         "accounts": "int64", "mrr": "float64", "retention": "float64"})


@pytest.mark.parametrize("grain", cohorts.GRAINS)
@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_cube_matrix_equals_the_definition_on_the_grid(sample, grain, filters):
    con, as_of = sample
    filters = _resolve(con, as_of, filters)
    for metric in cohorts.METRICS:
        got = cohorts.cohort_retention(con, metric=metric, grain=grain, as_of=as_of, **filters)
        direct = cohorts._matrix(con, grain, as_of, filters.get("segments", ()), (), filters.get("regions", ()),
                                 filters.get("products", ()), cube=False)
        expected = cohorts._shape(direct.rename(columns={f"{metric}_retention": "retention"}), cohorts.COLUMNS,
                                  ["cohort_mrr", "mrr", "retention"], ["age", "cohort_accounts", "accounts"])
        assert_frame_equal(got, expected, check_exact=True)


@pytest.mark.parametrize("grain", cohorts.GRAINS)
@pytest.mark.parametrize("filters", [f for f in FILTERS if f != "first_product"], ids=str)
def test_cube_matrix_equals_pandas_on_the_grid(sample, grain, filters):
    con, as_of = sample
    for metric in cohorts.METRICS:
        got = cohorts.cohort_retention(con, metric=metric, grain=grain, as_of=as_of, **filters)
        assert_frame_equal(got, _pandas_matrix(con, as_of, grain, metric, **filters), check_exact=False, rtol=1e-9)
    assert got.empty == ("no such segment" in filters.get("segments", ()))


def test_an_earlier_as_of_month_gets_its_own_cube(sample):
    con, as_of = sample
    earlier = add_months(as_of, -5)
    got = cohorts.cohort_retention(con, metric="gross", grain="quarter", as_of=earlier)
    assert_frame_equal(got, _pandas_matrix(con, earlier, "quarter", "gross"), check_exact=False, rtol=1e-9)


@pytest.mark.parametrize("filters", [{}, {"segments": ("SMB",)}, "first_product", {"csms": ("(none)",)}], ids=str)
def test_time_to_value_from_levels_equals_the_definition(sample, filters):
    con, as_of = sample
    filters = _resolve(con, as_of, filters)
    csm = filters.get("csms")
    if csm:  # a CSM that exists in the sample
        values = cohorts.filter_values(con, as_of=as_of).query("dimension == 'csm'")
        filters = {"csms": (values["value"].iloc[0],)}
    for percent in range(5, 101, 5):
        threshold = percent / 100
        for name in ("time_to_value_accounts", "time_to_value_curves"):
            function = getattr(cohorts, name)
            direct = cohorts._time_to_value(con, name, threshold, as_of, filters.get("segments", ()),
                                            filters.get("csms", ()), (), filters.get("products", ()), cube=False)
            got = cohorts._time_to_value(con, name, threshold, as_of, filters.get("segments", ()),
                                         filters.get("csms", ()), (), filters.get("products", ()))
            assert_frame_equal(got.reset_index(drop=True), direct, check_exact=True, check_dtype=False,
                               obj=f"{name} at {percent}%")
            assert not function(con, threshold=threshold, as_of=as_of, **filters).empty


def test_a_threshold_off_the_grid_is_computed_directly(sample):
    con, as_of = sample
    assert cohorts._level(0.5) == 10 and cohorts._level(0.35) == 7 and cohorts._level(1.0) == 20
    assert cohorts._level(0.333) is None and cohorts._level(0.01) is None
    lower, off, upper = (cohorts.time_to_value_accounts(con, threshold=t, as_of=as_of) for t in (0.3, 0.333, 0.35))
    reached = [int(f["months_to_value"].notna().sum()) for f in (lower, off, upper)]
    assert reached[0] >= reached[1] >= reached[2]


def test_without_an_accounts_table_the_cube_is_built_for_the_call(tmp_path):
    con = store.connect(tmp_path / "t.duckdb")
    revenue_rows = pd.DataFrame({"account_id": ["A", "A", "B"], "month": pd.to_datetime(["2024-01-01", "2024-02-01",
                                                                                         "2024-02-01"]).date,
                                 "mrr": [100.0, 120.0, 50.0], "product": ["Core", "Core", None]})
    store.commit(con, [store.Load("mrr_monthly", revenue_rows, "mrr.csv")], by=ME)
    as_of = pd.Timestamp("2024-02-01").date()
    got = cohorts.cohort_retention(con, metric="net", as_of=as_of)
    assert got[["cohort", "age", "cohort_accounts", "mrr"]].values.tolist() == [["2024-01", 0, 1, 100.0],
                                                                               ["2024-01", 1, 1, 120.0],
                                                                               ["2024-02", 0, 1, 50.0]]
    values = cohorts.filter_values(con, as_of=as_of)
    assert set(values.loc[values["dimension"] == "segment", "value"]) == {"(none)"}
    # built on the call's own cursor (where the stand-in accounts table lives), not kept in the version
    kept = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'cohort_%'").fetchall()[0][0]
    assert kept == 0
    con.close()
