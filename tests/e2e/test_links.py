"""Links to a view in a real browser: a link pasted into the address bar opens the NRR page in the state
it names, the address follows a widget moved (a fragment's rerun included), a broken link says what it
ignored, and the navigation opens another page with its own address. Screenshots: test-artifacts/links-*.png."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.e2e.conftest import shot, wait_idle

LONG = 60_000  # a page's run on a busy machine (expect's own default is 5 s)


def params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_a_link_opens_the_view_it_names(app_server, page):
    year = date.today().year - 1  # a complete quarter the sample company covers
    page.goto(app_server["url"] + f"/nrr?unit=MRR&window=quarter&period={year}-06&split=csm&drill=expansion")
    wait_idle(page, 180_000)
    page.get_by_text(f"Window {year}-Q2: the cohort is the accounts paying in {year}-03; compared with "
                     f"{year}-06.").wait_for()
    expect(page.get_by_role("combobox", name="Window")).to_have_value("Quarter", timeout=LONG)
    expect(page.get_by_role("combobox", name="Period")).to_have_value(f"{year}-Q2", timeout=LONG)
    expect(page.get_by_role("radio", name="MRR", exact=True)).to_be_checked(timeout=LONG)  # the unit's segmented control
    expect(page.locator("[data-testid='stMetric']").nth(2)).to_contain_text("Ending MRR", timeout=LONG)
    expect(page.locator("[data-testid='stSelectbox']").filter(has_text="Bar").locator("input")).to_have_value(
        "Expansion", timeout=LONG)
    page.get_by_text("accounts in Expansion").wait_for()
    expect(page.get_by_role("radio", name="CSM", exact=True)).to_be_checked(timeout=LONG)
    assert page.get_by_text("Not used from this link").count() == 0
    got = params(page)
    assert {k: got[k] for k in ("unit", "window", "period", "split", "drill")} == {
        "unit": ["MRR"], "window": ["quarter"], "period": [f"{year}-06"], "split": ["csm"], "drill": ["expansion"]}
    assert "as_of" in got  # the address now pins the as-of month too
    page.locator(".js-plotly-plot .barlayer .point").nth(7).wait_for()
    shot(page, "links-01-nrr-opened-from-a-link")

    # the split is a fragment: moving it reruns that section alone, and the address follows
    page.get_by_role("heading", name="Split").scroll_into_view_if_needed()
    page.locator("[data-testid='stButtonGroup']").filter(has_text="Industry").locator("button").filter(
        has_text="Region").click()
    wait_idle(page)
    page.wait_for_function("() => location.search.includes('split=region')")
    assert params(page)["unit"] == ["MRR"]
    shot(page, "links-02-split-written-back")

    # the navigation opens another page at its own address: the NRR parameters do not follow
    page.locator("[data-testid='stSidebarNav']").get_by_text("Cohort retention").click()
    wait_idle(page, 120_000)
    page.get_by_role("heading", name="Retention triangle").wait_for()
    page.wait_for_function("() => location.pathname.endsWith('/cohorts') && location.search.includes('as_of=')")
    assert not {"unit", "split", "drill", "window"} & set(params(page))


def test_a_broken_link_says_what_it_ignored(app_server, page):
    page.goto(app_server["url"] + "/cohorts?metric=net&grain=quarter&segment=Enterprise&segment=Nope&unit=EUR")
    wait_idle(page, 180_000)
    notice = page.locator("[data-testid='stAlert']").filter(has_text="Not used from this link")
    expect(notice).to_contain_text("segment=Nope, unit=EUR", timeout=LONG)
    expect(page.get_by_role("radio", name="Net revenue retention")).to_be_checked(timeout=LONG)
    expect(page.get_by_role("radio", name="Quarter")).to_be_checked(timeout=LONG)
    page.get_by_text("After 4 quarters, the average cohort keeps").wait_for()
    page.wait_for_function("() => !location.search.includes('Nope') && !location.search.includes('unit=')")
    assert params(page)["segment"] == ["Enterprise"]
    # the filter the link set is in view: the filters box opens with it
    segments = page.locator("[data-testid='stMultiSelect']").filter(has_text="Segment")
    expect(segments.get_by_text("Enterprise", exact=True)).to_be_visible(timeout=LONG)
    shot(page, "links-03-cohorts-broken-link")
