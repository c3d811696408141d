"""Churn review page (AppTest): tiles follow the window, the Pareto toggle, the retrospective deck with
anonymised names and saved learnings, and the empty state without churn_reasons. Plus the charts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import store, windows
from dashboard.charts.formats import Money
from dashboard.churn import chart as charts
from dashboard.churn import matching, retro
from dashboard.revenue import metrics as revenue
from tests.conftest import open_page
from tests.identities import ME
from tests.test_churn import make_db

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def open_churn(db, monkeypatch) -> AppTest:
    return open_page(db, monkeypatch, "pages/churn.py", timeout=240)


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def downloads(at, key: str) -> list:
    """The CSV download buttons drawn with ``key`` (a widget's id ends with its key)."""
    return [b for b in at.get("download_button") if b.proto.id.endswith(key)]


def engine_movements(db) -> pd.DataFrame:
    con = store.connect(db)
    try:
        return revenue.monthly_movements(con, as_of=revenue.default_as_of(con))
    finally:
        con.close()


def test_window_and_pareto_toggle(sample_db, monkeypatch):
    at = open_churn(sample_db, monkeypatch)
    as_of = at.session_state["as_of"]
    movements = engine_movements(sample_db)
    year = movements[(movements["month"] > windows.add_months(as_of, -12)) & (movements["month"] <= as_of)]
    assert metric(at, "Churned logos") == f"{int(year['churned_accounts'].sum()):,}"
    assert metric(at, "Churned ARR") == Money("USD")(12 * year["churn"].sum(), compact=True)

    at.selectbox(key="churn.window_picker.kind").set_value("month")
    at.run()
    assert not at.exception
    month = movements[movements["month"] == as_of].iloc[0]
    assert metric(at, "Churned logos") == f"{int(month['churned_accounts']):,}"
    assert metric(at, "Churned ARR") == Money("USD")(12 * month["churn"], compact=True)

    finding = next(m.value for m in at.markdown if "cost the most ARR" in m.value)
    at.segmented_control(key="churn.pareto_measure").set_value("accounts")
    at.run()
    assert not at.exception
    assert any("is the most common reason" in m.value for m in at.markdown)
    assert finding not in [m.value for m in at.markdown]


def test_retrospective_anonymised_and_learnings_saved(sample_db, monkeypatch):
    at = open_churn(sample_db, monkeypatch)
    at.toggle(key="churn.retro").set_value(True)
    at.toggle(key="churn.anonymise").set_value(True)
    at.run()
    assert not at.exception
    con = store.connect(sample_db)
    names = set(retro.account_names(con)["account_name"].dropna())
    as_of = revenue.default_as_of(con)
    deck = matching.churn_events(con, as_of=as_of, start=windows.add_months(as_of, -12), end=as_of)
    con.close()
    for position in (1, 2, 3):
        text = " ".join(m.value for m in at.markdown)
        assert f"{position} of {len(deck)}" in text
        assert f"# Customer {'ABC'[position - 1]}" in [m.value for m in at.markdown]
        assert not [name for name in names if name in text.replace("\\", "")]
        at.button(key="churn.retro_next").click()
        at.run()
        assert not at.exception
    at.button(key="churn.retro_previous").click()
    at.run()
    third = deck.iloc[2]
    suffix = f"{third['account_id']}.{third['month']:%Y%m}"
    at.text_area(key=f"churn.learnings.{suffix}").input("Renewal risk was visible in March")
    at.text_area(key=f"churn.actions.{suffix}").input("Alert the CSM on two Poor months")
    at.button(key=f"FormSubmitter:churn.retro_form.{suffix}-Save").click()
    at.run()
    assert not at.exception
    assert any("Saved" in s.value for s in at.success)

    # a new session (next month's all-hands) finds it, on the page and in the retro screen
    again = open_churn(sample_db, monkeypatch)
    assert any("Renewal risk was visible in March" in str(d.value.to_dict()) for d in again.dataframe)
    again.toggle(key="churn.retro").set_value(True)
    again.run()
    for _ in range(2):
        again.button(key="churn.retro_next").click()
        again.run()
    assert again.text_area(key=f"churn.learnings.{suffix}").value == "Renewal risk was visible in March"


def test_without_churn_reasons_churn_still_shows(tmp_path, monkeypatch):
    make_db(tmp_path, reasons=False).close()
    at = open_churn(tmp_path / "churn.duckdb", monkeypatch)
    assert any("churn_reasons" in i.value for i in at.info)
    # the as-of month is 2024-06 (A3's last day of service is 2024-05-31, so its second churn falls in
    # June): March (A1, A2, A5, A6), May (A7), June and February (A3) churns
    assert at.session_state["as_of"] == windows.parse_month("2024-06")
    assert metric(at, "Churned logos") == "7"
    assert metric(at, "With a recorded reason") == "0%"
    assert any("(unrecorded)" in str(d.value.to_dict()) for d in at.dataframe)


def test_pareto_chart_cumulative_line_and_grey_unrecorded():
    frame = pd.DataFrame({"group": ["Price", "Missing", "(unrecorded)"], "accounts": [1, 3, 2],
                          "arr_lost": [600.0, 300.0, 100.0], "share_arr": [0.6, 0.3, 0.1]})
    labels = {"value": "v", "cumulative": "c", "accounts": "a", "arr": "r"}
    fig = charts.pareto(frame, measure="accounts", money=Money(), labels=labels, unrecorded="(unrecorded)")
    bars, line = fig.data
    assert list(bars.x) == ["Missing", "Price", "(unrecorded)"]
    assert list(bars.y) == [3, 1, 2]
    assert list(line.y) == pytest.approx([0.5, 4 / 6, 1.0])
    assert list(bars.marker.color) == [charts.CHURN, charts.CHURN, charts.MUTED]


def test_anonymise_hides_names_in_every_table_of_the_page(sample_db, monkeypatch):
    at = open_churn(sample_db, monkeypatch)
    con = store.connect(sample_db)
    names = set(retro.account_names(con)["account_name"].dropna())
    ids = set(retro.account_names(con)["account_id"])
    con.close()
    shown = " ".join(d.value.to_csv() for d in at.dataframe)
    assert any(name in shown for name in names)  # the check below can fail
    at.toggle(key="churn.anonymise").set_value(True)
    at.run()
    assert not at.exception
    cells = {str(v) for d in at.dataframe for v in d.value.to_numpy().ravel()}
    assert not cells & names and not cells & ids
    shown = " ".join(d.value.to_csv() for d in at.dataframe)
    assert not [name for name in names if name in shown]
    assert "Customer A" in shown
    options = at.selectbox(key="churn.before_account").options
    assert options[0].startswith("Customer A · ") and not [o for o in options if o.split(" · ")[0] in names]


def test_anonymise_hides_csms_and_names_in_saved_learnings(sample_db, monkeypatch):
    con = store.connect(sample_db)
    csms = set(retro.csm_names(con))
    as_of = revenue.default_as_of(con)
    deck = matching.churn_events(con, as_of=as_of, start=windows.add_months(as_of, -12), end=as_of)
    first = deck.iloc[0]
    note = f"{first['account_name']} told {sorted(csms)[0]} the price was too high"
    retro.save_note(con, account_id=first["account_id"], churn_month=first["month"], learnings=note, action_items="", by=ME)
    con.close()
    assert csms  # the sample's accounts have CSMs: the checks below can fail
    at = open_churn(sample_db, monkeypatch)
    at.toggle(key="churn.anonymise").set_value(True)
    at.run()
    shown = " ".join(d.value.to_csv() for d in at.dataframe)
    assert not [c for c in csms if c in shown] and "CSM A" in shown
    at.toggle(key="churn.retro").set_value(True)
    at.run()
    assert not at.exception
    suffix = f"{first['account_id']}.{first['month']:%Y%m}"
    box = at.text_area(key=f"churn.learnings.{suffix}")
    assert box.value.startswith("Customer A told CSM ") and first["account_name"] not in box.value
    # saved unchanged while anonymised: the stored text keeps its real names
    at.button(key=f"FormSubmitter:churn.retro_form.{suffix}-Save").click()
    at.run()
    con = store.connect(sample_db)
    assert retro.note_for(retro.load_notes(con), first["account_id"], first["month"])[0] == note
    con.close()


def test_bantc_without_any_check_is_an_empty_state(sample_db, monkeypatch):
    """Churn records with no BANTC flag filled in (a real export rarely has them): the finding says so,
    and no all-zero chart or table of checks is drawn (issue 11)."""
    con = store.connect(sample_db)
    blanks = ", ".join(f"CAST(NULL AS BOOLEAN) AS {column}" for column in matching.BANTC)
    reasons = f"{store.schema_name(store.current_version(con))}.churn_reasons"
    store.commit(con, [store.Load("churn_reasons", f"(SELECT * REPLACE ({blanks}) FROM {reasons})",
                                  "churn_without_bantc.csv")], kind="sample", by=ME)  # the sample's other tables stay
    con.close()
    at = open_churn(sample_db, monkeypatch)
    assert any("No recorded churn has BANTC checks" in m.value for m in at.markdown)
    assert not downloads(at, "churn.bantc_download")
    assert downloads(at, "churn.competitor_download")  # the rest of the section is drawn


def test_bantc_with_checks_draws_its_table(sample_db, monkeypatch):
    at = open_churn(sample_db, monkeypatch)
    assert not any("No recorded churn has BANTC checks" in m.value for m in at.markdown)
    assert downloads(at, "churn.bantc_download")


def test_a_saved_health_configuration_reaches_the_churn_finding_at_once(sample_db, monkeypatch):
    """The "already Poor three months before" finding is cached per dataset version; a configuration
    saved on the Health page (same process, same version) must change it on the next rerun, to what the
    engine computes under the new configuration."""
    from dashboard.churn import history
    from dashboard.health import storage
    from dashboard.health.config import MEASURE_NAMES, Config, Model
    from dashboard.ui import core

    def finding(at) -> str:
        return next(m.value for m in at.markdown if "three months before churning" in m.value)

    at = open_churn(sample_db, monkeypatch)
    before = finding(at)
    con = core._open(str(sample_db))  # the app's own connection, as the Health page's save uses it
    model = Model()
    for name in MEASURE_NAMES:
        model = model.with_rule(name, weight=0.0)
    model = Model(model.with_rule("nps", weight=100.0).rules, good=99.0, neutral=98.0)  # NPS alone, strict
    storage.save(con, "nps-only", Config((("*", model),)), by=ME)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    as_of = revenue.default_as_of(con)
    window = windows.window("trailing_12", as_of, as_of=as_of)
    expected = history.poor_before_churn(history.health_before_churn(con, as_of=as_of, start=window.start,
                                                                     end=window.end))
    after = finding(at)
    assert after != before
    assert after.startswith(f"{expected['poor']} of {expected['scored']} churned accounts"), (after, expected)
