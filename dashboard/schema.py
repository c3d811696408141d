"""Canonical tables and columns: the one source for ingest, validation, the store and the docs.

Each table lists its columns in order with a logical type. Types are the ones the ingest
parsers produce and the store writes:

- ``id``: text identifier, kept verbatim (``00123`` stays ``00123``)
- ``text``: free text
- ``date``: a calendar date
- ``month``: any date in a month, stored as the first day of that month
- ``amount``: a non-negative number in the reporting currency
- ``number``: any number (usage values, costs, counts)
- ``bool``: yes/no flag
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.i18n import known, translate

# Money is summed as DECIMAL(38, 6): 32 digits before the point. A larger amount could be stored as a
# double but would break every sum that reads it, so every load path refuses it.
MAX_AMOUNT = 1e32

SQL_TYPES = {
    "id": "VARCHAR",
    "text": "VARCHAR",
    "date": "DATE",
    "month": "DATE",
    "amount": "DOUBLE",
    "number": "DOUBLE",
    "bool": "BOOLEAN",
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    required: bool = False
    synonyms: tuple[str, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    help: str = ""
    # Columns whose values must be unique within the table.
    unique: tuple[str, ...] = ()
    # Tables that fill the same role; loading one makes the others inactive.
    alternative_to: tuple[str, ...] = field(default_factory=tuple)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def ddl_columns(self) -> str:
        return ", ".join(f'"{c.name}" {SQL_TYPES[c.kind]}' for c in self.columns)


# Numbered identifiers come before the bare words: an export with "Customer Number" and "Customer"
# (the name) must map the number.
_ACCOUNT_ID = ("account_id", "customer_id", "customer number", "customer no", "customer no.", "customer #",
               "account number", "account no", "account no.", "client_id", "client number", "company_id",
               "customer", "account", "accountid", "customerid", "顧客id", "顧客ＩＤ", "顧客番号",
               "アカウントid", "取引先id", "企業id", "会社id")

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "accounts",
            (
                Column("account_id", "id", True, _ACCOUNT_ID, "Unique account identifier, kept as text."),
                Column("account_name", "text", False,
                       ("name", "company", "company_name", "customer_name", "account name", "社名",
                        "会社名", "顧客名", "企業名", "取引先名"), "Display name."),
                Column("segment", "text", False, ("tier", "customer_segment", "セグメント", "区分"),
                       "Segment such as Enterprise, Mid-Market, SMB."),
                Column("industry", "text", False, ("vertical", "sector", "業種", "業界"), "Industry."),
                Column("region", "text", False, ("geo", "territory", "country", "地域", "リージョン", "エリア"),
                       "Region or territory."),
                Column("csm", "text", False,
                       ("owner", "account_owner", "csm_name", "customer_success_manager", "担当csm",
                        "担当者", "担当"), "Assigned Customer Success Manager (empty = none)."),
                Column("employees", "number", False,
                       ("employee_count", "headcount", "company_size", "num_employees", "従業員数", "社員数"),
                       "Number of employees of the customer."),
                Column("signup_date", "date", False,
                       ("created_at", "created", "signup", "sign_up_date", "契約日", "登録日"),
                       "Date the account was created."),
            ),
            help="One row per customer account.",
            unique=("account_id",),
        ),
        Table(
            "subscriptions",
            (
                Column("account_id", "id", True, _ACCOUNT_ID),
                Column("start_date", "date", True,
                       ("start", "started_at", "start_at", "begin_date", "period_start", "開始日",
                        "契約開始日", "利用開始日"), "First day of service."),
                Column("mrr", "amount", True,
                       ("monthly_amount", "monthly_recurring_revenue", "monthly_revenue", "mrr_amount",
                        "月額", "月額料金", "月額売上"), "Monthly recurring revenue."),
                Column("subscription_id", "id", False, ("sub_id", "contract_id", "契約id", "契約番号")),
                Column("product", "text", False, ("plan", "product_name", "sku", "製品", "商品", "プラン")),
                Column("end_date", "date", False,
                       ("end", "ended_at", "end_at", "cancel_date", "period_end", "終了日", "契約終了日",
                        "解約日"), "Last day of service; empty = still running."),
            ),
            help="One row per subscription period. A subscription counts in month M when it runs on "
                 "the last day of M.",
            alternative_to=("mrr_monthly",),
        ),
        Table(
            "mrr_monthly",
            (
                Column("account_id", "id", True, _ACCOUNT_ID),
                Column("month", "month", True,
                       ("date", "period", "invoice_month", "billing_month", "date_month", "月", "年月",
                        "対象月", "請求月")),
                Column("mrr", "amount", True,
                       ("amount", "monthly_amount", "revenue", "line_amount", "line_total", "invoice_amount",
                        "net_amount", "amount_excl_tax", "subtotal", "月額", "金額", "売上", "請求金額")),
                Column("product", "text", False, ("plan", "product_name", "sku", "製品", "商品", "プラン")),
            ),
            help="One row per account, month (and product or invoice line); rows of the same account "
                 "and month are summed.",
            alternative_to=("subscriptions",),
        ),
        Table(
            "usage",
            (
                Column("account_id", "id", True, _ACCOUNT_ID),
                Column("month", "month", True, ("date", "period", "date_month", "月", "年月", "対象月")),
                Column("metric", "text", True, ("measure", "kpi", "event", "指標", "項目")),
                Column("value", "number", True, ("count", "amount", "val", "値", "数値")),
            ),
            help="Long format: one row per account, month and measure (logins, active_users, seats, ...).",
        ),
        Table(
            "churn_reasons",
            (
                Column("account_id", "id", True, _ACCOUNT_ID),
                Column("churn_date", "date", True,
                       ("date", "churned_at", "churned_on", "cancel_date", "cancellation_date", "解約日"),
                       "Date the churn took effect."),
                Column("primary_reason", "text", True,
                       ("reason", "churn_reason", "main_reason", "解約理由", "主な理由", "理由")),
                Column("secondary_reason", "text", False, ("reason_2", "other_reason", "副理由", "その他理由")),
                Column("competitor", "text", False, ("competitor_name", "lost_to", "競合", "競合他社")),
                Column("notes", "text", False, ("note", "comment", "comments", "memo", "備考", "メモ")),
                Column("preventable", "bool", False, ("avoidable", "防止可能", "回避可能")),
                Column("budget_ok", "bool", False, ("budget", "予算")),
                Column("authority_ok", "bool", False, ("authority", "決裁者", "決裁権")),
                Column("needs_ok", "bool", False, ("needs", "ニーズ")),
                Column("timeframe_ok", "bool", False, ("timeframe", "timing", "導入時期", "時期")),
                Column("competitor_ok", "bool", False, ("competition", "競合状況")),
            ),
            help="One row per churn: why the customer left, with BANTC checks (false = that check failed).",
        ),
        Table(
            "team",
            (
                Column("csm", "text", True, ("name", "csm_name", "owner", "担当csm", "担当者", "氏名")),
                Column("segment", "text", False, ("tier", "セグメント", "担当セグメント")),
                Column("annual_cost", "amount", False,
                       ("cost", "salary", "fully_loaded_cost", "年間コスト", "人件費")),
                Column("capacity_accounts", "number", False,
                       ("capacity", "max_accounts", "担当上限", "担当可能数")),
            ),
            help="One row per CSM.",
            unique=("csm",),
        ),
    )
}

# The revenue tables: accounts plus one of these is the minimum dataset.
REVENUE_TABLES = ("subscriptions", "mrr_monthly")

# Extra input columns a subscriptions file may give instead of mrr: mrr = amount / interval_months.
SUBSCRIPTION_AMOUNT_SYNONYMS = ("amount", "contract_value", "total_amount", "price", "契約金額", "金額")
SUBSCRIPTION_INTERVAL_SYNONYMS = ("interval_months", "billing_interval", "term_months", "interval",
                                  "契約月数", "期間月数")


def table(name: str) -> Table:
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(f"unknown table {name!r}; expected one of {', '.join(TABLES)}") from None


# Words in a file name that say which table it fills, checked in this order.
_TABLE_HINTS = (
    ("churn", "churn_reasons"), ("解約", "churn_reasons"),
    ("usage", "usage"), ("利用", "usage"), ("activity", "usage"),
    ("mrr", "mrr_monthly"), ("invoice", "mrr_monthly"), ("revenue", "mrr_monthly"), ("請求", "mrr_monthly"),
    ("売上", "mrr_monthly"),
    ("subscription", "subscriptions"), ("contract", "subscriptions"), ("契約", "subscriptions"),
    ("team", "team"), ("csm", "team"), ("担当", "team"),
    ("account", "accounts"), ("customer", "accounts"), ("顧客", "accounts"), ("取引先", "accounts"),
)


def guess_table(filename: str, default: str | None = "accounts") -> str | None:
    """The canonical table a file (or sheet) most likely fills, from its name; ``default`` when
    the name gives no hint."""
    lowered = filename.lower()
    for hint, name in _TABLE_HINTS:
        if hint in lowered:
            return name
    return default


def default_sheet(names: list[str], table_name: str) -> int:
    """Index of the sheet a workbook's table most likely sits on: the first whose name suggests
    ``table_name`` (契約 for subscriptions), else the first (an export's note sheet often comes first)."""
    return next((i for i, name in enumerate(names) if guess_table(name, default=None) == table_name), 0)


# Names as a reader of the language sees them: in Japanese the Japanese name first, the canonical
# name after it, so both a file's header and the docs match ("顧客ID (account_id)").

def _named(kind: str, name: str, lang: str) -> str:
    key = f"schema.{kind}.{name}"
    return f"{translate(key, lang)} ({name})" if lang == "ja" and known(key) else name


def column_label(name: str, lang: str = "en") -> str:
    """``account_id`` in English, ``顧客ID (account_id)`` in Japanese."""
    return _named("column", name, lang)


def table_label(name: str, lang: str = "en") -> str:
    """``accounts`` in English, ``顧客 (accounts)`` in Japanese."""
    return _named("table", name, lang)


def column_help(table_name: str, column_name: str, lang: str = "en") -> str:
    """A column's help text in ``lang`` (the English one when there is no translation)."""
    key = f"schema.help.{column_name}"
    return translate(key, lang) if lang == "ja" and known(key) else table(table_name).column(column_name).help


def table_help(table_name: str, lang: str = "en") -> str:
    key = f"schema.table_help.{table_name}"
    return translate(key, lang) if lang == "ja" and known(key) else table(table_name).help
