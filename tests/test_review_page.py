"""Targets and notes on the pages (issue 16), in AppTest: the NRR tiles show the gap to target, the
finding says whether the window is on target, the trend draws the targets and numbers the notes
listed under it, the cohort curves mark the notes, an editor adds them on the page and a viewer
only reads them; each page offers its deck."""

from __future__ import annotations

import json

import pytest

from dashboard import access, store
from dashboard.review import targets, timeline
from tests.conftest import open_page
from tests.identities import ME
from tests.test_access_pages import _texts, signed
from tests.test_escaping import is_live


def _plan(db):
    con = store.connect(db)
    targets.save_target(con, by=ME, fiscal_year=2026, nrr=110, grr=92)
    targets.save_target(con, by=ME, fiscal_year=2026, nrr=101, grr=88, segment="SMB")
    timeline.save_note(con, by=ME, starts="2026-04-01", text="Price change: Pro plan +15% [docs](http://evil.example)",
                       category="price_change")
    con.close()


def _figure(at, key: str) -> dict:
    chart = next(c for c in at.get("plotly_chart") if c.proto.id and key in c.proto.id)
    return json.loads(chart.proto.spec)


def test_the_nrr_page_measures_the_window_against_its_target(sample_db, monkeypatch):
    _plan(sample_db)
    at = open_page(sample_db, monkeypatch)
    captions = [c.value for c in at.caption]
    assert "Target 110.0% · -4.8 pts" in captions and "Target 92.0% · -2.3 pts" in captions
    text = _texts(at)
    assert "Below target: NRR 105.2% against the FY2026 target of 110.0% (-4.8 pts)." in text
    trend = _figure(at, "trend_chart")
    assert [trace["name"] for trace in trend["data"]] == ["NRR", "GRR", "NRR target", "GRR target"]
    marks = trend["layout"]["annotations"]
    assert [a["text"] for a in marks] == ["[1]"] and marks[0]["x"].startswith("2026-04-01")
    assert marks[0]["hovertext"] == "Price change: Pro plan +15% [docs](http://evil.example)"
    # the note under the chart is text: its link is not live
    listed = [c for c in captions if "Pro plan" in c]
    assert len(listed) == 1 and not is_live(listed[0])
    assert "Price change" in text and "2026-04-01 · Price change: Price change: Pro plan +15%" in text
    split = next(d.value for d in at.dataframe if "nrr_target" in d.value.columns)
    assert split.set_index("group")["nrr_target"].round(4).fillna(-1).to_dict() == {
        "Enterprise": -1, "Mid-Market": -1, "SMB": 1.01}
    assert at.get("download_button") and any(b.proto.label == "Review pack (PowerPoint)" for b in at.get("download_button"))


def test_an_editor_sets_a_target_and_adds_a_note_on_the_page(sample_db, monkeypatch):
    at = open_page(sample_db, monkeypatch)
    assert "No target for FY2026" in [c.value for c in at.caption]
    assert not [n for n in at.number_input if n.key and n.key.startswith("review.")]  # built only when opened
    at.session_state["review.targets_open"] = True
    at.session_state["review.notes_open"] = True
    at.run()
    at.number_input(key="review.target_year").set_value(2026)
    at.number_input(key="review.target_nrr").set_value(104.0)
    at.button(key="FormSubmitter:review.target_form-Save").click()
    at.run()
    assert not at.exception
    assert "Target 104.0% · +1.2 pts" in [c.value for c in at.caption]
    assert "On target: NRR 105.2% against the FY2026 target of 104.0% (+1.2 pts)." in _texts(at)

    at.text_input(key="review.note_text.-1").set_value("CS reorganisation into pods")
    at.selectbox(key="review.note_category.-1").set_value("reorganisation")
    at.button(key="FormSubmitter:review.note_form.-1-Save").click()
    at.run()
    assert not at.exception
    con = store.connect(sample_db)  # as the app opened it
    saved = timeline.load_notes(con)
    con.close()
    assert saved["text"].tolist() == ["CS reorganisation into pods"] and saved["updated_by"].tolist() == [access.local_identity().user]
    assert at.text_input(key="review.note_text.-1").value == ""  # the new-note form starts empty again
    # a note with no text is refused with the reason, and nothing is saved
    at.text_input(key="review.note_text.-1").set_value("  ")
    at.button(key="FormSubmitter:review.note_form.-1-Save").click()
    at.run()
    assert "A note needs a short text." in _texts(at)


def test_a_viewer_reads_targets_and_notes_but_gets_no_form(sample_db, monkeypatch, tmp_path):
    _plan(sample_db)
    at = signed(sample_db, monkeypatch, tmp_path, "vera@example.com", "pages/nrr.py")
    assert "Target 110.0% · -4.8 pts" in [c.value for c in at.caption]
    at.session_state["review.targets_open"] = True
    at.session_state["review.notes_open"] = True
    at.run()
    assert "Price change: Pro plan +15% [docs](http://evil.example)" in [
        v for d in at.dataframe if "text" in d.value.columns for v in d.value["text"]]  # the notes, read
    assert not [n for n in at.number_input if n.key and n.key.startswith("review.")]
    assert not [t for t in at.text_input if t.key and t.key.startswith("review.")]


def test_the_cohort_curves_mark_where_a_note_falls(sample_db, monkeypatch):
    _plan(sample_db)
    at = open_page(sample_db, monkeypatch, "pages/cohorts.py")
    picked = at.multiselect(key="cohorts.picked.month").value
    curves = _figure(at, "curves_chart")
    notes = [trace for trace in curves["data"] if trace["name"] == "Notes on the timeline"]
    assert notes, [trace["name"] for trace in curves["data"]]
    marked = {row[0] for row in notes[0]["customdata"]}
    before = {c for c in picked if c <= "2026-04"}
    assert marked == before
    assert any(b.proto.label == "Review pack (PowerPoint)" for b in at.get("download_button"))


@pytest.mark.parametrize("retro_on", [False, True])
def test_the_churn_page_offers_its_deck(sample_db, monkeypatch, retro_on):
    at = open_page(sample_db, monkeypatch, "pages/churn.py")
    if retro_on:
        at.toggle(key="churn.retro").set_value(True)
        at.run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert ("Retrospective deck (PowerPoint)" in labels) == retro_on
    assert ("Review pack (PowerPoint)" in labels) != retro_on


def test_targets_and_notes_are_kept_apart_whatever_their_write_counts(sample_db, monkeypatch):
    """Targets and notes are read once per write count; equal counts once made the notes read as targets."""
    _plan(sample_db)
    monkeypatch.setattr(targets, "REVISION", [7])
    monkeypatch.setattr(timeline, "REVISION", [7])
    at = open_page(sample_db, monkeypatch)
    assert not at.error, [e.value for e in at.error]
    assert "Target 110.0% · -4.8 pts" in [c.value for c in at.caption]
    assert any("Pro plan +15%" in c.value.replace("\\", "") for c in at.caption)
