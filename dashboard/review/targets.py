"""Targets (予実): the NRR and GRR a fiscal year is planned at, for the whole book or one segment.

Targets live in ``app.revenue_targets``, outside the dataset versions: loading new data never erases
the plan. A fiscal year is named by the calendar year it starts in (FY2025 with an April start is
April 2025 - March 2026, :func:`dashboard.windows.fiscal_year_of`); a window is measured against the
target of the fiscal year its last month falls in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime

import duckdb
import pandas as pd

from dashboard import store, windows
from dashboard.access import Identity, audit, require
from dashboard.i18n import Msg

TABLE = "app.revenue_targets"
ALL = ""  # the segment of a target for the whole book
COLUMNS = ["fiscal_year", "segment", "nrr", "grr", "updated_at"]
_DDL = f"""CREATE TABLE IF NOT EXISTS {TABLE} (
    fiscal_year INTEGER NOT NULL, segment VARCHAR NOT NULL, nrr DOUBLE, grr DOUBLE,
    updated_at TIMESTAMP NOT NULL, PRIMARY KEY (fiscal_year, segment))"""
# writes this process made (a page keeps what it read until the next one: dashboard.review.view)
REVISION = [0]
# a rate written as a percentage (110) or a ratio (1.10) is read as a ratio; beyond these it is a typo
LOWEST, HIGHEST = 0.0, 3.0


class TargetError(ValueError):
    """A target the user can correct; ``msg`` says which value and why."""

    def __init__(self, msg: Msg):
        self.msg = msg
        super().__init__(str(msg))


@dataclass(frozen=True)
class Target:
    """The NRR and GRR planned for one fiscal year (either may be missing)."""

    fiscal_year: int
    nrr: float | None
    grr: float | None
    segment: str = ALL

    def gap(self, name: str, value: float) -> float | None:
        """``value`` minus the target ``name`` ("nrr" or "grr"), in ratio points; None without one."""
        planned = getattr(self, name)
        if planned is None or value is None or math.isnan(value):
            return None
        return value - planned


def rate(value, what: str) -> float | None:
    """A target rate from what a person types: 110, "110%", "110％", 1.1 -> 1.10; empty -> None."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip().replace("％", "%")
    percent = text.endswith("%")
    text = text.removesuffix("%").strip().replace(",", ".")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise TargetError(Msg("review.target_not_number", what=what, given=str(value))) from None
    ratio = number / 100 if percent or number > HIGHEST else number
    if not LOWEST < ratio <= HIGHEST or math.isnan(ratio):
        raise TargetError(Msg("review.target_range", what=what, given=str(value)))
    return ratio


def save_target(con: duckdb.DuckDBPyConnection, *, by: Identity, fiscal_year: int, nrr, grr,
                segment: str | None = None, now: datetime | None = None) -> Target:
    """Save (or replace) the targets of one fiscal year (and segment); ``by`` must be an editor or admin."""
    require(by, "target.save")
    target = Target(_year(fiscal_year), rate(nrr, "NRR"), rate(grr, "GRR"), (segment or ALL).strip())
    if target.nrr is None and target.grr is None:
        raise TargetError(Msg("review.target_empty", year=target.fiscal_year))
    with store.transaction(con) as cur:
        cur.execute(_DDL)
        cur.execute(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?, ?, ?, ?)",
                    [target.fiscal_year, target.segment, target.nrr, target.grr, now or datetime.now()])
        audit.record(cur, by, "target.save", _describe(target), now=now)
    REVISION[0] += 1
    return target


def delete_target(con: duckdb.DuckDBPyConnection, *, by: Identity, fiscal_year: int, segment: str | None = None,
                  now: datetime | None = None) -> bool:
    """Delete one fiscal year's targets (whole book, or ``segment``); False when there were none."""
    require(by, "target.delete")
    if not store.has_saved_table(con, TABLE):
        return False
    with store.transaction(con) as cur:
        key = [_year(fiscal_year), (segment or ALL).strip()]
        found = cur.execute(f"SELECT count(*) FROM {TABLE} WHERE fiscal_year = ? AND segment = ?", key).fetchall()[0][0]
        if not found:
            return False
        cur.execute(f"DELETE FROM {TABLE} WHERE fiscal_year = ? AND segment = ?", key)
        audit.record(cur, by, "target.delete", f"FY{key[0]}" + (f" {key[1]}" if key[1] else ""), now=now)
    REVISION[0] += 1
    return True


def load_targets(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every saved target. Grain: one row per fiscal year and segment ("" = the whole book).
    Columns: fiscal_year (int), segment, nrr, grr (ratios, may be NaN), updated_at."""
    if not store.has_saved_table(con, TABLE):
        return pd.DataFrame({"fiscal_year": pd.Series(dtype="int64"), "segment": pd.Series(dtype=object),
                             "nrr": pd.Series(dtype="float64"), "grr": pd.Series(dtype="float64"),
                             "updated_at": pd.Series(dtype="datetime64[us]")})
    frame = store.query(con, f"SELECT {', '.join(COLUMNS)} FROM {TABLE} ORDER BY fiscal_year, segment", record=False)
    return frame.astype({"fiscal_year": "int64", "nrr": "float64", "grr": "float64"})


def target_for(targets: pd.DataFrame, month: date, *, fiscal_start: int = 1, segment: str = ALL) -> Target | None:
    """The target of the fiscal year ``month`` falls in (for ``segment``); None when none is saved."""
    year = windows.fiscal_year_of(month, fiscal_start)
    rows = targets[(targets["fiscal_year"] == year) & (targets["segment"] == segment)]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return Target(year, _ratio(row["nrr"]), _ratio(row["grr"]), segment)


def by_segment(targets: pd.DataFrame, month: date, *, fiscal_start: int = 1) -> pd.DataFrame:
    """The segments' own targets for the fiscal year ``month`` falls in, to join to a split by segment.
    Grain: one row per segment with a target. Columns: group, nrr_target, grr_target."""
    year = windows.fiscal_year_of(month, fiscal_start)
    rows = targets[(targets["fiscal_year"] == year) & (targets["segment"] != ALL)]
    return pd.DataFrame({"group": rows["segment"].astype(str).tolist(), "nrr_target": rows["nrr"].astype("float64").tolist(),
                         "grr_target": rows["grr"].astype("float64").tolist()})


def monthly(targets: pd.DataFrame, months, *, fiscal_start: int = 1) -> pd.DataFrame:
    """The whole book's targets month by month, for drawing the target line on a trend.
    Grain: one row per month of ``months``. Columns: month, fiscal_year, nrr_target, grr_target."""
    book = {int(year): (_ratio(nrr), _ratio(grr)) for year, segment, nrr, grr
            in zip(targets["fiscal_year"], targets["segment"], targets["nrr"], targets["grr"]) if segment == ALL}
    rows = []
    for month in months:
        year = windows.fiscal_year_of(month, fiscal_start)
        rows.append((month, year, *book.get(year, (None, None))))
    frame = pd.DataFrame(rows, columns=["month", "fiscal_year", "nrr_target", "grr_target"])
    return frame.astype({"fiscal_year": "int64", "nrr_target": "float64", "grr_target": "float64"})


def import_rows(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, *, by: Identity) -> int:
    """Save every row of a targets table (columns fiscal_year, nrr, grr and optionally segment), all or
    nothing: a bad row raises :class:`TargetError` naming its row before anything is saved."""
    if "fiscal_year" not in frame.columns or not {"nrr", "grr"} & set(frame.columns):
        raise TargetError(Msg("review.target_columns", columns="fiscal_year, nrr, grr"))
    checked = []
    for number, row in enumerate(frame.to_dict("records"), start=2):
        try:
            target = Target(_year(row["fiscal_year"]), rate(row.get("nrr"), "NRR"), rate(row.get("grr"), "GRR"),
                            str(row.get("segment") or ALL).strip())
        except TargetError as exc:
            raise TargetError(Msg("review.target_row", row=number, problem=exc.msg)) from None
        checked.append(target)
    for target in checked:
        save_target(con, by=by, fiscal_year=target.fiscal_year, nrr=target.nrr, grr=target.grr, segment=target.segment)
    return len(checked)


def _year(value) -> int:
    text = str(value).strip().upper().removeprefix("FY")
    try:
        year = int(float(text))
    except ValueError:
        raise TargetError(Msg("review.target_year", given=str(value))) from None
    if not 1900 <= year <= 2200:
        raise TargetError(Msg("review.target_year", given=str(value)))
    return year


def _ratio(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _describe(target: Target) -> str:
    parts = [f"FY{target.fiscal_year}"] + ([target.segment] if target.segment else [])
    parts += [f"{name.upper()} {value:.1%}" for name, value in (("nrr", target.nrr), ("grr", target.grr))
              if value is not None]
    return " ".join(parts)
