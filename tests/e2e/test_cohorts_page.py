"""The Cohort retention page in a real browser: the triangle renders, switching to net revenue
retention by quarter redraws it, and the time-to-value section is there."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import open_lazy_expander, shot, wait_idle


def test_cohort_page_switches_metric_and_grain(app_server, page):
    page.goto(app_server["url"] + "/cohorts")
    wait_idle(page, 180_000)
    page.get_by_role("heading", name="Retention triangle").wait_for()
    # plotly draws a heatmap as one image inside a g.hm layer
    page.locator("[data-testid='stPlotlyChart'] g.hm image").first.wait_for()
    page.get_by_text("After 12 months, the average cohort keeps").wait_for()
    shot(page, "cohorts-01-logo-month")

    page.get_by_text("Net revenue retention", exact=True).first.click()
    wait_idle(page)
    page.get_by_text("(Net revenue retention)").first.wait_for()
    page.get_by_text("Quarter", exact=True).first.click()
    wait_idle(page)
    page.get_by_text("After 4 quarters, the average cohort keeps").wait_for()
    page.get_by_role("heading", name="Time to value").wait_for()
    # the rerun's stale charts leave the page a moment after the new ones are drawn: wait for exactly three
    expect(page.locator("[data-testid='stPlotlyChart']")).to_have_count(3, timeout=30_000)
    shot(page, "cohorts-02-net-quarter")

    # hovering a cell shows the cohort size, active accounts and MRR
    heatmap = page.locator("[data-testid='stPlotlyChart']").first
    box = heatmap.locator(".nsewdrag").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.05, box["y"] + box["height"] * 0.1)
    page.locator(".hoverlayer .hovertext").first.wait_for()
    hover = page.locator(".hoverlayer").first.text_content()  # SVG: no inner_text
    assert "Cohort size" in hover and "Active accounts" in hover and "MRR" in hover
    shot(page, "cohorts-03-hover")

    # the sections below the triangle (Streamlit scrolls its main block, not the page)
    page.mouse.move(5, 5)
    page.get_by_role("heading", name="Retention curves").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    shot(page, "cohorts-04-curves")
    page.get_by_role("heading", name="Time to value").scroll_into_view_if_needed()
    page.get_by_text("deployment within 0-1 months").wait_for()
    page.wait_for_timeout(500)
    shot(page, "cohorts-05-time-to-value")

    # the per-account list is built only when its expander opens, and then lists accounts
    open_lazy_expander(page, "Accounts by time to value", 1)
    shot(page, "cohorts-06-time-to-value-accounts")
