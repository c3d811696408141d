"""Reconciliation at load: the current version's tables checked against each other.

:func:`findings` (this module, ``dashboard.checks.reconcile``; its names are the package's) runs every check whose tables exist (an absent optional table skips its checks,
it never raises) and returns one row per finding: kind (one of :data:`KINDS`), severity
("warning" or "info"), count, finding (what was found), example (one offending row, in words) and
action (what to do). No findings is an empty frame with those columns. Findings are warnings, not
errors: nothing is refused because of them.

Churn reasons are matched to churn movements by the Churn review's own rule
(:mod:`dashboard.churn.matching`); the checks only say why a reason row matches none.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from dashboard import store
from dashboard.checks import reasons
from dashboard.churn.matching import MATCH_DAYS
from dashboard.i18n import translate
from dashboard.revenue import metrics as revenue

COLUMNS = ["kind", "severity", "count", "finding", "example", "action"]
KINDS = (*reasons.KINDS, "revenue_accounts_missing", "accounts_never_paid", "usage_unknown_accounts",
         "usage_outside_revenue", "amount_scale_large", "amount_scale_small", "single_segment", "single_csm")
SEVERITY = {"accounts_never_paid": "info"}
ALL_PAGES = ("nrr", "churn", "cohorts", "health", "coverage")
# the pages whose numbers a finding changes (the Data page shows every finding)
AFFECTS = {
    **{kind: ("churn",) for kind in reasons.KINDS},
    "revenue_accounts_missing": ALL_PAGES,
    "accounts_never_paid": ("coverage",),
    "usage_unknown_accounts": ("health",),
    "usage_outside_revenue": ("health",),
    "amount_scale_large": ALL_PAGES,
    "amount_scale_small": ALL_PAGES,
    "single_segment": ("nrr", "cohorts", "health", "coverage"),
    "single_csm": ("health", "coverage", "churn"),
}
# A median MRR above this in a currency with cents suggests yen (or cents); below SMALL_YEN in yen, dollars.
LARGE_MRR = 100_000
SMALL_YEN = 100
CENT_CURRENCIES = ("USD", "EUR", "GBP")


def findings(con: duckdb.DuckDBPyConnection, *, currency: str = "USD", lang: str = "en",
             as_of: date | None = None) -> pd.DataFrame:
    """Every finding of the current version (grain: one row per finding kind found; columns COLUMNS).

    ``currency`` is the display currency (settings "currency"); ``as_of`` defaults to
    :func:`dashboard.revenue.metrics.default_as_of`; texts are in ``lang``.
    """
    rows: list[dict] = []
    if store.current_version(con) is None:
        return _frame(rows)
    tables = store.table_names(con)
    paying = revenue.revenue_table(con) is not None
    if paying:
        as_of = as_of or revenue.default_as_of(con)
        paying = as_of is not None
    if paying:
        if "churn_reasons" in tables:
            rows += reasons.findings(con, as_of=as_of)
        if "accounts" in tables:
            rows += _accounts_against_revenue(con, as_of)
        if "usage" in tables:
            rows += _usage(con, as_of)
        rows += _amounts(con, as_of, currency)
    if "accounts" in tables:
        rows += _single_values(con)
    return _frame([_words(row, lang) for row in rows])


def for_page(frame: pd.DataFrame, page: str) -> pd.DataFrame:
    """The findings that change what ``page`` ("nrr", "churn", ...) shows."""
    return frame[frame["kind"].map(lambda kind: page in AFFECTS.get(kind, ()))].reset_index(drop=True)


def finding(kind: str, count: int, **example) -> dict:
    """One finding: its kind, how many rows or accounts it concerns and the values of its example."""
    return {"kind": kind, "count": int(count), "example": example}


def _words(row: dict, lang: str) -> dict:
    kind = row["kind"]
    return {"kind": kind, "severity": SEVERITY.get(kind, "warning"), "count": row["count"],
            "finding": translate(f"checks.finding.{kind}", lang, days=MATCH_DAYS),
            "example": translate(f"checks.example.{kind}", lang, **row["example"]),
            "action": translate(f"checks.action.{kind}", lang, **row.get("action", {}))}


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({"count": "int64"})


# In Japanese, a median MRR of a thousand or more reads as yen: few SaaS books bill 1,000 dollars a month
# per account and are shown in Japanese.
JA_YEN_MRR = 1_000


def stated_currency(con: duckdb.DuckDBPyConnection) -> str | None:
    """The currency the current version's revenue file stated for its amounts, if it stated one."""
    table = revenue.revenue_table(con)
    return store.table_currency(con, table) if table else None


def median_mrr(con: duckdb.DuckDBPyConnection, *, as_of: date | None = None) -> float | None:
    """The median MRR of the accounts paying in the latest paying month (None without revenue)."""
    as_of = as_of or (revenue.default_as_of(con) if revenue.revenue_table(con) else None)
    if as_of is None:
        return None
    scale = _one(con, "check_amount_scale", as_of)
    return float(scale["median_mrr"]) if scale["accounts"] else None


def suggested_currency(median: float | None, currency: str, lang: str, stated: str | None = None) -> str | None:
    """The display currency the revenue file states (``stated``: its 月額（円） header, the ¥ in its values)
    or, when it states none, the amounts' size and the reader's language suggest, when it is not
    ``currency``: yen for amounts above LARGE_MRR shown with cents (or above JA_YEN_MRR in Japanese),
    dollars for amounts below SMALL_YEN shown in yen. None when the setting fits."""
    if stated is not None:
        return stated if stated != currency else None
    if median is None:
        return None
    if currency in CENT_CURRENCIES and (median > LARGE_MRR or (lang == "ja" and median >= JA_YEN_MRR)):
        return "JPY"
    if currency == "JPY" and median < SMALL_YEN:
        return "USD"
    return None


def _one(con: duckdb.DuckDBPyConnection, sql_name: str, as_of: date) -> dict:
    return revenue.grid_query(con, sql_name, as_of=as_of).iloc[0].to_dict()


def _accounts_against_revenue(con, as_of: date) -> list[dict]:
    out = []
    missing = _one(con, "check_revenue_accounts_missing", as_of)
    if missing["problems"]:
        out.append(finding("revenue_accounts_missing", missing["problems"], account=missing["example"]))
    never = _one(con, "check_accounts_never_paid", as_of)
    if never["problems"]:
        out.append(finding("accounts_never_paid", never["problems"], account=never["example"]))
    return out


def _usage(con, as_of: date) -> list[dict]:
    out = []
    unknown = _one(con, "check_usage_unknown_accounts", as_of)
    if unknown["problems"]:
        out.append(finding("usage_unknown_accounts", unknown["problems"], account=unknown["example"],
                           accounts=f"{int(unknown['accounts']):,}"))
    outside = _one(con, "check_usage_outside_revenue", as_of)
    if outside["problems"]:
        out.append(finding("usage_outside_revenue", outside["problems"], account=outside["example_account"],
                           month=_month(outside["example_month"]), first=_month(outside["first_month"]),
                           last=_month(outside["last_month"])))
    return out


def _amounts(con, as_of: date, currency: str) -> list[dict]:
    scale = _one(con, "check_amount_scale", as_of)
    if not scale["accounts"]:
        return []
    median = float(scale["median_mrr"])
    if currency in CENT_CURRENCIES and median > LARGE_MRR:
        kind = "amount_scale_large"
    elif currency == "JPY" and median < SMALL_YEN:
        kind = "amount_scale_small"
    else:
        return []
    row = finding(kind, scale["accounts"], median=f"{median:,.0f}", accounts=f"{int(scale['accounts']):,}",
                  account=scale["example_account"], mrr=f"{float(scale['example_mrr']):,.0f}")
    row["action"] = {"currency": currency}
    return [row]


def _single_values(con) -> list[dict]:
    values = store.query(con, store.load_sql("check_single_value_columns")).iloc[0].to_dict()
    out = []
    for column, kind in (("segment", "single_segment"), ("csm", "single_csm")):
        # one value over at least two accounts; an empty column is a column not loaded, not a finding
        if int(values[f"{column}s"]) == 1 and int(values[f"{column}_rows"]) >= 2:
            out.append(finding(kind, values[f"{column}_rows"], value=values[column],
                               accounts=f"{int(values[f'{column}_rows']):,}"))
    return out


def _month(value) -> str:
    return "" if value is None or pd.isna(value) else f"{pd.Timestamp(value):%Y-%m}"
