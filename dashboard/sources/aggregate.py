"""The usage aggregation, built as Ibis expressions that run inside the source engine: only one row per
account, month and measure comes back.

Grain of the result: one row per account, month and measure. Columns: account_id (text), month (first
day, a date), metric (text), value (float).

What the measures count (:func:`measures`):

- without a mapping, every event name is a measure of its own name (its events counted);
- with a mapping (event name -> measure), only mapped events count (an unmapped event is left out),
  several events may feed one measure, and the measure's name says how: ``features_used`` the distinct
  event names mapped to it, ``seats`` the highest value of the value column in the month, any other
  name the number of its events;
- either way, when a user column is named, ``active_users`` is the distinct user ids of the events
  that count (events mapped to ``active_users`` add their users and nothing else); a month whose
  events have no user id has no ``active_users`` row.

One expression per kind of measure (the event counts, each distinct count, seats), unioned: each is a
group-by the engine runs where the events are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from dashboard.i18n import Msg
from dashboard.sources.connection import SourceError, reason

USERS, FEATURES, SEATS = "active_users", "features_used", "seats"
MEASURE_HINTS = ("logins", "active_users", "features_used", "seats", "support_tickets", "new_feature_adoption",
                 "nps", "months_to_renewal")
COLUMNS = ["account_id", "month", "metric", "value"]
_TIME_TYPES = ("timestamp", "date", "string")


@dataclass(frozen=True)
class Columns:
    """The events table's columns, as the user names them (checked against its schema before use)."""

    account: str
    time: str
    event: str
    user: str | None = None
    value: str | None = None

    def named(self) -> dict[str, str]:
        return {role: col for role, col in (("account", self.account), ("time", self.time), ("event", self.event),
                                            ("user", self.user), ("value", self.value)) if col}


@dataclass(frozen=True)
class Measures:
    """Event name -> measure (empty: each event its own measure). Kept as pairs so it hashes."""

    pairs: tuple[tuple[str, str], ...] = field(default=())

    @classmethod
    def of(cls, mapping: dict[str, str] | None) -> Measures:
        cleaned = {str(k).strip(): str(v).strip() for k, v in (mapping or {}).items() if str(k).strip()}
        if any(not v for v in cleaned.values()):
            raise SourceError(Msg("sources.bad_map"))
        return cls(tuple(sorted(cleaned.items())))

    def mapping(self) -> dict[str, str]:
        return dict(self.pairs)


def check_columns(table, columns: Columns, table_name: str) -> None:
    """Each named column exists in ``table``'s schema and has a usable type, else one clear message."""
    schema = table.schema()
    names = list(schema.names)
    for role, col in columns.named().items():
        if col not in names:
            raise SourceError(Msg("sources.no_column", column=col, role=role, table=table_name,
                                  columns=", ".join(names[:30])))
    time_type = schema[columns.time]
    if not (time_type.is_timestamp() or time_type.is_date() or time_type.is_string()):
        raise SourceError(Msg("sources.bad_time", column=columns.time, type=str(time_type)))
    if columns.value and not schema[columns.value].is_numeric():
        raise SourceError(Msg("sources.bad_value", column=columns.value, type=str(schema[columns.value])))


def expression(table, columns: Columns, measures: Measures, *, since: date | None = None):
    """The Ibis expression of the usage aggregate (module docstring) over ``table``; months before
    ``since`` are left out in the engine."""
    import ibis

    time = table[columns.time]
    if time.type().is_string():
        time = time.cast("timestamp")
    month = time.truncate("M").cast("date") if not time.type().is_date() else time.truncate("M")
    base = table.filter(table[columns.account].notnull(), table[columns.time].notnull(),
                        table[columns.event].notnull())
    base = base.select(account_id=base[columns.account].cast("string"), month=month.cast("date"),
                       event=base[columns.event].cast("string"),
                       user=base[columns.user].cast("string") if columns.user else ibis.null("string"),
                       amount=base[columns.value].cast("float64") if columns.value else ibis.null("float64"))
    if since is not None:
        base = base.filter(base.month >= ibis.date(since.year, since.month, 1))
    keys = ["account_id", "month"]
    mapping = measures.mapping()
    if set(mapping.values()) & {USERS} and not columns.user:
        raise SourceError(Msg("sources.needs_user", measure=USERS))
    if set(mapping.values()) & {SEATS} and not columns.value:
        raise SourceError(Msg("sources.needs_value", measure=SEATS))
    if not mapping:
        # each event its own measure: its events counted; the distinct users of all events beside
        parts = [base.group_by([*keys, base.event.name("metric")]).aggregate(value=base.count().cast("float64"))]
        if columns.user:
            users = base.filter(base.user.notnull())
            parts.append(_per_month(users, USERS, users.user.nunique()))
    else:
        parts = [_mapped(base.filter(base.event.isin(list(mapping))), mapping, with_users=bool(columns.user))]
    union = parts[0]
    for part in parts[1:]:
        union = union.union(part)
    return union.filter(union.value.notnull()).order_by(["account_id", "month", "metric"])


def _mapped(events, mapping: dict[str, str], *, with_users: bool):
    """The mapped measures in one pass over the events: one aggregate expression per measure in one
    group-by (account, month), then one row per measure. A count of 0 (no event of the measure that
    month) gives no row, as a missing measure does in a file."""
    import ibis

    names = sorted(set(mapping.values()) - {USERS})
    aggs = {}
    for i, measure in enumerate(names):
        mine = events.event.isin(sorted(e for e, m in mapping.items() if m == measure))
        if measure == FEATURES:
            value = events.event.nunique(where=mine).nullif(0)
        elif measure == SEATS:
            value = events.amount.max(where=mine)
        else:
            value = events.count(where=mine).nullif(0)
        aggs[f"m{i}"] = value.cast("float64")  # neutral column names: a measure may be named anything
    if with_users:
        aggs[f"m{len(names)}"] = events.user.nunique().nullif(0).cast("float64")
        names.append(USERS)
    wide = events.group_by(["account_id", "month"]).aggregate(**aggs)
    # one row per measure: the row of an account and month repeated for each name (an array unnested,
    # which every engine has), carrying that measure's value
    measure = ibis.array(list(names)).unnest()
    long = wide.select("account_id", "month", *aggs, metric=measure)
    value = ibis.cases(*((long.metric == name, long[f"m{i}"]) for i, name in enumerate(names)))
    return long.select("account_id", "month", metric=long.metric.cast("string"), value=value)


def _per_month(events, measure: str, value):
    import ibis

    grouped = events.group_by(["account_id", "month"]).aggregate(value=value.cast("float64"))
    return grouped.select("account_id", "month", metric=ibis.literal(measure, "string"), value="value")


def sql(backend, expr) -> str:
    """The statement the engine runs, in its own dialect (Ibis compiles it)."""
    try:
        return str(backend.compile(expr, pretty=True))
    except Exception:  # an engine that compiles through another path: Ibis's generic compiler
        import ibis

        return str(ibis.to_sql(expr))


def run(backend, expr, *, engine: str) -> pd.DataFrame:
    """Execute ``expr`` in the engine and return the aggregate with fixed column types (COLUMNS)."""
    try:
        frame = backend.execute(expr)
    except Exception as exc:  # the engine's own error, said in one line
        raise SourceError(Msg("sources.engine_failed", engine=engine, reason=reason(exc))) from None
    frame = frame[COLUMNS] if not frame.empty else pd.DataFrame({c: [] for c in COLUMNS})
    return pd.DataFrame({"account_id": frame["account_id"].astype(str),
                         "month": pd.to_datetime(frame["month"]).dt.date,
                         "metric": frame["metric"].astype(str),
                         "value": frame["value"].astype("float64")}, columns=COLUMNS).reset_index(drop=True)
