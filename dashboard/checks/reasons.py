"""Why churn_reasons rows match no churn movement.

The matching itself is the Churn review's (:func:`dashboard.churn.matching.churn_records`: a row
explains the account's churn movement nearest its churn_date within MATCH_DAYS days). A row that
explains none is put in the first of these kinds that applies:

- ``reason_never_paid``: the account has no month with MRR > 0;
- ``reason_after_as_of``: the churn_date is on or after the as-of month's last day, so the churn
  it records falls after the as-of month;
- ``reason_date_off``: the account has churn movements, none within MATCH_DAYS days;
- ``reason_no_churn``: the account paid and never churned;
- ``reason_duplicate``: another row explains the same churn movement.
"""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pandas as pd

from dashboard.churn import matching
from dashboard.revenue import metrics as revenue

KINDS = ("reason_after_as_of", "reason_never_paid", "reason_date_off", "reason_no_churn", "reason_duplicate")


def classify(con: duckdb.DuckDBPyConnection, *, as_of: date) -> pd.DataFrame:
    """Grain: one row per churn_reasons row that explains no churn movement. Columns: kind (KINDS),
    account_id, churn_date (date), month (for reason_date_off the account's nearest churn month, for
    reason_duplicate the month another row explains, else None); sorted by kind order, churn_date."""
    records = matching.churn_records(con, as_of=as_of)
    churns = records[records["kind"].isin(matching.EVENT_KINDS)]
    churn_months = churns.groupby("account_id")["month"].apply(list).to_dict()
    paid = set(revenue.grid_query(con, "check_churn_reason_accounts", as_of=as_of)["account_id"])
    last_day = (as_of.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    rows = []
    for record in records[records["kind"].isin(matching.MISMATCH_KINDS)].itertuples(index=False):
        account, day = record.account_id, record.churn_date
        month = None
        if record.kind == "duplicate":
            kind, month = "reason_duplicate", record.month
        elif account not in paid:
            kind = "reason_never_paid"
        elif day is not None and day >= last_day:
            kind = "reason_after_as_of"
        elif account in churn_months:
            kind = "reason_date_off"
            month = min(churn_months[account], key=lambda m: (abs((m - day).days), m))
        else:
            kind = "reason_no_churn"
        rows.append({"kind": kind, "account_id": account, "churn_date": day, "month": month})
    frame = pd.DataFrame(rows, columns=["kind", "account_id", "churn_date", "month"])
    order = {kind: i for i, kind in enumerate(KINDS)}
    frame = frame.assign(_order=frame["kind"].map(order))
    frame = frame.sort_values(["_order", "churn_date", "account_id"], kind="stable")
    return frame.drop(columns="_order").reset_index(drop=True)


def findings(con: duckdb.DuckDBPyConnection, *, as_of: date) -> list[dict]:
    """One finding per kind found: count of rows and the first row (earliest churn_date) as example."""
    from dashboard.checks.reconcile import finding

    rows = classify(con, as_of=as_of)
    out = []
    for kind in KINDS:
        found = rows[rows["kind"] == kind]
        if found.empty:
            continue
        first = found.iloc[0]
        out.append(finding(kind, len(found), account=first["account_id"], date=_text(first["churn_date"]),
                           month=_text(first["month"], "%Y-%m"), as_of=f"{as_of:%Y-%m}"))
    return out


def _text(value, fmt: str = "%Y-%m-%d") -> str:
    return "" if value is None or pd.isna(value) else f"{pd.Timestamp(value):{fmt}}"
