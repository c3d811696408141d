"""The Health page in a real browser: moving a weight slider changes the band counts at once, saving
makes the configuration active, and it is still active after a reload."""

from __future__ import annotations

from tests.e2e.conftest import open_lazy_expander, shot, wait_idle


def band_counts(page) -> dict[str, str]:
    counts = {}
    for band in ("Good", "Neutral", "Poor"):
        metric = page.locator("[data-testid='stMetric']").filter(
            has=page.locator("[data-testid='stMetricLabel']", has_text=band)).first
        counts[band] = metric.locator("[data-testid='stMetricValue']").inner_text()
    return counts


def test_weight_slider_rescores_and_saved_configuration_stays_active(app_server, page):
    page.goto(app_server["url"] + "/health")
    wait_idle(page, 180_000)
    page.get_by_role("heading", name="Accounts by band").wait_for()
    page.locator("[data-testid='stPlotlyChart']").first.wait_for()
    before = band_counts(page)
    shot(page, "health-01-default")

    slider = page.locator("[data-testid='stSlider']").filter(has_text="Seat utilisation").first
    slider.get_by_role("slider").focus()
    page.keyboard.press("Home")  # weight 0
    wait_idle(page)
    page.wait_for_function(
        "(before) => [...document.querySelectorAll('[data-testid=\"stMetricValue\"]')].slice(0, 3)"
        ".map(e => e.innerText).join('|') !== before", arg="|".join(before.values()))
    after = band_counts(page)
    assert after != before
    assert slider.locator("[data-testid='stSliderThumbValue']").inner_text() == "0"
    shot(page, "health-02-seat-weight-zero")
    page.locator("[data-testid='stPlotlyChart']").first.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    shot(page, "health-03-distribution")

    page.get_by_role("heading", name="Does the score predict churn?").scroll_into_view_if_needed()
    page.get_by_text("ROC AUC of the score").first.wait_for()
    page.wait_for_timeout(500)
    shot(page, "health-04-backtest")

    # the back-test tables are built only when their expander opens; then they list the bands
    open_lazy_expander(page, "Back-test tables", 3)
    shot(page, "health-04b-backtest-tables")

    page.get_by_text("Why this score: points per measure").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    shot(page, "health-05-account")

    page.get_by_role("heading", name="Saved configurations").scroll_into_view_if_needed()
    page.get_by_label("Configuration name").fill("Browser tuned")
    page.get_by_label("Configuration name").press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="Save", exact=True).click()
    wait_idle(page)
    page.get_by_text("Saved Browser tuned version 1; it is now active.").wait_for()
    shot(page, "health-06-saved")

    page.reload()
    wait_idle(page, 180_000)
    page.get_by_role("heading", name="Saved configurations").wait_for()
    page.get_by_text("Active: Browser tuned version 1").wait_for()
    assert band_counts(page) == after  # the page starts from the active configuration
    slider = page.locator("[data-testid='stSlider']").filter(has_text="Seat utilisation").first
    assert slider.locator("[data-testid='stSliderThumbValue']").inner_text() == "0"
    shot(page, "health-07-reloaded")


def weight_values(page) -> list[str]:
    box = page.locator("[data-testid='stSlider']").filter(has=page.locator("[data-testid='stSliderThumbValue']"))
    return box.locator("[data-testid='stSliderThumbValue']").all_inner_texts()


def test_backtest_controls_rerun_it_alone_and_an_applied_suggestion_moves_the_sliders(app_server, page):
    import re

    page.goto(app_server["url"] + "/health")
    wait_idle(page, 180_000)
    page.get_by_text("ROC AUC of the score").first.wait_for()
    page.get_by_text(re.compile(r"within 6 months")).first.wait_for()
    before = band_counts(page)

    # the horizon is the back-test's own control: its finding follows, the bands above stay as they were
    horizon = page.locator("[data-testid='stSlider']").filter(has_text="Horizon (months)").first
    horizon.get_by_role("slider").focus()
    page.keyboard.press("ArrowRight")
    wait_idle(page)
    page.get_by_text(re.compile(r"within 7 months")).first.wait_for()
    assert band_counts(page) == before
    shot(page, "health-08-horizon-7")
    weights = weight_values(page)  # every slider's value, the back-test's own too

    # applying the suggested weights reruns the whole page: the weight sliders above show them
    page.get_by_role("button", name=re.compile(r"^Fit weights for")).click()
    wait_idle(page)
    page.get_by_role("button", name="Apply suggested weights").click()
    wait_idle(page)
    page.wait_for_function("(before) => [...document.querySelectorAll('[data-testid=\"stSliderThumbValue\"]')]"
                           ".map(e => e.innerText).join('|') !== before", arg="|".join(weights), timeout=60_000)
    assert weight_values(page) != weights
    page.get_by_text(re.compile(r"within 7 months")).first.wait_for()  # the back-test kept its horizon
    shot(page, "health-09-suggestion-applied")
