"""Cohort retention invariants on the sample company, and the command line.

Invariants (issue 4): age 0 is 100% for logo and net retention; no cell lies beyond the as-of month
and no observed cell is missing; the weighted average equals a direct computation from the
account-month grid; a cell does not change when the as-of month moves later.
"""

from __future__ import annotations

import io
import json
from datetime import date

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from dashboard import cli, store
from dashboard.cohorts import metrics as cohorts
from dashboard.revenue import metrics as revenue
from dashboard.windows import add_months, months_between


@pytest.fixture(scope="module")
def sample(sample_db_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("cohorts") / "dashboard.duckdb"
    path.write_bytes(sample_db_template.read_bytes())
    con = store.connect(path)
    yield con, revenue.default_as_of(con)
    con.close()


def _cohort_start(cohort: str) -> date:
    if "-Q" in cohort:
        year, quarter = cohort.split("-Q")
        return date(int(year), 3 * int(quarter) - 2, 1)
    return date.fromisoformat(cohort + "-01")


def _accounts(con, as_of: date, grain: str) -> pd.DataFrame:
    """Straight from the grid: each account's first month, cohort and MRR at every month offset."""
    grid = store.query(con, f"SELECT account_id, month, mrr FROM {revenue.account_month_mrr(con, as_of=as_of)}")
    grid["month"] = grid["month"].dt.date
    grid["mrr"] = grid["mrr"].astype(float)
    first = grid.groupby("account_id")["month"].min().rename("first")
    grid = grid.join(first, on="account_id")
    grid["offset"] = [months_between(f, m) for f, m in zip(grid["first"], grid["month"])]
    step = cohorts.STEPS[grain]
    grid["cohort"] = [f"{f:%Y-%m}" if grain == "month" else f"{f.year}-Q{(f.month - 1) // 3 + 1}" for f in grid["first"]]
    last = grid.groupby("cohort")["first"].max().rename("last_first")
    return grid.join(last, on="cohort").assign(step=step)


@pytest.mark.parametrize("grain", cohorts.GRAINS)
def test_age_zero_is_full_and_the_triangle_stops_at_the_as_of_month(sample, grain):
    con, as_of = sample
    for metric in ("logo", "net"):
        frame = cohorts.cohort_retention(con, metric=metric, grain=grain, as_of=as_of)
        assert (frame.loc[frame["age"] == 0, "retention"] == 1.0).all()
    step = cohorts.STEPS[grain]
    assert all(add_months(_cohort_start(c), a * step) <= as_of for c, a in zip(frame["cohort"], frame["age"]))
    assert not frame.duplicated(["cohort", "age"]).any() and frame.notna().all().all()
    # every cohort has every age up to the one its latest account has reached: absent only when unobserved
    accounts = _accounts(con, as_of, grain)
    reached = accounts.groupby("cohort")["last_first"].max().map(lambda f: months_between(f, as_of) // step)
    assert frame.groupby("cohort")["age"].agg(list).to_dict() == {c: list(range(n + 1)) for c, n in reached.items()}


@pytest.mark.parametrize("grain", cohorts.GRAINS)
@pytest.mark.parametrize("metric", cohorts.METRICS)
def test_weighted_average_equals_a_direct_computation(sample, metric, grain):
    con, as_of = sample
    average = cohorts.cohort_average(cohorts.cohort_retention(con, metric=metric, grain=grain, as_of=as_of),
                                     metric=metric)
    grid = _accounts(con, as_of, grain)
    start = grid[grid["offset"] == 0].set_index("account_id")["mrr"]
    step = cohorts.STEPS[grain]
    direct = []
    for age in average["age"]:
        # the accounts of cohorts that have reached the age, at that age
        cell = grid[(grid["offset"] == age * step)
                    & grid["last_first"].map(lambda f, a=age: add_months(f, a * step) <= as_of)]
        base = start[cell["account_id"]].to_numpy()
        if metric == "logo":
            direct.append((cell["mrr"] > 0).sum() / len(cell))
        elif metric == "net":
            direct.append(cell["mrr"].sum() / base.sum())
        else:
            direct.append(pd.Series(cell["mrr"].to_numpy()).clip(upper=pd.Series(base)).sum() / base.sum())
    assert average["retention"].tolist() == pytest.approx(direct, rel=1e-12)


def test_a_cell_does_not_change_when_the_as_of_month_moves(sample):
    con, as_of = sample
    earlier = add_months(as_of, -7)
    late = cohorts.cohort_retention(con, metric="gross", as_of=as_of)
    keep = [add_months(_cohort_start(c), a) <= earlier for c, a in zip(late["cohort"], late["age"])]
    assert_frame_equal(cohorts.cohort_retention(con, metric="gross", as_of=earlier),
                       late[keep].reset_index(drop=True))


def test_segment_filters_partition_the_cohorts(sample):
    con, as_of = sample
    whole = cohorts.cohort_retention(con, metric="net", as_of=as_of).set_index(["cohort", "age"])
    segments = cohorts.filter_values(con, as_of=as_of).query("dimension == 'segment'")["value"]
    parts = [cohorts.cohort_retention(con, metric="net", as_of=as_of, segments=(s,)) for s in segments]
    summed = pd.concat(parts).groupby(["cohort", "age"])[["cohort_accounts", "accounts", "mrr"]].sum()
    assert_frame_equal(summed.loc[whole.index], whole[["cohort_accounts", "accounts", "mrr"]], check_exact=False)


# ---- command line -------------------------------------------------------------------------------

# The CLI opens the file read-only, which DuckDB refuses while this process holds it read-write:
# these tests use their own copy (sample_db) and open it only after the command has run.

def test_cli_writes_the_exact_columns(sample_db, capsys):
    assert cli.main(["cohorts", "--db", str(sample_db), "--metric", "gross", "--grain", "quarter"]) == 0
    out = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype={"cohort": str})
    assert list(out.columns) == ["cohort", "age", "cohort_accounts", "cohort_mrr", "accounts", "mrr", "retention"]
    con = store.connect(sample_db)
    expected = cohorts.cohort_retention(con, metric="gross", grain="quarter", as_of=revenue.default_as_of(con))
    con.close()
    assert_frame_equal(out.astype({"cohort": "str"}), expected, check_exact=False, rtol=1e-9)
    assert out["cohort"].str.fullmatch(r"\d{4}-Q[1-4]").all()


def test_cli_json_and_as_of(sample_db, capsys):
    assert cli.main(["cohorts", "--db", str(sample_db), "--metric", "logo", "--as-of", "2022-03", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["as_of"] == "2022-03" and payload["metric"] == "logo"
    rows = pd.DataFrame(payload["rows"])
    assert rows["cohort"].max() <= "2022-03" and rows["cohort"].str.fullmatch(r"\d{4}-\d{2}").all()
    assert set(rows.loc[rows["age"] == 0, "retention"]) == {1.0}


@pytest.mark.parametrize("argv, message", [
    (["--metric", "logo", "--as-of", "2024-13"], "error: --as-of: '2024-13' is not a month"),
    (["--metric", "churn"], "invalid choice: 'churn'"),
])
def test_cli_errors_are_one_line(sample_db, capsys, argv, message):
    try:
        code = cli.main(["cohorts", "--db", str(sample_db), *argv])
    except SystemExit as exc:  # argparse refuses a bad choice itself
        code = exc.code
    assert code != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert message in err[-1]


def test_cli_on_a_missing_database(tmp_path, capsys):
    assert cli.main(["cohorts", "--db", str(tmp_path / "nope.duckdb"), "--metric", "net"]) == 1
    assert "nope.duckdb: no such database file" in capsys.readouterr().err


@pytest.mark.parametrize("threshold", [0.5, 0.37])  # on the cube's 5% grid, and off it (the definition)
@pytest.mark.parametrize("filtered", [False, True])
def test_the_triangle_and_the_time_to_value_groups_count_the_same_accounts(sample, threshold, filtered):
    """cohort_retention.sql and time_to_value_*.sql read one chain (cohort_kept_accounts.sql): with the
    same filters the triangle's cohorts, the time-to-value list and the curves' age 0 hold the same
    accounts and the same starting MRR."""
    con, as_of = sample
    assert cohorts.has_time_to_value(con)
    chosen = {}
    if filtered:  # a CSM filter: every query runs its definition on the grid
        csm = cohorts.filter_values(con, as_of=as_of).query("dimension == 'csm'")["value"].iloc[0]
        chosen = {"csms": (csm,), "segments": ("Enterprise", "Mid-Market")}
    triangle = cohorts.cohort_retention(con, metric="net", as_of=as_of, **chosen)
    listed = cohorts.time_to_value_accounts(con, threshold=threshold, as_of=as_of, **chosen)
    curves = cohorts.time_to_value_curves(con, threshold=threshold, as_of=as_of, **chosen)
    age0 = triangle[triangle["age"] == 0]
    assert 0 < len(listed) == age0["cohort_accounts"].sum()
    assert listed["start_mrr"].sum() == pytest.approx(age0["cohort_mrr"].sum(), rel=1e-12)
    assert listed["account_id"].is_unique
    by_group = curves[curves["age"] == 0].set_index("value_group")
    counts = listed["value_group"].value_counts()
    assert by_group["accounts"].to_dict() == counts.to_dict()
    assert by_group["start_mrr"].to_dict() == pytest.approx(listed.groupby("value_group")["start_mrr"].sum().to_dict())
