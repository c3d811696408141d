"""AppTest matrix: every page, in English and Japanese, on small databases shaped like the data a new
user brings (optional tables absent, one revenue table or the other, windows without a movement
kind, one account, one segment, no revenue at all). No page may show a traceback or the guard's
error, and a page with nothing to show says so in the session's language."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard import store
from dashboard.i18n import translate
from tests.conftest import app_pages, open_page, roll_back_in_app
from tests.identities import ME

PAGES = [Path(path).stem for path in app_pages()]  # data, nrr, ... as app.py lists them
LANGS = ("en", "ja")
TIMEOUT = 300


# ---- hand-made tables: six accounts over 2025-01 .. 2026-04 ------------------------------------------

def accounts(ids=("A1", "A2", "A3", "A4", "A5", "A6"), *, optional: bool = True, segments=None) -> pd.DataFrame:
    frame = pd.DataFrame({"account_id": list(ids)})
    if optional:
        n = len(frame)
        frame["account_name"] = [f"Company {i}" for i in ids]
        frame["segment"] = segments or (["Enterprise", "SMB", "Mid-market"] * n)[:n]
        frame["industry"] = (["Retail", "Software"] * n)[:n]
        frame["region"] = (["APAC", "EMEA", "NA"] * n)[:n]
        frame["csm"] = (["Aiko Sato", "Ben Ito"] * n)[:n]
        frame["employees"] = [50 * (k + 1) for k in range(n)]
        frame["signup_date"] = [date(2024, 12, 1)] * n
    return frame


SUBSCRIPTIONS = [  # account, start, end (None: running), mrr, product
    ("A1", date(2025, 1, 1), None, 1000.0, "Core"),
    ("A1", date(2025, 9, 1), None, 200.0, "Add-on"),        # expansion
    ("A2", date(2025, 1, 1), date(2025, 12, 31), 500.0, "Core"),   # churn in 2026-01
    ("A3", date(2025, 2, 1), date(2025, 10, 31), 300.0, "Core"),
    ("A3", date(2025, 11, 1), None, 200.0, "Core"),          # contraction
    ("A4", date(2025, 3, 1), date(2025, 6, 30), 800.0, "Core"),    # churn in 2025-07 ...
    ("A4", date(2025, 10, 1), None, 400.0, "Core"),          # ... and reactivation
    ("A5", date(2026, 2, 1), None, 250.0, "Core"),           # new
    ("A6", date(2025, 1, 1), date(2026, 3, 31), 150.0, "Core"),    # churn in 2026-04
]


def subscriptions(rows=SUBSCRIPTIONS) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["account_id", "start_date", "end_date", "mrr", "product"]).assign(
        subscription_id=lambda f: [f"S{k}" for k in range(len(f))])


def months() -> list[date]:
    return [d.date() for d in pd.date_range("2025-01-01", "2026-04-01", freq="MS")]


def mrr_monthly(rows=SUBSCRIPTIONS) -> pd.DataFrame:
    """The same revenue as invoice lines: one row per subscription and month it runs on the last day."""
    out = []
    for account, start, end, mrr, product in rows:
        for month in months():
            last = (pd.Timestamp(month) + pd.offsets.MonthEnd(0)).date()
            if start <= last and (end is None or end >= last):
                out.append((account, month, mrr, product))
    return pd.DataFrame(out, columns=["account_id", "month", "mrr", "product"])


def usage(ids=("A1", "A2", "A3", "A4", "A5", "A6")) -> pd.DataFrame:
    out = []
    for k, account in enumerate(ids):
        for j, month in enumerate(months()):
            out += [(account, month, "logins", float(10 + j + k)), (account, month, "active_users", float(3 + k)),
                    (account, month, "seats", 10.0), (account, month, "features_used", float(2 + j % 3))]
    return pd.DataFrame(out, columns=["account_id", "month", "metric", "value"])


def churn_reasons(ids=("A2", "A4", "A6")) -> pd.DataFrame:
    known = {"A2": (date(2025, 12, 31), "Budget", "Rival Inc"), "A4": (date(2025, 6, 30), "Product gap", None),
             "A6": (date(2026, 3, 31), "Champion left", "Rival Inc")}
    rows = [(a, *known[a]) for a in ids if a in known]
    frame = pd.DataFrame(rows, columns=["account_id", "churn_date", "primary_reason", "competitor"])
    return frame.assign(notes="Asked for a discount", preventable=True, budget_ok=False, authority_ok=True,
                        needs_ok=True, timeframe_ok=True, competitor_ok=False)


def team() -> pd.DataFrame:
    return pd.DataFrame({"csm": ["Aiko Sato", "Ben Ito"], "segment": ["Enterprise", "SMB"],
                         "annual_cost": [120_000.0, 90_000.0], "capacity_accounts": [3.0, 5.0]})


def full(**skip) -> dict[str, pd.DataFrame]:
    tables = {"accounts": accounts(), "subscriptions": subscriptions(), "usage": usage(),
              "churn_reasons": churn_reasons(), "team": team()}
    return {name: frame for name, frame in tables.items() if not skip.get(name)}


NO_CHURN = [row for row in SUBSCRIPTIONS if row[2] is None]
NO_EXPANSION = [row for row in SUBSCRIPTIONS if row[4] != "Add-on" and row[0] != "A3"]

CASES = {
    "full": full(),
    "no_usage": full(usage=True),
    "no_churn_reasons": full(churn_reasons=True),
    "no_team": full(team=True),
    "accounts_without_optional_columns": {**full(), "accounts": accounts(optional=False)},
    "accounts_and_subscriptions_only": full(usage=True, churn_reasons=True, team=True),
    "mrr_monthly": {"accounts": accounts(), "mrr_monthly": mrr_monthly()},
    "no_churn_at_all": {"accounts": accounts(), "subscriptions": subscriptions(NO_CHURN), "usage": usage()},
    "no_expansion_or_contraction": {**full(), "subscriptions": subscriptions(NO_EXPANSION)},
    "one_account": {"accounts": accounts(("A1",)), "subscriptions": subscriptions(SUBSCRIPTIONS[:2]),
                    "usage": usage(("A1",)), "team": team()},
    "one_segment": {**full(), "accounts": accounts(segments=["SMB"] * 6)},
    "accounts_only": {"accounts": accounts()},
    "subscriptions_only": {"subscriptions": subscriptions()},
}


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    """One database per case, built once for the module (pages only read them)."""
    made = {}
    root = tmp_path_factory.mktemp("matrix")
    for name, tables in CASES.items():
        path = root / f"{name}.duckdb"
        con = store.connect(path)
        store.commit(con, [store.Load(table, frame, f"{table}.csv") for table, frame in tables.items()], by=ME)
        con.close()
        made[name] = path
    return made


def shown_text(at) -> list[str]:
    """Every text the run shows as markdown, caption or notice (where empty states are written)."""
    kinds = (at.markdown, at.caption, at.info, at.warning, at.success, at.error)
    return [element.value for kind in kinds for element in kind]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", list(CASES))
def test_every_page_renders(case, lang, databases, monkeypatch):
    at = open_page(databases[case], monkeypatch, lang=lang, timeout=TIMEOUT)
    problems = {}
    texts = {}
    for page in PAGES:
        at.switch_page(f"pages/{page}.py")
        at.run()
        failed = [e.value for e in at.exception] + [e.value for e in at.error]
        if failed or not at.title:
            problems[page] = failed or ["no title"]
        texts[page] = shown_text(at)
    assert not problems, problems
    for page, keys in EMPTY_STATES.get(case, {}).items():
        # escapes and zero-width spaces are how say() shows text, not what it says
        shown = [text.replace("\\", "").replace("\u200b", "") for text in texts[page]]
        for key, values in keys:
            parts = translate(key, lang, **values).split(ANY)
            assert any(all(part in text for part in parts) for text in shown), (page, parts, shown)


ANY = "\x00"  # a value the expectation does not pin (the window's label): the text around it must show


def missing(table: str):
    return ("common.missing_table", {"table": table})


# what a page says when it has nothing to show: (message key, values) pairs that must be on the page
EMPTY_STATES: dict[str, dict[str, list]] = {
    # either revenue table will do, and each page says so
    "accounts_only": {page: [("common.missing_revenue", {})] for page in ("nrr", "cohorts", "health", "coverage",
                                                                          "churn")},
    "no_usage": {"cohorts": [("cohorts.ttv_missing", {}), missing("usage")]},
    "accounts_and_subscriptions_only": {"cohorts": [missing("usage")], "coverage": [missing("team")],
                                        "churn": [missing("churn_reasons")]},
    "no_team": {"coverage": [missing("team")]},
    "no_churn_reasons": {"churn": [missing("churn_reasons")]},
    "no_churn_at_all": {"churn": [("churn.no_churn_window", {"label": ANY})]},
}


# ---- the root of a crash the matrix found ----------------------------------------------------------

def test_bantc_failures_of_a_window_without_churn(databases):
    from dashboard.churn import summary

    con = store.connect(databases["no_churn_at_all"])
    try:
        frame = summary.bantc_failures(con, as_of=date(2026, 2, 1), start=date(2025, 2, 1), end=date(2026, 2, 1))
    finally:
        con.close()
    expected = pd.DataFrame({"check": ["budget", "authority", "needs", "timeframe", "competitor"],
                             "failed": [0] * 5, "checked": [0] * 5, "share_failed": [float("nan")] * 5,
                             "arr_lost": [0.0] * 5})
    pd.testing.assert_frame_equal(frame, expected)


# ---- a broken current version: every page still renders, the Data page can undo it ----------------

def broken_version(path, kind: str) -> None:
    """Version 2, made directly with SQL as no load path would: its subscriptions hold a value DuckDB
    cannot cast to the schema's decimal ("bad_cast"), or are listed but missing ("missing_table")."""
    con = store.connect(path)
    try:
        store.commit(con, [store.Load(t, f, f"{t}.csv") for t, f in CASES["full"].items()], by=ME)
        cur = con.cursor()
        cur.execute(f"CREATE SCHEMA {store.schema_name(2)}")
        for name in store.version_tables(con, 1)["table"]:
            if name != "subscriptions":
                cur.execute(f"CREATE VIEW {store.schema_name(2)}.{store.quote(name)} AS "
                            f"SELECT * FROM {store.schema_name(1)}.{store.quote(name)}")
        if kind == "bad_cast":
            cur.execute(f"""CREATE VIEW {store.schema_name(2)}.subscriptions AS
                SELECT * REPLACE (CAST(CASE WHEN account_id = 'A1' THEN '1e308' ELSE CAST(mrr AS VARCHAR) END
                                  AS DECIMAL(38, 6)) AS mrr)
                FROM {store.schema_name(1)}.subscriptions""")
        cur.execute("INSERT INTO meta.versions VALUES (2, current_timestamp, 'upload', 'broken.csv', '')")
        cur.execute("INSERT INTO meta.version_tables SELECT 2, table_name, "
                    "CASE WHEN table_name = 'subscriptions' THEN 2 ELSE home_version END, rows, source_file "
                    "FROM meta.version_tables WHERE version = 1")
        cur.execute("INSERT OR REPLACE INTO meta.current VALUES (1, 2)")
        cur.close()
    finally:
        con.close()


@pytest.mark.parametrize("kind", ["bad_cast", "missing_table"])
def test_a_broken_version_is_undone_from_the_data_page(kind, tmp_path, monkeypatch):
    db = tmp_path / "broken.duckdb"
    broken_version(db, kind)
    at = open_page(db, monkeypatch, lang="en", timeout=TIMEOUT)
    failed_parts = translate("common.page_failed", "en", error=ANY).split(ANY)
    for page in [page for page in PAGES if page != "data"]:
        at.switch_page(f"pages/{page}.py")
        at.run()
        assert not at.exception, (page, [e.value for e in at.exception])
        errors = [e.value.replace("\\", "") for e in at.error]
        assert any(all(part in text for part in failed_parts) for text in errors), (page, errors)
        links = [link.proto.page for link in at.get("page_link")]  # url paths of the linked pages
        assert "data" in links, (page, links)

    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="loader.rollback_target").options == ["2", "1"]
    roll_back_in_app(at, db, 1)
    at.switch_page("pages/nrr.py")
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
