"""Health score on the sample company: the back-test finds the built-in signal, and the page (AppTest)
re-scores when a weight slider moves and saves a configuration that becomes active."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import access, store, windows
from dashboard.health import backtest, storage
from dashboard.health.config import USAGE_MEASURES, Config
from dashboard.revenue import metrics as revenue
from tests.conftest import open_page

ROOT = Path(__file__).resolve().parents[1]
# Measured on the sample company with the default configuration (H = 6, X = 20%): 0.79 to 0.82 for the
# months below; the floor leaves room for noise, and a score without signal sits near 0.5.
AUC_FLOOR = 0.75


@pytest.mark.parametrize("back", [6, 9, 12])
def test_default_configuration_predicts_churn_on_the_sample(sample_db, back):
    con = store.connect(sample_db)
    as_of = revenue.default_as_of(con, today=date(2026, 11, 15))
    month = windows.add_months(as_of, -back)
    frame = backtest.backtest_frame(con, as_of=as_of, month=month, horizon=6)
    result = backtest.evaluate(frame, Config(), contraction_pct=20)
    assert result.auc > AUC_FLOOR
    rates = result.bands.set_index("band")["rate"]
    assert rates["Poor"] > rates["Neutral"] > rates["Good"]
    # every usage-based measure carries signal on its own; months to renewal is not in the sample
    aucs = result.measures.set_index("measure")["auc"]
    assert (aucs[list(USAGE_MEASURES)] > 0.55).all()
    assert aucs.isna()["months_to_renewal"]
    con.close()


def app(sample_db, monkeypatch) -> AppTest:
    return open_page(sample_db, monkeypatch, "pages/health.py")


def band_counts(at: AppTest) -> dict[str, int]:
    return {m.label: int(m.value.replace(",", "")) for m in at.metric if m.label in ("Good", "Neutral", "Poor")}


def test_moving_a_weight_changes_the_band_counts_and_saving_activates(sample_db, monkeypatch):
    at = app(sample_db, monkeypatch)
    before = band_counts(at)
    assert sum(before.values()) > 1000
    auc_before = next(m.value for m in at.metric if m.label == "ROC AUC of the score")
    at.slider(key="health.w.*.seat_utilisation").set_value(0).run()
    assert not at.exception
    after = band_counts(at)
    assert after != before and sum(after.values()) == sum(before.values())
    assert next(m.value for m in at.metric if m.label == "ROC AUC of the score") != auc_before
    # the band tiles show the change against the saved configuration
    assert any(m.delta for m in at.metric if m.label in after)
    at.text_input(key="health.save_name").set_value("No seats")
    at.button(key="health.save").click().run()
    assert not at.exception
    con = store.connect(sample_db)
    active = storage.active(con)
    assert (active.name, active.version) == ("No seats", 1)
    assert active.config.model("*").rule("seat_utilisation").weight == 0
    con.close()
    assert not any(m.delta for m in at.metric if m.label in after)  # nothing differs from the saved one now


def test_segment_model_and_override_from_the_page(sample_db, monkeypatch):
    at = app(sample_db, monkeypatch)
    at.selectbox(key="health.model_new").set_value("Enterprise")
    at.button(key="health.model_add").click().run()
    assert at.selectbox(key="health.model").value == "Enterprise"
    assert at.slider(key="health.w.Enterprise.nps") is not None
    chosen = at.selectbox(key="health.account").value
    at.selectbox(key="health.ov_band").set_value("Good")
    at.text_area(key="health.ov_reason").set_value("Signed a 3-year renewal yesterday")
    at.button(key="FormSubmitter:health.override_form-Save override").click().run()
    assert not at.exception
    assert next(m.value for m in at.metric if m.label == "Band set by hand") == "Good"
    con = store.connect(sample_db)
    from dashboard.health import overrides

    assert overrides.history(con, chosen)["status"].tolist() == ["active"]
    # without sign-in the author is the local user, never a typed name
    assert overrides.history(con, chosen)["author"].tolist() == [access.local_identity().user]
    con.close()


def test_suggested_weights_apply_only_when_asked(sample_db, monkeypatch):
    at = app(sample_db, monkeypatch)
    weights = {s.key: s.value for s in at.slider if s.key and s.key.startswith("health.w.*.")}
    at.button(key="health.suggest").click().run()
    assert not at.exception
    assert {s.key: s.value for s in at.slider if s.key in weights} == weights  # shown, not applied
    at.button(key="health.suggest_apply").click().run()
    assert not at.exception
    applied = {s.key: s.value for s in at.slider if s.key in weights}
    assert applied != weights
    # the regression favours seat utilisation on the sample (its own AUC is the highest)
    assert max(applied, key=applied.get) == "health.w.*.seat_utilisation"
    assert applied["health.w.*.months_to_renewal"] == 0  # not in the data: no evidence, no weight


def test_every_horizon_at_once_gives_each_horizons_backtest(sample_db):
    """The page's back-test reads every horizon of a scored month from one query: each horizon's
    accounts, MRR, lowest MRR and churn flags are those of the one-horizon back-test, and so are the
    figures scored from them."""
    con = store.connect(sample_db)
    try:
        as_of = revenue.default_as_of(con)
        month = windows.add_months(as_of, -9)
        every = backtest.backtest_horizons(con, as_of=as_of, month=month)
        for horizon in range(1, 10):
            one = backtest.backtest_frame(con, as_of=as_of, month=month, horizon=horizon)
            got = every.frame_for(horizon)
            pd.testing.assert_frame_equal(got.reset_index(drop=True), one.reset_index(drop=True))
            tested = every.tested(horizon)
            ours = backtest.evaluate(tested, Config(), contraction_pct=20, measure_aucs_too=False)
            theirs = backtest.evaluate(one, Config(), contraction_pct=20, measure_aucs_too=False)
            assert (ours.auc, ours.accounts, ours.outcomes) == (theirs.auc, theirs.accounts, theirs.outcomes)
        assert every.lowest[:, 9:].size and np.isnan(every.lowest[:, 9:]).all()  # past the as-of month: none yet
        assert (every.lowest[:, :9] <= every.frame["mrr"].to_numpy()[:, None]).mean() > 0.5
        with pytest.raises(ValueError):
            every.tested(13)
    finally:
        con.close()


def headings(node, found: list) -> list:
    """The page's title, headers and subheaders as (kind, text), in the order the page shows them."""
    if getattr(node, "type", None) in ("title", "header", "subheader"):
        found.append((node.type, node.value))
    for child in (getattr(node, "children", None) or {}).values():
        headings(child, found)
    return found


def test_the_suggested_weights_follow_the_backtest_they_come_from(sample_db, monkeypatch):
    at = app(sample_db, monkeypatch)
    assert not at.exception
    assert headings(at.main, []) == [
        ("title", "Health score tuning"), ("header", "Accounts by band"), ("header", "Accounts that change band"),
        ("header", "Does the score predict churn?"), ("subheader", "Each measure's own AUC"),
        ("subheader", "Suggested weights"), ("header", "One account"), ("header", "Saved configurations")]


def shown_text(at: AppTest) -> str:
    """Every markdown text of the page, its escapes removed."""
    return " ".join(m.value for m in at.markdown).replace("\\", "")


def test_a_backtest_without_outcomes_says_so_and_names_the_horizon_that_has_them(tmp_path, monkeypatch):
    """A Japanese company's export whose churn all falls on the data's last day: the default month T (the
    latest every horizon can follow) has no outcome within six months, and the finding says so, with the
    horizon that has some, instead of an AUC of nan."""
    from dashboard import cli
    from tests.jp_export import write_export

    write_export(tmp_path, customers=300, churned=70, seed=11)
    db = tmp_path / "dashboard.duckdb"
    for table, name in (("accounts", "顧客一覧.csv"), ("subscriptions", "契約一覧.xlsx"), ("churn_reasons", "解約理由.csv")):
        assert cli.main(["ingest", "--db", str(db), "--table", table, str(tmp_path / name)]) == 0
    at = open_page(db, monkeypatch, "pages/health.py")
    assert at.selectbox(key="health.bt_month").value == date(2024, 1, 1)  # as of 2025-01, twelve months before
    shown = shown_text(at)
    assert "None of the " in shown and "paying in 2024-01 churned or shrank by more than 20% within 6 months" in shown
    assert "Within 12 months " in shown and "move the horizon" in shown
    assert "nan" not in shown
    said = next(s for s in shown.split("Within 12 months ")[1:])
    n = int(said.split(" did")[0].replace(",", ""))
    assert n > 0
    at.slider(key="health.horizon").set_value(12).run()
    assert not at.exception
    shown = shown_text(at)
    assert f"Scored in 2024-01, {n:,} of " in shown and "within 12 months" in shown and "None of the" not in shown
    # a score from revenue alone (the export has no usage) leaves the Poor band empty: said, not given a rate
    assert "of Good accounts, and no account was Poor; AUC 0." in shown and "– of Poor" not in shown


@pytest.mark.parametrize("accounts, said", [
    ((10, 20, 5), "40.0% of Poor accounts against 10.0% of Good ones"),
    ((10, 20, 0), "10.0% of Good accounts, and no account was Poor"),
    ((0, 20, 5), "40.0% of Poor accounts, and no account was Good"),
    ((0, 20, 0), "no account was Poor or Good")])
def test_the_backtest_finding_says_an_empty_band_is_empty(accounts, said):
    from dashboard.health.view_tuning import band_rates

    good, neutral, poor = accounts
    bands = pd.DataFrame({"band": ["Good", "Neutral", "Poor"], "accounts": [good, neutral, poor],
                          "outcomes": [1 if good else 0, 3, 2 if poor else 0]})
    bands["rate"] = np.where(bands["accounts"] > 0, bands["outcomes"] / bands["accounts"].clip(lower=1), np.nan)
    assert band_rates(bands) == said
