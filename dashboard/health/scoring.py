"""Sub-scores, scores and bands: plain numpy on a measures frame, so a slider move re-scores at once.

Rules (PRODUCT.md "Health score"), for a value v with the rule's ``low`` < ``high``:

- thresholds: higher is better -> 0 (red) below ``low``, 50 (yellow) from ``low``, 100 (green) from
  ``high``; lower is better -> 100 up to ``low``, 50 up to ``high``, 0 above.
- linear: 0 at ``low`` rising to 100 at ``high``, clipped (reversed when lower is better).
- percentile: the account's mid-rank percentile among the month's paying accounts that have the
  measure (100 minus it when lower is better).

A missing measure has no sub-score (NaN, never 0). The score is the weighted mean of the available
sub-scores: the weights renormalise over what the account has. Accounts with none of the weighted
measures have no score and no band.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from dashboard.health.config import BAND_NAMES, MEASURE_NAMES, NO_SCORE, Config, Model, Rule

# One BLAS thread for the whole process. A weight move is a matrix-vector product over a million rows;
# OpenBLAS splits it over both cores and then leaves its second thread spinning, which on a two-core
# server takes the core from the back-test's sort (1.7 times as slow right after one) and from DuckDB.
threadpool_limits(1, user_api="blas")

GOOD, NEUTRAL, POOR = BAND_NAMES
SCORE_COLUMNS = ["account_id", "segment", "score", "band"]


def sub_score(values: np.ndarray, pct: np.ndarray, rule: Rule) -> np.ndarray:
    """One measure's 0-100 sub-scores (NaN where the value is missing)."""
    values = np.asarray(values, dtype="float64")
    if rule.rule == "percentile":
        out = np.asarray(pct, dtype="float64").copy()
        return out if rule.higher_is_better else 100.0 - out
    if rule.rule == "linear":
        out = np.clip((values - rule.low) / (rule.high - rule.low), 0.0, 1.0) * 100.0
        return out if rule.higher_is_better else 100.0 - out
    if rule.rule == "thresholds":
        if rule.higher_is_better:
            out = np.where(values >= rule.high, 100.0, np.where(values >= rule.low, 50.0, 0.0))
        else:
            out = np.where(values <= rule.low, 100.0, np.where(values <= rule.high, 50.0, 0.0))
        return np.where(np.isnan(values), np.nan, out)
    raise ValueError(f"unknown rule {rule.rule!r}")


BAND_ORDER = (GOOD, NEUTRAL, POOR, NO_SCORE)  # band codes 0..3 of the array functions
# A score this close below a band's threshold is on it. The same weighted mean summed in another order
# (a matrix product, SQL, a loop) differs in the last bits: 70 came out as 69.99999999999999 for two
# accounts of the 1M book, and a band must not depend on the order of additions. Distinct true scores
# are much further apart (percentiles step by at least 50 / accounts, weights are whole numbers).
BAND_TOLERANCE = 1e-9


@dataclass(frozen=True, eq=False)
class Prepared:
    """A measures frame as numpy arrays, built once per month frame; every slider move scores these.

    values / pct / present: one contiguous array per measure (MEASURE_NAMES order; present is 1.0
    where the account has the measure, else 0.0); segments, ids, names: each row's segment, account id
    and name (object arrays); missing: accounts lacking each measure; segment_names: the distinct
    segments, sorted (the model picker's options: a set of a million names cost 30 ms a rerun).
    ``subs`` keeps the sub-scores of the rules scored last (see :func:`_weighted_mean`), so a weight
    move only re-weights them.
    """

    values: tuple[np.ndarray, ...]
    pct: tuple[np.ndarray, ...]
    present: tuple[np.ndarray, ...]
    segments: np.ndarray
    missing: np.ndarray
    ids: np.ndarray
    names: np.ndarray
    segment_names: tuple[str, ...] = ()
    subs: dict = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.segments)


def prepare(frame: pd.DataFrame) -> Prepared:
    values = tuple(np.ascontiguousarray(frame[name].to_numpy(dtype="float64")) for name in MEASURE_NAMES)
    pct = tuple(np.ascontiguousarray(frame[f"{name}_pct"].to_numpy(dtype="float64")) for name in MEASURE_NAMES)
    present = tuple((~np.isnan(v)).astype("float64") for v in values)
    missing = np.array([int(len(v) - p.sum()) for v, p in zip(values, present, strict=True)], dtype=np.int64)
    segments = frame["segment"].to_numpy(dtype=object)
    return Prepared(values, pct, present, segments, missing, frame["account_id"].to_numpy(dtype=object),
                    frame.get("account_name", frame["account_id"]).to_numpy(dtype=object),
                    tuple(sorted(s for s in pd.unique(segments).tolist() if isinstance(s, str))))


def score_arrays(prep: Prepared, config: Config, *, with_subs: bool = False) -> tuple[
        np.ndarray, np.ndarray, np.ndarray | None]:
    """(scores, band codes, sub-scores or None) of prepared rows: the fast path behind every slider move.

    With one model for every row the kept sub-scores are re-weighted (:func:`_weighted_mean`); with a
    segment's own models, one pass per weighted measure over that segment's rows accumulates the
    weighted sum and the available weight. Band codes index :data:`BAND_ORDER` (0 Good, 1 Neutral,
    2 Poor, 3 no score).
    """
    n = len(prep)
    subs = np.full((n, len(MEASURE_NAMES)), np.nan) if with_subs else None
    parts = _model_rows(prep.segments, config)
    if parts[0][0] is not None:  # segment models: each fills its rows
        scores, codes = np.full(n, np.nan), np.full(n, 3, dtype=np.int8)
    for rows, model in parts:
        whole = rows is None
        if whole:  # one model for every row: the kept sub-scores, re-weighted
            scores = _weighted_mean(prep, model)
            codes = _band_codes(scores, model)
            if with_subs:
                for j, rule in enumerate(model.rules):
                    subs[:, j] = sub_score(prep.values[j], prep.pct[j], rule)
            continue
        size = len(rows)
        total, weight = np.zeros(size), np.zeros(size)
        for j, rule in enumerate(model.rules):
            if rule.weight <= 0 and not with_subs:
                continue
            part = sub_score(prep.values[j][rows], prep.pct[j][rows], rule)
            if with_subs:
                subs[rows, j] = part
            if rule.weight > 0:
                total += rule.weight * np.nan_to_num(part, copy=False)
                weight += rule.weight * prep.present[j][rows]
        with np.errstate(invalid="ignore", divide="ignore"):
            mine = np.where(weight > 0, total / weight, np.nan)
        scores[rows], codes[rows] = mine, _band_codes(mine, model)
    return scores, codes, subs


def _band_codes(scores: np.ndarray, model: Model) -> np.ndarray:
    """0 Good (score >= good), 1 Neutral (>= neutral), 2 Poor, 3 no score."""
    good, neutral = model.good - BAND_TOLERANCE, min(model.neutral, model.good) - BAND_TOLERANCE
    band = (scores < good).view(np.int8) + (scores < neutral).view(np.int8)
    band[np.isnan(scores)] = 3
    return band


_SUBS_LOCK = threading.Lock()


def _pattern(prep: Prepared) -> np.ndarray:
    """Each row's present measures as bits (bit j: it has measure j), made once per Prepared."""
    with _SUBS_LOCK:
        bits = prep.subs.get("pattern")
        if bits is None:
            # index-sized, not the 16 bits 12 measures need: a lookup by a narrower index converts it
            # first (4 ms a million rows, against 1.5 ms)
            bits = np.zeros(len(prep), dtype=np.intp)
            for j, present in enumerate(prep.present):
                bits |= present.astype(np.intp) << j
            prep.subs["pattern"] = bits
    return bits


def _weighted_mean(prep: Prepared, model: Model) -> np.ndarray:
    """Every row's score under one model: the weighted mean of its available sub-scores.

    The sub-scores (missing as 0) are kept on ``prep`` as one column per measure, rebuilt only for a
    measure whose rule changed, so a weight move is one matrix-vector product; the weight each row
    has available is looked up from its pattern of present measures (one gather, not a pass per
    measure). The same arithmetic as the loop in :func:`score_arrays`, in another order."""
    weights = np.array([rule.weight if rule.weight > 0 else 0.0 for rule in model.rules])
    pattern = _pattern(prep)
    with _SUBS_LOCK:  # sessions share a cached Prepared: one builds a column while others wait
        state = prep.subs
        if "filled" not in state:
            state["filled"] = np.zeros((len(prep), len(MEASURE_NAMES)), order="F")
            state["rules"] = [None] * len(MEASURE_NAMES)
        filled = state["filled"]
        for j, rule in enumerate(model.rules):
            key = (rule.rule, rule.low, rule.high, rule.higher_is_better)
            if weights[j] > 0 and state["rules"][j] != key:
                filled[:, j] = np.nan_to_num(sub_score(prep.values[j], prep.pct[j], rule))
                state["rules"][j] = key
        total = filled @ weights  # a measure without weight adds 0 (its column is finite, maybe stale)
    # the available weight of each pattern of present measures (2^measures entries; NaN for a pattern
    # with none of the weighted measures, so its rows get no score); a division, as the loop does, so a
    # score on a band's threshold stays on it
    patterns = np.arange(1 << len(MEASURE_NAMES), dtype=np.int64)
    available = ((patterns[:, None] >> np.arange(len(MEASURE_NAMES))) & 1) @ weights
    total /= np.where(available > 0, available, np.nan).take(pattern)
    return total


def measures_used(prep: Prepared, config: Config) -> np.ndarray:
    """How many weighted measures (weight > 0 in the model of the row's segment) each row has."""
    if len(config.models) == 1:  # one model: count the weighted bits of each row's pattern
        weighted = sum(1 << j for j, rule in enumerate(config.models[0][1].rules) if rule.weight > 0)
        return np.bitwise_count(_pattern(prep) & weighted).astype(np.int64)
    used = np.zeros(len(prep), dtype=np.int64)
    for rows, model in _model_rows(prep.segments, config):
        for j, rule in enumerate(model.rules):
            if rule.weight > 0:
                present = prep.present[j] if rows is None else prep.present[j][rows]
                if rows is None:
                    used += present.astype(np.int64)
                else:
                    used[rows] += present.astype(np.int64)
    return used


def band_counts(codes: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """Per band code (0 Good .. 3 no score): how many rows have it, or the sum of their ``weights``.
    A compare per code is a few times quicker than bincount, which first widens a million one-byte
    codes to the index type."""
    if weights is None:
        return np.array([np.count_nonzero(codes == code) for code in range(len(BAND_ORDER))], dtype=np.int64)
    return np.array([weights @ (codes == code) for code in range(len(BAND_ORDER))], dtype="float64")


def band_labels(codes: np.ndarray) -> np.ndarray:
    return np.array(BAND_ORDER, dtype=object)[codes]


def sub_scores(frame: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Each measure's sub-score under the model of the account's segment.

    Grain: the rows of ``frame`` (a :func:`dashboard.health.measures.measures` frame), same index.
    Columns: one per measure of :data:`MEASURE_NAMES` (float, NaN = unavailable).
    """
    _, _, subs = score_arrays(prepare(frame), config, with_subs=True)
    return pd.DataFrame(subs, columns=list(MEASURE_NAMES), index=frame.index)


def weight_matrix(frame: pd.DataFrame, config: Config) -> np.ndarray:
    """Each row's weight per measure (rows x measures), from the model of its segment."""
    weights = np.zeros((len(frame), len(MEASURE_NAMES)))
    for rows, model in _model_rows(frame["segment"].to_numpy(dtype=object), config):
        weights[slice(None) if rows is None else rows] = [r.weight for r in model.rules]
    return weights


def combine(subs: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Scores (weighted mean of available sub-scores; NaN without any) and each measure's contribution
    (weight x sub-score / available weight, so contributions add up to the score)."""
    have = ~np.isnan(subs)
    used = np.where(have, weights, 0.0)
    total = used.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(total[:, None] > 0, used / total[:, None], np.nan)
        contributions = np.where(have, share * np.nan_to_num(subs), np.nan)
        scores = np.where(total > 0, np.nansum(contributions, axis=1), np.nan)
    return scores, contributions


def bands(scores: np.ndarray, good: np.ndarray | float, neutral: np.ndarray | float) -> np.ndarray:
    """Good when score >= good, Neutral when >= neutral, else Poor; NO_SCORE without a score (each
    threshold less :data:`BAND_TOLERANCE`)."""
    scores = np.asarray(scores, dtype="float64")
    good, neutral = np.asarray(good) - BAND_TOLERANCE, np.asarray(neutral) - BAND_TOLERANCE
    out = np.where(scores >= good, GOOD, np.where(scores >= neutral, NEUTRAL, POOR)).astype(object)
    out[np.isnan(scores)] = NO_SCORE
    return out


def score(frame: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Score and computed band of every row of a measures frame.

    Grain: the rows of ``frame``, same index. Columns: account_id, segment, score (float, NaN when no
    weighted measure is available), band (Good / Neutral / Poor, or NO_SCORE).
    """
    scores, codes, _ = score_arrays(prepare(frame), config)
    return pd.DataFrame({"account_id": frame["account_id"].to_numpy(), "segment": frame["segment"].to_numpy(),
                         "score": scores, "band": band_labels(codes)}, index=frame.index)


def contributions(frame: pd.DataFrame, config: Config, *, subs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Why an account scores what it does: per row and measure, the points it adds to the score.

    Grain: the rows of ``frame``, same index. Columns: one per measure (NaN = unavailable); each
    row sums to the score. ``subs``: the rows' :func:`sub_scores`, when the caller has them.
    """
    subs = sub_scores(frame, config) if subs is None else subs
    _, parts = combine(subs.to_numpy(), weight_matrix(frame, config))
    return pd.DataFrame(parts, columns=list(MEASURE_NAMES), index=frame.index)


def missing_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """How many scored rows lack each measure. Columns: measure, missing, accounts, share."""
    n = len(frame)
    missing = [int(frame[name].isna().sum()) for name in MEASURE_NAMES]
    return pd.DataFrame({"measure": list(MEASURE_NAMES), "missing": missing, "accounts": n,
                         "share": [m / n if n else float("nan") for m in missing]})


def _model_rows(segments: np.ndarray, config: Config) -> list[tuple[np.ndarray | None, Model]]:
    """Row positions per model (None = every row): a segment's own model, else the default one."""
    if len(config.models) == 1:
        return [(None, config.models[0][1])]
    own = [name for name in config.segments if name != config.segments[0]]
    parts = [(np.flatnonzero(~np.isin(segments, own)), config.models[0][1])]
    for name, model in config.models[1:]:
        parts.append((np.flatnonzero(segments == name), model))
    return parts


BIN_COLUMNS = ["start", "end", "accounts", "band"]


def score_bins(scores: np.ndarray, good: float, neutral: float, width: float = 2.0) -> pd.DataFrame:
    """The score distribution binned for a chart (a raw 100k-point histogram is megabytes).

    Grain: one row per bin of ``width`` points from 0 to 100. Columns: start, end, accounts, band
    (the band of the bin's start under ``good`` / ``neutral``).
    """
    edges = np.arange(0.0, 100.0 + width, width)
    starts = edges[:-1]
    scores = np.asarray(scores, dtype="float64")
    # scores are 0-100, so truncating is flooring (and quicker than // on a million floats); fmin puts 100
    # in the last bin, and a NaN there too (fmin takes the number), so the NaN are then taken off it:
    # no pass that picks the scored rows first
    index = np.fmin(scores * (1.0 / width), len(starts) - 1).astype(np.intp)
    counts = np.bincount(index, minlength=len(starts))
    counts[-1] -= np.count_nonzero(np.isnan(scores))
    return pd.DataFrame({"start": starts, "end": edges[1:], "accounts": counts.astype("int64"),
                         "band": bands(starts, good, neutral)})
