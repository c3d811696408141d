"""The Data page in a real browser: upload a Shift_JIS CSV with Japanese headers, confirm the
mapping, commit, see the new version; a bad file is refused with its row and column."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import shot, wait_idle

JAPANESE_ACCOUNTS = (
    "顧客ID,社名,セグメント,担当CSM,従業員数\r\n"
    "000901,株式会社テスト商事,Enterprise,佐藤 花子,1200\r\n"
    "000902,さくら物流株式会社,SMB,,45\r\n"
    "000903,Northwind Japan,Mid-Market,田中 一郎,300\r\n"
)
BAD_SUBSCRIPTIONS = (
    "顧客ID,開始日,月額\r\n"
    "000901,2024/1/5,\"￥120,000\"\r\n"
    "000902,2024/13/45,8000\r\n"
)


def upload(page, path) -> None:
    # After a commit the uploader is replaced by a fresh one; wait until the old one is gone.
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stFileUploaderDropzoneInput\"]').length === 1")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
    wait_idle(page)


def test_upload_cp932_accounts_then_refuse_a_bad_file(app_server, page, tmp_path):
    page.goto(app_server["url"] + "/data")
    wait_idle(page, 120_000)
    page.get_by_text("Dataset version 1").wait_for()
    page.get_by_text("Sample data").first.wait_for()

    good = tmp_path / "顧客一覧.csv"
    good.write_bytes(JAPANESE_ACCOUNTS.encode("cp932"))
    upload(page, good)
    page.get_by_text("encoding Shift_JIS (CP932)").wait_for()
    # the suggested mapping shows the Japanese header under the canonical column
    mapping = page.locator("[data-testid='stSelectbox']")
    # (Streamlit's select is a combobox: the chosen option is the input's value)
    assert mapping.filter(has_text="account_id *").first.locator("input").input_value() == "顧客ID"
    assert mapping.filter(has_text="account_name").first.locator("input").input_value() == "社名"
    shot(page, "data-01-mapping")
    page.get_by_role("button", name="Check the file").click()
    wait_idle(page)
    page.get_by_text("3 rows are ready to load").wait_for()
    # the first own file starts a dataset of its own: the page says the sample stays behind
    page.get_by_text("This is your first own file").wait_for()
    page.get_by_role("button", name="Save as a new version").click()
    wait_idle(page)
    page.get_by_text("Saved as version 2.").wait_for()
    page.get_by_text("Dataset version 2").wait_for()
    expect(page.get_by_text("Sample data")).to_have_count(0)
    shot(page, "data-02-committed")

    bad = tmp_path / "契約.csv"
    bad.write_bytes(BAD_SUBSCRIPTIONS.encode("cp932"))
    upload(page, bad)
    page.get_by_role("button", name="Check the file").click()
    wait_idle(page)
    page.get_by_text("Problems block this load").wait_for()
    problems = page.locator("[data-testid='stText']").first.inner_text()
    assert "契約.csv row 3 column start_date" in problems
    assert page.get_by_role("button", name="Save as a new version").count() == 0
    page.get_by_text("Dataset version 2").wait_for()
    shot(page, "data-03-refused")

    # an invoice-line export with a credit note loads; the NRR page then shows the user's own revenue
    lines = tmp_path / "invoice_lines.csv"
    lines.write_text("Customer Number,Customer,Invoice Month,Line Amount\n"
                     "000901,山田商事,2024-01-15,1200\n000901,山田商事,2024-01-31,-200\n"
                     "000902,Blue Harbor,2024-01-10,500\n000901,山田商事,2024-02-15,1000\n"
                     "000902,Blue Harbor,2024-02-10,800\n", encoding="utf-8")
    upload(page, lines)
    wait_idle(page)
    box = page.locator("[data-testid='stSelectbox']").filter(has_text="Load it as").first.locator("input")
    if box.input_value() != "mrr_monthly":
        # typed, as the other browser tests pick options: a click on the list can land mid-rerun
        box.fill("mrr_monthly")
        box.press("Enter")
        wait_idle(page)
        page.wait_for_function("() => [...document.querySelectorAll('[data-testid=\"stSelectbox\"]')].some("
                               "e => e.innerText.includes('Load it as') && e.querySelector('input').value === "
                               "'mrr_monthly')", timeout=30_000)
    page.get_by_role("button", name="Check the file").click()
    wait_idle(page)
    shot(page, "data-04-invoice-checked")
    page.get_by_text("5 rows are ready to load").wait_for()
    page.get_by_role("button", name="Save as a new version").click()
    wait_idle(page)
    page.get_by_text("Dataset version 3").wait_for()
    page.goto(app_server["url"] + "/")
    wait_idle(page, 120_000)
    page.get_by_text("Ending ARR").first.wait_for()
    shot(page, "data-04-own-revenue-nrr")
