"""Health score: rules, renormalisation, bands, segment models, AUC, lift and the config file format
(pure functions on hand-made frames)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_array_equal
from pandas.testing import assert_frame_equal

from dashboard.health import backtest, scoring
from dashboard.health.config import (
    DEFAULT_MODEL,
    MEASURE_NAMES,
    Config,
    ConfigError,
    Model,
    Rule,
    diff,
    from_json,
    path_parts,
    to_json,
)

NAN = float("nan")


def frame(**values) -> pd.DataFrame:
    """A measures frame with the given measure columns (others missing) for len(values) accounts."""
    n = len(next(iter(values.values())))
    data = {"account_id": [f"A{i}" for i in range(1, n + 1)], "segment": values.pop("segment", ["SMB"] * n)}
    for name in MEASURE_NAMES:
        data[name] = values.get(name, [NAN] * n)
        data[f"{name}_pct"] = values.get(f"{name}_pct", [NAN] * n)
    return pd.DataFrame(data)


def only(**weights) -> Config:
    """The default model with every weight 0 except the given ones."""
    model = Model()
    for name in MEASURE_NAMES:
        model = model.with_rule(name, weight=float(weights.get(name, 0)))
    return Config(((DEFAULT_MODEL, model),))


@pytest.mark.parametrize("rule, expected", [
    (Rule(1, "thresholds", 10, 20), [0, 50, 50, 50, 100, 100, NAN]),
    (Rule(1, "thresholds", 10, 20, False), [100, 100, 50, 50, 50, 0, NAN]),
    (Rule(1, "linear", 10, 20), [0, 0, 50, 90, 100, 100, NAN]),
    (Rule(1, "linear", 10, 20, False), [100, 100, 50, 10, 0, 0, NAN]),
    (Rule(1, "percentile", 0, 0), [5, 15, 25, 35, 45, 55, NAN]),
    (Rule(1, "percentile", 0, 0, False), [95, 85, 75, 65, 55, 45, NAN]),
])
def test_sub_score_rules(rule, expected):
    values = np.array([5, 10, 15, 19, 20, 30, NAN])
    pct = np.array([5, 15, 25, 35, 45, 55, NAN])
    np.testing.assert_allclose(scoring.sub_score(values, pct, rule), expected)


def test_weights_renormalise_over_available_measures():
    # A1 has both measures, A2 lacks NPS, A3 lacks both -> no score and no band
    data = frame(seat_utilisation=[0.9, 0.5, NAN], nps=[0.0, NAN, NAN])
    config = only(seat_utilisation=30, nps=10)  # seat linear 0.5..0.9 -> 100, 0; nps thresholds 0/30 -> 50
    got = scoring.score(data, config)
    expected = pd.DataFrame({"account_id": ["A1", "A2", "A3"], "segment": ["SMB"] * 3,
                             "score": [(30 * 100 + 10 * 50) / 40, 0.0, NAN], "band": ["Good", "Poor", "No data"]})
    assert_frame_equal(got, expected)
    parts = scoring.contributions(data, config)
    np.testing.assert_allclose(parts.sum(axis=1, min_count=1), got["score"])
    assert_frame_equal(parts[["seat_utilisation", "nps"]],
                       pd.DataFrame({"seat_utilisation": [75.0, 0.0, NAN], "nps": [12.5, NAN, NAN]}))


def test_bands_at_the_thresholds():
    got = scoring.bands(np.array([70.0, 69.99, 40.0, 39.99, NAN]), 70.0, 40.0)
    assert got.tolist() == ["Good", "Neutral", "Neutral", "Poor", "No data"]


def test_a_score_on_a_threshold_keeps_its_band():
    # seat 0.5..0.9 linear: 0.78 -> 70; nps thresholds 0/30: 30 -> 100; weights 20 and 10: 1400 + 1000
    # over 30 is 80, and 0.78 alone over its weight is exactly 70 (x * 1/30 would be 69.99...)
    data = frame(seat_utilisation=[0.78, 0.78], nps=[NAN, 30.0])
    got = scoring.score(data, only(seat_utilisation=30, nps=10))
    assert got["score"].tolist() == [70.0, (30 * 70 + 10 * 100) / 40]
    assert got["band"].tolist() == ["Good", "Good"]


def test_a_score_a_rounding_below_a_threshold_keeps_its_band():
    # an account of the 1M benchmark book: usage trend 0 (linear -0.3..0.1 gives 74.99999999999999, not
    # 75), spend change 0 (thresholds: 100), 1 month to renewal (thresholds 3/6: 0), weights 10, 10, 5:
    # 1750 / 25 is 70, but the matrix product summed it to 69.99999999999999 and banded it Neutral
    data = frame(usage_trend=[0.0, -0.3 + 0.4 * 0.7], spend_change=[0.0, 0.0], months_to_renewal=[1.0, 1.0])
    config = only(usage_trend=10, spend_change=10, months_to_renewal=5)
    got = scoring.score(data, config)
    np.testing.assert_allclose(got["score"], [70.0, (10 * 70 + 10 * 100) / 25])
    assert got["band"].tolist() == ["Good", "Neutral"]
    # the loop over a segment's rows (another order of additions) bands it the same
    split = config.with_model("Enterprise", config.model(DEFAULT_MODEL))
    assert scoring.score(data, split)["band"].tolist() == ["Good", "Neutral"]
    assert scoring.bands(np.array([70 - 1e-14, 40 - 1e-14, 70 - 1e-6]), 70.0, 40.0).tolist() == [
        "Good", "Neutral", "Neutral"]


def test_segment_models_score_their_segment_only():
    data = frame(seat_utilisation=[0.9, 0.9, 0.5], nps=[-50.0, -50.0, 50.0],
                 segment=["Enterprise", "SMB", "Enterprise"])
    config = only(seat_utilisation=10, nps=10)
    config = config.with_model("Enterprise", config.model(DEFAULT_MODEL).with_rule("nps", weight=0.0))
    got = scoring.score(data, config)
    # Enterprise ignores NPS: 100 and 0; SMB averages 100 and 0
    assert got["score"].tolist() == [100.0, 50.0, 0.0]
    assert got["band"].tolist() == ["Good", "Neutral", "Poor"]


def test_measures_used_counts_weighted_measures_by_segment_model():
    data = frame(seat_utilisation=[0.9, NAN, 0.5], nps=[-50.0, 10.0, NAN], logins_per_user=[3.0, 4.0, 5.0],
                 segment=["Enterprise", "SMB", "SMB"])
    config = only(seat_utilisation=10, nps=10)  # logins has weight 0: present but not used
    config = config.with_model("Enterprise", config.model(DEFAULT_MODEL).with_rule("nps", weight=0.0))
    assert scoring.measures_used(scoring.prepare(data), config).tolist() == [1, 1, 1]
    assert scoring.measures_used(scoring.prepare(data), only(seat_utilisation=1, nps=1, logins_per_user=1)).tolist() \
        == [3, 2, 2]


def test_prepared_rows_list_their_segments_once_sorted():
    """The model picker's options: each segment once, sorted; a row without a segment adds none."""
    data = frame(nps=[1.0, 2.0, 3.0, 4.0, 5.0], segment=["SMB", "Enterprise", "SMB", None, "Mid-Market"])
    assert scoring.prepare(data).segment_names == ("Enterprise", "Mid-Market", "SMB")


@pytest.mark.parametrize("path, parts", [
    ("*.measures.nps.weight", ("*", "nps", "weight")),
    ("Mid.Market.measures.seat_utilisation.low", ("Mid.Market", "seat_utilisation", "low")),
    ("Enterprise.bands.good", ("Enterprise", None, "good")),
])
def test_diff_paths_read_from_the_right(path, parts):
    assert path_parts(path) == parts


def test_missing_counts():
    got = scoring.missing_counts(frame(nps=[1.0, NAN, NAN], seat_utilisation=[0.1, 0.2, 0.3]))
    row = got.set_index("measure")
    assert row.loc["nps", "missing"] == 2 and row.loc["seat_utilisation", "missing"] == 0
    assert row.loc["months_to_renewal", "missing"] == 3 and (got["accounts"] == 3).all()


def test_score_bins_cover_every_score():
    scores = np.array([0.0, 1.9, 2.0, 69.9, 70.0, 100.0, NAN])
    bins = scoring.score_bins(scores, 70, 40)
    assert bins["accounts"].sum() == 6 and len(bins) == 50
    assert bins.loc[bins["start"] == 70, "band"].item() == "Good"
    assert bins.loc[bins["start"] == 68, "band"].item() == "Neutral"


def direct_auc(scores, outcome) -> float:
    """Every (healthy, outcome) pair: 1 when the healthy one scores higher, 1/2 on a tie."""
    healthy = [s for s, o in zip(scores, outcome) if not o and not np.isnan(s)]
    hit = [s for s, o in zip(scores, outcome) if o and not np.isnan(s)]
    wins = sum(1.0 if a > b else 0.5 if a == b else 0.0 for a, b in itertools.product(healthy, hit))
    return wins / (len(healthy) * len(hit))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_auc_matches_a_direct_pairwise_count(seed):
    rng = np.random.default_rng(seed)
    scores = np.round(rng.uniform(0, 100, 300), 0)  # rounding makes ties
    scores[rng.random(300) < 0.05] = NAN
    outcome = rng.random(300) < 0.3
    assert backtest.auc(scores, outcome) == pytest.approx(direct_auc(scores, outcome), abs=1e-12)
    # the back-test's path: both sorts handed in, the healthy accounts never sorted on their own
    kept, hits = scores[~np.isnan(scores)], outcome[~np.isnan(scores)]
    assert backtest.auc(kept, hits, bad_sorted=np.sort(kept[hits]), ordered=np.sort(kept)) == pytest.approx(
        direct_auc(scores, outcome), abs=1e-12)


@pytest.mark.parametrize("values", [
    np.round(np.random.default_rng(8).uniform(0, 100, 300_000), 2),  # ties
    np.random.default_rng(9).uniform(-1e9, 1e9, 300_000),  # any range
    np.concatenate([np.full(150_000, 63.6), np.random.default_rng(10).uniform(63.6, 63.6001, 150_000)]),
    np.full(1_000, 100.0),  # one value
    np.array([2.0, 1.0]),
    np.array([5e-324, 0.0, 5e-324]),  # a spread too small to divide by
    np.array([], dtype="float64"),
    np.append(np.linspace(100, 0, 1_000), NAN),  # a NaN: sorted last, as np.sort does
])
def test_scores_sorted_by_bucket_first_are_sorted(values):
    assert_array_equal(backtest.sort_scores(values), np.sort(values))


def test_auc_edges():
    assert backtest.auc(np.array([1.0, 2.0]), np.array([False, False])) != backtest.auc(
        np.array([1.0, 2.0]), np.array([False, False]))  # NaN: one class is empty
    assert backtest.auc(np.array([10.0, 90.0]), np.array([True, False])) == 1.0
    assert backtest.auc(np.array([90.0, 10.0]), np.array([True, False])) == 0.0


def test_outcome_flags_churn_or_contraction_beyond_x():
    mrr = np.array([100.0, 100.0, 100.0, 100.0])
    lowest = np.array([0.0, 79.0, 80.0, 120.0])
    assert backtest.outcome_flags(mrr, lowest, 20).tolist() == [True, True, False, False]


def test_band_rates_and_lift():
    bands = np.array(["Good", "Good", "Neutral", "Poor", "Poor"], dtype=object)
    outcome = np.array([False, True, False, True, True])
    assert_frame_equal(backtest.band_rates(bands, outcome), pd.DataFrame({
        "band": ["Good", "Neutral", "Poor"], "accounts": [2, 1, 2], "outcomes": [1, 0, 2], "rate": [0.5, 0.0, 1.0]}))
    scores = np.array([10.0, 20, 30, 40, 50, 60, 70, 80, 90, 100])
    hits = np.array([True, True, False, False, False, False, False, False, False, False])
    got = backtest.lift(scores, hits, groups=5)
    assert_frame_equal(got, pd.DataFrame({
        "decile": [1, 2, 3, 4, 5], "accounts": [2] * 5, "outcomes": [2, 0, 0, 0, 0],
        "rate": [1.0, 0, 0, 0, 0], "lift": [5.0, 0, 0, 0, 0], "captured": [1.0] * 5}), check_dtype=False)


def direct_lift_outcomes(scores, outcome, groups):
    """Outcomes per decile the plain way: every scored account in score order (ties in row order),
    position i in decile i * groups // n."""
    rows = sorted((s, i, o) for i, (s, o) in enumerate(zip(scores, outcome)) if not np.isnan(s))
    groups = min(groups, len(rows))
    counts, hits = [0] * groups, [0] * groups
    for position, (_, _, o) in enumerate(rows):
        decile = position * groups // len(rows)
        counts[decile] += 1
        hits[decile] += int(o)
    return [c for c in counts if c], [h for c, h in zip(counts, hits) if c]


@pytest.mark.parametrize("seed, n, groups", [(1, 300, 10), (2, 37, 10), (3, 7, 10), (4, 1000, 7), (5, 12, 5)])
def test_lift_cuts_ties_in_row_order_like_a_plain_sort(seed, n, groups):
    rng = np.random.default_rng(seed)
    scores = np.round(rng.uniform(0, 100, n) / 20) * 20  # six score levels: every cut falls in a tie
    scores[rng.random(n) < 0.05] = NAN
    outcome = rng.random(n) < 0.3
    counts, hits = direct_lift_outcomes(scores, outcome, groups)
    got = backtest.lift(scores, outcome, groups=groups)
    assert got["accounts"].tolist() == counts and got["outcomes"].tolist() == hits
    # evaluate hands over the scored rows and the sorted scores with the outcome: the same deciles and AUC
    kept, hit = scores[~np.isnan(scores)], outcome[~np.isnan(scores)]
    shared = backtest.lift(kept, hit, groups=groups, bad_sorted=np.sort(kept[hit]))
    assert shared["accounts"].tolist() == counts and shared["outcomes"].tolist() == hits
    assert backtest.auc(kept, hit, bad_sorted=np.sort(kept[hit])) == backtest.auc(scores, outcome)


def test_suggested_weights_favour_the_measure_that_predicts():
    rng = np.random.default_rng(7)
    n = 2000
    signal = rng.uniform(0, 100, n)
    noise = rng.uniform(0, 100, n)
    outcome = rng.random(n) < 1 / (1 + np.exp((signal - 40) / 8))
    subs = pd.DataFrame({name: np.full(n, NAN) for name in MEASURE_NAMES})
    subs["seat_utilisation"], subs["nps"] = signal, noise
    got = backtest.suggest_weights(subs, outcome).set_index("measure")
    assert got.loc["seat_utilisation", "weight"] >= 90
    assert got.loc["nps", "weight"] <= 10
    assert got.loc["feature_breadth", "weight"] == 0 and np.isnan(got.loc["feature_breadth", "coefficient"])


def test_config_json_round_trip_and_diff():
    config = Config().with_model("Enterprise", Model().with_rule("nps", weight=30.0, rule="linear", low=-20, high=40))
    again = from_json(to_json(config))
    assert again == config
    changes = diff(Config(), config)
    assert {"path": "Enterprise.measures.nps.weight", "old": None, "new": 30.0} in changes
    assert diff(config, config) == []
    tweaked = Config().with_model(DEFAULT_MODEL, Model(good=75.0))
    assert diff(Config(), tweaked) == [{"path": "*.bands.good", "old": 70.0, "new": 75.0}]


def test_config_file_may_leave_out_defaults():
    config = from_json(json.dumps({"models": {"*": {"measures": {"nps": {"weight": 0}}}}}))
    assert config.model("SMB").rule("nps").weight == 0
    assert config.model("SMB").rule("seat_utilisation") == Model().rule("seat_utilisation")


@pytest.mark.parametrize("text, message", [
    ("[1]", "must be a JSON object"),
    ("{", "not valid JSON"),
    ('{"models": {}}', '"*" (default) model'),
    ('{"models": {"*": {"measures": {"logins": {}}}}}', "unknown measure 'logins'"),
    ('{"models": {"*": {"measures": {"nps": {"weight": -1}}}}}', "models.*.measures.nps.weight: must be 0 or more"),
    ('{"models": {"*": {"measures": {"nps": {"rule": "magic"}}}}}', "models.*.measures.nps.rule"),
    ('{"models": {"*": {"measures": {"nps": {"low": 50, "high": 10}}}}}', "low (50) must be below high (10)"),
    ('{"models": {"*": {"bands": {"good": 30, "neutral": 60}}}}', "need 0 <= neutral <= good <= 100"),
    ('{"format": "other", "models": {"*": {}}}', "format"),
])
def test_bad_config_files_name_the_field(text, message):
    with pytest.raises(ConfigError, match=None) as error:
        from_json(text)
    assert message in str(error.value)


def test_the_documented_example_file_loads():
    text = (Path(__file__).resolve().parents[1] / "docs" / "health-config.md").read_text(encoding="utf-8")
    example = text.split("```json", 1)[1].split("```", 1)[0]
    config = from_json(example)
    assert config.segments == ("*", "Enterprise")
    assert config.model("Enterprise").rule("nps").weight == 25 and config.model("Enterprise").good == 75
    assert config.model("SMB").rule("support_tickets").higher_is_better is False


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_first_rows_on_screen_are_the_full_orders_first_rows(seed):
    from dashboard.health.view_tuning import Scored

    rng = np.random.default_rng(seed)
    scores = np.round(rng.uniform(0, 100, 2000) / 5) * 5  # many ties, at every cut
    scores[rng.random(2000) < 0.1] = NAN  # no score: last
    codes = np.zeros(2000, dtype=np.int8)
    now = Scored(scores, codes, codes, np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int8))
    full = np.argsort(np.nan_to_num(scores, nan=np.inf), kind="stable")
    assert now.order.tolist() == full.tolist()
    for k in (1, 7, 300, 1799, 1800, 1999, 2000, 5000):
        assert now.first(k).tolist() == full[:k].tolist(), k
    some = np.flatnonzero(rng.random(2000) < 0.3)
    assert now.ordered(some).tolist() == [r for r in full if r in set(some.tolist())]
