"""The NRR page in a real browser: tiles and waterfall, drill-down to accounts, presentation mode."""

from __future__ import annotations

from tests.e2e.conftest import shot, wait_idle


def test_nrr_page_drill_down_and_presentation(app_server, page):
    page.goto(app_server["url"] + "/nrr")
    wait_idle(page, 120_000)
    page.get_by_text("Revenue bridge", exact=True).wait_for()
    tiles = page.locator("[data-testid='stMetric']")
    tiles.nth(3).wait_for()
    assert tiles.count() == 4
    assert tiles.first.inner_text().startswith("NRR")
    page.locator(".js-plotly-plot").first.wait_for()
    shot(page, "nrr-01-page")

    # change the window to a quarter
    kind = page.locator("[data-testid='stSelectbox']").filter(has_text="Window").locator("input")
    kind.fill("Quarter")
    kind.press("Enter")
    wait_idle(page)
    periods = page.get_by_role("combobox", name="Period")
    page.wait_for_function("() => document.querySelectorAll('input[aria-label=\"Period\"]').length === 1")
    assert "-Q" in periods.input_value()

    # drill-down: pick the churn bar with the keyboard-friendly picker
    picker = page.locator("[data-testid='stSelectbox']").filter(has_text="Bar").locator("input")
    picker.scroll_into_view_if_needed()
    picker.fill("Churn")
    picker.press("Enter")
    wait_idle(page)
    page.get_by_text("accounts in Churn").wait_for()
    shot(page, "nrr-02-drill-churn")

    page.get_by_text("Presentation mode").click()
    wait_idle(page)
    page.locator("[data-testid='stSelectbox']").filter(has_text="Period").wait_for(state="detached")
    page.locator("h1").filter(has_text="%").first.wait_for()  # the enlarged NRR figure
    assert page.locator("[data-testid='stMetric']").count() == 0  # tiles are drawn large instead
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "nrr-03-presentation")
