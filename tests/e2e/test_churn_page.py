"""The Churn review page in a real browser: the analysis, then the all-hands retrospective walked
three accounts deep with names anonymised (no real account name anywhere on screen), a learning
typed and saved, and found again after a reload."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard import sample
from tests.e2e.conftest import shot, wait_idle

LEARNING = "Usage fell for two quarters before anyone called"


@pytest.fixture(scope="module")
def real_names() -> set[str]:
    """Every account name of the sample company the app loads on its first start."""
    return set(sample.generate()["accounts"]["account_name"].dropna())


def body_text(page) -> str:
    return page.locator("body").inner_text()


def names_on_screen(page, names: set[str]) -> list[str]:
    text = body_text(page)
    return sorted(name for name in names if name in text)


def assert_no_names(page, names: set[str]) -> None:
    """No real name once the run has settled (Streamlit keeps the previous run's elements on screen
    until the new run replaces them, so the check waits for that), and still none a moment later."""
    wait_idle(page)
    for _ in range(40):
        if not names_on_screen(page, names):
            break
        page.wait_for_timeout(250)
    wait_idle(page)
    assert names_on_screen(page, names) == []


def tall_shot(page, name: str) -> None:
    """Streamlit scrolls inside its own container, so a full-page shot needs a viewport as tall as
    the page; charts and buttons redraw after the resize, hence the pause."""
    height = page.locator("[data-testid='stMainBlockContainer']").evaluate("e => e.scrollHeight")
    page.set_viewport_size({"width": 1440, "height": min(int(height) + 200, 14000)})
    wait_idle(page)
    page.wait_for_timeout(2500)
    shot(page, name)
    page.set_viewport_size({"width": 1440, "height": 1000})
    wait_idle(page)


def toggle(page, label: str) -> None:
    page.locator("[data-testid='stCheckbox']").filter(has_text=label).locator("label").first.click()
    wait_idle(page)


def start_retro(page) -> None:
    toggle(page, "Retrospective mode")
    page.get_by_text("Ordered by ARR lost, biggest first.").wait_for()


def test_retrospective_walk_anonymised_and_learning_kept(app_server, page, real_names):
    page.goto(app_server["url"] + "/churn")
    wait_idle(page, 180_000)
    page.get_by_text("Churned logos").first.wait_for()
    page.get_by_text("Why customers left").wait_for()
    tall_shot(page, "churn-01-page")

    start_retro(page)
    page.get_by_text("1 of ").first.wait_for()
    # without anonymising, the first account's real name is on screen (so the check below can fail)
    for _ in range(40):
        if names_on_screen(page, real_names):
            break
        page.wait_for_timeout(250)
    assert names_on_screen(page, real_names)
    toggle(page, "Anonymise names")
    for position, letter in enumerate("ABC", start=1):
        page.get_by_role("heading", name=f"Customer {letter}", exact=True).wait_for()
        page.get_by_text(f"{position} of ").first.wait_for()
        assert_no_names(page, real_names)
        tall_shot(page, f"churn-0{position + 1}-retro-{letter}")
        if position < 3:
            page.get_by_role("button", name="Next").click()
            wait_idle(page)

    page.get_by_label("Learnings").fill(LEARNING)
    page.get_by_label("Action items").fill("CSM alert after two Poor months")
    page.get_by_role("button", name="Save").click()
    wait_idle(page)
    page.get_by_text("Saved. It will be here next time.").wait_for()

    page.reload()
    wait_idle(page, 120_000)
    # the address keeps the view (issue 16): the retrospective, names hidden, on the third card
    page.get_by_role("heading", name="Customer C", exact=True).wait_for()
    # On a loaded machine the previous screen's (empty) box can stay drawn below this one for a while
    # (seen in CI, not alone); the saved learning must be in this screen's box.
    kept = page.get_by_label("Learnings").filter(has_text=LEARNING)
    expect(kept).to_have_count(1, timeout=60_000)
    expect(kept).to_have_value(LEARNING)
    assert_no_names(page, real_names)
    tall_shot(page, "churn-05-learning-after-reload")
    toggle(page, "Retrospective mode")
    page.get_by_text("Retrospective learnings").wait_for()
