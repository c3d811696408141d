"""Property tests: random account x product x month MRR matrices loaded as mrr_monthly.

- monthly movements and the trailing-12-month NRR / GRR against the MIT package saas-metrics 0.1.0
  (an independent implementation: pandas + its own SQL), fed the very same invoice lines;
- nrr_bridge (whole, by segment, by product) and its drill-down against a plain-Python bridge;
- the identity starting + new + reactivation + expansion - contraction - churn = ending in every month.

Where saas-metrics differs from PRODUCT.md the definitions win; the differences below are kept out of
the generated data on purpose, each with the reason:
- saas-metrics rounds every amount to cents (DECIMAL(18, 2)); PRODUCT.md sums amounts as given, so the
  matrices use whole amounts (0..1000), where both are exact.
- saas-metrics' calendar runs from the first to the last date in the export; ours runs from the first
  month with MRR > 0 to the as-of month. Every generated month has lines (zeros included) and as-of is
  the last month, so the ends agree. At the start, saas-metrics 0.1.0 fails outright (its metrics table
  assumes the waterfall covers the whole calendar: "Length of values does not match length of index")
  when the export opens with months in which nobody pays, so its input starts at the first paying
  month; ours must (and does) ignore such leading months.
- saas-metrics has no expansion / contraction counts; those come from the plain-Python oracle.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import saas_metrics
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dashboard import store
from dashboard.revenue import metrics as revenue
from tests.identities import ME

SETTINGS = settings(max_examples=60, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PRODUCT_SETS = [("X",), ("Y",), ("X", "Y")]
AMOUNT = st.one_of(st.just(0), st.just(0), st.just(0), st.sampled_from([100, 250, 500]), st.integers(0, 1000))


def _add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


@st.composite
def companies(draw):
    """A random company: {(account, product, month): mrr}, its months, and account attributes."""
    n_months = draw(st.integers(2, 28))
    first = date(2021, draw(st.integers(1, 12)), 1)
    months = [_add_months(first, i) for i in range(n_months)]
    accounts = [f"{i:03d}" for i in range(draw(st.integers(1, 6)))]
    cells = {}
    for account in accounts:
        for product in draw(st.sampled_from(PRODUCT_SETS)):
            for month in months:
                cells[(account, product, month)] = draw(AMOUNT)
    assume(any(cells.values()))
    attributes = {a: draw(st.sampled_from(["Enterprise", "SMB", None])) for a in accounts}
    listed = [a for a in accounts if draw(st.booleans()) or a == accounts[0]]  # others lack an accounts row
    split = draw(st.booleans())  # invoice lines: a cell may arrive as two rows to be summed
    return cells, months, {a: attributes[a] for a in listed}, split


def _lines(cells, split: bool) -> pd.DataFrame:
    rows = []
    for (account, product, month), value in cells.items():
        day = month.replace(day=15)  # any date in the month
        if split and value >= 2:
            rows += [(account, day, value // 2, product), (account, month, value - value // 2, product)]
        else:
            rows.append((account, day, value, product))
    return pd.DataFrame(rows, columns=["account_id", "month", "mrr", "product"])


@pytest.fixture(scope="module")
def con():
    """One in-memory database; every example commits its company as a new version."""
    connection = store.connect(":memory:")
    connection.execute("SET threads = 1")  # tiny queries: threads cost more than they give
    yield connection
    connection.close()


def _load(con, company) -> pd.DataFrame:
    cells, months, segments, split = company
    lines = _lines(cells, split)
    accounts = pd.DataFrame({"account_id": list(segments), "segment": list(segments.values())})
    store.commit(con, [store.Load("accounts", accounts, "accounts.csv"),
                       store.Load("mrr_monthly", lines.astype({"mrr": float}), "mrr.csv")], by=ME)
    return lines


def _account_mrr(cells) -> dict:
    totals: dict = {}
    for (account, _, month), value in cells.items():
        totals[(account, month)] = totals.get((account, month), 0) + value
    return totals


@SETTINGS
@given(companies())
def test_movements_and_trailing_nrr_match_saas_metrics(con, company):
    cells, months, _, _ = company
    lines = _load(con, company)
    ours = revenue.monthly_movements(con, as_of=months[-1])

    first_paying = min(m for (_, _, m), v in cells.items() if v > 0)
    assert ours["month"].iloc[0] == first_paying
    report = saas_metrics.analyze(
        lines[lines["month"] >= first_paying].rename(columns={"account_id": "customer_id", "month": "period", "mrr": "revenue"})
        [["customer_id", "period", "revenue"]], allow_warnings=True, today=date(2030, 1, 1))
    assert report.ok, report.checks
    waterfall = report.waterfall
    expected = pd.DataFrame({
        "month": [d.replace(day=1) for d in pd.to_datetime(waterfall["period_end"]).dt.date],
        "starting_mrr": waterfall["beginning"].astype(float), "new": waterfall["new_logo"].astype(float),
        "reactivation": waterfall["reactivation"].astype(float), "expansion": waterfall["expansion"].astype(float),
        "contraction": waterfall["contraction"].astype(float), "churn": waterfall["churn"].astype(float),
        "ending_mrr": waterfall["ending"].astype(float), "new_accounts": waterfall["new_logos"].astype("int64"),
        "reactivated_accounts": waterfall["reactivated_logos"].astype("int64"),
        "churned_accounts": waterfall["churned_logos"].astype("int64"),
    })
    pd.testing.assert_frame_equal(ours[list(expected.columns)], expected)

    # expansion / contraction counts (saas-metrics has none) from the plain matrix
    totals = _account_mrr(cells)
    accounts = sorted({a for a, _ in totals})
    for row in ours.itertuples():
        previous = _add_months(row.month, -1)
        pairs = [(totals.get((a, previous), 0), totals[(a, row.month)]) for a in accounts]
        assert row.expanded_accounts == sum(0 < p < c for p, c in pairs)
        assert row.contracted_accounts == sum(0 < c < p for p, c in pairs)

    # the identity, exactly (whole amounts are exact in floats), and months chain
    identity = ours["starting_mrr"] + ours["new"] + ours["reactivation"] + ours["expansion"] \
        - ours["contraction"] - ours["churn"]
    assert (identity == ours["ending_mrr"]).all()
    assert (ours["starting_mrr"].iloc[1:].to_numpy() == ours["ending_mrr"].iloc[:-1].to_numpy()).all()
    assert ours["starting_mrr"].iloc[0] == 0

    trend = revenue.nrr_trend(con, as_of=months[-1])
    metrics = report.metrics.assign(month=[d.replace(day=1) for d in pd.to_datetime(report.metrics["period_end"]).dt.date])
    oracle = metrics.set_index("month")
    for row in trend.itertuples():
        for ours_value, theirs in ((row.nrr, oracle.at[row.month, "nrr_12m"]), (row.grr, oracle.at[row.month, "grr_12m"])):
            assert ours_value == pytest.approx(theirs, rel=1e-12, nan_ok=True)
    defined = oracle[oracle["nrr_12m"].notna()].index
    assert set(defined) <= set(trend["month"])


def _python_bridge(cells, segments, start: date, end: date, by: str | None) -> pd.DataFrame:
    """PRODUCT.md's bridge, written out plainly over the matrix."""
    units: dict = {}
    for (account, product, month), value in cells.items():
        key = (account, product if by == "product" else "")
        units.setdefault(key, {})
        units[key][month] = units[key].get(month, 0) + value
    groups: dict = {}
    for (account, product), series in units.items():
        s, e = series.get(start, 0), series.get(end, 0)
        paid_before = any(v > 0 for m, v in series.items() if m < start)
        if by == "product":
            group = product
        else:
            group = (segments.get(account) if by == "segment" else None) or "(none)"
        g = groups.setdefault(group, dict.fromkeys(["starting_mrr", "expansion", "contraction", "churn",
                                                    "retained_mrr", "new", "reactivation", "ending_mrr",
                                                    "floor", "accounts_start", "accounts_retained"], 0))
        if s > 0:
            g["starting_mrr"] += s
            g["retained_mrr"] += e
            g["floor"] += min(s, e)
            g["accounts_start"] += 1
            g["accounts_retained"] += e > 0
            if e > s:
                g["expansion"] += e - s
            elif 0 < e < s:
                g["contraction"] += s - e
            elif e == 0:
                g["churn"] += s
        elif e > 0:
            g["reactivation" if paid_before else "new"] += e
        g["ending_mrr"] += e
    rows = []
    for group in sorted(groups):
        g = groups[group]
        if not (g["starting_mrr"] or g["ending_mrr"]):
            continue
        start_mrr = g["starting_mrr"]
        rows.append({"group": group, **{k: float(g[k]) for k in revenue.BRIDGE_AMOUNTS},
                     "nrr": g["retained_mrr"] / start_mrr if start_mrr else float("nan"),
                     "grr": g["floor"] / start_mrr if start_mrr else float("nan"),
                     "accounts_start": g["accounts_start"], "accounts_retained": g["accounts_retained"]})
    frame = pd.DataFrame(rows, columns=["group", *revenue.BRIDGE_COLUMNS])
    if by is None:
        frame = frame.drop(columns="group")
        if frame.empty:
            frame.loc[0] = [0.0] * 8 + [float("nan")] * 2 + [0, 0]
    return frame.astype({c: "float64" for c in [*revenue.BRIDGE_AMOUNTS, "nrr", "grr"]}
                        | {"accounts_start": "int64", "accounts_retained": "int64"}
                        | ({} if by is None else {"group": "str"}))


@SETTINGS
@given(companies(), st.data())
def test_nrr_bridge_matches_a_plain_python_bridge(con, company, data):
    cells, months, segments, _ = company
    start_index = data.draw(st.integers(0, len(months) - 2))
    start = months[start_index]
    end = months[data.draw(st.integers(start_index + 1, len(months) - 1))]
    by = data.draw(st.sampled_from([None, "segment", "product"]))
    _load(con, company)

    ours = revenue.nrr_bridge(con, start=start, end=end, by=by)
    expected = _python_bridge(cells, segments, start, end, by)
    pd.testing.assert_frame_equal(ours, expected, check_exact=False, rtol=1e-15, atol=0)
    exact = ours[revenue.BRIDGE_AMOUNTS]
    assert (exact["starting_mrr"] + exact["expansion"] - exact["contraction"] - exact["churn"]
            == exact["retained_mrr"]).all()
    assert (exact["retained_mrr"] + exact["new"] + exact["reactivation"] == exact["ending_mrr"]).all()

    # every bar's drill-down adds up to the bar (a split with no revenue at S or E has no rows to open)
    if ours.empty:
        return
    category = data.draw(st.sampled_from(revenue.BRIDGE_CATEGORIES))
    row = ours.iloc[0] if by is None else ours.iloc[data.draw(st.integers(0, len(ours) - 1))]
    group = None if by is None else row["group"]
    drill = revenue.bridge_accounts(con, start=start, end=end, category=category, by=by, group=group)
    amount = {"starting": drill["mrr_start"].sum(), "churn": drill["mrr_start"].sum(),
              "expansion": drill["change"].sum(), "contraction": -drill["change"].sum(),
              "retained": drill["mrr_end"].sum(), "new": drill["mrr_end"].sum(),
              "reactivation": drill["mrr_end"].sum(), "ending": drill["mrr_end"].sum()}[category]
    bar = {"starting": "starting_mrr", "retained": "retained_mrr", "ending": "ending_mrr"}.get(category, category)
    assert amount == row[bar]
    assert drill["account_id"].is_unique
