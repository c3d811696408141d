"""A Japanese company's exports (tests/jp_export.py: a CP932 customer list, a contract workbook with a
note sheet, yyyy/mm/dd dates and yen, a churn-reason CSV with a BOM; 7,043 customers, 1,869 churned on
the data's last day) loaded through the Data page with the suggested mapping untouched; then the NRR,
Churn, Cohort, Health and Coverage pages checked against the hand counts of the files, in English and
in Japanese (yen as 円 after the sidebar's currency suggestion). Screenshots: test-artifacts/jp-export-*.png."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from tests.e2e.conftest import shot, wait_idle
from tests.jp_export import write_export

FILES = (  # file, the table it goes to, the headers the suggested mapping must use
    ("顧客一覧.csv", "accounts", ("顧客ID", "社名", "セグメント", "業種", "地域", "担当CSM", "従業員数", "登録日")),
    ("契約一覧.xlsx", "subscriptions", ("契約ID", "顧客ID", "商品", "開始日", "終了日", "月額（円）")),
    ("解約理由.csv", "churn_reasons", ("顧客ID", "解約日", "主な理由", "競合", "備考")),
)
JAN, DEC, YEAR_BEFORE = dt.date(2025, 1, 1), dt.date(2024, 12, 1), dt.date(2024, 1, 1)
UNITS = {"en": ((10**3, "K"), (10**6, "M"), (10**9, "B"), (10**12, "T")),
         "ja": ((10**4, "万"), (10**8, "億"), (10**12, "兆"))}


def money(value: float, lang: str, *, compact: bool = False) -> str:
    """An amount as the page should write it: $ in English (the default display currency), 円 in
    Japanese once JPY is chosen; compact one decimal below 100 of a unit (16.5億円, $1.7B)."""
    text = f"{int(value):,}"
    if compact:
        for threshold, suffix in reversed(UNITS[lang]):
            if value >= threshold:
                shown = Decimal(value) / threshold
                shown = shown.quantize(Decimal("0.1") if shown < 100 else Decimal(1), rounding=ROUND_HALF_UP)
                text = f"{shown:,}{suffix}"
                break
    return f"{text}円" if lang == "ja" else f"${text}"


def share(part: float, whole: float, digits: int = 1) -> str:
    value = (Decimal(part) / Decimal(whole) * 100).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return f"{value}%"


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    folder = tmp_path_factory.mktemp("jp-export")
    return folder, write_export(folder)


def main_select_values(page) -> list[str]:
    """The main area's select boxes, read in one go in the browser: a rerun that adds or removes a box
    between reads would leave an nth locator pointing at nothing."""
    return page.locator("[data-testid='stMain'] [data-testid='stSelectbox'] input").evaluate_all(
        "boxes => boxes.map(box => box.value)")


def pick(page, label: str, option: str, *, where: str = "stMain") -> None:
    """Choose an option by typing it, as a keyboard user does (a click on the list can land mid-rerun)."""
    box = page.locator(f"[data-testid='{where}'] [data-testid='stSelectbox']").filter(has_text=label).first.locator("input")
    box.click()
    box.fill(option)
    box.press("Enter")
    wait_idle(page)


def metrics(page, n: int) -> list[str]:
    """The values of the page's first ``n`` metric tiles."""
    tiles = page.locator("[data-testid='stMain'] [data-testid='stMetricValue']")
    tiles.nth(n - 1).wait_for()
    return [tiles.nth(i).inner_text() for i in range(n)]


def see(page, *snippets: str, timeout: float = 60_000) -> None:
    """Wait until every snippet is on the page (Streamlit keeps the old run's elements until it redraws)."""
    for snippet in snippets:
        page.locator("[data-testid='stMain']").get_by_text(snippet, exact=False).first.wait_for(timeout=timeout)


def tall_shot(page, name: str) -> None:
    """Streamlit scrolls inside its own container: a full-page shot needs a viewport as tall as the page."""
    height = page.locator("[data-testid='stMainBlockContainer']").evaluate("e => e.scrollHeight")
    page.set_viewport_size({"width": 1440, "height": min(int(height) + 200, 12000)})
    wait_idle(page)
    page.wait_for_timeout(1500)
    shot(page, name)
    page.set_viewport_size({"width": 1440, "height": 1000})
    wait_idle(page)


def go(page, url_path: str) -> None:
    """Follow the sidebar link (a new address would start a new session and forget the language)."""
    page.locator(f"[data-testid='stSidebarNav'] a[href$='/{url_path}']").click()
    wait_idle(page, 120_000)


def upload(page, path) -> None:
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stFileUploaderDropzoneInput\"]').length === 1")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
    wait_idle(page)


def load_files(page, folder, counts) -> None:
    rows = {"accounts": counts.customers, "subscriptions": len(counts.contracts), "churn_reasons": counts.churned}
    for version, (name, table, headers) in enumerate(FILES, start=2):
        upload(page, folder / name)
        page.get_by_role("button", name="Check the file").wait_for()
        see(page, f"{name}: {rows[table]:,} data rows")
        values = main_select_values(page)
        assert values[0] == table, f"{name} is offered for {values[0]}"
        if name.endswith(".xlsx"):
            assert values[1] == "契約", "the sheet picker starts on the contracts sheet, not the note"
        missing = [h for h in headers if h not in values]
        assert not missing, f"{name}: the suggested mapping leaves out {missing}"
        if name == "顧客一覧.csv":
            see(page, "encoding Shift_JIS (CP932)")
        tall_shot(page, f"jp-export-data-{version - 1}-{table}-mapping")
        page.get_by_role("button", name="Check the file").click()
        wait_idle(page)
        see(page, f"{rows[table]:,} rows are ready to load (warnings: 0).")
        page.get_by_role("button", name="Save as a new version").click()
        wait_idle(page)
        see(page, f"Saved as version {version}.")
        # the rollback picker moves to the new version, so "Switch version" cannot undo the load by accident;
        # waiting for it also waits for the old run's mapping selects to go (Streamlit keeps old elements
        # until it redraws, and a file given to the old uploader would be lost)
        page.wait_for_function("v => { const s = [...document.querySelectorAll('[data-testid=\"stMain\"] "
                               "[data-testid=\"stSelectbox\"] input')]; return s.length === 1 && s[0].value === v; }",
                               arg=str(version), timeout=30_000)
    see(page, "No findings: the tables agree with each other.")


def download(page, key: str) -> list[dict]:
    """The rows of the CSV a download button (by its widget key) hands over."""
    # Streamlit marks a keyed widget with the class st-key-<key>, other characters than [a-zA-Z0-9_-] as -
    css = "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key)
    with page.expect_download() as info:
        page.locator(f".{css} button").click()
    return list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8-sig").read())))


def check_nrr(page, counts, lang: str, words: dict) -> None:
    year = counts.bridge(YEAR_BEFORE, JAN)
    retained = year["start"] + year["expansion"] - year["contraction"] - year["churn"]
    grr = year["start"] - year["contraction"] - year["churn"]
    assert metrics(page, 2) == [share(retained, year["start"]), share(grr, year["start"])]
    pick(page, words["bar"], words["churn"])
    see(page, words["drill"].format(bar=words["churn"], count=f"{year['churned_logos']:,}",
                                    amount=money(12 * year["churn"], lang)))
    tall_shot(page, f"jp-export-{lang}-nrr-t12")
    # the month window of the churn: every churned account, at its December MRR
    pick(page, words["window"], words["month"])
    page.wait_for_function("v => [...document.querySelectorAll('[data-testid=\"stMain\"] input')].some(e => e.value === v)",
                           arg="2025-01")
    month = counts.bridge(DEC, JAN)
    assert month["churned_logos"] == counts.churned
    pick(page, words["bar"], words["churn"])
    see(page, words["drill"].format(bar=words["churn"], count=f"{counts.churned:,}",
                                    amount=money(12 * counts.churned_mrr, lang)))
    tall_shot(page, f"jp-export-{lang}-nrr-month")


def check_churn(page, counts, lang: str, words: dict) -> None:
    lost = counts.churn_events(dt.date(2024, 2, 1), JAN)
    see(page, words["churn_tiles"].format(logos=f"{len(lost):,}", arr=money(12 * sum(lost.values()), lang, compact=True)))
    top = max(counts.reason_mrr, key=counts.reason_mrr.get)
    see(page, words["top_reason"].format(reason=top, arr=money(12 * counts.reason_mrr[top], lang, compact=True),
                                         accounts=counts.reasons[top]))
    rows = download(page, "churn.primary_download")
    assert len(rows) == 20 == len(counts.reasons)
    reason, churns, arr = list(rows[0])[:3]
    shown = {row[reason]: (int(row[churns]), round(float(row[arr]))) for row in rows}
    assert shown == {r: (n, 12 * counts.reason_mrr[r]) for r, n in counts.reasons.items()}
    tall_shot(page, f"jp-export-{lang}-churn")


def check_cohorts(page, counts, lang: str, words: dict) -> None:
    assert metrics(page, 2) == [f"{len(counts.cohort_sizes())}", f"{counts.customers:,}"]
    # the default cell is the latest cohort at age 1: its December accounts, still paying in January or not
    cohort = {account for account, first in counts.first_months().items() if first == DEC}
    january = counts.account_mrr(JAN, cohort)
    assert len(cohort) == counts.cohort_sizes()[DEC]
    see(page, words["cohort_cell"].format(active=len(january), total=len(cohort), mrr=money(sum(january.values()), lang),
                                          start=money(counts.mrr(DEC, cohort), lang)))
    tall_shot(page, f"jp-export-{lang}-cohorts")


def check_health(page, counts, lang: str, words: dict) -> None:
    paying = len(counts.account_mrr(JAN))
    see(page, words["health"].format(n=f"{paying:,}"), words["no_usage"])
    assert sum(int(value.replace(",", "")) for value in metrics(page, 3)) == paying  # Good, Neutral, Poor
    tall_shot(page, f"jp-export-{lang}-health")


def check_coverage(page, counts, lang: str, words: dict) -> None:
    by_segment = counts.active_by_segment(JAN)
    arr: dict[str, int] = {}
    for account, mrr in counts.account_mrr(JAN).items():
        arr[counts.segment_of[account]] = arr.get(counts.segment_of[account], 0) + 12 * mrr
    top = max(arr, key=arr.get)
    total = sum(arr.values())
    see(page, words["coverage"].format(accounts=f"{sum(by_segment.values()):,}", arr=money(total, lang, compact=True),
                                       top=top, arr_share=share(arr[top], total, 0),
                                       account_share=share(by_segment[top], sum(by_segment.values()), 0)))
    for segment in by_segment:
        see(page, f"{segment}{words['motion']}")
    tall_shot(page, f"jp-export-{lang}-coverage")


WORDS = {
    "en": dict(bar="Bar", churn="Churn", window="Window", month="Month",
               drill="{count} accounts in {bar}, {amount} ARR in all.",
               churn_tiles="{logos} accounts churned in T12M → 2025-01, taking {arr} of ARR",
               top_reason="\"{reason}\" cost the most ARR: {arr} from {accounts} churns",
               cohort_cell="{active} of {total} accounts active at age 1; MRR {mrr} (was {start}).",
               health="Scores of the {n} accounts paying in 2025-01.", no_usage="No usage table is loaded",
               coverage="{accounts} paying accounts with {arr} ARR fall into 3 segments; {top} holds {arr_share} of "
                        "ARR with {account_share} of the accounts.", motion=": motion"),
    "ja": dict(bar="バー", churn="解約", window="期間", month="月次",
               drill="{bar}：{count} 社、ARR合計 {amount}。",
               churn_tiles="に {logos} 社が解約し、{arr} のARR",
               top_reason="「{reason}」による損失が最大です：{accounts} 件で {arr}",
               cohort_cell="経過1で{total}件中{active}件が継続、MRR {mrr}（開始時 {start}）。",
               health="課金中の{n}社のスコアです。", no_usage="usage テーブルが読み込まれていないため",
               coverage="課金中の{accounts}社（ARR {arr}）が3セグメントに分かれます。{top}が顧客数の{account_share}で"
                        "ARRの{arr_share}を占めます。", motion=": モーション"),
}
PAGES = (("nrr", check_nrr), ("churn", check_churn), ("cohorts", check_cohorts), ("health", check_health),
         ("coverage", check_coverage))


def test_japanese_export_loads_and_every_page_matches_the_hand_count(app_server, page, export):
    folder, counts = export
    page.goto(app_server["url"] + "/data")
    wait_idle(page, 120_000)
    page.get_by_text("Dataset version 1").wait_for()
    load_files(page, folder, counts)
    # the churn ends on 2024-12-31, so the default as-of month is the month it falls in
    sidebar_as_of = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox'] input").first
    assert sidebar_as_of.input_value() == "2025-01"
    tall_shot(page, "jp-export-data-4-loaded")

    for lang in ("en", "ja"):
        if lang == "ja":
            page.locator("[data-testid='stSidebar']").get_by_text("Display settings").click()
            pick(page, "Language", "日本語", where="stSidebar")
            page.locator("[data-testid='stSidebar']").get_by_text("表示設定").wait_for()
            # yen-sized amounts: the sidebar suggests yen in Japanese, and one click switches to it
            page.get_by_role("button", name="金額を JPY で表示").wait_for()
            shot(page, "jp-export-ja-sidebar-currency-hint")
            page.get_by_role("button", name="金額を JPY で表示").click()
            wait_idle(page)
            page.get_by_role("button", name="金額を JPY で表示").wait_for(state="detached")
        for url_path, check in PAGES:
            go(page, url_path)
            check(page, counts, lang, WORDS[lang])

    # the Data page in Japanese: the churn file checked again (not saved), as a Japanese user sees the report
    go(page, "data")
    upload(page, folder / "解約理由.csv")
    page.get_by_role("button", name="検証する").click()
    wait_idle(page)
    see(page, f"{counts.churned:,} 行を読み込めます。警告 0 件。")
    tall_shot(page, "jp-export-ja-data-check")
