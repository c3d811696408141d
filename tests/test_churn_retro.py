"""Retrospective pieces: aliases and anonymising, learnings saved outside dataset versions, the MRR
history before churn and the health trajectory (with a stand-in for dashboard.health)."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from dashboard import store
from dashboard.churn import history, retro
from tests.identities import ME
from tests.test_churn import AS_OF, make_db

D = date


@pytest.mark.parametrize("index, expected", [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"),
                                             (702, "AAA")])
def test_letters(index, expected):
    assert retro.letters(index) == expected


def test_anonymiser_replaces_names_everywhere():
    names = {"A1": "Alpha Ltd", "A2": "Beta Inc", "A3": "Alpha Ltd Japan", "A9": "Omega"}
    anon = retro.Anonymiser.build(True, ["A2", "A1", "A2", "A3"], names, prefix="Customer", other="Another")
    assert anon.alias == {"A2": "Customer A", "A1": "Customer B", "A3": "Customer C"}
    assert anon.name("A1", "Alpha Ltd") == "Customer B"
    assert anon.name("A9", "Omega") == "Another"
    # longest name first, case-insensitive, names of accounts outside the deck hidden too
    assert anon.text("ALPHA LTD JAPAN moved after alpha ltd and Omega did") == \
        "Customer C moved after Customer B and Another did"
    frame = pd.DataFrame({"account_id": ["A1", "A2"], "account_name": ["Alpha Ltd", "Beta Inc"],
                          "notes": ["Beta Inc copied Alpha Ltd", None], "arr_lost": [1.0, 2.0]})
    assert_frame_equal(anon.frame(frame), pd.DataFrame({
        "account_id": ["Customer B", "Customer A"], "account_name": ["Customer B", "Customer A"],
        "notes": ["Customer A copied Customer B", None], "arr_lost": [1.0, 2.0]}), check_dtype=False)
    off = retro.Anonymiser.build(False, ["A1"], names, prefix="Customer", other="Another")
    assert off.frame(frame) is frame and off.text("Alpha Ltd") == "Alpha Ltd"
    assert off.name("A1", "Alpha Ltd") == "Alpha Ltd" and off.name("A7", None) == "A7"


def test_anonymiser_hides_csms_too():
    names = {"A1": "Alpha Ltd"}
    anon = retro.Anonymiser.build(True, ["A1"], names, prefix="Customer", other="Another",
                                  csms=["Aiko Sato", "Ben Ito", "Aiko Sato"], csm_prefix="CSM")
    assert anon.csm_alias == {"Aiko Sato": "CSM A", "Ben Ito": "CSM B"}
    frame = pd.DataFrame({"account_id": ["A1"], "csm": ["Ben Ito"], "notes": ["Aiko Sato called Alpha Ltd"]})
    assert anon.frame(frame).to_dict("records") == [{"account_id": "Customer A", "csm": "CSM B",
                                                     "notes": "CSM A called Customer A"}]
    off = retro.Anonymiser.build(False, ["A1"], names, prefix="Customer", other="Another", csms=["Ben Ito"])
    assert off.frame(frame) is frame


def test_csm_names_come_from_accounts_and_team(tmp_path):
    con = make_db(tmp_path)
    store.commit(con, [store.Load("team", pd.DataFrame({"csm": ["Zoe Team"]}), "team.csv")], by=ME)
    store.commit(con, [store.Load("accounts", pd.DataFrame({"account_id": ["A1"], "csm": ["Ann Acc"]}), "a.csv")], by=ME)
    assert retro.csm_names(con) == ["Ann Acc", "Zoe Team"]
    con.close()


def test_notes_are_saved_and_survive_a_new_dataset_version(tmp_path):
    con = make_db(tmp_path)
    assert retro.load_notes(con).empty
    retro.save_note(con, account_id="A5", churn_month=D(2024, 3, 1), learnings="Call earlier",
                    action_items="QBR at month 3", now=datetime(2024, 8, 1, 9, 0), by=ME)
    retro.save_note(con, account_id="A5", churn_month=D(2024, 3, 1), learnings="Call much earlier",
                    action_items="", now=datetime(2024, 8, 2, 9, 0), by=ME)
    retro.save_note(con, account_id="A3", churn_month=D(2024, 2, 1), learnings="Onboarding", action_items="",
                    now=datetime(2024, 8, 3, 9, 0), by=ME)
    store.commit(con, [store.Load("accounts", pd.DataFrame({"account_id": ["A1"]}), "new.csv")], by=ME)
    notes = retro.load_notes(con)
    assert_frame_equal(notes, pd.DataFrame({
        "account_id": ["A3", "A5"], "churn_month": [D(2024, 2, 1), D(2024, 3, 1)],
        "learnings": ["Onboarding", "Call much earlier"], "action_items": ["", ""],
        "updated_at": [datetime(2024, 8, 3, 9, 0), datetime(2024, 8, 2, 9, 0)]}), check_dtype=False)
    assert retro.note_for(notes, "A5", D(2024, 3, 1)) == ("Call much earlier", "")
    assert retro.note_for(notes, "A1", D(2024, 3, 1)) == ("", "")
    con.close()


def test_mrr_before_churn(tmp_path):
    con = make_db(tmp_path)
    got = history.mrr_before_churn(con, as_of=AS_OF, start=D(2024, 4, 1), end=D(2024, 6, 1), months=3)
    expected = pd.DataFrame({
        "account_id": ["A7", "A7", "A7", "A7", "A3", "A3", "A3", "A3"],
        "churn_month": [D(2024, 5, 1)] * 4 + [D(2024, 6, 1)] * 4,
        "month": [D(2024, 2, 1), D(2024, 3, 1), D(2024, 4, 1), D(2024, 5, 1),
                  D(2024, 3, 1), D(2024, 4, 1), D(2024, 5, 1), D(2024, 6, 1)],
        "months_before": [-3, -2, -1, 0, -3, -2, -1, 0],
        "mrr": [70.0, 70.0, 70.0, 0.0, 0.0, 80.0, 80.0, 0.0],
    })
    assert_frame_equal(got, expected, check_dtype=False)
    con.close()


def test_health_trajectory_uses_score_history_when_it_exists(tmp_path, monkeypatch):
    con = make_db(tmp_path)
    store.commit(con, [store.Load("usage", pd.DataFrame({"account_id": ["A1"], "month": ["2024-01-01"],
                                                         "metric": ["logins"], "value": [3.0]}), "usage.csv")], by=ME)
    calls = []

    def fake_score_history(con_, *, as_of, months=6, accounts=None):
        calls.append((as_of, months, accounts))
        rows = [("A5", D(2023, 12, 1), 35.0, "Poor"), ("A2", D(2023, 12, 1), 80.0, "Good"),
                ("A5", D(2024, 2, 1), 30.0, "Poor"), ("A7", D(2024, 2, 1), 38.0, "Poor"),
                ("A1", D(2024, 2, 1), 55.0, "Neutral"), ("A4", D(2024, 2, 1), 90.0, "Good")]
        return pd.DataFrame(rows, columns=["account_id", "month", "score", "band"])

    monkeypatch.setattr(history, "score_history", fake_score_history)
    # the path through score_history (a window before the kept rows' months); the kept rows' path is
    # checked against this one on real scores in test_health_before_churn_from_kept_rows_equals_scoring_the_book
    monkeypatch.setattr(history, "_health_rows", lambda con_, as_of: None)
    assert history.health_available()
    got = history.health_before_churn(con, as_of=AS_OF, start=D(2024, 2, 1), end=D(2024, 5, 1))
    # only the window's churned accounts are asked for (not the whole book); A4 did not churn
    assert calls == [(D(2024, 5, 1), 9, ["A1", "A2", "A5", "A6", "A7"])]
    assert_frame_equal(got, pd.DataFrame({
        "account_id": ["A1", "A2", "A5", "A5", "A7"],
        "churn_month": [D(2024, 3, 1)] * 4 + [D(2024, 5, 1)],
        "month": [D(2024, 2, 1), D(2023, 12, 1), D(2023, 12, 1), D(2024, 2, 1), D(2024, 2, 1)],
        "months_before": [-1, -3, -3, -1, -3],
        "score": [55.0, 80.0, 35.0, 30.0, 38.0],
        "band": ["Neutral", "Good", "Poor", "Poor", "Poor"],
    }), check_dtype=False)
    # three months before: A2 Good, A5 Poor (March churns), A7 Poor (May) -> 2 of 3
    assert history.poor_before_churn(got) == {"scored": 3, "poor": 2}
    monkeypatch.setattr(history, "score_history", None)
    assert not history.health_available()
    assert history.health_before_churn(con, as_of=AS_OF, start=D(2024, 2, 1), end=D(2024, 5, 1)).empty
    con.close()


def test_the_account_picker_tells_same_named_customers_apart():
    """Two customers called 山田商事 are told apart by their ids; with the switch on, aliases (one per
    account) stand alone and no id is shown (issue 11)."""
    ids, names = ["C-001", "C-002", "C-003", "C-004"], ["山田商事", "山田商事", "佐藤工業", None]
    shown = retro.Anonymiser.build(False, ids, dict(zip(ids, names)), prefix="Customer", other="Another customer")
    assert shown.labels(ids, names) == ["山田商事 (C-001)", "山田商事 (C-002)", "佐藤工業", "C-004"]
    hidden = retro.Anonymiser.build(True, ids, dict(zip(ids, names)), prefix="Customer", other="Another customer")
    labels = hidden.labels(ids, names)
    assert labels == ["Customer A", "Customer B", "Customer C", "Customer D"]
    assert not any(i in label for i in ids for label in labels)


@pytest.mark.parametrize("months", [0, 3, 12])
def test_a_windows_mrr_history_sliced_from_the_versions_table_equals_the_window_computed(sample_db, months):
    from dashboard import windows
    from dashboard.revenue import metrics as revenue

    con = store.connect(sample_db)
    as_of = revenue.default_as_of(con)
    for kind in ("trailing_12", "quarter", "month", "fiscal_year"):
        window = windows.window(kind, windows.add_months(as_of, -5), as_of=as_of)
        sliced = history._history(con, as_of=as_of, start=window.start, end=window.end, months=months)
        direct = revenue.grid_query(con, "churn_mrr_history", as_of=as_of, start=window.start, end=window.end,
                                    months=months)
        assert len(direct) > 0
        assert_frame_equal(sliced.reset_index(drop=True), direct.reset_index(drop=True), check_dtype=False)
    con.close()


@pytest.mark.parametrize("kind", ["month", "quarter", "fiscal_year", "trailing_12"])
def test_health_before_churn_from_kept_rows_equals_scoring_the_book(sample_db, monkeypatch, kind):
    """A window inside the trailing 12 months reads its churned accounts' rows from the table kept at
    the commit; the health it shows is the one scored from the whole book's ranked rows."""
    from dashboard import windows
    from dashboard.revenue import metrics as revenue

    con = store.connect(sample_db)
    as_of = revenue.default_as_of(con)
    window = windows.window(kind, as_of, as_of=as_of)
    args = {"as_of": as_of, "start": window.start, "end": window.end}
    kept = history._health_rows(con, as_of)
    assert kept is not None and window.start >= kept[1]
    got = history.health_before_churn(con, **args)
    lead = history.POOR_LEAD  # the page's finding asks for that month alone: the same rows, on both paths
    at_lead = got[got["months_before"] == -lead].reset_index(drop=True)
    assert len(at_lead) > 5
    assert_frame_equal(history.health_before_churn(con, **args, months=lead, nearest=lead), at_lead)
    # the page's way: every kept churned account scored once, the window's churns sliced from it
    assert history.kept_span(as_of, window.start)
    sliced = history.health_from(history.kept_health(con, as_of=as_of), history.window_churns(con, **args))
    assert_frame_equal(sliced, got, check_dtype=False)
    monkeypatch.setattr(history, "_health_rows", lambda con_, as_of: None)
    expected = history.health_before_churn(con, **args)
    assert len(expected) > 20
    assert_frame_equal(got, expected)
    assert_frame_equal(history.health_before_churn(con, **args, months=lead, nearest=lead), at_lead)
    # a window before the kept months takes the other path, and still scores
    older = windows.window("quarter", windows.add_months(as_of, -18), as_of=as_of)
    monkeypatch.undo()
    assert older.start < kept[1]
    assert not history.health_before_churn(con, as_of=as_of, start=older.start, end=older.end).empty
    con.close()
