"""The revenue engine on tiny hand-made datasets with literal expected frames (PRODUCT.md definitions)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from dashboard import store
from dashboard.revenue import metrics as revenue
from tests.identities import ME

# ---- builders -------------------------------------------------------------------------------------


def _subs(*rows) -> pd.DataFrame:
    """(account_id, start_date, end_date or None, mrr[, product]) -> a subscriptions frame."""
    frame = pd.DataFrame([r if len(r) == 5 else (*r, None) for r in rows],
                         columns=["account_id", "start_date", "end_date", "mrr", "product"])
    frame["start_date"] = pd.to_datetime(frame["start_date"]).dt.date
    frame["end_date"] = pd.Series([date.fromisoformat(e) if isinstance(e, str) else None for e in frame["end_date"]],
                                  dtype=object)
    return frame


def _monthly(*rows) -> pd.DataFrame:
    """(account_id, any date in the month, mrr[, product]) -> an mrr_monthly frame."""
    frame = pd.DataFrame([r if len(r) == 4 else (*r, None) for r in rows],
                         columns=["account_id", "month", "mrr", "product"])
    frame["month"] = pd.to_datetime(frame["month"]).dt.date
    return frame


def _db(tmp_path, *, accounts: pd.DataFrame | None = None, **revenue_tables: pd.DataFrame):
    con = store.connect(tmp_path / "t.duckdb")
    if accounts is None:
        ids = sorted({a for f in revenue_tables.values() for a in f["account_id"]})
        accounts = pd.DataFrame({"account_id": ids})
    loads = [store.Load("accounts", accounts, "accounts.csv")]
    loads += [store.Load(name, frame, f"{name}.csv") for name, frame in revenue_tables.items()]
    store.commit(con, loads, by=ME)
    return con


def _grid(*rows) -> pd.DataFrame:
    return pd.DataFrame([(a, date.fromisoformat(m + "-01"), float(v)) for a, m, v in rows],
                        columns=["account_id", "month", "mrr"]).astype({"account_id": "str"})


def _m(month: str, start: float, end: float, new=0, reactivation=0, expansion=0, contraction=0, churn=0,
       counts=(0, 0, 0, 0, 0)) -> tuple:
    """One literal month of monthly_movements; counts = (new, reactivated, expanded, contracted, churned)."""
    return (date.fromisoformat(month + "-01"), start, new, reactivation, expansion, contraction, churn, end, *counts)


def _movements(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=revenue.MOVEMENT_COLUMNS).astype(
        {c: "float64" for c in revenue.MOVEMENT_AMOUNTS} | {c: "int64" for c in revenue.MOVEMENT_COUNTS})


def _read_grid(con, as_of: date) -> pd.DataFrame:
    table = revenue.account_month_mrr(con, as_of=as_of)
    frame = store.query(con, f"SELECT account_id, month, mrr FROM {table} ORDER BY account_id, month")
    frame["month"] = frame["month"].dt.date
    return frame.astype({"mrr": "float64", "account_id": "str"})


# ---- edge cases: account-month MRR and monthly movements ------------------------------------------

NEW, REACT, EXP, CON, CHURN = (1, 0, 0, 0, 0), (0, 1, 0, 0, 0), (0, 0, 1, 0, 0), (0, 0, 0, 1, 0), (0, 0, 0, 0, 1)

CASES = [
    pytest.param(
        "subscriptions",
        _subs(("A", "2024-01-01", "2024-03-31", 100, "X"), ("A", "2024-02-10", None, 50, "Y")),
        date(2024, 4, 1),
        _grid(("A", "2024-01", 100), ("A", "2024-02", 150), ("A", "2024-03", 150), ("A", "2024-04", 50)),
        _movements(_m("2024-01", 0, 100, new=100, counts=NEW), _m("2024-02", 100, 150, expansion=50, counts=EXP),
                   _m("2024-03", 150, 150), _m("2024-04", 150, 50, contraction=100, counts=CON)),
        id="two-overlapping-products"),
    pytest.param(
        "subscriptions",
        _subs(("A", "2024-01-01", "2024-02-29", 100)),
        date(2024, 3, 1),
        _grid(("A", "2024-01", 100), ("A", "2024-02", 100), ("A", "2024-03", 0)),
        _movements(_m("2024-01", 0, 100, new=100, counts=NEW), _m("2024-02", 100, 100),
                   _m("2024-03", 100, 0, churn=100, counts=CHURN)),
        id="ends-on-last-day-of-month-counts-that-month"),
    pytest.param(
        "subscriptions",
        _subs(("A", "2024-01-15", "2024-02-14", 100)),
        date(2024, 2, 1),
        # running on Jan 31 -> January; not running on Feb 29 -> not February
        _grid(("A", "2024-01", 100), ("A", "2024-02", 0)),
        _movements(_m("2024-01", 0, 100, new=100, counts=NEW), _m("2024-02", 100, 0, churn=100, counts=CHURN)),
        id="jan15-to-feb14-counts-in-january-only"),
    pytest.param(
        "subscriptions",
        _subs(("A", "2024-01-01", "2024-02-29", 100), ("A", "2024-04-01", None, 120)),
        date(2024, 5, 1),
        _grid(("A", "2024-01", 100), ("A", "2024-02", 100), ("A", "2024-03", 0), ("A", "2024-04", 120),
              ("A", "2024-05", 120)),
        _movements(_m("2024-01", 0, 100, new=100, counts=NEW), _m("2024-02", 100, 100),
                   _m("2024-03", 100, 0, churn=100, counts=CHURN),
                   _m("2024-04", 0, 120, reactivation=120, counts=REACT), _m("2024-05", 120, 120)),
        id="churn-then-reactivation-after-a-gap"),
    pytest.param(
        "subscriptions",
        _subs(("A", "2024-01-01", "2024-02-14", 200), ("A", "2024-02-15", None, 150),
              ("B", "2024-01-01", "2024-01-31", 100), ("B", "2024-02-01", None, 300)),
        date(2024, 3, 1),
        _grid(("A", "2024-01", 200), ("A", "2024-02", 150), ("A", "2024-03", 150),
              ("B", "2024-01", 100), ("B", "2024-02", 300), ("B", "2024-03", 300)),
        _movements(_m("2024-01", 0, 300, new=300, counts=(2, 0, 0, 0, 0)),
                   _m("2024-02", 300, 450, expansion=200, contraction=50, counts=(0, 0, 1, 1, 0)),
                   _m("2024-03", 450, 450)),
        id="plan-replaced-the-next-day-downgrade-and-upgrade"),
    pytest.param(
        "subscriptions",
        _subs(("Z", "2024-01-01", None, 0), ("A", "2024-01-01", "2024-01-31", 100),
              ("A", "2024-02-01", "2024-02-29", 0), ("A", "2024-03-01", None, 100)),
        date(2024, 3, 1),
        # Z only ever has a free plan: never active, never in the grid; A's free month is a churn
        _grid(("A", "2024-01", 100), ("A", "2024-02", 0), ("A", "2024-03", 100)),
        _movements(_m("2024-01", 0, 100, new=100, counts=NEW), _m("2024-02", 100, 0, churn=100, counts=CHURN),
                   _m("2024-03", 0, 100, reactivation=100, counts=REACT)),
        id="zero-mrr-plan-is-inactive"),
    pytest.param(
        "subscriptions",
        _subs(("A", "2024-01-01", "2024-12-31", 12000 / 12)),
        date(2025, 1, 1),
        _grid(*[("A", f"2024-{m:02d}", 1000) for m in range(1, 13)], ("A", "2025-01", 0)),
        _movements(_m("2024-01", 0, 1000, new=1000, counts=NEW),
                   *[_m(f"2024-{m:02d}", 1000, 1000) for m in range(2, 13)],
                   _m("2025-01", 1000, 0, churn=1000, counts=CHURN)),
        id="annual-contract-12000-over-12-months"),
    pytest.param(
        "mrr_monthly",
        _monthly(("A", "2024-01-05", 60), ("A", "2024-01-20", 40), ("A", "2024-02-01", 100),
                 ("B", "2024-02-10", 30.25), ("B", "2024-02-11", 0.5)),
        date(2024, 2, 1),
        _grid(("A", "2024-01", 100), ("A", "2024-02", 100), ("B", "2024-02", 30.75)),
        _movements(_m("2024-01", 0, 100, new=100, counts=NEW), _m("2024-02", 100, 130.75, new=30.75, counts=NEW)),
        id="mrr-monthly-rows-of-one-account-and-month-are-summed"),
    pytest.param(
        "mrr_monthly",
        _monthly(("A", "2024-01-01", 10), ("A", "2024-03-31", 10), ("A", "2024-05-01", 0), ("B", "2024-07-01", 5)),
        date(2024, 4, 1),
        # no February row is a zero; rows after the as-of month are not read
        _grid(("A", "2024-01", 10), ("A", "2024-02", 0), ("A", "2024-03", 10), ("A", "2024-04", 0)),
        _movements(_m("2024-01", 0, 10, new=10, counts=NEW), _m("2024-02", 10, 0, churn=10, counts=CHURN),
                   _m("2024-03", 0, 10, reactivation=10, counts=REACT), _m("2024-04", 10, 0, churn=10, counts=CHURN)),
        id="mrr-monthly-gap-and-as-of-cut"),
]


@pytest.mark.parametrize(("table", "rows", "as_of", "grid", "movements"), CASES)
def test_account_month_mrr_and_movements(tmp_path, table, rows, as_of, grid, movements):
    con = _db(tmp_path, **{table: rows})
    pd.testing.assert_frame_equal(_read_grid(con, as_of), grid)
    pd.testing.assert_frame_equal(revenue.monthly_movements(con, as_of=as_of), movements)


def test_identity_is_exact_with_fractional_amounts(tmp_path):
    con = _db(tmp_path, subscriptions=_subs(
        ("A", "2024-01-01", None, 0.1), ("B", "2024-01-01", "2024-03-31", 0.2), ("C", "2024-02-01", None, 1000 / 12),
        ("A", "2024-03-01", None, 0.2), ("D", "2024-02-01", "2024-02-29", 33.33), ("D", "2024-04-01", None, 0.7)))
    frame = revenue.monthly_movements(con, as_of=date(2024, 5, 1))
    exact = frame[revenue.MOVEMENT_AMOUNTS].map(lambda v: Decimal(repr(v)))  # floats of exact decimals
    identity = (exact["starting_mrr"] + exact["new"] + exact["reactivation"] + exact["expansion"]
                - exact["contraction"] - exact["churn"])
    assert (identity == exact["ending_mrr"]).all()
    assert (exact["starting_mrr"].iloc[1:].to_numpy() == exact["ending_mrr"].iloc[:-1].to_numpy()).all()
    assert frame["ending_mrr"].tolist() == [0.3, 116.963333, 83.833333, 84.333333, 84.333333]


# ---- the as-of month and the revenue table --------------------------------------------------------

@pytest.mark.parametrize(("table", "rows", "today", "expected"), [
    # A's last day of service is the last day of the latest month: its churn falls in April
    ("subscriptions", _subs(("A", "2024-01-01", "2024-03-31", 10), ("B", "2024-02-10", None, 10)),
     date(2025, 1, 15), date(2024, 4, 1)),
    # ending mid-month: the churn is already in March
    ("subscriptions", _subs(("A", "2024-01-01", "2024-03-30", 10), ("B", "2024-02-10", None, 10)),
     date(2025, 1, 15), date(2024, 3, 1)),
    # the case: every churned customer's last day is the data's last day; the month after is capped
    ("subscriptions", _subs(("A", "2023-01-01", "2024-12-31", 10), ("B", "2024-12-05", None, 10)),
     date(2025, 3, 2), date(2025, 1, 1)),
    ("subscriptions", _subs(("A", "2023-01-01", "2024-12-31", 10)), date(2025, 1, 20), date(2024, 12, 1)),
    ("subscriptions", _subs(("A", "2024-01-01", "2026-12-31", 10)), date(2025, 1, 15), date(2024, 12, 1)),
    ("subscriptions", _subs(("A", "2024-01-01", "2026-12-31", 10)), date(2025, 1, 1), date(2024, 12, 1)),
    ("subscriptions", _subs(("A", "2024-05-20", None, 10)), date(2025, 1, 15), date(2024, 5, 1)),
    ("mrr_monthly", _monthly(("A", "2024-01-01", 10), ("A", "2024-06-17", 0)), date(2025, 1, 15), date(2024, 6, 1)),
    ("mrr_monthly", _monthly(("A", "2024-06-17", 10)), date(2024, 6, 30), date(2024, 5, 1)),
])
def test_default_as_of(tmp_path, table, rows, today, expected):
    con = _db(tmp_path, **{table: rows})
    assert revenue.revenue_table(con) == table
    assert revenue.default_as_of(con, today=today) == expected


def test_churn_on_the_last_day_of_the_data_is_in_view(tmp_path):
    con = _db(tmp_path, subscriptions=_subs(("A", "2023-01-01", "2024-12-31", 10), ("B", "2024-06-01", None, 5)))
    as_of = revenue.default_as_of(con, today=date(2026, 12, 2))
    assert as_of == date(2025, 1, 1)
    last = revenue.monthly_movements(con, as_of=as_of).iloc[-1]
    assert (last["month"], last["churn"], last["churned_accounts"], last["ending_mrr"]) == (date(2025, 1, 1), 10.0, 1, 5.0)


def test_last_complete_month():
    from dashboard import windows
    assert windows.last_complete_month(date(2026, 12, 2)) == date(2026, 11, 1)
    assert windows.last_complete_month(date(2026, 1, 1)) == date(2025, 12, 1)
    assert windows.last_complete_month(date(2026, 3, 31)) == date(2026, 2, 1)


def test_no_revenue_table(tmp_path):
    con = store.connect(tmp_path / "t.duckdb")
    assert revenue.revenue_table(con) is None and revenue.default_as_of(con) is None
    store.commit(con, [store.Load("accounts", pd.DataFrame({"account_id": ["A"]}), "accounts.csv")], by=ME)
    assert revenue.revenue_table(con) is None and revenue.default_as_of(con) is None
    with pytest.raises(store.StoreError, match="no revenue table"):
        revenue.monthly_movements(con, as_of=date(2024, 1, 1))


def test_empty_revenue_table_has_no_as_of(tmp_path):
    con = _db(tmp_path, accounts=pd.DataFrame({"account_id": ["A"]}), subscriptions=_subs(("A", "2024-01-01", None, 1)).iloc[:0])
    assert revenue.revenue_table(con) == "subscriptions" and revenue.default_as_of(con) is None
    pd.testing.assert_frame_equal(revenue.monthly_movements(con, as_of=date(2024, 1, 1)), _movements())


def test_grid_is_built_once_per_version_and_as_of(tmp_path):
    con = _db(tmp_path, subscriptions=_subs(("A", "2024-01-01", None, 100)))
    first = revenue.account_month_mrr(con, as_of=date(2024, 2, 1))
    assert first == 'v1."account_month_mrr_202402"'
    assert revenue.account_month_mrr(con, as_of=date(2024, 2, 15)) == first
    assert revenue.account_month_mrr(con, as_of=date(2024, 3, 1)) == 'v1."account_month_mrr_202403"'
    store.commit(con, [store.Load("subscriptions", _subs(("A", "2024-01-01", None, 70)), "subs2.csv")], by=ME)
    assert revenue.account_month_mrr(con, as_of=date(2024, 2, 1)) == 'v2."account_month_mrr_202402"'
    assert revenue.monthly_movements(con, as_of=date(2024, 2, 1))["ending_mrr"].tolist() == [70.0, 70.0]
    store.rollback(con, 1, by=ME)
    assert revenue.monthly_movements(con, as_of=date(2024, 2, 1))["ending_mrr"].tolist() == [100.0, 100.0]


def test_read_only_connection_reads_without_writing(tmp_path):
    con = _db(tmp_path, subscriptions=_subs(("A", "2024-01-01", None, 100), ("B", "2024-02-01", None, 50)))
    built = revenue.account_month_mrr(con, as_of=date(2024, 2, 1))
    con.close()
    path = tmp_path / "t.duckdb"
    before = path.read_bytes()
    ro = store.connect(path, read_only=True)
    # built grid reused; unbuilt ones live in a temporary table for the call
    assert revenue.account_month_mrr(ro, as_of=date(2024, 2, 1)) == built.replace("v1.", '"t".v1.')
    with pytest.raises(store.StoreError, match="read-only"):
        revenue.account_month_mrr(ro, as_of=date(2024, 3, 1))
    assert revenue.monthly_movements(ro, as_of=date(2024, 3, 1))["ending_mrr"].tolist() == [100.0, 150.0, 150.0]
    assert revenue.nrr_bridge(ro, start=date(2024, 1, 1), end=date(2024, 3, 1))["ending_mrr"].tolist() == [150.0]
    ro.close()
    assert path.read_bytes() == before


# ---- the NRR bridge on a hand-made company ---------------------------------------------------------

BRIDGE_ACCOUNTS = pd.DataFrame({
    "account_id": ["A", "B", "C", "D", "E", "G"],
    "account_name": ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Eta"],
    "segment": ["Enterprise", "Enterprise", "SMB", None, "SMB", "SMB"],
    "csm": ["Kim", "Kim", None, "Lee", "Lee", "Lee"],
    "region": ["EU", "US", "EU", "US", "EU", "US"],
})
BRIDGE_SUBS = _subs(
    ("A", "2023-12-01", None, 100, "X"), ("A", "2024-03-01", None, 50, "Y"),    # expands by cross-selling Y
    ("B", "2023-11-01", "2024-02-29", 200, "X"),                                # churns
    ("C", "2024-01-01", "2024-03-31", 80, "X"), ("C", "2024-04-01", None, 60, "X"),  # contracts
    ("D", "2023-06-01", "2023-09-30", 40, "X"), ("D", "2024-03-01", None, 45, "X"),  # reactivates
    ("E", "2024-02-01", None, 70, "X"),                                         # new
    ("F", "2023-10-01", None, 30, "Y"),                                         # retained; not in accounts
    ("G", "2024-02-01", "2024-02-29", 25, "X"),                                 # in and out inside the window
)
START, END = date(2024, 1, 1), date(2024, 4, 1)


def _bridge(*rows, by=None) -> pd.DataFrame:
    columns = revenue.BRIDGE_COLUMNS if by is None else ["group", *revenue.BRIDGE_COLUMNS]
    frame = pd.DataFrame(list(rows), columns=columns)
    return frame.astype({c: "float64" for c in [*revenue.BRIDGE_AMOUNTS, "nrr", "grr"]}
                        | {"accounts_start": "int64", "accounts_retained": "int64"})


@pytest.fixture
def company(tmp_path):
    return _db(tmp_path, accounts=BRIDGE_ACCOUNTS, subscriptions=BRIDGE_SUBS)


@pytest.mark.parametrize(("by", "expected"), [
    (None, _bridge((410, 50, 20, 200, 240, 70, 45, 355, 240 / 410, 190 / 410, 4, 3))),
    ("segment", _bridge(("(none)", 30, 0, 0, 0, 30, 0, 45, 75, 1.0, 1.0, 1, 1),
                        ("Enterprise", 300, 50, 0, 200, 150, 0, 0, 150, 0.5, 100 / 300, 2, 1),
                        ("SMB", 80, 0, 20, 0, 60, 70, 0, 130, 0.75, 0.75, 1, 1), by="segment")),
    ("csm", _bridge(("(none)", 110, 0, 20, 0, 90, 0, 0, 90, 90 / 110, 90 / 110, 2, 2),
                    ("Kim", 300, 50, 0, 200, 150, 0, 0, 150, 0.5, 100 / 300, 2, 1),
                    ("Lee", 0, 0, 0, 0, 0, 70, 45, 115, float("nan"), float("nan"), 0, 0), by="csm")),
    # a cross-sell is new revenue of its product, even for an existing customer
    ("product", _bridge(("X", 380, 0, 20, 200, 160, 70, 45, 275, 160 / 380, 160 / 380, 3, 2),
                        ("Y", 30, 0, 0, 0, 30, 50, 0, 80, 1.0, 1.0, 1, 1), by="product")),
])
def test_nrr_bridge(company, by, expected):
    bridge = revenue.nrr_bridge(company, start=START, end=END, by=by)
    pd.testing.assert_frame_equal(bridge, expected)


def _drill(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=revenue.BRIDGE_ACCOUNT_COLUMNS).astype(
        {"mrr_start": "float64", "mrr_end": "float64", "change": "float64"}
        | dict.fromkeys(["account_id", "account_name", "segment", "csm", "region"], "str"))


@pytest.mark.parametrize(("category", "by", "group", "expected"), [
    ("expansion", None, None, _drill(("A", "Alpha", "Enterprise", "Kim", "EU", 100, 150, 50))),
    ("churn", "segment", "Enterprise", _drill(("B", "Beta", "Enterprise", "Kim", "US", 200, 0, -200))),
    ("new", "product", "Y", _drill(("A", "Alpha", "Enterprise", "Kim", "EU", 0, 50, 50))),
    ("reactivation", "segment", "(none)", _drill(("D", "Delta", None, "Lee", "US", 0, 45, 45))),
    ("retained", None, None, _drill(("A", "Alpha", "Enterprise", "Kim", "EU", 100, 150, 50),
                                    ("C", "Gamma", "SMB", None, "EU", 80, 60, -20),
                                    ("F", None, None, None, None, 30, 30, 0))),
    ("ending", None, None, _drill(("A", "Alpha", "Enterprise", "Kim", "EU", 100, 150, 50),
                                  ("E", "Epsilon", "SMB", "Lee", "EU", 0, 70, 70),
                                  ("C", "Gamma", "SMB", None, "EU", 80, 60, -20),
                                  ("D", "Delta", None, "Lee", "US", 0, 45, 45),
                                  ("F", None, None, None, None, 30, 30, 0))),
    ("starting", "product", None, _drill(("B", "Beta", "Enterprise", "Kim", "US", 200, 0, -200),
                                         ("A", "Alpha", "Enterprise", "Kim", "EU", 100, 100, 0),
                                         ("C", "Gamma", "SMB", None, "EU", 80, 60, -20),
                                         ("F", None, None, None, None, 30, 30, 0))),
    ("contraction", "csm", "Kim", _drill()),
])
def test_bridge_accounts(company, category, by, group, expected):
    frame = revenue.bridge_accounts(company, start=START, end=END, category=category, by=by, group=group)
    pd.testing.assert_frame_equal(frame, expected)


def test_movement_accounts(company):
    frame = revenue.movement_accounts(company, as_of=END, month=date(2024, 3, 1))
    expected = pd.DataFrame([("D", "Delta", None, "reactivation", 0.0, 45.0, 45.0),
                             ("A", "Alpha", "Enterprise", "expansion", 100.0, 150.0, 50.0),
                             ("B", "Beta", "Enterprise", "churn", 200.0, 0.0, -200.0),
                             ("G", "Eta", "SMB", "churn", 25.0, 0.0, -25.0)],
                            columns=revenue.MOVEMENT_ACCOUNT_COLUMNS)
    pd.testing.assert_frame_equal(frame, expected)
    month = revenue.monthly_movements(company, as_of=END).set_index("month").loc[date(2024, 3, 1)]
    assert (month["reactivation"], month["expansion"], month["churn"]) == (45.0, 50.0, 225.0)


def test_nrr_trend_equals_the_bridge_of_each_window(company):
    trend = revenue.nrr_trend(company, as_of=END, months=3)
    # D's first month (2023-06) is the first month with MRR, so windows end from 2023-09
    assert trend["month"].tolist() == [date(2023, m, 1) for m in range(9, 13)] + [date(2024, m, 1) for m in range(1, 5)]
    for row in trend.itertuples():
        start = (pd.Timestamp(row.month) - pd.DateOffset(months=3)).date()
        bridge = revenue.nrr_bridge(company, start=start, end=row.month).iloc[0]
        assert (row.starting_mrr, row.ending_mrr) == (bridge["starting_mrr"], bridge["ending_mrr"])
        assert row.nrr == pytest.approx(bridge["nrr"], rel=1e-15) and row.grr == pytest.approx(bridge["grr"], rel=1e-15)
    assert trend.iloc[-1]["nrr"] == 240 / 410
    assert revenue.nrr_trend(company, as_of=END).empty and list(revenue.nrr_trend(company, as_of=END).columns) == \
        revenue.TREND_COLUMNS


def test_bridge_without_accounts_table(tmp_path):
    con = store.connect(tmp_path / "t.duckdb")
    store.commit(con, [store.Load("subscriptions", BRIDGE_SUBS, "subs.csv")], by=ME)
    bridge = revenue.nrr_bridge(con, start=START, end=END, by="segment")
    assert bridge["group"].tolist() == ["(none)"] and bridge["ending_mrr"].tolist() == [355.0]
    assert revenue.bridge_accounts(con, start=START, end=END, category="churn")["account_id"].tolist() == ["B"]


@pytest.mark.parametrize("by", [None, "segment", "csm", "region", "industry", "product"])
@pytest.mark.parametrize("window", [(START, END), (date(2020, 1, 1), date(2020, 6, 1))])
def test_the_bridge_read_without_pandas_is_the_frame(company, by, window):
    """nrr_bridge_rows (what the command line writes) holds nrr_bridge's rows: the same values and types
    (amounts float, NaN where the frame has NaN, counts int, groups text), the empty window's zero row too."""
    columns, rows = revenue.nrr_bridge_rows(company, start=window[0], end=window[1], by=by)
    frame = revenue.nrr_bridge(company, start=window[0], end=window[1], by=by)
    assert columns == list(frame.columns) and len(rows) == len(frame)
    kinds = {**dict.fromkeys([*revenue.BRIDGE_AMOUNTS, "nrr", "grr"], float),
             **dict.fromkeys(revenue.BRIDGE_COUNTS, int), "group": str}
    assert all(type(value) is kinds[name] for row in rows for name, value in zip(columns, row, strict=True))
    built = pd.DataFrame(rows, columns=columns)
    if not rows:  # no row to infer the types from (a split of an empty window has none)
        built = built.astype(frame.dtypes.to_dict())
    pd.testing.assert_frame_equal(built, frame)


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("by", [None, "csm", "product"])
def test_the_command_lines_bridge_is_the_frame_written_out(tmp_path, capsys, fmt, by):
    """`python -m dashboard nrr` writes the same bytes as the frame written by cli.write_frame (the csm
    split has a group without a starting cohort: its NRR is an empty CSV cell, null in JSON)."""
    from dashboard import cli

    _db(tmp_path, accounts=BRIDGE_ACCOUNTS, subscriptions=BRIDGE_SUBS).close()
    split = ["--by", by] if by else []
    assert cli.main(["nrr", "--db", str(tmp_path / "t.duckdb"), "--start", "2024-01", "--end", "2024-04",
                     "--format", fmt, *split]) == 0
    written = capsys.readouterr().out
    con = store.connect(tmp_path / "t.duckdb", read_only=True)
    cli.write_frame(revenue.nrr_bridge(con, start=START, end=END, by=by), fmt)
    con.close()
    assert written == capsys.readouterr().out
    assert by != "csm" or (",,," in written if fmt == "csv" else '"nrr":null' in written.replace(" ", ""))


def test_bridge_of_an_empty_window_is_one_zero_row(company):
    bridge = revenue.nrr_bridge(company, start=date(2020, 1, 1), end=date(2020, 6, 1))
    pd.testing.assert_frame_equal(bridge, _bridge((0, 0, 0, 0, 0, 0, 0, 0, float("nan"), float("nan"), 0, 0)))


@pytest.mark.parametrize(("call", "message"), [
    (lambda c: revenue.nrr_bridge(c, start=START, end=END, by="account_name"), "cannot split by"),
    (lambda c: revenue.nrr_bridge(c, start=END, end=START), "must start before"),
    (lambda c: revenue.nrr_bridge(c, start=END, end=END), "must start before"),
    (lambda c: revenue.bridge_accounts(c, start=START, end=END, category="upsell"), "unknown bridge category"),
    (lambda c: revenue.bridge_accounts(c, start=START, end=END, category="new", group="SMB"), "needs a split"),
    (lambda c: revenue.nrr_trend(c, as_of=END, months=0), "positive whole number"),
])
def test_bad_arguments(company, call, message):
    with pytest.raises(ValueError, match=message):
        call(company)
