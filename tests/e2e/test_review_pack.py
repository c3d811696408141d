"""The retention review in a real browser (issue 16): a CS Ops editor sets the fiscal year's NRR target
and adds a note on the NRR page, sees the gap on the tiles and the note under the trend, then downloads
the review pack and the retrospective deck; the decks open in python-pptx with the page's figures.
Screenshots go to test-artifacts/review-*.png."""

from __future__ import annotations

from pptx import Presentation

from dashboard import loading, store
from dashboard.access import SYSTEM
from tests.e2e.conftest import running_app, shot, wait_idle
from tests.e2e.test_churn_page import toggle


def test_targets_notes_and_the_pack_from_the_page(tmp_path, browser):
    db = tmp_path / "dashboard.duckdb"
    con = store.connect(db)
    loading.load_sample(con, by=SYSTEM)
    con.close()
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="en-US", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(90_000)
    with running_app(db) as url:
        page.goto(url + "/nrr")
        wait_idle(page, 120_000)
        page.get_by_text("Revenue bridge", exact=True).wait_for()
        page.get_by_text("No target for FY2026").first.wait_for()

        # the target: FY2026 at 110%, whole book
        page.get_by_text("Targets (plan against actual)").click()
        wait_idle(page)  # the expander's form is drawn by the rerun its opening starts: type into that one
        form = page.locator("[data-testid='stForm']").filter(has_text="NRR target")
        form.get_by_label("NRR target").fill("110")
        form.get_by_label("GRR target").fill("92")
        form.get_by_role("button", name="Save").click()
        wait_idle(page)
        page.get_by_text("Target 110.0% · -4.8 pts").wait_for()
        page.get_by_text("Below target: NRR 105.2% against the FY2026 target of 110.0% (-4.8 pts).").wait_for()

        # a note on the timeline: a price change on 1 April 2026
        page.get_by_text("Notes on the timeline", exact=True).click()
        wait_idle(page)
        notes = page.locator("[data-testid='stForm']").filter(has_text="Note")
        for part, typed in (("year", "2026"), ("month", "04"), ("day", "01")):  # the date field's segments
            notes.get_by_role("spinbutton", name=f"{part}, Date (or first day)").click()
            page.keyboard.type(typed)
        notes.get_by_label("Note", exact=True).fill("Price change: Pro plan +15%")
        notes.get_by_role("button", name="Save").click()
        wait_idle(page)
        listed = page.get_by_text("[1] 2026-04-01: Price change: Pro plan +15%")
        listed.wait_for()
        listed.scroll_into_view_if_needed()
        page.locator(".js-plotly-plot").nth(1).get_by_text("[1]").wait_for()  # the mark on the trend
        page.wait_for_timeout(4500)  # the "Note saved." toast covers the top of the chart until it goes
        shot(page, "review-01-trend-target-note")

        # the review pack: the page's window, its findings as titles
        with page.expect_download() as pressed:
            page.get_by_role("button", name="Review pack (PowerPoint)").click()
        download = pressed.value
        assert download.suggested_filename == "retention_review_trailing_12_2025-10_2026-10_asof_2026-10.pptx"
        path = tmp_path / download.suggested_filename
        download.save_as(path)
        slides = list(Presentation(str(path)).slides)
        assert slides[1].shapes.title.text.endswith("Below target: NRR 105.2% against the FY2026 target of 110.0% (-4.8 pts).")
        figures = [s.text_frame.text for s in slides[1].shapes if s.has_text_frame]
        assert any(f.startswith("NRR\n105.2%") for f in figures)
        assert slides[-1].shapes.title.text == "Notes on the timeline, 2025-10 to 2026-10"

        # the all-hands retrospective: names hidden in the deck when the switch is on
        page.goto(url + "/churn")
        wait_idle(page, 120_000)
        page.get_by_text("Churned logos").first.wait_for()
        toggle(page, "Retrospective mode")
        page.get_by_text("Ordered by ARR lost, biggest first.").wait_for()
        toggle(page, "Anonymise names")
        page.get_by_text("Customer A", exact=True).first.wait_for()
        with page.expect_download() as pressed:
            page.get_by_role("button", name="Retrospective deck (PowerPoint)").click()
        retro = tmp_path / pressed.value.suggested_filename
        pressed.value.save_as(retro)
        assert retro.name.endswith("_anonymised.pptx")
        assert Presentation(str(retro)).slides[1].shapes.title.text.startswith("Customer A · churned ")
        shot(page, "review-02-retro")

        # any page as slides: the Health page's sections, each finding a slide's title
        page.goto(url + "/health")
        wait_idle(page, 120_000)
        finding = page.get_by_text("are Poor, holding").first
        finding.wait_for()
        shown = finding.inner_text()
        with page.expect_download() as pressed:
            page.get_by_role("button", name="Slides of this page").click()
        slides_file = tmp_path / pressed.value.suggested_filename
        pressed.value.save_as(slides_file)
        assert slides_file.name == "health_score_tuning_asof_2026-10_v1.pptx"
        titles = [s.shapes.title.text for s in Presentation(str(slides_file)).slides]
        assert titles[0] == "Health score tuning" and shown in titles
    context.close()
