"""Back-test: does the score of month T rank the accounts that then churned or contracted?

Score every account paying in month T with the configuration on screen; the outcome is churn (MRR 0)
or contraction by more than X% (the lowest MRR of months T+1 .. T+H below MRR(T) x (1 - X/100)).
The data part (:func:`backtest_horizons`: month T's measures and the MRR of the twelve months after it,
every horizon at once) is read once per dataset version and month T; everything that moves with a slider
here, the horizon too, is numpy on arrays of one month. The command line's :func:`backtest_frame` reads
one horizon of any length (:func:`outcomes`).

AUC is the probability that a random account without the outcome scores higher than a random account
with it (ties count half): 0.5 is a coin toss, 1.0 a perfect ranking.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from dashboard import windows
from dashboard.health import measures, scoring
from dashboard.health.config import BAND_NAMES, MEASURE_NAMES, Config
from dashboard.revenue import metrics as revenue

BAND_COLUMNS = ["band", "accounts", "outcomes", "rate"]
LIFT_COLUMNS = ["decile", "accounts", "outcomes", "rate", "lift", "captured"]
AUC_COLUMNS = ["measure", "auc", "accounts"]
OUTCOME_COLUMNS = ["account_id", "mrr", "lowest_mrr", "churned"]
MAX_HORIZON = 12  # the page's horizons: one query answers all of them (the command line takes any)


def outcomes(con: duckdb.DuckDBPyConnection, *, as_of: date, month: date, horizon: int = 6) -> pd.DataFrame:
    """What happened after ``month`` to each account paying in it, over ``horizon`` months (<= as_of).

    Grain: one row per account with MRR > 0 in ``month``. Columns: account_id, mrr (in ``month``),
    lowest_mrr (lowest MRR of the following ``horizon`` months), churned (bool: MRR reached 0).
    """
    frame = revenue.grid_query(con, "health_backtest_outcomes", as_of=as_of, month=month, horizon=int(horizon))
    frame = frame.reindex(columns=OUTCOME_COLUMNS)
    return frame.astype({"account_id": str, "mrr": "float64", "lowest_mrr": "float64", "churned": "bool"})


def backtest_frame(con: duckdb.DuckDBPyConnection, *, as_of: date, month: date, horizon: int = 6) -> pd.DataFrame:
    """The measures of ``month`` with each account's outcome data: everything a back-test needs that
    does not move with a slider (build it once, evaluate it many times).

    Grain: one row per account with MRR > 0 in ``month``. Columns: the measures frame's, plus
    lowest_mrr (lowest MRR of the ``horizon`` months after) and churned (bool).
    """
    if windows.add_months(windows.add_months(month, 0), int(horizon)) > windows.add_months(as_of, 0):
        raise ValueError(f"{month:%Y-%m} + {horizon} months is after the as-of month {as_of:%Y-%m}")
    frame = measures.measures(con, as_of=as_of, first=month)
    after = outcomes(con, as_of=as_of, month=month, horizon=horizon)[["account_id", "lowest_mrr", "churned"]]
    frame = frame.merge(after, on="account_id", how="left")
    frame["lowest_mrr"] = frame["lowest_mrr"].fillna(frame["mrr"])
    frame["churned"] = frame["churned"].fillna(False).astype(bool)
    return frame


@dataclass(frozen=True)
class Result:
    """One evaluation: rate per band, AUC of the score, each measure's AUC, lift by decile."""

    bands: pd.DataFrame
    auc: float
    measures: pd.DataFrame
    lift: pd.DataFrame
    accounts: int
    outcomes: int


@dataclass(frozen=True, eq=False)
class Tested:
    """A :func:`backtest_frame` as arrays (built once; a slider move only re-scores them)."""

    prep: scoring.Prepared
    mrr: np.ndarray
    lowest: np.ndarray
    flags: dict = field(default_factory=dict, repr=False)  # outcome flags by contraction threshold

    def outcome(self, contraction_pct: float) -> np.ndarray:
        """:func:`outcome_flags` of these accounts, made once per threshold (a slider move moves weights)."""
        flags = self.flags.get(float(contraction_pct))
        if flags is None:
            flags = self.flags[float(contraction_pct)] = outcome_flags(self.mrr, self.lowest, contraction_pct)
        return flags


@dataclass(frozen=True, eq=False)
class Horizons:
    """The back-test of one scored month for every horizon up to :data:`MAX_HORIZON` (what the page caches
    per dataset version and month T): moving the horizon picks a column, it runs no query.

    ``frame``: the measures of month T (:func:`dashboard.health.measures.measures`' columns); ``prep``: its
    arrays; ``lowest``: one row per account, one column per horizon 1 .. MAX_HORIZON, the lowest MRR of
    the months T+1 .. T+h (NaN where T+h is after the as-of month)."""

    frame: pd.DataFrame
    prep: scoring.Prepared
    lowest: np.ndarray
    tested_by_horizon: dict = field(default_factory=dict, repr=False)

    def tested(self, horizon: int) -> Tested:
        """The arrays the back-test of ``horizon`` scores (made once per horizon)."""
        found = self.tested_by_horizon.get(horizon)
        if found is None:
            lowest = self._lowest(horizon)
            found = self.tested_by_horizon[horizon] = Tested(self.prep, self.frame["mrr"].to_numpy(dtype="float64"),
                                                             lowest)
        return found

    def frame_for(self, horizon: int) -> pd.DataFrame:
        """:func:`backtest_frame` of ``horizon``: the measures with lowest_mrr and churned."""
        lowest = self._lowest(horizon)
        return self.frame.assign(lowest_mrr=lowest, churned=lowest == 0)

    def _lowest(self, horizon: int) -> np.ndarray:
        if not 1 <= horizon <= MAX_HORIZON:
            raise ValueError(f"horizon {horizon} is not between 1 and {MAX_HORIZON}")
        return np.ascontiguousarray(self.lowest[:, horizon - 1])


def backtest_horizons(con: duckdb.DuckDBPyConnection, *, as_of: date, month: date) -> Horizons:
    """Month ``month``'s back-test for every horizon whose months the data holds (see :class:`Horizons`)."""
    frame = measures.measures(con, as_of=as_of, first=month)
    after = revenue.grid_query(con, "health_backtest_horizons", as_of=as_of, month=month)
    months = after[[f"mrr_{h}" for h in range(1, MAX_HORIZON + 1)]].to_numpy(dtype="float64", na_value=np.nan)
    found = after["account_id"].astype(str).reset_index(drop=True)
    if not found.equals(frame["account_id"]):  # both list month T's paying accounts by id; align if they differ
        months = pd.DataFrame(months, index=found).reindex(frame["account_id"]).to_numpy(dtype="float64",
                                                                                         na_value=np.nan)
    # the lowest MRR up to each horizon: a running minimum over the months after (a missing month is
    # skipped, as SQL's min skips it), column by column; an account with no month after keeps its own MRR
    mrr = frame["mrr"].to_numpy(dtype="float64")
    lowest = np.empty((len(frame), MAX_HORIZON), order="F")
    running_min = np.full(len(frame), np.nan)
    for h in range(MAX_HORIZON):
        running_min = np.fmin(running_min, months[:, h])
        lowest[:, h] = np.where(np.isnan(running_min), mrr, running_min)
    # a horizon past the as-of month has no outcome yet
    lowest[:, windows.months_between(month, as_of):] = np.nan
    return Horizons(frame, scoring.prepare(frame), lowest)


def prepare(frame: pd.DataFrame) -> Tested:
    return Tested(scoring.prepare(frame), frame["mrr"].to_numpy(dtype="float64"),
                  frame["lowest_mrr"].to_numpy(dtype="float64"))


# evaluate's second core (numpy lets go of the GIL while it works); a worker each for sessions at once
_WORKERS = ThreadPoolExecutor(max_workers=8, thread_name_prefix="backtest")
_BUCKETS = 65_535


def sort_scores(values: np.ndarray) -> np.ndarray:
    """``np.sort(values)``, in about half the time for a million scores: first the values go in order of
    their bucket (65,536 equal steps from the lowest value to the highest: a radix sort of two-byte keys),
    then a stable sort finishes them, which on values already nearly in order is mostly merging runs.
    The result is the sort of the values whatever they are; only the time depends on how they spread."""
    values = np.asarray(values, dtype="float64")
    if len(values) == 0 or np.isnan(values).any():  # a NaN has no bucket
        return np.sort(values)
    low, high = values.min(), values.max()
    with np.errstate(over="ignore", divide="ignore"):
        scale = _BUCKETS / (high - low)
    if not np.isfinite(scale):  # one value, or a spread too small to divide by
        return np.sort(values)
    buckets = ((values - low) * scale).astype(np.uint16)
    ordered = values[np.argsort(buckets, kind="stable")]
    ordered.sort(kind="stable")
    return ordered


def evaluate(frame: pd.DataFrame | Tested, config: Config, *, contraction_pct: float = 20.0,
             measure_aucs_too: bool = True) -> Result:
    """Score a :func:`backtest_frame` (or its :func:`prepare`) with ``config`` and measure how well it
    ranks the outcomes. Accounts with none of the weighted measures have no score and are left out of
    every figure.
    """
    tested = frame if isinstance(frame, Tested) else prepare(frame)
    outcome = tested.outcome(contraction_pct)
    scores, codes, subs = scoring.score_arrays(tested.prep, config, with_subs=measure_aucs_too)
    scored = codes < 3
    kept, hits = scores[scored], outcome[scored]
    # per band: a count over one-byte codes is a few times quicker than bincount's cast to int64
    banded = [codes == code for code in range(3)]
    accounts = np.array([np.count_nonzero(mine) for mine in banded], dtype="int64")
    found = np.array([np.count_nonzero(mine & outcome) for mine in banded], dtype="int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        rates = pd.DataFrame({"band": list(BAND_NAMES), "accounts": accounts.astype("int64"), "outcomes": found,
                              "rate": np.where(accounts > 0, found / accounts, np.nan)}, columns=BAND_COLUMNS)
    per_measure = (measure_aucs(pd.DataFrame(subs, columns=list(MEASURE_NAMES)), outcome) if measure_aucs_too
                   else pd.DataFrame(columns=AUC_COLUMNS))
    # every score and the scores with the outcome sorted once, for both the AUC and the lift: a worker
    # sorts the few with the outcome while every score is sorted here, then it counts the lift while the
    # AUC is counted here (a fifth quicker than one after the other at a million scores)
    bad_sorting = _WORKERS.submit(lambda: np.sort(kept[hits]))
    ordered = sort_scores(kept)
    bad_sorted = bad_sorting.result()
    lifting = _WORKERS.submit(lift, kept, hits, bad_sorted=bad_sorted, ordered=ordered)
    area = auc(kept, hits, bad_sorted=bad_sorted, ordered=ordered)
    return Result(rates, area, per_measure, lifting.result(), int(scored.sum()), int(hits.sum()))


def outcome_flags(mrr: np.ndarray, lowest: np.ndarray, contraction_pct: float) -> np.ndarray:
    """True where the account churned or fell more than ``contraction_pct`` % below its MRR."""
    mrr, lowest = np.asarray(mrr, dtype="float64"), np.asarray(lowest, dtype="float64")
    return (lowest <= 0) | (lowest < mrr * (1 - float(contraction_pct) / 100.0))


def auc(scores: np.ndarray, outcome: np.ndarray, *, bad_sorted: np.ndarray | None = None,
        ordered: np.ndarray | None = None) -> float:
    """ROC AUC of ``scores`` as a predictor of *no* outcome (higher score = healthier); NaN when one
    class is empty. Rows with a NaN score are left out. Mann-Whitney with ties counted as half a pair.

    Counted on sorted values, never an argsort: for each account without the outcome, the accounts
    with the outcome scoring below it plus half of those scoring the same (the same U as mid-ranks give;
    a plain sort of a million scores is ten times quicker than a stable argsort). ``bad_sorted``: the
    sorted scores with the outcome, when the caller has them (no NaN among ``scores`` then); with
    ``ordered``, every score sorted too, the healthy accounts at or above each score with the outcome
    are counted as every account there less those with the outcome (no sort of the healthy ones)."""
    scores, outcome = np.asarray(scores, dtype="float64"), np.asarray(outcome, dtype=bool)
    if bad_sorted is None:
        keep = ~np.isnan(scores)
        scores, outcome = scores[keep], outcome[keep]
    bad_scores = np.sort(scores[outcome]) if bad_sorted is None else bad_sorted
    bad = len(bad_scores)
    good = len(scores) - bad
    if bad == 0 or good == 0:
        return float("nan")
    if ordered is not None:
        # per distinct score with the outcome (``many`` accounts have it): healthy accounts above it, and
        # tied with it (half as many lookups as accounts with the outcome, where scores repeat)
        starts = np.flatnonzero(np.concatenate(([True], bad_scores[1:] != bad_scores[:-1])))
        values, many = bad_scores[starts], np.diff(np.append(starts, bad))
        up_to, below = (np.searchsorted(ordered, values, side=side) for side in ("right", "left"))
        above = (len(ordered) - up_to) - (bad - (starts + many))
        tied = (up_to - below) - many
        return float(((many * above).sum(dtype=np.int64) + (many * tied).sum(dtype=np.int64) / 2.0) / (good * bad))
    good_scores = np.sort(scores[~outcome])
    # look the smaller class up in the larger one (pairs counted from either side are the same)
    if bad <= good:
        below = np.searchsorted(good_scores, bad_scores, side="left")
        level = np.searchsorted(good_scores, bad_scores, side="right")
        wins = (good - level).sum(dtype=np.int64)  # healthy accounts above each one with the outcome
    else:
        below = np.searchsorted(bad_scores, good_scores, side="left")
        level = np.searchsorted(bad_scores, good_scores, side="right")
        wins = below.sum(dtype=np.int64)  # accounts with the outcome below each healthy one
    pairs = wins + (level - below).sum(dtype=np.int64) / 2.0
    return float(pairs / (good * bad))


def band_rates(bands: np.ndarray, outcome: np.ndarray) -> pd.DataFrame:
    """Outcome rate per band. Grain: one row per band (Good, Neutral, Poor, in that order).
    Columns: band, accounts, outcomes, rate (NaN for an empty band)."""
    bands, outcome = np.asarray(bands, dtype=object), np.asarray(outcome, dtype=bool)
    rows = []
    for band in BAND_NAMES:
        mine = bands == band
        n, k = int(mine.sum()), int(outcome[mine].sum())
        rows.append({"band": band, "accounts": n, "outcomes": k, "rate": k / n if n else float("nan")})
    return pd.DataFrame(rows, columns=BAND_COLUMNS)


def lift(scores: np.ndarray, outcome: np.ndarray, groups: int = 10, *,
         bad_sorted: np.ndarray | None = None, ordered: np.ndarray | None = None) -> pd.DataFrame:
    """Lift by score decile, riskiest (lowest scores) first.

    Grain: one row per decile 1..``groups`` (fewer with few accounts). Columns: decile, accounts,
    outcomes, rate, lift (rate / overall rate), captured (cumulative share of all outcomes).
    Deciles cut the accounts in score order; accounts tied on a cut go in their row order.
    ``bad_sorted``, ``ordered``: the sorted scores with the outcome and every score sorted, when the
    caller has them (no NaN among ``scores`` then).
    """
    scores, outcome = np.asarray(scores, dtype="float64"), np.asarray(outcome, dtype=bool)
    if bad_sorted is None:
        keep = ~np.isnan(scores)
        scores, outcome = scores[keep], outcome[keep]
    n = len(scores)
    if n == 0:
        return pd.DataFrame(columns=LIFT_COLUMNS)
    groups = min(groups, n)
    # the first position of each decile in score order; outcomes before each cut, counted on sorted
    # values (a cut inside a run of equal scores takes that run's accounts in their row order)
    cuts = -(-np.arange(groups + 1) * n // groups)
    ordered = np.sort(scores) if ordered is None else ordered
    hit_scores = np.sort(scores[outcome]) if bad_sorted is None else bad_sorted
    inside = cuts[cuts < n]
    values = ordered[inside]
    taken = inside - np.searchsorted(ordered, values, side="left")  # the tied run's accounts before each cut
    hits_before = np.full(groups + 1, len(hit_scores), dtype=np.int64)
    below = np.searchsorted(hit_scores, values, side="left")  # outcomes scoring below each cut's value
    hits_before[:len(inside)] = below + _tied_hits(scores, outcome, values, taken)
    counts, hits = np.diff(cuts), np.diff(hits_before)
    used = counts > 0
    counts, hits = counts[used], hits[used]
    overall = outcome.mean()
    rate = hits / counts
    total = hits.sum()
    return pd.DataFrame({"decile": np.arange(1, len(counts) + 1), "accounts": counts.astype("int64"),
                         "outcomes": hits.astype("int64"), "rate": rate,
                         "lift": rate / overall if overall > 0 else np.nan,
                         "captured": np.cumsum(hits) / total if total > 0 else np.nan})


def _tied_hits(scores: np.ndarray, outcome: np.ndarray, values: np.ndarray, taken: np.ndarray) -> np.ndarray:
    """For each cut: the outcomes among the first ``taken`` rows (in row order) of the scores equal to its
    value. A tied run can be most of the book (every account with all its measures green scores 100), so
    each distinct value is one pass over the scores, and only its rows with the outcome are listed."""
    found = np.zeros(len(values), dtype=np.int64)
    for value in np.unique(values[taken > 0]):
        cuts = np.flatnonzero((values == value) & (taken > 0))
        equal = scores == value
        rows, hit_rows = np.flatnonzero(equal), np.flatnonzero(equal & outcome)
        # the row of each cut's last taken account, and the outcomes up to it
        found[cuts] = np.searchsorted(hit_rows, rows[taken[cuts] - 1], side="right")
    return found


def measure_aucs(subs: pd.DataFrame, outcome: np.ndarray) -> pd.DataFrame:
    """Each measure's own AUC (its sub-score alone, over the accounts that have it).

    Grain: one row per measure. Columns: measure, auc (NaN when unavailable), accounts (with the measure).
    """
    rows = []
    for name in MEASURE_NAMES:
        values = subs[name].to_numpy(dtype="float64")
        rows.append({"measure": name, "auc": auc(values, outcome), "accounts": int((~np.isnan(values)).sum())})
    return pd.DataFrame(rows, columns=AUC_COLUMNS)


def suggest_weights(subs: pd.DataFrame, outcome: np.ndarray, *, total: float = 100.0) -> pd.DataFrame:
    """Weights suggested by a logistic regression of the outcome on the sub-scores.

    Missing sub-scores are filled with the measure's mean (its weight then carries no information for
    that account, as renormalisation does). A measure whose higher sub-score does not lower the risk
    gets weight 0. Grain: one row per measure. Columns: measure, coefficient (per 100 sub-score points,
    on the log-odds of the outcome), weight (rounded, summing to about ``total``; 0 when unusable).
    """
    from sklearn.linear_model import LogisticRegression

    outcome = np.asarray(outcome, dtype=bool)
    usable = [name for name in MEASURE_NAMES if subs[name].notna().sum() >= 10 and subs[name].nunique() > 1]
    coef = dict.fromkeys(MEASURE_NAMES, np.nan)
    weights = dict.fromkeys(MEASURE_NAMES, 0.0)
    if usable and 0 < outcome.sum() < len(outcome):
        x = subs[usable].to_numpy(dtype="float64") / 100.0
        x = np.where(np.isnan(x), np.nanmean(x, axis=0), x)
        model = LogisticRegression(max_iter=1000).fit(x, outcome)
        fitted = dict(zip(usable, model.coef_[0], strict=True))
        coef.update(fitted)
        strength = {name: max(0.0, -value) for name, value in fitted.items()}
        mass = sum(strength.values())
        if mass > 0:
            weights.update({name: round(total * value / mass) for name, value in strength.items()})
    return pd.DataFrame({"measure": list(MEASURE_NAMES), "coefficient": [coef[n] for n in MEASURE_NAMES],
                         "weight": [float(weights[n]) for n in MEASURE_NAMES]})


def apply_weights(config: Config, segment: str, weights: dict[str, float]) -> Config:
    """``config`` with one model's weights replaced (the user's explicit 'apply suggestion')."""
    model = config.model(segment)
    for name, weight in weights.items():
        model = model.with_rule(name, weight=float(weight))
    return config.with_model(segment, model)
