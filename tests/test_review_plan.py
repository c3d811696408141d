"""Targets (予実) and notes on the timeline (issue 16): what a person may type, where a target applies,
kept across data loads, all-or-nothing imports, and the command line."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard import cli, store
from dashboard.access import audit
from dashboard.i18n import translate
from dashboard.revenue import story
from dashboard.review import targets, timeline
from tests.identities import ME


@pytest.mark.parametrize(("typed", "ratio"), [(110, 1.10), ("110%", 1.10), ("110％", 1.10), ("1.1", 1.10),
                                              (" 95 ", 0.95), ("0.9", 0.9), ("2.5%", 0.025), ("", None), (None, None)])
def test_a_rate_is_read_the_way_people_write_it(typed, ratio):
    assert targets.rate(typed, "NRR") == (pytest.approx(ratio) if ratio is not None else None)


@pytest.mark.parametrize("typed", ["abc", "1.2x", "-5", "400"])
def test_a_rate_that_is_not_one_is_refused_with_its_value(typed):
    with pytest.raises(targets.TargetError) as refused:
        targets.rate(typed, "GRR")
    assert "GRR" in str(refused.value) and typed in str(refused.value)


def test_a_window_meets_the_target_of_the_fiscal_year_it_ends_in(sample_db):
    con = store.connect(sample_db)
    targets.save_target(con, by=ME, fiscal_year="FY2025", nrr="110%", grr=90)
    targets.save_target(con, by=ME, fiscal_year=2026, nrr=112, grr=None)
    targets.save_target(con, by=ME, fiscal_year=2026, nrr=105, grr=85, segment="SMB")
    saved = targets.load_targets(con)
    assert saved[["fiscal_year", "segment"]].values.tolist() == [[2025, ""], [2026, ""], [2026, "SMB"]]
    assert saved["nrr"].round(4).tolist() == [1.10, 1.12, 1.05]
    assert saved["grr"].round(4).fillna(-1).tolist() == [0.90, -1, 0.85]  # FY2026's GRR was left empty
    # calendar years: March 2026 is FY2026; with an April start it is FY2025
    assert targets.target_for(saved, date(2026, 3, 1)).nrr == pytest.approx(1.12)
    assert targets.target_for(saved, date(2026, 3, 1), fiscal_start=4).nrr == pytest.approx(1.10)
    assert targets.target_for(saved, date(2026, 4, 1), fiscal_start=4).fiscal_year == 2026
    assert targets.target_for(saved, date(2026, 6, 1), segment="SMB").grr == pytest.approx(0.85)
    assert targets.target_for(saved, date(2024, 6, 1)) is None
    goals = targets.monthly(saved, [date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)], fiscal_start=4)
    assert goals["nrr_target"].round(4).tolist() == [1.10, 1.10, 1.12]
    assert goals["fiscal_year"].tolist() == [2025, 2025, 2026]
    con.close()


def test_the_gap_sentence_says_on_or_below_target():
    target = targets.Target(2026, 1.10, 0.90)
    def tr(key, **values):
        return translate(key, "en", **values)
    assert story.target_finding(tr, 1.123, target) == " On target: NRR 112.3% against the FY2026 target of 110.0% (+2.3 pts)."
    assert story.target_finding(tr, 1.05, target) == " Below target: NRR 105.0% against the FY2026 target of 110.0% (-5.0 pts)."
    assert story.target_finding(tr, 1.05, None) == ""
    assert story.target_finding(tr, 1.05, targets.Target(2026, None, 0.9)) == ""


def test_targets_and_notes_survive_a_new_data_version(sample_db):
    con = store.connect(sample_db)
    targets.save_target(con, by=ME, fiscal_year=2026, nrr=110, grr=90)
    timeline.save_note(con, by=ME, starts="2026/04/01", text="Price change: Pro +15%", category="price_change")
    store.commit(con, [store.Load("accounts", pd.DataFrame({"account_id": ["A1"]}), "a.csv")], by=ME)
    assert store.current_version(con) == 2
    assert targets.load_targets(con)["nrr"].tolist() == [pytest.approx(1.10)]
    assert timeline.load_notes(con)["text"].tolist() == ["Price change: Pro +15%"]
    con.close()


def test_an_import_with_one_bad_row_saves_nothing_and_names_the_row(sample_db, tmp_path):
    con = store.connect(sample_db)
    before = len(audit.trail(con))
    rows = pd.DataFrame({"fiscal_year": ["2025", "FY2026", "2027"], "nrr": ["110", "112%", "lots"], "grr": ["90", "", ""]})
    with pytest.raises(targets.TargetError) as refused:
        targets.import_rows(con, rows, by=ME)
    assert "row 4" in str(refused.value) and "lots" in str(refused.value)
    assert targets.load_targets(con).empty and len(audit.trail(con)) == before
    notes = pd.DataFrame({"starts": ["2026-04-01", "2026-13-01"], "text": ["Launch", "Bad date"]})
    with pytest.raises(timeline.NoteError) as refused:
        timeline.import_rows(con, notes, by=ME)
    assert "row 3" in str(refused.value) and "2026-13-01" in str(refused.value)
    assert timeline.load_notes(con).empty
    assert targets.import_rows(con, rows.head(2), by=ME) == 2
    assert targets.load_targets(con)["fiscal_year"].tolist() == [2025, 2026]
    con.close()


@pytest.mark.parametrize(("starts", "ends", "text", "category", "problem"), [
    ("", None, "x", None, "needs a date"),
    ("2026-04-10", "2026-04-01", "x", None, "cannot end"),
    ("2026-04-01", None, "   ", None, "short text"),
    ("2026-04-01", None, "x" * 201, None, "at most 200"),
    ("2026-04-01", None, "x", "pricing", "Unknown category"),
    ("April 1st", None, "x", None, "is not a date"),
])
def test_a_note_that_cannot_be_kept_is_refused(starts, ends, text, category, problem):
    with pytest.raises(timeline.NoteError) as refused:
        timeline.checked(starts, ends, text, category)
    assert problem in str(refused.value)


def test_notes_in_months_and_on_cohort_curves(sample_db):
    con = store.connect(sample_db)
    timeline.save_note(con, by=ME, starts="2025-11-15", ends="2026-01-31", text="Reorganisation into pods",
                       category="reorganisation")
    first = timeline.save_note(con, by=ME, starts="2026-04-01", text="Price change")
    timeline.save_note(con, by=ME, starts="2020-01-01", text="Long ago")
    # a note is replaced in place by its id
    assert timeline.save_note(con, by=ME, note_id=first, starts="2026-04-02", text="Price change: Pro +15%") == first
    notes = timeline.load_notes(con)
    assert notes["text"].tolist() == ["Long ago", "Reorganisation into pods", "Price change: Pro +15%"]
    shown = timeline.in_months(notes, date(2025, 12, 1), date(2026, 10, 1))
    assert shown[["text", "month", "end_month"]].values.tolist() == [
        ["Reorganisation into pods", date(2025, 12, 1), date(2026, 1, 1)],
        ["Price change: Pro +15%", date(2026, 4, 1), date(2026, 4, 1)]]
    marks = timeline.at_ages(notes[notes["text"] != "Long ago"], ["2025-12", "2026-Q1"], "month")
    assert marks[["cohort", "age", "text"]].values.tolist() == [
        ["2025-12", 4, "Price change: Pro +15%"]]
    quarters = timeline.at_ages(notes, ["2025-Q4"], "quarter")
    assert quarters[["age", "text"]].values.tolist() == [[0, "Reorganisation into pods"], [2, "Price change: Pro +15%"]]
    assert timeline.delete_note(con, by=ME, note_id=first) and not timeline.delete_note(con, by=ME, note_id=first)
    con.close()


def test_the_command_line_sets_lists_imports_and_refuses(sample_db, tmp_path, capsys):
    assert cli.main(["targets", "--db", str(sample_db), "--set", "FY2026", "--nrr", "110%", "--grr", "90"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "fiscal_year,segment,nrr,grr,updated_at" and "2026,,1.1,0.9," in out
    assert cli.main(["targets", "--db", str(sample_db), "--set", "2027", "--nrr", "lots"]) == 1
    assert "'lots' is not a number" in capsys.readouterr().err
    assert cli.main(["targets", "--db", str(sample_db), "--delete", "2030"]) == 1
    assert "no targets for FY2030" in capsys.readouterr().err
    csv = tmp_path / "notes.csv"
    csv.write_bytes("starts,text,category\n2026/04/01,価格改定（Proプラン）,price_change\n".encode("cp932"))
    assert cli.main(["timeline", "--db", str(sample_db), "--import", str(csv)]) == 0
    assert "価格改定（Proプラン）" in capsys.readouterr().out
    assert cli.main(["timeline", "--db", str(sample_db), "--add", "2026-05-01", "--text", "Launch",
                     "--category", "launching"]) == 1
    assert "Unknown category 'launching'" in capsys.readouterr().err
    con = store.connect(sample_db, read_only=True)
    assert audit.trail(con)["action"].tolist()[:2] == ["timeline.save", "target.save"]
    con.close()


def test_the_command_line_refuses_a_missing_database_and_a_file_that_is_no_table(tmp_path, sample_db, capsys):
    missing = tmp_path / "typo.duckdb"
    assert cli.main(["targets", "--db", str(missing), "--set", "2026", "--nrr", "110"]) == 1
    assert not missing.exists() and "typo.duckdb" in capsys.readouterr().err
    bad = tmp_path / "notes.csv"
    bad.write_bytes(b'starts,text\n"2026-04-01,"unclosed\n2026-05-01,x,y,z\n')
    assert cli.main(["timeline", "--db", str(sample_db), "--import", str(bad)]) == 1
    assert "notes.csv: cannot read the file" in capsys.readouterr().err
