"""Health page sections that move with the sliders: bands, changed accounts, coverage, back-test."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np
import pandas as pd
import streamlit as st

from dashboard import windows
from dashboard.charts.formats import percent
from dashboard.export import safe_csv
from dashboard.health import backtest, scoring
from dashboard.health import chart as charts
from dashboard.health.config import BAND_NAMES, MEASURE_NAMES, Config
from dashboard.health.view import measure_label, shared
from dashboard.ui.core import money, t
from dashboard.ui.section import chart, finding, sectioned
from dashboard.ui.widgets import counts_separated, lazy_expander

CHART_CONFIG = {"displayModeBar": False}
ROW_LIMIT = 500
SAMPLE_STEP = 64  # every 64th score guesses where the lowest ones end (Scored.first)


def band_names() -> dict[str, str]:
    return {b: t(f"health.band.{b}") for b in BAND_NAMES}


def chart_labels() -> dict[str, str]:
    keys = ("score", "accounts", "points", "sub_score", "weight", "missing", "month", "rate", "outcomes",
            "decile", "lift", "captured")
    return {k: t(f"health.lbl.{k}") for k in keys}


@dataclass(eq=False)
class Scored:
    """One month scored: scores, computed band codes, effective band codes (overrides applied), and the
    rows a CSM overrode with their band codes (codes index scoring.BAND_ORDER)."""

    scores: np.ndarray
    computed: np.ndarray
    effective: np.ndarray
    hand_rows: np.ndarray
    hand_codes: np.ndarray

    @cached_property
    def _keys(self) -> np.ndarray:
        return np.nan_to_num(self.scores, nan=np.inf)

    @cached_property
    def order(self) -> np.ndarray:
        """Rows by score, lowest first (ties in row order); accounts without a score last (there is
        nothing to look at)."""
        return np.argsort(self._keys, kind="stable")

    def first(self, k: int | None = None) -> np.ndarray:
        """The first ``k`` rows of :attr:`order` (every row with None), found without sorting a million
        rows: the k lowest by a partition of the few rows that can hold them, then only those sorted (a
        screen shows a few hundred)."""
        if k is None or k >= len(self.scores):
            return self.order
        if k <= 0:
            return np.empty(0, dtype=np.intp)
        rows = self._lowest(k)
        keys = self._keys if rows is None else self.scores[rows]
        rows = np.arange(len(keys)) if rows is None else rows
        cut = np.partition(keys, k - 1)[k - 1]  # the k-th lowest score
        below = rows[keys < cut]
        rows = np.concatenate([below, rows[keys == cut][: k - len(below)]])  # a tied run in row order
        rows.sort()
        return self.ordered(rows)

    def _lowest(self, k: int) -> np.ndarray | None:
        """Rows (in row order) that surely hold the ``k`` lowest scores: every score at or below a value a
        strided sample of the scores puts past the k-th lowest, with room to spare (a partition of a few
        thousand rows, not of a million); None when the sample guessed too low."""
        sample = self.scores[::SAMPLE_STEP]
        sample = sample[~np.isnan(sample)]
        pick = min(len(sample) - 1, 2 * k * len(sample) // len(self.scores) + 1)
        if pick < 0:
            return None
        rows = np.flatnonzero(self.scores <= np.partition(sample, pick)[pick])
        return rows if len(rows) >= k else None

    def ordered(self, rows: np.ndarray) -> np.ndarray:
        """``rows`` (in row order) as :attr:`order` ranks them: a stable sort of those rows alone."""
        return rows[np.argsort(np.nan_to_num(self.scores[rows], nan=np.inf), kind="stable")]

    def override_label(self, row: int) -> str:
        found = np.flatnonzero(self.hand_rows == row)
        return scoring.BAND_ORDER[self.hand_codes[found[0]]] if len(found) else ""


def scored(result: tuple, hand: tuple[np.ndarray, np.ndarray]) -> Scored:
    """A :class:`Scored` from ``scoring.score_arrays`` output and ``scores.hand_codes``."""
    values, codes, _ = result
    effective = codes.copy()
    effective[hand[0]] = hand[1]
    return Scored(values, codes, effective, hand[0], hand[1])


def big_table(build, total: int, first, filename: str, *, key: str, limit: int = ROW_LIMIT) -> None:
    """The first ``limit`` rows on screen, built by ``build(rows)``: a 100k-row table is slow to build
    and ship on every slider move. ``first(k)`` gives the first k rows in the table's order (every row
    with None). The CSV of all rows is built only when clicked."""
    if total == 0:
        st.caption(t("common.no_rows"))
        return
    head = on_screen(build(first(limit)))
    st.dataframe(head, hide_index=True, column_config=counts_separated(head, column_config(head)))
    if total > limit:
        st.caption(t("health.rows_shown", shown=f"{limit:,}", total=f"{total:,}"))
    st.download_button(t("common.download_csv"), lambda: safe_csv(build(first(None))), file_name=filename,
                       mime="text/csv", key=key, icon=":material/download:", on_click="ignore")


PERCENT_COLUMNS = ("rate", "share", "captured")


def column_config(frame: pd.DataFrame) -> dict:
    """Translated column names; ARR as a localised number, rates and shares as percentages."""
    config = {}
    for column in frame.columns:
        name = t(f"health.col.{column}")
        if column == "arr":
            config[column] = st.column_config.NumberColumn(name, format="localized")
        elif column in PERCENT_COLUMNS:
            config[column] = st.column_config.NumberColumn(name, format="%.1f%%")
        else:
            config[column] = st.column_config.Column(name)
    return config


def on_screen(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as the page shows it: measures by name, rates and shares in percent (the CSV keeps
    the plain values)."""
    out = frame.copy()
    if "measure" in out.columns:
        out["measure"] = [measure_label(n) if n in MEASURE_NAMES else n for n in out["measure"]]
    for column in out.columns.intersection(PERCENT_COLUMNS):
        out[column] = out[column].astype("float64") * 100
    if "auc" in out.columns:
        out["auc"] = pd.to_numeric(out["auc"], errors="coerce")  # an AUC that cannot be computed: blank
    return out


# ---- bands ---------------------------------------------------------------------------------------

@sectioned("health.bands_header", key="health.bands", definition_key="health.bands_definition", formula_key="health.bands_formula")
def bands_section(frame: pd.DataFrame, prep: scoring.Prepared, now: Scored, before: Scored, config: Config,
                  model_name: str, stamp: str) -> None:
    """Accounts and ARR per band (effective band) against the saved configuration, and the distribution."""
    fmt = money()
    arr = frame["arr"].to_numpy()
    count_now, count_before = scoring.band_counts(now.effective), scoring.band_counts(before.effective)
    arr_now = scoring.band_counts(now.effective, arr)
    counts = dict(zip(BAND_NAMES, count_now[:3].tolist(), strict=True))
    arrs = dict(zip(BAND_NAMES, arr_now[:3].tolist(), strict=True))
    total = max(1, sum(counts.values()))
    finding(t("health.bands_finding", poor=f"{counts['Poor']:,}", share=percent(counts["Poor"] / total),
          arr=fmt(arrs["Poor"], compact=True), arr_share=percent(arrs["Poor"] / max(1.0, float(arr.sum()))),
          good=f"{counts['Good']:,}"))
    unscored = int(count_now[3])
    if unscored:
        st.caption(t("health.unscored", n=f"{unscored:,}", total=f"{len(frame):,}"))
    _thin_scores(prep, now, config)
    columns = st.columns(3)
    for i, (column, band) in enumerate(zip(columns, BAND_NAMES, strict=True)):
        delta = int(count_now[i] - count_before[i])
        column.metric(t(f"health.band.{band}"), f"{counts[band]:,}", delta=f"{delta:+,}" if delta else None,
                      delta_color="off", help=t("health.band_tile_help", band=t(f"health.band.{band}")))
        column.caption(t("health.band_arr", arr=fmt(arrs[band], compact=True)))
    model = config.model(model_name)
    bins = scoring.score_bins(now.scores, model.good, model.neutral)
    chart(charts.score_distribution(bins, good=model.good, neutral=model.neutral, labels=chart_labels(),
                                    band_names=band_names()),
          config=CHART_CONFIG, key="health.distribution")
    box = lazy_expander(t("health.accounts_table"), key="health.accounts_open")
    if box.open:
        with box:
            big_table(lambda rows: account_table(frame, now, rows), len(frame), now.first,
                      f"health_scores_{stamp}.csv", key="health.accounts_csv")


THIN_SHARE = 0.2  # warn when at least this share of scored accounts rests on a single measure


def _thin_scores(prep: scoring.Prepared, now: Scored, config: Config) -> None:
    """Warn when many scores rest on one measure: renormalised weights then make that measure the
    whole score, which a partial usage file or a switched-off measure can do without anyone noticing."""
    used = scoring.measures_used(prep, config)
    scored = ~np.isnan(now.scores)
    thin = int((scored & (used == 1)).sum())
    if scored.any() and thin >= THIN_SHARE * int(scored.sum()):
        st.warning(t("health.thin_scores", n=f"{thin:,}", scored=f"{int(scored.sum()):,}"), icon=":material/warning:")


def account_table(frame: pd.DataFrame, now: Scored, rows: np.ndarray) -> pd.DataFrame:
    """Scores of the given rows: account_id, account_name, segment, csm, arr, score, band, computed_band,
    override."""
    labels = np.array(scoring.BAND_ORDER, dtype=object)
    hand = np.full(len(frame), "", dtype=object)
    hand[now.hand_rows] = labels[now.hand_codes]
    part = frame.iloc[rows]
    return pd.DataFrame({"account_id": part["account_id"].to_numpy(), "account_name": part["account_name"].to_numpy(),
                         "segment": part["segment"].to_numpy(), "csm": part["csm"].to_numpy(),
                         "arr": part["arr"].to_numpy(), "score": np.round(now.scores[rows], 1),
                         "band": labels[now.effective[rows]], "computed_band": labels[now.computed[rows]],
                         "override": hand[rows]})


@sectioned("health.changed_header", key="health.changed", definition_key="health.changed_definition")
def changed_section(frame: pd.DataFrame, now: Scored, before: Scored, stamp: str) -> None:
    """Accounts whose computed band differs from the saved configuration's, biggest ARR first."""
    moved = np.flatnonzero(now.computed != before.computed)
    finding(t("health.changed_finding", n=f"{len(moved):,}") if len(moved) else t("health.changed_none"))
    if not len(moved):
        return
    order = moved[np.argsort(-frame["arr"].to_numpy()[moved], kind="stable")]
    labels = np.array(scoring.BAND_ORDER, dtype=object)

    def build(rows: np.ndarray) -> pd.DataFrame:
        part = frame.iloc[rows]
        return pd.DataFrame({"account_id": part["account_id"].to_numpy(), "account_name": part["account_name"].to_numpy(),
                             "segment": part["segment"].to_numpy(), "arr": part["arr"].to_numpy(),
                             "saved_score": np.round(before.scores[rows], 1), "saved_band": labels[before.computed[rows]],
                             "score": np.round(now.scores[rows], 1), "band": labels[now.computed[rows]]})

    big_table(build, len(order), lambda k: order[:k], f"health_band_changes_{stamp}.csv", key="health.changed_csv")


@sectioned(None, key="health.coverage", definition_key="health.coverage_definition")
def coverage_section(prep: scoring.Prepared, config: Config) -> None:
    """How many accounts lack each measure (their weights renormalise over the rest)."""
    lacking = prep.missing
    weights = [max(m.rule(name).weight for _, m in config.models) for name in MEASURE_NAMES]
    with st.expander(t("health.coverage_header"), icon=":material/rule:"):
        gaps = int((lacking > 0).sum())
        finding(t("health.coverage_finding", n=gaps) if gaps else t("health.coverage_full"))
        shown = pd.DataFrame({"measure": [measure_label(n) for n in MEASURE_NAMES], "missing": lacking,
                              "accounts": len(prep), "share": lacking / max(1, len(prep)), "weight": weights})
        st.dataframe(shown, hide_index=True, column_config={
            "measure": t("health.col.measure"), "missing": t("health.col.missing"),
            "accounts": t("health.col.accounts"), "weight": t("health.col.weight"),
            "share": st.column_config.NumberColumn(t("health.col.share"), format="percent")})


# ---- back-test -----------------------------------------------------------------------------------

def backtest_controls(as_of: date, months: list[date]) -> tuple[date, int, float] | None:
    """Month T, horizon H and contraction threshold X; None when the data is too short."""
    left, middle, right = st.columns(3)
    horizon = middle.slider(t("health.horizon"), 1, 12, 6, key="health.horizon", help=t("health.horizon_help"))
    choices = [m for m in months if windows.add_months(m, horizon) <= as_of]
    if not choices:
        st.info(t("health.backtest_short", horizon=horizon))
        return None
    # the latest month every horizon can score, so that moving the horizon keeps the scored book (and
    # only picks another column of outcomes); the latest this horizon allows when the data is shorter
    longest = [m for m in choices if windows.add_months(m, backtest.MAX_HORIZON) <= as_of]
    default = (longest or choices)[-1]
    if st.session_state.get("health.bt_month") not in choices:
        st.session_state["health.bt_month"] = default
    month = left.selectbox(t("health.bt_month"), list(reversed(choices)), key="health.bt_month",
                           format_func=windows.month_label, help=t("health.bt_month_help"))
    pct = right.slider(t("health.contraction"), 5, 90, 20, step=5, format="%d%%", key="health.contraction",
                       help=t("health.contraction_help"))
    return month, horizon, float(pct)


@st.cache_resource(show_spinner=False, max_entries=64)
def _measure_aucs(_tested: backtest.Tested, _config: Config, key: tuple, rules: tuple, pct: float) -> pd.DataFrame:
    outcome = _tested.outcome(pct)
    _, _, subs = scoring.score_arrays(_tested.prep, _config, with_subs=True)
    return backtest.measure_aucs(pd.DataFrame(subs, columns=list(MEASURE_NAMES)), outcome)


def rules_key(config: Config) -> tuple:
    """What the measures' own AUCs depend on: the rules, not the weights."""
    return tuple((seg, tuple((r.rule, r.low, r.high, r.higher_is_better) for r in m.rules)) for seg, m in config.models)


def band_rates(bands: pd.DataFrame) -> str:
    """The outcome rates of the Poor and Good bands, for the back-test's finding; a band without accounts
    (a score from revenue alone may leave one empty) is said to be empty, not given a rate."""
    rows = bands.set_index("band")
    rate = {b: percent(rows.at[b, "rate"]) for b in ("Poor", "Good") if b in rows.index and rows.at[b, "accounts"] > 0}
    key = {("Poor", "Good"): "health.bt_bands", ("Good",): "health.bt_bands_good",
           ("Poor",): "health.bt_bands_poor", (): "health.bt_bands_none"}[tuple(rate)]
    return t(key, poor=rate.get("Poor"), good=rate.get("Good"))


def no_outcome(every: backtest.Horizons, as_of: date, month: date, horizon: int, pct: float, total: int) -> str:
    """The finding of a back-test in which no account had the outcome (a book whose churn all falls at its
    end, scored a year before): says so, and names the longest horizon that has outcomes, if any."""
    none = t("health.backtest_none", month=windows.month_label(month), horizon=horizon, pct=f"{pct:g}",
             total=f"{total:,}")
    longest = min(backtest.MAX_HORIZON, windows.months_between(month, as_of))
    later = int(every.tested(longest).outcome(pct).sum()) if longest > horizon else 0
    hint = t("health.backtest_none_longer", horizon=longest, n=f"{later:,}") if later else t("health.backtest_none_later")
    return f"{none} {hint}"


def backtest_section(as_of: date, month: date, horizon: int, pct: float, config: Config,
                     key: tuple) -> tuple[pd.DataFrame, backtest.Tested]:
    """Rates per band, AUC, each measure's AUC and the lift chart; returns the back-test data."""
    # every horizon at once: a move runs no query. A month not read before takes seconds on a large book
    # (its spinner shows only after half a second, so a cached month shows none)
    with st.spinner(t("health.bt_reading", month=windows.month_label(month)), show_time=True):
        every = shared(backtest.backtest_horizons, as_of=as_of, month=month)
    tested = every.tested(horizon)
    result = backtest.evaluate(tested, config, contraction_pct=pct, measure_aucs_too=False)
    per_measure = _measure_aucs(tested, config, (*key, month, horizon), rules_key(config), pct)
    if result.outcomes:
        finding(t("health.backtest_finding", month=windows.month_label(month), horizon=horizon, pct=f"{pct:g}",
                  auc=f"{result.auc:.2f}" if not np.isnan(result.auc) else "–", bands=band_rates(result.bands),
                  n=f"{result.outcomes:,}", total=f"{result.accounts:,}"))
    else:
        finding(no_outcome(every, as_of, month, horizon, pct, result.accounts))
    first, second, third = st.columns(3)
    first.metric(t("health.auc"), f"{result.auc:.3f}" if not np.isnan(result.auc) else "–", help=t("health.auc_help"))
    second.metric(t("health.outcome_rate"), percent(result.outcomes / max(1, result.accounts)),
                  help=t("health.outcome_rate_help", horizon=horizon, pct=f"{pct:g}"))
    top = result.lift["lift"].iloc[0] if not result.lift.empty else float("nan")
    third.metric(t("health.top_lift"), f"{top:.2f}x" if not pd.isna(top) else "–", help=t("health.top_lift_help"))
    labels = chart_labels()
    left, right = st.columns(2)
    chart(charts.band_rates(result.bands, labels=labels, band_names=band_names()), into=left, config=CHART_CONFIG,
          key="health.bt_rates")
    chart(charts.lift_chart(result.lift, labels=labels), into=right, config=CHART_CONFIG, key="health.bt_lift")
    shown = per_measure.assign(measure=[measure_label(n) for n in per_measure["measure"]])
    st.subheader(t("health.measure_auc"))
    chart(charts.measure_aucs(shown, labels=labels), config=CHART_CONFIG,
          key="health.bt_measures")
    box = lazy_expander(t("health.backtest_tables"), key="health.backtest_tables_open")
    if box.open:
        with box:
            for part, name in ((result.bands, "backtest"), (result.lift, "lift"), (per_measure, "measure_auc")):
                big_table(lambda rows, part=part: part.iloc[rows], len(part),
                          lambda k, part=part: np.arange(len(part))[:k], f"health_{name}_{month:%Y%m}_h{horizon}.csv",
                          key=f"health.bt_{name}_csv")
    return every.frame_for(horizon), tested
