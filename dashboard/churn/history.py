"""Before the churn: each churned account's MRR line and, when the health score exists, its health.

The health score comes from ``dashboard.health.scores.score_history`` (built by the health issue); until it
is importable :func:`health_available` is False and the page says so instead of showing the trajectory.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from dashboard import store, windows
from dashboard.revenue import metrics as revenue

try:
    from dashboard.health.scores import score_history, scored_history
    from dashboard.health.scores import state as _health_state
except ImportError:  # the health issue has not landed yet
    score_history = scored_history = _health_state = None

HISTORY_MONTHS = 12
HEALTH_MONTHS = 6
POOR_LEAD = 3
POOR = "poor"
MRR_COLUMNS = ["account_id", "churn_month", "month", "months_before", "mrr"]
HEALTH_COLUMNS = ["account_id", "churn_month", "month", "months_before", "score", "band"]


def health_state(con: duckdb.DuckDBPyConnection) -> tuple | None:
    """What the health scores depend on besides the data (``dashboard.health.scores.state``: the active
    configuration, the overrides, today), or None without the health score. A page passes it as the
    ``health`` argument of :func:`kept_health` and :func:`health_before_churn`, whose results it caches per
    dataset version: a configuration saved on the Health page then reaches the Churn page at once."""
    return None if _health_state is None else _health_state(con)


def health_available() -> bool:
    """True when the health score's history can be computed (the health module is importable)."""
    return score_history is not None


def prepare(con: duckdb.DuckDBPyConnection, *, as_of: date) -> None:
    """When a version is committed: every churn's MRR history (windows slice it), and the health
    measures of the months the page's default window (the trailing 12 months to ``as_of``) reads before
    its churns (the months before the health page's recent ones would otherwise be ranked on the page's
    first view)."""
    _history_table(con, as_of)
    if score_history is None or not store.has_table(con, "usage"):
        return
    from dashboard.health import measures

    start = windows.window("trailing_12", as_of).start
    measures.build_months(con, as_of=as_of, first=windows.add_months(start, 1 - HEALTH_MONTHS))
    _health_rows(con, as_of)


def _health_rows(con: duckdb.DuckDBPyConnection, as_of: date) -> tuple[str, date] | None:
    """The health measures rows of every account that churns in the trailing 12 months to ``as_of``, over
    the months from :data:`HEALTH_MONTHS` before that window through ``as_of``, kept as a table of the
    version (a window inside those months reads its churned accounts from it, not from the whole book's
    ranked rows), and the start of the window it covers. None on a read-only connection that finds it or
    the measures it reads not built."""
    from dashboard.health import measures

    as_of = windows.add_months(as_of, 0)
    start = windows.window("trailing_12", as_of).start
    version = store.current_version(con)
    built = store.derived_name(con, version, f"churn_health_rows_{as_of:%Y%m}") if version is not None else None
    if built is not None:  # a page view: read it (no look at each table it was built from)
        return built, start
    first = windows.add_months(start, 1 - HEALTH_MONTHS)
    ranked = measures.tables(con, as_of=as_of, first=first, last=as_of)
    history = _history_table(con, as_of)
    if ranked is None or history is None:
        return None
    table = revenue.kept_table(con, "churn_health_rows", as_of=as_of, history=history, measures=ranked,
                               start=start, end=as_of, first=first, last=as_of)
    return (table, start) if table is not None else None


def _history(con: duckdb.DuckDBPyConnection, *, as_of: date, start: date, end: date, months: int) -> pd.DataFrame:
    """churn_mrr_history.sql's rows for the window: sliced from the version's table of every churn's
    :data:`HISTORY_MONTHS` months (built once; a window used to scan the book's 20M movements twice),
    or computed for the window when more months are asked for or a read-only connection finds no table."""
    table = _history_table(con, as_of) if months <= HISTORY_MONTHS else None
    if table is None:
        return revenue.grid_query(con, "churn_mrr_history", as_of=as_of, start=start, end=end, months=int(months))
    return store.query(con, store.load_sql("churn_mrr_history_slice"),
                       {"history": table, "start": start, "end": end, "months": int(months)})


def _history_table(con: duckdb.DuckDBPyConnection, as_of: date) -> str | None:
    """Every churn through ``as_of`` with its :data:`HISTORY_MONTHS` months before, as a table of the version."""
    return revenue.kept_table(con, "churn_mrr_history", as_of=as_of, start=date(1, 1, 1),
                              end=date(as_of.year, as_of.month, 1), months=HISTORY_MONTHS)


def mrr_before_churn(con: duckdb.DuckDBPyConnection, *, as_of: date, start: date, end: date,
                     months: int = HISTORY_MONTHS) -> pd.DataFrame:
    """MRR of each churned account of the window over the ``months`` months before its churn.

    Grain: one row per churn movement (month M with ``start`` < M <= ``end``) and month from
    M - ``months`` (or the account's first paying month) through M. Columns: account_id, churn_month,
    month, months_before (0 = churn month, -1 = the month before, ...), mrr (0 in the churn month).
    """
    frame = _history(con, as_of=as_of, start=start, end=end, months=int(months))
    frame = frame.reindex(columns=MRR_COLUMNS)
    for col in ("churn_month", "month"):
        frame[col] = _firsts(frame[col])
    return frame.astype({"account_id": "str", "months_before": "int64", "mrr": "float64"}).reset_index(drop=True)


def health_before_churn(con: duckdb.DuckDBPyConnection, *, as_of: date, start: date, end: date,
                        months: int = HEALTH_MONTHS, nearest: int = 1, health: tuple | None = None) -> pd.DataFrame:
    """Health score of each churned account of the window over the ``months`` months before its churn.

    Grain: one row per churn movement (month M in the window) and month from M - ``months`` through
    M - ``nearest`` (M - 1 by default; the page's finding asks for M - 3 alone) that has a score.
    Columns: account_id, churn_month, month, months_before (-1 = the month before the churn, ...), score,
    band. Empty when the health score is not available (no dashboard.health, or no usage table).
    ``health``: :func:`health_state`, for a caller that caches the result (not read here).
    """
    empty = pd.DataFrame(columns=HEALTH_COLUMNS)
    if score_history is None or not store.has_table(con, "usage"):
        return empty
    end = min(end, windows.add_months(as_of, 0))  # a window running past the as-of month: no churn after it
    churns = window_churns(con, as_of=as_of, start=start, end=end)
    if churns.empty:
        return empty
    span = windows.months_between(windows.add_months(start, 1 - months), end) + 1
    accounts = sorted(set(churns["account_id"]))
    kept = _health_rows(con, as_of)
    if kept is not None and kept_span(as_of, start, months):  # all among the kept rows
        from dashboard.health import measures

        rows = store.query(con, store.load_sql("churn_health_rows_slice"),
                           {"rows": kept[0], "history": _history_table(con, as_of), "start": start, "end": end,
                            "months": int(months), "nearest": int(nearest)})
        scores = scored_history(con, measures.shaped(con, rows, accounts), as_of=end)
    else:
        scores = score_history(con, as_of=end, months=span, accounts=accounts)
    return health_from(_normalised(scores), churns, months=months, nearest=nearest)


def window_churns(con: duckdb.DuckDBPyConnection, *, as_of: date, start: date, end: date) -> pd.DataFrame:
    """The churn movements of the window (through the as-of month). Columns: account_id, churn_month."""
    end = min(end, windows.add_months(as_of, 0))
    churns = _history(con, as_of=as_of, start=start, end=end, months=0)
    return churns.reindex(columns=["account_id", "churn_month"]).astype({"account_id": "str"})


def kept_health(con: duckdb.DuckDBPyConnection, *, as_of: date, health: tuple | None = None) -> pd.DataFrame | None:
    """:func:`score_history` rows of every account that churns in the trailing 12 months to ``as_of``, in
    the months the version keeps for them (churn_health_rows.sql), scored once: a page slices a window's
    churns from it (:func:`health_from`) instead of scoring them again for each window. None when the
    rows are not kept or there is no health score. ``health``: as for :func:`health_before_churn`."""
    if score_history is None or not store.has_table(con, "usage"):
        return None
    kept = _health_rows(con, as_of)
    if kept is None:
        return None
    from dashboard.health import measures

    rows = store.query(con, "SELECT * FROM query_table($rows)", {"rows": kept[0]})
    accounts = sorted(set(rows["account_id"].astype(str)))
    return _normalised(scored_history(con, measures.shaped(con, rows, accounts), as_of=as_of))


def kept_span(as_of: date, start: date, months: int = HEALTH_MONTHS) -> bool:
    """True when :func:`kept_health` holds a window starting at ``start`` (``months`` months before its churns)."""
    return start >= windows.window("trailing_12", windows.add_months(as_of, 0)).start and months <= HEALTH_MONTHS


def health_from(scores: pd.DataFrame, churns: pd.DataFrame, *, months: int = HEALTH_MONTHS,
                nearest: int = 1) -> pd.DataFrame:
    """:func:`health_before_churn` of the churns ``churns`` (:func:`window_churns`) from scored months
    ``scores`` (account_id as text, month as the first day of the month, score, band; :func:`kept_health`)
    that hold theirs: each churn's months from ``nearest`` to ``months`` before it, looked up by account
    and month (no pass over every month of every account)."""
    if churns.empty:
        return pd.DataFrame(columns=HEALTH_COLUMNS)
    churns = churns[["account_id", "churn_month"]].assign(churn_month=_firsts(churns["churn_month"]))
    wanted = []
    for back in range(nearest, months + 1):
        earlier = {m: windows.add_months(m, -back) for m in churns["churn_month"].unique()}
        wanted.append(churns.assign(month=churns["churn_month"].map(earlier), months_before=-back))
    joined = pd.concat(wanted, ignore_index=True).merge(scores, on=["account_id", "month"])
    joined = joined.sort_values(["churn_month", "account_id", "month"], kind="stable")
    return joined[HEALTH_COLUMNS].astype({"months_before": "int64"}).reset_index(drop=True)


def _normalised(scores: pd.DataFrame) -> pd.DataFrame:
    """Scored months as :func:`health_from` reads them: account ids as text, months as first days."""
    return scores.assign(month=_firsts(scores["month"]), account_id=scores["account_id"].astype(str))


def _firsts(values: pd.Series) -> pd.Series:
    """Each value as the first day of its month (a ``datetime.date``), made once per distinct month."""
    codes, stamps = pd.factorize(pd.to_datetime(pd.Series(values)))
    firsts = pd.Series([date(s.year, s.month, 1) for s in stamps], dtype=object)
    return pd.Series(firsts.to_numpy()[codes] if len(codes) else [], index=values.index, dtype=object)


def poor_before_churn(health: pd.DataFrame, *, lead: int = POOR_LEAD) -> dict[str, int]:
    """How many churned accounts were already Poor ``lead`` months before their churn.

    ``health`` is :func:`health_before_churn`. Returns {"scored": churns with a band at M - lead,
    "poor": those whose band was Poor}."""
    at = health[health["months_before"] == -lead]
    poor = at[at["band"].astype(str).str.lower() == POOR]
    return {"scored": int(len(at.drop_duplicates(["account_id", "churn_month"]))),
            "poor": int(len(poor.drop_duplicates(["account_id", "churn_month"])))}
