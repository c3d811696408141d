"""Scores with overrides applied: one month for the page and the CLI, several for the history.

The effective band is the override's band where a CSM set one (see
:mod:`dashboard.health.overrides`), else the computed band; both are kept.
"""

from __future__ import annotations

from datetime import date

import duckdb
import numpy as np
import pandas as pd

from dashboard import windows
from dashboard.health import measures, overrides, scoring, storage
from dashboard.health.config import NO_SCORE, Config

HISTORY_COLUMNS = ["account_id", "month", "score", "band"]


def state(con: duckdb.DuckDBPyConnection) -> tuple:
    """What a score depends on besides the dataset version: the active saved configuration (name and
    version), the overrides (:func:`overrides.fingerprint`) and today (an override expires by the day).
    A result holding scores that is cached per dataset version also keys on this, so a configuration
    saved or an override set reaches it at once."""
    return (*storage.active_key(con), overrides.fingerprint(con), date.today().isoformat())


def with_overrides(frame: pd.DataFrame, scored: pd.DataFrame, active: pd.DataFrame) -> pd.DataFrame:
    """``scored`` plus computed_band, override (the band set by hand or ''), and band = the effective one.

    ``frame`` is the measures frame (for account_id and month), ``active`` an
    :func:`overrides.effective` frame for its months.
    """
    out = scored.rename(columns={"band": "computed_band"})
    keys = pd.DataFrame({"account_id": frame["account_id"].to_numpy(), "month": frame["month"].to_numpy()},
                        index=frame.index)
    if active.empty:
        hand = pd.Series("", index=frame.index, dtype=object)
    else:
        lookup = active.set_index(["account_id", "month"])["band"]
        index = pd.MultiIndex.from_frame(keys)
        hand = pd.Series(lookup.reindex(index).to_numpy(), index=frame.index).fillna("").astype(object)
    out["override"] = hand
    out["band"] = np.where(hand != "", hand, out["computed_band"])
    return out


def month_scores(con: duckdb.DuckDBPyConnection, *, as_of: date, month: date | None = None,
                 config: Config | None = None, today: date | None = None) -> pd.DataFrame:
    """Scores of every paying account in one month (default ``as_of``).

    Grain: one row per account with MRR > 0 in the month. Columns: the measures frame's columns, then
    score, computed_band, override ('' when none), band (effective), and ``<measure>_score`` per measure.
    ``config`` defaults to the active saved configuration.
    """
    month = month or as_of
    config = config or storage.active(con).config
    frame = measures.measures(con, as_of=as_of, first=month)
    subs = scoring.sub_scores(frame, config)
    scored = scoring.score(frame, config)[["score", "band"]]
    active = overrides.effective(con, months=[windows.add_months(month, 0)], today=today, latest=as_of)
    result = with_overrides(frame, scored, active)
    return pd.concat([frame, result, subs.add_suffix("_score")], axis=1)


def score_history(con: duckdb.DuckDBPyConnection, *, as_of: date, months: int = 6,
                  today: date | None = None, accounts: list[str] | None = None) -> pd.DataFrame:
    """Health score and effective band per account and month, for the ``months`` months ending at ``as_of``.

    Grain: one row per account and month with MRR > 0 and a score (an account with none of the
    weighted measures available that month has no score and no row). Columns: account_id (str),
    month (datetime.date, first day), score (float), band (Good / Neutral / Poor: the band a CSM set
    by hand where an override applies, else the computed one). Uses the active saved configuration,
    or the default one. ``today`` (default: the real today) decides which overrides are in force.
    ``accounts`` keeps only those accounts (scored exactly as among the whole book: percentiles are
    ranked among every paying account before the rows are chosen).
    """
    if int(months) != months or months < 1:
        raise ValueError(f"months must be a positive whole number, not {months!r}")
    as_of = windows.add_months(as_of, 0)
    first = windows.add_months(as_of, 1 - int(months))
    frame = measures.measures(con, as_of=as_of, first=first, last=as_of, accounts=accounts)
    return scored_history(con, frame, as_of=as_of, today=today)


def scored_history(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, *, as_of: date,
                   today: date | None = None) -> pd.DataFrame:
    """:func:`score_history` of a measures frame already read (:func:`measures.measures` or
    :func:`measures.shaped` rows of months through ``as_of``): same grain and columns."""
    config = storage.active(con).config
    scored = scoring.score(frame, config)
    active = overrides.effective(con, months=sorted(set(frame["month"])), today=today, latest=as_of)
    result = with_overrides(frame, scored, active)
    out = pd.DataFrame({"account_id": frame["account_id"].astype(str), "month": frame["month"],
                        "score": result["score"].astype("float64"), "band": result["band"].astype(str)})
    out = out[result["computed_band"] != NO_SCORE]
    return out[HISTORY_COLUMNS].reset_index(drop=True)


def month_data(con: duckdb.DuckDBPyConnection, *, as_of: date, month: date) -> tuple[pd.DataFrame, scoring.Prepared]:
    """One month's measures frame and its prepared arrays (what the page caches per dataset version)."""
    frame = measures.measures(con, as_of=as_of, first=month)
    return frame, scoring.prepare(frame)


def hand_codes(frame: pd.DataFrame, active: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Row positions of ``frame`` with an override in ``active`` and their band codes (0 Good .. 2 Poor)."""
    if active.empty:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int8)
    positions = pd.Index(frame["account_id"]).get_indexer(active["account_id"].astype(str))
    found = positions >= 0
    codes = np.array([scoring.BAND_ORDER.index(b) for b in active["band"]], dtype=np.int8)
    return positions[found], codes[found]
