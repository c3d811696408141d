"""Notes on the timeline: dated events (a day or a span) that explain a move in the numbers, such as
a price change, a launch or a reorganisation, drawn on the NRR trend and the cohort curves.

Notes live in ``app.timeline_notes``, outside the dataset versions, so they are kept across loads.
"""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pandas as pd

from dashboard import parsing, store, windows
from dashboard.access import Identity, audit, require
from dashboard.i18n import Msg

TABLE = "app.timeline_notes"
COLUMNS = ["note_id", "starts", "ends", "text", "category", "updated_by", "updated_at"]
CATEGORIES = ("price_change", "launch", "reorganisation", "campaign", "incident", "other")
TEXT_LIMIT = 200
# writes this process made (a page keeps what it read until the next one: dashboard.review.view)
REVISION = [0]
_DDL = f"""CREATE TABLE IF NOT EXISTS {TABLE} (
    note_id INTEGER PRIMARY KEY, starts DATE NOT NULL, ends DATE, text VARCHAR NOT NULL, category VARCHAR,
    updated_by VARCHAR NOT NULL, updated_at TIMESTAMP NOT NULL)"""


class NoteError(ValueError):
    """A note the user can correct; ``msg`` says what was wrong."""

    def __init__(self, msg: Msg):
        self.msg = msg
        super().__init__(str(msg))


def checked(starts, ends, text, category) -> tuple[date, date | None, str, str | None]:
    """A note's values as stored, or :class:`NoteError`: a day (or the first day of a span), an
    optional last day not before it, a short one-line text, a category from :data:`CATEGORIES`."""
    first = _day(starts, "starts")
    if first is None:
        raise NoteError(Msg("review.note_no_date"))
    last = _day(ends, "ends")
    if last is not None and last < first:
        raise NoteError(Msg("review.note_span", starts=f"{first:%Y-%m-%d}", ends=f"{last:%Y-%m-%d}"))
    words = " ".join(str(text or "").split())
    if not words:
        raise NoteError(Msg("review.note_no_text"))
    if len(words) > TEXT_LIMIT:
        raise NoteError(Msg("review.note_long", limit=TEXT_LIMIT))
    kind = str(category).strip() if category is not None and not pd.isna(category) and str(category).strip() else None
    if kind is not None and kind not in CATEGORIES:
        raise NoteError(Msg("review.note_category", given=kind, allowed=", ".join(CATEGORIES)))
    return first, (last if last != first else None), words, kind


def save_note(con: duckdb.DuckDBPyConnection, *, by: Identity, starts, text, ends=None, category=None,
              note_id: int | None = None, now: datetime | None = None) -> int:
    """Add a note (``note_id`` None) or replace note ``note_id``; returns its id. ``by``: an editor or admin."""
    require(by, "timeline.save")
    first, last, words, kind = checked(starts, ends, text, category)
    with store.transaction(con) as cur:
        cur.execute(_DDL)
        if note_id is None:
            note_id = int(cur.execute(f"SELECT coalesce(max(note_id), 0) + 1 FROM {TABLE}").fetchall()[0][0])
        elif not cur.execute(f"SELECT count(*) FROM {TABLE} WHERE note_id = ?", [int(note_id)]).fetchall()[0][0]:
            raise NoteError(Msg("review.note_unknown", note_id=note_id))
        cur.execute(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [int(note_id), first, last, words, kind, by.user, now or datetime.now()])
        audit.record(cur, by, "timeline.save", f"note {note_id}: {first:%Y-%m-%d}", now=now)
    REVISION[0] += 1
    return int(note_id)


def delete_note(con: duckdb.DuckDBPyConnection, *, by: Identity, note_id: int, now: datetime | None = None) -> bool:
    """Delete note ``note_id``; False when there was none."""
    require(by, "timeline.delete")
    if not store.has_saved_table(con, TABLE):
        return False
    with store.transaction(con) as cur:
        row = cur.execute(f"SELECT starts FROM {TABLE} WHERE note_id = ?", [int(note_id)]).fetchall()
        if not row:
            return False
        cur.execute(f"DELETE FROM {TABLE} WHERE note_id = ?", [int(note_id)])
        audit.record(cur, by, "timeline.delete", f"note {note_id}: {row[0][0]:%Y-%m-%d}", now=now)
    REVISION[0] += 1
    return True


def load_notes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every note, oldest first. Grain: one row per note. Columns: note_id (int), starts, ends (date,
    ends None for a single day), text, category (None when not given), updated_by, updated_at."""
    if not store.has_saved_table(con, TABLE):
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "note_id" else object) for c in COLUMNS})
    frame = store.query(con, f"SELECT {', '.join(COLUMNS)} FROM {TABLE} ORDER BY starts, note_id", record=False)
    for column in ("starts", "ends"):
        frame[column] = [None if pd.isna(v) else pd.Timestamp(v).date() for v in frame[column]]
    frame["category"] = [None if pd.isna(v) else v for v in frame["category"]]
    return frame.astype({"note_id": "int64"})


def in_months(notes: pd.DataFrame, first: date, last: date) -> pd.DataFrame:
    """The notes that touch the months ``first`` .. ``last`` (first days of months), with ``month``
    (the month the note starts in, or ``first`` for a span begun before) and ``end_month``."""
    rows = []
    for note in notes.to_dict("records"):
        start_month = note["starts"].replace(day=1)
        end_month = (note["ends"] or note["starts"]).replace(day=1)
        if end_month < first or start_month > last:
            continue
        rows.append({**note, "month": max(start_month, first), "end_month": min(end_month, last)})
    return pd.DataFrame(rows, columns=[*COLUMNS, "month", "end_month"])


def at_ages(notes: pd.DataFrame, cohorts: list[str], grain: str) -> pd.DataFrame:
    """Where each note falls on each cohort's curve: the cohort's age (in ``grain`` units) in the month
    the note starts. Grain: one row per note and cohort the note falls after the start of.
    Columns: note_id, text, cohort, age."""
    rows = []
    for cohort in cohorts:
        begins = _cohort_start(cohort, grain)
        if begins is None:
            continue
        for note in notes.to_dict("records"):
            months = windows.months_between(begins, note["starts"].replace(day=1))
            if months < 0:
                continue
            rows.append((note["note_id"], note["text"], cohort, months if grain == "month" else months // 3))
    return pd.DataFrame(rows, columns=["note_id", "text", "cohort", "age"])


def import_rows(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, *, by: Identity) -> int:
    """Add every row of a notes table (columns starts, text; optionally ends, category), all or nothing:
    a bad row raises :class:`NoteError` naming its row before anything is saved."""
    if not {"starts", "text"} <= set(frame.columns):
        raise NoteError(Msg("review.note_columns", columns="starts, text, ends, category"))
    rows = []
    for number, row in enumerate(frame.to_dict("records"), start=2):
        try:
            rows.append(checked(row["starts"], row.get("ends"), row["text"], row.get("category")))
        except NoteError as exc:
            raise NoteError(Msg("review.note_row", row=number, problem=exc.msg)) from None
    for first, last, words, kind in rows:
        save_note(con, by=by, starts=first, ends=last, text=words, category=kind)
    return len(rows)


def _day(value, what: str) -> date | None:
    if value is None or (not isinstance(value, date) and pd.isna(value)) or not str(value).strip():
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return parsing.parse_date(str(value).strip())
    except ValueError:
        raise NoteError(Msg("review.note_bad_date", what=what, given=str(value))) from None


def _cohort_start(cohort: str, grain: str) -> date | None:
    """The first month of a cohort label ("2024-03", "2024-Q2")."""
    try:
        if grain == "quarter":
            year, quarter = str(cohort).split("-Q")
            return date(int(year), (int(quarter) - 1) * 3 + 1, 1)
        year, month = str(cohort).split("-")[:2]
        return date(int(year), int(month), 1)
    except ValueError:
        return None
