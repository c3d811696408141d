"""The NRR page in a real browser: tiles and waterfall, a click on a bar drills into its accounts,
the keyboard picker, presentation mode. Screenshots go to test-artifacts/nrr-*.png."""

from __future__ import annotations

from urllib.parse import urlparse

from tests.e2e.conftest import shot, wait_idle


def click_bar(page, index: int) -> None:
    """Click the middle of waterfall bar ``index`` (plotly's drag layer receives the real click)."""
    bar = page.locator(".js-plotly-plot").first.locator(".barlayer .point path").nth(index)
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    assert box and box["height"] > 2, f"bar {index} is not drawn: {box}"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_nrr_page_drill_down_and_presentation(app_server, page):
    page.goto(app_server["url"] + "/nrr")
    wait_idle(page, 120_000)
    page.get_by_text("Revenue bridge", exact=True).wait_for()
    tiles = page.locator("[data-testid='stMetric']")
    tiles.nth(3).wait_for()
    assert tiles.count() == 4
    assert tiles.first.inner_text().startswith("NRR")
    page.locator(".js-plotly-plot .barlayer .point").nth(7).wait_for()
    assert page.get_by_text("Page not found").count() == 0  # /nrr is a real address, shareable as a link
    shot(page, "nrr-01-page")

    # change the window to a quarter
    kind = page.locator("[data-testid='stSelectbox']").filter(has_text="Window").locator("input")
    kind.fill("Quarter")
    kind.press("Enter")
    wait_idle(page)
    periods = page.get_by_role("combobox", name="Period")
    page.wait_for_function("() => document.querySelectorAll('input[aria-label=\"Period\"]').length === 1")
    assert "-Q" in periods.input_value()

    # drill-down by clicking a bar: the picker follows and the table lists its accounts (the value axis
    # starts at 0, so a quarter's churn is a sliver: click the retained bar, reach churn with the picker)
    click_bar(page, 4)
    wait_idle(page)
    page.get_by_text("accounts in Retained").wait_for()
    picker = page.locator("[data-testid='stSelectbox']").filter(has_text="Bar").locator("input")
    assert picker.input_value() == "Retained"

    page.get_by_text("Accounts behind a bar").scroll_into_view_if_needed()
    shot(page, "nrr-02-drill-retained")

    # the keyboard-friendly picker reaches every bar, slivers included
    picker.fill("Expansion")
    picker.press("Enter")
    wait_idle(page)
    page.get_by_text("accounts in Expansion").wait_for()

    # trend and split sections, split by product (with its note on the unit)
    page.get_by_text("NRR and GRR over time", exact=True).scroll_into_view_if_needed()
    shot(page, "nrr-05-trend")
    split_by = page.locator("[data-testid='stButtonGroup']").filter(has_text="Industry")
    split_by.locator("button").filter(has_text="Product").click()
    wait_idle(page)
    page.get_by_text("the unit is account x product").scroll_into_view_if_needed()
    shot(page, "nrr-06-split-product")

    page.evaluate("window.scrollTo(0, 0)")
    page.get_by_text("Presentation mode").click()
    wait_idle(page)
    page.locator("[data-testid='stSelectbox']").filter(has_text="Period").wait_for(state="detached")
    page.locator("[data-testid='stSidebar']").wait_for(state="hidden")  # the as-of control goes too
    value = page.locator("[data-testid='stMetricValue']").first
    assert float(value.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 48  # enlarged tiles
    page.locator("[data-testid='stMain'] [data-testid='stCaptionContainer']").filter(has_text="Window").filter(
        has_text="-Q").wait_for()  # the quarter is kept
    page.locator(".js-plotly-plot .barlayer .point").nth(7).wait_for()
    shot(page, "nrr-03-presentation")
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    shot(page, "nrr-04-presentation-chart")

    page.get_by_text("Presentation mode").click()
    wait_idle(page)
    assert "-Q" in page.get_by_role("combobox", name="Period").input_value()  # controls reopen as left


def test_the_home_address_opens_the_nrr_page_at_its_own_address(app_server, page):
    page.goto(app_server["url"] + "/")
    wait_idle(page, 120_000)
    page.get_by_text("Revenue bridge", exact=True).wait_for()
    assert urlparse(page.url).path.rstrip("/").endswith("/nrr")  # with the view's parameters after it
    assert page.get_by_text("Page not found").count() == 0
