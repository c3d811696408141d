"""The all-hands retrospective: the deck order, anonymised names, and learnings saved per account.

Learnings and action items live in ``app.churn_retro_notes`` (one row per account and churn month),
outside the dataset versions, so loading new data never erases what the room wrote.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

import duckdb
import pandas as pd

from dashboard import store
from dashboard.access import Identity, audit, require

NOTES_TABLE = "app.churn_retro_notes"
NOTE_COLUMNS = ["account_id", "churn_month", "learnings", "action_items", "updated_at"]
_NOTES_DDL = f"""CREATE TABLE IF NOT EXISTS {NOTES_TABLE} (
    account_id VARCHAR NOT NULL, churn_month DATE NOT NULL, learnings VARCHAR, action_items VARCHAR,
    updated_at TIMESTAMP NOT NULL, PRIMARY KEY (account_id, churn_month))"""


def letters(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA", 27 -> "AB" (spreadsheet column names)."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def aliases(account_ids: Iterable[str], prefix: str = "Customer") -> dict[str, str]:
    """Each distinct account id, in order of first appearance, -> "<prefix> A", "<prefix> B", ..."""
    out: dict[str, str] = {}
    for account_id in account_ids:
        if account_id not in out:
            out[account_id] = f"{prefix} {letters(len(out))}"
    return out


def name_map(names: Mapping[str, str | None], alias: Mapping[str, str], other: str) -> dict[str, str]:
    """Real name -> what to show instead: the account's alias, or ``other`` for accounts outside the deck.

    ``names`` maps account id -> account name (every account, so a note naming another customer is
    hidden too); ``alias`` maps account id -> alias."""
    out: dict[str, str] = {}
    for account_id, name in names.items():
        if name is None or (isinstance(name, float)) or not str(name).strip():
            continue
        out.setdefault(str(name).strip(), alias.get(account_id, other))
    return out


def anonymise(text: str | None, replacements: Mapping[str, str]) -> str | None:
    """``text`` with every real name of ``replacements`` (case-insensitive, longest first) replaced."""
    if text is None or not replacements or (isinstance(text, float)):
        return text
    names = sorted(replacements, key=len, reverse=True)
    lowered = {name.lower(): replacements[name] for name in names}
    pattern = re.compile("|".join(re.escape(name) for name in names), re.IGNORECASE)
    return pattern.sub(lambda m: lowered[m.group(0).lower()], str(text))


def anonymise_frame(frame: pd.DataFrame, alias: Mapping[str, str], replacements: Mapping[str, str],
                    other: str, csm_alias: Mapping[str, str] | None = None) -> pd.DataFrame:
    """A copy of ``frame`` with account_name set to the alias, account_id to the alias (ids identify
    customers too), csm to the CSM's alias (CSMs are people) and every text column's real names replaced."""
    out = frame.copy()
    ids = out["account_id"].astype(str) if "account_id" in out else None
    csm_alias = csm_alias or {}
    for column in out.columns:
        if column == "account_name" and ids is not None:
            out[column] = [alias.get(i, other) for i in ids]
        elif column == "account_id":
            out[column] = [alias.get(i, other) for i in ids]
        elif column == "csm":
            out[column] = [csm_alias.get(str(v).strip(), v) if isinstance(v, str) and v.strip() else v
                           for v in out[column]]
        elif out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = [anonymise(v, replacements) if isinstance(v, str) else v for v in out[column]]
    return out


@dataclass(frozen=True)
class Anonymiser:
    """What the page shows for names: real ones (``on`` False) or aliases everywhere (``on`` True)."""

    on: bool = False
    alias: Mapping[str, str] = field(default_factory=dict)
    replacements: Mapping[str, str] = field(default_factory=dict)
    other: str = "Another customer"
    csm_alias: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, on: bool, deck_ids: Iterable[str], names: Mapping[str, str | None], *, prefix: str,
              other: str, csms: Iterable[str] = (), csm_prefix: str = "CSM") -> Anonymiser:
        """Aliases in deck order (ARR lost, biggest first); ``names`` is every account's id -> name;
        ``csms`` every CSM's name (people are hidden too: "CSM A", "CSM B", ... in the order given)."""
        alias = aliases(deck_ids, prefix)
        people = aliases([str(c).strip() for c in csms if isinstance(c, str) and c.strip()], csm_prefix)
        replacements = {**people, **name_map(names, alias, other)}
        return cls(on, alias, replacements, other, people)

    def name(self, account_id: str, real: str | None) -> str:
        if self.on:
            return self.alias.get(str(account_id), self.other)
        return real if real else str(account_id)

    def labels(self, account_ids, real_names) -> list[str]:
        """:meth:`name` of each account, told apart where two accounts share a name by the account id
        (only when the switch is off: an alias is already one per account, and an id identifies)."""
        ids = [str(i) for i in account_ids]
        if self.on:
            return [self.alias.get(i, self.other) for i in ids]
        shown = [name if name else i for i, name in zip(ids, real_names, strict=True)]
        # (a window's tens of thousands of churns on every rerun: one pass, no method call per row)
        accounts_named = Counter(name for name, _ in set(zip(shown, ids)))
        return [f"{name} ({i})" if accounts_named[name] > 1 else name for i, name in zip(ids, shown)]

    def text(self, value: str | None) -> str | None:
        return anonymise(value, self.replacements) if self.on else value

    def frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        return (anonymise_frame(frame, self.alias, self.replacements, self.other, self.csm_alias) if self.on
                else frame)


def ensure_notes_table(con: duckdb.DuckDBPyConnection) -> None:
    with store.transaction(con) as cur:
        cur.execute(_NOTES_DDL)


def save_note(con: duckdb.DuckDBPyConnection, *, by: Identity, account_id: str, churn_month: date, learnings: str,
              action_items: str, now: datetime | None = None) -> None:
    """Save (or replace) the learnings and action items of one churned account (``by``: an editor or
    admin; audited with the account and churn month, not the text)."""
    require(by, "learning.save")
    with store.transaction(con) as cur:
        cur.execute(_NOTES_DDL)
        cur.execute(f"INSERT OR REPLACE INTO {NOTES_TABLE} VALUES (?, ?, ?, ?, ?)",
                    [str(account_id), churn_month, learnings, action_items, now or datetime.now()])
        audit.record(cur, by, "learning.save", f"{account_id}: churn {churn_month:%Y-%m}", now=now)


def load_notes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every saved retrospective note. Grain: one row per account and churn month.
    Columns: account_id, churn_month (date), learnings, action_items, updated_at. Empty when none."""
    if not store.has_saved_table(con, NOTES_TABLE):
        return pd.DataFrame(columns=NOTE_COLUMNS)
    frame = store.query(con, f"SELECT {', '.join(NOTE_COLUMNS)} FROM {NOTES_TABLE} ORDER BY churn_month, account_id")
    frame["churn_month"] = [pd.Timestamp(m).date() for m in frame["churn_month"]]
    return frame


def note_for(notes: pd.DataFrame, account_id: str, churn_month: date) -> tuple[str, str]:
    """The saved (learnings, action_items) of one churn, or empty strings."""
    rows = notes[(notes["account_id"] == str(account_id)) & (notes["churn_month"] == churn_month)]
    if rows.empty:
        return "", ""
    row = rows.iloc[0]
    return (row["learnings"] or "", row["action_items"] or "")


def csm_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every CSM the data names (accounts.csm and team.csm), sorted."""
    names: set[str] = set()
    for table in ("accounts", "team"):
        if store.has_table(con, table):
            names |= {str(v) for v in store.query(con, f"SELECT DISTINCT csm FROM {table} WHERE csm IS NOT NULL")["csm"]}
    return sorted(names)


def account_names(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every account's name. Grain: one row per account. Columns: account_id, account_name (may be null)."""
    if not store.has_table(con, "accounts"):
        return pd.DataFrame(columns=["account_id", "account_name"])
    return store.query(con, "SELECT account_id, min(account_name) AS account_name FROM accounts "
                            "GROUP BY account_id ORDER BY account_id")
