"""Coverage scenarios: the JSON format (and its documented example), saving by name outside the dataset
versions, comparison, the command line, and the page (AppTest)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from streamlit.testing.v1 import AppTest

from dashboard import cli, store
from dashboard.coverage import model, storage
from dashboard.coverage.scenario import (
    SETTINGS,
    Band,
    Motion,
    Scenario,
    ScenarioError,
    fitted_default,
    from_json,
    in_currency,
    setting,
    to_json,
)
from tests.conftest import open_page
from tests.identities import ME
from tests.test_coverage import AS_OF, TEAM, _accounts, _mrr

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "coverage-scenario.md"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "book.duckdb"
    con = store.connect(path)
    store.commit(con, [store.Load("accounts", _accounts(), "accounts.csv"),
                       store.Load("mrr_monthly", _mrr(), "mrr.csv"), store.Load("team", TEAM, "team.csv")], by=ME)
    con.close()
    return path


def test_defaults_are_declared_once():
    scenario = Scenario()
    for spec in SETTINGS:
        assert getattr(scenario, spec.name) == spec.default
        assert spec.optional or spec.lo <= spec.default <= spec.hi
    assert setting("gross_margin").help_key == "coverage.help.gross_margin"


def test_json_round_trip():
    scenario = Scenario(rule="employees", employee_bands=(Band("Big", 500.0), Band("Rest", 0.0)),
                        motions=(("Big", Motion("named_arr", 1_000_000.0)), ("Rest", Motion("digital"))),
                        csm_cost=99_000.0, adoption_rate=0.4)
    assert from_json(to_json(scenario, "mine")) == scenario
    assert from_json("{}") == Scenario()


def test_documented_example_is_valid():
    block = re.search(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    scenario = from_json(block)
    assert scenario == Scenario().with_motion("Mid-Market", Motion("pooled", 250.0)).with_motion("SMB", Motion("digital"))
    assert json.loads(block)["name"] == "Pooled mid-market"


@pytest.mark.parametrize("text, message", [
    ('{"rule": "region"}', "rule: 'region' is not one of arr, employees, segment"),
    ('{"gross_margin": 3}', "gross_margin: 3 is outside 0.05 to 1"),
    ('{"cost_ceiling": "10%"}', "cost_ceiling: expected a number, got '10%'"),
    ('{"motions": {"SMB": {"motion": "pooled"}}}', "motions.SMB: pooled needs a ratio above 0"),
    ('{"motions": {"SMB": {"motion": "tech_touch"}}}', "motions.SMB: 'tech_touch' is not one of"),
    ('{"arr_bands": [{"name": "A", "min": 0}, {"name": "A", "min": 5}]}', "arr bands: need at least one band"),
    ('{"csm_costs": 1}', "csm_costs: not a scenario field"),
    ('{"format": "other"}', "format: expected 'cs-dashboard/coverage-scenario'"),
    ("[1, 2]", "a scenario is a JSON object"),
    ("{", "not valid JSON"),
])
def test_bad_scenarios_name_the_field(text, message):
    with pytest.raises(ScenarioError, match=re.escape(message)):
        from_json(text)


def test_saved_scenarios_live_outside_dataset_versions(db):
    con = store.connect(db)
    pooled = Scenario().with_motion("Mid-Market", Motion("pooled", 250.0))
    storage.save(con, "pooled", pooled, by=ME)
    storage.save(con, "default", Scenario(), by=ME)
    storage.save(con, "pooled", pooled.with_motion("SMB", Motion("digital")), by=ME)  # same name replaces
    store.commit(con, [store.Load("team", TEAM.iloc[:2], "team2.csv")], by=ME)  # a new dataset version
    assert sorted(storage.saved(con)["name"]) == ["default", "pooled"]
    assert storage.load(con, "pooled").motion("SMB") == Motion("digital")
    storage.delete(con, "default", by=ME)
    assert storage.saved(con)["name"].tolist() == ["pooled"]
    with pytest.raises(ScenarioError, match="no saved scenario 'default'"):
        storage.load(con, "default")
    with pytest.raises(ScenarioError, match="needs a name"):
        storage.save(con, "  ", Scenario(), by=ME)
    con.close()


def test_compare_side_by_side(db):
    con = store.connect(db)
    named = Scenario(rule="segment", csm_cost=100_000.0, digital_program_cost=0.0, digital_cost_per_account=0.0,
                     motions=(("Enterprise", Motion("named_accounts", 20.0)),))
    digital = Scenario(rule="segment", csm_cost=100_000.0, digital_program_cost=0.0, digital_cost_per_account=0.0,
                       motions=())
    frame = storage.compare(con, as_of=AS_OF, scenarios=(("named", named), ("digital", digital)))
    assert frame.columns.tolist() == ["metric", "named", "digital"]
    values = frame.set_index("metric")
    assert values.loc["csm_rounded"].tolist() == [3, 0]
    assert values.loc["cost"].tolist() == [300_000.0, 0.0]
    assert values.loc["headcount_gap"].tolist() == [-1, -4]  # 4 CSMs in the team today
    assert values.loc["arr"].tolist() == [5_779_290.0, 5_779_290.0]
    with pytest.raises(ScenarioError):
        storage.compare(con, as_of=AS_OF, scenarios=(("a", named),) * 4)
    con.close()


CLI_SCENARIO = {"rule": "arr", "csm_cost": 100000, "digital_program_cost": 8800, "digital_cost_per_account": 50}


def test_cli_columns_and_total_row(db, tmp_path, capsys):
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(CLI_SCENARIO), encoding="utf-8")
    assert cli.main(["coverage", "--db", str(db), "--scenario", str(path), "--as-of", "2024-03"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False)
    # default motions: Enterprise 45 / 20 -> 2.25, 3; Mid-Market 12 / 50 -> 0.24, 1; SMB 31 / 250 -> 0.124, 1;
    # cost = whole CSMs x 100,000 + 150 per account (50 + 8,800 / 88)
    expected = pd.DataFrame({
        "segment": ["Enterprise", "Mid-Market", "SMB", "TOTAL"],
        "motion": ["named_accounts", "named_accounts", "pooled", ""],
        "accounts": [45, 12, 31, 88], "arr": [5_400_000.0, 288_000.0, 91_290.0, 5_779_290.0],
        "csm_needed": [2.25, 0.24, 0.124, 2.614], "csm_rounded": [3, 1, 1, 5],
        "cost": [306_750.0, 101_800.0, 104_650.0, 513_200.0],
        "cost_pct_arr": [306_750 / 5_400_000, 101_800 / 288_000, 104_650 / 91_290, 513_200 / 5_779_290]})
    assert_frame_equal(frame, expected)


def test_cli_default_scenario_json(db, capsys):
    assert cli.main(["coverage", "--db", str(db), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["as_of"] == "2024-03"
    # the accounts carry their own segments: the default segments by them (an account without one is "(none)")
    assert [row["segment"] for row in payload["rows"]] == ["Enterprise", "Mid-Market", "SMB", "(none)", "TOTAL"]
    assert list(payload["rows"][0]) == ["segment", "motion", "accounts", "arr", "csm_needed", "csm_rounded", "cost",
                                        "cost_pct_arr"]


def test_cli_saved_scenario(db, capsys):
    con = store.connect(db)
    storage.save(con, "all digital", Scenario(motions=()), by=ME)
    con.close()
    assert cli.main(["coverage", "--db", str(db), "--saved", "all digital"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False)
    assert frame["motion"].tolist() == ["digital", "digital", "digital", ""]
    assert frame["csm_rounded"].tolist() == [0, 0, 0, 0]


@pytest.mark.parametrize("args, message", [
    (["--scenario", "{missing}"], "cannot read the scenario file"),
    (["--scenario", "{bad}"], "bad.json: gross_margin: 2 is outside 0.05 to 1"),
    (["--as-of", "2024-13"], "--as-of: '2024-13' is not a month"),
    (["--as-of", "2099-01"], "--as-of 2099-01 is after the last complete calendar month"),
    (["--saved", "nope"], "--saved: no saved scenario 'nope'"),
])
def test_cli_errors(db, tmp_path, capsys, args, message):
    bad = tmp_path / "bad.json"
    bad.write_text('{"gross_margin": 2}', encoding="utf-8")
    args = [a.format(missing=tmp_path / "missing.json", bad=bad) for a in args]
    assert cli.main(["coverage", "--db", str(db), *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and err.count("\n") == 1


def test_page_headcount_follows_the_ratio(sample_db, monkeypatch):
    at = open_page(sample_db, monkeypatch, "pages/coverage.py")
    tiles = {m.label: m.value for m in at.metric}
    # sample company, its own segments: Enterprise 146 / 20 -> 8, Mid-Market 377 / 50 -> 8, SMB 813 / 250 -> 4
    assert tiles["CSMs needed"] == "20"
    at.number_input(key="coverage.ratio.Enterprise.named_accounts").set_value(10).run()
    assert not at.exception
    tiles = {m.label: m.value for m in at.metric}
    assert tiles["CSMs needed"] == "27"  # 146 / 10 -> 15, + 8 + 4
    at.selectbox(key="coverage.motion.SMB").set_value("digital").run()
    assert {m.label: m.value for m in at.metric}["CSMs needed"] == "23"
    assert any(md.value.startswith("The model needs 23 CSMs") for md in at.markdown)
    at.text_input(key="coverage.save_name").set_value("lean").run()
    at.button(key="coverage.save").click().run()
    # the flash is said through the one escaping renderer (a scenario name is user text)
    assert [s.value.replace("\\", "") for s in at.success] == ["Saved scenario lean."]
    assert at.selectbox(key="coverage.load_name").options == ["lean"]
    # the name is taken now: the page says saving again replaces it
    assert any("is saved already" in w.value for w in at.warning)
    assert at.button(key="coverage.save").label == "Replace saved scenario"
    # change the editor, then load the saved scenario back: every input returns to it
    at.selectbox(key="coverage.motion.SMB").set_value("pooled").run()
    at.number_input(key="coverage.ratio.Enterprise.named_accounts").set_value(20).run()
    assert {m.label: m.value for m in at.metric}["CSMs needed"] == "20"
    at.button(key="coverage.load").click().run()
    assert not at.exception
    assert at.selectbox(key="coverage.motion.SMB").value == "digital"
    assert at.number_input(key="coverage.ratio.Enterprise.named_accounts").value == 10
    assert {m.label: m.value for m in at.metric}["CSMs needed"] == "23"


def test_page_without_team_and_usage(tmp_path, monkeypatch):
    path = tmp_path / "dashboard.duckdb"
    con = store.connect(path)
    store.commit(con, [store.Load("accounts", _accounts(), "accounts.csv"), store.Load("mrr_monthly", _mrr(), "m.csv")], by=ME)
    con.close()
    at = open_page(path, monkeypatch, "pages/coverage.py")
    tiles = {m.label: m.value for m in at.metric}
    assert tiles["CSMs today"] == "3"  # Ann, Ben and Cho, named by paying accounts
    assert any("Without a team table" in md.value for md in at.markdown)
    assert any("team table" in i.value for i in at.info)  # the empty state links to the Data page
    # without usage the adoption rate is an input, at its fallback of 50%
    assert tiles["Adoption rate today"] == "50.0%"


def test_page_in_japanese(sample_db, monkeypatch):
    monkeypatch.setenv(store.DB_ENV, str(sample_db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    at.sidebar.selectbox(key="display.lang.en").set_value("ja").run()
    at.switch_page("pages/coverage.py")
    at.run()
    assert not at.exception
    assert at.title[0].value == "カバレッジモデル"
    assert {m.label: m.value for m in at.metric}["必要CSM数"] == "20"
    assert any(md.value.startswith("モデルには20人のCSM") for md in at.markdown)


def test_the_built_in_amounts_follow_the_currency():
    """With yen on screen the defaults are yen amounts (Enterprise from ¥10M ARR, a CSM at ¥12M a
    year), not the dollar figures read as yen (issue 11: a ¥120,000 CSM)."""
    yen = in_currency(fitted_default(["Enterprise", "Mid-Market", "SMB"]), "JPY")
    assert yen.currency == "JPY" and yen.rule == "segment"
    assert [b.lower for b in yen.arr_bands] == [10_000_000.0, 1_500_000.0, 0.0]
    assert (yen.digital_program_cost, yen.digital_cost_per_account) == (6_000_000.0, 12_000.0)
    assert yen.csm_cost is None and model.loaded_csm_cost(yen, None) == 12_000_000.0
    assert model.loaded_csm_cost(yen, 9_000_000.0) == 9_000_000.0  # the team's own cost wins
    arr_motion = in_currency(Scenario(motions=(("Big", Motion("named_arr", 2_500_000.0)),)), "JPY").motion("Big")
    assert arr_motion == Motion("named_arr", 250_000_000.0)
    assert in_currency(yen, "USD") == in_currency(fitted_default(["Enterprise", "Mid-Market", "SMB"]), "USD")
    assert from_json(to_json(yen)) == yen  # the file says which currency its amounts are in
    assert json.loads(to_json(yen))["currency"] == "JPY"
    with pytest.raises(ScenarioError, match="currency: 'XYZ' is not one of USD, EUR, GBP, JPY"):
        from_json('{"currency": "XYZ"}')


@pytest.fixture
def book_without_team(tmp_path):
    """A book with accounts and monthly revenue but no team table (so no CSM cost of its own)."""
    path = tmp_path / "book.duckdb"
    con = store.connect(path)
    store.commit(con, [store.Load("accounts", _accounts(), "accounts.csv"), store.Load("mrr_monthly", _mrr(), "mrr.csv")], by=ME)
    con.close()
    return path


def test_the_coverage_page_starts_in_the_display_currency(book_without_team, monkeypatch):
    """A yen book without a team table: the page's default CSM cost is ¥12,000,000; switching the
    display currency back to dollars starts the editor again from the dollar defaults."""
    at = open_page(book_without_team, monkeypatch, "pages/coverage.py", state={"currency": "JPY"})
    assert not at.exception, [e.value for e in at.exception]
    assert any("No team costs loaded; default ¥12,000,000" in c.value for c in at.caption)
    at.session_state["currency"] = "USD"
    at.run()
    assert not at.exception
    assert any("No team costs loaded; default $120,000" in c.value for c in at.caption)


def test_every_amount_input_is_written_with_separators(book_without_team, monkeypatch):
    """A number input shows 12000000; each money input of the page has its amount beneath, written as
    the page writes money (issue 11: thousands separators everywhere)."""
    at = open_page(book_without_team, monkeypatch, "pages/coverage.py", state={"currency": "JPY"})
    assert not at.exception
    captions = [c.value for c in at.caption]
    for name in ("csm_cost", "digital_program_cost", "digital_cost_per_account"):
        amount = at.number_input(key=f"coverage.set.{name}").value
        assert f"= ¥{amount:,.0f}" in captions, (name, amount, captions)
